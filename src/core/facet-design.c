/* facet-design.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-design"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "facet-design.h"
#include "facet-enum-types.h"
#include "facet-json.h"
#include "facet-library.h"

struct _FacetDesign
{
  GObject          parent_instance;

  char            *id;
  GFile           *file;
  char            *display_name;
  FacetUnits       units;
  double           scale;
  guint            quantity;
  GDateTime       *added;
  guint64          file_size;
  gint64           file_mtime;
  FacetMeshReport *report;
  char            *load_error;
  double           progress;
  GCancellable    *measure_cancellable;
  guint            missing : 1;
  guint            measuring : 1;
};

G_DEFINE_FINAL_TYPE (FacetDesign, facet_design, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_UNITS,
  PROP_SCALE,
  PROP_QUANTITY,
  PROP_ADDED,
  PROP_MISSING,
  PROP_FILE_SIZE,
  PROP_MEASURING,
  PROP_PROGRESS,
  PROP_LOAD_ERROR,
  PROP_REPORT,
  PROP_TRIANGLES,
  PROP_SIZE_X,
  PROP_SIZE_Y,
  PROP_SIZE_Z,
  PROP_VOLUME_CM3,
  PROP_AREA_CM2,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MIN_SCALE 1e-6
#define MAX_SCALE 1e6

/* Everything derived from the report, units and scale changes together. */
static void
notify_figures (FacetDesign *self)
{
  static const guint derived[] = {
    PROP_TRIANGLES, PROP_SIZE_X, PROP_SIZE_Y, PROP_SIZE_Z,
    PROP_VOLUME_CM3, PROP_AREA_CM2, PROP_PROBLEMS,
  };

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[derived[i]]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
facet_design_dispose (GObject *object)
{
  FacetDesign *self = (FacetDesign *)object;

  if (self->measure_cancellable != NULL)
    g_cancellable_cancel (self->measure_cancellable);
  g_clear_object (&self->measure_cancellable);

  G_OBJECT_CLASS (facet_design_parent_class)->dispose (object);
}

static void
facet_design_finalize (GObject *object)
{
  FacetDesign *self = (FacetDesign *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->added, g_date_time_unref);
  g_clear_pointer (&self->report, facet_mesh_report_free);
  g_clear_pointer (&self->load_error, g_free);

  G_OBJECT_CLASS (facet_design_parent_class)->finalize (object);
}

static void
facet_design_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FacetDesign *self = FACET_DESIGN (object);
  double x, y, z;

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_UNITS:
      g_value_set_enum (value, self->units);
      break;
    case PROP_SCALE:
      g_value_set_double (value, self->scale);
      break;
    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;
    case PROP_ADDED:
      g_value_set_boxed (value, self->added);
      break;
    case PROP_MISSING:
      g_value_set_boolean (value, self->missing);
      break;
    case PROP_FILE_SIZE:
      g_value_set_uint64 (value, self->file_size);
      break;
    case PROP_MEASURING:
      g_value_set_boolean (value, self->measuring);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_LOAD_ERROR:
      g_value_set_string (value, self->load_error);
      break;
    case PROP_REPORT:
      g_value_set_boxed (value, self->report);
      break;
    case PROP_TRIANGLES:
      g_value_set_uint64 (value, facet_design_get_triangles (self));
      break;
    case PROP_SIZE_X:
    case PROP_SIZE_Y:
    case PROP_SIZE_Z:
      facet_design_get_size_mm (self, &x, &y, &z);
      g_value_set_double (value, prop_id == PROP_SIZE_X ? x : prop_id == PROP_SIZE_Y ? y : z);
      break;
    case PROP_VOLUME_CM3:
      g_value_set_double (value, facet_design_get_volume_cm3 (self));
      break;
    case PROP_AREA_CM2:
      g_value_set_double (value, facet_design_get_area_cm2 (self));
      break;
    case PROP_PROBLEMS:
      g_value_set_uint (value, facet_design_get_problems (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_design_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FacetDesign *self = FACET_DESIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only: a new design gets a fresh UUID in constructed(). */
      self->id = g_value_dup_string (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_DISPLAY_NAME:
      facet_design_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_UNITS:
      facet_design_set_units (self, g_value_get_enum (value));
      break;
    case PROP_SCALE:
      facet_design_set_scale (self, g_value_get_double (value));
      break;
    case PROP_QUANTITY:
      facet_design_set_quantity (self, g_value_get_uint (value));
      break;
    case PROP_MISSING:
      facet_design_set_missing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_design_constructed (GObject *object)
{
  FacetDesign *self = (FacetDesign *)object;

  G_OBJECT_CLASS (facet_design_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();

  if (self->display_name == NULL && self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      const char *dot = strrchr (basename, '.');

      /* "bracket v2.stl" reads better as "bracket v2". */
      if (dot != NULL && dot != basename && g_ascii_strcasecmp (dot, ".stl") == 0)
        self->display_name = g_strndup (basename, dot - basename);
      else
        self->display_name = g_steal_pointer (&basename);
    }
}

static void
facet_design_class_init (FacetDesignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = facet_design_constructed;
  object_class->dispose = facet_design_dispose;
  object_class->finalize = facet_design_finalize;
  object_class->get_property = facet_design_get_property;
  object_class->set_property = facet_design_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, rw);
  properties[PROP_UNITS] =
    g_param_spec_enum ("units", NULL, NULL, FACET_TYPE_UNITS, FACET_UNITS_MM, rw);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, MIN_SCALE, MAX_SCALE, 1.0, rw);
  properties[PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL, 1, 100000, 1, rw);
  properties[PROP_ADDED] =
    g_param_spec_boxed ("added", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_MISSING] =
    g_param_spec_boolean ("missing", NULL, NULL, FALSE, rw);
  properties[PROP_FILE_SIZE] =
    g_param_spec_uint64 ("file-size", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_MEASURING] =
    g_param_spec_boolean ("measuring", NULL, NULL, FALSE, ro);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_LOAD_ERROR] =
    g_param_spec_string ("load-error", NULL, NULL, NULL, ro);
  properties[PROP_REPORT] =
    g_param_spec_boxed ("report", NULL, NULL, facet_mesh_report_get_type (), ro);
  properties[PROP_TRIANGLES] =
    g_param_spec_uint64 ("triangles", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_SIZE_X] =
    g_param_spec_double ("size-x", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_SIZE_Y] =
    g_param_spec_double ("size-y", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_SIZE_Z] =
    g_param_spec_double ("size-z", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_VOLUME_CM3] =
    g_param_spec_double ("volume-cm3", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_AREA_CM2] =
    g_param_spec_double ("area-cm2", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_PROBLEMS] =
    g_param_spec_uint ("problems", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_design_init (FacetDesign *self)
{
  self->units = FACET_UNITS_MM;
  self->scale = 1.0;
  self->quantity = 1;
  self->added = g_date_time_new_now_utc ();
}

/**
 * facet_design_new:
 * @file: the STL file
 *
 * Returns: (transfer full): a new design named after the file
 */
FacetDesign *
facet_design_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (FACET_TYPE_DESIGN, "file", file, NULL);
}

const char *
facet_design_get_id (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);
  return self->id;
}

GFile *
facet_design_get_file (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);
  return self->file;
}

char *
facet_design_dup_location (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);

  if (self->file == NULL)
    return NULL;
  if (g_file_is_native (self->file))
    return g_file_get_path (self->file);
  return g_file_get_uri (self->file);
}

