/* test-mesh-thumbnail.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The meshes are built here as binary STL in memory and go through the real
 * loader, so the renderer sees what it sees in the app.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "facet-mesh.h"

/* Triangles as 9 floats each, grown by the mesh builders below. */
typedef GArray Tris;

static Tris *
tris_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (float));
}

static void
tris_add (Tris        *t,
          const float  a[3],
          const float  b[3],
          const float  c[3])
{
  g_array_append_vals (t, a, 3);
  g_array_append_vals (t, b, 3);
  g_array_append_vals (t, c, 3);
}

static GBytes *
tris_to_binary_stl (Tris *t)
{
  guint32 n = t->len / 9;
  gsize size = 84 + (gsize) n * 50;
  guint8 *data = g_malloc0 (size);
  guint32 n_le = GUINT32_TO_LE (n);

  /* The header must not start with "solid", or it would sniff as ASCII. */
  memcpy (data, "facet thumbnail test mesh", 25);
  memcpy (data + 80, &n_le, 4);
  for (guint32 i = 0; i < n; i++)
    {
      guint8 *rec = data + 84 + (gsize) i * 50;
      const float *v = &g_array_index (t, float, (gsize) i * 9);

      /* Normal left zero, as many exporters do; little-endian floats. */
      for (int k = 0; k < 9; k++)
        {
          guint32 bits;

          memcpy (&bits, &v[k], 4);
          bits = GUINT32_TO_LE (bits);
          memcpy (rec + 12 + k * 4, &bits, 4);
        }
    }

  return g_bytes_new_take (data, size);
}

static FacetMesh *
mesh_from_tris (Tris *t)
{
  g_autoptr(GBytes) bytes = tris_to_binary_stl (t);
  g_autoptr(GError) error = NULL;
  FacetMesh *mesh;

  mesh = facet_mesh_load_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mesh);
  g_assert_cmpuint (facet_mesh_get_n_triangles (mesh), ==, t->len / 9);

  return mesh;
}

/* An axis-aligned cube of side 2 * h centred on c, facets wound
 * counter-clockwise seen from outside (or clockwise when inside_out). */
static void
add_cube (Tris        *t,
          const float  c[3],
          float        h,
          gboolean     inside_out)
{
  /* Corner i has x = bit 0, y = bit 1, z = bit 2. */
  static const int quads[6][4] = {
    { 0, 2, 3, 1 }, /* -z */
    { 4, 5, 7, 6 }, /* +z */
    { 0, 1, 5, 4 }, /* -y */
    { 2, 6, 7, 3 }, /* +y */
    { 0, 4, 6, 2 }, /* -x */
    { 1, 3, 7, 5 }, /* +x */
  };
  float p[8][3];

  for (int i = 0; i < 8; i++)
    {
      p[i][0] = c[0] + ((i & 1) ? h : -h);
      p[i][1] = c[1] + ((i & 2) ? h : -h);
      p[i][2] = c[2] + ((i & 4) ? h : -h);
    }

  for (int f = 0; f < 6; f++)
    {
      const int *q = quads[f];

      if (inside_out)
        {
          tris_add (t, p[q[0]], p[q[2]], p[q[1]]);
          tris_add (t, p[q[0]], p[q[3]], p[q[2]]);
        }
      else
        {
          tris_add (t, p[q[0]], p[q[1]], p[q[2]]);
          tris_add (t, p[q[0]], p[q[2]], p[q[3]]);
        }
    }
}

/* A closed UV sphere, outward facing. */
static void
add_sphere (Tris  *t,
            float  radius,
            int    stacks,
            int    slices)
{
  for (int i = 0; i < stacks; i++)
    {
      double t0 = G_PI * i / stacks, t1 = G_PI * (i + 1) / stacks;

      for (int j = 0; j < slices; j++)
        {
          double p0 = 2 * G_PI * j / slices, p1 = 2 * G_PI * (j + 1) / slices;
          float a[3] = { radius * sin (t0) * cos (p0), radius * sin (t0) * sin (p0), radius * cos (t0) };
          float b[3] = { radius * sin (t1) * cos (p0), radius * sin (t1) * sin (p0), radius * cos (t1) };
          float c[3] = { radius * sin (t1) * cos (p1), radius * sin (t1) * sin (p1), radius * cos (t1) };
          float d[3] = { radius * sin (t0) * cos (p1), radius * sin (t0) * sin (p1), radius * cos (t0) };

          if (i > 0)
            tris_add (t, a, b, d);
          if (i < stacks - 1)
            tris_add (t, d, b, c);
        }
    }
}

