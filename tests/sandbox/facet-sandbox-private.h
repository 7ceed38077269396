/* facet-sandbox-private.h: the internal vendor interface and shared helpers
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each vendor lives in one file (facet-sandbox-<id>.c) that exports one
 * FacetSandboxVendorClass; facet-sandbox.c lists them. The sandbox strips
 * the vendor prefix, applies faults, keeps the journal, then calls
 * handle() synchronously: a handler must set the whole reply before it
 * returns.
 */
#pragma once

#include <libsoup/soup.h>
#include <libxml/tree.h>

#include "facet-sandbox.h"

G_BEGIN_DECLS

typedef struct _FacetSandboxVendor FacetSandboxVendor;

typedef struct
{
  const char *id;              /* path prefix and provider id */
  FacetSandboxVendor *(*create) (FacetSandbox *sandbox);
  void      (*free)          (FacetSandboxVendor *vendor);
  /* @path is what follows "/<id>", e.g. "/web-api/order". */
  void      (*handle)        (FacetSandboxVendor *vendor,
                              SoupServerMessage  *msg,
                              const char         *path);
  /* Appends the vendor's test accounts (JSON objects) to @accounts. */
  void      (*add_accounts)  (FacetSandboxVendor *vendor,
                              const char         *base_url,
                              JsonArray          *accounts);
  /* Optional: a copy of @path with secrets it carries replaced. */
  char     *(*redact_path)   (FacetSandboxVendor *vendor,
                              const char         *path);
  JsonNode *(*advance_order) (FacetSandboxVendor *vendor,
                              const char         *reference,
                              GError            **error);
  /* Optional: puts the order on hold or releases it. */
  JsonNode *(*hold_order)    (FacetSandboxVendor *vendor,
                              const char         *reference,
                              gboolean            on_hold,
                              GError            **error);
} FacetSandboxVendorClass;

struct _FacetSandboxVendor
{
  const FacetSandboxVendorClass *klass;
  FacetSandbox                  *sandbox;   /* unowned: the sandbox owns the vendor */
};

extern const FacetSandboxVendorClass _facet_sandbox_imaterialise_class;

/* Secrets that the journal replaces wherever they appear. */
void        _facet_sandbox_add_secret        (FacetSandbox *self,
                                              const char   *secret);

/* The ECB feed for the sandbox date. */
char       *_facet_sandbox_ecb_daily_xml     (GDateTime    *now);
/* Units of @currency per euro in that feed; 0 when it has none (1 for EUR). */
double      _facet_sandbox_ecb_rate          (const char   *currency);

/* JSON helpers: keys are matched case-insensitively. */
JsonNode   *_facet_json_get                  (JsonObject   *object,
                                              const char   *key);
const char *_facet_json_get_string           (JsonObject   *object,
                                              const char   *key);
JsonObject *_facet_json_get_object           (JsonObject   *object,
                                              const char   *key);
JsonArray  *_facet_json_get_array            (JsonObject   *object,
                                              const char   *key);
/* A number sent as a JSON number or a string with a period: TRUE when
 * @key is present and parses; *present says whether it was there. */
gboolean    _facet_json_get_double           (JsonObject   *object,
                                              const char   *key,
                                              gboolean     *present,
                                              double       *value);

/* Request documents (JSON, or XML per CONVENTIONS.md) into JSON. */
JsonNode   *_facet_doc_parse                 (const char   *data,
                                              gsize         length,
                                              GError      **error);
/* A reply as JSON, or as XML under <response>. */
char       *_facet_doc_to_json               (JsonNode     *node);
char       *_facet_doc_to_xml                (JsonNode     *node);
/* "models" → "model", "finishes" → "finish": the XML item element name. */
char       *_facet_doc_singular              (const char   *plural);

/* TRUE when the Accept header asks for JSON (text/json or application/json). */
gboolean    _facet_sandbox_wants_json        (SoupServerMessage *msg);
void        _facet_sandbox_reply_doc         (SoupServerMessage *msg,
                                              JsonNode          *node,
                                              gboolean           json);
void        _facet_sandbox_reply_json        (SoupServerMessage *msg,
                                              guint              status,
                                              JsonNode          *node);
void        _facet_sandbox_reply_empty       (SoupServerMessage *msg,
                                              guint              status);

gboolean    _facet_is_guid                   (const char   *text);

G_END_DECLS
