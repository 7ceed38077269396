/* facet-window-private.h: what the UI tests look at and touch
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "facet-design-page.h"
#include "facet-window.h"

G_BEGIN_DECLS

/* Name of the visible main page: "loading", "empty" or "designs". */
const char         *_facet_window_get_visible_page   (FacetWindow *self);
GtkSingleSelection *_facet_window_get_selection      (FacetWindow *self);
GtkListView        *_facet_window_get_list_view      (FacetWindow *self);
FacetDesignPage    *_facet_window_get_design_page    (FacetWindow *self);
/* The titles of the toasts shown so far, oldest first (plain text). */
GPtrArray          *_facet_window_get_toast_titles   (FacetWindow *self);
/* The most recent toast, e.g. to press its Undo button. */
AdwToast           *_facet_window_get_last_toast     (FacetWindow *self);
/* How many add operations are still running. */
guint               _facet_window_get_n_adding       (FacetWindow *self);
/* The dialog explaining a library that could not be read, if shown. */
AdwMessageDialog   *_facet_window_get_library_error_dialog (FacetWindow *self);
/* What picking a file in the Locate dialog does. */
void                _facet_window_relocate_design    (FacetWindow *self,
                                                      FacetDesign *design,
                                                      GFile       *file);

G_END_DECLS
