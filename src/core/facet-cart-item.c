/* facet-cart-item.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-cart-item"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "facet-cart-item.h"
#include "facet-json.h"
#include "facet-library.h"

struct _FacetCartItem
{
  GObject parent_instance;

  char       *id;
  FacetOffer *offer;
  char       *design_id;
  char       *design_name;
  char       *vendor_item_id;
  char       *currency;
  double      unit_price;
  guint       quantity;
};

G_DEFINE_FINAL_TYPE (FacetCartItem, facet_cart_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OFFER,
  PROP_DESIGN_ID,
  PROP_DESIGN_NAME,
  PROP_VENDOR_ITEM_ID,
  PROP_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_CURRENCY,
  PROP_TOTAL_PRICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *member;
  const char *(*get) (FacetCartItem *self);
  void (*set) (FacetCartItem *self, const char *value);
} string_members[] = {
  { "design_id", facet_cart_item_get_design_id, facet_cart_item_set_design_id },
  { "design_name", facet_cart_item_get_design_name, facet_cart_item_set_design_name },
  { "vendor_item_id", facet_cart_item_get_vendor_item_id, facet_cart_item_set_vendor_item_id },
  { "currency", facet_cart_item_get_currency, facet_cart_item_set_currency },
};

static void
facet_cart_item_constructed (GObject *object)
{
  FacetCartItem *self = (FacetCartItem *)object;

  G_OBJECT_CLASS (facet_cart_item_parent_class)->constructed (object);

  if (self->id == NULL || *self->id == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
}

static void
facet_cart_item_finalize (GObject *object)
{
  FacetCartItem *self = (FacetCartItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->offer);
  g_clear_pointer (&self->design_id, g_free);
  g_clear_pointer (&self->design_name, g_free);
  g_clear_pointer (&self->vendor_item_id, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (facet_cart_item_parent_class)->finalize (object);
}

static void
facet_cart_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FacetCartItem *self = FACET_CART_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_OFFER:
      g_value_set_object (value, self->offer);
      break;
    case PROP_DESIGN_ID:
      g_value_set_string (value, self->design_id);
      break;
    case PROP_DESIGN_NAME:
      g_value_set_string (value, self->design_name);
      break;
    case PROP_VENDOR_ITEM_ID:
      g_value_set_string (value, self->vendor_item_id);
      break;
    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;
    case PROP_UNIT_PRICE:
      g_value_set_double (value, self->unit_price);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_TOTAL_PRICE:
      g_value_set_double (value, facet_cart_item_get_total_price (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_cart_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FacetCartItem *self = FACET_CART_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_OFFER:
      self->offer = g_value_dup_object (value);
      break;
    case PROP_DESIGN_ID:
      facet_cart_item_set_design_id (self, g_value_get_string (value));
      break;
    case PROP_DESIGN_NAME:
      facet_cart_item_set_design_name (self, g_value_get_string (value));
      break;
    case PROP_VENDOR_ITEM_ID:
      facet_cart_item_set_vendor_item_id (self, g_value_get_string (value));
      break;
    case PROP_QUANTITY:
      facet_cart_item_set_quantity (self, g_value_get_uint (value));
      break;
    case PROP_UNIT_PRICE:
      facet_cart_item_set_unit_price (self, g_value_get_double (value));
      break;
    case PROP_CURRENCY:
      facet_cart_item_set_currency (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_cart_item_class_init (FacetCartItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = facet_cart_item_constructed;
  object_class->finalize = facet_cart_item_finalize;
  object_class->get_property = facet_cart_item_get_property;
  object_class->set_property = facet_cart_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFER] =
    g_param_spec_object ("offer", NULL, NULL, FACET_TYPE_OFFER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESIGN_ID] =
    g_param_spec_string ("design-id", NULL, NULL, NULL, flags);
  properties[PROP_DESIGN_NAME] =
    g_param_spec_string ("design-name", NULL, NULL, NULL, flags);
  properties[PROP_VENDOR_ITEM_ID] =
    g_param_spec_string ("vendor-item-id", NULL, NULL, NULL, flags);
  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_UNIT_PRICE] =
    g_param_spec_double ("unit-price", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_TOTAL_PRICE] =
    g_param_spec_double ("total-price", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_cart_item_init (FacetCartItem *self)
{
  self->quantity = 1;
}

FacetCartItem *
facet_cart_item_new (FacetOffer *offer)
{
  g_return_val_if_fail (FACET_IS_OFFER (offer), NULL);

  return g_object_new (FACET_TYPE_CART_ITEM,
                       "offer", offer,
                       "design-id", facet_offer_get_design_id (offer),
                       "design-name", facet_offer_get_design_name (offer),
                       "quantity", facet_offer_get_quantity (offer),
                       "unit-price", facet_offer_get_unit_price (offer),
                       "currency", facet_offer_get_currency (offer),
                       NULL);
}

const char *
facet_cart_item_get_id (FacetCartItem *self)
{
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), NULL);
  return self->id;
}

FacetOffer *
facet_cart_item_get_offer (FacetCartItem *self)
{
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), NULL);
  return self->offer;
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                            \
const char *                                                            \
facet_cart_item_get_##field (FacetCartItem *self)                       \
{                                                                       \
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), NULL);               \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
facet_cart_item_set_##field (FacetCartItem *self,                       \
                             const char    *value)                      \
{                                                                       \
  g_return_if_fail (FACET_IS_CART_ITEM (self));                         \
  if (facet_set_string (&self->field, value))                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_STRING_ACCESSORS (design_id, PROP_DESIGN_ID)
DEFINE_STRING_ACCESSORS (design_name, PROP_DESIGN_NAME)
DEFINE_STRING_ACCESSORS (vendor_item_id, PROP_VENDOR_ITEM_ID)

#undef DEFINE_STRING_ACCESSORS

const char *
facet_cart_item_get_currency (FacetCartItem *self)
{
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), NULL);
  return self->currency;
}

void
facet_cart_item_set_currency (FacetCartItem *self,
                              const char    *currency)
{
  g_autofree char *upper = NULL;

  g_return_if_fail (FACET_IS_CART_ITEM (self));

  upper = currency ? g_ascii_strup (currency, -1) : NULL;
  if (facet_set_string (&self->currency, upper))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

guint
facet_cart_item_get_quantity (FacetCartItem *self)
{
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), 1);
  return self->quantity;
}

void
facet_cart_item_set_quantity (FacetCartItem *self,
                              guint          quantity)
{
  double old_total;

  g_return_if_fail (FACET_IS_CART_ITEM (self));

  quantity = MAX (quantity, 1);
  if (self->quantity == quantity)
    return;

  old_total = facet_cart_item_get_total_price (self);
  self->quantity = quantity;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
  if (facet_cart_item_get_total_price (self) != old_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_PRICE]);
  g_object_thaw_notify (G_OBJECT (self));
}

double
facet_cart_item_get_unit_price (FacetCartItem *self)
{
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), 0);
  return self->unit_price;
}

void
facet_cart_item_set_unit_price (FacetCartItem *self,
                                double         unit_price)
{
  double old_total;

  g_return_if_fail (FACET_IS_CART_ITEM (self));

  if (!isfinite (unit_price) || unit_price < 0)
    unit_price = 0;
  if (self->unit_price == unit_price)
    return;

  old_total = facet_cart_item_get_total_price (self);
  self->unit_price = unit_price;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_PRICE]);
  if (facet_cart_item_get_total_price (self) != old_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_PRICE]);
  g_object_thaw_notify (G_OBJECT (self));
}

double
facet_cart_item_get_total_price (FacetCartItem *self)
{
  g_return_val_if_fail (FACET_IS_CART_ITEM (self), 0);
  return self->unit_price * self->quantity;
}

void
facet_cart_item_serialize (FacetCartItem *self,
                           JsonBuilder   *builder)
{
  g_return_if_fail (FACET_IS_CART_ITEM (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  facet_json_add_string (builder, "id", self->id);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    facet_json_add_string (builder, string_members[i].member, string_members[i].get (self));
  facet_json_add_int (builder, "quantity", self->quantity);
  facet_json_add_double (builder, "unit_price", self->unit_price);
  /* The total is derived, so it is not stored: it cannot disagree. */
  if (self->offer != NULL)
    {
      json_builder_set_member_name (builder, "offer");
      facet_offer_serialize (self->offer, builder);
    }
  json_builder_end_object (builder);
}

