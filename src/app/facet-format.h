/* facet-format.h: figures as people read them
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "facet-design.h"

G_BEGIN_DECLS

/**
 * facet_format_number:
 * @value: a figure
 *
 * Formats @value with as many decimals as its magnitude deserves (none above
 * a thousand, three below one) and no trailing zeros, in the user's locale.
 *
 * Returns: (transfer full): the text
 */
char *facet_format_number        (double      value);

/**
 * facet_format_size:
 * @design: a measured design
 * @display_units: the unit to show lengths in
 *
 * Returns: (transfer full): the printed size, e.g. "120 × 80 × 45 mm"
 */
char *facet_format_size          (FacetDesign *design,
                                  FacetUnits   display_units);

/**
 * facet_format_largest_side:
 * @design: a measured design
 * @display_units: the unit to show lengths in
 *
 * Returns: (transfer full): the longest side with its unit, e.g. "0.05 mm"
 */
char *facet_format_largest_side  (FacetDesign *design,
                                  FacetUnits   display_units);

/**
 * facet_format_count:
 * @count: a count
 *
 * Returns: (transfer full): @count with the locale's digit grouping
 */
char *facet_format_count         (guint64     count);

G_END_DECLS
