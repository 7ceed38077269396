/* test-cli-inspect.c: `facet-cli inspect`, run as a user would
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FACET_CLI names the built facet-cli (set by meson).
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "stl-fixtures.h"

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *r,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("FACET_CLI");
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "inspect");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);
}

/* The JSON objects of stdout, one a line. */
static GPtrArray *
parse_lines (const char *out)
{
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (lines[i][0] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      g_ptr_array_add (objects, json_node_copy (json_parser_get_root (parser)));
    }
  return objects;
}

static JsonObject *
object_at (GPtrArray *objects,
           guint      i)
{
  return json_node_get_object (g_ptr_array_index (objects, i));
}

static void
assert_members (JsonObject *o)
{
  static const char *expected[] = {
    "file", "format", "triangles", "bbox_mm", "volume_cm3", "area_cm2", "shells",
    "boundary_edges", "nonmanifold_edges", "inconsistent_facets", "degenerate_facets",
    "nonfinite_facets", "inside_out", "watertight", "unit_hint",
  };
  g_autoptr(GList) members = json_object_get_members (o);
  JsonObject *bbox;

  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (json_object_has_member (o, expected[i]));
  bbox = json_object_get_object_member (o, "bbox_mm");
  g_assert_cmpuint (json_object_get_size (bbox), ==, 3);
  g_assert_true (json_object_has_member (bbox, "x"));
  g_assert_true (json_object_has_member (bbox, "y"));
  g_assert_true (json_object_has_member (bbox, "z"));
}

static void
assert_figure (JsonObject *o,
               const char *member,
               double      expected)
{
  double value = json_object_get_double_member (o, member);

  g_assert_cmpfloat_with_epsilon (value, expected, 1e-9 * MAX (1.0, fabs (expected)));
}

static void
test_json_good_and_broken (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autoptr(GArray) holed = fixture_mesh_new ();
  g_autoptr(GArray) flipped = fixture_mesh_new ();
  g_autofree char *cube_path = NULL, *holed_path = NULL, *flipped_path = NULL;
  g_auto(Run) r = { 0, };
  g_autoptr(GPtrArray) objects = NULL;
  JsonObject *o;

  fixture_add_cube (cube, 5, 5, 5, 20);
  fixture_add_cube (holed, 0, 0, 0, 10);
  fixture_remove_triangle (holed, 3);
  fixture_add_cube (flipped, 0, 0, 0, 10);
  for (guint i = 0; i < 12; i++)
    fixture_flip_triangle (flipped, i);
  fixture_flip_triangle (flipped, 4);
  cube_path = fixture_write_binary ("cube.stl", cube, "solid but binary", -1);
  holed_path = fixture_write_ascii ("holed.stl", holed, FIXTURE_ASCII_CRLF);
  flipped_path = fixture_write_binary ("flipped.stl", flipped, NULL, -1);

  run_cli (&r, "--json", cube_path, holed_path, flipped_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  objects = parse_lines (r.out);
  g_assert_cmpuint (objects->len, ==, 3);

  o = object_at (objects, 0);
  assert_members (o);
  g_assert_cmpstr (json_object_get_string_member (o, "file"), ==, cube_path);
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "binary");
  g_assert_cmpint (json_object_get_int_member (o, "triangles"), ==, 12);
  assert_figure (json_object_get_object_member (o, "bbox_mm"), "x", 20);
  assert_figure (json_object_get_object_member (o, "bbox_mm"), "z", 20);
  assert_figure (o, "volume_cm3", 8);
  assert_figure (o, "area_cm2", 24);
  g_assert_cmpint (json_object_get_int_member (o, "shells"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "boundary_edges"), ==, 0);
  g_assert_true (json_object_get_boolean_member (o, "watertight"));
  g_assert_false (json_object_get_boolean_member (o, "inside_out"));
  g_assert_true (json_object_get_null_member (o, "unit_hint"));

  o = object_at (objects, 1);
  assert_members (o);
  g_assert_cmpstr (json_object_get_string_member (o, "format"), ==, "ascii");
  g_assert_cmpint (json_object_get_int_member (o, "triangles"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (o, "boundary_edges"), ==, 3);
  g_assert_false (json_object_get_boolean_member (o, "watertight"));

  /* Inside out but for one facet: the volume is reported positive. */
  o = object_at (objects, 2);
  assert_members (o);
  g_assert_cmpint (json_object_get_int_member (o, "inconsistent_facets"), ==, 1);
  g_assert_true (json_object_get_boolean_member (o, "inside_out"));
  g_assert_cmpfloat (json_object_get_double_member (o, "volume_cm3"), >, 0);
}

static void
test_units_and_scale (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autofree char *path = NULL;
  g_auto(Run) mm = { 0, }, inch = { 0, }, scaled = { 0, };
  g_autoptr(GPtrArray) a = NULL, b = NULL, c = NULL;

  fixture_add_cube (cube, 0, 0, 0, 1);
  path = fixture_write_binary ("inch-cube.stl", cube, NULL, -1);

  run_cli (&mm, path, "--json", NULL);
  g_assert_cmpint (mm.status, ==, 0);
  a = parse_lines (mm.out);
  /* One unit is 1 mm: too small, it looks like an inch design. */
  g_assert_cmpstr (json_object_get_string_member (object_at (a, 0), "unit_hint"), ==, "inch");
  assert_figure (object_at (a, 0), "volume_cm3", 0.001);

  run_cli (&inch, "--units", "inch", "--json", path, NULL);
  g_assert_cmpint (inch.status, ==, 0);
  b = parse_lines (inch.out);
  g_assert_true (json_object_get_null_member (object_at (b, 0), "unit_hint"));
  assert_figure (json_object_get_object_member (object_at (b, 0), "bbox_mm"), "y", 25.4);
  assert_figure (object_at (b, 0), "volume_cm3", 25.4 * 25.4 * 25.4 / 1000);
  assert_figure (object_at (b, 0), "area_cm2", 6 * 25.4 * 25.4 / 100);

  run_cli (&scaled, "--json", "--units=inch", "--scale=2", path, NULL);
  g_assert_cmpint (scaled.status, ==, 0);
  c = parse_lines (scaled.out);
  assert_figure (json_object_get_object_member (object_at (c, 0), "bbox_mm"), "x", 50.8);
  assert_figure (object_at (c, 0), "volume_cm3", 8 * 25.4 * 25.4 * 25.4 / 1000);
}

/* Figures that overflow stay out of the JSON. */
static void
test_json_finite (void)
{
  g_autoptr(GArray) mesh = fixture_mesh_new ();
  g_autofree char *path = NULL;
  g_auto(Run) r = { 0, };
  g_autoptr(GPtrArray) objects = NULL;
  JsonObject *o;

  fixture_add_cube (mesh, 0, 0, 0, 1e30);
  fixture_add_triangle (mesh, NAN, 0, 0, 1, 1, 1, 2, 2, 2);
  path = fixture_write_binary ("huge.stl", mesh, NULL, -1);

  run_cli (&r, "--json", "--scale", "1e300", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strstr (r.out, "nan"));
  g_assert_null (strstr (r.out, "inf"));
  objects = parse_lines (r.out);
  o = object_at (objects, 0);
  assert_members (o);
  g_assert_cmpint (json_object_get_int_member (o, "nonfinite_facets"), ==, 1);
  g_assert_true (json_object_get_null_member (o, "volume_cm3"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (o, "bbox_mm"), "x"));
}

static void
test_failures (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autofree char *good = NULL, *missing = fixture_path ("missing.stl");
  g_autofree char *junk = fixture_write_text ("junk.stl", "just some words, not triangles\n", -1);
  g_autofree char *expect_missing = NULL, *expect_junk = NULL;
  g_auto(Run) r = { 0, };
  g_autoptr(GPtrArray) objects = NULL;
  g_auto(GStrv) lines = NULL;

  fixture_add_cube (cube, 0, 0, 0, 10);
  good = fixture_write_binary ("good.stl", cube, NULL, -1);

  run_cli (&r, "--json", missing, good, junk, NULL);
  g_assert_cmpint (r.status, ==, 1);
  objects = parse_lines (r.out);
  g_assert_cmpuint (objects->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object_at (objects, 0), "file"), ==, good);

  lines = g_strsplit (r.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  expect_missing = g_strdup_printf ("facet-cli: %s: ", missing);
  expect_junk = g_strdup_printf ("facet-cli: %s: ", junk);
  g_assert_true (g_str_has_prefix (lines[0], expect_missing));
  g_assert_true (g_str_has_prefix (lines[1], expect_junk));
}

static void
test_usage_errors (void)
{
  static const char *cases[][3] = {
    { "--units", "cm", NULL },
    { "--scale", "0", NULL },
    { "--scale", "-2", NULL },
    { "--scale", "two", NULL },
    { "--scale", "nan", NULL },
    { "--bogus", NULL, NULL },
    { "--json", NULL, NULL },
  };
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autofree char *path = NULL;

  fixture_add_cube (cube, 0, 0, 0, 10);
  path = fixture_write_binary ("usage.stl", cube, NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0, };
      /* The last case has no file at all. */
      const char *file = i + 1 < G_N_ELEMENTS (cases) ? path : NULL;

      if (cases[i][1] != NULL)
        run_cli (&r, cases[i][0], cases[i][1], file, NULL);
      else
        run_cli (&r, cases[i][0], file, NULL);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_true (g_str_has_prefix (r.err, "facet-cli: "));
      g_assert_cmpstr (r.out, ==, "");
    }
}