const char *
facet_design_get_display_name (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);
  return self->display_name;
}

/**
 * facet_design_set_display_name:
 *
 * Renames the design (not the file). Surrounding white space is dropped;
 * an empty name is refused, so a design never becomes nameless in the list.
 */
void
facet_design_set_display_name (FacetDesign *self,
                               const char  *display_name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (FACET_IS_DESIGN (self));

  if (display_name == NULL)
    return;
  stripped = g_strstrip (g_strdup (display_name));
  if (*stripped == '\0')
    return;

  if (facet_set_string (&self->display_name, stripped))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

FacetUnits
facet_design_get_units (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), FACET_UNITS_MM);
  return self->units;
}

void
facet_design_set_units (FacetDesign *self,
                        FacetUnits   units)
{
  g_return_if_fail (FACET_IS_DESIGN (self));
  g_return_if_fail (units == FACET_UNITS_MM || units == FACET_UNITS_INCH);

  if (self->units == units)
    return;
  self->units = units;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNITS]);
  notify_figures (self);
}

double
facet_design_get_scale (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 1.0);
  return self->scale;
}

void
facet_design_set_scale (FacetDesign *self,
                        double       scale)
{
  g_return_if_fail (FACET_IS_DESIGN (self));

  if (!isfinite (scale))
    return;
  scale = CLAMP (scale, MIN_SCALE, MAX_SCALE);
  if (self->scale == scale)
    return;
  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
  notify_figures (self);
}

