/* facet-stl-reader.c: binary and ASCII STL, streamed in chunks
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is decided by content and size, never by the word "solid"
 * alone: many binary files begin with it. A file is ASCII when it starts
 * with "solid" and its first 4 KB are text. Otherwise it is binary when its
 * size is 84 + 50 n bytes for the n of its header; failing that, a file
 * beginning with "solid" whose text shows STL keywords is damaged ASCII (its
 * error names a line), and one whose first facet holds sensible numbers is
 * binary, truncated or with padding after the facets.
 *
 * Binary facets are read in chunks straight into the float array of the
 * mesh (9 floats a facet: normals are not kept) and compacted in place, so
 * a big file is never held in memory twice; a worker thread measures each
 * chunk while the next is read. ASCII is parsed in 1 MB chunks into a
 * growing array. The same readers feed buffers to a measurer that keeps no
 * triangles at all, for facet_mesh_measure_file().
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "facet-stl-reader"

#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "facet-mesh-private.h"

#define BINARY_HEADER   84
#define BINARY_RECORD   50
/* Bytes looked at to decide the format. */
#define HEAD_SIZE       4096
/* Binary records read at a time: 1 MB, small enough to stay in cache. */
#define CHUNK_RECORDS   20000
#define ASCII_CHUNK     (1 << 20)
/* Longest word an ASCII file may hold where a keyword or number is due. */
#define MAX_TOKEN       128

/* Where triangles go when they are not read straight into a mesh: the
 * growing array of an ASCII mesh, or buffers handed to a measurer. */
typedef struct _StlSink StlSink;
struct _StlSink
{
  float    *tri;
  gsize     n;
  gsize     cap;
  guint64   total;
  gboolean (*flush) (StlSink *sink, GError **error);
};

typedef struct
{
  StlSink        sink;
  FacetMeasurer *measurer;
  guint          n_buffers;
} MeasureSink;

/* Buffers in flight between reader and measurer. */
#define MEASURE_BUFFERS 3

typedef struct
{
  GInputStream  *stream;        /* NULL for memory */
  const guint8  *mem;
  guint64        size;
  guint64        pos;           /* bytes handed out so far */
  const char    *name;          /* display name, may be NULL */
  GCancellable  *cancellable;
  FacetProgress *progress;

  guint8         head[HEAD_SIZE];
  gsize          head_len;
  guint8        *buf;           /* for ASCII chunks */
  gsize          buf_size;
} StlSource;

/* Sinks */

static gboolean
sink_grow (StlSink  *sink,
           GError  **error)
{
  gsize new_cap = MAX (sink->cap * 2, 4096);
  float *tri;

  if (new_cap > G_MAXSIZE / (9 * sizeof (float)) ||
      new_cap * 9 * sizeof (float) > _facet_physical_memory ())
    tri = NULL;
  else
    tri = g_try_realloc (sink->tri, new_cap * 9 * sizeof (float));

  if (tri == NULL)
    {
      g_autofree char *size = g_format_size ((guint64) new_cap * 9 * sizeof (float));
      g_autofree char *count = g_strdup_printf ("%" G_GSIZE_FORMAT, sink->n);

      /* TRANSLATORS: the first %s is a number of triangles, the second a size like "12 GB" */
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TOO_LARGE,
                   _("The mesh has more than %s triangles and would need %s of memory, more than this computer can give"),
                   count, size);
      return FALSE;
    }

  sink->tri = tri;
  sink->cap = new_cap;
  return TRUE;
}

static gboolean
sink_measure_flush (StlSink  *sink,
                    GError  **error)
{
  MeasureSink *self = (MeasureSink *) sink;

  if (sink->n == 0)
    return TRUE;
  _facet_measurer_push (self->measurer, sink->tri, sink->n, sink->tri);
  if (self->n_buffers < MEASURE_BUFFERS)
    {
      sink->tri = g_new (float, 9 * (gsize) sink->cap);
      self->n_buffers++;
    }
  else
    sink->tri = _facet_measurer_take_buffer (self->measurer);
  sink->n = 0;
  return TRUE;
}

static inline gboolean
sink_push (StlSink      *sink,
           const float   tri[9],
           GError      **error)
{
  if (G_UNLIKELY (sink->n == sink->cap) && !sink->flush (sink, error))
    return FALSE;
  memcpy (sink->tri + 9 * sink->n, tri, 9 * sizeof (float));
  sink->n++;
  sink->total++;
  return TRUE;
}

/* Sources */

static gboolean
source_check_cancelled (StlSource  *src,
                        GError    **error)
{
  return _facet_set_cancelled_error (src->cancellable, error);
}

/* GIO's messages repeat the path; say what happened in a few words. */
static const char *
describe_io_error (const GError *cause)
{
  if (cause->domain != G_IO_ERROR)
    return cause->message;
  switch (cause->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      return _("there is no such file");
    case G_IO_ERROR_PERMISSION_DENIED:
      return _("you are not allowed to read it");
    case G_IO_ERROR_IS_DIRECTORY:
      return _("it is a folder, not a file");
    default:
      return cause->message;
    }
}

