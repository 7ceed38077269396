/* facet-cli-private.h: the commands of facet-cli
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command takes the arguments after its name (argv[0] is the command)
 * and returns the process exit status: 0 success, 1 failure, 2 usage error.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int facet_cli_inspect (int argc, char **argv);

/* Prints "facet-cli: MESSAGE" on stderr. */
void facet_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
