/* facet-account.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "facet-account.h"
#include "facet-json.h"
#include "facet-library.h"

struct _FacetAccount
{
  GObject parent_instance;

  char              *id;
  char              *provider_id;
  char              *label;
  char              *endpoint_url;
  FacetEndpointKind  endpoint_kind;
  GHashTable        *fields;    /* name → value */
  GHashTable        *model_ids; /* design id → ModelId */
  guint              enabled : 1;
  guint              never_upload : 1;
  guint              ephemeral : 1;
};

typedef struct
{
  guint64  file_size;
  gint64   file_mtime;
  char    *vendor_model_id;
} ModelId;

G_DEFINE_FINAL_TYPE (FacetAccount, facet_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROVIDER_ID,
  PROP_LABEL,
  PROP_ENDPOINT_KIND,
  PROP_ENDPOINT_URL,
  PROP_ENABLED,
  PROP_NEVER_UPLOAD,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char * const endpoint_names[] = {
  "production", "vendor-sandbox", "custom", "local-sandbox",
};

const char *
facet_endpoint_kind_to_string (FacetEndpointKind kind)
{
  g_return_val_if_fail (kind <= FACET_ENDPOINT_LOCAL_SANDBOX, NULL);
  return endpoint_names[kind];
}

gboolean
facet_endpoint_kind_from_string (const char        *text,
                                 FacetEndpointKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoint_names); i++)
    if (g_strcmp0 (text, endpoint_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

static void
model_id_free (gpointer data)
{
  ModelId *m = data;

  g_free (m->vendor_model_id);
  g_free (m);
}

static void
facet_account_finalize (GObject *object)
{
  FacetAccount *self = FACET_ACCOUNT (object);

  g_free (self->id);
  g_free (self->provider_id);
  g_free (self->label);
  g_free (self->endpoint_url);
  g_hash_table_unref (self->fields);
  g_hash_table_unref (self->model_ids);

  G_OBJECT_CLASS (facet_account_parent_class)->finalize (object);
}

static void
facet_account_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FacetAccount *self = FACET_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_PROVIDER_ID: g_value_set_string (value, self->provider_id); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_ENDPOINT_KIND: g_value_set_int (value, self->endpoint_kind); break;
    case PROP_ENDPOINT_URL: g_value_set_string (value, self->endpoint_url); break;
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_NEVER_UPLOAD: g_value_set_boolean (value, self->never_upload); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_account_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FacetAccount *self = FACET_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (g_value_get_string (value) != NULL)
        {
          g_free (self->id);
          self->id = g_value_dup_string (value);
        }
      break;
    case PROP_PROVIDER_ID:
      g_free (self->provider_id);
      self->provider_id = g_value_dup_string (value);
      break;
    case PROP_LABEL: facet_account_set_label (self, g_value_get_string (value)); break;
    case PROP_ENABLED: facet_account_set_enabled (self, g_value_get_boolean (value)); break;
    case PROP_NEVER_UPLOAD: facet_account_set_never_upload (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_account_class_init (FacetAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = facet_account_finalize;
  object_class->get_property = facet_account_get_property;
  object_class->set_property = facet_account_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, co);
  properties[PROP_PROVIDER_ID] = g_param_spec_string ("provider-id", NULL, NULL, NULL, co);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, rw);
  properties[PROP_ENDPOINT_KIND] = g_param_spec_int ("endpoint-kind", NULL, NULL,
                                                     FACET_ENDPOINT_PRODUCTION, FACET_ENDPOINT_LOCAL_SANDBOX,
                                                     FACET_ENDPOINT_PRODUCTION, ro);
  properties[PROP_ENDPOINT_URL] = g_param_spec_string ("endpoint-url", NULL, NULL, NULL, ro);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, rw);
  properties[PROP_NEVER_UPLOAD] = g_param_spec_boolean ("never-upload", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_account_init (FacetAccount *self)
{
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->model_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, model_id_free);
  self->enabled = TRUE;
  self->id = g_uuid_string_random ();
}

FacetAccount *
facet_account_new (const char *provider_id,
                   const char *label)
{
  g_return_val_if_fail (provider_id != NULL, NULL);

  return g_object_new (FACET_TYPE_ACCOUNT,
                       "provider-id", provider_id,
                       "label", label,
                       NULL);
}

const char *
facet_account_get_id (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), NULL);
  return self->id;
}

