/* facet-design-page.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-design-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "facet-design-page-private.h"
#include "facet-format.h"
#include "facet-health.h"
#include "facet-settings.h"

struct _FacetDesignPage
{
  AdwBin             parent_instance;

  FacetDesign       *design;
  FacetThumbnailer  *thumbnailer;
  GSettings         *settings;
  GSignalGroup      *design_signals;
  GBindingGroup     *design_bindings;
  GCancellable      *thumbnail_cancellable;
  GPtrArray         *health_rows;
  GPtrArray         *problem_ids;
  gboolean           folded;

  AdwWindowTitle    *window_title;
  GtkStack          *stack;
  GtkImage          *thumbnail;
  GtkLabel          *title_label;
  GtkLabel          *location_label;
  AdwPreferencesGroup *missing_group;
  AdwActionRow      *missing_row;
  GtkWidget         *measuring_box;
  GtkProgressBar    *progress_bar;
  AdwPreferencesGroup *error_group;
  AdwActionRow      *error_row;
  AdwEntryRow       *name_row;
  AdwComboRow       *units_row;
  GtkSpinButton     *scale_spin;
  GtkAdjustment     *scale_adjustment;
  GtkAdjustment     *quantity_adjustment;
  AdwPreferencesGroup *measurements_group;
  GtkLabel          *size_label;
  GtkLabel          *volume_label;
  GtkLabel          *area_label;
  GtkLabel          *triangles_label;
  GtkLabel          *shells_label;
  GtkLabel          *format_label;
  AdwPreferencesGroup *health_group;
};

G_DEFINE_FINAL_TYPE (FacetDesignPage, facet_design_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_DESIGN, PROP_FOLDED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static FacetUnits
display_units (FacetDesignPage *self)
{
  return facet_settings_get_display_units (self->settings);
}

static void
update_header (FacetDesignPage *self)
{
  g_autofree char *location = NULL;
  const char *name = "";

  if (self->design != NULL)
    {
      name = facet_design_get_display_name (self->design);
      location = facet_design_dup_location (self->design);
    }

  adw_window_title_set_title (self->window_title, name ? name : "");
  gtk_label_set_label (self->title_label, name ? name : "");
  gtk_label_set_label (self->location_label, location ? location : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->location_label), location);

  /* Someone else renamed it (undo, another window): show the new name unless
   * the user is in the middle of typing one. */
  if (name != NULL &&
      !(gtk_widget_get_state_flags (GTK_WIDGET (self->name_row)) & GTK_STATE_FLAG_FOCUS_WITHIN) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

static void
update_state (FacetDesignPage *self)
{
  FacetDesign *design = self->design;
  gboolean missing = design && facet_design_get_missing (design);
  gboolean measuring = design && !missing && facet_design_get_measuring (design);
  const char *load_error = design && !missing && !measuring ? facet_design_get_load_error (design) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), missing);
  if (missing)
    {
      g_autofree char *location = facet_design_dup_location (design);

      adw_action_row_set_subtitle (self->missing_row, location);
    }

  gtk_widget_set_visible (self->measuring_box, measuring);
  if (measuring)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   CLAMP (facet_design_get_progress (design), 0.0, 1.0));

  gtk_widget_set_visible (GTK_WIDGET (self->error_group), load_error != NULL);
  if (load_error != NULL)
    adw_action_row_set_subtitle (self->error_row, load_error);
}

static void
set_figure (GtkLabel   *label,
            const char *text)
{
  gtk_label_set_label (label, text ? text : "—");
}

