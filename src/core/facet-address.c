/* facet-address.c
 *
 * Copyright 2026 The Facet authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "facet-address"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "facet-address.h"
#include "facet-json.h"
#include "facet-library.h"

struct _FacetAddress
{
  GObject parent_instance;

  char *id;
  char *first_name;
  char *last_name;
  char *company;
  char *line1;
  char *line2;
  char *city;
  char *state;
  char *postal_code;
  char *country;
  char *email;
  char *phone;
};

G_DEFINE_FINAL_TYPE (FacetAddress, facet_address, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_COMPANY,
  PROP_LINE1,
  PROP_LINE2,
  PROP_CITY,
  PROP_STATE,
  PROP_POSTAL_CODE,
  PROP_COUNTRY,
  PROP_EMAIL,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every property but the id is a string; the JSON member of each is the
 * property name in snake_case. The order here is the order in the file. */
static const struct {
  const char *member;
  const char *(*get) (FacetAddress *self);
  void (*set) (FacetAddress *self, const char *value);
} string_members[] = {
  { "first_name", facet_address_get_first_name, facet_address_set_first_name },
  { "last_name", facet_address_get_last_name, facet_address_set_last_name },
  { "company", facet_address_get_company, facet_address_set_company },
  { "line1", facet_address_get_line1, facet_address_set_line1 },
  { "line2", facet_address_get_line2, facet_address_set_line2 },
  { "city", facet_address_get_city, facet_address_set_city },
  { "state", facet_address_get_state, facet_address_set_state },
  { "postal_code", facet_address_get_postal_code, facet_address_set_postal_code },
  { "country", facet_address_get_country, facet_address_set_country },
  { "email", facet_address_get_email, facet_address_set_email },
  { "phone", facet_address_get_phone, facet_address_set_phone },
};

/* get_property and set_property index the table by property id. */
G_STATIC_ASSERT (G_N_ELEMENTS (string_members) == N_PROPS - PROP_FIRST_NAME);

static void
facet_address_constructed (GObject *object)
{
  FacetAddress *self = (FacetAddress *)object;

  G_OBJECT_CLASS (facet_address_parent_class)->constructed (object);

  if (self->id == NULL || *self->id == '\0')
    {
      g_free (self->id);
      self->id = g_uuid_string_random ();
    }
}

static void
facet_address_finalize (GObject *object)
{
  FacetAddress *self = (FacetAddress *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->line1, g_free);
  g_clear_pointer (&self->line2, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);

  G_OBJECT_CLASS (facet_address_parent_class)->finalize (object);
}