typedef struct
{
  guint8 *pixels;
  int     width;
  int     height;
  gsize   stride;
} Image;

static void
image_clear (Image *img)
{
  g_clear_pointer (&img->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

static void
render (FacetMesh *mesh,
        int        width,
        int        height,
        Image     *img)
{
  img->width = width;
  img->height = height;
  img->stride = 0;
  img->pixels = facet_mesh_render_thumbnail (mesh, width, height, &img->stride);
  g_assert_nonnull (img->pixels);
  g_assert_cmpuint (img->stride, >=, (gsize) width * 4);
}

static const guint8 *
pixel (const Image *img,
       int          x,
       int          y)
{
  return img->pixels + (gsize) y * img->stride + (gsize) x * 4;
}

/* Fraction of the image the mesh covers, alpha-weighted. */
static double
coverage (const Image *img)
{
  double sum = 0;

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      sum += pixel (img, x, y)[3];

  return sum / (255.0 * img->width * img->height);
}

static void
assert_premultiplied (const Image *img)
{
  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      {
        const guint8 *p = pixel (img, x, y);

        g_assert_cmpuint (p[0], <=, p[3]);
        g_assert_cmpuint (p[1], <=, p[3]);
        g_assert_cmpuint (p[2], <=, p[3]);
      }
}

static void
assert_fully_transparent (const Image *img)
{
  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      g_assert_cmpuint (GUINT32_FROM_LE (*(const guint32 *) pixel (img, x, y)), ==, 0);
}

static double
mean_luminance_of_opaque (const Image *img)
{
  double sum = 0;
  guint n = 0;

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      {
        const guint8 *p = pixel (img, x, y);

        if (p[3] == 255)
          {
            sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            n++;
          }
      }

  g_assert_cmpuint (n, >, 0);
  return sum / n;
}

static guint32
rgb_at (const Image *img,
        int          x,
        int          y)
{
  const guint8 *p = pixel (img, x, y);

  return p[0] | (p[1] << 8) | (p[2] << 16);
}

/* The colours that fill at least a tenth of the opaque pixels: with flat
 * shading, one per large visible face. */
static GHashTable *
face_colors (const Image *img)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  GHashTable *faces = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint opaque = 0;

  for (int y = 0; y < img->height; y++)
    for (int x = 0; x < img->width; x++)
      {
        gpointer rgb = GUINT_TO_POINTER (rgb_at (img, x, y));

        if (pixel (img, x, y)[3] != 255)
          continue;
        opaque++;
        g_hash_table_insert (counts, rgb,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, rgb)) + 1));
      }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > opaque / 10)
      g_hash_table_add (faces, key);

  return faces;
}

static FacetMesh *
cube_mesh (gboolean inside_out)
{
  g_autoptr(GArray) t = tris_new ();
  static const float origin[3] = { 0, 0, 0 };

  add_cube (t, origin, 10, inside_out);
  return mesh_from_tris (t);
}

static void
test_cube_corners_transparent_centre_opaque (void)
{
  g_autoptr(FacetMesh) mesh = cube_mesh (FALSE);
  g_auto(Image) img = { 0 };
  const int w = 96, h = 96;

  render (mesh, w, h, &img);

  g_assert_cmpuint (pixel (&img, 0, 0)[3], ==, 0);
  g_assert_cmpuint (pixel (&img, w - 1, 0)[3], ==, 0);
  g_assert_cmpuint (pixel (&img, 0, h - 1)[3], ==, 0);
  g_assert_cmpuint (pixel (&img, w - 1, h - 1)[3], ==, 0);
  g_assert_cmpuint (pixel (&img, w / 2, h / 2)[3], ==, 255);

  /* The fit leaves a margin: the border rows and columns are empty. */
  for (int i = 0; i < w; i++)
    {
      g_assert_cmpuint (pixel (&img, i, 0)[3], ==, 0);
      g_assert_cmpuint (pixel (&img, i, h - 1)[3], ==, 0);
      g_assert_cmpuint (pixel (&img, 0, i)[3], ==, 0);
      g_assert_cmpuint (pixel (&img, w - 1, i)[3], ==, 0);
    }
}

