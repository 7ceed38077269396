/* facet-sandbox-imaterialise.c: the i.materialise web API
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows ../shared/protocols/imaterialise.md (the note) and the two seed
 * documents: Cart Item Creation and Order Status with every documented
 * error code and message, plus the calls the note found in public sources
 * (model upload, pricing, cart, checkout, cancel, materials). Where the note
 * marks a convention, it is implemented as written there:
 * - missing or wrong API code: HTTP 401, empty body;
 * - business errors: HTTP 200 with the error object;
 * - the JSON document is the first non-file multipart part that parses
 *   (any part name), or a plain JSON/XML body; files match by file name;
 * - a strict parser: the seed's JSON example with its trailing comma is
 *   answered with 401 "Wrong request body";
 * - 3061-308 only for values other than the dummy 1, 210/3061-308 with a
 *   10 % tolerance;
 * - Order Status accepts GET and POST; bad dates, id with number or a
 *   malformed GUID give requestError 1; warning 109 goes in requestWarning.
 * Calls the seed does not document (pricing, cart, checkout, cancel)
 * reuse the seed's codes where one fits and otherwise answer
 * requestError code 1 with a message that says what is wrong.
 *
 * Prices: per material a setup fee plus volume and surface rates, scaled
 * by the finish, with a quantity discount (see price_eur()); converted with
 * the sandbox's ECB rates. Orders advance one status a sandbox day after
 * checkout (Ordered → Processing → … → Delivered) and on every control
 * "advance" call; orders placed with the vendor-sandbox account are test
 * orders (checkout answers a `warning` saying so).
 */
#define G_LOG_DOMAIN "facet-sandbox-imaterialise"

#include "config.h"

#include <math.h>
#include <string.h>

#include "facet-mesh.h"
#include "facet-sandbox-private.h"

#define VALIDITY_DAYS       15
#define MAX_ITEMS           5
#define MAX_FILE_KB         20480
#define TOLERANCE           0.10
#define MAX_ONLINE_PRICE    10000.0   /* EUR; above it error 204 */

/* Accounts */

typedef struct
{
  const char *label;
  const char *tool_id;
  const char *api_code;
  const char *email;
  gboolean    test;
} Account;

/* The first tool ID is the seed documents' own sample, so their examples
 * replay verbatim; the documents show no API code, so ours are fixed. */
static const Account accounts[] = {
  { "i.materialise (documented sample tool ID)",
    "2054608d-b469-4cab-adeb-cf1c0569e7a1", "7f3c9e2a-1b4d-4c8e-9a6f-5d2e8b1c0a93",
    "developer@facet.test", FALSE },
  { "i.materialise vendor sandbox (imatsandbox.materialise.net: test orders)",
    "5b2f8c1d-7e4a-4d3b-8c9f-1a6e2d4b7c05", "c41e9a7b-3d2f-4e8a-b5c6-9f0d1e2a3b47",
    "sandbox@facet.test", TRUE },
};

/* A tool ID that exists but was deactivated: error 121. */
#define DEACTIVATED_TOOL_ID "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"

/* Catalogue */

typedef enum { KIND_PLAIN, KIND_CERAMICS, KIND_MAMMOTH } MaterialKind;

typedef struct
{
  const char *id;
  const char *name;
  double      factor;          /* price multiplier of the finish */
  gboolean    api_price;       /* FALSE: error 200 */
  gboolean    priority;        /* a priority model: error 201 outside its box */
  gboolean    retired;         /* no longer offered: error 124, not listed */
  double      max[3];          /* finish box, 0 = the material's */
  double      min_detail;
  double      min_wall;
} Finish;

typedef struct
{
  const char  *id;
  const char  *name;
  MaterialKind kind;
  gboolean     retired;
  int          days_min, days_max;
  double       min[3], max[3];
  double       setup, per_cm3, per_cm2;   /* EUR */
  Finish       finishes[6];
} Material;

static const Material materials[] = {
  { "035f4772-da8a-400b-8be4-2dd344b28ddb", "Polyamide", KIND_PLAIN, FALSE, 5, 7,
    { 0.8, 0.8, 0.8 }, { 650, 330, 560 }, 5.00, 4.00, 1.00,
    { { "bba2bebb-8895-4049-aeb0-ab651cee2597", "Natural white", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.7 },
      { "6c8f2b1e-94d3-4a57-8e0b-3f7a2c9d5e61", "Dyed black", 1.15, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.7 },
      { "a2d94e7c-1f38-4b6a-9c05-7e8b3d2f1a49", "Dyed red", 1.15, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.7 },
      { "e71b3c58-2a9d-4f06-b8e4-5c1d7a9f3b20", "Polished", 1.30, TRUE, FALSE, FALSE, { 300, 300, 300 }, 0.3, 1.0 },
      { "3f9a6d21-8c4e-4b7f-a1d5-2e6c8b0f4a73", "Natural white, priority", 1.60, TRUE, TRUE, FALSE, { 200, 200, 200 }, 0.3, 0.7 },
      { "d5e8a4c2-6b1f-4d93-8a7e-0c2b5f9e1d36", "Dyed orange", 1.15, TRUE, FALSE, TRUE, { 0 }, 0.3, 0.7 } } },
  { "0b6e2d7a-4c19-4f8b-9e3d-8a5c1f7b2e04", "Alumide", KIND_PLAIN, FALSE, 6, 8,
    { 1, 1, 1 }, { 650, 330, 560 }, 7.50, 5.20, 0.90,
    { { "8e4c1a9f-3b7d-4e25-a6c8-1d9f5b3e7a02", "Natural grey", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.4, 1.0 } } },
  { "47c2e9b5-1d8a-4f3e-b6c0-9a2d5e8f1b73", "Polyamide (MJF)", KIND_PLAIN, FALSE, 4, 6,
    { 0.8, 0.8, 0.8 }, { 370, 274, 370 }, 4.50, 3.60, 0.95,
    { { "c9a1f5e3-7b2d-4c86-9e4a-6d0b8f2c5a17", "Grey", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.8 },
      { "1e7d4b9a-5c3f-4a28-8d6e-2b9f0c4a7e85", "Dyed black", 1.10, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.8 } } },
  { "5a3f8c6e-2b9d-4e17-a4c5-7f1e0d3b9a62", "Rubber-like (TPU)", KIND_PLAIN, FALSE, 6, 9,
    { 2, 2, 2 }, { 650, 330, 560 }, 8.00, 6.10, 1.20,
    { { "b4e0d7a3-9f6c-4185-8b2e-5d3a1c7f9e48", "White", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.5, 1.0 } } },
  { "9c5d1b7f-3e8a-4a62-b0d4-6f2c8e1a5b39", "Standard resin", KIND_PLAIN, FALSE, 5, 7,
    { 1, 1, 1 }, { 1000, 800, 600 }, 6.00, 5.50, 0.60,
    { { "2d8b6f4a-0e3c-4917-a5d8-9b1e7c3f6a24", "Natural grey", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.2, 0.6 },
      { "7a1c9e5d-4b2f-4d80-9c3a-8e6f2d0b4c57", "Painted", 1.40, TRUE, FALSE, FALSE, { 600, 400, 400 }, 0.2, 1.0 } } },
  { "e3b7f1d9-5a2c-4c4e-8f06-1d9b3a7e5c82", "Mammoth resin", KIND_MAMMOTH, FALSE, 8, 12,
    { 70, 70, 70 }, { 2100, 700, 800 }, 40.00, 1.10, 0.30,
    { { "6f0a4d8c-2e7b-4b15-a9c3-4e8d1f6b2a90", "Natural", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.5, 1.5 } } },
  { "b8d2a6f4-7c1e-4e39-9b5d-3a0f8c2e6d71", "Transparent resin", KIND_PLAIN, FALSE, 8, 10,
    { 1, 1, 1 }, { 2100, 700, 800 }, 10.00, 6.50, 0.80,
    { { "4c6e2a8b-1d5f-4f73-b0e9-7a3c5d1e9b26", "Clear", 1.00, FALSE, FALSE, FALSE, { 0 }, 0.2, 1.0 } } },
  { "1f4a8e2c-6d9b-4b57-8c3f-0e7d2a5b9c14", "High detail resin", KIND_PLAIN, FALSE, 5, 8,
    { 0.5, 0.5, 0.5 }, { 145, 145, 175 }, 8.00, 7.20, 0.90,
    { { "9e3b5d7a-2c8f-4a61-b4e0-1f6d9c3a7b58", "Natural amber", 1.00, FALSE, FALSE, FALSE, { 0 }, 0.1, 0.3 } } },
  { "c7e1b9d3-8f4a-4d26-a2c6-5b0e3f8d1a97", "ABS", KIND_PLAIN, FALSE, 6, 9,
    { 2, 2, 2 }, { 355, 254, 355 }, 9.00, 6.00, 0.70,
    { { "5b9f3e1c-7a4d-4c08-9e2b-6d1a8f5c3e70", "Natural ivory", 1.00, FALSE, FALSE, FALSE, { 0 }, 0.5, 1.5 } } },
  { "8a4d0f6b-3e2c-4a95-b7d1-9c5e2a8f4b63", "Ceramics", KIND_CERAMICS, FALSE, 10, 15,
    { 30, 30, 3 }, { 300, 250, 200 }, 12.00, 2.80, 0.50,
    { { "2f6c8a4e-9b1d-4e73-8a5f-0d3b7e1c9a46", "Glossy white", 1.00, TRUE, FALSE, FALSE, { 0 }, 2.0, 3.0 },
      { "d0b4e8a2-5f7c-4c19-9d3e-8b6a2f0e4c75", "Glossy black", 1.05, TRUE, FALSE, FALSE, { 0 }, 2.0, 3.0 } } },
  { "6e2a9c5f-1b7d-4f84-a3e8-2c0d6b9f5a31", "Stainless steel", KIND_PLAIN, FALSE, 10, 14,
    { 5, 5, 1 }, { 1000, 800, 500 }, 15.00, 9.50, 0.40,
    { { "a8c4f2e6-3d9b-4b52-8e1f-7c5a0d3b9e64", "Polished", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.8, 1.0 } } },
  { "3d7b1f5a-9e2c-4c68-b4a0-8f1e6d2c5b97", "Titanium", KIND_PLAIN, FALSE, 10, 15,
    { 3, 3, 3 }, { 250, 250, 300 }, 30.00, 38.00, 0.80,
    { { "f1e5b9d3-6a2c-4e87-9b0d-3c7f1a5e8b42", "Satin", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.4, 1.0 } } },
  { "7b0e4c8a-2f6d-4d31-a9c5-1e8b3f7d0a56", "Silver", KIND_PLAIN, FALSE, 12, 15,
    { 1, 1, 1 }, { 88, 88, 100 }, 20.00, 28.00, 0.60,
    { { "c3a7e1f5-8d4b-4b90-a2e6-9f0c4d8a1b35", "Polished", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.6 } } },
  { "f5c9a3e7-0d4b-4e12-8b6f-2a7d1c9e5f08", "Prime grey", KIND_PLAIN, TRUE, 6, 8,
    { 1, 1, 1 }, { 650, 330, 560 }, 6.00, 4.50, 1.00,
    { { "0a4e8c2f-6b1d-4d57-9a3e-5f9b3d7c1e26", "Natural grey", 1.00, TRUE, FALSE, FALSE, { 0 }, 0.3, 0.8 } } },
};

/* Ceramics rules (205-208). */
#define CERAMICS_MAX_SUM 600.0
#define CERAMICS_MIN_SUM 90.0

static const char *status_names[] = {
  "Cancelled", "Invalid", "Ordered", "Processing", "InProduction", "ReadyToShip", "Shipped", "Delivered",
};

/* State */

typedef struct
{
  char          *id;
  const Account *account;
  char          *tool_id;
  char          *file_name;
  char          *units;
  double         dims[3];      /* mm, at scale 1 */
  double         volume;       /* cm³ at scale 1 */
  double         area;         /* cm² at scale 1 */
  const char    *status;       /* Succeeded, NeededFixing, StillNeedsFixing */
} Model;

