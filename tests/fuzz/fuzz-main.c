/* fuzz-main.c: replays the fuzz seeds without libFuzzer
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built when fuzzing is off (or the compiler is not clang), so the target
 * compiles and runs with every build: each file or directory given is
 * replayed, then each seed again cut short, with bytes flipped, and with
 * lines shuffled, from a fixed random seed.
 */
#ifdef FACET_FUZZ_STANDALONE

#include <string.h>

#include <glib.h>

#define VARIANTS 300

int LLVMFuzzerTestOneInput (const guint8 *data,
                            gsize         size);

static guint n_inputs;

static void
run (const guint8 *data,
     gsize         size)
{
  LLVMFuzzerTestOneInput (data, size);
  n_inputs++;
}

static void
replay (const char *path,
        GRand      *rand)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, &error))
    g_error ("%s", error->message);
  run ((const guint8 *) contents, size);

  for (guint v = 0; v < VARIANTS; v++)
    {
      g_autofree guint8 *copy = g_memdup2 (contents, MAX (size, 1));
      gsize len = size;

      switch (v % 3)
        {
        case 0:    /* cut short */
          len = size > 0 ? g_rand_int_range (rand, 0, (gint32) size) : 0;
          break;
        case 1:    /* bytes flipped */
          for (guint k = 0; size > 0 && k < 1 + v % 8; k++)
            copy[g_rand_int_range (rand, 0, (gint32) size)] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        default:   /* a chunk copied over another place */
          if (size > 8)
            {
              gsize from = g_rand_int_range (rand, 0, (gint32) size - 4);
              gsize to = g_rand_int_range (rand, 0, (gint32) size - 4);
              gsize want = g_rand_int_range (rand, 1, 64);
              gsize n = MIN (size - MAX (from, to), want);

              memmove (copy + to, copy + from, n);
            }
          break;
        }
      run (copy, len);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          g_assert (dir != NULL);
          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          /* The same order on every machine. */
          g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
          for (guint k = 0; k < names->len; k++)
            replay (g_ptr_array_index (names, k), rand);
        }
      else
        replay (argv[i], rand);
    }

  g_print ("1..1\nok 1 - %u inputs replayed without a crash\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}

#endif
