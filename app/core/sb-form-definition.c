/* sb-form-definition.c — loading and checking a form definition
 *
 * A definition comes from a file we ship, but it is loaded as if it were
 * hostile: every key is checked, unknown keys are errors, and every
 * expression is parsed and type-checked here, so that nothing later has to
 * cope with a half-valid definition.  The first problem found is reported as
 * "ORIGIN: $.json.path: reason".
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-form-definition"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-canonical-json.h"
#include "sb-form-definition-private.h"
#include "sb-json-reader.h"

G_DEFINE_FINAL_TYPE (SbFormDefinition, sb_form_definition, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-form-definition-error-quark, sb_form_definition_error)

/* A definition or list file may come from somebody else (a form folder
 * passed around), so it is read as strictly as a packet.  The largest
 * installed one, kejipeixun.json, is 256 KB, 8 levels deep, with 137
 * members in its widest object and 5,181 values: these bounds leave room
 * for sixty times that. */
const SbJsonLimits sb_form_definition_limits = {
  .max_length = 16 * 1024 * 1024,
  .max_depth = 32,
  .max_members = SB_JSON_MAX_MEMBERS,
  .max_values = SB_JSON_MAX_VALUES,
};

/* Auxiliary functions */

static void
sb_text_free (SbText *text)
{
  sb_text_clear (text);
  g_free (text);
}

static void
sb_citation_clear (SbCitation *citation)
{
  g_clear_pointer (&citation->document, g_free);
  g_clear_pointer (&citation->article, g_free);
  g_clear_pointer (&citation->paragraph, g_free);
  g_clear_pointer (&citation->clause, g_free);
  g_clear_pointer (&citation->item, g_free);
  g_clear_pointer (&citation->text, g_free);
}

void
sb_choice_free (SbChoice *choice)
{
  g_free (choice->value);
  sb_text_clear (&choice->label);
  g_free (choice);
}

void
sb_field_free (SbField *field)
{
  g_free (field->id);
  sb_text_clear (&field->label);
  sb_text_clear (&field->help);
  sb_text_clear (&field->placeholder);
  g_clear_pointer (&field->required_when, sb_expression_unref);
  g_clear_pointer (&field->visible_when, sb_expression_unref);
  sb_text_clear (&field->not_applicable);
  g_clear_pointer (&field->computed, sb_expression_unref);
  g_free (field->unit);
  g_free (field->input_unit);
  g_free (field->min);
  g_free (field->max);
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free ((gpointer) field->choice_values);
  g_free (field->widget);
  g_strfreev (field->media_types);
  g_free (field->material);
  g_clear_pointer (&field->columns, g_ptr_array_unref);
  g_free (field->source);
  g_free (field);
}

static void
sb_step_free (SbStep *step)
{
  g_free (step->id);
  sb_text_clear (&step->title);
  sb_text_clear (&step->description);
  g_clear_pointer (&step->visible_when, sb_expression_unref);
  sb_text_clear (&step->not_applicable);
  g_clear_pointer (&step->fields, g_ptr_array_unref);
  g_free (step);
}

static void
sb_rule_free (SbRule *rule)
{
  g_free (rule->id);
  g_clear_pointer (&rule->when, sb_expression_unref);
  g_clear_pointer (&rule->applies_when, sb_expression_unref);
  sb_text_clear (&rule->message);
  g_clear_pointer (&rule->message_parts_zh, g_ptr_array_unref);
  g_clear_pointer (&rule->message_parts_en, g_ptr_array_unref);
  g_strfreev (rule->fields);
  sb_citation_clear (&rule->citation);
  g_free (rule->ambiguity);
  g_free (rule);
}

static void
sb_material_free (SbMaterial *material)
{
  g_free (material->id);
  sb_text_clear (&material->title);
  sb_text_clear (&material->condition_text);
  g_clear_pointer (&material->condition, sb_expression_unref);
  sb_text_clear (&material->not_applicable);
  g_free (material->field);
  g_clear_pointer (&material->ways, g_ptr_array_unref);
  g_free (material->rows_column);
  g_free (material->rows_equals);
  sb_citation_clear (&material->citation);
  g_free (material);
}

static void
sb_summary_item_free (SbSummaryItem *item)
{
  sb_text_clear (&item->label);
  g_clear_pointer (&item->value, sb_expression_unref);
  g_free (item->unit);
  g_free (item);
}

