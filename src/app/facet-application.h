/* facet-application.h: the application: one library, its windows, actions
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "facet-library.h"

G_BEGIN_DECLS

#define FACET_TYPE_APPLICATION (facet_application_get_type ())

G_DECLARE_FINAL_TYPE (FacetApplication, facet_application, FACET, APPLICATION, AdwApplication)

/**
 * facet_application_new:
 * @flags: flags added to %G_APPLICATION_HANDLES_OPEN (tests pass
 *   %G_APPLICATION_NON_UNIQUE)
 *
 * Returns: (transfer full): the application
 */
FacetApplication *facet_application_new              (GApplicationFlags  flags);

/**
 * facet_application_get_library:
 *
 * Returns: (transfer none) (nullable): the user's library, from startup on
 */
FacetLibrary     *facet_application_get_library      (FacetApplication  *self);

/**
 * facet_application_get_library_loaded:
 *
 * Returns: whether reading the library has finished (successfully or not)
 */
gboolean          facet_application_get_library_loaded (FacetApplication *self);

G_END_DECLS
