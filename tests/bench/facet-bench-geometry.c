/* facet-bench-geometry.c: how fast and how lean the geometry library is
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each generated sphere (see facet-mesh-gen) it times, in a fresh child
 * process each run so peak memory (ru_maxrss from wait4) is the run's own:
 *
 *   read      the page-cache floor: read() of the whole file into a buffer
 *             already faulted in by one warm-up read
 *   measure   facet_mesh_load_file + facet_mesh_analyze (FACET_MESH_CHECK_NONE)
 *   full      the same with FACET_MESH_CHECK_ALL
 *   thumb256  facet_mesh_render_thumbnail at 256x256 (binary files; the time
 *             covers the render only, the peak the whole process)
 *   admesh    `admesh FILE`, when admesh is installed
 *
 * then checks the goals on the 1M and 4M binary files and exits 1 if one
 * fails. Run through `meson test --benchmark geometry -v`, or directly:
 *
 *   facet-bench-geometry [--max TRIANGLES] [--binary-only] [--skip-shuffled]
 *                        [--skip-admesh] [--dir DIR] [--generator PATH]
 *
 * Files: binary and ASCII in ring order, and binary with the facets shuffled
 * (see facet-bench-meshes.h for why the order matters to admesh).
 *
 * A developer tool, not part of the app: messages are not translated.
 */
#define G_LOG_DOMAIN "facet-bench-geometry"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib-unix.h>

#include "facet-mesh.h"
#include "facet-bench-meshes.h"

#define ADMESH "admesh"

/* Goals, from the issue. */
#define GOAL_MEASURE_OVER_READ   2.0
#define GOAL_ADMESH_OVER_FULL    5.0
#define GOAL_FULL_PEAK_OVER_FILE 2.5
/* admesh sums the volume in single precision: on the shuffled 4M sphere it
 * is 2e-3 away from the double-precision figure, so this only catches
 * gross errors. */
#define GOAL_VOLUME_REL_DIFF     1e-2
#define GOAL_THUMB_SECONDS       1.0
#define THUMB_SIZE               256

typedef enum
{
  MODE_READ,
  MODE_MEASURE,
  MODE_FULL,
  MODE_THUMB,
  MODE_ADMESH,
  N_MODES
} Mode;

static const char * const mode_names[N_MODES] = { "read", "measure", "full", "thumb256", "admesh" };

/* One child's answer. */
typedef struct
{
  gboolean ok;
  double   seconds;
  gint64   maxrss_kb;
  char    *error;
  /* from our report, or parsed from admesh's output */
  double   volume;
  double   area;
  guint64  triangles;
  guint64  shells;
  guint64  boundary;
  guint64  nonmanifold;
  guint64  inconsistent;
  guint64  degenerate;
  gboolean topology;
} Sample;

/* The best of a case's runs. */
typedef struct
{
  gboolean ran;
  guint    runs;
  Sample   best;         /* fastest run; maxrss is the largest of all runs */
} Result;

typedef struct
{
  const FacetBenchMesh    *mesh;
  const FacetBenchVariant *variant;
  char                    *path;
  char                    *name;
  gint64                   size;
  Result                   results[N_MODES];
} Case;

static void
sample_clear (Sample *s)
{
  g_clear_pointer (&s->error, g_free);
}

/* ---- the child side: one run of one mode, answer on stdout ---- */

static gboolean
read_all (int      fd,
          guint8  *buf,
          gsize    size,
          GError **error)
{
  gsize done = 0;

  while (done < size)
    {
      gssize n = pread (fd, buf + done, size - done, done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "read failed: %s",
                       n < 0 ? g_strerror (errno) : "unexpected end of file");
          return FALSE;
        }
      done += n;
    }

  return TRUE;
}

