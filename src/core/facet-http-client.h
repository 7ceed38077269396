/* facet-http-client.h: the one HTTP session every provider talks through
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  FACET_HTTP_FLAGS_NONE       = 0,
  /* Safe to send twice: retried on network errors, 5xx and short rate limits.
   * Never set it on anything that places or pays for an order. */
  FACET_HTTP_FLAGS_IDEMPOTENT = 1 << 0,
} FacetHttpFlags;

#define FACET_TYPE_HTTP_CLIENT (facet_http_client_get_type ())

G_DECLARE_FINAL_TYPE (FacetHttpClient, facet_http_client, FACET, HTTP_CLIENT, GObject)

/* Returns: (transfer none): the process-wide client. */
FacetHttpClient *facet_http_client_get_default      (void);
/* Returns: (transfer full): a client of its own (tests). */
FacetHttpClient *facet_http_client_new              (void);
/* Returns: (transfer none) */
SoupSession     *facet_http_client_get_session      (FacetHttpClient *self);

/* Retry policy: at most @max_tries attempts, waits of @base_delay_ms doubled
 * each time (plus up to 50% jitter); a rate limit waited for only when the
 * vendor asks for at most @max_wait_s seconds. Defaults: 3, 500 ms, 10 s. */
void             facet_http_client_set_retry_policy (FacetHttpClient *self,
                                                     guint            max_tries,
                                                     guint            base_delay_ms,
                                                     guint            max_wait_s);

/* Sets a request body that can be sent again on retry. */
void             facet_http_set_request_body        (SoupMessage     *msg,
                                                     const char      *content_type,
                                                     GBytes          *body);

/* Sends @msg and reads the whole reply. A reply of 2xx gives its body; any
 * other status, or a failure, gives a FACET_PROVIDER_ERROR naming
 * @vendor_name (the reply body, if any, is still kept on the message for
 * the provider: see facet_http_client_send_finish()). */
void             facet_http_client_send_async       (FacetHttpClient     *self,
                                                     SoupMessage         *msg,
                                                     FacetHttpFlags       flags,
                                                     const char          *vendor_name,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* @out_body: (out) (optional) (transfer full): the body even of an error
 * reply (vendors explain refusals there), or NULL.
 * Returns: (transfer full): the body of a 2xx reply. */
GBytes          *facet_http_client_send_finish      (FacetHttpClient     *self,
                                                     GAsyncResult        *result,
                                                     GBytes             **out_body,
                                                     GError             **error);

/* Returns: (transfer none): a request budget shared by everything that
 * talks for @key (an account id), created with @n_requests per @window_s. */
struct _FacetHttpBudget;
typedef struct _FacetHttpBudget FacetHttpBudget;
FacetHttpBudget *facet_http_client_get_budget       (FacetHttpClient *self,
                                                     const char      *key,
                                                     guint            n_requests,
                                                     guint            window_s);

/* FacetHttpBudget: a token bucket of @n_requests per @window_s seconds. */
#define FACET_TYPE_HTTP_BUDGET (facet_http_budget_get_type ())
GType            facet_http_budget_get_type         (void) G_GNUC_CONST;
FacetHttpBudget *facet_http_budget_new              (guint            n_requests,
                                                     guint            window_s);
FacetHttpBudget *facet_http_budget_ref              (FacetHttpBudget *self);
void             facet_http_budget_unref            (FacetHttpBudget *self);
/* Completes when one request may be sent (at once when the bucket holds a token). */
void             facet_http_budget_acquire_async    (FacetHttpBudget     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         facet_http_budget_acquire_finish   (FacetHttpBudget     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FacetHttpBudget, facet_http_budget_unref)

/* FacetHttpUpload: a multipart/form-data body streamed from files. */
typedef struct _FacetHttpUpload FacetHttpUpload;

/* Called on the thread-default main context of the sender as bytes go out;
 * @fraction only grows and reaches 1.0 when all was sent. */
typedef void (*FacetHttpProgressFunc) (double   fraction,
                                       gpointer user_data);

FacetHttpUpload *facet_http_upload_new              (void);
void             facet_http_upload_free             (FacetHttpUpload *self);
void             facet_http_upload_add_field        (FacetHttpUpload *self,
                                                     const char      *name,
                                                     const char      *value);
/* Opens @file now (so a missing file fails here, with its name). */
gboolean         facet_http_upload_add_file         (FacetHttpUpload *self,
                                                     const char      *name,
                                                     GFile           *file,
                                                     const char      *filename,
                                                     const char      *content_type,
                                                     GError         **error);
void             facet_http_upload_set_progress     (FacetHttpUpload      *self,
                                                     FacetHttpProgressFunc func,
                                                     gpointer              user_data,
                                                     GDestroyNotify        destroy);
/* Total length of the body. */
goffset          facet_http_upload_get_length       (FacetHttpUpload *self);
/* Sets the body of @msg (Content-Type with boundary, Content-Length); the
 * upload can be used once. Such a message is never retried. */
void             facet_http_upload_attach           (FacetHttpUpload *self,
                                                     SoupMessage     *msg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FacetHttpUpload, facet_http_upload_free)

/* Redacts secrets from one line of HTTP log (headers, form, JSON and XML
 * fields named like password/token/secret/api_code). Returns: (transfer full) */
char            *facet_http_redact_line             (const char      *line);

G_END_DECLS
