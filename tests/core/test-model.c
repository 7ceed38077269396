/* test-model.c: the model types, their notifications and their JSON
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "facet-address.h"
#include "facet-cart.h"
#include "facet-cart-item.h"
#include "facet-enum-types.h"
#include "facet-library.h"
#include "facet-material.h"
#include "facet-offer.h"
#include "facet-order.h"

/* ------------------------------------------------------------------ */
/* Counting notify emissions, per property                             */

typedef struct
{
  GObject    *object;
  gulong      handler;
  GHashTable *counts;
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static NotifyLog *
notify_log_new (gpointer object)
{
  NotifyLog *log = g_new0 (NotifyLog, 1);

  log->object = object;
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  log->handler = g_signal_connect (object, "notify", G_CALLBACK (on_notify), log);
  return log;
}

static guint
notify_log_count (NotifyLog  *log,
                  const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static guint
notify_log_total (NotifyLog *log)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, log->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);
  return total;
}

static void
notify_log_clear (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
}

static void
notify_log_free (NotifyLog *log)
{
  g_signal_handler_disconnect (log->object, log->handler);
  g_hash_table_unref (log->counts);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyLog, notify_log_free)

/* ------------------------------------------------------------------ */
/* Comparing objects on every readable property                        */

static gboolean objects_equal (GObject *a, GObject *b, const char *path);

static gboolean
list_models_equal (GListModel *a,
                   GListModel *b,
                   const char *path)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    {
      g_test_message ("%s: %u items against %u", path, n, g_list_model_get_n_items (b));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item_a = g_list_model_get_item (a, i);
      g_autoptr(GObject) item_b = g_list_model_get_item (b, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (!objects_equal (item_a, item_b, item_path))
        return FALSE;
    }

  return TRUE;
}

static gboolean
values_equal (const GValue *a,
              const GValue *b,
              const char   *path)
{
  GType type = G_VALUE_TYPE (a);

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_DOUBLE)
    return g_value_get_double (a) == g_value_get_double (b);
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_UINT)
    return g_value_get_uint (a) == g_value_get_uint (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_TYPE_IS_ENUM (type))
    return g_value_get_enum (a) == g_value_get_enum (b);
  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *da = g_value_get_boxed (a);
      GDateTime *db = g_value_get_boxed (b);

      return da == db || (da && db && g_date_time_equal (da, db));
    }
  if (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type))
    {
      GObject *oa = g_value_get_object (a);
      GObject *ob = g_value_get_object (b);

      if (oa == NULL || ob == NULL)
        return oa == ob;
      if (G_IS_LIST_MODEL (oa) && G_IS_LIST_MODEL (ob))
        return list_models_equal (G_LIST_MODEL (oa), G_LIST_MODEL (ob), path);
      return objects_equal (oa, ob, path);
    }

  g_error ("%s: no comparison for type %s", path, g_type_name (type));
}

static gboolean
objects_equal (GObject    *a,
               GObject    *b,
               const char *path)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    {
      g_test_message ("%s: %s against %s", path, G_OBJECT_TYPE_NAME (a), G_OBJECT_TYPE_NAME (b));
      return FALSE;
    }

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      g_autofree char *prop_path = g_strdup_printf ("%s.%s", path, pspecs[i]->name);

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);
      if (!values_equal (&va, &vb, prop_path))
        {
          g_autofree char *sa = g_strdup_value_contents (&va);
          g_autofree char *sb = g_strdup_value_contents (&vb);

          g_test_message ("%s differs: %s against %s", prop_path, sa, sb);
          return FALSE;
        }
    }

  if (G_IS_LIST_MODEL (a) && !list_models_equal (G_LIST_MODEL (a), G_LIST_MODEL (b), path))
    return FALSE;

  return TRUE;
}

/* A round trip only proves something if the fixture sets every property:
 * check that each one differs from a fresh object's. */
static void
assert_every_property_set (GObject *full,
                           GObject *fresh)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (full), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (full, pspecs[i]->name, &va);
      g_object_get_property (fresh, pspecs[i]->name, &vb);
      if (values_equal (&va, &vb, pspecs[i]->name))
        g_error ("The %s fixture leaves “%s” at its default", G_OBJECT_TYPE_NAME (full), pspecs[i]->name);
    }
}

/* ------------------------------------------------------------------ */
/* Setting every writable property: one notify on change, none on the  */
/* same value                                                          */

typedef struct
{
  const char *property;
  const char *value;
  const char *expected;
} StringCase;

/* Properties whose setters normalise what they are given. */
static const StringCase string_cases[] = {
  { "country", "de", "DE" },
  { "currency", "eur", "EUR" },
  { "colour-hex", "#A0B1C2", "#a0b1c2" },
  { "email", "ada@example.com", "ada@example.com" },
};

static void
make_candidate (GObject    *object,
                GParamSpec *pspec,
                GValue     *value,
                GValue     *expected)
{
  GType type = pspec->value_type;

  g_value_init (value, type);
  g_value_init (expected, type);

  if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_strdup_printf ("%s value", pspec->name);

      g_value_set_string (value, text);
      g_value_set_string (expected, text);
      for (guint i = 0; i < G_N_ELEMENTS (string_cases); i++)
        if (g_str_equal (pspec->name, string_cases[i].property))
          {
            g_value_set_string (value, string_cases[i].value);
            g_value_set_string (expected, string_cases[i].expected);
          }
    }
  else if (type == G_TYPE_DOUBLE)
    {
      g_value_set_double (value, 12.5);
      g_value_set_double (expected, 12.5);
    }
  else if (type == G_TYPE_INT)
    {
      g_value_set_int (value, 7);
      g_value_set_int (expected, 7);
    }
  else if (type == G_TYPE_UINT)
    {
      g_value_set_uint (value, 7);
      g_value_set_uint (expected, 7);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      gboolean current;

      g_object_get (object, pspec->name, &current, NULL);
      g_value_set_boolean (value, !current);
      g_value_set_boolean (expected, !current);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      int current;

      g_object_get (object, pspec->name, &current, NULL);
      for (guint i = 0; i < enum_class->n_values; i++)
        if (enum_class->values[i].value != current)
          {
            g_value_set_enum (value, enum_class->values[i].value);
            g_value_set_enum (expected, enum_class->values[i].value);
            break;
          }
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 14, 15, 9, 26.5);

      g_value_set_boxed (value, date);
      g_value_set_boxed (expected, date);
    }
  else if (G_TYPE_IS_OBJECT (type))
    {
      g_autoptr(GObject) other = g_object_new (type, NULL);

      g_value_set_object (value, other);
      g_value_set_object (expected, other);
    }
  else
    g_error ("No candidate value for %s", pspec->name);
}

/* @dependents: pairs of property names, NULL-terminated: setting the first
 * may also notify the second (once). */
static void
check_every_property_notifies_once (gpointer           object,
                                    const char * const *dependents)
{
  g_autoptr(NotifyLog) log = notify_log_new (object);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  guint n_checked = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) original = G_VALUE_INIT;
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) expected = G_VALUE_INIT;
      g_auto(GValue) read_back = G_VALUE_INIT;
      guint allowed = 0;

      if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_test_message ("%s:%s", G_OBJECT_TYPE_NAME (object), pspec->name);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

      g_value_init (&original, pspec->value_type);
      g_object_get_property (object, pspec->name, &original);
      make_candidate (object, pspec, &value, &expected);

      /* A change: exactly one notify for the property. */
      notify_log_clear (log);
      g_object_set_property (object, pspec->name, &value);
      g_assert_cmpuint (notify_log_count (log, pspec->name), ==, 1);
      for (guint d = 0; dependents && dependents[d]; d += 2)
        if (g_str_equal (dependents[d], pspec->name))
          {
            g_assert_cmpuint (notify_log_count (log, dependents[d + 1]), <=, 1);
            allowed += notify_log_count (log, dependents[d + 1]);
          }
      g_assert_cmpuint (notify_log_total (log), ==, 1 + allowed);

      g_value_init (&read_back, pspec->value_type);
      g_object_get_property (object, pspec->name, &read_back);
      g_assert_true (values_equal (&read_back, &expected, pspec->name));

      /* The same value again: nothing at all. */
      notify_log_clear (log);
      g_object_set_property (object, pspec->name, &value);
      g_assert_cmpuint (notify_log_total (log), ==, 0);

      /* And back: one notify again. */
      notify_log_clear (log);
      g_object_set_property (object, pspec->name, &original);
      g_assert_cmpuint (notify_log_count (log, pspec->name), ==, 1);

      n_checked++;
    }

  g_assert_cmpuint (n_checked, >, 0);
}