guint
facet_design_get_quantity (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 1);
  return self->quantity;
}

void
facet_design_set_quantity (FacetDesign *self,
                           guint        quantity)
{
  g_return_if_fail (FACET_IS_DESIGN (self));

  quantity = CLAMP (quantity, 1, 100000);
  if (self->quantity == quantity)
    return;
  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

GDateTime *
facet_design_get_added (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);
  return self->added;
}

gboolean
facet_design_get_missing (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), FALSE);
  return self->missing;
}

void
facet_design_set_missing (FacetDesign *self,
                          gboolean     missing)
{
  g_return_if_fail (FACET_IS_DESIGN (self));

  missing = !!missing;
  if (self->missing == missing)
    return;
  self->missing = missing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSING]);
}

guint64
facet_design_get_file_size (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 0);
  return self->file_size;
}

gint64
facet_design_get_file_mtime (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 0);
  return self->file_mtime;
}

gboolean
facet_design_get_measuring (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), FALSE);
  return self->measuring;
}

double
facet_design_get_progress (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 0.0);
  return self->progress;
}

const char *
facet_design_get_load_error (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);
  return self->load_error;
}

const FacetMeshReport *
facet_design_get_report (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), NULL);
  return self->report;
}

void
facet_design_set_report (FacetDesign           *self,
                         const FacetMeshReport *report)
{
  g_return_if_fail (FACET_IS_DESIGN (self));

  if (report == NULL && self->report == NULL)
    return;
  if (report != NULL && self->report != NULL &&
      memcmp (report, self->report, sizeof *report) == 0)
    return;

  g_clear_pointer (&self->report, facet_mesh_report_free);
  if (report != NULL)
    self->report = facet_mesh_report_copy (report);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  notify_figures (self);
}

static void
set_load_error (FacetDesign *self,
                const char  *message)
{
  if (facet_set_string (&self->load_error, message))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_ERROR]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
    }
}

static void
set_progress (FacetDesign *self,
              double       progress)
{
  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_measuring (FacetDesign *self,
               gboolean     measuring)
{
  if (self->measuring == !!measuring)
    return;
  self->measuring = !!measuring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURING]);
}

double
facet_design_get_mm_per_unit (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 1.0);
  return facet_units_get_mm (self->units) * self->scale;
}

guint64
facet_design_get_triangles (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), 0);
  return self->report ? self->report->triangles : 0;
}

void
facet_design_get_size_mm (FacetDesign *self,
                          double      *x,
                          double      *y,
                          double      *z)
{
  double f, size[3] = { 0, 0, 0 };

  g_return_if_fail (FACET_IS_DESIGN (self));

  f = facet_design_get_mm_per_unit (self);
  if (self->report != NULL)
    for (guint i = 0; i < 3; i++)
      size[i] = MAX (0.0, self->report->max[i] - self->report->min[i]) * f;

  if (x) *x = size[0];
  if (y) *y = size[1];
  if (z) *z = size[2];
}

double
facet_design_get_volume_cm3 (FacetDesign *self)
{
  double f;

  g_return_val_if_fail (FACET_IS_DESIGN (self), 0.0);

  if (self->report == NULL)
    return 0.0;
  f = facet_design_get_mm_per_unit (self);
  return fabs (self->report->signed_volume) * f * f * f / 1000.0;
}

double
facet_design_get_area_cm2 (FacetDesign *self)
{
  double f;

  g_return_val_if_fail (FACET_IS_DESIGN (self), 0.0);

  if (self->report == NULL)
    return 0.0;
  f = facet_design_get_mm_per_unit (self);
  return self->report->area * f * f / 100.0;
}

