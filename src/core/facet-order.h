/* facet-order.h: an order placed with a print service, and its progress
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "facet-address.h"
#include "facet-cart.h"
#include "facet-cart-item.h"
#include "facet-enums.h"

G_BEGIN_DECLS

#define FACET_TYPE_ORDER (facet_order_get_type ())

G_DECLARE_FINAL_TYPE (FacetOrder, facet_order, FACET, ORDER, GObject)

/* Returns: (transfer full): an order with a fresh random id, status unknown. */
FacetOrder       *facet_order_new                  (void);
/**
 * facet_order_new_from_cart:
 * @cart: the cart being ordered
 *
 * Returns: (transfer full): an order with the cart's account, provider,
 * currency, total and items (the same item objects); status draft
 */
FacetOrder       *facet_order_new_from_cart        (FacetCart         *cart);

/* A UUID of ours, given at construction (the "id" property) or generated. */
const char       *facet_order_get_id               (FacetOrder        *self);
const char       *facet_order_get_account_id       (FacetOrder        *self);
void              facet_order_set_account_id       (FacetOrder        *self,
                                                    const char        *account_id);
const char       *facet_order_get_account_label    (FacetOrder        *self);
void              facet_order_set_account_label    (FacetOrder        *self,
                                                    const char        *account_label);
const char       *facet_order_get_provider         (FacetOrder        *self);
void              facet_order_set_provider         (FacetOrder        *self,
                                                    const char        *provider);
/* The vendor's order reference, always a string. */
const char       *facet_order_get_reference        (FacetOrder        *self);
void              facet_order_set_reference        (FacetOrder        *self,
                                                    const char        *reference);

/* A GListModel of FacetCartItem. */
GListModel       *facet_order_get_items            (FacetOrder        *self);
void              facet_order_add_item             (FacetOrder        *self,
                                                    FacetCartItem     *item);

/* What the vendor charged, shipping and taxes included; negative values are
 * stored as 0. Not derived from the items: the vendor's figure wins. */
double            facet_order_get_total_price      (FacetOrder        *self);
void              facet_order_set_total_price      (FacetOrder        *self,
                                                    double             total_price);
/* -1 when unknown; any negative value is stored as -1. */
double            facet_order_get_shipping_price   (FacetOrder        *self);
void              facet_order_set_shipping_price   (FacetOrder        *self,
                                                    double             shipping_price);
/* ISO 4217, stored in upper case. */
const char       *facet_order_get_currency         (FacetOrder        *self);
void              facet_order_set_currency         (FacetOrder        *self,
                                                    const char        *currency);
/* When the vendor accepted the order; NULL for a draft. */
GDateTime        *facet_order_get_placed           (FacetOrder        *self);
void              facet_order_set_placed           (FacetOrder        *self,
                                                    GDateTime         *placed);
/* When the status or the vendor's word for it last changed. */
GDateTime        *facet_order_get_updated          (FacetOrder        *self);
void              facet_order_set_updated          (FacetOrder        *self,
                                                    GDateTime         *updated);
FacetOrderStatus  facet_order_get_status           (FacetOrder        *self);
void              facet_order_set_status           (FacetOrder        *self,
                                                    FacetOrderStatus   status);
/* The vendor's own word for the status ("In Process"), for display. */
const char       *facet_order_get_vendor_status    (FacetOrder        *self);

/**
 * facet_order_set_vendor_status:
 * @vendor_word: (nullable): the vendor's own word for the status
 * @status: the common status it maps to
 *
 * Records a status read from the vendor. When the word or the status
 * changed, :updated becomes the current time.
 *
 * Returns: %TRUE when the common status changed (the user may be told),
 * %FALSE when it stayed the same, even if the vendor's word changed.
 */
gboolean          facet_order_set_vendor_status    (FacetOrder        *self,
                                                    const char        *vendor_word,
                                                    FacetOrderStatus   status);

const char       *facet_order_get_tracking_number  (FacetOrder        *self);
void              facet_order_set_tracking_number  (FacetOrder        *self,
                                                    const char        *tracking_number);
const char       *facet_order_get_tracking_url     (FacetOrder        *self);
void              facet_order_set_tracking_url     (FacetOrder        *self,
                                                    const char        *tracking_url);
/* Whether this is a test order that will not be made or charged. */
gboolean          facet_order_get_test             (FacetOrder        *self);
void              facet_order_set_test             (FacetOrder        *self,
                                                    gboolean           test);
FacetAddress     *facet_order_get_shipping_address (FacetOrder        *self);
void              facet_order_set_shipping_address (FacetOrder        *self,
                                                    FacetAddress      *address);
const char       *facet_order_get_shipping_method  (FacetOrder        *self);
void              facet_order_set_shipping_method  (FacetOrder        *self,
                                                    const char        *shipping_method);
const char       *facet_order_get_payment_method   (FacetOrder        *self);
void              facet_order_set_payment_method   (FacetOrder        *self,
                                                    const char        *payment_method);

/* Writes one JSON object; the status as facet_order_status_to_string()
 * gives it, the items and the address embedded. */
void              facet_order_serialize            (FacetOrder        *self,
                                                    JsonBuilder       *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member
 * when a member has the wrong type. An unknown status string (from a newer
 * Facet) reads as FACET_ORDER_STATUS_UNKNOWN. */
FacetOrder       *facet_order_deserialize          (JsonObject        *object,
                                                    GError           **error);

G_END_DECLS
