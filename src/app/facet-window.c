/* facet-window.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "facet-design-page.h"
#include "facet-design-row.h"
#include "facet-settings.h"
#include "facet-thumbnailer.h"
#include "facet-window-private.h"

/* More failures than this in one go are summed up in a single toast. */
#define MAX_ERROR_TOASTS 3
/* The tests read the recent toasts; older ones are forgotten. */
#define MAX_TOAST_LOG 32

struct _FacetWindow
{
  AdwApplicationWindow  parent_instance;

  FacetLibrary         *library;
  FacetThumbnailer     *thumbnailer;
  GSettings            *settings;
  GtkSingleSelection   *selection;
  GCancellable         *cancellable;
  GPtrArray            *pending_files;
  GPtrArray            *toast_titles;
  AdwToast             *last_toast;
  AdwMessageDialog     *library_error_dialog;
  GtkFileChooserNative *open_dialog;
  GtkFileChooserNative *locate_dialog;
  FacetDesign          *locating;
  gboolean              library_ready;
  guint                 n_adding;

  GtkWidget            *drop_highlight;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  AdwLeaflet           *leaflet;
  GtkListView          *list_view;
  FacetDesignPage      *design_page;
};

G_DEFINE_FINAL_TYPE (FacetWindow, facet_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_LIBRARY, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Toasts */

static void
show_toast (FacetWindow *self,
            AdwToast    *toast,
            const char  *plain_title)
{
  if (self->toast_titles->len >= MAX_TOAST_LOG)
    g_ptr_array_remove_index (self->toast_titles, 0);
  g_ptr_array_add (self->toast_titles, g_strdup (plain_title));
  g_set_object (&self->last_toast, toast);

  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* Toast titles are Pango markup in libadwaita 1.2: file names are escaped. */
static AdwToast *
new_toast (const char *plain_title)
{
  g_autofree char *markup = g_markup_escape_text (plain_title, -1);

  return adw_toast_new (markup);
}

static void
show_message_toast (FacetWindow *self,
                    const char  *message)
{
  g_autoptr(AdwToast) toast = new_toast (message);

  show_toast (self, toast, message);
}

/* Selection and navigation */

static FacetDesign *
get_selected_design (FacetWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static guint
find_design_position (FacetWindow *self,
                      FacetDesign *design)
{
  GListModel *designs = facet_library_get_designs (self->library);
  guint n = g_list_model_get_n_items (designs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FacetDesign) item = g_list_model_get_item (designs, i);

      if (item == design)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (FacetWindow *self,
                 guint        position)
{
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
show_design (FacetWindow *self)
{
  if (get_selected_design (self) != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "design");
}

static void
update_main_page (FacetWindow *self)
{
  const char *page;

  if (!self->library_ready)
    page = "loading";
  else if (g_list_model_get_n_items (facet_library_get_designs (self->library)) == 0)
    page = "empty";
  else
    page = "designs";

  gtk_spinner_set_spinning (self->loading_spinner, !self->library_ready);
  gtk_stack_set_visible_child_name (self->main_stack, page);
}

static void
update_actions (FacetWindow *self)
{
  FacetDesign *design = get_selected_design (self);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "remove-design");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), design != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "rename-design");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), design != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "locate-design");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), design != NULL && self->locate_dialog == NULL);
}

static void
on_selected_item_changed (FacetWindow *self)
{
  facet_design_page_set_design (self->design_page, get_selected_design (self));
  update_actions (self);
}

static void
on_designs_changed (FacetWindow *self,
                    guint        position,
                    guint        removed,
                    guint        added)
{
  update_main_page (self);
  /* The same design may be selected with another position: keep actions in
   * step with whether anything is selected at all. */
  update_actions (self);
}

