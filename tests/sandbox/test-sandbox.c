/* test-sandbox.c: the sandbox framework over real HTTP
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "sandbox-test-util.h"

#define API_CODE "7f3c9e2a-1b4d-4c8e-9a6f-5d2e8b1c0a93"
#define TOOL_ID  "2054608d-b469-4cab-adeb-cf1c0569e7a1"
#define MATERIALS "/imaterialise/web-api/materials?user=developer@facet.test"

static guint
get_status (Fixture    *fx,
            const char *path,
            char      **body)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", path);
  g_autofree char *text = send_text (fx, msg);

  if (body != NULL)
    *body = g_steal_pointer (&text);
  return soup_message_get_status (msg);
}

/* A control call refused with @status and an {"error": …} body. */
static void
assert_control_error (Fixture    *fx,
                      const char *method,
                      const char *path,
                      const char *body,
                      guint       status)
{
  g_autoptr(JsonNode) node = call_json (fx, method, path, body, status);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "error"));
}

static void
test_accounts (Fixture *fx, gconstpointer data)
{
  g_autoptr(JsonNode) node = call_json (fx, "GET", "/_sandbox/accounts", NULL, 200);
  JsonArray *accounts = json_object_get_array_member (json_node_get_object (node), "accounts");
  g_autofree char *endpoint = g_strconcat (fx->base, "/imaterialise", NULL);
  gboolean sample = FALSE, test = FALSE;

  g_assert_cmpuint (json_array_get_length (accounts), >=, 2);
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      JsonObject *secrets = json_object_get_object_member (account, "secrets");

      g_assert_cmpstr (json_object_get_string_member (account, "provider"), ==, "imaterialise");
      g_assert_cmpstr (json_object_get_string_member (account, "endpoint"), ==, endpoint);
      g_assert_cmpuint (strlen (json_object_get_string_member (secrets, "api_code")), ==, 36);
      if (g_str_equal (json_object_get_string_member (secrets, "tool_id"), TOOL_ID))
        sample = !json_object_get_boolean_member (account, "test");
      test |= json_object_get_boolean_member (account, "test");
    }
  /* The documents' own sample tool ID, so their examples replay. */
  g_assert_true (sample);
  g_assert_true (test);
}

static void
test_unknown_path (Fixture *fx, gconstpointer data)
{
  assert_control_error (fx, "GET", "/_sandbox/nothing", NULL, 404);
  g_assert_cmpuint (get_status (fx, "/nothing/here", NULL), ==, 404);
  g_assert_cmpuint (get_status (fx, "/imaterialise/web-api/nothing", NULL), ==, 404);
  g_assert_cmpuint (get_status (fx, "/imaterialise/", NULL), ==, 404);
  g_assert_cmpuint (get_status (fx, "/shapeways/models/v1", NULL), ==, 404);
  /* A known path with the wrong method. */
  g_assert_cmpuint (get_status (fx, "/imaterialise/web-api/cartitems/register", NULL), ==, 405);
}

static void
test_clock (Fixture *fx, gconstpointer data)
{
  g_autoptr(JsonNode) before = call_json (fx, "GET", "/_sandbox/clock", NULL, 200);
  g_autoptr(JsonNode) after = call_json (fx, "POST", "/_sandbox/clock", "{\"advance_s\": 86400}", 200);
  g_autoptr(GDateTime) t0 = g_date_time_new_from_iso8601 (json_object_get_string_member (json_node_get_object (before), "now"), NULL);
  g_autoptr(GDateTime) t1 = g_date_time_new_from_iso8601 (json_object_get_string_member (json_node_get_object (after), "now"), NULL);
  g_autoptr(GDateTime) t2 = NULL;

  g_assert_cmpint (g_date_time_difference (t1, t0), ==, 86400 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "advanced_s"), ==, 86400);
  assert_control_error (fx, "POST", "/_sandbox/clock", "{\"advance_s\": \"soon\"}", 400);
  assert_control_error (fx, "POST", "/_sandbox/clock", "{\"advance_s\": -5}", 400);
  assert_control_error (fx, "POST", "/_sandbox/clock", "{\"advance_s\": 1e300}", 400);

  facet_sandbox_advance_clock (fx->sandbox, 3600);
  t2 = facet_sandbox_get_now (fx->sandbox);
  g_assert_cmpint (g_date_time_difference (t2, t1), ==, 3600 * G_TIME_SPAN_SECOND);
}

static void
post_fault (Fixture    *fx,
            const char *json)
{
  g_autoptr(JsonNode) node = call_json (fx, "POST", "/_sandbox/faults", json, 200);

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "id"), >, 0);
}