FacetUnitHint
facet_design_get_unit_hint (FacetDesign *self)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), FACET_UNIT_HINT_NONE);

  if (self->report == NULL)
    return FACET_UNIT_HINT_NONE;
  return facet_mesh_report_unit_hint (self->report, facet_design_get_mm_per_unit (self));
}

/**
 * facet_design_get_problems:
 *
 * Returns: how many kinds of problem a print service might reject the design
 * for (holes, non-manifold edges, flipped facets, degenerate or non-finite
 * facets, several shells, inside out, a suspicious size, a load error).
 */
guint
facet_design_get_problems (FacetDesign *self)
{
  const FacetMeshReport *r;
  guint n = 0;

  g_return_val_if_fail (FACET_IS_DESIGN (self), 0);

  if (self->load_error != NULL)
    n++;
  if ((r = self->report) == NULL)
    return n;

  n += r->nonfinite_facets > 0;
  n += facet_mesh_report_is_inside_out (r);
  n += facet_design_get_unit_hint (self) != FACET_UNIT_HINT_NONE;
  if (r->topology_checked)
    {
      n += r->boundary_edges > 0;
      n += r->nonmanifold_edges > 0;
      n += r->inconsistent_facets > 0;
      n += r->degenerate_facets > 0;
      n += r->shells > 1;
    }
  return n;
}

gboolean
facet_design_check_file (FacetDesign *self,
                         gboolean    *changed)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exists;

  g_return_val_if_fail (FACET_IS_DESIGN (self), FALSE);

  info = g_file_query_info (self->file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  exists = info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR;

  if (changed != NULL)
    *changed = exists &&
               ((guint64) g_file_info_get_size (info) != self->file_size ||
                (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) != self->file_mtime);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Checking %s: %s", self->display_name, error->message);

  return exists;
}

/* ---- measuring ---- */

typedef struct
{
  guint64 size;
  gint64  mtime;
} MeasureData;

static void
measure_progress_cb (double   fraction,
                     gpointer user_data)
{
  GTask *task = user_data;
  FacetDesign *self = g_task_get_source_object (task);

  if (!g_task_had_error (task) && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    set_progress (self, fraction);
}

static char *
describe_load_error (FacetDesign  *self,
                     const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup (_("The file was moved or deleted."));
  return g_strdup (error->message);
}

static void
measure_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FacetDesign *self = g_task_get_source_object (task);
  g_autoptr(FacetMeshReport) report = NULL;
  g_autoptr(GError) error = NULL;
  MeasureData *data = g_task_get_task_data (task);

  report = facet_mesh_inspect_file_finish (result, NULL, &error);

  /* A newer measurement has taken over; leave the state to it. */
  if (self->measure_cancellable != g_task_get_cancellable (task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Superseded by a newer measurement");
      return;
    }
  g_clear_object (&self->measure_cancellable);

  g_object_freeze_notify (G_OBJECT (self));
  set_measuring (self, FALSE);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED))
        set_progress (self, 0.0);
      else
        {
          g_autofree char *message = describe_load_error (self, error);

          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
              (g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO) &&
               !facet_design_check_file (self, NULL)))
            facet_design_set_missing (self, TRUE);
          set_load_error (self, message);
        }
      g_object_thaw_notify (G_OBJECT (self));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->file_size = data->size;
  self->file_mtime = data->mtime;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_SIZE]);
  facet_design_set_missing (self, FALSE);
  set_load_error (self, NULL);
  set_progress (self, 1.0);
  facet_design_set_report (self, report);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

static void
measure_query_info_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GFile *file = G_FILE (object);
  MeasureData *data = g_task_get_task_data (task);

  /* Size and time are taken before reading, so a file changed while it is
   * read is measured again next time rather than trusted. */
  info = g_file_query_info_finish (file, result, &error);
  if (info != NULL)
    {
      data->size = g_file_info_get_size (info);
      data->mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
    }

  facet_mesh_inspect_file_async (file,
                                 FACET_MESH_CHECK_ALL,
                                 measure_progress_cb,
                                 g_object_ref (task),
                                 g_object_unref,
                                 g_task_get_cancellable (task),
                                 measure_cb,
                                 g_object_ref (task));
}

