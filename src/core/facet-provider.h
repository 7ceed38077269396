/* facet-provider.h: the contract every print-service plugin implements
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "facet-account.h"
#include "facet-cart.h"
#include "facet-design.h"
#include "facet-material.h"
#include "facet-offer.h"
#include "facet-order.h"

G_BEGIN_DECLS

/**
 * FacetProviderError:
 * @FACET_PROVIDER_ERROR_AUTH_REQUIRED: the account has no credentials yet
 * @FACET_PROVIDER_ERROR_AUTH_INVALID: the vendor refused the credentials
 * @FACET_PROVIDER_ERROR_RATE_LIMITED: too many requests; see facet_provider_error_get_retry_at()
 * @FACET_PROVIDER_ERROR_NETWORK: the vendor could not be reached
 * @FACET_PROVIDER_ERROR_SERVER: the vendor failed (5xx)
 * @FACET_PROVIDER_ERROR_REJECTED_MODEL: the vendor refused the model; its reason is in the message
 * @FACET_PROVIDER_ERROR_NOT_SUPPORTED: the service cannot do this
 * @FACET_PROVIDER_ERROR_CANCELLED: the operation was cancelled
 * @FACET_PROVIDER_ERROR_PROTOCOL: the vendor answered something its documents do not describe
 */
typedef enum
{
  FACET_PROVIDER_ERROR_AUTH_REQUIRED,
  FACET_PROVIDER_ERROR_AUTH_INVALID,
  FACET_PROVIDER_ERROR_RATE_LIMITED,
  FACET_PROVIDER_ERROR_NETWORK,
  FACET_PROVIDER_ERROR_SERVER,
  FACET_PROVIDER_ERROR_REJECTED_MODEL,
  FACET_PROVIDER_ERROR_NOT_SUPPORTED,
  FACET_PROVIDER_ERROR_CANCELLED,
  FACET_PROVIDER_ERROR_PROTOCOL,
} FacetProviderError;

typedef enum /*< flags >*/
{
  FACET_PROVIDER_CAPABILITY_NONE                  = 0,
  FACET_PROVIDER_CAPABILITY_QUOTE_BY_MEASUREMENTS = 1 << 0,
  FACET_PROVIDER_CAPABILITY_QUOTE_BY_UPLOAD       = 1 << 1,
  FACET_PROVIDER_CAPABILITY_CART                  = 1 << 2,
  FACET_PROVIDER_CAPABILITY_ORDER                 = 1 << 3,
  FACET_PROVIDER_CAPABILITY_TEST_ORDER            = 1 << 4,
  FACET_PROVIDER_CAPABILITY_ORDER_STATUS          = 1 << 5,
  FACET_PROVIDER_CAPABILITY_CANCEL                = 1 << 6,
  FACET_PROVIDER_CAPABILITY_MULTIPLE_ACCOUNTS     = 1 << 7,
} FacetProviderCapabilities;

typedef enum /*< flags >*/
{
  FACET_QUOTE_FLAGS_NONE         = 0,
  /* The provider may upload the model file to get a price. */
  FACET_QUOTE_FLAGS_ALLOW_UPLOAD = 1 << 0,
} FacetQuoteFlags;

#define FACET_PROVIDER_ERROR (facet_provider_error_quark ())

GQuark      facet_provider_error_quark             (void);

/* A RATE_LIMITED error that remembers when the vendor accepts requests again. */
GError     *facet_provider_error_new_rate_limited  (GDateTime      *retry_at,
                                                    const char     *message);
/* Returns: (transfer none) (nullable): the retry time of a RATE_LIMITED error. */
GDateTime  *facet_provider_error_get_retry_at      (const GError   *error);
/* Seconds from now until the retry time (0 when past); -1 when there is none. */
gint64      facet_provider_error_get_retry_after   (const GError   *error);
/* The CLI/JSON word for a code: "auth-required", "rate-limited", ... */
const char *facet_provider_error_to_code_string    (FacetProviderError code);
/* The CLI word for any error: its code in FACET_PROVIDER_ERROR, else "network"
 * for GIO errors, "cancelled" for G_IO_ERROR_CANCELLED, else "server". */
