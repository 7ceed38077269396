/* stl-fixtures.h: meshes made up by the geometry tests, and writers for them
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mesh here is a GArray of floats, 9 per triangle, as FacetMesh stores
 * them. Everything is written into a temporary directory that
 * fixture_cleanup() removes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  FIXTURE_ASCII_UPPERCASE   = 1 << 0,  /* SOLID, FACET NORMAL, ... */
  FIXTURE_ASCII_CRLF        = 1 << 1,
  FIXTURE_ASCII_NO_ENDSOLID = 1 << 2,
  FIXTURE_ASCII_TWO_SOLIDS  = 1 << 3,  /* the facets split over two solid blocks */
  FIXTURE_ASCII_BOM         = 1 << 4,
} FixtureAsciiFlags;

GArray *fixture_mesh_new          (void);
void    fixture_add_triangle      (GArray       *mesh,
                                   float x0, float y0, float z0,
                                   float x1, float y1, float z1,
                                   float x2, float y2, float z2);
/* An axis-aligned cube, facets facing out, 12 triangles. */
void    fixture_add_cube          (GArray       *mesh,
                                   double        x,
                                   double        y,
                                   double        z,
                                   double        size);
/* A sphere of 20 × 4^level triangles; shared vertices are bit-identical. */
void    fixture_add_icosphere     (GArray       *mesh,
                                   int           level,
                                   double        cx,
                                   double        cy,
                                   double        cz,
                                   double        radius);
/* Swaps two vertices of triangle i: it then faces the other way. */
void    fixture_flip_triangle     (GArray       *mesh,
                                   guint         i);
void    fixture_remove_triangle   (GArray       *mesh,
                                   guint         i);
guint   fixture_n_triangles       (GArray       *mesh);

/* A fresh temporary directory for the test program; the path of a file in it. */
char   *fixture_path              (const char   *name);
void    fixture_cleanup           (void);

/* @header: NULL for a plain one; @count: the count to announce, or -1 for
 * the real one. */
char   *fixture_write_binary      (const char   *name,
                                   GArray       *mesh,
                                   const char   *header,
                                   gint64        count);
char   *fixture_write_ascii       (const char   *name,
                                   GArray       *mesh,
                                   FixtureAsciiFlags flags);
char   *fixture_write_text        (const char   *name,
                                   const char   *text,
                                   gssize        len);
GBytes *fixture_binary_bytes      (GArray       *mesh,
                                   const char   *header,
                                   gint64        count);

/* References in long double, translated by (cx, cy, cz) first (exact for
 * float coordinates and small integer centres), so that a mesh far from
 * the origin does not lose digits in the reference itself. */
long double fixture_volume_reference (GArray *mesh,
                                      double  cx,
                                      double  cy,
                                      double  cz);
long double fixture_area_reference   (GArray *mesh);

G_END_DECLS