static int
child_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buf = NULL;
  struct stat st;
  gint64 t0, t1;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      g_print ("error %s\n", g_strerror (errno));
      return 1;
    }

  buf = g_malloc (MAX (st.st_size, 1));
  /* The warm-up read fills the page cache and faults the buffer in, so the
   * timed read is the copy alone: the least any loader must spend. */
  if (!read_all (fd, buf, st.st_size, &error))
    goto fail;
  t0 = g_get_monotonic_time ();
  if (!read_all (fd, buf, st.st_size, &error))
    goto fail;
  t1 = g_get_monotonic_time ();
  close (fd);

  g_print ("ok seconds=%.9f\n", (t1 - t0) / 1e6);
  return 0;

fail:
  close (fd);
  g_print ("error %s\n", error->message);
  return 1;
}

static int
child_mesh (const char *path,
            Mode        mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FacetMesh) mesh = NULL;
  g_autoptr(FacetMeshReport) report = NULL;
  g_autofree guint8 *pixels = NULL;
  gint64 t0, t1;
  gsize stride;

  t0 = g_get_monotonic_time ();
  mesh = facet_mesh_load_file (path, NULL, NULL, NULL, &error);
  if (mesh != NULL && mode != MODE_THUMB)
    report = facet_mesh_analyze (mesh, mode == MODE_FULL ? FACET_MESH_CHECK_ALL : FACET_MESH_CHECK_NONE,
                                 NULL, &error);
  t1 = g_get_monotonic_time ();

  if (error != NULL || mesh == NULL || (mode != MODE_THUMB && report == NULL))
    {
      g_print ("error %s\n", error != NULL ? error->message : "no mesh and no error");
      return 1;
    }

  if (mode == MODE_THUMB)
    {
      t0 = g_get_monotonic_time ();
      pixels = facet_mesh_render_thumbnail (mesh, THUMB_SIZE, THUMB_SIZE, &stride);
      t1 = g_get_monotonic_time ();
      g_print ("ok seconds=%.9f triangles=%" G_GUINT64_FORMAT "\n",
               (t1 - t0) / 1e6, facet_mesh_get_n_triangles (mesh));
      return 0;
    }

  g_print ("ok seconds=%.9f triangles=%" G_GUINT64_FORMAT " volume=%.17g area=%.17g topology=%d "
           "shells=%" G_GUINT64_FORMAT " boundary=%" G_GUINT64_FORMAT " nonmanifold=%" G_GUINT64_FORMAT
           " inconsistent=%" G_GUINT64_FORMAT " degenerate=%" G_GUINT64_FORMAT "\n",
           (t1 - t0) / 1e6, report->triangles, report->signed_volume, report->area,
           report->topology_checked ? 1 : 0, report->shells, report->boundary_edges,
           report->nonmanifold_edges, report->inconsistent_facets, report->degenerate_facets);
  return 0;
}

/* ---- the parent side ---- */

/* Runs argv with stdout captured; wall time from fork to reaping, peak
 * resident memory from wait4. */
static gboolean
spawn_measured (char    **argv,
                char    **out,
                double   *wall,
                gint64   *maxrss_kb,
                GError  **error)
{
  GString *buf = g_string_new (NULL);
  struct rusage ru;
  int fds[2], status;
  gint64 t0, t1;
  pid_t pid;

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    {
      g_string_free (buf, TRUE);
      return FALSE;
    }

  fflush (stdout);
  t0 = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "fork: %s", g_strerror (errno));
      close (fds[0]);
      close (fds[1]);
      g_string_free (buf, TRUE);
      return FALSE;
    }
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      execvp (argv[0], argv);
      _exit (127);
    }

  close (fds[1]);
  for (;;)
    {
      char chunk[65536];
      gssize n = read (fds[0], chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (buf, chunk, n);
    }
  close (fds[0]);

  while (wait4 (pid, &status, 0, &ru) < 0)
    {
      if (errno != EINTR)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "wait4: %s", g_strerror (errno));
          g_string_free (buf, TRUE);
          return FALSE;
        }
    }
  t1 = g_get_monotonic_time ();

  *wall = (t1 - t0) / 1e6;
  *maxrss_kb = ru.ru_maxrss;
  *out = g_string_free (buf, FALSE);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      if (WIFSIGNALED (status))
        g_set_error (error, G_SPAWN_EXIT_ERROR, 1, "%s killed by signal %d", argv[0], WTERMSIG (status));
      else
        g_set_error (error, G_SPAWN_EXIT_ERROR, WEXITSTATUS (status), "%s exited with status %d",
                     argv[0], WEXITSTATUS (status));
      return FALSE;
    }

  return TRUE;
}

