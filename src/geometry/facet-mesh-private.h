/* facet-mesh-private.h: internals shared by the geometry sources
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "facet-mesh.h"

G_BEGIN_DECLS

FacetMesh *_facet_mesh_new_take (FacetMeshFormat  format,
                                 guint64          n_triangles,
                                 float           *vertices);

/* Progress of one phase mapped into the caller's [0, 1]. The sync API
 * reports from the working thread, at most once per percent. */
typedef struct
{
  FacetMeshProgressFunc func;
  gpointer              data;
  double                base;
  double                span;
  double                last;
} FacetProgress;

void _facet_progress_init    (FacetProgress         *self,
                              FacetMeshProgressFunc  func,
                              gpointer               data);
/* A child covering [from, to] of @parent's range. */
void _facet_progress_sub     (FacetProgress         *child,
                              const FacetProgress   *parent,
                              double                 from,
                              double                 to);
void _facet_progress_update  (FacetProgress         *self,
                              double                 fraction);

gboolean _facet_set_cancelled_error (GCancellable   *cancellable,
                                     GError        **error);

/* Physical memory in bytes, or G_MAXUINT64 when unknown. */
guint64 _facet_physical_memory (void);

/* g_try_malloc() for big arrays: NULL when @bytes is more than the
 * computer's memory or cannot be had. Large blocks are asked for in huge
 * pages where the system allows it, which saves most of the page faults of
 * a first touch, and _large() has their pages mapped at once. Free with
 * g_free(). */
gpointer _facet_try_alloc_large (guint64  bytes,
                                 gboolean zero);
gpointer _facet_try_alloc_pages (guint64  bytes,
                                 gboolean zero);
/* Maps the pages of a block now, writable (Linux; elsewhere nothing). */
void     _facet_populate        (gpointer p,
                                 gsize    bytes);

/* Triangles per measurement block. Sums are formed per block in file order
 * and the blocks added in order, so the figures do not depend on how many
 * threads measured them or how the file was read. */
#define FACET_MEASURE_BLOCK 16384

/* Sums of one block, kept in four lanes: triangle i of the block goes to
 * lane i % 4 (the vector kernel measures four at a time). */
#define FACET_MEASURE_LANES 4

typedef struct
{
  double   vol[FACET_MEASURE_LANES];
  double   vol_c[FACET_MEASURE_LANES];
  double   area[FACET_MEASURE_LANES];
  double   area_c[FACET_MEASURE_LANES];
  guint64  nonfinite;
  float    min[3];
  float    max[3];
  gboolean any;
} FacetBlockSum;

/* Blocks added in file order. */
typedef struct
{
  double   vol;
  double   vol_c;
  double   area;
  double   area_c;
  guint64  nonfinite;
  float    min[3];
  float    max[3];
  gboolean any;
} FacetTotals;

/* Streaming measurement: feed triangles in file order, in any chunks. */
typedef struct
{
  gboolean      have_origin;
  double        origin[3];
  guint64       n_fed;
  FacetBlockSum block;      /* the block being filled */
  FacetTotals   total;
} FacetMeasure;

struct _FacetMesh
{
  gint            ref_count;
  FacetMeshFormat format;
  guint64         n_triangles;
  float          *vertices;     /* 9 per triangle, owned */

  /* Measured while loading, when the loader had a core to spare. */
  gboolean        measured;
  FacetTotals     totals;
};

/* Measures chunks in a worker thread, in the order they are handed over,
 * while the caller reads the next ones. */
typedef struct _FacetMeasurer FacetMeasurer;

FacetMeasurer *_facet_measurer_new    (void);
/* @vertices must stay valid and unchanged until the worker is done with
 * them: for a recycled buffer, pass it as @buffer and get it back from
 * _facet_measurer_take_buffer(). */
void           _facet_measurer_push   (FacetMeasurer *self,
                                       const float   *vertices,
                                       gsize          n_triangles,
                                       gpointer       buffer);
gpointer       _facet_measurer_take_buffer (FacetMeasurer *self);
/* Has the worker map the pages of a block (see _facet_populate()) before
 * it measures what is pushed next. */
void           _facet_measurer_populate (FacetMeasurer *self,
                                         gpointer       block,
                                         gsize          bytes);
/* Waits for the worker and frees it; the totals go to @totals if not NULL. */
void           _facet_measurer_finish (FacetMeasurer *self,
                                       FacetTotals   *totals);

void _facet_measure_init   (FacetMeasure    *self);
void _facet_measure_feed   (FacetMeasure    *self,
                            const float     *vertices,
                            gsize            n_triangles);
void _facet_measure_finish (FacetMeasure    *self,
                            FacetMeshReport *report);
void _facet_measure_totals (FacetMeasure    *self,
                            FacetTotals     *totals);
void _facet_report_measurements (const FacetTotals *totals,
                                 FacetMeshReport   *report);

FacetMeshReport *_facet_mesh_analyze_full (FacetMesh       *self,
                                           FacetMeshChecks  checks,
                                           FacetProgress   *progress,
                                           GCancellable    *cancellable,
                                           GError         **error);

/* Loads from an open stream of @size bytes; @name (display form) is used
 * in messages. */
FacetMesh *_facet_mesh_load_stream (GInputStream   *stream,
                                    guint64         size,
                                    const char     *name,
                                    FacetProgress  *progress,
                                    GCancellable   *cancellable,
                                    GError        **error);

/* Opens @file for reading and queries its size, with errors in
 * FACET_MESH_ERROR naming the file. */
GInputStream *_facet_open_file (GFile         *file,
                                guint64       *size,
                                char         **name,
                                GCancellable  *cancellable,
                                GError       **error);

G_END_DECLS
