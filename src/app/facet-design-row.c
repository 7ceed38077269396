/* facet-design-row.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-design-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "facet-design-row.h"
#include "facet-format.h"
#include "facet-health.h"
#include "facet-settings.h"

struct _FacetDesignRow
{
  GtkWidget         parent_instance;

  FacetThumbnailer *thumbnailer;
  GSettings        *settings;
  FacetDesign      *design;
  GSignalGroup     *design_signals;
  GCancellable     *thumbnail_cancellable;
  gboolean          has_thumbnail;

  GtkImage         *thumbnail;
  GtkLabel         *title_label;
  GtkImage         *missing_icon;
  GtkLabel         *subtitle_label;
  GtkImage         *health_icon;
};

G_DEFINE_FINAL_TYPE (FacetDesignRow, facet_design_row, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_DESIGN, PROP_THUMBNAILER, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
show_placeholder (FacetDesignRow *self)
{
  self->has_thumbnail = FALSE;
  gtk_image_set_from_icon_name (self->thumbnail, APP_ID "-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbnail), "dim-label");
}

static void
thumbnail_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FacetDesignRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  texture = facet_thumbnailer_load_finish (FACET_THUMBNAILER (object), result, &error);

  /* The row was recycled or the design changed again: not ours any more. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED))
    return;

  if (texture == NULL)
    {
      g_debug ("No thumbnail: %s", error->message);
      return;
    }

  self->has_thumbnail = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->thumbnail), "dim-label");
  gtk_image_set_from_paintable (self->thumbnail, GDK_PAINTABLE (texture));
}

static void
cancel_thumbnail (FacetDesignRow *self)
{
  g_cancellable_cancel (self->thumbnail_cancellable);
  g_clear_object (&self->thumbnail_cancellable);
}

/* A picture is drawn once the design is measured and its file is there; a
 * new measurement (the file changed) gives a new mtime, so a new picture. */
static void
update_thumbnail (FacetDesignRow *self)
{
  cancel_thumbnail (self);
  show_placeholder (self);

  if (self->design == NULL || self->thumbnailer == NULL)
    return;
  if (facet_design_get_missing (self->design) ||
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
update_title (FacetDesignRow *self)
{
  const char *name = self->design ? facet_design_get_display_name (self->design) : NULL;

  gtk_label_set_label (self->title_label, name ? name : "");
}

static void
update_subtitle (FacetDesignRow *self)
{
  g_autofree char *text = NULL;
  FacetDesign *design = self->design;
  gboolean missing = FALSE;
  gboolean failed = FALSE;

  if (design == NULL)
    {
      text = g_strdup ("");
    }
  else if (facet_design_get_missing (design))
    {
      missing = TRUE;
      text = g_strdup (_("File missing"));
    }
  else if (facet_design_get_measuring (design))
    {
      double progress = CLAMP (facet_design_get_progress (design), 0.0, 1.0);

      /* TRANSLATORS: a design being measured, with the percentage done */
      text = g_strdup_printf (_("Measuring… %d %%"), (int) floor (progress * 100.0));
    }
  else if (facet_design_get_load_error (design) != NULL)
    {
      failed = TRUE;
      text = g_strdup (facet_design_get_load_error (design));
    }
  else if (facet_design_get_report (design) != NULL)
    {
      text = facet_format_size (design, facet_settings_get_display_units (self->settings));
    }
  else
    {
      text = g_strdup (_("Not measured yet"));
    }

  gtk_label_set_label (self->subtitle_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), failed ? text : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_icon), missing);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subtitle_label), "error");
}

static void
update_health (FacetDesignRow *self)
{
  FacetHealthLevel level = FACET_HEALTH_OK;
  GtkWidget *icon = GTK_WIDGET (self->health_icon);

  if (self->design != NULL && !facet_design_get_missing (self->design))
    level = facet_health_get_level (self->design);

  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_set_visible (icon, level != FACET_HEALTH_OK);
  if (level == FACET_HEALTH_OK)
    return;

  gtk_image_set_from_icon_name (self->health_icon, facet_health_level_get_icon_name (level));
  gtk_widget_add_css_class (icon, facet_health_level_get_style_class (level));
  gtk_widget_set_tooltip_text (icon,
                               level == FACET_HEALTH_ERROR
                                 ? _("A print service would reject this design")
                                 : _("This design may need attention before ordering"));
}