static void
update_measurements (FacetDesignPage *self)
{
  const FacetMeshReport *report = self->design ? facet_design_get_report (self->design) : NULL;
  g_autofree char *size = NULL;
  g_autofree char *volume = NULL;
  g_autofree char *area = NULL;
  g_autofree char *triangles = NULL;
  g_autofree char *shells = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->measurements_group), report != NULL);
  if (report == NULL)
    return;

  size = facet_format_size (self->design, display_units (self));
  set_figure (self->size_label, size);

  {
    g_autofree char *number = facet_format_number (fabs (facet_design_get_volume_cm3 (self->design)));

    /* TRANSLATORS: a volume in cubic centimetres */
    volume = g_strdup_printf (_("%s cm³"), number);
    set_figure (self->volume_label, volume);
  }

  {
    g_autofree char *number = facet_format_number (facet_design_get_area_cm2 (self->design));

    /* TRANSLATORS: an area in square centimetres */
    area = g_strdup_printf (_("%s cm²"), number);
    set_figure (self->area_label, area);
  }

  triangles = facet_format_count (facet_design_get_triangles (self->design));
  set_figure (self->triangles_label, triangles);

  if (report->topology_checked)
    shells = facet_format_count (report->shells);
  set_figure (self->shells_label, shells);

  set_figure (self->format_label,
              report->format == FACET_MESH_FORMAT_ASCII ? _("ASCII STL") : _("Binary STL"));
}

static void
apply_fix (GtkButton       *button,
           FacetDesignPage *self)
{
  FacetHealthFix fix = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "facet-fix"));

  if (self->design == NULL)
    return;

  switch (fix)
    {
    case FACET_HEALTH_FIX_USE_INCH:
      facet_design_set_units (self->design, FACET_UNITS_INCH);
      break;
    case FACET_HEALTH_FIX_USE_MM:
      facet_design_set_units (self->design, FACET_UNITS_MM);
      break;
    case FACET_HEALTH_FIX_SCALE_1000:
      facet_design_set_scale (self->design, 1000.0);
      break;
    case FACET_HEALTH_FIX_NONE:
    default:
      break;
    }
}

static GtkWidget *
create_fix_button (FacetDesignPage *self,
                   FacetHealthFix   fix)
{
  const char *label;
  GtkWidget *button;

  switch (fix)
    {
    case FACET_HEALTH_FIX_USE_INCH:
      label = _("Use Inches");
      break;
    case FACET_HEALTH_FIX_USE_MM:
      label = _("Use Millimetres");
      break;
    case FACET_HEALTH_FIX_SCALE_1000:
      label = _("Scale by 1000");
      break;
    case FACET_HEALTH_FIX_NONE:
    default:
      return NULL;
    }

  button = gtk_button_new_with_label (label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "facet-fix", GUINT_TO_POINTER (fix));
  g_signal_connect_object (button, "clicked", G_CALLBACK (apply_fix), self, 0);

  return button;
}

static GtkWidget *
create_health_row (FacetDesignPage        *self,
                   const FacetHealthCheck *check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (facet_health_level_get_icon_name (check->level));
  GtkWidget *fix;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), check->explanation);
  gtk_widget_add_css_class (icon, facet_health_level_get_style_class (check->level));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (check->level != FACET_HEALTH_OK && check->count > 0)
    {
      g_autofree char *count = facet_format_count (check->count);
      GtkWidget *label = gtk_label_new (count);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  fix = create_fix_button (self, check->fix);
  if (fix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), fix);

  return row;
}

static int
compare_checks (gconstpointer a,
                gconstpointer b)
{
  const FacetHealthCheck *check_a = *(const FacetHealthCheck * const *) a;
  const FacetHealthCheck *check_b = *(const FacetHealthCheck * const *) b;

  return (int) check_b->level - (int) check_a->level;
}

static void
update_health (FacetDesignPage *self)
{
  g_autoptr(GPtrArray) checks = NULL;

  for (guint i = 0; i < self->health_rows->len; i++)
    adw_preferences_group_remove (self->health_group, g_ptr_array_index (self->health_rows, i));
  g_ptr_array_set_size (self->health_rows, 0);
  g_ptr_array_set_size (self->problem_ids, 0);

  if (self->design == NULL)
    checks = g_ptr_array_new ();
  else
    checks = facet_health_check_design (self->design, display_units (self));

  /* What needs doing comes first; the sort keeps the fixed order within a
   * level. */
  g_ptr_array_sort (checks, compare_checks);

  gtk_widget_set_visible (GTK_WIDGET (self->health_group), checks->len > 0);

  for (guint i = 0; i < checks->len; i++)
    {
      const FacetHealthCheck *check = g_ptr_array_index (checks, i);
      GtkWidget *row = create_health_row (self, check);

      adw_preferences_group_add (self->health_group, row);
      g_ptr_array_add (self->health_rows, row);
      if (check->level != FACET_HEALTH_OK)
        g_ptr_array_add (self->problem_ids, g_strdup (check->id));
    }
}