const char *facet_provider_error_code_string_for   (const GError   *error);

/* Converts a foreign error (GIO, TLS, resolver, libsoup, JSON) met while
 * talking to @vendor_name into FACET_PROVIDER_ERROR; errors already in the
 * domain are copied. Returns: (transfer full). */
GError     *facet_provider_error_from_error        (const GError   *error,
                                                    const char     *vendor_name);
/* The error for an HTTP status the vendor answered with (401/403 → AUTH_INVALID,
 * 429 → RATE_LIMITED without time, 5xx → SERVER, else PROTOCOL).
 * @detail: (nullable): the vendor's own explanation, if any. */
GError     *facet_provider_error_from_status       (guint           status,
                                                    const char     *vendor_name,
                                                    const char     *detail);
/* A PROTOCOL error for an XML document libxml2 could not parse; @xml_error
 * is an xmlError* (or NULL). */
GError     *facet_provider_error_from_xml          (gconstpointer   xml_error,
                                                    const char     *vendor_name);
/* A PROTOCOL error naming the vendor and what was unexpected. */
GError     *facet_provider_error_new_protocol      (const char     *vendor_name,
                                                    const char     *what);

/* FacetProviderField: one field an account of this provider needs. */
#define FACET_TYPE_PROVIDER_FIELD (facet_provider_field_get_type ())

typedef struct
{
  char     *id;          /* "username", "api_code": also the keyring "field" */
  char     *label;       /* translated */
  char     *placeholder; /* translated, nullable */
  gboolean  secret;      /* stored only in the keyring */
  gboolean  required;
} FacetProviderField;

GType               facet_provider_field_get_type (void) G_GNUC_CONST;
FacetProviderField *facet_provider_field_new      (const char               *id,
                                                   const char               *label,
                                                   const char               *placeholder,
                                                   gboolean                  secret,
                                                   gboolean                  required);
FacetProviderField *facet_provider_field_copy     (const FacetProviderField *field);
void                facet_provider_field_free     (FacetProviderField       *field);

/* FacetProviderOption: a shipping option or payment method. */
#define FACET_TYPE_PROVIDER_OPTION (facet_provider_option_get_type ())

typedef struct
{
  char   *id;
  char   *label;
  double  price;    /* -1 when unknown or free of meaning (payment methods) */
  char   *currency; /* ISO 4217, nullable */
} FacetProviderOption;

GType                facet_provider_option_get_type (void) G_GNUC_CONST;
FacetProviderOption *facet_provider_option_new      (const char                *id,
                                                     const char                *label,
                                                     double                     price,
                                                     const char                *currency);
FacetProviderOption *facet_provider_option_copy     (const FacetProviderOption *option);
void                 facet_provider_option_free     (FacetProviderOption       *option);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FacetProviderField, facet_provider_field_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FacetProviderOption, facet_provider_option_free)

#define FACET_TYPE_PROVIDER (facet_provider_get_type ())

G_DECLARE_INTERFACE (FacetProvider, facet_provider, FACET, PROVIDER, GObject)

struct _FacetProviderInterface
{
  GTypeInterface parent_iface;

  const char                *(*get_id)               (FacetProvider *self);
  const char                *(*get_display_name)     (FacetProvider *self);
  FacetProviderCapabilities  (*get_capabilities)     (FacetProvider *self);
  /* Returns: (transfer full) (element-type FacetProviderField) */
  GPtrArray                 *(*get_fields)           (FacetProvider *self);
  const char                *(*get_production_url)   (FacetProvider *self);
  /* The vendor's own sandbox, or NULL when it has none. */
  const char                *(*get_sandbox_url)      (FacetProvider *self);

