/* facet-order.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-order"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "facet-enum-types.h"
#include "facet-json.h"
#include "facet-library.h"
#include "facet-order.h"

struct _FacetOrder
{
  GObject parent_instance;

  char             *id;
  char             *account_id;
  char             *account_label;
  char             *provider;
  char             *reference;
  GListStore       *items;
  char             *currency;
  GDateTime        *placed;
  GDateTime        *updated;
  char             *vendor_status;
  char             *tracking_number;
  char             *tracking_url;
  FacetAddress     *shipping_address;
  char             *shipping_method;
  char             *payment_method;
  double            total_price;
  double            shipping_price;
  FacetOrderStatus  status;
  guint             test : 1;
};

G_DEFINE_FINAL_TYPE (FacetOrder, facet_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_LABEL,
  PROP_PROVIDER,
  PROP_REFERENCE,
  PROP_ITEMS,
  PROP_TOTAL_PRICE,
  PROP_SHIPPING_PRICE,
  PROP_CURRENCY,
  PROP_PLACED,
  PROP_UPDATED,
  PROP_STATUS,
  PROP_VENDOR_STATUS,
  PROP_TRACKING_NUMBER,
  PROP_TRACKING_URL,
  PROP_TEST,
  PROP_SHIPPING_ADDRESS,
  PROP_SHIPPING_METHOD,
  PROP_PAYMENT_METHOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void set_vendor_word (FacetOrder *self,
                             const char *vendor_word);

static const char *
get_vendor_status (FacetOrder *self)
{
  return self->vendor_status;
}

static const struct {
  const char *member;
  const char *(*get) (FacetOrder *self);
  void (*set) (FacetOrder *self, const char *value);
} string_members[] = {
  { "account_id", facet_order_get_account_id, facet_order_set_account_id },
  { "account_label", facet_order_get_account_label, facet_order_set_account_label },
  { "provider", facet_order_get_provider, facet_order_set_provider },
  { "reference", facet_order_get_reference, facet_order_set_reference },
  { "currency", facet_order_get_currency, facet_order_set_currency },
  { "vendor_status", get_vendor_status, set_vendor_word },
  { "tracking_number", facet_order_get_tracking_number, facet_order_set_tracking_number },
  { "tracking_url", facet_order_get_tracking_url, facet_order_set_tracking_url },
  { "shipping_method", facet_order_get_shipping_method, facet_order_set_shipping_method },
  { "payment_method", facet_order_get_payment_method, facet_order_set_payment_method },
};

static void
facet_order_constructed (GObject *object)
{
  FacetOrder *self = (FacetOrder *)object;

  G_OBJECT_CLASS (facet_order_parent_class)->constructed (object);

  if (self->id == NULL || *self->id == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
}

static void
facet_order_finalize (GObject *object)
{
  FacetOrder *self = (FacetOrder *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_label, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_object (&self->items);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->placed, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_clear_pointer (&self->vendor_status, g_free);
  g_clear_pointer (&self->tracking_number, g_free);
  g_clear_pointer (&self->tracking_url, g_free);
  g_clear_object (&self->shipping_address);
  g_clear_pointer (&self->shipping_method, g_free);
  g_clear_pointer (&self->payment_method, g_free);

  G_OBJECT_CLASS (facet_order_parent_class)->finalize (object);
}

static void
facet_order_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FacetOrder *self = FACET_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_LABEL:
      g_value_set_string (value, self->account_label);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_TOTAL_PRICE:
      g_value_set_double (value, self->total_price);
      break;
    case PROP_SHIPPING_PRICE:
      g_value_set_double (value, self->shipping_price);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_PLACED:
      g_value_set_boxed (value, self->placed);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_VENDOR_STATUS:
      g_value_set_string (value, self->vendor_status);
      break;
    case PROP_TRACKING_NUMBER:
      g_value_set_string (value, self->tracking_number);
      break;
    case PROP_TRACKING_URL:
      g_value_set_string (value, self->tracking_url);
      break;
    case PROP_TEST:
      g_value_set_boolean (value, self->test);
      break;
    case PROP_SHIPPING_ADDRESS:
      g_value_set_object (value, self->shipping_address);
      break;
    case PROP_SHIPPING_METHOD:
      g_value_set_string (value, self->shipping_method);
      break;
    case PROP_PAYMENT_METHOD:
      g_value_set_string (value, self->payment_method);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_order_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FacetOrder *self = FACET_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_ACCOUNT_ID:
      facet_order_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_LABEL:
      facet_order_set_account_label (self, g_value_get_string (value));
      break;
    case PROP_PROVIDER:
      facet_order_set_provider (self, g_value_get_string (value));
      break;
    case PROP_REFERENCE:
      facet_order_set_reference (self, g_value_get_string (value));
      break;
    case PROP_TOTAL_PRICE:
      facet_order_set_total_price (self, g_value_get_double (value));
      break;
    case PROP_SHIPPING_PRICE:
      facet_order_set_shipping_price (self, g_value_get_double (value));
      break;
    case PROP_CURRENCY:
      facet_order_set_currency (self, g_value_get_string (value));
      break;
    case PROP_PLACED:
      facet_order_set_placed (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      facet_order_set_updated (self, g_value_get_boxed (value));
      break;
    case PROP_STATUS:
      facet_order_set_status (self, g_value_get_enum (value));
      break;
    case PROP_VENDOR_STATUS:
      set_vendor_word (self, g_value_get_string (value));
      break;
    case PROP_TRACKING_NUMBER:
      facet_order_set_tracking_number (self, g_value_get_string (value));
      break;
    case PROP_TRACKING_URL:
      facet_order_set_tracking_url (self, g_value_get_string (value));
      break;
    case PROP_TEST:
      facet_order_set_test (self, g_value_get_boolean (value));
      break;
    case PROP_SHIPPING_ADDRESS:
      facet_order_set_shipping_address (self, g_value_get_object (value));
      break;
    case PROP_SHIPPING_METHOD:
      facet_order_set_shipping_method (self, g_value_get_string (value));
      break;
    case PROP_PAYMENT_METHOD:
      facet_order_set_payment_method (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_order_class_init (FacetOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = facet_order_constructed;
  object_class->finalize = facet_order_finalize;
  object_class->get_property = facet_order_get_property;
  object_class->set_property = facet_order_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT_LABEL] =
    g_param_spec_string ("account-label", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  /* The model object never changes; its contents do. */
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL_PRICE] =
    g_param_spec_double ("total-price", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_SHIPPING_PRICE] =
    g_param_spec_double ("shipping-price", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_PLACED] =
    g_param_spec_boxed ("placed", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FACET_TYPE_ORDER_STATUS, FACET_ORDER_STATUS_UNKNOWN, flags);
  /* Setting this property changes only the word; providers call
   * facet_order_set_vendor_status() to set both and learn what changed. */
  properties[PROP_VENDOR_STATUS] =
    g_param_spec_string ("vendor-status", NULL, NULL, NULL, flags);
  properties[PROP_TRACKING_NUMBER] =
    g_param_spec_string ("tracking-number", NULL, NULL, NULL, flags);
  properties[PROP_TRACKING_URL] =
    g_param_spec_string ("tracking-url", NULL, NULL, NULL, flags);
  properties[PROP_TEST] =
    g_param_spec_boolean ("test", NULL, NULL, FALSE, flags);
  properties[PROP_SHIPPING_ADDRESS] =
    g_param_spec_object ("shipping-address", NULL, NULL, FACET_TYPE_ADDRESS, flags);
  properties[PROP_SHIPPING_METHOD] =
    g_param_spec_string ("shipping-method", NULL, NULL, NULL, flags);
  properties[PROP_PAYMENT_METHOD] =
    g_param_spec_string ("payment-method", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_order_init (FacetOrder *self)
{
  self->items = g_list_store_new (FACET_TYPE_CART_ITEM);
  self->shipping_price = -1;
  self->status = FACET_ORDER_STATUS_UNKNOWN;
}

FacetOrder *
facet_order_new (void)
{
  return g_object_new (FACET_TYPE_ORDER, NULL);
}

FacetOrder *
facet_order_new_from_cart (FacetCart *cart)
{
  FacetOrder *self;
  GListModel *items;
  guint n_items;

  g_return_val_if_fail (FACET_IS_CART (cart), NULL);

  self = g_object_new (FACET_TYPE_ORDER,
                       "account-id", facet_cart_get_account_id (cart),
                       "account-label", facet_cart_get_account_label (cart),
                       "provider", facet_cart_get_provider (cart),
                       "currency", facet_cart_get_currency (cart),
                       "total-price", facet_cart_get_total_price (cart),
                       "status", FACET_ORDER_STATUS_DRAFT,
                       NULL);

  items = facet_cart_get_items (cart);
  n_items = g_list_model_get_n_items (items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FacetCartItem) item = g_list_model_get_item (items, i);
      g_list_store_append (self->items, item);
    }

  return self;
}

