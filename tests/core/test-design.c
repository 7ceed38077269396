/* test-design.c: FacetDesign properties, figures, measuring and JSON
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "facet-design.h"
#include "facet-library.h"
#include "test-util.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static FacetDesign *
new_design (const char *name)
{
  g_autofree char *path = test_tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return facet_design_new (file);
}

static void
test_design_name_from_file (void)
{
  g_autoptr(FacetDesign) a = new_design ("bracket v2.stl");
  g_autoptr(FacetDesign) b = new_design ("GEAR.STL");
  g_autoptr(FacetDesign) c = new_design (".stl");

  g_assert_cmpstr (facet_design_get_display_name (a), ==, "bracket v2");
  g_assert_cmpstr (facet_design_get_display_name (b), ==, "GEAR");
  g_assert_cmpstr (facet_design_get_display_name (c), ==, ".stl");
  g_assert_nonnull (facet_design_get_id (a));
  g_assert_cmpstr (facet_design_get_id (a), !=, facet_design_get_id (b));
  g_assert_true (g_uuid_string_is_valid (facet_design_get_id (a)));
  g_assert_nonnull (facet_design_get_added (a));
}

static void
test_design_rename_notifies_once (void)
{
  g_autoptr(FacetDesign) design = new_design ("part.stl");
  guint notified = 0;

  g_signal_connect (design, "notify::display-name", G_CALLBACK (count_notify), &notified);

  facet_design_set_display_name (design, "  Hinge  ");
  g_assert_cmpstr (facet_design_get_display_name (design), ==, "Hinge");
  g_assert_cmpuint (notified, ==, 1);

  facet_design_set_display_name (design, "Hinge");
  g_assert_cmpuint (notified, ==, 1);

  /* A design never becomes nameless. */
  facet_design_set_display_name (design, "   ");
  facet_design_set_display_name (design, "");
  g_assert_cmpstr (facet_design_get_display_name (design), ==, "Hinge");
  g_assert_cmpuint (notified, ==, 1);

  g_object_set (design, "display-name", "Lid", NULL);
  g_assert_cmpuint (notified, ==, 2);
}

static FacetMeshReport
cube_report (double size)
{
  FacetMeshReport r = { 0 };

  r.format = FACET_MESH_FORMAT_BINARY;
  r.triangles = 12;
  r.max[0] = r.max[1] = r.max[2] = size;
  r.signed_volume = size * size * size;
  r.area = 6 * size * size;
  r.topology_checked = TRUE;
  r.vertices = 8;
  r.shells = 1;
  return r;
}