typedef struct
{
  char           *id;
  char           *reference;
  char           *tool_id;
  const Account  *account;
  char           *model_id;
  char           *file_name;
  const Material *material;
  const Finish   *finish;
  int             quantity;
  double          dims[3], volume, area;
  double          price;       /* iMatPrice, in currency */
  double          sales_price;
  char           *currency;
  GDateTime      *valid_until;
} CartItem;

typedef struct
{
  char          *id;
  char          *reference;
  const Account *account;
  char          *currency;
  GPtrArray     *items;        /* CartItem*, unowned */
  JsonObject    *shipping;
  JsonObject    *billing;
  double         subtotal;
  double         vat_percent;
  GDateTime     *valid_until;
  char          *order_id;     /* set once checked out */
} Cart;

typedef struct
{
  char          *id;
  char          *number;
  const Account *account;
  gboolean       test;
  GDateTime     *requested;
  int            base_status;  /* status at @requested */
  gboolean       clock_driven; /* seeded history does not move by itself */
  GArray        *advances;     /* gint64 unix times of control advances */
  gboolean       cancelled;
  gboolean       on_hold;
  char          *currency;
  double         total;
  char          *remarks;
  char          *service;
  JsonObject    *shipping;
  JsonObject    *billing;
  JsonArray     *items;        /* orderItems, as answered */
  char          *confirmation_id;
} Order;

typedef struct
{
  FacetSandboxVendor parent;

  GHashTable *models;          /* id → Model */
  GHashTable *cart_items;      /* id → CartItem */
  GHashTable *carts;           /* id → Cart */
  GPtrArray  *orders;          /* Order*, by creation */
  guint       next_number;
  guint       next_request;
} Vendor;

static void
model_free (Model *model)
{
  g_free (model->id);
  g_free (model->tool_id);
  g_free (model->file_name);
  g_free (model->units);
  g_free (model);
}

static void
cart_item_free (CartItem *item)
{
  g_free (item->id);
  g_free (item->reference);
  g_free (item->tool_id);
  g_free (item->model_id);
  g_free (item->file_name);
  g_free (item->currency);
  g_date_time_unref (item->valid_until);
  g_free (item);
}

static void
cart_free (Cart *cart)
{
  g_free (cart->id);
  g_free (cart->reference);
  g_free (cart->currency);
  g_ptr_array_unref (cart->items);
  g_clear_pointer (&cart->shipping, json_object_unref);
  g_clear_pointer (&cart->billing, json_object_unref);
  g_date_time_unref (cart->valid_until);
  g_free (cart->order_id);
  g_free (cart);
}

static void
order_free (Order *order)
{
  g_free (order->id);
  g_free (order->number);
  g_date_time_unref (order->requested);
  g_array_unref (order->advances);
  g_free (order->currency);
  g_free (order->remarks);
  g_free (order->service);
  g_clear_pointer (&order->shipping, json_object_unref);
  g_clear_pointer (&order->billing, json_object_unref);
  g_clear_pointer (&order->items, json_array_unref);
  g_free (order->confirmation_id);
  g_free (order);
}

static GDateTime *
sandbox_now (Vendor *self)
{
  return facet_sandbox_get_now (self->parent.sandbox);
}

static const char *
base_url (Vendor *self)
{
  const char *base = facet_sandbox_get_base_url (self->parent.sandbox);

  return base != NULL ? base : "http://127.0.0.1";
}

/* Lookups */

static const Account *
account_by_tool_id (const char *tool_id)
{
  for (guint i = 0; tool_id != NULL && i < G_N_ELEMENTS (accounts); i++)
    if (g_ascii_strcasecmp (accounts[i].tool_id, tool_id) == 0)
      return &accounts[i];
  return NULL;
}

static const Account *
account_by_api_code (SoupServerMessage *msg)
{
  /* Header names are case-insensitive: APICode, ApiCode, apiCode. */
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "APICode");
  g_autofree char *code = header != NULL ? g_strstrip (g_strdup (header)) : NULL;

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (accounts); i++)
    if (g_ascii_strcasecmp (accounts[i].api_code, code) == 0)
      return &accounts[i];
  return NULL;
}

static const Material *
material_by_id (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (materials); i++)
    if (g_ascii_strcasecmp (materials[i].id, id) == 0)
      return &materials[i];
  return NULL;
}

static const Finish *
finish_by_id (const char      *id,
              const Material **owner)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (materials); i++)
    for (guint j = 0; j < G_N_ELEMENTS (materials[i].finishes) && materials[i].finishes[j].id != NULL; j++)
      if (g_ascii_strcasecmp (materials[i].finishes[j].id, id) == 0)
        {
          *owner = &materials[i];
          return &materials[i].finishes[j];
        }
  return NULL;
}

/* Formatting */

static double
round2 (double value)
{
  return round (value * 100.0) / 100.0;
}

static double
round_currency (double      value,
                const char *currency)
{
  /* Yen have no minor unit. */
  return g_ascii_strcasecmp (currency, "JPY") == 0 ? round (value) : round2 (value);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

static char *
format_box (const double box[3])
{
  g_autofree char *x = format_number (box[0]);
  g_autofree char *y = format_number (box[1]);
  g_autofree char *z = format_number (box[2]);

  return g_strdup_printf ("%sx%sx%s", x, y, z);
}

/* "2014-11-26T00:00:00+01:00", a midnight as in the seed: the end (CET) of
 * the day 15 days from now, so an item stays valid at least 15 days. */
static GDateTime *
valid_until_from (GDateTime *now)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, VALIDITY_DAYS + 1);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (later, cet);

  return g_date_time_new (cet, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), 0, 0, 0);
}

static char *
format_cet (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* "2014-11-17T11:04:49.61": the Order Status API's zone-less CET time. */
static char *
format_order_time (GDateTime *time)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, cet);
  g_autofree char *seconds = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%02d", seconds, g_date_time_get_microsecond (local) / 10000);
}

static char *
format_order_day (GDateTime *time)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, cet);

  return g_date_time_format (local, "%Y-%m-%dT00:00:00");
}

static JsonObject *
error_object (int         code,
              const char *message)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);
  json_object_set_int_member (object, "code", code);
  return object;
}

static void
reply (SoupServerMessage *msg,
       JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  /* Takes @object: the node holds its own reference. */
  json_object_unref (object);
  _facet_sandbox_reply_doc (msg, node, _facet_sandbox_wants_json (msg));
}

static void
reply_unauthorized (SoupServerMessage *msg)
{
  /* Convention (the note, §2): no documented reply for a missing or wrong
   * API code; HTTP 401 with an empty body. */
  _facet_sandbox_reply_empty (msg, SOUP_STATUS_UNAUTHORIZED);
}

/* Requests */

typedef struct
{
  char   *name;
  char   *filename;
  GBytes *bytes;
} Part;

static void
part_free (Part *part)
{
  g_free (part->name);
  g_free (part->filename);
  g_bytes_unref (part->bytes);
  g_free (part);
}

typedef struct
{
  JsonNode   *doc;      /* the JSON/XML document, NULL when none parsed */
  GPtrArray  *files;    /* Part*, with a file name */
  GHashTable *fields;   /* other text parts: name → value */
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->doc, json_node_unref);
  g_clear_pointer (&request->files, g_ptr_array_unref);
  g_clear_pointer (&request->fields, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

static void
read_request (SoupServerMessage *msg,
              Request           *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  request->files = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  request->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (content_type != NULL && g_ascii_strncasecmp (content_type, "multipart/", 10) == 0)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);

      for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
        {
          SoupMessageHeaders *part_headers;
          GBytes *part_body;
          g_autoptr(GHashTable) params = NULL;
          const char *name, *filename;

          if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body))
            continue;
          soup_message_headers_get_content_disposition (part_headers, NULL, &params);
          name = params != NULL ? g_hash_table_lookup (params, "name") : NULL;
          filename = params != NULL ? g_hash_table_lookup (params, "filename") : NULL;

          if (filename != NULL)
            {
              Part *part = g_new0 (Part, 1);

              part->name = g_strdup (name);
              part->filename = g_strdup (filename);
              part->bytes = g_bytes_ref (part_body);
              g_ptr_array_add (request->files, part);
            }
          else
            {
              gsize len;
              const char *data = g_bytes_get_data (part_body, &len);

              /* The part name is not documented: the first part that
               * parses is the document. */
              if (request->doc == NULL)
                request->doc = _facet_doc_parse (data, len, NULL);
              if (name != NULL)
                g_hash_table_replace (request->fields, g_ascii_strdown (name, -1), g_strndup (data, len));
            }
        }

      /* A document sent as a file part (curl -F data=@request.json). */
      for (guint i = 0; request->doc == NULL && i < request->files->len; i++)
        {
          Part *part = g_ptr_array_index (request->files, i);
          gsize len;
          const char *data = g_bytes_get_data (part->bytes, &len);

          if (g_str_has_suffix (part->filename, ".json") || g_str_has_suffix (part->filename, ".xml") ||
              g_str_has_suffix (part->filename, ".JSON") || g_str_has_suffix (part->filename, ".XML"))
            request->doc = _facet_doc_parse (data, len, NULL);
        }
    }
  else if (content_type != NULL && g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_autoptr(GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (request->fields, g_ascii_strdown (key, -1), g_strdup (value));
    }
  else if (g_bytes_get_size (body) > 0)
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);

      request->doc = _facet_doc_parse (data, len, NULL);
    }
}

static JsonObject *
request_object (Request *request)
{
  return request->doc != NULL ? json_node_get_object (request->doc) : NULL;
}

static Part *
find_file (Request    *request,
           const char *file_name)
{
  for (guint i = 0; i < request->files->len; i++)
    {
      Part *part = g_ptr_array_index (request->files, i);

      if (g_strcmp0 (part->filename, file_name) == 0)
        return part;
    }
  for (guint i = 0; i < request->files->len; i++)
    {
      Part *part = g_ptr_array_index (request->files, i);

      if (g_strcmp0 (part->name, file_name) == 0)
        return part;
    }
  return NULL;
}

/* Models */

