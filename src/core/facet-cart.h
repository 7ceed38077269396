/* facet-cart.h: the items one account is about to order, a GListModel
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "facet-cart-item.h"

G_BEGIN_DECLS

#define FACET_TYPE_CART (facet_cart_get_type ())

/* A cart is itself a GListModel of FacetCartItem, with an :n-items
 * property, so a view binds to it directly. */
G_DECLARE_FINAL_TYPE (FacetCart, facet_cart, FACET, CART, GObject)

/**
 * facet_cart_new:
 * @account_id: the account (a UUID) the cart belongs to
 * @provider: the provider id of the account, such as "shapeways"
 *
 * Returns: (transfer full): an empty cart
 */
FacetCart     *facet_cart_new                (const char     *account_id,
                                              const char     *provider);

const char    *facet_cart_get_account_id     (FacetCart      *self);
void           facet_cart_set_account_id     (FacetCart      *self,
                                              const char     *account_id);
const char    *facet_cart_get_account_label  (FacetCart      *self);
void           facet_cart_set_account_label  (FacetCart      *self,
                                              const char     *account_label);
const char    *facet_cart_get_provider       (FacetCart      *self);
void           facet_cart_set_provider       (FacetCart      *self,
                                              const char     *provider);
/* The vendor's id of its own cart, for vendors that keep one; or NULL. */
const char    *facet_cart_get_vendor_cart_id (FacetCart      *self);
void           facet_cart_set_vendor_cart_id (FacetCart      *self,
                                              const char     *vendor_cart_id);
/* ISO 4217 in upper case. Taken from the first item added when unset; it
 * can only be changed while the cart is empty. */
const char    *facet_cart_get_currency       (FacetCart      *self);
void           facet_cart_set_currency       (FacetCart      *self,
                                              const char     *currency);

/* The cart itself, as a GListModel of FacetCartItem. */
GListModel    *facet_cart_get_items          (FacetCart      *self);
guint          facet_cart_get_n_items        (FacetCart      *self);
/* The sum of the items' total prices, kept up to date as items are added,
 * removed or change quantity (read-only :total-price). */
double         facet_cart_get_total_price    (FacetCart      *self);

/**
 * facet_cart_add_item:
 * @item: the item to append
 *
 * Fails with %G_IO_ERROR_INVALID_ARGUMENT when @item is priced in another
 * currency than the cart (a sum across currencies would mean nothing), and
 * with %G_IO_ERROR_EXISTS when an item with the same id is already there.
 */
gboolean       facet_cart_add_item           (FacetCart      *self,
                                              FacetCartItem  *item,
                                              GError        **error);
/* Returns %FALSE when @item was not in the cart. */
gboolean       facet_cart_remove_item        (FacetCart      *self,
                                              FacetCartItem  *item);
/* Empties the cart, after an order was placed for instance. */
void           facet_cart_remove_all         (FacetCart      *self);
/* Returns: (transfer none) (nullable): the item with that id */
FacetCartItem *facet_cart_find_item          (FacetCart      *self,
                                              const char     *id);

/* Writes one JSON object with the items in an array. */
void           facet_cart_serialize          (FacetCart      *self,
                                              JsonBuilder    *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member
 * when a member has the wrong type, or the items mix currencies or ids. */
FacetCart     *facet_cart_deserialize        (JsonObject     *object,
                                              GError        **error);

G_END_DECLS
