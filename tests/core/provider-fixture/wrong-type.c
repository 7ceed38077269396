/* wrong-type.c: a module whose facet_provider_query_type() gives a type
 * that is not a provider.
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gmodule.h>
#include <gio/gio.h>

G_MODULE_EXPORT GType facet_provider_query_type (void);

G_MODULE_EXPORT GType
facet_provider_query_type (void)
{
  return G_TYPE_SIMPLE_ACTION;
}
