/* facet-settings.h: the app's GSettings, when they are installed
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "facet-enums.h"

G_BEGIN_DECLS

/**
 * facet_settings_new:
 *
 * Opens the io.github.facetapp.Facet settings. Running from a build tree
 * without GSETTINGS_SCHEMA_DIR, the schema may be missing: rather than
 * aborting as g_settings_new() would, this returns %NULL and callers fall
 * back to the defaults.
 *
 * Returns: (transfer full) (nullable): the settings
 */
GSettings  *facet_settings_new               (void);

/**
 * facet_settings_get_display_units:
 * @settings: (nullable): the app's settings
 *
 * Returns: the unit people want lengths shown in (millimetres by default)
 */
FacetUnits  facet_settings_get_display_units (GSettings *settings);

G_END_DECLS
