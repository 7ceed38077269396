/* facet-provider.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-provider"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <libxml/xmlerror.h>
#include <string.h>

#include "facet-provider.h"

/* The error domain: RATE_LIMITED errors carry the time the vendor named. */

typedef struct
{
  GDateTime *retry_at;
} FacetProviderErrorPrivate;

static void
facet_provider_error_private_init (FacetProviderErrorPrivate *priv)
{
  priv->retry_at = NULL;
}

static void
facet_provider_error_private_copy (const FacetProviderErrorPrivate *src,
                                   FacetProviderErrorPrivate       *dest)
{
  dest->retry_at = src->retry_at ? g_date_time_ref (src->retry_at) : NULL;
}

static void
facet_provider_error_private_clear (FacetProviderErrorPrivate *priv)
{
  g_clear_pointer (&priv->retry_at, g_date_time_unref);
}

G_DEFINE_EXTENDED_ERROR (FacetProviderError, facet_provider_error)

GError *
facet_provider_error_new_rate_limited (GDateTime  *retry_at,
                                       const char *message)
{
  GError *error = g_error_new_literal (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED,
                                       message ? message : _("Too many requests; try again later"));
  FacetProviderErrorPrivate *priv = facet_provider_error_get_private (error);

  if (retry_at != NULL)
    priv->retry_at = g_date_time_ref (retry_at);
  return error;
}

GDateTime *
facet_provider_error_get_retry_at (const GError *error)
{
  FacetProviderErrorPrivate *priv;

  if (!g_error_matches (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED))
    return NULL;
  priv = facet_provider_error_get_private (error);
  return priv ? priv->retry_at : NULL;
}

gint64
facet_provider_error_get_retry_after (const GError *error)
{
  GDateTime *retry_at = facet_provider_error_get_retry_at (error);
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;

  if (retry_at == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (retry_at, now);
  return span <= 0 ? 0 : (span + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
}

const char *
facet_provider_error_to_code_string (FacetProviderError code)
{
  switch (code)
    {
    case FACET_PROVIDER_ERROR_AUTH_REQUIRED: return "auth-required";
    case FACET_PROVIDER_ERROR_AUTH_INVALID: return "auth-invalid";
    case FACET_PROVIDER_ERROR_RATE_LIMITED: return "rate-limited";
    case FACET_PROVIDER_ERROR_NETWORK: return "network";
    case FACET_PROVIDER_ERROR_SERVER: return "server";
    case FACET_PROVIDER_ERROR_REJECTED_MODEL: return "rejected-model";
    case FACET_PROVIDER_ERROR_NOT_SUPPORTED: return "not-supported";
    case FACET_PROVIDER_ERROR_CANCELLED: return "cancelled";
    case FACET_PROVIDER_ERROR_PROTOCOL: return "protocol";
    default: return "server";
    }
}

const char *
facet_provider_error_code_string_for (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == FACET_PROVIDER_ERROR)
    return facet_provider_error_to_code_string (error->code);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return "cancelled";
  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
      error->domain == G_TLS_ERROR)
    return "network";
  return "server";
}

GError *
facet_provider_error_new_protocol (const char *vendor_name,
                                   const char *what)
{
  return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_PROTOCOL,
                      /* Translators: %s is a print service, then what it answered */
                      _("%s answered something unexpected: %s"), vendor_name, what);
}

GError *
facet_provider_error_from_error (const GError *error,
                                 const char   *vendor_name)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (vendor_name != NULL, NULL);

  if (error->domain == FACET_PROVIDER_ERROR)
    return g_error_copy (error);

  g_debug ("%s: %s (%s %d)", vendor_name, error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED,
                                _("Cancelled"));

  if (error->domain == G_TLS_ERROR)
    return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK,
                        /* Translators: %s is a print service */
                        _("The secure connection to %s failed; its certificate is not trusted "
                          "or the connection was tampered with: %s"),
                        vendor_name, error->message);

  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK,
                            _("%s did not answer in time; check the connection and try again"),
                            vendor_name);
      return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK,
                          /* Translators: %s is a print service, then the reason */
                          _("%s did not answer: %s"), vendor_name, error->message);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      switch (error->code)
        {
        case SOUP_SESSION_ERROR_PARSING:
        case SOUP_SESSION_ERROR_ENCODING:
        case SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS:
        case SOUP_SESSION_ERROR_REDIRECT_BAD_URI:
        case SOUP_SESSION_ERROR_MESSAGE_ALREADY_IN_QUEUE:
          return facet_provider_error_new_protocol (vendor_name, error->message);
        default:
          return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK,
                              _("%s did not answer: %s"), vendor_name, error->message);
        }
    }

  if (error->domain == JSON_PARSER_ERROR || error->domain == JSON_READER_ERROR ||
      error->domain == G_MARKUP_ERROR)
    return facet_provider_error_new_protocol (vendor_name, error->message);

  return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_SERVER,
                      _("%s failed: %s"), vendor_name, error->message);
}

