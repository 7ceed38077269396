/* facet-account-store.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-account-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "facet-account-store.h"
#include "facet-json-file.h"

#define ACCOUNTS_VERSION 1

struct _FacetAccountStore
{
  GObject parent_instance;

  GListStore *accounts;
  char       *path;           /* NULL when ephemeral */
  GHashTable *memory_secrets; /* "account\nfield" → value, ephemeral only */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FacetAccountStore, facet_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (facet-account-store-error-quark, facet_account_store_error)

/* One schema for every secret (CONVENTIONS.md): account UUID + field name. */
static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.facetapp.Facet.Secret", SECRET_SCHEMA_NONE,
    {
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "field", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static void
wipe_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

void
facet_account_store_free_secret (char *secret)
{
  wipe_free (secret);
}

static GType
get_item_type (GListModel *model)
{
  return FACET_TYPE_ACCOUNT;
}

static guint
get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (FACET_ACCOUNT_STORE (model)->accounts));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (FACET_ACCOUNT_STORE (model)->accounts), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  g_list_model_items_changed (G_LIST_MODEL (user_data), position, removed, added);
}

static void
facet_account_store_finalize (GObject *object)
{
  FacetAccountStore *self = FACET_ACCOUNT_STORE (object);

  g_signal_handlers_disconnect_by_data (self->accounts, self);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->memory_secrets, g_hash_table_unref);

  G_OBJECT_CLASS (facet_account_store_parent_class)->finalize (object);
}

static void
facet_account_store_class_init (FacetAccountStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = facet_account_store_finalize;
}

static void
facet_account_store_init (FacetAccountStore *self)
{
  self->accounts = g_list_store_new (FACET_TYPE_ACCOUNT);
  g_signal_connect (self->accounts, "items-changed", G_CALLBACK (on_items_changed), self);
}

FacetAccountStore *
facet_account_store_new (const char *path)
{
  FacetAccountStore *self = g_object_new (FACET_TYPE_ACCOUNT_STORE, NULL);

  self->path = path ? g_strdup (path)
                    : g_build_filename (g_get_user_data_dir (), "facet", "accounts.json", NULL);
  return self;
}

FacetAccountStore *
facet_account_store_new_ephemeral (void)
{
  FacetAccountStore *self = g_object_new (FACET_TYPE_ACCOUNT_STORE, NULL);

  self->memory_secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
  return self;
}

gboolean
facet_account_store_get_ephemeral (FacetAccountStore *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), FALSE);
  return self->path == NULL;
}

const char *
facet_account_store_get_path (FacetAccountStore *self)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), NULL);
  return self->path;
}

/* Keeps an unreadable file aside rather than overwriting it at the next save. */
static char *
keep_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *aside = g_strdup_printf ("%s.broken-%s", path, stamp);

  if (g_rename (path, aside) != 0)
    g_debug ("Could not move %s aside: %s", path, g_strerror (errno));
  return aside;
}

gboolean
facet_account_store_load (FacetAccountStore  *self,
                          GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *contents = NULL;
  JsonObject *root;
  JsonArray *array;
  gsize length;
  gint64 version;

  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->path == NULL)
    return TRUE;

  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_IO,
                   _("Could not read the accounts from %s: %s"), self->path, local_error->message);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, contents, length, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto corrupt;

  root = json_node_get_object (json_parser_get_root (parser));
  version = json_object_get_int_member_with_default (root, "version", 0);
  if (version != ACCOUNTS_VERSION)
    {
      g_clear_error (&local_error);
      local_error = g_error_new (FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_CORRUPT,
                                 _("unknown version %" G_GINT64_FORMAT), version);
      goto corrupt;
    }

  array = json_object_has_member (root, "accounts") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "accounts"))
          ? json_object_get_array_member (root, "accounts") : NULL;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      FacetAccount *account;

      if (object == NULL)
        {
          local_error = g_error_new_literal (FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_CORRUPT,
                                             _("an account is not an object"));
          goto corrupt;
        }
      account = facet_account_deserialize (object, &local_error);
      if (account == NULL)
        goto corrupt;
      g_ptr_array_add (loaded, account);
    }

  g_list_store_splice (self->accounts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                       loaded->pdata, loaded->len);
  return TRUE;

corrupt:
  {
    g_autofree char *aside = keep_aside (self->path);

    g_set_error (error, FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_CORRUPT,
                 _("The accounts in %s could not be read (%s); the file was kept as %s and "
                   "the accounts need to be added again"),
                 self->path, local_error ? local_error->message : _("not a JSON object"), aside);
    return FALSE;
  }
}

