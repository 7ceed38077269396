/* facet-provider-loader.h: finds and loads the provider modules
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "facet-provider.h"

G_BEGIN_DECLS

/* One module that could not be used, and why (for people). */
#define FACET_TYPE_PROVIDER_LOAD_FAILURE (facet_provider_load_failure_get_type ())

typedef struct
{
  char *path;
  char *reason;
} FacetProviderLoadFailure;

GType                     facet_provider_load_failure_get_type (void) G_GNUC_CONST;
FacetProviderLoadFailure *facet_provider_load_failure_copy     (const FacetProviderLoadFailure *failure);
void                      facet_provider_load_failure_free     (FacetProviderLoadFailure       *failure);

#define FACET_TYPE_PROVIDER_LOADER (facet_provider_loader_get_type ())

G_DECLARE_FINAL_TYPE (FacetProviderLoader, facet_provider_loader, FACET, PROVIDER_LOADER, GObject)

/* Returns: (transfer none): the process-wide loader. */
FacetProviderLoader *facet_provider_loader_get_default  (void);
/* Returns: (transfer full): a loader of its own (tests). */
FacetProviderLoader *facet_provider_loader_new          (void);

/* Loads every `facet-provider-*.so` in FACET_PROVIDER_PATH (colon-separated)
 * or, when it is unset, the installed provider directory. Broken modules are
 * skipped and listed by facet_provider_loader_get_failures(); fails only when a
 * folder exists but cannot be read. Loading twice does nothing. */
gboolean             facet_provider_loader_load         (FacetProviderLoader *self,
                                                         GError             **error);
/* Returns: (transfer none): a GListModel of FacetProvider, sorted by id. */
GListModel          *facet_provider_loader_get_providers (FacetProviderLoader *self);
/* Returns: (transfer none) (nullable) */
FacetProvider       *facet_provider_loader_find         (FacetProviderLoader *self,
                                                         const char          *id);
/* Returns: (transfer none) (element-type FacetProviderLoadFailure) */
GPtrArray           *facet_provider_loader_get_failures (FacetProviderLoader *self);

G_END_DECLS
