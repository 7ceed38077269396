/* facet-cart-item.h: a quoted design in a cart or an order, with its quantity
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "facet-offer.h"

G_BEGIN_DECLS

#define FACET_TYPE_CART_ITEM (facet_cart_item_get_type ())

G_DECLARE_FINAL_TYPE (FacetCartItem, facet_cart_item, FACET, CART_ITEM, GObject)

/**
 * facet_cart_item_new:
 * @offer: the offer the user put in the cart
 *
 * Takes the design, quantity, unit price and currency from @offer as they
 * are now: a later change to the offer does not reprice the item.
 *
 * Returns: (transfer full): a new item with a fresh random id
 */
FacetCartItem *facet_cart_item_new                (FacetOffer     *offer);

/* A UUID, given at construction (the "id" property) or generated. */
const char    *facet_cart_item_get_id             (FacetCartItem  *self);
/* The offer, set at construction; NULL only for an item read from a file
 * that had none. */
FacetOffer    *facet_cart_item_get_offer          (FacetCartItem  *self);
const char    *facet_cart_item_get_design_id      (FacetCartItem  *self);
void           facet_cart_item_set_design_id      (FacetCartItem  *self,
                                                   const char     *design_id);
const char    *facet_cart_item_get_design_name    (FacetCartItem  *self);
void           facet_cart_item_set_design_name    (FacetCartItem  *self,
                                                   const char     *design_name);
/* The vendor's id of this line in its own cart, once registered there. */
const char    *facet_cart_item_get_vendor_item_id (FacetCartItem  *self);
void           facet_cart_item_set_vendor_item_id (FacetCartItem  *self,
                                                   const char     *vendor_item_id);
guint          facet_cart_item_get_quantity       (FacetCartItem  *self);
/* At least 1 (0 is stored as 1); also notifies :total-price on change. */
void           facet_cart_item_set_quantity       (FacetCartItem  *self,
                                                   guint           quantity);
double         facet_cart_item_get_unit_price     (FacetCartItem  *self);
/* Negative values are stored as 0; also notifies :total-price on change. */
void           facet_cart_item_set_unit_price     (FacetCartItem  *self,
                                                   double          unit_price);
/* ISO 4217, stored in upper case. */
const char    *facet_cart_item_get_currency       (FacetCartItem  *self);
void           facet_cart_item_set_currency       (FacetCartItem  *self,
                                                   const char     *currency);
/* :unit-price times :quantity (read-only). */
double         facet_cart_item_get_total_price    (FacetCartItem  *self);

/* Writes one JSON object, the offer embedded. */
void           facet_cart_item_serialize          (FacetCartItem  *self,
                                                   JsonBuilder    *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member
 * when a member has the wrong type or an impossible value. */
FacetCartItem *facet_cart_item_deserialize        (JsonObject     *object,
                                                   GError        **error);

G_END_DECLS
