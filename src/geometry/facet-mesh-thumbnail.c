/* facet-mesh-thumbnail.c: a software-rendered preview of a mesh
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An orthographic three-quarter view, z-buffered, flat-shaded per facet
 * (Lambert plus ambient under a soft key light), rendered at 2x2 samples per
 * pixel and averaged into premultiplied RGBA8 with a transparent background.
 *
 * Big meshes are mostly sub-pixel triangles at thumbnail sizes, so the inner
 * loop is shaped for them: vertices are snapped to a fixed-point grid, a
 * triangle whose bounding box holds no sample centre is dropped before any
 * other work, and its normal and shade are only computed once one of its
 * samples has passed the depth test.
 */
#define G_LOG_DOMAIN "facet-mesh-thumbnail"

#include "config.h"

#include <math.h>
#include <string.h>

#include "facet-mesh.h"

/* Samples per pixel along each axis. */
#define SS 2
/* Sub-sample precision of snapped vertices: 1/16 of a sample. Integer edge
 * functions make shared edges exact: no cracks, no double-drawn samples. */
#define SUBPIXEL_BITS 4
#define SUBPIXEL_ONE (1 << SUBPIXEL_BITS)
#define SUBPIXEL_HALF (SUBPIXEL_ONE / 2)
/* Thumbnails, not posters: bounds the sample buffers (8 bytes a sample). */
#define MAX_SIDE 4096

/* The view: azimuth 45° from the front, 30° above the horizon, Z up (the
 * usual orientation of a part on a printer bed). */
#define VIEW_AZIMUTH_DEG   45.0
#define VIEW_ELEVATION_DEG 30.0

typedef struct
{
  double right[3];   /* screen x, pointing right */
  double up[3];      /* screen y, pointing up */
  double toward[3];  /* depth, pointing toward the viewer */
} View;

typedef struct
{
  float r, g, b;
} Rgb;

/* GNOME blue (#62a0ea) pulled a little toward grey, so a part reads as a
 * calm object rather than a selection highlight. */
static const Rgb front_albedo = { 0.45f, 0.63f, 0.85f };
/* Back faces (inside-out parts, or the inside seen through a hole) get a
 * darker, greyer tone of the same hue, still shaded so their shape reads. */
static const Rgb back_albedo = { 0.24f, 0.28f, 0.36f };

static void
view_init (View *view)
{
  double az = VIEW_AZIMUTH_DEG * G_PI / 180.0;
  double el = VIEW_ELEVATION_DEG * G_PI / 180.0;
  double *c = view->toward;
  double *r = view->right;
  double *u = view->up;
  double len;

  /* The camera sits in front (-Y), to the right (+X) and above (+Z). */
  c[0] = cos (el) * sin (az);
  c[1] = -cos (el) * cos (az);
  c[2] = sin (el);

  /* right = forward × Z with forward = -toward */
  r[0] = -c[1];
  r[1] = c[0];
  r[2] = 0.0;
  len = sqrt (r[0] * r[0] + r[1] * r[1]);
  r[0] /= len;
  r[1] /= len;

  /* up = right × forward, so (right, up, toward) is right-handed */
  u[0] = -(r[1] * c[2] - r[2] * c[1]);
  u[1] = -(r[2] * c[0] - r[0] * c[2]);
  u[2] = -(r[0] * c[1] - r[1] * c[0]);
}

static inline gboolean
facet_is_finite (const float *v)
{
  /* Any NaN or Inf makes the sum non-finite; nine floats cannot overflow a
   * double. */
  double s = 0.0;

  for (int i = 0; i < 9; i++)
    s += v[i];

  return isfinite (s);
}

/* Shade of one facet from its view-space normal; front-facing when the
 * normal points toward the viewer. */
