/* facet-library.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-library"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "facet-json.h"
#include "facet-json-file.h"
#include "facet-library.h"

/* Bursts of edits (typing a name, a spin button) become one write. */
#define AUTOSAVE_DELAY_MS 400
/* Measuring is heavy (the geometry engine uses both cores itself). */
#define MAX_CONCURRENT_MEASURES 2
/* A temporary file untouched this long was left by a crash. */
#define STALE_TEMP_AGE_S 600
#define MAX_FOLDER_DEPTH 4

struct _FacetLibrary
{
  GObject       parent_instance;

  GFile        *file;
  GListStore   *designs;
  GListStore   *carts;
  GListStore   *orders;
  GListStore   *addresses;

  /* Saving: each snapshot gets a generation so an older snapshot written
   * late by a worker never replaces a newer one. */
  GMutex        write_lock;
  guint64       generation;
  guint64       written_generation;
  guint         autosave_source;
  guint         saves_running;

  GQueue        measure_queue;
  guint         n_measuring;

  guint         loaded : 1;
  guint         loading : 1;
  guint         dirty : 1;
  guint         autosave : 1;
  /* Set when the file exists but could not be read: saving then would
   * destroy what the user had. */
  guint         read_only : 1;
};

G_DEFINE_FINAL_TYPE (FacetLibrary, facet_library, G_TYPE_OBJECT)

G_DEFINE_QUARK (facet-library-error-quark, facet_library_error)

enum {
  PROP_0,
  PROP_FILE,
  PROP_LOADED,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_save (FacetLibrary *self);
static void queue_measure (FacetLibrary *self,
                           FacetDesign  *design);

static void
set_dirty (FacetLibrary *self,
           gboolean      dirty)
{
  if (self->dirty == !!dirty)
    return;
  self->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
changed (FacetLibrary *self)
{
  /* Objects filled in while loading are not changes. */
  if (self->loading)
    return;
  set_dirty (self, TRUE);
  schedule_save (self);
}

static void
object_notify_cb (GObject      *object,
                  GParamSpec   *pspec,
                  FacetLibrary *self)
{
  /* Transient state and derived figures are not worth a write. */
  static const char * const transient[] = {
    "measuring", "progress", "triangles", "size-x", "size-y", "size-z",
    "volume-cm3", "area-cm2", "problems", "n-items", "total-price",
  };

  for (guint i = 0; i < G_N_ELEMENTS (transient); i++)
    if (g_strcmp0 (pspec->name, transient[i]) == 0)
      return;

  changed (self);
}

static void
cart_items_changed_cb (GListModel   *model,
                       guint         position,
                       guint         removed,
                       guint         added,
                       FacetLibrary *self)
{
  changed (self);
}

static void
watch (FacetLibrary *self,
       gpointer      object)
{
  g_signal_connect_object (object, "notify", G_CALLBACK (object_notify_cb), self, 0);
  if (FACET_IS_CART (object))
    g_signal_connect_object (facet_cart_get_items (object), "items-changed",
                             G_CALLBACK (cart_items_changed_cb), self, 0);
}

static void
unwatch (FacetLibrary *self,
         gpointer      object)
{
  g_signal_handlers_disconnect_by_data (object, self);
  if (FACET_IS_CART (object))
    g_signal_handlers_disconnect_by_data (facet_cart_get_items (object), self);
}

static void
store_items_changed_cb (GListModel   *model,
                        guint         position,
                        guint         removed,
                        guint         added,
                        FacetLibrary *self)
{
  changed (self);
}

static void
facet_library_dispose (GObject *object)
{
  FacetLibrary *self = (FacetLibrary *)object;
  GListStore *stores[] = { self->designs, self->carts, self->orders, self->addresses };

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_queue_clear_full (&self->measure_queue, g_object_unref);

  for (guint s = 0; s < G_N_ELEMENTS (stores); s++)
    {
      if (stores[s] == NULL)
        continue;
      g_signal_handlers_disconnect_by_data (stores[s], self);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (stores[s])); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (stores[s]), i);

          unwatch (self, item);
          if (FACET_IS_DESIGN (item))
            facet_design_cancel_measure (FACET_DESIGN (item));
        }
    }

  G_OBJECT_CLASS (facet_library_parent_class)->dispose (object);
}

