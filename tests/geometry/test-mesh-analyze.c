/* test-mesh-analyze.c: measurements and health checks
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "facet-mesh.h"
#include "stl-fixtures.h"

#define REL_TOLERANCE 1e-9

static FacetMeshReport *
analyze_array (GArray          *mesh_data,
               FacetMeshChecks  checks)
{
  g_autoptr(GBytes) bytes = fixture_binary_bytes (mesh_data, NULL, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetMesh) mesh = facet_mesh_load_bytes (bytes, &error);
  FacetMeshReport *report;

  g_assert_no_error (error);
  report = facet_mesh_analyze (mesh, checks, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_close (double      value,
              long double reference)
{
  long double diff = fabsl ((long double) value - reference);

  g_test_message ("value %.17g reference %.20Lg relative %Lg", value, reference,
                  reference != 0 ? diff / fabsl (reference) : diff);
  g_assert_true (diff <= REL_TOLERANCE * fabsl (reference));
}

static void
assert_clean (const FacetMeshReport *r,
              guint64                shells)
{
  g_assert_true (r->topology_checked);
  g_assert_cmpuint (r->shells, ==, shells);
  g_assert_cmpuint (r->boundary_edges, ==, 0);
  g_assert_cmpuint (r->nonmanifold_edges, ==, 0);
  g_assert_cmpuint (r->inconsistent_facets, ==, 0);
  g_assert_cmpuint (r->degenerate_facets, ==, 0);
  g_assert_cmpuint (r->nonfinite_facets, ==, 0);
  g_assert_true (facet_mesh_report_is_watertight (r));
  g_assert_false (facet_mesh_report_is_inside_out (r));
}

static void
test_cube (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;
  g_autoptr(FacetMeshReport) copy = NULL;

  fixture_add_cube (cube, -5, 2.5, 100, 20);
  r = analyze_array (cube, FACET_MESH_CHECK_ALL);

  g_assert_cmpint (r->format, ==, FACET_MESH_FORMAT_BINARY);
  g_assert_cmpuint (r->triangles, ==, 12);
  g_assert_cmpfloat (r->signed_volume, ==, 8000.0);
  g_assert_cmpfloat (r->area, ==, 2400.0);
  g_assert_cmpfloat (r->min[0], ==, -5);
  g_assert_cmpfloat (r->min[1], ==, 2.5);
  g_assert_cmpfloat (r->min[2], ==, 100);
  g_assert_cmpfloat (r->max[0], ==, 15);
  g_assert_cmpfloat (r->max[1], ==, 22.5);
  g_assert_cmpfloat (r->max[2], ==, 120);
  g_assert_cmpuint (r->vertices, ==, 8);
  assert_clean (r, 1);

  copy = facet_mesh_report_copy (r);
  g_assert_cmpmem (copy, sizeof *copy, r, sizeof *r);
}

static void
test_measure_only (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (cube, 0, 0, 0, 3);
  fixture_remove_triangle (cube, 0);
  r = analyze_array (cube, FACET_MESH_CHECK_NONE);

  g_assert_false (r->topology_checked);
  g_assert_cmpuint (r->boundary_edges, ==, 0);
  g_assert_cmpuint (r->shells, ==, 0);
  /* Without a check, nothing is claimed watertight. */
  g_assert_false (facet_mesh_report_is_watertight (r));
  g_assert_cmpfloat (r->area, ==, 6 * 9 - 4.5);
}

static void
test_icosphere (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;
  double exact_sphere = 4.0 / 3.0 * G_PI * 50 * 50 * 50;

  fixture_add_icosphere (sphere, 6, 0, 0, 0, 50);   /* 81920 triangles */
  r = analyze_array (sphere, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->triangles, ==, 81920);
  g_assert_cmpuint (r->vertices, ==, 40962);
  assert_clean (r, 1);
  assert_close (r->signed_volume, fixture_volume_reference (sphere, 0, 0, 0));
  assert_close (r->area, fixture_area_reference (sphere));
  /* An inscribed polyhedron: a little less than the sphere. */
  g_assert_cmpfloat (r->signed_volume, <, exact_sphere);
  g_assert_cmpfloat (r->signed_volume, >, 0.999 * exact_sphere);
  g_assert_cmpfloat_with_epsilon (r->max[0] - r->min[0], 100, 1e-4);
}

