/* test-window.c: the real application and window, driven as a user would
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (CI runs `meson test` under `xvfb-run -a dbus-run-session`);
 * without one every test skips.
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "facet-application.h"
#include "facet-design-page-private.h"
#include "facet-design-row.h"
#include "facet-thumbnailer.h"
#include "facet-window-private.h"

#define TIMEOUT_S 60

static gboolean have_display;
static char *system_data_dirs;

/* G_TEST_OPTION_ISOLATE_DIRS also empties XDG_DATA_DIRS, but a real session
 * has the system's icon theme and MIME database there: without the latter,
 * GTK cannot tell an SVG icon from any other data. Only the user's own
 * directories (XDG_DATA_HOME, the cache, HOME) need to be fresh. */
static void
use_system_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
}

/* ---- meshes ---- */

static void
put_vertex (GByteArray *bytes,
            float       x,
            float       y,
            float       z)
{
  float v[3] = { x, y, z };

  g_byte_array_append (bytes, (const guint8 *) v, sizeof v);
}

/* A closed box with outward facets, as binary STL (little-endian floats,
 * which is what this machine has). */
static void
write_binary_box (const char *path,
                  float       sx,
                  float       sy,
                  float       sz)
{
  /* Each face as four corners, counter-clockwise seen from outside. */
  static const int faces[6][4][3] = {
    { {0,0,0}, {0,1,0}, {1,1,0}, {1,0,0} },
    { {0,0,1}, {1,0,1}, {1,1,1}, {0,1,1} },
    { {0,0,0}, {1,0,0}, {1,0,1}, {0,0,1} },
    { {0,1,0}, {0,1,1}, {1,1,1}, {1,1,0} },
    { {0,0,0}, {0,0,1}, {0,1,1}, {0,1,0} },
    { {1,0,0}, {1,1,0}, {1,1,1}, {1,0,1} },
  };
  static const int tris[2][3] = { {0, 1, 2}, {0, 2, 3} };
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 header[80] = { 0 };
  guint32 count = GUINT32_TO_LE (12);
  guint16 attributes = 0;

  g_assert_cmpint (G_BYTE_ORDER, ==, G_LITTLE_ENDIAN);

  memcpy (header, "binary box for the Facet UI tests", 33);
  g_byte_array_append (bytes, header, sizeof header);
  g_byte_array_append (bytes, (const guint8 *) &count, sizeof count);

  for (guint f = 0; f < 6; f++)
    for (guint t = 0; t < 2; t++)
      {
        put_vertex (bytes, 0, 0, 0);  /* the normal: readers recompute it */
        for (guint k = 0; k < 3; k++)
          {
            const int *c = faces[f][tris[t][k]];

            put_vertex (bytes, c[0] * sx, c[1] * sy, c[2] * sz);
          }
        g_byte_array_append (bytes, (const guint8 *) &attributes, sizeof attributes);
      }

  g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
}