static guint32
shade_facet (double nx,
             double ny,
             double nz)
{
  /* Key light from the upper left, a little toward the viewer; a weak fill
   * from the lower right keeps the shadow side from going flat. */
  static const double key[3] = { -0.4364, 0.7274, 0.5292 };
  static const double fill[3] = { 0.5774, -0.5774, 0.5774 };
  const Rgb *albedo = &front_albedo;
  double len = sqrt (nx * nx + ny * ny + nz * nz);
  double k, f, light;
  guint32 r, g, b;

  if (nz < 0)
    {
      albedo = &back_albedo;
      nx = -nx;
      ny = -ny;
      nz = -nz;
    }

  if (len > 0)
    {
      nx /= len;
      ny /= len;
      nz /= len;
    }

  /* "Wrapped" Lambert: a soft light that reaches a little past 90°. */
  k = (nx * key[0] + ny * key[1] + nz * key[2] + 0.25) / 1.25;
  f = nx * fill[0] + ny * fill[1] + nz * fill[2];
  light = 0.36 + 0.66 * MAX (k, 0.0) + 0.15 * MAX (f, 0.0);
  light = MIN (light, 1.0);

  r = (guint32) (albedo->r * light * 255.0 + 0.5);
  g = (guint32) (albedo->g * light * 255.0 + 0.5);
  b = (guint32) (albedo->b * light * 255.0 + 0.5);

  /* Unpacked channel by channel in resolve(); alpha 255 marks a covered
   * sample, so 0 can mean "not shaded yet". */
  return r | (g << 8) | (b << 16) | (255u << 24);
}

/* The facet's normal in view space, from its world-space cross product (a
 * rotation keeps cross products); FALSE when the facet has zero area. */
static gboolean
facet_normal (const View  *view,
              const float *v,
              double       n[3])
{
  double ux = (double) v[3] - v[0], uy = (double) v[4] - v[1], uz = (double) v[5] - v[2];
  double wx = (double) v[6] - v[0], wy = (double) v[7] - v[1], wz = (double) v[8] - v[2];
  double nx = uy * wz - uz * wy;
  double ny = uz * wx - ux * wz;
  double nz = ux * wy - uy * wx;

  if (nx == 0 && ny == 0 && nz == 0)
    return FALSE;

  n[0] = nx * view->right[0] + ny * view->right[1] + nz * view->right[2];
  n[1] = nx * view->up[0] + ny * view->up[1] + nz * view->up[2];
  n[2] = nx * view->toward[0] + ny * view->toward[1] + nz * view->toward[2];
  return TRUE;
}

typedef struct
{
  int       sw, sh;      /* sample grid */
  float    *depth;       /* toward the viewer is larger; -inf is empty */
  guint32  *color;       /* 0 is empty */
} Target;

static inline gboolean
edge_is_top_left (gint64 ax,
                  gint64 ay,
                  gint64 bx,
                  gint64 by)
{
  /* Winding is clockwise on screen (y down) after normalisation below: a
   * top edge is horizontal going right, a left edge goes up. */
  return (ay == by && bx > ax) || (by < ay);
}

static void
raster_triangle (Target       *t,
                 const View   *view,
                 const float  *v,
                 const gint32  X[3],
                 const gint32  Y[3],
                 const float   Z[3])
{
  gint32 minx, maxx, miny, maxy;
  int x0, x1, y0, y1;
  gint64 area;
  int a = 0, b = 1, c = 2;
  gint64 e_a_x, e_a_y, e_b_x, e_b_y, e_c_x, e_c_y;
  gint64 bias_a, bias_b, bias_c;
  gint64 row_a, row_b, row_c;
  gint64 px, py;
  double inv_area;
  guint32 color = 0;

  minx = MIN (X[0], MIN (X[1], X[2]));
  maxx = MAX (X[0], MAX (X[1], X[2]));
  miny = MIN (Y[0], MIN (Y[1], Y[2]));
  maxy = MAX (Y[0], MAX (Y[1], Y[2]));

  /* Sample i has its centre at i * ONE + HALF. */
  x0 = (minx - SUBPIXEL_HALF + SUBPIXEL_ONE - 1) >> SUBPIXEL_BITS;
  x1 = (maxx - SUBPIXEL_HALF) >> SUBPIXEL_BITS;
  if (x0 > x1)
    return;
  y0 = (miny - SUBPIXEL_HALF + SUBPIXEL_ONE - 1) >> SUBPIXEL_BITS;
  y1 = (maxy - SUBPIXEL_HALF) >> SUBPIXEL_BITS;
  if (y0 > y1)
    return;

  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, t->sw - 1);
  y1 = MIN (y1, t->sh - 1);
  if (x0 > x1 || y0 > y1)
    return;

  area = (gint64) (X[1] - X[0]) * (Y[2] - Y[0]) - (gint64) (X[2] - X[0]) * (Y[1] - Y[0]);
  if (area == 0)
    return;
  if (area < 0)
    {
      b = 2;
      c = 1;
      area = -area;
    }

  /* Edge function of the edge opposite vertex v, evaluated at p:
   * (p - start) × (end - start); positive inside for this winding. */
