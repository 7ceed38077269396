/* facet-http-client.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-http-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "facet-http-client.h"
#include "facet-provider.h"

#define USER_AGENT "Facet/" PACKAGE_VERSION " (+https://github.com/facetapp/facet)"
#define BODY_QUARK_NAME "facet-http-body"
#define TYPE_QUARK_NAME "facet-http-body-type"
#define UPLOAD_QUARK_NAME "facet-http-upload"
#define LOG_BODY_MAX 2048

struct _FacetHttpClient
{
  GObject parent_instance;

  SoupSession *session;
  GHashTable  *budgets; /* key → FacetHttpBudget */
  guint        max_tries;
  guint        base_delay_ms;
  guint        max_wait_s;
};

G_DEFINE_FINAL_TYPE (FacetHttpClient, facet_http_client, G_TYPE_OBJECT)

/* Redaction: SoupLogger has no hook, so every line passes through here. */

#define SECRET_NAME "[\\w.-]*(?:password|passwd|token|secret|api_?code|api_?key|signature|verifier|session_?id)[\\w.-]*"

static GRegex *
get_regex (guint i)
{
  static GRegex *regexes[5];
  static const char * const patterns[5] = {
    /* Whole headers that are credentials. */
    "^(\\s*(?:authorization|proxy-authorization|cookie|set-cookie|api-?code|x-api-?key|api-?key|x-auth-token|x-api-token)\\s*:).*$",
    /* JSON members. */
    "(\"" SECRET_NAME "\"\\s*:\\s*)(?:\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\s]+)",
    /* Forms and query strings. */
    "(\\b" SECRET_NAME "=)[^&\\s\"]*",
    /* XML elements. */
    "(<(" SECRET_NAME ")(?:\\s[^>]*)?>)[^<]*(</)",
    /* multipart/form-data fields. */
    "(name=\"" SECRET_NAME "\"\\r?\\n\\r?\\n)[^\\r\\n]*",
  };

  if (g_once_init_enter (&regexes[i]))
    {
      GRegex *regex = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_MULTILINE | G_REGEX_OPTIMIZE,
                                   0, NULL);
      g_assert (regex != NULL);
      g_once_init_leave (&regexes[i], regex);
    }
  return regexes[i];
}

char *
facet_http_redact_line (const char *line)
{
  static const char * const replacements[5] = {
    "\\1 [redacted]",
    "\\1\"[redacted]\"",
    "\\1[redacted]",
    "\\1[redacted]\\3",
    "\\1[redacted]",
  };
  char *text = g_strdup (line);

  g_return_val_if_fail (line != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (replacements); i++)
    {
      char *next = g_regex_replace (get_regex (i), text, -1, 0, replacements[i], 0, NULL);

      if (next != NULL)
        {
          g_free (text);
          text = next;
        }
    }
  return text;
}

static void
logger_printer (SoupLogger         *logger,
                SoupLoggerLogLevel  level,
                char                direction,
                const char         *data,
                gpointer            user_data)
{
  g_autofree char *redacted = NULL;

  /* Model files and other binary bodies say nothing useful in a log. */
  if (!g_utf8_validate (data, -1, NULL))
    {
      g_debug ("%c [%zu bytes of binary data]", direction, strlen (data));
      return;
    }
  redacted = facet_http_redact_line (data);
  g_debug ("%c %s", direction, redacted);
}

static gboolean
http_debug_enabled (void)
{
  const char *domains = g_getenv ("G_MESSAGES_DEBUG");

  return domains != NULL &&
         (strstr (domains, "all") != NULL || strstr (domains, G_LOG_DOMAIN) != NULL);
}

static void
facet_http_client_finalize (GObject *object)
{
  FacetHttpClient *self = FACET_HTTP_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->budgets, g_hash_table_unref);

  G_OBJECT_CLASS (facet_http_client_parent_class)->finalize (object);
}

static void
facet_http_client_class_init (FacetHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = facet_http_client_finalize;
}

static void
facet_http_client_init (FacetHttpClient *self)
{
  /* Certificates are always verified: nothing here ever connects
   * SoupMessage::accept-certificate. */
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", 30,
                                                 "idle-timeout", 30,
                                                 "max-conns", 16,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  if (http_debug_enabled ())
    {
      g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_BODY);

      soup_logger_set_max_body_size (logger, LOG_BODY_MAX);
      soup_logger_set_printer (logger, logger_printer, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
  self->budgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) facet_http_budget_unref);
  self->max_tries = 3;
  self->base_delay_ms = 500;
  self->max_wait_s = 10;
}

