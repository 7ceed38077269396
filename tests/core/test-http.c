/* test-http.c: the HTTP client against a real SoupServer on 127.0.0.1
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "facet-http-client.h"
#include "facet-provider.h"

static GMutex log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_string_append (log_text, line);
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       requests;
  int         mode;
  GPtrArray  *bodies;     /* request bodies seen */
  GBytes     *upload;     /* the file part of a multipart upload */
  char       *user_agent;
  guint       late_id;    /* the pending slow answer */
  SoupServerMessage *late_msg;
} Fixture;

enum {
  MODE_FAIL_TWICE,     /* 503 twice, then 200 */
  MODE_ALWAYS_500,
  MODE_429_SHORT,      /* 429 with Retry-After: 1, then 200 */
  MODE_429_LONG,       /* 429 with Retry-After: 3600 */
  MODE_429_DATE,       /* 429 with an HTTP date two hours ahead */
  MODE_503_WAIT,       /* 503 with Retry-After: 5 */
  MODE_CLOSE,          /* drop the connection without a reply */
  MODE_SLOW,           /* answer after 3 s */
  MODE_UPLOAD,
  MODE_ECHO_SECRETS,   /* replies with a Set-Cookie */
  MODE_429_BARE,       /* 429 without Retry-After, then 200 */
};

static gboolean
answer_late_cb (gpointer user_data)
{
  Fixture *f = user_data;
  SoupServerMessage *msg = g_steal_pointer (&f->late_msg);

  f->late_id = 0;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "late", 4);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  f->requests++;
  g_ptr_array_add (f->bodies, g_bytes_ref (bytes));
  g_free (f->user_agent);
  f->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                          "User-Agent"));

  switch (f->mode)
    {
    case MODE_FAIL_TWICE:
      soup_server_message_set_status (msg, f->requests <= 2 ? 503 : 200, NULL);
      break;
    case MODE_ALWAYS_500:
      soup_server_message_set_status (msg, 500, NULL);
      break;
    case MODE_429_SHORT:
      soup_server_message_set_status (msg, f->requests == 1 ? 429 : 200, NULL);
      soup_message_headers_replace (response_headers, "Retry-After", "1");
      break;
    case MODE_429_BARE:
      soup_server_message_set_status (msg, f->requests == 1 ? 429 : 200, NULL);
      break;
    case MODE_429_LONG:
      soup_server_message_set_status (msg, 429, NULL);
      soup_message_headers_replace (response_headers, "Retry-After", "3600");
      break;
    case MODE_429_DATE:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
        g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
        g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

        soup_server_message_set_status (msg, 429, NULL);
        soup_message_headers_replace (response_headers, "Retry-After", date);
      }
      break;
    case MODE_503_WAIT:
      soup_server_message_set_status (msg, 503, NULL);
      soup_message_headers_replace (response_headers, "Retry-After", "5");
      break;
    case MODE_CLOSE:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
        g_io_stream_close (stream, NULL, NULL);
      }
      return;
    case MODE_SLOW:
      soup_server_message_pause (msg);
      f->late_msg = g_object_ref (msg);
      f->late_id = g_timeout_add (3000, answer_late_cb, f);
      return;
    case MODE_UPLOAD:
      {
        g_autoptr(SoupMultipart) multipart =
          soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), bytes);
        SoupMessageHeaders *part_headers;
        GBytes *part_body;
        g_autoptr(GHashTable) params = NULL;
        char *disposition = NULL;

        if (multipart == NULL || soup_multipart_get_length (multipart) != 2)
          {
            soup_server_message_set_status (msg, 400, NULL);
            return;
          }
        g_assert_true (soup_multipart_get_part (multipart, 1, &part_headers, &part_body));
        g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
        g_assert_cmpstr (g_hash_table_lookup (params, "filename"), ==, "part.stl");
        g_free (disposition);
        g_clear_pointer (&f->upload, g_bytes_unref);
        f->upload = g_bytes_ref (part_body);
        g_assert_true (soup_multipart_get_part (multipart, 0, &part_headers, &part_body));
        g_assert_cmpmem (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body), "3", 1);
        soup_server_message_set_status (msg, 201, NULL);
      }
      break;
    case MODE_ECHO_SECRETS:
      soup_message_headers_append (response_headers, "Set-Cookie", "session=cookie-secret-9911");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"token\": \"reply-token-5544\", \"ok\": true}", 40);
      return;
    default:
      g_assert_not_reached ();
    }
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  f->server = soup_server_new (NULL, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  uris = soup_server_get_uris (f->server);
  f->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* The client gave up on the slow answer; it is never sent. */
  g_clear_handle_id (&f->late_id, g_source_remove);
  g_clear_object (&f->late_msg);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
  g_free (f->user_agent);
  g_ptr_array_unref (f->bodies);
  g_clear_pointer (&f->upload, g_bytes_unref);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static FacetHttpClient *
quick_client (void)
{
  FacetHttpClient *client = facet_http_client_new ();

  /* Short waits so the suite stays fast; the logic is the same. */
  facet_http_client_set_retry_policy (client, 3, 20, 2);
  return client;
}

static GBytes *
send (FacetHttpClient  *client,
      SoupMessage      *msg,
      FacetHttpFlags    flags,
      GCancellable     *cancellable,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  facet_http_client_send_async (client, msg, flags, "i.materialise", cancellable, store_result, &result);
  return facet_http_client_send_finish (client, wait_for_result (&result), NULL, error);
}

static void
test_retry_5xx_then_success (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", f->url);
  g_autoptr(GBytes) request = g_bytes_new_static ("{\"quote\": 1}", 12);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = MODE_FAIL_TWICE;
  facet_http_set_request_body (msg, "application/json", request);
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), "ok", 2);
  g_assert_cmpuint (f->requests, ==, 3);
  /* Every attempt carried the whole body again. */
  for (guint i = 0; i < f->bodies->len; i++)
    g_assert_true (g_bytes_equal (f->bodies->pdata[i], request));
  g_assert_true (g_str_has_prefix (f->user_agent, "Facet/" PACKAGE_VERSION " (+https://github.com/facetapp/facet)"));
}