/* ------------------------------------------------------------------ */
/* JSON text round trips                                               */

typedef void     (*SerializeFunc)   (gpointer     object,
                                     JsonBuilder *builder);
typedef gpointer (*DeserializeFunc) (JsonObject  *object,
                                     GError     **error);

#define WRAP_JSON(type)                                                 \
static void                                                             \
serialize_##type (gpointer     object,                                  \
                  JsonBuilder *builder)                                 \
{                                                                       \
  facet_##type##_serialize (object, builder);                           \
}                                                                       \
                                                                        \
static gpointer                                                         \
deserialize_##type (JsonObject  *object,                                \
                    GError     **error)                                 \
{                                                                       \
  return facet_##type##_deserialize (object, error);                    \
}

WRAP_JSON (material)
WRAP_JSON (offer)
WRAP_JSON (cart_item)
WRAP_JSON (cart)
WRAP_JSON (order)
WRAP_JSON (address)

static char *
to_json (gpointer      object,
         SerializeFunc serialize)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  serialize (object, builder);
  root = json_builder_get_root (builder);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gpointer
from_json (const char      *json,
           DeserializeFunc  deserialize,
           GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;

  json_parser_load_from_data (parser, json, -1, &parse_error);
  g_assert_no_error (parse_error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return deserialize (json_node_get_object (json_parser_get_root (parser)), error);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Serialises, parses the text back and checks every property. */
static gpointer
round_trip (gpointer        object,
            SerializeFunc   serialize,
            DeserializeFunc deserialize)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = to_json (object, serialize);
  gpointer copy;

  g_test_message ("%s", json);
  copy = from_json (json, deserialize, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (copy != object);
  g_assert_true (objects_equal (object, copy, G_OBJECT_TYPE_NAME (object)));
  return copy;
}

/* ------------------------------------------------------------------ */
/* Fixtures with every property set                                    */

static FacetMaterial *
make_material (void)
{
  FacetMaterial *material = facet_material_new ("imaterialise", "035f4772-da8a-400b-8be4-2dd344b28ddb");

  facet_material_set_name (material, "Polyamide (SLS)");
  facet_material_set_family (material, "nylon-pa12");
  facet_material_set_finish_id (material, "bba2bebb-8895-4049-aeb0-ab651cee2597");
  facet_material_set_finish (material, "Polished");
  facet_material_set_colour (material, "Red");
  facet_material_set_colour_hex (material, "#C0392B");
  facet_material_set_description (material, "Strong, slightly flexible nylon.");
  facet_material_set_max_size (material, 650, 330, 560.25);
  facet_material_set_min_size (material, 5, 5, 0.8);
  return material;
}

static FacetOffer *
make_offer (void)
{
  g_autoptr(FacetMaterial) material = make_material ();
  g_autoptr(GDateTime) valid_until = g_date_time_new_utc (2026, 7, 1, 23, 59, 59);
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 6, 1, 8, 30, 12.25);
  FacetOffer *offer = g_object_new (FACET_TYPE_OFFER, "id", "offer-1", NULL);

  facet_offer_set_design_id (offer, "design-1");
  facet_offer_set_design_name (offer, "Bracket");
  facet_offer_set_account_id (offer, "8b0e6a50-0000-4000-8000-000000000001");
  facet_offer_set_account_label (offer, "Work account");
  facet_offer_set_provider (offer, "imaterialise");
  facet_offer_set_material (offer, material);
  facet_offer_set_quantity (offer, 3);
  facet_offer_set_unit_price (offer, 12.34);
  facet_offer_set_total_price (offer, 35.1);
  facet_offer_set_currency (offer, "EUR");
  facet_offer_set_shipping_price (offer, 4.95);
  facet_offer_set_lead_time_days (offer, 9);
  facet_offer_set_valid_until (offer, valid_until);
  facet_offer_set_created (offer, created);
  facet_offer_set_uploaded (offer, TRUE);
  facet_offer_set_vendor_model_id (offer, "m-42");
  return offer;
}

static FacetCartItem *
make_cart_item (const char *id,
                double      unit_price,
                guint       quantity)
{
  g_autoptr(FacetOffer) offer = make_offer ();
  FacetCartItem *item = g_object_new (FACET_TYPE_CART_ITEM,
                                      "id", id,
                                      "offer", offer,
                                      NULL);

  facet_cart_item_set_design_id (item, "design-1");
  facet_cart_item_set_design_name (item, "Bracket");
  facet_cart_item_set_vendor_item_id (item, "cart-item-77");
  facet_cart_item_set_currency (item, "EUR");
  facet_cart_item_set_unit_price (item, unit_price);
  facet_cart_item_set_quantity (item, quantity);
  return item;
}

static FacetCart *
make_cart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetCartItem) a = make_cart_item ("item-a", 12.5, 2);
  g_autoptr(FacetCartItem) b = make_cart_item ("item-b", 4, 3);
  FacetCart *cart = facet_cart_new ("8b0e6a50-0000-4000-8000-000000000001", "imaterialise");

  facet_cart_set_account_label (cart, "Work account");
  facet_cart_set_vendor_cart_id (cart, "vendor-cart-9");
  facet_cart_set_currency (cart, "EUR");
  g_assert_true (facet_cart_add_item (cart, a, &error));
  g_assert_no_error (error);
  g_assert_true (facet_cart_add_item (cart, b, &error));
  g_assert_no_error (error);
  return cart;
}

static FacetAddress *
make_address (void)
{
  FacetAddress *address = g_object_new (FACET_TYPE_ADDRESS, "id", "address-1", NULL);

  facet_address_set_first_name (address, "Ada");
  facet_address_set_last_name (address, "Lovelace");
  facet_address_set_company (address, "Analytical Engines Ltd");
  facet_address_set_line1 (address, "Rue de la Loi 16");
  facet_address_set_line2 (address, "Box 3");
  facet_address_set_city (address, "Brussels");
  facet_address_set_state (address, "Brussels-Capital");
  facet_address_set_postal_code (address, "1000");
  facet_address_set_country (address, "be");
  facet_address_set_email (address, "ada@example.com");
  facet_address_set_phone (address, "+32 2 000 00 00");
  return address;
}

static FacetOrder *
make_order (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetAddress) address = make_address ();
  g_autoptr(GDateTime) placed = g_date_time_new_utc (2026, 6, 2, 10, 0, 0);
  g_autoptr(GDateTime) updated = g_date_time_new_utc (2026, 6, 5, 17, 45, 1.5);
  FacetOrder *order = facet_order_new_from_cart (cart);

  facet_order_set_reference (order, "IM-2026-0042");
  facet_order_set_total_price (order, 49.95);
  facet_order_set_shipping_price (order, 12.95);
  facet_order_set_placed (order, placed);
  facet_order_set_vendor_status (order, "InProduction", FACET_ORDER_STATUS_IN_PRODUCTION);
  facet_order_set_updated (order, updated);
  facet_order_set_tracking_number (order, "1Z999AA10123456784");
  facet_order_set_tracking_url (order, "https://tracking.example/1Z999AA10123456784");
  facet_order_set_test (order, TRUE);
  facet_order_set_shipping_address (order, address);
  facet_order_set_shipping_method (order, "Express");
  facet_order_set_payment_method (order, "Invoice");
  return order;
}

