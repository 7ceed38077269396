/* facet-mesh.h: STL meshes, their measurements and health checks
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A leaf library: it knows neither the model nor GTK. Loading, measuring and
 * checking run in any thread; the _async wrappers run them in a GTask thread.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FACET_MESH_ERROR (facet_mesh_error_quark ())

/**
 * FacetMeshError:
 * @FACET_MESH_ERROR_EMPTY: the file holds no bytes (or no facets at all)
 * @FACET_MESH_ERROR_NOT_STL: the content is neither binary nor ASCII STL
 * @FACET_MESH_ERROR_TRUNCATED: a binary header announces more triangles than the file holds
 * @FACET_MESH_ERROR_SYNTAX: an ASCII STL syntax error (the message names the line)
 * @FACET_MESH_ERROR_TOO_LARGE: the mesh would not fit in memory
 * @FACET_MESH_ERROR_IO: the file could not be opened or read
 * @FACET_MESH_ERROR_CANCELLED: the operation was cancelled
 */
typedef enum
{
  FACET_MESH_ERROR_EMPTY,
  FACET_MESH_ERROR_NOT_STL,
  FACET_MESH_ERROR_TRUNCATED,
  FACET_MESH_ERROR_SYNTAX,
  FACET_MESH_ERROR_TOO_LARGE,
  FACET_MESH_ERROR_IO,
  FACET_MESH_ERROR_CANCELLED,
} FacetMeshError;

typedef enum
{
  FACET_MESH_FORMAT_BINARY,
  FACET_MESH_FORMAT_ASCII,
} FacetMeshFormat;

/* Which work facet_mesh_analyze() does; measurements are always done. */
typedef enum
{
  FACET_MESH_CHECK_NONE     = 0,
  FACET_MESH_CHECK_TOPOLOGY = 1 << 0, /* welding, edges, orientation, shells */
  FACET_MESH_CHECK_ALL      = FACET_MESH_CHECK_TOPOLOGY,
} FacetMeshChecks;

typedef enum
{
  FACET_UNIT_HINT_NONE,
  FACET_UNIT_HINT_MM,    /* an inch design whose size looks right in mm */
  FACET_UNIT_HINT_INCH,  /* a mm design whose size looks right in inches */
  FACET_UNIT_HINT_M,     /* a mm design whose size looks right in metres */
} FacetUnitHint;

/**
 * FacetMeshReport:
 *
 * Everything measured and checked, in the file's own units (multiply by the
 * design's mm-per-unit factor: lengths once, areas squared, volumes cubed).
 * Facets with NaN/Inf coordinates are counted in @nonfinite_facets and left
 * out of every other figure.
 *
 * Measurements are computed in double precision from the float coordinates
 * (the volume about a vertex of the mesh, so distance from the origin costs
 * no digits), with compensated sums: for a real part they agree with an
 * exact computation far closer than 1e-9 relative. The topology figures
 * follow these definitions:
 *
 * - Vertices are welded when their three float32 coordinates are
 *   bit-identical (-0 and +0 are the same). An edge is an unordered pair of
 *   distinct welded vertices of a facet; it is used by each facet that has
 *   both of them.
 * - A boundary edge is used by one facet, a non-manifold edge by more than
 *   two.
 * - A degenerate facet has two equal welded vertices or, computed exactly,
 *   zero area. It still counts in the edges and shells (its edges from a
 *   vertex to itself do not exist).
 * - A shell is a set of facets connected through shared edges.
 * - @inconsistent_facets: facets are grouped into regions connected through
 *   edges used by exactly two facets (facets with two equal vertices have no
 *   orientation and stay out). Two neighbours agree when they run along
 *   their shared edge in opposite directions. Orientation is propagated
 *   through each region, which splits it into two sides; the smaller side
 *   is the least number of facets to flip to make the region consistent, and
 *   @inconsistent_facets is the sum over regions. One flipped facet in a
 *   closed cube gives 1; a cube with every facet flipped gives 0 (it is
 *   inside out, see facet_mesh_report_is_inside_out()). On a surface that
 *   cannot be oriented (a Möbius strip) the first propagation wins.
 */
typedef struct
{
  FacetMeshFormat format;
  guint64 triangles;            /* facets in the file, including non-finite ones */
  double  min[3];               /* bounding box, file units; 0 when no finite facet */
  double  max[3];
  double  signed_volume;        /* sum of signed tetrahedra, file units^3 */
  double  area;                 /* file units^2 */
  gboolean topology_checked;    /* FALSE when only measurements were asked for */
  guint64 vertices;             /* after exact (bit-equal) welding */
  guint64 shells;               /* connected components through shared edges */
  guint64 boundary_edges;       /* edges used by one facet: holes */
  guint64 nonmanifold_edges;    /* edges used by more than two facets */
  guint64 inconsistent_facets;  /* facets to flip to orient every region consistently (below) */
  guint64 degenerate_facets;    /* zero area or two equal vertices */
  guint64 nonfinite_facets;     /* NaN/Inf coordinates */
} FacetMeshReport;

/* Called with a fraction in [0, 1]; from the loading thread for the sync
 * API, from the caller's main context for the _async API. */
typedef void (*FacetMeshProgressFunc) (double fraction, gpointer user_data);