static void
test_retry_bounded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = MODE_ALWAYS_500;
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_SERVER);
  g_assert_cmpuint (f->requests, ==, 3);
}

static void
test_no_retry_non_idempotent (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", f->url);
  g_autoptr(GBytes) order = g_bytes_new_static ("{\"order\": 1}", 12);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = MODE_ALWAYS_500;
  facet_http_set_request_body (msg, "application/json", order);
  reply = send (client, msg, FACET_HTTP_FLAGS_NONE, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "i.materialise"));
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_rate_limit_short_waits (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  f->mode = MODE_429_SHORT;
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests, ==, 2);
  /* It waited for the second the server asked for, not the 20 ms backoff. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
}

static void
test_rate_limit_without_time_backs_off (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = MODE_429_BARE;
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->requests, ==, 2);
}

static void
test_rate_limit_order_not_retried (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", f->url);
  g_autoptr(GBytes) order = g_bytes_new_static ("{\"order\": 1}", 12);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* Even a one-second wait is not taken for an order: the caller decides. */
  f->mode = MODE_429_SHORT;
  facet_http_set_request_body (msg, "application/json", order);
  reply = send (client, msg, FACET_HTTP_FLAGS_NONE, NULL, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpint (facet_provider_error_get_retry_after (error), <=, 1);
  g_assert_nonnull (facet_provider_error_get_retry_at (error));
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_rate_limit_long_reported (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after;

  f->mode = MODE_429_LONG;
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpstr (facet_provider_error_code_string_for (error), ==, "rate-limited");
  after = facet_provider_error_get_retry_after (error);
  g_assert_cmpint (after, >=, 3590);
  g_assert_cmpint (after, <=, 3600);
}

static void
test_rate_limit_http_date (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after;

  f->mode = MODE_429_DATE;
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED);
  after = facet_provider_error_get_retry_after (error);
  g_assert_cmpint (after, >=, 7190);
  g_assert_cmpint (after, <=, 7201);
}

static void
test_network_connection_dropped (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  f->mode = MODE_CLOSE;
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "i.materialise did not answer"));
  g_assert_cmpuint (f->requests, ==, 3);
}

static void
test_network_server_gone (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_disconnect (f->server);
  reply = send (client, msg, FACET_HTTP_FLAGS_NONE, NULL, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK);
  g_assert_cmpstr (facet_provider_error_code_string_for (error), ==, "network");
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_slow_reply (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  f->mode = MODE_SLOW;
  g_timeout_add (100, cancel_cb, cancellable);
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, cancellable, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_cancel_while_waiting_to_retry (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = facet_http_client_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The default policy waits out a 5 s Retry-After; cancel within it. */
  f->mode = MODE_503_WAIT;
  g_timeout_add (200, cancel_cb, cancellable);
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, cancellable, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->requests, ==, 1);
}

static void
test_cancelled_before_sending (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", f->url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, cancellable, &error);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED);
  g_assert_cmpuint (f->requests, ==, 0);
}

static void
test_tls_self_signed_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("facet-tls-XXXXXX", &error);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  int status;
  Fixture f = { 0 };

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  {
    const char *argv[] = {
      openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
      "-days", "1", "-keyout", key_path, "-out", cert_path, NULL,
    };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = soup_server_new (NULL, NULL);
  soup_server_set_tls_certificate (server, certificate);
  f.bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  f.mode = MODE_ALWAYS_500;
  soup_server_add_handler (server, NULL, server_cb, &f, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (url, "https://"));

  msg = soup_message_new ("GET", url);
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_assert_cmpuint (f.requests, ==, 0);

  soup_server_disconnect (server);
  g_ptr_array_unref (f.bodies);
  g_free (f.user_agent);
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

typedef struct
{
  GArray *values;
} Progress;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->values, fraction);
}