static void
sb_guide_step_free (SbGuideStep *step)
{
  g_free (step->id);
  sb_text_clear (&step->actor);
  sb_text_clear (&step->action);
  sb_text_clear (&step->deadline_text);
  sb_text_clear (&step->deadline_from);
  g_free (step->citation);
  g_free (step);
}

static void
sb_checklist_item_free (SbChecklistItem *item)
{
  g_free (item->id);
  sb_text_clear (&item->title);
  g_free (item->citation);
  g_free (item);
}

static void
sb_decision_free (SbDecision *decision)
{
  g_free (decision->id);
  sb_text_clear (&decision->label);
  g_free (decision);
}

static void
sb_review_deadline_free (SbReviewDeadline *deadline)
{
  g_free (deadline->id);
  sb_text_clear (&deadline->label);
  sb_text_clear (&deadline->actor);
  g_free (deadline->from);
  g_strfreev (deadline->restarts_on);
  g_strfreev (deadline->met_by);
  g_strfreev (deadline->excludes);
  g_free (deadline->citation);
  g_free (deadline);
}

void
sb_message_part_free (SbMessagePart *part)
{
  g_free (part->text);
  g_clear_pointer (&part->expression, sb_expression_unref);
  g_free (part);
}

/* What sb_packet_reference_is_valid() accepts before the date. */
static gboolean
is_reference_prefix (const char *prefix)
{
  gsize length = strlen (prefix);

  if (length < 1 || length > 4)
    return FALSE;
  for (const char *p = prefix; *p; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static gboolean
load_definition (SbFormDefinition  *self,
                 JsonNode          *root_node,
                 GFile             *base_dir,
                 GError           **error)
{
  static const char *keys[] = {
    "$schema", "format", "id", "version", "reference_prefix", "title", "description", "regulation",
    "constants", "lists", "steps", "fields", "summary_fields", "summary", "rules", "materials", "guide", "review", NULL
  };
  Loader loader = { self, base_dir, NULL };
  g_autoptr(GPtrArray) field_objects = g_ptr_array_new ();
  JsonObject *root;

  root = sb_loader_require_object (&loader, root_node, "$");
  if (root != NULL)
    {
      sb_loader_check_keys (&loader, root, "$", keys);
      if (sb_loader_ok (&loader) && sb_loader_get_int (&loader, root, "$", "format", 0, 0, G_MAXINT) != 1)
        sb_loader_fail (&loader, "$.format", "unsupported definition format (this version reads format 1)");

      self->id = sb_loader_get_string (&loader, root, "$", "id", TRUE);
      self->version = sb_loader_get_string (&loader, root, "$", "version", TRUE);
      if (sb_loader_ok (&loader) && !sb_loader_is_identifier (self->id))
        sb_loader_fail (&loader, "$.id", "'%s' is not a valid form id", self->id);

      self->reference_prefix = sb_loader_get_string (&loader, root, "$", "reference_prefix", TRUE);
      if (sb_loader_ok (&loader) && !is_reference_prefix (self->reference_prefix))
        sb_loader_fail (&loader, "$.reference_prefix", "'%s' is not a reference prefix (1 to 4 capital letters, A to Z)",
                        self->reference_prefix);

      sb_loader_get_text (&loader, root, "$", "title", TRUE, &self->title);
      sb_loader_get_text (&loader, root, "$", "description", FALSE, &self->description);
      if (sb_loader_ok (&loader))
        sb_loader_load_regulation (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_constants (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_lists (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_fields (&loader, root, field_objects);
      if (sb_loader_ok (&loader))
        sb_loader_load_steps (&loader, root);

      for (guint i = 0; i < self->fields->len && sb_loader_ok (&loader); i++)
        {
          g_autofree char *path = sb_json_path_index ("$.fields", i);

          sb_loader_compile_field_expressions (&loader, g_ptr_array_index (self->fields, i),
                                               g_ptr_array_index (field_objects, i), path);
        }

      if (sb_loader_ok (&loader))
        sb_loader_load_summary_fields (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_rules (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_materials (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_summary (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_guide (&loader, root);
      if (sb_loader_ok (&loader))
        sb_loader_load_review (&loader, root);
    }

  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }

  /* Fields in step order, so everything that walks fields shows them as
   * the applicant saw them. */
  {
    g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);

    for (guint i = 0; i < self->steps->len; i++)
      {
        SbStep *step = g_ptr_array_index (self->steps, i);

        for (guint j = 0; j < step->fields->len; j++)
          g_ptr_array_add (ordered, g_ptr_array_index (step->fields, j));
      }

    /* Indices are baked into compiled expressions: keep them, only the
     * presentation order changes. */
    g_ptr_array_set_free_func (self->fields, NULL);
    self->slots = self->fields;
    self->fields = g_steal_pointer (&ordered);
  }

  return TRUE;
}

/* GObject overrides */

static void
sb_form_definition_finalize (GObject *object)
{
  SbFormDefinition *self = (SbFormDefinition *) object;

  g_free (self->origin);
  g_free (self->sha256);
  g_free (self->id);
  g_free (self->version);
  g_free (self->reference_prefix);
  sb_text_clear (&self->title);
  sb_text_clear (&self->description);
  g_free (self->regulation.document_no);
  g_free (self->regulation.short_name);
  g_free (self->regulation.title);
  g_free (self->regulation.issuer);
  sb_text_clear (&self->regulation.validity_note);

  /* Rules and steps hold compiled expressions that refer to fields by
   * index only, so the order of freeing does not matter. */
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rules_by_id, g_hash_table_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->summary_fields, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->fields_by_id, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->constants, g_hash_table_unref);
  g_clear_pointer (&self->constant_types, g_hash_table_unref);
  sb_text_clear (&self->guide_applicants);
  sb_text_clear (&self->guide_authority);
  sb_text_clear (&self->guide_where);
  g_clear_pointer (&self->guide_steps, g_ptr_array_unref);
  g_clear_pointer (&self->guide_notes, g_ptr_array_unref);
  g_clear_pointer (&self->checklist, g_ptr_array_unref);
  g_clear_pointer (&self->decisions, g_ptr_array_unref);
  g_clear_pointer (&self->review_deadlines, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_form_definition_parent_class)->finalize (object);
}

static void
sb_form_definition_class_init (SbFormDefinitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_form_definition_finalize;
}

static void
sb_form_definition_init (SbFormDefinition *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_step_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);
  self->fields_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_rule_free);
  self->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_material_free);
  self->summary_fields = g_ptr_array_new ();
  self->summary = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_summary_item_free);
  self->constants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sb_value_unref);
  self->constant_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->guide_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_guide_step_free);
  self->guide_notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_text_free);
  self->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_checklist_item_free);
  self->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_decision_free);
  self->review_deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_review_deadline_free);
  self->resolver.resolve = sb_loader_resolve_top_level;
  self->resolver.resolve_column = sb_loader_resolve_column;
  self->resolver.data = self;
}