/* Far from the origin every tetrahedron is huge and they cancel: summing
 * them in single precision (as admesh does) is off by far more than the
 * tolerance, so this test can tell the difference. */
static void
test_far_from_origin (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;
  long double reference;
  float naive = 0;

  fixture_add_icosphere (sphere, 5, 3000, -2000, 1000, 7);
  r = analyze_array (sphere, FACET_MESH_CHECK_ALL);
  reference = fixture_volume_reference (sphere, 3000, -2000, 1000);

  assert_close (r->signed_volume, reference);
  assert_close (r->area, fixture_area_reference (sphere));
  assert_clean (r, 1);

  for (guint i = 0; i < fixture_n_triangles (sphere); i++)
    {
      const float *t = &g_array_index (sphere, float, 9 * i);

      naive += (t[0] * (t[4] * t[8] - t[5] * t[7]) + t[1] * (t[5] * t[6] - t[3] * t[8]) +
                t[2] * (t[3] * t[7] - t[4] * t[6])) / 6.0f;
    }
  g_assert_cmpfloat (fabsl (naive - reference), >, 1e-6 * fabsl (reference));
}

static void
test_hole (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (cube, 0, 0, 0, 10);
  fixture_remove_triangle (cube, 5);
  r = analyze_array (cube, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->triangles, ==, 11);
  g_assert_cmpuint (r->boundary_edges, ==, 3);
  g_assert_cmpuint (r->nonmanifold_edges, ==, 0);
  g_assert_cmpuint (r->inconsistent_facets, ==, 0);
  g_assert_cmpuint (r->shells, ==, 1);
  g_assert_false (facet_mesh_report_is_watertight (r));
}

static void
test_flipped_facet (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (cube, 0, 0, 0, 10);
  fixture_flip_triangle (cube, 7);
  r = analyze_array (cube, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->inconsistent_facets, ==, 1);
  g_assert_cmpuint (r->boundary_edges, ==, 0);
  g_assert_cmpuint (r->nonmanifold_edges, ==, 0);
  g_assert_true (facet_mesh_report_is_watertight (r));
  g_assert_cmpfloat (r->signed_volume, <, 1000);

  /* Three flipped facets out of twelve: still the smaller side. */
  fixture_flip_triangle (cube, 0);
  fixture_flip_triangle (cube, 11);
  g_clear_pointer (&r, facet_mesh_report_free);
  r = analyze_array (cube, FACET_MESH_CHECK_ALL);
  g_assert_cmpuint (r->inconsistent_facets, ==, 3);
}

static void
test_inside_out (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (cube, 0, 0, 0, 10);
  for (guint i = 0; i < 12; i++)
    fixture_flip_triangle (cube, i);
  r = analyze_array (cube, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->inconsistent_facets, ==, 0);
  g_assert_cmpfloat (r->signed_volume, ==, -1000);
  g_assert_true (facet_mesh_report_is_inside_out (r));
  g_assert_true (facet_mesh_report_is_watertight (r));
}

static void
test_two_shells (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (mesh, 0, 0, 0, 10);
  fixture_add_icosphere (mesh, 2, 100, 0, 0, 5);
  /* Touching the first cube at a corner only: a vertex is no edge. */
  fixture_add_cube (mesh, 10, 10, 10, 1);
  r = analyze_array (mesh, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->triangles, ==, 12 + 320 + 12);
  assert_clean (r, 3);
}

static void
test_nonmanifold (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (mesh, 0, 0, 0, 10);
  /* A fin on the cube edge from (0,0,0) to (10,0,0). */
  fixture_add_triangle (mesh, 0, 0, 0, 10, 0, 0, 5, -5, -5);
  r = analyze_array (mesh, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->nonmanifold_edges, ==, 1);
  g_assert_cmpuint (r->boundary_edges, ==, 2);
  g_assert_cmpuint (r->shells, ==, 1);
  g_assert_false (facet_mesh_report_is_watertight (r));
}

