/* facet-mesh.c: the FacetMesh type, reports and the asynchronous inspection
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-mesh"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/mman.h>
#endif

#include <glib/gi18n-lib.h>

#include "facet-mesh.h"
#include "facet-mesh-private.h"

/* The async API dispatches progress at most once per percent and per
 * PROGRESS_INTERVAL, so a fast load does not flood the main loop. */
#define PROGRESS_INTERVAL_US (50 * 1000)

/* Unit hints: a design read as mm (possibly scaled) whose largest side is
 * below SMALL_MM is too small to be a whole part; a design read as inches
 * whose largest side is above LARGE_MM is too large. */
#define SMALL_MM        2.0
#define LARGE_MM        2000.0
#define PLAUSIBLE_MIN   5.0
#define INCH_MIN        10.0

G_DEFINE_QUARK (facet-mesh-error-quark, facet_mesh_error)
G_DEFINE_BOXED_TYPE (FacetMesh, facet_mesh, facet_mesh_ref, facet_mesh_unref)
G_DEFINE_BOXED_TYPE (FacetMeshReport, facet_mesh_report, facet_mesh_report_copy, facet_mesh_report_free)

FacetMesh *
_facet_mesh_new_take (FacetMeshFormat  format,
                      guint64          n_triangles,
                      float           *vertices)
{
  FacetMesh *self = g_new0 (FacetMesh, 1);

  self->ref_count = 1;
  self->format = format;
  self->n_triangles = n_triangles;
  self->vertices = vertices;
  return self;
}

void
_facet_progress_init (FacetProgress         *self,
                      FacetMeshProgressFunc  func,
                      gpointer               data)
{
  self->func = func;
  self->data = data;
  self->base = 0.0;
  self->span = 1.0;
  self->last = -1.0;
}

void
_facet_progress_sub (FacetProgress       *child,
                     const FacetProgress *parent,
                     double               from,
                     double               to)
{
  child->func = parent->func;
  child->data = parent->data;
  child->base = parent->base + parent->span * from;
  child->span = parent->span * (to - from);
  child->last = -1.0;
}

void
_facet_progress_update (FacetProgress *self,
                        double         fraction)
{
  double value;

  if (self == NULL || self->func == NULL)
    return;

  value = self->base + self->span * CLAMP (fraction, 0.0, 1.0);
  if (value - self->last < 0.01 && !(fraction >= 1.0 && value > self->last))
    return;
  self->last = value;
  self->func (MIN (value, 1.0), self->data);
}

gboolean
_facet_set_cancelled_error (GCancellable  *cancellable,
                            GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED, _("Cancelled"));
  return TRUE;
}

guint64
_facet_physical_memory (void)
{
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  if (pages > 0 && page_size > 0)
    return (guint64) pages * (guint64) page_size;
#endif
  return G_MAXUINT64;
}

#define HUGE_PAGE (2 * 1024 * 1024)

void
_facet_populate (gpointer p,
                 gsize    bytes)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) p + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) p + bytes) & ~(guintptr) (page - 1);

  /* All at once, writable, here: otherwise a page first read (the shared
   * zero page) then written costs a fault that interrupts every other core
   * running our threads to flush its TLB. Best effort: an older kernel
   * says EINVAL and pages come on first touch. */
  if (end > start)
    madvise ((gpointer) start, end - start, MADV_POPULATE_WRITE);
#endif
}

gpointer
_facet_try_alloc_large (guint64  bytes,
                        gboolean zero)
{
  gpointer p = _facet_try_alloc_pages (bytes, zero);

  if (p != NULL && bytes >= 128 * 1024)
    _facet_populate (p, (gsize) bytes);
  return p;
}