static void
facet_library_finalize (GObject *object)
{
  FacetLibrary *self = (FacetLibrary *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->designs);
  g_clear_object (&self->carts);
  g_clear_object (&self->orders);
  g_clear_object (&self->addresses);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (facet_library_parent_class)->finalize (object);
}

static void
facet_library_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FacetLibrary *self = FACET_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_library_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FacetLibrary *self = FACET_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
facet_library_constructed (GObject *object)
{
  FacetLibrary *self = (FacetLibrary *)object;

  G_OBJECT_CLASS (facet_library_parent_class)->constructed (object);

  if (self->file == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "facet", "library.json", NULL);
      self->file = g_file_new_for_path (path);
    }
}

static void
facet_library_class_init (FacetLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = facet_library_constructed;
  object_class->dispose = facet_library_dispose;
  object_class->finalize = facet_library_finalize;
  object_class->get_property = facet_library_get_property;
  object_class->set_property = facet_library_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_library_init (FacetLibrary *self)
{
  GListStore **stores[] = { &self->designs, &self->carts, &self->orders, &self->addresses };
  GType types[] = { FACET_TYPE_DESIGN, FACET_TYPE_CART, FACET_TYPE_ORDER, FACET_TYPE_ADDRESS };

  g_mutex_init (&self->write_lock);
  g_queue_init (&self->measure_queue);
  self->autosave = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      *stores[i] = g_list_store_new (types[i]);
      g_signal_connect (*stores[i], "items-changed", G_CALLBACK (store_items_changed_cb), self);
    }
}

/**
 * facet_library_new:
 * @file: (nullable): where the library is stored; %NULL for
 *   `$XDG_DATA_HOME/facet/library.json`
 *
 * Returns: (transfer full): a new, empty library; call
 *   facet_library_load_async() to read it
 */
FacetLibrary *
facet_library_new (GFile *file)
{
  g_return_val_if_fail (!file || G_IS_FILE (file), NULL);

  return g_object_new (FACET_TYPE_LIBRARY, "file", file, NULL);
}

GFile *
facet_library_get_file (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  return self->file;
}

gboolean
facet_library_get_loaded (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);
  return self->loaded;
}

gboolean
facet_library_get_dirty (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);
  return self->dirty;
}

GListModel *
facet_library_get_designs (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->designs);
}

GListModel *
facet_library_get_carts (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->carts);
}

GListModel *
facet_library_get_orders (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->orders);
}

GListModel *
facet_library_get_addresses (FacetLibrary *self)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->addresses);
}

static void
store_add (FacetLibrary *self,
           GListStore   *store,
           gpointer      item)
{
  if (g_list_store_find (store, item, NULL))
    return;
  watch (self, item);
  g_list_store_append (store, item);
}

static void
store_remove (FacetLibrary *self,
              GListStore   *store,
              gpointer      item)
{
  guint position;

  if (!g_list_store_find (store, item, &position))
    return;
  unwatch (self, item);
  g_list_store_remove (store, position);
}

void
facet_library_add_design (FacetLibrary *self,
                          FacetDesign  *design)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_DESIGN (design));

  facet_library_insert_design (self, G_MAXUINT, design);
}

/**
 * facet_library_insert_design:
 *
 * Inserts @design at @position (clamped to the end). A design that has
 * never been measured, or whose file changed, is queued for measuring.
 */
void
facet_library_insert_design (FacetLibrary *self,
                             guint         position,
                             FacetDesign  *design)
{
  guint n;

  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_DESIGN (design));

  if (g_list_store_find (self->designs, design, NULL))
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->designs));
  watch (self, design);
  g_list_store_insert (self->designs, MIN (position, n), design);

  if (facet_design_get_report (design) == NULL && !facet_design_get_missing (design))
    queue_measure (self, design);
}

guint
facet_library_remove_design (FacetLibrary *self,
                             FacetDesign  *design)
{
  guint position;

  g_return_val_if_fail (FACET_IS_LIBRARY (self), G_MAXUINT);
  g_return_val_if_fail (FACET_IS_DESIGN (design), G_MAXUINT);

  if (!g_list_store_find (self->designs, design, &position))
    return G_MAXUINT;

  if (g_queue_remove (&self->measure_queue, design))
    g_object_unref (design);
  facet_design_cancel_measure (design);

  unwatch (self, design);
  g_list_store_remove (self->designs, position);
  return position;
}

