/* test-sandbox-imaterialise.c: the sandbox's i.materialise over real HTTP
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "sandbox-test-util.h"

#define API_CODE      "7f3c9e2a-1b4d-4c8e-9a6f-5d2e8b1c0a93"
#define TOOL_ID       "2054608d-b469-4cab-adeb-cf1c0569e7a1"
#define TEST_API_CODE "c41e9a7b-3d2f-4e8a-b5c6-9f0d1e2a3b47"
#define TEST_TOOL_ID  "5b2f8c1d-7e4a-4d3b-8c9f-1a6e2d4b7c05"
#define POLYAMIDE     "035f4772-da8a-400b-8be4-2dd344b28ddb"
#define NATURAL_WHITE "bba2bebb-8895-4049-aeb0-ab651cee2597"
#define SEEDED_CUBE   "06515f8e-5d08-4fcb-912a-b87380d69927"

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "sandbox", "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

typedef struct
{
  const char *name;
  const char *filename;
  GBytes     *bytes;
} FilePart;

/* POST a multipart body: the document in part "data", then the files. */
static SoupMessage *
multipart_message (Fixture        *fx,
                   const char     *path,
                   const char     *document,
                   const char     *document_type,
                   const FilePart *files,
                   guint           n_files)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autofree char *url = g_strconcat (fx->base, path, NULL);
  SoupMessage *msg;

  if (document != NULL)
    {
      g_autoptr(GBytes) doc = g_bytes_new (document, strlen (document));
      soup_multipart_append_form_file (multipart, "data", NULL, document_type, doc);
    }
  for (guint i = 0; i < n_files; i++)
    soup_multipart_append_form_file (multipart, files[i].name, files[i].filename,
                                     "application/octet-stream", files[i].bytes);
  msg = soup_message_new_from_multipart (url, multipart);
  return msg;
}

static JsonObject *
reply_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static void
accept_json (SoupMessage *msg,
             const char  *api_code)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Accept", "application/json");
  if (api_code != NULL)
    soup_message_headers_replace (headers, "APICode", api_code);
}

static JsonNode *
send_json (Fixture     *fx,
           SoupMessage *msg)
{
  g_autofree char *text = send_text (fx, msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return parse_json (text);
}

static GBytes *
cube_bytes (double size)
{
  char *stl = box_stl (size, size, size, FALSE);

  return g_bytes_new_take (stl, strlen (stl));
}

/* A cart item request with one item: the document's fields with @extra
 * (more "key":"value" pairs) overriding them. */
static char *
item_document (const char *fields)
{
  return g_strdup_printf ("{\"currency\":\"EUR\",\"cartItems\":[{%s}]}", fields);
}

#define BASE_ITEM(tool, material, finish, size) \
  "\"toolID\":\"" tool "\",\"myCartItemReference\":\"ref\",\"modelFileName\":\"part.stl\"," \
  "\"fileUnits\":\"mm\",\"fileScaleFactor\":\"1\",\"materialID\":\"" material "\",\"finishID\":\"" finish "\"," \
  "\"quantity\":\"1\",\"xDimMm\":\"1\",\"yDimMm\":\"1\",\"zDimMm\":\"1\",\"volumeCm3\":\"1\",\"surfaceCm2\":\"1\"," \
  "\"iMatAPIPrice\":\"0\",\"mySalesPrice\":\"0\""

/* Cart Item Creation: the documented examples */

static void
test_json_example_trailing_comma (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = fixture_text ("cart-item-request.json");
  g_autoptr(GBytes) cube = cube_bytes (10);
  FilePart files[] = { { "Box.stl", "Box.stl", cube } };
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;

  accept_json (msg, NULL);
  node = send_json (fx, msg);
  /* The document's example has a trailing comma: a strict parser refuses it. */
  error = json_object_get_object_member (reply_object (node), "error");
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, 401);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Wrong request body. Check if all parameters set correctly");
}

static void
test_json_example_fixed (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = fixture_text ("cart-item-request.json");
  g_autoptr(GBytes) cube = cube_bytes (10);
  FilePart files[] = { { "file", "Box.stl", cube } };
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) now = facet_sandbox_get_now (fx->sandbox);
  g_autoptr(GDateTime) valid = NULL;
  char *comma = strstr (doc, "\"0\",\n}");
  JsonObject *item;

  g_assert_nonnull (comma);
  comma[3] = ' ';
  msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
  accept_json (msg, NULL);
  node = send_json (fx, msg);

  g_assert_cmpstr (json_object_get_string_member (reply_object (node), "currency"), ==, "EUR");
  g_assert_false (json_object_has_member (reply_object (node), "error"));
  item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
  g_assert_false (json_object_has_member (item, "cartItemError"));
  g_assert_cmpstr (json_object_get_string_member (item, "myCartItemReference"), ==, "some reference");
  g_assert_cmpuint (strlen (json_object_get_string_member (item, "cartItemID")), ==, 36);
  g_assert_cmpuint (strlen (json_object_get_string_member (item, "modelID")), ==, 36);
  g_assert_cmpstr (json_object_get_string_member (item, "toolID"), ==, TOOL_ID);
  g_assert_cmpstr (json_object_get_string_member (item, "modelFileName"), ==, "Box.stl");
  g_assert_cmpstr (json_object_get_string_member (item, "uploadStatus"), ==, "Succeeded");
  g_assert_cmpstr (json_object_get_string_member (item, "materialName"), ==, "Polyamide");
  g_assert_cmpstr (json_object_get_string_member (item, "finishName"), ==, "Natural white");
  g_assert_cmpint (json_object_get_int_member (item, "quantity"), ==, 1);
  /* Calculated from the real geometry, not the dummy 1s. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "xDimMm"), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "volumeCm3"), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "surfaceCm2"), 6, 1e-9);
  /* Both prices were 0, so both become iMatPrice. */
  g_assert_cmpfloat (json_object_get_double_member (item, "iMatPrice"), ==, 15.0);
  g_assert_cmpfloat (json_object_get_double_member (item, "iMatAPIPrice"), ==, 15.0);
  g_assert_cmpfloat (json_object_get_double_member (item, "mySalesPrice"), ==, 15.0);
  g_assert_cmpfloat (json_object_get_double_member (item, "mySalesUnitPrice"), ==, 15.0);
  valid = g_date_time_new_from_iso8601 (json_object_get_string_member (item, "validUntil"), NULL);
  g_assert_nonnull (valid);
  g_assert_cmpint (g_date_time_difference (valid, now), >=, 15 * G_TIME_SPAN_DAY);
  g_assert_cmpint (g_date_time_difference (valid, now), <=, 16 * G_TIME_SPAN_DAY);
}

static char *
xpath_string (xmlDoc     *doc,
              const char *expression)
{
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result = xmlXPathEvalExpression ((const xmlChar *) expression, context);
  char *text = g_strdup ((const char *) result->stringval);

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return text;
}

