/* fuzz-stl.c: libFuzzer target for the STL reader and the checks
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes: load them, measure, check. Besides not crashing, the report
 * must hold together, and the figures of a measure-only analysis must be
 * the very bits of a full one.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facet-mesh.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (gboolean condition)
{
  if (!condition)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetMesh) mesh = NULL;
  g_autoptr(FacetMeshReport) full = NULL;
  g_autoptr(FacetMeshReport) measured = NULL;
  guint64 n, finite;

  mesh = facet_mesh_load_bytes (bytes, &error);
  if (mesh == NULL)
    {
      check (error != NULL && error->domain == FACET_MESH_ERROR);
      check (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  n = facet_mesh_get_n_triangles (mesh);
  check (n > 0);
  check (facet_mesh_get_vertices (mesh) != NULL);

  full = facet_mesh_analyze (mesh, FACET_MESH_CHECK_ALL, NULL, &error);
  check (full != NULL && error == NULL);
  measured = facet_mesh_analyze (mesh, FACET_MESH_CHECK_NONE, NULL, &error);
  check (measured != NULL && error == NULL);

  check (full->triangles == n);
  check (full->topology_checked && !measured->topology_checked);
  check (full->nonfinite_facets <= n);
  finite = n - full->nonfinite_facets;
  check (isfinite (full->signed_volume) && isfinite (full->area) && full->area >= 0);
  for (int j = 0; j < 3; j++)
    check (isfinite (full->min[j]) && isfinite (full->max[j]) && full->min[j] <= full->max[j]);
  check (full->vertices <= 3 * finite);
  check (full->shells <= finite);
  check (finite == 0 || full->shells >= 1);
  check (full->boundary_edges + full->nonmanifold_edges <= 3 * finite);
  check (full->degenerate_facets <= finite);
  check (full->inconsistent_facets <= finite / 2);

  check (memcmp (&full->signed_volume, &measured->signed_volume, sizeof (double)) == 0);
  check (memcmp (&full->area, &measured->area, sizeof (double)) == 0);
  check (memcmp (full->min, measured->min, sizeof full->min) == 0);
  check (memcmp (full->max, measured->max, sizeof full->max) == 0);
  check (full->nonfinite_facets == measured->nonfinite_facets);

  facet_mesh_report_unit_hint (full, 1.0);
  facet_mesh_report_unit_hint (full, 25.4);
  return 0;
}