/* Public API */

const char *
sb_severity_to_string (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return "error";
    case SB_SEVERITY_WARNING:
      return "warning";
    case SB_SEVERITY_INFO:
      return "info";
    default:
      g_return_val_if_reached ("error");
    }
}

gboolean
sb_severity_from_string (const char *text,
                         SbSeverity *severity)
{
  g_return_val_if_fail (severity != NULL, FALSE);

  if (g_strcmp0 (text, "error") == 0)
    *severity = SB_SEVERITY_ERROR;
  else if (g_strcmp0 (text, "warning") == 0)
    *severity = SB_SEVERITY_WARNING;
  else if (g_strcmp0 (text, "info") == 0)
    *severity = SB_SEVERITY_INFO;
  else
    return FALSE;

  return TRUE;
}

char *
sb_citation_format (const SbCitation *citation)
{
  GString *text;
  const char *parts[5];

  g_return_val_if_fail (citation != NULL, NULL);

  /* The one place that fixes the order: a clause (（一）…) contains its
   * paragraphs, and a paragraph its items (1. 2. …), so the clause comes
   * before the paragraph (rules.md §0.1: 第四条 第(三)款 第2段). */
  parts[0] = citation->document;
  parts[1] = citation->article;
  parts[2] = citation->clause;
  parts[3] = citation->paragraph;
  parts[4] = citation->item;

  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      /* "《准入办法》第八条 第(二)款": no space after the title marks. */
      if (text->len > 0 && !g_str_has_suffix (text->str, "》"))
        g_string_append_c (text, ' ');
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

/**
 * sb_form_definition_new_from_bytes:
 *
 * Loads a definition from @bytes; on failure the error names @origin, the
 * JSON path and the reason.
 */
SbFormDefinition *
sb_form_definition_new_from_bytes (GBytes      *bytes,
                                   const char  *origin,
                                   GFile       *base_dir,
                                   GError     **error)
{
  g_autoptr(SbFormDefinition) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);

  /* Found by fuzzing: GBytes gives NULL for no bytes at all. */
  if (data == NULL || length == 0)
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX,
                   "%s: the file is empty", origin);
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX,
                   "%s: not UTF-8 text", origin);
      return NULL;
    }

  root = sb_json_parse_untrusted_full (data, length, &sb_form_definition_limits, &parse_error);
  if (root == NULL)
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX,
                   "%s: %s", origin, parse_error->message);
      return NULL;
    }

  self = g_object_new (SB_TYPE_FORM_DEFINITION, NULL);
  self->origin = g_strdup (origin);
  /* Nettle's SHA-256, as packets are hashed: a quarter fewer
   * instructions than GLib's for the same digest. */
  {
    guint8 digest[SB_SHA256_DIGEST_SIZE];

    sb_sha256 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), digest);
    self->sha256 = sb_sha256_hex (digest);
  }

  if (!load_definition (self, root, base_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

SbFormDefinition *
sb_form_definition_new_from_file (GFile   *file,
                                  GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  origin = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &read_error);
  if (bytes == NULL)
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_READ,
                   "%s: cannot read: %s", origin, read_error->message);
      return NULL;
    }

  parent = g_file_get_parent (file);
  return sb_form_definition_new_from_bytes (bytes, origin, parent, error);
}