static void
test_table (void)
{
  g_autoptr(GArray) cube = fixture_mesh_new ();
  g_autofree char *a = NULL, *b = NULL;
  g_auto(Run) r = { 0, };
  g_auto(GStrv) lines = NULL;
  int column = -1;
  guint rows = 0;

  fixture_add_cube (cube, 0, 0, 0, 10);
  a = fixture_write_binary ("table-a.stl", cube, NULL, -1);
  b = fixture_write_ascii ("table-b.stl", cube, 0);

  run_cli (&r, a, b, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, a));
  g_assert_nonnull (strstr (r.out, b));
  g_assert_nonnull (strstr (r.out, "Watertight"));
  g_assert_nonnull (strstr (r.out, "1.000 cm³"));

  /* Values start in one column. */
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *gap;

      if (!g_str_has_prefix (line, "  "))
        continue;
      gap = strstr (line + 2, "  ");
      g_assert_nonnull (gap);
      while (*gap == ' ')
        gap++;
      if (column < 0)
        column = (int) g_utf8_pointer_to_offset (line, gap);
      g_assert_cmpint ((int) g_utf8_pointer_to_offset (line, gap), ==, column);
      rows++;
    }
  g_assert_cmpuint (rows, >=, 2 * 12);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/inspect/json-fields-for-good-and-broken-files", test_json_good_and_broken);
  g_test_add_func ("/cli/inspect/units-and-scale-applied", test_units_and_scale);
  g_test_add_func ("/cli/inspect/json-never-holds-nan-or-inf", test_json_finite);
  g_test_add_func ("/cli/inspect/failures-exit-1-with-reasons", test_failures);
  g_test_add_func ("/cli/inspect/usage-errors-exit-2", test_usage_errors);
  g_test_add_func ("/cli/inspect/table-aligned", test_table);

  ret = g_test_run ();
  fixture_cleanup ();
  return ret;
}