static void
test_degenerate (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;
  float x = 1e6f;

  fixture_add_cube (mesh, 0, 0, 0, 20);
  /* On a line: zero area, three distinct vertices. */
  fixture_add_triangle (mesh, 30, 0, 0, 31, 1, 1, 32, 2, 2);
  /* Two equal vertices. */
  fixture_add_triangle (mesh, 40, 0, 0, 40, 0, 0, 41, 1, 1);
  /* A sliver one float step off a line, far out: tiny but not zero, and
   * not to be counted. */
  fixture_add_triangle (mesh, x, x, x, x + 1, x + 1, x + 1,
                        x + 2, x + 2, nextafterf (x + 2, 2 * x));
  r = analyze_array (mesh, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->degenerate_facets, ==, 2);
  /* 3 edges of the line, 1 of the pair, 3 of the sliver. */
  g_assert_cmpuint (r->boundary_edges, ==, 7);
  g_assert_cmpuint (r->shells, ==, 4);
  g_assert_cmpuint (r->nonmanifold_edges, ==, 0);
  g_assert_cmpuint (r->inconsistent_facets, ==, 0);
  g_assert_cmpfloat (r->signed_volume, ==, 8000);
}

static void
test_nonfinite (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_cube (mesh, 0, 0, 0, 20);
  fixture_add_triangle (mesh, NAN, 0, 0, 1, 1, 1, 2, 2, 2);
  fixture_add_triangle (mesh, 0, 0, 0, 1e6, 1e6, 1e6, 0, INFINITY, 0);
  fixture_add_triangle (mesh, -INFINITY, -INFINITY, -INFINITY, 1, 2, 3, 4, 5, 6);
  r = analyze_array (mesh, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->triangles, ==, 15);
  g_assert_cmpuint (r->nonfinite_facets, ==, 3);
  g_assert_cmpfloat (r->signed_volume, ==, 8000);
  g_assert_cmpfloat (r->area, ==, 2400);
  g_assert_cmpfloat (r->max[0], ==, 20);
  g_assert_cmpfloat (r->min[0], ==, 0);
  g_assert_cmpuint (r->vertices, ==, 8);
  g_assert_cmpuint (r->shells, ==, 1);
  g_assert_true (facet_mesh_report_is_watertight (r));
}

static void
test_all_nonfinite (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;

  fixture_add_triangle (mesh, NAN, NAN, NAN, 0, 0, 0, 1, 1, 1);
  r = analyze_array (mesh, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->nonfinite_facets, ==, 1);
  g_assert_cmpfloat (r->signed_volume, ==, 0);
  g_assert_cmpfloat (r->max[0] - r->min[0], ==, 0);
  g_assert_cmpuint (r->shells, ==, 0);
  g_assert_false (facet_mesh_report_is_watertight (r));
  g_assert_cmpint (facet_mesh_report_unit_hint (r, 1), ==, FACET_UNIT_HINT_NONE);
}

/* -0.0 and +0.0 are the same point. */
static void
test_negative_zero_welds (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(FacetMeshReport) r = NULL;
  guint changed = 0;

  fixture_add_cube (cube, 0, 0, 0, 4);
  for (guint i = 0; i < cube->len; i += 5)
    if (g_array_index (cube, float, i) == 0)
      {
        g_array_index (cube, float, i) = -0.0f;
        changed++;
      }
  g_assert_cmpuint (changed, >, 0);
  r = analyze_array (cube, FACET_MESH_CHECK_ALL);

  g_assert_cmpuint (r->vertices, ==, 8);
  assert_clean (r, 1);
}

static void
add_mobius (GArray *strip,
            int     n)
{

  for (int i = 0; i < n; i++)
    {
      double a0 = 2 * G_PI * i / n, a1 = 2 * G_PI * (i + 1) / n;
      float p[4][3];

      for (int k = 0; k < 4; k++)
        {
          double a = k < 2 ? a0 : a1;
          double w = (k % 2 == 0 ? -1 : 1) * (i == n - 1 && k >= 2 ? -1 : 1);

          p[k][0] = (float) ((10 + w * cos (a / 2)) * cos (a));
          p[k][1] = (float) ((10 + w * cos (a / 2)) * sin (a));
          p[k][2] = (float) (w * sin (a / 2));
        }
      /* Close the strip exactly on the first pair, with the half twist. */
      if (i == n - 1)
        {
          const float *first = &g_array_index (strip, float, 0);

          memcpy (p[2], first + 3, sizeof p[2]);
          memcpy (p[3], first, sizeof p[3]);
        }
      fixture_add_triangle (strip, p[0][0], p[0][1], p[0][2], p[1][0], p[1][1], p[1][2],
                            p[3][0], p[3][1], p[3][2]);
      fixture_add_triangle (strip, p[0][0], p[0][1], p[0][2], p[3][0], p[3][1], p[3][2],
                            p[2][0], p[2][1], p[2][2]);
    }
}

