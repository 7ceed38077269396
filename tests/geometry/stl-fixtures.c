/* stl-fixtures.c: meshes made up by the geometry tests, and writers for them
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "stl-fixtures.h"

static char *tmp_dir;
static GPtrArray *tmp_files;

GArray *
fixture_mesh_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (float));
}

void
fixture_add_triangle (GArray *mesh,
                      float x0, float y0, float z0,
                      float x1, float y1, float z1,
                      float x2, float y2, float z2)
{
  float t[9] = { x0, y0, z0, x1, y1, z1, x2, y2, z2 };

  g_array_append_vals (mesh, t, 9);
}

guint
fixture_n_triangles (GArray *mesh)
{
  return mesh->len / 9;
}

void
fixture_add_cube (GArray *mesh,
                  double  x,
                  double  y,
                  double  z,
                  double  size)
{
  /* Corner i has bit 0 for +x, bit 1 for +y, bit 2 for +z. Each face is
   * listed counter-clockwise seen from outside. */
  static const int faces[6][4] = {
    { 0, 2, 3, 1 },   /* z = 0, facing -z */
    { 4, 5, 7, 6 },   /* z = 1 */
    { 0, 1, 5, 4 },   /* y = 0 */
    { 2, 6, 7, 3 },   /* y = 1 */
    { 0, 4, 6, 2 },   /* x = 0 */
    { 1, 3, 7, 5 },   /* x = 1 */
  };
  float c[8][3];

  for (int i = 0; i < 8; i++)
    {
      c[i][0] = (float) (x + ((i & 1) ? size : 0));
      c[i][1] = (float) (y + ((i & 2) ? size : 0));
      c[i][2] = (float) (z + ((i & 4) ? size : 0));
    }

  for (int f = 0; f < 6; f++)
    {
      const int *q = faces[f];

      fixture_add_triangle (mesh, c[q[0]][0], c[q[0]][1], c[q[0]][2],
                                  c[q[1]][0], c[q[1]][1], c[q[1]][2],
                                  c[q[2]][0], c[q[2]][1], c[q[2]][2]);
      fixture_add_triangle (mesh, c[q[0]][0], c[q[0]][1], c[q[0]][2],
                                  c[q[2]][0], c[q[2]][1], c[q[2]][2],
                                  c[q[3]][0], c[q[3]][1], c[q[3]][2]);
    }
}

typedef struct
{
  GArray     *points;   /* double[3] on the unit sphere */
  GHashTable *middles;  /* edge (lo << 32 | hi) -> index + 1 */
} Sphere;

static guint
add_point (Sphere *s,
           double  x,
           double  y,
           double  z)
{
  double len = sqrt (x * x + y * y + z * z);
  double p[3] = { x / len, y / len, z / len };

  g_array_append_vals (s->points, p, 3);
  return s->points->len / 3 - 1;
}

static guint
middle (Sphere *s,
        guint   a,
        guint   b)
{
  guint64 key = ((guint64) MIN (a, b) << 32) | MAX (a, b);
  gpointer found = g_hash_table_lookup (s->middles, &key);
  const double *p = (const double *) s->points->data;
  guint m;
  guint64 *k;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  m = add_point (s, p[3 * a] + p[3 * b], p[3 * a + 1] + p[3 * b + 1], p[3 * a + 2] + p[3 * b + 2]);
  k = g_new (guint64, 1);
  *k = key;
  g_hash_table_insert (s->middles, k, GUINT_TO_POINTER (m + 1));
  return m;
}