GError *
facet_provider_error_from_status (guint       status,
                                  const char *vendor_name,
                                  const char *detail)
{
  g_autofree char *suffix = detail && *detail ? g_strdup_printf (" (%s)", detail) : g_strdup ("");

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_AUTH_INVALID,
                        _("%s refused the account’s credentials; check them in the account settings%s"),
                        vendor_name, suffix);
  if (status == 429 /* Too Many Requests */)
    {
      g_autofree char *message = g_strdup_printf (_("%s received too many requests; try again later%s"),
                                                  vendor_name, suffix);
      return facet_provider_error_new_rate_limited (NULL, message);
    }
  if (status >= 500)
    return g_error_new (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_SERVER,
                        _("%s had a problem (HTTP %u); try again later%s"),
                        vendor_name, status, suffix);
  {
    g_autofree char *what = g_strdup_printf (_("HTTP status %u %s%s"), status,
                                             soup_status_get_phrase (status) ? soup_status_get_phrase (status) : "",
                                             suffix);
    return facet_provider_error_new_protocol (vendor_name, what);
  }
}

GError *
facet_provider_error_from_xml (gconstpointer  xml_error,
                               const char    *vendor_name)
{
  const xmlError *x = xml_error;
  g_autofree char *what = NULL;

  if (x != NULL && x->message != NULL)
    {
      g_autofree char *reason = g_strstrip (g_strdup (x->message));
      what = g_strdup_printf (_("XML that could not be read (line %d: %s)"), x->line, reason);
    }
  else
    what = g_strdup (_("XML that could not be read"));
  return facet_provider_error_new_protocol (vendor_name, what);
}

/* Boxed helper types. */

G_DEFINE_BOXED_TYPE (FacetProviderField, facet_provider_field,
                     facet_provider_field_copy, facet_provider_field_free)

FacetProviderField *
facet_provider_field_new (const char *id,
                          const char *label,
                          const char *placeholder,
                          gboolean    secret,
                          gboolean    required)
{
  FacetProviderField *field = g_new0 (FacetProviderField, 1);

  g_return_val_if_fail (id != NULL, NULL);
  field->id = g_strdup (id);
  field->label = g_strdup (label);
  field->placeholder = g_strdup (placeholder);
  field->secret = !!secret;
  field->required = !!required;
  return field;
}

FacetProviderField *
facet_provider_field_copy (const FacetProviderField *field)
{
  return facet_provider_field_new (field->id, field->label, field->placeholder,
                                   field->secret, field->required);
}

void
facet_provider_field_free (FacetProviderField *field)
{
  if (field == NULL)
    return;
  g_free (field->id);
  g_free (field->label);
  g_free (field->placeholder);
  g_free (field);
}

G_DEFINE_BOXED_TYPE (FacetProviderOption, facet_provider_option,
                     facet_provider_option_copy, facet_provider_option_free)

FacetProviderOption *
facet_provider_option_new (const char *id,
                           const char *label,
                           double      price,
                           const char *currency)
{
  FacetProviderOption *option = g_new0 (FacetProviderOption, 1);

  g_return_val_if_fail (id != NULL, NULL);
  option->id = g_strdup (id);
  option->label = g_strdup (label);
  option->price = price;
  option->currency = currency ? g_ascii_strup (currency, -1) : NULL;
  return option;
}

FacetProviderOption *
facet_provider_option_copy (const FacetProviderOption *option)
{
  return facet_provider_option_new (option->id, option->label, option->price, option->currency);
}

void
facet_provider_option_free (FacetProviderOption *option)
{
  if (option == NULL)
    return;
  g_free (option->id);
  g_free (option->label);
  g_free (option->currency);
  g_free (option);
}