gboolean
facet_account_store_save (FacetAccountStore  *self,
                          GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  gsize length;
  guint n;

  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), FALSE);

  if (self->path == NULL)
    return TRUE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ACCOUNTS_VERSION);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FacetAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);
      facet_account_serialize (account, builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !facet_file_replace_atomic (self->path, data, length, NULL, &local_error))
    {
      g_set_error (error, FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_IO,
                   _("Could not save the accounts to %s: %s"), self->path,
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
facet_account_store_add (FacetAccountStore  *self,
                         FacetAccount       *account,
                         GError            **error)
{
  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (FACET_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (facet_account_store_find (self, facet_account_get_id (account)) == NULL, FALSE);

  _facet_account_set_ephemeral (account, self->path == NULL);
  g_list_store_append (self->accounts, account);
  return facet_account_store_save (self, error);
}

static gboolean
find_position (FacetAccountStore *self,
               const char        *account_id,
               guint             *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FacetAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (facet_account_get_id (account), account_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

FacetAccount *
facet_account_store_find (FacetAccountStore *self,
                          const char        *account_id)
{
  guint position;

  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (!find_position (self, account_id, &position))
    return NULL;
  {
    /* The store holds a reference, so handing out a borrowed one is safe. */
    g_autoptr(FacetAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), position);
    return account;
  }
}

GPtrArray *
facet_account_store_list_for_provider (FacetAccountStore *self,
                                       const char        *provider_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (FACET_IS_ACCOUNT_STORE (self), result);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      FacetAccount *account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (facet_account_get_provider_id (account), provider_id) == 0)
        g_ptr_array_add (result, account);
      else
        g_object_unref (account);
    }
  return result;
}

static char *
memory_key (FacetAccount *account,
            const char   *field)
{
  return g_strconcat (facet_account_get_id (account), "\n", field, NULL);
}

/* libsecret's own wording goes to the debug log only; people get ours. */
static GError *
keyring_error (const char   *what,
               const GError *error)
{
  g_debug ("libsecret: %s (%s %d)", error->message, g_quark_to_string (error->domain), error->code);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  return g_error_new (FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_KEYRING,
                      "%s: %s", what,
                      _("the keyring is not available or is locked; unlock it, or use an "
                        "account that does not need a password"));
}

static void
password_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (_("Could not remove the password from the keyring"), error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (_("Could not store the password in the keyring"), error));
  else
    g_task_return_boolean (task, TRUE);
}

void
facet_account_store_set_secret_async (FacetAccountStore   *self,
                                      FacetAccount        *account,
                                      const char          *field,
                                      const char          *value,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FACET_IS_ACCOUNT_STORE (self));
  g_return_if_fail (FACET_IS_ACCOUNT (account));
  g_return_if_fail (field != NULL && *field != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_account_store_set_secret_async);

  if (self->memory_secrets != NULL)
    {
      if (value == NULL || *value == '\0')
        {
          g_autofree char *key = memory_key (account, field);
          g_hash_table_remove (self->memory_secrets, key);
        }
      else
        g_hash_table_replace (self->memory_secrets, memory_key (account, field), g_strdup (value));
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (value == NULL || *value == '\0')
    {
      secret_password_clear (get_schema (), cancellable, password_cleared_cb, g_steal_pointer (&task),
                             "account", facet_account_get_id (account), "field", field, NULL);
    }
  else
    {
      /* The label shows in Passwords and Keys; it names, never holds, the secret. */
      g_autofree char *label = g_strdup_printf (_("Facet: %s (%s)"),
                                                facet_account_get_label (account)
                                                  ? facet_account_get_label (account)
                                                  : facet_account_get_provider_id (account),
                                                field);

      secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, value,
                             cancellable, password_stored_cb, g_steal_pointer (&task),
                             "account", facet_account_get_id (account), "field", field, NULL);
    }
}

gboolean
facet_account_store_set_secret_finish (FacetAccountStore  *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
password_looked_up_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (_("Could not read the password from the keyring"), error));
  else
    {
      /* Copy into ordinary memory so one free function fits both stores. */
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, wipe_free);
    }
}

void
facet_account_store_lookup_secret_async (FacetAccountStore   *self,
                                         FacetAccount        *account,
                                         const char          *field,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FACET_IS_ACCOUNT_STORE (self));
  g_return_if_fail (FACET_IS_ACCOUNT (account));
  g_return_if_fail (field != NULL && *field != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_account_store_lookup_secret_async);

  if (self->memory_secrets != NULL)
    {
      g_autofree char *key = memory_key (account, field);

      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->memory_secrets, key)), wipe_free);
      return;
    }

  secret_password_lookup (get_schema (), cancellable, password_looked_up_cb, g_steal_pointer (&task),
                          "account", facet_account_get_id (account), "field", field, NULL);
}

char *
facet_account_store_lookup_secret_finish (FacetAccountStore  *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
remove_account (FacetAccountStore  *self,
                FacetAccount       *account,
                GError            **error)
{
  guint position;

  if (find_position (self, facet_account_get_id (account), &position))
    g_list_store_remove (self->accounts, position);
  return facet_account_store_save (self, error);
}

static void
account_secrets_cleared_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  FacetAccountStore *self = g_task_get_source_object (task);

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      /* Keep the account so its secrets are not orphaned out of sight. */
      g_task_return_error (task, keyring_error (_("Could not remove the account’s passwords from the keyring"), error));
      return;
    }
  if (!remove_account (self, g_task_get_task_data (task), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
facet_account_store_remove_async (FacetAccountStore   *self,
                                  FacetAccount        *account,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FACET_IS_ACCOUNT_STORE (self));
  g_return_if_fail (FACET_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_account_store_remove_async);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  if (self->memory_secrets != NULL)
    {
      g_autofree char *prefix = memory_key (account, "");
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->memory_secrets);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_str_has_prefix (key, prefix))
          g_hash_table_iter_remove (&iter);
      if (!remove_account (self, account, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  /* Only the account attribute: every field of it goes. */
  secret_password_clear (get_schema (), cancellable, account_secrets_cleared_cb, g_steal_pointer (&task),
                         "account", facet_account_get_id (account), NULL);
}

gboolean
facet_account_store_remove_finish (FacetAccountStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