typedef struct _FacetMesh FacetMesh;

GQuark           facet_mesh_error_quark       (void);
GType            facet_mesh_get_type          (void) G_GNUC_CONST;
GType            facet_mesh_report_get_type   (void) G_GNUC_CONST;

FacetMesh       *facet_mesh_ref               (FacetMesh *self);
void             facet_mesh_unref             (FacetMesh *self);
FacetMeshFormat  facet_mesh_get_format        (FacetMesh *self);
guint64          facet_mesh_get_n_triangles   (FacetMesh *self);
/* 9 floats (x,y,z of three vertices) per triangle, in file order. */
const float     *facet_mesh_get_vertices      (FacetMesh *self);

/* Sniff a file by content and size without loading it: a cheap check to
 * reject what is not an STL before any work starts. */
gboolean         facet_mesh_sniff_file        (const char            *path,
                                               FacetMeshFormat       *format,
                                               GError               **error);

/* Loads a binary or ASCII STL file (see FacetMeshError for what can go
 * wrong). @progress is called from this thread, at most once per percent;
 * @cancellable is checked between chunks of about 1 MB. */
FacetMesh       *facet_mesh_load_file         (const char            *path,
                                               FacetMeshProgressFunc  progress,
                                               gpointer               progress_data,
                                               GCancellable          *cancellable,
                                               GError               **error);
/* The same from memory, without copying it first. */
FacetMesh       *facet_mesh_load_bytes        (GBytes                *bytes,
                                               GError               **error);

/* Measures a file while streaming it, never holding its triangles: the
 * fast path when only measurements are wanted (topology_checked is FALSE).
 * The figures are identical to those of facet_mesh_analyze(). */
FacetMeshReport *facet_mesh_measure_file      (const char            *path,
                                               FacetMeshProgressFunc  progress,
                                               gpointer               progress_data,
                                               GCancellable          *cancellable,
                                               GError               **error);

/* Measures the mesh, and checks it as @checks asks. Runs on all cores; the
 * figures do not depend on how many. FACET_MESH_ERROR_TOO_LARGE when the
 * checks would not fit in memory (they need up to about 60 bytes a
 * triangle beside the mesh). */
FacetMeshReport *facet_mesh_analyze           (FacetMesh             *self,
                                               FacetMeshChecks        checks,
                                               GCancellable          *cancellable,
                                               GError               **error);

/* Load, measure and check a file in a worker thread. Progress callbacks are
 * dispatched to the thread-default main context of the caller, at most once
 * per percent and per 50 ms, never after @callback. @progress_notify is
 * called in that context too, once the worker has let go of @progress_data
 * (which may be just after @callback). Cancellation ends in
 * FACET_MESH_ERROR_CANCELLED. */
void             facet_mesh_inspect_file_async  (GFile                *file,
                                                 FacetMeshChecks       checks,
                                                 FacetMeshProgressFunc progress,
                                                 gpointer              progress_data,
                                                 GDestroyNotify        progress_notify,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
/* Returns the report; @mesh (nullable) receives the loaded mesh. */
FacetMeshReport *facet_mesh_inspect_file_finish (GAsyncResult         *result,
                                                 FacetMesh           **mesh,
                                                 GError              **error);

FacetMeshReport *facet_mesh_report_copy       (const FacetMeshReport *report);
void             facet_mesh_report_free       (FacetMeshReport       *report);
/* TRUE when the topology was checked, the mesh has a finite facet, and no
 * edge is a boundary or non-manifold edge. */
gboolean         facet_mesh_report_is_watertight (const FacetMeshReport *report);
gboolean         facet_mesh_report_is_inside_out (const FacetMeshReport *report);
/* Guess whether the design's size looks like the wrong unit, given the
 * scale at which it is interpreted (mm per file unit: 1 for mm, 25.4 for
 * inch, times the design's scale). With L the largest side of the bounding
 * box in mm as read:
 *
 * - read as mm (mm_per_unit < 12.7) and L < 2 mm, too small for a whole
 *   part: %FACET_UNIT_HINT_INCH when L × 25.4 ≥ 10 mm (a part of 0.4 to 2
 *   inches), else %FACET_UNIT_HINT_M when L × 1000 ≥ 5 mm (5 to 394 mm);
 * - read as inches (mm_per_unit ≥ 12.7) and L > 2 m, too large for a print
 *   service: %FACET_UNIT_HINT_MM when L / 25.4 ≤ 2 m;
 * - otherwise, and for a mesh without finite facets, %FACET_UNIT_HINT_NONE.
 */
FacetUnitHint    facet_mesh_report_unit_hint  (const FacetMeshReport *report,
                                               double                 mm_per_unit);
const char      *facet_unit_hint_to_string    (FacetUnitHint          hint);

/* A shaded, orthographic three-quarter view of the mesh, as premultiplied
 * RGBA (GDK_MEMORY_R8G8B8A8_PREMULTIPLIED) with a transparent background.
 * Free with g_free(); *stride receives the row length in bytes. */
guint8          *facet_mesh_render_thumbnail  (FacetMesh             *self,
                                               int                    width,
                                               int                    height,
                                               gsize                 *stride);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FacetMesh, facet_mesh_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FacetMeshReport, facet_mesh_report_free)

G_END_DECLS
