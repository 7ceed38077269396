/* facet-offer.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-offer"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "facet-json.h"
#include "facet-library.h"
#include "facet-offer.h"

struct _FacetOffer
{
  GObject parent_instance;

  char          *id;
  char          *design_id;
  char          *design_name;
  char          *account_id;
  char          *account_label;
  char          *provider;
  FacetMaterial *material;
  char          *currency;
  char          *vendor_model_id;
  GDateTime     *valid_until;
  GDateTime     *created;
  double         unit_price;
  double         total_price;
  double         shipping_price;
  int            lead_time_days;
  guint          quantity;
  guint          uploaded : 1;
};

G_DEFINE_FINAL_TYPE (FacetOffer, facet_offer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DESIGN_ID,
  PROP_DESIGN_NAME,
  PROP_ACCOUNT_ID,
  PROP_ACCOUNT_LABEL,
  PROP_PROVIDER,
  PROP_MATERIAL,
  PROP_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_TOTAL_PRICE,
  PROP_CURRENCY,
  PROP_SHIPPING_PRICE,
  PROP_LEAD_TIME_DAYS,
  PROP_VALID_UNTIL,
  PROP_CREATED,
  PROP_UPLOADED,
  PROP_VENDOR_MODEL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *member;
  const char *(*get) (FacetOffer *self);
  void (*set) (FacetOffer *self, const char *value);
} string_members[] = {
  { "design_id", facet_offer_get_design_id, facet_offer_set_design_id },
  { "design_name", facet_offer_get_design_name, facet_offer_set_design_name },
  { "account_id", facet_offer_get_account_id, facet_offer_set_account_id },
  { "account_label", facet_offer_get_account_label, facet_offer_set_account_label },
  { "provider", facet_offer_get_provider, facet_offer_set_provider },
  { "currency", facet_offer_get_currency, facet_offer_set_currency },
  { "vendor_model_id", facet_offer_get_vendor_model_id, facet_offer_set_vendor_model_id },
};

static void
facet_offer_constructed (GObject *object)
{
  FacetOffer *self = (FacetOffer *)object;

  G_OBJECT_CLASS (facet_offer_parent_class)->constructed (object);

  if (self->id == NULL || *self->id == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
  if (self->created == NULL)
    self->created = g_date_time_new_now_utc ();
}

static void
facet_offer_finalize (GObject *object)
{
  FacetOffer *self = (FacetOffer *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->design_id, g_free);
  g_clear_pointer (&self->design_name, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_label, g_free);
  g_clear_pointer (&self->provider, g_free);
  g_clear_object (&self->material);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->vendor_model_id, g_free);
  g_clear_pointer (&self->valid_until, g_date_time_unref);
  g_clear_pointer (&self->created, g_date_time_unref);

  G_OBJECT_CLASS (facet_offer_parent_class)->finalize (object);
}

static void
facet_offer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FacetOffer *self = FACET_OFFER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DESIGN_ID:
      g_value_set_string (value, self->design_id);
      break;
    case PROP_DESIGN_NAME:
      g_value_set_string (value, self->design_name);
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
    case PROP_MATERIAL:
      g_value_set_object (value, self->material);
      break;
    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;
    case PROP_UNIT_PRICE:
      g_value_set_double (value, self->unit_price);
      break;
    case PROP_TOTAL_PRICE:
      g_value_set_double (value, self->total_price);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_SHIPPING_PRICE:
      g_value_set_double (value, self->shipping_price);
      break;
    case PROP_LEAD_TIME_DAYS:
      g_value_set_int (value, self->lead_time_days);
      break;
    case PROP_VALID_UNTIL:
      g_value_set_boxed (value, self->valid_until);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_UPLOADED:
      g_value_set_boolean (value, self->uploaded);
      break;
    case PROP_VENDOR_MODEL_ID:
      g_value_set_string (value, self->vendor_model_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_offer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FacetOffer *self = FACET_OFFER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_DESIGN_ID:
      facet_offer_set_design_id (self, g_value_get_string (value));
      break;
    case PROP_DESIGN_NAME:
      facet_offer_set_design_name (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_ID:
      facet_offer_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_LABEL:
      facet_offer_set_account_label (self, g_value_get_string (value));
      break;
    case PROP_PROVIDER:
      facet_offer_set_provider (self, g_value_get_string (value));
      break;
    case PROP_MATERIAL:
      facet_offer_set_material (self, g_value_get_object (value));
      break;
    case PROP_QUANTITY:
      facet_offer_set_quantity (self, g_value_get_uint (value));
      break;
    case PROP_UNIT_PRICE:
      facet_offer_set_unit_price (self, g_value_get_double (value));
      break;
    case PROP_TOTAL_PRICE:
      facet_offer_set_total_price (self, g_value_get_double (value));
      break;
    case PROP_CURRENCY:
      facet_offer_set_currency (self, g_value_get_string (value));
      break;
    case PROP_SHIPPING_PRICE:
      facet_offer_set_shipping_price (self, g_value_get_double (value));
      break;
    case PROP_LEAD_TIME_DAYS:
      facet_offer_set_lead_time_days (self, g_value_get_int (value));
      break;
    case PROP_VALID_UNTIL:
      facet_offer_set_valid_until (self, g_value_get_boxed (value));
      break;
    case PROP_CREATED:
      facet_offer_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPLOADED:
      facet_offer_set_uploaded (self, g_value_get_boolean (value));
      break;
    case PROP_VENDOR_MODEL_ID:
      facet_offer_set_vendor_model_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_offer_class_init (FacetOfferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = facet_offer_constructed;
  object_class->finalize = facet_offer_finalize;
  object_class->get_property = facet_offer_get_property;
  object_class->set_property = facet_offer_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESIGN_ID] =
    g_param_spec_string ("design-id", NULL, NULL, NULL, flags);
  properties[PROP_DESIGN_NAME] =
    g_param_spec_string ("design-name", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL, flags);
  properties[PROP_ACCOUNT_LABEL] =
    g_param_spec_string ("account-label", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_MATERIAL] =
    g_param_spec_object ("material", NULL, NULL, FACET_TYPE_MATERIAL, flags);
  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL, 1, G_MAXUINT, 1, flags);
  properties[PROP_UNIT_PRICE] =
    g_param_spec_double ("unit-price", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_TOTAL_PRICE] =
    g_param_spec_double ("total-price", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  properties[PROP_SHIPPING_PRICE] =
    g_param_spec_double ("shipping-price", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_LEAD_TIME_DAYS] =
    g_param_spec_int ("lead-time-days", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_VALID_UNTIL] =
    g_param_spec_boxed ("valid-until", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPLOADED] =
    g_param_spec_boolean ("uploaded", NULL, NULL, FALSE, flags);
  properties[PROP_VENDOR_MODEL_ID] =
    g_param_spec_string ("vendor-model-id", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_offer_init (FacetOffer *self)
{
  self->quantity = 1;
  self->shipping_price = -1;
  self->lead_time_days = -1;
}

FacetOffer *
facet_offer_new (void)
{
  return g_object_new (FACET_TYPE_OFFER, NULL);
}

const char *
facet_offer_get_id (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), NULL);
  return self->id;
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                            \
const char *                                                            \
facet_offer_get_##field (FacetOffer *self)                              \
{                                                                       \
  g_return_val_if_fail (FACET_IS_OFFER (self), NULL);                   \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
facet_offer_set_##field (FacetOffer *self,                              \
                         const char *value)                             \
{                                                                       \
  g_return_if_fail (FACET_IS_OFFER (self));                             \
  if (facet_set_string (&self->field, value))                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_STRING_ACCESSORS (design_id, PROP_DESIGN_ID)
DEFINE_STRING_ACCESSORS (design_name, PROP_DESIGN_NAME)
DEFINE_STRING_ACCESSORS (account_id, PROP_ACCOUNT_ID)
DEFINE_STRING_ACCESSORS (account_label, PROP_ACCOUNT_LABEL)
DEFINE_STRING_ACCESSORS (provider, PROP_PROVIDER)
DEFINE_STRING_ACCESSORS (vendor_model_id, PROP_VENDOR_MODEL_ID)

#undef DEFINE_STRING_ACCESSORS

const char *
facet_offer_get_currency (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), NULL);
  return self->currency;
}

void
facet_offer_set_currency (FacetOffer *self,
                          const char *currency)
{
  g_autofree char *upper = NULL;

  g_return_if_fail (FACET_IS_OFFER (self));

  /* Vendors disagree on case; one spelling keeps comparisons simple. */
  upper = currency ? g_ascii_strup (currency, -1) : NULL;
  if (facet_set_string (&self->currency, upper))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