const char *
facet_order_get_id (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return self->id;
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                            \
const char *                                                            \
facet_order_get_##field (FacetOrder *self)                              \
{                                                                       \
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);                   \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
facet_order_set_##field (FacetOrder *self,                              \
                         const char *value)                             \
{                                                                       \
  g_return_if_fail (FACET_IS_ORDER (self));                             \
  if (facet_set_string (&self->field, value))                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_STRING_ACCESSORS (account_id, PROP_ACCOUNT_ID)
DEFINE_STRING_ACCESSORS (account_label, PROP_ACCOUNT_LABEL)
DEFINE_STRING_ACCESSORS (provider, PROP_PROVIDER)
DEFINE_STRING_ACCESSORS (reference, PROP_REFERENCE)
DEFINE_STRING_ACCESSORS (tracking_number, PROP_TRACKING_NUMBER)
DEFINE_STRING_ACCESSORS (tracking_url, PROP_TRACKING_URL)
DEFINE_STRING_ACCESSORS (shipping_method, PROP_SHIPPING_METHOD)
DEFINE_STRING_ACCESSORS (payment_method, PROP_PAYMENT_METHOD)

#undef DEFINE_STRING_ACCESSORS

GListModel *
facet_order_get_items (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return G_LIST_MODEL (self->items);
}

void
facet_order_add_item (FacetOrder    *self,
                      FacetCartItem *item)
{
  g_return_if_fail (FACET_IS_ORDER (self));
  g_return_if_fail (FACET_IS_CART_ITEM (item));

  g_list_store_append (self->items, item);
}

static void
set_price (FacetOrder *self,
           double     *field,
           double      value,
           double      floor,
           GParamSpec *pspec)
{
  if (!isfinite (value) || value < 0)
    value = floor;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

double
facet_order_get_total_price (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), 0);
  return self->total_price;
}

