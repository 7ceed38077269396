/* facet-cart.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-cart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "facet-cart.h"
#include "facet-json.h"
#include "facet-library.h"

struct _FacetCart
{
  GObject parent_instance;

  char      *account_id;
  char      *account_label;
  char      *provider;
  char      *vendor_cart_id;
  char      *currency;
  /* FacetCartItem, owned; we watch each one's :total-price. */
  GPtrArray *items;
  double     total_price;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FacetCart, facet_cart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_LABEL,
  PROP_PROVIDER,
  PROP_VENDOR_CART_ID,
  PROP_CURRENCY,
  PROP_TOTAL_PRICE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *member;
  const char *(*get) (FacetCart *self);
  void (*set) (FacetCart *self, const char *value);
} string_members[] = {
  { "account_id", facet_cart_get_account_id, facet_cart_set_account_id },
  { "account_label", facet_cart_get_account_label, facet_cart_set_account_label },
  { "provider", facet_cart_get_provider, facet_cart_set_provider },
  { "vendor_cart_id", facet_cart_get_vendor_cart_id, facet_cart_set_vendor_cart_id },
  { "currency", facet_cart_get_currency, facet_cart_set_currency },
};

static GType
facet_cart_get_item_type (GListModel *model)
{
  return FACET_TYPE_CART_ITEM;
}

static guint
facet_cart_list_get_n_items (GListModel *model)
{
  return FACET_CART (model)->items->len;
}

static gpointer
facet_cart_get_item (GListModel *model,
                     guint       position)
{
  FacetCart *self = FACET_CART (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = facet_cart_get_item_type;
  iface->get_n_items = facet_cart_list_get_n_items;
  iface->get_item = facet_cart_get_item;
}

static void
update_total (FacetCart *self)
{
  double total = 0;

  for (guint i = 0; i < self->items->len; i++)
    total += facet_cart_item_get_total_price (g_ptr_array_index (self->items, i));

  if (total == self->total_price)
    return;
  self->total_price = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_PRICE]);
}

static void
on_item_total_changed (FacetCart     *self,
                       GParamSpec    *pspec,
                       FacetCartItem *item)
{
  update_total (self);
}

static void
unwatch_item (FacetCart     *self,
              FacetCartItem *item)
{
  g_signal_handlers_disconnect_by_func (item, on_item_total_changed, self);
}

/* The one place the list changes: the total is up to date before
 * items-changed, so a handler reading it sees the new figure. */
