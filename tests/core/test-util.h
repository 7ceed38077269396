/* test-util.h: small fixtures shared by the core tests
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* A binary STL of an axis-aligned cube with edge @size at the origin,
 * outward-facing, 12 facets. */
static inline void
test_write_cube_stl (const char *path,
                     float       size)
{
  static const int quads[6][4] = {
    { 0, 2, 3, 1 }, { 4, 5, 7, 6 }, { 0, 1, 5, 4 },
    { 2, 6, 7, 3 }, { 0, 4, 6, 2 }, { 1, 3, 7, 5 },
  };
  GByteArray *bytes = g_byte_array_new ();
  guint8 header[80] = "solid cube -- binary, though it starts with the word";
  guint32 count = GUINT32_TO_LE (12);
  float v[8][3];
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 8; i++)
    {
      v[i][0] = (i & 1) ? size : 0;
      v[i][1] = (i & 2) ? size : 0;
      v[i][2] = (i & 4) ? size : 0;
    }

  g_byte_array_append (bytes, header, 80);
  g_byte_array_append (bytes, (guint8 *) &count, 4);
  for (int q = 0; q < 6; q++)
    {
      const int tris[2][3] = { { quads[q][0], quads[q][1], quads[q][2] },
                               { quads[q][0], quads[q][2], quads[q][3] } };
      for (int t = 0; t < 2; t++)
        {
          float record[12] = { 0 };
          guint16 attr = 0;

          for (int k = 0; k < 3; k++)
            memcpy (&record[3 + 3 * k], v[tris[t][k]], sizeof (float) * 3);
          g_byte_array_append (bytes, (guint8 *) record, sizeof record);
          g_byte_array_append (bytes, (guint8 *) &attr, 2);
        }
    }

  g_file_set_contents (path, (char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  g_byte_array_unref (bytes);
}

static inline char *
test_tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* Iterates the default main context until *flag is set or 20 s passed. */
static inline void
test_wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*flag);
}
