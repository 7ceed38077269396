/* facet-sandbox.c: the server, its clock, faults, journal and control API
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-sandbox"

#include "config.h"

#include <string.h>

#include "facet-sandbox-private.h"

#define REDACTED "<redacted>"

typedef struct
{
  guint                  id;
  char                  *vendor;   /* NULL = any */
  char                  *path;     /* NULL = any */
  FacetSandboxFaultKind  kind;
  guint                  ms;
  guint                  status;
  guint                  times;    /* 0 = until cleared */
} Fault;

typedef struct
{
  FacetSandbox       *self;
  SoupServerMessage  *msg;
  FacetSandboxVendor *vendor;
  char               *path;
  JsonObject         *entry;
  guint               source_id;
  gulong              disconnected_id;
} Delayed;

struct _FacetSandbox
{
  GObject     parent_instance;

  SoupServer *server;
  char       *base_url;
  GDateTime  *start;
  gint64      advanced_s;

  GPtrArray  *vendors;     /* FacetSandboxVendor*, owned */
  GPtrArray  *faults;      /* Fault* */
  guint       next_fault_id;
  JsonArray  *journal;
  GPtrArray  *secrets;     /* char* */
  GPtrArray  *delayed;     /* Delayed*, latency faults waiting */
};

G_DEFINE_FINAL_TYPE (FacetSandbox, facet_sandbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (facet-sandbox-error-quark, facet_sandbox_error)

static const FacetSandboxVendorClass *vendor_classes[] = {
  &_facet_sandbox_imaterialise_class,
};

static const char *fault_kinds[] = { "latency", "status", "drop", "malformed", "rate_limit" };

static void
fault_free (Fault *fault)
{
  g_free (fault->vendor);
  g_free (fault->path);
  g_free (fault);
}

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_clear_signal_handler (&delayed->disconnected_id, delayed->msg);
  g_clear_object (&delayed->msg);
  g_clear_pointer (&delayed->entry, json_object_unref);
  g_free (delayed->path);
  g_free (delayed);
}

static void
vendor_free (FacetSandboxVendor *vendor)
{
  vendor->klass->free (vendor);
}

static void
facet_sandbox_dispose (GObject *object)
{
  FacetSandbox *self = (FacetSandbox *) object;

  /* Waiting replies go first: they point at the server's messages. */
  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->vendors, g_ptr_array_unref);

  G_OBJECT_CLASS (facet_sandbox_parent_class)->dispose (object);
}

static void
facet_sandbox_finalize (GObject *object)
{
  FacetSandbox *self = (FacetSandbox *) object;

  g_free (self->base_url);
  g_date_time_unref (self->start);
  g_ptr_array_unref (self->faults);
  json_array_unref (self->journal);
  g_ptr_array_unref (self->secrets);

  G_OBJECT_CLASS (facet_sandbox_parent_class)->finalize (object);
}

static void
facet_sandbox_class_init (FacetSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = facet_sandbox_dispose;
  object_class->finalize = facet_sandbox_finalize;
}

static void
facet_sandbox_init (FacetSandbox *self)
{
  self->start = g_date_time_new_now_utc ();
  self->vendors = g_ptr_array_new_with_free_func ((GDestroyNotify) vendor_free);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->next_fault_id = 1;
  self->journal = json_array_new ();
  self->secrets = g_ptr_array_new_with_free_func (g_free);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) delayed_free);
}

/* Clock */

GDateTime *
facet_sandbox_get_now (FacetSandbox *self)
{
  g_return_val_if_fail (FACET_IS_SANDBOX (self), NULL);

  return g_date_time_add_seconds (self->start, (double) self->advanced_s);
}

void
facet_sandbox_advance_clock (FacetSandbox *self,
                             gint64        seconds)
{
  g_return_if_fail (FACET_IS_SANDBOX (self));
  g_return_if_fail (seconds >= 0 && seconds <= G_GINT64_CONSTANT (100) * 366 * 86400);

  self->advanced_s += seconds;
}

static char *
now_iso (FacetSandbox *self)
{
  g_autoptr(GDateTime) now = facet_sandbox_get_now (self);

  return g_date_time_format_iso8601 (now);
}

/* Journal and redaction */

void
_facet_sandbox_add_secret (FacetSandbox *self,
                           const char   *secret)
{
  if (secret != NULL && *secret != '\0')
    g_ptr_array_add (self->secrets, g_strdup (secret));
}

