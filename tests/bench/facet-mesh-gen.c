/* facet-mesh-gen.c: writes the benchmark's input meshes
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Closed UV spheres (radius 50 mm, sitting on the bed at z = 0), every facet
 * wound counter-clockwise seen from outside, in binary and ASCII STL. Each
 * vertex is computed once and shared by index, so shared corners are
 * bit-identical and the mesh is watertight under exact welding. The output
 * depends only on the sizes: same input, same bytes.
 *
 * A developer tool, not part of the app: messages are not translated.
 *
 * Variants (see facet-bench-meshes.h): binary and ascii in ring order,
 * binary-shuffled with the facets in a fixed pseudo-random order.
 *
 *   facet-mesh-gen [--max TRIANGLES] [--variant NAME]... [--force] DIR
 */
#define G_LOG_DOMAIN "facet-mesh-gen"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "facet-bench-meshes.h"

#define RADIUS 50.0
#define CENTRE_X 100.0
#define CENTRE_Y 100.0
#define CENTRE_Z 50.0
#define OUT_CHUNK (4 << 20)

typedef struct
{
  guint   n_vertices;
  float  *xyz;          /* 3 per vertex */
  char   *text;         /* ASCII only: "x y z" per vertex, NUL-separated */
  guint  *text_offset;
  guint  *text_len;
} Vertices;

static void
vertices_clear (Vertices *v)
{
  g_clear_pointer (&v->xyz, g_free);
  g_clear_pointer (&v->text, g_free);
  g_clear_pointer (&v->text_offset, g_free);
  g_clear_pointer (&v->text_len, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Vertices, vertices_clear)

/* North pole, then rings 1 .. stacks-1 of `slices` vertices, then the south
 * pole. */
static inline guint
ring_vertex (const FacetBenchMesh *m,
             guint                 ring,
             guint                 slice)
{
  return 1 + (ring - 1) * m->slices + slice % m->slices;
}

static void
vertices_build (const FacetBenchMesh *m,
                gboolean              with_text,
                Vertices             *v)
{
  g_autofree double *sin_phi = g_new (double, m->slices);
  g_autofree double *cos_phi = g_new (double, m->slices);
  guint k = 0;

  v->n_vertices = 2 + (m->stacks - 1) * m->slices;
  v->xyz = g_new (float, (gsize) v->n_vertices * 3);

  for (guint j = 0; j < m->slices; j++)
    {
      double phi = 2.0 * G_PI * j / m->slices;

      sin_phi[j] = sin (phi);
      cos_phi[j] = cos (phi);
    }

#define PUT(x, y, z) G_STMT_START {                   \
    v->xyz[k * 3 + 0] = (float) (CENTRE_X + (x));     \
    v->xyz[k * 3 + 1] = (float) (CENTRE_Y + (y));     \
    v->xyz[k * 3 + 2] = (float) (CENTRE_Z + (z));     \
    k++;                                              \
  } G_STMT_END

  PUT (0, 0, RADIUS);
  for (guint i = 1; i < m->stacks; i++)
    {
      double theta = G_PI * i / m->stacks;
      double r = RADIUS * sin (theta), z = RADIUS * cos (theta);

      for (guint j = 0; j < m->slices; j++)
        PUT (r * cos_phi[j], r * sin_phi[j], z);
    }
  PUT (0, 0, -RADIUS);
#undef PUT

  g_assert (k == v->n_vertices);

  if (with_text)
    {
      /* Formatted once per vertex, not once per use: most of the cost of
       * an ASCII file is printf. %.9g round-trips a float, so the ASCII
       * and binary files hold the same mesh. */
      GString *s = g_string_sized_new ((gsize) v->n_vertices * 40);

      v->text_offset = g_new (guint, v->n_vertices);
      v->text_len = g_new (guint, v->n_vertices);
      for (guint i = 0; i < v->n_vertices; i++)
        {
          gsize start = s->len;

          g_string_append_printf (s, "%.9g %.9g %.9g",
                                  v->xyz[i * 3], v->xyz[i * 3 + 1], v->xyz[i * 3 + 2]);
          v->text_offset[i] = (guint) start;
          v->text_len[i] = (guint) (s->len - start);
        }
      v->text = g_string_free (s, FALSE);
    }
}

