/* no-symbol.c: a module without facet_provider_query_type().
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gmodule.h>

G_MODULE_EXPORT int facet_provider_something_else (void);

G_MODULE_EXPORT int
facet_provider_something_else (void)
{
  return 42;
}
