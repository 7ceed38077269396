/* facet-sandbox.h: a local imitation of the print services' web APIs
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer on 127.0.0.1 serves every vendor under its path prefix
 * (`/imaterialise`, ...), the ECB rates feed under `/ecb/`, and a control
 * API under `/_sandbox/` (JSON). The functions below are the in-process
 * equivalents of the control API, for C tests.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FACET_SANDBOX_ERROR (facet_sandbox_error_quark ())

/**
 * FacetSandboxError:
 * @FACET_SANDBOX_ERROR_INVALID: a control request is malformed
 * @FACET_SANDBOX_ERROR_NOT_FOUND: no such vendor or order
 * @FACET_SANDBOX_ERROR_CONFLICT: the order cannot advance (cancelled or delivered)
 */
typedef enum
{
  FACET_SANDBOX_ERROR_INVALID,
  FACET_SANDBOX_ERROR_NOT_FOUND,
  FACET_SANDBOX_ERROR_CONFLICT,
} FacetSandboxError;

/**
 * FacetSandboxFaultKind:
 * @FACET_SANDBOX_FAULT_LATENCY: answer normally, @ms later
 * @FACET_SANDBOX_FAULT_STATUS: answer the given HTTP status with a short text body
 * @FACET_SANDBOX_FAULT_DROP: close the connection without any reply
 * @FACET_SANDBOX_FAULT_MALFORMED: answer the normal reply cut in half (a broken document)
 * @FACET_SANDBOX_FAULT_RATE_LIMIT: answer 429 with `Retry-After` = ceil(@ms / 1000) s, at least 1
 */
typedef enum
{
  FACET_SANDBOX_FAULT_LATENCY,
  FACET_SANDBOX_FAULT_STATUS,
  FACET_SANDBOX_FAULT_DROP,
  FACET_SANDBOX_FAULT_MALFORMED,
  FACET_SANDBOX_FAULT_RATE_LIMIT,
} FacetSandboxFaultKind;

#define FACET_TYPE_SANDBOX (facet_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (FacetSandbox, facet_sandbox, FACET, SANDBOX, GObject)

GQuark        facet_sandbox_error_quark     (void);

/* Creates the sandbox and its vendors; it serves nothing until
 * facet_sandbox_listen(). */
FacetSandbox *facet_sandbox_new             (GError      **error);

/* Listens on 127.0.0.1:@port (0 = any free port). */
gboolean      facet_sandbox_listen          (FacetSandbox *self,
                                             guint         port,
                                             GError      **error);

/* "http://127.0.0.1:PORT", or NULL before facet_sandbox_listen(). */
const char   *facet_sandbox_get_base_url    (FacetSandbox *self);

/* Sandbox time: the real time at creation plus every advance. */
GDateTime    *facet_sandbox_get_now         (FacetSandbox *self);
void          facet_sandbox_advance_clock   (FacetSandbox *self,
                                             gint64        seconds);

/* Adds a fault for requests to @vendor (NULL or "" = any) whose path, after
 * the vendor's prefix (or whole), starts with @path (NULL = any). It applies
 * to @times requests (0 = until cleared). Returns its id (> 0). */
guint         facet_sandbox_add_fault       (FacetSandbox          *self,
                                             const char            *vendor,
                                             const char            *path,
                                             FacetSandboxFaultKind  kind,
                                             guint                  ms,
                                             guint                  status,
                                             guint                  times);
/* Same, from the control API's JSON object; 0 and @error when invalid. */
guint         facet_sandbox_add_fault_json  (FacetSandbox *self,
                                             JsonObject   *fault,
                                             GError      **error);
void          facet_sandbox_clear_faults    (FacetSandbox *self);

/* The requests received (not the control API's), oldest first, as the
 * JSON array `GET _sandbox/journal` answers; secrets are "<redacted>". */
JsonNode     *facet_sandbox_get_journal     (FacetSandbox *self);
void          facet_sandbox_clear_journal   (FacetSandbox *self);

/* Moves the order @reference (vendor's order number or id) of @vendor to
 * the vendor's next status. Returns the JSON object the control API
 * answers (`{vendor, reference, status, statusName, test}`, plus
 * vendor fields), NULL on error. */
JsonNode     *facet_sandbox_advance_order   (FacetSandbox *self,
                                             const char   *vendor,
                                             const char   *reference,
                                             GError      **error);

/* Puts the order on hold (or releases it) where the vendor has such a
 * flag (i.materialise `isOnHold`); an extension of the control API:
 * `POST _sandbox/orders/<vendor>/<reference>/hold {"on_hold": bool}`. */
JsonNode     *facet_sandbox_hold_order      (FacetSandbox *self,
                                             const char   *vendor,
                                             const char   *reference,
                                             gboolean      on_hold,
                                             GError      **error);

/* `{"accounts": [...]}`, as `GET _sandbox/accounts` answers. */
JsonNode     *facet_sandbox_get_accounts    (FacetSandbox *self);

G_END_DECLS