void
facet_design_measure_async (FacetDesign         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FACET_IS_DESIGN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  /* Only the newest measurement of a design counts. */
  if (self->measure_cancellable != NULL)
    g_cancellable_cancel (self->measure_cancellable);
  g_clear_object (&self->measure_cancellable);
  self->measure_cancellable = g_cancellable_new ();

  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel),
                           g_object_ref (self->measure_cancellable), g_object_unref);

  task = g_task_new (self, self->measure_cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_design_measure_async);
  g_task_set_task_data (task, g_new0 (MeasureData, 1), g_free);

  set_progress (self, 0.0);
  set_measuring (self, TRUE);

  g_file_query_info_async (self->file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           self->measure_cancellable,
                           measure_query_info_cb,
                           g_steal_pointer (&task));
}

gboolean
facet_design_measure_finish (FacetDesign   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (FACET_IS_DESIGN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
facet_design_cancel_measure (FacetDesign *self)
{
  g_return_if_fail (FACET_IS_DESIGN (self));

  if (self->measure_cancellable != NULL)
    g_cancellable_cancel (self->measure_cancellable);
}

/* ---- JSON ---- */

static void
serialize_report (const FacetMeshReport *r,
                  JsonBuilder           *builder)
{
  json_builder_set_member_name (builder, "report");
  json_builder_begin_object (builder);
  facet_json_add_string (builder, "format", r->format == FACET_MESH_FORMAT_ASCII ? "ascii" : "binary");
  facet_json_add_int (builder, "triangles", r->triangles);
  json_builder_set_member_name (builder, "min");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 3; i++)
    json_builder_add_double_value (builder, isfinite (r->min[i]) ? r->min[i] : 0.0);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "max");
  json_builder_begin_array (builder);
  for (guint i = 0; i < 3; i++)
    json_builder_add_double_value (builder, isfinite (r->max[i]) ? r->max[i] : 0.0);
  json_builder_end_array (builder);
  facet_json_add_double (builder, "signed_volume", r->signed_volume);
  facet_json_add_double (builder, "area", r->area);
  facet_json_add_boolean (builder, "topology_checked", r->topology_checked);
  facet_json_add_int (builder, "vertices", r->vertices);
  facet_json_add_int (builder, "shells", r->shells);
  facet_json_add_int (builder, "boundary_edges", r->boundary_edges);
  facet_json_add_int (builder, "nonmanifold_edges", r->nonmanifold_edges);
  facet_json_add_int (builder, "inconsistent_facets", r->inconsistent_facets);
  facet_json_add_int (builder, "degenerate_facets", r->degenerate_facets);
  facet_json_add_int (builder, "nonfinite_facets", r->nonfinite_facets);
  json_builder_end_object (builder);
}

static gboolean
read_vector (JsonObject  *object,
             const char  *member,
             double      *v,
             GError     **error)
{
  JsonArray *array = facet_json_get_array (object, member, error);

  if (array == NULL || json_array_get_length (array) != 3)
    {
      if (error && *error == NULL)
        g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                     "design report: “%s” should hold three numbers", member);
      return FALSE;
    }
  for (guint i = 0; i < 3; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
           json_node_get_value_type (node) != G_TYPE_INT64))
        {
          g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                       "design report: “%s” should hold three numbers", member);
          return FALSE;
        }
      v[i] = json_node_get_double (node);
    }
  return TRUE;
}

