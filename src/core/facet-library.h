/* facet-library.h: the user's designs, carts, orders and addresses, on disk
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "facet-address.h"
#include "facet-cart.h"
#include "facet-design.h"
#include "facet-order.h"

G_BEGIN_DECLS

#define FACET_LIBRARY_ERROR (facet_library_error_quark ())

/**
 * FacetLibraryError:
 * @FACET_LIBRARY_ERROR_CORRUPT: the file could not be read as a library; it was kept aside
 * @FACET_LIBRARY_ERROR_NEWER_VERSION: the file was written by a newer Facet; it was kept aside
 * @FACET_LIBRARY_ERROR_IO: the file could not be read or written
 * @FACET_LIBRARY_ERROR_NOT_STL: a file given to add is not an STL file
 */
typedef enum
{
  FACET_LIBRARY_ERROR_CORRUPT,
  FACET_LIBRARY_ERROR_NEWER_VERSION,
  FACET_LIBRARY_ERROR_IO,
  FACET_LIBRARY_ERROR_NOT_STL,
} FacetLibraryError;

/* The version this build writes; a file with a higher one is kept aside. */
#define FACET_LIBRARY_FORMAT_VERSION 1

#define FACET_TYPE_LIBRARY (facet_library_get_type ())

G_DECLARE_FINAL_TYPE (FacetLibrary, facet_library, FACET, LIBRARY, GObject)

GQuark        facet_library_error_quark   (void);

/* @file: where the library lives; NULL for the default
 * ($XDG_DATA_HOME/facet/library.json). */
FacetLibrary *facet_library_new           (GFile               *file);
GFile        *facet_library_get_file      (FacetLibrary        *self);
gboolean      facet_library_get_loaded    (FacetLibrary        *self);

GListModel   *facet_library_get_designs   (FacetLibrary        *self);
GListModel   *facet_library_get_carts     (FacetLibrary        *self);
GListModel   *facet_library_get_orders    (FacetLibrary        *self);
GListModel   *facet_library_get_addresses (FacetLibrary        *self);

void          facet_library_add_design    (FacetLibrary        *self,
                                           FacetDesign         *design);
/* Inserts at @position (clamped): used to undo a removal in place. */
void          facet_library_insert_design (FacetLibrary        *self,
                                           guint                position,
                                           FacetDesign         *design);
/* Returns the position it had, or G_MAXUINT when it was not there. */
guint         facet_library_remove_design (FacetLibrary        *self,
                                           FacetDesign         *design);
FacetDesign  *facet_library_find_design   (FacetLibrary        *self,
                                           const char          *id);
FacetDesign  *facet_library_find_design_by_file (FacetLibrary  *self,
                                           GFile               *file);

void          facet_library_add_cart      (FacetLibrary        *self,
                                           FacetCart           *cart);
void          facet_library_remove_cart   (FacetLibrary        *self,
                                           FacetCart           *cart);
/* The cart of an account, NULL if it has none yet. */
FacetCart    *facet_library_find_cart     (FacetLibrary        *self,
                                           const char          *account_id);
void          facet_library_add_order     (FacetLibrary        *self,
                                           FacetOrder          *order);
FacetOrder   *facet_library_find_order    (FacetLibrary        *self,
                                           const char          *provider,
                                           const char          *reference);
void          facet_library_add_address   (FacetLibrary        *self,
                                           FacetAddress        *address);
void          facet_library_remove_address (FacetLibrary       *self,
                                           FacetAddress        *address);

/* Loading: a missing file is an empty library. A corrupt or newer file is
 * moved aside to library.json.broken-<UTC time>; the load then finishes with
 * FACET_LIBRARY_ERROR_CORRUPT or _NEWER_VERSION, naming the kept file, and
 * the library is empty but usable. */
void          facet_library_load_async    (FacetLibrary        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      facet_library_load_finish   (FacetLibrary        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean      facet_library_load          (FacetLibrary        *self,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* Saving writes a temporary file beside the library, syncs it and renames it
 * over the old one, so an interrupted save leaves the previous file whole. */
void          facet_library_save_async    (FacetLibrary        *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      facet_library_save_finish   (FacetLibrary        *self,
                                           GAsyncResult        *result,
                                           GError             **error);
gboolean      facet_library_save          (FacetLibrary        *self,
                                           GCancellable        *cancellable,
                                           GError             **error);

/* Any change to the library or to an object in it marks it dirty and
 * schedules a save shortly after (coalescing bursts of changes). */
gboolean      facet_library_get_dirty     (FacetLibrary        *self);
void          facet_library_set_autosave  (FacetLibrary        *self,
                                           gboolean             autosave);
/* Waits for a pending or running save: call before quitting. */
gboolean      facet_library_flush         (FacetLibrary        *self,
                                           GError             **error);

/* Adding files, the path a drop, the Open dialog and the command line share.
 * Each file is sniffed (cheap, by content); STL files become designs that are
 * then measured in the background; others fail with a message naming them.
 * A file already in the library is not added twice. */
void          facet_library_add_files_async (FacetLibrary      *self,
                                           GFile              **files,
                                           guint                n_files,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Returns the designs added (a GPtrArray of FacetDesign); @errors receives
 * one GError per file that could not be added, in order. */
GPtrArray    *facet_library_add_files_finish (FacetLibrary     *self,
                                           GAsyncResult        *result,
                                           GPtrArray          **errors,
                                           GError             **error);

G_END_DECLS