/* Replaces every known secret in @text, ignoring ASCII case (GUIDs). */
static char *
redact_known (FacetSandbox *self,
              const char   *text)
{
  g_autofree char *result = g_strdup (text != NULL ? text : "");

  for (guint i = 0; i < self->secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (self->secrets, i);
      gsize slen = strlen (secret);
      GString *out = g_string_new (NULL);
      const char *p = result;

      while (*p != '\0')
        {
          if (g_ascii_strncasecmp (p, secret, slen) == 0)
            {
              g_string_append (out, REDACTED);
              p += slen;
            }
          else
            g_string_append_c (out, *p++);
        }
      g_free (result);
      result = g_string_free (out, FALSE);
    }

  return g_steal_pointer (&result);
}

static gboolean
is_secret_name (const char *name)
{
  static const char *needles[] = {
    "authorization", "apicode", "api_code", "api-code", "apikey", "api_key", "api-key",
    "password", "passwd", "token", "secret", "toolid", "tool_id", "cookie", "oauth_signature",
    "signature", "verifier",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    if (strstr (lower, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static char *
redact_query (FacetSandbox *self,
              const char   *query)
{
  g_auto(GStrv) pairs = NULL;
  GString *out;

  if (query == NULL)
    return NULL;

  out = g_string_new (NULL);
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = eq != NULL ? g_strndup (pairs[i], (gsize) (eq - pairs[i])) : g_strdup (pairs[i]);
      g_autofree char *decoded = g_uri_unescape_string (name, NULL);

      if (i > 0)
        g_string_append_c (out, '&');
      if (eq != NULL && is_secret_name (decoded != NULL ? decoded : name))
        g_string_append_printf (out, "%s=%s", name, REDACTED);
      else
        {
          g_autofree char *clean = redact_known (self, pairs[i]);
          g_string_append (out, clean);
        }
    }

  return g_string_free (out, FALSE);
}

static JsonObject *
journal_add (FacetSandbox       *self,
             SoupServerMessage  *msg,
             FacetSandboxVendor *vendor,
             const char         *vendor_id,
             const char         *path)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonObject) header_object = json_object_new ();
  g_autofree char *time = now_iso (self);
  g_autofree char *vendor_path = NULL;
  g_autofree char *clean_path = NULL;
  g_autofree char *query = redact_query (self, g_uri_get_query (uri));
  SoupMessageHeadersIter iter;
  const char *name, *value;
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");

  if (vendor != NULL && vendor->klass->redact_path != NULL)
    {
      g_autofree char *sub = vendor->klass->redact_path (vendor, path + 1 + strlen (vendor_id));
      vendor_path = g_strconcat ("/", vendor_id, sub, NULL);
    }
  clean_path = redact_known (self, vendor_path != NULL ? vendor_path : path);

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      g_autofree char *clean = is_secret_name (lower) ? g_strdup (REDACTED) : redact_known (self, value);

      json_object_set_string_member (header_object, lower, clean);
    }

  json_object_set_string_member (entry, "time", time);
  json_object_set_string_member (entry, "vendor", vendor_id);
  json_object_set_string_member (entry, "method", soup_server_message_get_method (msg));
  json_object_set_string_member (entry, "path", clean_path);
  if (query != NULL)
    json_object_set_string_member (entry, "query", query);
  else
    json_object_set_null_member (entry, "query");
  json_object_set_object_member (entry, "headers", g_steal_pointer (&header_object));
  json_object_set_int_member (entry, "body_size", body->length);
  if (content_type != NULL)
    json_object_set_string_member (entry, "content_type", content_type);
  else
    json_object_set_null_member (entry, "content_type");
  json_object_set_int_member (entry, "status", 0);

  json_array_add_object_element (self->journal, json_object_ref (entry));
  return g_steal_pointer (&entry);
}

JsonNode *
facet_sandbox_get_journal (FacetSandbox *self)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  g_return_val_if_fail (FACET_IS_SANDBOX (self), NULL);

  json_node_set_array (node, self->journal);
  return json_node_copy (node);
}

void
facet_sandbox_clear_journal (FacetSandbox *self)
{
  g_return_if_fail (FACET_IS_SANDBOX (self));

  json_array_unref (self->journal);
  self->journal = json_array_new ();
}

/* Faults */