static void
items_changed (FacetCart *self,
               guint      position,
               guint      removed,
               guint      added)
{
  g_object_freeze_notify (G_OBJECT (self));
  update_total (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
facet_cart_dispose (GObject *object)
{
  FacetCart *self = (FacetCart *)object;

  if (self->items != NULL)
    {
      for (guint i = 0; i < self->items->len; i++)
        unwatch_item (self, g_ptr_array_index (self->items, i));
      g_clear_pointer (&self->items, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (facet_cart_parent_class)->dispose (object);
}

static void
facet_cart_finalize (GObject *object)
{
  FacetCart *self = (FacetCart *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_label, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->vendor_cart_id, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (facet_cart_parent_class)->finalize (object);
}

static void
facet_cart_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FacetCart *self = FACET_CART (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_ACCOUNT_LABEL:
      g_value_set_string (value, self->account_label);
      break;
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_VENDOR_CART_ID:
      g_value_set_string (value, self->vendor_cart_id);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_TOTAL_PRICE:
      g_value_set_double (value, self->total_price);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_cart_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FacetCart *self = FACET_CART (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      facet_cart_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_LABEL:
      facet_cart_set_account_label (self, g_value_get_string (value));
      break;
    case PROP_PROVIDER:
      facet_cart_set_provider (self, g_value_get_string (value));
      break;
    case PROP_VENDOR_CART_ID:
      facet_cart_set_vendor_cart_id (self, g_value_get_string (value));
      break;
    case PROP_CURRENCY:
      facet_cart_set_currency (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_cart_class_init (FacetCartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro_flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = facet_cart_dispose;
  object_class->finalize = facet_cart_finalize;
  object_class->get_property = facet_cart_get_property;
  object_class->set_property = facet_cart_set_property;

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT_LABEL] =
    g_param_spec_string ("account-label", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_VENDOR_CART_ID] =
    g_param_spec_string ("vendor-cart-id", NULL, NULL, NULL, flags);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_TOTAL_PRICE] =
    g_param_spec_double ("total-price", NULL, NULL, 0, G_MAXDOUBLE, 0, ro_flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro_flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_cart_init (FacetCart *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

FacetCart *
facet_cart_new (const char *account_id,
                const char *provider)
{
  return g_object_new (FACET_TYPE_CART,
                       "account-id", account_id,
                       "provider", provider,
                       NULL);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                            \
const char *                                                            \
facet_cart_get_##field (FacetCart *self)                                \
{                                                                       \
  g_return_val_if_fail (FACET_IS_CART (self), NULL);                    \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
facet_cart_set_##field (FacetCart  *self,                               \
                        const char *value)                              \
{                                                                       \
  g_return_if_fail (FACET_IS_CART (self));                              \
  if (facet_set_string (&self->field, value))                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_STRING_ACCESSORS (account_id, PROP_ACCOUNT_ID)
DEFINE_STRING_ACCESSORS (account_label, PROP_ACCOUNT_LABEL)
DEFINE_STRING_ACCESSORS (provider, PROP_PROVIDER)
DEFINE_STRING_ACCESSORS (vendor_cart_id, PROP_VENDOR_CART_ID)

#undef DEFINE_STRING_ACCESSORS

const char *
facet_cart_get_currency (FacetCart *self)
{
  g_return_val_if_fail (FACET_IS_CART (self), NULL);
  return self->currency;
}

void
facet_cart_set_currency (FacetCart  *self,
                         const char *currency)
{
  g_autofree char *upper = NULL;

  g_return_if_fail (FACET_IS_CART (self));

  upper = currency ? g_ascii_strup (currency, -1) : NULL;
  if (g_strcmp0 (self->currency, upper) == 0)
    return;
  /* The total is a plain sum: it must stay in one currency. */
  g_return_if_fail (self->items->len == 0);

  facet_set_string (&self->currency, upper);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

GListModel *
facet_cart_get_items (FacetCart *self)
{
  g_return_val_if_fail (FACET_IS_CART (self), NULL);
  return G_LIST_MODEL (self);
}

guint
facet_cart_get_n_items (FacetCart *self)
{
  g_return_val_if_fail (FACET_IS_CART (self), 0);
  return self->items->len;
}

double
facet_cart_get_total_price (FacetCart *self)
{
  g_return_val_if_fail (FACET_IS_CART (self), 0);
  return self->total_price;
}

FacetCartItem *
facet_cart_find_item (FacetCart  *self,
                      const char *id)
{
  g_return_val_if_fail (FACET_IS_CART (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      FacetCartItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (facet_cart_item_get_id (item), id) == 0)
        return item;
    }

  return NULL;
}

gboolean
facet_cart_add_item (FacetCart      *self,
                     FacetCartItem  *item,
                     GError        **error)
{
  const char *currency;

  g_return_val_if_fail (FACET_IS_CART (self), FALSE);
  g_return_val_if_fail (FACET_IS_CART_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  currency = facet_cart_item_get_currency (item);
  if (self->currency != NULL && currency != NULL && g_strcmp0 (self->currency, currency) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: the three %s are currency codes: item's, cart's, cart's */
                   _("This item is priced in %s but the cart is in %s. Quote the design again in %s to add it to this cart."),
                   currency, self->currency, self->currency);
      return FALSE;
    }

  if (facet_cart_find_item (self, facet_cart_item_get_id (item)) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("This item is already in the cart."));
      return FALSE;
    }

  if (self->currency == NULL && currency != NULL)
    facet_cart_set_currency (self, currency);

  g_ptr_array_add (self->items, g_object_ref (item));
  g_signal_connect_swapped (item, "notify::total-price",
                            G_CALLBACK (on_item_total_changed), self);
  items_changed (self, self->items->len - 1, 0, 1);

  return TRUE;
}

gboolean
facet_cart_remove_item (FacetCart     *self,
                        FacetCartItem *item)
{
  guint position;

  g_return_val_if_fail (FACET_IS_CART (self), FALSE);
  g_return_val_if_fail (FACET_IS_CART_ITEM (item), FALSE);

  if (!g_ptr_array_find (self->items, item, &position))
    return FALSE;

  unwatch_item (self, item);
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);

  return TRUE;
}

void
facet_cart_remove_all (FacetCart *self)
{
  guint n;

  g_return_if_fail (FACET_IS_CART (self));

  n = self->items->len;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    unwatch_item (self, g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);
  items_changed (self, 0, n, 0);
}

void
facet_cart_serialize (FacetCart   *self,
                      JsonBuilder *builder)
{
  g_return_if_fail (FACET_IS_CART (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    facet_json_add_string (builder, string_members[i].member, string_members[i].get (self));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->items->len; i++)
    facet_cart_item_serialize (g_ptr_array_index (self->items, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

FacetCart *
facet_cart_deserialize (JsonObject  *object,
                        GError     **error)
{
  g_autoptr(FacetCart) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *items;
  guint n_items;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (FACET_TYPE_CART, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      const char *value = facet_json_get_string (object, string_members[i].member, NULL, &local_error);

      if (local_error != NULL)
        goto failed;
      string_members[i].set (self, value);
    }

  items = facet_json_get_array (object, "items", &local_error);
  if (local_error != NULL)
    goto failed;
  n_items = items ? json_array_get_length (items) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(FacetCartItem) item = NULL;
      g_autoptr(GError) item_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                       _("“%s” should hold objects"), "items");
          goto failed;
        }

      item = facet_cart_item_deserialize (json_node_get_object (node), &item_error);
      if (item == NULL || !facet_cart_add_item (self, item, &item_error))
        {
          /* The same code whatever went wrong: to the library, the file is damaged. */
          g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                       "items[%u]: %s", i, item_error->message);
          goto failed;
        }
    }

  return g_steal_pointer (&self);

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cart: ");
  return NULL;
}
