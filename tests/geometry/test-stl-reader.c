/* test-stl-reader.c: loading binary and ASCII STL
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "facet-mesh.h"
#include "stl-fixtures.h"

static GArray *
cube_mesh (void)
{
  GArray *mesh = fixture_mesh_new ();

  fixture_add_cube (mesh, 0, 0, 0, 20);
  return mesh;
}

static void
assert_same_vertices (FacetMesh *mesh,
                      GArray    *expected)
{
  g_assert_cmpuint (facet_mesh_get_n_triangles (mesh), ==, fixture_n_triangles (expected));
  g_assert_cmpmem (facet_mesh_get_vertices (mesh), expected->len * sizeof (float),
                   expected->data, expected->len * sizeof (float));
}

static FacetMesh *
load_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  FacetMesh *mesh = facet_mesh_load_file (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mesh);
  return mesh;
}

static GError *
load_error (const char *path)
{
  GError *error = NULL;
  g_autoptr(FacetMesh) mesh = facet_mesh_load_file (path, NULL, NULL, NULL, &error);

  g_assert_null (mesh);
  g_assert_nonnull (error);
  g_assert_true (error->domain == FACET_MESH_ERROR);
  return error;
}

static void
test_binary_cube (void)
{
  g_autoptr(GArray) cube = cube_mesh ();
  g_autofree char *path = fixture_write_binary ("cube.stl", cube, NULL, -1);
  g_autoptr(FacetMesh) mesh = load_ok (path);
  FacetMeshFormat format = FACET_MESH_FORMAT_ASCII;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (facet_mesh_get_format (mesh), ==, FACET_MESH_FORMAT_BINARY);
  assert_same_vertices (mesh, cube);

  g_assert_true (facet_mesh_sniff_file (path, &format, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, FACET_MESH_FORMAT_BINARY);
}

/* Many exporters write "solid" at the start of the binary header. */
static void
test_binary_header_solid (void)
{
  g_autoptr(GArray) cube = cube_mesh ();
  g_autofree char *path = fixture_write_binary ("solid-header.stl", cube,
                                                "solid cube exported by a CAD program", -1);
  g_autoptr(FacetMesh) mesh = load_ok (path);

  g_assert_cmpint (facet_mesh_get_format (mesh), ==, FACET_MESH_FORMAT_BINARY);
  assert_same_vertices (mesh, cube);
}

static void
test_binary_truncated (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autoptr(GBytes) full = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture_add_icosphere (sphere, 3, 0, 0, 0, 10);   /* 1280 triangles */
  full = fixture_binary_bytes (sphere, NULL, 1000);
  /* The header says 1000, the bytes hold 412 and a half. */
  path = fixture_write_text ("truncated.stl", g_bytes_get_data (full, NULL), 84 + 50 * 412 + 17);

  error = load_error (path);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "1000"));
  g_assert_nonnull (strstr (error->message, "412"));
  g_clear_error (&error);

  g_assert_false (facet_mesh_sniff_file (path, NULL, &error));
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TRUNCATED);
}

/* Padding after the facets is ignored; a count of 0 with whole facets
 * after it (some exporters) is read from the size. */