typedef struct
{
  int         code;           /* 0 when the model could be measured */
  char       *message;
  const char *status;         /* uploadStatus; NULL when never processed */
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static void
fail (Outcome    *outcome,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
fail (Outcome    *outcome,
      int         code,
      const char *format,
      ...)
{
  va_list args;

  if (outcome->code != 0)
    return;
  outcome->code = code;
  va_start (args, format);
  outcome->message = g_strdup_vprintf (format, args);
  va_end (args);
}

/* Measures an uploaded file the way the service does, keeping the model
 * even when it needs fixing (the seed's 303 example carries its modelID). */
static Model *
process_file (Vendor        *self,
              const Account *account,
              const char    *tool_id,
              const char    *file_name,
              const char    *units,
              GBytes        *bytes,
              Outcome       *outcome)
{
  const char *dot = strrchr (file_name, '.');
  g_autoptr(FacetMesh) mesh = NULL;
  g_autoptr(FacetMeshReport) report = NULL;
  double k = g_ascii_strcasecmp (units, "inch") == 0 ? 25.4 : 1.0;
  Model *model;

  if (dot == NULL || g_ascii_strcasecmp (dot, ".stl") != 0)
    {
      fail (outcome, 302, "We don’t support %s files.", dot != NULL && dot[1] != '\0' ? dot + 1 : file_name);
      return NULL;
    }
  if (g_bytes_get_size (bytes) > (gsize) MAX_FILE_KB * 1024)
    {
      fail (outcome, 304, "We do not process models over %d Kb.", MAX_FILE_KB);
      return NULL;
    }

  mesh = facet_mesh_load_bytes (bytes, NULL);
  if (mesh != NULL)
    report = facet_mesh_analyze (mesh, FACET_MESH_CHECK_TOPOLOGY, NULL, NULL);
  if (report == NULL || report->nonfinite_facets == report->triangles ||
      report->area <= 0 || fabs (report->signed_volume) <= 0)
    {
      outcome->status = "BackEndException";
      fail (outcome, 303, "We cannot process this model. Check if model is correct.");
      return NULL;
    }

  model = g_new0 (Model, 1);
  model->id = g_uuid_string_random ();
  model->account = account;
  model->tool_id = g_strdup (tool_id);
  model->file_name = g_strdup (file_name);
  model->units = g_strdup (units);
  for (int i = 0; i < 3; i++)
    model->dims[i] = (report->max[i] - report->min[i]) * k;
  model->volume = fabs (report->signed_volume) * k * k * k / 1000.0;
  model->area = report->area * k * k / 100.0;
  if (report->boundary_edges > 0 || report->nonmanifold_edges > 0)
    model->status = "StillNeedsFixing";
  else if (report->inconsistent_facets > 0 || facet_mesh_report_is_inside_out (report))
    model->status = "NeededFixing";
  else
    model->status = "Succeeded";
  g_hash_table_replace (self->models, model->id, model);

  outcome->status = model->status;
  if (g_str_equal (model->status, "StillNeedsFixing"))
    fail (outcome, 303, "We cannot process this model. Check if model is correct.");

  return model;
}

/* Pricing and ranges */

static double
quantity_discount (int quantity)
{
  if (quantity >= 50)
    return 0.80;
  if (quantity >= 10)
    return 0.90;
  return 1.0;
}

/* The sandbox's price list, in euros: a setup fee per item line plus, per
 * part, volume and surface rates scaled by the finish, with 10 % off from
 * 10 parts and 20 % from 50. A 10 mm polyamide cube costs 15.00. */
static double
price_eur (const Material *material,
           const Finish   *finish,
           double          volume_cm3,
           double          area_cm2,
           int             quantity)
{
  double part = (volume_cm3 * material->per_cm3 + area_cm2 * material->per_cm2) * finish->factor;

  return material->setup + part * quantity * quantity_discount (quantity);
}

static void
sorted_desc (const double in[3],
             double       out[3])
{
  memcpy (out, in, sizeof (double) * 3);
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++)
      if (out[j] > out[i])
        {
          double t = out[i];
          out[i] = out[j];
          out[j] = t;
        }
}

/* Parts may be turned: the sorted sides must fit the sorted box. */
static gboolean
fits (const double dims[3],
      const double min[3],
      const double max[3])
{
  double d[3], lo[3], hi[3];

  sorted_desc (dims, d);
  sorted_desc (min, lo);
  sorted_desc (max, hi);
  for (int i = 0; i < 3; i++)
    if (d[i] < lo[i] || d[i] > hi[i])
      return FALSE;
  return TRUE;
}

/* Checks 203, 212, 205-208, 202, 201, 200 and 204; returns the total price
 * in @currency, or fails @outcome. */
static double
check_and_price (const Material *material,
                 const Finish   *finish,
                 const double    dims[3],
                 double          volume,
                 double          area,
                 int             quantity,
                 const char     *currency,
                 Outcome        *outcome)
{
  const double *fmax = finish->max[0] > 0 ? finish->max : material->max;
  double sum = dims[0] + dims[1] + dims[2];
  double eur;

  if (!isfinite (sum) || !isfinite (volume) || !isfinite (area))
    {
      fail (outcome, 1, "Unknown error");
      return 0;
    }

  if (material->kind == KIND_MAMMOTH && !fits (dims, material->min, (const double[]) { INFINITY, INFINITY, INFINITY }))
    {
      g_autofree char *lo = format_box (material->min);
      g_autofree char *hi = format_box (material->max);

      fail (outcome, 212, "Dimensions of the model are too small for Mammoth Resin. The allowed range is %s – %s mm. You can try another resin.", lo, hi);
      return 0;
    }
  if (material->kind == KIND_CERAMICS)
    {
      g_autofree char *hi = format_box (material->max);
      /* Mean wall thickness of a thin-walled part: twice volume over surface. */
      double wall = area > 0 ? 2.0 * volume * 1000.0 / (area * 100.0) : 0;

      if (sum > CERAMICS_MAX_SUM)
        fail (outcome, 205, "The dimensions of the model are outside the allowed range for ceramics. The allowed sum of the X,Y and Z dimensions should be not greater than %g mm.", CERAMICS_MAX_SUM);
      else if (sum < CERAMICS_MIN_SUM)
        fail (outcome, 206, "The dimensions of the model are outside the allowed range for ceramics. The allowed sum of the X,Y and Z dimensions should be not below %g mm.", CERAMICS_MIN_SUM);
      else if (!fits (dims, (const double[]) { 0, 0, 0 }, material->max))
        fail (outcome, 207, "The dimensions of the model are outside the allowed range for ceramics. The model should fit the range %s mm.", hi);
      else if (wall < finish->min_wall)
        fail (outcome, 208, "The dimensions of the model are outside the allowed range for ceramics. Please make sure the wall thickness of your model is at least %g mm.", finish->min_wall);
      if (outcome->code != 0)
        return 0;
    }
  if (!fits (dims, material->min, material->max))
    {
      g_autofree char *lo = format_box (material->min);
      g_autofree char *hi = format_box (material->max);

      fail (outcome, 203, "The dimensions of the model are outside the allowed range for %s. The allowed range is %s – %smm.", material->name, lo, hi);
      return 0;
    }
  if (!fits (dims, material->min, fmax))
    {
      g_autofree char *lo = format_box (material->min);
      g_autofree char *hi = format_box (fmax);

      if (finish->priority)
        fail (outcome, 201, "The dimensions of the model are outside the allowed range to offer it as a priority model. The allowed range is %s – %s mm.", lo, hi);
      else
        fail (outcome, 202, "The dimensions of the model are outside the allowed range for %s %s model. The allowed range is %s – %s mm.", material->name, finish->name, lo, hi);
      return 0;
    }
  if (!finish->api_price)
    {
      fail (outcome, 200, "We don’t offer an online price for this material/finish through the API.");
      return 0;
    }

  eur = price_eur (material, finish, volume, area, quantity);
  if (!isfinite (eur))
    {
      fail (outcome, 1, "Unknown error");
      return 0;
    }
  if (eur > MAX_ONLINE_PRICE)
    {
      fail (outcome, 204, "The price for this model is too high, so we are unable to offer an online price. Please request an offline price at our site.");
      return 0;
    }

  return round_currency (eur * _facet_sandbox_ecb_rate (currency), currency);
}

static gboolean
currency_supported (const char *currency)
{
  static const char *supported[] = { "EUR", "USD", "JPY", "GBP" };

  for (guint i = 0; currency != NULL && i < G_N_ELEMENTS (supported); i++)
    if (g_str_equal (currency, supported[i]))
      return TRUE;
  return FALSE;
}

/* Material and finish checks shared by every call: 105, 106, 120, 124. */
static gboolean
check_material (JsonObject      *item,
                const Material **material,
                const Finish   **finish,
                Outcome         *outcome)
{
  const char *material_id = _facet_json_get_string (item, "materialID");
  const char *finish_id = _facet_json_get_string (item, "finishID");
  const Material *owner = NULL;

  *material = _facet_is_guid (material_id) ? material_by_id (material_id) : NULL;
  *finish = _facet_is_guid (finish_id) ? finish_by_id (finish_id, &owner) : NULL;

  if (*material == NULL)
    fail (outcome, 105, "An unknown ID for the Material has been requested; please check the ID’s in the materials Catalog API.");
  else if (*finish == NULL)
    fail (outcome, 106, "An unknown ID for the color/finish has been requested; please check the ID’s in the materials catalog API.");
  else if (owner != *material)
    fail (outcome, 120, "Wrong combination of MaterialID and FinishingID");
  else if ((*material)->retired || (*finish)->retired)
    fail (outcome, 124, "The requested Material/Finish is no longer offered in the material catalog");

  return outcome->code == 0;
}

static gboolean
check_quantity (JsonObject *item,
                int        *quantity,
                Outcome    *outcome)
{
  gboolean present;
  double value;

  if (!_facet_json_get_double (item, "quantity", &present, &value) ||
      value < 1 || value != floor (value) || value > G_MAXINT)
    {
      fail (outcome, 107, "Quantity is wrong, please use only positive integers.");
      return FALSE;
    }
  *quantity = (int) value;
  return TRUE;
}

static gboolean
check_tool (const char     *tool_id,
            const Account **account,
            Outcome        *outcome)
{
  *account = _facet_is_guid (tool_id) ? account_by_tool_id (tool_id) : NULL;
  if (tool_id != NULL && g_ascii_strcasecmp (tool_id, DEACTIVATED_TOOL_ID) == 0)
    fail (outcome, 121, "Specified toolID is no more active.");
  else if (*account == NULL)
    fail (outcome, 101, "Wrong ToolID has been applied. To verify your ToolID, you should contact us at developers@i.materialise.com.");
  return outcome->code == 0;
}

/* 108-112: the five figures, positive decimals. */
static const struct
{
  const char *key;
  int         code;
  const char *message;
  int         mismatch_code;
  const char *mismatch;
} figures[] = {
  { "xDimMm", 108, "XDimMm is wrong, please use only positive decimal.", 3061,
    "Calculated XDimMm for the current CartItem is %s mm. It’s very different from the value you sent. Please verify your model parameters." },
  { "yDimMm", 109, "YDimMm is wrong, please use only positive decimal.", 3062,
    "Calculated YDimMm for the current CartItem is %s mm. It’s very different from the value you sent. Please verify your model parameters." },
  { "zDimMm", 110, "ZDimMm is wrong, please use only positive decimal.", 3063,
    "Calculated ZDimMm for the current CartItem is %s mm. It’s very different from the value you sent. Please verify your model parameters." },
  { "volumeCm3", 111, "VolumeCm3 is wrong, please use only positive decimal.", 307,
    "Calculated VolumeCm3 for the current CartItem is %s cm³. It’s very different from the value you sent. Please verify your model parameters." },
  { "surfaceCm2", 112, "SurfaceCm2 is wrong, please use only positive decimal.", 308,
    "Calculated SurfaceCm2 for the current CartItem is %s cm². It’s very different from the value you sent. Please verify your model parameters." },
};

static gboolean
check_figures (JsonObject *item,
               double      sent[5],
               Outcome    *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      gboolean present;

      if (!_facet_json_get_double (item, figures[i].key, &present, &sent[i]) || sent[i] <= 0)
        {
          fail (outcome, figures[i].code, "%s", figures[i].message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Cart Item Creation  POST /web-api/cartitems/register */

static void
set_number (JsonObject *object,
            const char *key,
            double      value)
{
  json_object_set_double_member (object, key, value);
}

static JsonObject *
register_item (Vendor     *self,
               JsonObject *item,
               Request    *request,
               const char *currency,
               gboolean   *failed)
{
  JsonObject *out = json_object_new ();
  g_auto(Outcome) outcome = { 0 };
  const char *tool_id = _facet_json_get_string (item, "toolID");
  const char *reference = _facet_json_get_string (item, "myCartItemReference");
  const char *units = _facet_json_get_string (item, "fileUnits");
  const char *model_id = _facet_json_get_string (item, "modelID");
  const char *file_name = _facet_json_get_string (item, "modelFileName");
  const Account *account = NULL;
  const Material *material = NULL;
  const Finish *finish = NULL;
  Model *model = NULL;
  double scale = 0, api_price = 0, sales_price = 0, price = 0;
  double sent[5] = { 0 }, calc[5] = { 0 };
  gboolean present, have_calc = FALSE, priced = FALSE;
  int quantity = 0;

  if (units == NULL || *units == '\0')
    units = "mm";
  if (model_id != NULL && *model_id == '\0')
    model_id = NULL;
  if (file_name != NULL && *file_name == '\0')
    file_name = NULL;

  /* Field checks, in the order of the seed's error table. */
  if (check_tool (tool_id, &account, &outcome))
    {
      if (reference == NULL || *reference == '\0' || g_utf8_strlen (reference, -1) > 100)
        fail (&outcome, 102, "ModelReference cannot be empty or more than 100 symbols.");
      else if (g_ascii_strcasecmp (units, "mm") != 0 && g_ascii_strcasecmp (units, "inch") != 0)
        fail (&outcome, 103, "This FileUnits value is not supported, please specify mm or inch.");
      else if (!_facet_json_get_double (item, "fileScaleFactor", &present, &scale) || scale <= 0)
        fail (&outcome, 104, "FileScaleFactor is wrong.");
      else if (check_material (item, &material, &finish, &outcome) &&
               check_quantity (item, &quantity, &outcome) &&
               check_figures (item, sent, &outcome))
        {
          if (!_facet_json_get_double (item, "iMatAPIPrice", &present, &api_price) || api_price < 0)
            fail (&outcome, 113, "IMatPrice is wrong, please use only positive decimals.");
          else if (!_facet_json_get_double (item, "mySalesPrice", &present, &sales_price) || sales_price < 0)
            fail (&outcome, 114, "SalesPrice is wrong, please use only positive decimal.");
          else if (model_id == NULL && file_name == NULL)
            fail (&outcome, 115, "Please, send ModelId of previously uploaded model or new ModelFileName.");
          else if (model_id != NULL && file_name != NULL)
            fail (&outcome, 116, "Please, send or ModelId of previously uploaded model or new ModelFile, but not both.");
          else if (model_id != NULL)
            {
              model = _facet_is_guid (model_id) ? g_hash_table_lookup (self->models, model_id) : NULL;
              if (model == NULL)
                fail (&outcome, 117, "Model with ID %s is not found.", model_id);
              else if (g_ascii_strcasecmp (model->tool_id, tool_id) != 0)
                {
                  fail (&outcome, 122, "Specified ModelID was created with another ToolID.");
                  model = NULL;
                }
              else
                {
                  outcome.status = model->status;
                  if (g_str_equal (model->status, "StillNeedsFixing"))
                    fail (&outcome, 303, "We cannot process this model. Check if model is correct.");
                }
            }
          else if (g_utf8_strlen (file_name, -1) > 120)
            fail (&outcome, 123, "Model file name is too long. It should not exceed 120 characters.");
          else
            {
              Part *part = find_file (request, file_name);

              if (part == NULL)
                fail (&outcome, 118, "File %s is not provided.", file_name);
              else
                model = process_file (self, account, tool_id, file_name, units, part->bytes, &outcome);
            }
        }
    }

  if (model != NULL)
    {
      for (int i = 0; i < 3; i++)
        calc[i] = model->dims[i] * scale;
      calc[3] = model->volume * scale * scale * scale;
      calc[4] = model->area * scale * scale;
      have_calc = TRUE;
    }

  if (outcome.code == 0 && model != NULL)
    {
      price = check_and_price (material, finish, calc, calc[3], calc[4], quantity, currency, &outcome);
      priced = outcome.code == 0;
    }

  /* Consistency with what the caller sent; the dummy 1 means unknown. */
  for (guint i = 0; outcome.code == 0 && priced && i < G_N_ELEMENTS (figures); i++)
    if (sent[i] != 1 && fabs (sent[i] - calc[i]) > TOLERANCE * calc[i])
      {
        g_autofree char *value = format_number (round (calc[i] * 10000) / 10000);

        fail (&outcome, figures[i].mismatch_code, figures[i].mismatch, value);
      }
  if (outcome.code == 0 && priced)
    {
      char amount[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (amount, sizeof amount, "%.2f", price);
      if (api_price > 0 && sales_price > 0 && sales_price < api_price)
        fail (&outcome, 209, "SalesPrice cannot be less than IMatPrice.");
      else if (api_price > 0 && fabs (api_price - price) > TOLERANCE * price)
        fail (&outcome, 210, "Calculated IMatPrice for the current CartItem is %s %s. It’s very different from the value you sent. Please verify your price with our pricing API.", amount, currency);
      else if (sales_price > 0 && sales_price < price)
        fail (&outcome, 211, "Calculated IMatPrice for the current CartItem is %s %s. SalesPrice cannot be less than recalculated IMatPrice. Please verify your price with our pricing API.", amount, currency);
    }
  if (outcome.code == 0 && priced && api_price == 0 && sales_price == 0)
    api_price = sales_price = price;

  /* The reply, in the order of the seed's examples. */
  json_object_set_string_member (out, "myCartItemReference", reference != NULL ? reference : "");
  if (outcome.code != 0)
    json_object_set_object_member (out, "cartItemError", error_object (outcome.code, outcome.message));
  else
    {
      g_autoptr(GDateTime) now = sandbox_now (self);
      CartItem *stored = g_new0 (CartItem, 1);

      stored->id = g_uuid_string_random ();
      stored->reference = g_strdup (reference);
      stored->tool_id = g_strdup (tool_id);
      stored->account = account;
      stored->model_id = g_strdup (model->id);
      stored->file_name = g_strdup (model->file_name);
      stored->material = material;
      stored->finish = finish;
      stored->quantity = quantity;
      memcpy (stored->dims, calc, sizeof stored->dims);
      stored->volume = calc[3];
      stored->area = calc[4];
      stored->price = price;
      stored->sales_price = sales_price;
      stored->currency = g_strdup (currency);
      stored->valid_until = valid_until_from (now);
      g_hash_table_replace (self->cart_items, stored->id, stored);
      json_object_set_string_member (out, "cartItemID", stored->id);
    }
  json_object_set_string_member (out, "toolID", tool_id != NULL ? tool_id : "");
  if (model != NULL)
    json_object_set_string_member (out, "modelID", model->id);
  if (model != NULL || file_name != NULL)
    json_object_set_string_member (out, "modelFileName", model != NULL ? model->file_name : file_name);
  json_object_set_string_member (out, "fileUnits", units);
  set_number (out, "fileScaleFactor", scale);
  if (outcome.status != NULL)
    json_object_set_string_member (out, "uploadStatus", outcome.status);
  json_object_set_string_member (out, "materialID", _facet_json_get_string (item, "materialID") ?: "");
  if (material != NULL)
    json_object_set_string_member (out, "materialName", material->name);
  json_object_set_string_member (out, "finishID", _facet_json_get_string (item, "finishID") ?: "");
  if (finish != NULL)
    json_object_set_string_member (out, "finishName", finish->name);
  json_object_set_int_member (out, "quantity", quantity);
  if (have_calc)
    for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
      set_number (out, figures[i].key, round (calc[i] * 1e10) / 1e10);
  set_number (out, "iMatAPIPrice", api_price);
  set_number (out, "mySalesPrice", sales_price);
  set_number (out, "mySalesUnitPrice", quantity > 0 ? round2 (sales_price / quantity) : 0);
  if (outcome.code == 0)
    {
      CartItem *stored = g_hash_table_lookup (self->cart_items, json_object_get_string_member (out, "cartItemID"));
      g_autofree char *valid = format_cet (stored->valid_until);

      set_number (out, "iMatPrice", price);
      json_object_set_string_member (out, "validUntil", valid);
    }

  *failed = outcome.code != 0;
  return out;
}

static void
handle_register (Vendor            *self,
                 SoupServerMessage *msg)
{
  g_auto(Request) request = { 0 };
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) items_out = json_array_new ();
  JsonObject *body;
  JsonArray *items;
  const char *currency;
  gboolean any_failed = FALSE;

  read_request (msg, &request);
  body = request_object (&request);
  items = _facet_json_get_array (body, "cartItems");
  currency = _facet_json_get_string (body, "currency");

  json_object_set_string_member (out, "currency", currency != NULL ? currency : "");
  if (body == NULL || items == NULL)
    {
      json_object_set_object_member (out, "error", error_object (401, "Wrong request body. Check if all parameters set correctly"));
      reply (msg, g_steal_pointer (&out));
      return;
    }
  if (!currency_supported (currency))
    {
      json_object_set_object_member (out, "error", error_object (402, "Currency is not supported, please specify EUR/USD/JPY/GBP."));
      reply (msg, g_steal_pointer (&out));
      return;
    }
  if (json_array_get_length (items) > MAX_ITEMS)
    {
      g_autofree char *message = g_strdup_printf ("You can’t create more than %d CartItems in a single request.", MAX_ITEMS);

      json_object_set_object_member (out, "error", error_object (403, message));
      reply (msg, g_steal_pointer (&out));
      return;
    }
  if (json_array_get_length (items) == 0)
    {
      json_object_set_object_member (out, "error", error_object (401, "Wrong request body. Check if all parameters set correctly"));
      reply (msg, g_steal_pointer (&out));
      return;
    }

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      gboolean failed = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          json_object_set_object_member (out, "error", error_object (401, "Wrong request body. Check if all parameters set correctly"));
          reply (msg, g_steal_pointer (&out));
          return;
        }
      json_array_add_object_element (items_out, register_item (self, json_node_get_object (node), &request, currency, &failed));
      any_failed |= failed;
    }

  if (any_failed)
    json_object_set_object_member (out, "error", error_object (404, "At least one of item in the request contains an error."));
  json_object_set_array_member (out, "cartItems", g_steal_pointer (&items_out));
  reply (msg, g_steal_pointer (&out));
}

/* Model upload  POST /web-api/tool/{toolID}/model */

static void
handle_upload (Vendor            *self,
               SoupServerMessage *msg,
               const char        *tool_id)
{
  g_auto(Request) request = { 0 };
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) errors = json_array_new ();
  g_auto(Outcome) outcome = { 0 };
  const Account *account = NULL;
  const char *units;
  Part *part = NULL;
  Model *model = NULL;

  read_request (msg, &request);
  units = g_hash_table_lookup (request.fields, "fileunits");
  if (units == NULL || *units == '\0')
    units = "mm";
  if (request.files->len > 0)
    {
      part = find_file (&request, "file");
      if (part == NULL)
        part = g_ptr_array_index (request.files, 0);
    }

  if (check_tool (tool_id, &account, &outcome))
    {
      if (g_ascii_strcasecmp (units, "mm") != 0 && g_ascii_strcasecmp (units, "inch") != 0)
        fail (&outcome, 103, "This FileUnits value is not supported, please specify mm or inch.");
      else if (part == NULL)
        {
          const char *url = g_hash_table_lookup (request.fields, "fileurl");

          /* The sandbox is offline: it cannot fetch a fileUrl. */
          fail (&outcome, 118, "File %s is not provided.", url != NULL && *url != '\0' ? url : "file");
        }
      else if (g_utf8_strlen (part->filename, -1) > 120)
        fail (&outcome, 123, "Model file name is too long. It should not exceed 120 characters.");
      else
        model = process_file (self, account, tool_id, part->filename, units, part->bytes, &outcome);
    }

  json_object_set_string_member (out, "toolID", tool_id);
  if (model != NULL)
    {
      g_autoptr(GDateTime) now = sandbox_now (self);
      g_autoptr(GDateTime) until = valid_until_from (now);
      g_autofree char *valid = format_cet (until);
      g_autofree char *status = g_strdup (model->status);

      /* The upload API spells the statuses in camel case. */
      status[0] = g_ascii_tolower (status[0]);
      json_object_set_string_member (out, "modelID", model->id);
      json_object_set_string_member (out, "modelFileName", model->file_name);
      json_object_set_string_member (out, "fileUnits", model->units);
      for (guint i = 0; i < 3; i++)
        set_number (out, figures[i].key, round (model->dims[i] * 1e10) / 1e10);
      set_number (out, "volumeCm3", round (model->volume * 1e10) / 1e10);
      set_number (out, "surfaceCm2", round (model->area * 1e10) / 1e10);
      json_object_set_string_member (out, "modelStatus", status);
      json_object_set_string_member (out, "validUntil", valid);
    }
  else
    {
      json_object_set_string_member (out, "modelFileName", part != NULL ? part->filename : "");
      json_object_set_string_member (out, "fileUnits", units);
      if (outcome.status != NULL)
        json_object_set_string_member (out, "modelStatus", "backEndException");
    }
  if (outcome.code != 0)
    json_array_add_object_element (errors, error_object (outcome.code, outcome.message));
  json_object_set_array_member (out, "error", g_steal_pointer (&errors));
  reply (msg, g_steal_pointer (&out));
}

/* Shipment */

static gboolean
in_eu (const char *country)
{
  static const char *eu = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK";

  return country != NULL && strlen (country) == 2 && strstr (eu, country) != NULL;
}

static JsonObject *
shipment_cost (const char *country,
               const char *currency)
{
  JsonObject *cost = json_object_new ();
  JsonArray *services = json_array_new ();
  static const struct { const char *name; double eu, na, world; int days_eu, days_na, days_world; } table[] = {
    { "Standard", 9.95, 14.95, 19.95, 5, 7, 10 },
    { "Express", 24.95, 39.95, 49.95, 2, 3, 4 },
  };
  g_autofree char *upper = g_ascii_strup (country, -1);
  gboolean eu = in_eu (upper);
  gboolean na = g_strcmp0 (upper, "US") == 0 || g_strcmp0 (upper, "CA") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      JsonObject *service = json_object_new ();
      double eur = eu ? table[i].eu : na ? table[i].na : table[i].world;

      json_object_set_string_member (service, "name", table[i].name);
      set_number (service, "value", round_currency (eur * _facet_sandbox_ecb_rate (currency), currency));
      json_object_set_int_member (service, "daysInTransit", eu ? table[i].days_eu : na ? table[i].days_na : table[i].days_world);
      json_array_add_object_element (services, service);
    }
  json_object_set_array_member (cost, "services", services);
  return cost;
}