FacetHttpClient *
facet_http_client_new (void)
{
  return g_object_new (FACET_TYPE_HTTP_CLIENT, NULL);
}

FacetHttpClient *
facet_http_client_get_default (void)
{
  static FacetHttpClient *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, facet_http_client_new ());
  return instance;
}

SoupSession *
facet_http_client_get_session (FacetHttpClient *self)
{
  g_return_val_if_fail (FACET_IS_HTTP_CLIENT (self), NULL);
  return self->session;
}

void
facet_http_client_set_retry_policy (FacetHttpClient *self,
                                    guint            max_tries,
                                    guint            base_delay_ms,
                                    guint            max_wait_s)
{
  g_return_if_fail (FACET_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_tries >= 1);

  self->max_tries = max_tries;
  self->base_delay_ms = base_delay_ms;
  self->max_wait_s = max_wait_s;
}

void
facet_http_set_request_body (SoupMessage *msg,
                             const char  *content_type,
                             GBytes      *body)
{
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  g_object_set_data_full (G_OBJECT (msg), BODY_QUARK_NAME, g_bytes_ref (body),
                          (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (msg), TYPE_QUARK_NAME, g_strdup (content_type), g_free);
  soup_message_set_request_body_from_bytes (msg, content_type, body);
}

/* Sending with retries. */

typedef struct
{
  SoupMessage    *msg;
  char           *vendor;
  FacetHttpFlags  flags;
  guint           attempt;
  GBytes         *body;        /* the last reply's body, also for errors */
  GSource        *timeout;     /* while waiting to retry */
  GSource        *cancel;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->msg);
  g_clear_pointer (&data->vendor, g_free);
  g_clear_pointer (&data->body, g_bytes_unref);
  if (data->timeout)
    g_source_destroy (data->timeout);
  g_clear_pointer (&data->timeout, g_source_unref);
  if (data->cancel)
    g_source_destroy (data->cancel);
  g_clear_pointer (&data->cancel, g_source_unref);
  g_free (data);
}

static void send_attempt (GTask *task);

static GError *
cancelled_error (void)
{
  return g_error_new_literal (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED, _("Cancelled"));
}

/* Each wait source holds a reference on the task; whichever fires first
 * destroys the other. */
static gboolean
wait_over_cb (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->timeout, g_source_unref);
  if (data->cancel)
    g_source_destroy (data->cancel);
  g_clear_pointer (&data->cancel, g_source_unref);
  send_attempt (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->cancel, g_source_unref);
  if (data->timeout)
    g_source_destroy (data->timeout);
  g_clear_pointer (&data->timeout, g_source_unref);
  g_task_return_error (task, cancelled_error ());
  return G_SOURCE_REMOVE;
}

/* Takes the task; sends again after @delay_ms unless cancelled first. */
static void
retry_later (GTask *task,
             guint  delay_ms)
{
  SendData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_debug ("Retrying %s %s in %u ms (attempt %u)",
           soup_message_get_method (data->msg),
           g_uri_get_path (soup_message_get_uri (data->msg)), delay_ms, data->attempt + 1);

  if (cancellable != NULL)
    {
      data->cancel = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel, G_SOURCE_FUNC (wait_cancelled_cb), g_object_ref (task),
                             g_object_unref);
      g_source_attach (data->cancel, g_task_get_context (task));
    }

  data->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (data->timeout, wait_over_cb, task, g_object_unref);
  g_source_attach (data->timeout, g_task_get_context (task));
}

static guint
backoff_ms (FacetHttpClient *self,
            guint            attempt)
{
  guint64 delay = (guint64) self->base_delay_ms << MIN (attempt - 1, 10);

  delay = MIN (delay, 30000);
  return (guint) delay + g_random_int_range (0, (gint32) (delay / 2) + 1);
}

/* Seconds to wait per a Retry-After header: delta seconds or an HTTP date. */
static GDateTime *
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return NULL;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      if (end != NULL && (*end == '\0' || g_ascii_isspace (*end)))
        return g_date_time_add_seconds (now, (double) MIN (seconds, 7 * 24 * 3600));
      return NULL;
    }
  return soup_date_time_new_from_http_string (value);
}

