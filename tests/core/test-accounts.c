/* test-accounts.c: accounts.json, the keyring, ephemeral accounts, no leaks
 *
 * Run inside tests/core/run-with-keyring.sh: a real gnome-keyring-daemon.
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "facet-account-store.h"
#include "facet-http-client.h"
#include "facet-provider.h"

#define SECRET_PASSWORD "hunter2-Zq8!plum"
#define SECRET_API_CODE "APIC-7f3e9b1c-0d44"
#define SECRET_TOKEN    "tok-5b6a-not-for-logs"

/* Every log line of the process, whatever its level or domain. */
static GMutex log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_string_append (log_text, line);
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);

  /* Debug and info stay out of the TAP stream; the rest is shown as usual. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
set_secret (FacetAccountStore *store,
            FacetAccount      *account,
            const char        *field,
            const char        *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  facet_account_store_set_secret_async (store, account, field, value, NULL, store_result, &result);
  g_assert_true (facet_account_store_set_secret_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup_secret (FacetAccountStore *store,
               FacetAccount      *account,
               const char        *field)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  facet_account_store_lookup_secret_async (store, account, field, NULL, store_result, &result);
  secret = facet_account_store_lookup_secret_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static void
assert_secret (FacetAccountStore *store,
               FacetAccount      *account,
               const char        *field,
               const char        *expected)
{
  char *secret = lookup_secret (store, account, field);

  g_assert_cmpstr (secret, ==, expected);
  facet_account_store_free_secret (secret);
}

static void
remove_account (FacetAccountStore *store,
                FacetAccount      *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  facet_account_store_remove_async (store, account, NULL, store_result, &result);
  g_assert_true (facet_account_store_remove_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_secrets_store_lookup_replace_clear (void)
{
  g_autoptr(FacetAccountStore) store = facet_account_store_new (NULL);
  g_autoptr(FacetAccount) account = facet_account_new ("imaterialise", "Work");
  g_autoptr(GError) error = NULL;

  g_assert_true (facet_account_store_add (store, account, &error));
  g_assert_no_error (error);

  assert_secret (store, account, "api_code", NULL);
  set_secret (store, account, "api_code", SECRET_API_CODE);
  assert_secret (store, account, "api_code", SECRET_API_CODE);
  /* Fields of one account are apart. */
  assert_secret (store, account, "password", NULL);

  set_secret (store, account, "api_code", "replaced-code");
  assert_secret (store, account, "api_code", "replaced-code");

  set_secret (store, account, "api_code", NULL);
  assert_secret (store, account, "api_code", NULL);

  remove_account (store, account);
}