gpointer
_facet_try_alloc_pages (guint64  bytes,
                        gboolean zero)
{
  gpointer p;

  if (bytes == 0)
    bytes = 1;
  if (bytes > G_MAXSIZE || bytes > _facet_physical_memory ())
    return NULL;

  /* Large blocks come fresh from mmap(), already zero: calloc() does not
   * clear them again. */
  p = zero ? g_try_malloc0 ((gsize) bytes) : g_try_malloc ((gsize) bytes);

#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (p != NULL && bytes >= 2 * HUGE_PAGE)
    {
      guintptr start = ((guintptr) p + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
      guintptr end = ((guintptr) p + (gsize) bytes) & ~(guintptr) (HUGE_PAGE - 1);

      /* Not yet touched: the pages in between come as huge pages, a 512th
       * of the page faults. */
      if (end > start)
        madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
    }
#endif

  return p;
}

/**
 * facet_mesh_ref:
 * @self: a mesh
 *
 * Returns: (transfer full): @self
 */
FacetMesh *
facet_mesh_ref (FacetMesh *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

/**
 * facet_mesh_unref:
 * @self: (transfer full): a mesh
 *
 * Drops a reference; the last one frees the triangles.
 */
void
facet_mesh_unref (FacetMesh *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_int_dec_and_test (&self->ref_count))
    {
      g_free (self->vertices);
      g_free (self);
    }
}

/**
 * facet_mesh_get_format:
 * @self: a mesh
 *
 * Returns: whether the file was binary or ASCII STL
 */
FacetMeshFormat
facet_mesh_get_format (FacetMesh *self)
{
  g_return_val_if_fail (self != NULL, FACET_MESH_FORMAT_BINARY);

  return self->format;
}

/**
 * facet_mesh_get_n_triangles:
 * @self: a mesh
 *
 * Returns: the number of facets, non-finite ones included
 */
guint64
facet_mesh_get_n_triangles (FacetMesh *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_triangles;
}

/**
 * facet_mesh_get_vertices:
 * @self: a mesh
 *
 * Returns: (transfer none): 9 floats per triangle, in file order
 */
const float *
facet_mesh_get_vertices (FacetMesh *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->vertices;
}

/**
 * facet_mesh_report_copy:
 * @report: a report
 *
 * Returns: (transfer full): a copy of @report
 */
FacetMeshReport *
facet_mesh_report_copy (const FacetMeshReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return g_memdup2 (report, sizeof *report);
}

/**
 * facet_mesh_report_free:
 * @report: (transfer full): a report
 */
void
facet_mesh_report_free (FacetMeshReport *report)
{
  g_free (report);
}

/**
 * facet_mesh_report_is_watertight:
 * @report: a report with topology checked
 *
 * Returns: %TRUE when the mesh has facets, no boundary edge and no
 * non-manifold edge
 */
gboolean
facet_mesh_report_is_watertight (const FacetMeshReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->topology_checked &&
         report->triangles > report->nonfinite_facets &&
         report->boundary_edges == 0 &&
         report->nonmanifold_edges == 0;
}

/**
 * facet_mesh_report_is_inside_out:
 * @report: a report
 *
 * Returns: %TRUE when the signed volume is negative: the facets face inwards
 */
gboolean
facet_mesh_report_is_inside_out (const FacetMeshReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  return report->signed_volume < 0.0;
}

static double
largest_side (const FacetMeshReport *report)
{
  double side = 0.0;

  for (int j = 0; j < 3; j++)
    side = MAX (side, report->max[j] - report->min[j]);
  return side;
}

/**
 * facet_mesh_report_unit_hint:
 * @report: a report
 * @mm_per_unit: millimetres per file unit as the design is read
 *
 * See the header for the thresholds.
 * Returns: the unit the design looks like it was drawn in, or
 * %FACET_UNIT_HINT_NONE
 */
FacetUnitHint
facet_mesh_report_unit_hint (const FacetMeshReport *report,
                             double                 mm_per_unit)
{
  double side, as_read;

  g_return_val_if_fail (report != NULL, FACET_UNIT_HINT_NONE);

  side = largest_side (report);
  as_read = side * mm_per_unit;
  if (!(side > 0.0) || !isfinite (as_read) || !(mm_per_unit > 0.0))
    return FACET_UNIT_HINT_NONE;

  if (mm_per_unit < 25.4 / 2)
    {
      /* Read as millimetres. */
      if (as_read >= SMALL_MM)
        return FACET_UNIT_HINT_NONE;
      if (as_read * 25.4 >= INCH_MIN)
        return FACET_UNIT_HINT_INCH;
      if (as_read * 1000.0 >= PLAUSIBLE_MIN)
        return FACET_UNIT_HINT_M;
      return FACET_UNIT_HINT_NONE;
    }

  /* Read as inches. */
  if (as_read > LARGE_MM && as_read / 25.4 <= LARGE_MM)
    return FACET_UNIT_HINT_MM;
  return FACET_UNIT_HINT_NONE;
}

/**
 * facet_unit_hint_to_string:
 * @hint: a hint
 *
 * Returns: (nullable): "mm", "inch", "m", or %NULL for no hint
 */
const char *
facet_unit_hint_to_string (FacetUnitHint hint)
{
  switch (hint)
    {
    case FACET_UNIT_HINT_MM:
      return "mm";
    case FACET_UNIT_HINT_INCH:
      return "inch";
    case FACET_UNIT_HINT_M:
      return "m";
    case FACET_UNIT_HINT_NONE:
    default:
      return NULL;
    }
}

/* Asynchronous inspection */

typedef struct
{
  GFile                 *file;
  FacetMeshChecks        checks;
  FacetMeshProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_notify;
  GMainContext          *context;
  FacetMesh             *mesh;

  /* Touched by the worker thread only. */
  double                 last_fraction;
  gint64                 last_time;
} InspectData;

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressEvent;

typedef struct
{
  GDestroyNotify notify;
  gpointer       data;
} PendingNotify;

static gboolean
call_notify (gpointer user_data)
{
  PendingNotify *pending = user_data;

  pending->notify (pending->data);
  return G_SOURCE_REMOVE;
}

static void
inspect_data_free (InspectData *d)
{
  if (d->progress_notify != NULL)
    {
      /* The task may die in the worker; the notify belongs to the caller's
       * context like the callbacks. */
      PendingNotify *pending = g_new (PendingNotify, 1);

      pending->notify = d->progress_notify;
      pending->data = d->progress_data;
      if (g_main_context_is_owner (d->context))
        {
          call_notify (pending);
          g_free (pending);
        }
      else
        {
          /* Not g_main_context_invoke(): from a thread where that context
           * is the default, it would run the notify right there. */
          g_autoptr(GSource) source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, call_notify, pending, g_free);
          g_source_set_static_name (source, "[facet] progress notify");
          g_source_attach (source, d->context);
        }
    }
  g_clear_object (&d->file);
  g_clear_pointer (&d->mesh, facet_mesh_unref);
  g_clear_pointer (&d->context, g_main_context_unref);
  g_free (d);
}