static void
test_xml_example (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc_text = fixture_text ("cart-item-request.xml");
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc_text, "text/xml", NULL, 0);
  g_autofree char *body = send_text (fx, msg);
  xmlDoc *doc;
  g_autofree char *model = NULL, *price = NULL, *reference = NULL, *error = NULL, *status = NULL;

  /* No Accept header: XML, the documented default. */
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL), "text/xml"));
  doc = xmlReadMemory (body, (int) strlen (body), NULL, NULL, 0);
  g_assert_nonnull (doc);
  model = xpath_string (doc, "string(/response/cartItems/cartItem/modelID)");
  price = xpath_string (doc, "string(/response/cartItems/cartItem/iMatPrice)");
  reference = xpath_string (doc, "string(/response/cartItems/cartItem/myCartItemReference)");
  error = xpath_string (doc, "string(/response/error/code)");
  status = xpath_string (doc, "string(/response/cartItems/cartItem/uploadStatus)");
  g_assert_cmpstr (model, ==, SEEDED_CUBE);
  g_assert_cmpstr (price, ==, "15");
  g_assert_cmpstr (reference, ==, "some reference");
  g_assert_cmpstr (error, ==, "");
  g_assert_cmpstr (status, ==, "Succeeded");
  xmlFreeDoc (doc);
}

/* Cart Item Creation: every documented error */

typedef struct
{
  int         code;
  const char *fields;        /* the item, or NULL for a whole-document case */
  const char *document;      /* a whole document when fields is NULL */
  const char *file_name;     /* the file part to send, NULL = part.stl */
  double      size[3];       /* the box sent (0 = 10 mm cube) */
  gboolean    open;
  const char *message;       /* the seed's message, when it has no placeholder */
} ErrorCase;

#define PA_NW POLYAMIDE, NATURAL_WHITE
#define OTHER_ITEM(tool) BASE_ITEM (tool, POLYAMIDE, NATURAL_WHITE, 10)

static const ErrorCase error_cases[] = {
  { 101, "\"toolID\":\"not-a-guid\"", NULL, NULL, { 0 }, FALSE,
    "Wrong ToolID has been applied. To verify your ToolID, you should contact us at developers@i.materialise.com." },
  { 101, "\"toolID\":\"11111111-2222-3333-4444-555555555555\"", NULL, NULL, { 0 }, FALSE, NULL },
  { 102, "\"myCartItemReference\":\"\"", NULL, NULL, { 0 }, FALSE, "ModelReference cannot be empty or more than 100 symbols." },
  { 103, "\"fileUnits\":\"cm\"", NULL, NULL, { 0 }, FALSE, "This FileUnits value is not supported, please specify mm or inch." },
  { 104, "\"fileScaleFactor\":\"-1\"", NULL, NULL, { 0 }, FALSE, "FileScaleFactor is wrong." },
  { 105, "\"materialID\":\"00000000-0000-0000-0000-000000000000\"", NULL, NULL, { 0 }, FALSE,
    "An unknown ID for the Material has been requested; please check the ID’s in the materials Catalog API." },
  { 106, "\"finishID\":\"bad\"", NULL, NULL, { 0 }, FALSE,
    "An unknown ID for the color/finish has been requested; please check the ID’s in the materials catalog API." },
  { 107, "\"quantity\":\"1.5\"", NULL, NULL, { 0 }, FALSE, "Quantity is wrong, please use only positive integers." },
  { 108, "\"xDimMm\":\"0\"", NULL, NULL, { 0 }, FALSE, "XDimMm is wrong, please use only positive decimal." },
  { 109, "\"yDimMm\":\"abc\"", NULL, NULL, { 0 }, FALSE, "YDimMm is wrong, please use only positive decimal." },
  { 110, "\"zDimMm\":-3", NULL, NULL, { 0 }, FALSE, "ZDimMm is wrong, please use only positive decimal." },
  { 111, "\"volumeCm3\":\"0\"", NULL, NULL, { 0 }, FALSE, "VolumeCm3 is wrong, please use only positive decimal." },
  { 112, "\"surfaceCm2\":\"-1\"", NULL, NULL, { 0 }, FALSE, "SurfaceCm2 is wrong, please use only positive decimal." },
  { 113, "\"iMatAPIPrice\":\"-1\"", NULL, NULL, { 0 }, FALSE, "IMatPrice is wrong, please use only positive decimals." },
  { 114, "\"mySalesPrice\":\"x\"", NULL, NULL, { 0 }, FALSE, "SalesPrice is wrong, please use only positive decimal." },
  { 115, "\"modelFileName\":\"\",\"modelID\":\"\"", NULL, NULL, { 0 }, FALSE,
    "Please, send ModelId of previously uploaded model or new ModelFileName." },
  { 116, "\"modelID\":\"" SEEDED_CUBE "\"", NULL, NULL, { 0 }, FALSE,
    "Please, send or ModelId of previously uploaded model or new ModelFile, but not both." },
  { 117, "\"modelFileName\":\"\",\"modelID\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\"", NULL, NULL, { 0 }, FALSE,
    "Model with ID aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee is not found." },
  { 118, "\"modelFileName\":\"missing.stl\"", NULL, NULL, { 0 }, FALSE, "File missing.stl is not provided." },
  { 120, "\"finishID\":\"8e4c1a9f-3b7d-4e25-a6c8-1d9f5b3e7a02\"", NULL, NULL, { 0 }, FALSE,
    "Wrong combination of MaterialID and FinishingID" },
  { 121, "\"toolID\":\"9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a\"", NULL, NULL, { 0 }, FALSE, "Specified toolID is no more active." },
  { 122, "\"toolID\":\"" TEST_TOOL_ID "\",\"modelFileName\":\"\",\"modelID\":\"" SEEDED_CUBE "\"", NULL, NULL, { 0 }, FALSE,
    "Specified ModelID was created with another ToolID." },
  { 123, "\"modelFileName\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.stl\"",
    NULL, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.stl",
    { 0 }, FALSE, "Model file name is too long. It should not exceed 120 characters." },
  { 124, "\"finishID\":\"d5e8a4c2-6b1f-4d93-8a7e-0c2b5f9e1d36\"", NULL, NULL, { 0 }, FALSE,
    "The requested Material/Finish is no longer offered in the material catalog" },
  { 200, "\"materialID\":\"b8d2a6f4-7c1e-4e39-9b5d-3a0f8c2e6d71\",\"finishID\":\"4c6e2a8b-1d5f-4f73-b0e9-7a3c5d1e9b26\"",
    NULL, NULL, { 0 }, FALSE, "We don’t offer an online price for this material/finish through the API." },
  { 201, "\"finishID\":\"3f9a6d21-8c4e-4b7f-a1d5-2e6c8b0f4a73\"", NULL, NULL, { 250, 50, 50 }, FALSE, NULL },
  { 202, "\"finishID\":\"e71b3c58-2a9d-4f06-b8e4-5c1d7a9f3b20\"", NULL, NULL, { 400, 100, 100 }, FALSE, NULL },
  { 203, "\"quantity\":1", NULL, NULL, { 700, 10, 10 }, FALSE, NULL },
  { 204, "\"materialID\":\"3d7b1f5a-9e2c-4c68-b4a0-8f1e6d2c5b97\",\"finishID\":\"f1e5b9d3-6a2c-4e87-9b0d-3c7f1a5e8b42\"",
    NULL, NULL, { 200, 200, 200 }, FALSE,
    "The price for this model is too high, so we are unable to offer an online price. Please request an offline price at our site." },
  { 205, "\"materialID\":\"8a4d0f6b-3e2c-4a95-b7d1-9c5e2a8f4b63\",\"finishID\":\"2f6c8a4e-9b1d-4e73-8a5f-0d3b7e1c9a46\"",
    NULL, NULL, { 250, 250, 200 }, FALSE, NULL },
  { 206, "\"materialID\":\"8a4d0f6b-3e2c-4a95-b7d1-9c5e2a8f4b63\",\"finishID\":\"2f6c8a4e-9b1d-4e73-8a5f-0d3b7e1c9a46\"",
    NULL, NULL, { 20, 20, 20 }, FALSE, NULL },
  { 207, "\"materialID\":\"8a4d0f6b-3e2c-4a95-b7d1-9c5e2a8f4b63\",\"finishID\":\"2f6c8a4e-9b1d-4e73-8a5f-0d3b7e1c9a46\"",
    NULL, NULL, { 350, 100, 100 }, FALSE, NULL },
  { 208, "\"materialID\":\"8a4d0f6b-3e2c-4a95-b7d1-9c5e2a8f4b63\",\"finishID\":\"2f6c8a4e-9b1d-4e73-8a5f-0d3b7e1c9a46\"",
    NULL, NULL, { 100, 100, 2 }, FALSE, NULL },
  { 209, "\"iMatAPIPrice\":\"20\",\"mySalesPrice\":\"16\"", NULL, NULL, { 0 }, FALSE, "SalesPrice cannot be less than IMatPrice." },
  { 210, "\"iMatAPIPrice\":\"30\"", NULL, NULL, { 0 }, FALSE,
    "Calculated IMatPrice for the current CartItem is 15.00 EUR. It’s very different from the value you sent. Please verify your price with our pricing API." },
  { 211, "\"mySalesPrice\":\"10\"", NULL, NULL, { 0 }, FALSE,
    "Calculated IMatPrice for the current CartItem is 15.00 EUR. SalesPrice cannot be less than recalculated IMatPrice. Please verify your price with our pricing API." },
  { 212, "\"materialID\":\"e3b7f1d9-5a2c-4c4e-8f06-1d9b3a7e5c82\",\"finishID\":\"6f0a4d8c-2e7b-4b15-a9c3-4e8d1f6b2a90\"",
    NULL, NULL, { 50, 50, 50 }, FALSE, NULL },
  { 302, "\"modelFileName\":\"part.obj\"", NULL, "part.obj", { 0 }, FALSE, "We don’t support obj files." },
  { 303, "\"quantity\":1", NULL, NULL, { 0 }, TRUE, "We cannot process this model. Check if model is correct." },
  { 3061, "\"xDimMm\":\"20\"", NULL, NULL, { 0 }, FALSE,
    "Calculated XDimMm for the current CartItem is 10 mm. It’s very different from the value you sent. Please verify your model parameters." },
  { 3062, "\"yDimMm\":\"5\"", NULL, NULL, { 0 }, FALSE, NULL },
  { 3063, "\"zDimMm\":\"12\"", NULL, NULL, { 0 }, FALSE, NULL },
  { 307, "\"volumeCm3\":\"2\"", NULL, NULL, { 0 }, FALSE,
    "Calculated VolumeCm3 for the current CartItem is 1 cm³. It’s very different from the value you sent. Please verify your model parameters." },
  { 308, "\"surfaceCm2\":\"12\"", NULL, NULL, { 0 }, FALSE, NULL },
  { 1, "\"fileScaleFactor\":\"1e300\"", NULL, NULL, { 0 }, FALSE, "Unknown error" },
};

