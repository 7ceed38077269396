/* facet-cli-inspect.c: `facet-cli inspect`, measurements and health checks
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-cli-inspect"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "facet-cli-private.h"
#include "facet-mesh.h"

typedef struct
{
  const char *file;
  double      mm_per_unit;
} Inspection;

static const char *
format_name (FacetMeshFormat format)
{
  return format == FACET_MESH_FORMAT_ASCII ? "ascii" : "binary";
}

/* JSON never holds NaN or Inf: a figure that is not finite (a huge scale)
 * is null. */
static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count (JsonBuilder *builder,
           const char  *name,
           guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) MIN (value, (guint64) G_MAXINT64));
}

static void
print_json (const Inspection      *in,
            const FacetMeshReport *r)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display = g_filename_display_name (in->file);
  g_autofree char *text = NULL;
  const char *hint = facet_unit_hint_to_string (facet_mesh_report_unit_hint (r, in->mm_per_unit));
  double f = in->mm_per_unit;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, display);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format_name (r->format));
  add_count (builder, "triangles", r->triangles);

  json_builder_set_member_name (builder, "bbox_mm");
  json_builder_begin_object (builder);
  add_number (builder, "x", (r->max[0] - r->min[0]) * f);
  add_number (builder, "y", (r->max[1] - r->min[1]) * f);
  add_number (builder, "z", (r->max[2] - r->min[2]) * f);
  json_builder_end_object (builder);

  /* mm³ to cm³, mm² to cm² */
  add_number (builder, "volume_cm3", fabs (r->signed_volume) * f * f * f / 1000.0);
  add_number (builder, "area_cm2", r->area * f * f / 100.0);
  add_count (builder, "shells", r->shells);
  add_count (builder, "boundary_edges", r->boundary_edges);
  add_count (builder, "nonmanifold_edges", r->nonmanifold_edges);
  add_count (builder, "inconsistent_facets", r->inconsistent_facets);
  add_count (builder, "degenerate_facets", r->degenerate_facets);
  add_count (builder, "nonfinite_facets", r->nonfinite_facets);
  json_builder_set_member_name (builder, "inside_out");
  json_builder_add_boolean_value (builder, facet_mesh_report_is_inside_out (r));
  json_builder_set_member_name (builder, "watertight");
  json_builder_add_boolean_value (builder, facet_mesh_report_is_watertight (r));
  json_builder_set_member_name (builder, "unit_hint");
  if (hint != NULL)
    json_builder_add_string_value (builder, hint);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static char *
format_figure (double value,
               int    digits)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", digits, value);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

static const char *
hint_advice (FacetUnitHint hint)
{
  switch (hint)
    {
    case FACET_UNIT_HINT_INCH:
      return _("the design looks like it was drawn in inches: try --units inch");
    case FACET_UNIT_HINT_M:
      return _("the design looks like it was drawn in metres: try --scale 1000");
    case FACET_UNIT_HINT_MM:
      return _("the design looks like it was drawn in millimetres: try --units mm");
    case FACET_UNIT_HINT_NONE:
    default:
      return _("none");
    }
}

typedef struct
{
  const char *label;
  char       *value;
} Row;