static void
set_error_from_io (GError       **error,
                   const char    *name,
                   const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED, _("Cancelled"));
  else
    g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO,
                 _("Could not read “%s”: %s"), name ? name : "", describe_io_error (cause));
}

static void
set_io_error (StlSource    *src,
              GError      **error,
              const GError *cause)
{
  set_error_from_io (error, src->name, cause);
}

/* Reads the next @want bytes (fewer only at the end of the data): from
 * memory *data points into it; from a stream they are read into @dst (the
 * head already read first) and *data is @dst. */
static gboolean
source_read (StlSource     *src,
             guint8        *dst,
             gsize          want,
             const guint8 **data,
             GError       **error)
{
  guint64 left = src->size - src->pos;
  gsize have = 0;

  if (source_check_cancelled (src, error))
    return FALSE;

  want = (gsize) MIN ((guint64) want, left);

  if (src->stream == NULL)
    {
      *data = src->mem + src->pos;
      src->pos += want;
      goto out;
    }

  if (src->pos < src->head_len)
    {
      have = MIN (want, src->head_len - (gsize) src->pos);
      memcpy (dst, src->head + src->pos, have);
    }

  if (have < want)
    {
      g_autoptr(GError) local_error = NULL;
      gsize got = 0;

      if (!g_input_stream_read_all (src->stream, dst + have, want - have, &got,
                                    src->cancellable, &local_error))
        {
          set_io_error (src, error, local_error);
          return FALSE;
        }
      if (have + got < want)
        {
          /* The file shrank while we read it. */
          g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO,
                       _("Could not read “%s”: the file changed while it was being read"),
                       src->name ? src->name : "");
          return FALSE;
        }
    }

  *data = dst;
  src->pos += want;

out:
  if (src->progress != NULL && src->size > 0)
    _facet_progress_update (src->progress, (double) src->pos / (double) src->size);
  return TRUE;
}

/* The same into a buffer of the source's own. */
static gboolean
source_next (StlSource     *src,
             gsize          want,
             const guint8 **data,
             GError       **error)
{
  if (src->stream != NULL && src->buf_size < want)
    {
      g_free (src->buf);
      src->buf = g_malloc (want);
      src->buf_size = want;
    }
  return source_read (src, src->buf, want, data, error);
}

/* Format detection */