static void
test_design_units_and_scale_rescale_figures (void)
{
  g_autoptr(FacetDesign) design = new_design ("cube.stl");
  FacetMeshReport report = cube_report (10.0);
  guint size_notified = 0, units_notified = 0;
  double x, y, z;

  g_signal_connect (design, "notify::size-x", G_CALLBACK (count_notify), &size_notified);
  g_signal_connect (design, "notify::units", G_CALLBACK (count_notify), &units_notified);

  g_assert_cmpfloat (facet_design_get_volume_cm3 (design), ==, 0.0);
  facet_design_set_report (design, &report);
  g_assert_cmpuint (size_notified, ==, 1);
  /* Same report again: no change, no notification. */
  facet_design_set_report (design, &report);
  g_assert_cmpuint (size_notified, ==, 1);

  facet_design_get_size_mm (design, &x, &y, &z);
  g_assert_cmpfloat_with_epsilon (x, 10.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (facet_design_get_volume_cm3 (design), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (facet_design_get_area_cm2 (design), 6.0, 1e-12);
  g_assert_cmpuint (facet_design_get_triangles (design), ==, 12);

  facet_design_set_units (design, FACET_UNITS_INCH);
  g_assert_cmpuint (units_notified, ==, 1);
  g_assert_cmpuint (size_notified, ==, 2);
  facet_design_get_size_mm (design, &x, &y, &z);
  g_assert_cmpfloat_with_epsilon (z, 254.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (facet_design_get_volume_cm3 (design), pow (25.4, 3), 1e-6);
  g_assert_cmpfloat_with_epsilon (facet_design_get_area_cm2 (design), 6.0 * 25.4 * 25.4, 1e-9);

  facet_design_set_units (design, FACET_UNITS_INCH);
  g_assert_cmpuint (units_notified, ==, 1);

  facet_design_set_units (design, FACET_UNITS_MM);
  facet_design_set_scale (design, 2.0);
  g_assert_cmpfloat_with_epsilon (facet_design_get_volume_cm3 (design), 8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (facet_design_get_area_cm2 (design), 24.0, 1e-12);
  g_assert_cmpfloat (facet_design_get_mm_per_unit (design), ==, 2.0);

  /* Nonsense scales are refused or clamped, never stored. */
  facet_design_set_scale (design, NAN);
  g_assert_cmpfloat (facet_design_get_scale (design), ==, 2.0);
  facet_design_set_scale (design, -5);
  g_assert_cmpfloat (facet_design_get_scale (design), >, 0.0);
}

static void
test_design_problems_counted (void)
{
  g_autoptr(FacetDesign) design = new_design ("broken.stl");
  FacetMeshReport report = cube_report (10.0);

  facet_design_set_report (design, &report);
  g_assert_cmpuint (facet_design_get_problems (design), ==, 0);

  report.boundary_edges = 3;
  report.shells = 2;
  facet_design_set_report (design, &report);
  g_assert_cmpuint (facet_design_get_problems (design), ==, 2);

  report.signed_volume = -1000;
  facet_design_set_report (design, &report);
  g_assert_cmpuint (facet_design_get_problems (design), ==, 3);
  /* Reported positive whatever the orientation. */
  g_assert_cmpfloat_with_epsilon (facet_design_get_volume_cm3 (design), 1.0, 1e-12);
}

static void
test_design_quantity_clamped (void)
{
  g_autoptr(FacetDesign) design = new_design ("q.stl");
  guint notified = 0;

  g_signal_connect (design, "notify::quantity", G_CALLBACK (count_notify), &notified);
  facet_design_set_quantity (design, 0);
  g_assert_cmpuint (facet_design_get_quantity (design), ==, 1);
  g_assert_cmpuint (notified, ==, 0);
  facet_design_set_quantity (design, 5);
  g_assert_cmpuint (facet_design_get_quantity (design), ==, 5);
  g_assert_cmpuint (notified, ==, 1);
}

static char *
serialize_to_string (FacetDesign *design)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  facet_design_serialize (design, builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **node_out)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  *node_out = node;
  return json_node_get_object (node);
}

static void
test_design_json_round_trip (void)
{
  g_autoptr(FacetDesign) design = new_design ("round trip.stl");
  g_autoptr(FacetDesign) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  FacetMeshReport report = cube_report (12.5);

  report.boundary_edges = 4;
  report.min[0] = -3.25;
  facet_design_set_report (design, &report);
  facet_design_set_display_name (design, "Round “trip” ✓");
  facet_design_set_units (design, FACET_UNITS_INCH);
  facet_design_set_scale (design, 0.5);
  facet_design_set_quantity (design, 3);

  first = serialize_to_string (design);
  copy = facet_design_deserialize (parse_object (first, &node), &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  second = serialize_to_string (copy);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (facet_design_get_id (copy), ==, facet_design_get_id (design));
  g_assert_true (g_file_equal (facet_design_get_file (copy), facet_design_get_file (design)));
  g_assert_cmpint (facet_design_get_units (copy), ==, FACET_UNITS_INCH);
  g_assert_cmpfloat (facet_design_get_scale (copy), ==, 0.5);
  g_assert_cmpuint (facet_design_get_quantity (copy), ==, 3);
  g_assert_cmpmem (facet_design_get_report (copy), sizeof report, &report, sizeof report);
  g_assert_true (g_date_time_equal (facet_design_get_added (copy), facet_design_get_added (design)));
}

static void
test_design_json_errors_name_the_member (void)
{
  static const struct { const char *json; const char *needle; } cases[] = {
    { "{\"file\": \"file:///a.stl\"}", "id" },
    { "{\"id\": \"x\"}", "file" },
    { "{\"id\": 5, \"file\": \"file:///a.stl\"}", "id" },
    { "{\"id\": \"x\", \"file\": \"file:///a.stl\", \"units\": \"furlong\"}", "furlong" },
    { "{\"id\": \"x\", \"file\": \"file:///a.stl\", \"scale\": \"big\"}", "scale" },
    { "{\"id\": \"x\", \"file\": \"file:///a.stl\", \"added\": \"yesterday\"}", "added" },
    { "{\"id\": \"x\", \"file\": \"file:///a.stl\", \"report\": {\"min\": [1, 2]}}", "min" },
    { "{\"id\": \"x\", \"file\": \"file:///a.stl\", \"report\": [1]}", "report" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FacetDesign) design = facet_design_deserialize (parse_object (cases[i].json, &node), &error);

      g_assert_null (design);
      g_assert_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

static void
measured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = ((gpointer *) user_data)[0];
  gboolean *done = ((gpointer *) user_data)[1];

  facet_design_measure_finish (FACET_DESIGN (object), result, error);
  *done = TRUE;
}

static gboolean
measure (FacetDesign  *design,
         GError      **error)
{
  gboolean done = FALSE;
  gpointer data[2] = { error, &done };

  facet_design_measure_async (design, NULL, measured_cb, data);
  g_assert_true (facet_design_get_measuring (design));
  test_wait_for (&done);
  g_assert_false (facet_design_get_measuring (design));
  return *error == NULL;
}

static void
test_design_measure_real_file (void)
{
  g_autofree char *path = test_tmp_path ("cube20.stl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FacetDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = TRUE;
  double x, y, z;

  test_write_cube_stl (path, 20.0f);
  design = facet_design_new (file);
  g_assert_true (measure (design, &error));
  g_assert_no_error (error);

  g_assert_nonnull (facet_design_get_report (design));
  g_assert_cmpuint (facet_design_get_triangles (design), ==, 12);
  facet_design_get_size_mm (design, &x, &y, &z);
  g_assert_cmpfloat_with_epsilon (x, 20.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (facet_design_get_volume_cm3 (design), 8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (facet_design_get_area_cm2 (design), 24.0, 1e-12);
  g_assert_cmpuint (facet_design_get_problems (design), ==, 0);
  g_assert_cmpfloat (facet_design_get_progress (design), ==, 1.0);
  g_assert_null (facet_design_get_load_error (design));
  g_assert_cmpuint (facet_design_get_file_size (design), ==, 84 + 12 * 50);

  g_assert_true (facet_design_check_file (design, &changed));
  g_assert_false (changed);

  /* Rewriting the file with other contents is noticed. */
  test_write_cube_stl (path, 30.0f);
  {
    /* Same size: make sure the mtime differs too. */
    GFileInfo *info = g_file_info_new ();
    g_file_info_set_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                      facet_design_get_file_mtime (design) + 10);
    g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL);
    g_object_unref (info);
  }
  g_assert_true (facet_design_check_file (design, &changed));
  g_assert_true (changed);

  g_unlink (path);
  g_assert_false (facet_design_check_file (design, &changed));
  g_assert_false (changed);
}

static void
test_design_measure_missing_file (void)
{
  g_autoptr(FacetDesign) design = new_design ("does-not-exist.stl");
  g_autoptr(GError) error = NULL;

  g_assert_false (measure (design, &error));
  g_assert_nonnull (error);
  g_assert_true (facet_design_get_missing (design));
  g_assert_nonnull (facet_design_get_load_error (design));
  g_assert_null (facet_design_get_report (design));
  g_assert_cmpuint (facet_design_get_problems (design), ==, 1);
}

static void
test_design_measure_not_stl (void)
{
  g_autofree char *path = test_tmp_path ("notes.stl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FacetDesign) design = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "These are my notes, not a mesh.\n", -1, &error);
  g_assert_no_error (error);
  design = facet_design_new (file);

  g_assert_false (measure (design, &error));
  g_assert_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL);
  g_assert_false (facet_design_get_missing (design));
  g_assert_cmpstr (facet_design_get_load_error (design), ==, error->message);
}

static void
test_design_freed (void)
{
  FacetDesign *design = new_design ("freed.stl");
  FacetMeshReport report = cube_report (1.0);

  facet_design_set_report (design, &report);
  g_assert_finalize_object (design);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/design/name/from-file-name", test_design_name_from_file);
  g_test_add_func ("/design/name/rename-notifies-once", test_design_rename_notifies_once);
  g_test_add_func ("/design/figures/units-and-scale-rescale", test_design_units_and_scale_rescale_figures);
  g_test_add_func ("/design/figures/problems-counted", test_design_problems_counted);
  g_test_add_func ("/design/quantity/clamped", test_design_quantity_clamped);
  g_test_add_func ("/design/json/round-trip", test_design_json_round_trip);
  g_test_add_func ("/design/json/errors-name-the-member", test_design_json_errors_name_the_member);
  g_test_add_func ("/design/measure/real-file", test_design_measure_real_file);
  g_test_add_func ("/design/measure/missing-file-marks-missing", test_design_measure_missing_file);
  g_test_add_func ("/design/measure/not-stl-keeps-design-with-error", test_design_measure_not_stl);
  g_test_add_func ("/design/lifecycle/freed", test_design_freed);

  return g_test_run ();
}