static void
parse_child_line (const char *out,
                  Sample     *s)
{
  g_auto(GStrv) words = NULL;
  const char *nl;
  g_autofree char *line = NULL;

  nl = strchr (out, '\n');
  line = nl != NULL ? g_strndup (out, nl - out) : g_strdup (out);

  if (!g_str_has_prefix (line, "ok "))
    {
      s->ok = FALSE;
      s->error = g_strdup (g_str_has_prefix (line, "error ") ? line + 6 : line);
      return;
    }

  s->ok = TRUE;
  words = g_strsplit (line + 3, " ", -1);
  for (char **w = words; *w != NULL; w++)
    {
      const char *eq = strchr (*w, '=');
      const char *v;

      if (eq == NULL)
        continue;
      v = eq + 1;
#define KEY(k) (strncmp (*w, k "=", strlen (k) + 1) == 0)
      if (KEY ("seconds"))
        s->seconds = g_ascii_strtod (v, NULL);
      else if (KEY ("triangles"))
        s->triangles = g_ascii_strtoull (v, NULL, 10);
      else if (KEY ("volume"))
        s->volume = g_ascii_strtod (v, NULL);
      else if (KEY ("area"))
        s->area = g_ascii_strtod (v, NULL);
      else if (KEY ("topology"))
        s->topology = v[0] == '1';
      else if (KEY ("shells"))
        s->shells = g_ascii_strtoull (v, NULL, 10);
      else if (KEY ("boundary"))
        s->boundary = g_ascii_strtoull (v, NULL, 10);
      else if (KEY ("nonmanifold"))
        s->nonmanifold = g_ascii_strtoull (v, NULL, 10);
      else if (KEY ("inconsistent"))
        s->inconsistent = g_ascii_strtoull (v, NULL, 10);
      else if (KEY ("degenerate"))
        s->degenerate = g_ascii_strtoull (v, NULL, 10);
#undef KEY
    }
}

/* "Number of parts       :     1        Volume   :  522755.656250" */
static void
parse_admesh (const char *out,
              Sample     *s)
{
  const char *p = strstr (out, "Volume   :");
  const char *parts = strstr (out, "Number of parts");
  const char *facets = strstr (out, "Number of facets");

  if (p == NULL)
    {
      s->ok = FALSE;
      s->error = g_strdup ("no volume in admesh's output");
      return;
    }
  s->ok = TRUE;
  s->volume = g_ascii_strtod (p + strlen ("Volume   :"), NULL);
  if (parts != NULL && (parts = strchr (parts, ':')) != NULL)
    s->shells = g_ascii_strtoull (parts + 1, NULL, 10);
  if (facets != NULL && (facets = strchr (facets, ':')) != NULL)
    s->triangles = g_ascii_strtoull (facets + 1, NULL, 10);
}

static void
run_case (Case       *c,
          Mode        mode,
          guint       runs,
          const char *self)
{
  Result *r = &c->results[mode];

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      Sample s = { 0 };
      double wall;
      char *argv_self[] = { (char *) self, "--one", c->path, "--mode", (char *) mode_names[mode], NULL };
      char *argv_admesh[] = { ADMESH, c->path, NULL };
      gboolean spawned;

      spawned = spawn_measured (mode == MODE_ADMESH ? argv_admesh : argv_self,
                                &out, &wall, &s.maxrss_kb, &error);
      if (mode == MODE_ADMESH)
        {
          if (spawned)
            parse_admesh (out, &s);
          /* admesh's own clock is not available: fork to reap, which
           * includes its start-up (a few ms, nothing beside its work). */
          s.seconds = wall;
        }
      else if (out != NULL)
        parse_child_line (out, &s);

      if (!spawned && (s.error == NULL))
        {
          s.ok = FALSE;
          s.error = g_strdup (error->message);
        }
      if (!spawned)
        s.ok = FALSE;

      r->ran = TRUE;
      r->runs++;
      if (!s.ok)
        {
          sample_clear (&r->best);
          r->best = s;
          break;
        }
      if (r->runs == 1 || s.seconds < r->best.seconds)
        {
          gint64 peak = MAX (r->best.maxrss_kb, s.maxrss_kb);

          sample_clear (&r->best);
          r->best = s;
          r->best.maxrss_kb = peak;
        }
      else
        {
          r->best.maxrss_kb = MAX (r->best.maxrss_kb, s.maxrss_kb);
          sample_clear (&s);
        }
    }
}