void
fixture_add_icosphere (GArray *mesh,
                       int     level,
                       double  cx,
                       double  cy,
                       double  cz,
                       double  radius)
{
  static const guint ico[20][3] = {
    { 0, 11, 5 }, { 0, 5, 1 }, { 0, 1, 7 }, { 0, 7, 10 }, { 0, 10, 11 },
    { 1, 5, 9 }, { 5, 11, 4 }, { 11, 10, 2 }, { 10, 7, 6 }, { 7, 1, 8 },
    { 3, 9, 4 }, { 3, 4, 2 }, { 3, 2, 6 }, { 3, 6, 8 }, { 3, 8, 9 },
    { 4, 9, 5 }, { 2, 4, 11 }, { 6, 2, 10 }, { 8, 6, 7 }, { 9, 8, 1 },
  };
  double t = (1.0 + sqrt (5.0)) / 2.0;
  Sphere s;
  GArray *faces = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree float *pos = NULL;

  s.points = g_array_new (FALSE, FALSE, sizeof (double));
  s.middles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  add_point (&s, -1, t, 0); add_point (&s, 1, t, 0); add_point (&s, -1, -t, 0); add_point (&s, 1, -t, 0);
  add_point (&s, 0, -1, t); add_point (&s, 0, 1, t); add_point (&s, 0, -1, -t); add_point (&s, 0, 1, -t);
  add_point (&s, t, 0, -1); add_point (&s, t, 0, 1); add_point (&s, -t, 0, -1); add_point (&s, -t, 0, 1);
  g_array_append_vals (faces, ico, 60);

  for (int l = 0; l < level; l++)
    {
      GArray *next = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint f = 0; f < faces->len; f += 3)
        {
          guint a = g_array_index (faces, guint, f);
          guint b = g_array_index (faces, guint, f + 1);
          guint c = g_array_index (faces, guint, f + 2);
          guint ab = middle (&s, a, b), bc = middle (&s, b, c), ca = middle (&s, c, a);
          guint split[12] = { a, ab, ca, b, bc, ab, c, ca, bc, ab, bc, ca };

          g_array_append_vals (next, split, 12);
        }
      g_array_unref (faces);
      faces = next;
      g_hash_table_remove_all (s.middles);
    }

  /* Each point becomes floats once, so shared vertices are bit-identical. */
  pos = g_new (float, s.points->len);
  for (guint i = 0; i < s.points->len; i += 3)
    {
      const double *p = &g_array_index (s.points, double, i);

      pos[i] = (float) (cx + radius * p[0]);
      pos[i + 1] = (float) (cy + radius * p[1]);
      pos[i + 2] = (float) (cz + radius * p[2]);
    }
  for (guint f = 0; f < faces->len; f++)
    g_array_append_vals (mesh, pos + 3 * g_array_index (faces, guint, f), 3);

  g_array_unref (faces);
  g_array_unref (s.points);
  g_hash_table_unref (s.middles);
}

void
fixture_flip_triangle (GArray *mesh,
                       guint   i)
{
  float *t = &g_array_index (mesh, float, 9 * i);
  float tmp[3];

  memcpy (tmp, t + 3, sizeof tmp);
  memcpy (t + 3, t + 6, sizeof tmp);
  memcpy (t + 6, tmp, sizeof tmp);
}

void
fixture_remove_triangle (GArray *mesh,
                         guint   i)
{
  g_array_remove_range (mesh, 9 * i, 9);
}

char *
fixture_path (const char *name)
{
  if (tmp_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmp_dir = g_dir_make_tmp ("facet-geometry-XXXXXX", &error);
      g_assert_no_error (error);
      tmp_files = g_ptr_array_new_with_free_func (g_free);
    }
  g_ptr_array_add (tmp_files, g_build_filename (tmp_dir, name, NULL));
  return g_strdup (g_ptr_array_index (tmp_files, tmp_files->len - 1));
}

void
fixture_cleanup (void)
{
  if (tmp_dir == NULL)
    return;
  for (guint i = 0; i < tmp_files->len; i++)
    g_unlink (g_ptr_array_index (tmp_files, i));
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&tmp_files, g_ptr_array_unref);
}

