/* facet-json-file.h: crash-safe replacement of a file's contents
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The prefix of the temporary files written beside the target; files left
 * behind by a crash carry it and are removed by facet_file_remove_stale_temps(). */
#define FACET_FILE_TEMP_PREFIX ".facet-tmp-"

/* Writes @data to a temporary file in @path's folder, syncs it to disk,
 * then renames it over @path: readers see the old or the new contents,
 * never a mixture, whatever happens midway. Blocking. */
gboolean facet_file_replace_atomic      (const char    *path,
                                         const char    *data,
                                         gsize          length,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* Removes temporary files a crashed save left beside @path, untouched for
 * at least @max_age_s seconds. */
void     facet_file_remove_stale_temps  (const char    *path,
                                         gint64         max_age_s);

/* Tests only: kill the process with SIGKILL once this many bytes of the
 * next replacement were written, as a power cut or crash would. 0 = off. */
void     _facet_file_set_crash_after    (gsize          bytes);

G_END_DECLS
