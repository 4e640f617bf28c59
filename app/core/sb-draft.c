/* sb-draft.c — an application in progress, as it is autosaved
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-draft"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-draft.h"
#include "sb-json-reader.h"
#include "sb-json-writer.h"

#define DRAFT_FORMAT 1
#define MAX_DRAFT_SIZE (256 * 1024 * 1024)
#define MAX_DRAFT_DEPTH 32

struct _SbDraft
{
  GObject           parent_instance;

  char             *id;
  SbAnswers        *answers;
  char             *created;
  char             *updated;
  char             *step;
  GHashTable       *raw_texts;       /* path -> text */
  GHashTable       *justifications;  /* rule id -> text */
  GHashTable       *packets;         /* reference -> finalised, of packets made from it */
  char             *name;            /* the person's own name for it, or NULL */
  GHashTable       *checked_steps;   /* ids of the steps checked (Next pressed, or reviewed) */
};

G_DEFINE_FINAL_TYPE (SbDraft, sb_draft, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-draft-error-quark, sb_draft_error)

/* Auxiliary functions */

/* The errors of a damaged or foreign draft: those of sb-json-reader.c and
 * the ones below. */
static const SbJsonErrorKind draft_json = { sb_draft_error_quark, SB_DRAFT_ERROR_INVALID };

/* What a draft records without checking: a member that is not a string
 * reads as absent. */
static const char *
string_member (JsonObject *object,
               const char *key)
{
  return sb_json_get_string (&draft_json, object, "$", key, SB_JSON_OPTIONAL, G_MAXSIZE, NULL);
}

static gboolean
read_string_map (JsonObject  *root,
                 const char  *key,
                 GHashTable  *map,
                 GError     **error)
{
  g_autofree char *path = sb_json_path_member ("$", key);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object = sb_json_get_object (&draft_json, root, "$", key, SB_JSON_OPTIONAL, &local_error);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (object == NULL)
    return TRUE;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      const char *text = sb_json_get_string (&draft_json, object, path, name, SB_JSON_REQUIRED, G_MAXSIZE, error);

      if (text == NULL)
        return FALSE;
      g_hash_table_insert (map, g_strdup (name), g_strdup (text));
    }
  return TRUE;
}

/* An optional array of strings, as a set. */
static gboolean
read_string_set (JsonObject  *root,
                 const char  *key,
                 GHashTable  *set,
                 GError     **error)
{
  g_autofree char *path = sb_json_path_member ("$", key);
  g_autoptr(GError) local_error = NULL;
  JsonArray *array = sb_json_get_array (&draft_json, root, "$", key, SB_JSON_OPTIONAL, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("%s[%u] is not a text"), path, i);
          return FALSE;
        }
      g_hash_table_add (set, g_strdup (json_node_get_string (node)));
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
add_sorted_map (JsonBuilder *builder,
                const char  *key,
                GHashTable  *map)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (map, NULL);
  guint n = g_hash_table_size (map);

  /* Sorted, so the same draft always writes the same bytes. */
  g_qsort_with_data (keys, n, sizeof (char *), compare_strings, NULL);

  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (map, keys[i]));
    }
  json_builder_end_object (builder);
}

/* GObject overrides */

static void
sb_draft_finalize (GObject *object)
{
  SbDraft *self = (SbDraft *) object;

  g_free (self->id);
  g_clear_object (&self->answers);
  g_free (self->created);
  g_free (self->updated);
  g_free (self->step);
  g_clear_pointer (&self->raw_texts, g_hash_table_unref);
  g_clear_pointer (&self->justifications, g_hash_table_unref);
  g_clear_pointer (&self->packets, g_hash_table_unref);
  g_free (self->name);
  g_clear_pointer (&self->checked_steps, g_hash_table_unref);

  G_OBJECT_CLASS (sb_draft_parent_class)->finalize (object);
}

static void
sb_draft_class_init (SbDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_draft_finalize;
}