guint
facet_sandbox_add_fault (FacetSandbox          *self,
                         const char            *vendor,
                         const char            *path,
                         FacetSandboxFaultKind  kind,
                         guint                  ms,
                         guint                  status,
                         guint                  times)
{
  Fault *fault;

  g_return_val_if_fail (FACET_IS_SANDBOX (self), 0);
  g_return_val_if_fail (kind <= FACET_SANDBOX_FAULT_RATE_LIMIT, 0);

  fault = g_new0 (Fault, 1);
  fault->id = self->next_fault_id++;
  fault->vendor = vendor != NULL && *vendor != '\0' ? g_strdup (vendor) : NULL;
  fault->path = path != NULL && *path != '\0' ? g_strdup (path) : NULL;
  fault->kind = kind;
  fault->ms = ms;
  fault->status = status;
  fault->times = times;
  g_ptr_array_add (self->faults, fault);

  return fault->id;
}

static FacetSandboxVendor *
find_vendor (FacetSandbox *self,
             const char   *id)
{
  for (guint i = 0; self->vendors != NULL && i < self->vendors->len; i++)
    {
      FacetSandboxVendor *vendor = g_ptr_array_index (self->vendors, i);

      if (g_strcmp0 (vendor->klass->id, id) == 0)
        return vendor;
    }
  return NULL;
}

static gboolean
get_uint_member (JsonObject *object,
                 const char *key,
                 guint      *value,
                 GError    **error)
{
  gboolean present;
  double number;

  if (!_facet_json_get_double (object, key, &present, &number))
    {
      if (present)
        {
          g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                       "The fault's “%s” is not a number", key);
          return FALSE;
        }
      return TRUE;
    }
  if (number < 0 || number > G_MAXUINT || number != (guint) number)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                   "The fault's “%s” must be a whole number ≥ 0", key);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

guint
facet_sandbox_add_fault_json (FacetSandbox *self,
                              JsonObject   *fault,
                              GError      **error)
{
  const char *vendor = _facet_json_get_string (fault, "vendor");
  const char *path = _facet_json_get_string (fault, "path");
  const char *kind_name = _facet_json_get_string (fault, "kind");
  guint ms = 0, status = 0, times = 0;
  int kind = -1;

  g_return_val_if_fail (FACET_IS_SANDBOX (self), 0);

  for (guint i = 0; kind_name != NULL && i < G_N_ELEMENTS (fault_kinds); i++)
    if (g_ascii_strcasecmp (kind_name, fault_kinds[i]) == 0)
      kind = (int) i;
  if (kind < 0)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                   "The fault's “kind” must be latency, status, drop, malformed or rate_limit");
      return 0;
    }
  if (vendor != NULL && *vendor != '\0' && g_strcmp0 (vendor, "ecb") != 0 &&
      find_vendor (self, vendor) == NULL)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                   "The sandbox serves no vendor “%s”", vendor);
      return 0;
    }
  if (!get_uint_member (fault, "ms", &ms, error) ||
      !get_uint_member (fault, "status", &status, error) ||
      !get_uint_member (fault, "times", &times, error))
    return 0;
  if (kind == FACET_SANDBOX_FAULT_STATUS && (status < 100 || status > 599))
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                   "A status fault needs an HTTP “status” between 100 and 599");
      return 0;
    }

  return facet_sandbox_add_fault (self, vendor, path, (FacetSandboxFaultKind) kind, ms, status, times);
}

void
facet_sandbox_clear_faults (FacetSandbox *self)
{
  g_return_if_fail (FACET_IS_SANDBOX (self));

  g_ptr_array_set_size (self->faults, 0);
}

static JsonNode *
faults_to_json (FacetSandbox *self)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "id", fault->id);
      json_object_set_string_member (object, "vendor", fault->vendor);
      json_object_set_string_member (object, "path", fault->path);
      json_object_set_string_member (object, "kind", fault_kinds[fault->kind]);
      json_object_set_int_member (object, "ms", fault->ms);
      json_object_set_int_member (object, "status", fault->status);
      json_object_set_int_member (object, "times", fault->times);
      json_array_add_object_element (array, object);
    }

  return json_node_init_array (json_node_alloc (), array);
}

/* Takes the first fault matching the request, counting one use. */
static Fault *
take_fault (FacetSandbox *self,
            const char   *vendor_id,
            const char   *sub_path,
            const char   *full_path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      Fault *copy;

      if (fault->vendor != NULL && g_strcmp0 (fault->vendor, vendor_id) != 0)
        continue;
      if (fault->path != NULL &&
          g_ascii_strncasecmp (sub_path, fault->path, strlen (fault->path)) != 0 &&
          g_ascii_strncasecmp (full_path, fault->path, strlen (fault->path)) != 0)
        continue;

      copy = g_memdup2 (fault, sizeof *fault);
      copy->vendor = g_strdup (fault->vendor);
      copy->path = g_strdup (fault->path);
      if (fault->times > 0 && --fault->times == 0)
        g_ptr_array_remove_index (self->faults, i);
      return copy;
    }
  return NULL;
}

