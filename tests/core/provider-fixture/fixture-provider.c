/* fixture-provider.c: a minimal but real provider module for the loader tests
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-provider-fixture"

#include <gmodule.h>

#include "facet-provider.h"

#define FIXTURE_TYPE_PROVIDER (fixture_provider_get_type ())
G_DECLARE_FINAL_TYPE (FixtureProvider, fixture_provider, FIXTURE, PROVIDER, GObject)

struct _FixtureProvider
{
  GObject parent_instance;
};

static void fixture_provider_iface_init (FacetProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FixtureProvider, fixture_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FACET_TYPE_PROVIDER, fixture_provider_iface_init))

static const char *
fixture_get_id (FacetProvider *provider)
{
  return "fixture";
}

static const char *
fixture_get_display_name (FacetProvider *provider)
{
  return "Fixture Prints";
}

static FacetProviderCapabilities
fixture_get_capabilities (FacetProvider *provider)
{
  /* Claims quoting and ordering but implements neither: the wrappers must
   * still answer NOT_SUPPORTED because the vfuncs are NULL. */
  return FACET_PROVIDER_CAPABILITY_QUOTE_BY_MEASUREMENTS | FACET_PROVIDER_CAPABILITY_ORDER;
}

static GPtrArray *
fixture_get_fields (FacetProvider *provider)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func ((GDestroyNotify) facet_provider_field_free);

  g_ptr_array_add (fields, facet_provider_field_new ("username", "User name", "you@example.com", FALSE, TRUE));
  g_ptr_array_add (fields, facet_provider_field_new ("api_code", "API code", NULL, TRUE, TRUE));
  return fields;
}

static const char *
fixture_get_production_url (FacetProvider *provider)
{
  return "https://fixture.invalid/api";
}

static void
fixture_list_materials_async (FacetProvider       *provider,
                              FacetAccount        *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  GListStore *store = g_list_store_new (FACET_TYPE_MATERIAL);
  g_autoptr(FacetMaterial) pa12 = facet_material_new ("fixture", "pa12-white");
  g_autoptr(FacetMaterial) resin = facet_material_new ("fixture", "resin-grey");

  facet_material_set_name (pa12, "Nylon PA12");
  facet_material_set_family (pa12, "nylon");
  facet_material_set_name (resin, "Standard resin");
  facet_material_set_family (resin, "resin");
  g_list_store_append (store, pa12);
  g_list_store_append (store, resin);
  g_task_return_pointer (task, store, g_object_unref);
}

static GListModel *
fixture_list_materials_finish (FacetProvider  *provider,
                               GAsyncResult   *result,
                               GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fixture_provider_iface_init (FacetProviderInterface *iface)
{
  iface->get_id = fixture_get_id;
  iface->get_display_name = fixture_get_display_name;
  iface->get_capabilities = fixture_get_capabilities;
  iface->get_fields = fixture_get_fields;
  iface->get_production_url = fixture_get_production_url;
  iface->list_materials_async = fixture_list_materials_async;
  iface->list_materials_finish = fixture_list_materials_finish;
}

static void
fixture_provider_class_init (FixtureProviderClass *klass)
{
}

static void
fixture_provider_init (FixtureProvider *self)
{
}

G_MODULE_EXPORT GType facet_provider_query_type (void);

G_MODULE_EXPORT GType
facet_provider_query_type (void)
{
  return FIXTURE_TYPE_PROVIDER;
}