static void
test_binary_lenient_sizes (void)
{
  g_autoptr(GArray) cube = cube_mesh ();
  g_autoptr(GBytes) bytes = fixture_binary_bytes (cube, NULL, -1);
  g_autoptr(GBytes) zero = fixture_binary_bytes (cube, NULL, 0);
  GByteArray *padded = g_byte_array_new ();
  g_autofree char *path = NULL, *path_zero = NULL;
  g_autoptr(FacetMesh) mesh = NULL, mesh_zero = NULL;

  g_byte_array_append (padded, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_byte_array_append (padded, (const guint8 *) "\0\0\0\0\0\0\0", 7);
  path = fixture_write_text ("padded.stl", (const char *) padded->data, padded->len);
  g_byte_array_unref (padded);
  mesh = load_ok (path);
  assert_same_vertices (mesh, cube);

  path_zero = fixture_write_text ("count-zero.stl", g_bytes_get_data (zero, NULL), g_bytes_get_size (zero));
  mesh_zero = load_ok (path_zero);
  assert_same_vertices (mesh_zero, cube);
}

static void
test_ascii_matches_binary (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autofree char *bin = NULL, *ascii = NULL;
  g_autoptr(FacetMesh) from_bin = NULL, from_ascii = NULL;
  FacetMeshFormat format = FACET_MESH_FORMAT_BINARY;
  g_autoptr(GError) error = NULL;

  /* Coordinates with all their digits: parsing must be exact. */
  fixture_add_icosphere (sphere, 4, 12.345, -67.89, 1000.5, 33.3);
  bin = fixture_write_binary ("sphere.stl", sphere, NULL, -1);
  ascii = fixture_write_ascii ("sphere-ascii.stl", sphere, 0);

  from_bin = load_ok (bin);
  from_ascii = load_ok (ascii);
  g_assert_cmpint (facet_mesh_get_format (from_ascii), ==, FACET_MESH_FORMAT_ASCII);
  assert_same_vertices (from_ascii, sphere);
  assert_same_vertices (from_bin, sphere);

  g_assert_true (facet_mesh_sniff_file (ascii, &format, &error));
  g_assert_cmpint (format, ==, FACET_MESH_FORMAT_ASCII);
}

static void
test_ascii_variants (void)
{
  static const struct { const char *name; FixtureAsciiFlags flags; } variants[] = {
    { "upper.stl", FIXTURE_ASCII_UPPERCASE },
    { "crlf.stl", FIXTURE_ASCII_CRLF },
    { "upper-crlf.stl", FIXTURE_ASCII_UPPERCASE | FIXTURE_ASCII_CRLF },
    { "no-endsolid.stl", FIXTURE_ASCII_NO_ENDSOLID },
    { "two-solids.stl", FIXTURE_ASCII_TWO_SOLIDS },
    { "two-solids-no-end.stl", FIXTURE_ASCII_TWO_SOLIDS | FIXTURE_ASCII_NO_ENDSOLID | FIXTURE_ASCII_CRLF },
    { "bom.stl", FIXTURE_ASCII_BOM },
  };
  g_autoptr(GArray) cube = cube_mesh ();

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = fixture_write_ascii (variants[i].name, cube, variants[i].flags);
      g_autoptr(FacetMesh) mesh = load_ok (path);

      g_test_message ("%s", variants[i].name);
      g_assert_cmpint (facet_mesh_get_format (mesh), ==, FACET_MESH_FORMAT_ASCII);
      assert_same_vertices (mesh, cube);
    }
}

/* Odd but valid layouts: a solid on one line, no normal keyword values
 * spread over lines, tabs, no name. */
static void
test_ascii_layout (void)
{
  const char *text =
    "solid\n"
    "facet normal 0 0 0 outer loop vertex 0 0 0 vertex 1 0 0 vertex 0 1 0 endloop endfacet\n"
    "\tFacet Normal\t0\n0\n0\n  OUTER\tloop\n vertex +1.5e+0 -0.0 .25\n vertex 2. 1E1 1e-3\n"
    " vertex 0.000000e+00 1.000000e+00 -2.500000E-01 endloop endfacet endsolid name with words\n"
    "solid again facet outer loop vertex 1 2 3 vertex 4 5 6 vertex 7 8 9 endloop endfacet\n"
    /* Normals are not kept; old exporters wrote these. */
    "solid  facet normal -1.#IND00 nan 1.#QNAN0\nouter loop vertex 1 1 1 vertex 2 2 2 vertex 3 3 3"
    " endloop endfacet\n";
  const float expected[] = {
    0, 0, 0, 1, 0, 0, 0, 1, 0,
    1.5f, -0.0f, 0.25f, 2, 10, 0.001f, 0, 1, -0.25f,
    1, 2, 3, 4, 5, 6, 7, 8, 9,
    1, 1, 1, 2, 2, 2, 3, 3, 3,
  };
  g_autofree char *path = fixture_write_text ("layout.stl", text, -1);
  g_autoptr(FacetMesh) mesh = load_ok (path);

  g_assert_cmpuint (facet_mesh_get_n_triangles (mesh), ==, 4);
  g_assert_cmpmem (facet_mesh_get_vertices (mesh), sizeof expected, expected, sizeof expected);
  /* -0.0 is kept as written. */
  g_assert_true (signbit (facet_mesh_get_vertices (mesh)[10]));
}