static void
facet_address_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FacetAddress *self = FACET_ADDRESS (object);

  if (prop_id == PROP_ID)
    g_value_set_string (value, self->id);
  else if (prop_id > PROP_ID && prop_id < N_PROPS)
    g_value_set_string (value, string_members[prop_id - PROP_FIRST_NAME].get (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
facet_address_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FacetAddress *self = FACET_ADDRESS (object);

  if (prop_id == PROP_ID)
    self->id = g_value_dup_string (value);
  else if (prop_id > PROP_ID && prop_id < N_PROPS)
    string_members[prop_id - PROP_FIRST_NAME].set (self, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
facet_address_class_init (FacetAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = facet_address_constructed;
  object_class->finalize = facet_address_finalize;
  object_class->get_property = facet_address_get_property;
  object_class->set_property = facet_address_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, NULL, flags);
  properties[PROP_LINE1] =
    g_param_spec_string ("line1", NULL, NULL, NULL, flags);
  properties[PROP_LINE2] =
    g_param_spec_string ("line2", NULL, NULL, NULL, flags);
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL, flags);
  properties[PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL, NULL, flags);
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
facet_address_init (FacetAddress *self)
{
}

FacetAddress *
facet_address_new (void)
{
  return g_object_new (FACET_TYPE_ADDRESS, NULL);
}

const char *
facet_address_get_id (FacetAddress *self)
{
  g_return_val_if_fail (FACET_IS_ADDRESS (self), NULL);
  return self->id;
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                            \
const char *                                                            \
facet_address_get_##field (FacetAddress *self)                          \
{                                                                       \
  g_return_val_if_fail (FACET_IS_ADDRESS (self), NULL);                 \
  return self->field;                                                   \
}                                                                       \
                                                                        \
void                                                                    \
facet_address_set_##field (FacetAddress *self,                          \
                           const char   *value)                         \
{                                                                       \
  g_return_if_fail (FACET_IS_ADDRESS (self));                           \
  if (facet_set_string (&self->field, value))                           \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

DEFINE_STRING_ACCESSORS (first_name, PROP_FIRST_NAME)
DEFINE_STRING_ACCESSORS (last_name, PROP_LAST_NAME)
DEFINE_STRING_ACCESSORS (company, PROP_COMPANY)
DEFINE_STRING_ACCESSORS (line1, PROP_LINE1)
DEFINE_STRING_ACCESSORS (line2, PROP_LINE2)
DEFINE_STRING_ACCESSORS (city, PROP_CITY)
DEFINE_STRING_ACCESSORS (state, PROP_STATE)
DEFINE_STRING_ACCESSORS (postal_code, PROP_POSTAL_CODE)
DEFINE_STRING_ACCESSORS (email, PROP_EMAIL)
DEFINE_STRING_ACCESSORS (phone, PROP_PHONE)

#undef DEFINE_STRING_ACCESSORS

const char *
facet_address_get_country (FacetAddress *self)
{
  g_return_val_if_fail (FACET_IS_ADDRESS (self), NULL);
  return self->country;
}

void
facet_address_set_country (FacetAddress *self,
                           const char   *country)
{
  g_autofree char *upper = NULL;

  g_return_if_fail (FACET_IS_ADDRESS (self));

  upper = country ? g_ascii_strup (country, -1) : NULL;
  if (facet_set_string (&self->country, upper))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

/* NULL, "" and "  " all count as missing. */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
append_line (GString    *str,
             const char *line)
{
  if (is_blank (line))
    return;
  if (str->len > 0)
    g_string_append_c (str, '\n');
  g_string_append (str, line);
}

char *
facet_address_dup_full_name (FacetAddress *self)
{
  g_return_val_if_fail (FACET_IS_ADDRESS (self), NULL);

  if (is_blank (self->first_name))
    return g_strdup (is_blank (self->last_name) ? "" : self->last_name);
  if (is_blank (self->last_name))
    return g_strdup (self->first_name);

  /* Translators: a person's name: first name then last name. Use
   * "%2$s %1$s" where the family name comes first. */
  return g_strdup_printf (_("%1$s %2$s"), self->first_name, self->last_name);
}

char *
facet_address_dup_summary (FacetAddress *self)
{
  const char *parts[3];
  guint n = 0;

  g_return_val_if_fail (FACET_IS_ADDRESS (self), NULL);

  if (!is_blank (self->line1))
    parts[n++] = self->line1;
  if (!is_blank (self->city))
    parts[n++] = self->city;
  if (!is_blank (self->country))
    parts[n++] = self->country;

  switch (n)
    {
    case 0:
      return g_strdup ("");
    case 1:
      return g_strdup (parts[0]);
    case 2:
      /* Translators: parts of an address on one line, e.g. "Main Street 1, Leuven" */
      return g_strdup_printf (_("%s, %s"), parts[0], parts[1]);
    default:
      /* Translators: street, city, country code on one line, e.g. "Main Street 1, Leuven, BE" */
      return g_strdup_printf (_("%s, %s, %s"), parts[0], parts[1], parts[2]);
    }
}

/* Where the postal code goes is the country's custom, not the reader's
 * language, so this is not translated. */
static void
append_locality (FacetAddress *self,
                 GString      *str)
{
  static const char * const city_state_code[] = { "US", "CA", "AU", NULL };
  static const char * const code_own_line[] = { "GB", "IE", NULL };
  g_autoptr(GString) line = g_string_new (NULL);
  const char *country = self->country ? self->country : "";

  if (g_strv_contains (city_state_code, country))
    {
      /* Springfield, IL 62704 */
      if (!is_blank (self->city))
        g_string_append (line, self->city);
      if (!is_blank (self->state))
        g_string_append_printf (line, "%s%s", line->len ? ", " : "", self->state);
      if (!is_blank (self->postal_code))
        g_string_append_printf (line, "%s%s", line->len ? " " : "", self->postal_code);
      append_line (str, line->str);
    }
  else if (g_strv_contains (code_own_line, country))
    {
      append_line (str, self->city);
      append_line (str, self->state);
      append_line (str, self->postal_code);
    }
  else
    {
      /* 3001 Leuven */
      if (!is_blank (self->postal_code))
        g_string_append (line, self->postal_code);
      if (!is_blank (self->city))
        g_string_append_printf (line, "%s%s", line->len ? " " : "", self->city);
      append_line (str, line->str);
      append_line (str, self->state);
    }
}

char *
facet_address_dup_display (FacetAddress *self)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *name = NULL;

  g_return_val_if_fail (FACET_IS_ADDRESS (self), NULL);

  name = facet_address_dup_full_name (self);
  append_line (str, name);
  append_line (str, self->company);
  append_line (str, self->line1);
  append_line (str, self->line2);
  append_locality (self, str);
  append_line (str, self->country);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static gboolean
is_country_code (const char *text)
{
  return text != NULL &&
         g_ascii_isupper (text[0]) &&
         g_ascii_isupper (text[1]) &&
         text[2] == '\0';
}

/* Enough to catch a phone number or a name typed in the wrong field; the
 * vendor does the real check when it sends mail. */
static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (; *text; text++)
    if (g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
facet_address_validate (FacetAddress  *self,
                        GError       **error)
{
  g_return_val_if_fail (FACET_IS_ADDRESS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

#define REQUIRE(field, message)                                              \
  if (is_blank (self->field))                                                \
    {                                                                        \
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,   \
                           message);                                         \
      return FALSE;                                                          \
    }

  REQUIRE (first_name, _("The address has no first name."));
  REQUIRE (last_name, _("The address has no last name."));
  REQUIRE (line1, _("The address has no street address (first address line)."));
  REQUIRE (city, _("The address has no city."));
  REQUIRE (postal_code, _("The address has no postal code."));
  REQUIRE (country, _("The address has no country. Use its two-letter code, such as DE or US."));
  REQUIRE (email, _("The address has no email address. Print services send order and shipping news there."));

#undef REQUIRE

  if (!is_country_code (self->country))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The country “%s” is not a two-letter country code (ISO 3166-1), such as DE or US."),
                   self->country);
      return FALSE;
    }

  if (!is_email (self->email))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The email address “%s” is not valid: it should look like name@example.com."),
                   self->email);
      return FALSE;
    }

  return TRUE;
}

/* A hand-written file may misspell a member ("postcode"): say so rather
 * than ship without it. */
static const char *
find_unknown_member (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      gboolean known = g_str_equal (member, "id");

      for (guint i = 0; !known && i < G_N_ELEMENTS (string_members); i++)
        known = g_str_equal (member, string_members[i].member);
      if (!known)
        return member;
    }

  return NULL;
}