#define EDGE_SETUP(v, s, e)                                            \
  e_##v##_x = (gint64) Y[s] - Y[e];                                    \
  e_##v##_y = (gint64) X[e] - X[s];                                    \
  bias_##v = edge_is_top_left (X[s], Y[s], X[e], Y[e]) ? 0 : -1;

  EDGE_SETUP (a, b, c);
  EDGE_SETUP (b, c, a);
  EDGE_SETUP (c, a, b);
#undef EDGE_SETUP

  px = ((gint64) x0 << SUBPIXEL_BITS) + SUBPIXEL_HALF;
  py = ((gint64) y0 << SUBPIXEL_BITS) + SUBPIXEL_HALF;
  row_a = e_a_x * (px - X[b]) + e_a_y * (py - Y[b]) + bias_a;
  row_b = e_b_x * (px - X[c]) + e_b_y * (py - Y[c]) + bias_b;
  row_c = e_c_x * (px - X[a]) + e_c_y * (py - Y[a]) + bias_c;
  inv_area = 1.0 / (double) area;

  for (int y = y0; y <= y1; y++)
    {
      gint64 wa = row_a, wb = row_b, wc = row_c;
      float *depth = t->depth + (gsize) y * t->sw;
      guint32 *out = t->color + (gsize) y * t->sw;

      for (int x = x0; x <= x1; x++)
        {
          if ((wa | wb | wc) >= 0)
            {
              /* Barycentric weights, unbiased, for the depth plane. */
              double la = (double) (wa - bias_a) * inv_area;
              double lb = (double) (wb - bias_b) * inv_area;
              float z = (float) (la * Z[a] + lb * Z[b] + (1.0 - la - lb) * Z[c]);

              if (z > depth[x])
                {
                  if (color == 0)
                    {
                      double n[3];

                      /* A facet of zero area in the file (snapping may
                       * have given it a sliver on screen) is not drawn. */
                      if (!facet_normal (view, v, n))
                        return;
                      color = shade_facet (n[0], n[1], n[2]);
                    }
                  depth[x] = z;
                  out[x] = color;
                }
            }
          wa += e_a_x * SUBPIXEL_ONE;
          wb += e_b_x * SUBPIXEL_ONE;
          wc += e_c_x * SUBPIXEL_ONE;
        }

      row_a += e_a_y * SUBPIXEL_ONE;
      row_b += e_b_y * SUBPIXEL_ONE;
      row_c += e_c_y * SUBPIXEL_ONE;
    }
}

/* Average each SS×SS block of samples into one premultiplied pixel: empty
 * samples are all-zero, covered ones have alpha 255, so plain channel sums
 * give premultiplied colour with every channel ≤ alpha. */
static void
resolve (const Target *t,
         guint8       *pixels,
         int           width,
         int           height,
         gsize         stride)
{
  for (int y = 0; y < height; y++)
    {
      guint8 *dst = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++)
        {
          guint32 sum[4] = { 0, 0, 0, 0 };

          for (int sy = 0; sy < SS; sy++)
            {
              const guint32 *src = t->color + (gsize) (y * SS + sy) * t->sw + (gsize) x * SS;

              for (int sx = 0; sx < SS; sx++)
                {
                  guint32 c = src[sx];

                  sum[0] += c & 0xff;
                  sum[1] += (c >> 8) & 0xff;
                  sum[2] += (c >> 16) & 0xff;
                  sum[3] += c >> 24;
                }
            }

          for (int i = 0; i < 4; i++)
            dst[x * 4 + i] = (guint8) ((sum[i] + (SS * SS) / 2) / (SS * SS));
        }
    }
}

/**
 * facet_mesh_render_thumbnail:
 * @self: a #FacetMesh
 * @width: image width in pixels, 1 to 4096
 * @height: image height in pixels, 1 to 4096
 * @stride: (out) (optional): the length of a row in bytes
 *
 * Renders a shaded, orthographic three-quarter view of the mesh, fitted to
 * the image with a small margin. Facets with non-finite coordinates are
 * left out; a mesh with nothing visible gives a fully transparent image.
 *
 * Returns: (transfer full): premultiplied RGBA8 pixels; free with g_free()
 */