/* ------------------------------------------------------------------ */
/* FacetMaterial                                                       */

static void
test_material_properties (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("sculpteo", "white_plastic");

  g_assert_cmpstr (facet_material_get_provider (material), ==, "sculpteo");
  g_assert_cmpstr (facet_material_get_id (material), ==, "white_plastic");
  check_every_property_notifies_once (material, NULL);
  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_material_set_size_notifies_changed_axes (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("shapeways", "6");
  g_autoptr(NotifyLog) log = notify_log_new (material);
  double x, y, z;

  facet_material_set_max_size (material, 300, 0, 0);
  g_assert_cmpuint (notify_log_count (log, "max-x-mm"), ==, 1);
  g_assert_cmpuint (notify_log_total (log), ==, 1);

  notify_log_clear (log);
  facet_material_set_max_size (material, 300, 200, -5);
  g_assert_cmpuint (notify_log_count (log, "max-y-mm"), ==, 1);
  g_assert_cmpuint (notify_log_total (log), ==, 1);
  facet_material_get_max_size (material, &x, &y, &z);
  g_assert_cmpfloat (x, ==, 300);
  g_assert_cmpfloat (y, ==, 200);
  g_assert_cmpfloat (z, ==, 0);

  notify_log_clear (log);
  facet_material_set_min_size (material, 1, 2, NAN);
  g_assert_cmpuint (notify_log_total (log), ==, 2);
  facet_material_get_min_size (material, &x, &y, &z);
  g_assert_cmpfloat (x, ==, 1);
  g_assert_cmpfloat (y, ==, 2);
  g_assert_cmpfloat (z, ==, 0);

  g_clear_pointer (&log, notify_log_free);
  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_material_json_round_trip (void)
{
  g_autoptr(FacetMaterial) material = make_material ();
  g_autoptr(FacetMaterial) fresh = g_object_new (FACET_TYPE_MATERIAL, NULL);
  g_autoptr(FacetMaterial) copy = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *json = NULL;

  assert_every_property_set (G_OBJECT (material), G_OBJECT (fresh));
  copy = round_trip (material, serialize_material, deserialize_material);

  /* snake_case members, ids as strings */
  json = to_json (material, serialize_material);
  object = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "finish_id"), ==, "bba2bebb-8895-4049-aeb0-ab651cee2597");
  g_assert_cmpstr (json_object_get_string_member (object, "colour_hex"), ==, "#c0392b");
  g_assert_cmpfloat (json_object_get_double_member (object, "max_z_mm"), ==, 560.25);
  g_assert_cmpfloat (json_object_get_double_member (object, "min_z_mm"), ==, 0.8);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&material));
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_material_fits_any_orientation (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("sculpteo", "resin");

  facet_material_set_max_size (material, 250, 200, 150);

  g_assert_true (facet_material_fits (material, 250, 200, 150));
  /* Too tall as given, fine lying down. */
  g_assert_true (facet_material_fits (material, 10, 10, 240));
  g_assert_true (facet_material_fits (material, 150, 250, 200));
  g_assert_true (facet_material_fits (material, 200, 150, 250));
  /* The largest side alone is not the test: 201 > 200 on the middle axis. */
  g_assert_false (facet_material_fits (material, 201, 201, 10));
  g_assert_false (facet_material_fits (material, 260, 10, 10));
  g_assert_false (facet_material_fits (material, 151, 151, 151));

  g_assert_false (facet_material_fits (material, -1, 10, 10));
  g_assert_false (facet_material_fits (material, NAN, 10, 10));
  g_assert_false (facet_material_fits (material, 10, INFINITY, 10));

  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_material_fits_unknown_limits (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("3yourmind", "17");

  /* Nothing known: nothing refused. */
  g_assert_true (facet_material_fits (material, 5000, 5000, 5000));

  /* One axis unknown: it takes the largest side. */
  facet_material_set_max_size (material, 0, 100, 100);
  g_assert_true (facet_material_fits (material, 50, 5000, 50));
  g_assert_false (facet_material_fits (material, 500, 500, 50));

  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_material_fits_minimum_box (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("shapeways", "25");

  facet_material_set_max_size (material, 200, 200, 200);
  facet_material_set_min_size (material, 10, 10, 1);

  /* A thin plate fits whichever axis is thin. */
  g_assert_true (facet_material_fits (material, 20, 20, 1));
  g_assert_true (facet_material_fits (material, 1, 20, 20));
  g_assert_false (facet_material_fits (material, 20, 20, 0.5));
  g_assert_false (facet_material_fits (material, 5, 5, 20));

  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_material_label (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("imaterialise", "m-1");
  char *label;

  label = facet_material_dup_label (material);
  g_assert_cmpstr (label, ==, "m-1");
  g_free (label);

  facet_material_set_name (material, "PA12");
  facet_material_set_colour (material, "Red");
  label = facet_material_dup_label (material);
  g_assert_cmpstr (label, ==, "PA12, Red");
  g_free (label);

  facet_material_set_finish (material, "Polished");
  label = facet_material_dup_label (material);
  g_assert_cmpstr (label, ==, "PA12, Polished, Red");
  g_free (label);

  g_assert_finalize_object (g_steal_pointer (&material));
}

static void
test_material_colour_hex_normalised (void)
{
  g_autoptr(FacetMaterial) material = facet_material_new ("sculpteo", "x");

  facet_material_set_colour_hex (material, "A0B1C2");
  g_assert_cmpstr (facet_material_get_colour_hex (material), ==, "#a0b1c2");
  facet_material_set_colour_hex (material, "red");
  g_assert_null (facet_material_get_colour_hex (material));
  facet_material_set_colour_hex (material, "#fff");
  g_assert_null (facet_material_get_colour_hex (material));
  facet_material_set_colour_hex (material, "#12345g");
  g_assert_null (facet_material_get_colour_hex (material));

  g_assert_finalize_object (g_steal_pointer (&material));
}

/* ------------------------------------------------------------------ */
/* FacetOffer                                                          */

static void
test_offer_properties (void)
{
  g_autoptr(FacetOffer) offer = facet_offer_new ();

  check_every_property_notifies_once (offer, NULL);
  g_assert_finalize_object (g_steal_pointer (&offer));
}

static void
test_offer_defaults (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(FacetOffer) offer = facet_offer_new ();
  g_autoptr(FacetOffer) other = facet_offer_new ();
  g_autoptr(GDateTime) after = g_date_time_new_now_utc ();

  g_assert_true (g_uuid_string_is_valid (facet_offer_get_id (offer)));
  g_assert_cmpstr (facet_offer_get_id (offer), !=, facet_offer_get_id (other));
  g_assert_cmpuint (facet_offer_get_quantity (offer), ==, 1);
  g_assert_cmpfloat (facet_offer_get_shipping_price (offer), ==, -1);
  g_assert_cmpint (facet_offer_get_lead_time_days (offer), ==, -1);
  g_assert_null (facet_offer_get_valid_until (offer));
  g_assert_nonnull (facet_offer_get_created (offer));
  g_assert_cmpint (g_date_time_compare (before, facet_offer_get_created (offer)), <=, 0);
  g_assert_cmpint (g_date_time_compare (facet_offer_get_created (offer), after), <=, 0);

  /* Impossible values are stored as the documented defaults. */
  facet_offer_set_shipping_price (offer, -3.5);
  g_assert_cmpfloat (facet_offer_get_shipping_price (offer), ==, -1);
  facet_offer_set_unit_price (offer, -3.5);
  g_assert_cmpfloat (facet_offer_get_unit_price (offer), ==, 0);
  facet_offer_set_quantity (offer, 0);
  g_assert_cmpuint (facet_offer_get_quantity (offer), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&offer));
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_offer_json_round_trip (void)
{
  g_autoptr(FacetOffer) offer = make_offer ();
  g_autoptr(FacetOffer) fresh = facet_offer_new ();
  g_autoptr(FacetOffer) copy = NULL;
  FacetMaterial *material;

  assert_every_property_set (G_OBJECT (offer), G_OBJECT (fresh));
  copy = round_trip (offer, serialize_offer, deserialize_offer);
  g_assert_cmpstr (facet_offer_get_id (copy), ==, "offer-1");

  /* The embedded material goes with its offer. */
  material = facet_offer_get_material (copy);
  g_assert_nonnull (material);
  g_object_add_weak_pointer (G_OBJECT (material), (gpointer *) &material);
  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_null (material);

  g_assert_finalize_object (g_steal_pointer (&offer));
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_offer_json_unknown_figures_left_out (void)
{
  g_autoptr(FacetOffer) offer = facet_offer_new ();
  g_autoptr(FacetOffer) copy = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *json = NULL;

  json = to_json (offer, serialize_offer);
  object = parse_object (json);
  g_assert_false (json_object_has_member (object, "shipping_price"));
  g_assert_false (json_object_has_member (object, "lead_time_days"));
  g_assert_false (json_object_has_member (object, "valid_until"));
  g_assert_true (json_object_has_member (object, "created"));

  copy = round_trip (offer, serialize_offer, deserialize_offer);
  g_assert_cmpfloat (facet_offer_get_shipping_price (copy), ==, -1);
  g_assert_cmpint (facet_offer_get_lead_time_days (copy), ==, -1);

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&offer));
}

static void
test_offer_expiry (void)
{
  g_autoptr(FacetOffer) offer = facet_offer_new ();
  g_autoptr(GDateTime) until = g_date_time_new_utc (2026, 7, 1, 0, 0, 0);
  g_autoptr(GDateTime) before = g_date_time_add_seconds (until, -1);
  g_autoptr(GDateTime) after = g_date_time_add_seconds (until, 1);

  g_assert_false (facet_offer_is_expired (offer, after));
  facet_offer_set_valid_until (offer, until);
  g_assert_false (facet_offer_is_expired (offer, before));
  g_assert_true (facet_offer_is_expired (offer, until));
  g_assert_true (facet_offer_is_expired (offer, after));
  facet_offer_set_valid_until (offer, NULL);
  g_assert_false (facet_offer_is_expired (offer, NULL));

  g_assert_finalize_object (g_steal_pointer (&offer));
}

/* ------------------------------------------------------------------ */
/* FacetCartItem                                                       */

static void
test_cart_item_properties (void)
{
  g_autoptr(FacetOffer) offer = facet_offer_new ();
  g_autoptr(FacetCartItem) item = facet_cart_item_new (offer);
  const char * const dependents[] = {
    "quantity", "total-price",
    "unit-price", "total-price",
    NULL
  };

  check_every_property_notifies_once (item, dependents);
  g_assert_finalize_object (g_steal_pointer (&item));
  g_assert_finalize_object (g_steal_pointer (&offer));
}

static void
test_cart_item_from_offer (void)
{
  g_autoptr(FacetOffer) offer = make_offer ();
  g_autoptr(FacetCartItem) item = facet_cart_item_new (offer);

  g_assert_true (g_uuid_string_is_valid (facet_cart_item_get_id (item)));
  g_assert_true (facet_cart_item_get_offer (item) == offer);
  g_assert_cmpstr (facet_cart_item_get_design_id (item), ==, "design-1");
  g_assert_cmpstr (facet_cart_item_get_design_name (item), ==, "Bracket");
  g_assert_cmpuint (facet_cart_item_get_quantity (item), ==, 3);
  g_assert_cmpfloat (facet_cart_item_get_unit_price (item), ==, 12.34);
  g_assert_cmpstr (facet_cart_item_get_currency (item), ==, "EUR");
  g_assert_cmpfloat_with_epsilon (facet_cart_item_get_total_price (item), 37.02, 1e-9);

  /* The price was taken at the time: a later change to the offer does not
   * reprice the item. */
  facet_offer_set_unit_price (offer, 99);
  g_assert_cmpfloat (facet_cart_item_get_unit_price (item), ==, 12.34);

  g_assert_finalize_object (g_steal_pointer (&item));
  g_assert_finalize_object (g_steal_pointer (&offer));
}

static void
test_cart_item_quantity_notifies_total (void)
{
  g_autoptr(FacetCartItem) item = make_cart_item ("item-1", 2.5, 1);
  g_autoptr(NotifyLog) log = notify_log_new (item);

  facet_cart_item_set_quantity (item, 4);
  g_assert_cmpuint (notify_log_count (log, "quantity"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);
  g_assert_cmpuint (notify_log_total (log), ==, 2);
  g_assert_cmpfloat (facet_cart_item_get_total_price (item), ==, 10);

  notify_log_clear (log);
  facet_cart_item_set_quantity (item, 4);
  g_assert_cmpuint (notify_log_total (log), ==, 0);

  /* 0 is not a quantity: it is stored as 1. */
  facet_cart_item_set_quantity (item, 0);
  g_assert_cmpuint (facet_cart_item_get_quantity (item), ==, 1);
  g_assert_cmpfloat (facet_cart_item_get_total_price (item), ==, 2.5);

  notify_log_clear (log);
  facet_cart_item_set_unit_price (item, 3);
  g_assert_cmpuint (notify_log_count (log, "unit-price"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);
  g_assert_cmpfloat (facet_cart_item_get_total_price (item), ==, 3);

  g_clear_pointer (&log, notify_log_free);
  g_assert_finalize_object (g_steal_pointer (&item));
}

static void
test_cart_item_json_round_trip (void)
{
  g_autoptr(FacetCartItem) item = make_cart_item ("item-1", 7.25, 4);
  g_autoptr(FacetOffer) fresh_offer = facet_offer_new ();
  g_autoptr(FacetCartItem) fresh = facet_cart_item_new (fresh_offer);
  g_autoptr(FacetCartItem) copy = NULL;
  FacetOffer *offer;

  assert_every_property_set (G_OBJECT (item), G_OBJECT (fresh));
  copy = round_trip (item, serialize_cart_item, deserialize_cart_item);
  g_assert_cmpfloat (facet_cart_item_get_total_price (copy), ==, 29);

  offer = facet_cart_item_get_offer (copy);
  g_object_add_weak_pointer (G_OBJECT (offer), (gpointer *) &offer);
  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_null (offer);

  g_assert_finalize_object (g_steal_pointer (&item));
  g_assert_finalize_object (g_steal_pointer (&fresh));
  g_assert_finalize_object (g_steal_pointer (&fresh_offer));
}

/* ------------------------------------------------------------------ */
/* FacetCart                                                           */

/* Whether anyone still listens to the item's total: a cart must let go of
 * the items it no longer holds. */
static gboolean
is_watched (FacetCartItem *item)
{
  guint signal_id = g_signal_lookup ("notify", G_TYPE_OBJECT);

  return g_signal_has_handler_pending (item, signal_id,
                                       g_quark_from_static_string ("total-price"),
                                       FALSE);
}

typedef struct
{
  FacetCart *cart;
  guint      emissions;
  guint      position;
  guint      removed;
  guint      added;
  double     total_seen;
  guint      n_items_seen;
} ItemsChangedLog;

static void
on_items_changed (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  ItemsChangedLog *log)
{
  log->emissions++;
  log->position = position;
  log->removed = removed;
  log->added = added;
  /* What a view sees while handling the signal. */
  log->total_seen = facet_cart_get_total_price (log->cart);
  log->n_items_seen = g_list_model_get_n_items (model);
}

static void
test_cart_properties (void)
{
  g_autoptr(FacetCart) cart = facet_cart_new ("account-1", "shapeways");

  g_assert_cmpstr (facet_cart_get_account_id (cart), ==, "account-1");
  g_assert_cmpstr (facet_cart_get_provider (cart), ==, "shapeways");
  check_every_property_notifies_once (cart, NULL);
  g_assert_finalize_object (g_steal_pointer (&cart));
}

static void
test_cart_items_changed_once_per_change (void)
{
  g_autoptr(FacetCart) cart = facet_cart_new ("account-1", "imaterialise");
  g_autoptr(FacetCartItem) a = make_cart_item ("item-a", 12.5, 2);
  g_autoptr(FacetCartItem) b = make_cart_item ("item-b", 4, 3);
  g_autoptr(NotifyLog) log = notify_log_new (cart);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) first = NULL;
  ItemsChangedLog changes = { cart };
  GListModel *items;

  items = facet_cart_get_items (cart);
  g_assert_true (G_IS_LIST_MODEL (items));
  g_assert_true (g_list_model_get_item_type (items) == FACET_TYPE_CART_ITEM);
  g_signal_connect (items, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_assert_true (facet_cart_add_item (cart, a, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpfloat (changes.total_seen, ==, 25);
  g_assert_cmpuint (changes.n_items_seen, ==, 1);
  g_assert_cmpuint (notify_log_count (log, "n-items"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);
  /* The first item gives the cart its currency. */
  g_assert_cmpuint (notify_log_count (log, "currency"), ==, 1);
  g_assert_cmpstr (facet_cart_get_currency (cart), ==, "EUR");
  g_assert_cmpuint (notify_log_total (log), ==, 3);

  changes.emissions = 0;
  notify_log_clear (log);
  g_assert_true (facet_cart_add_item (cart, b, &error));
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (notify_log_count (log, "n-items"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);
  g_assert_cmpuint (notify_log_total (log), ==, 2);
  g_assert_cmpuint (facet_cart_get_n_items (cart), ==, 2);
  g_assert_cmpfloat (facet_cart_get_total_price (cart), ==, 37);

  first = g_list_model_get_item (items, 0);
  g_assert_true (first == G_OBJECT (a));
  g_assert_null (g_list_model_get_item (items, 2));
  g_assert_true (facet_cart_find_item (cart, "item-b") == b);
  g_assert_null (facet_cart_find_item (cart, "item-c"));

  changes.emissions = 0;
  notify_log_clear (log);
  g_assert_true (facet_cart_remove_item (cart, a));
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpfloat (changes.total_seen, ==, 12);
  g_assert_cmpuint (notify_log_count (log, "n-items"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);
  g_assert_cmpuint (notify_log_total (log), ==, 2);

  /* Not there any more: nothing happens. */
  changes.emissions = 0;
  notify_log_clear (log);
  g_assert_false (facet_cart_remove_item (cart, a));
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_cmpuint (notify_log_total (log), ==, 0);

  /* A removed item no longer moves the cart's total. */
  g_assert_false (is_watched (a));
  g_assert_true (is_watched (b));
  facet_cart_item_set_quantity (a, 10);
  g_assert_cmpuint (notify_log_total (log), ==, 0);
  g_assert_cmpfloat (facet_cart_get_total_price (cart), ==, 12);

  g_signal_handlers_disconnect_by_func (items, on_items_changed, &changes);
  g_clear_pointer (&log, notify_log_free);
  g_clear_object (&first);
  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
}

static void
test_cart_item_quantity_updates_total (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(NotifyLog) log = notify_log_new (cart);
  ItemsChangedLog changes = { cart };
  FacetCartItem *a = facet_cart_find_item (cart, "item-a");

  g_signal_connect (cart, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_cmpfloat (facet_cart_get_total_price (cart), ==, 37);

  facet_cart_item_set_quantity (a, 5);
  g_assert_cmpfloat (facet_cart_get_total_price (cart), ==, 74.5);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);
  g_assert_cmpuint (notify_log_total (log), ==, 1);
  /* The list itself did not change. */
  g_assert_cmpuint (changes.emissions, ==, 0);

  notify_log_clear (log);
  facet_cart_item_set_quantity (a, 5);
  g_assert_cmpuint (notify_log_total (log), ==, 0);

  facet_cart_item_set_unit_price (a, 10);
  g_assert_cmpfloat (facet_cart_get_total_price (cart), ==, 62);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);

  g_signal_handlers_disconnect_by_func (cart, on_items_changed, &changes);
  g_clear_pointer (&log, notify_log_free);
  g_assert_finalize_object (g_steal_pointer (&cart));
}

static void
test_cart_refuses_other_currency (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetCartItem) dollars = make_cart_item ("item-usd", 10, 1);
  g_autoptr(NotifyLog) log = notify_log_new (cart);
  g_autoptr(GError) error = NULL;
  ItemsChangedLog changes = { cart };

  g_signal_connect (cart, "items-changed", G_CALLBACK (on_items_changed), &changes);
  facet_cart_item_set_currency (dollars, "usd");

  g_assert_false (facet_cart_add_item (cart, dollars, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "This item is priced in USD but the cart is in EUR. Quote the design again in EUR to add it to this cart.");
  g_assert_cmpuint (facet_cart_get_n_items (cart), ==, 2);
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_cmpuint (notify_log_total (log), ==, 0);

  g_signal_handlers_disconnect_by_func (cart, on_items_changed, &changes);
  g_clear_pointer (&log, notify_log_free);
  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&dollars));
}

static void
test_cart_refuses_same_item_twice (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetCartItem) twin = make_cart_item ("item-a", 1, 1);
  g_autoptr(GError) error = NULL;

  g_assert_false (facet_cart_add_item (cart, facet_cart_find_item (cart, "item-b"), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* Another object with the same id is the same line for the vendor. */
  g_assert_false (facet_cart_add_item (cart, twin, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpuint (facet_cart_get_n_items (cart), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&twin));
}

static void
test_cart_remove_all (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetCartItem) a = g_object_ref (facet_cart_find_item (cart, "item-a"));
  g_autoptr(NotifyLog) log = notify_log_new (cart);
  ItemsChangedLog changes = { cart };

  g_signal_connect (cart, "items-changed", G_CALLBACK (on_items_changed), &changes);

  facet_cart_remove_all (cart);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpfloat (changes.total_seen, ==, 0);
  g_assert_cmpuint (notify_log_count (log, "n-items"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "total-price"), ==, 1);

  /* Empty already: no signal at all. */
  changes.emissions = 0;
  notify_log_clear (log);
  facet_cart_remove_all (cart);
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_cmpuint (notify_log_total (log), ==, 0);

  /* The item outlives the cart's watch on it. */
  g_assert_false (is_watched (a));
  facet_cart_item_set_quantity (a, 9);
  g_assert_cmpuint (notify_log_total (log), ==, 0);

  g_signal_handlers_disconnect_by_func (cart, on_items_changed, &changes);
  g_clear_pointer (&log, notify_log_free);
  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&a));
}

static void
test_cart_items_outlive_cart (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetCartItem) a = g_object_ref (facet_cart_find_item (cart, "item-a"));

  /* A cart finalized while an item lives on must not leave a handler
   * pointing at freed memory. */
  g_assert_true (is_watched (a));
  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_false (is_watched (a));
  facet_cart_item_set_quantity (a, 8);
  g_assert_finalize_object (g_steal_pointer (&a));
}

static void
test_cart_json_round_trip (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetCart) fresh = g_object_new (FACET_TYPE_CART, NULL);
  g_autoptr(FacetCart) copy = NULL;
  g_autoptr(FacetCartItem) item = NULL;
  FacetCartItem *watched;

  assert_every_property_set (G_OBJECT (cart), G_OBJECT (fresh));
  copy = round_trip (cart, serialize_cart, deserialize_cart);
  g_assert_cmpfloat (facet_cart_get_total_price (copy), ==, 37);

  /* The items read back are watched like added ones. */
  facet_cart_item_set_quantity (facet_cart_find_item (copy, "item-b"), 1);
  g_assert_cmpfloat (facet_cart_get_total_price (copy), ==, 29);

  item = g_list_model_get_item (G_LIST_MODEL (copy), 0);
  watched = item;
  g_object_add_weak_pointer (G_OBJECT (watched), (gpointer *) &watched);
  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_null (watched);

  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

/* ------------------------------------------------------------------ */
/* FacetOrder                                                          */

static void
test_order_properties (void)
{
  g_autoptr(FacetOrder) order = facet_order_new ();

  g_assert_true (g_uuid_string_is_valid (facet_order_get_id (order)));
  g_assert_cmpint (facet_order_get_status (order), ==, FACET_ORDER_STATUS_UNKNOWN);
  g_assert_cmpfloat (facet_order_get_shipping_price (order), ==, -1);
  check_every_property_notifies_once (order, NULL);
  g_assert_finalize_object (g_steal_pointer (&order));
}

static void
test_order_status_is_an_enum_property (void)
{
  GParamSpec *pspec = g_object_class_find_property (g_type_class_peek (FACET_TYPE_ORDER), "status");

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == FACET_TYPE_ORDER_STATUS);
}

typedef struct
{
  const char       *word;
  FacetOrderStatus  status;
  gboolean          status_changes;
  gboolean          word_changes;
} VendorStep;

static void
test_order_vendor_status (void)
{
  /* Sculpteo's words, as CONVENTIONS.md maps them. */
  static const VendorStep steps[] = {
    { "New", FACET_ORDER_STATUS_PLACED, TRUE, TRUE },
    { "Billed", FACET_ORDER_STATUS_PLACED, FALSE, TRUE },
    { "Billed", FACET_ORDER_STATUS_PLACED, FALSE, FALSE },
    { "In Process", FACET_ORDER_STATUS_IN_PRODUCTION, TRUE, TRUE },
    { "Blocked", FACET_ORDER_STATUS_ON_HOLD, TRUE, TRUE },
    { "In Process", FACET_ORDER_STATUS_IN_PRODUCTION, TRUE, TRUE },
    { "Shipped", FACET_ORDER_STATUS_SHIPPED, TRUE, TRUE },
    { "Shipped", FACET_ORDER_STATUS_SHIPPED, FALSE, FALSE },
  };
  g_autoptr(FacetOrder) order = facet_order_new ();
  g_autoptr(NotifyLog) log = notify_log_new (order);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
      gboolean changed;

      g_test_message ("step %u: %s", i, steps[i].word);
      notify_log_clear (log);
      changed = facet_order_set_vendor_status (order, steps[i].word, steps[i].status);

      g_assert_cmpint (changed, ==, steps[i].status_changes);
      g_assert_cmpint (facet_order_get_status (order), ==, steps[i].status);
      g_assert_cmpstr (facet_order_get_vendor_status (order), ==, steps[i].word);
      g_assert_cmpuint (notify_log_count (log, "status"), ==, steps[i].status_changes ? 1 : 0);
      g_assert_cmpuint (notify_log_count (log, "vendor-status"), ==, steps[i].word_changes ? 1 : 0);
      if (steps[i].status_changes || steps[i].word_changes)
        {
          g_assert_cmpuint (notify_log_count (log, "updated"), ==, 1);
          g_assert_cmpint (g_date_time_compare (before, facet_order_get_updated (order)), <=, 0);
        }
      else
        g_assert_cmpuint (notify_log_total (log), ==, 0);
    }

  g_clear_pointer (&log, notify_log_free);
  g_assert_finalize_object (g_steal_pointer (&order));
}

static void
test_order_new_from_cart (void)
{
  g_autoptr(FacetCart) cart = make_cart ();
  g_autoptr(FacetOrder) order = facet_order_new_from_cart (cart);
  GListModel *items = facet_order_get_items (order);
  g_autoptr(FacetCartItem) first = NULL;

  g_assert_cmpstr (facet_order_get_account_id (order), ==, facet_cart_get_account_id (cart));
  g_assert_cmpstr (facet_order_get_account_label (order), ==, "Work account");
  g_assert_cmpstr (facet_order_get_provider (order), ==, "imaterialise");
  g_assert_cmpstr (facet_order_get_currency (order), ==, "EUR");
  g_assert_cmpfloat (facet_order_get_total_price (order), ==, 37);
  g_assert_cmpint (facet_order_get_status (order), ==, FACET_ORDER_STATUS_DRAFT);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_true (g_list_model_get_item_type (items) == FACET_TYPE_CART_ITEM);
  first = g_list_model_get_item (items, 0);
  g_assert_true (first == facet_cart_find_item (cart, "item-a"));

  /* Emptying the cart after ordering leaves the order whole. */
  facet_cart_remove_all (cart);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);

  g_clear_object (&first);
  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&order));
}

