/* facet-mesh-analyze.c: measurements and health checks
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measurements run in double precision: every float is converted before any
 * arithmetic, the volume is taken about a vertex of the mesh (so a part far
 * from the origin does not lose digits to cancellation), and sums are
 * compensated (Neumaier). They are formed per block of 16384 triangles in
 * four lanes (a vector kernel measures four triangles at a time), and the
 * blocks added in file order: the figures are the same bits whether all
 * cores measured a mesh in memory, a worker measured it while it loaded, or
 * a file was streamed.
 *
 * Health checks weld vertices by their exact float32 bits (-0 and +0
 * alike) with an open-addressing hash table, build the list of facets
 * around each vertex, and walk the edges once from their lower vertex:
 * boundary and non-manifold edges are counted there, shells joined with a
 * union-find, and orientation joined with a union-find that also records
 * whether two facets disagree (parity). All indexes are 32 bits and no
 * per-edge table is built, which keeps the whole check well under the
 * memory of the file itself. Welding runs on all cores, one partition of
 * the hash table each, and numbers vertices in order of first appearance
 * whatever the number of partitions: every figure is deterministic.
 */
#define G_LOG_DOMAIN "facet-mesh-analyze"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "facet-mesh-private.h"

#define NO_ID       G_MAXUINT32
/* Bit 31 of a parity union-find entry, or of a Corner's facet, is a flag. */
#define INDEX_MASK  0x7fffffffu
/* Facet indexes share a 64-bit edge record with a vertex index and two
 * direction bits, and the parity union-find needs one bit. */
#define MAX_TOPOLOGY_TRIANGLES ((G_GUINT64_CONSTANT (1) << 30) - 1)
#define CANCEL_MASK 0xffff

/* Compensated summation. Neumaier's variant of Kahan's algorithm keeps the
 * exact rounding error of each addition whichever operand is larger; the
 * branch-free TwoSum below computes that same error, so the sums are
 * Neumaier's, in a form that vectorizes. */

static inline G_ALWAYS_INLINE void
two_sum_add (double *sum,
             double *comp,
             double  x)
{
  double t = *sum + x;
  double z = t - *sum;

  *comp += (*sum - (t - z)) + (x - z);
  *sum = t;
}

#if defined(__GNUC__) || defined(__clang__)
# define HAVE_VECTOR_EXTENSIONS 1
typedef double v4df __attribute__ ((vector_size (32)));
typedef float  v4sf __attribute__ ((vector_size (16)));
typedef gint64 v4di __attribute__ ((vector_size (32)));
/* Inlined into each target clone of measure_range(), to be compiled for it. */
# define KERNEL_INLINE static inline __attribute__ ((always_inline))
#endif

/* The figures of one triangle, in exactly the operations (and order) of one
 * lane of the vector kernel, so both give the same bits. */
static inline G_ALWAYS_INLINE void
triangle_figures (const float  *v,
                  const double  o[3],
                  double       *det,
                  double       *area2)
{
  double x0, y0, z0, x1, y1, z1, x2, y2, z2;
  double ax, ay, az, bx, by, bz, cx, cy, cz;

  /* Signed volume of the tetrahedron (origin, v0, v1, v2), times 6. */
  x0 = (double) v[0] - o[0]; y0 = (double) v[1] - o[1]; z0 = (double) v[2] - o[2];
  x1 = (double) v[3] - o[0]; y1 = (double) v[4] - o[1]; z1 = (double) v[5] - o[2];
  x2 = (double) v[6] - o[0]; y2 = (double) v[7] - o[1]; z2 = (double) v[8] - o[2];
  cx = y1 * z2 - z1 * y2;
  cy = z1 * x2 - x1 * z2;
  cz = x1 * y2 - y1 * x2;
  *det = x0 * cx + y0 * cy + z0 * cz;

  /* Twice the area, from the edges of the facet itself. */
  ax = (double) v[3] - (double) v[0]; ay = (double) v[4] - (double) v[1]; az = (double) v[5] - (double) v[2];
  bx = (double) v[6] - (double) v[0]; by = (double) v[7] - (double) v[1]; bz = (double) v[8] - (double) v[2];
  cx = ay * bz - az * by;
  cy = az * bx - ax * bz;
  cz = ax * by - ay * bx;
  *area2 = sqrt (cx * cx + cy * cy + cz * cz);
}

static inline gboolean
tri_is_finite (const float *t)
{
  float z = 0.0f;

  /* x - x is 0 for a finite x and NaN otherwise. */
  for (int i = 0; i < 9; i++)
    z += t[i] - t[i];
  return z == 0.0f;
}

static void
block_sum_init (FacetBlockSum *b)
{
  memset (b, 0, sizeof *b);
}

static inline G_ALWAYS_INLINE void
bbox_add (FacetBlockSum *b,
          const float   *v)
{
  if (G_UNLIKELY (!b->any))
    {
      for (int j = 0; j < 3; j++)
        b->min[j] = b->max[j] = v[j];
      b->any = TRUE;
    }
  for (int k = 0; k < 9; k += 3)
    for (int j = 0; j < 3; j++)
      {
        b->min[j] = MIN (b->min[j], v[k + j]);
        b->max[j] = MAX (b->max[j], v[k + j]);
      }
}

static inline G_ALWAYS_INLINE void
measure_one (const float   *v,
             const double   o[3],
             FacetBlockSum *b,
             guint          lane)
{
  double det, area2;

  /* A non-finite coordinate always makes the figures non-finite, and
   * finite floats never overflow a double here. */
  triangle_figures (v, o, &det, &area2);
  if (G_UNLIKELY (!isfinite (det) || !isfinite (area2)))
    {
      b->nonfinite++;
      return;
    }
  two_sum_add (&b->vol[lane], &b->vol_c[lane], det);
  two_sum_add (&b->area[lane], &b->area_c[lane], area2);
  bbox_add (b, v);
}

#ifdef HAVE_VECTOR_EXTENSIONS
typedef gint32 v4si __attribute__ ((vector_size (16)));

/* Coordinate k of four consecutive triangles. Macros: a function returning
 * a 32-byte vector has a different ABI with and without AVX. */
#define LANE_LOAD(v, k) ((v4sf) { (v)[k], (v)[9 + (k)], (v)[18 + (k)], (v)[27 + (k)] })
#define SPLAT(x) ((v4df) { (x), (x), (x), (x) })
#define TO_DOUBLE(f) __builtin_convertvector ((f), v4df)

KERNEL_INLINE void
minmax_v (v4sf *lo,
          v4sf *hi,
          v4sf  x)
{
  v4si lt = x < *lo, gt = x > *hi;

  *lo = (v4sf) (((v4si) x & lt) | ((v4si) *lo & ~lt));
  *hi = (v4sf) (((v4si) x & gt) | ((v4si) *hi & ~gt));
}

typedef struct
{
  v4df vol, vol_c, area, area_c;
  v4df o0, o1, o2;
  v4sf lo[3], hi[3];
} Lanes;

KERNEL_INLINE void
two_sum_add_v (v4df       *sum,
               v4df       *comp,
               const v4df *x)
{
  v4df t = *sum + *x;
  v4df z = t - *sum;

  *comp += (*sum - (t - z)) + (*x - z);
  *sum = t;
}

/* Four consecutive triangles, lane i getting triangle i. Returns FALSE
 * (having changed nothing) when one of them is not finite. */