/* A Möbius strip cannot be oriented; the count is the same every time,
 * also when threads check a big one. */
static void
test_mobius (void)
{
  static const int sizes[] = { 24, 40000 };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(GArray) strip = fixture_mesh_new ();
      g_autoptr(FacetMeshReport) r1 = NULL, r2 = NULL;
      int n = sizes[k];

      add_mobius (strip, n);
      r1 = analyze_array (strip, FACET_MESH_CHECK_ALL);
      r2 = analyze_array (strip, FACET_MESH_CHECK_ALL);
      g_assert_cmpuint (r1->triangles, ==, 2 * n);
      g_assert_cmpuint (r1->shells, ==, 1);
      g_assert_cmpuint (r1->nonmanifold_edges, ==, 0);
      g_assert_cmpuint (r1->boundary_edges, ==, 2 * n);
      g_assert_cmpuint (r1->inconsistent_facets, <=, n);
      g_assert_cmpmem (r1, sizeof *r1, r2, sizeof *r2);
    }
}

/* A naive reference for the topology figures: a hash table of edges, a
 * union-find and a breadth-first orientation, straight from the
 * definitions in facet-mesh.h. */
typedef struct
{
  guint64 boundary, nonmanifold, shells, inconsistent, vertices;
} NaiveTopology;

typedef struct
{
  guint32 facet[8];
  guint8  dir[8];
  guint   n;
} EdgeUses;

