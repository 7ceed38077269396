/* test-provider.c: the provider contract, its errors and the module loader
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "facet-provider.h"
#include "facet-provider-loader.h"
#include "facet-enum-types.h"

/* Spins the default context until an async call hands back its result. */
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

/* An in-test provider that records what the wrappers let through. */

#define TEST_TYPE_PROVIDER (test_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestProvider, test_provider, TEST, PROVIDER, GObject)

struct _TestProvider
{
  GObject                   parent_instance;
  FacetProviderCapabilities caps;
  guint                     calls;
  FacetQuoteFlags           last_flags;
};

static void test_provider_iface_init (FacetProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestProvider, test_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FACET_TYPE_PROVIDER, test_provider_iface_init))

static const char *
test_get_id (FacetProvider *provider)
{
  return "test";
}

static FacetProviderCapabilities
test_get_capabilities (FacetProvider *provider)
{
  return TEST_PROVIDER (provider)->caps;
}

static void
test_quote_async (FacetProvider *provider, FacetAccount *account, FacetDesign *design,
                  guint quantity, const char *currency, FacetQuoteFlags flags,
                  GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  TEST_PROVIDER (provider)->calls++;
  TEST_PROVIDER (provider)->last_flags = flags;
  g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                         (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
test_quote_finish (FacetProvider *provider, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_place_order_async (FacetProvider *provider, FacetAccount *account, FacetCart *cart,
                        FacetAddress *address, const char *shipping, const char *payment,
                        gboolean test, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  FacetOrder *order = facet_order_new_from_cart (cart);

  TEST_PROVIDER (provider)->calls++;
  facet_order_set_test (order, test);
  g_task_return_pointer (task, order, g_object_unref);
}

static FacetOrder *
test_place_order_finish (FacetProvider *provider, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Fails the way a careless provider might: with a raw GIO error. */
static void
test_list_materials_async (FacetProvider *provider, FacetAccount *account,
                           GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  TEST_PROVIDER (provider)->calls++;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
}

static GListModel *
test_list_materials_finish (FacetProvider *provider, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_provider_iface_init (FacetProviderInterface *iface)
{
  iface->get_id = test_get_id;
  iface->get_capabilities = test_get_capabilities;
  iface->quote_async = test_quote_async;
  iface->quote_finish = test_quote_finish;
  iface->place_order_async = test_place_order_async;
  iface->place_order_finish = test_place_order_finish;
  iface->list_materials_async = test_list_materials_async;
  iface->list_materials_finish = test_list_materials_finish;
}

static void test_provider_class_init (TestProviderClass *klass) { }
static void test_provider_init (TestProvider *self) { }

/* Loader. */

static FacetProviderLoader *
load_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("/nonexistent/facet-providers" G_SEARCHPATH_SEPARATOR_S,
                                       FIXTURE_DIR, NULL);
  FacetProviderLoader *loader;

  g_setenv ("FACET_PROVIDER_PATH", path, TRUE);
  loader = facet_provider_loader_new ();
  g_assert_true (facet_provider_loader_load (loader, &error));
  g_assert_no_error (error);
  return loader;
}

static void
test_loader_good_module_loads (void)
{
  g_autoptr(FacetProviderLoader) loader = load_fixtures ();
  g_autoptr(FacetAccount) account = facet_account_new ("fixture", "Fixture account");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) materials = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(FacetMaterial) first = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *providers = facet_provider_loader_get_providers (loader);
  FacetProvider *provider;

  g_assert_cmpuint (g_list_model_get_n_items (providers), ==, 1);
  provider = facet_provider_loader_find (loader, "fixture");
  g_assert_nonnull (provider);
  g_assert_true (FACET_IS_PROVIDER (provider));
  g_assert_null (facet_provider_loader_find (loader, "imaterialise"));
  g_assert_cmpstr (facet_provider_get_display_name (provider), ==, "Fixture Prints");
  g_assert_cmpstr (facet_provider_get_account_url (provider, account), ==, "https://fixture.invalid/api");
  g_assert_null (facet_provider_get_sandbox_url (provider));

  fields = facet_provider_get_fields (provider);
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_true (((FacetProviderField *) fields->pdata[1])->secret);
  g_assert_cmpstr (((FacetProviderField *) fields->pdata[1])->id, ==, "api_code");

  /* The module's materials are FacetMaterials of the one shared core. */
  facet_provider_list_materials_async (provider, account, NULL, store_result, &result);
  materials = facet_provider_list_materials_finish (provider, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (materials) == FACET_TYPE_MATERIAL);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 2);
  first = g_list_model_get_item (materials, 0);
  g_assert_true (FACET_IS_MATERIAL (first));
  g_assert_cmpstr (facet_material_get_name (first), ==, "Nylon PA12");
}

static const FacetProviderLoadFailure *
find_failure (GPtrArray  *failures,
              const char *basename)
{
  for (guint i = 0; i < failures->len; i++)
    {
      const FacetProviderLoadFailure *failure = failures->pdata[i];
      g_autofree char *name = g_path_get_basename (failure->path);

      if (g_strcmp0 (name, basename) == 0)
        return failure;
    }
  return NULL;
}

static void
test_loader_bad_modules_reported (void)
{
  g_autoptr(FacetProviderLoader) loader = load_fixtures ();
  GPtrArray *failures = facet_provider_loader_get_failures (loader);
  const char *bad[] = {
    "facet-provider-fixture2.so", /* the same id again: the first file wins */
    "facet-provider-garbage.so",
    "facet-provider-nosymbol.so",
    "facet-provider-wrongtype.so",
  };
  const FacetProviderLoadFailure *duplicate;

  g_assert_cmpuint (failures->len, ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const FacetProviderLoadFailure *failure = find_failure (failures, bad[i]);

      g_assert_nonnull (failure);
      g_assert_nonnull (strstr (failure->reason, bad[i]));
    }
  duplicate = find_failure (failures, "facet-provider-fixture2.so");
  g_assert_nonnull (strstr (duplicate->reason, "“fixture”"));
  g_assert_nonnull (strstr (duplicate->reason, "facet-provider-fixture.so"));
  g_assert_nonnull (strstr (find_failure (failures, "facet-provider-nosymbol.so")->reason,
                            "facet_provider_query_type"));
  g_assert_nonnull (strstr (find_failure (failures, "facet-provider-wrongtype.so")->reason,
                            "GSimpleAction"));
}

static void
test_loader_path_replaces_installed_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("facet-providers-XXXXXX", &error);
  g_autoptr(FacetProviderLoader) loader = NULL;

  g_assert_no_error (error);
  g_setenv ("FACET_PROVIDER_PATH", empty, TRUE);
  loader = facet_provider_loader_new ();
  g_assert_true (facet_provider_loader_load (loader, &error));
  g_assert_cmpuint (g_list_model_get_n_items (facet_provider_loader_get_providers (loader)), ==, 0);
  g_assert_cmpuint (facet_provider_loader_get_failures (loader)->len, ==, 0);
  g_rmdir (empty);
}

static void
test_loader_default_is_shared (void)
{
  g_assert_true (facet_provider_loader_get_default () == facet_provider_loader_get_default ());
}

/* Wrappers. */

static void
assert_not_supported (GError *error)
{
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (facet_provider_error_code_string_for (error), ==, "not-supported");
}

static void
test_wrappers_null_vfuncs_not_supported (void)
{
  g_autoptr(FacetProviderLoader) loader = load_fixtures ();
  FacetProvider *provider = facet_provider_loader_find (loader, "fixture");
  g_autoptr(FacetAccount) account = facet_account_new ("fixture", NULL);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/part.stl");
  g_autoptr(FacetDesign) design = facet_design_new (file);
  g_autoptr(FacetCart) cart = facet_cart_new (facet_account_get_id (account), "fixture");
  g_autoptr(FacetAddress) address = facet_address_new ();
  g_autoptr(FacetOrder) order = facet_order_new ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL, e6 = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(FacetOrder) placed = NULL;

  /* It claims QUOTE_BY_MEASUREMENTS and ORDER, but has no such vfuncs. */
  facet_provider_quote_async (provider, account, design, 1, "EUR", FACET_QUOTE_FLAGS_NONE,
                              NULL, store_result, &r1);
  offers = facet_provider_quote_finish (provider, wait_for_result (&r1), &e1);
  g_assert_null (offers);
  assert_not_supported (e1);
  g_assert_nonnull (strstr (e1->message, "Fixture Prints"));

  facet_provider_place_order_async (provider, account, cart, address, "std", "invoice", FALSE,
                                    NULL, store_result, &r2);
  placed = facet_provider_place_order_finish (provider, wait_for_result (&r2), &e2);
  g_assert_null (placed);
  assert_not_supported (e2);

  facet_provider_check_credentials_async (provider, account, NULL, store_result, &r3);
  g_assert_false (facet_provider_check_credentials_finish (provider, wait_for_result (&r3), &e3));
  assert_not_supported (e3);

  facet_provider_cancel_order_async (provider, account, order, NULL, store_result, &r4);
  g_assert_false (facet_provider_cancel_order_finish (provider, wait_for_result (&r4), &e4));
  assert_not_supported (e4);

  facet_provider_refresh_order_async (provider, account, order, NULL, store_result, &r5);
  g_assert_false (facet_provider_refresh_order_finish (provider, wait_for_result (&r5), &e5));
  assert_not_supported (e5);

  facet_provider_list_shipping_options_async (provider, account, NULL, store_result, &r6);
  g_assert_null (facet_provider_list_shipping_options_finish (provider, wait_for_result (&r6), &e6));
  assert_not_supported (e6);
}

static void
test_wrappers_never_upload_masks_upload (void)
{
  g_autoptr(TestProvider) provider = g_object_new (TEST_TYPE_PROVIDER, NULL);
  g_autoptr(FacetAccount) account = facet_account_new ("test", NULL);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/part.stl");
  g_autoptr(FacetDesign) design = facet_design_new (file);
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GError) e1 = NULL, e2 = NULL;
  g_autoptr(GPtrArray) offers1 = NULL, offers2 = NULL;

  provider->caps = FACET_PROVIDER_CAPABILITY_QUOTE_BY_UPLOAD;

  facet_provider_quote_async (FACET_PROVIDER (provider), account, design, 2, "EUR",
                              FACET_QUOTE_FLAGS_ALLOW_UPLOAD, NULL, store_result, &r1);
  offers1 = facet_provider_quote_finish (FACET_PROVIDER (provider), wait_for_result (&r1), &e1);
  g_assert_no_error (e1);
  g_assert_nonnull (offers1);
  g_assert_cmpuint (provider->calls, ==, 1);
  g_assert_cmpint (provider->last_flags, ==, FACET_QUOTE_FLAGS_ALLOW_UPLOAD);

  /* Never upload: the only way this provider quotes is closed. */
  facet_account_set_never_upload (account, TRUE);
  facet_provider_quote_async (FACET_PROVIDER (provider), account, design, 2, "EUR",
                              FACET_QUOTE_FLAGS_ALLOW_UPLOAD, NULL, store_result, &r2);
  offers2 = facet_provider_quote_finish (FACET_PROVIDER (provider), wait_for_result (&r2), &e2);
  assert_not_supported (e2);
  g_assert_cmpuint (provider->calls, ==, 1);
}

