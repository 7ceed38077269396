/* facet-enums.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "facet-enums.h"

static const char * const status_strings[] = {
  [FACET_ORDER_STATUS_UNKNOWN] = "unknown",
  [FACET_ORDER_STATUS_DRAFT] = "draft",
  [FACET_ORDER_STATUS_PLACED] = "placed",
  [FACET_ORDER_STATUS_IN_PRODUCTION] = "in_production",
  [FACET_ORDER_STATUS_SHIPPED] = "shipped",
  [FACET_ORDER_STATUS_DELIVERED] = "delivered",
  [FACET_ORDER_STATUS_CANCELLED] = "cancelled",
  [FACET_ORDER_STATUS_ON_HOLD] = "on_hold",
  [FACET_ORDER_STATUS_TEST] = "test",
};

const char *
facet_units_to_string (FacetUnits units)
{
  return units == FACET_UNITS_INCH ? "inch" : "mm";
}

gboolean
facet_units_from_string (const char *text,
                         FacetUnits *units)
{
  if (g_strcmp0 (text, "mm") == 0)
    *units = FACET_UNITS_MM;
  else if (g_strcmp0 (text, "inch") == 0 || g_strcmp0 (text, "in") == 0)
    *units = FACET_UNITS_INCH;
  else
    return FALSE;
  return TRUE;
}

double
facet_units_get_mm (FacetUnits units)
{
  return units == FACET_UNITS_INCH ? 25.4 : 1.0;
}

const char *
facet_order_status_to_string (FacetOrderStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_strings))
    return "unknown";
  return status_strings[status];
}

FacetOrderStatus
facet_order_status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_strings); i++)
    if (g_strcmp0 (text, status_strings[i]) == 0)
      return (FacetOrderStatus) i;
  return FACET_ORDER_STATUS_UNKNOWN;
}

const char *
facet_order_status_get_label (FacetOrderStatus status)
{
  switch (status)
    {
    case FACET_ORDER_STATUS_DRAFT: return _("Draft");
    case FACET_ORDER_STATUS_PLACED: return _("Placed");
    case FACET_ORDER_STATUS_IN_PRODUCTION: return _("In production");
    case FACET_ORDER_STATUS_SHIPPED: return _("Shipped");
    case FACET_ORDER_STATUS_DELIVERED: return _("Delivered");
    case FACET_ORDER_STATUS_CANCELLED: return _("Cancelled");
    case FACET_ORDER_STATUS_ON_HOLD: return _("On hold");
    case FACET_ORDER_STATUS_TEST: return _("Test order");
    case FACET_ORDER_STATUS_UNKNOWN:
    default: return _("Unknown");
    }
}