static void
sb_draft_init (SbDraft *self)
{
  self->raw_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->justifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->packets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->checked_steps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

SbDraft *
sb_draft_new (SbFormDefinition *definition,
              const char       *now)
{
  SbDraft *self;

  g_return_val_if_fail (SB_IS_FORM_DEFINITION (definition), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (SB_TYPE_DRAFT, NULL);
  self->id = g_uuid_string_random ();
  self->answers = sb_answers_new (definition);
  self->created = g_strdup (now);
  self->updated = g_strdup (now);
  return self;
}

SbDraft *
sb_draft_new_from_bytes (SbFormRegistry  *registry,
                         GBytes          *bytes,
                         GError         **error)
{
  g_autoptr(SbDraft) self = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GError) local_error = NULL;
  SbFormDefinition *definition;
  JsonObject *root, *form, *answers;
  JsonNode *format;
  const char *id, *form_id, *form_version, *created, *updated, *kind;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (SB_IS_FORM_REGISTRY (registry), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  root_node = sb_json_parse_untrusted (data, length, MAX_DRAFT_SIZE, MAX_DRAFT_DEPTH, &local_error);
  if (root_node == NULL)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("not a readable draft: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("this is not a draft"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  kind = string_member (root, "kind");
  if (g_strcmp0 (kind, "shenbao-draft") != 0)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("this is not a draft"));
      return NULL;
    }

  format = json_object_get_member (root, "format");
  if (!sb_json_node_is_int (format))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("$.format is missing"));
      return NULL;
    }
  if (json_node_get_int (format) != DRAFT_FORMAT)
    {
      /* The number as a string: a G_GINT64_FORMAT in a msgid differs between platforms. */
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (format));

      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_UNSUPPORTED,
                   _("the draft is in format %s; this version of Shenbao reads format %d"), found, DRAFT_FORMAT);
      return NULL;
    }

  id = string_member (root, "id");
  created = string_member (root, "created");
  updated = string_member (root, "updated");
  form = json_object_has_member (root, "form") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "form"))
    ? json_object_get_object_member (root, "form") : NULL;
  form_id = form ? string_member (form, "id") : NULL;
  form_version = form ? string_member (form, "version") : NULL;

  if (id == NULL || !g_uuid_string_is_valid (id) || created == NULL || updated == NULL ||
      form_id == NULL || form_version == NULL)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID,
                   _("the draft lacks its id, dates or form ($.id, $.created, $.updated, $.form.id, $.form.version)"));
      return NULL;
    }

  definition = sb_form_registry_lookup_version (registry, form_id, form_version);
  if (definition == NULL)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_UNKNOWN_FORM,
                   _("the draft was made with version %s of the form “%s”, which is not installed"),
                   form_version, form_id);
      return NULL;
    }

  if ((answers = sb_json_get_object (&draft_json, root, "$", "answers", SB_JSON_REQUIRED, error)) == NULL)
    return NULL;

  self = g_object_new (SB_TYPE_DRAFT, NULL);
  self->id = g_strdup (id);
  self->created = g_strdup (created);
  self->updated = g_strdup (updated);
  self->step = g_strdup (string_member (root, "step"));
  /* No copy: the rest of the file's tree is freed when this returns. */
  self->answers = sb_answers_new (definition);
  sb_answers_take_json (self->answers, json_object_ref (answers));

  if (!read_string_map (root, "raw", self->raw_texts, error) ||
      !read_string_map (root, "justifications", self->justifications, error) ||
      !read_string_map (root, "packets", self->packets, error) ||
      !read_string_set (root, "checked_steps", self->checked_steps, error))
    return NULL;
  /* Drafts written before these members existed simply lack them. */
  self->name = g_strdup (string_member (root, "name"));

  return g_steal_pointer (&self);
}

