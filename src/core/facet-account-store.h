/* facet-account-store.h: the accounts (accounts.json) and their secrets (keyring)
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "facet-account.h"

G_BEGIN_DECLS

#define FACET_ACCOUNT_STORE_ERROR (facet_account_store_error_quark ())

/**
 * FacetAccountStoreError:
 * @FACET_ACCOUNT_STORE_ERROR_KEYRING: the keyring could not store, find or remove a secret
 * @FACET_ACCOUNT_STORE_ERROR_IO: accounts.json could not be read or written
 * @FACET_ACCOUNT_STORE_ERROR_CORRUPT: accounts.json could not be read as accounts
 */
typedef enum
{
  FACET_ACCOUNT_STORE_ERROR_KEYRING,
  FACET_ACCOUNT_STORE_ERROR_IO,
  FACET_ACCOUNT_STORE_ERROR_CORRUPT,
} FacetAccountStoreError;

GQuark facet_account_store_error_quark (void);

#define FACET_TYPE_ACCOUNT_STORE (facet_account_store_get_type ())

/* A GListModel of FacetAccount. */
G_DECLARE_FINAL_TYPE (FacetAccountStore, facet_account_store, FACET, ACCOUNT_STORE, GObject)

/* Returns: (transfer full): a store saved in @path (NULL: the default,
 * $XDG_DATA_HOME/facet/accounts.json), secrets in the keyring. */
FacetAccountStore *facet_account_store_new             (const char         *path);
/* Returns: (transfer full): a store that lives only in memory, secrets
 * included; it never touches the disk or the keyring (--sandbox). */
FacetAccountStore *facet_account_store_new_ephemeral   (void);

gboolean           facet_account_store_get_ephemeral   (FacetAccountStore  *self);
/* Returns: (nullable): the file, or NULL for an ephemeral store. */
const char        *facet_account_store_get_path        (FacetAccountStore  *self);

/* Reads the file; a missing file is an empty store. */
gboolean           facet_account_store_load            (FacetAccountStore  *self,
                                                        GError            **error);
/* Writes the file atomically (no secrets are in it); does nothing when ephemeral. */
gboolean           facet_account_store_save            (FacetAccountStore  *self,
                                                        GError            **error);

/* Adds @account (taking a reference) and saves. */
gboolean           facet_account_store_add             (FacetAccountStore  *self,
                                                        FacetAccount       *account,
                                                        GError            **error);
/* Returns: (transfer none) (nullable) */
FacetAccount      *facet_account_store_find            (FacetAccountStore  *self,
                                                        const char         *account_id);
/* Returns: (transfer full): the accounts of one provider. */
GPtrArray         *facet_account_store_list_for_provider (FacetAccountStore *self,
                                                          const char        *provider_id);

/* Removes @account and clears all its secrets from the keyring, then saves. */
void               facet_account_store_remove_async    (FacetAccountStore  *self,
                                                        FacetAccount       *account,
                                                        GCancellable       *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer            user_data);
gboolean           facet_account_store_remove_finish   (FacetAccountStore  *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

/* Stores one secret field (e.g. "password", "api_code", "token") of @account;
 * a NULL or empty @value clears it. */
void               facet_account_store_set_secret_async  (FacetAccountStore  *self,
                                                          FacetAccount       *account,
                                                          const char         *field,
                                                          const char         *value,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
gboolean           facet_account_store_set_secret_finish (FacetAccountStore  *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);
/* Finds one secret field. Returns: (transfer full) (nullable): the secret,
 * or NULL without an error when there is none; free it with
 * facet_account_store_free_secret(), which wipes it. */
void               facet_account_store_lookup_secret_async  (FacetAccountStore  *self,
                                                             FacetAccount       *account,
                                                             const char         *field,
                                                             GCancellable       *cancellable,
                                                             GAsyncReadyCallback callback,
                                                             gpointer            user_data);
char              *facet_account_store_lookup_secret_finish (FacetAccountStore  *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);
/* Overwrites then frees a secret. */
void               facet_account_store_free_secret          (char               *secret);

G_END_DECLS