static void
test_store_round_trip (void)
{
  g_autoptr(FacetAccountStore) store = facet_account_store_new (NULL);
  g_autoptr(FacetAccountStore) again = NULL;
  g_autoptr(FacetAccount) a = facet_account_new ("shapeways", "Personal");
  g_autoptr(FacetAccount) b = facet_account_new ("shapeways", "Club");
  g_autoptr(FacetAccount) c = facet_account_new ("sculpteo", "Test");
  g_autoptr(GPtrArray) shapeways = NULL;
  g_autoptr(GError) error = NULL;
  FacetAccount *loaded;
  g_autofree char *expected_path = g_build_filename (g_get_user_data_dir (), "facet", "accounts.json", NULL);

  g_assert_cmpstr (facet_account_store_get_path (store), ==, expected_path);

  facet_account_set_field (a, "username", "ada@example.com");
  facet_account_set_endpoint (b, FACET_ENDPOINT_CUSTOM, "https://proxy.example.com/shapeways");
  facet_account_set_enabled (b, FALSE);
  facet_account_set_never_upload (c, TRUE);
  facet_account_set_endpoint (c, FACET_ENDPOINT_VENDOR_SANDBOX, NULL);
  facet_account_remember_model_id (c, "design-9", 1234, 1700000000, "sc-77");

  g_assert_true (facet_account_store_add (store, a, &error));
  g_assert_true (facet_account_store_add (store, b, &error));
  g_assert_true (facet_account_store_add (store, c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  again = facet_account_store_new (NULL);
  g_assert_true (facet_account_store_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 3);

  loaded = facet_account_store_find (again, facet_account_get_id (a));
  g_assert_nonnull (loaded);
  g_assert_cmpstr (facet_account_get_label (loaded), ==, "Personal");
  g_assert_cmpstr (facet_account_get_field (loaded, "username"), ==, "ada@example.com");
  g_assert_true (facet_account_get_enabled (loaded));
  g_assert_false (facet_account_get_ephemeral (loaded));

  loaded = facet_account_store_find (again, facet_account_get_id (b));
  g_assert_cmpint (facet_account_get_endpoint_kind (loaded), ==, FACET_ENDPOINT_CUSTOM);
  g_assert_cmpstr (facet_account_get_endpoint_url (loaded), ==, "https://proxy.example.com/shapeways");
  g_assert_false (facet_account_get_enabled (loaded));

  loaded = facet_account_store_find (again, facet_account_get_id (c));
  g_assert_true (facet_account_get_never_upload (loaded));
  g_assert_cmpint (facet_account_get_endpoint_kind (loaded), ==, FACET_ENDPOINT_VENDOR_SANDBOX);
  g_assert_cmpstr (facet_account_lookup_model_id (loaded, "design-9", 1234, 1700000000), ==, "sc-77");

  shapeways = facet_account_store_list_for_provider (again, "shapeways");
  g_assert_cmpuint (shapeways->len, ==, 2);
}

static void
test_store_several_accounts_one_provider (void)
{
  g_autoptr(FacetAccountStore) store = facet_account_store_new (NULL);
  g_autoptr(FacetAccount) first = facet_account_new ("3yourmind", "Lab");
  g_autoptr(FacetAccount) second = facet_account_new ("3yourmind", "Office");
  g_autoptr(GError) error = NULL;

  g_assert_true (facet_account_store_add (store, first, &error));
  g_assert_true (facet_account_store_add (store, second, &error));
  set_secret (store, first, "token", "token-of-the-lab");
  set_secret (store, second, "token", "token-of-the-office");
  assert_secret (store, first, "token", "token-of-the-lab");
  assert_secret (store, second, "token", "token-of-the-office");

  remove_account (store, first);
  assert_secret (store, first, "token", NULL);
  assert_secret (store, second, "token", "token-of-the-office");
  remove_account (store, second);
}

static void
test_store_remove_clears_secrets (void)
{
  g_autoptr(FacetAccountStore) store = facet_account_store_new (NULL);
  g_autoptr(FacetAccountStore) reloaded = facet_account_store_new (NULL);
  g_autoptr(FacetAccount) account = facet_account_new ("imaterialise", "Old");
  g_autoptr(GError) error = NULL;
  const char *id = facet_account_get_id (account);

  g_assert_true (facet_account_store_add (store, account, &error));
  set_secret (store, account, "password", SECRET_PASSWORD);
  set_secret (store, account, "api_code", SECRET_API_CODE);

  remove_account (store, account);
  g_assert_null (facet_account_store_find (store, id));
  assert_secret (store, account, "password", NULL);
  assert_secret (store, account, "api_code", NULL);

  g_assert_true (facet_account_store_load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_null (facet_account_store_find (reloaded, id));
}

static void
test_ephemeral_never_touches_keyring_or_disk (void)
{
  g_autoptr(FacetAccountStore) memory = facet_account_store_new_ephemeral ();
  g_autoptr(FacetAccountStore) keyring = facet_account_store_new (NULL);
  g_autoptr(FacetAccount) account = facet_account_new ("sculpteo", "sandbox");
  g_autoptr(GError) error = NULL;

  g_assert_true (facet_account_store_get_ephemeral (memory));
  g_assert_null (facet_account_store_get_path (memory));
  g_assert_true (facet_account_store_add (memory, account, &error));
  g_assert_no_error (error);
  g_assert_true (facet_account_get_ephemeral (account));

  set_secret (memory, account, "password", SECRET_PASSWORD);
  assert_secret (memory, account, "password", SECRET_PASSWORD);
  /* Same account id, but through the keyring: nothing is there. */
  assert_secret (keyring, account, "password", NULL);
  g_assert_false (g_file_test (facet_account_store_get_path (keyring), G_FILE_TEST_EXISTS));

  remove_account (memory, account);
  assert_secret (memory, account, "password", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (memory)), ==, 0);
}

static void
test_store_corrupt_file_kept_aside (void)
{
  g_autoptr(FacetAccountStore) store = facet_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (facet_account_store_get_path (store));
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean found = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (facet_account_store_get_path (store), "{\"version\": 1, \"accounts\": [", -1, NULL));
  g_assert_false (facet_account_store_load (store, &error));
  g_assert_error (error, FACET_ACCOUNT_STORE_ERROR, FACET_ACCOUNT_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "accounts.json.broken-"));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    found |= g_str_has_prefix (name, "accounts.json.broken-");
  g_assert_true (found);
  g_assert_false (g_file_test (facet_account_store_get_path (store), G_FILE_TEST_EXISTS));
}

/* The leak test: a whole session, then every trace it left is searched. */

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  soup_server_message_set_status (msg, 401, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"error\": \"bad credentials\"}", 28);
}