static void
test_cube_coverage_plausible (void)
{
  g_autoptr(FacetMesh) mesh = cube_mesh (FALSE);
  g_auto(Image) img = { 0 };
  double frac;

  render (mesh, 128, 128, &img);
  frac = coverage (&img);
  g_test_message ("cube covers %.3f of the image", frac);

  /* Any three-quarter view of a cube is a hexagon that fills between
   * roughly half and four fifths of its bounding box; fitted with a small
   * margin into a square, that is well inside this range. */
  g_assert_cmpfloat (frac, >, 0.35);
  g_assert_cmpfloat (frac, <, 0.80);
}

static void
test_cube_faces_shaded_differently (void)
{
  g_autoptr(FacetMesh) mesh = cube_mesh (FALSE);
  g_autoptr(GHashTable) faces = NULL;
  g_auto(Image) img = { 0 };

  render (mesh, 128, 128, &img);
  faces = face_colors (&img);

  /* A three-quarter view shows three faces; at least two must differ in
   * brightness, or the part would read as a flat silhouette. */
  g_assert_cmpuint (g_hash_table_size (faces), >=, 2);
}

static void
test_premultiplied (void)
{
  g_autoptr(GArray) t = tris_new ();
  g_autoptr(FacetMesh) mesh = NULL;
  g_auto(Image) img = { 0 };
  gboolean partial = FALSE;

  add_sphere (t, 5, 24, 48);
  mesh = mesh_from_tris (t);
  render (mesh, 64, 48, &img);
  assert_premultiplied (&img);

  /* Anti-aliasing: the silhouette has partly covered pixels. */
  for (int y = 0; y < img.height && !partial; y++)
    for (int x = 0; x < img.width && !partial; x++)
      partial = pixel (&img, x, y)[3] > 0 && pixel (&img, x, y)[3] < 255;
  g_assert_true (partial);
}

static void
test_sphere_round_and_centred (void)
{
  g_autoptr(GArray) t = tris_new ();
  g_autoptr(FacetMesh) mesh = NULL;
  g_auto(Image) img = { 0 };
  double sum_a = 0, cx = 0, cy = 0, radius, expected;
  const int w = 160, h = 120;

  add_sphere (t, 30, 48, 96);
  mesh = mesh_from_tris (t);
  render (mesh, w, h, &img);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double a = pixel (&img, x, y)[3];

        sum_a += a;
        cx += a * (x + 0.5);
        cy += a * (y + 0.5);
      }
  g_assert_cmpfloat (sum_a, >, 0);
  cx /= sum_a;
  cy /= sum_a;

  /* Centred in a wide image, despite the different aspect. */
  g_assert_cmpfloat (fabs (cx - w / 2.0), <, 1.0);
  g_assert_cmpfloat (fabs (cy - h / 2.0), <, 1.0);

  /* The silhouette of a sphere is a disc in any orthographic view: its
   * area gives the radius, and no covered pixel lies beyond it. */
  radius = sqrt (sum_a / 255.0 / G_PI);
  g_assert_cmpfloat (radius, >, 0.4 * h);
  g_assert_cmpfloat (radius, <, 0.5 * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double d = hypot (x + 0.5 - cx, y + 0.5 - cy);

        if (d > radius + 1.5)
          g_assert_cmpuint (pixel (&img, x, y)[3], ==, 0);
        if (d < radius - 1.5)
          g_assert_cmpuint (pixel (&img, x, y)[3], ==, 255);
      }

  /* And the image of a smooth sphere is not flat: light falls off. */
  expected = mean_luminance_of_opaque (&img);
  g_assert_cmpfloat (expected, >, 20);
  g_assert_cmpfloat (expected, <, 250);
}

