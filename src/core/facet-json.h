/* facet-json.h: small helpers shared by the model's JSON (de)serialisers
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Readers are lenient about absent members (they return the default) and
 * strict about wrong types (they set @error naming the member), so a file
 * written by an older Facet still loads and a damaged one is reported.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *facet_json_get_string  (JsonObject  *object,
                                    const char  *member,
                                    const char  *default_value,
                                    GError     **error);
double      facet_json_get_double  (JsonObject  *object,
                                    const char  *member,
                                    double       default_value,
                                    GError     **error);
gint64      facet_json_get_int     (JsonObject  *object,
                                    const char  *member,
                                    gint64       default_value,
                                    GError     **error);
gboolean    facet_json_get_boolean (JsonObject  *object,
                                    const char  *member,
                                    gboolean     default_value,
                                    GError     **error);
JsonObject *facet_json_get_object  (JsonObject  *object,
                                    const char  *member,
                                    GError     **error);
JsonArray  *facet_json_get_array   (JsonObject  *object,
                                    const char  *member,
                                    GError     **error);
/* ISO 8601 in UTC; NULL when absent. */
GDateTime  *facet_json_get_date    (JsonObject  *object,
                                    const char  *member,
                                    GError     **error);

/* Writers skip NULL strings and dates so files stay small. */
void        facet_json_add_string  (JsonBuilder *builder,
                                    const char  *member,
                                    const char  *value);
void        facet_json_add_date    (JsonBuilder *builder,
                                    const char  *member,
                                    GDateTime   *value);
void        facet_json_add_double  (JsonBuilder *builder,
                                    const char  *member,
                                    double       value);
void        facet_json_add_int     (JsonBuilder *builder,
                                    const char  *member,
                                    gint64       value);
void        facet_json_add_boolean (JsonBuilder *builder,
                                    const char  *member,
                                    gboolean     value);

/* g_strcmp0() that also treats NULL and "" alike; for notify-on-change. */
gboolean    facet_str_equal0       (const char  *a,
                                    const char  *b);
gboolean    facet_set_string       (char       **field,
                                    const char  *value);
gboolean    facet_set_date         (GDateTime  **field,
                                    GDateTime   *value);

G_END_DECLS