static gboolean
is_rate_limit (SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);

  return status == 429 /* Too Many Requests */ ||
         (status == SOUP_STATUS_SERVICE_UNAVAILABLE &&
          soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After") != NULL);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FacetHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean may_retry;
  guint status;

  g_clear_pointer (&data->body, g_bytes_unref);
  data->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  may_retry = (data->flags & FACET_HTTP_FLAGS_IDEMPOTENT) &&
              data->attempt < self->max_tries &&
              g_object_get_data (G_OBJECT (data->msg), UPLOAD_QUARK_NAME) == NULL;

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_task_return_error (task, cancelled_error ());
          return;
        }
      /* A bad certificate will not get better by asking again. */
      if (may_retry && error->domain != G_TLS_ERROR)
        {
          g_debug ("%s: %s", data->vendor, error->message);
          retry_later (g_steal_pointer (&task), backoff_ms (self, data->attempt));
          return;
        }
      g_task_return_error (task, facet_provider_error_from_error (error, data->vendor));
      return;
    }

  status = soup_message_get_status (data->msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_pointer (task, g_bytes_ref (data->body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (is_rate_limit (data->msg))
    {
      g_autoptr(GDateTime) retry_at = parse_retry_after (data->msg);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *message = NULL;
      GTimeSpan wait = retry_at ? g_date_time_difference (retry_at, now) : -1;

      if (may_retry && retry_at != NULL && wait <= (GTimeSpan) self->max_wait_s * G_USEC_PER_SEC)
        {
          retry_later (g_steal_pointer (&task), wait > 0 ? (guint) (wait / 1000) : 0);
          return;
        }
      /* No time given: back off as for a server error. */
      if (may_retry && retry_at == NULL)
        {
          retry_later (g_steal_pointer (&task), backoff_ms (self, data->attempt));
          return;
        }

      if (retry_at != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (retry_at);
          g_autofree char *when = g_date_time_format (local, "%X");

          /* Translators: %s is a print service, then a time of day */
          message = g_strdup_printf (_("%s received too many requests; try again after %s"),
                                     data->vendor, when);
        }
      else
        message = g_strdup_printf (_("%s received too many requests; try again later"), data->vendor);
      g_task_return_error (task, facet_provider_error_new_rate_limited (retry_at, message));
      return;
    }

  if (status >= 500 && may_retry)
    {
      retry_later (g_steal_pointer (&task), backoff_ms (self, data->attempt));
      return;
    }

  g_task_return_error (task, facet_provider_error_from_status (status, data->vendor,
                                                               soup_message_get_reason_phrase (data->msg)));
}

static void
send_attempt (GTask *task)
{
  FacetHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GBytes *body = g_object_get_data (G_OBJECT (data->msg), BODY_QUARK_NAME);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* A memory body was consumed by the last attempt: set it again. */
  if (data->attempt > 0 && body != NULL)
    soup_message_set_request_body_from_bytes (data->msg,
                                              g_object_get_data (G_OBJECT (data->msg), TYPE_QUARK_NAME),
                                              body);
  data->attempt++;
  soup_session_send_and_read_async (self->session, data->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), sent_cb, task);
}

void
facet_http_client_send_async (FacetHttpClient     *self,
                              SoupMessage         *msg,
                              FacetHttpFlags       flags,
                              const char          *vendor_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (FACET_IS_HTTP_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (vendor_name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_http_client_send_async);
  /* The cancelled check is ours: the error must be in our domain. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (SendData, 1);
  data->msg = g_object_ref (msg);
  data->vendor = g_strdup (vendor_name);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error (task, cancelled_error ());
      return;
    }
  send_attempt (g_steal_pointer (&task));
}

GBytes *
facet_http_client_send_finish (FacetHttpClient  *self,
                               GAsyncResult     *result,
                               GBytes          **out_body,
                               GError          **error)
{
  SendData *data;

  g_return_val_if_fail (FACET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (out_body != NULL)
    *out_body = data->body ? g_bytes_ref (data->body) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The request budget: a token bucket. */

struct _FacetHttpBudget
{
  gatomicrefcount  ref_count;
  double           capacity;
  double           tokens;
  double           per_usec;  /* tokens regained per microsecond */
  gint64           updated;   /* monotonic time of the last refill */
  GQueue           waiting;   /* GTask */
  GSource         *timer;
};

G_DEFINE_BOXED_TYPE (FacetHttpBudget, facet_http_budget, facet_http_budget_ref, facet_http_budget_unref)

FacetHttpBudget *
facet_http_budget_new (guint n_requests,
                       guint window_s)
{
  FacetHttpBudget *self;

  g_return_val_if_fail (n_requests > 0, NULL);
  g_return_val_if_fail (window_s > 0, NULL);

  self = g_new0 (FacetHttpBudget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->capacity = n_requests;
  self->tokens = n_requests;
  self->per_usec = (double) n_requests / ((double) window_s * G_USEC_PER_SEC);
  self->updated = g_get_monotonic_time ();
  g_queue_init (&self->waiting);
  return self;
}

FacetHttpBudget *
facet_http_budget_ref (FacetHttpBudget *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
facet_http_budget_unref (FacetHttpBudget *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  /* Waiting tasks hold a reference, so the queue is empty here. */
  g_assert (g_queue_is_empty (&self->waiting));
  if (self->timer)
    g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
  g_free (self);
}

static void
budget_refill (FacetHttpBudget *self)
{
  gint64 now = g_get_monotonic_time ();

  self->tokens = MIN (self->capacity, self->tokens + (now - self->updated) * self->per_usec);
  self->updated = now;
}

static void budget_schedule (FacetHttpBudget *self);

static gboolean
budget_timer_cb (gpointer user_data)
{
  /* Returning a task may drop the last other reference to the budget. */
  g_autoptr(FacetHttpBudget) self = facet_http_budget_ref (user_data);

  g_clear_pointer (&self->timer, g_source_unref);
  budget_refill (self);
  while (self->tokens >= 1.0 && !g_queue_is_empty (&self->waiting))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->waiting);
      GCancellable *cancellable = g_task_get_cancellable (task);

      if (cancellable != NULL)
        g_signal_handlers_disconnect_by_data (cancellable, task);
      self->tokens -= 1.0;
      g_task_return_boolean (task, TRUE);
    }
  budget_schedule (self);
  return G_SOURCE_REMOVE;
}

static void
budget_schedule (FacetHttpBudget *self)
{
  double missing;
  guint ms;

  if (self->timer != NULL || g_queue_is_empty (&self->waiting))
    return;
  missing = 1.0 - self->tokens;
  ms = (guint) (missing / self->per_usec / 1000.0) + 1;
  self->timer = g_timeout_source_new (ms);
  g_source_set_callback (self->timer, budget_timer_cb, self, NULL);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

static void
budget_cancelled_cb (GCancellable *cancellable,
                     GTask        *task)
{
  FacetHttpBudget *self = g_task_get_task_data (task);

  if (g_queue_remove (&self->waiting, task))
    {
      g_signal_handlers_disconnect_by_data (cancellable, task);
      g_task_return_error (task, cancelled_error ());
      g_object_unref (task);
    }
}

void
facet_http_budget_acquire_async (FacetHttpBudget     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_http_budget_acquire_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, facet_http_budget_ref (self), (GDestroyNotify) facet_http_budget_unref);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error (task, cancelled_error ());
      return;
    }

  budget_refill (self);
  if (self->tokens >= 1.0 && g_queue_is_empty (&self->waiting))
    {
      self->tokens -= 1.0;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Cancellation is assumed to happen on this thread, as for the rest of Facet. */
  if (cancellable != NULL)
    g_signal_connect (cancellable, "cancelled", G_CALLBACK (budget_cancelled_cb), task);
  g_queue_push_tail (&self->waiting, g_steal_pointer (&task));
  budget_schedule (self);
}

gboolean
facet_http_budget_acquire_finish (FacetHttpBudget  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

FacetHttpBudget *
facet_http_client_get_budget (FacetHttpClient *self,
                              const char      *key,
                              guint            n_requests,
                              guint            window_s)
{
  FacetHttpBudget *budget;

  g_return_val_if_fail (FACET_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  budget = g_hash_table_lookup (self->budgets, key);
  if (budget == NULL)
    {
      budget = facet_http_budget_new (n_requests, window_s);
      g_hash_table_insert (self->budgets, g_strdup (key), budget);
    }
  return budget;
}

/* Streamed multipart uploads. */

#define FACET_TYPE_UPLOAD_STREAM (facet_upload_stream_get_type ())
G_DECLARE_FINAL_TYPE (FacetUploadStream, facet_upload_stream, FACET, UPLOAD_STREAM, GInputStream)

struct _FacetUploadStream
{
  GInputStream parent_instance;

  GPtrArray             *parts;    /* GInputStream, read one after the other */
  guint                  current;
  GMutex                 lock;     /* read may run in a worker thread */
  gint64                 sent;     /* under lock */
  gint64                 total;
  gint                   report_pending;
  gint64                 reported; /* owner's context only */
  GMainContext          *context;
  FacetHttpProgressFunc  func;
  gpointer               func_data;
  GDestroyNotify         func_destroy;
};

G_DEFINE_FINAL_TYPE (FacetUploadStream, facet_upload_stream, G_TYPE_INPUT_STREAM)

static gboolean
report_progress_cb (gpointer user_data)
{
  FacetUploadStream *self = user_data;
  gint64 sent;

  g_atomic_int_set (&self->report_pending, 0);
  g_mutex_lock (&self->lock);
  sent = self->sent;
  g_mutex_unlock (&self->lock);
  if (sent > self->reported && self->func != NULL)
    {
      self->reported = sent;
      self->func (self->total > 0 ? (double) sent / (double) self->total : 1.0, self->func_data);
    }
  return G_SOURCE_REMOVE;
}

static gssize
facet_upload_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  FacetUploadStream *self = FACET_UPLOAD_STREAM (stream);

  while (self->current < self->parts->len)
    {
      gssize n = g_input_stream_read (self->parts->pdata[self->current], buffer, count, cancellable, error);

      if (n < 0)
        return -1;
      if (n == 0)
        {
          self->current++;
          continue;
        }

      g_mutex_lock (&self->lock);
      self->sent += n;
      g_mutex_unlock (&self->lock);
      if (g_atomic_int_compare_and_exchange (&self->report_pending, 0, 1))
        g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, report_progress_cb,
                                    g_object_ref (self), g_object_unref);
      return n;
    }
  return 0;
}

static gboolean
facet_upload_stream_close (GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  FacetUploadStream *self = FACET_UPLOAD_STREAM (stream);
  gboolean ret = TRUE;

  for (guint i = 0; i < self->parts->len; i++)
    if (!g_input_stream_close (self->parts->pdata[i], cancellable, ret ? error : NULL))
      ret = FALSE;
  return ret;
}

static void
facet_upload_stream_finalize (GObject *object)
{
  FacetUploadStream *self = FACET_UPLOAD_STREAM (object);

  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  if (self->func_destroy)
    self->func_destroy (self->func_data);

  G_OBJECT_CLASS (facet_upload_stream_parent_class)->finalize (object);
}

static void
facet_upload_stream_class_init (FacetUploadStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = facet_upload_stream_finalize;
  stream_class->read_fn = facet_upload_stream_read;
  stream_class->close_fn = facet_upload_stream_close;
}

static void
facet_upload_stream_init (FacetUploadStream *self)
{
  self->parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->lock);
}

typedef struct
{
  char         *name;
  char         *value;        /* a field */
  GInputStream *stream;       /* or a file */
  goffset       size;
  char         *filename;
  char         *content_type;
} UploadPart;

struct _FacetHttpUpload
{
  GPtrArray             *parts;
  char                  *boundary;
  FacetHttpProgressFunc  func;
  gpointer               func_data;
  GDestroyNotify         func_destroy;
  gboolean               attached;
};

static void
upload_part_free (UploadPart *part)
{
  g_free (part->name);
  g_free (part->value);
  g_clear_object (&part->stream);
  g_free (part->filename);
  g_free (part->content_type);
  g_free (part);
}

FacetHttpUpload *
facet_http_upload_new (void)
{
  FacetHttpUpload *self = g_new0 (FacetHttpUpload, 1);
  g_autofree char *uuid = g_uuid_string_random ();

  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) upload_part_free);
  self->boundary = g_strconcat ("facet-", uuid, NULL);
  return self;
}