static void
assert_no_secret_in (const char *where,
                     const char *text)
{
  const char *secrets[] = { SECRET_PASSWORD, SECRET_API_CODE, SECRET_TOKEN };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (text != NULL && strstr (text, secrets[i]) != NULL)
      g_error ("A secret leaked into %s", where);
}

static void
test_secrets_never_leak (void)
{
  g_autoptr(FacetAccountStore) store = facet_account_store_new (NULL);
  g_autoptr(FacetAccountStore) memory = facet_account_store_new_ephemeral ();
  g_autoptr(FacetAccount) account = facet_account_new ("imaterialise", "Leak check");
  g_autoptr(FacetAccount) sandbox = facet_account_new ("imaterialise", "Sandbox");
  g_autoptr(FacetHttpClient) client = facet_http_client_new ();
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GString) journal = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  g_autofree char *file_text = NULL;
  g_autofree char *log_copy = NULL;
  char *secret;

  g_assert_nonnull (strstr (g_getenv ("G_MESSAGES_DEBUG"), "all"));

  g_assert_true (facet_account_store_add (store, account, &error));
  facet_account_set_field (account, "username", "leak@example.com");
  g_assert_true (facet_account_store_save (store, &error));
  set_secret (store, account, "password", SECRET_PASSWORD);
  set_secret (store, account, "api_code", SECRET_API_CODE);
  secret = lookup_secret (store, account, "api_code");
  g_assert_cmpstr (secret, ==, SECRET_API_CODE);

  g_assert_true (facet_account_store_add (memory, sandbox, &error));
  set_secret (memory, sandbox, "token", SECRET_TOKEN);
  assert_secret (memory, sandbox, "token", SECRET_TOKEN);

  /* A request carrying them, logged at full detail, refused by the server. */
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  msg = soup_message_new ("POST", url);
  soup_message_headers_append (soup_message_get_request_headers (msg), "APICode", secret);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization", "Bearer " SECRET_TOKEN);
  form = g_strdup_printf ("user=leak%%40example.com&password=%s&api_code=%s", SECRET_PASSWORD, secret);
  {
    g_autoptr(GBytes) form_bytes = g_bytes_new (form, strlen (form));
    facet_http_set_request_body (msg, "application/x-www-form-urlencoded", form_bytes);
  }
  facet_http_client_send_async (client, msg, FACET_HTTP_FLAGS_NONE, "i.materialise", NULL, store_result, &result);
  body = facet_http_client_send_finish (client, wait_for_result (&result), NULL, &error);
  g_assert_null (body);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_AUTH_INVALID);
  g_string_append_printf (journal, "%s\n", error->message);
  g_clear_error (&error);
  facet_account_store_free_secret (secret);

  /* A keyring call that fails still says nothing secret. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) r = NULL;

    g_cancellable_cancel (cancellable);
    facet_account_store_set_secret_async (store, account, "password", SECRET_PASSWORD, cancellable,
                                          store_result, &r);
    g_assert_false (facet_account_store_set_secret_finish (store, wait_for_result (&r), &error));
    g_assert_nonnull (error);
    g_string_append_printf (journal, "%s\n", error->message);
    g_clear_error (&error);
  }

  g_assert_true (g_file_get_contents (facet_account_store_get_path (store), &file_text, NULL, &error));
  g_assert_nonnull (strstr (file_text, "leak@example.com"));
  g_mutex_lock (&log_lock);
  log_copy = g_strdup (log_text->str);
  g_mutex_unlock (&log_lock);

  /* The logger really ran, so the check below means something. */
  g_assert_nonnull (strstr (log_copy, "APICode: [redacted]"));
  g_assert_nonnull (strstr (log_copy, "password=[redacted]"));

  assert_no_secret_in ("accounts.json", file_text);
  assert_no_secret_in ("the log", log_copy);
  assert_no_secret_in ("an error message", journal->str);

  remove_account (store, account);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  /* GNOME's proxy resolver reads GSettings schemas a bare test machine may
   * not have; these tests only talk to 127.0.0.1 anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/accounts/secrets/store-lookup-replace-clear", test_secrets_store_lookup_replace_clear);
  g_test_add_func ("/accounts/store/round-trip-through-accounts-json", test_store_round_trip);
  g_test_add_func ("/accounts/store/several-accounts-of-one-provider", test_store_several_accounts_one_provider);
  g_test_add_func ("/accounts/store/remove-clears-secrets", test_store_remove_clears_secrets);
  g_test_add_func ("/accounts/store/corrupt-file-kept-aside", test_store_corrupt_file_kept_aside);
  g_test_add_func ("/accounts/ephemeral/never-touches-keyring-or-disk", test_ephemeral_never_touches_keyring_or_disk);
  g_test_add_func ("/accounts/secrets/never-in-file-log-or-error", test_secrets_never_leak);

  return g_test_run ();
}