static gboolean
show_design_idle (gpointer user_data)
{
  show_design (FACET_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_list_activate (FacetWindow *self,
                  guint        position)
{
  select_position (self, position);
  show_design (self);
}

/* In a narrow window the list and the page are shown one at a time: a click
 * on a row opens the page, even on the row already selected (which would
 * not change the selection). The gesture runs in the capture phase, before
 * the list selects the row. */
static void
on_list_click_released (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        FacetWindow     *self)
{
  GtkWidget *picked;

  if (!adw_leaflet_get_folded (self->leaflet))
    return;

  picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  if (picked == NULL)
    return;
  if (!FACET_IS_DESIGN_ROW (picked) && gtk_widget_get_ancestor (picked, FACET_TYPE_DESIGN_ROW) == NULL)
    {
      /* The padding around a row belongs to the list's item widget. */
      GtkWidget *child = gtk_widget_get_first_child (picked);

      if (child == NULL || !FACET_IS_DESIGN_ROW (child))
        return;
    }

  /* Let the list select the row first. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_design_idle,
                   g_object_ref (self), g_object_unref);
}

/* List rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           FacetWindow              *self)
{
  gtk_list_item_set_child (item, facet_design_row_new (self->thumbnailer));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          FacetWindow              *self)
{
  facet_design_row_set_design (FACET_DESIGN_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            FacetWindow              *self)
{
  facet_design_row_set_design (FACET_DESIGN_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Adding files */

static void
show_errors_dialog (AdwToast    *toast,
                    FacetWindow *self)
{
  GPtrArray *messages = g_object_get_data (G_OBJECT (toast), "facet-messages");
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < messages->len; i++)
    {
      if (i > 0)
        g_string_append_c (body, '\n');
      g_string_append (body, g_ptr_array_index (messages, i));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Some Files Were Not Added"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_add_errors (FacetWindow *self,
                 GPtrArray   *errors)
{
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *title = NULL;
  GPtrArray *messages;

  if (errors->len <= MAX_ERROR_TOASTS)
    {
      for (guint i = 0; i < errors->len; i++)
        {
          const GError *error = g_ptr_array_index (errors, i);

          show_message_toast (self, error->message);
        }
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u file could not be added",
                                        "%u files could not be added",
                                        errors->len),
                           errors->len);
  messages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);

      g_ptr_array_add (messages, g_strdup (error->message));
    }

  toast = new_toast (title);
  adw_toast_set_button_label (toast, _("_Details"));
  g_object_set_data_full (G_OBJECT (toast), "facet-messages", messages,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_errors_dialog), self, 0);
  show_toast (self, toast, title);
}

static void
add_files_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FacetWindow) self = user_data;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (self->n_adding > 0);
  self->n_adding--;

  added = facet_library_add_files_finish (FACET_LIBRARY (object), result, &errors, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (added == NULL && error != NULL)
    {
      show_message_toast (self, error->message);
      return;
    }

  if (errors != NULL && errors->len > 0)
    show_add_errors (self, errors);

  if (added != NULL && added->len > 0)
    select_position (self, find_design_position (self, g_ptr_array_index (added, 0)));
}

void
facet_window_add_files (FacetWindow  *self,
                        GFile       **files,
                        guint         n_files)
{
  g_return_if_fail (FACET_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  /* Files dropped or opened while the library is being read wait for it,
   * so that they are not added twice or lost when it is replaced. */
  if (!self->library_ready)
    {
      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (self->pending_files, g_object_ref (files[i]));
      return;
    }

  self->n_adding++;
  facet_library_add_files_async (self->library, files, n_files, self->cancellable,
                                 add_files_done, g_object_ref (self));
}

static void
add_files_from_model (FacetWindow *self,
                      GListModel  *model)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_list_model_get_item (model, i));

  facet_window_add_files (self, (GFile **) files->pdata, files->len);
}

/* Drag and drop */

static GdkDragAction
on_drop_enter (GtkDropTarget *target,
               double         x,
               double         y,
               FacetWindow   *self)
{
  gtk_widget_set_visible (self->drop_highlight, TRUE);
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               FacetWindow   *self)
{
  gtk_widget_set_visible (self->drop_highlight, FALSE);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         FacetWindow   *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_set_visible (self->drop_highlight, FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        g_ptr_array_add (files, g_object_ref (l->data));
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      g_ptr_array_add (files, g_value_dup_object (value));
    }

  if (files->len == 0)
    return FALSE;

  facet_window_add_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* Actions */

static GtkFileFilter *
new_stl_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("STL Files"));
  gtk_file_filter_add_pattern (filter, "*.stl");
  gtk_file_filter_add_pattern (filter, "*.STL");
  gtk_file_filter_add_mime_type (filter, "model/stl");
  gtk_file_filter_add_mime_type (filter, "model/x.stl-binary");
  gtk_file_filter_add_mime_type (filter, "model/x.stl-ascii");

  return filter;
}