FacetAddress *
facet_address_new_from_json_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FacetAddress) self = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *unknown;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                   _("Could not read the address file “%s”: %s"),
                   display, local_error->message);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The address file “%s” is not valid JSON: %s"),
                   display, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The address file “%s” should hold one JSON object, such as {\"first_name\": \"Ada\", \"city\": \"London\"}."),
                   display);
      return NULL;
    }
  object = json_node_get_object (root);

  unknown = find_unknown_member (object);
  if (unknown != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The address file “%s” has an unknown member “%s”. The members are first_name, last_name, company, line1, line2, city, state, postal_code, country, email and phone."),
                   display, unknown);
      return NULL;
    }

  self = facet_address_deserialize (object, &local_error);
  if (self == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The address file “%s” cannot be used: %s"),
                   display, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
facet_address_serialize (FacetAddress *self,
                         JsonBuilder  *builder)
{
  g_return_if_fail (FACET_IS_ADDRESS (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  facet_json_add_string (builder, "id", self->id);
  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    facet_json_add_string (builder, string_members[i].member, string_members[i].get (self));
  json_builder_end_object (builder);
}

FacetAddress *
facet_address_deserialize (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(FacetAddress) self = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;

  g_return_val_if_fail (object != NULL, NULL);

  id = facet_json_get_string (object, "id", NULL, &local_error);
  if (local_error != NULL)
    goto failed;
  self = g_object_new (FACET_TYPE_ADDRESS, "id", id, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
    {
      const char *value = facet_json_get_string (object, string_members[i].member, NULL, &local_error);

      if (local_error != NULL)
        goto failed;
      string_members[i].set (self, value);
    }

  return g_steal_pointer (&self);

failed:
  g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "address: ");
  return NULL;
}