static void
test_every_item_error (Fixture *fx, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autofree char *fields = g_strconcat (BASE_ITEM (TOOL_ID, POLYAMIDE, NATURAL_WHITE, 10), ",", c->fields, NULL);
      g_autofree char *doc = item_document (fields);
      g_autofree char *stl = box_stl (c->size[0] > 0 ? c->size[0] : 10, c->size[0] > 0 ? c->size[1] : 10,
                                      c->size[0] > 0 ? c->size[2] : 10, c->open);
      g_autoptr(GBytes) bytes = g_bytes_new (stl, strlen (stl));
      FilePart files[] = { { "file", c->file_name != NULL ? c->file_name : "part.stl", bytes } };
      g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *item, *error;

      g_test_message ("case %d: %s", c->code, c->fields);
      accept_json (msg, NULL);
      node = send_json (fx, msg);
      error = json_object_get_object_member (reply_object (node), "error");
      g_assert_cmpint (json_object_get_int_member (error, "code"), ==, 404);
      g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "At least one of item in the request contains an error.");
      item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
      error = json_object_get_object_member (item, "cartItemError");
      g_assert_nonnull (error);
      g_test_message ("-> %s", json_object_get_string_member (error, "message"));
      g_assert_cmpint (json_object_get_int_member (error, "code"), ==, c->code);
      if (c->message != NULL)
        g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, c->message);
      g_assert_false (json_object_has_member (item, "cartItemID"));
      g_assert_cmpstr (json_object_get_string_member (item, "myCartItemReference"), ==,
                       c->code == 102 ? "" : "ref");
    }
}

static void
test_open_model_still_needs_fixing (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = item_document (BASE_ITEM (TOOL_ID, POLYAMIDE, NATURAL_WHITE, 10));
  g_autofree char *stl = box_stl (10, 20, 30, TRUE);
  g_autoptr(GBytes) bytes = g_bytes_new (stl, strlen (stl));
  FilePart files[] = { { "file", "part.stl", bytes } };
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *item;

  accept_json (msg, NULL);
  node = send_json (fx, msg);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
  /* As in the seed's error example: the model ID, the measured figures,
   * StillNeedsFixing, no cart item ID, prices echoed. */
  g_assert_cmpstr (json_object_get_string_member (item, "uploadStatus"), ==, "StillNeedsFixing");
  g_assert_cmpuint (strlen (json_object_get_string_member (item, "modelID")), ==, 36);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "zDimMm"), 30, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (item, "iMatAPIPrice"), ==, 0);
  g_assert_false (json_object_has_member (item, "iMatPrice"));
}

