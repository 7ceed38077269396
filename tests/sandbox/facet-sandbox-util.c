/* facet-sandbox-util.c: documents and replies shared by the vendors
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-sandbox"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

#include "facet-sandbox-private.h"

JsonNode *
_facet_json_get (JsonObject *object,
                 const char *key)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return NULL;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    if (g_ascii_strcasecmp (name, key) == 0)
      return node;

  return NULL;
}

const char *
_facet_json_get_string (JsonObject *object,
                        const char *key)
{
  JsonNode *node = _facet_json_get (object, key);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
_facet_json_get_object (JsonObject *object,
                        const char *key)
{
  JsonNode *node = _facet_json_get (object, key);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
_facet_json_get_array (JsonObject *object,
                       const char *key)
{
  JsonNode *node = _facet_json_get (object, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
_facet_json_get_double (JsonObject *object,
                        const char *key,
                        gboolean   *present,
                        double     *value)
{
  JsonNode *node = _facet_json_get (object, key);
  GType type;

  *present = FALSE;
  *value = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  *present = TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      *value = json_node_get_double (node);
      return isfinite (*value);
    }

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      while (g_ascii_isspace (*text))
        text++;
      if (*text == '\0')
        {
          /* An empty value counts as absent, as for fileUnits. */
          *present = FALSE;
          return FALSE;
        }
      *value = g_ascii_strtod (text, &end);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      return end != NULL && *end == '\0' && isfinite (*value);
    }

  return FALSE;
}

char *
_facet_doc_singular (const char *plural)
{
  gsize len = strlen (plural);

  if (len > 4 && (g_str_has_suffix (plural, "ches") || g_str_has_suffix (plural, "shes") ||
                  g_str_has_suffix (plural, "sses") || g_str_has_suffix (plural, "xes")))
    return g_strndup (plural, len - 2);
  if (len > 1 && plural[len - 1] == 's' && plural[len - 2] != 's')
    return g_strndup (plural, len - 1);

  return g_strdup (plural);
}

static gboolean
xml_has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

static JsonNode *
xml_to_json (xmlNode *node)
{
  g_autofree char *singular = NULL;
  gboolean is_list = TRUE;
  guint n_children = 0;

  if (!xml_has_element_children (node))
    {
      g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
      xmlChar *text = xmlNodeGetContent (node);
      g_autofree char *stripped = g_strstrip (g_strdup ((const char *) (text != NULL ? text : (xmlChar *) "")));

      xmlFree (text);
      json_node_set_string (value, stripped);
      return g_steal_pointer (&value);
    }

  /* An element whose children all carry its singular name is a list. */
  singular = _facet_doc_singular ((const char *) node->name);
  if (g_ascii_strcasecmp (singular, (const char *) node->name) == 0)
    is_list = FALSE;
  for (xmlNode *child = node->children; child != NULL && is_list; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      {
        n_children++;
        if (g_ascii_strcasecmp ((const char *) child->name, singular) != 0)
          is_list = FALSE;
      }

  if (is_list && n_children > 0)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          json_array_add_element (array, xml_to_json (child));
      return json_node_init_array (json_node_alloc (), array);
    }
  else
    {
      g_autoptr(JsonObject) object = json_object_new ();

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          json_object_set_member (object, (const char *) child->name, xml_to_json (child));
      return json_node_init_object (json_node_alloc (), object);
    }
}

JsonNode *
_facet_doc_parse (const char *data,
                  gsize       length,
                  GError    **error)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  if (i < length && data[i] == '<')
    {
      xmlDoc *doc = xmlReadMemory (data, (int) MIN (length, G_MAXINT), NULL, NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
      JsonNode *node = NULL;

      if (root != NULL && xml_has_element_children (root))
        node = xml_to_json (root);
      if (doc != NULL)
        xmlFreeDoc (doc);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_clear_pointer (&node, json_node_unref);
          g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                       "The XML document is not well formed or has no fields");
        }
      return node;
    }
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_data (parser, data, (gssize) length, error))
        return NULL;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_INVALID,
                       "The JSON document is not an object");
          return NULL;
        }
      return json_node_copy (root);
    }
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\r')
        g_string_append (out, "\\r");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double: 24.78, not
 * json-glib's 24.780000000000001. JSON has no NaN or Inf: 0. */