KERNEL_INLINE gboolean
measure_four (const float *v,
              Lanes       *l)
{
  v4sf fx0 = LANE_LOAD (v, 0), fy0 = LANE_LOAD (v, 1), fz0 = LANE_LOAD (v, 2);
  v4sf fx1 = LANE_LOAD (v, 3), fy1 = LANE_LOAD (v, 4), fz1 = LANE_LOAD (v, 5);
  v4sf fx2 = LANE_LOAD (v, 6), fy2 = LANE_LOAD (v, 7), fz2 = LANE_LOAD (v, 8);
  v4df X0 = TO_DOUBLE (fx0), Y0 = TO_DOUBLE (fy0), Z0 = TO_DOUBLE (fz0);
  v4df X1 = TO_DOUBLE (fx1), Y1 = TO_DOUBLE (fy1), Z1 = TO_DOUBLE (fz1);
  v4df X2 = TO_DOUBLE (fx2), Y2 = TO_DOUBLE (fy2), Z2 = TO_DOUBLE (fz2);
  v4df x0 = X0 - l->o0, y0 = Y0 - l->o1, z0 = Z0 - l->o2;
  v4df x1 = X1 - l->o0, y1 = Y1 - l->o1, z1 = Z1 - l->o2;
  v4df x2 = X2 - l->o0, y2 = Y2 - l->o1, z2 = Z2 - l->o2;
  v4df cx = y1 * z2 - z1 * y2;
  v4df cy = z1 * x2 - x1 * z2;
  v4df cz = x1 * y2 - y1 * x2;
  v4df det = x0 * cx + y0 * cy + z0 * cz;
  v4df ax = X1 - X0, ay = Y1 - Y0, az = Z1 - Z0;
  v4df bx = X2 - X0, by = Y2 - Y0, bz = Z2 - Z0;
  v4df n2, area2, check;
  v4di ok;

  cx = ay * bz - az * by;
  cy = az * bx - ax * bz;
  cz = ax * by - ay * bx;
  n2 = cx * cx + cy * cy + cz * cz;
  area2 = (v4df) { sqrt (n2[0]), sqrt (n2[1]), sqrt (n2[2]), sqrt (n2[3]) };

  check = (det - det) + (area2 - area2);
  ok = check == SPLAT (0.0);
  if (!(ok[0] & ok[1] & ok[2] & ok[3]))
    return FALSE;

  two_sum_add_v (&l->vol, &l->vol_c, &det);
  two_sum_add_v (&l->area, &l->area_c, &area2);
  minmax_v (&l->lo[0], &l->hi[0], fx0);
  minmax_v (&l->lo[0], &l->hi[0], fx1);
  minmax_v (&l->lo[0], &l->hi[0], fx2);
  minmax_v (&l->lo[1], &l->hi[1], fy0);
  minmax_v (&l->lo[1], &l->hi[1], fy1);
  minmax_v (&l->lo[1], &l->hi[1], fy2);
  minmax_v (&l->lo[2], &l->hi[2], fz0);
  minmax_v (&l->lo[2], &l->hi[2], fz1);
  minmax_v (&l->lo[2], &l->hi[2], fz2);
  return TRUE;
}

KERNEL_INLINE void
lanes_load (Lanes               *l,
            const FacetBlockSum *b,
            const double         o[3])
{
  memcpy (&l->vol, b->vol, sizeof l->vol);
  memcpy (&l->vol_c, b->vol_c, sizeof l->vol_c);
  memcpy (&l->area, b->area, sizeof l->area);
  memcpy (&l->area_c, b->area_c, sizeof l->area_c);
  l->o0 = SPLAT (o[0]);
  l->o1 = SPLAT (o[1]);
  l->o2 = SPLAT (o[2]);
  for (int j = 0; j < 3; j++)
    {
      float lo = b->any ? b->min[j] : G_MAXFLOAT;
      float hi = b->any ? b->max[j] : -G_MAXFLOAT;

      l->lo[j] = (v4sf) { lo, lo, lo, lo };
      l->hi[j] = (v4sf) { hi, hi, hi, hi };
    }
}

KERNEL_INLINE void
lanes_store (const Lanes   *l,
             FacetBlockSum *b)
{
  memcpy (b->vol, &l->vol, sizeof l->vol);
  memcpy (b->vol_c, &l->vol_c, sizeof l->vol_c);
  memcpy (b->area, &l->area, sizeof l->area);
  memcpy (b->area_c, &l->area_c, sizeof l->area_c);
  for (int j = 0; j < 3; j++)
    {
      float lo = l->lo[j][0], hi = l->hi[j][0];

      for (int k = 1; k < 4; k++)
        {
          lo = MIN (lo, l->lo[j][k]);
          hi = MAX (hi, l->hi[j][k]);
        }
      /* Untouched lanes still hold the empty box. */
      if (lo <= hi)
        {
          b->min[j] = lo;
          b->max[j] = hi;
          b->any = TRUE;
        }
    }
}
#endif

/* With AVX2 the four lanes are one register: about twice as fast. The
 * arithmetic is the same IEEE operations either way (no FMA), so both
 * versions give the same bits. */
#if defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define FACET_TSAN 1
# endif
#elif defined(__SANITIZE_THREAD__)
# define FACET_TSAN 1
#endif
/* ThreadSanitizer instruments the ifunc resolver, which runs before it is
 * ready. */
#if defined(HAVE_VECTOR_EXTENSIONS) && defined(__x86_64__) && defined(__linux__) && \
    (defined(__clang__) ? __clang_major__ >= 14 : __GNUC__ >= 6) && !defined(FACET_TSAN)
# define MEASURE_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
# define MEASURE_CLONES
#endif

/* Measures n triangles into a block; the first goes to lane @lane. */
MEASURE_CLONES static void
measure_range (const float   *v,
               gsize          n,
               guint          lane,
               const double   o[3],
               FacetBlockSum *b)
{
  for (; n > 0 && lane != 0; n--, v += 9, lane = (lane + 1) % FACET_MEASURE_LANES)
    measure_one (v, o, b, lane);

#ifdef HAVE_VECTOR_EXTENSIONS
  if (n >= 4)
    {
      Lanes l;

      lanes_load (&l, b, o);
      for (; n >= 4; n -= 4, v += 36)
        if (G_UNLIKELY (!measure_four (v, &l)))
          {
            /* Rare: some are not finite. Same arithmetic, one lane at a
             * time, on the block itself. */
            lanes_store (&l, b);
            for (guint k = 0; k < 4; k++)
              measure_one (v + 9 * k, o, b, k);
            lanes_load (&l, b, o);
          }
      lanes_store (&l, b);
    }
#endif

  for (; n > 0; n--, v += 9, lane = (lane + 1) % FACET_MEASURE_LANES)
    measure_one (v, o, b, lane);
}

static void
totals_add_block (FacetTotals         *total,
                  const FacetBlockSum *b)
{
  for (int k = 0; k < FACET_MEASURE_LANES; k++)
    {
      two_sum_add (&total->vol, &total->vol_c, b->vol[k]);
      two_sum_add (&total->vol, &total->vol_c, b->vol_c[k]);
      two_sum_add (&total->area, &total->area_c, b->area[k]);
      two_sum_add (&total->area, &total->area_c, b->area_c[k]);
    }
  total->nonfinite += b->nonfinite;
  if (!b->any)
    return;
  if (!total->any)
    {
      memcpy (total->min, b->min, sizeof b->min);
      memcpy (total->max, b->max, sizeof b->max);
      total->any = TRUE;
      return;
    }
  for (int j = 0; j < 3; j++)
    {
      total->min[j] = MIN (total->min[j], b->min[j]);
      total->max[j] = MAX (total->max[j], b->max[j]);
    }
}

static gboolean
find_origin (const float *v,
             gsize        n,
             double       origin[3])
{
  for (gsize i = 0; i < n; i++)
    if (tri_is_finite (v + 9 * i))
      {
        for (int j = 0; j < 3; j++)
          origin[j] = v[9 * i + j];
        return TRUE;
      }
  return FALSE;
}

void
_facet_measure_init (FacetMeasure *self)
{
  memset (self, 0, sizeof *self);
}

void
_facet_measure_feed (FacetMeasure *self,
                     const float  *v,
                     gsize         n)
{
  if (!self->have_origin)
    self->have_origin = find_origin (v, n, self->origin);

  while (n > 0)
    {
      gsize in_block = (gsize) (self->n_fed % FACET_MEASURE_BLOCK);
      gsize take = MIN (FACET_MEASURE_BLOCK - in_block, n);

      measure_range (v, take, in_block % FACET_MEASURE_LANES, self->origin, &self->block);
      self->n_fed += take;
      v += 9 * take;
      n -= take;
      if (self->n_fed % FACET_MEASURE_BLOCK == 0)
        {
          totals_add_block (&self->total, &self->block);
          block_sum_init (&self->block);
        }
    }
}

