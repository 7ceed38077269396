/* test-library.c: FacetLibrary collections, adding files, measuring, autosave
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "facet-library.h"
#include "test-util.h"

typedef struct
{
  guint position, removed, added, calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->calls++;
}

static FacetLibrary *
new_library (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "facet", "library.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return facet_library_new (file);
}

static FacetDesign *
design_for (const char *name)
{
  g_autofree char *path = test_tmp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return facet_design_new (file);
}

static void
test_library_default_file (void)
{
  g_autoptr(FacetLibrary) library = facet_library_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "facet", "library.json", NULL);
  g_autofree char *path = g_file_get_path (facet_library_get_file (library));

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (facet_library_get_loaded (library));
}

static void
test_library_remove_and_undo_in_place (void)
{
  g_autoptr(FacetLibrary) library = new_library ();
  g_autoptr(FacetDesign) a = design_for ("a.stl");
  g_autoptr(FacetDesign) b = design_for ("b.stl");
  g_autoptr(FacetDesign) c = design_for ("c.stl");
  GListModel *designs = facet_library_get_designs (library);
  ItemsChanged record = { 0 };
  guint position;

  /* Designs without files are queued for measuring; they will fail, which
   * is fine for this test. */
  facet_library_set_autosave (library, FALSE);
  g_signal_connect (designs, "items-changed", G_CALLBACK (items_changed_cb), &record);

  facet_library_add_design (library, a);
  facet_library_add_design (library, b);
  facet_library_add_design (library, c);
  facet_library_add_design (library, b);
  g_assert_cmpuint (g_list_model_get_n_items (designs), ==, 3);
  g_assert_cmpuint (record.calls, ==, 3);

  position = facet_library_remove_design (library, b);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (designs), ==, 2);
  g_assert_cmpuint (facet_library_remove_design (library, b), ==, G_MAXUINT);

  facet_library_insert_design (library, position, b);
  {
    g_autoptr(FacetDesign) again = g_list_model_get_item (designs, 1);
    g_assert_true (again == b);
  }

  g_assert_true (facet_library_find_design (library, facet_design_get_id (c)) == c);
  g_assert_null (facet_library_find_design (library, "no-such-id"));
  g_assert_true (facet_library_find_design_by_file (library, facet_design_get_file (a)) == a);
  g_assert_true (facet_library_get_dirty (library));
}

typedef struct
{
  GPtrArray *added;
  GPtrArray *errors;
  gboolean   done;
} AddResult;

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AddResult *r = user_data;
  g_autoptr(GError) error = NULL;

  r->added = facet_library_add_files_finish (FACET_LIBRARY (object), result, &r->errors, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

static void
add_paths (FacetLibrary *library,
           AddResult    *r,
           const char  **paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));
  memset (r, 0, sizeof *r);
  facet_library_add_files_async (library, (GFile **) files->pdata, files->len, NULL, added_cb, r);
  test_wait_for (&r->done);
}

static void
wait_until_measured (FacetDesign *design)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((facet_design_get_report (design) == NULL && facet_design_get_load_error (design) == NULL) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_library_add_files_sniffs_and_names_failures (void)
{
  g_autoptr(FacetLibrary) library = new_library ();
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "drop", NULL);
  g_autofree char *cube = g_build_filename (dir, "cube.stl", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.stl", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone.stl", NULL);
  const char *paths[] = { cube, notes, empty, missing, cube, NULL };
  GListModel *designs = facet_library_get_designs (library);
  AddResult r;
  FacetDesign *design;

  facet_library_set_autosave (library, FALSE);
  g_mkdir_with_parents (dir, 0700);
  test_write_cube_stl (cube, 10.0f);
  g_file_set_contents (notes, "shopping list\n", -1, NULL);
  g_file_set_contents (empty, "", 0, NULL);

  add_paths (library, &r, paths);

  /* The cube once (the second drop of it is not a new design). */
  g_assert_cmpuint (r.added->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (designs), ==, 1);
  design = g_ptr_array_index (r.added, 0);
  g_assert_cmpstr (facet_design_get_display_name (design), ==, "cube");

  g_assert_cmpuint (r.errors->len, ==, 3);
  g_assert_error ((GError *) g_ptr_array_index (r.errors, 0), FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_NOT_STL);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (r.errors, 0))->message, "notes.txt"));
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (r.errors, 1))->message, "empty.stl"));
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (r.errors, 2))->message, "gone.stl"));

  /* Added designs are measured in the background. */
  wait_until_measured (design);
  g_assert_nonnull (facet_design_get_report (design));
  g_assert_cmpfloat_with_epsilon (facet_design_get_volume_cm3 (design), 1.0, 1e-12);

  g_ptr_array_unref (r.added);
  g_ptr_array_unref (r.errors);
}