static void
update_all (FacetDesignRow *self)
{
  update_title (self);
  update_subtitle (self);
  update_health (self);
  update_thumbnail (self);
}

static void
on_state_changed (FacetDesignRow *self)
{
  update_subtitle (self);
  update_health (self);
}

static void
on_report_changed (FacetDesignRow *self)
{
  update_subtitle (self);
  update_health (self);
  update_thumbnail (self);
}

static void
on_preferred_units_changed (FacetDesignRow *self)
{
  update_subtitle (self);
}

static void
facet_design_row_dispose (GObject *object)
{
  FacetDesignRow *self = (FacetDesignRow *) object;
  GtkWidget *child;

  cancel_thumbnail (self);
  if (self->design_signals != NULL)
    g_signal_group_set_target (self->design_signals, NULL);
  g_clear_object (&self->design);

  gtk_widget_dispose_template (GTK_WIDGET (self), FACET_TYPE_DESIGN_ROW);
  /* Children without an id are not bound, so not cleared above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (facet_design_row_parent_class)->dispose (object);
}

static void
facet_design_row_finalize (GObject *object)
{
  FacetDesignRow *self = (FacetDesignRow *) object;

  g_clear_object (&self->design_signals);
  g_clear_object (&self->settings);
  g_clear_object (&self->thumbnailer);

  G_OBJECT_CLASS (facet_design_row_parent_class)->finalize (object);
}

static void
facet_design_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FacetDesignRow *self = FACET_DESIGN_ROW (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      g_value_set_object (value, self->design);
      break;
    case PROP_THUMBNAILER:
      g_value_set_object (value, self->thumbnailer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_design_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FacetDesignRow *self = FACET_DESIGN_ROW (object);

  switch (prop_id)
    {
    case PROP_DESIGN:
      facet_design_row_set_design (self, g_value_get_object (value));
      break;
    case PROP_THUMBNAILER:
      self->thumbnailer = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_design_row_class_init (FacetDesignRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = facet_design_row_dispose;
  object_class->finalize = facet_design_row_finalize;
  object_class->get_property = facet_design_row_get_property;
  object_class->set_property = facet_design_row_set_property;

  properties[PROP_DESIGN] =
    g_param_spec_object ("design", NULL, NULL,
                         FACET_TYPE_DESIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THUMBNAILER] =
    g_param_spec_object ("thumbnailer", NULL, NULL,
                         FACET_TYPE_THUMBNAILER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/facetapp/Facet/facet-design-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FacetDesignRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignRow, missing_icon);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FacetDesignRow, health_icon);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "facetdesignrow");
}

static void
facet_design_row_init (FacetDesignRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);

  self->settings = facet_settings_new ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::preferred-units",
                               G_CALLBACK (on_preferred_units_changed), self,
                               G_CONNECT_SWAPPED);
    }

  self->design_signals = g_signal_group_new (FACET_TYPE_DESIGN);
  g_signal_group_connect_object (self->design_signals, "notify::display-name",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::missing",
                                 G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::measuring",
                                 G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::progress",
                                 G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::load-error",
                                 G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::report",
                                 G_CALLBACK (on_report_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::units",
                                 G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->design_signals, "notify::scale",
                                 G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);

  show_placeholder (self);
}

GtkWidget *
facet_design_row_new (FacetThumbnailer *thumbnailer)
{
  g_return_val_if_fail (!thumbnailer || FACET_IS_THUMBNAILER (thumbnailer), NULL);

  return g_object_new (FACET_TYPE_DESIGN_ROW,
                       "thumbnailer", thumbnailer,
                       NULL);
}

FacetDesign *
facet_design_row_get_design (FacetDesignRow *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_ROW (self), NULL);

  return self->design;
}

void
facet_design_row_set_design (FacetDesignRow *self,
                             FacetDesign    *design)
{
  g_return_if_fail (FACET_IS_DESIGN_ROW (self));
  g_return_if_fail (!design || FACET_IS_DESIGN (design));

  if (!g_set_object (&self->design, design))
    return;

  g_signal_group_set_target (self->design_signals, design);
  update_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIGN]);
}

const char *
facet_design_row_get_title (FacetDesignRow *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_ROW (self), NULL);

  return gtk_label_get_label (self->title_label);
}

const char *
facet_design_row_get_subtitle (FacetDesignRow *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_ROW (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

gboolean
facet_design_row_has_thumbnail (FacetDesignRow *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN_ROW (self), FALSE);

  return self->has_thumbnail;
}