FacetMaterial *
facet_offer_get_material (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), NULL);
  return self->material;
}

void
facet_offer_set_material (FacetOffer    *self,
                          FacetMaterial *material)
{
  g_return_if_fail (FACET_IS_OFFER (self));
  g_return_if_fail (material == NULL || FACET_IS_MATERIAL (material));

  if (g_set_object (&self->material, material))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATERIAL]);
}

guint
facet_offer_get_quantity (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), 1);
  return self->quantity;
}

void
facet_offer_set_quantity (FacetOffer *self,
                          guint       quantity)
{
  g_return_if_fail (FACET_IS_OFFER (self));

  quantity = MAX (quantity, 1);
  if (self->quantity == quantity)
    return;
  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

static void
set_price (FacetOffer *self,
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
facet_offer_get_unit_price (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), 0);
  return self->unit_price;
}

void
facet_offer_set_unit_price (FacetOffer *self,
                            double      unit_price)
{
  g_return_if_fail (FACET_IS_OFFER (self));
  set_price (self, &self->unit_price, unit_price, 0, properties[PROP_UNIT_PRICE]);
}

double
facet_offer_get_total_price (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), 0);
  return self->total_price;
}

void
facet_offer_set_total_price (FacetOffer *self,
                             double      total_price)
{
  g_return_if_fail (FACET_IS_OFFER (self));
  set_price (self, &self->total_price, total_price, 0, properties[PROP_TOTAL_PRICE]);
}

