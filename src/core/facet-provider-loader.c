/* facet-provider-loader.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-provider-loader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "facet-provider-loader.h"

#define MODULE_PREFIX "facet-provider-"
#define MODULE_SUFFIX ".so"

struct _FacetProviderLoader
{
  GObject parent_instance;

  GListStore *providers;
  GPtrArray  *failures;
  GHashTable *paths;      /* provider id → module path, for duplicates */
  gboolean    loaded;
};

G_DEFINE_FINAL_TYPE (FacetProviderLoader, facet_provider_loader, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (FacetProviderLoadFailure, facet_provider_load_failure,
                     facet_provider_load_failure_copy, facet_provider_load_failure_free)

static FacetProviderLoadFailure *
failure_new (const char *path,
             const char *reason)
{
  FacetProviderLoadFailure *failure = g_new0 (FacetProviderLoadFailure, 1);

  failure->path = g_strdup (path);
  failure->reason = g_strdup (reason);
  return failure;
}

FacetProviderLoadFailure *
facet_provider_load_failure_copy (const FacetProviderLoadFailure *failure)
{
  return failure_new (failure->path, failure->reason);
}

void
facet_provider_load_failure_free (FacetProviderLoadFailure *failure)
{
  if (failure == NULL)
    return;
  g_free (failure->path);
  g_free (failure->reason);
  g_free (failure);
}

static void
facet_provider_loader_finalize (GObject *object)
{
  FacetProviderLoader *self = FACET_PROVIDER_LOADER (object);

  g_clear_object (&self->providers);
  g_clear_pointer (&self->failures, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_hash_table_unref);

  G_OBJECT_CLASS (facet_provider_loader_parent_class)->finalize (object);
}

static void
facet_provider_loader_class_init (FacetProviderLoaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = facet_provider_loader_finalize;
}

static void
facet_provider_loader_init (FacetProviderLoader *self)
{
  self->providers = g_list_store_new (FACET_TYPE_PROVIDER);
  self->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) facet_provider_load_failure_free);
  self->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

FacetProviderLoader *
facet_provider_loader_new (void)
{
  return g_object_new (FACET_TYPE_PROVIDER_LOADER, NULL);
}

FacetProviderLoader *
facet_provider_loader_get_default (void)
{
  static FacetProviderLoader *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, facet_provider_loader_new ());
  return instance;
}

static void
add_failure (FacetProviderLoader *self,
             const char          *path,
             const char          *reason)
{
  /* Not g_warning: a broken third-party module must not abort a test run,
   * and the app shows the list itself. */
  g_message ("Skipping provider module %s: %s", path, reason);
  g_ptr_array_add (self->failures, failure_new (path, reason));
}

static int
compare_providers (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return g_strcmp0 (facet_provider_get_id ((FacetProvider *) a),
                    facet_provider_get_id ((FacetProvider *) b));
}

static void
load_module (FacetProviderLoader *self,
             const char          *path)
{
  g_autoptr(FacetProvider) provider = NULL;
  g_autofree char *reason = NULL;
  GType (*query_type) (void) = NULL;
  GModule *module;
  GType type;
  const char *id;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      /* Translators: the reason comes from the system's loader */
      reason = g_strdup_printf (_("%s could not be loaded: %s"), path, g_module_error ());
      add_failure (self, path, reason);
      return;
    }

  if (!g_module_symbol (module, "facet_provider_query_type", (gpointer *) &query_type) ||
      query_type == NULL)
    {
      reason = g_strdup_printf (_("%s is not a Facet provider: it has no facet_provider_query_type()"), path);
      add_failure (self, path, reason);
      g_module_close (module);
      return;
    }

  /* Once the module has run code it may have registered types, and GTypes
   * cannot be unregistered: it must stay loaded from here on. */
  g_module_make_resident (module);
  type = query_type ();

  if (type == G_TYPE_INVALID ||
      !g_type_is_a (type, G_TYPE_OBJECT) ||
      !g_type_is_a (type, FACET_TYPE_PROVIDER) ||
      G_TYPE_IS_ABSTRACT (type))
    {
      reason = g_strdup_printf (_("%s gives the type “%s”, which is not a FacetProvider"),
                                path, type == G_TYPE_INVALID ? "invalid" : g_type_name (type));
      add_failure (self, path, reason);
      return;
    }

  provider = g_object_new (type, NULL);
  id = facet_provider_get_id (provider);
  if (id == NULL || *id == '\0')
    {
      reason = g_strdup_printf (_("%s gives a provider without an id"), path);
      add_failure (self, path, reason);
      return;
    }

  if (g_hash_table_contains (self->paths, id))
    {
      reason = g_strdup_printf (_("%s gives the provider “%s”, already loaded from %s"),
                                path, id, (const char *) g_hash_table_lookup (self->paths, id));
      add_failure (self, path, reason);
      return;
    }

  g_debug ("Loaded provider “%s” from %s", id, path);
  g_hash_table_insert (self->paths, g_strdup (id), g_strdup (path));
  g_list_store_insert_sorted (self->providers, provider, compare_providers, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
load_directory (FacetProviderLoader  *self,
                const char           *directory,
                GError              **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("No provider folder %s", directory);
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not read the provider folder %s: %s"), directory, local_error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, MODULE_PREFIX) && g_str_has_suffix (name, MODULE_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));

  /* A fixed order, so which of two duplicates wins does not depend on the disk. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, names->pdata[i], NULL);
      load_module (self, path);
    }

  return TRUE;
}

gboolean
facet_provider_loader_load (FacetProviderLoader  *self,
                            GError              **error)
{
  const char *env;
  g_auto(GStrv) dirs = NULL;
  gboolean ret = TRUE;

  g_return_val_if_fail (FACET_IS_PROVIDER_LOADER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->loaded)
    return TRUE;
  self->loaded = TRUE;

  if (!g_module_supported ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This system cannot load provider modules"));
      return FALSE;
    }

  env = g_getenv ("FACET_PROVIDER_PATH");
  if (env != NULL && *env != '\0')
    dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
  else
    dirs = g_strsplit (FACET_PROVIDER_DIR, G_SEARCHPATH_SEPARATOR_S, -1);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      GError *local_error = NULL;

      if (*dirs[i] == '\0')
        continue;
      /* Keep going: one unreadable folder must not hide the others. */
      if (!load_directory (self, dirs[i], &local_error))
        {
          if (ret)
            g_propagate_error (error, local_error);
          else
            g_error_free (local_error);
          ret = FALSE;
        }
    }

  return ret;
}

GListModel *
facet_provider_loader_get_providers (FacetProviderLoader *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER_LOADER (self), NULL);
  return G_LIST_MODEL (self->providers);
}

FacetProvider *
facet_provider_loader_find (FacetProviderLoader *self,
                            const char          *id)
{
  guint n;

  g_return_val_if_fail (FACET_IS_PROVIDER_LOADER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->providers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FacetProvider) provider = g_list_model_get_item (G_LIST_MODEL (self->providers), i);

      if (g_strcmp0 (facet_provider_get_id (provider), id) == 0)
        return provider;
    }
  return NULL;
}

GPtrArray *
facet_provider_loader_get_failures (FacetProviderLoader *self)
{
  g_return_val_if_fail (FACET_IS_PROVIDER_LOADER (self), NULL);
  return self->failures;
}