const char *
facet_account_get_provider_id (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), NULL);
  return self->provider_id;
}

const char *
facet_account_get_label (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), NULL);
  return self->label;
}

void
facet_account_set_label (FacetAccount *self,
                         const char   *label)
{
  g_return_if_fail (FACET_IS_ACCOUNT (self));
  if (facet_set_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

FacetEndpointKind
facet_account_get_endpoint_kind (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), FACET_ENDPOINT_PRODUCTION);
  return self->endpoint_kind;
}

const char *
facet_account_get_endpoint_url (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), NULL);
  return self->endpoint_url;
}

void
facet_account_set_endpoint (FacetAccount      *self,
                            FacetEndpointKind  kind,
                            const char        *url)
{
  g_return_if_fail (FACET_IS_ACCOUNT (self));
  g_return_if_fail (kind <= FACET_ENDPOINT_LOCAL_SANDBOX);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->endpoint_kind != kind)
    {
      self->endpoint_kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT_KIND]);
    }
  if (facet_set_string (&self->endpoint_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT_URL]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
facet_account_get_enabled (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), FALSE);
  return self->enabled;
}

void
facet_account_set_enabled (FacetAccount *self,
                           gboolean      enabled)
{
  g_return_if_fail (FACET_IS_ACCOUNT (self));
  enabled = !!enabled;
  if (self->enabled == (guint) enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
facet_account_get_never_upload (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), FALSE);
  return self->never_upload;
}

void
facet_account_set_never_upload (FacetAccount *self,
                                gboolean      never_upload)
{
  g_return_if_fail (FACET_IS_ACCOUNT (self));
  never_upload = !!never_upload;
  if (self->never_upload == (guint) never_upload)
    return;
  self->never_upload = never_upload;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEVER_UPLOAD]);
}

gboolean
facet_account_get_ephemeral (FacetAccount *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), FALSE);
  return self->ephemeral;
}

void
_facet_account_set_ephemeral (FacetAccount *self,
                              gboolean      ephemeral)
{
  self->ephemeral = !!ephemeral;
}

const char *
facet_account_get_field (FacetAccount *self,
                         const char   *name)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->fields, name);
}

void
facet_account_set_field (FacetAccount *self,
                         const char   *name,
                         const char   *value)
{
  g_return_if_fail (FACET_IS_ACCOUNT (self));
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (self->fields, name);
  else
    g_hash_table_replace (self->fields, g_strdup (name), g_strdup (value));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
facet_account_list_fields (FacetAccount *self)
{
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (FACET_IS_ACCOUNT (self), names);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);
  return names;
}