static void
test_order_json_round_trip (void)
{
  g_autoptr(FacetOrder) order = make_order ();
  g_autoptr(FacetOrder) fresh = facet_order_new ();
  g_autoptr(FacetOrder) copy = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *json = NULL;
  FacetAddress *address;

  assert_every_property_set (G_OBJECT (order), G_OBJECT (fresh));
  copy = round_trip (order, serialize_order, deserialize_order);
  g_assert_cmpint (facet_order_get_status (copy), ==, FACET_ORDER_STATUS_IN_PRODUCTION);

  /* The status is the documented string, not a number. */
  json = to_json (order, serialize_order);
  object = parse_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "in_production");
  g_assert_cmpstr (json_object_get_string_member (object, "vendor_status"), ==, "InProduction");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 2);
  g_assert_true (json_object_get_boolean_member (object, "test"));

  address = facet_order_get_shipping_address (copy);
  g_object_add_weak_pointer (G_OBJECT (address), (gpointer *) &address);
  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_null (address);

  g_assert_finalize_object (g_steal_pointer (&order));
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_order_json_every_status (void)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (FACET_TYPE_ORDER_STATUS);

  for (guint i = 0; i < enum_class->n_values; i++)
    {
      g_autoptr(FacetOrder) order = facet_order_new ();
      g_autoptr(FacetOrder) copy = NULL;

      facet_order_set_status (order, enum_class->values[i].value);
      copy = round_trip (order, serialize_order, deserialize_order);
      g_assert_cmpint (facet_order_get_status (copy), ==, enum_class->values[i].value);
    }
}