/* Best of several runs, fewer where a run is long. Reading and measuring a
 * binary file take well under a second even at 4M triangles, and their
 * times vary by several times from run to run on a shared VM, so they get
 * five runs everywhere; admesh runs once on 4M (about a minute shuffled). */
static guint
runs_for (const Case *c,
          Mode        mode)
{
  guint64 n = c->mesh->triangles;

  switch (mode)
    {
    case MODE_READ:
      return 5;
    case MODE_MEASURE:
      return !c->variant->ascii || n <= 1000000 ? 5 : 2;
    case MODE_ADMESH:
      return n <= 100000 ? 3 : n <= 1000000 ? 2 : 1;
    case MODE_FULL:
    case MODE_THUMB:
    case N_MODES:
    default:
      return n <= 100000 ? 5 : n <= 1000000 ? 3 : 2;
    }
}

static gboolean
admesh_available (void)
{
  g_autofree char *path = g_find_program_in_path (ADMESH);

  return path != NULL;
}

static char *
describe_check (const Sample *s)
{
  if (!s->topology)
    return g_strdup ("");
  if (s->shells == 1 && s->boundary == 0 && s->nonmanifold == 0 && s->inconsistent == 0 && s->degenerate == 0)
    return g_strdup ("closed, 1 shell");
  return g_strdup_printf ("UNEXPECTED: %" G_GUINT64_FORMAT " shells, %" G_GUINT64_FORMAT " boundary, %"
                          G_GUINT64_FORMAT " non-manifold, %" G_GUINT64_FORMAT " inconsistent, %"
                          G_GUINT64_FORMAT " degenerate",
                          s->shells, s->boundary, s->nonmanifold, s->inconsistent, s->degenerate);
}

static double
rel_diff (double a,
          double b)
{
  return fabs (a - b) / MAX (fabs (b), 1e-300);
}

static Case *
find_case (GPtrArray            *cases,
           const FacetBenchMesh *mesh,
           const char           *variant)
{
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      if (c->mesh == mesh && g_str_equal (c->variant->name, variant))
        return c;
    }

  return NULL;
}