const char *
facet_account_lookup_model_id (FacetAccount *self,
                               const char   *design_id,
                               guint64       file_size,
                               gint64        file_mtime)
{
  ModelId *m;

  g_return_val_if_fail (FACET_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (design_id != NULL, NULL);

  m = g_hash_table_lookup (self->model_ids, design_id);
  if (m == NULL || m->file_size != file_size || m->file_mtime != file_mtime)
    return NULL;
  return m->vendor_model_id;
}

void
facet_account_remember_model_id (FacetAccount *self,
                                 const char   *design_id,
                                 guint64       file_size,
                                 gint64        file_mtime,
                                 const char   *vendor_model_id)
{
  ModelId *m;

  g_return_if_fail (FACET_IS_ACCOUNT (self));
  g_return_if_fail (design_id != NULL);

  if (vendor_model_id == NULL)
    {
      g_hash_table_remove (self->model_ids, design_id);
      return;
    }

  m = g_new0 (ModelId, 1);
  m->file_size = file_size;
  m->file_mtime = file_mtime;
  m->vendor_model_id = g_strdup (vendor_model_id);
  g_hash_table_replace (self->model_ids, g_strdup (design_id), m);
}

void
facet_account_serialize (FacetAccount *self,
                         JsonBuilder  *builder)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GList) design_ids = NULL;

  g_return_if_fail (FACET_IS_ACCOUNT (self));

  json_builder_begin_object (builder);
  facet_json_add_string (builder, "id", self->id);
  facet_json_add_string (builder, "provider", self->provider_id);
  facet_json_add_string (builder, "label", self->label);
  facet_json_add_string (builder, "endpoint_kind", facet_endpoint_kind_to_string (self->endpoint_kind));
  facet_json_add_string (builder, "endpoint_url", self->endpoint_url);
  facet_json_add_boolean (builder, "enabled", self->enabled);
  facet_json_add_boolean (builder, "never_upload", self->never_upload);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  names = facet_account_list_fields (self);
  for (guint i = 0; i < names->len; i++)
    facet_json_add_string (builder, names->pdata[i], g_hash_table_lookup (self->fields, names->pdata[i]));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "model_ids");
  json_builder_begin_array (builder);
  design_ids = g_list_sort (g_hash_table_get_keys (self->model_ids), (GCompareFunc) g_strcmp0);
  for (const GList *l = design_ids; l; l = l->next)
    {
      ModelId *m = g_hash_table_lookup (self->model_ids, l->data);

      json_builder_begin_object (builder);
      facet_json_add_string (builder, "design_id", l->data);
      facet_json_add_int (builder, "file_size", (gint64) m->file_size);
      facet_json_add_int (builder, "file_mtime", m->file_mtime);
      facet_json_add_string (builder, "vendor_model_id", m->vendor_model_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

FacetAccount *
facet_account_deserialize (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(FacetAccount) self = NULL;
  GError *local_error = NULL;
  const char *id, *provider, *kind_text;
  FacetEndpointKind kind = FACET_ENDPOINT_PRODUCTION;
  JsonObject *fields;
  JsonArray *model_ids;

  id = facet_json_get_string (object, "id", NULL, &local_error);
  provider = facet_json_get_string (object, "provider", NULL, &local_error);
  if (local_error == NULL && (id == NULL || provider == NULL))
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("An account has no “%s”"), id == NULL ? "id" : "provider");
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  self = g_object_new (FACET_TYPE_ACCOUNT, "id", id, "provider-id", provider, NULL);
  self->label = g_strdup (facet_json_get_string (object, "label", NULL, &local_error));
  kind_text = facet_json_get_string (object, "endpoint_kind", "production", local_error ? NULL : &local_error);
  if (local_error == NULL && !facet_endpoint_kind_from_string (kind_text, &kind))
    g_set_error (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                 _("“%s” is not a kind of endpoint"), kind_text);
  self->endpoint_kind = kind;
  self->endpoint_url = g_strdup (facet_json_get_string (object, "endpoint_url", NULL, local_error ? NULL : &local_error));
  self->enabled = facet_json_get_boolean (object, "enabled", TRUE, local_error ? NULL : &local_error);
  self->never_upload = facet_json_get_boolean (object, "never_upload", FALSE, local_error ? NULL : &local_error);

  fields = facet_json_get_object (object, "fields", local_error ? NULL : &local_error);
  if (fields != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (fields);

      for (const GList *l = members; l && local_error == NULL; l = l->next)
        {
          const char *value = facet_json_get_string (fields, l->data, NULL, &local_error);
          if (value != NULL)
            facet_account_set_field (self, l->data, value);
        }
    }

  model_ids = facet_json_get_array (object, "model_ids", local_error ? NULL : &local_error);
  for (guint i = 0; model_ids && i < json_array_get_length (model_ids) && local_error == NULL; i++)
    {
      JsonObject *m = json_array_get_object_element (model_ids, i);
      const char *design_id, *vendor_id;
      gint64 size, mtime;

      if (m == NULL)
        {
          g_set_error_literal (&local_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                               _("“model_ids” should hold objects"));
          break;
        }
      design_id = facet_json_get_string (m, "design_id", NULL, &local_error);
      vendor_id = facet_json_get_string (m, "vendor_model_id", NULL, local_error ? NULL : &local_error);
      size = facet_json_get_int (m, "file_size", 0, local_error ? NULL : &local_error);
      mtime = facet_json_get_int (m, "file_mtime", 0, local_error ? NULL : &local_error);
      if (local_error == NULL && design_id != NULL && vendor_id != NULL)
        facet_account_remember_model_id (self, design_id, (guint64) size, mtime, vendor_id);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&self);
}