static void
test_inside_out_is_darker (void)
{
  g_autoptr(FacetMesh) good = cube_mesh (FALSE);
  g_autoptr(FacetMesh) bad = cube_mesh (TRUE);
  g_auto(Image) a = { 0 };
  g_auto(Image) b = { 0 };

  render (good, 80, 80, &a);
  render (bad, 80, 80, &b);

  /* Same outline, but an inside-out part shows its back faces. */
  g_assert_cmpfloat (fabs (coverage (&a) - coverage (&b)), <, 1e-9);
  g_assert_cmpfloat (mean_luminance_of_opaque (&b), <, 0.75 * mean_luminance_of_opaque (&a));
}

static void
test_nonfinite_facets_skipped (void)
{
  g_autoptr(GArray) t = tris_new ();
  g_autoptr(FacetMesh) clean = cube_mesh (FALSE);
  g_autoptr(FacetMesh) dirty = NULL;
  g_auto(Image) a = { 0 };
  g_auto(Image) b = { 0 };
  static const float origin[3] = { 0, 0, 0 };
  float far[3] = { 1e30f, 0, 0 };
  float nan3[3] = { NAN, 0, 0 };
  float inf3[3] = { 0, INFINITY, 0 };
  float zero[3] = { 0, 0, 0 };

  /* Without the skip, the Inf would blow the fit up and the cube would
   * vanish; the NaN would poison the depth buffer. */
  add_cube (t, origin, 10, FALSE);
  tris_add (t, nan3, zero, far);
  tris_add (t, zero, inf3, zero);
  dirty = mesh_from_tris (t);

  render (clean, 64, 64, &a);
  render (dirty, 64, 64, &b);
  g_assert_cmpmem (a.pixels, a.stride * a.height, b.pixels, b.stride * b.height);
}

static void
test_degenerate_mesh_transparent (void)
{
  g_autoptr(GArray) points = tris_new ();
  g_autoptr(GArray) lines = tris_new ();
  g_autoptr(GArray) nonfinite = tris_new ();
  g_autoptr(FacetMesh) m1 = NULL;
  g_autoptr(FacetMesh) m2 = NULL;
  g_autoptr(FacetMesh) m3 = NULL;
  float p[3] = { 3, 4, 5 };
  float q[3] = { 6, 8, 10 };
  float r[3] = { 9, 12, 15 };
  float nan3[3] = { NAN, NAN, NAN };

  /* All vertices on one point; all facets on one line; nothing finite. */
  tris_add (points, p, p, p);
  tris_add (points, p, p, p);
  tris_add (lines, p, q, r);
  tris_add (lines, r, q, p);
  tris_add (nonfinite, nan3, p, q);
  m1 = mesh_from_tris (points);
  m2 = mesh_from_tris (lines);
  m3 = mesh_from_tris (nonfinite);

  for (int size = 1; size <= 33; size += 32)
    {
      g_auto(Image) i1 = { 0 };
      g_auto(Image) i2 = { 0 };
      g_auto(Image) i3 = { 0 };

      render (m1, size, size + 3, &i1);
      render (m2, size, size + 3, &i2);
      render (m3, size, size + 3, &i3);
      assert_fully_transparent (&i1);
      assert_fully_transparent (&i2);
      assert_fully_transparent (&i3);
    }
}

static void
test_tiny_image (void)
{
  g_autoptr(FacetMesh) mesh = cube_mesh (FALSE);
  g_auto(Image) img = { 0 };

  /* Even a single pixel shows that something is there. */
  render (mesh, 1, 1, &img);
  g_assert_cmpuint (img.stride, ==, 4);
  g_assert_cmpuint (pixel (&img, 0, 0)[3], >, 0);
  assert_premultiplied (&img);
}