/* The interface. */

G_DEFINE_INTERFACE (FacetProvider, facet_provider, G_TYPE_OBJECT)

static void
facet_provider_default_init (FacetProviderInterface *iface)
{
}

#define IFACE(self) FACET_PROVIDER_GET_IFACE (self)

const char *
facet_provider_get_id (FacetProvider *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (IFACE (self)->get_id != NULL, NULL);
  return IFACE (self)->get_id (self);
}

const char *
facet_provider_get_display_name (FacetProvider *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), NULL);
  if (IFACE (self)->get_display_name == NULL)
    return facet_provider_get_id (self);
  return IFACE (self)->get_display_name (self);
}

FacetProviderCapabilities
facet_provider_get_capabilities (FacetProvider *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), 0);
  if (IFACE (self)->get_capabilities == NULL)
    return FACET_PROVIDER_CAPABILITY_NONE;
  return IFACE (self)->get_capabilities (self);
}

gboolean
facet_provider_has_capability (FacetProvider             *self,
                               FacetProviderCapabilities  capability)
{
  return (facet_provider_get_capabilities (self) & capability) == capability;
}

GPtrArray *
facet_provider_get_fields (FacetProvider *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), NULL);
  if (IFACE (self)->get_fields == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) facet_provider_field_free);
  return IFACE (self)->get_fields (self);
}

const char *
facet_provider_get_production_url (FacetProvider *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), NULL);
  if (IFACE (self)->get_production_url == NULL)
    return NULL;
  return IFACE (self)->get_production_url (self);
}

const char *
facet_provider_get_sandbox_url (FacetProvider *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), NULL);
  if (IFACE (self)->get_sandbox_url == NULL)
    return NULL;
  return IFACE (self)->get_sandbox_url (self);
}

const char *
facet_provider_get_account_url (FacetProvider *self,
                                FacetAccount  *account)
{
  g_return_val_if_fail (FACET_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (FACET_IS_ACCOUNT (account), NULL);

  if (facet_account_get_endpoint_url (account) != NULL)
    return facet_account_get_endpoint_url (account);
  if (facet_account_get_endpoint_kind (account) == FACET_ENDPOINT_VENDOR_SANDBOX)
    return facet_provider_get_sandbox_url (self);
  return facet_provider_get_production_url (self);
}

/* Reports NOT_SUPPORTED through a task when @supported is FALSE. */
static gboolean
refuse_unsupported (FacetProvider       *self,
                    gboolean             supported,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  if (supported)
    return FALSE;

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  if (source_tag == facet_provider_place_order_async &&
      facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_ORDER) &&
      FACET_PROVIDER_GET_IFACE (self)->place_order_async != NULL)
    g_task_return_new_error (task, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NOT_SUPPORTED,
                             /* Translators: %s is a print service */
                             _("Test orders are not supported by this service (%s); "
                               "use its sandbox, or place a real order"),
                             facet_provider_get_display_name (self));
  else
    g_task_return_new_error (task, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NOT_SUPPORTED,
                             /* Translators: %s is a print service */
                             _("This is not supported by this service (%s)"),
                             facet_provider_get_display_name (self));
  return TRUE;
}

/* TRUE when @result is one of our own NOT_SUPPORTED tasks. */
static gboolean
is_own_task (FacetProvider *self,
             GAsyncResult  *result,
             gpointer       source_tag)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* Keeps the boundary: whatever a provider reports comes out in our domain. */
static void
convert_error (FacetProvider  *self,
               GError        **error,
               GError         *local_error)
{
  if (local_error == NULL)
    return;
  if (local_error->domain != FACET_PROVIDER_ERROR)
    {
      GError *converted = facet_provider_error_from_error (local_error, facet_provider_get_display_name (self));
      g_error_free (local_error);
      local_error = converted;
    }
  g_propagate_error (error, local_error);
}

#define CHECK_ACCOUNT(self, account) \
  G_STMT_START { \
    g_return_if_fail (FACET_IS_PROVIDER (self)); \
    g_return_if_fail (FACET_IS_ACCOUNT (account)); \
    g_return_if_fail (g_strcmp0 (facet_account_get_provider_id (account), facet_provider_get_id (self)) == 0); \
    g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable)); \
  } G_STMT_END

