/* facet-sandbox-ecb.c: the ECB daily reference rates feed
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixed, realistic rates (units per euro) so prices in other currencies are
 * deterministic; dated like the real feed: the newest TARGET working day
 * whose 16:00 CET publication has passed on the sandbox clock.
 */
#define G_LOG_DOMAIN "facet-sandbox"

#include "config.h"

#include "facet-sandbox-private.h"

static const struct
{
  const char *currency;
  const char *rate;
} rates[] = {
  { "USD", "1.0812" }, { "JPY", "166.53" }, { "BGN", "1.9558" }, { "CZK", "25.184" },
  { "DKK", "7.4582" }, { "GBP", "0.84520" }, { "HUF", "384.15" }, { "PLN", "4.2985" },
  { "RON", "4.9753" }, { "SEK", "11.4390" }, { "CHF", "0.9350" }, { "ISK", "146.10" },
  { "NOK", "11.6730" }, { "TRY", "37.1225" }, { "AUD", "1.6472" }, { "BRL", "6.2841" },
  { "CAD", "1.4698" }, { "CNY", "7.7816" }, { "HKD", "8.4139" }, { "IDR", "17145.22" },
  { "ILS", "4.0318" }, { "INR", "91.2740" }, { "KRW", "1503.46" }, { "MXN", "21.6125" },
  { "MYR", "4.7125" }, { "NZD", "1.8253" }, { "PHP", "62.871" }, { "SGD", "1.4386" },
  { "THB", "36.844" }, { "ZAR", "19.5342" },
};

double
_facet_sandbox_ecb_rate (const char *currency)
{
  if (currency == NULL)
    return 0;
  if (g_ascii_strcasecmp (currency, "EUR") == 0)
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (g_ascii_strcasecmp (currency, rates[i].currency) == 0)
      return g_ascii_strtod (rates[i].rate, NULL);
  return 0;
}

static gboolean
is_target_holiday (GDateTime *day)
{
  int month = g_date_time_get_month (day);
  int mday = g_date_time_get_day_of_month (day);

  /* The fixed TARGET holidays; Good Friday and Easter Monday are left out. */
  return (month == 1 && mday == 1) || (month == 5 && mday == 1) ||
         (month == 12 && (mday == 25 || mday == 26));
}

char *
_facet_sandbox_ecb_daily_xml (GDateTime *now)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, cet);
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  GString *xml;

  day = g_date_time_new (cet, g_date_time_get_year (local), g_date_time_get_month (local),
                         g_date_time_get_day_of_month (local), 0, 0, 0);
  if (g_date_time_get_hour (local) < 16)
    {
      GDateTime *previous = g_date_time_add_days (day, -1);
      g_date_time_unref (day);
      day = previous;
    }
  while (g_date_time_get_day_of_week (day) > 5 || is_target_holiday (day))
    {
      GDateTime *previous = g_date_time_add_days (day, -1);
      g_date_time_unref (day);
      day = previous;
    }
  date = g_date_time_format (day, "%Y-%m-%d");

  xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" "
                      "xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">\n"
                      "\t<gesmes:subject>Reference rates</gesmes:subject>\n"
                      "\t<gesmes:Sender>\n"
                      "\t\t<gesmes:name>European Central Bank</gesmes:name>\n"
                      "\t</gesmes:Sender>\n"
                      "\t<Cube>\n");
  g_string_append_printf (xml, "\t\t<Cube time='%s'>\n", date);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    g_string_append_printf (xml, "\t\t\t<Cube currency='%s' rate='%s'/>\n",
                            rates[i].currency, rates[i].rate);
  g_string_append (xml, "\t\t</Cube>\n\t</Cube>\n</gesmes:Envelope>\n");

  return g_string_free (xml, FALSE);
}
