/* facet-health.h: what a print service would say about a design, in words
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "facet-design.h"

G_BEGIN_DECLS

typedef enum
{
  FACET_HEALTH_OK,
  FACET_HEALTH_WARNING,
  FACET_HEALTH_ERROR,
} FacetHealthLevel;

/* What the one-click fix offered beside a check does. */
typedef enum
{
  FACET_HEALTH_FIX_NONE,
  FACET_HEALTH_FIX_USE_INCH,
  FACET_HEALTH_FIX_USE_MM,
  FACET_HEALTH_FIX_SCALE_1000,
} FacetHealthFix;

typedef struct
{
  const char       *id;           /* stable: "holes", "non-manifold", ... */
  FacetHealthLevel  level;
  guint64           count;        /* what was counted; 0 when fine */
  char             *title;
  char             *explanation;  /* what it means and what to do */
  FacetHealthFix    fix;
} FacetHealthCheck;

/**
 * facet_health_check_design:
 * @design: a design
 * @display_units: the unit lengths are written in
 *
 * One entry per check, in a fixed order, whether it passed or not; empty
 * until the design has been measured.
 *
 * Returns: (transfer full) (element-type FacetHealthCheck): the checks
 */
GPtrArray        *facet_health_check_design (FacetDesign  *design,
                                             FacetUnits    display_units);

/**
 * facet_health_get_level:
 * @design: a design
 *
 * Returns: the worst level among the design's checks
 */
FacetHealthLevel  facet_health_get_level    (FacetDesign  *design);

/**
 * facet_health_level_get_icon_name:
 * @level: a level
 *
 * Returns: the symbolic icon shown beside a check of that level
 */
const char       *facet_health_level_get_icon_name (FacetHealthLevel level);

/**
 * facet_health_level_get_style_class:
 * @level: a level
 *
 * Returns: the libadwaita colour class ("success", "warning", "error")
 */
const char       *facet_health_level_get_style_class (FacetHealthLevel level);

G_END_DECLS