/* Orders and accounts */

JsonNode *
facet_sandbox_advance_order (FacetSandbox *self,
                             const char   *vendor_id,
                             const char   *reference,
                             GError      **error)
{
  FacetSandboxVendor *vendor;

  g_return_val_if_fail (FACET_IS_SANDBOX (self), NULL);

  vendor = find_vendor (self, vendor_id);
  if (vendor == NULL)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_NOT_FOUND,
                   "The sandbox serves no vendor “%s”", vendor_id);
      return NULL;
    }
  return vendor->klass->advance_order (vendor, reference, error);
}

JsonNode *
facet_sandbox_hold_order (FacetSandbox *self,
                          const char   *vendor_id,
                          const char   *reference,
                          gboolean      on_hold,
                          GError      **error)
{
  FacetSandboxVendor *vendor;

  g_return_val_if_fail (FACET_IS_SANDBOX (self), NULL);

  vendor = find_vendor (self, vendor_id);
  if (vendor == NULL)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_NOT_FOUND,
                   "The sandbox serves no vendor “%s”", vendor_id);
      return NULL;
    }
  if (vendor->klass->hold_order == NULL)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_CONFLICT,
                   "%s orders have no hold flag", vendor_id);
      return NULL;
    }
  return vendor->klass->hold_order (vendor, reference, on_hold, error);
}

JsonNode *
facet_sandbox_get_accounts (FacetSandbox *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) accounts = json_array_new ();
  const char *base = self->base_url != NULL ? self->base_url : "";

  g_return_val_if_fail (FACET_IS_SANDBOX (self), NULL);

  for (guint i = 0; i < self->vendors->len; i++)
    {
      FacetSandboxVendor *vendor = g_ptr_array_index (self->vendors, i);

      vendor->klass->add_accounts (vendor, base, accounts);
    }
  json_object_set_array_member (object, "accounts", g_steal_pointer (&accounts));

  return json_node_init_object (json_node_alloc (), object);
}

/* Serving */

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
reply_control_error (SoupServerMessage *msg,
                     guint              status,
                     const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (object, "error", message);
  node = json_node_init_object (json_node_alloc (), object);
  _facet_sandbox_reply_json (msg, status, node);
}

static void
serve (FacetSandbox       *self,
       SoupServerMessage  *msg,
       FacetSandboxVendor *vendor,
       const char         *path)
{
  if (vendor != NULL)
    vendor->klass->handle (vendor, msg, path + 1 + strlen (vendor->klass->id));
  else if (g_ascii_strcasecmp (path, "/ecb/eurofxref-daily.xml") == 0)
    {
      if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0 &&
          g_strcmp0 (soup_server_message_get_method (msg), "HEAD") != 0)
        reply_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
      else
        {
          g_autoptr(GDateTime) now = facet_sandbox_get_now (self);
          char *xml = _facet_sandbox_ecb_daily_xml (now);

          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_TAKE, xml, strlen (xml));
        }
    }
  else
    reply_text (msg, SOUP_STATUS_NOT_FOUND, "404 Not Found\n");
}

static void
journal_set_status (JsonObject        *entry,
                    SoupServerMessage *msg)
{
  json_object_set_int_member (entry, "status", soup_server_message_get_status (msg));
}