static double
service_price (JsonObject *cost,
               const char *name,
               gboolean   *found)
{
  JsonArray *services = json_object_get_array_member (cost, "services");

  *found = FALSE;
  for (guint i = 0; name != NULL && i < json_array_get_length (services); i++)
    {
      JsonObject *service = json_array_get_object_element (services, i);

      if (g_ascii_strcasecmp (json_object_get_string_member (service, "name"), name) == 0)
        {
          *found = TRUE;
          return json_object_get_double_member (service, "value");
        }
    }
  return 0;
}

/* Pricing  POST /web-api/pricing and /web-api/pricing/model */

static void
handle_pricing (Vendor            *self,
                SoupServerMessage *msg,
                gboolean           by_model)
{
  g_auto(Request) request = { 0 };
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) models_out = json_array_new ();
  g_autoptr(GDateTime) now = sandbox_now (self);
  g_autoptr(GDateTime) until = valid_until_from (now);
  g_autofree char *valid = format_cet (until);
  JsonObject *body, *destination;
  JsonArray *models;
  const char *currency;
  const char *country;

  if (account_by_api_code (msg) == NULL)
    {
      reply_unauthorized (msg);
      return;
    }

  read_request (msg, &request);
  body = request_object (&request);
  models = _facet_json_get_array (body, "models");
  currency = _facet_json_get_string (body, "currency");
  /* Clients send the destination as shipmentInfo or shippingInfo. */
  destination = _facet_json_get_object (body, "shipmentInfo");
  if (destination == NULL)
    destination = _facet_json_get_object (body, "shippingInfo");
  country = _facet_json_get_string (destination, "countryCode");

  if (body == NULL || models == NULL || json_array_get_length (models) == 0)
    {
      json_object_set_object_member (out, "requestError", error_object (401, "Wrong request body. Check if all parameters set correctly"));
      reply (msg, g_steal_pointer (&out));
      return;
    }
  if (!currency_supported (currency))
    {
      json_object_set_string_member (out, "currency", currency != NULL ? currency : "");
      json_object_set_object_member (out, "requestError", error_object (402, "Currency is not supported, please specify EUR/USD/JPY/GBP."));
      reply (msg, g_steal_pointer (&out));
      return;
    }

  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *model_out = json_object_new ();
      g_auto(Outcome) outcome = { 0 };
      const Account *account = NULL;
      const Material *material = NULL;
      const Finish *finish = NULL;
      Model *model = NULL;
      double figures_mm[5] = { 0 };
      double price = 0, scale = 1;
      gboolean present;
      int quantity = 0;

      if (item == NULL)
        fail (&outcome, 401, "Wrong request body. Check if all parameters set correctly");
      else if (by_model)
        {
          const char *model_id = _facet_json_get_string (item, "modelID");

          model = _facet_is_guid (model_id) ? g_hash_table_lookup (self->models, model_id) : NULL;
          json_object_set_string_member (model_out, "modelID", model_id != NULL ? model_id : "");
          if (model == NULL)
            fail (&outcome, 117, "Model with ID %s is not found.", model_id != NULL ? model_id : "");
          else if (g_str_equal (model->status, "StillNeedsFixing"))
            fail (&outcome, 303, "We cannot process this model. Check if model is correct.");
          else if (_facet_json_get (item, "scale") != NULL &&
                   (!_facet_json_get_double (item, "scale", &present, &scale) || scale <= 0))
            fail (&outcome, 104, "FileScaleFactor is wrong.");
          else if (check_material (item, &material, &finish, &outcome) &&
                   check_quantity (item, &quantity, &outcome))
            {
              for (int k = 0; k < 3; k++)
                figures_mm[k] = model->dims[k] * scale;
              figures_mm[3] = model->volume * scale * scale * scale;
              figures_mm[4] = model->area * scale * scale;
            }
          set_number (model_out, "scale", scale);
        }
      else
        {
          const char *tool_id = _facet_json_get_string (item, "toolID");
          const char *reference = _facet_json_get_string (item, "modelReference");

          json_object_set_string_member (model_out, "toolID", tool_id != NULL ? tool_id : "");
          json_object_set_string_member (model_out, "modelReference", reference != NULL ? reference : "");
          if (check_tool (tool_id, &account, &outcome) &&
              check_material (item, &material, &finish, &outcome) &&
              check_quantity (item, &quantity, &outcome))
            check_figures (item, figures_mm, &outcome);
        }

      if (outcome.code == 0)
        price = check_and_price (material, finish, figures_mm, figures_mm[3], figures_mm[4], quantity, currency, &outcome);

      json_object_set_string_member (model_out, "materialID", _facet_json_get_string (item, "materialID") ?: "");
      if (material != NULL)
        json_object_set_string_member (model_out, "materialName", material->name);
      json_object_set_string_member (model_out, "finishID", _facet_json_get_string (item, "finishID") ?: "");
      if (finish != NULL)
        json_object_set_string_member (model_out, "finishName", finish->name);
      json_object_set_int_member (model_out, "quantity", quantity);
      for (guint k = 0; k < G_N_ELEMENTS (figures); k++)
        set_number (model_out, figures[k].key, round (figures_mm[k] * 1e10) / 1e10);
      if (outcome.code == 0)
        {
          set_number (model_out, "totalPrice", price);
          json_object_set_string_member (model_out, "currency", currency);
          json_object_set_string_member (model_out, "validUntil", valid);
        }
      else
        json_object_set_object_member (model_out, "modelError", error_object (outcome.code, outcome.message));
      json_array_add_object_element (models_out, model_out);
    }

  json_object_set_array_member (out, "models", g_steal_pointer (&models_out));
  if (country != NULL && *country != '\0')
    json_object_set_object_member (out, "shipmentCost", shipment_cost (country, currency));
  json_object_set_string_member (out, "currency", currency);
  json_object_set_string_member (out, "disclaimer",
                                 "Prices exclude VAT. Shipment costs are estimates for the given destination. (Facet sandbox: not a real offer.)");
  reply (msg, g_steal_pointer (&out));
}

