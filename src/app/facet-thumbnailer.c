/* facet-thumbnailer.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-thumbnailer"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "facet-mesh.h"
#include "facet-thumbnailer.h"

/* Rendering loads the whole mesh: two at once keeps a two-core machine
 * responsive while designs are being measured beside them. */
#define MAX_WORKERS 2
/* Recently shown thumbnails stay in memory so that scrolling back and forth
 * through a long list does not read the same files again (96² × 4 B each). */
#define MEMORY_CACHE_SIZE 256
/* Bump when the rendering changes so old cached pictures are not reused. */
#define RENDER_VERSION 1

struct _FacetThumbnailer
{
  GObject     parent_instance;

  char       *cache_dir;
  GQueue      pending;      /* of GTask, oldest first */
  guint       n_running;
  GHashTable *memory;       /* key → GdkTexture */
  GQueue      memory_order; /* keys owned by @memory, most recent first */
};

G_DEFINE_FINAL_TYPE (FacetThumbnailer, facet_thumbnailer, G_TYPE_OBJECT)

typedef struct
{
  char *path;
  char *cache_dir;
  char *cache_path;
  char *key;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job->cache_dir);
  g_free (job->cache_path);
  g_free (job->key);
  g_free (job);
}

static void facet_thumbnailer_pump (FacetThumbnailer *self);

static void
facet_thumbnailer_finalize (GObject *object)
{
  FacetThumbnailer *self = (FacetThumbnailer *) object;

  /* Queued tasks hold a reference on us, so the queue is empty here. */
  g_assert (g_queue_is_empty (&self->pending));

  g_queue_clear (&self->memory_order);
  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->cache_dir, g_free);

  G_OBJECT_CLASS (facet_thumbnailer_parent_class)->finalize (object);
}

static void
facet_thumbnailer_class_init (FacetThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = facet_thumbnailer_finalize;
}

static void
facet_thumbnailer_init (FacetThumbnailer *self)
{
  g_queue_init (&self->pending);
  g_queue_init (&self->memory_order);
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

FacetThumbnailer *
facet_thumbnailer_new (const char *cache_dir)
{
  FacetThumbnailer *self = g_object_new (FACET_TYPE_THUMBNAILER, NULL);

  if (cache_dir != NULL)
    self->cache_dir = g_strdup (cache_dir);
  else
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "facet", "thumbnails", NULL);

  return self;
}

const char *
facet_thumbnailer_get_cache_dir (FacetThumbnailer *self)
{
  g_return_val_if_fail (FACET_IS_THUMBNAILER (self), NULL);

  return self->cache_dir;
}

static char *
make_key (GFile  *file,
          gint64  mtime)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = g_strdup_printf ("%s\n%d\n%" G_GINT64_FORMAT "\n%d",
                                           uri, FACET_THUMBNAIL_SIZE, mtime, RENDER_VERSION);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
}