static gboolean
delayed_cb (gpointer data)
{
  Delayed *delayed = data;
  FacetSandbox *self = delayed->self;

  delayed->source_id = 0;
  serve (self, delayed->msg, delayed->vendor, delayed->path);
  journal_set_status (delayed->entry, delayed->msg);
  soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove (self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
delayed_disconnected_cb (SoupServerMessage *msg,
                         Delayed           *delayed)
{
  g_ptr_array_remove (delayed->self->delayed, delayed);
}

static void
break_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  GString *broken = g_string_new_len (data, (gssize) (len / 2));

  /* Cut in the middle of the document and end on an unclosed construct,
   * so neither a JSON nor an XML parser accepts it. */
  g_string_append (broken, "{\"<");
  soup_message_body_truncate (body);
  soup_message_body_append (body, SOUP_MEMORY_TAKE, broken->str, broken->len);
  g_string_free (broken, FALSE);
}

static void
handle_vendor_request (FacetSandbox      *self,
                       SoupServerMessage *msg,
                       const char        *path)
{
  g_autofree char *first = NULL;
  const char *slash;
  const char *vendor_id;
  const char *sub_path;
  FacetSandboxVendor *vendor;
  g_autoptr(JsonObject) entry = NULL;
  Fault *fault;

  slash = strchr (path + 1, '/');
  first = slash != NULL ? g_strndup (path + 1, (gsize) (slash - path - 1)) : g_strdup (path + 1);
  vendor = find_vendor (self, first);
  vendor_id = vendor != NULL ? vendor->klass->id : (g_strcmp0 (first, "ecb") == 0 ? "ecb" : "");
  sub_path = *vendor_id != '\0' ? path + 1 + strlen (vendor_id) : path;

  entry = journal_add (self, msg, vendor, vendor_id, path);
  fault = take_fault (self, vendor_id, sub_path, path);

  if (fault == NULL)
    {
      serve (self, msg, vendor, path);
      journal_set_status (entry, msg);
      return;
    }

  json_object_set_string_member (entry, "fault", fault_kinds[fault->kind]);
  switch (fault->kind)
    {
    case FACET_SANDBOX_FAULT_LATENCY:
      {
        Delayed *delayed = g_new0 (Delayed, 1);

        delayed->self = self;
        delayed->msg = g_object_ref (msg);
        delayed->vendor = vendor;
        delayed->path = g_strdup (path);
        delayed->entry = json_object_ref (entry);
        delayed->source_id = g_timeout_add (fault->ms, delayed_cb, delayed);
        delayed->disconnected_id = g_signal_connect (msg, "disconnected",
                                                     G_CALLBACK (delayed_disconnected_cb), delayed);
        g_ptr_array_add (self->delayed, delayed);
        soup_server_message_pause (msg);
      }
      break;

    case FACET_SANDBOX_FAULT_STATUS:
      {
        g_autofree char *text = g_strdup_printf ("%u %s\n", fault->status,
                                                 soup_status_get_phrase (fault->status));
        reply_text (msg, fault->status, text);
        journal_set_status (entry, msg);
      }
      break;

    case FACET_SANDBOX_FAULT_DROP:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        if (stream != NULL)
          g_io_stream_close (stream, NULL, NULL);
      }
      break;

    case FACET_SANDBOX_FAULT_MALFORMED:
      serve (self, msg, vendor, path);
      break_body (msg);
      journal_set_status (entry, msg);
      break;

    case FACET_SANDBOX_FAULT_RATE_LIMIT:
    default:
      {
        guint seconds = MAX (1, (fault->ms + 999) / 1000);
        g_autofree char *retry = g_strdup_printf ("%u", seconds);

        reply_text (msg, 429, "429 Too Many Requests\n");
        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Retry-After", retry);
        journal_set_status (entry, msg);
      }
      break;
    }

  fault_free (fault);
}

