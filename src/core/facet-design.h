/* facet-design.h: one STL design the user dropped, with its measurements
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "facet-enums.h"
#include "facet-mesh.h"

G_BEGIN_DECLS

#define FACET_TYPE_DESIGN (facet_design_get_type ())

G_DECLARE_FINAL_TYPE (FacetDesign, facet_design, FACET, DESIGN, GObject)

FacetDesign           *facet_design_new                 (GFile          *file);

const char            *facet_design_get_id              (FacetDesign    *self);
GFile                 *facet_design_get_file            (FacetDesign    *self);
/* The path to show people (or the URI for non-native files). */
char                  *facet_design_dup_location        (FacetDesign    *self);
const char            *facet_design_get_display_name    (FacetDesign    *self);
void                   facet_design_set_display_name    (FacetDesign    *self,
                                                         const char     *display_name);
FacetUnits             facet_design_get_units           (FacetDesign    *self);
void                   facet_design_set_units           (FacetDesign    *self,
                                                         FacetUnits      units);
double                 facet_design_get_scale           (FacetDesign    *self);
void                   facet_design_set_scale           (FacetDesign    *self,
                                                         double          scale);
guint                  facet_design_get_quantity        (FacetDesign    *self);
void                   facet_design_set_quantity        (FacetDesign    *self,
                                                         guint           quantity);
GDateTime             *facet_design_get_added           (FacetDesign    *self);
gboolean               facet_design_get_missing         (FacetDesign    *self);
void                   facet_design_set_missing         (FacetDesign    *self,
                                                         gboolean        missing);
guint64                facet_design_get_file_size       (FacetDesign    *self);
gint64                 facet_design_get_file_mtime      (FacetDesign    *self);

/* Measurement state. */
gboolean               facet_design_get_measuring       (FacetDesign    *self);
double                 facet_design_get_progress        (FacetDesign    *self);
/* Why the last measurement failed, for people; NULL when it did not. */
const char            *facet_design_get_load_error      (FacetDesign    *self);
/* The report in file units; NULL until measured. */
const FacetMeshReport *facet_design_get_report          (FacetDesign    *self);
void                   facet_design_set_report          (FacetDesign    *self,
                                                         const FacetMeshReport *report);

/* Figures for the design as it would be printed: units and scale applied.
 * Zero until measured. */
double                 facet_design_get_mm_per_unit     (FacetDesign    *self);
guint64                facet_design_get_triangles       (FacetDesign    *self);
void                   facet_design_get_size_mm         (FacetDesign    *self,
                                                         double         *x,
                                                         double         *y,
                                                         double         *z);
double                 facet_design_get_volume_cm3      (FacetDesign    *self);
double                 facet_design_get_area_cm2        (FacetDesign    *self);
FacetUnitHint          facet_design_get_unit_hint       (FacetDesign    *self);
/* How many kinds of problem a print service might reject it for. */
guint                  facet_design_get_problems        (FacetDesign    *self);

/* Checks that the file still exists and whether it changed since it was
 * measured; updates :missing. Blocking: use from a worker thread. */
gboolean               facet_design_check_file          (FacetDesign    *self,
                                                         gboolean       *changed);

/* Loads, measures and checks the file in a worker thread, updating
 * :measuring, :progress, the report and :load-error as it goes. */
void                   facet_design_measure_async       (FacetDesign    *self,
                                                         GCancellable   *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer        user_data);
gboolean               facet_design_measure_finish      (FacetDesign    *self,
                                                         GAsyncResult   *result,
                                                         GError        **error);
void                   facet_design_cancel_measure      (FacetDesign    *self);

void                   facet_design_serialize           (FacetDesign    *self,
                                                         JsonBuilder    *builder);
FacetDesign           *facet_design_deserialize         (JsonObject     *object,
                                                         GError        **error);

G_END_DECLS