static void
test_wrappers_test_order_needs_capability_or_sandbox (void)
{
  g_autoptr(TestProvider) provider = g_object_new (TEST_TYPE_PROVIDER, NULL);
  g_autoptr(FacetAccount) account = facet_account_new ("test", NULL);
  g_autoptr(FacetCart) cart = facet_cart_new (facet_account_get_id (account), "test");
  g_autoptr(FacetAddress) address = facet_address_new ();
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GError) e1 = NULL, e2 = NULL;
  g_autoptr(FacetOrder) o1 = NULL, o2 = NULL;

  provider->caps = FACET_PROVIDER_CAPABILITY_ORDER;

  facet_provider_place_order_async (FACET_PROVIDER (provider), account, cart, address, "std", "invoice",
                                    TRUE, NULL, store_result, &r1);
  o1 = facet_provider_place_order_finish (FACET_PROVIDER (provider), wait_for_result (&r1), &e1);
  assert_not_supported (e1);
  g_assert_nonnull (strstr (e1->message, "Test orders are not supported by this service"));
  g_assert_cmpuint (provider->calls, ==, 0);

  facet_account_set_endpoint (account, FACET_ENDPOINT_LOCAL_SANDBOX, "http://127.0.0.1:1/test");
  facet_provider_place_order_async (FACET_PROVIDER (provider), account, cart, address, "std", "invoice",
                                    TRUE, NULL, store_result, &r2);
  o2 = facet_provider_place_order_finish (FACET_PROVIDER (provider), wait_for_result (&r2), &e2);
  g_assert_no_error (e2);
  g_assert_true (facet_order_get_test (o2));
  g_assert_cmpuint (provider->calls, ==, 1);
}