static JsonObject *
control_body (SoupServerMessage *msg,
              GError           **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, len > 0 ? data : "{}", len > 0 ? (gssize) len : -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                   "The request body must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static JsonNode *
clock_to_json (FacetSandbox *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *now = now_iso (self);

  json_object_set_string_member (object, "now", now);
  json_object_set_int_member (object, "advanced_s", self->advanced_s);
  return json_node_init_object (json_node_alloc (), object);
}

static void
handle_control (FacetSandbox      *self,
                SoupServerMessage *msg,
                const char        *what)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean get = g_strcmp0 (method, "GET") == 0;
  gboolean post = g_strcmp0 (method, "POST") == 0;
  gboolean delete = g_strcmp0 (method, "DELETE") == 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_auto(GStrv) parts = g_strsplit (what, "/", -1);

  if (g_str_equal (what, "accounts") && get)
    reply = facet_sandbox_get_accounts (self);
  else if (g_str_equal (what, "clock") && get)
    reply = clock_to_json (self);
  else if (g_str_equal (what, "clock") && post)
    {
      g_autoptr(JsonObject) body = control_body (msg, &error);
      JsonNode *advance = body != NULL ? _facet_json_get (body, "advance_s") : NULL;

      if (body == NULL)
        {
          reply_control_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }
      /* The clock only goes forward (orders and validity depend on it),
       * by at most a century. */
      if (advance == NULL || JSON_NODE_TYPE (advance) != JSON_NODE_VALUE ||
          (json_node_get_value_type (advance) != G_TYPE_INT64 &&
           json_node_get_value_type (advance) != G_TYPE_DOUBLE) ||
          !(json_node_get_double (advance) >= 0 && json_node_get_double (advance) <= 100 * 366 * 86400.0))
        {
          reply_control_error (msg, SOUP_STATUS_BAD_REQUEST,
                               "“advance_s” must be a number of seconds between 0 and a century");
          return;
        }
      facet_sandbox_advance_clock (self, (gint64) json_node_get_double (advance));
      reply = clock_to_json (self);
    }
  else if (g_str_equal (what, "faults") && (get || post || delete))
    {
      if (post)
        {
          g_autoptr(JsonObject) body = control_body (msg, &error);
          g_autoptr(JsonObject) object = json_object_new ();
          guint id = body != NULL ? facet_sandbox_add_fault_json (self, body, &error) : 0;

          if (id == 0)
            {
              reply_control_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
              return;
            }
          json_object_set_int_member (object, "id", id);
          reply = json_node_init_object (json_node_alloc (), object);
        }
      else
        {
          if (delete)
            facet_sandbox_clear_faults (self);
          reply = faults_to_json (self);
        }
    }
  else if (g_str_equal (what, "journal") && (get || delete))
    {
      if (delete)
        facet_sandbox_clear_journal (self);
      reply = facet_sandbox_get_journal (self);
    }
  else if (g_strv_length (parts) == 4 && g_str_equal (parts[0], "orders") &&
           (g_str_equal (parts[3], "advance") || g_str_equal (parts[3], "hold")) && post)
    {
      g_autofree char *reference = g_uri_unescape_string (parts[2], NULL);

      if (g_str_equal (parts[3], "advance"))
        reply = facet_sandbox_advance_order (self, parts[1], reference != NULL ? reference : parts[2], &error);
      else
        {
          g_autoptr(JsonObject) body = control_body (msg, &error);
          JsonNode *flag = body != NULL ? _facet_json_get (body, "on_hold") : NULL;

          if (body == NULL)
            {
              reply_control_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
              return;
            }
          if (flag != NULL && (!JSON_NODE_HOLDS_VALUE (flag) || json_node_get_value_type (flag) != G_TYPE_BOOLEAN))
            {
              reply_control_error (msg, SOUP_STATUS_BAD_REQUEST, "“on_hold” must be true or false");
              return;
            }
          reply = facet_sandbox_hold_order (self, parts[1], reference != NULL ? reference : parts[2],
                                            flag == NULL || json_node_get_boolean (flag), &error);
        }
      if (reply == NULL)
        {
          reply_control_error (msg,
                               g_error_matches (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_NOT_FOUND)
                               ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_CONFLICT,
                               error->message);
          return;
        }
    }
  else
    {
      reply_control_error (msg, SOUP_STATUS_NOT_FOUND, "No such control call; see CONVENTIONS.md, “The sandbox”");
      return;
    }

  _facet_sandbox_reply_json (msg, SOUP_STATUS_OK, reply);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  FacetSandbox *self = user_data;

  if (g_str_has_prefix (path, "/_sandbox/"))
    handle_control (self, msg, path + strlen ("/_sandbox/"));
  else
    handle_vendor_request (self, msg, path);
}

FacetSandbox *
facet_sandbox_new (GError **error)
{
  g_autoptr(FacetSandbox) self = g_object_new (FACET_TYPE_SANDBOX, NULL);

  self->server = soup_server_new ("server-header", "facet-sandbox ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vendor_classes); i++)
    {
      FacetSandboxVendor *vendor = vendor_classes[i]->create (self);

      vendor->klass = vendor_classes[i];
      vendor->sandbox = self;
      g_ptr_array_add (self->vendors, vendor);
    }

  return g_steal_pointer (&self);
}

gboolean
facet_sandbox_listen (FacetSandbox *self,
                      guint         port,
                      GError      **error)
{
  GSList *uris;

  g_return_val_if_fail (FACET_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->base_url == NULL, FALSE);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  g_return_val_if_fail (uris != NULL, FALSE);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return TRUE;
}

const char *
facet_sandbox_get_base_url (FacetSandbox *self)
{
  g_return_val_if_fail (FACET_IS_SANDBOX (self), NULL);

  return self->base_url;
}
