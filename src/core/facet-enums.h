/* facet-enums.h: enumerations of the model
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FacetUnits:
 * @FACET_UNITS_MM: one file unit is a millimetre
 * @FACET_UNITS_INCH: one file unit is an inch
 *
 * The unit a design's STL coordinates are in (STL files carry none).
 */
typedef enum
{
  FACET_UNITS_MM,
  FACET_UNITS_INCH,
} FacetUnits;

/**
 * FacetOrderStatus:
 *
 * The common status of an order across vendors; the vendor's own word is
 * kept beside it for display. JSON strings: see facet_order_status_to_string().
 */
typedef enum
{
  FACET_ORDER_STATUS_UNKNOWN,
  FACET_ORDER_STATUS_DRAFT,
  FACET_ORDER_STATUS_PLACED,
  FACET_ORDER_STATUS_IN_PRODUCTION,
  FACET_ORDER_STATUS_SHIPPED,
  FACET_ORDER_STATUS_DELIVERED,
  FACET_ORDER_STATUS_CANCELLED,
  FACET_ORDER_STATUS_ON_HOLD,
  FACET_ORDER_STATUS_TEST,
} FacetOrderStatus;

const char       *facet_units_to_string         (FacetUnits        units);
gboolean          facet_units_from_string       (const char       *text,
                                                 FacetUnits       *units);
/* Millimetres per file unit. */
double            facet_units_get_mm            (FacetUnits        units);

/* The JSON/CLI string: "placed", "in_production", ... */
const char       *facet_order_status_to_string  (FacetOrderStatus  status);
/* Unknown strings give FACET_ORDER_STATUS_UNKNOWN. */
FacetOrderStatus  facet_order_status_from_string (const char      *text);
/* A translated label for people: "In production". */
const char       *facet_order_status_get_label  (FacetOrderStatus  status);

G_END_DECLS