#define FINISH_CHECKS(self, result, error, fail) \
  G_STMT_START { \
    g_return_val_if_fail (FACET_IS_PROVIDER (self), fail); \
    g_return_val_if_fail (G_IS_ASYNC_RESULT (result), fail); \
    g_return_val_if_fail (error == NULL || *error == NULL, fail); \
  } G_STMT_END

void
facet_provider_check_credentials_async (FacetProvider       *self,
                                        FacetAccount        *account,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  if (refuse_unsupported (self, IFACE (self)->check_credentials_async != NULL,
                          facet_provider_check_credentials_async, callback, user_data))
    return;
  IFACE (self)->check_credentials_async (self, account, cancellable, callback, user_data);
}

gboolean
facet_provider_check_credentials_finish (FacetProvider  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  GError *local_error = NULL;
  gboolean ret;

  FINISH_CHECKS (self, result, error, FALSE);
  if (is_own_task (self, result, facet_provider_check_credentials_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  ret = IFACE (self)->check_credentials_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_list_materials_async (FacetProvider       *self,
                                     FacetAccount        *account,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  if (refuse_unsupported (self, IFACE (self)->list_materials_async != NULL,
                          facet_provider_list_materials_async, callback, user_data))
    return;
  IFACE (self)->list_materials_async (self, account, cancellable, callback, user_data);
}

GListModel *
facet_provider_list_materials_finish (FacetProvider  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  GError *local_error = NULL;
  GListModel *ret;

  FINISH_CHECKS (self, result, error, NULL);
  if (is_own_task (self, result, facet_provider_list_materials_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  ret = IFACE (self)->list_materials_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_quote_async (FacetProvider       *self,
                            FacetAccount        *account,
                            FacetDesign         *design,
                            guint                quantity,
                            const char          *currency,
                            FacetQuoteFlags      flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  FacetProviderCapabilities caps;
  gboolean supported;

  CHECK_ACCOUNT (self, account);
  g_return_if_fail (FACET_IS_DESIGN (design));
  g_return_if_fail (quantity > 0);
  g_return_if_fail (currency != NULL && strlen (currency) == 3);

  if (facet_account_get_never_upload (account))
    flags &= ~FACET_QUOTE_FLAGS_ALLOW_UPLOAD;

  caps = facet_provider_get_capabilities (self);
  supported = IFACE (self)->quote_async != NULL &&
              ((caps & FACET_PROVIDER_CAPABILITY_QUOTE_BY_MEASUREMENTS) ||
               ((caps & FACET_PROVIDER_CAPABILITY_QUOTE_BY_UPLOAD) && (flags & FACET_QUOTE_FLAGS_ALLOW_UPLOAD)));
  if (refuse_unsupported (self, supported, facet_provider_quote_async, callback, user_data))
    return;
  IFACE (self)->quote_async (self, account, design, quantity, currency, flags,
                             cancellable, callback, user_data);
}

GPtrArray *
facet_provider_quote_finish (FacetProvider  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  GError *local_error = NULL;
  GPtrArray *ret;

  FINISH_CHECKS (self, result, error, NULL);
  if (is_own_task (self, result, facet_provider_quote_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  ret = IFACE (self)->quote_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_submit_cart_async (FacetProvider       *self,
                                  FacetAccount        *account,
                                  FacetCart           *cart,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  g_return_if_fail (FACET_IS_CART (cart));
  if (refuse_unsupported (self,
                          IFACE (self)->submit_cart_async != NULL &&
                          facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_CART),
                          facet_provider_submit_cart_async, callback, user_data))
    return;
  IFACE (self)->submit_cart_async (self, account, cart, cancellable, callback, user_data);
}

gboolean
facet_provider_submit_cart_finish (FacetProvider  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  GError *local_error = NULL;
  gboolean ret;

  FINISH_CHECKS (self, result, error, FALSE);
  if (is_own_task (self, result, facet_provider_submit_cart_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  ret = IFACE (self)->submit_cart_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_place_order_async (FacetProvider       *self,
                                  FacetAccount        *account,
                                  FacetCart           *cart,
                                  FacetAddress        *address,
                                  const char          *shipping_option_id,
                                  const char          *payment_method_id,
                                  gboolean             test,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  FacetEndpointKind kind;
  gboolean supported;

  CHECK_ACCOUNT (self, account);
  g_return_if_fail (FACET_IS_CART (cart));
  g_return_if_fail (FACET_IS_ADDRESS (address));

  kind = facet_account_get_endpoint_kind (account);
  supported = IFACE (self)->place_order_async != NULL &&
              facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_ORDER);
  /* Test orders work on any sandbox; elsewhere only where the vendor has them. */
  if (test && kind != FACET_ENDPOINT_LOCAL_SANDBOX && kind != FACET_ENDPOINT_VENDOR_SANDBOX &&
      !facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_TEST_ORDER))
    supported = FALSE;
  if (refuse_unsupported (self, supported, facet_provider_place_order_async, callback, user_data))
    return;
  IFACE (self)->place_order_async (self, account, cart, address, shipping_option_id,
                                   payment_method_id, test, cancellable, callback, user_data);
}

FacetOrder *
facet_provider_place_order_finish (FacetProvider  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  GError *local_error = NULL;
  FacetOrder *ret;

  FINISH_CHECKS (self, result, error, NULL);
  if (is_own_task (self, result, facet_provider_place_order_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  ret = IFACE (self)->place_order_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_list_shipping_options_async (FacetProvider       *self,
                                            FacetAccount        *account,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  if (refuse_unsupported (self,
                          IFACE (self)->list_shipping_options_async != NULL &&
                          facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_ORDER),
                          facet_provider_list_shipping_options_async, callback, user_data))
    return;
  IFACE (self)->list_shipping_options_async (self, account, cancellable, callback, user_data);
}

GPtrArray *
facet_provider_list_shipping_options_finish (FacetProvider  *self,
                                             GAsyncResult   *result,
                                             GError        **error)
{
  GError *local_error = NULL;
  GPtrArray *ret;

  FINISH_CHECKS (self, result, error, NULL);
  if (is_own_task (self, result, facet_provider_list_shipping_options_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  ret = IFACE (self)->list_shipping_options_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_list_payment_methods_async (FacetProvider       *self,
                                           FacetAccount        *account,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  if (refuse_unsupported (self,
                          IFACE (self)->list_payment_methods_async != NULL &&
                          facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_ORDER),
                          facet_provider_list_payment_methods_async, callback, user_data))
    return;
  IFACE (self)->list_payment_methods_async (self, account, cancellable, callback, user_data);
}

GPtrArray *
facet_provider_list_payment_methods_finish (FacetProvider  *self,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  GError *local_error = NULL;
  GPtrArray *ret;

  FINISH_CHECKS (self, result, error, NULL);
  if (is_own_task (self, result, facet_provider_list_payment_methods_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  ret = IFACE (self)->list_payment_methods_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_refresh_order_async (FacetProvider       *self,
                                    FacetAccount        *account,
                                    FacetOrder          *order,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  g_return_if_fail (FACET_IS_ORDER (order));
  if (refuse_unsupported (self,
                          IFACE (self)->refresh_order_async != NULL &&
                          facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_ORDER_STATUS),
                          facet_provider_refresh_order_async, callback, user_data))
    return;
  IFACE (self)->refresh_order_async (self, account, order, cancellable, callback, user_data);
}

gboolean
facet_provider_refresh_order_finish (FacetProvider  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  GError *local_error = NULL;
  gboolean ret;

  FINISH_CHECKS (self, result, error, FALSE);
  if (is_own_task (self, result, facet_provider_refresh_order_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  ret = IFACE (self)->refresh_order_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}

void
facet_provider_cancel_order_async (FacetProvider       *self,
                                   FacetAccount        *account,
                                   FacetOrder          *order,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CHECK_ACCOUNT (self, account);
  g_return_if_fail (FACET_IS_ORDER (order));
  if (refuse_unsupported (self,
                          IFACE (self)->cancel_order_async != NULL &&
                          facet_provider_has_capability (self, FACET_PROVIDER_CAPABILITY_CANCEL),
                          facet_provider_cancel_order_async, callback, user_data))
    return;
  IFACE (self)->cancel_order_async (self, account, order, cancellable, callback, user_data);
}

gboolean
facet_provider_cancel_order_finish (FacetProvider  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  GError *local_error = NULL;
  gboolean ret;

  FINISH_CHECKS (self, result, error, FALSE);
  if (is_own_task (self, result, facet_provider_cancel_order_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  ret = IFACE (self)->cancel_order_finish (self, result, &local_error);
  convert_error (self, error, local_error);
  return ret;
}
