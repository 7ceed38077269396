/* sandbox-test-util.h: helpers shared by the sandbox tests
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox runs in-process on port 0 and the tests talk to it over real
 * HTTP with a SoupSession. Server and client share the thread, so every
 * request runs the main context until its reply arrives.
 */
#pragma once

#include <string.h>
#include <libsoup/soup.h>

#include "facet-sandbox.h"

typedef struct
{
  FacetSandbox *sandbox;
  SoupSession  *session;
  const char   *base;
} Fixture;

/* No proxy resolver: the default one reads GSettings, and the sandbox is
 * on the loopback anyway. */
static inline SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("proxy-resolver", NULL, NULL);
}

static inline void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->sandbox = facet_sandbox_new (&error);
  g_assert_no_error (error);
  facet_sandbox_listen (fx->sandbox, 0, &error);
  g_assert_no_error (error);
  fx->base = facet_sandbox_get_base_url (fx->sandbox);
  g_assert_true (g_str_has_prefix (fx->base, "http://127.0.0.1:"));
  fx->session = new_session ();
}

static inline void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->session);
  /* Let the server see its clients go before it is finalized. */
  for (int i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_assert_finalize_object (fx->sandbox);
}

typedef struct
{
  GMainLoop *loop;
  GBytes    *bytes;
  GError    *error;
} SendData;

static inline void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;

  data->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

/* Sends @msg and returns the body (NULL and @error on a transport error). */
static inline GBytes *
send_message (SoupSession  *session,
              SoupMessage  *msg,
              GError      **error)
{
  SendData data = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &data);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);
  if (data.error != NULL)
    g_propagate_error (error, data.error);
  return data.bytes;
}

static inline SoupMessage *
new_message (Fixture    *fx,
             const char *method,
             const char *path)
{
  g_autofree char *url = g_strconcat (fx->base, path, NULL);

  return soup_message_new (method, url);
}

static inline void
set_body (SoupMessage *msg,
          const char  *content_type,
          const char  *body)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
}

/* Sends, asserts no transport error, returns the body as a string. */
static inline char *
send_text (Fixture     *fx,
           SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = send_message (fx->session, msg, &error);

  g_assert_no_error (error);
  if (g_bytes_get_size (bytes) == 0)
    return g_strdup ("");
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static inline JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A control or vendor call answered in JSON; asserts the status. */
static inline JsonNode *
call_json (Fixture    *fx,
           const char *method,
           const char *path,
           const char *body,
           guint       expected_status)
{
  g_autoptr(SoupMessage) msg = new_message (fx, method, path);
  g_autofree char *text = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (body != NULL)
    set_body (msg, "application/json", body);
  text = send_text (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  return parse_json (text);
}

/* An ASCII STL of a closed axis-aligned box (12 facets), or with its last
 * facet left out when @open (a hole: the model needs fixing). */
static inline char *
box_stl (double   x,
         double   y,
         double   z,
         gboolean open)
{
  static const int faces[12][3] = {
    { 0, 2, 1 }, { 0, 3, 2 }, { 4, 5, 6 }, { 4, 6, 7 }, { 0, 1, 5 }, { 0, 5, 4 },
    { 1, 2, 6 }, { 1, 6, 5 }, { 2, 3, 7 }, { 2, 7, 6 }, { 3, 0, 4 }, { 3, 4, 7 },
  };
  double v[8][3] = {
    { 0, 0, 0 }, { x, 0, 0 }, { x, y, 0 }, { 0, y, 0 },
    { 0, 0, z }, { x, 0, z }, { x, y, z }, { 0, y, z },
  };
  GString *stl = g_string_new ("solid box\n");

  for (int f = 0; f < (open ? 11 : 12); f++)
    {
      g_string_append (stl, "facet normal 0 0 0\nouter loop\n");
      for (int k = 0; k < 3; k++)
        {
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
          const double *p = v[faces[f][k]];

          g_string_append_printf (stl, "vertex %s %s %s\n", g_ascii_dtostr (a, sizeof a, p[0]),
                                  g_ascii_dtostr (b, sizeof b, p[1]), g_ascii_dtostr (c, sizeof c, p[2]));
        }
      g_string_append (stl, "endloop\nendfacet\n");
    }
  g_string_append (stl, "endsolid box\n");
  return g_string_free (stl, FALSE);
}