static void
test_fault_latency (Fixture *fx, gconstpointer data)
{
  gint64 start, elapsed;

  post_fault (fx, "{\"vendor\":\"imaterialise\",\"path\":\"/web-api/materials\",\"kind\":\"latency\",\"ms\":300,\"times\":1}");

  start = g_get_monotonic_time ();
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 200);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, >=, 300 * 1000);

  /* times = 1: the next request is answered at once. */
  start = g_get_monotonic_time ();
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 200);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (elapsed, <, 250 * 1000);
}

static void
test_fault_latency_keeps_serving (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupSession) other = new_session ();
  g_autoptr(SoupMessage) slow = new_message (fx, "GET", MATERIALS);
  SendData slow_data = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  gint64 start;

  /* A delayed reply must not block the server: other requests go on. */
  facet_sandbox_add_fault (fx->sandbox, "imaterialise", "/web-api/materials", FACET_SANDBOX_FAULT_LATENCY, 700, 0, 1);
  soup_session_send_and_read_async (other, slow, G_PRIORITY_DEFAULT, NULL, send_cb, &slow_data);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (get_status (fx, "/ecb/eurofxref-daily.xml", NULL), ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 600 * 1000);
  g_main_loop_run (slow_data.loop);
  g_assert_no_error (slow_data.error);
  g_assert_cmpuint (soup_message_get_status (slow), ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 650 * 1000);
  g_bytes_unref (slow_data.bytes);
  g_main_loop_unref (slow_data.loop);
}

static void
test_fault_status (Fixture *fx, gconstpointer data)
{
  post_fault (fx, "{\"vendor\":\"imaterialise\",\"path\":\"/web-api/\",\"kind\":\"status\",\"status\":503,\"times\":1}");
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 503);
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 200);
}

static void
test_fault_drop (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupSession) fresh = new_session ();
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", MATERIALS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  post_fault (fx, "{\"vendor\":\"imaterialise\",\"kind\":\"drop\"}");
  bytes = send_message (fresh, msg, &error);
  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_test_message ("dropped: %s", error->message);

  /* A fault without `times` stays until cleared. */
  g_clear_error (&error);
  g_clear_object (&msg);
  msg = new_message (fx, "GET", MATERIALS);
  g_assert_null (send_message (fresh, msg, &error));
  g_assert_nonnull (error);

  json_node_unref (call_json (fx, "DELETE", "/_sandbox/faults", NULL, 200));
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 200);
}

static void
test_fault_malformed (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", MATERIALS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  facet_sandbox_add_fault (fx->sandbox, "imaterialise", NULL, FACET_SANDBOX_FAULT_MALFORMED, 0, 0, 1);
  body = send_text (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (strlen (body), >, 10);
  g_assert_false (json_parser_load_from_data (parser, body, -1, NULL));

  /* The XML reply is broken as well. */
  {
    g_autofree char *xml = NULL;
    xmlDoc *doc;

    facet_sandbox_add_fault (fx->sandbox, "imaterialise", NULL, FACET_SANDBOX_FAULT_MALFORMED, 0, 0, 1);
    g_assert_cmpuint (get_status (fx, MATERIALS, &xml), ==, 200);
    doc = xmlReadMemory (xml, (int) strlen (xml), NULL, NULL, XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    g_assert_null (doc);
  }
}

static void
test_fault_rate_limit (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", MATERIALS);
  g_autofree char *body = NULL;

  post_fault (fx, "{\"vendor\":\"imaterialise\",\"kind\":\"rate_limit\",\"ms\":2500,\"times\":1}");
  body = send_text (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"), ==, "3");
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 200);

  /* The journal says which request met a fault. */
  {
    g_autoptr(JsonNode) journal = facet_sandbox_get_journal (fx->sandbox);
    JsonArray *entries = json_node_get_array (journal);
    JsonObject *faulted = json_array_get_object_element (entries, json_array_get_length (entries) - 2);
    JsonObject *normal = json_array_get_object_element (entries, json_array_get_length (entries) - 1);

    g_assert_cmpstr (json_object_get_string_member (faulted, "fault"), ==, "rate_limit");
    g_assert_cmpint (json_object_get_int_member (faulted, "status"), ==, 429);
    g_assert_false (json_object_has_member (normal, "fault"));
  }
}

static void
test_fault_times_and_prefix (Fixture *fx, gconstpointer data)
{
  g_autoptr(JsonNode) list = NULL;

  post_fault (fx, "{\"vendor\":\"imaterialise\",\"path\":\"/web-api/mat\",\"kind\":\"status\",\"status\":500,\"times\":2}");
  /* Another path of the vendor and another vendor's path are untouched. */
  g_assert_cmpuint (get_status (fx, "/imaterialise/web-api/order", NULL), ==, 401);
  g_assert_cmpuint (get_status (fx, "/ecb/eurofxref-daily.xml", NULL), ==, 200);
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 500);
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 500);
  g_assert_cmpuint (get_status (fx, MATERIALS, NULL), ==, 200);
  list = call_json (fx, "GET", "/_sandbox/faults", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 0);

  /* A full path works too, and faults reach the ECB feed. */
  post_fault (fx, "{\"path\":\"/ecb/\",\"kind\":\"status\",\"status\":502,\"times\":1}");
  g_assert_cmpuint (get_status (fx, "/ecb/eurofxref-daily.xml", NULL), ==, 502);
}

