/* facet-thumbnailer.h: small pictures of designs, cached on disk
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Pixels on each side of a thumbnail: 48 logical pixels at scale 2. */
#define FACET_THUMBNAIL_SIZE 96

#define FACET_TYPE_THUMBNAILER (facet_thumbnailer_get_type ())

G_DECLARE_FINAL_TYPE (FacetThumbnailer, facet_thumbnailer, FACET, THUMBNAILER, GObject)

/**
 * facet_thumbnailer_new:
 * @cache_dir: (nullable): where to keep the PNG files; %NULL for
 *   `$XDG_CACHE_HOME/facet/thumbnails`
 *
 * Returns: (transfer full): a new thumbnailer
 */
FacetThumbnailer *facet_thumbnailer_new          (const char          *cache_dir);

/**
 * facet_thumbnailer_get_cache_dir:
 *
 * Returns: the directory holding the cached thumbnails
 */
const char       *facet_thumbnailer_get_cache_dir (FacetThumbnailer   *self);

/**
 * facet_thumbnailer_load_async:
 * @self: a thumbnailer
 * @file: an STL file
 * @mtime: the file's modification time as the caller knows it; part of the
 *   cache key, so a changed file gets a new thumbnail
 * @cancellable: (nullable): cancels the request, e.g. when a row is recycled
 * @callback: called with the texture
 * @user_data: data for @callback
 *
 * Finds the thumbnail of @file: from memory, from the disk cache (read in a
 * worker thread), or by loading and rendering the mesh in a worker thread
 * and saving the result. Requests wait in a queue served by a few workers.
 */
void              facet_thumbnailer_load_async   (FacetThumbnailer    *self,
                                                  GFile               *file,
                                                  gint64               mtime,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

/**
 * facet_thumbnailer_load_finish:
 *
 * Returns: (transfer full): the thumbnail, or %NULL with @error set
 */
GdkTexture       *facet_thumbnailer_load_finish  (FacetThumbnailer    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/**
 * facet_thumbnailer_get_cache_path:
 * @self: a thumbnailer
 * @file: an STL file
 * @mtime: its modification time
 *
 * Returns: (transfer full): where the thumbnail of @file is cached
 */
char             *facet_thumbnailer_get_cache_path (FacetThumbnailer  *self,
                                                  GFile               *file,
                                                  gint64               mtime);

G_END_DECLS
