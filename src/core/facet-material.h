/* facet-material.h: one material, finish and colour a print service offers
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FACET_TYPE_MATERIAL (facet_material_get_type ())

G_DECLARE_FINAL_TYPE (FacetMaterial, facet_material, FACET, MATERIAL, GObject)

/**
 * facet_material_new:
 * @provider: the provider id, such as "sculpteo"
 * @id: the vendor's own id of the material, always a string
 *
 * Returns: (transfer full): a new material with no name, finish or limits.
 */
FacetMaterial *facet_material_new             (const char     *provider,
                                               const char     *id);

const char    *facet_material_get_provider    (FacetMaterial  *self);
void           facet_material_set_provider    (FacetMaterial  *self,
                                               const char     *provider);
const char    *facet_material_get_id          (FacetMaterial  *self);
void           facet_material_set_id          (FacetMaterial  *self,
                                               const char     *id);
const char    *facet_material_get_name        (FacetMaterial  *self);
void           facet_material_set_name        (FacetMaterial  *self,
                                               const char     *name);
/* The common material family (shared across vendors); NULL when unmapped. */
const char    *facet_material_get_family      (FacetMaterial  *self);
void           facet_material_set_family      (FacetMaterial  *self,
                                               const char     *family);
const char    *facet_material_get_finish_id   (FacetMaterial  *self);
void           facet_material_set_finish_id   (FacetMaterial  *self,
                                               const char     *finish_id);
const char    *facet_material_get_finish      (FacetMaterial  *self);
void           facet_material_set_finish      (FacetMaterial  *self,
                                               const char     *finish);
const char    *facet_material_get_colour      (FacetMaterial  *self);
void           facet_material_set_colour      (FacetMaterial  *self,
                                               const char     *colour);
/* The swatch as "#rrggbb" (lower case), or NULL when there is none. */
const char    *facet_material_get_colour_hex  (FacetMaterial  *self);
/**
 * facet_material_set_colour_hex:
 * @colour_hex: (nullable): "#rrggbb" or "rrggbb" in either case
 *
 * Stores the swatch as "#rrggbb" in lower case. Anything else (a name, a
 * short "#rgb") is dropped with a debug message: vendors' data is not to be
 * trusted and a missing swatch only costs a grey square.
 */
void           facet_material_set_colour_hex  (FacetMaterial  *self,
                                               const char     *colour_hex);
const char    *facet_material_get_description (FacetMaterial  *self);
void           facet_material_set_description (FacetMaterial  *self,
                                               const char     *description);

/**
 * facet_material_get_max_size:
 *
 * The largest box the vendor prints in this material, in millimetres.
 * An axis of 0 is unknown (no limit is checked on it).
 */
void           facet_material_get_max_size    (FacetMaterial  *self,
                                               double         *x_mm,
                                               double         *y_mm,
                                               double         *z_mm);
/* Negative values are stored as 0 (unknown). */
void           facet_material_set_max_size    (FacetMaterial  *self,
                                               double          x_mm,
                                               double          y_mm,
                                               double          z_mm);
/**
 * facet_material_get_min_size:
 *
 * The smallest box the vendor accepts in this material, in millimetres.
 * An axis of 0 has no minimum.
 */
void           facet_material_get_min_size    (FacetMaterial  *self,
                                               double         *x_mm,
                                               double         *y_mm,
                                               double         *z_mm);
void           facet_material_set_min_size    (FacetMaterial  *self,
                                               double          x_mm,
                                               double          y_mm,
                                               double          z_mm);

/**
 * facet_material_fits:
 * @x: the design's size along X in millimetres
 * @y: the design's size along Y in millimetres
 * @z: the design's size along Z in millimetres
 *
 * Whether the design fits between the minimum and maximum boxes in some
 * orientation (axis swaps): the sorted dimensions are compared with the
 * sorted limits. Unknown limits do not restrict.
 *
 * Returns: %FALSE for negative or non-finite dimensions.
 */
gboolean       facet_material_fits            (FacetMaterial  *self,
                                               double          x,
                                               double          y,
                                               double          z);

/**
 * facet_material_dup_label:
 *
 * Returns: (transfer full): "Name, Finish, Colour" for people, leaving out
 * what is unknown; the vendor's id when the material has no name.
 */
char          *facet_material_dup_label       (FacetMaterial  *self);

/* Writes one JSON object. */
void           facet_material_serialize       (FacetMaterial  *self,
                                               JsonBuilder    *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member
 * when a member has the wrong type. */
FacetMaterial *facet_material_deserialize     (JsonObject     *object,
                                               GError        **error);

G_END_DECLS
