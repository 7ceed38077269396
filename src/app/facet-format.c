/* facet-format.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "facet-format.h"

char *
facet_format_number (double value)
{
  double magnitude = fabs (value);
  char *text;
  gsize len;

  if (!isfinite (value))
    return g_strdup ("—");
  if (magnitude == 0.0)
    return g_strdup ("0");

  if (magnitude < 0.01)
    return g_strdup_printf ("%.2g", value);
  else if (magnitude < 1.0)
    text = g_strdup_printf ("%.3f", value);
  else if (magnitude < 10.0)
    text = g_strdup_printf ("%.2f", value);
  else if (magnitude < 1000.0)
    text = g_strdup_printf ("%.1f", value);
  else
    return g_strdup_printf ("%.0f", value);

  /* "%f" never groups digits, so the only non-digit after the sign is the
   * locale's decimal separator: trailing zeros, then a bare separator, go. */
  len = strlen (text);
  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  if (len > 0 && !g_ascii_isdigit (text[len - 1]))
    text[--len] = '\0';

  return text;
}

static double
to_display (double     mm,
            FacetUnits display_units)
{
  return mm / facet_units_get_mm (display_units);
}

static const char *
unit_symbol (FacetUnits display_units)
{
  /* TRANSLATORS: unit symbols after a length */
  return display_units == FACET_UNITS_INCH ? _("in") : _("mm");
}

char *
facet_format_size (FacetDesign *design,
                   FacetUnits   display_units)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *z = NULL;
  double mm[3];

  g_return_val_if_fail (FACET_IS_DESIGN (design), NULL);

  facet_design_get_size_mm (design, &mm[0], &mm[1], &mm[2]);
  x = facet_format_number (to_display (mm[0], display_units));
  y = facet_format_number (to_display (mm[1], display_units));
  z = facet_format_number (to_display (mm[2], display_units));

  /* TRANSLATORS: a size: width × depth × height, then the unit */
  return g_strdup_printf (_("%s × %s × %s %s"), x, y, z, unit_symbol (display_units));
}

char *
facet_format_largest_side (FacetDesign *design,
                           FacetUnits   display_units)
{
  g_autofree char *number = NULL;
  double mm[3];

  g_return_val_if_fail (FACET_IS_DESIGN (design), NULL);

  facet_design_get_size_mm (design, &mm[0], &mm[1], &mm[2]);
  number = facet_format_number (to_display (MAX (mm[0], MAX (mm[1], mm[2])), display_units));

  /* TRANSLATORS: a length and its unit, e.g. "0.05 mm" */
  return g_strdup_printf (_("%s %s"), number, unit_symbol (display_units));
}

char *
facet_format_count (guint64 count)
{
  /* The ' flag groups digits as the locale does (glibc). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}
