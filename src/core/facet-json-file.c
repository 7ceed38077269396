/* facet-json-file.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-json-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "facet-json-file.h"

static gsize crash_after_bytes;

void
_facet_file_set_crash_after (gsize bytes)
{
  crash_after_bytes = bytes;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
facet_file_replace_atomic (const char    *path,
                           const char    *data,
                           gsize          length,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  gsize written = 0;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_errno_error (error, errno, _("Could not create the folder “%s”: %s"), dir);

  tmp = g_build_filename (dir, FACET_FILE_TEMP_PREFIX "XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not write in the folder “%s”: %s"), dir);

  /* Chunked so a cancellation, or the test's simulated crash, lands midway. */
  while (written < length)
    {
      gsize chunk = MIN (length - written, 64 * 1024);
      gssize n;

      if (crash_after_bytes > 0 && written + chunk > crash_after_bytes)
        {
          chunk = crash_after_bytes - MIN (written, crash_after_bytes);
          if (chunk > 0 && write (fd, data + written, chunk) < 0)
            {}
          raise (SIGKILL);
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;

      n = write (fd, data + written, chunk);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          set_errno_error (error, saved_errno, _("Could not write “%s”: %s"), path);
          goto failed;
        }
      written += n;
    }

  /* Without the sync, a crash after the rename can leave an empty file. */
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, _("Could not write “%s”: %s"), path);
      goto failed;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, _("Could not write “%s”: %s"), path);
      goto failed;
    }
  fd = -1;

  if (g_rename (tmp, path) != 0)
    {
      set_errno_error (error, errno, _("Could not replace “%s”: %s"), path);
      goto failed;
    }

  /* Make the rename itself durable. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;
}

void
facet_file_remove_stale_temps (const char *path,
                               gint64      max_age_s)
{
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autoptr(GDir) dir = g_dir_open (dirname, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stale = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, FACET_FILE_TEMP_PREFIX))
        continue;

      /* Another process (facet-cli beside the app) may be saving right now:
       * only a temporary file nobody touched for a while is stale. */
      stale = g_build_filename (dirname, name, NULL);
      if (g_stat (stale, &st) == 0 && (gint64) st.st_mtime > g_get_real_time () / G_USEC_PER_SEC - max_age_s)
        continue;

      g_debug ("Removing %s, left by an interrupted save", stale);
      g_unlink (stale);
    }
}