static void
test_fault_invalid (Fixture *fx, gconstpointer data)
{
  g_autoptr(JsonNode) left = NULL;

  assert_control_error (fx, "POST", "/_sandbox/faults", "{\"kind\":\"explode\"}", 400);
  assert_control_error (fx, "POST", "/_sandbox/faults", "{\"kind\":\"status\"}", 400);
  assert_control_error (fx, "POST", "/_sandbox/faults", "{\"kind\":\"drop\",\"vendor\":\"nobody\"}", 400);
  assert_control_error (fx, "POST", "/_sandbox/faults", "{\"kind\":\"latency\",\"ms\":-5}", 400);
  assert_control_error (fx, "POST", "/_sandbox/faults", "[1]", 400);
  left = call_json (fx, "GET", "/_sandbox/faults", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (left)), ==, 0);
}

static void
test_journal_redacts (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", "/imaterialise/web-api/order?number=IMC975578&toolID=" TOOL_ID);
  g_autoptr(SoupMessage) upload = new_message (fx, "POST", "/imaterialise/web-api/tool/" TOOL_ID "/model");
  g_autoptr(SoupMessage) other = new_message (fx, "POST", "/imaterialise/web-api/tool/00000000-1111-2222-3333-444444444444/model");
  g_autoptr(JsonNode) journal = NULL;
  g_autoptr(JsonNode) cleared = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lower = NULL;
  JsonObject *first;

  facet_sandbox_clear_journal (fx->sandbox);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "APICode", API_CODE);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Token abc");
  g_free (send_text (fx, msg));
  set_body (upload, "application/json", "{\"toolID\":\"" TOOL_ID "\"}");
  g_free (send_text (fx, upload));
  g_free (send_text (fx, other));

  journal = call_json (fx, "GET", "/_sandbox/journal", NULL, 200);
  text = json_to_string (journal, FALSE);
  lower = g_ascii_strdown (text, -1);
  g_test_message ("%s", text);
  g_assert_null (strstr (lower, API_CODE));
  g_assert_null (strstr (lower, TOOL_ID));
  g_assert_null (strstr (lower, "00000000-1111"));
  g_assert_null (strstr (lower, "token abc"));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (journal)), ==, 3);

  first = json_array_get_object_element (json_node_get_array (journal), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "method"), ==, "GET");
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, "/imaterialise/web-api/order");
  g_assert_cmpstr (json_object_get_string_member (first, "vendor"), ==, "imaterialise");
  g_assert_cmpstr (json_object_get_string_member (first, "query"), ==, "number=IMC975578&toolID=<redacted>");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "headers"), "apicode"), ==, "<redacted>");
  g_assert_cmpint (json_object_get_int_member (first, "status"), ==, 200);
  g_assert_true (json_object_has_member (first, "time"));
  first = json_array_get_object_element (json_node_get_array (journal), 1);
  g_assert_cmpstr (json_object_get_string_member (first, "path"), ==, "/imaterialise/web-api/tool/<redacted>/model");
  g_assert_cmpint (json_object_get_int_member (first, "body_size"), ==, strlen ("{\"toolID\":\"" TOOL_ID "\"}"));
  g_assert_cmpstr (json_object_get_string_member (first, "content_type"), ==, "application/json");

  /* In-process view, then clearing. */
  {
    g_autoptr(JsonNode) local = facet_sandbox_get_journal (fx->sandbox);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (local)), ==, 3);
  }
  cleared = call_json (fx, "DELETE", "/_sandbox/journal", NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (cleared)), ==, 0);
}