/* Calls emit (a, b, c) for every facet, ring by ring from the north pole,
 * as an exporter walking a surface would. */
typedef void (*EmitFunc) (guint a, guint b, guint c, gpointer data);

static void
for_each_facet_in_rings (const FacetBenchMesh *m,
                         guint                 n_vertices,
                         EmitFunc              emit,
                         gpointer              data)
{
  guint north = 0, south = n_vertices - 1;

  for (guint j = 0; j < m->slices; j++)
    emit (north, ring_vertex (m, 1, j), ring_vertex (m, 1, j + 1), data);

  for (guint i = 1; i + 1 < m->stacks; i++)
    for (guint j = 0; j < m->slices; j++)
      {
        guint a = ring_vertex (m, i, j), d = ring_vertex (m, i, j + 1);
        guint b = ring_vertex (m, i + 1, j), c = ring_vertex (m, i + 1, j + 1);

        emit (a, b, d, data);
        emit (d, b, c, data);
      }

  for (guint j = 0; j < m->slices; j++)
    emit (ring_vertex (m, m->stacks - 1, j), south, ring_vertex (m, m->stacks - 1, j + 1), data);
}

static void
collect_facet (guint    a,
               guint    b,
               guint    c,
               gpointer data)
{
  GArray *facets = data;
  guint abc[3] = { a, b, c };

  g_array_append_vals (facets, abc, 3);
}