FacetDesign *
facet_library_find_design (FacetLibrary *self,
                           const char   *id)
{
  GListModel *model = G_LIST_MODEL (self->designs);

  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FacetDesign) design = g_list_model_get_item (model, i);

      if (g_strcmp0 (facet_design_get_id (design), id) == 0)
        return design;
    }
  return NULL;
}

FacetDesign *
facet_library_find_design_by_file (FacetLibrary *self,
                                   GFile        *file)
{
  GListModel *model = G_LIST_MODEL (self->designs);

  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FacetDesign) design = g_list_model_get_item (model, i);

      if (g_file_equal (facet_design_get_file (design), file))
        return design;
    }
  return NULL;
}

void
facet_library_add_cart (FacetLibrary *self,
                        FacetCart    *cart)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_CART (cart));
  store_add (self, self->carts, cart);
}

void
facet_library_remove_cart (FacetLibrary *self,
                           FacetCart    *cart)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_CART (cart));
  store_remove (self, self->carts, cart);
}

FacetCart *
facet_library_find_cart (FacetLibrary *self,
                         const char   *account_id)
{
  GListModel *model = G_LIST_MODEL (self->carts);

  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FacetCart) cart = g_list_model_get_item (model, i);

      if (g_strcmp0 (facet_cart_get_account_id (cart), account_id) == 0)
        return cart;
    }
  return NULL;
}

void
facet_library_add_order (FacetLibrary *self,
                         FacetOrder   *order)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_ORDER (order));
  store_add (self, self->orders, order);
}

FacetOrder *
facet_library_find_order (FacetLibrary *self,
                          const char   *provider,
                          const char   *reference)
{
  GListModel *model = G_LIST_MODEL (self->orders);

  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FacetOrder) order = g_list_model_get_item (model, i);

      if (g_strcmp0 (facet_order_get_provider (order), provider) == 0 &&
          g_strcmp0 (facet_order_get_reference (order), reference) == 0)
        return order;
    }
  return NULL;
}

void
facet_library_add_address (FacetLibrary *self,
                           FacetAddress *address)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_ADDRESS (address));
  store_add (self, self->addresses, address);
}

void
facet_library_remove_address (FacetLibrary *self,
                              FacetAddress *address)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (FACET_IS_ADDRESS (address));
  store_remove (self, self->addresses, address);
}

/* ---- measuring queue ---- */

static void measure_next (FacetLibrary *self);

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GWeakRef, weak_ref_free)

/* A measurement does not keep the library alive: closing it cancels them. */
static void
measure_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GWeakRef) ref = user_data;
  g_autoptr(FacetLibrary) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  if (!facet_design_measure_finish (FACET_DESIGN (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_CANCELLED))
    g_debug ("Measuring %s failed: %s",
             facet_design_get_display_name (FACET_DESIGN (object)), error->message);

  if (self == NULL)
    return;
  self->n_measuring--;
  measure_next (self);
}

static void
measure_next (FacetLibrary *self)
{
  while (self->n_measuring < MAX_CONCURRENT_MEASURES &&
         !g_queue_is_empty (&self->measure_queue))
    {
      g_autoptr(FacetDesign) design = g_queue_pop_head (&self->measure_queue);
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, self);
      self->n_measuring++;
      facet_design_measure_async (design, NULL, measure_done_cb, ref);
    }
}

static void
queue_measure (FacetLibrary *self,
               FacetDesign  *design)
{
  /* A design still flagged as measuring may be one whose measurement was
   * cancelled by a removal (undone since): measuring again supersedes it. */
  if (g_queue_find (&self->measure_queue, design))
    return;
  g_queue_push_tail (&self->measure_queue, g_object_ref (design));
  measure_next (self);
}

/* ---- serialising ---- */

static void
serialize_store (JsonBuilder *builder,
                 const char  *member,
                 GListModel  *model,
                 void       (*serialize) (gpointer, JsonBuilder *))
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      serialize (item, builder);
    }
  json_builder_end_array (builder);
}

