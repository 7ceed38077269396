/* facet-settings.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-settings"

#include "config.h"

#include "facet-settings.h"

GSettings *
facet_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("The %s settings schema is not installed; using defaults", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

FacetUnits
facet_settings_get_display_units (GSettings *settings)
{
  g_autofree char *text = NULL;
  FacetUnits units = FACET_UNITS_MM;

  if (settings == NULL)
    return FACET_UNITS_MM;

  text = g_settings_get_string (settings, "preferred-units");
  if (!facet_units_from_string (text, &units))
    units = FACET_UNITS_MM;

  return units;
}