/* splitmix64: a fixed seed gives the same permutation everywhere. */
static inline guint64
next_random (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* The facets in file order. Shuffled, neighbours end up far apart in the
 * file, as in meshes that were merged, repaired or re-exported: a tool that
 * matches edges as they stream by then holds most of them at once. */
static void
for_each_facet (const FacetBenchMesh *m,
                guint                 n_vertices,
                gboolean              shuffled,
                EmitFunc              emit,
                gpointer              data)
{
  g_autoptr(GArray) facets = NULL;
  guint *f;
  guint64 state = 0x5eed5eed5eed5eedull;
  gsize n;

  if (!shuffled)
    {
      for_each_facet_in_rings (m, n_vertices, emit, data);
      return;
    }

  facets = g_array_sized_new (FALSE, FALSE, sizeof (guint), m->triangles * 3);
  for_each_facet_in_rings (m, n_vertices, collect_facet, facets);
  f = (guint *) (void *) facets->data;
  n = facets->len / 3;

  /* Fisher-Yates */
  for (gsize i = n - 1; i > 0; i--)
    {
      gsize j = next_random (&state) % (i + 1);
      guint t[3];

      memcpy (t, f + i * 3, sizeof t);
      memcpy (f + i * 3, f + j * 3, sizeof t);
      memcpy (f + j * 3, t, sizeof t);
    }

  for (gsize i = 0; i < n; i++)
    emit (f[i * 3], f[i * 3 + 1], f[i * 3 + 2], data);
}

typedef struct
{
  int             fd;
  char           *buf;
  gsize           len;
  const Vertices *v;
  guint64         written;
  GError         *error;
} Writer;

static void
writer_flush (Writer *w)
{
  gsize done = 0;

  while (w->error == NULL && done < w->len)
    {
      gssize n = write (w->fd, w->buf + done, w->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (&w->error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "write failed: %s", g_strerror (saved));
          break;
        }
      done += n;
    }
  w->len = 0;
}

static inline void
writer_reserve (Writer *w,
                gsize   n)
{
  if (w->len + n > OUT_CHUNK)
    writer_flush (w);
}

static void
facet_normal (const Vertices *v,
              guint           a,
              guint           b,
              guint           c,
              float           n[3])
{
  const float *p = v->xyz + (gsize) a * 3, *q = v->xyz + (gsize) b * 3, *r = v->xyz + (gsize) c * 3;
  double ux = q[0] - p[0], uy = q[1] - p[1], uz = q[2] - p[2];
  double wx = r[0] - p[0], wy = r[1] - p[1], wz = r[2] - p[2];
  double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
  double len = sqrt (nx * nx + ny * ny + nz * nz);

  if (len == 0)
    len = 1;
  n[0] = (float) (nx / len);
  n[1] = (float) (ny / len);
  n[2] = (float) (nz / len);
}

static void
emit_binary (guint    a,
             guint    b,
             guint    c,
             gpointer data)
{
  Writer *w = data;
  guint8 *rec;
  float f[12];

  writer_reserve (w, 50);
  rec = (guint8 *) w->buf + w->len;
  facet_normal (w->v, a, b, c, f);
  memcpy (f + 3, w->v->xyz + (gsize) a * 3, 12);
  memcpy (f + 6, w->v->xyz + (gsize) b * 3, 12);
  memcpy (f + 9, w->v->xyz + (gsize) c * 3, 12);
#if G_BYTE_ORDER == G_BIG_ENDIAN
  for (int i = 0; i < 12; i++)
    {
      guint32 bits;

      memcpy (&bits, &f[i], 4);
      bits = GUINT32_SWAP_LE_BE (bits);
      memcpy (&f[i], &bits, 4);
    }
#endif
  memcpy (rec, f, 48);
  rec[48] = rec[49] = 0;
  w->len += 50;
  w->written++;
}

/* A unit-normal component as fixed-point text, without printf. */
static gsize
format_unit (double  x,
             char   *out)
{
  gsize n = 0;
  guint32 micro;

  if (x < 0)
    {
      out[n++] = '-';
      x = -x;
    }
  micro = (guint32) (x * 1e6 + 0.5);
  out[n++] = '0' + micro / 1000000;
  out[n++] = '.';
  for (guint32 div = 100000; div > 0; div /= 10)
    out[n++] = '0' + (micro / div) % 10;

  return n;
}

static void
emit_ascii (guint    a,
            guint    b,
            guint    c,
            gpointer data)
{
  Writer *w = data;
  const Vertices *v = w->v;
  guint idx[3] = { a, b, c };
  float n[3];
  char *p;

  writer_reserve (w, 512);
  p = w->buf + w->len;
  facet_normal (v, a, b, c, n);

  memcpy (p, "  facet normal ", 15);
  p += 15;
  for (int i = 0; i < 3; i++)
    {
      p += format_unit (n[i], p);
      *p++ = i < 2 ? ' ' : '\n';
    }
  memcpy (p, "    outer loop\n", 15);
  p += 15;
  for (int i = 0; i < 3; i++)
    {
      memcpy (p, "      vertex ", 13);
      p += 13;
      memcpy (p, v->text + v->text_offset[idx[i]], v->text_len[idx[i]]);
      p += v->text_len[idx[i]];
      *p++ = '\n';
    }
  memcpy (p, "    endloop\n  endfacet\n", 23);
  p += 23;

  w->len = p - w->buf;
  w->written++;
}

static gboolean
write_mesh (const FacetBenchMesh  *m,
            const Vertices        *v,
            gboolean               ascii,
            gboolean               shuffled,
            const char            *path,
            GError               **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strndup (base, g_str_has_suffix (base, ".stl") ? strlen (base) - 4 : strlen (base));
  g_autofree char *buf = g_malloc (OUT_CHUNK);
  Writer w = { -1, buf, 0, v, 0, NULL };

  w.fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (w.fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create %s: %s", tmp, g_strerror (saved));
      return FALSE;
    }

  if (ascii)
    {
      w.len = g_snprintf (buf, OUT_CHUNK, "solid %s\n", name);
      for_each_facet (m, v->n_vertices, shuffled, emit_ascii, &w);
      writer_reserve (&w, 256);
      w.len += g_snprintf (buf + w.len, OUT_CHUNK - w.len, "endsolid %s\n", name);
    }
  else
    {
      guint32 n_le = GUINT32_TO_LE ((guint32) m->triangles);

      /* 80 bytes, padded with spaces; never starting with "solid". */
      memset (buf, ' ', 80);
      g_snprintf (buf, 80, "facet-mesh-gen UV sphere r=%g mm, %" G_GUINT64_FORMAT " facets",
                  RADIUS, m->triangles);
      buf[strlen (buf)] = ' ';
      memcpy (buf + 80, &n_le, 4);
      w.len = 84;
      for_each_facet (m, v->n_vertices, shuffled, emit_binary, &w);
    }
  writer_flush (&w);

  if (w.error == NULL && w.written != m->triangles)
    g_set_error (&w.error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                 "internal error: wrote %" G_GUINT64_FORMAT " facets instead of %" G_GUINT64_FORMAT,
                 w.written, m->triangles);

  if (close (w.fd) != 0 && w.error == NULL)
    {
      int saved = errno;

      g_set_error (&w.error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not write %s: %s", tmp, g_strerror (saved));
    }

  /* Renamed only when complete: the benchmark trusts any file it finds. */
  if (w.error == NULL && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (&w.error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not rename %s to %s: %s", tmp, path, g_strerror (saved));
    }

  if (w.error != NULL)
    {
      g_unlink (tmp);
      g_propagate_prefixed_error (error, w.error, "%s: ", path);
      return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) variant_names = NULL;
  gboolean wanted[G_N_ELEMENTS (facet_bench_variants)];
  gint64 max = G_MAXINT64;
  gboolean force = FALSE;
  const char *dir;
  GOptionEntry entries[] = {
    { "max", 0, 0, G_OPTION_ARG_INT64, &max, "Only meshes of at most N triangles", "N" },
    { "variant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &variant_names,
      "binary, binary-shuffled or ascii; repeat for several (default: all)", "VARIANT" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, "Rewrite files that already exist", NULL },
    { NULL }
  };

  context = g_option_context_new ("DIR - write closed sphere meshes for the geometry benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("Usage: %s [--max N] [--variant binary|binary-shuffled|ascii]... [--force] DIR\n", argv[0]);
      return 2;
    }
  dir = argv[1];

  for (gsize k = 0; k < G_N_ELEMENTS (facet_bench_variants); k++)
    wanted[k] = variant_names == NULL;
  for (char **n = variant_names; n != NULL && *n != NULL; n++)
    {
      const FacetBenchVariant *variant = facet_bench_variant_lookup (*n);

      if (variant == NULL)
        {
          g_printerr ("Unknown variant “%s”: use binary, binary-shuffled or ascii\n", *n);
          return 2;
        }
      wanted[variant - facet_bench_variants] = TRUE;
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_printerr ("Could not create the directory %s: %s\n", dir, g_strerror (saved));
      return 1;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (facet_bench_meshes); i++)
    {
      const FacetBenchMesh *m = &facet_bench_meshes[i];
      g_auto(Vertices) v = { 0 };
      char *paths[G_N_ELEMENTS (facet_bench_variants)] = { NULL, };
      gboolean ok = TRUE;
      gboolean any = FALSE, any_ascii = FALSE;

      g_assert (2 * (guint64) m->slices * (m->stacks - 1) == m->triangles);

      if ((gint64) m->triangles > max)
        continue;

      for (gsize k = 0; k < G_N_ELEMENTS (facet_bench_variants); k++)
        {
          g_autofree char *name = facet_bench_mesh_filename (m, &facet_bench_variants[k]);
          char *path = g_build_filename (dir, name, NULL);

          if (wanted[k] && (force || !g_file_test (path, G_FILE_TEST_EXISTS)))
            {
              paths[k] = path;
              any = TRUE;
              any_ascii |= facet_bench_variants[k].ascii;
            }
          else
            g_free (path);
        }
      if (!any)
        continue;

      vertices_build (m, any_ascii, &v);

      for (gsize k = 0; k < G_N_ELEMENTS (facet_bench_variants); k++)
        {
          const FacetBenchVariant *variant = &facet_bench_variants[k];
          gint64 t0 = g_get_monotonic_time ();

          if (paths[k] == NULL || !ok)
            continue;
          ok = write_mesh (m, &v, variant->ascii, variant->shuffled, paths[k], &error);
          if (ok)
            g_print ("wrote %s (%.2f s)\n", paths[k], (g_get_monotonic_time () - t0) / 1e6);
        }

      for (gsize k = 0; k < G_N_ELEMENTS (facet_bench_variants); k++)
        g_free (paths[k]);

      if (!ok)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  return 0;
}