static gboolean
is_text_byte (guint8 c)
{
  /* Bytes above 0x7f may be a name in UTF-8 or Latin-1. */
  return (c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gsize
skip_bom_and_space (const guint8 *head,
                    gsize         len)
{
  gsize i = 0;

  if (len >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
    i = 3;
  while (i < len && g_ascii_isspace (head[i]))
    i++;
  return i;
}

static gboolean
starts_with_solid (const guint8 *head,
                   gsize         len)
{
  gsize i = skip_bom_and_space (head, len);

  if (len - i < 5 || g_ascii_strncasecmp ((const char *) head + i, "solid", 5) != 0)
    return FALSE;
  return len - i == 5 || g_ascii_isspace (head[i + 5]);
}

/* "solid" and nothing but text. */
static gboolean
looks_like_ascii (const guint8 *head,
                  gsize         len)
{
  if (!starts_with_solid (head, len))
    return FALSE;
  for (gsize j = 0; j < len; j++)
    if (!is_text_byte (head[j]))
      return FALSE;
  return TRUE;
}

/* "solid", then on a later line a keyword of the body, before the first
 * byte that is not text: an ASCII file with a stray byte, better told by
 * its line number. (A binary header is one line.) */
static gboolean
looks_like_damaged_ascii (const guint8 *head,
                          gsize         len)
{
  gsize text = 0;
  gboolean new_line = FALSE;

  if (!starts_with_solid (head, len))
    return FALSE;
  while (text < len && is_text_byte (head[text]))
    text++;
  for (gsize j = 0; j + 5 <= text; j++)
    {
      if (head[j] == '\n')
        new_line = TRUE;
      else if (new_line &&
               (g_ascii_strncasecmp ((const char *) head + j, "facet", 5) == 0 ||
                g_ascii_strncasecmp ((const char *) head + j, "endso", 5) == 0))
        return TRUE;
    }
  return FALSE;
}

static inline float
read_le_float (const guint8 *p)
{
  guint32 u;
  float f;

  memcpy (&u, p, 4);
  u = GUINT32_FROM_LE (u);
  memcpy (&f, &u, 4);
  return f;
}

/* A binary facet as an exporter writes it: finite vertex coordinates of
 * sensible magnitude (random bytes rarely are). */
static gboolean
plausible_record (const guint8 *rec)
{
  for (int i = 0; i < 9; i++)
    {
      float f = read_le_float (rec + 12 + 4 * i);

      if (!isfinite (f))
        return FALSE;
      if (f != 0.0f && (fabsf (f) < 1e-20f || fabsf (f) > 1e20f))
        return FALSE;
    }
  return TRUE;
}

/* Decides the format from the first bytes and the size. On success for
 * binary, *n_triangles is the number of facets to read. */
static gboolean
detect_format (const guint8    *head,
               gsize            head_len,
               guint64          size,
               FacetMeshFormat *format,
               guint64         *n_triangles,
               GError         **error)
{
  guint64 announced = 0, holds;
  gboolean plausible;

  if (size == 0)
    {
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY, _("The file is empty"));
      return FALSE;
    }

  if (looks_like_ascii (head, head_len))
    {
      *format = FACET_MESH_FORMAT_ASCII;
      *n_triangles = 0;
      return TRUE;
    }

  if (size >= BINARY_HEADER)
    {
      guint32 count;

      memcpy (&count, head + 80, 4);
      announced = GUINT32_FROM_LE (count);
    }

  if ((size < BINARY_HEADER || size != BINARY_HEADER + BINARY_RECORD * announced) &&
      looks_like_damaged_ascii (head, head_len))
    {
      *format = FACET_MESH_FORMAT_ASCII;
      *n_triangles = 0;
      return TRUE;
    }

  if (size < BINARY_HEADER)
    goto not_stl;

  holds = (size - BINARY_HEADER) / BINARY_RECORD;
  plausible = holds == 0 && announced < (1u << 24);
  for (guint64 r = 0; r < MIN (holds, 8) && BINARY_HEADER + BINARY_RECORD * (r + 1) <= head_len; r++)
    plausible = plausible || plausible_record (head + BINARY_HEADER + BINARY_RECORD * r);

  if (size == BINARY_HEADER + BINARY_RECORD * announced)
    {
      if (announced == 0)
        {
          g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY,
                       _("The file holds no triangles"));
          return FALSE;
        }
      *format = FACET_MESH_FORMAT_BINARY;
      *n_triangles = announced;
      return TRUE;
    }

  if (!plausible)
    goto not_stl;

  if (announced == 0)
    {
      /* Some exporters write the facets but leave the count at zero. */
      if (holds > 0 && (size - BINARY_HEADER) % BINARY_RECORD == 0)
        {
          *format = FACET_MESH_FORMAT_BINARY;
          *n_triangles = holds;
          return TRUE;
        }
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY,
                   _("The file holds no triangles"));
      return FALSE;
    }

  if (announced > holds)
    {
      g_autofree char *announced_text = g_strdup_printf ("%" G_GUINT64_FORMAT, announced);
      g_autofree char *holds_text = g_strdup_printf ("%" G_GUINT64_FORMAT, holds);

      /* TRANSLATORS: both %s are numbers of triangles; the plural follows the first */
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TRUNCATED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The header announces %s triangle but the file holds only %s: it was probably cut short while being copied or downloaded. Export or download it again.",
                                "The header announces %s triangles but the file holds only %s: it was probably cut short while being copied or downloaded. Export or download it again.",
                                (gulong) MIN (announced, G_MAXULONG)),
                   announced_text, holds_text);
      return FALSE;
    }

  /* More bytes than announced: trailing padding, ignored. */
  *format = FACET_MESH_FORMAT_BINARY;
  *n_triangles = announced;
  return TRUE;

not_stl:
  g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL,
               _("This is not an STL file: it is neither binary STL nor ASCII STL text beginning with “solid”. Export the design as STL from your CAD program."));
  return FALSE;
}

/* Binary */

static inline void
fix_byte_order (float *v,
                gsize  n)
{
#if G_BYTE_ORDER == G_BIG_ENDIAN
  guint32 *w = (guint32 *) v;

  for (gsize i = 0; i < n; i++)
    w[i] = GUINT32_SWAP_LE_BE (w[i]);
#endif
}

/* Moves the 36 bytes of vertices of each 50-byte record to the front; the
 * destination never overtakes the records still to move. */
static inline void
compact_records (guint8       *dst,
                 const guint8 *records,
                 gsize         n)
{
  for (gsize k = 0; k < n; k++)
    memmove (dst + 36 * k, records + BINARY_RECORD * k + 12, 36);
  fix_byte_order ((float *) dst, 9 * n);
}

/* Binary facets into a sink (measuring without keeping them). */
static gboolean
read_binary_to_sink (StlSource  *src,
                     guint64     n_triangles,
                     StlSink    *sink,
                     GError    **error)
{
  const guint8 *data;
  guint64 done = 0;

  if (!source_next (src, BINARY_HEADER, &data, error))
    return FALSE;

  while (done < n_triangles)
    {
      gsize records = (gsize) MIN ((guint64) CHUNK_RECORDS, n_triangles - done);

      if (!source_next (src, records * BINARY_RECORD, &data, error))
        return FALSE;

      for (gsize r = 0; r < records; )
        {
          gsize take;

          if (sink->n == sink->cap && !sink->flush (sink, error))
            return FALSE;
          take = MIN (sink->cap - sink->n, records - r);
          compact_records ((guint8 *) (sink->tri + 9 * sink->n), data + r * BINARY_RECORD, take);
          sink->n += take;
          sink->total += take;
          r += take;
        }
      done += records;
    }

  return TRUE;
}