guint8 *
facet_mesh_render_thumbnail (FacetMesh *self,
                             int        width,
                             int        height,
                             gsize     *stride)
{
  g_autofree float *depth = NULL;
  g_autofree guint32 *color = NULL;
  const float *verts;
  guint64 n_triangles;
  gsize row_stride, n_samples;
  guint8 *pixels;
  View view;
  Target target;
  double lo[3] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };
  double hi[3] = { -G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double scale, margin, avail_w, avail_h, ext_w, ext_h, off_x, off_y, mid_z;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (width > 0 && width <= MAX_SIDE, NULL);
  g_return_val_if_fail (height > 0 && height <= MAX_SIDE, NULL);

  row_stride = (gsize) width * 4;
  if (stride != NULL)
    *stride = row_stride;
  pixels = g_malloc0 (row_stride * height);

  n_triangles = facet_mesh_get_n_triangles (self);
  verts = facet_mesh_get_vertices (self);
  if (n_triangles == 0 || verts == NULL)
    return pixels;

  view_init (&view);

  /* First pass: the extent of the projected mesh, to fit it. */
  for (guint64 i = 0; i < n_triangles; i++)
    {
      const float *v = verts + i * 9;

      if (!facet_is_finite (v))
        continue;

      any = TRUE;
      for (int k = 0; k < 3; k++)
        {
          double x = v[k * 3], y = v[k * 3 + 1], z = v[k * 3 + 2];
          double sx = x * view.right[0] + y * view.right[1];
          double sy = x * view.up[0] + y * view.up[1] + z * view.up[2];
          double sz = x * view.toward[0] + y * view.toward[1] + z * view.toward[2];

          lo[0] = MIN (lo[0], sx);
          hi[0] = MAX (hi[0], sx);
          lo[1] = MIN (lo[1], sy);
          hi[1] = MAX (hi[1], sy);
          lo[2] = MIN (lo[2], sz);
          hi[2] = MAX (hi[2], sz);
        }
    }

  if (!any)
    return pixels;

  ext_w = hi[0] - lo[0];
  ext_h = hi[1] - lo[1];
  /* A point or a line seen edge-on covers nothing. */
  if (!(ext_w > 0 || ext_h > 0) || !isfinite (ext_w) || !isfinite (ext_h))
    return pixels;

  target.sw = width * SS;
  target.sh = height * SS;
  margin = 0.06 * MIN (target.sw, target.sh);
  avail_w = MAX (target.sw - 2 * margin, 1.0);
  avail_h = MAX (target.sh - 2 * margin, 1.0);
  if (ext_w > 0 && ext_h > 0)
    scale = MIN (avail_w / ext_w, avail_h / ext_h);
  else
    scale = ext_w > 0 ? avail_w / ext_w : avail_h / ext_h;
  if (!isfinite (scale) || scale <= 0)
    return pixels;

  /* Centre the projected box; sample y grows downward. */
  off_x = target.sw / 2.0 - scale * (lo[0] + hi[0]) / 2.0;
  off_y = target.sh / 2.0 + scale * (lo[1] + hi[1]) / 2.0;
  /* Depth relative to the middle, so float keeps its precision for a part
   * placed far from the origin. */
  mid_z = (lo[2] + hi[2]) / 2.0;

  n_samples = (gsize) target.sw * target.sh;
  depth = g_new (float, n_samples);
  color = g_new0 (guint32, n_samples);
  for (gsize i = 0; i < n_samples; i++)
    depth[i] = -INFINITY;
  target.depth = depth;
  target.color = color;

  /* Second pass: rasterise. */
  for (guint64 i = 0; i < n_triangles; i++)
    {
      const float *v = verts + i * 9;
      gint32 X[3], Y[3];
      float Z[3];

      if (!facet_is_finite (v))
        continue;

      for (int k = 0; k < 3; k++)
        {
          double x = v[k * 3], y = v[k * 3 + 1], z = v[k * 3 + 2];
          double sx = x * view.right[0] + y * view.right[1];
          double sy = x * view.up[0] + y * view.up[1] + z * view.up[2];
          double sz = x * view.toward[0] + y * view.toward[1] + z * view.toward[2];

          /* Inside the sample grid by construction, so positive. */
          X[k] = (gint32) ((off_x + sx * scale) * SUBPIXEL_ONE + 0.5);
          Y[k] = (gint32) ((off_y - sy * scale) * SUBPIXEL_ONE + 0.5);
          Z[k] = (float) ((sz - mid_z) * scale);
        }

      raster_triangle (&target, &view, v, X, Y, Z);
    }

  resolve (&target, pixels, width, height, row_stride);

  return pixels;
}