static void
test_flipped_facet_needed_fixing (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = item_document (BASE_ITEM (TOOL_ID, POLYAMIDE, NATURAL_WHITE, 10));
  g_autofree char *stl = box_stl (10, 10, 10, FALSE);
  char *second = strstr (strstr (stl, "vertex ") + 1, "vertex ");
  char *third = strstr (second + 1, "vertex ");
  char *end = strstr (third, "\nendloop");
  g_autofree char *b = g_strndup (second, (gsize) (third - second));
  g_autofree char *c = g_strndup (third, (gsize) (end - third));
  g_autoptr(GString) flipped = g_string_new_len (stl, second - stl);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *item;

  /* Swap two vertices of the first facet: one facet faces inwards. */
  g_string_append_printf (flipped, "%s\n%s%s", c, g_strchomp (b), end);
  bytes = g_bytes_new (flipped->str, flipped->len);
  {
    FilePart files[] = { { "file", "part.stl", bytes } };
    msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
  }
  accept_json (msg, NULL);
  node = send_json (fx, msg);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
  /* Repaired: a success with its own status. */
  g_assert_false (json_object_has_member (item, "cartItemError"));
  g_assert_cmpstr (json_object_get_string_member (item, "uploadStatus"), ==, "NeededFixing");
  g_assert_true (json_object_has_member (item, "cartItemID"));
}

static void
test_pricing_xml (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "POST", "/imaterialise/web-api/pricing");
  g_autofree char *body = NULL;
  g_autofree char *price = NULL, *name = NULL, *service = NULL;
  xmlDoc *doc;

  set_body (msg, "text/xml",
            "<request><models><model><toolID>" TOOL_ID "</toolID><modelReference>m</modelReference>"
            "<materialID>" POLYAMIDE "</materialID><finishID>" NATURAL_WHITE "</finishID><quantity>1</quantity>"
            "<xDimMm>10</xDimMm><yDimMm>10</yDimMm><zDimMm>10</zDimMm><volumeCm3>1</volumeCm3>"
            "<surfaceCm2>6</surfaceCm2></model></models><shipmentInfo><countryCode>US</countryCode></shipmentInfo>"
            "<currency>JPY</currency></request>");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "ApiCode", API_CODE);
  body = send_text (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  doc = xmlReadMemory (body, (int) strlen (body), NULL, NULL, 0);
  g_assert_nonnull (doc);
  price = xpath_string (doc, "string(/response/models/model/totalPrice)");
  name = xpath_string (doc, "string(/response/models/model/materialName)");
  service = xpath_string (doc, "string(/response/shipmentCost/services/service[name='Standard']/value)");
  /* 15 EUR at 166.53 JPY, whole yen; US standard shipment 14.95 EUR. */
  g_assert_cmpstr (price, ==, "2498");
  g_assert_cmpstr (name, ==, "Polyamide");
  g_assert_cmpstr (service, ==, "2490");
  xmlFreeDoc (doc);
}

static void
test_file_too_large (Fixture *fx, gconstpointer data)
{
  g_autofree char *doc = item_document (BASE_ITEM (TOOL_ID, POLYAMIDE, NATURAL_WHITE, 10));
  gsize size = 20480 * 1024 + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
  FilePart files[] = { { "file", "part.stl", bytes } };
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *item, *error;

  accept_json (msg, NULL);
  node = send_json (fx, msg);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
  error = json_object_get_object_member (item, "cartItemError");
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, 304);
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "We do not process models over 20480 Kb.");
}

static int
request_error_code (Fixture    *fx,
                    const char *doc)
{
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", NULL, 0);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;

  accept_json (msg, NULL);
  node = send_json (fx, msg);
  error = json_object_get_object_member (reply_object (node), "error");
  return error != NULL ? (int) json_object_get_int_member (error, "code") : 0;
}

static void
test_request_errors (Fixture *fx, gconstpointer data)
{
  g_autoptr(GString) six = g_string_new ("{\"currency\":\"EUR\",\"cartItems\":[");
  g_autoptr(GString) five = NULL;
  const char *one = "{" BASE_ITEM (TOOL_ID, POLYAMIDE, NATURAL_WHITE, 10) ",\"modelFileName\":\"\",\"modelID\":\"" SEEDED_CUBE "\"}";
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpint (request_error_code (fx, "{\"currency\":\"EUR\",\"cartItems\":[{]}"), ==, 401);
  g_assert_cmpint (request_error_code (fx, "{\"currency\":\"EUR\"}"), ==, 401);
  g_assert_cmpint (request_error_code (fx, "{\"currency\":\"CHF\",\"cartItems\":[{}]}"), ==, 402);

  for (int i = 0; i < 6; i++)
    g_string_append_printf (six, "%s%s", i > 0 ? "," : "", one);
  g_string_append (six, "]}");
  g_assert_cmpint (request_error_code (fx, six->str), ==, 403);

  /* Five items are allowed: five cart items. */
  five = g_string_new ("{\"currency\":\"EUR\",\"cartItems\":[");
  for (int i = 0; i < 5; i++)
    g_string_append_printf (five, "%s%s", i > 0 ? "," : "", one);
  g_string_append (five, "]}");
  msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", five->str, "application/json", NULL, 0);
  accept_json (msg, NULL);
  node = send_json (fx, msg);
  g_assert_false (json_object_has_member (reply_object (node), "error"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply_object (node), "cartItems")), ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_true (json_object_has_member (json_array_get_object_element (
        json_object_get_array_member (reply_object (node), "cartItems"), i), "cartItemID"));

  /* The 403 message is the seed's, with N = 5. */
  {
    g_autoptr(SoupMessage) m = multipart_message (fx, "/imaterialise/web-api/cartitems/register", six->str, "application/json", NULL, 0);
    g_autoptr(JsonNode) n = NULL;

    accept_json (m, NULL);
    n = send_json (fx, m);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply_object (n), "error"), "message"), ==,
                     "You can’t create more than 5 CartItems in a single request.");
  }
}

static void
test_keys_case_and_numbers (Fixture *fx, gconstpointer data)
{
  /* Keys in another case, numbers as JSON numbers, a plain JSON body. */
  const char *doc = "{\"CURRENCY\":\"USD\",\"cartitems\":[{\"toolid\":\"" TOOL_ID "\",\"mycartitemreference\":\"r\","
                    "\"modelid\":\"" SEEDED_CUBE "\",\"filescalefactor\":2,\"materialid\":\"" POLYAMIDE "\","
                    "\"finishid\":\"" NATURAL_WHITE "\",\"quantity\":10,\"xdimmm\":20,\"ydimmm\":20,\"zdimmm\":20,"
                    "\"volumecm3\":8,\"surfacecm2\":24,\"imatapiprice\":0,\"mysalesprice\":0}]}";
  g_autoptr(SoupMessage) msg = new_message (fx, "POST", "/imaterialise/web-api/cartitems/register");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *item;
  double expected;

  set_body (msg, "application/json", doc);
  accept_json (msg, NULL);
  node = send_json (fx, msg);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
  g_assert_false (json_object_has_member (item, "cartItemError"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "volumeCm3"), 8, 1e-9);
  /* 5 + 10 × (8 × 4 + 24 × 1) × 0.9 EUR, in USD at the sandbox ECB rate. */
  expected = round ((5 + 10 * (8 * 4.0 + 24 * 1.0) * 0.9) * 1.0812 * 100) / 100;
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "iMatPrice"), expected, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "mySalesUnitPrice"), round (expected * 10) / 100, 1e-9);
}