FacetCartItem *
facet_cart_item_deserialize (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(FacetCartItem) self = NULL;
  g_autoptr(FacetOffer) offer = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *offer_object;
  const char *id;
  gint64 quantity;
  double unit_price;

  g_return_val_if_fail (object != NULL, NULL);

  id = facet_json_get_string (object, "id", NULL, &local_error);
  if (local_error != NULL)
    goto failed;

  offer_object = facet_json_get_object (object, "offer", &local_error);
  if (local_error != NULL)
    goto failed;
  if (offer_object != NULL)
    {
      offer = facet_offer_deserialize (offer_object, &local_error);
      if (offer == NULL)
        goto failed;
    }

  self = g_object_new (FACET_TYPE_CART_ITEM,
                       "id", id,
                       "offer", offer,
                       NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      const char *value = facet_json_get_string (object, string_members[i].member, NULL, &local_error);

      if (local_error != NULL)
        goto failed;
      string_members[i].set (self, value);
    }

  quantity = facet_json_get_int (object, "quantity", 1, &local_error);
  if (local_error == NULL && (quantity < 1 || quantity > G_MAXUINT))
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("“%s” should be at least 1"), "quantity");
  if (local_error != NULL)
    goto failed;
  facet_cart_item_set_quantity (self, quantity);

  unit_price = facet_json_get_double (object, "unit_price", 0, &local_error);
  if (local_error == NULL && unit_price < 0)
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("“%s” should not be negative"), "unit_price");
  if (local_error != NULL)
    goto failed;
  facet_cart_item_set_unit_price (self, unit_price);

  return g_steal_pointer (&self);

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cart item: ");
  return NULL;
}