void
_facet_report_measurements (const FacetTotals *total,
                            FacetMeshReport   *report)
{
  report->signed_volume = (total->vol + total->vol_c) / 6.0;
  report->area = (total->area + total->area_c) / 2.0;
  report->nonfinite_facets = total->nonfinite;
  for (int j = 0; j < 3; j++)
    {
      report->min[j] = total->any ? total->min[j] : 0.0;
      report->max[j] = total->any ? total->max[j] : 0.0;
    }
}

void
_facet_measure_totals (FacetMeasure *self,
                       FacetTotals  *totals)
{
  if (self->n_fed % FACET_MEASURE_BLOCK != 0)
    {
      totals_add_block (&self->total, &self->block);
      block_sum_init (&self->block);
      /* Nothing more may be fed after a partial block. */
      self->n_fed += FACET_MEASURE_BLOCK - self->n_fed % FACET_MEASURE_BLOCK;
    }
  *totals = self->total;
}

void
_facet_measure_finish (FacetMeasure    *self,
                       FacetMeshReport *report)
{
  FacetTotals totals;

  _facet_measure_totals (self, &totals);
  _facet_report_measurements (&totals, report);
}

/* The measuring worker */

typedef struct
{
  const float *vertices;
  gsize        n;
  gpointer     buffer;
  gsize        populate;   /* bytes of vertices to map, instead of measuring */
} MeasureChunk;

struct _FacetMeasurer
{
  GThread      *thread;
  GAsyncQueue  *chunks;
  GAsyncQueue  *buffers;
  FacetMeasure  measure;
};

/* Marks the end of the chunks. */
static MeasureChunk measurer_stop;

static gpointer
measurer_thread (gpointer data)
{
  FacetMeasurer *self = data;

  for (;;)
    {
      MeasureChunk *chunk = g_async_queue_pop (self->chunks);

      if (chunk == &measurer_stop)
        break;
      if (chunk->populate > 0)
        {
          _facet_populate ((gpointer) chunk->vertices, chunk->populate);
          g_free (chunk);
          continue;
        }
      _facet_measure_feed (&self->measure, chunk->vertices, chunk->n);
      if (chunk->buffer != NULL)
        g_async_queue_push (self->buffers, chunk->buffer);
      g_free (chunk);
    }
  return NULL;
}

FacetMeasurer *
_facet_measurer_new (void)
{
  FacetMeasurer *self = g_new0 (FacetMeasurer, 1);

  _facet_measure_init (&self->measure);
  self->chunks = g_async_queue_new ();
  self->buffers = g_async_queue_new ();
  self->thread = g_thread_try_new ("facet-measure", measurer_thread, self, NULL);
  return self;
}

void
_facet_measurer_push (FacetMeasurer *self,
                      const float   *vertices,
                      gsize          n_triangles,
                      gpointer       buffer)
{
  MeasureChunk *chunk;

  if (self->thread == NULL)
    {
      /* No thread to be had: measure here. */
      _facet_measure_feed (&self->measure, vertices, n_triangles);
      if (buffer != NULL)
        g_async_queue_push (self->buffers, buffer);
      return;
    }

  chunk = g_new0 (MeasureChunk, 1);
  chunk->vertices = vertices;
  chunk->n = n_triangles;
  chunk->buffer = buffer;
  g_async_queue_push (self->chunks, chunk);
}

void
_facet_measurer_populate (FacetMeasurer *self,
                          gpointer       block,
                          gsize          bytes)
{
  MeasureChunk *chunk;

  /* Without a thread, the pages come as they are written. */
  if (self->thread == NULL)
    return;
  chunk = g_new0 (MeasureChunk, 1);
  chunk->vertices = block;
  chunk->populate = bytes;
  g_async_queue_push (self->chunks, chunk);
}

gpointer
_facet_measurer_take_buffer (FacetMeasurer *self)
{
  return g_async_queue_pop (self->buffers);
}

void
_facet_measurer_finish (FacetMeasurer *self,
                        FacetTotals   *totals)
{
  gpointer buffer;

  if (self->thread != NULL)
    {
      g_async_queue_push (self->chunks, &measurer_stop);
      g_thread_join (self->thread);
    }
  if (totals != NULL)
    _facet_measure_totals (&self->measure, totals);

  while ((buffer = g_async_queue_try_pop (self->buffers)) != NULL)
    g_free (buffer);
  g_async_queue_unref (self->buffers);
  g_async_queue_unref (self->chunks);
  g_free (self);
}

/* Work shared by all cores: items handed out one at a time, progress
 * reported by the calling thread only. */

/* Returns FALSE to stop the run: the work saw the cancellable fire, or
 * failed in a way the job records. */
typedef gboolean (*WorkFunc) (gpointer job,
                              guint    item);

typedef struct
{
  WorkFunc      func;
  gpointer      job;
  guint         n_items;
  gint          next;
  gint          done;
  gint          stop;
  GCancellable *cancellable;
} ParallelRun;

static gboolean
parallel_step (ParallelRun *run)
{
  guint item;

  if (g_atomic_int_get (&run->stop))
    return FALSE;
  if (run->cancellable != NULL && g_cancellable_is_cancelled (run->cancellable))
    {
      g_atomic_int_set (&run->stop, 1);
      return FALSE;
    }
  item = (guint) g_atomic_int_add (&run->next, 1);
  if (item >= run->n_items)
    return FALSE;
  if (!run->func (run->job, item))
    {
      g_atomic_int_set (&run->stop, 1);
      return FALSE;
    }
  g_atomic_int_inc (&run->done);
  return TRUE;
}

static gpointer
parallel_worker (gpointer data)
{
  while (parallel_step (data))
    ;
  return NULL;
}

static guint
n_workers (void)
{
  return CLAMP (g_get_num_processors (), 1, 16);
}

static gboolean
parallel_run (WorkFunc       func,
              gpointer       job,
              guint          n_items,
              FacetProgress *progress,
              GCancellable  *cancellable,
              GError       **error)
{
  ParallelRun run = { func, job, n_items, 0, 0, 0, cancellable };
  GThread *threads[16];
  guint n_threads = 0;
  guint want = MIN (n_workers (), n_items);

  for (guint i = 1; i < want; i++)
    {
      GThread *t = g_thread_try_new ("facet-mesh", parallel_worker, &run, NULL);

      if (t == NULL)
        break;
      threads[n_threads++] = t;
    }

  while (parallel_step (&run))
    if (progress != NULL)
      _facet_progress_update (progress, (double) g_atomic_int_get (&run.done) / n_items);

  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);

  if (g_atomic_int_get (&run.stop))
    {
      /* Stopped by the cancellable, or by a failure the job records. */
      _facet_set_cancelled_error (cancellable, error);
      return FALSE;
    }
  if (progress != NULL)
    _facet_progress_update (progress, 1.0);
  return TRUE;
}

typedef struct
{
  const float   *v;
  guint64        n;
  double         origin[3];
  FacetBlockSum *blocks;
} MeasureJob;

static gboolean
measure_block (gpointer data,
               guint    item)
{
  MeasureJob *job = data;
  guint64 first = (guint64) item * FACET_MEASURE_BLOCK;
  gsize count = (gsize) MIN ((guint64) FACET_MEASURE_BLOCK, job->n - first);

  block_sum_init (&job->blocks[item]);
  measure_range (job->v + 9 * first, count, 0, job->origin, &job->blocks[item]);
  return TRUE;
}

