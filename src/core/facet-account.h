/* facet-account.h: one account with a print service (secrets live elsewhere)
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Where an account sends its requests. */
typedef enum
{
  FACET_ENDPOINT_PRODUCTION,     /* the vendor's real service */
  FACET_ENDPOINT_VENDOR_SANDBOX, /* the vendor's own test service */
  FACET_ENDPOINT_CUSTOM,         /* a URL the user typed */
  FACET_ENDPOINT_LOCAL_SANDBOX,  /* facet-sandbox, for --sandbox and tests */
} FacetEndpointKind;

/* "production", "vendor-sandbox", "custom", "local-sandbox" */
const char *facet_endpoint_kind_to_string   (FacetEndpointKind  kind);
gboolean    facet_endpoint_kind_from_string (const char        *text,
                                             FacetEndpointKind *kind);

#define FACET_TYPE_ACCOUNT (facet_account_get_type ())

G_DECLARE_FINAL_TYPE (FacetAccount, facet_account, FACET, ACCOUNT, GObject)

/* Returns: (transfer full): an enabled account with a fresh UUID. */
FacetAccount      *facet_account_new                 (const char        *provider_id,
                                                      const char        *label);

const char        *facet_account_get_id              (FacetAccount      *self);
const char        *facet_account_get_provider_id     (FacetAccount      *self);
const char        *facet_account_get_label           (FacetAccount      *self);
void               facet_account_set_label           (FacetAccount      *self,
                                                      const char        *label);
FacetEndpointKind  facet_account_get_endpoint_kind   (FacetAccount      *self);
/* The base URL; NULL means "the provider's URL for this kind". */
const char        *facet_account_get_endpoint_url    (FacetAccount      *self);
void               facet_account_set_endpoint        (FacetAccount      *self,
                                                      FacetEndpointKind  kind,
                                                      const char        *url);
gboolean           facet_account_get_enabled         (FacetAccount      *self);
void               facet_account_set_enabled         (FacetAccount      *self,
                                                      gboolean           enabled);
/* Whether model files must never be sent to this vendor. */
gboolean           facet_account_get_never_upload    (FacetAccount      *self);
void               facet_account_set_never_upload    (FacetAccount      *self,
                                                      gboolean           never_upload);
/* Whether the account lives only in memory (secrets included). */
gboolean           facet_account_get_ephemeral       (FacetAccount      *self);

/* Non-secret fields ("username", "email"); secrets never go here. */
const char        *facet_account_get_field           (FacetAccount      *self,
                                                      const char        *name);
void               facet_account_set_field           (FacetAccount      *self,
                                                      const char        *name,
                                                      const char        *value);
/* Returns: (transfer container): the names of the fields, sorted. */
GPtrArray         *facet_account_list_fields         (FacetAccount      *self);

/* The vendor's id for a model already uploaded from this design, valid
 * while the file keeps its size and modification time; NULL otherwise. */
const char        *facet_account_lookup_model_id     (FacetAccount      *self,
                                                      const char        *design_id,
                                                      guint64            file_size,
                                                      gint64             file_mtime);
/* Remembers (or, with a NULL @vendor_model_id, forgets) it; replaces any
 * id remembered for an older version of the file. */
void               facet_account_remember_model_id   (FacetAccount      *self,
                                                      const char        *design_id,
                                                      guint64            file_size,
                                                      gint64             file_mtime,
                                                      const char        *vendor_model_id);

void               facet_account_serialize           (FacetAccount      *self,
                                                      JsonBuilder       *builder);
/* Returns NULL and sets a FACET_LIBRARY_ERROR_CORRUPT error naming the member. */
FacetAccount      *facet_account_deserialize         (JsonObject        *object,
                                                      GError           **error);

/* Private to the store. */
void               _facet_account_set_ephemeral      (FacetAccount      *self,
                                                      gboolean           ephemeral);

G_END_DECLS