static GtkFileChooserNative *
new_stl_chooser (FacetWindow *self,
                 const char  *title,
                 gboolean     multiple)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) stl = new_stl_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), multiple);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), stl);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), stl);

  return native;
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  FacetWindow     *self)
{
  g_autoptr(GtkFileChooserNative) native = g_steal_pointer (&self->open_dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      add_files_from_model (self, files);
    }
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FacetWindow *self = user_data;

  if (self->open_dialog != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_dialog));
      return;
    }

  self->open_dialog = new_stl_chooser (self, _("Open STL Files"), TRUE);
  g_signal_connect (self->open_dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->open_dialog));
}

static void
undo_remove (AdwToast    *toast,
             FacetWindow *self)
{
  FacetDesign *design = g_object_get_data (G_OBJECT (toast), "facet-design");
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "facet-position"));

  if (design == NULL || find_design_position (self, design) != GTK_INVALID_LIST_POSITION)
    return;

  facet_library_insert_design (self->library, position, design);
  select_position (self, find_design_position (self, design));
}

static void
remove_design_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  FacetWindow *self = user_data;
  g_autoptr(FacetDesign) design = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (get_selected_design (self) == NULL)
    return;

  design = g_object_ref (get_selected_design (self));
  position = facet_library_remove_design (self->library, design);
  if (position == G_MAXUINT)
    return;

  /* The file on disk is left alone: only the library forgets the design. */
  /* TRANSLATORS: a toast after a design was removed from the library */
  title = g_strdup_printf (_("“%s” removed"), facet_design_get_display_name (design));
  toast = new_toast (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "facet-design", g_object_ref (design), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "facet-position", GUINT_TO_POINTER (position));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove), self, 0);
  show_toast (self, toast, title);

  /* In a narrow window, go back to the list rather than show the next design. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
rename_design_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  FacetWindow *self = user_data;

  if (get_selected_design (self) == NULL)
    return;

  show_design (self);
  facet_design_page_start_rename (self->design_page);
}

typedef struct
{
  FacetDesign *old;
  GFile       *file;
} Relocation;

static void
relocation_free (Relocation *relocation)
{
  g_object_unref (relocation->old);
  g_object_unref (relocation->file);
  g_free (relocation);
}

/* Only a cheap look at the file, but still I/O: not on the main thread. */
static void
sniff_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Relocation *relocation = task_data;
  g_autofree char *path = g_file_get_path (relocation->file);
  g_autofree char *basename = g_file_get_basename (relocation->file);
  g_autofree char *name = g_filename_display_name (basename ? basename : "?");
  g_autoptr(GError) error = NULL;
  FacetMeshFormat format;

  if (path == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("“%s” is not on this computer; copy it to a local folder first."),
                             name);
  else if (!facet_mesh_sniff_file (path, &format, &error))
    g_task_return_new_error (task, error->domain, error->code,
                             _("“%s” cannot be used: %s"), name, error->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
relocate_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FacetWindow *self = FACET_WINDOW (object);
  Relocation *relocation = g_task_get_task_data (G_TASK (result));
  FacetDesign *old = relocation->old;
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetDesign) design = NULL;
  guint position;

  g_assert (self->n_adding > 0);
  self->n_adding--;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message_toast (self, error->message);
      return;
    }

  if (facet_library_find_design_by_file (self->library, relocation->file) != NULL)
    {
      show_message_toast (self, _("That file is already in the library"));
      return;
    }

  /* A new design for the file takes the old one's place and keeps what the
   * user chose for it; inserting it has the library measure it. */
  design = facet_design_new (relocation->file);
  facet_design_set_display_name (design, facet_design_get_display_name (old));
  facet_design_set_units (design, facet_design_get_units (old));
  facet_design_set_scale (design, facet_design_get_scale (old));
  facet_design_set_quantity (design, facet_design_get_quantity (old));

  position = facet_library_remove_design (self->library, old);
  if (position == G_MAXUINT)
    return;  /* removed meanwhile: nothing to replace */
  facet_library_insert_design (self->library, position, design);

  select_position (self, find_design_position (self, design));
}