static gboolean
measure_mesh (FacetMesh       *self,
              FacetMeshReport *report,
              FacetProgress   *progress,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autofree FacetBlockSum *blocks = NULL;
  MeasureJob job = { self->vertices, self->n_triangles, { 0, 0, 0 }, NULL };
  guint64 n_blocks = (self->n_triangles + FACET_MEASURE_BLOCK - 1) / FACET_MEASURE_BLOCK;
  FacetTotals total = { 0, };

  if (self->measured)
    {
      _facet_report_measurements (&self->totals, report);
      return TRUE;
    }

  /* A mesh in memory has fewer than 2^32 blocks of 16384 triangles. */
  g_assert (n_blocks <= G_MAXINT);

  find_origin (self->vertices, (gsize) self->n_triangles, job.origin);
  blocks = g_new (FacetBlockSum, MAX (n_blocks, 1));
  job.blocks = blocks;

  if (!parallel_run (measure_block, &job, (guint) n_blocks, progress, cancellable, error))
    return FALSE;

  for (guint64 b = 0; b < n_blocks; b++)
    totals_add_block (&total, &blocks[b]);
  _facet_report_measurements (&total, report);
  return TRUE;
}

/* Exact zero-area test */

static inline void
two_sum (double  a,
         double  b,
         double *s,
         double *e)
{
  double x = a + b;
  double z = x - a;

  *e = (a - (x - z)) + (b - z);
  *s = x;
}

/* Shewchuk's grow-expansion: the terms become a non-overlapping expansion
 * of their exact sum, which is zero only if every component is. */
static gboolean
exact_sum_is_zero (const double *terms,
                   int           n)
{
  double e[8];
  int m = 0;

  for (int i = 0; i < n; i++)
    {
      double q = terms[i];

      for (int j = 0; j < m; j++)
        two_sum (q, e[j], &q, &e[j]);
      e[m++] = q;
    }
  for (int j = 0; j < m; j++)
    if (e[j] != 0.0)
      return FALSE;
  return TRUE;
}

/* A quick answer for nearly every facet: a component of the cross product
 * of its edges, computed in double from exact-enough differences, is larger
 * than its rounding error can be (each difference and product errs by half
 * an ulp, their sum by at most 4.02 u of |p1| + |p2|). */
static inline gboolean
surely_has_area (const float *t)
{
  double ax = (double) t[3] - (double) t[0], ay = (double) t[4] - (double) t[1], az = (double) t[5] - (double) t[2];
  double bx = (double) t[6] - (double) t[0], by = (double) t[7] - (double) t[1], bz = (double) t[8] - (double) t[2];
  double p[6] = { ay * bz, az * by, az * bx, ax * bz, ax * by, ay * bx };

  for (int k = 0; k < 6; k += 2)
    if (fabs (p[k] - p[k + 1]) > 1e-15 * (fabs (p[k]) + fabs (p[k + 1])))
      return TRUE;
  return FALSE;
}

/* Whether the cross product (v1 - v0) × (v2 - v0) is exactly zero. Each of
 * its components is v0×v1 + v1×v2 + v2×v0, six products of floats that are
 * exact in double; a cheap error bound settles nearly every facet, and the
 * rest get an exact sum. */
static gboolean
facet_has_zero_area (const float *t)
{
  static const int axes[3][2] = { { 1, 2 }, { 2, 0 }, { 0, 1 } };

  for (int a = 0; a < 3; a++)
    {
      int i = axes[a][0], j = axes[a][1];
      double p[6];
      double s = 0.0, bound = 0.0;

      p[0] = (double) t[i] * t[3 + j];
      p[1] = -((double) t[j] * t[3 + i]);
      p[2] = (double) t[3 + i] * t[6 + j];
      p[3] = -((double) t[3 + j] * t[6 + i]);
      p[4] = (double) t[6 + i] * t[j];
      p[5] = -((double) t[6 + j] * t[i]);
      for (int k = 0; k < 6; k++)
        {
          s += p[k];
          bound += fabs (p[k]);
        }
      /* Summing six terms errs by less than 6 ulp of their magnitudes. */
      if (fabs (s) > 1e-14 * bound)
        return FALSE;
      if (!exact_sum_is_zero (p, 6))
        return FALSE;
    }
  return TRUE;
}

/* Topology */

/* Per-facet flags. */
#define FACET_NONFINITE 1
#define FACET_REPEATED  2
#define FACET_THIN      4   /* the quick area test could not tell */

/* Vertices of one partition, by open addressing: a slot holds 32 bits of
 * the vertex's hash over its first corner + 1 (0 is empty), so that a
 * collision is told apart without reading another vertex's coordinates.
 * Sized for the usual mesh, where a vertex has about six facets; it grows
 * when needed. */
typedef struct
{
  guint64 *slots;
  guint64  cap;
  guint64  used;
  gboolean owned;    /* FALSE while in the shared region */
} WeldTable;

/* Corners of one range of facets that the recent vertices did not name,
 * in file order. */
typedef struct
{
  guint32 *corners;
  gsize    len;
  gsize    cap;
} MissList;

#define SLOT_CORNER(s) ((guint32) ((s) & 0xffffffffu))
#define SLOT_TAG(s)    ((guint32) ((s) >> 32))
#define HASH_TAG(h)    ((guint32) ((h) >> 32))

typedef struct
{
  const float  *v;
  guint64       n;
  GCancellable *cancellable;

  guint32      *ids;         /* welded vertex of each corner, NO_ID for non-finite facets */
  guint32       n_vertices;
  guint8       *flags;
  guint32      *offsets;     /* facets around vertex a: list[offsets[a] .. offsets[a+1]) */
  guint32      *list;
  guint32      *shell;       /* union-find over facets through any shared edge */
  guint32      *orient;      /* union-find with parity through two-facet edges */

  /* Fresh memory is dear: one region serves in turn for the welding
   * tables, the facets around each vertex, and the final counts. */
  guint8       *region;
  gsize         region_size;

  /* Welding: a list of corners left to the tables per range of facets,
   * one table per partition of the vertices, as many of each as threads */
  MissList     *misses;      /* [range * n_parts + part] */
  WeldTable    *tables;
  guint         n_parts;
  gint          weld_failed;  /* out of memory */

  guint64       boundary;
  guint64       nonmanifold;
  guint64       degenerate;
  gint          contradiction;  /* orientation depends on the order of the walk */
} Topology;

static void
weld_tables_free (Topology *t)
{
  for (guint p = 0; t->tables != NULL && p < t->n_parts; p++)
    if (t->tables[p].owned)
      g_free (t->tables[p].slots);
  g_clear_pointer (&t->tables, g_free);
  for (guint p = 0; t->misses != NULL && p < t->n_parts * t->n_parts; p++)
    g_free (t->misses[p].corners);
  g_clear_pointer (&t->misses, g_free);
}

static void
topology_clear (Topology *t)
{
  weld_tables_free (t);
  g_clear_pointer (&t->ids, g_free);
  g_clear_pointer (&t->flags, g_free);
  g_clear_pointer (&t->offsets, g_free);
  g_clear_pointer (&t->shell, g_free);    /* orient is in the same block */
  t->orient = t->list = NULL;
  g_clear_pointer (&t->region, g_free);
}

static gboolean
set_too_large (GError  **error,
               guint64   n,
               guint64   bytes)
{
  g_autofree char *size = g_format_size (bytes);
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  /* TRANSLATORS: the first %s is a number of triangles, the second a size like "12 GB" */
  g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TOO_LARGE,
               _("Checking a mesh of %s triangles would need %s of memory, more than this computer can give"),
               count, size);
  return FALSE;
}

static gpointer
try_alloc (guint64   n_items,
           gsize     item_size,
           gboolean  zero,
           guint64   n_triangles,
           GError  **error)
{
  guint64 bytes = n_items * item_size;
  gpointer p = NULL;

  if (n_items <= G_MAXSIZE / item_size)
    p = _facet_try_alloc_large (bytes, zero);
  if (p == NULL)
    set_too_large (error, n_triangles, bytes);
  return p;
}

static inline guint32
vertex_bits (float f)
{
  guint32 b;

  memcpy (&b, &f, 4);
  return b == 0x80000000u ? 0 : b;   /* -0 welds with +0 */
}

static inline guint64
hash_vertex (guint32 x,
             guint32 y,
             guint32 z)
{
  guint64 h = (((guint64) x << 32) | y) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  h ^= (guint64) z * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F);
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  h ^= h >> 32;
  return h;
}