JsonNode *
sb_draft_to_json (SbDraft *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) answers = NULL;
  SbFormDefinition *definition;

  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);

  definition = sb_answers_get_definition (self->answers);
  /* Hidden answers are kept: a person who switches back finds them. */
  answers = sb_answers_to_json (self->answers, FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, DRAFT_FORMAT);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "shenbao-draft");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "form");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, sb_form_definition_get_id (definition));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, sb_form_definition_get_version (definition));
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, sb_form_definition_get_sha256 (definition));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, self->created);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, self->updated);
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, self->step);
  json_builder_set_member_name (builder, "answers");
  {
    JsonNode *node = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (node, answers);
    json_builder_add_value (builder, node);
  }
  add_sorted_map (builder, "raw", self->raw_texts);
  add_sorted_map (builder, "justifications", self->justifications);
  add_sorted_map (builder, "packets", self->packets);
  if (self->name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, self->name);
    }
  {
    g_autofree const char **steps = (const char **) g_hash_table_get_keys_as_array (self->checked_steps, NULL);
    guint n = g_hash_table_size (self->checked_steps);

    g_qsort_with_data (steps, n, sizeof (char *), compare_strings, NULL);
    json_builder_set_member_name (builder, "checked_steps");
    json_builder_begin_array (builder);
    for (guint i = 0; i < n; i++)
      json_builder_add_string_value (builder, steps[i]);
    json_builder_end_array (builder);
  }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

GBytes *
sb_draft_json_to_bytes (JsonNode *tree)
{
  gsize length;
  char *text;

  g_return_val_if_fail (tree != NULL, NULL);

  text = sb_json_to_data (tree, TRUE, &length);
  return g_bytes_new_take (text, length);
}

GBytes *
sb_draft_to_bytes (SbDraft *self)
{
  g_autoptr(JsonNode) tree = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);

  tree = sb_draft_to_json (self);
  return sb_draft_json_to_bytes (tree);
}

const char *
sb_draft_get_id (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->id;
}

void
sb_draft_take_new_id (SbDraft *self)
{
  g_return_if_fail (SB_IS_DRAFT (self));

  g_free (self->id);
  self->id = g_uuid_string_random ();
}

SbAnswers *
sb_draft_get_answers (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->answers;
}

SbFormDefinition *
sb_draft_get_definition (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return sb_answers_get_definition (self->answers);
}

const char *
sb_draft_get_created (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->created;
}

const char *
sb_draft_get_updated (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->updated;
}

void
sb_draft_touch (SbDraft    *self,
                const char *now)
{
  g_return_if_fail (SB_IS_DRAFT (self));
  g_return_if_fail (now != NULL);

  g_free (self->updated);
  self->updated = g_strdup (now);
}

const char *
sb_draft_get_step (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->step;
}

void
sb_draft_set_step (SbDraft    *self,
                   const char *step_id)
{
  g_return_if_fail (SB_IS_DRAFT (self));

  g_free (self->step);
  self->step = g_strdup (step_id);
}

void
sb_draft_set_raw_text (SbDraft    *self,
                       const char *path,
                       const char *text)
{
  g_return_if_fail (SB_IS_DRAFT (self));
  g_return_if_fail (path != NULL);

  if (text == NULL)
    g_hash_table_remove (self->raw_texts, path);
  else
    g_hash_table_insert (self->raw_texts, g_strdup (path), g_strdup (text));
}

const char *
sb_draft_get_raw_text (SbDraft    *self,
                       const char *path)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return g_hash_table_lookup (self->raw_texts, path);
}

GHashTable *
sb_draft_get_raw_texts (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->raw_texts;
}

void
sb_draft_set_justification (SbDraft    *self,
                            const char *rule_id,
                            const char *text)
{
  g_return_if_fail (SB_IS_DRAFT (self));
  g_return_if_fail (rule_id != NULL);

  if (text == NULL || *text == '\0')
    g_hash_table_remove (self->justifications, rule_id);
  else
    g_hash_table_insert (self->justifications, g_strdup (rule_id), g_strdup (text));
}