static void
test_library_undo_while_measuring_measures_again (void)
{
  g_autoptr(FacetLibrary) library = new_library ();
  g_autofree char *path = test_tmp_path ("undo-me.stl");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FacetDesign) design = NULL;
  guint position;

  facet_library_set_autosave (library, FALSE);
  test_write_cube_stl (path, 10.0f);
  design = facet_design_new (file);

  facet_library_add_design (library, design);
  g_assert_true (facet_design_get_measuring (design));
  position = facet_library_remove_design (library, design);
  facet_library_insert_design (library, position, design);

  wait_until_measured (design);
  g_assert_nonnull (facet_design_get_report (design));
  g_assert_false (facet_design_get_measuring (design));
}

static void
test_library_add_folder_brings_its_stl_files (void)
{
  g_autoptr(FacetLibrary) library = new_library ();
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "kit", NULL);
  g_autofree char *sub = g_build_filename (dir, "parts", NULL);
  g_autofree char *a = g_build_filename (dir, "base.stl", NULL);
  g_autofree char *b = g_build_filename (sub, "lid.STL", NULL);
  g_autofree char *readme = g_build_filename (dir, "README.md", NULL);
  const char *paths[] = { dir, NULL };
  AddResult r;

  facet_library_set_autosave (library, FALSE);
  g_mkdir_with_parents (sub, 0700);
  test_write_cube_stl (a, 5.0f);
  test_write_cube_stl (b, 6.0f);
  g_file_set_contents (readme, "# kit\n", -1, NULL);

  add_paths (library, &r, paths);
  g_assert_cmpuint (r.added->len, ==, 2);
  g_assert_cmpuint (r.errors->len, ==, 0);
  g_ptr_array_unref (r.added);
  g_ptr_array_unref (r.errors);
}

static void
test_library_orders_and_carts_found (void)
{
  g_autoptr(FacetLibrary) library = new_library ();
  g_autoptr(FacetCart) cart = g_object_new (FACET_TYPE_CART, "account-id", "acc-1", "provider", "imaterialise", NULL);
  g_autoptr(FacetOrder) order = g_object_new (FACET_TYPE_ORDER, "provider", "sculpteo", "reference", "R-42", NULL);
  g_autoptr(FacetAddress) address = g_object_new (FACET_TYPE_ADDRESS, "first-name", "Ada", NULL);

  facet_library_set_autosave (library, FALSE);
  facet_library_add_cart (library, cart);
  facet_library_add_order (library, order);
  facet_library_add_address (library, address);
  facet_library_add_address (library, address);

  g_assert_true (facet_library_find_cart (library, "acc-1") == cart);
  g_assert_null (facet_library_find_cart (library, "acc-2"));
  g_assert_true (facet_library_find_order (library, "sculpteo", "R-42") == order);
  g_assert_null (facet_library_find_order (library, "shapeways", "R-42"));
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_addresses (library)), ==, 1);

  facet_library_remove_address (library, address);
  facet_library_remove_cart (library, cart);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_addresses (library)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (facet_library_get_carts (library)), ==, 0);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (facet_library_load_finish (FACET_LIBRARY (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_library_autosave_after_edit (void)
{
  g_autoptr(FacetLibrary) library = new_library ();
  g_autoptr(FacetDesign) design = design_for ("autosaved.stl");
  g_autofree char *path = g_file_get_path (facet_library_get_file (library));
  g_autofree char *contents = NULL;
  gboolean loaded = FALSE;
  gint64 deadline;

  facet_library_load_async (library, NULL, loaded_cb, &loaded);
  test_wait_for (&loaded);
  g_assert_true (facet_library_get_loaded (library));
  g_assert_false (facet_library_get_dirty (library));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  facet_library_add_design (library, design);
  facet_design_set_display_name (design, "Renamed before the save");
  g_assert_true (facet_library_get_dirty (library));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (facet_library_get_dirty (library) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (facet_library_get_dirty (library));

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Renamed before the save"));
}

static void
test_library_freed (void)
{
  FacetLibrary *library = new_library ();
  g_autoptr(FacetDesign) design = design_for ("lifecycle.stl");

  facet_library_set_autosave (library, FALSE);
  facet_library_add_design (library, design);
  g_assert_finalize_object (library);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/file/default-under-user-data", test_library_default_file);
  g_test_add_func ("/library/designs/remove-and-undo-in-place", test_library_remove_and_undo_in_place);
  g_test_add_func ("/library/add-files/sniffs-and-names-failures", test_library_add_files_sniffs_and_names_failures);
  g_test_add_func ("/library/add-files/folder-brings-its-stl-files", test_library_add_folder_brings_its_stl_files);
  g_test_add_func ("/library/designs/undo-while-measuring-measures-again", test_library_undo_while_measuring_measures_again);
  g_test_add_func ("/library/collections/orders-carts-addresses", test_library_orders_and_carts_found);
  g_test_add_func ("/library/save/autosave-after-edit", test_library_autosave_after_edit);
  g_test_add_func ("/library/lifecycle/freed", test_library_freed);

  return g_test_run ();
}