/* ------------------------------------------------------------------ */
/* FacetAddress                                                        */

static void
test_address_properties (void)
{
  g_autoptr(FacetAddress) address = facet_address_new ();

  g_assert_true (g_uuid_string_is_valid (facet_address_get_id (address)));
  check_every_property_notifies_once (address, NULL);
  g_assert_finalize_object (g_steal_pointer (&address));
}

static void
test_address_json_round_trip (void)
{
  g_autoptr(FacetAddress) address = make_address ();
  g_autoptr(FacetAddress) fresh = facet_address_new ();
  g_autoptr(FacetAddress) copy = NULL;

  assert_every_property_set (G_OBJECT (address), G_OBJECT (fresh));
  copy = round_trip (address, serialize_address, deserialize_address);
  g_assert_cmpstr (facet_address_get_country (copy), ==, "BE");

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&address));
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_address_validate_complete (void)
{
  g_autoptr(FacetAddress) address = make_address ();
  g_autoptr(GError) error = NULL;

  g_assert_true (facet_address_validate (address, &error));
  g_assert_no_error (error);

  /* Optional fields may be empty. */
  g_object_set (address, "company", NULL, "line2", NULL, "state", NULL, "phone", NULL, NULL);
  g_assert_true (facet_address_validate (address, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&address));
}