const char *
sb_form_definition_get_id (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->id;
}

const char *
sb_form_definition_get_version (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->version;
}

const char *
sb_form_definition_get_reference_prefix (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->reference_prefix;
}

const char *
sb_form_definition_get_sha256 (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->sha256;
}

const SbText *
sb_form_definition_get_title (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->title;
}

const SbText *
sb_form_definition_get_description (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->description;
}

const SbRegulation *
sb_form_definition_get_regulation (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->regulation;
}

gboolean
sb_form_definition_is_in_force (SbFormDefinition *self,
                                gint32            julian_day)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), FALSE);

  if (julian_day < self->regulation.effective_from)
    return FALSE;

  return self->regulation.effective_until == 0 || julian_day <= self->regulation.effective_until;
}

GPtrArray *
sb_form_definition_get_steps (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->steps;
}

GPtrArray *
sb_form_definition_get_fields (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->fields;
}

SbField *
sb_form_definition_lookup_field (SbFormDefinition *self,
                                 const char       *id)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->fields_by_id, id);
}

SbField *
sb_form_definition_lookup_path (SbFormDefinition *self,
                                const char       *path)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  return sb_loader_lookup_path (self, path);
}

GPtrArray *
sb_form_definition_get_rules (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->rules;
}

SbRule *
sb_form_definition_lookup_rule (SbFormDefinition *self,
                                const char       *id)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->rules_by_id, id);
}

GPtrArray *
sb_form_definition_get_materials (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->materials;
}

GPtrArray *
sb_form_definition_get_summary (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->summary;
}

GPtrArray *
sb_form_definition_get_summary_fields (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->summary_fields;
}

const SbText *
sb_form_definition_get_guide_text (SbFormDefinition *self,
                                   const char       *key)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);

  if (g_strcmp0 (key, "applicants") == 0)
    return &self->guide_applicants;
  if (g_strcmp0 (key, "authority") == 0)
    return &self->guide_authority;
  if (g_strcmp0 (key, "where") == 0)
    return &self->guide_where;

  g_return_val_if_reached (NULL);
}

GPtrArray *
sb_form_definition_get_guide_steps (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->guide_steps;
}

GPtrArray *
sb_form_definition_get_guide_notes (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->guide_notes;
}

GPtrArray *
sb_form_definition_get_checklist (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->checklist;
}

GPtrArray *
sb_form_definition_get_decisions (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->decisions;
}

GPtrArray *
sb_form_definition_get_review_deadlines (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->review_deadlines;
}

const SbSymbolResolver *
sb_form_definition_get_resolver (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->resolver;
}

/* Private API */

guint
sb_form_definition_get_n_field_slots (SbFormDefinition *self)
{
  return self->fields->len;
}

SbField *
sb_form_definition_get_field_by_index (SbFormDefinition *self,
                                       guint             index)
{
  /* While loading, fields are still in load order and there are no slots. */
  GPtrArray *by_index = self->slots != NULL ? self->slots : self->fields;

  if (index >= by_index->len)
    return NULL;

  return g_ptr_array_index (by_index, index);
}