void
facet_order_set_total_price (FacetOrder *self,
                             double      total_price)
{
  g_return_if_fail (FACET_IS_ORDER (self));
  set_price (self, &self->total_price, total_price, 0, properties[PROP_TOTAL_PRICE]);
}

double
facet_order_get_shipping_price (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), -1);
  return self->shipping_price;
}

void
facet_order_set_shipping_price (FacetOrder *self,
                                double      shipping_price)
{
  g_return_if_fail (FACET_IS_ORDER (self));
  set_price (self, &self->shipping_price, shipping_price, -1, properties[PROP_SHIPPING_PRICE]);
}

const char *
facet_order_get_currency (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return self->currency;
}

void
facet_order_set_currency (FacetOrder *self,
                          const char *currency)
{
  g_autofree char *upper = NULL;

  g_return_if_fail (FACET_IS_ORDER (self));

  upper = currency ? g_ascii_strup (currency, -1) : NULL;
  if (facet_set_string (&self->currency, upper))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

GDateTime *
facet_order_get_placed (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return self->placed;
}

void
facet_order_set_placed (FacetOrder *self,
                        GDateTime  *placed)
{
  g_return_if_fail (FACET_IS_ORDER (self));

  if (facet_set_date (&self->placed, placed))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACED]);
}

GDateTime *
facet_order_get_updated (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return self->updated;
}

void
facet_order_set_updated (FacetOrder *self,
                         GDateTime  *updated)
{
  g_return_if_fail (FACET_IS_ORDER (self));

  if (facet_set_date (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

FacetOrderStatus
facet_order_get_status (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), FACET_ORDER_STATUS_UNKNOWN);
  return self->status;
}

void
facet_order_set_status (FacetOrder       *self,
                        FacetOrderStatus  status)
{
  g_return_if_fail (FACET_IS_ORDER (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
facet_order_get_vendor_status (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return self->vendor_status;
}

static void
set_vendor_word (FacetOrder *self,
                 const char *vendor_word)
{
  if (facet_set_string (&self->vendor_status, vendor_word))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENDOR_STATUS]);
}

gboolean
facet_order_set_vendor_status (FacetOrder       *self,
                               const char       *vendor_word,
                               FacetOrderStatus  status)
{
  gboolean word_changed;
  gboolean status_changed;

  g_return_val_if_fail (FACET_IS_ORDER (self), FALSE);

  g_object_freeze_notify (G_OBJECT (self));

  word_changed = g_strcmp0 (self->vendor_status, vendor_word) != 0;
  status_changed = self->status != status;
  set_vendor_word (self, vendor_word);
  facet_order_set_status (self, status);

  if (word_changed || status_changed)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      facet_order_set_updated (self, now);
    }

  g_object_thaw_notify (G_OBJECT (self));

  return status_changed;
}

gboolean
facet_order_get_test (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), FALSE);
  return self->test;
}

