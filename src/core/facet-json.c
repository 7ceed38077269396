/* facet-json.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-json"

#include "config.h"

#include <math.h>

#include "facet-json.h"
#include "facet-library.h"

static JsonNode *
member_of_type (JsonObject  *object,
                const char  *member,
                GType        value_type,
                JsonNodeType node_type,
                const char  *what,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_TYPE (node) != node_type ||
      (node_type == JSON_NODE_VALUE &&
       value_type != G_TYPE_INVALID &&
       json_node_get_value_type (node) != value_type &&
       !(value_type == G_TYPE_DOUBLE && json_node_get_value_type (node) == G_TYPE_INT64)))
    {
      g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                   "“%s” should be %s", member, what);
      return NULL;
    }

  return node;
}

const char *
facet_json_get_string (JsonObject  *object,
                       const char  *member,
                       const char  *default_value,
                       GError     **error)
{
  JsonNode *node = member_of_type (object, member, G_TYPE_STRING, JSON_NODE_VALUE, "a string", error);
  return node ? json_node_get_string (node) : default_value;
}

double
facet_json_get_double (JsonObject  *object,
                       const char  *member,
                       double       default_value,
                       GError     **error)
{
  JsonNode *node = member_of_type (object, member, G_TYPE_DOUBLE, JSON_NODE_VALUE, "a number", error);
  double value;

  if (node == NULL)
    return default_value;
  value = json_node_get_double (node);
  return isfinite (value) ? value : default_value;
}

gint64
facet_json_get_int (JsonObject  *object,
                    const char  *member,
                    gint64       default_value,
                    GError     **error)
{
  JsonNode *node = member_of_type (object, member, G_TYPE_INT64, JSON_NODE_VALUE, "a whole number", error);
  return node ? json_node_get_int (node) : default_value;
}

gboolean
facet_json_get_boolean (JsonObject  *object,
                        const char  *member,
                        gboolean     default_value,
                        GError     **error)
{
  JsonNode *node = member_of_type (object, member, G_TYPE_BOOLEAN, JSON_NODE_VALUE, "true or false", error);
  return node ? json_node_get_boolean (node) : default_value;
}

JsonObject *
facet_json_get_object (JsonObject  *object,
                       const char  *member,
                       GError     **error)
{
  JsonNode *node = member_of_type (object, member, G_TYPE_INVALID, JSON_NODE_OBJECT, "an object", error);
  return node ? json_node_get_object (node) : NULL;
}

JsonArray *
facet_json_get_array (JsonObject  *object,
                      const char  *member,
                      GError     **error)
{
  JsonNode *node = member_of_type (object, member, G_TYPE_INVALID, JSON_NODE_ARRAY, "a list", error);
  return node ? json_node_get_array (node) : NULL;
}

GDateTime *
facet_json_get_date (JsonObject  *object,
                     const char  *member,
                     GError     **error)
{
  const char *text = facet_json_get_string (object, member, NULL, error);
  GDateTime *date;

  if (text == NULL || *text == '\0')
    return NULL;

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 "“%s” should be a date, not “%s”", member, text);
  return date;
}

void
facet_json_add_string (JsonBuilder *builder,
                       const char  *member,
                       const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
facet_json_add_date (JsonBuilder *builder,
                     const char  *member,
                     GDateTime   *value)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  utc = g_date_time_to_utc (value);
  text = g_date_time_format_iso8601 (utc);
  facet_json_add_string (builder, member, text);
}

void
facet_json_add_double (JsonBuilder *builder,
                       const char  *member,
                       double       value)
{
  /* JSON has no NaN or Inf; an unknown figure is simply absent. */
  if (!isfinite (value))
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

void
facet_json_add_int (JsonBuilder *builder,
                    const char  *member,
                    gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

void
facet_json_add_boolean (JsonBuilder *builder,
                        const char  *member,
                        gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

gboolean
facet_str_equal0 (const char *a,
                  const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

/* Returns TRUE when the value changed, so the caller knows to notify. */
gboolean
facet_set_string (char       **field,
                  const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
facet_set_date (GDateTime **field,
                GDateTime  *value)
{
  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  return TRUE;
}