static void
test_far_from_origin (void)
{
  g_autoptr(GArray) t = tris_new ();
  g_autoptr(FacetMesh) near = cube_mesh (FALSE);
  g_autoptr(FacetMesh) far = NULL;
  g_auto(Image) a = { 0 };
  g_auto(Image) b = { 0 };
  static const float offset[3] = { 5000, -7000, 3000 };

  /* The view is fitted to the part, wherever the file puts it. */
  add_cube (t, offset, 10, FALSE);
  far = mesh_from_tris (t);
  render (near, 64, 64, &a);
  render (far, 64, 64, &b);
  g_assert_cmpfloat (fabs (coverage (&a) - coverage (&b)), <, 0.01);
  g_assert_cmpuint (pixel (&b, 32, 32)[3], ==, 255);
}

static void
test_occlusion (void)
{
  g_autoptr(GArray) t = tris_new ();
  g_autoptr(GArray) t_swapped = tris_new ();
  g_autoptr(GArray) t_near = tris_new ();
  g_autoptr(GArray) t_far = tris_new ();
  g_autoptr(FacetMesh) both = NULL;
  g_autoptr(FacetMesh) swapped = NULL;
  g_autoptr(FacetMesh) near = NULL;
  g_autoptr(FacetMesh) far = NULL;
  g_autoptr(GHashTable) near_colors = NULL;
  g_autoptr(GHashTable) far_colors = NULL;
  g_auto(Image) a = { 0 };
  g_auto(Image) b = { 0 };
  g_auto(Image) n = { 0 };
  g_auto(Image) f = { 0 };
  static const float far_centre[3] = { 0, 0, 0 };
  /* Toward the camera (front, right, above), so on screen the two cubes
   * overlap around the middle of the image, and this one is nearer. */
  static const float near_centre[3] = { 25, -25, 25 };
  guint32 centre;

  /* The far cube is inside out, so its faces have other colours. */
  add_cube (t, far_centre, 10, TRUE);
  add_cube (t, near_centre, 10, FALSE);
  add_cube (t_swapped, near_centre, 10, FALSE);
  add_cube (t_swapped, far_centre, 10, TRUE);
  add_cube (t_near, near_centre, 10, FALSE);
  add_cube (t_far, far_centre, 10, TRUE);
  both = mesh_from_tris (t);
  swapped = mesh_from_tris (t_swapped);
  near = mesh_from_tris (t_near);
  far = mesh_from_tris (t_far);

  render (both, 64, 64, &a);
  render (swapped, 64, 64, &b);
  render (near, 64, 64, &n);
  render (far, 64, 64, &f);
  near_colors = face_colors (&n);
  far_colors = face_colors (&f);

  /* The z-buffer, not the file order, decides what is seen... */
  g_assert_cmpmem (a.pixels, a.stride * a.height, b.pixels, b.stride * b.height);

  /* ...and the nearer part is what shows where they overlap. */
  g_assert_cmpuint (pixel (&a, 32, 32)[3], ==, 255);
  centre = rgb_at (&a, 32, 32);
  g_assert_true (g_hash_table_contains (near_colors, GUINT_TO_POINTER (centre)));
  g_assert_false (g_hash_table_contains (far_colors, GUINT_TO_POINTER (centre)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/thumbnail/cube/corners-transparent-centre-opaque",
                   test_cube_corners_transparent_centre_opaque);
  g_test_add_func ("/thumbnail/cube/coverage-plausible", test_cube_coverage_plausible);
  g_test_add_func ("/thumbnail/cube/faces-shaded-differently", test_cube_faces_shaded_differently);
  g_test_add_func ("/thumbnail/cube/inside-out-is-darker", test_inside_out_is_darker);
  g_test_add_func ("/thumbnail/cube/far-from-origin-still-fitted", test_far_from_origin);
  g_test_add_func ("/thumbnail/depth/nearer-part-wins-in-any-order", test_occlusion);
  g_test_add_func ("/thumbnail/sphere/round-and-centred", test_sphere_round_and_centred);
  g_test_add_func ("/thumbnail/pixels/premultiplied-and-antialiased", test_premultiplied);
  g_test_add_func ("/thumbnail/nonfinite-facets-skipped", test_nonfinite_facets_skipped);
  g_test_add_func ("/thumbnail/degenerate-mesh-transparent", test_degenerate_mesh_transparent);
  g_test_add_func ("/thumbnail/tiny-image", test_tiny_image);

  return g_test_run ();
}