static guint32
naive_find (guint32 *parent,
            guint32  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

static guint32
naive_vertex (GHashTable *ids,
              const float *p)
{
  float key[3];
  gpointer found;
  GBytes *bytes;

  for (int j = 0; j < 3; j++)
    key[j] = p[j] == 0 ? 0.0f : p[j];
  bytes = g_bytes_new (key, sizeof key);
  found = g_hash_table_lookup (ids, bytes);
  if (found != NULL)
    {
      g_bytes_unref (bytes);
      return GPOINTER_TO_UINT (found) - 1;
    }
  g_hash_table_insert (ids, bytes, GUINT_TO_POINTER (g_hash_table_size (ids) + 1));
  return g_hash_table_size (ids) - 1;
}

static void
naive_topology (GArray        *mesh,
                NaiveTopology *out)
{
  guint n = fixture_n_triangles (mesh);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                     (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GHashTable) edges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree guint32 *tri = g_new (guint32, 3 * n);
  g_autofree guint32 *parent = g_new (guint32, n);
  g_autofree gint8 *side = g_new (gint8, n);
  g_autoptr(GArray) adj = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);  /* (facet, other | flip << 31) */
  g_autofree guint *adj_start = g_new0 (guint, n + 1);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) roots = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);

  memset (out, 0, sizeof *out);
  for (guint f = 0; f < n; f++)
    {
      parent[f] = f;
      side[f] = -1;
      for (int k = 0; k < 3; k++)
        tri[3 * f + k] = naive_vertex (ids, &g_array_index (mesh, float, 9 * f + 3 * k));
    }
  out->vertices = g_hash_table_size (ids);

  for (guint f = 0; f < n; f++)
    for (int e = 0; e < 3; e++)
      {
        guint32 p = tri[3 * f + e], q = tri[3 * f + (e + 1) % 3];
        gint64 key = ((gint64) MIN (p, q) << 32) | MAX (p, q);
        EdgeUses *uses;

        if (p == q)
          continue;
        uses = g_hash_table_lookup (edges, &key);
        if (uses == NULL)
          {
            uses = g_new0 (EdgeUses, 1);
            g_hash_table_insert (edges, g_memdup2 (&key, sizeof key), uses);
          }
        if (uses->n > 0 && uses->facet[uses->n - 1] == f)
          uses->dir[uses->n - 1] |= p < q ? 1 : 2;
        else
          {
            g_assert_cmpuint (uses->n, <, G_N_ELEMENTS (uses->facet));
            uses->facet[uses->n] = f;
            uses->dir[uses->n++] = p < q ? 1 : 2;
          }
      }

  g_hash_table_iter_init (&iter, edges);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      EdgeUses *uses = value;

      out->boundary += uses->n == 1;
      out->nonmanifold += uses->n > 2;
      for (guint k = 1; k < uses->n; k++)
        parent[naive_find (parent, uses->facet[k])] = naive_find (parent, uses->facet[0]);
      if (uses->n == 2 && uses->dir[0] != 3 && uses->dir[1] != 3)
        {
          guint32 a[2] = { uses->facet[0], uses->facet[1] | (guint32) (uses->dir[0] == uses->dir[1]) << 31 };
          guint32 b[2] = { uses->facet[1], uses->facet[0] | (guint32) (uses->dir[0] == uses->dir[1]) << 31 };

          g_array_append_val (pairs, a);
          g_array_append_val (pairs, b);
        }
    }
  for (guint f = 0; f < n; f++)
    g_hash_table_add (roots, GUINT_TO_POINTER (naive_find (parent, f) + 1));
  out->shells = g_hash_table_size (roots);

  /* Neighbours by facet, then a search per region. */
  for (guint i = 0; i < pairs->len; i++)
    adj_start[g_array_index (pairs, guint32, 2 * i) + 1]++;
  for (guint f = 0; f < n; f++)
    adj_start[f + 1] += adj_start[f];
  g_array_set_size (adj, pairs->len);
  {
    g_autofree guint *fill = g_memdup2 (adj_start, sizeof (guint) * (n + 1));

    for (guint i = 0; i < pairs->len; i++)
      {
        guint32 *pair = &g_array_index (pairs, guint32, 2 * i);

        memcpy (&g_array_index (adj, guint32, 2 * fill[pair[0]]++), pair, sizeof (guint32) * 2);
      }
  }
  g_array_unref (pairs);

  for (guint s = 0; s < n; s++)
    {
      guint count[2] = { 0, 0 };
      const guint32 *t = &tri[3 * s];

      if (side[s] >= 0 || t[0] == t[1] || t[1] == t[2] || t[0] == t[2])
        continue;
      side[s] = 0;
      g_array_set_size (queue, 0);
      g_array_append_val (queue, s);
      for (guint q = 0; q < queue->len; q++)
        {
          guint32 f = g_array_index (queue, guint32, q);

          count[side[f]]++;
          for (guint k = adj_start[f]; k < adj_start[f + 1]; k++)
            {
              guint32 other = g_array_index (adj, guint32, 2 * k + 1);
              guint32 g = other & 0x7fffffff;

              if (side[g] < 0)
                {
                  side[g] = side[f] ^ (gint8) (other >> 31);
                  g_array_append_val (queue, g);
                }
            }
        }
      out->inconsistent += MIN (count[0], count[1]);
    }
}

/* Big enough for the threaded paths, broken in every way, in random order:
 * the same figures as the naive reference. */
