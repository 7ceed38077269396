/* facet-bench-meshes.h: the meshes the geometry benchmark runs on
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by facet-mesh-gen, which writes them, and facet-bench-geometry,
 * which times them, so both agree on names and sizes.
 */
#pragma once

#include <glib.h>

/* Closed UV spheres: 2 * slices * (stacks - 1) triangles. */
typedef struct
{
  const char *label;
  guint64     triangles;
  guint       slices;
  guint       stacks;
} FacetBenchMesh;

static const FacetBenchMesh facet_bench_meshes[] = {
  { "10k",  10000,   100,  51   },
  { "100k", 100000,  500,  101  },
  { "1m",   1000000, 1000, 501  },
  { "4m",   4000000, 2000, 1001 },
};

/* How a mesh is written. Facet order matters to tools that match edges as
 * they stream by (admesh drops an edge from its fixed-size hash table once
 * its twin arrives): in ring order twins arrive together, which is their
 * best case; shuffled, most edges wait in the table, as in files that were
 * merged, repaired or re-exported. */
typedef struct
{
  const char *name;
  gboolean    ascii;
  gboolean    shuffled;
} FacetBenchVariant;

static const FacetBenchVariant facet_bench_variants[] = {
  { "binary",          FALSE, FALSE },
  { "binary-shuffled", FALSE, TRUE  },
  { "ascii",           TRUE,  FALSE },
};

/* sphere-<label>-<variant>.stl */
static inline char *
facet_bench_mesh_filename (const FacetBenchMesh    *mesh,
                           const FacetBenchVariant *variant)
{
  return g_strdup_printf ("sphere-%s-%s.stl", mesh->label, variant->name);
}

static inline const FacetBenchVariant *
facet_bench_variant_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (facet_bench_variants); i++)
    if (g_str_equal (facet_bench_variants[i].name, name))
      return &facet_bench_variants[i];
  return NULL;
}