/* Cart Creation  POST /web-api/cart/post */

static const char *address_required[] = { "firstName", "lastName", "email", "phone", "line1", "countryCode", "zipCode", "city" };

/* Copies the address with the seed's key spelling; the first missing
 * required field goes to *missing. */
static JsonObject *
read_address (JsonObject  *in,
              gboolean     billing,
              const char **missing)
{
  static const char *keys[] = { "firstName", "lastName", "email", "phone", "company", "vatNumber",
                                "line1", "line2", "countryCode", "stateCode", "zipCode", "city" };
  JsonObject *out = json_object_new ();

  *missing = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = _facet_json_get_string (in, keys[i]);

      if (!billing && g_str_equal (keys[i], "vatNumber"))
        continue;
      json_object_set_string_member (out, keys[i], value != NULL ? value : "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (address_required); i++)
    {
      const char *value = json_object_get_string_member (out, address_required[i]);

      if (*missing == NULL && *value == '\0')
        *missing = address_required[i];
    }
  return out;
}

static void
reply_request_error (SoupServerMessage *msg,
                     JsonObject        *out,
                     int                code,
                     const char        *message)
{
  json_object_set_object_member (out, "requestError", error_object (code, message));
  reply (msg, out);
}

static JsonObject *
cart_item_json (CartItem *item)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "cartItemID", item->id);
  json_object_set_string_member (object, "myCartItemReference", item->reference);
  json_object_set_string_member (object, "modelID", item->model_id);
  json_object_set_string_member (object, "modelFileName", item->file_name);
  json_object_set_string_member (object, "materialID", item->material->id);
  json_object_set_string_member (object, "materialName", item->material->name);
  json_object_set_string_member (object, "finishID", item->finish->id);
  json_object_set_string_member (object, "finishName", item->finish->name);
  json_object_set_int_member (object, "quantity", item->quantity);
  set_number (object, "iMatPrice", item->price);
  set_number (object, "mySalesPrice", item->sales_price);
  return object;
}