static void
relocate_design (FacetWindow *self,
                 FacetDesign *design,
                 GFile       *file)
{
  g_autoptr(GTask) task = NULL;
  Relocation *relocation = g_new0 (Relocation, 1);

  relocation->old = g_object_ref (design);
  relocation->file = g_object_ref (file);

  self->n_adding++;
  task = g_task_new (self, self->cancellable, relocate_done, NULL);
  g_task_set_source_tag (task, relocate_design);
  g_task_set_task_data (task, relocation, (GDestroyNotify) relocation_free);
  g_task_run_in_thread (task, sniff_thread);
}

static void
on_locate_response (GtkNativeDialog *dialog,
                    int              response,
                    FacetWindow     *self)
{
  g_autoptr(GtkFileChooserNative) native = g_steal_pointer (&self->locate_dialog);
  g_autoptr(FacetDesign) design = g_steal_pointer (&self->locating);

  update_actions (self);

  if (response == GTK_RESPONSE_ACCEPT && design != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      relocate_design (self, design, file);
    }
}

static void
locate_design_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  FacetWindow *self = user_data;
  FacetDesign *design = get_selected_design (self);
  g_autofree char *title = NULL;
  g_autoptr(GFile) parent = NULL;

  if (design == NULL || self->locate_dialog != NULL)
    return;

  g_set_object (&self->locating, design);

  /* TRANSLATORS: title of the dialog to find a moved file */
  title = g_strdup_printf (_("Locate “%s”"), facet_design_get_display_name (design));
  self->locate_dialog = new_stl_chooser (self, title, FALSE);

  /* Start where the file was: it was often only renamed. */
  parent = g_file_get_parent (facet_design_get_file (design));
  if (parent != NULL && g_file_query_exists (parent, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->locate_dialog), parent, NULL);

  g_signal_connect (self->locate_dialog, "response", G_CALLBACK (on_locate_response), self);
  update_actions (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->locate_dialog));
}

static void
show_list_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  FacetWindow *self = user_data;

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static const GActionEntry win_actions[] = {
  { "open", open_action },
  { "remove-design", remove_design_action },
  { "rename-design", rename_design_action },
  { "locate-design", locate_design_action },
  { "show-list", show_list_action },
};

/* The library could not be read */

static void
on_library_error_response (AdwMessageDialog *dialog,
                           const char       *response,
                           FacetWindow      *self)
{
  if (g_strcmp0 (response, "open-folder") == 0)
    {
      g_autoptr(GFile) parent = g_file_get_parent (facet_library_get_file (self->library));
      g_autofree char *uri = g_file_get_uri (parent);

      gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
    }
}