void
facet_order_set_test (FacetOrder *self,
                      gboolean    test)
{
  g_return_if_fail (FACET_IS_ORDER (self));

  test = !!test;
  if (self->test == test)
    return;
  self->test = test;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEST]);
}

FacetAddress *
facet_order_get_shipping_address (FacetOrder *self)
{
  g_return_val_if_fail (FACET_IS_ORDER (self), NULL);
  return self->shipping_address;
}

void
facet_order_set_shipping_address (FacetOrder   *self,
                                  FacetAddress *address)
{
  g_return_if_fail (FACET_IS_ORDER (self));
  g_return_if_fail (address == NULL || FACET_IS_ADDRESS (address));

  if (g_set_object (&self->shipping_address, address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHIPPING_ADDRESS]);
}

void
facet_order_serialize (FacetOrder  *self,
                       JsonBuilder *builder)
{
  guint n_items;

  g_return_if_fail (FACET_IS_ORDER (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  facet_json_add_string (builder, "id", self->id);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    facet_json_add_string (builder, string_members[i].member, string_members[i].get (self));
  facet_json_add_string (builder, "status", facet_order_status_to_string (self->status));
  facet_json_add_double (builder, "total_price", self->total_price);
  if (self->shipping_price >= 0)
    facet_json_add_double (builder, "shipping_price", self->shipping_price);
  facet_json_add_date (builder, "placed", self->placed);
  facet_json_add_date (builder, "updated", self->updated);
  facet_json_add_boolean (builder, "test", self->test);
  if (self->shipping_address != NULL)
    {
      json_builder_set_member_name (builder, "shipping_address");
      facet_address_serialize (self->shipping_address, builder);
    }

  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(FacetCartItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      facet_cart_item_serialize (item, builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

FacetOrder *
facet_order_deserialize (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(FacetOrder) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) placed = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(FacetAddress) address = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *address_object;
  JsonArray *item_array;
  const char *id;
  const char *status;
  double total_price;
  gboolean test;
  guint n_items;

  g_return_val_if_fail (object != NULL, NULL);

  id = facet_json_get_string (object, "id", NULL, &local_error);
  if (local_error != NULL)
    goto failed;
  self = g_object_new (FACET_TYPE_ORDER, "id", id, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      const char *value = facet_json_get_string (object, string_members[i].member, NULL, &local_error);

      if (local_error != NULL)
        goto failed;
      string_members[i].set (self, value);
    }

  status = facet_json_get_string (object, "status", NULL, &local_error);
  if (local_error != NULL)
    goto failed;
  facet_order_set_status (self, facet_order_status_from_string (status));

  total_price = facet_json_get_double (object, "total_price", 0, &local_error);
  if (local_error == NULL && total_price < 0)
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("“%s” should not be negative"), "total_price");
  if (local_error != NULL)
    goto failed;
  facet_order_set_total_price (self, total_price);

  facet_order_set_shipping_price (self, facet_json_get_double (object, "shipping_price", -1, &local_error));
  if (local_error != NULL)
    goto failed;

  placed = facet_json_get_date (object, "placed", &local_error);
  if (local_error != NULL)
    goto failed;
  facet_order_set_placed (self, placed);

  updated = facet_json_get_date (object, "updated", &local_error);
  if (local_error != NULL)
    goto failed;
  facet_order_set_updated (self, updated);

  test = facet_json_get_boolean (object, "test", FALSE, &local_error);
  if (local_error != NULL)
    goto failed;
  facet_order_set_test (self, test);

  address_object = facet_json_get_object (object, "shipping_address", &local_error);
  if (local_error != NULL)
    goto failed;
  if (address_object != NULL)
    {
      address = facet_address_deserialize (address_object, &local_error);
      if (address == NULL)
        goto failed;
      facet_order_set_shipping_address (self, address);
    }

  item_array = facet_json_get_array (object, "items", &local_error);
  if (local_error != NULL)
    goto failed;
  n_items = item_array ? json_array_get_length (item_array) : 0;
  items = g_ptr_array_new_full (n_items, g_object_unref);

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *node = json_array_get_element (item_array, i);
      FacetCartItem *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                       _("“%s” should hold objects"), "items");
          goto failed;
        }

      item = facet_cart_item_deserialize (json_node_get_object (node), &local_error);
      if (item == NULL)
        {
          g_prefix_error (&local_error, "items[%u]: ", i);
          goto failed;
        }
      g_ptr_array_add (items, item);
    }

  /* One items-changed for the lot. */
  g_list_store_splice (self->items, 0, 0, items->pdata, items->len);

  return g_steal_pointer (&self);

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "order: ");
  return NULL;
}