static gboolean
set_too_large (GError  **error,
               guint64   n,
               guint64   bytes)
{
  g_autofree char *size = g_format_size (bytes);
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

  /* TRANSLATORS: the first %s is a number of triangles, the second a size like "12 GB" */
  g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_TOO_LARGE,
               _("The mesh has %s triangles and would need %s of memory, more than this computer can give"),
               count, size);
  return FALSE;
}

/* Binary facets straight into the vertex array of a mesh: each chunk of
 * records is read where its vertices belong and compacted in place, and
 * measured by a worker while the next one is read. */
static FacetMesh *
load_binary (StlSource  *src,
             guint64     n,
             GError    **error)
{
  g_autofree guint8 *dest = NULL;
  FacetMeasurer *measurer = NULL;
  guint8 header[BINARY_HEADER];
  const guint8 *data;
  guint64 bytes, done = 0;
  FacetMesh *mesh;
  gboolean ok = TRUE;

  /* The last chunk is read at its place, 14 bytes a record longer. */
  if (n > (G_MAXUINT64 - BINARY_RECORD * CHUNK_RECORDS) / 36)
    bytes = G_MAXUINT64;
  else
    bytes = 36 * n + (BINARY_RECORD - 36) * CHUNK_RECORDS;
  dest = _facet_try_alloc_pages (bytes, FALSE);
  if (dest == NULL)
    {
      set_too_large (error, n, 36 * n);
      return NULL;
    }

  if (!source_read (src, header, BINARY_HEADER, &data, error))
    return NULL;

  if (n >= 4 * FACET_MEASURE_BLOCK)
    {
      /* The worker maps the pages while the first chunks are read, so
       * that the reads find them ready; then it measures. */
      measurer = _facet_measurer_new ();
      _facet_measurer_populate (measurer, dest, (gsize) bytes);
    }

  while (done < n)
    {
      gsize records = (gsize) MIN ((guint64) CHUNK_RECORDS, n - done);
      guint8 *at = dest + 36 * done;

      if (!source_read (src, at, records * BINARY_RECORD, &data, error))
        {
          ok = FALSE;
          break;
        }
      compact_records (at, data, records);
      if (measurer != NULL)
        _facet_measurer_push (measurer, (const float *) at, records, NULL);
      done += records;
    }

  if (!ok)
    {
      if (measurer != NULL)
        _facet_measurer_finish (measurer, NULL);
      return NULL;
    }

  mesh = _facet_mesh_new_take (FACET_MESH_FORMAT_BINARY, n, NULL);
  if (measurer != NULL)
    {
      _facet_measurer_finish (measurer, &mesh->totals);
      mesh->measured = TRUE;
    }

  /* Give back the slack (the worker is done with the array). */
  mesh->vertices = g_try_realloc (dest, 36 * n);
  if (mesh->vertices == NULL)
    mesh->vertices = (float *) dest;
  dest = NULL;
  return mesh;
}

/* ASCII */

typedef enum
{
  ST_SOLID,         /* expecting "solid" */
  ST_SOLID_NAME,    /* the rest of the "solid" line */
  ST_BODY,          /* expecting "facet" or "endsolid" */
  ST_FACET,         /* after "facet": "normal" or "outer" */
  ST_NORMAL,        /* three numbers */
  ST_OUTER,
  ST_LOOP,
  ST_VERTEX,        /* "vertex" or, after three, "endloop" */
  ST_COORD,         /* three numbers */
  ST_ENDFACET,
  ST_ENDSOLID_NAME, /* the rest of the "endsolid" line */
} AsciiState;

typedef struct
{
  AsciiState state;
  guint      line;
  guint      token_line;    /* line of the word being handled */
  guint      name_line;     /* line of the last solid/endsolid */
  int        count;         /* numbers read in ST_NORMAL / ST_COORD */
  int        vertex;        /* vertices read in the current loop */
  gboolean   seen_solid;
  float      tri[9];
  StlSink   *sink;

  char       carry[MAX_TOKEN + 1];
  gsize      carry_len;
  gboolean   carry_long;    /* the carried word was longer than MAX_TOKEN */
  gboolean   in_token;
  guint      carry_line;
} AsciiParser;

static const guint8 ascii_space[256] = {
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1,
};

