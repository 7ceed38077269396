/* facet-cli.c: the command-line companion of Facet
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>

#include "facet-cli-private.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *synopsis;
  const char *summary;
} Command;

static const Command commands[] = {
  { "inspect", facet_cli_inspect, "inspect FILE... [--units mm|inch] [--scale S] [--json]",
    N_("Measure STL files and check what a print service would reject") },
};

void
facet_cli_error (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  fprintf (stderr, "facet-cli: %s\n", message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: facet-cli COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %s\n      %s\n", commands[i].synopsis, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “facet-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("facet-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("facet-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  facet_cli_error (_("unknown command “%s”; run “facet-cli --help” for the list"), argv[1]);
  return 2;
}