void
facet_http_upload_free (FacetHttpUpload *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->parts);
  g_free (self->boundary);
  if (self->func_destroy)
    self->func_destroy (self->func_data);
  g_free (self);
}

/* Names are ours (ASCII); quotes would break the header, so they go. */
static char *
quote_name (const char *name)
{
  return g_strdelimit (g_strdup (name), "\"\r\n", '_');
}

void
facet_http_upload_add_field (FacetHttpUpload *self,
                             const char      *name,
                             const char      *value)
{
  UploadPart *part;

  g_return_if_fail (self != NULL && !self->attached);
  g_return_if_fail (name != NULL && value != NULL);

  part = g_new0 (UploadPart, 1);
  part->name = quote_name (name);
  part->value = g_strdup (value);
  g_ptr_array_add (self->parts, part);
}

gboolean
facet_http_upload_add_file (FacetHttpUpload  *self,
                            const char       *name,
                            GFile            *file,
                            const char       *filename,
                            const char       *content_type,
                            GError          **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  UploadPart *part;

  g_return_val_if_fail (self != NULL && !self->attached, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, &local_error);
  if (info == NULL)
    {
      g_autofree char *location = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, local_error->domain == G_IO_ERROR ? local_error->code : G_IO_ERROR_FAILED,
                   _("Could not read %s to upload it: %s"), location, local_error->message);
      return FALSE;
    }

  part = g_new0 (UploadPart, 1);
  part->name = quote_name (name);
  part->stream = G_INPUT_STREAM (g_steal_pointer (&stream));
  part->size = g_file_info_get_size (info);
  part->filename = filename ? quote_name (filename) : g_file_get_basename (file);
  part->content_type = g_strdup (content_type ? content_type : "application/octet-stream");
  g_ptr_array_add (self->parts, part);
  return TRUE;
}

