/* test-storage.c: the library on disk: round trip, crash safety, recovery
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "facet-json-file.h"
#include "facet-library.h"
#include "test-util.h"

static char *
library_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "facet", "library.json", NULL);
}

static FacetLibrary *
open_library (GError **error)
{
  g_autofree char *path = library_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FacetLibrary *library = facet_library_new (file);

  facet_library_set_autosave (library, FALSE);
  facet_library_load (library, NULL, error);
  return library;
}

static char *
serialize_all (FacetLibrary *library)
{
  g_autofree char *path = g_file_get_path (facet_library_get_file (library));
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (facet_library_save (library, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A library with a bit of everything, its designs' files on disk. */
static FacetLibrary *
populate (guint n_designs)
{
  g_autoptr(GError) error = NULL;
  FacetLibrary *library = open_library (&error);
  g_autoptr(FacetCart) cart = NULL;
  g_autoptr(FacetOrder) order = NULL;
  g_autoptr(FacetAddress) address = NULL;
  g_autoptr(GDateTime) placed = g_date_time_new_utc (2026, 11, 2, 10, 30, 0);

  g_assert_no_error (error);

  for (guint i = 0; i < n_designs; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%04u.stl", i);
      g_autofree char *path = test_tmp_path (name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(FacetDesign) design = NULL;
      FacetMeshReport report = { 0 };

      test_write_cube_stl (path, 1.0f + i);
      design = facet_design_new (file);
      report.triangles = 12;
      report.max[0] = report.max[1] = report.max[2] = 1.0 + i;
      report.signed_volume = 1.0 / 3.0 + i;
      report.area = 6.0;
      report.topology_checked = TRUE;
      report.shells = 1;
      facet_design_set_report (design, &report);
      if (i % 3 == 1)
        facet_design_set_units (design, FACET_UNITS_INCH);
      facet_design_set_quantity (design, 1 + i % 7);
      facet_library_add_design (library, design);
    }

  cart = g_object_new (FACET_TYPE_CART, "account-id", "acc-1", "provider", "imaterialise",
                       "currency", "EUR", NULL);
  facet_library_add_cart (library, cart);
  address = g_object_new (FACET_TYPE_ADDRESS, "first-name", "Ada", "last-name", "Lovelace",
                          "line1", "12 St James’s Square", "city", "London",
                          "postal-code", "SW1Y 4JH", "country", "GB", "email", "ada@example.org", NULL);
  facet_library_add_address (library, address);
  order = g_object_new (FACET_TYPE_ORDER, "provider", "sculpteo", "reference", "SC-1001",
                        "account-id", "acc-2", "currency", "EUR", "total-price", 42.5,
                        "vendor-status", "In Process", "status", FACET_ORDER_STATUS_IN_PRODUCTION,
                        "placed", placed, "shipping-address", address, NULL);
  facet_library_add_order (library, order);
  return library;
}

static void
test_storage_round_trip (void)
{
  g_autoptr(FacetLibrary) library = populate (25);
  g_autoptr(FacetLibrary) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = serialize_all (library);
  g_autofree char *second = NULL;

  reopened = open_library (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_designs (reopened)), ==, 25);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_orders (reopened)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_carts (reopened)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_addresses (reopened)), ==, 1);
  /* Loading alone is not a change. */
  g_assert_false (facet_library_get_dirty (reopened));

  second = serialize_all (reopened);
  g_assert_cmpstr (first, ==, second);

  {
    FacetOrder *order = facet_library_find_order (reopened, "sculpteo", "SC-1001");
    g_assert_nonnull (order);
    g_assert_cmpint (facet_order_get_status (order), ==, FACET_ORDER_STATUS_IN_PRODUCTION);
  }
}

static void
test_storage_interrupted_write_keeps_previous_child (void)
{
  /* Isolated dirs differ per test path: the parent names its library. */
  g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("FACET_TEST_LIBRARY"));
  g_autoptr(FacetLibrary) library = facet_library_new (file);
  g_autoptr(FacetDesign) first = NULL;
  g_autoptr(GError) error = NULL;

  facet_library_set_autosave (library, FALSE);
  g_assert_true (facet_library_load (library, NULL, &error));
  first = g_list_model_get_item (facet_library_get_designs (library), 0);
  facet_design_set_display_name (first, "This name must never reach the disk");

  /* Die like a power cut, halfway through writing the new copy. */
  _facet_file_set_crash_after (4096);
  facet_library_save (library, NULL, NULL);
  g_assert_not_reached ();
}