static void
print_table (GPtrArray *cases)
{
  g_print ("\n%-31s %8s  %-8s %4s %10s %9s %9s %7s  %s\n",
           "file", "size MB", "mode", "runs", "best s", "Mtri/s", "peak MB", "x file", "notes");
  g_print ("%-31s %8s  %-8s %4s %10s %9s %9s %7s  %s\n",
           "----", "-------", "----", "----", "------", "------", "-------", "------", "-----");

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      const Result *ours = &c->results[MODE_FULL];

      for (Mode m = 0; m < N_MODES; m++)
        {
          const Result *r = &c->results[m];
          double peak_mb = r->best.maxrss_kb / 1024.0;
          g_autofree char *notes = NULL;

          if (!r->ran)
            continue;

          if (!r->best.ok)
            {
              g_print ("%-31s %8.1f  %-8s %4u %10s %9s %9s %7s  error: %s\n",
                       c->name, c->size / 1048576.0, mode_names[m], r->runs, "-", "-", "-", "-",
                       r->best.error);
              continue;
            }

          if (m == MODE_FULL)
            notes = describe_check (&r->best);
          else if (m == MODE_MEASURE && c != find_case (cases, c->mesh, "binary"))
            {
              /* The same mesh as the binary file: the ASCII file prints
               * every float with 9 digits, which round-trips, so its
               * figures must be equal; the shuffled one only reorders the
               * facets, so they may differ in the last bits of the sums. */
              Case *bin = find_case (cases, c->mesh, "binary");

              if (bin != NULL && bin->results[MODE_MEASURE].best.ok)
                {
                  double d = rel_diff (r->best.volume, bin->results[MODE_MEASURE].best.volume);

                  notes = d == 0 ? g_strdup ("volume = binary's")
                                 : g_strdup_printf ("volume differs from binary's by %.2g", d);
                }
            }
          else if (m == MODE_MEASURE)
            notes = g_strdup_printf ("volume %.6f", r->best.volume);
          else if (m == MODE_ADMESH && ours->ran && ours->best.ok)
            notes = g_strdup_printf ("volume %.6f, ours differs by %.2g", r->best.volume,
                                     rel_diff (ours->best.volume, r->best.volume));
          else if (m == MODE_ADMESH)
            notes = g_strdup_printf ("volume %.6f", r->best.volume);
          else if (m == MODE_THUMB)
            notes = g_strdup ("render only");

          g_print ("%-31s %8.1f  %-8s %4u %10.4f %9.2f %9.1f %7.2f  %s\n",
                   c->name, c->size / 1048576.0, mode_names[m], r->runs, r->best.seconds,
                   c->mesh->triangles / r->best.seconds / 1e6, peak_mb,
                   r->best.maxrss_kb * 1024.0 / c->size, notes != NULL ? notes : "");
        }
    }
}

typedef enum { GOAL_PASS, GOAL_FAIL, GOAL_SKIP } GoalStatus;

static GoalStatus
goal (gboolean    pass,
      const char *label,
      const char *fmt,
      ...) G_GNUC_PRINTF (3, 4);

static GoalStatus
goal (gboolean    pass,
      const char *label,
      const char *fmt,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, fmt);
  text = g_strdup_vprintf (fmt, args);
  va_end (args);

  g_print ("  %s  %-11s %s\n", pass ? "PASS" : "FAIL", label, text);
  return pass ? GOAL_PASS : GOAL_FAIL;
}

static void
skip (const char *label,
      const char *what)
{
  g_print ("  SKIP  %-11s %s\n", label, what);
}