static char *
serialize_library (FacetLibrary *self,
                   gsize        *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  facet_json_add_int (builder, "version", FACET_LIBRARY_FORMAT_VERSION);
  serialize_store (builder, "designs", G_LIST_MODEL (self->designs), (gpointer) facet_design_serialize);
  serialize_store (builder, "carts", G_LIST_MODEL (self->carts), (gpointer) facet_cart_serialize);
  serialize_store (builder, "orders", G_LIST_MODEL (self->orders), (gpointer) facet_order_serialize);
  serialize_store (builder, "addresses", G_LIST_MODEL (self->addresses), (gpointer) facet_address_serialize);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}

/* ---- loading ---- */

typedef struct
{
  char      *path;
  GPtrArray *designs;
  GPtrArray *carts;
  GPtrArray *orders;
  GPtrArray *addresses;
  GPtrArray *changed_designs;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->designs, g_ptr_array_unref);
  g_clear_pointer (&data->carts, g_ptr_array_unref);
  g_clear_pointer (&data->orders, g_ptr_array_unref);
  g_clear_pointer (&data->addresses, g_ptr_array_unref);
  g_clear_pointer (&data->changed_designs, g_ptr_array_unref);
  g_free (data);
}

static gboolean
load_array (JsonObject  *root,
            const char  *member,
            GPtrArray   *into,
            gpointer   (*deserialize) (JsonObject *, GError **),
            GError     **error)
{
  JsonArray *array = facet_json_get_array (root, member, error);

  if (array == NULL)
    return error == NULL || *error == NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gpointer item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                       "%s[%u] is not an object", member, i);
          return FALSE;
        }
      item = deserialize (json_node_get_object (node), error);
      if (item == NULL)
        {
          g_prefix_error (error, "%s[%u]: ", member, i);
          return FALSE;
        }
      g_ptr_array_add (into, item);
    }
  return TRUE;
}

/* Returns FALSE with @error when the contents are not a library we can read;
 * the caller then keeps the file aside. */
static gboolean
parse_library (LoadData    *data,
               const char  *contents,
               gsize        length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;
  gint64 version;

  if (!json_parser_load_from_data (parser, contents, length, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                           "the top level is not an object");
      return FALSE;
    }
  object = json_node_get_object (root);

  version = facet_json_get_int (object, "version", -1, error);
  if (version < 1)
    {
      g_clear_error (error);
      g_set_error_literal (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_CORRUPT,
                           "it has no valid “version”");
      return FALSE;
    }
  if (version > FACET_LIBRARY_FORMAT_VERSION)
    {
      g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_NEWER_VERSION,
                   "it has version %" G_GINT64_FORMAT ", this Facet reads up to %d",
                   version, FACET_LIBRARY_FORMAT_VERSION);
      return FALSE;
    }

  return load_array (object, "designs", data->designs, (gpointer) facet_design_deserialize, error) &&
         load_array (object, "carts", data->carts, (gpointer) facet_cart_deserialize, error) &&
         load_array (object, "orders", data->orders, (gpointer) facet_order_deserialize, error) &&
         load_array (object, "addresses", data->addresses, (gpointer) facet_address_deserialize, error);
}

