/* facet-address.h: a shipping address
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FACET_TYPE_ADDRESS (facet_address_get_type ())

G_DECLARE_FINAL_TYPE (FacetAddress, facet_address, FACET, ADDRESS, GObject)

/* Returns: (transfer full): an empty address with a fresh random id. */
FacetAddress *facet_address_new                (void);

/* A UUID, given at construction (the "id" property) or generated. */
const char   *facet_address_get_id             (FacetAddress  *self);
const char   *facet_address_get_first_name     (FacetAddress  *self);
void          facet_address_set_first_name     (FacetAddress  *self,
                                                const char    *first_name);
const char   *facet_address_get_last_name      (FacetAddress  *self);
void          facet_address_set_last_name      (FacetAddress  *self,
                                                const char    *last_name);
const char   *facet_address_get_company        (FacetAddress  *self);
void          facet_address_set_company        (FacetAddress  *self,
                                                const char    *company);
const char   *facet_address_get_line1          (FacetAddress  *self);
void          facet_address_set_line1          (FacetAddress  *self,
                                                const char    *line1);
const char   *facet_address_get_line2          (FacetAddress  *self);
void          facet_address_set_line2          (FacetAddress  *self,
                                                const char    *line2);
const char   *facet_address_get_city           (FacetAddress  *self);
void          facet_address_set_city           (FacetAddress  *self,
                                                const char    *city);
/* State, province or county, where the country uses one. */
const char   *facet_address_get_state          (FacetAddress  *self);
void          facet_address_set_state          (FacetAddress  *self,
                                                const char    *state);
const char   *facet_address_get_postal_code    (FacetAddress  *self);
void          facet_address_set_postal_code    (FacetAddress  *self,
                                                const char    *postal_code);
/* ISO 3166-1 alpha-2; stored in upper case ("de" becomes "DE"). */
const char   *facet_address_get_country        (FacetAddress  *self);
void          facet_address_set_country        (FacetAddress  *self,
                                                const char    *country);
const char   *facet_address_get_email          (FacetAddress  *self);
void          facet_address_set_email          (FacetAddress  *self,
                                                const char    *email);
const char   *facet_address_get_phone          (FacetAddress  *self);
void          facet_address_set_phone          (FacetAddress  *self,
                                                const char    *phone);

/* Returns: (transfer full): "First Last", in the order the locale uses. */
char         *facet_address_dup_full_name      (FacetAddress  *self);
/* Returns: (transfer full): one line for a list row: "Line 1, City, CC". */
char         *facet_address_dup_summary        (FacetAddress  *self);
/**
 * facet_address_dup_display:
 *
 * Returns: (transfer full): the address as it goes on a parcel, one part per
 * line, without empty lines; the postal code is placed as the country
 * writes it (after the state in the US, before the city in most of Europe).
 */
char         *facet_address_dup_display        (FacetAddress  *self);

/**
 * facet_address_validate:
 *
 * Checks what every print service needs to ship: first and last name, first
 * address line, city, postal code, a two-letter country code and an email
 * address. Fails with %G_IO_ERROR_INVALID_ARGUMENT and a translated message
 * naming the first missing or invalid field.
 */
gboolean      facet_address_validate           (FacetAddress  *self,
                                                GError       **error);

/**
 * facet_address_new_from_json_file:
 * @path: a JSON file holding one object with the members of
 *   facet_address_serialize(): first_name, last_name, company, line1, line2,
 *   city, state, postal_code, country, email, phone (and optionally id)
 *
 * Reads an address written by hand, for the command line. Unknown members
 * are refused, so that a misspelt one is not silently dropped. The address
 * is not validated: call facet_address_validate().
 *
 * Returns: (transfer full): the address, or %NULL with a G_IO_ERROR naming
 * the file
 */
FacetAddress *facet_address_new_from_json_file (const char    *path,
                                                GError       **error);

/* Writes one JSON object. */
void          facet_address_serialize          (FacetAddress  *self,
                                                JsonBuilder   *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member
 * when a member has the wrong type. */
FacetAddress *facet_address_deserialize        (JsonObject    *object,
                                                GError       **error);

G_END_DECLS