static void
test_wrappers_convert_foreign_errors (void)
{
  g_autoptr(TestProvider) provider = g_object_new (TEST_TYPE_PROVIDER, NULL);
  g_autoptr(FacetAccount) account = facet_account_new ("test", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) materials = NULL;

  facet_provider_list_materials_async (FACET_PROVIDER (provider), account, NULL, store_result, &result);
  materials = facet_provider_list_materials_finish (FACET_PROVIDER (provider), wait_for_result (&result), &error);
  g_assert_null (materials);
  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK);
  /* The display name falls back to the id when a provider gives none. */
  g_assert_nonnull (strstr (error->message, "test did not answer"));
}

/* Errors. */

static void
test_errors_code_strings (void)
{
  const char *expected[] = {
    "auth-required", "auth-invalid", "rate-limited", "network", "server",
    "rejected-model", "not-supported", "cancelled", "protocol",
  };
  g_autoptr(GEnumClass) klass = g_type_class_ref (FACET_TYPE_PROVIDER_ERROR);

  g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (facet_provider_error_to_code_string (i), ==, expected[i]);
  g_assert_true (G_TYPE_IS_FLAGS (FACET_TYPE_PROVIDER_CAPABILITIES));
}

static void
test_errors_rate_limited_keeps_retry_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autoptr(GError) error = facet_provider_error_new_rate_limited (later, "Slow down");
  g_autoptr(GError) copy = g_error_copy (error);
  g_autoptr(GError) through_task = NULL;
  g_autoptr(GError) plain = g_error_new_literal (FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_SERVER, "x");
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  gint64 after;

  g_assert_error (error, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_true (g_date_time_equal (facet_provider_error_get_retry_at (error), later));
  g_assert_true (g_date_time_equal (facet_provider_error_get_retry_at (copy), later));

  g_task_return_error (task, g_error_copy (error));
  g_assert_false (g_task_propagate_boolean (task, &through_task));
  g_assert_true (g_date_time_equal (facet_provider_error_get_retry_at (through_task), later));

  after = facet_provider_error_get_retry_after (error);
  g_assert_cmpint (after, >=, 119);
  g_assert_cmpint (after, <=, 120);
  g_assert_null (facet_provider_error_get_retry_at (plain));
  g_assert_cmpint (facet_provider_error_get_retry_after (plain), ==, -1);
}