static void
format_double (char   buf[G_ASCII_DTOSTR_BUF_SIZE],
               double value)
{
  if (!isfinite (value))
    value = 0;
  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return;
    }
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  format_double (buf, value);
  g_string_append (out, buf);
}

static void
append_json (GString  *out,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            if (l != members)
              g_string_append_c (out, ',');
            append_json_string (out, l->data);
            g_string_append_c (out, ':');
            append_json (out, json_object_get_member (object, l->data));
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_json_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          append_number (out, json_node_get_double (node));
      }
      break;
    }
}

char *
_facet_doc_to_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  append_json (out, node);
  return g_string_free (out, FALSE);
}

static void
json_to_xml (xmlNode    *parent,
             const char *name,
             JsonNode   *node)
{
  xmlNode *element;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        element = xmlNewChild (parent, NULL, (const xmlChar *) name, NULL);
        for (GList *l = members; l != NULL; l = l->next)
          json_to_xml (element, l->data, json_object_get_member (object, l->data));
      }
      break;

    case JSON_NODE_ARRAY:
      {
        g_autofree char *singular = _facet_doc_singular (name);
        JsonArray *array = json_node_get_array (node);

        element = xmlNewChild (parent, NULL, (const xmlChar *) name, NULL);
        for (guint i = 0; i < json_array_get_length (array); i++)
          json_to_xml (element, singular, json_array_get_element (array, i));
      }
      break;

    case JSON_NODE_NULL:
      xmlNewChild (parent, NULL, (const xmlChar *) name, NULL);
      break;

    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);
        g_autofree char *text = NULL;

        if (type == G_TYPE_STRING)
          text = g_strdup (json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            format_double (buf, json_node_get_double (node));
            text = g_strdup (buf);
          }
        /* xmlNewTextChild escapes the text. */
        xmlNewTextChild (parent, NULL, (const xmlChar *) name, (const xmlChar *) text);
      }
      break;
    }
}

char *
_facet_doc_to_xml (JsonNode *node)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewNode (NULL, (const xmlChar *) "response");
  xmlChar *buffer = NULL;
  int size = 0;
  char *result;
  xmlDocSetRootElement (doc, root);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        json_to_xml (root, l->data, json_object_get_member (object, l->data));
    }
  xmlDocDumpFormatMemoryEnc (doc, &buffer, &size, "UTF-8", 1);
  result = g_strndup ((const char *) buffer, (gsize) size);
  xmlFree (buffer);
  xmlFreeDoc (doc);

  return result;
}

gboolean
_facet_sandbox_wants_json (SoupServerMessage *msg)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "Accept");

  /* XML is the documented default; JSON only when asked for. */
  return accept != NULL && (strstr (accept, "application/json") != NULL || strstr (accept, "text/json") != NULL);
}

void
_facet_sandbox_reply_doc (SoupServerMessage *msg,
                          JsonNode          *node,
                          gboolean           json)
{
  g_autofree char *body = json ? _facet_doc_to_json (node) : _facet_doc_to_xml (node);
  gsize len = strlen (body);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg,
                                    json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&body), len);
}

void
_facet_sandbox_reply_json (SoupServerMessage *msg,
                           guint              status,
                           JsonNode          *node)
{
  g_autofree char *body = _facet_doc_to_json (node);
  gsize len = strlen (body);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), len);
}

void
_facet_sandbox_reply_empty (SoupServerMessage *msg,
                            guint              status)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
}

gboolean
_facet_is_guid (const char *text)
{
  static const int dashes[] = { 8, 13, 18, 23 };

  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      gboolean dash = i == dashes[0] || i == dashes[1] || i == dashes[2] || i == dashes[3];

      if (dash ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}