/* Numbers in every form an exporter prints, against strtof in the C
 * locale. */
static void
test_ascii_numbers_exact (void)
{
  static const char *formats[] = { "%.9g", "%.17g", "%f", "%e", "%.3f", "%.12e", "%.1f" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GString *text = g_string_new ("solid numbers\n");
  g_autoptr(GArray) expected = fixture_mesh_new ();
  g_autofree char *path = NULL;
  g_autoptr(FacetMesh) mesh = NULL;
  char *saved_locale = g_strdup (setlocale (LC_NUMERIC, NULL));

  setlocale (LC_NUMERIC, "C");
  for (guint t = 0; t < 3000; t++)
    {
      g_string_append (text, "facet normal 0 0 0\nouter loop\n");
      for (int k = 0; k < 3; k++)
        {
          g_string_append (text, "vertex");
          for (int j = 0; j < 3; j++)
            {
              double mag = pow (10.0, g_rand_double_range (rand, -8, 8));
              double x = g_rand_double_range (rand, -1, 1) * mag;
              char buf[128];
              float f;

              /* Exact midpoints between floats, the hard case of rounding. */
              if (t % 7 == 0)
                x = (double) (float) x + ldexp (1.0, ilogb ((float) x) - 24);
              g_snprintf (buf, sizeof buf, formats[(t * 3 + j) % G_N_ELEMENTS (formats)], x);
              f = strtof (buf, NULL);
              g_array_append_val (expected, f);
              g_string_append_c (text, ' ');
              g_string_append (text, buf);
            }
          g_string_append_c (text, '\n');
        }
      g_string_append (text, "endloop\nendfacet\n");
    }
  g_string_append (text, "endsolid numbers\n");
  setlocale (LC_NUMERIC, saved_locale);
  g_free (saved_locale);

  path = fixture_write_text ("numbers.stl", text->str, text->len);
  g_string_free (text, TRUE);
  mesh = load_ok (path);
  assert_same_vertices (mesh, expected);
}

static void
assert_syntax_error (const char *name,
                     const char *text,
                     guint       line)
{
  g_autofree char *path = fixture_write_text (name, text, -1);
  g_autoptr(GError) error = load_error (path);
  g_autofree char *where = g_strdup_printf ("%u", line);

  g_test_message ("%s: %s", name, error->message);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, where));
}

static void
test_ascii_syntax_errors (void)
{
  assert_syntax_error ("vertx.stl",
                       "solid x\n"
                       " facet normal 0 0 1\n"
                       "  outer loop\n"
                       "   vertex 0 0 0\n"
                       "   vertex 1 0 0\n"
                       "   vertx 0 1 0\n"
                       "  endloop\n"
                       " endfacet\n"
                       "endsolid x\n", 6);
  assert_syntax_error ("bad-number.stl",
                       "solid x\r\n facet normal 0 0 1\r\n  outer loop\r\n   vertex 0 0 0\r\n"
                       "   vertex 1 0 zero\r\n", 5);
  assert_syntax_error ("four-vertices.stl",
                       "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\n\n\nvertex 1 1 0\nendloop\nendfacet\nendsolid\n", 9);
  assert_syntax_error ("cut-short.stl",
                       "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n", 5);
  assert_syntax_error ("garbage-after.stl",
                       "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\nendloop\nendfacet\nendsolid x\nsomething else\n", 10);
  assert_syntax_error ("no-normal-values.stl",
                       "solid x\nfacet normal\n  outer loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\nendloop\nendfacet\n", 3);
  assert_syntax_error ("nul-byte.stl",
                       "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\n"
                       "vertex 0 1 0\nendloop\nendfacet\nfacet\n\x01\n", 10);
}