/* Order Status */

static JsonNode *
order_status (Fixture    *fx,
              const char *query,
              const char *api_code)
{
  g_autofree char *path = g_strconcat ("/imaterialise/web-api/order?", query, NULL);
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", path);

  accept_json (msg, api_code);
  return send_json (fx, msg);
}

static void
test_api_code_required (Fixture *fx, gconstpointer data)
{
  const char *paths[] = { "/imaterialise/web-api/order?number=IMC975578", "/imaterialise/web-api/pricing",
                          "/imaterialise/web-api/cart/post", "/imaterialise/web-api/order/post",
                          "/imaterialise/web-api/order/CancelOrderByNumber", "/imaterialise/web-api/pricing/model" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (int wrong = 0; wrong < 2; wrong++)
      {
        g_autoptr(SoupMessage) msg = new_message (fx, i == 0 ? "GET" : "POST", paths[i]);
        g_autofree char *body = NULL;

        if (i > 0)
          set_body (msg, "application/json", "{}");
        accept_json (msg, wrong ? "00000000-0000-0000-0000-000000000000" : NULL);
        body = send_text (fx, msg);
        g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
        g_assert_cmpstr (body, ==, "");
      }
}

static void
test_order_status_examples (Fixture *fx, gconstpointer data)
{
  g_autofree char *q1 = g_strstrip (fixture_text ("order-status-request-1.txt"));
  g_autofree char *q2 = g_strstrip (fixture_text ("order-status-request-2.txt"));
  g_autoptr(JsonNode) one = order_status (fx, q1, API_CODE);
  g_autoptr(JsonNode) two = order_status (fx, q2, API_CODE);
  JsonArray *orders = json_object_get_array_member (reply_object (one), "orders");
  JsonObject *order = json_array_get_object_element (orders, 0);
  static const char *always[] = { "orderID", "orderNumber", "orderconfirmationLink", "statusCode", "statusName",
                                  "isOnHold", "requestedDate", "shipmentService", "currency", "totalPrice",
                                  "shippingInfo", "billingInfo", "orderItems" };

  g_assert_cmpuint (json_array_get_length (orders), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    g_assert_true (json_object_has_member (order, always[i]));
  g_assert_cmpstr (json_object_get_string_member (order, "orderID"), ==, "35b037c5-b3b7-4eee-b542-5657cc6bdfde");
  g_assert_cmpint (json_object_get_int_member (order, "statusCode"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Shipped");
  g_assert_true (json_object_has_member (order, "trackingNumber"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (order, "invoiceNumber"), "IMA"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (order, "billingInfo"), "vatNumber"), ==, "BE0999999922");

  /* Example 2: statuses 0, 2, 3, 5, 6 in November 2014. */
  orders = json_object_get_array_member (reply_object (two), "orders");
  g_assert_cmpuint (json_array_get_length (orders), ==, 3);
  order = json_array_get_object_element (orders, 1);
  g_assert_cmpstr (json_object_get_string_member (order, "orderNumber"), ==, "IMC975578");
  g_assert_cmpstr (json_object_get_string_member (order, "requestedDate"), ==, "2014-11-17T11:04:49.61");
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Processing");
  g_assert_cmpfloat (json_object_get_double_member (order, "totalPrice"), ==, 24.78);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (order, "orderItems"), 0), "quantity"), ==, 2);

  /* Orders belong to their API code. */
  {
    g_autoptr(JsonNode) other = order_status (fx, q2, TEST_API_CODE);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (reply_object (other), "requestError"), "code"), ==, 108);
  }
}

static void
assert_request_error (JsonNode   *node,
                      int         code,
                      const char *message)
{
  JsonObject *error = json_object_get_object_member (reply_object (node), "requestError");

  g_assert_nonnull (error);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, code);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, message);
}

static void
test_order_status_errors (Fixture *fx, gconstpointer data)
{
  g_autoptr(JsonNode) e103 = order_status (fx, "status=9", API_CODE);
  g_autoptr(JsonNode) e106 = order_status (fx, "dateFrom=30-11-2014&dateTo=01-11-2014", API_CODE);
  g_autoptr(JsonNode) e108 = order_status (fx, "dateFrom=01-01-2000&dateTo=31-12-2000", API_CODE);
  g_autoptr(JsonNode) w109 = order_status (fx, "number=IMC975578&languageCode=XX", API_CODE);
  g_autoptr(JsonNode) e1 = order_status (fx, "id=35b037c5-b3b7-4eee-b542-5657cc6bdfde&number=IMC975578", API_CODE);
  g_autoptr(JsonNode) bad_date = order_status (fx, "dateFrom=2014-11-01", API_CODE);
  g_autoptr(JsonNode) missing = order_status (fx, "number=IMC000001", API_CODE);
  JsonObject *order;

  assert_request_error (e103, 103, "An unknown StatusCode has been requested; please make sure you request only following status codes: 0 (Cancelled), 1 (Invalid), 2 (Ordered), 3 (Processing), 4 (InProduction), 5 (ReadyToShip), 6 (Shipped), 7 (Delivered).");
  assert_request_error (e106, 106, "Date range is wrong; please make sure DateFrom is older than DateTo.");
  assert_request_error (e108, 108, "No results found matching the requested parameters, please try other parameters.");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply_object (e108), "orders")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (reply_object (w109), "requestWarning"), "code"), ==, 109);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply_object (w109), "orders")), ==, 1);
  assert_request_error (e1, 1, "Unknown error");
  assert_request_error (bad_date, 1, "Unknown error");
  order = json_array_get_object_element (json_object_get_array_member (reply_object (missing), "orders"), 0);
  g_assert_cmpstr (json_object_get_string_member (order, "orderNumber"), ==, "IMC000001");
  g_assert_nonnull (json_object_get_object_member (order, "orderError"));
}

static void
test_order_status_xml (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "POST", "/imaterialise/web-api/order?number=IMC975582");
  g_autofree char *body = NULL;
  g_autofree char *number = NULL, *code = NULL, *item = NULL;
  xmlDoc *doc;

  /* POST as the seed says; no Accept: XML. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "apiCode", API_CODE);
  body = send_text (fx, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  doc = xmlReadMemory (body, (int) strlen (body), NULL, NULL, 0);
  g_assert_nonnull (doc);
  number = xpath_string (doc, "string(/response/orders/order/orderNumber)");
  code = xpath_string (doc, "string(/response/orders/order/statusCode)");
  item = xpath_string (doc, "string(/response/orders/order/orderItems/orderItem/orderItemName)");
  g_assert_cmpstr (number, ==, "IMC975582");
  g_assert_cmpstr (code, ==, "3");
  g_assert_cmpstr (item, ==, "Box.stl");
  xmlFreeDoc (doc);
}

/* The whole flow: catalogue, quotes, upload, cart, order, status, cancel */