static void
test_large_broken_matches_reference (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(FacetMeshReport) r = NULL;
  NaiveTopology ref;
  guint n;

  fixture_add_icosphere (mesh, 6, 0, 0, 0, 50);
  fixture_add_icosphere (mesh, 3, 200, 0, 0, 10);
  for (guint i = 100; i < fixture_n_triangles (mesh); i += 997)
    fixture_remove_triangle (mesh, i);
  for (guint i = 50; i < fixture_n_triangles (mesh); i += 1499)
    fixture_flip_triangle (mesh, i);
  /* Fins on some edges, and a facet with two equal vertices. */
  for (guint i = 7; i < 70000; i += 7001)
    {
      float fin[9];

      memcpy (fin, &g_array_index (mesh, float, 9 * i), sizeof fin);
      fin[6] = fin[6] * 1.5f;
      g_array_append_vals (mesh, fin, 9);
    }
  {
    float pair[9];

    memcpy (pair, &g_array_index (mesh, float, 9 * 11), sizeof pair);
    memcpy (pair + 3, pair, 3 * sizeof (float));
    g_array_append_vals (mesh, pair, 9);
  }
  n = fixture_n_triangles (mesh);
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      float tmp[9];

      memcpy (tmp, &g_array_index (mesh, float, 9 * i), sizeof tmp);
      memcpy (&g_array_index (mesh, float, 9 * i), &g_array_index (mesh, float, 9 * j), sizeof tmp);
      memcpy (&g_array_index (mesh, float, 9 * j), tmp, sizeof tmp);
    }

  r = analyze_array (mesh, FACET_MESH_CHECK_ALL);
  naive_topology (mesh, &ref);
  g_test_message ("boundary %" G_GUINT64_FORMAT " nonmanifold %" G_GUINT64_FORMAT " shells %" G_GUINT64_FORMAT
                  " inconsistent %" G_GUINT64_FORMAT, ref.boundary, ref.nonmanifold, ref.shells, ref.inconsistent);

  g_assert_cmpuint (n, >=, 4 * 16384);
  g_assert_cmpuint (ref.boundary, >, 0);
  g_assert_cmpuint (ref.nonmanifold, >, 0);
  g_assert_cmpuint (ref.inconsistent, >, 0);
  g_assert_cmpuint (r->vertices, ==, ref.vertices);
  g_assert_cmpuint (r->boundary_edges, ==, ref.boundary);
  g_assert_cmpuint (r->nonmanifold_edges, ==, ref.nonmanifold);
  g_assert_cmpuint (r->shells, ==, ref.shells);
  g_assert_cmpuint (r->inconsistent_facets, ==, ref.inconsistent);
  g_assert_cmpuint (r->degenerate_facets, ==, 1);
}

static FacetMeshReport *
report_with_side (double side)
{
  FacetMeshReport *r = g_new0 (FacetMeshReport, 1);

  r->max[0] = side;
  r->max[1] = side / 2;
  r->max[2] = side / 3;
  return r;
}

static void
test_unit_hint (void)
{
  static const struct { double side; double mm_per_unit; FacetUnitHint hint; } cases[] = {
    { 1.0, 1, FACET_UNIT_HINT_INCH },     /* a 1-inch part read as mm */
    { 0.5, 1, FACET_UNIT_HINT_INCH },
    { 1.9, 1, FACET_UNIT_HINT_INCH },
    { 0.05, 1, FACET_UNIT_HINT_M },       /* a 5 cm part in metres */
    { 0.2, 1, FACET_UNIT_HINT_M },
    { 0.001, 1, FACET_UNIT_HINT_NONE },   /* nothing sensible */
    { 3.0, 1, FACET_UNIT_HINT_NONE },
    { 150, 1, FACET_UNIT_HINT_NONE },
    { 5000, 1, FACET_UNIT_HINT_NONE },    /* big in mm, but mm were chosen */
    { 0.5, 2, FACET_UNIT_HINT_INCH },     /* scale 2: 1 mm */
    { 100, 25.4, FACET_UNIT_HINT_MM },    /* 2.54 m in inches: 100 mm */
    { 50, 25.4, FACET_UNIT_HINT_NONE },   /* 1.27 m: could be */
    { 0.5, 25.4, FACET_UNIT_HINT_NONE },
    { 100000, 25.4, FACET_UNIT_HINT_NONE }, /* too big either way */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FacetMeshReport) r = report_with_side (cases[i].side);

      g_test_message ("side %g, %g mm per unit", cases[i].side, cases[i].mm_per_unit);
      g_assert_cmpint (facet_mesh_report_unit_hint (r, cases[i].mm_per_unit), ==, cases[i].hint);
    }

  g_assert_null (facet_unit_hint_to_string (FACET_UNIT_HINT_NONE));
  g_assert_cmpstr (facet_unit_hint_to_string (FACET_UNIT_HINT_INCH), ==, "inch");
  g_assert_cmpstr (facet_unit_hint_to_string (FACET_UNIT_HINT_M), ==, "m");
  g_assert_cmpstr (facet_unit_hint_to_string (FACET_UNIT_HINT_MM), ==, "mm");
}