static gboolean
deserialize_report (JsonObject       *object,
                    FacetMeshReport  *r,
                    GError          **error)
{
  GError *local_error = NULL;
  const char *format;

  format = facet_json_get_string (object, "format", "binary", &local_error);
  r->format = g_strcmp0 (format, "ascii") == 0 ? FACET_MESH_FORMAT_ASCII : FACET_MESH_FORMAT_BINARY;
  r->triangles = MAX (0, facet_json_get_int (object, "triangles", 0, &local_error));
  r->signed_volume = facet_json_get_double (object, "signed_volume", 0, &local_error);
  r->area = facet_json_get_double (object, "area", 0, &local_error);
  r->topology_checked = facet_json_get_boolean (object, "topology_checked", FALSE, &local_error);
#define COUNT(field) r->field = MAX (0, facet_json_get_int (object, #field, 0, local_error ? NULL : &local_error))
  COUNT (vertices);
  COUNT (shells);
  COUNT (boundary_edges);
  COUNT (nonmanifold_edges);
  COUNT (inconsistent_facets);
  COUNT (degenerate_facets);
  COUNT (nonfinite_facets);
#undef COUNT

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, "design report: ");
      return FALSE;
    }

  return read_vector (object, "min", r->min, error) &&
         read_vector (object, "max", r->max, error);
}

void
facet_design_serialize (FacetDesign *self,
                        JsonBuilder *builder)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (FACET_IS_DESIGN (self));

  uri = g_file_get_uri (self->file);

  json_builder_begin_object (builder);
  facet_json_add_string (builder, "id", self->id);
  facet_json_add_string (builder, "file", uri);
  facet_json_add_string (builder, "display_name", self->display_name);
  facet_json_add_string (builder, "units", facet_units_to_string (self->units));
  facet_json_add_double (builder, "scale", self->scale);
  facet_json_add_int (builder, "quantity", self->quantity);
  facet_json_add_date (builder, "added", self->added);
  facet_json_add_int (builder, "file_size", self->file_size);
  facet_json_add_int (builder, "file_mtime", self->file_mtime);
  facet_json_add_string (builder, "load_error", self->load_error);
  if (self->report != NULL)
    serialize_report (self->report, builder);
  json_builder_end_object (builder);
}

FacetDesign *
facet_design_deserialize (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(FacetDesign) self = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) added = NULL;
  GError *local_error = NULL;
  const char *id, *uri, *name, *units_text, *load_error;
  JsonObject *report_object;
  FacetUnits units = FACET_UNITS_MM;
  double scale;
  gint64 quantity;

  g_return_val_if_fail (object != NULL, NULL);

  id = facet_json_get_string (object, "id", NULL, &local_error);
  uri = facet_json_get_string (object, "file", NULL, local_error ? NULL : &local_error);
  name = facet_json_get_string (object, "display_name", NULL, local_error ? NULL : &local_error);
  units_text = facet_json_get_string (object, "units", "mm", local_error ? NULL : &local_error);
  scale = facet_json_get_double (object, "scale", 1.0, local_error ? NULL : &local_error);
  quantity = facet_json_get_int (object, "quantity", 1, local_error ? NULL : &local_error);
  load_error = facet_json_get_string (object, "load_error", NULL, local_error ? NULL : &local_error);
  if (local_error == NULL)
    added = facet_json_get_date (object, "added", &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, "design: ");
      return NULL;
    }

  if (id == NULL || *id == '\0' || uri == NULL || *uri == '\0')
    {
      g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                   "design: “id” and “file” are required");
      return NULL;
    }
  if (!facet_units_from_string (units_text, &units))
    {
      g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                   "design: unknown units “%s”", units_text);
      return NULL;
    }

  file = g_file_new_for_uri (uri);
  self = g_object_new (FACET_TYPE_DESIGN,
                       "id", id,
                       "file", file,
                       "display-name", name,
                       "units", units,
                       "scale", CLAMP (scale, MIN_SCALE, MAX_SCALE),
                       "quantity", (guint) CLAMP (quantity, 1, 100000),
                       NULL);
  if (added != NULL)
    facet_set_date (&self->added, added);
  self->file_size = MAX (0, facet_json_get_int (object, "file_size", 0, NULL));
  self->file_mtime = facet_json_get_int (object, "file_mtime", 0, NULL);
  self->load_error = g_strdup (load_error);

  report_object = facet_json_get_object (object, "report", &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, local_error, "design: ");
      return NULL;
    }
  if (report_object != NULL)
    {
      FacetMeshReport report = { 0 };

      if (!deserialize_report (report_object, &report, error))
        return NULL;
      self->report = facet_mesh_report_copy (&report);
    }

  return g_steal_pointer (&self);
}