static gboolean
dispatch_progress (gpointer data)
{
  ProgressEvent *ev = data;
  InspectData *d = g_task_get_task_data (ev->task);

  /* Nothing after the result: GTask marks itself completed before it
   * calls back. */
  if (!g_task_get_completed (ev->task))
    d->progress (ev->fraction, d->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer data)
{
  ProgressEvent *ev = data;

  g_object_unref (ev->task);
  g_free (ev);
}

/* Called in the worker thread. */
static void
inspect_progress (double   fraction,
                  gpointer user_data)
{
  GTask *task = user_data;
  InspectData *d = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GSource) source = NULL;
  ProgressEvent *ev;

  if (fraction < 1.0 &&
      (fraction - d->last_fraction < 0.01 || now - d->last_time < PROGRESS_INTERVAL_US))
    return;
  if (fraction >= 1.0 && d->last_fraction >= 1.0)
    return;

  d->last_fraction = fraction;
  d->last_time = now;

  ev = g_new (ProgressEvent, 1);
  ev->task = g_object_ref (task);
  ev->fraction = fraction;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch_progress, ev, progress_event_free);
  g_source_set_static_name (source, "[facet] mesh progress");
  g_source_attach (source, d->context);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  InspectData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(FacetMesh) mesh = NULL;
  g_autofree char *name = NULL;
  FacetMeshReport *report;
  FacetProgress progress, sub;
  guint64 size = 0;
  double split = (d->checks & FACET_MESH_CHECK_TOPOLOGY) ? 0.4 : 0.8;

  _facet_progress_init (&progress, d->progress ? inspect_progress : NULL, task);
  /* The async API throttles by time and by percent itself. */
  progress.last = -1.0;

  stream = _facet_open_file (d->file, &size, &name, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _facet_progress_sub (&sub, &progress, 0.0, split);
  mesh = _facet_mesh_load_stream (stream, size, name, &sub, cancellable, &error);
  if (mesh == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_input_stream_close (stream, NULL, NULL);

  _facet_progress_sub (&sub, &progress, split, 1.0);
  report = _facet_mesh_analyze_full (mesh, d->checks, &sub, cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  d->mesh = g_steal_pointer (&mesh);
  g_task_return_pointer (task, report, (GDestroyNotify) facet_mesh_report_free);
}

/**
 * facet_mesh_inspect_file_async:
 * @file: an STL file
 * @checks: the health checks wanted besides the measurements
 * @progress: (nullable): called with the fraction done, in the caller's
 *   thread-default main context, at most every percent and every 50 ms
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data, in that context too
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Loads, measures and checks @file in a worker thread.
 */
void
facet_mesh_inspect_file_async (GFile                *file,
                               FacetMeshChecks       checks,
                               FacetMeshProgressFunc progress,
                               gpointer              progress_data,
                               GDestroyNotify        progress_notify,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  InspectData *d;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  d = g_new0 (InspectData, 1);
  d->file = g_object_ref (file);
  d->checks = checks;
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_notify = progress_notify;
  d->context = g_main_context_ref_thread_default ();
  d->last_fraction = -1.0;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_mesh_inspect_file_async);
  g_task_set_name (task, "[facet] inspect mesh");
  g_task_set_task_data (task, d, (GDestroyNotify) inspect_data_free);
  /* Cancellation is reported in FACET_MESH_ERROR by the work itself. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, inspect_thread);
}

/**
 * facet_mesh_inspect_file_finish:
 * @result: the result given to the callback
 * @mesh: (out) (optional) (transfer full) (nullable): the loaded mesh
 * @error: a #GError in %FACET_MESH_ERROR
 *
 * Once the cancellable given to facet_mesh_inspect_file_async() was
 * cancelled, this is %FACET_MESH_ERROR_CANCELLED, even if the work was done.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
FacetMeshReport *
facet_mesh_inspect_file_finish (GAsyncResult  *result,
                                FacetMesh    **mesh,
                                GError       **error)
{
  GTask *task;
  FacetMeshReport *report;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == facet_mesh_inspect_file_async, NULL);

  task = G_TASK (result);
  report = g_task_propagate_pointer (task, error);

  /* Cancelled means cancelled, even when the work had finished. */
  if (report != NULL && _facet_set_cancelled_error (g_task_get_cancellable (task), error))
    g_clear_pointer (&report, facet_mesh_report_free);

  if (mesh != NULL)
    {
      InspectData *d = g_task_get_task_data (task);

      *mesh = report != NULL ? g_steal_pointer (&d->mesh) : NULL;
    }
  return report;
}
