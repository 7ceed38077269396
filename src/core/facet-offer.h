/* facet-offer.h: one price a print service quoted for a design
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prices are doubles in the currency's units (euros, not cents) beside an
 * ISO 4217 code. An optional figure the vendor did not give is -1
 * (shipping price, lead time) and is left out of the JSON.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "facet-material.h"

G_BEGIN_DECLS

#define FACET_TYPE_OFFER (facet_offer_get_type ())

G_DECLARE_FINAL_TYPE (FacetOffer, facet_offer, FACET, OFFER, GObject)

/**
 * facet_offer_new:
 *
 * Returns: (transfer full): an offer with a fresh random id, created now,
 * for a quantity of one and with unknown shipping price and lead time.
 */
FacetOffer    *facet_offer_new                   (void);

/* A UUID, given at construction (the "id" property) or generated. */
const char    *facet_offer_get_id                (FacetOffer     *self);
const char    *facet_offer_get_design_id         (FacetOffer     *self);
void           facet_offer_set_design_id         (FacetOffer     *self,
                                                  const char     *design_id);
/* The design's name when it was quoted, shown if the design is gone. */
const char    *facet_offer_get_design_name       (FacetOffer     *self);
void           facet_offer_set_design_name       (FacetOffer     *self,
                                                  const char     *design_name);
const char    *facet_offer_get_account_id        (FacetOffer     *self);
void           facet_offer_set_account_id        (FacetOffer     *self,
                                                  const char     *account_id);
const char    *facet_offer_get_account_label     (FacetOffer     *self);
void           facet_offer_set_account_label     (FacetOffer     *self,
                                                  const char     *account_label);
const char    *facet_offer_get_provider          (FacetOffer     *self);
void           facet_offer_set_provider          (FacetOffer     *self,
                                                  const char     *provider);
FacetMaterial *facet_offer_get_material          (FacetOffer     *self);
void           facet_offer_set_material          (FacetOffer     *self,
                                                  FacetMaterial  *material);
/* At least 1; 0 is stored as 1. */
guint          facet_offer_get_quantity          (FacetOffer     *self);
void           facet_offer_set_quantity          (FacetOffer     *self,
                                                  guint           quantity);
/* Price of one copy; negative values are stored as 0. */
double         facet_offer_get_unit_price        (FacetOffer     *self);
void           facet_offer_set_unit_price        (FacetOffer     *self,
                                                  double          unit_price);
/* The vendor's total for :quantity copies, which may include a discount;
 * it is not recomputed when the quantity changes. */
double         facet_offer_get_total_price       (FacetOffer     *self);
void           facet_offer_set_total_price       (FacetOffer     *self,
                                                  double          total_price);
/* ISO 4217, stored in upper case. */
const char    *facet_offer_get_currency          (FacetOffer     *self);
void           facet_offer_set_currency          (FacetOffer     *self,
                                                  const char     *currency);
/* -1 when unknown; any negative value is stored as -1. */
double         facet_offer_get_shipping_price    (FacetOffer     *self);
void           facet_offer_set_shipping_price    (FacetOffer     *self,
                                                  double          shipping_price);
/* Working days until shipping; -1 when unknown. */
int            facet_offer_get_lead_time_days    (FacetOffer     *self);
void           facet_offer_set_lead_time_days    (FacetOffer     *self,
                                                  int             lead_time_days);
/* When the vendor stops honouring the price; NULL when it did not say. */
GDateTime     *facet_offer_get_valid_until       (FacetOffer     *self);
void           facet_offer_set_valid_until       (FacetOffer     *self,
                                                  GDateTime      *valid_until);
GDateTime     *facet_offer_get_created           (FacetOffer     *self);
void           facet_offer_set_created           (FacetOffer     *self,
                                                  GDateTime      *created);
/* Whether the vendor already holds the model file (so ordering needs no
 * second upload); :vendor-model-id is then the vendor's id for it. */
gboolean       facet_offer_get_uploaded          (FacetOffer     *self);
void           facet_offer_set_uploaded          (FacetOffer     *self,
                                                  gboolean        uploaded);
const char    *facet_offer_get_vendor_model_id   (FacetOffer     *self);
void           facet_offer_set_vendor_model_id   (FacetOffer     *self,
                                                  const char     *vendor_model_id);

/**
 * facet_offer_is_expired:
 * @now: (nullable): the time to compare with, or %NULL for the current time
 *
 * Returns: %TRUE when :valid-until is known and not after @now.
 */
gboolean       facet_offer_is_expired            (FacetOffer     *self,
                                                  GDateTime      *now);

/* Writes one JSON object, the material embedded. */
void           facet_offer_serialize             (FacetOffer     *self,
                                                  JsonBuilder    *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member
 * when a member has the wrong type or an impossible value. */
FacetOffer    *facet_offer_deserialize           (JsonObject     *object,
                                                  GError        **error);

G_END_DECLS