static void
handle_cart (Vendor            *self,
             SoupServerMessage *msg)
{
  g_auto(Request) request = { 0 };
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(GDateTime) now = sandbox_now (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(JsonObject) shipping = NULL;
  g_autoptr(JsonObject) billing = NULL;
  g_autoptr(JsonArray) items_out = json_array_new ();
  g_autofree char *valid = NULL;
  g_autofree char *shipment_day = NULL;
  const Account *account = account_by_api_code (msg);
  JsonObject *body;
  JsonArray *ids;
  const char *currency, *reference, *missing = NULL;
  int days = 0;
  Cart *cart;

  if (account == NULL)
    {
      reply_unauthorized (msg);
      return;
    }

  read_request (msg, &request);
  body = request_object (&request);
  ids = _facet_json_get_array (body, "cartItems");
  currency = _facet_json_get_string (body, "currency");
  reference = _facet_json_get_string (body, "myCartReference");

  if (body == NULL || ids == NULL || json_array_get_length (ids) == 0 ||
      _facet_json_get_object (body, "shippingInfo") == NULL)
    {
      reply_request_error (msg, g_steal_pointer (&out), 401, "Wrong request body. Check if all parameters set correctly");
      return;
    }
  if (!currency_supported (currency))
    {
      reply_request_error (msg, g_steal_pointer (&out), 402, "Currency is not supported, please specify EUR/USD/JPY/GBP.");
      return;
    }

  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *node = json_array_get_element (ids, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? _facet_json_get_string (json_node_get_object (node), "cartItemID")
                       : JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
      CartItem *item = id != NULL ? g_hash_table_lookup (self->cart_items, id) : NULL;
      g_autofree char *message = NULL;

      if (item == NULL || item->account != account)
        message = g_strdup_printf ("Cart item %s is not found.", id != NULL ? id : "(no cartItemID)");
      else if (g_date_time_compare (now, item->valid_until) > 0)
        message = g_strdup_printf ("Cart item %s is no longer valid: cart items stay valid for %d days.", id, VALIDITY_DAYS);
      else if (!g_str_equal (item->currency, currency))
        message = g_strdup_printf ("Cart item %s was created in %s, not in %s.", id, item->currency, currency);
      if (message != NULL)
        {
          reply_request_error (msg, g_steal_pointer (&out), 1, message);
          return;
        }
      g_ptr_array_add (items, item);
    }

  shipping = read_address (_facet_json_get_object (body, "shippingInfo"), FALSE, &missing);
  if (missing == NULL)
    billing = read_address (_facet_json_get_object (body, "billingInfo") != NULL
                            ? _facet_json_get_object (body, "billingInfo")
                            : _facet_json_get_object (body, "shippingInfo"), TRUE, &missing);
  if (missing != NULL)
    {
      g_autofree char *message = g_strdup_printf ("The %s address has no %s; the shipment cost cannot be calculated.",
                                                  billing == NULL ? "shipping" : "billing", missing);
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }

  cart = g_new0 (Cart, 1);
  cart->id = g_uuid_string_random ();
  cart->reference = g_strdup (reference != NULL ? reference : "");
  cart->account = account;
  cart->currency = g_strdup (currency);
  cart->items = g_ptr_array_ref (items);
  cart->shipping = json_object_ref (shipping);
  cart->billing = json_object_ref (billing);
  for (guint i = 0; i < items->len; i++)
    {
      CartItem *item = g_ptr_array_index (items, i);

      cart->subtotal += item->price;
      days = MAX (days, item->material->days_max);
      json_array_add_object_element (items_out, cart_item_json (item));
    }
  cart->subtotal = round_currency (cart->subtotal, currency);
  cart->vat_percent = in_eu (json_object_get_string_member (shipping, "countryCode")) ? 21.0 : 0.0;
  cart->valid_until = valid_until_from (now);
  g_hash_table_replace (self->carts, cart->id, cart);

  valid = format_cet (cart->valid_until);
  {
    g_autoptr(GDateTime) ships = g_date_time_add_days (now, days + 2 * (days / 5));
    shipment_day = format_order_day (ships);
  }

  json_object_set_string_member (out, "cartID", cart->id);
  json_object_set_string_member (out, "cartReference", cart->reference);
  json_object_set_string_member (out, "currency", currency);
  set_number (out, "subTotalPrice", cart->subtotal);
  set_number (out, "discount", 0);
  set_number (out, "vatTaxPercentage", cart->vat_percent);
  json_object_set_string_member (out, "validUntil", valid);
  json_object_set_string_member (out, "expectedShipmentDate", shipment_day);
  json_object_set_string_member (out, "shipmentDateComment",
                                 "The expected shipment date assumes the order is placed today.");
  json_object_set_int_member (out, "requestNumber", ++self->next_request);
  json_object_set_object_member (out, "shipmentCost",
                                 shipment_cost (json_object_get_string_member (shipping, "countryCode"), currency));
  json_object_set_array_member (out, "cartItems", g_steal_pointer (&items_out));
  json_object_set_object_member (out, "shippingInfo", json_object_ref (shipping));
  json_object_set_object_member (out, "billingInfo", json_object_ref (billing));
  reply (msg, g_steal_pointer (&out));
}

/* Cart Checkout  POST /web-api/order/post */

static char *
new_number (Vendor *self)
{
  return g_strdup_printf ("IMC%06u", self->next_number++);
}

static void
handle_checkout (Vendor            *self,
                 SoupServerMessage *msg)
{
  g_auto(Request) request = { 0 };
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonObject) cost = NULL;
  g_autoptr(GDateTime) now = sandbox_now (self);
  const Account *account = account_by_api_code (msg);
  JsonObject *body;
  const char *cart_id, *service, *reference, *remarks;
  double shipping_price, vat, total;
  gboolean found, direct = FALSE;
  JsonNode *direct_node;
  Cart *cart;
  Order *order;

  if (account == NULL)
    {
      reply_unauthorized (msg);
      return;
    }

  read_request (msg, &request);
  body = request_object (&request);
  cart_id = _facet_json_get_string (body, "cartID");
  service = _facet_json_get_string (body, "shipmentService");
  reference = _facet_json_get_string (body, "myOrderReference");
  remarks = _facet_json_get_string (body, "remarks");
  direct_node = _facet_json_get (body, "directMailingAllowed");
  if (direct_node != NULL && JSON_NODE_HOLDS_VALUE (direct_node))
    direct = json_node_get_value_type (direct_node) == G_TYPE_BOOLEAN
             ? json_node_get_boolean (direct_node)
             : g_ascii_strcasecmp (json_node_get_string (direct_node) ?: "", "true") == 0;

  if (body == NULL || cart_id == NULL)
    {
      reply_request_error (msg, g_steal_pointer (&out), 401, "Wrong request body. Check if all parameters set correctly");
      return;
    }

  cart = g_hash_table_lookup (self->carts, cart_id);
  if (cart == NULL || cart->account != account)
    {
      g_autofree char *message = g_strdup_printf ("Cart %s is not found.", cart_id);
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }
  if (cart->order_id != NULL)
    {
      g_autofree char *message = g_strdup_printf ("Cart %s has already been ordered.", cart_id);
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }
  if (g_date_time_compare (now, cart->valid_until) > 0)
    {
      g_autofree char *message = g_strdup_printf ("Cart %s is no longer valid: carts stay valid for %d days.", cart_id, VALIDITY_DAYS);
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }
  cost = shipment_cost (json_object_get_string_member (cart->shipping, "countryCode"), cart->currency);
  shipping_price = service_price (cost, service, &found);
  if (!found)
    {
      g_autofree char *message = g_strdup_printf ("Shipment service “%s” is not offered for this cart; use Standard or Express.",
                                                  service != NULL ? service : "");
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }

  vat = round_currency ((cart->subtotal + shipping_price) * cart->vat_percent / 100.0, cart->currency);
  total = round_currency (cart->subtotal + shipping_price + vat, cart->currency);

  order = g_new0 (Order, 1);
  order->id = g_uuid_string_random ();
  order->number = new_number (self);
  order->account = account;
  order->test = account->test;
  order->requested = g_date_time_ref (now);
  order->base_status = 2;
  order->clock_driven = TRUE;
  order->advances = g_array_new (FALSE, FALSE, sizeof (gint64));
  order->currency = g_strdup (cart->currency);
  order->total = total;
  order->remarks = g_strdup (remarks != NULL ? remarks : "");
  order->service = g_strdup (json_object_get_string_member (json_array_get_object_element (
      json_object_get_array_member (cost, "services"), g_ascii_strcasecmp (service, "Express") == 0 ? 1 : 0), "name"));
  order->shipping = json_object_ref (cart->shipping);
  order->billing = json_object_ref (cart->billing);
  order->items = json_array_new ();
  order->confirmation_id = g_uuid_string_random ();
  for (guint i = 0; i < cart->items->len; i++)
    {
      CartItem *item = g_ptr_array_index (cart->items, i);
      JsonObject *object = json_object_new ();
      double price = item->sales_price > 0 ? item->sales_price : item->price;

      json_object_set_string_member (object, "cartItemID", item->id);
      json_object_set_string_member (object, "cartItemReference", item->reference);
      json_object_set_string_member (object, "toolID", item->tool_id);
      json_object_set_string_member (object, "modelID", item->model_id);
      json_object_set_string_member (object, "orderItemName", item->file_name);
      json_object_set_string_member (object, "materialID", item->material->id);
      json_object_set_string_member (object, "materialName", item->material->name);
      json_object_set_string_member (object, "finishID", item->finish->id);
      json_object_set_string_member (object, "finishName", item->finish->name);
      for (guint k = 0; k < 3; k++)
        set_number (object, figures[k].key, round (item->dims[k] * 1e10) / 1e10);
      set_number (object, "volumeCm3", round (item->volume * 1e10) / 1e10);
      set_number (object, "surfaceCm2", round (item->area * 1e10) / 1e10);
      json_object_set_int_member (object, "quantity", item->quantity);
      set_number (object, "orderItemPrice", price);
      set_number (object, "orderItemUnitPrice", round2 (price / item->quantity));
      json_array_add_object_element (order->items, object);
    }
  g_ptr_array_add (self->orders, order);
  cart->order_id = g_strdup (order->id);

  json_object_set_string_member (out, "orderID", order->id);
  json_object_set_string_member (out, "orderNumber", order->number);
  json_object_set_int_member (out, "requestNumber", ++self->next_request);
  json_object_set_string_member (out, "cartID", cart->id);
  json_object_set_string_member (out, "myOrderReference", reference != NULL ? reference : "");
  json_object_set_boolean_member (out, "directMailingAllowed", direct);
  json_object_set_string_member (out, "currency", order->currency);
  json_object_set_string_member (out, "remarks", order->remarks);
  json_object_set_string_member (out, "myInvoiceLink", _facet_json_get_string (body, "myInvoiceLink") ?: "");
  json_object_set_string_member (out, "myDeliveryNoteLink", _facet_json_get_string (body, "myDeliveryNoteLink") ?: "");
  set_number (out, "subtotalPrice", cart->subtotal);
  set_number (out, "shipmentCost", shipping_price);
  set_number (out, "discount", 0);
  set_number (out, "vatTax", vat);
  set_number (out, "totalPrice", total);
  if (order->test)
    json_object_set_string_member (out, "warning",
                                   "This is a sandbox server: the order is a test order and will not be produced or billed.");
  reply (msg, g_steal_pointer (&out));
}

/* Order progression */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The status at @now: one step per sandbox day after checkout (clock-
 * driven orders) plus one per control advance. *shipped and *delivered
 * receive the unix times those statuses were reached, or 0. */
static int
order_status (Order     *order,
              GDateTime *now,
              gint64    *shipped,
              gint64    *delivered)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = g_date_time_to_unix (order->requested);
  gint64 limit = g_date_time_to_unix (now);
  int status = order->base_status;

  *shipped = *delivered = 0;
  if (order->cancelled)
    return 0;

  g_array_append_vals (events, order->advances->data, order->advances->len);
  if (order->clock_driven)
    for (gint64 day = 1; day <= 7 - order->base_status; day++)
      {
        gint64 t = start + day * 86400;
        g_array_append_val (events, t);
      }
  g_array_sort (events, compare_gint64);

  for (guint i = 0; i < events->len && status < 7; i++)
    {
      gint64 t = g_array_index (events, gint64, i);

      if (t > limit)
        break;
      status++;
      if (status == 6)
        *shipped = t;
      if (status == 7)
        *delivered = t;
    }
  return status;
}

static Order *
find_order (Vendor     *self,
            const char *reference)
{
  for (guint i = 0; reference != NULL && i < self->orders->len; i++)
    {
      Order *order = g_ptr_array_index (self->orders, i);

      if (g_ascii_strcasecmp (order->id, reference) == 0 || g_ascii_strcasecmp (order->number, reference) == 0)
        return order;
    }
  return NULL;
}

static JsonObject *
order_json (Vendor    *self,
            Order     *order,
            GDateTime *now)
{
  JsonObject *object = json_object_new ();
  gint64 shipped, delivered;
  int status = order_status (order, now, &shipped, &delivered);
  g_autofree char *link = g_strdup_printf ("%s/imaterialise/en/ordering/order-confirmation/%s", base_url (self), order->confirmation_id);
  g_autofree char *requested = format_order_time (order->requested);
  g_autofree char *digits = g_strdup (order->number + 3);

  json_object_set_string_member (object, "orderID", order->id);
  json_object_set_string_member (object, "orderNumber", order->number);
  json_object_set_string_member (object, "orderconfirmationLink", link);
  json_object_set_int_member (object, "statusCode", status);
  json_object_set_string_member (object, "statusName", status_names[status]);
  json_object_set_boolean_member (object, "isOnHold", order->on_hold);
  json_object_set_string_member (object, "requestedDate", requested);
  if (status >= 3)
    {
      g_autoptr(GDateTime) estimate = g_date_time_add_days (order->requested, 7);
      g_autofree char *text = format_order_day (estimate);

      json_object_set_string_member (object, "estimatedShipmentDate", text);
    }
  else
    json_object_set_string_member (object, "estimatedShipmentDate", "");
  if (status >= 6)
    {
      g_autoptr(GDateTime) at = shipped > 0 ? g_date_time_new_from_unix_utc (shipped) : g_date_time_ref (order->requested);
      g_autofree char *text = format_order_time (at);
      g_autofree char *tracking = g_strdup_printf ("1Z999AA1%09u", (guint) g_str_hash (order->id) % 1000000000u);

      json_object_set_string_member (object, "shipmentDate", text);
      if (status >= 7)
        {
          g_autoptr(GDateTime) on = delivered > 0 ? g_date_time_new_from_unix_utc (delivered) : g_date_time_ref (at);
          g_autofree char *day = format_order_day (on);

          json_object_set_string_member (object, "deliveryDate", day);
        }
      json_object_set_string_member (object, "trackingNumber", tracking);
    }
  json_object_set_string_member (object, "shipmentService", order->service);
  if (status >= 6)
    {
      g_autofree char *invoice = g_strdup_printf ("IMA%s", digits);
      g_autofree char *invoice_link = g_strdup_printf ("%s/imaterialise/en/invoice/%s", base_url (self), order->id);

      json_object_set_string_member (object, "invoiceNumber", invoice);
      json_object_set_string_member (object, "invoiceLink", invoice_link);
    }
  if (status == 0)
    {
      g_autofree char *credit = g_strdup_printf ("ICN%s", digits);

      json_object_set_string_member (object, "creditNoteNumber", credit);
    }
  json_object_set_string_member (object, "currency", order->currency);
  set_number (object, "totalPrice", order->total);
  json_object_set_string_member (object, "orderRemarks", order->remarks);
  json_object_set_object_member (object, "shippingInfo", json_object_ref (order->shipping));
  json_object_set_object_member (object, "billingInfo", json_object_ref (order->billing));
  json_object_set_array_member (object, "orderItems", json_array_ref (order->items));
  return object;
}