static locale_t
c_locale (void)
{
  static gsize once = 0;
  static locale_t loc;

  if (g_once_init_enter (&once))
    {
      loc = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return loc;
}

static const double pow10_table[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* A decimal number, correctly rounded to float like strtof() in the C
 * locale: exact vertices matter for welding. The common forms ("%e", "%f")
 * take an exact double path; anything else goes to strtof_l(). */
static gboolean
parse_float (const char *s,
             gsize       len,
             float      *out)
{
  const char *p = s, *end = s + len;
  gboolean neg = FALSE;
  guint64 mant = 0;
  int digits = 0, exp10 = 0;
  gboolean any = FALSE;

  if (p < end && (*p == '-' || *p == '+'))
    neg = *p++ == '-';

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      any = TRUE;
      if (mant == 0 && *p == '0')
        continue;
      if (digits >= 19)
        goto slow;
      mant = mant * 10 + (guint64) (*p - '0');
      digits++;
    }
  if (p < end && *p == '.')
    {
      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          any = TRUE;
          if (mant == 0 && *p == '0')
            {
              exp10--;
              continue;
            }
          if (digits >= 19)
            goto slow;
          mant = mant * 10 + (guint64) (*p - '0');
          digits++;
          exp10--;
        }
    }
  if (!any)
    goto slow;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean eneg = FALSE;
      int e = 0;

      p++;
      if (p < end && (*p == '-' || *p == '+'))
        eneg = *p++ == '-';
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      for (; p < end && g_ascii_isdigit (*p); p++)
        {
          if (e > 10000)
            goto slow;
          e = e * 10 + (*p - '0');
        }
      exp10 += eneg ? -e : e;
    }
  if (p != end)
    goto slow;

  if (mant == 0)
    {
      *out = neg ? -0.0f : 0.0f;
      return TRUE;
    }

#if FLT_EVAL_METHOD == 0
  if (mant < (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22)
    {
      /* Both operands exact: the double is correctly rounded. Rounding it
       * again to float is only wrong when it lands exactly on a midpoint
       * between two floats; leave those to strtof. */
      double d = exp10 < 0 ? (double) mant / pow10_table[-exp10]
                           : (double) mant * pow10_table[exp10];
      guint64 bits;

      if (d >= FLT_MIN && d <= FLT_MAX)
        {
          memcpy (&bits, &d, 8);
          if ((bits & 0x1fffffff) != 0x10000000)
            {
              *out = neg ? -(float) d : (float) d;
              return TRUE;
            }
        }
    }
#endif

slow:
  {
    char buf[MAX_TOKEN + 1];
    char *endptr = NULL;
    float f;

    if (len > MAX_TOKEN)
      return FALSE;
    memcpy (buf, s, len);
    buf[len] = '\0';
#ifdef __GLIBC__
    f = strtof_l (buf, &endptr, c_locale ());
#else
    (void) c_locale;
    f = (float) g_ascii_strtod (buf, &endptr);
#endif
    if (endptr != buf + len || len == 0)
      return FALSE;
    *out = f;
    return TRUE;
  }
}

/* Keywords are lower-case letters, and c | 0x20 equals one only for that
 * letter in either case. */
static inline gboolean
token_is (const char *tok,
          gsize       len,
          const char *keyword)
{
  gsize i;

  for (i = 0; i < len; i++)
    if (keyword[i] == '\0' || ((guint8) tok[i] | 0x20) != (guint8) keyword[i])
      return FALSE;
  return keyword[i] == '\0';
}

/* The word as it can be shown in a message: at most 40 characters,
 * valid UTF-8, no control characters. */
static char *
describe_token (const char *tok,
                gsize       len,
                gboolean    longer)
{
  g_autofree char *valid = g_utf8_make_valid (tok, (gssize) MIN (len, 160));
  GString *out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = valid; *p && n < 40; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
    }
  if (longer || len > 160 || g_utf8_strlen (valid, -1) > 40)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static gboolean
syntax_error (AsciiParser *p,
              GError     **error,
              const char  *expected,
              const char  *tok,
              gsize        len,
              gboolean     longer)
{
  g_autofree char *found = describe_token (tok, len, longer);

  /* TRANSLATORS: "Line 12: expected “vertex” but found “vertx”" in an ASCII STL file */
  g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_SYNTAX,
               _("Line %u: expected %s but found “%s”. The ASCII STL file is damaged: export it again."),
               p->token_line, expected, found);
  return FALSE;
}

