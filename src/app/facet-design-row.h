/* facet-design-row.h: one design in the sidebar list
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "facet-design.h"
#include "facet-thumbnailer.h"

G_BEGIN_DECLS

#define FACET_TYPE_DESIGN_ROW (facet_design_row_get_type ())

G_DECLARE_FINAL_TYPE (FacetDesignRow, facet_design_row, FACET, DESIGN_ROW, GtkWidget)

/**
 * facet_design_row_new:
 * @thumbnailer: (nullable): where thumbnails come from; %NULL shows none
 *
 * Returns: (transfer full): a row showing no design yet
 */
GtkWidget   *facet_design_row_new          (FacetThumbnailer *thumbnailer);

/**
 * facet_design_row_get_design:
 *
 * Returns: (transfer none) (nullable): the design shown
 */
FacetDesign *facet_design_row_get_design   (FacetDesignRow   *self);

/**
 * facet_design_row_set_design:
 * @self: a row
 * @design: (nullable): the design to show; %NULL when the row is recycled
 *
 * Follows @design's properties until another design (or %NULL) is set,
 * and cancels a thumbnail still being made for the previous one.
 */
void         facet_design_row_set_design   (FacetDesignRow   *self,
                                            FacetDesign      *design);

/* What the row shows, for tests and accessibility checks. */
const char  *facet_design_row_get_title    (FacetDesignRow   *self);
const char  *facet_design_row_get_subtitle (FacetDesignRow   *self);

/**
 * facet_design_row_has_thumbnail:
 *
 * Returns: whether a rendered picture of the design is shown
 */
gboolean     facet_design_row_has_thumbnail (FacetDesignRow  *self);

G_END_DECLS