/* Maps 32 bits of hash onto [0, range) without a division. */
static inline guint64
fast_range (guint64 h32,
            guint64 range)
{
  return (h32 * range) >> 32;
}

static gboolean
cancelled (Topology  *t,
           GError   **error)
{
  return _facet_set_cancelled_error (t->cancellable, error);
}

#if defined(__GNUC__) || defined(__clang__)
# define PREFETCH(p) __builtin_prefetch (p)
#else
# define PREFETCH(p) ((void) 0)
#endif

/* Corners wait in two queues: for their table slot to arrive in cache, then
 * for the coordinates of the vertex found in it. */
#define SLOT_AHEAD   12
#define VERTEX_AHEAD 12
/* Recently seen vertices, per partition: in a file whose facets come in a
 * sensible order most corners are found here, without the table. */
#define RECENT_BITS  14

typedef struct
{
  guint64 corner;
  guint64 hash;
  guint32 x, y, z;
} PendingCorner;

typedef struct
{
  PendingCorner items[16];
  guint         head;
  guint         count;
} CornerQueue;

typedef struct
{
  Topology   *t;
  WeldTable  *table;
  CornerQueue slots;
  CornerQueue vertices;
} Welder;


static inline void
queue_push (CornerQueue         *q,
            const PendingCorner *c)
{
  q->items[(q->head + q->count++) % G_N_ELEMENTS (q->items)] = *c;
}

static inline PendingCorner
queue_pop (CornerQueue *q)
{
  PendingCorner c = q->items[q->head];

  q->head = (q->head + 1) % G_N_ELEMENTS (q->items);
  q->count--;
  return c;
}

static inline guint64
weld_slot (const WeldTable *table,
           guint64          hash)
{
  return fast_range (hash & 0xffffffffu, table->cap);
}

static inline gboolean
same_vertex (const float *v,
             guint64      corner,
             guint32      x,
             guint32      y,
             guint32      z)
{
  const float *r = v + 3 * corner;

  return vertex_bits (r[0]) == x && vertex_bits (r[1]) == y && vertex_bits (r[2]) == z;
}

/* Doubles a table: every vertex is placed again from its coordinates. */
static gboolean
weld_grow (Welder *w)
{
  WeldTable *table = w->table;
  WeldTable bigger = { NULL, MIN (2 * table->cap, (guint64) G_MAXUINT32), table->used, TRUE };

  if (bigger.cap == table->cap)
    return TRUE;    /* as large as 32-bit corners allow: fuller, still correct */
  bigger.slots = _facet_try_alloc_large (bigger.cap * sizeof (guint64), TRUE);
  if (bigger.slots == NULL)
    return FALSE;

  for (guint64 i = 0; i < table->cap; i++)
    {
      guint64 s = table->slots[i];
      const float *r;
      guint64 j;

      if (s == 0)
        continue;
      r = w->t->v + 3 * (guint64) (SLOT_CORNER (s) - 1);
      j = weld_slot (&bigger, hash_vertex (vertex_bits (r[0]), vertex_bits (r[1]), vertex_bits (r[2])));
      while (bigger.slots[j] != 0)
        if (++j == bigger.cap)
          j = 0;
      bigger.slots[j] = s;
    }

  if (table->owned)
    g_free (table->slots);
  *table = bigger;
  return TRUE;
}

/* Looks one corner up in its partition's table: a new vertex keeps its own
 * index, a known one gets the index of the vertex's first corner. */
static inline gboolean
weld_corner (Welder              *w,
             const PendingCorner *c)
{
  WeldTable *table = w->table;
  guint64 i = weld_slot (table, c->hash);
  guint32 first;

  for (;;)
    {
      guint64 s = table->slots[i];

      if (s == 0)
        {
          if (table->used >= table->cap / 10 * 7)
            {
              if (!weld_grow (w))
                return FALSE;
              return weld_corner (w, c);
            }
          table->slots[i] = (guint64) HASH_TAG (c->hash) << 32 | (c->corner + 1);
          table->used++;
          first = (guint32) c->corner;
          break;
        }
      if (SLOT_TAG (s) == HASH_TAG (c->hash) &&
          same_vertex (w->t->v, SLOT_CORNER (s) - 1, c->x, c->y, c->z))
        {
          first = SLOT_CORNER (s) - 1;
          break;
        }
      if (++i == table->cap)
        i = 0;
    }

  w->t->ids[c->corner] = first;
  return TRUE;
}

/* Moves the oldest corner on: its slot is in cache by now, so fetch the
 * vertex it names, and weld the oldest of those. Corners are welded in the
 * order they came, which is file order. */
static inline gboolean
weld_advance (Welder *w)
{
  PendingCorner c = queue_pop (&w->slots);
  guint64 s = w->table->slots[weld_slot (w->table, c.hash)];

  if (s != 0 && SLOT_TAG (s) == HASH_TAG (c.hash))
    PREFETCH (w->t->v + 3 * (guint64) (SLOT_CORNER (s) - 1));
  if (w->vertices.count == VERTEX_AHEAD)
    {
      PendingCorner oldest = queue_pop (&w->vertices);

      if (!weld_corner (w, &oldest))
        return FALSE;
    }
  queue_push (&w->vertices, &c);
  return TRUE;
}

static inline gboolean
miss_list_add (MissList *m,
               guint32   corner)
{
  if (m->len == m->cap)
    {
      gsize cap = MAX (m->cap * 2, 4096);
      guint32 *corners = g_try_renew (guint32, m->corners, cap);

      if (corners == NULL)
        return FALSE;
      m->corners = corners;
      m->cap = cap;
    }
  m->corners[m->len++] = corner;
  return TRUE;
}

static inline guint64
corner_hash (const float *v,
             guint64      corner,
             guint32     *x,
             guint32     *y,
             guint32     *z)
{
  const float *p = v + 3 * corner;

  *x = vertex_bits (p[0]);
  *y = vertex_bits (p[1]);
  *z = vertex_bits (p[2]);
  return hash_vertex (*x, *y, *z);
}

/* Cheap, for the recent vertices only: the tables use hash_vertex(). */
static inline guint32
quick_hash (guint32 x,
            guint32 y,
            guint32 z)
{
  return (guint32) ((x * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^
                     y * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F) ^
                     z * G_GUINT64_CONSTANT (0x165667B19E3779F9)) >> 32);
}

/* Stage one, one range of facets per thread: a corner whose vertex was
 * seen a moment ago points at that earlier corner; the others are kept for
 * the tables, sorted by partition. In a file whose facets come in a
 * sensible order that is most corners, found without touching the tables.
 * Facets are flagged on the way while their coordinates are at hand. */
