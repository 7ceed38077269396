/* facet-window.h: the main window: the library's designs and one design
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "facet-library.h"

G_BEGIN_DECLS

#define FACET_TYPE_WINDOW (facet_window_get_type ())

G_DECLARE_FINAL_TYPE (FacetWindow, facet_window, FACET, WINDOW, AdwApplicationWindow)

/**
 * facet_window_new:
 * @application: the application
 * @library: the library the window shows
 *
 * Returns: (transfer full): a new window, showing a spinner until
 *   facet_window_set_library_ready() is called
 */
FacetWindow  *facet_window_new               (GtkApplication *application,
                                              FacetLibrary   *library);

/**
 * facet_window_get_library:
 *
 * Returns: (transfer none): the library shown
 */
FacetLibrary *facet_window_get_library       (FacetWindow    *self);

/**
 * facet_window_set_library_ready:
 * @self: a window
 * @error: (nullable): why the library could not be read, if it could not
 *
 * Tells the window the library has been read: it shows the designs (or the
 * empty state), adds the files it was given meanwhile and, with @error,
 * explains to the user that the old library was kept aside.
 */
void          facet_window_set_library_ready (FacetWindow    *self,
                                              const GError   *error);

/**
 * facet_window_add_files:
 * @self: a window
 * @files: (array length=n_files): files to add
 * @n_files: the number of @files
 *
 * Adds files to the library, the one path shared by a drop, the Open
 * dialog and files opened from the command line or a file manager. Files
 * that are not STL are reported in a toast naming them; the rest become
 * designs, measured in the background, and the first one is selected.
 */
void          facet_window_add_files         (FacetWindow    *self,
                                              GFile         **files,
                                              guint           n_files);

G_END_DECLS
