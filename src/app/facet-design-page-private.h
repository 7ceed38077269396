/* facet-design-page-private.h: what the UI tests look at and touch
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "facet-design-page.h"

G_BEGIN_DECLS

/* The text of the Size row, e.g. "10 × 10 × 10 mm". */
const char  *_facet_design_page_get_size_text   (FacetDesignPage *self);
/* The ids (FacetHealthCheck.id) of the checks shown that did not pass. */
GStrv        _facet_design_page_dup_problem_ids (FacetDesignPage *self);
AdwComboRow *_facet_design_page_get_units_row   (FacetDesignPage *self);
AdwEntryRow *_facet_design_page_get_name_row    (FacetDesignPage *self);
GtkSpinButton *_facet_design_page_get_scale_spin (FacetDesignPage *self);
/* Whether the "file was moved or deleted" warning is shown. */
gboolean     _facet_design_page_get_shows_missing (FacetDesignPage *self);

G_END_DECLS