static void
thumbnail_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FacetDesignPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = facet_thumbnailer_load_finish (FACET_THUMBNAILER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      g_debug ("No thumbnail: %s", error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->thumbnail), "dim-label");
  gtk_image_set_from_paintable (self->thumbnail, GDK_PAINTABLE (texture));
}

static void
update_thumbnail (FacetDesignPage *self)
{
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);

  gtk_image_set_from_icon_name (self->thumbnail, APP_ID "-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "dim-label");

  if (self->design == NULL || self->thumbnailer == NULL ||
      facet_design_get_missing (self->design) ||
      facet_design_get_measuring (self->design) ||
      facet_design_get_report (self->design) == NULL)
    return;

  self->thumbnail_cancellable = g_cancellable_new ();
  facet_thumbnailer_load_async (self->thumbnailer,
                                facet_design_get_file (self->design),
                                facet_design_get_file_mtime (self->design),
                                self->thumbnail_cancellable,
                                thumbnail_loaded,
                                g_object_ref (self));
}

static void
on_figures_changed (FacetDesignPage *self)
{
  update_measurements (self);
  update_health (self);
}

static void
on_file_changed (FacetDesignPage *self)
{
  update_state (self);
  update_measurements (self);
  update_health (self);
  update_thumbnail (self);
}

static void
update_all (FacetDesignPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, self->design ? "design" : "none");
  gtk_widget_set_sensitive (GTK_WIDGET (self->window_title), self->design != NULL);
  update_header (self);
  on_file_changed (self);
}

static void
commit_name (FacetDesignPage *self)
{
  g_autofree char *name = NULL;

  if (self->design == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (name[0] == '\0')
    {
      /* A design needs a name: put the current one back. */
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             facet_design_get_display_name (self->design));
      return;
    }

  if (g_strcmp0 (name, facet_design_get_display_name (self->design)) != 0)
    facet_design_set_display_name (self->design, name);
}

static gboolean
units_to_selected (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  int units = G_VALUE_HOLDS_ENUM (from) ? g_value_get_enum (from) : g_value_get_int (from);

  g_value_set_uint (to, units == FACET_UNITS_INCH ? 1 : 0);
  return TRUE;
}

static gboolean
selected_to_units (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  guint selected = g_value_get_uint (from);
  FacetUnits units;

  if (selected == GTK_INVALID_LIST_POSITION)
    return FALSE;

  units = selected == 1 ? FACET_UNITS_INCH : FACET_UNITS_MM;
  if (G_VALUE_HOLDS_ENUM (to))
    g_value_set_enum (to, units);
  else
    g_value_set_int (to, units);
  return TRUE;
}

static void
on_preferred_units_changed (FacetDesignPage *self)
{
  update_measurements (self);
  update_health (self);
}

static void
facet_design_page_dispose (GObject *object)
{
  FacetDesignPage *self = (FacetDesignPage *) object;

  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
  if (self->design_bindings != NULL)
    g_binding_group_set_source (self->design_bindings, NULL);
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  g_clear_object (&self->design);

  gtk_widget_dispose_template (GTK_WIDGET (self), FACET_TYPE_DESIGN_PAGE);

  G_OBJECT_CLASS (facet_design_page_parent_class)->dispose (object);
}

static void
facet_design_page_finalize (GObject *object)
{
  FacetDesignPage *self = (FacetDesignPage *) object;

  g_clear_object (&self->design_bindings);
  g_clear_object (&self->design_signals);
  g_clear_object (&self->thumbnailer);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->health_rows, g_ptr_array_unref);
  g_clear_pointer (&self->problem_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (facet_design_page_parent_class)->finalize (object);
}