static gboolean
ascii_token (AsciiParser *p,
             const char  *tok,
             gsize        len,
             gboolean     longer,
             GError     **error)
{
  switch (p->state)
    {
    case ST_SOLID_NAME:
      /* The name runs to the end of the "solid" line, unless the facets
       * follow on the same line. */
      if (p->token_line == p->name_line &&
          !token_is (tok, len, "facet") && !token_is (tok, len, "endsolid"))
        return TRUE;
      p->state = ST_BODY;
      G_GNUC_FALLTHROUGH;

    case ST_BODY:
      if (token_is (tok, len, "facet"))
        p->state = ST_FACET;
      else if (token_is (tok, len, "endsolid"))
        {
          p->state = ST_ENDSOLID_NAME;
          p->name_line = p->token_line;
        }
      else if (token_is (tok, len, "solid"))
        {
          /* A new block without the "endsolid" of the last one. */
          p->state = ST_SOLID_NAME;
          p->name_line = p->token_line;
        }
      else
        return syntax_error (p, error, _("“facet” or “endsolid”"), tok, len, longer);
      return TRUE;

    case ST_ENDSOLID_NAME:
      if (token_is (tok, len, "solid"))
        {
          p->state = ST_SOLID_NAME;
          p->name_line = p->token_line;
          return TRUE;
        }
      if (p->token_line == p->name_line)
        return TRUE;
      return syntax_error (p, error, _("“solid” or the end of the file"), tok, len, longer);

    case ST_SOLID:
      if (!token_is (tok, len, "solid"))
        return syntax_error (p, error, "“solid”", tok, len, longer);
      p->seen_solid = TRUE;
      p->state = ST_SOLID_NAME;
      p->name_line = p->token_line;
      return TRUE;

    case ST_FACET:
      if (token_is (tok, len, "normal"))
        {
          p->state = ST_NORMAL;
          p->count = 0;
          return TRUE;
        }
      if (token_is (tok, len, "outer"))
        {
          p->state = ST_LOOP;
          return TRUE;
        }
      return syntax_error (p, error, "“normal”", tok, len, longer);

    case ST_NORMAL:
      {
        float ignored;

        /* Normals are not kept: anything that starts like a number will do
         * (some exporters write "-1.#IND00"), and words must be "nan" or
         * "inf". */
        if (!(g_ascii_isdigit (tok[0]) || tok[0] == '-' || tok[0] == '+' || tok[0] == '.') &&
            (longer || !parse_float (tok, len, &ignored)))
          return syntax_error (p, error, _("a number"), tok, len, longer);
        if (++p->count == 3)
          p->state = ST_OUTER;
        return TRUE;
      }

    case ST_OUTER:
      if (!token_is (tok, len, "outer"))
        return syntax_error (p, error, "“outer loop”", tok, len, longer);
      p->state = ST_LOOP;
      return TRUE;

    case ST_LOOP:
      if (!token_is (tok, len, "loop"))
        return syntax_error (p, error, "“loop”", tok, len, longer);
      p->state = ST_VERTEX;
      p->vertex = 0;
      return TRUE;

    case ST_VERTEX:
      if (p->vertex < 3)
        {
          if (!token_is (tok, len, "vertex"))
            return syntax_error (p, error, "“vertex”", tok, len, longer);
          p->state = ST_COORD;
          p->count = 0;
          return TRUE;
        }
      if (!token_is (tok, len, "endloop"))
        return syntax_error (p, error, "“endloop”", tok, len, longer);
      p->state = ST_ENDFACET;
      return TRUE;

    case ST_COORD:
      if (longer || !parse_float (tok, len, &p->tri[3 * p->vertex + p->count]))
        return syntax_error (p, error, _("a number"), tok, len, longer);
      if (++p->count == 3)
        {
          p->vertex++;
          p->state = ST_VERTEX;
        }
      return TRUE;

    case ST_ENDFACET:
      if (!token_is (tok, len, "endfacet"))
        return syntax_error (p, error, "“endfacet”", tok, len, longer);
      p->state = ST_BODY;
      return sink_push (p->sink, p->tri, error);

    default:
      g_assert_not_reached ();
    }
}

static void
carry_append (AsciiParser *p,
              const char  *data,
              gsize        len)
{
  gsize room = MAX_TOKEN - p->carry_len;

  if (len > room)
    {
      p->carry_long = TRUE;
      len = room;
    }
  memcpy (p->carry + p->carry_len, data, len);
  p->carry_len += len;
}

/* Splits a chunk into words; a word cut by the end of the chunk is carried
 * over to the next one. */