static char *
keep_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *broken = g_strdup_printf ("%s.broken-%s", path, stamp);

  for (guint i = 2; g_file_test (broken, G_FILE_TEST_EXISTS); i++)
    {
      g_free (broken);
      broken = g_strdup_printf ("%s.broken-%s-%u", path, stamp, i);
    }

  if (g_rename (path, broken) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s", g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&broken);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) move_error = NULL;
  gsize length = 0;
  FacetLibraryError code;

  facet_file_remove_stale_temps (data->path, STALE_TEMP_AGE_S);

  if (!g_file_get_contents (data->path, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      display = g_filename_display_name (data->path);
      g_task_return_new_error (task, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                               _("Could not read your library “%s”: %s. Facet will not save "
                                 "changes until the problem is fixed, so nothing in it is lost."),
                               display, error->message);
      return;
    }

  if (parse_library (data, contents, length, &error))
    {
      /* Missing and changed files are found here, off the main thread. */
      for (guint i = 0; i < data->designs->len; i++)
        {
          FacetDesign *design = g_ptr_array_index (data->designs, i);
          gboolean file_changed = FALSE;
          gboolean exists = facet_design_check_file (design, &file_changed);

          facet_design_set_missing (design, !exists);
          if (exists && file_changed)
            g_ptr_array_add (data->changed_designs, g_object_ref (design));
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_debug ("Library %s unreadable: %s", data->path, error->message);
  g_ptr_array_set_size (data->designs, 0);
  g_ptr_array_set_size (data->carts, 0);
  g_ptr_array_set_size (data->orders, 0);
  g_ptr_array_set_size (data->addresses, 0);

  code = g_error_matches (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_NEWER_VERSION)
           ? FACET_LIBRARY_ERROR_NEWER_VERSION : FACET_LIBRARY_ERROR_CORRUPT;

  kept = keep_aside (data->path, &move_error);
  if (kept == NULL)
    {
      display = g_filename_display_name (data->path);
      g_task_return_new_error (task, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                               _("Your library “%s” could not be read (%s) nor moved aside (%s). "
                                 "Facet will not save changes until the problem is fixed."),
                               display, error->message, move_error->message);
      return;
    }

  display = g_filename_display_name (kept);
  if (code == FACET_LIBRARY_ERROR_NEWER_VERSION)
    g_task_return_new_error (task, FACET_LIBRARY_ERROR, code,
                             _("Your library was saved by a newer version of Facet (%s). "
                               "It was kept as “%s” and Facet started with an empty library; "
                               "open it with the newer version to get your designs back."),
                             error->message, display);
  else
    g_task_return_new_error (task, FACET_LIBRARY_ERROR, code,
                             _("Your library could not be read (%s). It was kept as “%s” "
                               "and Facet started with an empty library."),
                             error->message, display);
}

static void
splice_into (FacetLibrary *self,
             GListStore   *store,
             GPtrArray    *items)
{
  if (items->len == 0)
    return;
  for (guint i = 0; i < items->len; i++)
    watch (self, g_ptr_array_index (items, i));
  g_list_store_splice (store,
                       g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                       items->pdata, items->len);
}

static void
apply_loaded (FacetLibrary *self,
              LoadData     *data)
{
  /* Loaded objects are not edits: no save follows. */
  self->loading = TRUE;
  splice_into (self, self->designs, data->designs);
  splice_into (self, self->carts, data->carts);
  splice_into (self, self->orders, data->orders);
  splice_into (self, self->addresses, data->addresses);
  self->loading = FALSE;

  for (guint i = 0; i < data->designs->len; i++)
    {
      FacetDesign *design = g_ptr_array_index (data->designs, i);

      if (!facet_design_get_missing (design) &&
          (facet_design_get_report (design) == NULL ||
           g_ptr_array_find (data->changed_designs, design, NULL)))
        queue_measure (self, design);
    }
}

/* On the main thread, where the stores live. @error is the load's outcome. */
static void
finish_loading (FacetLibrary *self,
                LoadData     *data,
                const GError *error)
{
  /* An unreadable file stays where it is, untouched: saving over it would
   * destroy what the user had. Corrupt ones were moved aside already. */
  if (g_error_matches (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO))
    self->read_only = TRUE;
  else
    apply_loaded (self, data);

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

  /* Anything added while we were loading still needs saving. */
  if (self->dirty)
    schedule_save (self);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FacetLibrary *self = FACET_LIBRARY (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  finish_loading (self, g_task_get_task_data (G_TASK (result)), error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static LoadData *
load_data_new (FacetLibrary *self)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->path = g_file_get_path (self->file);
  data->designs = g_ptr_array_new_with_free_func (g_object_unref);
  data->carts = g_ptr_array_new_with_free_func (g_object_unref);
  data->orders = g_ptr_array_new_with_free_func (g_object_unref);
  data->addresses = g_ptr_array_new_with_free_func (g_object_unref);
  data->changed_designs = g_ptr_array_new_with_free_func (g_object_unref);
  return data;
}

void
facet_library_load_async (FacetLibrary        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (!self->loaded);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_library_load_async);

  if (!g_file_is_native (self->file))
    {
      g_task_return_new_error (task, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                               "The library must be a local file");
      return;
    }

  /* The worker fills a LoadData; load_done_cb applies it on this thread. */
  inner = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, load_thread);
  g_task_set_task_data (inner, load_data_new (self), (GDestroyNotify) load_data_free);
  g_task_run_in_thread (inner, load_thread);
}

gboolean
facet_library_load_finish (FacetLibrary  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * facet_library_load:
 *
 * The blocking form of facet_library_load_async(), for facet-cli and tests.
 */
gboolean
facet_library_load (FacetLibrary  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) local_error = NULL;
  LoadData *data;

  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (!self->loaded, FALSE);

  if (!g_file_is_native (self->file))
    {
      g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                   "The library must be a local file");
      return FALSE;
    }

  task = g_task_new (self, cancellable, NULL, NULL);
  data = load_data_new (self);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread_sync (task, load_thread);
  g_task_propagate_boolean (task, &local_error);
  finish_loading (self, data, local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ---- saving ---- */

typedef struct
{
  char    *path;
  char    *contents;
  gsize    length;
  guint64  generation;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_free (data->contents);
  g_free (data);
}

static SaveData *
snapshot (FacetLibrary *self)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->path = g_file_get_path (self->file);
  data->contents = serialize_library (self, &data->length);
  data->generation = ++self->generation;
  return data;
}

static gboolean
write_snapshot (FacetLibrary  *self,
                SaveData      *data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->write_lock);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;

  /* A newer snapshot already reached the disk. */
  if (data->generation <= self->written_generation)
    return TRUE;

  if (!facet_file_replace_atomic (data->path, data->contents, data->length,
                                  cancellable, &local_error))
    {
      display = g_filename_display_name (data->path);
      g_set_error (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                   _("Could not save your library to “%s”: %s. The previous copy is unharmed; "
                     "check that the disk has space and the folder is writable."),
                   display, local_error->message);
      return FALSE;
    }

  self->written_generation = data->generation;
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_snapshot (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
check_writable (FacetLibrary  *self,
                GError       **error)
{
  if (self->read_only)
    {
      g_set_error_literal (error, FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                           _("Your library could not be read when Facet started, so it is not "
                             "saved over; fix the file or move it away, then restart Facet."));
      return FALSE;
    }
  return TRUE;
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FacetLibrary *self = FACET_LIBRARY (object);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->saves_running--;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("%s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Clean only if nothing changed since this snapshot was taken. */
  if (data->generation == self->generation)
    set_dirty (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

void
facet_library_save_async (FacetLibrary        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  g_return_if_fail (FACET_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_library_save_async);

  if (!check_writable (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  self->saves_running++;
  inner = g_task_new (self, cancellable, save_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, snapshot (self), (GDestroyNotify) save_data_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
facet_library_save_finish (FacetLibrary  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
facet_library_save (FacetLibrary  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  SaveData *data;
  gboolean ret;

  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  data = snapshot (self);
  ret = write_snapshot (self, data, cancellable, error);
  if (ret && data->generation == self->generation)
    set_dirty (self, FALSE);
  save_data_free (data);
  return ret;
}

static void
autosave_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* save_done_cb already logged it; the dirty flag stays so the next change
   * or facet_library_flush() tries again. */
  facet_library_save_finish (FACET_LIBRARY (object), result, &error);
}

static gboolean
autosave_cb (gpointer user_data)
{
  FacetLibrary *self = user_data;

  self->autosave_source = 0;
  if (self->dirty && self->loaded && !self->read_only)
    facet_library_save_async (self, NULL, autosave_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (FacetLibrary *self)
{
  if (!self->autosave || !self->loaded || self->read_only)
    return;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

void
facet_library_set_autosave (FacetLibrary *self,
                            gboolean      autosave)
{
  g_return_if_fail (FACET_IS_LIBRARY (self));

  self->autosave = !!autosave;
  if (!self->autosave)
    g_clear_handle_id (&self->autosave_source, g_source_remove);
  else if (self->dirty)
    schedule_save (self);
}

/**
 * facet_library_flush:
 *
 * Writes pending changes now, on the calling thread; a save already running
 * in a worker is superseded safely (snapshots carry a generation). Call it
 * before quitting.
 */
gboolean
facet_library_flush (FacetLibrary  *self,
                     GError       **error)
{
  g_return_val_if_fail (FACET_IS_LIBRARY (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!self->dirty || !self->loaded)
    return TRUE;
  return facet_library_save (self, NULL, error);
}

/* ---- adding files ---- */

typedef struct
{
  GPtrArray *files;     /* GFile, as given */
  GPtrArray *accepted;  /* GFile, STL files found (folders expanded) */
  GPtrArray *errors;    /* GError */
} AddData;

static void
add_data_free (AddData *data)
{
  g_ptr_array_unref (data->files);
  g_ptr_array_unref (data->accepted);
  g_ptr_array_unref (data->errors);
  g_free (data);
}

static char *
display_name_of (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  return g_filename_display_name (basename ? basename : "?");
}

static void
add_one (AddData      *data,
         GFile        *file,
         guint         depth,
         GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = display_name_of (file);
  g_autoptr(GError) error = NULL;
  FacetMeshFormat format;

  if (path == NULL)
    {
      g_ptr_array_add (data->errors,
                       g_error_new (FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                                    _("“%s” is not on this computer; copy it to a local folder first."),
                                    name));
      return;
    }

  /* A dropped folder brings the STL files inside it. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFileEnumerator) children = NULL;
      GFileInfo *info;
      GFile *child;

      if (depth >= MAX_FOLDER_DEPTH)
        return;
      children = g_file_enumerate_children (file,
                                            G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
      if (children == NULL)
        {
          g_ptr_array_add (data->errors,
                           g_error_new (FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                                        _("Could not open the folder “%s”: %s"),
                                        name, error->message));
          return;
        }
      while (g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) && info != NULL)
        {
          const char *child_name = g_file_info_get_name (info);

          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            add_one (data, child, depth + 1, cancellable);
          else if (g_str_has_suffix (child_name, ".stl") || g_str_has_suffix (child_name, ".STL"))
            add_one (data, child, depth + 1, cancellable);
        }
      return;
    }

  if (facet_mesh_sniff_file (path, &format, &error))
    {
      g_ptr_array_add (data->accepted, g_object_ref (file));
      return;
    }

  if (g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_NOT_STL))
    g_ptr_array_add (data->errors,
                     g_error_new (FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_NOT_STL,
                                  _("“%s” is not an STL file, so it was not added."), name));
  else if (g_error_matches (error, FACET_MESH_ERROR, FACET_MESH_ERROR_EMPTY))
    g_ptr_array_add (data->errors,
                     g_error_new (FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_NOT_STL,
                                  _("“%s” is empty, so it was not added."), name));
  else
    g_ptr_array_add (data->errors,
                     g_error_new (FACET_LIBRARY_ERROR, FACET_LIBRARY_ERROR_IO,
                                  _("Could not add “%s”: %s"), name, error->message));
}

static void
add_files_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AddData *data = task_data;

  for (guint i = 0; i < data->files->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      add_one (data, g_ptr_array_index (data->files, i), 0, cancellable);
    }
  g_task_return_boolean (task, TRUE);
}

void
facet_library_add_files_async (FacetLibrary        *self,
                               GFile              **files,
                               guint                n_files,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (FACET_IS_LIBRARY (self));
  g_return_if_fail (files != NULL || n_files == 0);

  data = g_new0 (AddData, 1);
  data->files = g_ptr_array_new_full (n_files, g_object_unref);
  data->accepted = g_ptr_array_new_with_free_func (g_object_unref);
  data->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, facet_library_add_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_files_thread);
}

GPtrArray *
facet_library_add_files_finish (FacetLibrary  *self,
                                GAsyncResult  *result,
                                GPtrArray    **errors,
                                GError       **error)
{
  g_autoptr(GPtrArray) added = NULL;
  AddData *data;

  g_return_val_if_fail (FACET_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  /* The designs are created here, on the main thread, where the store is. */
  data = g_task_get_task_data (G_TASK (result));
  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->accepted->len; i++)
    {
      GFile *file = g_ptr_array_index (data->accepted, i);
      g_autoptr(FacetDesign) design = NULL;

      if (facet_library_find_design_by_file (self, file) != NULL)
        continue;
      design = facet_design_new (file);
      facet_library_add_design (self, design);
      g_ptr_array_add (added, g_steal_pointer (&design));
    }

  if (errors != NULL)
    *errors = g_ptr_array_ref (data->errors);

  return g_steal_pointer (&added);
}
