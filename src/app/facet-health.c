/* facet-health.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-health"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "facet-format.h"
#include "facet-health.h"

static void
facet_health_check_free (gpointer data)
{
  FacetHealthCheck *check = data;

  g_free (check->title);
  g_free (check->explanation);
  g_free (check);
}

static FacetHealthCheck *
add_check (GPtrArray        *checks,
           const char       *id,
           FacetHealthLevel  level,
           guint64           count,
           const char       *title,
           char             *explanation)
{
  FacetHealthCheck *check = g_new0 (FacetHealthCheck, 1);

  check->id = id;
  check->level = level;
  check->count = count;
  check->title = g_strdup (title);
  check->explanation = explanation;
  g_ptr_array_add (checks, check);

  return check;
}

/* ngettext wants an unsigned long; counts past that are plural anyway. */
static gulong
plural_n (guint64 count)
{
  return (gulong) MIN (count, (guint64) G_MAXULONG);
}

static void
check_holes (GPtrArray             *checks,
             const FacetMeshReport *report)
{
  g_autofree char *n = facet_format_count (report->boundary_edges);

  if (report->boundary_edges == 0)
    {
      add_check (checks, "holes", FACET_HEALTH_OK, 0, _("No holes"),
                 g_strdup (_("Every edge joins two triangles: the surface is closed.")));
      return;
    }

  add_check (checks, "holes", FACET_HEALTH_ERROR, report->boundary_edges, _("Holes"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The mesh has holes: %s open edge. Close it in your modeller "
                                           "(e.g. Meshmixer’s Inspector or Blender’s 3D Print toolbox) "
                                           "before ordering; print services reject open meshes.",
                                           "The mesh has holes: %s open edges. Close them in your modeller "
                                           "(e.g. Meshmixer’s Inspector or Blender’s 3D Print toolbox) "
                                           "before ordering; print services reject open meshes.",
                                           plural_n (report->boundary_edges)),
                              n));
}

static void
check_nonmanifold (GPtrArray             *checks,
                   const FacetMeshReport *report)
{
  g_autofree char *n = facet_format_count (report->nonmanifold_edges);

  if (report->nonmanifold_edges == 0)
    {
      add_check (checks, "non-manifold", FACET_HEALTH_OK, 0, _("No tangled edges"),
                 g_strdup (_("No edge is shared by more than two triangles.")));
      return;
    }

  add_check (checks, "non-manifold", FACET_HEALTH_ERROR, report->nonmanifold_edges,
             _("Tangled edges"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s edge is shared by more than two triangles (non-manifold), "
                                           "so the inside and outside of the part are ambiguous. Merge the "
                                           "touching parts into one solid or pull them apart in your "
                                           "modeller; print services reject such meshes.",
                                           "%s edges are shared by more than two triangles (non-manifold), "
                                           "so the inside and outside of the part are ambiguous. Merge the "
                                           "touching parts into one solid or pull them apart in your "
                                           "modeller; print services reject such meshes.",
                                           plural_n (report->nonmanifold_edges)),
                              n));
}

static void
check_inconsistent (GPtrArray             *checks,
                    const FacetMeshReport *report)
{
  g_autofree char *n = facet_format_count (report->inconsistent_facets);

  if (report->inconsistent_facets == 0)
    {
      add_check (checks, "flipped-normals", FACET_HEALTH_OK, 0, _("Consistent normals"),
                 g_strdup (_("Every triangle faces the same way as its neighbours.")));
      return;
    }

  add_check (checks, "flipped-normals", FACET_HEALTH_WARNING, report->inconsistent_facets,
             _("Flipped normals"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s triangle faces the opposite way to its neighbours. "
                                           "Recalculate normals in your modeller (Blender: Mesh ▸ Normals ▸ "
                                           "Recalculate Outside) so that they all point outwards.",
                                           "%s triangles face the opposite way to their neighbours. "
                                           "Recalculate normals in your modeller (Blender: Mesh ▸ Normals ▸ "
                                           "Recalculate Outside) so that they all point outwards.",
                                           plural_n (report->inconsistent_facets)),
                              n));
}

static void
check_degenerate (GPtrArray             *checks,
                  const FacetMeshReport *report)
{
  g_autofree char *n = facet_format_count (report->degenerate_facets);

  if (report->degenerate_facets == 0)
    {
      add_check (checks, "degenerate", FACET_HEALTH_OK, 0, _("No empty triangles"),
                 g_strdup (_("Every triangle has an area.")));
      return;
    }

  add_check (checks, "degenerate", FACET_HEALTH_WARNING, report->degenerate_facets,
             _("Empty triangles"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s triangle has no area. It adds nothing to the part and most "
                                           "services ignore it; “Merge by Distance” in Blender removes it.",
                                           "%s triangles have no area. They add nothing to the part and most "
                                           "services ignore them; “Merge by Distance” in Blender removes them.",
                                           plural_n (report->degenerate_facets)),
                              n));
}

static void
check_nonfinite (GPtrArray             *checks,
                 const FacetMeshReport *report)
{
  g_autofree char *n = facet_format_count (report->nonfinite_facets);

  if (report->nonfinite_facets == 0)
    {
      add_check (checks, "non-finite", FACET_HEALTH_OK, 0, _("Valid coordinates"),
                 g_strdup (_("Every corner has a real position.")));
      return;
    }

  add_check (checks, "non-finite", FACET_HEALTH_ERROR, report->nonfinite_facets,
             _("Invalid coordinates"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s triangle has a corner that is not a number or infinitely far "
                                           "away; it was left out of the measurements. Export the file "
                                           "again from your modeller.",
                                           "%s triangles have corners that are not numbers or infinitely far "
                                           "away; they were left out of the measurements. Export the file "
                                           "again from your modeller.",
                                           plural_n (report->nonfinite_facets)),
                              n));
}