/* Returns the number of failed goals; *checked: files the goals apply to. */
static guint
check_goals (GPtrArray *cases,
             gboolean   have_admesh,
             guint     *checked_out)
{
  guint failed = 0, checked = 0;

  g_print ("\nGoals (binary 1m and 4m files, in ring and in shuffled facet order):\n");

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      const Sample *rd = &c->results[MODE_READ].best;
      const Sample *ms = &c->results[MODE_MEASURE].best;
      const Sample *fl = &c->results[MODE_FULL].best;
      const Sample *ad = &c->results[MODE_ADMESH].best;
      const Sample *th = &c->results[MODE_THUMB].best;
      g_autofree char *label = NULL;

      if (c->variant->ascii || c->mesh->triangles < 1000000)
        continue;
      checked++;
      label = c->variant->shuffled ? g_strdup_printf ("%s shuffled", c->mesh->label)
                                   : g_strdup (c->mesh->label);

      if (rd->ok && ms->ok)
        failed += goal (ms->seconds <= GOAL_MEASURE_OVER_READ * rd->seconds, label,
                        "measure <= %.0fx read floor: measure %.4f s = %.2fx read %.4f s",
                        GOAL_MEASURE_OVER_READ, ms->seconds, ms->seconds / rd->seconds, rd->seconds) == GOAL_FAIL;
      else
        failed += goal (FALSE, label, "measure <= %.0fx read floor: %s", GOAL_MEASURE_OVER_READ,
                        !rd->ok ? rd->error : ms->error) == GOAL_FAIL;

      if (!fl->ok)
        failed += goal (FALSE, label, "full check: %s", fl->error) == GOAL_FAIL;
      else if (!have_admesh || !c->results[MODE_ADMESH].ran)
        skip (label, "full check >= 5x faster than admesh: admesh not run");
      else if (!ad->ok)
        failed += goal (FALSE, label, "full check >= 5x faster than admesh: admesh failed: %s",
                        ad->error) == GOAL_FAIL;
      else
        failed += goal (ad->seconds >= GOAL_ADMESH_OVER_FULL * fl->seconds, label,
                        "full check >= %.0fx faster than admesh: admesh %.3f s / full %.4f s = %.1fx",
                        GOAL_ADMESH_OVER_FULL, ad->seconds, fl->seconds, ad->seconds / fl->seconds) == GOAL_FAIL;

      if (fl->ok)
        {
          double ours = fl->maxrss_kb * 1024.0 / c->size;
          g_autofree char *theirs = ad->ok ? g_strdup_printf (" (admesh %.1f MB = %.2fx)",
                                                               ad->maxrss_kb / 1024.0,
                                                               ad->maxrss_kb * 1024.0 / c->size)
                                           : g_strdup ("");

          failed += goal (ours < GOAL_FULL_PEAK_OVER_FILE, label,
                          "full-check peak memory < %.1fx file: %.1f MB = %.2fx of %.1f MB%s",
                          GOAL_FULL_PEAK_OVER_FILE, fl->maxrss_kb / 1024.0, ours, c->size / 1048576.0,
                          theirs) == GOAL_FAIL;
        }

      if (fl->ok && ad->ok)
        {
          double d = rel_diff (fl->volume, ad->volume);

          failed += goal (d < GOAL_VOLUME_REL_DIFF, label,
                          "volume agrees with admesh to its float precision (< %.0e): ours %.6f, "
                          "admesh %.6f, relative difference %.2g",
                          GOAL_VOLUME_REL_DIFF, fl->volume, ad->volume, d) == GOAL_FAIL;
        }

      if (c->results[MODE_THUMB].ran)
        {
          if (th->ok)
            failed += goal (th->seconds < GOAL_THUMB_SECONDS, label,
                            "thumbnail %dx%d < %.0f s: %.4f s", THUMB_SIZE, THUMB_SIZE,
                            GOAL_THUMB_SECONDS, th->seconds) == GOAL_FAIL;
          else
            failed += goal (FALSE, label, "thumbnail: %s", th->error) == GOAL_FAIL;
        }
    }

  if (checked == 0)
    g_print ("  SKIP  no 1m or 4m binary file in this run (see --max)\n");

  *checked_out = checked;
  return failed;
}

static void
print_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *model = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      const char *p = strstr (cpuinfo, "model name");

      if (p != NULL && (p = strchr (p, ':')) != NULL)
        {
          const char *end = strchr (p, '\n');

          model = g_strstrip (g_strndup (p + 1, end != NULL ? (gsize) (end - p - 1) : strlen (p + 1)));
        }
    }

  g_print ("Machine: %s, %ld CPUs online; %s\n", model != NULL ? model : "unknown CPU",
           sysconf (_SC_NPROCESSORS_ONLN), date);
}

static gboolean
variant_wanted (const FacetBenchVariant *variant,
                gboolean                 binary_only,
                gboolean                 skip_shuffled)
{
  return !(binary_only && variant->ascii) && !(skip_shuffled && variant->shuffled);
}

/* The 1-minute load average, or -1. Other work on the machine slows every
 * row, admesh's long runs most: a table is only worth reading when this
 * stays well below the number of CPUs. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static void
report_load (void)
{
  double load = load_average ();
  long cpus = sysconf (_SC_NPROCESSORS_ONLN);

  if (load >= 0)
    g_print ("Load average before: %.2f on %ld CPUs%s\n", load, cpus,
             load >= 0.5 * MAX (cpus, 1) ? " (busy: other work is competing)" : "");
}

/* What the whole machine spent, from /proc/stat, in seconds. */
typedef struct
{
  double busy;
  double steal;
  double ours;   /* this process and its reaped children */
  gint64 wall_us;
} CpuSnapshot;