/* Streamed, in memory, from ASCII, in any order of chunks: the same bits. */
static void
test_same_figures_every_path (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autofree char *bin = NULL, *ascii = NULL;
  g_autoptr(FacetMeshReport) a = NULL, b = NULL, c = NULL, d = NULL;
  g_autoptr(FacetMesh) loaded = NULL;
  g_autoptr(GError) error = NULL;

  fixture_add_icosphere (mesh, 6, 10, 20, 30, 40);
  /* Non-finite facets scattered about, with a tail of odd length. */
  for (guint i = 5; i < fixture_n_triangles (mesh); i += 9973)
    g_array_index (mesh, float, 9 * i + 4) = NAN;
  fixture_add_cube (mesh, 0, 0, 0, 1);
  bin = fixture_write_binary ("paths.stl", mesh, NULL, -1);
  ascii = fixture_write_ascii ("paths-ascii.stl", mesh, 0);

  loaded = facet_mesh_load_file (bin, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  a = facet_mesh_analyze (loaded, FACET_MESH_CHECK_NONE, NULL, &error);
  g_assert_no_error (error);
  b = facet_mesh_measure_file (bin, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  c = facet_mesh_measure_file (ascii, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  d = analyze_array (mesh, FACET_MESH_CHECK_NONE);

  g_assert_cmpuint (a->nonfinite_facets, ==, 9);
  for (guint i = 0; i < 3; i++)
    {
      const FacetMeshReport *o = i == 0 ? b : i == 1 ? c : d;

      g_assert_cmpmem (&a->signed_volume, sizeof (double), &o->signed_volume, sizeof (double));
      g_assert_cmpmem (&a->area, sizeof (double), &o->area, sizeof (double));
      g_assert_cmpmem (a->min, sizeof a->min, o->min, sizeof o->min);
      g_assert_cmpmem (a->max, sizeof a->max, o->max, sizeof o->max);
      g_assert_cmpuint (a->nonfinite_facets, ==, o->nonfinite_facets);
      g_assert_cmpuint (a->triangles, ==, o->triangles);
    }
  g_assert_cmpint (c->format, ==, FACET_MESH_FORMAT_ASCII);
}

static void
test_cancelled_analysis (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FacetMesh) mesh = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(FacetMeshReport) r = NULL;
  g_autoptr(GError) error = NULL;

  fixture_add_cube (cube, 0, 0, 0, 1);
  bytes = fixture_binary_bytes (cube, NULL, -1);
  mesh = facet_mesh_load_bytes (bytes, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  r = facet_mesh_analyze (mesh, FACET_MESH_CHECK_ALL, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED);
}

/* The asynchronous inspection */

typedef struct
{
  GMainLoop       *loop;
  GThread         *main_thread;
  GCancellable    *cancellable;
  double           cancel_at;
  double           last;
  guint            calls;
  guint            notified;
  gboolean         done;
  FacetMeshReport *report;
  FacetMesh       *mesh;
  GError          *error;
} AsyncState;

static void
async_progress (double   fraction,
                gpointer user_data)
{
  AsyncState *s = user_data;

  g_assert_true (g_thread_self () == s->main_thread);
  g_assert_false (s->done);
  g_assert_cmpfloat (fraction, >=, s->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  s->last = fraction;
  s->calls++;
  if (s->cancellable != NULL && fraction >= s->cancel_at)
    g_cancellable_cancel (s->cancellable);
}

static void
async_notify (gpointer user_data)
{
  AsyncState *s = user_data;

  g_assert_true (g_thread_self () == s->main_thread);
  s->notified++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *s = user_data;

  g_assert_true (g_thread_self () == s->main_thread);
  s->report = facet_mesh_inspect_file_finish (result, &s->mesh, &s->error);
  s->done = TRUE;
  g_main_loop_quit (s->loop);
}

static void
run_inspect (const char *path,
             AsyncState *s)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  s->loop = g_main_loop_new (NULL, FALSE);
  s->main_thread = g_thread_self ();
  facet_mesh_inspect_file_async (file, FACET_MESH_CHECK_ALL, async_progress, s, async_notify,
                                 s->cancellable, async_done, s);
  /* Cancelled while the worker starts: it must notice, whatever it does. */
  if (s->cancellable != NULL && s->cancel_at < 0)
    g_cancellable_cancel (s->cancellable);
  g_main_loop_run (s->loop);
  /* The worker drops the task, and with it the progress data, a moment
   * after the result: the notify comes then, in this context. */
  while (s->notified == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (s->loop);
}

static void
test_async (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autofree char *path = NULL;
  AsyncState s = { 0, };

  fixture_add_icosphere (sphere, 6, 0, 0, 0, 50);
  path = fixture_write_binary ("async.stl", sphere, NULL, -1);
  run_inspect (path, &s);

  g_assert_no_error (s.error);
  g_assert_nonnull (s.report);
  g_assert_nonnull (s.mesh);
  g_assert_cmpuint (facet_mesh_get_n_triangles (s.mesh), ==, 81920);
  assert_clean (s.report, 1);
  assert_close (s.report->signed_volume, fixture_volume_reference (sphere, 0, 0, 0));
  g_assert_cmpuint (s.calls, >=, 1);
  g_assert_cmpuint (s.calls, <=, 101);
  g_assert_cmpuint (s.notified, ==, 1);

  facet_mesh_report_free (s.report);
  facet_mesh_unref (s.mesh);
}

static void
test_async_errors (void)
{
  g_autofree char *missing = fixture_path ("missing.stl");
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autofree char *path = NULL;
  AsyncState s = { 0, };
  AsyncState c = { 0, };

  run_inspect (missing, &s);
  g_assert_error (s.error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO);
  g_assert_null (s.report);
  g_assert_null (s.mesh);
  g_assert_cmpuint (s.notified, ==, 1);
  g_clear_error (&s.error);

  fixture_add_icosphere (sphere, 5, 0, 0, 0, 50);
  path = fixture_write_binary ("async-cancel.stl", sphere, NULL, -1);
  c.cancellable = g_cancellable_new ();
  c.cancel_at = -1;
  run_inspect (path, &c);
  g_assert_error (c.error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED);
  g_assert_null (c.report);
  g_assert_null (c.mesh);
  g_assert_cmpuint (c.notified, ==, 1);
  g_clear_error (&c.error);
  g_object_unref (c.cancellable);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/analyze/cube/exact-figures", test_cube);
  g_test_add_func ("/analyze/measure-only-claims-nothing", test_measure_only);
  g_test_add_func ("/analyze/icosphere/within-1e-9-of-reference", test_icosphere);
  g_test_add_func ("/analyze/far-from-origin/beats-single-precision", test_far_from_origin);
  g_test_add_func ("/analyze/hole/boundary-edges", test_hole);
  g_test_add_func ("/analyze/flipped-facet/counts-one", test_flipped_facet);
  g_test_add_func ("/analyze/inside-out/negative-volume", test_inside_out);
  g_test_add_func ("/analyze/shells/counted", test_two_shells);
  g_test_add_func ("/analyze/nonmanifold/fin", test_nonmanifold);
  g_test_add_func ("/analyze/degenerate/exact-zero-area", test_degenerate);
  g_test_add_func ("/analyze/nonfinite/left-out", test_nonfinite);
  g_test_add_func ("/analyze/nonfinite/only", test_all_nonfinite);
  g_test_add_func ("/analyze/weld/negative-zero", test_negative_zero_welds);
  g_test_add_func ("/analyze/orientation/mobius-deterministic", test_mobius);
  g_test_add_func ("/analyze/large/broken-matches-naive-reference", test_large_broken_matches_reference);
  g_test_add_func ("/analyze/unit-hint/thresholds", test_unit_hint);
  g_test_add_func ("/analyze/measure/same-bits-every-path", test_same_figures_every_path);
  g_test_add_func ("/analyze/cancelled", test_cancelled_analysis);
  g_test_add_func ("/analyze/async/progress-in-main-context", test_async);
  g_test_add_func ("/analyze/async/errors-and-cancel", test_async_errors);

  ret = g_test_run ();
  fixture_cleanup ();
  return ret;
}
