/* facet-material.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-material"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "facet-json.h"
#include "facet-library.h"
#include "facet-material.h"

struct _FacetMaterial
{
  GObject parent_instance;

  char   *provider;
  char   *id;
  char   *name;
  char   *family;
  char   *finish_id;
  char   *finish;
  char   *colour;
  char   *colour_hex;
  char   *description;
  /* Millimetres; 0 is unknown (max) or none (min). */
  double  max_mm[3];
  double  min_mm[3];
};

G_DEFINE_FINAL_TYPE (FacetMaterial, facet_material, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROVIDER,
  PROP_ID,
  PROP_NAME,
  PROP_FAMILY,
  PROP_FINISH_ID,
  PROP_FINISH,
  PROP_COLOUR,
  PROP_COLOUR_HEX,
  PROP_DESCRIPTION,
  PROP_MAX_X_MM,
  PROP_MAX_Y_MM,
  PROP_MAX_Z_MM,
  PROP_MIN_X_MM,
  PROP_MIN_Y_MM,
  PROP_MIN_Z_MM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One table drives both directions of the JSON so they cannot drift apart. */
static const struct {
  const char *member;
  const char *(*get) (FacetMaterial *self);
  void (*set) (FacetMaterial *self, const char *value);
} string_members[] = {
  { "provider", facet_material_get_provider, facet_material_set_provider },
  { "id", facet_material_get_id, facet_material_set_id },
  { "name", facet_material_get_name, facet_material_set_name },
  { "family", facet_material_get_family, facet_material_set_family },
  { "finish_id", facet_material_get_finish_id, facet_material_set_finish_id },
  { "finish", facet_material_get_finish, facet_material_set_finish },
  { "colour", facet_material_get_colour, facet_material_set_colour },
  { "colour_hex", facet_material_get_colour_hex, facet_material_set_colour_hex },
  { "description", facet_material_get_description, facet_material_set_description },
};

static const char * const max_members[3] = { "max_x_mm", "max_y_mm", "max_z_mm" };
static const char * const min_members[3] = { "min_x_mm", "min_y_mm", "min_z_mm" };

static void
facet_material_finalize (GObject *object)
{
  FacetMaterial *self = (FacetMaterial *)object;

  g_clear_pointer (&self->provider, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->family, g_free);
  g_clear_pointer (&self->finish_id, g_free);
  g_clear_pointer (&self->finish, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->colour_hex, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (facet_material_parent_class)->finalize (object);
}

static void
set_size (FacetMaterial *self,
          double        *field,
          double         value,
          GParamSpec    *pspec)
{
  if (!isfinite (value) || value < 0)
    value = 0;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
facet_material_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FacetMaterial *self = FACET_MATERIAL (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      g_value_set_string (value, self->provider);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FAMILY:
      g_value_set_string (value, self->family);
      break;
    case PROP_FINISH_ID:
      g_value_set_string (value, self->finish_id);
      break;
    case PROP_FINISH:
      g_value_set_string (value, self->finish);
      break;
    case PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    case PROP_COLOUR_HEX:
      g_value_set_string (value, self->colour_hex);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MAX_X_MM:
    case PROP_MAX_Y_MM:
    case PROP_MAX_Z_MM:
      g_value_set_double (value, self->max_mm[prop_id - PROP_MAX_X_MM]);
      break;
    case PROP_MIN_X_MM:
    case PROP_MIN_Y_MM:
    case PROP_MIN_Z_MM:
      g_value_set_double (value, self->min_mm[prop_id - PROP_MIN_X_MM]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_material_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FacetMaterial *self = FACET_MATERIAL (object);

  switch (prop_id)
    {
    case PROP_PROVIDER:
      facet_material_set_provider (self, g_value_get_string (value));
      break;
    case PROP_ID:
      facet_material_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      facet_material_set_name (self, g_value_get_string (value));
      break;
    case PROP_FAMILY:
      facet_material_set_family (self, g_value_get_string (value));
      break;
    case PROP_FINISH_ID:
      facet_material_set_finish_id (self, g_value_get_string (value));
      break;
    case PROP_FINISH:
      facet_material_set_finish (self, g_value_get_string (value));
      break;
    case PROP_COLOUR:
      facet_material_set_colour (self, g_value_get_string (value));
      break;
    case PROP_COLOUR_HEX:
      facet_material_set_colour_hex (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      facet_material_set_description (self, g_value_get_string (value));
      break;
    case PROP_MAX_X_MM:
    case PROP_MAX_Y_MM:
    case PROP_MAX_Z_MM:
      set_size (self, &self->max_mm[prop_id - PROP_MAX_X_MM], g_value_get_double (value), pspec);
      break;
    case PROP_MIN_X_MM:
    case PROP_MIN_Y_MM:
    case PROP_MIN_Z_MM:
      set_size (self, &self->min_mm[prop_id - PROP_MIN_X_MM], g_value_get_double (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_material_class_init (FacetMaterialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = facet_material_finalize;
  object_class->get_property = facet_material_get_property;
  object_class->set_property = facet_material_set_property;

  properties[PROP_PROVIDER] =
    g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_FAMILY] =
    g_param_spec_string ("family", NULL, NULL, NULL, flags);
  properties[PROP_FINISH_ID] =
    g_param_spec_string ("finish-id", NULL, NULL, NULL, flags);
  properties[PROP_FINISH] =
    g_param_spec_string ("finish", NULL, NULL, NULL, flags);
  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL, flags);
  properties[PROP_COLOUR_HEX] =
    g_param_spec_string ("colour-hex", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_MAX_X_MM] =
    g_param_spec_double ("max-x-mm", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_MAX_Y_MM] =
    g_param_spec_double ("max-y-mm", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_MAX_Z_MM] =
    g_param_spec_double ("max-z-mm", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_MIN_X_MM] =
    g_param_spec_double ("min-x-mm", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_MIN_Y_MM] =
    g_param_spec_double ("min-y-mm", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_MIN_Z_MM] =
    g_param_spec_double ("min-z-mm", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_material_init (FacetMaterial *self)
{
}

FacetMaterial *
facet_material_new (const char *provider,
                    const char *id)
{
  return g_object_new (FACET_TYPE_MATERIAL,
                       "provider", provider,
                       "id", id,
                       NULL);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                            \
const char *                                                            \
facet_material_get_##field (FacetMaterial *self)                        \
{                                                                       \
  g_return_val_if_fail (FACET_IS_MATERIAL (self), NULL);                \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
facet_material_set_##field (FacetMaterial *self,                        \
                            const char    *value)                       \
{                                                                       \
  g_return_if_fail (FACET_IS_MATERIAL (self));                          \
  if (facet_set_string (&self->field, value))                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_STRING_ACCESSORS (provider, PROP_PROVIDER)
DEFINE_STRING_ACCESSORS (id, PROP_ID)
DEFINE_STRING_ACCESSORS (name, PROP_NAME)
DEFINE_STRING_ACCESSORS (family, PROP_FAMILY)
DEFINE_STRING_ACCESSORS (finish_id, PROP_FINISH_ID)
DEFINE_STRING_ACCESSORS (finish, PROP_FINISH)
DEFINE_STRING_ACCESSORS (colour, PROP_COLOUR)
DEFINE_STRING_ACCESSORS (description, PROP_DESCRIPTION)

#undef DEFINE_STRING_ACCESSORS

const char *
facet_material_get_colour_hex (FacetMaterial *self)
{
  g_return_val_if_fail (FACET_IS_MATERIAL (self), NULL);
  return self->colour_hex;
}

/* Returns "#rrggbb" in lower case, or NULL when @text is not a colour. */
static char *
normalize_colour_hex (const char *text)
{
  char *normal;

  if (text == NULL || *text == '\0')
    return NULL;
  if (*text == '#')
    text++;
  if (strlen (text) != 6)
    return NULL;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isxdigit (text[i]))
      return NULL;
  normal = g_strconcat ("#", text, NULL);
  for (char *p = normal; *p; p++)
    *p = g_ascii_tolower (*p);
  return normal;
}

void
facet_material_set_colour_hex (FacetMaterial *self,
                               const char    *colour_hex)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (FACET_IS_MATERIAL (self));

  normal = normalize_colour_hex (colour_hex);
  if (normal == NULL && colour_hex != NULL && *colour_hex != '\0')
    g_debug ("Ignoring colour “%s” of material %s: not #rrggbb", colour_hex, self->id);

  if (facet_set_string (&self->colour_hex, normal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR_HEX]);
}

void
facet_material_get_max_size (FacetMaterial *self,
                             double        *x_mm,
                             double        *y_mm,
                             double        *z_mm)
{
  g_return_if_fail (FACET_IS_MATERIAL (self));

  if (x_mm)
    *x_mm = self->max_mm[0];
  if (y_mm)
    *y_mm = self->max_mm[1];
  if (z_mm)
    *z_mm = self->max_mm[2];
}

void
facet_material_set_max_size (FacetMaterial *self,
                             double         x_mm,
                             double         y_mm,
                             double         z_mm)
{
  g_return_if_fail (FACET_IS_MATERIAL (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_size (self, &self->max_mm[0], x_mm, properties[PROP_MAX_X_MM]);
  set_size (self, &self->max_mm[1], y_mm, properties[PROP_MAX_Y_MM]);
  set_size (self, &self->max_mm[2], z_mm, properties[PROP_MAX_Z_MM]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
facet_material_get_min_size (FacetMaterial *self,
                             double        *x_mm,
                             double        *y_mm,
                             double        *z_mm)
{
  g_return_if_fail (FACET_IS_MATERIAL (self));

  if (x_mm)
    *x_mm = self->min_mm[0];
  if (y_mm)
    *y_mm = self->min_mm[1];
  if (z_mm)
    *z_mm = self->min_mm[2];
}

void
facet_material_set_min_size (FacetMaterial *self,
                             double         x_mm,
                             double         y_mm,
                             double         z_mm)
{
  g_return_if_fail (FACET_IS_MATERIAL (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_size (self, &self->min_mm[0], x_mm, properties[PROP_MIN_X_MM]);
  set_size (self, &self->min_mm[1], y_mm, properties[PROP_MIN_Y_MM]);
  set_size (self, &self->min_mm[2], z_mm, properties[PROP_MIN_Z_MM]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sort3 (double v[3])
{
  double t;

  if (v[0] > v[1])
    t = v[0], v[0] = v[1], v[1] = t;
  if (v[1] > v[2])
    t = v[1], v[1] = v[2], v[2] = t;
  if (v[0] > v[1])
    t = v[0], v[0] = v[1], v[1] = t;
}

gboolean
facet_material_fits (FacetMaterial *self,
                     double         x,
                     double         y,
                     double         z)
{
  double size[3] = { x, y, z };
  double max[3];
  double min[3];

  g_return_val_if_fail (FACET_IS_MATERIAL (self), FALSE);

  for (guint i = 0; i < 3; i++)
    {
      if (!isfinite (size[i]) || size[i] < 0)
        return FALSE;
      max[i] = self->max_mm[i] > 0 ? self->max_mm[i] : INFINITY;
      min[i] = self->min_mm[i];
    }

  /* Among the axis swaps, smallest against smallest is the best one for
   * both limits at once: if any permutation fits, the sorted one does. */
  sort3 (size);
  sort3 (max);
  sort3 (min);

  for (guint i = 0; i < 3; i++)
    if (size[i] > max[i] || size[i] < min[i])
      return FALSE;

  return TRUE;
}

char *
facet_material_dup_label (FacetMaterial *self)
{
  const char *parts[3];
  guint n = 0;

  g_return_val_if_fail (FACET_IS_MATERIAL (self), NULL);

  if (self->name && *self->name)
    parts[n++] = self->name;
  else if (self->id && *self->id)
    parts[n++] = self->id;
  if (self->finish && *self->finish)
    parts[n++] = self->finish;
  if (self->colour && *self->colour)
    parts[n++] = self->colour;

  switch (n)
    {
    case 0:
      return g_strdup (_("Unknown material"));
    case 1:
      return g_strdup (parts[0]);
    case 2:
      /* Translators: a material and its finish or colour, e.g. "PA12, Polished" */
      return g_strdup_printf (_("%s, %s"), parts[0], parts[1]);
    default:
      /* Translators: material, finish, colour, e.g. "PA12, Polished, Red" */
      return g_strdup_printf (_("%s, %s, %s"), parts[0], parts[1], parts[2]);
    }
}

void
facet_material_serialize (FacetMaterial *self,
                          JsonBuilder   *builder)
{
  g_return_if_fail (FACET_IS_MATERIAL (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    facet_json_add_string (builder, string_members[i].member, string_members[i].get (self));
  for (guint i = 0; i < 3; i++)
    facet_json_add_double (builder, max_members[i], self->max_mm[i]);
  for (guint i = 0; i < 3; i++)
    facet_json_add_double (builder, min_members[i], self->min_mm[i]);
  json_builder_end_object (builder);
}

FacetMaterial *
facet_material_deserialize (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(FacetMaterial) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (FACET_TYPE_MATERIAL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      const char *value = facet_json_get_string (object, string_members[i].member, NULL, &local_error);

      if (local_error != NULL)
        goto failed;
      string_members[i].set (self, value);
    }

  for (guint i = 0; i < 3; i++)
    {
      double max = facet_json_get_double (object, max_members[i], 0, &local_error);

      if (local_error != NULL)
        goto failed;
      set_size (self, &self->max_mm[i], max, properties[PROP_MAX_X_MM + i]);
    }

  for (guint i = 0; i < 3; i++)
    {
      double min = facet_json_get_double (object, min_members[i], 0, &local_error);

      if (local_error != NULL)
        goto failed;
      set_size (self, &self->min_mm[i], min, properties[PROP_MIN_X_MM + i]);
    }

  return g_steal_pointer (&self);

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "material: ");
  return NULL;
}