static gboolean
weld_range (gpointer data,
            guint    range)
{
  Topology *t = data;
  g_autofree guint64 *recent = g_new0 (guint64, 1 << RECENT_BITS);  /* quick hash << 32 | corner + 1 */
  MissList *misses = &t->misses[range * t->n_parts];
  guint64 begin = t->n * range / t->n_parts;
  guint64 end = t->n * (range + 1) / t->n_parts;
  /* The previous facet's vertices: in most files a facet shares two of
   * them, told here without touching any table. */
  guint32 prev[9];
  guint64 prev_corner = G_MAXUINT64;

  for (guint64 f = begin; f < end; f++)
    {
      const float *tri = t->v + 9 * f;
      guint32 bits[9];

      if ((f & CANCEL_MASK) == 0 && t->cancellable != NULL &&
          g_cancellable_is_cancelled (t->cancellable))
        return FALSE;

      if (!tri_is_finite (tri))
        {
          t->flags[f] = FACET_NONFINITE;
          t->ids[3 * f] = t->ids[3 * f + 1] = t->ids[3 * f + 2] = NO_ID;
          prev_corner = G_MAXUINT64;
          continue;
        }
      if (!surely_has_area (tri))
        t->flags[f] = FACET_THIN;

      for (int i = 0; i < 9; i++)
        bits[i] = vertex_bits (tri[i]);

      for (int k = 0; k < 3; k++)
        {
          guint64 c = 3 * f + k;
          guint32 x = bits[3 * k], y = bits[3 * k + 1], z = bits[3 * k + 2];
          guint32 q;
          guint64 *slot;
          guint part;
          int j;

          if (prev_corner != G_MAXUINT64)
            {
              for (j = 0; j < 3; j++)
                if (prev[3 * j] == x && prev[3 * j + 1] == y && prev[3 * j + 2] == z)
                  break;
              if (j < 3)
                {
                  t->ids[c] = (guint32) (prev_corner + j);
                  continue;
                }
            }

          q = quick_hash (x, y, z);
          slot = &recent[q & ((1 << RECENT_BITS) - 1)];

          if (*slot != 0 && SLOT_TAG (*slot) == q &&
              same_vertex (t->v, SLOT_CORNER (*slot) - 1, x, y, z))
            {
              t->ids[c] = SLOT_CORNER (*slot) - 1;
              continue;
            }
          *slot = (guint64) q << 32 | (c + 1);

          part = t->n_parts == 1 ? 0 : (guint) fast_range (hash_vertex (x, y, z) >> 32, t->n_parts);
          if (!miss_list_add (&misses[part], (guint32) c))
            {
              g_atomic_int_set (&t->weld_failed, 1);
              return FALSE;
            }
        }

      memcpy (prev, bits, sizeof prev);
      prev_corner = 3 * f;
    }
  return TRUE;
}

/* Stage two, one partition of the vertices (by hash) per thread: the
 * corners left by every range, in file order, so that the first corner
 * found for a vertex is its first in the file whatever the number of
 * threads. */
static gboolean
weld_part (gpointer data,
           guint    part)
{
  Topology *t = data;
  g_autofree Welder *w = g_new0 (Welder, 1);

  w->t = t;
  w->table = &t->tables[part];

  for (guint r = 0; r < t->n_parts; r++)
    {
      const MissList *misses = &t->misses[r * t->n_parts + part];

      for (gsize i = 0; i < misses->len; i++)
        {
          PendingCorner c;

          if ((i & CANCEL_MASK) == 0 && t->cancellable != NULL &&
              g_cancellable_is_cancelled (t->cancellable))
            return FALSE;

          c.corner = misses->corners[i];
          c.hash = corner_hash (t->v, c.corner, &c.x, &c.y, &c.z);

          PREFETCH (&w->table->slots[weld_slot (w->table, c.hash)]);
          if (w->slots.count == SLOT_AHEAD && !weld_advance (w))
            goto failed;
          queue_push (&w->slots, &c);
        }
    }

  while (w->slots.count > 0)
    if (!weld_advance (w))
      goto failed;
  while (w->vertices.count > 0)
    {
      PendingCorner c = queue_pop (&w->vertices);

      if (!weld_corner (w, &c))
        goto failed;
    }
  return TRUE;

failed:
  g_atomic_int_set (&t->weld_failed, 1);
  return FALSE;
}

static guint64
weld_table_cap (guint64 n,
                guint   n_parts)
{
  return MIN (n / n_parts + 1024, (guint64) G_MAXUINT32);
}

/* Gives each corner the index of its welded vertex, numbered in order of
 * first appearance in the file. */
static gboolean
weld (Topology       *t,
      FacetProgress  *progress,
      GError        **error)
{
  guint32 nv = 0;
  guint64 n_corners = 3 * t->n;

  t->ids = try_alloc (n_corners, sizeof (guint32), FALSE, t->n, error);
  if (t->ids == NULL)
    return FALSE;
  t->tables = g_new0 (WeldTable, t->n_parts);
  for (guint p = 0; p < t->n_parts; p++)
    {
      /* A closed mesh has about half as many vertices as facets: room for
       * them at half load, in the zeroed region. */
      t->tables[p].cap = weld_table_cap (t->n, t->n_parts);
      t->tables[p].slots = (guint64 *) t->region + p * t->tables[p].cap;
      t->tables[p].owned = FALSE;
    }

  t->misses = g_new0 (MissList, t->n_parts * t->n_parts);
  if (!parallel_run (weld_range, t, t->n_parts, NULL, t->cancellable, error) ||
      !parallel_run (weld_part, t, t->n_parts, NULL, t->cancellable, error))
    {
      /* Not cancelled (that error is set): memory ran out. */
      if (!g_cancellable_is_cancelled (t->cancellable))
        set_too_large (error, t->n, 16 * n_corners);
      return FALSE;
    }
  weld_tables_free (t);
  _facet_progress_update (progress, 0.8);

  /* A corner holds an earlier corner of its vertex, or itself for the
   * first: number first corners in order, and copy the number to the
   * others from the corner they name, numbered already. */
  for (guint64 c = 0; c < n_corners; c++)
    {
      guint32 first = t->ids[c];

      if (first == NO_ID)
        continue;
      t->ids[c] = first == c ? nv++ : t->ids[first];
    }

  t->n_vertices = nv;
  return TRUE;
}

/* Counts degenerate facets and lists the facets around each vertex (each
 * facet once per distinct vertex, in facet order). */
static gboolean
build_vertex_facets (Topology       *t,
                     FacetProgress  *progress,
                     GError        **error)
{
  guint64 total = 0;

  t->offsets = try_alloc ((guint64) t->n_vertices + 1, sizeof (guint32), TRUE, t->n, error);
  if (t->offsets == NULL)
    return FALSE;

  for (guint64 f = 0; f < t->n; f++)
    {
      const guint32 *id = t->ids + 3 * f;

      if ((f & CANCEL_MASK) == 0)
        {
          if (cancelled (t, error))
            return FALSE;
          _facet_progress_update (progress, 0.5 * f / t->n);
        }
      if (t->flags[f] & FACET_NONFINITE)
        continue;

      t->offsets[id[0] + 1]++;
      if (id[1] != id[0])
        t->offsets[id[1] + 1]++;
      if (id[2] != id[0] && id[2] != id[1])
        t->offsets[id[2] + 1]++;

      if (id[0] == id[1] || id[1] == id[2] || id[0] == id[2])
        {
          t->flags[f] = FACET_REPEATED;
          t->degenerate++;
        }
      else if ((t->flags[f] & FACET_THIN) && facet_has_zero_area (t->v + 9 * f))
        t->degenerate++;
    }

  for (guint32 a = 0; a < t->n_vertices; a++)
    t->offsets[a + 1] += t->offsets[a];
  total = t->offsets[t->n_vertices];

  /* At most three entries a facet: the region holds them. */
  g_assert (total * sizeof (guint32) <= t->region_size);
  t->list = (guint32 *) t->region;

  /* offsets[a] serves as the write cursor of vertex a, then is shifted
   * back to the start. */
  for (guint64 f = 0; f < t->n; f++)
    {
      const guint32 *id = t->ids + 3 * f;

      if ((f & CANCEL_MASK) == 0)
        {
          if (cancelled (t, error))
            return FALSE;
          _facet_progress_update (progress, 0.5 + 0.5 * f / t->n);
        }
      if (t->flags[f] & FACET_NONFINITE)
        continue;

      t->list[t->offsets[id[0]]++] = (guint32) f;
      if (id[1] != id[0])
        t->list[t->offsets[id[1]]++] = (guint32) f;
      if (id[2] != id[0] && id[2] != id[1])
        t->list[t->offsets[id[2]]++] = (guint32) f;
    }
  for (guint32 a = t->n_vertices; a > 0; a--)
    t->offsets[a] = t->offsets[a - 1];
  t->offsets[0] = 0;
  return TRUE;
}

/* The union-finds start as zeros (fresh memory, no pass to fill them): an
 * entry is 0 for a root, else its parent + 1. */
static inline guint32
uf_find (guint32 *parent,
         guint32  x)
{
  while (parent[x] != 0)
    {
      guint32 p = parent[x] - 1;

      if (parent[p] == 0)
        return p;
      /* Halve the path: point at the grandparent. */
      parent[x] = parent[p];
      x = parent[p] - 1;
    }
  return x;
}