static void
test_address_validate_names_missing_field (void)
{
  static const struct {
    const char *property;
    const char *message;
  } cases[] = {
    { "first-name", "The address has no first name." },
    { "last-name", "The address has no last name." },
    { "line1", "The address has no street address (first address line)." },
    { "city", "The address has no city." },
    { "postal-code", "The address has no postal code." },
    { "country", "The address has no country. Use its two-letter code, such as DE or US." },
    { "email", "The address has no email address. Print services send order and shipping news there." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *blanks[] = { NULL, "", "  \t" };

      for (guint b = 0; b < G_N_ELEMENTS (blanks); b++)
        {
          g_autoptr(FacetAddress) address = make_address ();
          g_autoptr(GError) error = NULL;

          g_object_set (address, cases[i].property, blanks[b], NULL);
          g_assert_false (facet_address_validate (address, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

static void
test_address_validate_country (void)
{
  const char *bad[] = { "Deu", "D", "12", "D1", "Belgium" };
  g_autoptr(FacetAddress) address = make_address ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *upper = g_ascii_strup (bad[i], -1);
      g_autofree char *expected = g_strdup_printf ("The country “%s” is not a two-letter country code (ISO 3166-1), such as DE or US.", upper);

      facet_address_set_country (address, bad[i]);
      g_assert_false (facet_address_validate (address, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, expected);
    }

  facet_address_set_country (address, "de");
  g_assert_cmpstr (facet_address_get_country (address), ==, "DE");
  g_assert_true (facet_address_validate (address, NULL));

  g_assert_finalize_object (g_steal_pointer (&address));
}

static void
test_address_validate_email (void)
{
  const char *bad[] = { "ada.example.com", "@example.com", "ada@", "ada@@example.com", "ada lovelace@example.com" };
  g_autoptr(FacetAddress) address = make_address ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("The email address “%s” is not valid: it should look like name@example.com.", bad[i]);

      facet_address_set_email (address, bad[i]);
      g_assert_false (facet_address_validate (address, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, expected);
    }

  g_assert_finalize_object (g_steal_pointer (&address));
}

static void
test_address_display (void)
{
  g_autoptr(FacetAddress) address = make_address ();
  char *text;

  text = facet_address_dup_display (address);
  g_assert_cmpstr (text, ==,
                   "Ada Lovelace\n"
                   "Analytical Engines Ltd\n"
                   "Rue de la Loi 16\n"
                   "Box 3\n"
                   "1000 Brussels\n"
                   "Brussels-Capital\n"
                   "BE");
  g_free (text);

  g_object_set (address,
                "company", NULL, "line1", "742 Evergreen Terrace", "line2", "",
                "city", "Springfield", "state", "IL", "postal-code", "62704",
                "country", "US", NULL);
  text = facet_address_dup_display (address);
  g_assert_cmpstr (text, ==,
                   "Ada Lovelace\n"
                   "742 Evergreen Terrace\n"
                   "Springfield, IL 62704\n"
                   "US");
  g_free (text);

  g_object_set (address,
                "line1", "10 Downing Street", "city", "London", "state", NULL,
                "postal-code", "SW1A 2AA", "country", "GB", NULL);
  text = facet_address_dup_display (address);
  g_assert_cmpstr (text, ==,
                   "Ada Lovelace\n"
                   "10 Downing Street\n"
                   "London\n"
                   "SW1A 2AA\n"
                   "GB");
  g_free (text);

  text = facet_address_dup_summary (address);
  g_assert_cmpstr (text, ==, "10 Downing Street, London, GB");
  g_free (text);

  facet_address_set_first_name (address, NULL);
  text = facet_address_dup_full_name (address);
  g_assert_cmpstr (text, ==, "Lovelace");
  g_free (text);

  g_assert_finalize_object (g_steal_pointer (&address));
}

static char *
write_temp_file (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("facet-address-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_address_json_file_reads_serialized_members (void)
{
  g_autoptr(FacetAddress) address = make_address ();
  g_autoptr(FacetAddress) read = NULL;
  g_autoptr(FacetAddress) typed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = to_json (address, serialize_address);
  g_autofree char *path = write_temp_file (json);
  g_autofree char *typed_path = NULL;

  /* What serialize writes, the CLI reads: the same member names. */
  read = facet_address_new_from_json_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (objects_equal (G_OBJECT (address), G_OBJECT (read), "address"));

  /* A file typed by hand, without an id. */
  typed_path = write_temp_file ("{\"first_name\": \"Grace\", \"last_name\": \"Hopper\", "
                                "\"line1\": \"1 Navy Way\", \"city\": \"Arlington\", \"state\": \"VA\", "
                                "\"postal_code\": \"22201\", \"country\": \"us\", "
                                "\"email\": \"grace@example.com\"}");
  typed = facet_address_new_from_json_file (typed_path, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (facet_address_get_id (typed)));
  g_assert_cmpstr (facet_address_get_country (typed), ==, "US");
  g_assert_cmpstr (facet_address_get_postal_code (typed), ==, "22201");
  g_assert_null (facet_address_get_company (typed));
  g_assert_true (facet_address_validate (typed, NULL));

  g_unlink (path);
  g_unlink (typed_path);
  g_assert_finalize_object (g_steal_pointer (&read));
  g_assert_finalize_object (g_steal_pointer (&typed));
  g_assert_finalize_object (g_steal_pointer (&address));
}

static void
test_address_json_file_errors_name_the_file (void)
{
  static const struct {
    const char *contents;
    const char *says;
  } cases[] = {
    { "{\"first_name\": \"Ada\",", "is not valid JSON" },
    { "[{\"first_name\": \"Ada\"}]", "should hold one JSON object" },
    { "{\"first_name\": \"Ada\", \"postcode\": \"1000\"}", "unknown member “postcode”" },
    { "{\"first_name\": \"Ada\", \"postal_code\": 1000}", "“postal_code” should be a string" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "facet-no-such-address.json", NULL);

  g_assert_null (facet_address_new_from_json_file (missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp_file (cases[i].contents);

      g_assert_null (facet_address_new_from_json_file (path, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_clear_error (&error);
      g_unlink (path);
    }
}

/* ------------------------------------------------------------------ */
/* Reading damaged JSON                                                */

typedef struct
{
  DeserializeFunc  deserialize;
  const char      *json;
  const char      *message;
} BadJson;

static void
test_json_wrong_member_types (void)
{
  const BadJson cases[] = {
    { deserialize_material, "{\"name\": 3}", "material: “name” should be a string" },
    { deserialize_material, "{\"max_x_mm\": \"big\"}", "material: “max_x_mm” should be a number" },
    { deserialize_offer, "{\"id\": 5}", "offer: “id” should be a string" },
    { deserialize_offer, "{\"quantity\": \"two\"}", "offer: “quantity” should be a whole number" },
    { deserialize_offer, "{\"quantity\": 0}", "offer: “quantity” should be at least 1" },
    { deserialize_offer, "{\"unit_price\": \"12\"}", "offer: “unit_price” should be a number" },
    { deserialize_offer, "{\"total_price\": -3}", "offer: “total_price” should not be negative" },
    { deserialize_offer, "{\"lead_time_days\": 2.5}", "offer: “lead_time_days” should be a whole number" },
    { deserialize_offer, "{\"created\": \"yesterday\"}", "offer: “created” should be a date, not “yesterday”" },
    { deserialize_offer, "{\"uploaded\": 1}", "offer: “uploaded” should be true or false" },
    { deserialize_offer, "{\"material\": []}", "offer: “material” should be an object" },
    { deserialize_offer, "{\"material\": {\"colour\": false}}", "offer: material: “colour” should be a string" },
    { deserialize_cart_item, "{\"quantity\": 1.5}", "cart item: “quantity” should be a whole number" },
    { deserialize_cart_item, "{\"offer\": \"offer-1\"}", "cart item: “offer” should be an object" },
    { deserialize_cart_item, "{\"offer\": {\"currency\": 978}}", "cart item: offer: “currency” should be a string" },
    { deserialize_cart, "{\"items\": {}}", "cart: “items” should be a list" },
    { deserialize_cart, "{\"items\": [1]}", "cart: “items” should hold objects" },
    { deserialize_cart, "{\"items\": [{\"id\": \"a\"}, {\"unit_price\": true}]}",
      "cart: items[1]: cart item: “unit_price” should be a number" },
    { deserialize_cart, "{\"currency\": \"EUR\", \"items\": [{\"currency\": \"USD\"}]}",
      "cart: items[0]: This item is priced in USD but the cart is in EUR." },
    { deserialize_cart, "{\"items\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}",
      "cart: items[1]: This item is already in the cart." },
    { deserialize_order, "{\"total_price\": \"12\"}", "order: “total_price” should be a number" },
    { deserialize_order, "{\"status\": 3}", "order: “status” should be a string" },
    { deserialize_order, "{\"placed\": \"2026-13-45\"}", "order: “placed” should be a date" },
    { deserialize_order, "{\"test\": \"yes\"}", "order: “test” should be true or false" },
    { deserialize_order, "{\"shipping_address\": {\"city\": 5}}", "order: address: “city” should be a string" },
    { deserialize_order, "{\"items\": [{\"offer\": {\"quantity\": -1}}]}",
      "order: items[0]: cart item: offer: “quantity” should be at least 1" },
    { deserialize_address, "{\"email\": [\"ada@example.com\"]}", "address: “email” should be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gpointer object;

      g_test_message ("%s", cases[i].json);
      object = from_json (cases[i].json, cases[i].deserialize, &error);
      g_assert_null (object);
      g_assert_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT);
      g_test_message ("→ %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_json_absent_members_give_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetMaterial) material = from_json ("{}", deserialize_material, &error);
  g_autoptr(FacetOffer) offer = from_json ("{\"from_a_newer_facet\": [1, 2]}", deserialize_offer, &error);
  g_autoptr(FacetCartItem) item = from_json ("{\"quantity\": null}", deserialize_cart_item, &error);
  g_autoptr(FacetCart) cart = from_json ("{}", deserialize_cart, &error);
  g_autoptr(FacetOrder) order = from_json ("{\"status\": \"launched_into_space\"}", deserialize_order, &error);
  g_autoptr(FacetAddress) address = from_json ("{}", deserialize_address, &error);

  g_assert_no_error (error);
  g_assert_nonnull (material);
  g_assert_null (facet_material_get_name (material));
  g_assert_nonnull (offer);
  g_assert_true (g_uuid_string_is_valid (facet_offer_get_id (offer)));
  g_assert_cmpuint (facet_offer_get_quantity (offer), ==, 1);
  g_assert_cmpfloat (facet_offer_get_shipping_price (offer), ==, -1);
  g_assert_nonnull (facet_offer_get_created (offer));
  g_assert_nonnull (item);
  g_assert_null (facet_cart_item_get_offer (item));
  g_assert_cmpuint (facet_cart_item_get_quantity (item), ==, 1);
  g_assert_nonnull (cart);
  g_assert_cmpuint (facet_cart_get_n_items (cart), ==, 0);
  g_assert_nonnull (order);
  /* A status from a newer Facet reads as unknown rather than failing. */
  g_assert_cmpint (facet_order_get_status (order), ==, FACET_ORDER_STATUS_UNKNOWN);
  g_assert_nonnull (address);

  g_assert_finalize_object (g_steal_pointer (&material));
  g_assert_finalize_object (g_steal_pointer (&offer));
  g_assert_finalize_object (g_steal_pointer (&item));
  g_assert_finalize_object (g_steal_pointer (&cart));
  g_assert_finalize_object (g_steal_pointer (&order));
  g_assert_finalize_object (g_steal_pointer (&address));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/material/properties/notify-once-on-change", test_material_properties);
  g_test_add_func ("/model/material/size/notifies-changed-axes-only", test_material_set_size_notifies_changed_axes);
  g_test_add_func ("/model/material/json/round-trip-keeps-every-property", test_material_json_round_trip);
  g_test_add_func ("/model/material/fits/any-orientation", test_material_fits_any_orientation);
  g_test_add_func ("/model/material/fits/unknown-limits-do-not-restrict", test_material_fits_unknown_limits);
  g_test_add_func ("/model/material/fits/minimum-box-in-any-orientation", test_material_fits_minimum_box);
  g_test_add_func ("/model/material/label/leaves-out-unknown-parts", test_material_label);
  g_test_add_func ("/model/material/colour-hex/normalised-or-dropped", test_material_colour_hex_normalised);

  g_test_add_func ("/model/offer/properties/notify-once-on-change", test_offer_properties);
  g_test_add_func ("/model/offer/defaults/uuid-now-and-unknowns", test_offer_defaults);
  g_test_add_func ("/model/offer/json/round-trip-keeps-every-property", test_offer_json_round_trip);
  g_test_add_func ("/model/offer/json/unknown-figures-left-out", test_offer_json_unknown_figures_left_out);
  g_test_add_func ("/model/offer/expiry", test_offer_expiry);

  g_test_add_func ("/model/cart-item/properties/notify-once-on-change", test_cart_item_properties);
  g_test_add_func ("/model/cart-item/new/takes-price-at-the-time", test_cart_item_from_offer);
  g_test_add_func ("/model/cart-item/quantity/notifies-total-once", test_cart_item_quantity_notifies_total);
  g_test_add_func ("/model/cart-item/json/round-trip-keeps-every-property", test_cart_item_json_round_trip);

  g_test_add_func ("/model/cart/properties/notify-once-on-change", test_cart_properties);
  g_test_add_func ("/model/cart/items/changed-once-per-change", test_cart_items_changed_once_per_change);
  g_test_add_func ("/model/cart/items/quantity-change-updates-total", test_cart_item_quantity_updates_total);
  g_test_add_func ("/model/cart/items/other-currency-refused", test_cart_refuses_other_currency);
  g_test_add_func ("/model/cart/items/same-item-twice-refused", test_cart_refuses_same_item_twice);
  g_test_add_func ("/model/cart/items/remove-all-in-one-signal", test_cart_remove_all);
  g_test_add_func ("/model/cart/items/outlive-the-cart", test_cart_items_outlive_cart);
  g_test_add_func ("/model/cart/json/round-trip-keeps-every-property", test_cart_json_round_trip);

  g_test_add_func ("/model/order/properties/notify-once-on-change", test_order_properties);
  g_test_add_func ("/model/order/status/is-an-enum-property", test_order_status_is_an_enum_property);
  g_test_add_func ("/model/order/vendor-status/true-only-when-status-changes", test_order_vendor_status);
  g_test_add_func ("/model/order/new-from-cart/copies-account-total-items", test_order_new_from_cart);
  g_test_add_func ("/model/order/json/round-trip-keeps-every-property", test_order_json_round_trip);
  g_test_add_func ("/model/order/json/every-status-round-trips", test_order_json_every_status);

  g_test_add_func ("/model/address/properties/notify-once-on-change", test_address_properties);
  g_test_add_func ("/model/address/json/round-trip-keeps-every-property", test_address_json_round_trip);
  g_test_add_func ("/model/address/validate/complete-address-passes", test_address_validate_complete);
  g_test_add_func ("/model/address/validate/names-the-missing-field", test_address_validate_names_missing_field);
  g_test_add_func ("/model/address/validate/country-needs-two-letters", test_address_validate_country);
  g_test_add_func ("/model/address/validate/email-needs-one-at", test_address_validate_email);
  g_test_add_func ("/model/address/display/follows-the-country", test_address_display);
  g_test_add_func ("/model/address/json-file/reads-serialized-members", test_address_json_file_reads_serialized_members);
  g_test_add_func ("/model/address/json-file/errors-name-the-file", test_address_json_file_errors_name_the_file);

  g_test_add_func ("/model/json/wrong-member-type-names-member-and-type", test_json_wrong_member_types);
  g_test_add_func ("/model/json/absent-members-give-defaults", test_json_absent_members_give_defaults);

  return g_test_run ();
}