static JsonObject *
order_not_found (const char *key,
                 const char *value)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "orderID", g_str_equal (key, "id") ? value : "");
  json_object_set_string_member (object, "orderNumber", g_str_equal (key, "number") ? value : "");
  json_object_set_object_member (object, "shippingInfo", json_object_new ());
  json_object_set_object_member (object, "billingInfo", json_object_new ());
  json_object_set_array_member (object, "orderItems", json_array_new ());
  json_object_set_object_member (object, "orderError",
                                 error_object (108, "No results found matching the requested parameters, please try other parameters."));
  return object;
}

/* DD-MM-YYYY at 00:00 CET. */
static GDateTime *
parse_day (const char *text)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
  int d, m, y;
  char tail;

  if (text == NULL || sscanf (text, "%2d-%2d-%4d%c", &d, &m, &y, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new (cet, y, m, d, 0, 0, 0);
}

static void
handle_order_status (Vendor            *self,
                     SoupServerMessage *msg)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) orders = json_array_new ();
  g_autoptr(GDateTime) now = sandbox_now (self);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *date_from = NULL, *date_to = NULL, *language = NULL;
  const Account *account = account_by_api_code (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_auto(GStrv) pairs = NULL;
  guint status_mask = 0;
  int bad_status = -1;
  gboolean bad = FALSE;

  if (account == NULL)
    {
      reply_unauthorized (msg);
      return;
    }

  /* Parameters repeat (status=0&status=2), so read the query by hand. */
  pairs = g_strsplit (query != NULL ? query : "", "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *key = NULL, *value = NULL;

      if (eq == NULL)
        continue;
      *eq = '\0';
      key = g_uri_unescape_string (pairs[i], NULL);
      value = g_uri_unescape_string (eq + 1, NULL);
      if (key == NULL || value == NULL)
        {
          bad = TRUE;
          continue;
        }
      if (g_ascii_strcasecmp (key, "id") == 0)
        g_ptr_array_add (ids, g_steal_pointer (&value));
      else if (g_ascii_strcasecmp (key, "number") == 0)
        g_ptr_array_add (numbers, g_steal_pointer (&value));
      else if (g_ascii_strcasecmp (key, "status") == 0)
        {
          char *end = NULL;
          gint64 code = g_ascii_strtoll (value, &end, 10);

          if (*value == '\0' || *end != '\0' || code < 0 || code > 7)
            bad_status = 1;
          else
            status_mask |= 1u << code;
        }
      else if (g_ascii_strcasecmp (key, "dateFrom") == 0)
        { g_free (date_from); date_from = g_steal_pointer (&value); }
      else if (g_ascii_strcasecmp (key, "dateTo") == 0)
        { g_free (date_to); date_to = g_steal_pointer (&value); }
      else if (g_ascii_strcasecmp (key, "languageCode") == 0)
        { g_free (language); language = g_steal_pointer (&value); }
    }

  if (bad_status > 0)
    {
      reply_request_error (msg, g_steal_pointer (&out), 103,
                           "An unknown StatusCode has been requested; please make sure you request only following status codes: 0 (Cancelled), 1 (Invalid), 2 (Ordered), 3 (Processing), 4 (InProduction), 5 (ReadyToShip), 6 (Shipped), 7 (Delivered).");
      return;
    }

  if (date_from != NULL && *date_from != '\0')
    from = parse_day (date_from);
  else
    {
      g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (now, cet);
      g_autoptr(GDateTime) midnight = g_date_time_new (cet, g_date_time_get_year (local), g_date_time_get_month (local),
                                                       g_date_time_get_day_of_month (local), 0, 0, 0);
      from = g_date_time_add_months (midnight, -6);
    }
  if (date_to != NULL && *date_to != '\0')
    to = parse_day (date_to);
  else
    {
      g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (now, cet);

      to = g_date_time_new (cet, g_date_time_get_year (local), g_date_time_get_month (local),
                            g_date_time_get_day_of_month (local), 0, 0, 0);
    }

  for (guint i = 0; i < ids->len; i++)
    if (!_facet_is_guid (g_ptr_array_index (ids, i)))
      bad = TRUE;
  /* Convention (the note, §6): undocumented request errors are code 1. */
  if (bad || from == NULL || to == NULL || (ids->len > 0 && numbers->len > 0))
    {
      reply_request_error (msg, g_steal_pointer (&out), 1, "Unknown error");
      return;
    }
  if (g_date_time_compare (from, to) > 0)
    {
      reply_request_error (msg, g_steal_pointer (&out), 106,
                           "Date range is wrong; please make sure DateFrom is older than DateTo.");
      return;
    }

  if (ids->len > 0 || numbers->len > 0)
    {
      GPtrArray *wanted = ids->len > 0 ? ids : numbers;

      for (guint i = 0; i < wanted->len; i++)
        {
          const char *reference = g_ptr_array_index (wanted, i);
          Order *order = find_order (self, reference);

          if (order != NULL && order->account == account)
            json_array_add_object_element (orders, order_json (self, order, now));
          else
            json_array_add_object_element (orders, order_not_found (ids->len > 0 ? "id" : "number", reference));
        }
    }
  else
    {
      g_autoptr(GDateTime) end = g_date_time_add_days (to, 1);

      for (guint i = 0; i < self->orders->len; i++)
        {
          Order *order = g_ptr_array_index (self->orders, i);
          gint64 shipped, delivered;
          int status = order_status (order, now, &shipped, &delivered);

          if (order->account != account ||
              g_date_time_compare (order->requested, from) < 0 ||
              g_date_time_compare (order->requested, end) >= 0 ||
              (status_mask != 0 && (status_mask & (1u << status)) == 0))
            continue;
          json_array_add_object_element (orders, order_json (self, order, now));
        }
      if (json_array_get_length (orders) == 0)
        {
          json_object_set_array_member (out, "orders", g_steal_pointer (&orders));
          reply_request_error (msg, g_steal_pointer (&out), 108,
                               "No results found matching the requested parameters, please try other parameters.");
          return;
        }
    }

  json_object_set_array_member (out, "orders", g_steal_pointer (&orders));
  if (language != NULL && *language != '\0')
    {
      static const char *languages[] = { "EN", "NL", "FR", "DE", "ES", "IT" };
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        known |= g_ascii_strcasecmp (language, languages[i]) == 0;
      if (!known)
        json_object_set_object_member (out, "requestWarning",
                                       error_object (109, "This language code is not supported. Please indicate one of the following: EN, NL, FR, DE, ES, IT."));
    }
  reply (msg, g_steal_pointer (&out));
}

/* Cancellation  POST /web-api/order/CancelOrderByNumber */

static void
handle_cancel (Vendor            *self,
               SoupServerMessage *msg)
{
  g_auto(Request) request = { 0 };
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(GDateTime) now = sandbox_now (self);
  const Account *account = account_by_api_code (msg);
  const char *number;
  Order *order;
  gint64 shipped, delivered;
  int status;

  if (account == NULL)
    {
      reply_unauthorized (msg);
      return;
    }

  read_request (msg, &request);
  number = _facet_json_get_string (request_object (&request), "orderNumber");
  if (number == NULL)
    {
      reply_request_error (msg, g_steal_pointer (&out), 401, "Wrong request body. Check if all parameters set correctly");
      return;
    }

  order = find_order (self, number);
  if (order == NULL || order->account != account || g_ascii_strcasecmp (order->number, number) != 0)
    {
      g_autofree char *message = g_strdup_printf ("Order %s is not found.", number);

      json_object_set_string_member (out, "orderId", "");
      json_object_set_string_member (out, "orderNumber", number);
      json_object_set_boolean_member (out, "isCanceled", FALSE);
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }

  json_object_set_string_member (out, "orderId", order->id);
  json_object_set_string_member (out, "orderNumber", order->number);
  status = order_status (order, now, &shipped, &delivered);
  if (status > 2)
    {
      g_autofree char *message = g_strdup_printf ("Order %s cannot be cancelled: its processing has started (%s).",
                                                  order->number, status_names[status]);

      json_object_set_boolean_member (out, "isCanceled", FALSE);
      reply_request_error (msg, g_steal_pointer (&out), 1, message);
      return;
    }

  order->cancelled = TRUE;
  json_object_set_boolean_member (out, "isCanceled", TRUE);
  reply (msg, g_steal_pointer (&out));
}

/* Materials Catalog  GET /web-api/materials?user= */

static void
set_box (JsonObject   *object,
         const double  min[3],
         const double  max[3])
{
  static const char *axes[] = { "X", "Y", "Z" };

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *lo = g_strdup_printf ("min%sMm", axes[i]);
      g_autofree char *hi = g_strdup_printf ("max%sMm", axes[i]);

      set_number (object, lo, min[i]);
      set_number (object, hi, max[i]);
    }
}

static void
handle_materials (Vendor            *self,
                  SoupServerMessage *msg)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) query = g_uri_get_query (uri) != NULL ? soup_form_decode (g_uri_get_query (uri)) : NULL;
  const char *user = query != NULL ? g_hash_table_lookup (query, "user") : NULL;
  gboolean known = FALSE;

  for (guint i = 0; user != NULL && i < G_N_ELEMENTS (accounts); i++)
    known |= g_ascii_strcasecmp (accounts[i].email, user) == 0;
  if (!known)
    {
      reply_unauthorized (msg);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (materials); i++)
    {
      const Material *material = &materials[i];
      JsonObject *object;
      JsonArray *finishes;

      if (material->retired)
        continue;
      object = json_object_new ();
      finishes = json_array_new ();
      json_object_set_string_member (object, "materialID", material->id);
      json_object_set_string_member (object, "name", material->name);
      json_object_set_string_member (object, "defaultFinishID", material->finishes[0].id);
      json_object_set_int_member (object, "productionTimeMinBusinessDays", material->days_min);
      json_object_set_int_member (object, "productionTimeMaxBusinessDays", material->days_max);
      set_box (object, material->min, material->max);
      for (guint j = 0; j < G_N_ELEMENTS (material->finishes) && material->finishes[j].id != NULL; j++)
        {
          const Finish *finish = &material->finishes[j];
          JsonObject *f;

          if (finish->retired)
            continue;
          f = json_object_new ();
          json_object_set_string_member (f, "finishID", finish->id);
          json_object_set_string_member (f, "name", finish->name);
          json_object_set_boolean_member (f, "isApiPriceAvailable", finish->api_price);
          set_box (f, material->min, finish->max[0] > 0 ? finish->max : material->max);
          set_number (f, "minDetailMm", finish->min_detail);
          set_number (f, "minWallThicknessMm", finish->min_wall);
          json_array_add_object_element (finishes, f);
        }
      json_object_set_array_member (object, "finishes", finishes);
      json_array_add_object_element (list, object);
    }

  json_object_set_array_member (out, "materials", g_steal_pointer (&list));
  reply (msg, g_steal_pointer (&out));
}

/* Dispatch */