static inline void
uf_union (guint32 *parent,
          guint32  a,
          guint32  b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a < b)
    parent[b] = a + 1;
  else if (b < a)
    parent[a] = b + 1;
}

/* With parity: bit 31 tells whether a facet's orientation is opposite to
 * its parent's. Returns the root of x, and in *parity whether x is
 * opposite to it; compresses the path. */
static inline guint32
puf_find (guint32 *parent,
          guint32  x,
          guint32 *parity)
{
  guint32 root = x, p = 0;
  guint32 cur, cur_p;

  while (parent[root] != 0)
    {
      p ^= parent[root] >> 31;
      root = (parent[root] & INDEX_MASK) - 1;
    }

  cur = x;
  cur_p = p;
  while (cur != root)
    {
      guint32 next = (parent[cur] & INDEX_MASK) - 1;
      guint32 next_p = cur_p ^ (parent[cur] >> 31);

      parent[cur] = (root + 1) | (cur_p << 31);
      cur = next;
      cur_p = next_p;
    }

  *parity = p;
  return root;
}

/* Records that a and b must be flipped relative to each other (flip = 1)
 * or not (flip = 0). A contradiction (a non-orientable surface) keeps the
 * first answer. */
static inline void
puf_union (guint32 *parent,
           guint32  a,
           guint32  b,
           guint32  flip)
{
  guint32 pa, pb;
  guint32 ra = puf_find (parent, a, &pa);
  guint32 rb = puf_find (parent, b, &pb);
  guint32 rel = pa ^ pb ^ flip;

  if (ra < rb)
    parent[rb] = (ra + 1) | (rel << 31);
  else if (rb < ra)
    parent[ra] = (rb + 1) | (rel << 31);
}

static void
sort_records (guint64 *r,
              gsize    n)
{
  /* Most vertices have a handful of edges: insertion sort. */
  for (gsize i = 1; i < n; i++)
    {
      guint64 x = r[i];
      gsize j = i;

      while (j > 0 && r[j - 1] > x)
        {
          r[j] = r[j - 1];
          j--;
        }
      r[j] = x;
    }
}