  void        (*check_credentials_async)      (FacetProvider *self, FacetAccount *account,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean    (*check_credentials_finish)     (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*list_materials_async)         (FacetProvider *self, FacetAccount *account,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  GListModel *(*list_materials_finish)        (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*quote_async)                  (FacetProvider *self, FacetAccount *account, FacetDesign *design,
                                               guint quantity, const char *currency, FacetQuoteFlags flags,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  GPtrArray  *(*quote_finish)                 (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*submit_cart_async)            (FacetProvider *self, FacetAccount *account, FacetCart *cart,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean    (*submit_cart_finish)           (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*place_order_async)            (FacetProvider *self, FacetAccount *account, FacetCart *cart,
                                               FacetAddress *address, const char *shipping_option_id,
                                               const char *payment_method_id, gboolean test,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  FacetOrder *(*place_order_finish)           (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*list_shipping_options_async)  (FacetProvider *self, FacetAccount *account,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  GPtrArray  *(*list_shipping_options_finish) (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*list_payment_methods_async)   (FacetProvider *self, FacetAccount *account,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  GPtrArray  *(*list_payment_methods_finish)  (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*refresh_order_async)          (FacetProvider *self, FacetAccount *account, FacetOrder *order,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean    (*refresh_order_finish)         (FacetProvider *self, GAsyncResult *result, GError **error);

  void        (*cancel_order_async)           (FacetProvider *self, FacetAccount *account, FacetOrder *order,
                                               GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
  gboolean    (*cancel_order_finish)          (FacetProvider *self, GAsyncResult *result, GError **error);

  gpointer padding[8];
};

const char                *facet_provider_get_id               (FacetProvider *self);
const char                *facet_provider_get_display_name     (FacetProvider *self);
FacetProviderCapabilities  facet_provider_get_capabilities     (FacetProvider *self);
gboolean                   facet_provider_has_capability       (FacetProvider *self,
                                                                FacetProviderCapabilities capability);
/* Returns: (transfer full) (element-type FacetProviderField): never NULL. */
GPtrArray                 *facet_provider_get_fields           (FacetProvider *self);
const char                *facet_provider_get_production_url   (FacetProvider *self);
/* Returns: (nullable): the vendor's own sandbox URL. */
const char                *facet_provider_get_sandbox_url      (FacetProvider *self);
/* The base URL @account talks to: its own URL, or the provider's for its kind. */
const char                *facet_provider_get_account_url      (FacetProvider *self,
                                                                FacetAccount  *account);

/* Asks the vendor whether @account's credentials work. */
void        facet_provider_check_credentials_async      (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean    facet_provider_check_credentials_finish     (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Returns: (transfer full): a GListModel of FacetMaterial. */
void        facet_provider_list_materials_async         (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GListModel *facet_provider_list_materials_finish        (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Prices @design. ALLOW_UPLOAD is dropped when the account never uploads; a
 * provider that can only quote by upload then fails with NOT_SUPPORTED.
 * Returns: (transfer full) (element-type FacetOffer). */
void        facet_provider_quote_async                  (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         FacetDesign         *design,
                                                         guint                quantity,
                                                         const char          *currency,
                                                         FacetQuoteFlags      flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray  *facet_provider_quote_finish                 (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Sends @cart to the vendor's own cart (CART capability). */
void        facet_provider_submit_cart_async            (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         FacetCart           *cart,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean    facet_provider_submit_cart_finish           (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Orders @cart. A test order on a production or custom endpoint of a
 * provider without TEST_ORDER fails with NOT_SUPPORTED before anything is sent.
 * Never retried automatically. */
void        facet_provider_place_order_async            (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         FacetCart           *cart,
                                                         FacetAddress        *address,
                                                         const char          *shipping_option_id,
                                                         const char          *payment_method_id,
                                                         gboolean             test,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
FacetOrder *facet_provider_place_order_finish           (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Returns: (transfer full) (element-type FacetProviderOption). */
void        facet_provider_list_shipping_options_async  (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray  *facet_provider_list_shipping_options_finish (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
void        facet_provider_list_payment_methods_async   (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray  *facet_provider_list_payment_methods_finish  (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Updates @order's status from the vendor (ORDER_STATUS capability). */
void        facet_provider_refresh_order_async          (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         FacetOrder          *order,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean    facet_provider_refresh_order_finish         (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
/* Cancels @order with the vendor (CANCEL capability). */
void        facet_provider_cancel_order_async           (FacetProvider       *self,
                                                         FacetAccount        *account,
                                                         FacetOrder          *order,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean    facet_provider_cancel_order_finish          (FacetProvider       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