static void
print_table (const Inspection      *in,
             const FacetMeshReport *r)
{
  double f = in->mm_per_unit;
  g_autofree char *display = g_filename_display_name (in->file);
  g_autofree char *x = format_figure ((r->max[0] - r->min[0]) * f, 3);
  g_autofree char *y = format_figure ((r->max[1] - r->min[1]) * f, 3);
  g_autofree char *z = format_figure ((r->max[2] - r->min[2]) * f, 3);
  g_autofree char *volume = format_figure (fabs (r->signed_volume) * f * f * f / 1000.0, 3);
  g_autofree char *area = format_figure (r->area * f * f / 100.0, 3);
  Row rows[] = {
    { _("Format"), g_strdup (r->format == FACET_MESH_FORMAT_ASCII ? _("ASCII STL") : _("binary STL")) },
    { _("Triangles"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->triangles) },
    /* TRANSLATORS: the size of the bounding box, x × y × z */
    { _("Size"), g_strdup_printf (_("%s × %s × %s mm"), x, y, z) },
    { _("Volume"), g_strdup_printf (_("%s cm³"), volume) },
    { _("Surface area"), g_strdup_printf (_("%s cm²"), area) },
    { _("Shells"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->shells) },
    { _("Boundary edges"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->boundary_edges) },
    { _("Non-manifold edges"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->nonmanifold_edges) },
    { _("Inconsistent facets"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->inconsistent_facets) },
    { _("Degenerate facets"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->degenerate_facets) },
    { _("Non-finite facets"), g_strdup_printf ("%" G_GUINT64_FORMAT, r->nonfinite_facets) },
    { _("Inside out"), g_strdup (yes_no (facet_mesh_report_is_inside_out (r))) },
    { _("Watertight"), g_strdup (yes_no (facet_mesh_report_is_watertight (r))) },
    { _("Unit hint"), g_strdup (hint_advice (facet_mesh_report_unit_hint (r, f))) },
  };
  glong width = 0;

  /* Align on characters, not bytes: labels may be translated. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    width = MAX (width, g_utf8_strlen (rows[i].label, -1));

  printf ("%s\n", display);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      glong pad = width - g_utf8_strlen (rows[i].label, -1) + 2;

      printf ("  %s%*s%s\n", rows[i].label, (int) pad, "", rows[i].value);
      g_free (rows[i].value);
    }
}

static gboolean
inspect_one (const Inspection *in,
             gboolean          json,
             GError          **error)
{
  g_autoptr(FacetMesh) mesh = NULL;
  g_autoptr(FacetMeshReport) report = NULL;

  mesh = facet_mesh_load_file (in->file, NULL, NULL, NULL, error);
  if (mesh == NULL)
    return FALSE;
  report = facet_mesh_analyze (mesh, FACET_MESH_CHECK_ALL, NULL, error);
  if (report == NULL)
    return FALSE;

  if (json)
    print_json (in, report);
  else
    print_table (in, report);
  return TRUE;
}

static gboolean
parse_scale (const char *text,
             double     *scale)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    {
      *scale = 1.0;
      return TRUE;
    }
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value <= 0.0)
    return FALSE;
  *scale = value;
  return TRUE;
}

int
facet_cli_inspect (int    argc,
                   char **argv)
{
  g_autofree char *units = NULL;
  g_autofree char *scale_text = NULL;
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_STRING, &units,
      N_("Unit of the numbers in the files: mm (the default) or inch"), N_("UNIT") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Scale the designs by this factor (default 1)"), N_("S") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per line and file"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  double scale = 1.0, mm_per_unit;
  gboolean parsed;
  int status = 0;

  context = g_option_context_new (_("FILE… — measure STL files and check what a print service would reject"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Sizes are in mm, volumes in cm³ and areas in cm², after the units and "
                                      "scale are applied. The exit status is 0 when every file could be read, "
                                      "1 otherwise."));

  /* The usage line reads "facet-cli inspect [OPTION…] FILE…". */
  g_set_prgname ("facet-cli inspect");
  parsed = g_option_context_parse (context, &argc, &argv, &error);
  g_set_prgname ("facet-cli");
  if (!parsed)
    {
      facet_cli_error ("%s", error->message);
      return 2;
    }

  if (units != NULL && !g_str_equal (units, "mm") && !g_str_equal (units, "inch"))
    {
      facet_cli_error (_("--units must be “mm” or “inch”, not “%s”"), units);
      return 2;
    }
  if (!parse_scale (scale_text, &scale))
    {
      facet_cli_error (_("--scale must be a number greater than 0, not “%s”"), scale_text);
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      facet_cli_error (_("inspect needs at least one STL file, as in “facet-cli inspect part.stl”"));
      return 2;
    }

  mm_per_unit = (units != NULL && g_str_equal (units, "inch") ? 25.4 : 1.0) * scale;

  for (guint i = 0; files[i] != NULL; i++)
    {
      Inspection in = { files[i], mm_per_unit };
      g_autoptr(GError) local_error = NULL;

      if (!json && i > 0)
        printf ("\n");
      if (!inspect_one (&in, json, &local_error))
        {
          g_autofree char *display = g_filename_display_name (files[i]);

          facet_cli_error ("%s: %s", display, local_error->message);
          status = 1;
        }
      fflush (stdout);
    }

  return status;
}