static gboolean
ascii_feed (AsciiParser  *p,
            const char   *data,
            gsize         len,
            gboolean      eof,
            GError      **error)
{
  gsize i = 0;

  if (p->in_token)
    {
      gsize j = i;

      while (j < len && !ascii_space[(guint8) data[j]])
        j++;
      carry_append (p, data, j);
      i = j;
      if (j == len && !eof)
        return TRUE;
      p->in_token = FALSE;
      p->token_line = p->carry_line;
      if (!ascii_token (p, p->carry, p->carry_len, p->carry_long, error))
        return FALSE;
    }

  for (;;)
    {
      gsize start;

      while (i < len && ascii_space[(guint8) data[i]])
        {
          if (data[i] == '\n')
            p->line++;
          i++;
        }
      if (i == len)
        break;

      start = i;
      while (i < len && !ascii_space[(guint8) data[i]])
        i++;

      if (i == len && !eof)
        {
          p->in_token = TRUE;
          p->carry_len = 0;
          p->carry_long = FALSE;
          p->carry_line = p->line;
          carry_append (p, data + start, i - start);
          break;
        }

      p->token_line = p->line;
      if (!ascii_token (p, data + start, i - start, i - start > MAX_TOKEN, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
ascii_finish (AsciiParser  *p,
              GError      **error)
{
  switch (p->state)
    {
    case ST_SOLID_NAME:
    case ST_BODY:
    case ST_ENDSOLID_NAME:
      return TRUE;       /* a missing "endsolid" is accepted */

    case ST_SOLID:
      if (p->seen_solid)
        return TRUE;
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL,
                   _("This is not an STL file: it is neither binary STL nor ASCII STL text beginning with “solid”. Export the design as STL from your CAD program."));
      return FALSE;

    case ST_FACET:
    case ST_NORMAL:
    case ST_OUTER:
    case ST_LOOP:
    case ST_VERTEX:
    case ST_COORD:
    case ST_ENDFACET:
    default:
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_SYNTAX,
                   _("Line %u: the file ends in the middle of a facet. It was probably cut short while being copied or downloaded: export or download it again."),
                   p->token_line);
      return FALSE;
    }
}

static gboolean
read_ascii (StlSource  *src,
            StlSink    *sink,
            GError    **error)
{
  AsciiParser p = { 0, };
  const guint8 *data;

  p.state = ST_SOLID;
  p.line = 1;
  p.token_line = 1;
  p.sink = sink;

  /* A byte-order mark is not part of the first word. */
  if (src->size >= 3 && src->head_len >= 3 &&
      src->head[0] == 0xef && src->head[1] == 0xbb && src->head[2] == 0xbf)
    {
      if (!source_next (src, 3, &data, error))
        return FALSE;
    }

  while (src->pos < src->size)
    {
      guint64 before = src->pos;

      if (!source_next (src, ASCII_CHUNK, &data, error))
        return FALSE;
      if (!ascii_feed (&p, (const char *) data, (gsize) (src->pos - before),
                       src->pos == src->size, error))
        return FALSE;
    }

  return ascii_finish (&p, error);
}

/* Driver */

static gboolean
source_read_head (StlSource  *src,
                  GError    **error)
{
  gsize want = (gsize) MIN ((guint64) HEAD_SIZE, src->size);

  if (src->stream == NULL)
    {
      memcpy (src->head, src->mem, want);
      src->head_len = want;
      return TRUE;
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      gsize got = 0;

      if (!g_input_stream_read_all (src->stream, src->head, want, &got,
                                    src->cancellable, &local_error))
        {
          set_io_error (src, error, local_error);
          return FALSE;
        }
      src->head_len = got;
      if (got < want)
        src->size = got;   /* the file shrank since we asked for its size */
      return TRUE;
    }
}

static gboolean
read_head_and_detect (StlSource        *src,
                      FacetMeshFormat  *format,
                      guint64          *n,
                      GError          **error)
{
  return source_read_head (src, error) &&
         detect_format (src->head, src->head_len, src->size, format, n, error);
}

static gboolean
check_not_empty (guint64   n,
                 GError  **error)
{
  if (n > 0)
    return TRUE;
  g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY,
               _("The file holds no triangles"));
  return FALSE;
}

static FacetMesh *
load_source (StlSource  *src,
             GError    **error)
{
  StlSink sink = { NULL, 0, 0, 0, sink_grow };
  FacetMeshFormat format = FACET_MESH_FORMAT_BINARY;
  FacetMesh *mesh = NULL;
  guint64 n = 0;

  if (!read_head_and_detect (src, &format, &n, error))
    return NULL;

  if (format == FACET_MESH_FORMAT_BINARY)
    mesh = load_binary (src, n, error);
  else if (read_ascii (src, &sink, error) && check_not_empty (sink.total, error))
    {
      float *tri = sink.n < sink.cap ? g_try_realloc (sink.tri, sink.n * 9 * sizeof (float)) : NULL;

      /* Give back what the growing array over-allocated. */
      if (tri != NULL)
        sink.tri = tri;
      mesh = _facet_mesh_new_take (FACET_MESH_FORMAT_ASCII, sink.n, g_steal_pointer (&sink.tri));
    }

  g_free (sink.tri);
  g_clear_pointer (&src->buf, g_free);
  if (mesh != NULL && src->progress != NULL)
    _facet_progress_update (src->progress, 1.0);
  return mesh;
}

GInputStream *
_facet_open_file (GFile         *file,
                  guint64       *size,
                  char         **name,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *display = NULL;
  g_autofree char *basename = NULL;

  /* Messages name the file as a person knows it: its name. */
  basename = g_file_get_basename (file);
  display = basename != NULL ? g_filename_display_name (basename) : g_file_get_parse_name (file);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                           cancellable, &local_error);
  if (info == NULL)
    {
      set_error_from_io (error, display, local_error);
      return NULL;
    }

  if (!g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      g_set_error (error, FACET_MESH_ERROR, FACET_MESH_ERROR_IO,
                   _("Could not read “%s”: its size is unknown"), display);
      return NULL;
    }

  *size = (guint64) g_file_info_get_size (info);
  if (name != NULL)
    *name = g_steal_pointer (&display);
  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

FacetMesh *
_facet_mesh_load_stream (GInputStream   *stream,
                         guint64         size,
                         const char     *name,
                         FacetProgress  *progress,
                         GCancellable   *cancellable,
                         GError        **error)
{
  StlSource src = { 0, };

  src.stream = stream;
  src.size = size;
  src.name = name;
  src.cancellable = cancellable;
  src.progress = progress;

  return load_source (&src, error);
}

/**
 * facet_mesh_sniff_file:
 * @path: a file name
 * @format: (out) (optional): the format found
 * @error: a #GError in %FACET_MESH_ERROR
 *
 * Checks by content and size, without loading, whether @path is an STL
 * file. Returns: %TRUE when it looks like one
 */
gboolean
facet_mesh_sniff_file (const char       *path,
                       FacetMeshFormat  *format,
                       GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  StlSource src = { 0, };
  FacetMeshFormat found = FACET_MESH_FORMAT_BINARY;
  guint64 n;

  stream = _facet_open_file (file, &src.size, &name, NULL, error);
  if (stream == NULL)
    return FALSE;
  src.stream = stream;
  src.name = name;

  if (!source_read_head (&src, error) ||
      !detect_format (src.head, src.head_len, src.size, &found, &n, error))
    return FALSE;

  if (format != NULL)
    *format = found;
  return TRUE;
}

/**
 * facet_mesh_load_file:
 * @path: a file name
 * @progress: (nullable): called with the fraction read, from this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable, checked between chunks
 * @error: a #GError in %FACET_MESH_ERROR
 *
 * Loads a binary or ASCII STL file. Returns: (transfer full): the mesh
 */
FacetMesh *
facet_mesh_load_file (const char            *path,
                      FacetMeshProgressFunc  progress,
                      gpointer               progress_data,
                      GCancellable          *cancellable,
                      GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  FacetProgress prog;
  guint64 size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = _facet_open_file (file, &size, &name, cancellable, error);
  if (stream == NULL)
    return NULL;

  _facet_progress_init (&prog, progress, progress_data);
  return _facet_mesh_load_stream (stream, size, name, &prog, cancellable, error);
}

/**
 * facet_mesh_load_bytes:
 * @bytes: the content of an STL file
 * @error: a #GError in %FACET_MESH_ERROR
 *
 * Loads a mesh from memory. Returns: (transfer full): the mesh
 */
FacetMesh *
facet_mesh_load_bytes (GBytes  *bytes,
                       GError **error)
{
  StlSource src = { 0, };
  gsize size = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  src.mem = g_bytes_get_data (bytes, &size);
  src.size = size;
  return load_source (&src, error);
}

/**
 * facet_mesh_measure_file:
 * @path: a file name
 * @progress: (nullable): called with the fraction read, from this thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError in %FACET_MESH_ERROR
 *
 * Measures a file while reading it, without keeping its triangles.
 * Returns: (transfer full): a report with only the measurements
 */
FacetMeshReport *
facet_mesh_measure_file (const char            *path,
                         FacetMeshProgressFunc  progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *name = NULL;
  FacetMeshReport *report;
  FacetProgress prog;
  StlSource src = { 0, };
  MeasureSink ms = { { NULL, 0, FACET_MEASURE_BLOCK, 0, sink_measure_flush }, NULL, 1 };
  FacetMeshFormat format = FACET_MESH_FORMAT_BINARY;
  FacetTotals totals;
  guint64 n = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = _facet_open_file (file, &src.size, &name, cancellable, error);
  if (stream == NULL)
    return NULL;

  _facet_progress_init (&prog, progress, progress_data);
  src.stream = stream;
  src.name = name;
  src.cancellable = cancellable;
  src.progress = &prog;

  if (!read_head_and_detect (&src, &format, &n, error))
    return NULL;

  ms.measurer = _facet_measurer_new ();
  ms.sink.tri = g_new (float, 9 * FACET_MEASURE_BLOCK);

  if (format == FACET_MESH_FORMAT_BINARY)
    ok = read_binary_to_sink (&src, n, &ms.sink, error);
  else
    ok = read_ascii (&src, &ms.sink, error) && check_not_empty (ms.sink.total, error);
  if (ok)
    sink_measure_flush (&ms.sink, NULL);

  _facet_measurer_finish (ms.measurer, &totals);
  g_free (ms.sink.tri);
  g_clear_pointer (&src.buf, g_free);
  if (!ok)
    return NULL;

  report = g_new0 (FacetMeshReport, 1);
  report->format = format;
  report->triangles = ms.sink.total;
  _facet_report_measurements (&totals, report);
  _facet_progress_update (&prog, 1.0);
  return report;
}