static void
check_shells (GPtrArray             *checks,
              const FacetMeshReport *report)
{
  g_autofree char *n = facet_format_count (report->shells);

  if (report->shells <= 1)
    {
      add_check (checks, "shells", FACET_HEALTH_OK, report->shells, _("One part"),
                 g_strdup (_("The design is a single piece.")));
      return;
    }

  add_check (checks, "shells", FACET_HEALTH_WARNING, report->shells, _("Several parts"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The design is made of %s separate part. Some services charge "
                                           "for each part or reject loose ones: join them in your modeller, "
                                           "or order each part on its own.",
                                           "The design is made of %s separate parts. Some services charge "
                                           "for each part or reject loose ones: join them in your modeller, "
                                           "or order each part on its own.",
                                           plural_n (report->shells)),
                              n));
}

static void
check_inside_out (GPtrArray             *checks,
                  const FacetMeshReport *report)
{
  if (!facet_mesh_report_is_inside_out (report))
    {
      add_check (checks, "inside-out", FACET_HEALTH_OK, 0, _("Faces outwards"),
                 g_strdup (_("The surface faces outwards, as a solid should.")));
      return;
    }

  add_check (checks, "inside-out", FACET_HEALTH_ERROR, 1, _("Inside out"),
             g_strdup (_("The volume comes out negative: the triangles face inwards, so the part "
                         "is inside out. Flip all normals in your modeller (Blender: Mesh ▸ "
                         "Normals ▸ Flip).")));
}

static void
check_units (GPtrArray   *checks,
             FacetDesign *design,
             FacetUnits   display_units)
{
  g_autofree char *side = facet_format_largest_side (design, display_units);
  FacetHealthCheck *check;

  switch (facet_design_get_unit_hint (design))
    {
    case FACET_UNIT_HINT_INCH:
      check = add_check (checks, "units", FACET_HEALTH_WARNING, 0, _("Tiny size"),
                         g_strdup_printf (_("At %s wide this looks like it was modelled in inches: "
                                            "switch units to inch."), side));
      check->fix = FACET_HEALTH_FIX_USE_INCH;
      break;

    case FACET_UNIT_HINT_MM:
      check = add_check (checks, "units", FACET_HEALTH_WARNING, 0, _("Huge size"),
                         g_strdup_printf (_("At %s wide this looks like it was modelled in millimetres, "
                                            "not inches: switch units to mm."), side));
      check->fix = FACET_HEALTH_FIX_USE_MM;
      break;

    case FACET_UNIT_HINT_M:
      check = add_check (checks, "units", FACET_HEALTH_WARNING, 0, _("Tiny size"),
                         g_strdup_printf (_("At %s wide this looks like it was modelled in metres: "
                                            "set the scale to 1000."), side));
      check->fix = FACET_HEALTH_FIX_SCALE_1000;
      break;

    case FACET_UNIT_HINT_NONE:
    default:
      add_check (checks, "units", FACET_HEALTH_OK, 0, _("Plausible size"),
                 g_strdup_printf (_("At %s wide the size looks right for its units."), side));
      break;
    }
}

GPtrArray *
facet_health_check_design (FacetDesign *design,
                           FacetUnits   display_units)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func (facet_health_check_free);
  const FacetMeshReport *report;

  g_return_val_if_fail (FACET_IS_DESIGN (design), NULL);

  report = facet_design_get_report (design);
  if (report == NULL)
    return g_steal_pointer (&checks);

  if (report->topology_checked)
    {
      check_holes (checks, report);
      check_nonmanifold (checks, report);
      check_inconsistent (checks, report);
      check_degenerate (checks, report);
    }
  check_nonfinite (checks, report);
  if (report->topology_checked)
    check_shells (checks, report);
  check_inside_out (checks, report);
  check_units (checks, design, display_units);

  return g_steal_pointer (&checks);
}

FacetHealthLevel
facet_health_get_level (FacetDesign *design)
{
  g_autoptr(GPtrArray) checks = NULL;
  FacetHealthLevel level = FACET_HEALTH_OK;

  g_return_val_if_fail (FACET_IS_DESIGN (design), FACET_HEALTH_OK);

  checks = facet_health_check_design (design, FACET_UNITS_MM);
  for (guint i = 0; i < checks->len; i++)
    {
      const FacetHealthCheck *check = g_ptr_array_index (checks, i);

      level = MAX (level, check->level);
    }

  return level;
}

const char *
facet_health_level_get_icon_name (FacetHealthLevel level)
{
  switch (level)
    {
    case FACET_HEALTH_ERROR:
      return "dialog-error-symbolic";
    case FACET_HEALTH_WARNING:
      return "dialog-warning-symbolic";
    case FACET_HEALTH_OK:
    default:
      return "emblem-ok-symbolic";
    }
}

const char *
facet_health_level_get_style_class (FacetHealthLevel level)
{
  switch (level)
    {
    case FACET_HEALTH_ERROR:
      return "error";
    case FACET_HEALTH_WARNING:
      return "warning";
    case FACET_HEALTH_OK:
    default:
      return "success";
    }
}