static int
cmp_u64 (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

#define REC_FACET(r) ((guint32) ((r) & 0xffffffffu) >> 2)
#define REC_DIR(r)   ((guint32) ((r) & 3))

/* The same union-finds shared by threads: entries are read and written
 * whole, a root is linked by compare-and-swap, and always under a root of
 * lower index, so no cycle can form. Halving a path only ever stores an
 * ancestor, with the parity to it, which stays true. */
static inline guint32
atomic_get (guint32 *p)
{
  return __atomic_load_n (p, __ATOMIC_RELAXED);
}

static inline void
atomic_set (guint32 *p,
            guint32  v)
{
  __atomic_store_n (p, v, __ATOMIC_RELAXED);
}

static inline gboolean
atomic_link (guint32 *p,
             guint32  v)
{
  guint32 root = 0;

  return __atomic_compare_exchange_n (p, &root, v, FALSE, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
}

static inline guint32
cuf_find (guint32 *parent,
          guint32  x)
{
  for (;;)
    {
      guint32 up = atomic_get (&parent[x]), top;

      if (up == 0)
        return x;
      top = atomic_get (&parent[up - 1]);
      if (top == 0)
        return up - 1;
      atomic_set (&parent[x], top);
      x = top - 1;
    }
}

static inline void
cuf_union (guint32 *parent,
           guint32  a,
           guint32  b)
{
  for (;;)
    {
      a = cuf_find (parent, a);
      b = cuf_find (parent, b);
      if (a == b)
        return;
      if (a < b)
        {
          guint32 tmp = a;

          a = b;
          b = tmp;
        }
      if (atomic_link (&parent[a], b + 1))
        return;
    }
}

static inline guint32
cpuf_find (guint32 *parent,
           guint32  x,
           guint32 *parity)
{
  guint32 p = 0;

  for (;;)
    {
      guint32 up = atomic_get (&parent[x]), top;

      if (up == 0)
        break;
      top = atomic_get (&parent[(up & INDEX_MASK) - 1]);
      if (top == 0)
        {
          p ^= up >> 31;
          x = (up & INDEX_MASK) - 1;
          break;
        }
      /* Point at the grandparent, with the parity to it. */
      atomic_set (&parent[x], (top & INDEX_MASK) | (((up ^ top) >> 31) << 31));
      p ^= (up ^ top) >> 31;
      x = (top & INDEX_MASK) - 1;
    }
  *parity = p;
  return x;
}

/* FALSE when a and b are already joined the other way round: a surface
 * that cannot be oriented, where the answer would depend on the order. */
static inline gboolean
cpuf_union (guint32 *parent,
            guint32  a,
            guint32  b,
            guint32  flip)
{
  for (;;)
    {
      guint32 pa, pb, ra, rb, rel;

      ra = cpuf_find (parent, a, &pa);
      rb = cpuf_find (parent, b, &pb);
      rel = pa ^ pb ^ flip;
      if (ra == rb)
        return rel == 0;
      if (ra < rb)
        {
          guint32 tmp = ra;

          ra = rb;
          rb = tmp;
        }
      if (atomic_link (&parent[ra], (rb + 1) | (rel << 31)))
        return TRUE;
    }
}

typedef struct
{
  guint64 *rec;
  gsize    rec_cap;
  guint64  boundary;
  guint64  nonmanifold;
  gboolean contradiction;
} WalkState;

/* Walks every edge once, from its lower vertex a: each facet around a
 * records its edges to higher vertices as (other vertex w, facet,
 * direction: 1 = a→w in the facet, 2 = w→a, 3 = both, for a facet with two
 * equal vertices), and sorting brings the records of an edge together. */
static void
walk_vertices (Topology  *t,
               guint32    first,
               guint32    last,
               gboolean   shared,
               WalkState *st)
{
  for (guint32 a = first; a < last; a++)
    {
      guint32 begin = t->offsets[a], end = t->offsets[a + 1];
      gsize nrec = 0;

      /* Facets around a vertex are anywhere in a file in no particular
       * order: ask for those of a vertex a little ahead. */
      if (a + 2 < t->n_vertices)
        for (guint32 k = t->offsets[a + 2]; k < t->offsets[a + 3]; k++)
          {
            guint32 f = t->list[k];

            PREFETCH (t->ids + 3 * (guint64) f);
            PREFETCH (&t->shell[f]);
            PREFETCH (&t->orient[f]);
          }

      if (2 * (gsize) (end - begin) > st->rec_cap)
        {
          st->rec_cap = 2 * (gsize) (end - begin);
          st->rec = g_renew (guint64, st->rec, st->rec_cap);
        }

      for (guint32 k = begin; k < end; k++)
        {
          guint32 facet = t->list[k];
          const guint32 *id = t->ids + 3 * (guint64) facet;
          guint64 f = (guint64) facet << 2;

          if (t->flags[facet] & FACET_REPEATED)
            {
              /* Two distinct vertices at most: one edge, both ways. */
              guint32 w = id[0] != a ? id[0] : id[1] != a ? id[1] : id[2];

              if (w > a)
                st->rec[nrec++] = ((guint64) w << 32) | f | 3;
            }
          else
            {
              int i = id[0] == a ? 0 : id[1] == a ? 1 : 2;
              guint32 next = id[(i + 1) % 3], prev = id[(i + 2) % 3];

              if (next > a)
                st->rec[nrec++] = ((guint64) next << 32) | f | 1;
              if (prev > a)
                st->rec[nrec++] = ((guint64) prev << 32) | f | 2;
            }
        }

      if (nrec > 32)
        qsort (st->rec, nrec, sizeof (guint64), cmp_u64);
      else
        sort_records (st->rec, nrec);

      for (gsize i = 0; i < nrec; )
        {
          const guint64 *rec = st->rec;
          guint32 w = (guint32) (rec[i] >> 32);
          guint32 f0 = REC_FACET (rec[i]);
          gsize j = i + 1;

          while (j < nrec && (guint32) (rec[j] >> 32) == w)
            {
              if (shared)
                cuf_union (t->shell, f0, REC_FACET (rec[j]));
              else
                uf_union (t->shell, f0, REC_FACET (rec[j]));
              j++;
            }

          if (j - i == 1)
            st->boundary++;
          else if (j - i > 2)
            st->nonmanifold++;
          else if (REC_DIR (rec[i]) != 3 && REC_DIR (rec[i + 1]) != 3)
            {
              /* Two facets agree when they run along the edge in opposite
               * directions. */
              guint32 flip = REC_DIR (rec[i]) == REC_DIR (rec[i + 1]);

              if (shared)
                st->contradiction |= !cpuf_union (t->orient, f0, REC_FACET (rec[i + 1]), flip);
              else
                puf_union (t->orient, f0, REC_FACET (rec[i + 1]), flip);
            }
          i = j;
        }
    }
}

#define WALK_CHUNK 32768

static gboolean
walk_chunk (gpointer data,
            guint    item)
{
  Topology *t = data;
  WalkState st = { g_new (guint64, 64), 64, 0, 0, FALSE };
  guint32 first = item * WALK_CHUNK;
  guint32 last = (guint32) MIN ((guint64) first + WALK_CHUNK, (guint64) t->n_vertices);

  walk_vertices (t, first, last, TRUE, &st);
  g_free (st.rec);

  __atomic_fetch_add (&t->boundary, st.boundary, __ATOMIC_RELAXED);
  __atomic_fetch_add (&t->nonmanifold, st.nonmanifold, __ATOMIC_RELAXED);
  if (st.contradiction)
    g_atomic_int_set (&t->contradiction, 1);
  return !(t->cancellable != NULL && g_cancellable_is_cancelled (t->cancellable));
}

static gboolean
walk_edges (Topology       *t,
            FacetProgress  *progress,
            GError        **error)
{
  WalkState st = { NULL, 0, 0, 0, FALSE };

  if (t->n_parts > 1)
    {
      guint n_chunks = (guint) (((guint64) t->n_vertices + WALK_CHUNK - 1) / WALK_CHUNK);

      if (!parallel_run (walk_chunk, t, n_chunks, progress, t->cancellable, error))
        return FALSE;
      if (!g_atomic_int_get (&t->contradiction))
        return TRUE;

      /* A surface that cannot be oriented: which facets end up "flipped"
       * depended on the threads. Once more in one thread, in order, for an
       * answer that does not. */
      memset (t->shell, 0, 2 * t->n * sizeof (guint32));
      t->boundary = t->nonmanifold = 0;
    }

  st.rec_cap = 64;
  st.rec = g_new (guint64, st.rec_cap);
  for (guint32 a = 0; a < t->n_vertices; a = (guint32) MIN ((guint64) a + WALK_CHUNK, t->n_vertices))
    {
      if (cancelled (t, error))
        {
          g_free (st.rec);
          return FALSE;
        }
      _facet_progress_update (progress, (double) a / t->n_vertices);
      walk_vertices (t, a, (guint32) MIN ((guint64) a + WALK_CHUNK, t->n_vertices), FALSE, &st);
    }
  g_free (st.rec);
  t->boundary = st.boundary;
  t->nonmanifold = st.nonmanifold;
  return TRUE;
}

static gboolean
check_topology (FacetMesh       *self,
                FacetMeshReport *report,
                FacetProgress   *progress,
                GCancellable    *cancellable,
                GError         **error)
{
  Topology t = { 0, };
  FacetProgress sub;
  guint32 *count;
  guint64 shells = 0, inconsistent = 0;
  gboolean ok = FALSE;

  t.v = self->vertices;
  t.n = self->n_triangles;
  t.cancellable = cancellable;

  if (t.n > MAX_TOPOLOGY_TRIANGLES)
    return set_too_large (error, t.n, t.n * 60);

  /* The welding tables, then three facets a vertex at most, then two
   * counts a facet. Threads only pay for themselves on big meshes. */
  t.n_parts = t.n >= 4 * FACET_MEASURE_BLOCK ? n_workers () : 1;
  t.region_size = MAX (3 * t.n * sizeof (guint32),
                       t.n_parts * weld_table_cap (t.n, t.n_parts) * sizeof (guint64));
  t.region = try_alloc (t.region_size, 1, TRUE, t.n, error);
  if (t.region == NULL)
    goto out;

  t.flags = try_alloc (t.n, 1, TRUE, t.n, error);
  if (t.flags == NULL)
    goto out;

  _facet_progress_sub (&sub, progress, 0.0, 0.35);
  if (!weld (&t, &sub, error))
    goto out;

  _facet_progress_sub (&sub, progress, 0.35, 0.55);
  if (!build_vertex_facets (&t, &sub, error))
    goto out;

  /* Both union-finds in one zeroed block: zero is a root. */
  t.shell = try_alloc (2 * t.n, sizeof (guint32), TRUE, t.n, error);
  if (t.shell == NULL)
    goto out;
  t.orient = t.shell + t.n;

  _facet_progress_sub (&sub, progress, 0.55, 0.95);
  if (!walk_edges (&t, &sub, error))
    goto out;

  g_clear_pointer (&t.ids, g_free);
  g_clear_pointer (&t.offsets, g_free);

  /* Per orientation region, the smaller side is what must be flipped. */
  count = (guint32 *) t.region;
  t.list = NULL;
  memset (count, 0, 2 * t.n * sizeof (guint32));
  for (guint64 f = 0; f < t.n; f++)
    {
      guint32 parity, root;

      if (t.flags[f] & FACET_NONFINITE)
        continue;
      if (t.shell[f] == 0)
        shells++;
      if (t.flags[f] & FACET_REPEATED)
        continue;
      root = puf_find (t.orient, (guint32) f, &parity);
      count[2 * (guint64) root + parity]++;
    }
  for (guint64 f = 0; f < t.n; f++)
    inconsistent += MIN (count[2 * f], count[2 * f + 1]);

  report->topology_checked = TRUE;
  report->vertices = t.n_vertices;
  report->shells = shells;
  report->boundary_edges = t.boundary;
  report->nonmanifold_edges = t.nonmanifold;
  report->inconsistent_facets = inconsistent;
  report->degenerate_facets = t.degenerate;
  _facet_progress_update (progress, 1.0);
  ok = TRUE;

out:
  topology_clear (&t);
  return ok;
}

FacetMeshReport *
_facet_mesh_analyze_full (FacetMesh       *self,
                          FacetMeshChecks  checks,
                          FacetProgress   *progress,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(FacetMeshReport) report = g_new0 (FacetMeshReport, 1);
  gboolean topology = (checks & FACET_MESH_CHECK_TOPOLOGY) != 0;
  FacetProgress sub;

  report->format = self->format;
  report->triangles = self->n_triangles;

  if (_facet_set_cancelled_error (cancellable, error))
    return NULL;

  _facet_progress_sub (&sub, progress, 0.0, topology ? 0.1 : 1.0);
  if (!measure_mesh (self, report, &sub, cancellable, error))
    return NULL;

  if (topology)
    {
      _facet_progress_sub (&sub, progress, 0.1, 1.0);
      if (!check_topology (self, report, &sub, cancellable, error))
        return NULL;
    }

  _facet_progress_update (progress, 1.0);
  return g_steal_pointer (&report);
}

/**
 * facet_mesh_analyze:
 * @self: a mesh
 * @checks: the health checks wanted besides the measurements
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError in %FACET_MESH_ERROR
 *
 * Measures the mesh and runs the checks asked for.
 * Returns: (transfer full): the report, free with facet_mesh_report_free()
 */
FacetMeshReport *
facet_mesh_analyze (FacetMesh        *self,
                    FacetMeshChecks   checks,
                    GCancellable     *cancellable,
                    GError          **error)
{
  FacetProgress progress;

  g_return_val_if_fail (self != NULL, NULL);

  _facet_progress_init (&progress, NULL, NULL);
  return _facet_mesh_analyze_full (self, checks, &progress, cancellable, error);
}