char *
facet_thumbnailer_get_cache_path (FacetThumbnailer *self,
                                  GFile            *file,
                                  gint64            mtime)
{
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (FACET_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  key = make_key (file, mtime);
  name = g_strconcat (key, ".png", NULL);

  return g_build_filename (self->cache_dir, name, NULL);
}

static GdkTexture *
memory_lookup (FacetThumbnailer *self,
               const char       *key)
{
  char *stored_key = NULL;
  GdkTexture *texture = NULL;
  GList *link;

  if (!g_hash_table_lookup_extended (self->memory, key, (gpointer *) &stored_key, (gpointer *) &texture))
    return NULL;

  link = g_queue_find (&self->memory_order, stored_key);
  g_queue_unlink (&self->memory_order, link);
  g_queue_push_head_link (&self->memory_order, link);

  return g_object_ref (texture);
}

static void
memory_store (FacetThumbnailer *self,
              const char       *key,
              GdkTexture       *texture)
{
  char *stored_key;

  if (g_hash_table_contains (self->memory, key))
    return;

  while (g_queue_get_length (&self->memory_order) >= MEMORY_CACHE_SIZE)
    g_hash_table_remove (self->memory, g_queue_pop_tail (&self->memory_order));

  stored_key = g_strdup (key);
  g_hash_table_insert (self->memory, stored_key, g_object_ref (texture));
  g_queue_push_head (&self->memory_order, stored_key);
}

/* Writes next to the final name and renames, so a reader never sees half a
 * PNG and two workers rendering the same file do not clash. */
static void
save_to_cache (GdkTexture *texture,
               const char *cache_dir,
               const char *cache_path)
{
  g_autofree char *tmp_path = NULL;
  int fd;

  if (g_mkdir_with_parents (cache_dir, 0700) != 0)
    {
      g_debug ("Cannot create %s: %s", cache_dir, g_strerror (errno));
      return;
    }

  tmp_path = g_build_filename (cache_dir, ".thumbnail-XXXXXX", NULL);
  fd = g_mkstemp (tmp_path);
  if (fd < 0)
    {
      g_debug ("Cannot create a file in %s: %s", cache_dir, g_strerror (errno));
      return;
    }
  close (fd);

  if (!gdk_texture_save_to_png (texture, tmp_path))
    {
      g_debug ("Cannot write %s", tmp_path);
      g_unlink (tmp_path);
      return;
    }

  if (g_rename (tmp_path, cache_path) != 0)
    {
      g_debug ("Cannot rename %s to %s: %s", tmp_path, cache_path, g_strerror (errno));
      g_unlink (tmp_path);
    }
}

static void
thumbnail_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetMesh) mesh = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *pixels;
  gsize stride = 0;

  if (g_file_test (job->cache_path, G_FILE_TEST_IS_REGULAR))
    {
      texture = gdk_texture_new_from_filename (job->cache_path, &error);
      if (texture != NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
          return;
        }

      /* A damaged cache file is replaced by a fresh rendering. */
      g_debug ("Ignoring cached %s: %s", job->cache_path, error->message);
      g_clear_error (&error);
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  mesh = facet_mesh_load_file (job->path, NULL, NULL, cancellable, &error);
  if (mesh == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  pixels = facet_mesh_render_thumbnail (mesh, FACET_THUMBNAIL_SIZE, FACET_THUMBNAIL_SIZE, &stride);
  if (pixels == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not draw a picture of “%s”"), job->path);
      return;
    }

  bytes = g_bytes_new_take (pixels, stride * FACET_THUMBNAIL_SIZE);
  texture = gdk_memory_texture_new (FACET_THUMBNAIL_SIZE, FACET_THUMBNAIL_SIZE,
                                    GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, bytes, stride);

  save_to_cache (texture, job->cache_dir, job->cache_path);

  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

static void
thumbnail_worker_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FacetThumbnailer *self = FACET_THUMBNAILER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Job *job = g_task_get_task_data (task);

  g_assert (self->n_running > 0);
  self->n_running--;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (texture != NULL)
    {
      memory_store (self, job->key, texture);
      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
    }

  facet_thumbnailer_pump (self);
}

static void
facet_thumbnailer_pump (FacetThumbnailer *self)
{
  while (self->n_running < MAX_WORKERS && !g_queue_is_empty (&self->pending))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->pending);
      g_autoptr(GTask) worker = NULL;
      Job *job = g_task_get_task_data (task);
      g_autoptr(GdkTexture) texture = NULL;
      GCancellable *cancellable;

      if (g_task_return_error_if_cancelled (task))
        continue;

      /* An earlier request for the same file may have finished meanwhile. */
      texture = memory_lookup (self, job->key);
      if (texture != NULL)
        {
          g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
          continue;
        }

      cancellable = g_task_get_cancellable (task);
      self->n_running++;
      worker = g_task_new (self, cancellable, thumbnail_worker_done, g_steal_pointer (&task));
      g_task_set_source_tag (worker, facet_thumbnailer_pump);
      g_task_set_task_data (worker, job, NULL);
      g_task_run_in_thread (worker, thumbnail_worker);
    }
}

void
facet_thumbnailer_load_async (FacetThumbnailer    *self,
                              GFile               *file,
                              gint64               mtime,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  Job *job;

  g_return_if_fail (FACET_IS_THUMBNAILER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_thumbnailer_load_async);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Pictures are only drawn for files on this computer"));
      return;
    }

  job = g_new0 (Job, 1);
  job->path = g_steal_pointer (&path);
  job->key = make_key (file, mtime);
  job->cache_dir = g_strdup (self->cache_dir);
  job->cache_path = facet_thumbnailer_get_cache_path (self, file, mtime);
  g_task_set_task_data (task, job, job_free);

  texture = memory_lookup (self, job->key);
  if (texture != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      return;
    }

  g_queue_push_tail (&self->pending, g_steal_pointer (&task));
  facet_thumbnailer_pump (self);
}

GdkTexture *
facet_thumbnailer_load_finish (FacetThumbnailer  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (FACET_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