static JsonNode *
post_json (Fixture    *fx,
           const char *path,
           const char *body,
           const char *api_code)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "POST", path);

  set_body (msg, "application/json", body);
  accept_json (msg, api_code);
  return send_json (fx, msg);
}

static void
test_materials (Fixture *fx, gconstpointer data)
{
  g_autoptr(SoupMessage) msg = new_message (fx, "GET", "/imaterialise/web-api/materials?user=developer@facet.test");
  g_autoptr(SoupMessage) nobody = new_message (fx, "GET", "/imaterialise/web-api/materials?user=nobody@example.com");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *empty = NULL;
  JsonArray *materials;
  gboolean found = FALSE;

  accept_json (msg, NULL);
  {
    g_autofree char *text = send_text (fx, msg);

    g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
    /* Decimals as written, not 0.80000000000000004. */
    g_assert_nonnull (strstr (text, "\"minXMm\":0.8,"));
    g_assert_null (strstr (text, "0000000"));
    node = parse_json (text);
  }
  materials = json_object_get_array_member (reply_object (node), "materials");
  g_assert_cmpuint (json_array_get_length (materials), >=, 10);
  for (guint i = 0; i < json_array_get_length (materials); i++)
    {
      JsonObject *material = json_array_get_object_element (materials, i);
      JsonArray *finishes = json_object_get_array_member (material, "finishes");

      g_assert_cmpuint (json_array_get_length (finishes), >=, 1);
      g_assert_true (json_object_has_member (json_array_get_object_element (finishes, 0), "maxXMm"));
      g_assert_true (json_object_has_member (json_array_get_object_element (finishes, 0), "isApiPriceAvailable"));
      /* The retired material is not listed. */
      g_assert_cmpstr (json_object_get_string_member (material, "name"), !=, "Prime grey");
      if (g_str_equal (json_object_get_string_member (material, "materialID"), POLYAMIDE))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (material, "name"), ==, "Polyamide");
          g_assert_cmpstr (json_object_get_string_member (material, "defaultFinishID"), ==, NATURAL_WHITE);
        }
    }
  g_assert_true (found);

  accept_json (nobody, NULL);
  empty = send_text (fx, nobody);
  g_assert_cmpuint (soup_message_get_status (nobody), ==, 401);
}

static void
test_quote_and_upload (Fixture *fx, gconstpointer data)
{
  g_autoptr(JsonNode) priced = post_json (fx, "/imaterialise/web-api/pricing",
    "{\"models\":[{\"toolID\":\"" TOOL_ID "\",\"modelReference\":\"some model.xml\",\"materialID\":\"" POLYAMIDE "\","
    "\"finishID\":\"" NATURAL_WHITE "\",\"quantity\":\"2\",\"xDimMm\":\"12\",\"yDimMm\":\"12\",\"zDimMm\":\"12\","
    "\"volumeCm3\":\"2.0\",\"surfaceCm2\":\"100.0\"},{\"toolID\":\"" TOOL_ID "\",\"modelReference\":\"abs\","
    "\"materialID\":\"c7e1b9d3-8f4a-4d26-a2c6-5b0e3f8d1a97\",\"finishID\":\"5b9f3e1c-7a4d-4c08-9e2b-6d1a8f5c3e70\","
    "\"quantity\":\"1\",\"xDimMm\":\"12\",\"yDimMm\":\"12\",\"zDimMm\":\"12\",\"volumeCm3\":\"2\",\"surfaceCm2\":\"100\"}],"
    "\"shipmentInfo\":{\"countryCode\":\"BE\",\"stateCode\":\"\",\"city\":\"Leuven\",\"zipCode\":\"3001\"},\"currency\":\"EUR\"}",
    API_CODE);
  JsonArray *models = json_object_get_array_member (reply_object (priced), "models");
  JsonArray *services = json_object_get_array_member (json_object_get_object_member (reply_object (priced), "shipmentCost"), "services");
  g_autoptr(GBytes) cube = cube_bytes (20);
  FilePart files[] = { { "file", "cube.stl", cube } };
  g_autoptr(SoupMessage) upload = NULL;
  g_autoptr(JsonNode) uploaded = NULL;
  g_autoptr(JsonNode) by_model = NULL;
  g_autofree char *by_model_body = NULL;
  const char *model_id;

  /* 5 + 2 × (2 × 4 + 100 × 1) = 221 EUR. */
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (models, 0), "totalPrice"), ==, 221);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (models, 0), "materialName"), ==, "Polyamide");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (models, 1), "modelError"), "code"), ==, 200);
  g_assert_cmpuint (json_array_get_length (services), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (services, 1), "name"), ==, "Express");

  /* Upload in inches: a 20-inch cube is 508 mm. */
  {
    g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
    g_autofree char *url = g_strconcat (fx->base, "/imaterialise/web-api/tool/" TOOL_ID "/model", NULL);

    soup_multipart_append_form_string (multipart, "fileUnits", "inch");
    soup_multipart_append_form_string (multipart, "fileUrl", "");
    soup_multipart_append_form_file (multipart, files[0].name, files[0].filename, "application/octet-stream", files[0].bytes);
    upload = soup_message_new_from_multipart (url, multipart);
  }
  accept_json (upload, NULL);
  uploaded = send_json (fx, upload);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply_object (uploaded), "error")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (reply_object (uploaded), "modelStatus"), ==, "succeeded");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (reply_object (uploaded), "xDimMm"), 508, 1e-6);
  model_id = json_object_get_string_member (reply_object (uploaded), "modelID");

  /* Priced by model ID at a quarter scale: 127 mm, 2048.383 cm³. */
  by_model_body = g_strdup_printf ("{\"models\":[{\"modelID\":\"%s\",\"materialID\":\"" POLYAMIDE "\",\"finishID\":\"" NATURAL_WHITE "\","
                                   "\"quantity\":1,\"scale\":0.25}],\"shippingInfo\":{\"countryCode\":\"US\"},\"currency\":\"GBP\"}", model_id);
  by_model = post_json (fx, "/imaterialise/web-api/pricing/model", by_model_body, API_CODE);
  {
    JsonObject *m = json_array_get_object_element (json_object_get_array_member (reply_object (by_model), "models"), 0);
    double v = 12.7 * 12.7 * 12.7, a = 6 * 12.7 * 12.7;
    double expected = round ((5 + v * 4 + a * 1) * 0.8452 * 100) / 100;

    g_assert_false (json_object_has_member (m, "modelError"));
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "xDimMm"), 127, 1e-6);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (m, "totalPrice"), expected, 1e-9);
  }

  /* Unknown tool in the upload path. */
  {
    g_autoptr(SoupMessage) bad = multipart_message (fx, "/imaterialise/web-api/tool/11111111-2222-3333-4444-555555555555/model",
                                                    NULL, NULL, files, 1);
    g_autoptr(JsonNode) node = NULL;

    accept_json (bad, NULL);
    node = send_json (fx, bad);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (reply_object (node), "error"), 0), "code"), ==, 101);
  }
}