static void
write_ascii_tetrahedron (const char *path)
{
  static const char text[] =
    "solid tetra\n"
    "  facet normal 0 0 -1\n    outer loop\n"
    "      vertex 0 0 0\n      vertex 0 20 0\n      vertex 20 0 0\n"
    "    endloop\n  endfacet\n"
    "  facet normal 0 -1 0\n    outer loop\n"
    "      vertex 0 0 0\n      vertex 20 0 0\n      vertex 0 0 20\n"
    "    endloop\n  endfacet\n"
    "  facet normal -1 0 0\n    outer loop\n"
    "      vertex 0 0 0\n      vertex 0 0 20\n      vertex 0 20 0\n"
    "    endloop\n  endfacet\n"
    "  facet normal 0.577 0.577 0.577\n    outer loop\n"
    "      vertex 20 0 0\n      vertex 0 20 0\n      vertex 0 0 20\n"
    "    endloop\n  endfacet\n"
    "endsolid tetra\n";
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

typedef struct
{
  char *dir;
  char *box;      /* binary, 30 × 20 × 10 mm */
  char *tetra;    /* ASCII, 20 × 20 × 20 mm */
  char *notes;    /* not an STL file */
  char *tiny;     /* binary, 1 × 0.8 × 0.5: modelled in inches */
} Files;

static void
files_init (Files *files)
{
  g_autoptr(GError) error = NULL;

  /* HOME is a fresh directory for each test (G_TEST_OPTION_ISOLATE_DIRS). */
  files->dir = g_build_filename (g_get_home_dir (), "Designs", NULL);
  g_assert_cmpint (g_mkdir_with_parents (files->dir, 0700), ==, 0);

  files->box = g_build_filename (files->dir, "box.stl", NULL);
  files->tetra = g_build_filename (files->dir, "tetra.stl", NULL);
  files->notes = g_build_filename (files->dir, "notes.txt", NULL);
  files->tiny = g_build_filename (files->dir, "tiny.STL", NULL);

  write_binary_box (files->box, 30, 20, 10);
  write_ascii_tetrahedron (files->tetra);
  write_binary_box (files->tiny, 1.0f, 0.8f, 0.5f);
  g_file_set_contents (files->notes, "Remember to print the bracket twice.\n", -1, &error);
  g_assert_no_error (error);
}

static void
files_clear (Files *files)
{
  g_free (files->dir);
  g_free (files->box);
  g_free (files->tetra);
  g_free (files->notes);
  g_free (files->tiny);
}

/* ---- driving the application ---- */

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds; a short timer keeps it waking up
 * so that conditions changed by worker threads are seen. */
#define WAIT_FOR(cond)                                                   \
  G_STMT_START {                                                         \
    gint64 wait_end_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC; \
    guint wait_tick_ = g_timeout_add (10, tick, NULL);                   \
    while (!(cond))                                                      \
      {                                                                  \
        if (g_get_monotonic_time () > wait_end_)                         \
          g_error ("Timed out waiting for %s", #cond);                   \
        g_main_context_iteration (NULL, TRUE);                           \
      }                                                                  \
    g_source_remove (wait_tick_);                                        \
  } G_STMT_END

typedef void (*Scenario) (FacetApplication *app,
                          FacetWindow      *window,
                          gpointer          user_data);

typedef struct
{
  Scenario          scenario;
  gpointer          user_data;
  FacetApplication *app;
  gboolean          ran;
} Run;

static FacetWindow *
find_window (FacetApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (FACET_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
run_scenario (gpointer user_data)
{
  Run *run = user_data;
  FacetWindow *window;
  GList *windows;

  WAIT_FOR (facet_application_get_library_loaded (run->app));
  window = find_window (run->app);
  g_assert_nonnull (window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));

  run->scenario (run->app, window, run->user_data);
  run->ran = TRUE;

  /* Closing every window ends the application as a user would. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (run->app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  g_application_quit (G_APPLICATION (run->app));

  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             Run          *run)
{
  g_idle_add (run_scenario, run);
}

/* Starts a new application instance (as after a restart), runs @scenario
 * once its window is up and the library read, then quits, which saves. */
static void
run_app (Scenario scenario,
         gpointer user_data)
{
  Run run = { scenario, user_data, NULL, FALSE };
  char *argv[] = { (char *) "facet", NULL };

  run.app = facet_application_new (G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (run.app, "activate", G_CALLBACK (on_activate), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 1, argv), ==, 0);
  g_assert_true (run.ran);
  g_object_unref (run.app);
}

static void
add_paths (FacetWindow *window,
           ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  const char *path;
  va_list args;

  va_start (args, window);
  while ((path = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);

  facet_window_add_files (window, (GFile **) files->pdata, files->len);
  WAIT_FOR (_facet_window_get_n_adding (window) == 0);
}

static GListModel *
designs_of (FacetWindow *window)
{
  return facet_library_get_designs (facet_window_get_library (window));
}

static FacetDesign *
design_at (FacetWindow *window,
           guint        position)
{
  g_autoptr(FacetDesign) design = g_list_model_get_item (designs_of (window), position);

  /* The library keeps it alive. */
  return design;
}

static gboolean
all_measured (FacetWindow *window)
{
  GListModel *designs = designs_of (window);

  for (guint i = 0; i < g_list_model_get_n_items (designs); i++)
    {
      g_autoptr(FacetDesign) design = g_list_model_get_item (designs, i);

      if (facet_design_get_missing (design))
        continue;
      if (facet_design_get_measuring (design) ||
          (facet_design_get_report (design) == NULL && facet_design_get_load_error (design) == NULL))
        return FALSE;
    }
  return TRUE;
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (FACET_IS_DESIGN_ROW (widget))
    {
      if (facet_design_row_get_design (FACET_DESIGN_ROW (widget)) != NULL)
        g_ptr_array_add (rows, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The list's visible row showing @design, NULL if there is none (yet). */
static FacetDesignRow *
find_row (FacetWindow *window,
          FacetDesign *design)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (_facet_window_get_list_view (window)), rows);
  for (guint i = 0; i < rows->len; i++)
    if (facet_design_row_get_design (g_ptr_array_index (rows, i)) == design)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
toast_mentions (FacetWindow *window,
                const char  *text)
{
  GPtrArray *titles = _facet_window_get_toast_titles (window);

  for (guint i = 0; i < titles->len; i++)
    if (strstr (g_ptr_array_index (titles, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
select_design (FacetWindow *window,
               FacetDesign *design)
{
  GListModel *designs = designs_of (window);

  for (guint i = 0; i < g_list_model_get_n_items (designs); i++)
    if (design_at (window, i) == design)
      {
        gtk_single_selection_set_selected (_facet_window_get_selection (window), i);
        g_assert_true (facet_design_page_get_design (_facet_window_get_design_page (window)) == design);
        return;
      }
  g_assert_not_reached ();
}

/* ---- tests ---- */

static void
adds_dropped_files_scenario (FacetApplication *app,
                             FacetWindow      *window,
                             gpointer          user_data)
{
  Files *files = user_data;
  FacetDesignRow *box_row;
  FacetDesignRow *tetra_row;
  FacetDesign *box;
  FacetDesign *tetra;
  g_autofree char *cache_path = NULL;
  g_autoptr(FacetThumbnailer) thumbnailer = NULL;
  g_autoptr(GFile) box_file = NULL;

  g_assert_cmpstr (_facet_window_get_visible_page (window), ==, "empty");

  add_paths (window, files->box, files->notes, files->tetra, NULL);

  /* Two designs, in the order given; the text file was refused by name. */
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_facet_window_get_selection (window))), ==, 2);
  box = design_at (window, 0);
  tetra = design_at (window, 1);
  g_assert_cmpstr (facet_design_get_display_name (box), ==, "box");
  g_assert_cmpstr (facet_design_get_display_name (tetra), ==, "tetra");
  g_assert_true (toast_mentions (window, "notes.txt"));
  g_assert_cmpstr (_facet_window_get_visible_page (window), ==, "designs");

  /* The first added design is selected and shown. */
  g_assert_true (facet_design_page_get_design (_facet_window_get_design_page (window)) == box);

  WAIT_FOR (all_measured (window));
  g_assert_null (facet_design_get_load_error (box));
  g_assert_null (facet_design_get_load_error (tetra));

  /* Rows name their designs and give their size once measured. */
  WAIT_FOR (find_row (window, box) != NULL && find_row (window, tetra) != NULL);
  box_row = find_row (window, box);
  tetra_row = find_row (window, tetra);
  g_assert_cmpstr (facet_design_row_get_title (box_row), ==, "box");
  g_assert_cmpstr (facet_design_row_get_title (tetra_row), ==, "tetra");
  g_assert_cmpstr (facet_design_row_get_subtitle (box_row), ==, "30 × 20 × 10 mm");
  g_assert_cmpstr (facet_design_row_get_subtitle (tetra_row), ==, "20 × 20 × 20 mm");

  /* Thumbnails are drawn off the main thread and cached on disk. */
  WAIT_FOR (facet_design_row_has_thumbnail (box_row) && facet_design_row_has_thumbnail (tetra_row));
  thumbnailer = facet_thumbnailer_new (NULL);
  box_file = g_file_new_for_path (files->box);
  cache_path = facet_thumbnailer_get_cache_path (thumbnailer, box_file, facet_design_get_file_mtime (box));
  g_assert_true (g_str_has_prefix (cache_path, g_get_user_cache_dir ()));
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));

  /* The same file again is not added twice. */
  add_paths (window, files->box, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 2);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
has_accel (FacetApplication *app,
           const char       *action,
           const char       *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  return g_strv_contains ((const char * const *) accels, accel);
}

static void
actions_scenario (FacetApplication *app,
                  FacetWindow      *window,
                  gpointer          user_data)
{
  GtkWindow *about;

  g_assert_true (has_accel (app, "app.quit", "<Control>q"));
  g_assert_true (has_accel (app, "win.open", "<Control>o"));
  g_assert_true (has_accel (app, "win.rename-design", "F2"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  /* Nothing selected yet: nothing to remove or rename. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "remove-design"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "rename-design"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Facet");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_destroy (about);
}

static void
test_actions_have_accels_and_about (void)
{
  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  use_system_data_dirs ();

  run_app (actions_scenario, NULL);
}

static void
test_drop_adds_stl_and_names_refused_file (void)
{
  Files files;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  use_system_data_dirs ();

  files_init (&files);
  run_app (adds_dropped_files_scenario, &files);
  files_clear (&files);
}

static void
page_edits_scenario (FacetApplication *app,
                     FacetWindow      *window,
                     gpointer          user_data)
{
  Files *files = user_data;
  FacetDesignPage *page = _facet_window_get_design_page (window);
  FacetDesign *box;
  FacetDesign *tiny;
  FacetDesignRow *row;
  g_auto(GStrv) problems = NULL;
  double x, y, z;

  add_paths (window, files->box, files->tiny, NULL);
  WAIT_FOR (all_measured (window));
  box = design_at (window, 0);
  tiny = design_at (window, 1);

  select_design (window, box);
  g_assert_cmpstr (_facet_design_page_get_size_text (page), ==, "30 × 20 × 10 mm");
  problems = _facet_design_page_dup_problem_ids (page);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_clear_pointer (&problems, g_strfreev);

  /* Choosing inches in the page changes the design and its figures. */
  adw_combo_row_set_selected (_facet_design_page_get_units_row (page), 1);
  g_assert_cmpint (facet_design_get_units (box), ==, FACET_UNITS_INCH);
  g_assert_cmpstr (_facet_design_page_get_size_text (page), ==, "762 × 508 × 254 mm");
  facet_design_get_size_mm (box, &x, &y, &z);
  g_assert_cmpfloat_with_epsilon (x, 30 * 25.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 20 * 25.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (z, 10 * 25.4, 1e-9);

  /* And the other way: the design's change shows in the page. */
  facet_design_set_units (box, FACET_UNITS_MM);
  g_assert_cmpuint (adw_combo_row_get_selected (_facet_design_page_get_units_row (page)), ==, 0);
  g_assert_cmpstr (_facet_design_page_get_size_text (page), ==, "30 × 20 × 10 mm");

  gtk_spin_button_set_value (_facet_design_page_get_scale_spin (page), 2.0);
  g_assert_cmpfloat (facet_design_get_scale (box), ==, 2.0);
  g_assert_cmpstr (_facet_design_page_get_size_text (page), ==, "60 × 40 × 20 mm");
  gtk_spin_button_set_value (_facet_design_page_get_scale_spin (page), 1.0);

  /* Renaming through the Name row, committed with its apply button. */
  row = find_row (window, box);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (_facet_design_page_get_name_row (page)), "  Bracket  ");
  g_signal_emit_by_name (_facet_design_page_get_name_row (page), "apply");
  g_assert_cmpstr (facet_design_get_display_name (box), ==, "Bracket");
  g_assert_cmpstr (facet_design_row_get_title (row), ==, "Bracket");

  /* An empty name is refused: the old one comes back. */
  gtk_editable_set_text (GTK_EDITABLE (_facet_design_page_get_name_row (page)), " ");
  g_signal_emit_by_name (_facet_design_page_get_name_row (page), "apply");
  g_assert_cmpstr (facet_design_get_display_name (box), ==, "Bracket");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_facet_design_page_get_name_row (page))), ==, "Bracket");

  /* A 1 mm design was surely drawn in inches: the page says so. */
  select_design (window, tiny);
  problems = _facet_design_page_dup_problem_ids (page);
  g_assert_true (g_strv_contains ((const char * const *) problems, "units"));
  g_clear_pointer (&problems, g_strfreev);
  facet_design_set_units (tiny, FACET_UNITS_INCH);
  problems = _facet_design_page_dup_problem_ids (page);
  g_assert_false (g_strv_contains ((const char * const *) problems, "units"));
}

static void
test_page_edits_change_the_design (void)
{
  Files files;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  use_system_data_dirs ();

  files_init (&files);
  run_app (page_edits_scenario, &files);
  files_clear (&files);
}

static void
remove_undo_scenario (FacetApplication *app,
                      FacetWindow      *window,
                      gpointer          user_data)
{
  Files *files = user_data;
  GtkSingleSelection *selection = _facet_window_get_selection (window);
  g_autoptr(FacetDesign) box = NULL;
  FacetDesign *tetra;
  g_autoptr(GFile) box_file = g_file_new_for_path (files->box);
  g_autoptr(GFile) tetra_file = g_file_new_for_path (files->tetra);
  GFile *opened[] = { box_file, tetra_file };
  AdwToast *toast;

  /* "Open With" from a file manager takes the same path as a drop. */
  g_application_open (G_APPLICATION (app), opened, G_N_ELEMENTS (opened), "");
  WAIT_FOR (g_list_model_get_n_items (designs_of (window)) == 2);
  WAIT_FOR (_facet_window_get_n_adding (window) == 0);

  box = g_object_ref (design_at (window, 0));
  tetra = design_at (window, 1);
  select_design (window, box);

  g_action_group_activate_action (G_ACTION_GROUP (window), "remove-design", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 1);
  g_assert_true (design_at (window, 0) == tetra);
  g_assert_true (toast_mentions (window, "“box” removed"));
  /* Only the library forgets it: the file stays. */
  g_assert_true (g_file_test (files->box, G_FILE_TEST_IS_REGULAR));

  toast = _facet_window_get_last_toast (window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_signal_emit_by_name (toast, "button-clicked");

  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 2);
  g_assert_true (design_at (window, 0) == box);
  g_assert_true (design_at (window, 1) == tetra);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);

  /* Removing the last one shows the invitation to drop files again. */
  select_design (window, tetra);
  g_action_group_activate_action (G_ACTION_GROUP (window), "remove-design", NULL);
  select_design (window, box);
  g_action_group_activate_action (G_ACTION_GROUP (window), "remove-design", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 0);
  g_assert_cmpstr (_facet_window_get_visible_page (window), ==, "empty");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "remove-design"));
}

static void
test_remove_then_undo_restores_position (void)
{
  Files files;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  use_system_data_dirs ();

  files_init (&files);
  run_app (remove_undo_scenario, &files);
  files_clear (&files);
}

static void
before_restart_scenario (FacetApplication *app,
                         FacetWindow      *window,
                         gpointer          user_data)
{
  Files *files = user_data;

  add_paths (window, files->box, files->tetra, NULL);
  WAIT_FOR (all_measured (window));
  facet_design_set_display_name (design_at (window, 1), "Pyramid");
  facet_design_set_quantity (design_at (window, 0), 3);
}

static void
after_restart_scenario (FacetApplication *app,
                        FacetWindow      *window,
                        gpointer          user_data)
{
  Files *files = user_data;
  FacetDesignPage *page = _facet_window_get_design_page (window);
  FacetDesign *box;
  FacetDesign *pyramid;
  FacetDesign *found;
  FacetDesignRow *row;
  g_autofree char *moved_path = NULL;
  g_autoptr(GFile) moved = NULL;

  g_assert_cmpstr (_facet_window_get_visible_page (window), ==, "designs");
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 2);

  box = design_at (window, 0);
  pyramid = design_at (window, 1);
  g_assert_cmpstr (facet_design_get_display_name (box), ==, "box");
  g_assert_cmpuint (facet_design_get_quantity (box), ==, 3);
  g_assert_false (facet_design_get_missing (box));
  g_assert_nonnull (facet_design_get_report (box));

  /* The deleted file is still listed, marked missing, not dropped. */
  g_assert_cmpstr (facet_design_get_display_name (pyramid), ==, "Pyramid");
  g_assert_true (facet_design_get_missing (pyramid));

  WAIT_FOR (find_row (window, pyramid) != NULL);
  row = find_row (window, pyramid);
  g_assert_cmpstr (facet_design_row_get_subtitle (row), ==, "File missing");

  select_design (window, pyramid);
  g_assert_true (_facet_design_page_get_shows_missing (page));
  select_design (window, box);
  g_assert_false (_facet_design_page_get_shows_missing (page));
  g_assert_cmpstr (_facet_design_page_get_size_text (page), ==, "30 × 20 × 10 mm");

  /* Locating the moved file puts it in the missing design's place, with
   * the name the user gave it. */
  moved_path = g_build_filename (files->dir, "tetra-moved.stl", NULL);
  write_ascii_tetrahedron (moved_path);
  moved = g_file_new_for_path (moved_path);
  g_object_ref (pyramid);
  _facet_window_relocate_design (window, pyramid, moved);
  WAIT_FOR (_facet_window_get_n_adding (window) == 0);
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 2);
  found = design_at (window, 1);
  g_assert_true (found != pyramid);
  g_object_unref (pyramid);
  g_assert_true (g_file_equal (facet_design_get_file (found), moved));
  g_assert_cmpstr (facet_design_get_display_name (found), ==, "Pyramid");
  g_assert_false (facet_design_get_missing (found));
  g_assert_true (facet_design_page_get_design (page) == found);
  WAIT_FOR (all_measured (window));
  g_assert_false (_facet_design_page_get_shows_missing (page));
  g_assert_cmpstr (_facet_design_page_get_size_text (page), ==, "20 × 20 × 20 mm");
}

static void
test_restart_keeps_designs_and_shows_missing (void)
{
  g_autofree char *library_path = NULL;
  Files files;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  use_system_data_dirs ();

  files_init (&files);
  run_app (before_restart_scenario, &files);

  library_path = g_build_filename (g_get_user_data_dir (), "facet", "library.json", NULL);
  g_assert_true (g_file_test (library_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (files.tetra), ==, 0);

  run_app (after_restart_scenario, &files);
  files_clear (&files);
}

static void
corrupt_library_scenario (FacetApplication *app,
                          FacetWindow      *window,
                          gpointer          user_data)
{
  AdwMessageDialog *dialog;

  g_assert_cmpstr (_facet_window_get_visible_page (window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (designs_of (window)), ==, 0);

  dialog = _facet_window_get_library_error_dialog (window);
  g_assert_nonnull (dialog);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "library.json.broken-"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "empty library"));
}

static void
test_corrupt_library_starts_empty_and_explains (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean kept = FALSE;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  use_system_data_dirs ();

  dir = g_build_filename (g_get_user_data_dir (), "facet", NULL);
  path = g_build_filename (dir, "library.json", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, "{\"version\": 1, \"designs\": [ garbage", -1, &error);
  g_assert_no_error (error);

  run_app (corrupt_library_scenario, NULL);

  /* The unreadable file was kept aside, not overwritten. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "library.json.broken-"))
      kept = TRUE;
  g_assert_true (kept);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (g_getenv ("XDG_DATA_DIRS") != NULL && g_getenv ("XDG_DATA_DIRS")[0] != '\0')
    system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  else
    system_data_dirs = g_strdup ("/usr/local/share:/usr/share");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Nothing here needs OpenGL, and Mesa's EGL loads driver modules and
   * unloads them again, leaving allocations that LeakSanitizer can no
   * longer attribute to any library. GDK_DEBUG set by the caller wins. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  have_display = gtk_init_check ();

  /* tests/app/meson.build runs each of these in its own process: add new
   * ones there too. */

  g_test_add_func ("/window/actions/have-accels-and-about",
                   test_actions_have_accels_and_about);
  g_test_add_func ("/window/drop/adds-stl-and-names-refused-file",
                   test_drop_adds_stl_and_names_refused_file);
  g_test_add_func ("/window/page/edits-change-the-design",
                   test_page_edits_change_the_design);
  g_test_add_func ("/window/remove/undo-restores-position",
                   test_remove_then_undo_restores_position);
  g_test_add_func ("/window/restart/keeps-designs-and-shows-missing-until-located",
                   test_restart_keeps_designs_and_shows_missing);
  g_test_add_func ("/window/library/corrupt-starts-empty-and-explains",
                   test_corrupt_library_starts_empty_and_explains);

  ret = g_test_run ();
  g_free (system_data_dirs);
  return ret;
}