static void
facet_design_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FacetDesignPage *self = FACET_DESIGN_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      g_value_set_object (value, self->design);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_design_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FacetDesignPage *self = FACET_DESIGN_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      facet_design_page_set_design (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      facet_design_page_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_design_page_class_init (FacetDesignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = facet_design_page_dispose;
  object_class->finalize = facet_design_page_finalize;
  object_class->get_property = facet_design_page_get_property;
  object_class->set_property = facet_design_page_set_property;

  properties[PROP_DESIGN] =
    g_param_spec_object ("design", NULL, NULL,
                         FACET_TYPE_DESIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/facetapp/Facet/facet-design-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, location_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, missing_group);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, missing_row);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, measuring_box);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, error_group);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, units_row);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, scale_adjustment);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, quantity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, measurements_group);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, size_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, volume_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, area_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, triangles_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, shells_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, format_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignPage, health_group);
}

static void
facet_design_page_init (FacetDesignPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->health_rows = g_ptr_array_new ();
  self->problem_ids = g_ptr_array_new_with_free_func (g_free);

  self->settings = facet_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::preferred-units",
                             G_CALLBACK (on_preferred_units_changed), self,
                             G_CONNECT_SWAPPED);

  g_signal_connect_object (self->name_row, "apply",
                           G_CALLBACK (commit_name), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_row, "entry-activated",
                           G_CALLBACK (commit_name), self, G_CONNECT_SWAPPED);

  self->design_bindings = g_binding_group_new ();
  g_binding_group_bind (self->design_bindings, "scale",
                        self->scale_adjustment, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->design_bindings, "quantity",
                        self->quantity_adjustment, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind_full (self->design_bindings, "units",
                             self->units_row, "selected",
                             G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                             units_to_selected, selected_to_units, NULL, NULL);

  self->design_signals = g_signal_group_new (FACET_TYPE_DESIGN);
  g_signal_group_connect_object (self->design_signals, "notify::display-name",
                                 G_CALLBACK (update_header), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::missing",
                                 G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::measuring",
                                 G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::progress",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::load-error",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::report",
                                 G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::units",
                                 G_CALLBACK (on_figures_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::scale",
                                 G_CALLBACK (on_figures_changed), self, G_CONNECT_SWAPPED);

  update_all (self);
}

FacetDesign *
facet_design_page_get_design (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), NULL);

  return self->design;
}

void
facet_design_page_set_design (FacetDesignPage *self,
                              FacetDesign     *design)
{
  g_return_if_fail (FACET_IS_DESIGN_PAGE (self));
  g_return_if_fail (!design || FACET_IS_DESIGN (design));

  if (!g_set_object (&self->design, design))
    return;

  /* The name field belongs to the new design now, focused or not. */
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         design ? facet_design_get_display_name (design) : "");

  g_signal_group_set_target (self->design_signals, design);
  g_binding_group_set_source (self->design_bindings, design);
  update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIGN]);
}

void
facet_design_page_set_thumbnailer (FacetDesignPage  *self,
                                   FacetThumbnailer *thumbnailer)
{
  g_return_if_fail (FACET_IS_DESIGN_PAGE (self));
  g_return_if_fail (!thumbnailer || FACET_IS_THUMBNAILER (thumbnailer));

  if (g_set_object (&self->thumbnailer, thumbnailer))
    update_thumbnail (self);
}

gboolean
facet_design_page_get_folded (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), FALSE);

  return self->folded;
}

void
facet_design_page_set_folded (FacetDesignPage *self,
                              gboolean         folded)
{
  g_return_if_fail (FACET_IS_DESIGN_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

void
facet_design_page_start_rename (FacetDesignPage *self)
{
  g_return_if_fail (FACET_IS_DESIGN_PAGE (self));

  if (self->design == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}

const char *
_facet_design_page_get_size_text (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), NULL);

  return gtk_label_get_label (self->size_label);
}

GStrv
_facet_design_page_dup_problem_ids (FacetDesignPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), NULL);

  for (guint i = 0; i < self->problem_ids->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->problem_ids, i));

  return g_strv_builder_end (builder);
}

AdwComboRow *
_facet_design_page_get_units_row (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), NULL);

  return self->units_row;
}

AdwEntryRow *
_facet_design_page_get_name_row (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), NULL);

  return self->name_row;
}

GtkSpinButton *
_facet_design_page_get_scale_spin (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), NULL);

  return self->scale_spin;
}

gboolean
_facet_design_page_get_shows_missing (FacetDesignPage *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->missing_group));
}