static void
show_library_error (FacetWindow  *self,
                    const GError *error)
{
  const char *heading;
  GtkWidget *dialog;

  if (g_error_matches (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_NEWER_VERSION))
    heading = _("Library From a Newer Facet");
  else
    heading = _("Library Could Not Be Read");

  /* The library's message says where the old file was kept and how Facet
   * carries on. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "open-folder", _("_Open Folder"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_library_error_response), self, 0);

  g_set_weak_pointer (&self->library_error_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
facet_window_set_library_ready (FacetWindow  *self,
                                const GError *error)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_if_fail (FACET_IS_WINDOW (self));

  if (self->library_ready)
    return;

  self->library_ready = TRUE;
  update_main_page (self);

  if (error != NULL)
    show_library_error (self, error);

  pending = g_steal_pointer (&self->pending_files);
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  facet_window_add_files (self, (GFile **) pending->pdata, pending->len);
}

/* GObject */

static void
facet_window_constructed (GObject *object)
{
  FacetWindow *self = (FacetWindow *) object;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GListModel *designs;

  G_OBJECT_CLASS (facet_window_parent_class)->constructed (object);

  g_assert (FACET_IS_LIBRARY (self->library));

  designs = facet_library_get_designs (self->library);
  self->selection = gtk_single_selection_new (g_object_ref (designs));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (designs, "items-changed",
                           G_CALLBACK (on_designs_changed), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  facet_design_page_set_thumbnailer (self->design_page, self->thumbnailer);

  if (self->settings != NULL)
    {
      /* default-width/-height follow the unmaximized size in GTK 4. */
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }

  on_selected_item_changed (self);
  update_main_page (self);
}

static void
facet_window_dispose (GObject *object)
{
  FacetWindow *self = (FacetWindow *) object;

  g_cancellable_cancel (self->cancellable);

  if (self->open_dialog != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->open_dialog));
  g_clear_object (&self->open_dialog);
  if (self->locate_dialog != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->locate_dialog));
  g_clear_object (&self->locate_dialog);
  g_clear_object (&self->locating);
  g_clear_weak_pointer (&self->library_error_dialog);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FACET_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->last_toast);

  G_OBJECT_CLASS (facet_window_parent_class)->dispose (object);
}

static void
facet_window_finalize (GObject *object)
{
  FacetWindow *self = (FacetWindow *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  g_clear_pointer (&self->toast_titles, g_ptr_array_unref);

  G_OBJECT_CLASS (facet_window_parent_class)->finalize (object);
}

static void
facet_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FacetWindow *self = FACET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FacetWindow *self = FACET_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_window_class_init (FacetWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = facet_window_constructed;
  object_class->dispose = facet_window_dispose;
  object_class->finalize = facet_window_finalize;
  object_class->get_property = facet_window_get_property;
  object_class->set_property = facet_window_set_property;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         FACET_TYPE_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FACET_TYPE_DESIGN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/facetapp/Facet/facet-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, drop_highlight);
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, FacetWindow, design_page);

  /* Not an application accelerator: those are seen before the focused
   * widget, and Delete must still delete text in the name field. As a
   * binding of the window it only fires when nothing focused used it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-design", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.remove-design", NULL);
}

static void
facet_window_init (FacetWindow *self)
{
  GtkDropTarget *drop_target;
  GtkGesture *click;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  self->toast_titles = g_ptr_array_new_with_free_func (g_free);
  self->thumbnailer = facet_thumbnailer_new (NULL);
  self->settings = facet_settings_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop_target, "enter", G_CALLBACK (on_drop_enter), self);
  g_signal_connect (drop_target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_list_activate), self);
  click = gtk_gesture_click_new ();
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (on_list_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
}

FacetWindow *
facet_window_new (GtkApplication *application,
                  FacetLibrary   *library)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (FACET_IS_LIBRARY (library), NULL);

  return g_object_new (FACET_TYPE_WINDOW,
                       "application", application,
                       "library", library,
                       NULL);
}

FacetLibrary *
facet_window_get_library (FacetWindow *self)
{
  g_return_val_if_fail (FACET_IS_WINDOW (self), NULL);

  return self->library;
}

/* Test accessors */

const char *
_facet_window_get_visible_page (FacetWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

GtkSingleSelection *
_facet_window_get_selection (FacetWindow *self)
{
  return self->selection;
}

GtkListView *
_facet_window_get_list_view (FacetWindow *self)
{
  return self->list_view;
}

FacetDesignPage *
_facet_window_get_design_page (FacetWindow *self)
{
  return self->design_page;
}

GPtrArray *
_facet_window_get_toast_titles (FacetWindow *self)
{
  return self->toast_titles;
}

AdwToast *
_facet_window_get_last_toast (FacetWindow *self)
{
  return self->last_toast;
}

guint
_facet_window_get_n_adding (FacetWindow *self)
{
  return self->n_adding;
}

AdwMessageDialog *
_facet_window_get_library_error_dialog (FacetWindow *self)
{
  return self->library_error_dialog;
}

void
_facet_window_relocate_design (FacetWindow *self,
                               FacetDesign *design,
                               GFile       *file)
{
  relocate_design (self, design, file);
}