static char *
register_cube (Fixture    *fx,
               const char *tool_id)
{
  g_autofree char *doc = g_strdup_printf ("{\"currency\":\"EUR\",\"cartItems\":[{\"toolID\":\"%s\",\"myCartItemReference\":\"facet-1\","
                                          "\"modelFileName\":\"cube.stl\",\"fileUnits\":\"mm\",\"fileScaleFactor\":\"1\","
                                          "\"materialID\":\"" POLYAMIDE "\",\"finishID\":\"" NATURAL_WHITE "\",\"quantity\":\"2\","
                                          "\"xDimMm\":\"10\",\"yDimMm\":\"10\",\"zDimMm\":\"10\",\"volumeCm3\":\"1\",\"surfaceCm2\":\"6\","
                                          "\"iMatAPIPrice\":\"0\",\"mySalesPrice\":\"0\"}]}", tool_id);
  g_autoptr(GBytes) cube = cube_bytes (10);
  FilePart files[] = { { "file", "cube.stl", cube } };
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/cartitems/register", doc, "application/json", files, 1);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *item;

  accept_json (msg, NULL);
  node = send_json (fx, msg);
  item = json_array_get_object_element (json_object_get_array_member (reply_object (node), "cartItems"), 0);
  g_assert_false (json_object_has_member (item, "cartItemError"));
  return g_strdup (json_object_get_string_member (item, "cartItemID"));
}

#define ADDRESS "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\",\"phone\":\"123\"," \
                "\"line1\":\"Rue de la Loi 1\",\"countryCode\":\"BE\",\"zipCode\":\"1000\",\"city\":\"Brussels\"}"

static char *
create_cart (Fixture    *fx,
             const char *item_id,
             const char *api_code,
             double     *subtotal)
{
  g_autofree char *body = g_strdup_printf ("{\"myCartReference\":\"cart-1\",\"currency\":\"EUR\",\"cartItems\":[{\"cartItemID\":\"%s\"}],"
                                           "\"shippingInfo\":" ADDRESS ",\"billingInfo\":" ADDRESS "}", item_id);
  g_autoptr(JsonNode) node = post_json (fx, "/imaterialise/web-api/cart/post", body, api_code);

  g_assert_false (json_object_has_member (reply_object (node), "requestError"));
  if (subtotal != NULL)
    *subtotal = json_object_get_double_member (reply_object (node), "subTotalPrice");
  g_assert_cmpfloat (json_object_get_double_member (reply_object (node), "vatTaxPercentage"), ==, 21);
  return g_strdup (json_object_get_string_member (reply_object (node), "cartID"));
}

static JsonObject *
checkout (Fixture    *fx,
          const char *cart_id,
          const char *api_code,
          JsonNode  **keep)
{
  g_autofree char *body = g_strdup_printf ("{\"cartID\":\"%s\",\"myOrderReference\":\"facet-order-1\",\"directMailingAllowed\":false,"
                                           "\"shipmentService\":\"Express\",\"remarks\":\"from Facet\"}", cart_id);
  /* Trove sends the checkout JSON in a multipart part named data. */
  g_autoptr(SoupMessage) msg = multipart_message (fx, "/imaterialise/web-api/order/post", body, "application/json", NULL, 0);

  accept_json (msg, api_code);
  *keep = send_json (fx, msg);
  return reply_object (*keep);
}

static JsonObject *
status_of (Fixture    *fx,
           const char *number,
           JsonNode  **keep)
{
  g_autofree char *query = g_strdup_printf ("number=%s", number);

  g_clear_pointer (keep, json_node_unref);
  *keep = order_status (fx, query, API_CODE);
  return json_array_get_object_element (json_object_get_array_member (reply_object (*keep), "orders"), 0);
}

static void
test_order_flow (Fixture *fx, gconstpointer data)
{
  g_autofree char *item_id = register_cube (fx, TOOL_ID);
  g_autofree char *cart_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *advance_path = NULL;
  g_autoptr(JsonNode) ordered = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) status = NULL;
  g_autoptr(JsonNode) cancel = NULL;
  g_autoptr(JsonNode) advanced = NULL;
  JsonObject *order;
  double subtotal;

  cart_id = create_cart (fx, item_id, API_CODE, &subtotal);
  /* 5 + 2 × 10 = 25 EUR for two 10 mm cubes. */
  g_assert_cmpfloat (subtotal, ==, 25);
  order = checkout (fx, cart_id, API_CODE, &ordered);
  g_assert_false (json_object_has_member (order, "requestError"));
  g_assert_false (json_object_has_member (order, "warning"));
  number = g_strdup (json_object_get_string_member (order, "orderNumber"));
  g_assert_true (g_str_has_prefix (number, "IMC"));
  g_assert_cmpuint (strlen (number), ==, 9);
  /* (25 + 24.95 Express) + 21 % VAT. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (order, "totalPrice"), round ((25 + 24.95) * 1.21 * 100) / 100, 1e-9);

  /* A cart is ordered once. */
  order = checkout (fx, cart_id, API_CODE, &again);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (order, "requestError"), "code"), ==, 1);

  order = status_of (fx, number, &status);
  g_assert_cmpint (json_object_get_int_member (order, "statusCode"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Ordered");
  g_assert_cmpstr (json_object_get_string_member (order, "estimatedShipmentDate"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (order, "shipmentService"), ==, "Express");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (order, "orderItems"), 0),
                                                  "orderItemName"), ==, "cube.stl");

  /* On hold and released through the control API. */
  {
    g_autofree char *hold_path = g_strdup_printf ("/_sandbox/orders/imaterialise/%s/hold", number);
    g_autoptr(JsonNode) held = call_json (fx, "POST", hold_path, "{\"on_hold\": true}", 200);

    order = status_of (fx, number, &status);
    g_assert_true (json_object_get_boolean_member (order, "isOnHold"));
    g_clear_pointer (&held, json_node_unref);
    held = call_json (fx, "POST", hold_path, "{\"on_hold\": false}", 200);
    order = status_of (fx, number, &status);
    g_assert_false (json_object_get_boolean_member (order, "isOnHold"));
  }

  /* A sandbox day later: Processing, and too late to cancel. */
  facet_sandbox_advance_clock (fx->sandbox, 86400);
  order = status_of (fx, number, &status);
  g_assert_cmpint (json_object_get_int_member (order, "statusCode"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Processing");
  g_assert_cmpstr (json_object_get_string_member (order, "estimatedShipmentDate"), !=, "");
  {
    g_autofree char *cancel_body = g_strdup_printf ("{\"orderNumber\":\"%s\"}", number);
    cancel = post_json (fx, "/imaterialise/web-api/order/CancelOrderByNumber", cancel_body, API_CODE);
  }
  g_assert_false (json_object_get_boolean_member (reply_object (cancel), "isCanceled"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (reply_object (cancel), "requestError"), "code"), ==, 1);

  /* The control API moves it on: InProduction, then the clock: ReadyToShip, Shipped. */
  advance_path = g_strdup_printf ("/_sandbox/orders/imaterialise/%s/advance", number);
  advanced = call_json (fx, "POST", advance_path, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (reply_object (advanced), "status"), ==, 4);
  order = status_of (fx, number, &status);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "InProduction");
  g_assert_false (json_object_has_member (order, "trackingNumber"));
  facet_sandbox_advance_clock (fx->sandbox, 86400);
  order = status_of (fx, number, &status);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "ReadyToShip");
  facet_sandbox_advance_clock (fx->sandbox, 86400);
  order = status_of (fx, number, &status);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Shipped");
  g_assert_true (json_object_has_member (order, "trackingNumber"));
  g_assert_true (json_object_has_member (order, "shipmentDate"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (order, "invoiceNumber"), "IMA"));
  g_assert_false (json_object_has_member (order, "deliveryDate"));
  facet_sandbox_advance_clock (fx->sandbox, 86400);
  order = status_of (fx, number, &status);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Delivered");
  g_assert_true (json_object_has_member (order, "deliveryDate"));

  /* Delivered is the end. */
  {
    g_autoptr(JsonNode) conflict = call_json (fx, "POST", advance_path, NULL, 409);
    g_assert_true (json_object_has_member (reply_object (conflict), "error"));
  }
  /* The status filter sees it as Delivered (7) only. */
  {
    g_autoptr(JsonNode) seven = order_status (fx, "status=7", API_CODE);
    g_autoptr(JsonNode) two = order_status (fx, "status=2", API_CODE);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (reply_object (seven), "orders")), ==, 1);
    assert_request_error (two, 108, NULL);
  }
}