static void
test_empty (void)
{
  g_autofree char *empty = fixture_write_text ("empty.stl", "", 0);
  g_autofree char *no_facets = fixture_write_text ("no-facets.stl", "solid nothing\nendsolid nothing\n", -1);
  g_autoptr(GArray) none = fixture_mesh_new ();
  g_autofree char *binary_none = fixture_write_binary ("binary-none.stl", none, NULL, -1);
  g_autoptr(GError) error = NULL;

  error = load_error (empty);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY);
  g_clear_error (&error);
  error = load_error (no_facets);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY);
  g_clear_error (&error);
  error = load_error (binary_none);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY);
}

static void
test_not_stl (void)
{
  guint8 noise[3000];
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *text = fixture_write_text ("notes.stl", "These are not the triangles you are looking for.\n", -1);
  g_autofree char *noise_path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *short_bin = fixture_write_text ("short.stl", "\x01\x02\x03", 3);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  noise_path = fixture_write_text ("noise.stl", (const char *) noise, sizeof noise);
  memcpy (noise, "\x89PNG\r\n\x1a\n", 8);
  png = fixture_write_text ("picture.stl", (const char *) noise, sizeof noise);

  error = load_error (text);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL);
  g_clear_error (&error);
  error = load_error (noise_path);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL);
  g_clear_error (&error);
  error = load_error (png);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL);
  g_clear_error (&error);
  error = load_error (short_bin);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL);
  g_clear_error (&error);

  g_assert_false (facet_mesh_sniff_file (png, NULL, &error));
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL);
}

static void
test_io_error_names_file (void)
{
  g_autofree char *missing = fixture_path ("does-not-exist.stl");
  g_autofree char *dir = fixture_path ("a-directory.stl");
  g_autoptr(GError) error = NULL;

  error = load_error (missing);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "does-not-exist.stl"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  error = load_error (dir);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "a-directory.stl"));
  g_rmdir (dir);
}

/* A sparse file whose size matches a header of 2^32 - 1 triangles: more
 * than memory can hold, refused before anything is allocated or read. */
static void
test_too_large (void)
{
  g_autofree char *path = fixture_path ("huge.stl");
  guint8 header[84] = { 0, };
  g_autoptr(GError) error = NULL;
  int fd;

  header[80] = header[81] = header[82] = header[83] = 0xff;
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, header, sizeof header), ==, sizeof header);
  if (ftruncate (fd, 84 + 50 * (off_t) G_MAXUINT32) != 0)
    {
      g_test_message ("ftruncate: %s", g_strerror (errno));
      g_test_skip ("no sparse files in the temporary directory");
      close (fd);
      return;
    }
  close (fd);

  error = load_error (path);
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TOO_LARGE);
}

static void
test_load_bytes (void)
{
  g_autoptr(GArray) cube = cube_mesh ();
  g_autoptr(GBytes) bytes = fixture_binary_bytes (cube, "solid binary", -1);
  static const char ascii_text[] = "solid t\nfacet normal 0 0 0\nouter loop\nvertex 1 2 3\n"
                                   "vertex 4 5 6\nvertex 7 8 9\nendloop\nendfacet\n";
  g_autoptr(GBytes) text = g_bytes_new_static (ascii_text, sizeof ascii_text - 1);
  g_autoptr(GBytes) trunc = g_bytes_new_from_bytes (bytes, 0, 84 + 50 * 3);
  g_autoptr(FacetMesh) mesh = NULL, ascii = NULL;
  g_autoptr(GError) error = NULL;

  mesh = facet_mesh_load_bytes (bytes, &error);
  g_assert_no_error (error);
  assert_same_vertices (mesh, cube);

  ascii = facet_mesh_load_bytes (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facet_mesh_get_n_triangles (ascii), ==, 1);
  g_assert_cmpfloat (facet_mesh_get_vertices (ascii)[8], ==, 9.0f);

  g_assert_null (facet_mesh_load_bytes (trunc, &error));
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TRUNCATED);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         calls;
} ProgressState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressState *s = user_data;

  g_assert_cmpfloat (fraction, >=, s->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  s->last = fraction;
  s->calls++;
  if (s->cancellable != NULL && fraction >= s->cancel_at)
    g_cancellable_cancel (s->cancellable);
}