static void
cpu_snapshot (CpuSnapshot *snap)
{
  g_autofree char *text = NULL;
  double hz = sysconf (_SC_CLK_TCK);
  struct rusage self, children;

  memset (snap, 0, sizeof *snap);
  snap->wall_us = g_get_monotonic_time ();

  if (g_file_get_contents ("/proc/stat", &text, NULL, NULL) && g_str_has_prefix (text, "cpu "))
    {
      /* user nice system idle iowait irq softirq steal ... */
      guint64 f[8] = { 0 };
      char *p = text + 4;

      for (int i = 0; i < 8; i++)
        f[i] = g_ascii_strtoull (p, &p, 10);
      snap->busy = (f[0] + f[1] + f[2] + f[5] + f[6]) / hz;
      snap->steal = f[7] / hz;
    }

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  snap->ours = self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6
             + self.ru_stime.tv_sec + self.ru_stime.tv_usec / 1e6
             + children.ru_utime.tv_sec + children.ru_utime.tv_usec / 1e6
             + children.ru_stime.tv_sec + children.ru_stime.tv_usec / 1e6;
}

/* The CPU time other processes (and the hypervisor) took while we ran: the
 * load average cannot tell, as it counts the benchmark's own threads. */
static void
report_competition (const CpuSnapshot *before)
{
  CpuSnapshot after;
  long cpus = MAX (sysconf (_SC_NPROCESSORS_ONLN), 1);
  double wall, capacity, others, steal;

  cpu_snapshot (&after);
  wall = (after.wall_us - before->wall_us) / 1e6;
  capacity = wall * cpus;
  others = MAX ((after.busy - before->busy) - (after.ours - before->ours), 0.0);
  steal = after.steal - before->steal;
  if (capacity <= 0 || after.busy == 0)
    return;

  g_print ("During the run (%.0f s on %ld CPUs): other processes used %.1f CPU-s (%.0f%% of the machine), "
           "hypervisor steal %.1f CPU-s%s\n",
           wall, cpus, others, 100 * others / capacity, steal,
           (others + steal) / capacity > 0.10 ? " -- busy: the times are not reliable" : "");
}

