/* facet-application.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "facet-application.h"
#include "facet-window.h"

struct _FacetApplication
{
  AdwApplication  parent_instance;

  FacetLibrary   *library;
  GCancellable   *cancellable;
  /* Why the library could not be read, until a window has told the user. */
  GError         *load_error;
  gboolean        library_loaded;
};

G_DEFINE_FINAL_TYPE (FacetApplication, facet_application, ADW_TYPE_APPLICATION)

static FacetWindow *
get_window (FacetApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (FACET_IS_WINDOW (window))
    return FACET_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (FACET_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
tell_window (FacetApplication *self,
             FacetWindow      *window)
{
  facet_window_set_library_ready (window, self->load_error);
  /* One window explains it; others need not repeat it. */
  g_clear_error (&self->load_error);
}

static FacetWindow *
ensure_window (FacetApplication *self)
{
  FacetWindow *window = get_window (self);

  if (window == NULL)
    {
      window = facet_window_new (GTK_APPLICATION (self), self->library);
      if (self->library_loaded)
        tell_window (self, window);
    }

  return window;
}

static void
library_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FacetApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!facet_library_load_finish (FACET_LIBRARY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_application_release (G_APPLICATION (self));
          return;
        }

      /* The library moved the unreadable file aside and is empty but
       * usable: carry on, and say so. */
      g_debug ("%s", error->message);
      self->load_error = g_steal_pointer (&error);
    }

  self->library_loaded = TRUE;
  /* Saving only from here on: before, an empty library would have been
   * written over the user's. */
  facet_library_set_autosave (self->library, TRUE);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (FACET_IS_WINDOW (l->data))
      tell_window (self, l->data);

  g_application_release (G_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  FacetApplication *self = user_data;
  static const char *developers[] = { "The Facet authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APP_ID,
                        "application-name", _("Facet"),
                        "developer-name", _("The Facet authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Drop STL files to see what each design measures and what a "
                                      "print service would reject."),
                        "copyright", "© 2026 The Facet authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* TRANSLATORS: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
facet_application_startup (GApplication *application)
{
  FacetApplication *self = FACET_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *rename_accels[] = { "F2", NULL };

  G_APPLICATION_CLASS (facet_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.rename-design", rename_accels);

  self->library = facet_library_new (NULL);
  facet_library_set_autosave (self->library, FALSE);

  /* Stay up until the library is read, even if a window closes first. */
  g_application_hold (application);
  facet_library_load_async (self->library, self->cancellable, library_loaded, g_object_ref (self));
}

static void
facet_application_activate (GApplication *application)
{
  FacetApplication *self = FACET_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
}

static void
facet_application_open (GApplication  *application,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  FacetApplication *self = FACET_APPLICATION (application);
  FacetWindow *window = ensure_window (self);

  facet_window_add_files (window, files, (guint) MAX (n_files, 0));
  gtk_window_present (GTK_WINDOW (window));
}

static void
facet_application_shutdown (GApplication *application)
{
  FacetApplication *self = FACET_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->cancellable);

  if (self->library != NULL && self->library_loaded &&
      !facet_library_flush (self->library, &error))
    g_warning ("Could not save the library: %s", error->message);

  g_settings_sync ();

  G_APPLICATION_CLASS (facet_application_parent_class)->shutdown (application);
}

static void
facet_application_finalize (GObject *object)
{
  FacetApplication *self = (FacetApplication *) object;

  g_clear_object (&self->library);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (facet_application_parent_class)->finalize (object);
}

static void
facet_application_class_init (FacetApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = facet_application_finalize;

  app_class->startup = facet_application_startup;
  app_class->activate = facet_application_activate;
  app_class->open = facet_application_open;
  app_class->shutdown = facet_application_shutdown;
}

static void
facet_application_init (FacetApplication *self)
{
  self->cancellable = g_cancellable_new ();
}

FacetApplication *
facet_application_new (GApplicationFlags flags)
{
  return g_object_new (FACET_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

FacetLibrary *
facet_application_get_library (FacetApplication *self)
{
  g_return_val_if_fail (FACET_IS_APPLICATION (self), NULL);

  return self->library;
}

gboolean
facet_application_get_library_loaded (FacetApplication *self)
{
  g_return_val_if_fail (FACET_IS_APPLICATION (self), FALSE);

  return self->library_loaded;
}