const char *
sb_draft_get_justification (SbDraft    *self,
                            const char *rule_id)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return g_hash_table_lookup (self->justifications, rule_id);
}

GHashTable *
sb_draft_get_justifications (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  return self->justifications;
}

char *
sb_draft_dup_display_name (SbDraft *self)
{
  g_autofree char *summary = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);

  if (self->name != NULL)
    return g_strdup (self->name);
  summary = sb_answers_dup_summary (self->answers);
  if (*summary != '\0')
    return g_steal_pointer (&summary);
  return g_strdup (sb_form_definition_get_title (sb_answers_get_definition (self->answers))->zh_CN);
}

void
sb_draft_add_packet (SbDraft    *self,
                     const char *reference,
                     const char *finalised)
{
  g_return_if_fail (SB_IS_DRAFT (self));
  g_return_if_fail (reference != NULL);

  g_hash_table_insert (self->packets, g_strdup (reference), g_strdup (finalised ? finalised : ""));
}

gboolean
sb_draft_has_packet (SbDraft    *self,
                     const char *reference)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), FALSE);

  return reference != NULL && g_hash_table_contains (self->packets, reference);
}

gboolean
sb_draft_is_finished (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), FALSE);

  return g_hash_table_size (self->packets) > 0;
}

gboolean
sb_draft_get_last_packet (SbDraft     *self,
                          const char **reference,
                          const char **finalised)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best_reference = NULL, *best_finalised = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (self), FALSE);

  /* ISO 8601 UTC times sort as text; the reference breaks ties, so the
   * answer does not depend on the hash table's order. */
  g_hash_table_iter_init (&iter, self->packets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int order = g_strcmp0 (value, best_finalised);

      if (best_reference == NULL || order > 0 || (order == 0 && g_strcmp0 (key, best_reference) > 0))
        {
          best_reference = key;
          best_finalised = value;
        }
    }
  if (reference != NULL)
    *reference = best_reference;
  if (finalised != NULL)
    *finalised = best_finalised;
  return best_reference != NULL;
}

const char *
sb_draft_get_name (SbDraft *self)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);

  return self->name;
}

void
sb_draft_set_name (SbDraft    *self,
                   const char *name)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (SB_IS_DRAFT (self));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));

  stripped = name ? g_strstrip (g_strdup (name)) : NULL;
  g_free (self->name);
  self->name = stripped != NULL && *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

gboolean
sb_draft_is_step_checked (SbDraft    *self,
                          const char *step_id)
{
  g_return_val_if_fail (SB_IS_DRAFT (self), FALSE);

  return step_id != NULL && g_hash_table_contains (self->checked_steps, step_id);
}

void
sb_draft_set_step_checked (SbDraft    *self,
                           const char *step_id,
                           gboolean    checked)
{
  g_return_if_fail (SB_IS_DRAFT (self));
  g_return_if_fail (step_id != NULL);

  if (checked)
    g_hash_table_add (self->checked_steps, g_strdup (step_id));
  else
    g_hash_table_remove (self->checked_steps, step_id);
}

SbDraft *
sb_draft_new_copy (SbDraft    *self,
                   const char *now)
{
  g_autoptr(JsonObject) answers = NULL;
  GHashTableIter iter;
  gpointer key, value;
  SbDraft *copy;

  g_return_val_if_fail (SB_IS_DRAFT (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* Everything typed, hidden answers and raw text included; not the
   * packets, the name or the checked steps: the copy is a new
   * application, to be checked again. */
  copy = sb_draft_new (sb_draft_get_definition (self), now);
  answers = sb_answers_to_json (self->answers, FALSE);
  sb_answers_set_json (copy->answers, answers);
  g_hash_table_iter_init (&iter, self->raw_texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->raw_texts, g_strdup (key), g_strdup (value));
  g_hash_table_iter_init (&iter, self->justifications);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->justifications, g_strdup (key), g_strdup (value));
  return copy;
}