static char *
self_path (const char *argv0)
{
  g_autofree char *link = g_file_read_link ("/proc/self/exe", NULL);

  return link != NULL ? g_steal_pointer (&link) : g_strdup (argv0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *generator = NULL;
  g_autofree char *one = NULL;
  g_autofree char *mode_name = NULL;
  g_autofree char *self = NULL;
  g_autofree char *self_dir = NULL;
  gint64 max = G_MAXINT64;
  gboolean binary_only = FALSE, skip_shuffled = FALSE, skip_admesh = FALSE, have_admesh;
  guint failed, checked;
  CpuSnapshot cpu_before;
  GOptionEntry entries[] = {
    { "max", 0, 0, G_OPTION_ARG_INT64, &max, "Only meshes of at most N triangles", "N" },
    { "binary-only", 0, 0, G_OPTION_ARG_NONE, &binary_only, "Skip the ASCII files", NULL },
    { "skip-shuffled", 0, 0, G_OPTION_ARG_NONE, &skip_shuffled, "Skip the files in shuffled facet order", NULL },
    { "skip-admesh", 0, 0, G_OPTION_ARG_NONE, &skip_admesh, "Do not run admesh", NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the meshes are (and are generated)", "DIR" },
    { "generator", 0, 0, G_OPTION_ARG_FILENAME, &generator, "The facet-mesh-gen program", "PATH" },
    { "one", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &one, NULL, NULL },
    { "mode", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &mode_name, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new ("- time loading, measuring and checking STL meshes");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (one != NULL)
    {
      if (mode_name == NULL || g_str_equal (mode_name, "read"))
        return child_read (one);
      if (g_str_equal (mode_name, "measure"))
        return child_mesh (one, MODE_MEASURE);
      if (g_str_equal (mode_name, "full"))
        return child_mesh (one, MODE_FULL);
      if (g_str_equal (mode_name, "thumb256"))
        return child_mesh (one, MODE_THUMB);
      g_print ("error unknown mode %s\n", mode_name);
      return 2;
    }

  self = self_path (argv[0]);
  self_dir = g_path_get_dirname (self);
  if (dir == NULL)
    dir = g_strdup (self_dir);
  if (generator == NULL)
    generator = g_build_filename (self_dir, "facet-mesh-gen", NULL);
  have_admesh = !skip_admesh && admesh_available ();

  print_machine ();
  report_load ();
  cpu_snapshot (&cpu_before);

  /* Make what is missing; existing files are trusted (the generator only
   * renames a file into place once it is complete). */
  {
    g_autofree char *max_arg = g_strdup_printf ("%" G_GINT64_FORMAT, max);
    g_autoptr(GPtrArray) gen_argv = g_ptr_array_new ();
    int status;

    g_ptr_array_add (gen_argv, generator);
    g_ptr_array_add (gen_argv, "--max");
    g_ptr_array_add (gen_argv, max_arg);
    for (gsize k = 0; k < G_N_ELEMENTS (facet_bench_variants); k++)
      if (variant_wanted (&facet_bench_variants[k], binary_only, skip_shuffled))
        {
          g_ptr_array_add (gen_argv, "--variant");
          g_ptr_array_add (gen_argv, (char *) facet_bench_variants[k].name);
        }
    g_ptr_array_add (gen_argv, dir);
    g_ptr_array_add (gen_argv, NULL);

    if (!g_spawn_sync (NULL, (char **) gen_argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                       NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("Could not generate the meshes with %s: %s\n", generator, error->message);
        return 1;
      }
  }

  if (!have_admesh)
    g_print ("admesh: %s\n", skip_admesh ? "skipped (--skip-admesh)" : "not installed, its rows and goals are skipped");

  cases = g_ptr_array_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (facet_bench_meshes); i++)
    {
      const FacetBenchMesh *m = &facet_bench_meshes[i];

      if ((gint64) m->triangles > max)
        continue;

      for (gsize k = 0; k < G_N_ELEMENTS (facet_bench_variants); k++)
        {
          Case *c;
          struct stat st;

          if (!variant_wanted (&facet_bench_variants[k], binary_only, skip_shuffled))
            continue;

          c = g_new0 (Case, 1);
          c->mesh = m;
          c->variant = &facet_bench_variants[k];
          c->name = facet_bench_mesh_filename (m, c->variant);
          c->path = g_build_filename (dir, c->name, NULL);
          if (stat (c->path, &st) != 0)
            {
              g_printerr ("%s is missing after generation: %s\n", c->path, g_strerror (errno));
              return 1;
            }
          c->size = st.st_size;
          g_ptr_array_add (cases, c);
        }
    }

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      g_print ("running %s ...\n", c->name);
      /* read first: it also warms the page cache for everything after */
      run_case (c, MODE_READ, runs_for (c, MODE_READ), self);
      run_case (c, MODE_MEASURE, runs_for (c, MODE_MEASURE), self);
      run_case (c, MODE_FULL, runs_for (c, MODE_FULL), self);
      if (!c->variant->ascii)
        run_case (c, MODE_THUMB, 1, self);
      if (have_admesh)
        run_case (c, MODE_ADMESH, runs_for (c, MODE_ADMESH), self);
    }

  print_table (cases);
  g_print ("\n");
  report_competition (&cpu_before);
  g_print ("\nbest s: fastest run (ours timed inside the child, admesh from fork to exit); "
           "peak MB: largest ru_maxrss of the runs; x file: peak / file size.\n");
  failed = check_goals (cases, have_admesh, &checked);
  if (failed > 0)
    g_print ("\n%u goals not met.\n", failed);
  else if (checked > 0)
    g_print ("\nAll goals met.\n");
  else
    g_print ("\nNo goal checked.\n");

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);

      for (Mode m = 0; m < N_MODES; m++)
        sample_clear (&c->results[m].best);
      g_free (c->path);
      g_free (c->name);
      g_free (c);
    }

  return failed == 0 ? 0 : 1;
}