static void
test_errors_foreign_converted_at_boundary (void)
{
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "Connection refused");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "Unacceptable TLS certificate");
  g_autoptr(GError) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL, c5 = NULL;
  g_autoptr(GError) s401 = NULL, s429 = NULL, s502 = NULL, s404 = NULL;
  xmlDocPtr doc;

  c1 = facet_provider_error_from_error (cancelled, "i.materialise");
  g_assert_error (c1, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_CANCELLED);

  c2 = facet_provider_error_from_error (refused, "i.materialise");
  g_assert_error (c2, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK);
  g_assert_nonnull (strstr (c2->message, "i.materialise did not answer"));

  c3 = facet_provider_error_from_error (tls, "Shapeways");
  g_assert_error (c3, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_NETWORK);
  g_assert_nonnull (strstr (c3->message, "Shapeways"));
  g_assert_nonnull (strstr (c3->message, "certificate"));

  g_assert_false (json_parser_load_from_data (parser, "{\"price\": ", -1, &json));
  c4 = facet_provider_error_from_error (json, "Sculpteo");
  g_assert_error (c4, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (c4->message, "Sculpteo answered something unexpected"));
  g_assert_cmpstr (facet_provider_error_code_string_for (c4), ==, "protocol");

  xmlSetGenericErrorFunc (NULL, NULL);
  doc = xmlReadMemory ("<response><price>1</response>", 29, "reply.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  g_assert_null (doc);
  c5 = facet_provider_error_from_xml (xmlGetLastError (), "i.materialise");
  g_assert_error (c5, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (c5->message, "i.materialise"));
  g_assert_nonnull (strstr (c5->message, "line 1"));

  s401 = facet_provider_error_from_status (401, "3YOURMIND", NULL);
  g_assert_error (s401, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_AUTH_INVALID);
  s429 = facet_provider_error_from_status (429, "3YOURMIND", NULL);
  g_assert_error (s429, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_RATE_LIMITED);
  s502 = facet_provider_error_from_status (502, "3YOURMIND", NULL);
  g_assert_error (s502, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_SERVER);
  s404 = facet_provider_error_from_status (404, "3YOURMIND", "no such model");
  g_assert_error (s404, FACET_PROVIDER_ERROR, FACET_PROVIDER_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (s404->message, "404"));
  g_assert_nonnull (strstr (s404->message, "no such model"));
}

