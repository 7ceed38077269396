/* facet-sandbox-main.c: the facet-sandbox program
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-sandbox"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib-unix.h>

#include "facet-sandbox.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FacetSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  int port = 0;
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Listen on PORT (default: any free port)", "PORT" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "A local imitation of the print services' web APIs, for tests and demos.\n"
                                "\n"
                                "Prints its base URL (http://127.0.0.1:PORT) as the first line of standard\n"
                                "output and serves until interrupted (SIGINT or SIGTERM).\n"
                                "Vendors: <base>/imaterialise/...; ECB rates: <base>/ecb/eurofxref-daily.xml;\n"
                                "control API (JSON): <base>/_sandbox/accounts, clock, faults, journal,\n"
                                "orders/<vendor>/<reference>/advance.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("facet-sandbox: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("facet-sandbox: --port must be between 0 and 65535\n");
      return 2;
    }

  sandbox = facet_sandbox_new (&error);
  if (sandbox == NULL || !facet_sandbox_listen (sandbox, (guint) port, &error))
    {
      g_printerr ("facet-sandbox: cannot listen on 127.0.0.1:%d: %s\n"
                  "Choose another --port, or leave it out to use any free port.\n",
                  port, error->message);
      return 1;
    }

  printf ("%s\n", facet_sandbox_get_base_url (sandbox));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm = g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  return 0;
}