static void
put_le32 (guint8  *p,
          guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

GBytes *
fixture_binary_bytes (GArray     *mesh,
                      const char *header,
                      gint64      count)
{
  guint n = fixture_n_triangles (mesh);
  gsize size = 84 + 50 * (gsize) n;
  guint8 *data = g_malloc0 (size);

  memcpy (data, header != NULL ? header : "binary STL written by the Facet tests",
          MIN (80, strlen (header != NULL ? header : "binary STL written by the Facet tests")));
  put_le32 (data + 80, count >= 0 ? (guint32) count : n);
  for (guint i = 0; i < n; i++)
    {
      guint8 *rec = data + 84 + 50 * (gsize) i;

      /* A normal of zero: readers must not depend on it. */
      for (int k = 0; k < 9; k++)
        {
          guint32 bits;

          memcpy (&bits, &g_array_index (mesh, float, 9 * i + k), 4);
          put_le32 (rec + 12 + 4 * k, bits);
        }
    }
  return g_bytes_new_take (data, size);
}

char *
fixture_write_binary (const char *name,
                      GArray     *mesh,
                      const char *header,
                      gint64      count)
{
  g_autoptr(GBytes) bytes = fixture_binary_bytes (mesh, header, count);
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (name);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

char *
fixture_write_text (const char *name,
                    const char *text,
                    gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = fixture_path (name);

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
append_line (GString           *out,
             FixtureAsciiFlags  flags,
             const char        *indent,
             const char        *keyword,
             const char        *rest)
{
  g_autofree char *kw = (flags & FIXTURE_ASCII_UPPERCASE) ? g_ascii_strup (keyword, -1)
                                                           : g_strdup (keyword);

  g_string_append (out, indent);
  g_string_append (out, kw);
  if (rest != NULL)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, rest);
    }
  g_string_append (out, (flags & FIXTURE_ASCII_CRLF) ? "\r\n" : "\n");
}

char *
fixture_write_ascii (const char        *name,
                     GArray            *mesh,
                     FixtureAsciiFlags  flags)
{
  GString *out = g_string_new (NULL);
  guint n = fixture_n_triangles (mesh);
  guint split = (flags & FIXTURE_ASCII_TWO_SOLIDS) ? n / 2 : n;
  char *path;

  if (flags & FIXTURE_ASCII_BOM)
    g_string_append (out, "\xef\xbb\xbf");
  append_line (out, flags, "", "solid", "test part");
  for (guint i = 0; i < n; i++)
    {
      if (i == split && i > 0)
        {
          append_line (out, flags, "", "endsolid", "test part");
          append_line (out, flags, "", "solid", "second");
        }
      append_line (out, flags, "  ", "facet normal", "0 0 0");
      append_line (out, flags, "    ", "outer loop", NULL);
      for (int k = 0; k < 3; k++)
        {
          char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], z[G_ASCII_DTOSTR_BUF_SIZE];
          g_autofree char *coords = NULL;
          const float *v = &g_array_index (mesh, float, 9 * i + 3 * k);

          /* Nine significant digits name a float exactly. */
          g_ascii_formatd (x, sizeof x, "%.9g", v[0]);
          g_ascii_formatd (y, sizeof y, "%.9g", v[1]);
          g_ascii_formatd (z, sizeof z, "%.9g", v[2]);
          coords = g_strdup_printf ("%s %s %s", x, y, z);
          append_line (out, flags, "      ", "vertex", coords);
        }
      append_line (out, flags, "    ", "endloop", NULL);
      append_line (out, flags, "  ", "endfacet", NULL);
    }
  if (!(flags & FIXTURE_ASCII_NO_ENDSOLID))
    append_line (out, flags, "", "endsolid", (flags & FIXTURE_ASCII_TWO_SOLIDS) ? "second" : "test part");

  path = fixture_write_text (name, out->str, out->len);
  g_string_free (out, TRUE);
  return path;
}

long double
fixture_volume_reference (GArray *mesh,
                          double  cx,
                          double  cy,
                          double  cz)
{
  long double sum = 0;

  for (guint i = 0; i < fixture_n_triangles (mesh); i++)
    {
      const float *t = &g_array_index (mesh, float, 9 * i);
      long double x0 = (long double) t[0] - cx, y0 = (long double) t[1] - cy, z0 = (long double) t[2] - cz;
      long double x1 = (long double) t[3] - cx, y1 = (long double) t[4] - cy, z1 = (long double) t[5] - cz;
      long double x2 = (long double) t[6] - cx, y2 = (long double) t[7] - cy, z2 = (long double) t[8] - cz;

      if (!isfinite (t[0] + t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7] + t[8]))
        continue;
      sum += x0 * (y1 * z2 - z1 * y2) + y0 * (z1 * x2 - x1 * z2) + z0 * (x1 * y2 - y1 * x2);
    }
  return sum / 6;
}

long double
fixture_area_reference (GArray *mesh)
{
  long double sum = 0;

  for (guint i = 0; i < fixture_n_triangles (mesh); i++)
    {
      const float *t = &g_array_index (mesh, float, 9 * i);
      long double ax = (long double) t[3] - t[0], ay = (long double) t[4] - t[1], az = (long double) t[5] - t[2];
      long double bx = (long double) t[6] - t[0], by = (long double) t[7] - t[1], bz = (long double) t[8] - t[2];
      long double cx = ay * bz - az * by, cy = az * bx - ax * bz, cz = ax * by - ay * bx;

      if (!isfinite (t[0] + t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7] + t[8]))
        continue;
      sum += sqrtl (cx * cx + cy * cy + cz * cz) / 2;
    }
  return sum;
}