static void
test_account_model_id_cache (void)
{
  g_autoptr(FacetAccount) account = facet_account_new ("fixture", NULL);

  g_assert_null (facet_account_lookup_model_id (account, "design-1", 684, 1000));
  facet_account_remember_model_id (account, "design-1", 684, 1000, "vendor-42");
  g_assert_cmpstr (facet_account_lookup_model_id (account, "design-1", 684, 1000), ==, "vendor-42");
  /* The file changed: the vendor's copy is stale. */
  g_assert_null (facet_account_lookup_model_id (account, "design-1", 684, 1001));
  g_assert_null (facet_account_lookup_model_id (account, "design-1", 685, 1000));
  facet_account_remember_model_id (account, "design-1", 685, 1001, "vendor-43");
  g_assert_cmpstr (facet_account_lookup_model_id (account, "design-1", 685, 1001), ==, "vendor-43");
  g_assert_null (facet_account_lookup_model_id (account, "design-1", 684, 1000));
  facet_account_remember_model_id (account, "design-1", 0, 0, NULL);
  g_assert_null (facet_account_lookup_model_id (account, "design-1", 685, 1001));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/provider/loader/good-module-loads", test_loader_good_module_loads);
  g_test_add_func ("/provider/loader/bad-modules-reported-with-file", test_loader_bad_modules_reported);
  g_test_add_func ("/provider/loader/path-replaces-installed-dir", test_loader_path_replaces_installed_dir);
  g_test_add_func ("/provider/loader/default-is-shared", test_loader_default_is_shared);
  g_test_add_func ("/provider/wrappers/null-vfuncs-not-supported", test_wrappers_null_vfuncs_not_supported);
  g_test_add_func ("/provider/wrappers/never-upload-masks-upload", test_wrappers_never_upload_masks_upload);
  g_test_add_func ("/provider/wrappers/test-order-needs-capability-or-sandbox",
                   test_wrappers_test_order_needs_capability_or_sandbox);
  g_test_add_func ("/provider/wrappers/foreign-errors-converted", test_wrappers_convert_foreign_errors);
  g_test_add_func ("/provider/errors/code-strings", test_errors_code_strings);
  g_test_add_func ("/provider/errors/rate-limited-keeps-retry-time", test_errors_rate_limited_keeps_retry_time);
  g_test_add_func ("/provider/errors/foreign-converted-at-boundary", test_errors_foreign_converted_at_boundary);
  g_test_add_func ("/provider/account/model-id-cache", test_account_model_id_cache);

  return g_test_run ();
}
