/* duplicate-provider.c: a second module claiming the id "fixture"
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gmodule.h>

#include "facet-provider.h"

#define DUPLICATE_TYPE_PROVIDER (duplicate_provider_get_type ())
G_DECLARE_FINAL_TYPE (DuplicateProvider, duplicate_provider, DUPLICATE, PROVIDER, GObject)

struct _DuplicateProvider
{
  GObject parent_instance;
};

static const char *
duplicate_get_id (FacetProvider *provider)
{
  return "fixture";
}

static void
duplicate_provider_iface_init (FacetProviderInterface *iface)
{
  iface->get_id = duplicate_get_id;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DuplicateProvider, duplicate_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FACET_TYPE_PROVIDER, duplicate_provider_iface_init))

static void duplicate_provider_class_init (DuplicateProviderClass *klass) { }
static void duplicate_provider_init (DuplicateProvider *self) { }

G_MODULE_EXPORT GType facet_provider_query_type (void);

G_MODULE_EXPORT GType
facet_provider_query_type (void)
{
  return DUPLICATE_TYPE_PROVIDER;
}