static void
test_cancel_and_test_order (Fixture *fx, gconstpointer data)
{
  g_autofree char *item_id = register_cube (fx, TEST_TOOL_ID);
  g_autofree char *cart_id = create_cart (fx, item_id, TEST_API_CODE, NULL);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) ordered = NULL;
  g_autoptr(JsonNode) cancel = NULL;
  g_autoptr(JsonNode) status = NULL;
  JsonObject *order;
  const char *number;

  order = checkout (fx, cart_id, TEST_API_CODE, &ordered);
  /* The vendor-sandbox credentials place test orders. */
  g_assert_nonnull (json_object_get_string_member (order, "warning"));
  number = json_object_get_string_member (order, "orderNumber");

  body = g_strdup_printf ("{\"orderNumber\":\"%s\"}", number);
  /* Another API code does not see it. */
  cancel = post_json (fx, "/imaterialise/web-api/order/CancelOrderByNumber", body, API_CODE);
  g_assert_false (json_object_get_boolean_member (reply_object (cancel), "isCanceled"));
  g_clear_pointer (&cancel, json_node_unref);
  cancel = post_json (fx, "/imaterialise/web-api/order/CancelOrderByNumber", body, TEST_API_CODE);
  g_assert_true (json_object_get_boolean_member (reply_object (cancel), "isCanceled"));
  g_assert_cmpstr (json_object_get_string_member (reply_object (cancel), "orderNumber"), ==, number);

  {
    g_autofree char *query = g_strdup_printf ("number=%s", number);
    status = order_status (fx, query, TEST_API_CODE);
  }
  order = json_array_get_object_element (json_object_get_array_member (reply_object (status), "orders"), 0);
  g_assert_cmpint (json_object_get_int_member (order, "statusCode"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (order, "statusName"), ==, "Cancelled");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (order, "creditNoteNumber"), "ICN"));
  /* Cancelled orders do not advance, even with the clock. */
  facet_sandbox_advance_clock (fx->sandbox, 10 * 86400);
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (facet_sandbox_advance_order (fx->sandbox, "imaterialise", number, &error));
    g_assert_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_CONFLICT);
  }
}

static void
test_validity (Fixture *fx, gconstpointer data)
{
  g_autofree char *item_id = register_cube (fx, TOOL_ID);
  g_autofree char *body = g_strdup_printf ("{\"currency\":\"EUR\",\"cartItems\":[{\"cartItemID\":\"%s\"}],\"shippingInfo\":" ADDRESS "}", item_id);
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autofree char *cart_id = NULL;

  /* Missing address fields are refused. */
  missing = post_json (fx, "/imaterialise/web-api/cart/post",
                       "{\"currency\":\"EUR\",\"cartItems\":[{\"cartItemID\":\"x\"}],\"shippingInfo\":{\"firstName\":\"A\"}}", API_CODE);
  assert_request_error (missing, 1, NULL);

  /* 15 sandbox days on the item is still valid; 17 days on it is not. */
  facet_sandbox_advance_clock (fx->sandbox, 15 * 86400);
  cart_id = create_cart (fx, item_id, API_CODE, NULL);
  facet_sandbox_advance_clock (fx->sandbox, 2 * 86400);
  expired = post_json (fx, "/imaterialise/web-api/cart/post", body, API_CODE);
  assert_request_error (expired, 1, NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (reply_object (expired), "requestError"), "message"),
                            "no longer valid"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/imaterialise/cartitems/doc-json-example-with-trailing-comma-is-401", test_json_example_trailing_comma);
  ADD ("/imaterialise/cartitems/doc-json-example-registers-and-prices", test_json_example_fixed);
  ADD ("/imaterialise/cartitems/doc-xml-example-replays-in-xml", test_xml_example);
  ADD ("/imaterialise/cartitems/every-documented-item-error", test_every_item_error);
  ADD ("/imaterialise/cartitems/open-model-still-needs-fixing", test_open_model_still_needs_fixing);
  ADD ("/imaterialise/cartitems/flipped-facet-needed-fixing", test_flipped_facet_needed_fixing);
  ADD ("/imaterialise/cartitems/file-over-limit-is-304", test_file_too_large);
  ADD ("/imaterialise/pricing/xml-request-xml-reply", test_pricing_xml);
  ADD ("/imaterialise/cartitems/request-errors-and-five-item-limit", test_request_errors);
  ADD ("/imaterialise/cartitems/keys-any-case-numbers-as-numbers", test_keys_case_and_numbers);
  ADD ("/imaterialise/auth/api-code-missing-or-wrong-is-401", test_api_code_required);
  ADD ("/imaterialise/order-status/doc-examples-replay", test_order_status_examples);
  ADD ("/imaterialise/order-status/documented-errors", test_order_status_errors);
  ADD ("/imaterialise/order-status/post-answers-xml-by-default", test_order_status_xml);
  ADD ("/imaterialise/materials/catalogue", test_materials);
  ADD ("/imaterialise/pricing/parameters-upload-and-model-id", test_quote_and_upload);
  ADD ("/imaterialise/orders/status-follows-the-clock-and-advance", test_order_flow);
  ADD ("/imaterialise/orders/cancel-and-test-orders", test_cancel_and_test_order);
  ADD ("/imaterialise/cart/items-valid-for-15-days", test_validity);
#undef ADD

  return g_test_run ();
}
