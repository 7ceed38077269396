/* facet-design-page.h: everything about one design
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "facet-design.h"
#include "facet-thumbnailer.h"

G_BEGIN_DECLS

#define FACET_TYPE_DESIGN_PAGE (facet_design_page_get_type ())

G_DECLARE_FINAL_TYPE (FacetDesignPage, facet_design_page, FACET, DESIGN_PAGE, AdwBin)

/**
 * facet_design_page_get_design:
 *
 * Returns: (transfer none) (nullable): the design shown
 */
FacetDesign *facet_design_page_get_design      (FacetDesignPage  *self);

/**
 * facet_design_page_set_design:
 * @self: a page
 * @design: (nullable): the design to show, %NULL for none
 *
 * Shows @design and binds the name, units, scale and quantity controls to
 * it both ways, so editing them changes the design.
 */
void         facet_design_page_set_design      (FacetDesignPage  *self,
                                                FacetDesign      *design);

/**
 * facet_design_page_set_thumbnailer:
 * @self: a page
 * @thumbnailer: (nullable): where the picture of the design comes from
 */
void         facet_design_page_set_thumbnailer (FacetDesignPage  *self,
                                                FacetThumbnailer *thumbnailer);

/**
 * facet_design_page_get_folded:
 *
 * Returns: whether the page is shown alone (narrow window), with a back
 *   button to the list
 */
gboolean     facet_design_page_get_folded      (FacetDesignPage  *self);
void         facet_design_page_set_folded      (FacetDesignPage  *self,
                                                gboolean          folded);

/**
 * facet_design_page_start_rename:
 * @self: a page
 *
 * Puts the keyboard focus in the name field with the name selected.
 */
void         facet_design_page_start_rename    (FacetDesignPage  *self);

G_END_DECLS