static void
vendor_handle (FacetSandboxVendor *vendor,
               SoupServerMessage  *msg,
               const char         *path)
{
  Vendor *self = (Vendor *) vendor;
  const char *method = soup_server_message_get_method (msg);
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");
  g_auto(GStrv) parts = NULL;

  /* ASP.NET routes ignore case. */
  if (g_ascii_strncasecmp (path, "/web-api/", 9) != 0)
    goto not_found;
  path += 9;
  parts = g_strsplit (path, "/", -1);

  if (g_ascii_strcasecmp (path, "cartitems/register") == 0 && post)
    handle_register (self, msg);
  else if (g_strv_length (parts) == 3 && g_ascii_strcasecmp (parts[0], "tool") == 0 &&
           g_ascii_strcasecmp (parts[2], "model") == 0 && post)
    handle_upload (self, msg, parts[1]);
  else if (g_ascii_strcasecmp (path, "pricing") == 0 && post)
    handle_pricing (self, msg, FALSE);
  else if (g_ascii_strcasecmp (path, "pricing/model") == 0 && post)
    handle_pricing (self, msg, TRUE);
  else if (g_ascii_strcasecmp (path, "cart/post") == 0 && post)
    handle_cart (self, msg);
  else if (g_ascii_strcasecmp (path, "order/post") == 0 && post)
    handle_checkout (self, msg);
  else if (g_ascii_strcasecmp (path, "order") == 0 && (get || post))
    handle_order_status (self, msg);
  else if (g_ascii_strcasecmp (path, "order/CancelOrderByNumber") == 0 && post)
    handle_cancel (self, msg);
  else if (g_ascii_strcasecmp (path, "materials") == 0 && get)
    handle_materials (self, msg);
  else if (g_ascii_strcasecmp (path, "cartitems/register") == 0 || g_ascii_strcasecmp (path, "pricing") == 0 ||
           g_ascii_strcasecmp (path, "pricing/model") == 0 || g_ascii_strcasecmp (path, "cart/post") == 0 ||
           g_ascii_strcasecmp (path, "order/post") == 0 || g_ascii_strcasecmp (path, "order/CancelOrderByNumber") == 0 ||
           g_ascii_strcasecmp (path, "order") == 0 || g_ascii_strcasecmp (path, "materials") == 0 ||
           (g_strv_length (parts) == 3 && g_ascii_strcasecmp (parts[0], "tool") == 0 &&
            g_ascii_strcasecmp (parts[2], "model") == 0))
    {
      const char *allow = g_ascii_strcasecmp (path, "order") == 0 ? "GET, POST"
                          : g_ascii_strcasecmp (path, "materials") == 0 ? "GET" : "POST";

      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "405 Method Not Allowed\n", strlen ("405 Method Not Allowed\n"));
    }
  else
    goto not_found;
  return;

not_found:
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    "404 Not Found\n", strlen ("404 Not Found\n"));
}

static char *
vendor_redact_path (FacetSandboxVendor *vendor,
                    const char         *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  /* /web-api/tool/{toolID}/model carries the tool ID, known or not. */
  if (g_strv_length (parts) == 5 && g_ascii_strcasecmp (parts[2], "tool") == 0)
    {
      g_free (parts[3]);
      parts[3] = g_strdup ("<redacted>");
    }
  return g_strjoinv ("/", parts);
}

static void
vendor_add_accounts (FacetSandboxVendor *vendor,
                     const char         *base,
                     JsonArray          *list)
{
  g_autofree char *endpoint = g_strdup_printf ("%s/imaterialise", base);

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      JsonObject *object = json_object_new ();
      JsonObject *secrets = json_object_new ();

      json_object_set_string_member (object, "provider", "imaterialise");
      json_object_set_string_member (object, "label", accounts[i].label);
      json_object_set_string_member (object, "endpoint", endpoint);
      json_object_set_boolean_member (object, "test", accounts[i].test);
      json_object_set_string_member (object, "user", accounts[i].email);
      json_object_set_string_member (secrets, "tool_id", accounts[i].tool_id);
      json_object_set_string_member (secrets, "api_code", accounts[i].api_code);
      json_object_set_object_member (object, "secrets", secrets);
      json_array_add_object_element (list, object);
    }
}

static JsonNode *
vendor_advance_order (FacetSandboxVendor *vendor,
                      const char         *reference,
                      GError            **error)
{
  Vendor *self = (Vendor *) vendor;
  g_autoptr(GDateTime) now = sandbox_now (self);
  g_autoptr(JsonObject) object = json_object_new ();
  Order *order = find_order (self, reference);
  gint64 shipped, delivered, t;
  int status;

  if (order == NULL)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_NOT_FOUND,
                   "i.materialise has no order “%s”", reference);
      return NULL;
    }
  status = order_status (order, now, &shipped, &delivered);
  if (status == 0 || status == 7)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_CONFLICT,
                   "Order %s is %s: it has no next status", order->number, status_names[status]);
      return NULL;
    }
  t = g_date_time_to_unix (now);
  g_array_append_val (order->advances, t);
  status = order_status (order, now, &shipped, &delivered);

  json_object_set_string_member (object, "vendor", "imaterialise");
  json_object_set_string_member (object, "reference", order->number);
  json_object_set_string_member (object, "orderID", order->id);
  json_object_set_int_member (object, "status", status);
  json_object_set_string_member (object, "statusName", status_names[status]);
  json_object_set_boolean_member (object, "test", order->test);
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
vendor_hold_order (FacetSandboxVendor *vendor,
                   const char         *reference,
                   gboolean            on_hold,
                   GError            **error)
{
  Vendor *self = (Vendor *) vendor;
  g_autoptr(GDateTime) now = sandbox_now (self);
  g_autoptr(JsonObject) object = json_object_new ();
  Order *order = find_order (self, reference);
  gint64 shipped, delivered;
  int status;

  if (order == NULL)
    {
      g_set_error (error, FACET_SANDBOX_ERROR, FACET_SANDBOX_ERROR_NOT_FOUND,
                   "i.materialise has no order “%s”", reference);
      return NULL;
    }
  order->on_hold = on_hold;
  status = order_status (order, now, &shipped, &delivered);

  json_object_set_string_member (object, "vendor", "imaterialise");
  json_object_set_string_member (object, "reference", order->number);
  json_object_set_string_member (object, "orderID", order->id);
  json_object_set_int_member (object, "status", status);
  json_object_set_string_member (object, "statusName", status_names[status]);
  json_object_set_boolean_member (object, "isOnHold", order->on_hold);
  return json_node_init_object (json_node_alloc (), object);
}

/* Seeds: the models and orders of the seed's examples, so they replay. */

static void
seed_model (Vendor     *self,
            const char *id,
            const char *file_name,
            double      x,
            double      y,
            double      z,
            double      volume,
            double      area,
            const char *status)
{
  Model *model = g_new0 (Model, 1);

  model->id = g_strdup (id);
  model->account = &accounts[0];
  model->tool_id = g_strdup (accounts[0].tool_id);
  model->file_name = g_strdup (file_name);
  model->units = g_strdup ("mm");
  model->dims[0] = x;
  model->dims[1] = y;
  model->dims[2] = z;
  model->volume = volume;
  model->area = area;
  model->status = status;
  g_hash_table_replace (self->models, model->id, model);
}

static JsonObject *
seed_address (const char *country,
              const char *zip,
              const char *city,
              gboolean    billing)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = g_strdup_printf ("{\"firstName\":\"John\",\"lastName\":\"Smith\",\"email\":\"test@test.com\","
                                           "\"phone\":\"1234567\",\"company\":\"No company\",%s\"line1\":\"North Street\","
                                           "\"line2\":\"\",\"countryCode\":\"%s\",\"stateCode\":\"\",\"zipCode\":\"%s\",\"city\":\"%s\"}",
                                           billing ? "\"vatNumber\":\"BE0999999922\"," : "", country, zip, city);

  json_parser_load_from_data (parser, json, -1, NULL);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
seed_order (Vendor     *self,
            const char *id,
            const char *number,
            const char *requested,
            int         status)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
  Order *order = g_new0 (Order, 1);
  JsonObject *item = json_object_new ();

  order->id = g_strdup (id);
  order->number = g_strdup (number);
  order->account = &accounts[0];
  order->requested = g_date_time_new_from_iso8601 (requested, cet);
  order->base_status = status;
  order->clock_driven = FALSE;
  order->advances = g_array_new (FALSE, FALSE, sizeof (gint64));
  order->currency = g_strdup ("EUR");
  order->total = 24.78;
  order->remarks = g_strdup ("Test");
  order->service = g_strdup ("Standard");
  order->shipping = seed_address ("US", "10001", "New York", FALSE);
  order->billing = seed_address ("BE", "1020", "Brussels", TRUE);
  order->confirmation_id = g_strdup ("e1754c8d-2ed1-43ba-a9b3-3e22314600c1");
  order->items = json_array_new ();
  json_object_set_string_member (item, "cartItemID", "01ebe0b0-caf4-4f1e-9ad5-abd28f141944");
  json_object_set_string_member (item, "cartItemReference", "some reference");
  json_object_set_string_member (item, "toolID", accounts[0].tool_id);
  json_object_set_string_member (item, "modelID", "489eb85e-4c64-457c-a1fe-83187b8e52d8");
  json_object_set_string_member (item, "orderItemName", "Box.stl");
  json_object_set_string_member (item, "materialID", materials[0].id);
  json_object_set_string_member (item, "materialName", materials[0].name);
  json_object_set_string_member (item, "finishID", materials[0].finishes[0].id);
  json_object_set_string_member (item, "finishName", materials[0].finishes[0].name);
  set_number (item, "xDimMm", 10);
  set_number (item, "yDimMm", 10);
  set_number (item, "zDimMm", 10);
  set_number (item, "volumeCm3", 1);
  set_number (item, "surfaceCm2", 6);
  json_object_set_int_member (item, "quantity", 2);
  set_number (item, "orderItemPrice", 26);
  set_number (item, "orderItemUnitPrice", 13);
  json_array_add_object_element (order->items, item);
  g_ptr_array_add (self->orders, order);
}

static FacetSandboxVendor *
vendor_create (FacetSandbox *sandbox)
{
  Vendor *self = g_new0 (Vendor, 1);

  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) model_free);
  self->cart_items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cart_item_free);
  self->carts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cart_free);
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) order_free);
  self->next_number = 975600;

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      _facet_sandbox_add_secret (sandbox, accounts[i].tool_id);
      _facet_sandbox_add_secret (sandbox, accounts[i].api_code);
    }
  _facet_sandbox_add_secret (sandbox, DEACTIVATED_TOOL_ID);

  seed_model (self, "06515f8e-5d08-4fcb-912a-b87380d69927", "Box.stl", 10, 10, 10, 1, 6, "Succeeded");
  seed_model (self, "eaba63a6-f9a0-4103-9d84-3c6e07ba282a", "Box.stl", 10, 10, 10, 1, 6, "Succeeded");
  seed_model (self, "3e64b3ed-e591-49d1-bac4-266571c7b2a7", "2print_bad.stl",
              73.7159, 118.881, 27.3087, 85.2411, 354.936, "StillNeedsFixing");
  seed_order (self, "35b037c5-b3b7-4eee-b542-5657cc6bdfde", "IMC975570", "2014-11-10T09:12:31.20", 6);
  seed_order (self, "b1165fff-90e8-49b1-8504-b383b623c505", "IMC975578", "2014-11-17T11:04:49.61", 3);
  seed_order (self, "513bc274-205d-4377-88aa-ed3bc81a2bcf", "IMC975582", "2014-11-17T19:23:27.527", 3);

  return &self->parent;
}

static void
vendor_free (FacetSandboxVendor *vendor)
{
  Vendor *self = (Vendor *) vendor;

  g_ptr_array_unref (self->orders);
  g_hash_table_unref (self->carts);
  g_hash_table_unref (self->cart_items);
  g_hash_table_unref (self->models);
  g_free (self);
}

const FacetSandboxVendorClass _facet_sandbox_imaterialise_class = {
  .id = "imaterialise",
  .create = vendor_create,
  .free = vendor_free,
  .handle = vendor_handle,
  .add_accounts = vendor_add_accounts,
  .redact_path = vendor_redact_path,
  .advance_order = vendor_advance_order,
  .hold_order = vendor_hold_order,
};