static void
test_progress (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autofree char *bin = NULL, *ascii = NULL;
  const char *paths[2];

  fixture_add_icosphere (sphere, 6, 0, 0, 0, 50);   /* 81920 triangles */
  bin = fixture_write_binary ("progress.stl", sphere, NULL, -1);
  ascii = fixture_write_ascii ("progress-ascii.stl", sphere, 0);
  paths[0] = bin;
  paths[1] = ascii;

  for (guint i = 0; i < 2; i++)
    {
      ProgressState state = { NULL, 0, 0, 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(FacetMesh) mesh = facet_mesh_load_file (paths[i], on_progress, &state, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (facet_mesh_get_n_triangles (mesh), ==, 81920);
      g_assert_cmpfloat (state.last, ==, 1.0);
      g_assert_cmpuint (state.calls, >=, 2);
      g_assert_cmpuint (state.calls, <=, 101);
    }
}

static void
test_cancel (void)
{
  g_autoptr(GArray) sphere = fixture_mesh_new ();
  g_autofree char *bin = NULL, *ascii = NULL;
  const char *paths[2];

  fixture_add_icosphere (sphere, 6, 0, 0, 0, 50);
  bin = fixture_write_binary ("cancel.stl", sphere, NULL, -1);
  ascii = fixture_write_ascii ("cancel-ascii.stl", sphere, 0);
  paths[0] = bin;
  paths[1] = ascii;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      ProgressState state = { cancellable, 0.3, 0, 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(FacetMesh) mesh = NULL;
      g_autoptr(FacetMeshReport) report = NULL;

      /* Cancelled half way. */
      mesh = facet_mesh_load_file (paths[i], on_progress, &state, cancellable, &error);
      g_assert_null (mesh);
      g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED);
      g_assert_cmpfloat (state.last, <, 1.0);
      g_clear_error (&error);

      /* Cancelled before it starts. */
      report = facet_mesh_measure_file (paths[i], NULL, NULL, cancellable, &error);
      g_assert_null (report);
      g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED);
    }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/stl/binary/cube-loads-exactly", test_binary_cube);
  g_test_add_func ("/stl/binary/header-starting-with-solid-is-binary", test_binary_header_solid);
  g_test_add_func ("/stl/binary/truncated-says-how-many", test_binary_truncated);
  g_test_add_func ("/stl/binary/padding-and-zero-count-accepted", test_binary_lenient_sizes);
  g_test_add_func ("/stl/ascii/same-vertices-as-binary", test_ascii_matches_binary);
  g_test_add_func ("/stl/ascii/case-crlf-endsolid-blocks-bom", test_ascii_variants);
  g_test_add_func ("/stl/ascii/free-layout", test_ascii_layout);
  g_test_add_func ("/stl/ascii/numbers-parse-like-strtof", test_ascii_numbers_exact);
  g_test_add_func ("/stl/ascii/syntax-error-names-line", test_ascii_syntax_errors);
  g_test_add_func ("/stl/empty-file-and-no-facets", test_empty);
  g_test_add_func ("/stl/not-stl-refused", test_not_stl);
  g_test_add_func ("/stl/io-error-names-file", test_io_error_names_file);
  g_test_add_func ("/stl/too-large-refused-before-allocating", test_too_large);
  g_test_add_func ("/stl/bytes-load-like-files", test_load_bytes);
  g_test_add_func ("/stl/progress-reaches-one", test_progress);
  g_test_add_func ("/stl/cancel-stops-loading", test_cancel);

  ret = g_test_run ();
  fixture_cleanup ();
  return ret;
}