static void
test_ecb (Fixture *fx, gconstpointer data)
{
  g_autofree char *body = NULL;
  xmlDoc *doc;
  xmlXPathContext *xpath;
  xmlXPathObject *result;
  g_autoptr(GDateTime) now = facet_sandbox_get_now (fx->sandbox);
  g_autoptr(GDateTime) day = NULL;
  xmlChar *time;
  int year, month, mday;

  g_assert_cmpuint (get_status (fx, "/ecb/eurofxref-daily.xml", &body), ==, 200);
  doc = xmlReadMemory (body, (int) strlen (body), NULL, NULL, 0);
  g_assert_nonnull (doc);
  xpath = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (xpath, (const xmlChar *) "g", (const xmlChar *) "http://www.gesmes.org/xml/2002-08-01");
  xmlXPathRegisterNs (xpath, (const xmlChar *) "e", (const xmlChar *) "http://www.ecb.int/vocabulary/2002-08-01/eurofxref");

  result = xmlXPathEvalExpression ((const xmlChar *) "/g:Envelope/e:Cube/e:Cube/e:Cube", xpath);
  g_assert_cmpint (result->nodesetval->nodeNr, ==, 30);
  xmlXPathFreeObject (result);
  result = xmlXPathEvalExpression ((const xmlChar *) "string(/g:Envelope/e:Cube/e:Cube/e:Cube[@currency='USD']/@rate)", xpath);
  g_assert_cmpstr ((const char *) result->stringval, ==, "1.0812");
  xmlXPathFreeObject (result);
  result = xmlXPathEvalExpression ((const xmlChar *) "string(/g:Envelope/g:subject)", xpath);
  g_assert_cmpstr ((const char *) result->stringval, ==, "Reference rates");
  xmlXPathFreeObject (result);

  /* Dated by the sandbox clock: a working day, at most four days old. */
  result = xmlXPathEvalExpression ((const xmlChar *) "/g:Envelope/e:Cube/e:Cube", xpath);
  time = xmlGetProp (result->nodesetval->nodeTab[0], (const xmlChar *) "time");
  g_assert_cmpint (sscanf ((const char *) time, "%4d-%2d-%2d", &year, &month, &mday), ==, 3);
  day = g_date_time_new_utc (year, month, mday, 12, 0, 0);
  g_assert_cmpint (g_date_time_get_day_of_week (day), <=, 5);
  g_assert_cmpint (g_date_time_difference (now, day), <, 5 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (now, day), >, -G_TIME_SPAN_DAY);
  xmlFree (time);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (xpath);
  xmlFreeDoc (doc);

  /* A month later on the sandbox clock, a newer cube. */
  g_clear_pointer (&body, g_free);
  facet_sandbox_advance_clock (fx->sandbox, 30 * 86400);
  g_assert_cmpuint (get_status (fx, "/ecb/eurofxref-daily.xml", &body), ==, 200);
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (day, 20);
    g_autofree char *text = g_date_time_format (later, "%Y-%m-%d");
    const char *found = strstr (body, "time='");

    g_assert_nonnull (found);
    g_assert_cmpint (strncmp (found + 6, text, 10), >, 0);
  }
}

static void
test_advance_unknown (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  assert_control_error (fx, "POST", "/_sandbox/orders/imaterialise/IMC000000/advance", NULL, 404);
  assert_control_error (fx, "POST", "/_sandbox/orders/nobody/IMC975578/advance", NULL, 404);
  g_assert_null (facet_sandbox_advance_order (fx->sandbox, "imaterialise", "IMC000000", &error));
  g_assert_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_NOT_FOUND);
}

/* The program */

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
test_program (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = new_session ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, FACET_SANDBOX_PROGRAM, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  url = g_strconcat (line, "/_sandbox/accounts", NULL);
  msg = soup_message_new ("GET", url);
  bytes = send_message (session, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  node = parse_json (text);
  g_assert_nonnull (json_object_get_array_member (json_node_get_object (node), "accounts"));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_program_help (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, FACET_SANDBOX_PROGRAM, "--help", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "--port"));
  g_assert_nonnull (strstr (out, "first line"));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sandbox/accounts/lists-documented-and-test-credentials", test_accounts);
  ADD ("/sandbox/paths/unknown-is-404", test_unknown_path);
  ADD ("/sandbox/clock/advance-moves-sandbox-time", test_clock);
  ADD ("/sandbox/faults/latency-delays-the-reply", test_fault_latency);
  ADD ("/sandbox/faults/latency-does-not-block-other-requests", test_fault_latency_keeps_serving);
  ADD ("/sandbox/faults/status-answers-that-status", test_fault_status);
  ADD ("/sandbox/faults/drop-gives-a-connection-error", test_fault_drop);
  ADD ("/sandbox/faults/malformed-body-does-not-parse", test_fault_malformed);
  ADD ("/sandbox/faults/rate-limit-429-with-retry-after", test_fault_rate_limit);
  ADD ("/sandbox/faults/times-and-path-prefix-honoured", test_fault_times_and_prefix);
  ADD ("/sandbox/faults/invalid-fault-refused", test_fault_invalid);
  ADD ("/sandbox/journal/records-requests-with-secrets-redacted", test_journal_redacts);
  ADD ("/sandbox/ecb/feed-has-the-ecb-format-and-sandbox-date", test_ecb);
  ADD ("/sandbox/orders/advance-unknown-is-404", test_advance_unknown);
#undef ADD
  g_test_add_func ("/sandbox/program/prints-url-first-and-serves", test_program);
  g_test_add_func ("/sandbox/program/help-describes-it", test_program_help);

  return g_test_run ();
}