static void
test_upload_streams_multipart (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = quick_client ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", f->url);
  g_autoptr(FacetHttpUpload) upload = facet_http_upload_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *dir = g_dir_make_tmp ("facet-upload-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.stl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/gone.stl");
  g_autoptr(GError) missing_error = NULL;
  g_autofree guint8 *contents = NULL;
  const gsize size = 5 * 1024 * 1024 + 123;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)) };
  GRand *rand = g_rand_new_with_seed (42);

  contents = g_malloc (size);
  for (gsize i = 0; i < size; i++)
    contents[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (path, (char *) contents, size, &error));

  g_assert_false (facet_http_upload_add_file (upload, "file", missing, NULL, NULL, &missing_error));
  g_assert_nonnull (strstr (missing_error->message, "/nonexistent/gone.stl"));

  facet_http_upload_add_field (upload, "quantity", "3");
  g_assert_true (facet_http_upload_add_file (upload, "file", file, "part.stl", "model/stl", &error));
  g_assert_no_error (error);
  g_assert_cmpint (facet_http_upload_get_length (upload), >, (goffset) size);
  facet_http_upload_set_progress (upload, progress_cb, &progress, NULL);
  facet_http_upload_attach (upload, msg);

  f->mode = MODE_UPLOAD;
  /* IDEMPOTENT is ignored for a streamed body: it cannot be sent twice. */
  reply = send (client, msg, FACET_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);

  g_assert_nonnull (f->upload);
  g_assert_cmpmem (g_bytes_get_data (f->upload, NULL), g_bytes_get_size (f->upload), contents, size);

  /* The last report may still be queued behind the reply. */
  while (progress.values->len == 0 ||
         g_array_index (progress.values, double, progress.values->len - 1) < 1.0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (progress.values->len, >, 2);
  for (guint i = 1; i < progress.values->len; i++)
    g_assert_cmpfloat (g_array_index (progress.values, double, i), >=,
                       g_array_index (progress.values, double, i - 1));
  g_assert_cmpfloat (g_array_index (progress.values, double, progress.values->len - 1), ==, 1.0);
  g_assert_cmpfloat (g_array_index (progress.values, double, 0), <, 0.5);

  g_array_unref (progress.values);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_logger_redacts_secrets (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FacetHttpClient) client = NULL;
  g_autofree char *url = g_strconcat (f->url, "models?api_code=query-code-3141&name=cube", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  const char *json = "{\"name\": \"cube\", \"password\": \"body-pass-2718\", \"apiToken\": \"body-token-1618\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_copy = NULL;
  const char *secrets[] = {
    "header-code-1234", "Basic dXNlcjpzZWNyZXQ=", "query-code-3141", "body-pass-2718",
    "body-token-1618", "cookie-secret-9911", "reply-token-5544", "oauth-sig-777",
  };

  g_assert_nonnull (strstr (g_getenv ("G_MESSAGES_DEBUG"), "all"));
  client = quick_client ();
  f->mode = MODE_ECHO_SECRETS;
  soup_message_headers_append (soup_message_get_request_headers (msg), "APICode", "header-code-1234");
  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", "Basic dXNlcjpzZWNyZXQ=");
  soup_message_headers_append (soup_message_get_request_headers (msg), "X-Extra",
                               "oauth_signature=oauth-sig-777");
  facet_http_set_request_body (msg, "application/json", body);
  reply = send (client, msg, FACET_HTTP_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);

  g_mutex_lock (&log_lock);
  log_copy = g_strdup (log_text->str);
  g_mutex_unlock (&log_lock);
  /* The log is there and still useful... */
  g_assert_nonnull (strstr (log_copy, "POST /models?api_code=[redacted]&name=cube"));
  g_assert_nonnull (strstr (log_copy, "Authorization: [redacted]"));
  g_assert_nonnull (strstr (log_copy, "\"name\": \"cube\""));
  /* ...and holds none of the secrets. */
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (log_copy, secrets[i]) != NULL)
      g_error ("The HTTP log shows a secret (%u)", i);
}