void
facet_http_upload_set_progress (FacetHttpUpload       *self,
                                FacetHttpProgressFunc  func,
                                gpointer               user_data,
                                GDestroyNotify         destroy)
{
  g_return_if_fail (self != NULL && !self->attached);

  if (self->func_destroy)
    self->func_destroy (self->func_data);
  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;
}

/* Builds the memory parts and records them with the file streams in order. */
static goffset
build_parts (FacetHttpUpload *self,
             GPtrArray       *streams)
{
  GString *text = g_string_new (NULL);
  goffset total = 0;

  for (guint i = 0; i < self->parts->len; i++)
    {
      UploadPart *part = self->parts->pdata[i];

      g_string_append_printf (text, "--%s\r\n", self->boundary);
      if (part->stream == NULL)
        {
          g_string_append_printf (text, "Content-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
                                  part->name, part->value);
          continue;
        }

      g_string_append_printf (text,
                              "Content-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                              "Content-Type: %s\r\n\r\n",
                              part->name, part->filename, part->content_type);
      if (streams != NULL)
        {
          g_ptr_array_add (streams, g_memory_input_stream_new_from_data (g_strdup (text->str), text->len, g_free));
          g_ptr_array_add (streams, g_object_ref (part->stream));
        }
      total += text->len + part->size;
      g_string_truncate (text, 0);
      g_string_append (text, "\r\n");
    }
  g_string_append_printf (text, "--%s--\r\n", self->boundary);
  total += text->len;
  if (streams != NULL)
    g_ptr_array_add (streams, g_memory_input_stream_new_from_data (g_strdup (text->str), text->len, g_free));
  g_string_free (text, TRUE);
  return total;
}

goffset
facet_http_upload_get_length (FacetHttpUpload *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return build_parts (self, NULL);
}

void
facet_http_upload_attach (FacetHttpUpload *self,
                          SoupMessage     *msg)
{
  g_autoptr(FacetUploadStream) stream = NULL;
  g_autofree char *content_type = NULL;

  g_return_if_fail (self != NULL && !self->attached);
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  self->attached = TRUE;
  stream = g_object_new (FACET_TYPE_UPLOAD_STREAM, NULL);
  stream->total = build_parts (self, stream->parts);
  stream->context = g_main_context_ref_thread_default ();
  stream->func = self->func;
  stream->func_data = self->func_data;
  stream->func_destroy = self->func_destroy;
  self->func = NULL;
  self->func_data = NULL;
  self->func_destroy = NULL;

  content_type = g_strdup_printf ("multipart/form-data; boundary=%s", self->boundary);
  soup_message_set_request_body (msg, content_type, G_INPUT_STREAM (stream), stream->total);
  /* Marks the message as not to be sent twice: the stream is spent. */
  g_object_set_data (G_OBJECT (msg), UPLOAD_QUARK_NAME, GINT_TO_POINTER (1));
}