static void
test_storage_interrupted_write_keeps_previous (void)
{
  g_autoptr(FacetLibrary) library = populate (200);
  g_autoptr(FacetLibrary) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = serialize_all (library);
  g_autofree char *after = NULL;
  g_autofree char *path = library_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint temps = 0;

  g_clear_object (&library);

  g_setenv ("FACET_TEST_LIBRARY", path, TRUE);
  g_test_trap_subprocess ("/storage/save/interrupted-write-keeps-previous/subprocess/child", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  /* The half-written copy is left beside it, and never read. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    temps += g_str_has_prefix (name, FACET_FILE_TEMP_PREFIX);
  g_assert_cmpuint (temps, ==, 1);

  reopened = open_library (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_designs (reopened)), ==, 200);
}

static void
test_storage_stale_temps_removed (void)
{
  g_autofree char *path = library_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *old_tmp = g_build_filename (dir, FACET_FILE_TEMP_PREFIX "ABC123", NULL);
  g_autofree char *new_tmp = g_build_filename (dir, FACET_FILE_TEMP_PREFIX "XYZ789", NULL);
  g_autoptr(FacetLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) old_file = NULL;
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (old_tmp, "{\"version\": 1, \"des", -1, NULL);
  g_file_set_contents (new_tmp, "{\"version\": 1, \"des", -1, NULL);
  old_file = g_file_new_for_path (old_tmp);
  g_file_info_set_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                    g_get_real_time () / G_USEC_PER_SEC - 3600);
  g_assert_true (g_file_set_attributes_from_info (old_file, info, G_FILE_QUERY_INFO_NONE, NULL, NULL));

  library = open_library (&error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_tmp, G_FILE_TEST_EXISTS));
  /* A fresh one may belong to another process saving right now. */
  g_assert_true (g_file_test (new_tmp, G_FILE_TEST_EXISTS));
}

static char *
find_kept_file (void)
{
  g_autofree char *path = library_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "library.json.broken-"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
check_kept_aside (const char        *contents,
                  FacetLibraryError  expected)
{
  g_autofree char *path = library_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *kept = NULL;
  g_autofree char *kept_contents = NULL;
  g_autoptr(FacetLibrary) library = NULL;
  g_autoptr(FacetDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_basename = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, NULL);

  library = open_library (&error);
  g_assert_error (error, FACET_LIBRARY_ERROR, (int) expected);
  g_assert_true (facet_library_get_loaded (library));
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_designs (library)), ==, 0);

  /* The user's file is kept, byte for byte, and the message says where. */
  kept = find_kept_file ();
  g_assert_nonnull (kept);
  g_assert_true (g_file_get_contents (kept, &kept_contents, NULL, NULL));
  g_assert_cmpstr (kept_contents, ==, contents);
  kept_basename = g_path_get_basename (kept);
  g_assert_nonnull (strstr (error->message, kept_basename));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The app goes on: a new design saves into a fresh library. */
  {
    g_autofree char *stl = test_tmp_path ("after-recovery.stl");
    g_autoptr(GFile) file = g_file_new_for_path (stl);
    g_autoptr(GError) save_error = NULL;

    design = facet_design_new (file);
    facet_library_add_design (library, design);
    g_assert_true (facet_library_save (library, NULL, &save_error));
    g_assert_no_error (save_error);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

static void
test_storage_corrupt_kept_aside (void)
{
  check_kept_aside ("{\"version\": 1, \"designs\": [{\"id\": \"a\", \"fi", FACET_LIBRARY_ERROR_CORRUPT);
}

static void
test_storage_garbage_kept_aside (void)
{
  check_kept_aside ("\x89PNG\r\n\x1a\n not json at all", FACET_LIBRARY_ERROR_CORRUPT);
}

static void
test_storage_wrong_types_kept_aside (void)
{
  check_kept_aside ("{\"version\": 1, \"designs\": [{\"id\": 5, \"file\": \"file:///x.stl\"}]}",
                    FACET_LIBRARY_ERROR_CORRUPT);
}

static void
test_storage_no_version_kept_aside (void)
{
  check_kept_aside ("[1, 2, 3]", FACET_LIBRARY_ERROR_CORRUPT);
}

static void
test_storage_newer_version_kept_aside (void)
{
  check_kept_aside ("{\"version\": 99, \"designs\": [], \"holograms\": []}",
                    FACET_LIBRARY_ERROR_NEWER_VERSION);
}

static void
test_storage_unreadable_never_overwritten (void)
{
  g_autofree char *path = library_path ();
  g_autoptr(FacetLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;

  /* A folder where the file should be cannot be read, even by root. */
  g_mkdir_with_parents (path, 0700);

  library = open_library (&error);
  g_assert_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "library.json"));
  g_assert_true (facet_library_get_loaded (library));

  g_assert_false (facet_library_save (library, NULL, &save_error));
  g_assert_error (save_error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_null (find_kept_file ());
}

static void
test_storage_missing_design_file_kept_and_marked (void)
{
  g_autoptr(FacetLibrary) library = populate (3);
  g_autoptr(FacetLibrary) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = test_tmp_path ("part-0001.stl");
  g_autofree char *saved = serialize_all (library);
  GListModel *designs;

  g_clear_object (&library);
  g_assert_cmpint (g_unlink (gone), ==, 0);

  reopened = open_library (&error);
  g_assert_no_error (error);
  designs = facet_library_get_designs (reopened);
  g_assert_cmpuint (g_list_model_get_n_items (designs), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(FacetDesign) design = g_list_model_get_item (designs, i);
      g_assert_cmpint (facet_design_get_missing (design), ==, i == 1);
      /* Its measurements are still there to see. */
      g_assert_nonnull (facet_design_get_report (design));
    }

  /* The file comes back: the next check finds it. */
  test_write_cube_stl (gone, 2.0f);
  {
    g_autoptr(FacetDesign) design = g_list_model_get_item (designs, 1);
    g_assert_true (facet_design_check_file (design, NULL));
  }
}

static void
async_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (facet_library_load_finish (FACET_LIBRARY (object), result, &error));
  *(gboolean *) user_data = TRUE;
}

static void
test_storage_async_load_fills_lists_once (void)
{
  g_autoptr(FacetLibrary) library = populate (300);
  g_autoptr(FacetLibrary) reopened = NULL;
  g_autofree char *path = library_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = serialize_all (library);
  guint changes = 0;
  gboolean loaded = FALSE;

  reopened = facet_library_new (file);
  facet_library_set_autosave (reopened, FALSE);
  g_signal_connect_swapped (facet_library_get_designs (reopened), "items-changed",
                            G_CALLBACK (g_atomic_int_inc), &changes);
  facet_library_load_async (reopened, NULL, async_loaded_cb, &loaded);
  g_assert_false (facet_library_get_loaded (reopened));
  test_wait_for (&loaded);

  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_designs (reopened)), ==, 300);
  /* One splice, not 300 rows arriving one by one. */
  g_assert_cmpuint (changes, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/storage/round-trip/everything-survives", test_storage_round_trip);
  g_test_add_func ("/storage/save/interrupted-write-keeps-previous", test_storage_interrupted_write_keeps_previous);
  g_test_add_func ("/storage/save/interrupted-write-keeps-previous/subprocess/child",
                   test_storage_interrupted_write_keeps_previous_child);
  g_test_add_func ("/storage/load/stale-temporary-files-removed", test_storage_stale_temps_removed);
  g_test_add_func ("/storage/load/corrupt-file-kept-aside", test_storage_corrupt_kept_aside);
  g_test_add_func ("/storage/load/garbage-kept-aside", test_storage_garbage_kept_aside);
  g_test_add_func ("/storage/load/wrong-types-kept-aside", test_storage_wrong_types_kept_aside);
  g_test_add_func ("/storage/load/no-version-kept-aside", test_storage_no_version_kept_aside);
  g_test_add_func ("/storage/load/newer-version-kept-aside", test_storage_newer_version_kept_aside);
  g_test_add_func ("/storage/load/unreadable-never-overwritten", test_storage_unreadable_never_overwritten);
  g_test_add_func ("/storage/load/missing-design-file-kept-and-marked", test_storage_missing_design_file_kept_and_marked);
  g_test_add_func ("/storage/load/async-fills-lists-once", test_storage_async_load_fills_lists_once);

  return g_test_run ();
}