double
facet_offer_get_shipping_price (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), -1);
  return self->shipping_price;
}

void
facet_offer_set_shipping_price (FacetOffer *self,
                                double      shipping_price)
{
  g_return_if_fail (FACET_IS_OFFER (self));
  set_price (self, &self->shipping_price, shipping_price, -1, properties[PROP_SHIPPING_PRICE]);
}

int
facet_offer_get_lead_time_days (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), -1);
  return self->lead_time_days;
}

void
facet_offer_set_lead_time_days (FacetOffer *self,
                                int         lead_time_days)
{
  g_return_if_fail (FACET_IS_OFFER (self));

  lead_time_days = MAX (lead_time_days, -1);
  if (self->lead_time_days == lead_time_days)
    return;
  self->lead_time_days = lead_time_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_TIME_DAYS]);
}

GDateTime *
facet_offer_get_valid_until (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), NULL);
  return self->valid_until;
}

void
facet_offer_set_valid_until (FacetOffer *self,
                             GDateTime  *valid_until)
{
  g_return_if_fail (FACET_IS_OFFER (self));

  if (facet_set_date (&self->valid_until, valid_until))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_UNTIL]);
}

GDateTime *
facet_offer_get_created (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), NULL);
  return self->created;
}

void
facet_offer_set_created (FacetOffer *self,
                         GDateTime  *created)
{
  g_return_if_fail (FACET_IS_OFFER (self));

  if (facet_set_date (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

gboolean
facet_offer_get_uploaded (FacetOffer *self)
{
  g_return_val_if_fail (FACET_IS_OFFER (self), FALSE);
  return self->uploaded;
}

void
facet_offer_set_uploaded (FacetOffer *self,
                          gboolean    uploaded)
{
  g_return_if_fail (FACET_IS_OFFER (self));

  uploaded = !!uploaded;
  if (self->uploaded == uploaded)
    return;
  self->uploaded = uploaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPLOADED]);
}

gboolean
facet_offer_is_expired (FacetOffer *self,
                        GDateTime  *now)
{
  g_autoptr(GDateTime) current = NULL;

  g_return_val_if_fail (FACET_IS_OFFER (self), FALSE);

  if (self->valid_until == NULL)
    return FALSE;
  if (now == NULL)
    now = current = g_date_time_new_now_utc ();
  return g_date_time_compare (self->valid_until, now) <= 0;
}

void
facet_offer_serialize (FacetOffer  *self,
                       JsonBuilder *builder)
{
  g_return_if_fail (FACET_IS_OFFER (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  facet_json_add_string (builder, "id", self->id);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    facet_json_add_string (builder, string_members[i].member, string_members[i].get (self));
  if (self->material != NULL)
    {
      json_builder_set_member_name (builder, "material");
      facet_material_serialize (self->material, builder);
    }
  facet_json_add_int (builder, "quantity", self->quantity);
  facet_json_add_double (builder, "unit_price", self->unit_price);
  facet_json_add_double (builder, "total_price", self->total_price);
  /* Unknown figures are left out rather than written as -1. */
  if (self->shipping_price >= 0)
    facet_json_add_double (builder, "shipping_price", self->shipping_price);
  if (self->lead_time_days >= 0)
    facet_json_add_int (builder, "lead_time_days", self->lead_time_days);
  facet_json_add_date (builder, "valid_until", self->valid_until);
  facet_json_add_date (builder, "created", self->created);
  facet_json_add_boolean (builder, "uploaded", self->uploaded);
  json_builder_end_object (builder);
}

FacetOffer *
facet_offer_deserialize (JsonObject  *object,
                         GError     **error)
{
  g_autoptr(FacetOffer) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FacetMaterial) material = NULL;
  g_autoptr(GDateTime) valid_until = NULL;
  g_autoptr(GDateTime) created = NULL;
  JsonObject *material_object;
  const char *id;
  gint64 quantity;
  gint64 lead_time_days;
  double unit_price;
  double total_price;
  gboolean uploaded;

  g_return_val_if_fail (object != NULL, NULL);

  id = facet_json_get_string (object, "id", NULL, &local_error);
  if (local_error != NULL)
    goto failed;
  self = g_object_new (FACET_TYPE_OFFER, "id", id, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      const char *value = facet_json_get_string (object, string_members[i].member, NULL, &local_error);

      if (local_error != NULL)
        goto failed;
      string_members[i].set (self, value);
    }

  material_object = facet_json_get_object (object, "material", &local_error);
  if (local_error != NULL)
    goto failed;
  if (material_object != NULL)
    {
      material = facet_material_deserialize (material_object, &local_error);
      if (material == NULL)
        goto failed;
      facet_offer_set_material (self, material);
    }

  quantity = facet_json_get_int (object, "quantity", 1, &local_error);
  if (local_error != NULL)
    goto failed;
  if (quantity < 1 || quantity > G_MAXUINT)
    {
      g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                   _("“%s” should be at least 1"), "quantity");
      goto failed;
    }
  facet_offer_set_quantity (self, quantity);

  unit_price = facet_json_get_double (object, "unit_price", 0, &local_error);
  if (local_error == NULL && unit_price < 0)
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("“%s” should not be negative"), "unit_price");
  if (local_error != NULL)
    goto failed;
  facet_offer_set_unit_price (self, unit_price);

  total_price = facet_json_get_double (object, "total_price", 0, &local_error);
  if (local_error == NULL && total_price < 0)
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("“%s” should not be negative"), "total_price");
  if (local_error != NULL)
    goto failed;
  facet_offer_set_total_price (self, total_price);

  facet_offer_set_shipping_price (self, facet_json_get_double (object, "shipping_price", -1, &local_error));
  if (local_error != NULL)
    goto failed;

  lead_time_days = facet_json_get_int (object, "lead_time_days", -1, &local_error);
  if (local_error != NULL)
    goto failed;
  facet_offer_set_lead_time_days (self, CLAMP (lead_time_days, -1, G_MAXINT));

  valid_until = facet_json_get_date (object, "valid_until", &local_error);
  if (local_error != NULL)
    goto failed;
  facet_offer_set_valid_until (self, valid_until);

  created = facet_json_get_date (object, "created", &local_error);
  if (local_error != NULL)
    goto failed;
  if (created != NULL)
    facet_offer_set_created (self, created);

  uploaded = facet_json_get_boolean (object, "uploaded", FALSE, &local_error);
  if (local_error != NULL)
    goto failed;
  facet_offer_set_uploaded (self, uploaded);

  return g_steal_pointer (&self);

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "offer: ");
  return NULL;
}