static void
test_redact_patterns (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Authorization: OAuth oauth_token=\"abc\"", "Authorization: [redacted]" },
    { "ApiCode: 1234", "ApiCode: [redacted]" },
    { "Cookie: a=b", "Cookie: [redacted]" },
    { "Content-Type: text/plain", "Content-Type: text/plain" },
    { "{\"user\": \"ada\", \"api_code\": \"x\\\"y\", \"n\": 1}", "{\"user\": \"ada\", \"api_code\": \"[redacted]\", \"n\": 1}" },
    { "{\"accessToken\":42}", "{\"accessToken\":\"[redacted]\"}" },
    { "user=ada&password=p%40ss&x=1", "user=ada&password=[redacted]&x=1" },
    { "<request><apiCode>k</apiCode><n>1</n></request>", "<request><apiCode>[redacted]</apiCode><n>1</n></request>" },
    { "Content-Disposition: form-data; name=\"client_secret\"\r\n\r\nshh\r\n--b",
      "Content-Disposition: form-data; name=\"client_secret\"\r\n\r\n[redacted]\r\n--b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = facet_http_redact_line (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_budget_token_bucket (void)
{
  g_autoptr(FacetHttpBudget) budget = facet_http_budget_new (2, 1);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  facet_http_budget_acquire_async (budget, NULL, store_result, &r1);
  facet_http_budget_acquire_async (budget, NULL, store_result, &r2);
  facet_http_budget_acquire_async (budget, NULL, store_result, &r3);
  facet_http_budget_acquire_async (budget, cancellable, store_result, &r4);
  g_assert_true (facet_http_budget_acquire_finish (budget, wait_for_result (&r1), NULL));
  g_assert_true (facet_http_budget_acquire_finish (budget, wait_for_result (&r2), NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 200 * 1000);

  /* Two per second: the third waits about half a second. */
  g_assert_true (facet_http_budget_acquire_finish (budget, wait_for_result (&r3), NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);

  g_cancellable_cancel (cancellable);
  g_assert_false (facet_http_budget_acquire_finish (budget, wait_for_result (&r4), &error));
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED);
}

static void
test_budget_shared_per_key (void)
{
  g_autoptr(FacetHttpClient) client = facet_http_client_new ();

  g_assert_true (facet_http_client_get_budget (client, "acct-1", 5, 1) ==
                 facet_http_client_get_budget (client, "acct-1", 5, 1));
  g_assert_true (facet_http_client_get_budget (client, "acct-1", 5, 1) !=
                 facet_http_client_get_budget (client, "acct-2", 5, 1));
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  /* GNOME's proxy resolver reads GSettings schemas a bare test machine may
   * not have; these tests only talk to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/http/retry/5xx-then-success-resends-body", test_retry_5xx_then_success);
  ADD ("/http/retry/bounded-to-three-tries", test_retry_bounded);
  ADD ("/http/retry/never-for-non-idempotent", test_no_retry_non_idempotent);
  ADD ("/http/rate-limit/short-retry-after-honoured", test_rate_limit_short_waits);
  ADD ("/http/rate-limit/long-reported-with-time", test_rate_limit_long_reported);
  ADD ("/http/rate-limit/without-time-backs-off", test_rate_limit_without_time_backs_off);
  ADD ("/http/rate-limit/order-never-retried", test_rate_limit_order_not_retried);
  ADD ("/http/rate-limit/http-date-understood", test_rate_limit_http_date);
  ADD ("/http/network/connection-dropped-is-network", test_network_connection_dropped);
  ADD ("/http/network/server-gone-is-network", test_network_server_gone);
  ADD ("/http/cancel/slow-reply", test_cancel_slow_reply);
  ADD ("/http/cancel/while-waiting-to-retry", test_cancel_while_waiting_to_retry);
  ADD ("/http/cancel/before-sending", test_cancelled_before_sending);
  g_test_add_func ("/http/tls/self-signed-refused", test_tls_self_signed_refused);
  ADD ("/http/upload/streamed-multipart-arrives-intact", test_upload_streams_multipart);
  ADD ("/http/log/secrets-redacted", test_logger_redacts_secrets);
  g_test_add_func ("/http/log/redact-patterns", test_redact_patterns);
  g_test_add_func ("/http/budget/token-bucket", test_budget_token_bucket);
  g_test_add_func ("/http/budget/shared-per-key", test_budget_shared_per_key);

  return g_test_run ();
}
