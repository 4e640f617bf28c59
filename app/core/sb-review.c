/* sb-review.c — a reviewer's work on one packet
 *
 * Review files come back from other offices and other people: they are
 * read as strictly as packets, and every field, material, checklist item
 * and decision they name must exist in the definition.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-review"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-date.h"
#include "sb-json-reader.h"
#include "sb-json-writer.h"
#include "sb-review.h"
#include "sb-signature-block.h"

#define REVIEW_FORMAT 1
#define MAX_REVIEW_SIZE (16 * 1024 * 1024)
#define MAX_REVIEW_DEPTH 16
#define MAX_TEXT_LENGTH (64 * 1024)

typedef struct
{
  char         *item_id;
  SbCheckState  state;
  char         *note;
} Check;

struct _SbReview
{
  GObject           parent_instance;

  SbFormDefinition *definition;
  char             *packet_reference;
  char             *packet_hash;
  gint32            received;
  char             *reviewer_name;
  char             *reviewer_office;
  char             *decision;
  gint32            decided;
  char             *decision_reason;
  char             *decision_clause;  /* a checklist item id */
  GPtrArray        *checks;   /* Check* */
  GPtrArray        *notes;    /* SbReviewNote* */

  /* As read from a file, until the review changes (then they no longer
   * say anything about it): the file's tree, its signatures (GBytes* of
   * DER) and the bytes they sign. */
  JsonNode         *file_root;
  GPtrArray        *signatures;
  GBytes           *signed_content;
};

G_DEFINE_FINAL_TYPE (SbReview, sb_review, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-review-error-quark, sb_review_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *check_state_names[] = { "unchecked", "ok", "problem" };

/* Auxiliary functions */

static void
check_free (Check *check)
{
  g_free (check->item_id);
  g_free (check->note);
  g_free (check);
}

static void
note_free (SbReviewNote *note)
{
  g_free (note->field);
  g_free (note->material);
  g_free (note->text);
  g_free (note);
}

/* The review's default "changed" handler: a signature vouches for the
 * file as it was read, not for a review changed since. */
static void
forget_file (SbReview *self)
{
  g_clear_pointer (&self->file_root, json_node_unref);
  g_ptr_array_set_size (self->signatures, 0);
  g_clear_pointer (&self->signed_content, g_bytes_unref);
}

static void
deadline_status_free (SbDeadlineStatus *status)
{
  g_free (status->problem);
  g_free (status);
}

static gboolean
is_checklist_item (SbFormDefinition *definition,
                   const char       *item_id)
{
  GPtrArray *checklist = sb_form_definition_get_checklist (definition);

  for (guint i = 0; i < checklist->len; i++)
    if (g_strcmp0 (((SbChecklistItem *) g_ptr_array_index (checklist, i))->id, item_id) == 0)
      return TRUE;
  return FALSE;
}

static SbDecision *
find_decision (SbFormDefinition *definition,
               const char       *decision)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (definition);

  for (guint i = 0; i < decisions->len; i++)
    if (g_strcmp0 (((SbDecision *) g_ptr_array_index (decisions, i))->id, decision) == 0)
      return g_ptr_array_index (decisions, i);
  return NULL;
}

static gboolean
is_material (SbFormDefinition *definition,
             const char       *material)
{
  GPtrArray *materials = sb_form_definition_get_materials (definition);

  for (guint i = 0; i < materials->len; i++)
    if (g_strcmp0 (((SbMaterial *) g_ptr_array_index (materials, i))->id, material) == 0)
      return TRUE;
  return FALSE;
}

static Check *
find_check (SbReview   *self,
            const char *item_id)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      Check *check = g_ptr_array_index (self->checks, i);

      if (g_str_equal (check->item_id, item_id))
        return check;
    }
  return NULL;
}

/* A note of a checklist item or of a field: one whole sentence for both,
 * as a translation cannot be assembled from English fragments. */
static gboolean
note_length_ok (const char  *text,
                GError     **error)
{
  if (text != NULL && g_utf8_strlen (text, -1) > MAX_TEXT_LENGTH)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID,
                   _("the note is longer than %d characters"), MAX_TEXT_LENGTH);
      return FALSE;
    }
  return TRUE;
}

/* Reading a review file */

/* The errors of a damaged or foreign review file: those of sb-json-reader.c
 * and the ones below. */
static const SbJsonErrorKind review_json = { sb_review_error_quark, SB_REVIEW_ERROR_INVALID };

static gboolean
member_date (JsonObject  *object,
             const char  *key,
             gboolean     required,
             const char  *path,
             gint32      *julian_day,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text = sb_json_get_string (&review_json, object, path, key,
                                        required ? SB_JSON_REQUIRED : SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);

  *julian_day = 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (text == NULL)
    return TRUE;
  if (!sb_date_parse (text, julian_day))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("%s.%s: “%s” is not a date"), path, key, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_review (SbReview    *self,
             JsonObject  *root,
             GError     **error)
{
  JsonObject *packet, *reviewer;
  JsonArray *checks, *notes;
  JsonNode *format;
  const char *kind, *form_id, *form_version, *text;

  format = json_object_get_member (root, "format");
  if (!sb_json_node_is_int (format))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("$.format is missing"));
      return FALSE;
    }
  if (json_node_get_int (format) != REVIEW_FORMAT)
    {
      /* The number as a string: a G_GINT64_FORMAT in a msgid differs between platforms. */
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (format));

      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_UNSUPPORTED,
                   _("review format %s is not supported (this version reads format %d)"), found, REVIEW_FORMAT);
      return FALSE;
    }

  kind = sb_json_get_string (&review_json, root, "$", "kind", SB_JSON_REQUIRED, G_MAXSIZE, error);
  if (kind == NULL)
    return FALSE;
  if (!g_str_equal (kind, "shenbao-review"))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("this is not a review file (kind “%s”)"), kind);
      return FALSE;
    }

  if ((packet = sb_json_get_object (&review_json, root, "$", "packet", SB_JSON_REQUIRED, error)) == NULL)
    return FALSE;
  if ((form_id = sb_json_get_string (&review_json, packet, "$.packet",
                                     "form_id", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL ||
      (form_version = sb_json_get_string (&review_json, packet, "$.packet",
                                          "form_version", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL)
    return FALSE;
  if (!g_str_equal (form_id, sb_form_definition_get_id (self->definition)) ||
      !g_str_equal (form_version, sb_form_definition_get_version (self->definition)))
    {
      /* Translators: a form and its version in the review file, then the
       * form and version of the packet it was opened with */
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_MISMATCH,
                   _("the review is of the form “%s” version %s, not of “%s” version %s"), form_id, form_version,
                   sb_form_definition_get_id (self->definition), sb_form_definition_get_version (self->definition));
      return FALSE;
    }

  if ((text = sb_json_get_string (&review_json, packet, "$.packet",
                                  "reference", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL)
    return FALSE;
  self->packet_reference = g_strdup (text);
  if ((text = sb_json_get_string (&review_json, packet, "$.packet",
                                  "integrity_hash", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL)
    return FALSE;
  if (strlen (text) != 64 || strspn (text, "0123456789abcdef") != 64)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("$.packet.integrity_hash is not a SHA-256 hash"));
      return FALSE;
    }
  self->packet_hash = g_strdup (text);

  if (!member_date (root, "received", TRUE, "$", &self->received, error) ||
      !member_date (root, "decided", FALSE, "$", &self->decided, error))
    return FALSE;

  if ((reviewer = sb_json_get_object (&review_json, root, "$", "reviewer", SB_JSON_REQUIRED, error)) == NULL)
    return FALSE;
  {
    g_autoptr(GError) local_error = NULL;
    const char *name = sb_json_get_string (&review_json, reviewer, "$.reviewer",
                                           "name", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);
    const char *office = local_error ? NULL : sb_json_get_string (&review_json, reviewer, "$.reviewer",
                                                                  "office", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    sb_review_set_reviewer (self, name, office);
  }

  {
    g_autoptr(GError) local_error = NULL;
    const char *decision = sb_json_get_string (&review_json, root, "$",
                                               "decision", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    if (decision != NULL && find_decision (self->definition, decision) == NULL)
      {
        g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID,
                     _("“%s” is not a decision this procedure allows"), decision);
        return FALSE;
      }
    /* As it was recorded: the safeguards held when it was chosen, and a
     * file written before they existed is read as it is. */
    self->decision = g_strdup (decision);
    if (decision == NULL)
      self->decided = 0;
  }

  /* Both optional: files written before reasons were recorded lack them. */
  {
    g_autoptr(GError) local_error = NULL;
    const char *reason = sb_json_get_string (&review_json, root, "$",
                                             "decision_reason", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);
    const char *clause = local_error ? NULL : sb_json_get_string (&review_json, root, "$",
                                                                  "decision_clause", SB_JSON_OPTIONAL, G_MAXSIZE,
                                                                  &local_error);

    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
    if (!sb_review_set_decision_reason (self, reason, clause, error))
      return FALSE;
  }

  if ((checks = sb_json_get_array (&review_json, root, "$", "checklist", SB_JSON_REQUIRED, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.checklist[%u]", i);
      JsonNode *node = json_array_get_element (checks, i);
      const char *id, *state_name, *note;
      g_autoptr(GError) local_error = NULL;
      JsonObject *check;
      int state = -1;

      if ((check = sb_json_node_get_object (&review_json, node, path, error)) == NULL)
        return FALSE;
      if ((id = sb_json_get_string (&review_json, check, path, "id", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL ||
          (state_name = sb_json_get_string (&review_json, check, path,
                                            "state", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL)
        return FALSE;
      note = sb_json_get_string (&review_json, check, path, "note", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      for (guint s = 0; s < G_N_ELEMENTS (check_state_names); s++)
        if (g_str_equal (check_state_names[s], state_name))
          state = s;
      if (state < 0)
        {
          g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("%s.state: unknown state “%s”"), path, state_name);
          return FALSE;
        }
      if (!sb_review_set_check (self, id, state, note, error))
        return FALSE;
    }

  if ((notes = sb_json_get_array (&review_json, root, "$", "notes", SB_JSON_REQUIRED, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.notes[%u]", i);
      JsonNode *node = json_array_get_element (notes, i);
      g_autoptr(GError) local_error = NULL;
      JsonObject *object;
      JsonNode *row;
      const char *field, *material, *note_text;
      gint64 row_index = -1;

      if ((object = sb_json_node_get_object (&review_json, node, path, error)) == NULL)
        return FALSE;
      field = sb_json_get_string (&review_json, object, path, "field", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);
      material = local_error ? NULL : sb_json_get_string (&review_json, object, path,
                                                          "material", SB_JSON_OPTIONAL, G_MAXSIZE, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if ((note_text = sb_json_get_string (&review_json, object, path,
                                           "text", SB_JSON_REQUIRED, G_MAXSIZE, error)) == NULL)
        return FALSE;

      row = json_object_get_member (object, "row");
      if (row != NULL && !JSON_NODE_HOLDS_NULL (row))
        {
          if (!sb_json_node_is_int_in (row, 0, G_MAXINT))
            {
              g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("%s.row: expected a row number"), path);
              return FALSE;
            }
          row_index = json_node_get_int (row);
        }

      if (!sb_review_add_note (self, field, (int) row_index, material, note_text, &local_error))
        {
          /* Translators: a JSON path or a file, then what is wrong there */
          g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("%s: %s"), path, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* GObject overrides */

static void
sb_review_finalize (GObject *object)
{
  SbReview *self = (SbReview *) object;

  g_clear_object (&self->definition);
  g_free (self->packet_reference);
  g_free (self->packet_hash);
  g_free (self->reviewer_name);
  g_free (self->reviewer_office);
  g_free (self->decision);
  g_free (self->decision_reason);
  g_free (self->decision_clause);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->file_root, json_node_unref);
  g_clear_pointer (&self->signatures, g_ptr_array_unref);
  g_clear_pointer (&self->signed_content, g_bytes_unref);

  G_OBJECT_CLASS (sb_review_parent_class)->finalize (object);
}

static void
sb_review_class_init (SbReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_review_finalize;

  signals[CHANGED] = g_signal_new_class_handler ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                                                 G_CALLBACK (forget_file), NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sb_review_init (SbReview *self)
{
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  self->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

/* Public API */

SbReview *
sb_review_new (SbFormDefinition *definition,
               const char       *packet_reference,
               const char       *packet_hash,
               gint32            received)
{
  SbReview *self;

  g_return_val_if_fail (SB_IS_FORM_DEFINITION (definition), NULL);
  g_return_val_if_fail (packet_reference != NULL, NULL);
  g_return_val_if_fail (packet_hash != NULL, NULL);
  g_return_val_if_fail (received > 0, NULL);

  self = g_object_new (SB_TYPE_REVIEW, NULL);
  self->definition = g_object_ref (definition);
  self->packet_reference = g_strdup (packet_reference);
  self->packet_hash = g_strdup (packet_hash);
  self->received = received;
  return self;
}

SbReview *
sb_review_new_from_bytes (SbFormDefinition  *definition,
                          GBytes            *bytes,
                          GError           **error)
{
  g_autoptr(SbReview) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (SB_IS_FORM_DEFINITION (definition), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  root = sb_json_parse_untrusted (data, length, MAX_REVIEW_SIZE, MAX_REVIEW_DEPTH, &local_error);
  if (root == NULL)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("not a readable review file: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("this is not a review file"));
      return NULL;
    }

  self = g_object_new (SB_TYPE_REVIEW, NULL);
  self->definition = g_object_ref (definition);

  if (!read_review (self, json_node_get_object (root), error))
    return NULL;

  /* Read as strictly as a packet's: a malformed block is refused, not
   * taken for an unsigned review. */
  signatures = sb_signature_block_read (&review_json, SB_REVIEW_ERROR_UNSUPPORTED, json_node_get_object (root), error);
  if (signatures == NULL)
    return NULL;
  if (signatures->len > 0)
    {
      self->signed_content = sb_signature_block_signed_content (root, &local_error);
      if (self->signed_content == NULL)
        {
          g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("not a readable review file: %s"),
                       local_error->message);
          return NULL;
        }
    }
  g_ptr_array_extend_and_steal (self->signatures, g_steal_pointer (&signatures));
  self->file_root = g_steal_pointer (&root);

  return g_steal_pointer (&self);
}

/* The review as its file writes it, signatures left out. */
static JsonNode *
build_tree (SbReview *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *received = NULL;

  received = sb_date_to_string (self->received);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, REVIEW_FORMAT);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "shenbao-review");

  json_builder_set_member_name (builder, "packet");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "form_id");
  json_builder_add_string_value (builder, sb_form_definition_get_id (self->definition));
  json_builder_set_member_name (builder, "form_version");
  json_builder_add_string_value (builder, sb_form_definition_get_version (self->definition));
  json_builder_set_member_name (builder, "reference");
  json_builder_add_string_value (builder, self->packet_reference);
  json_builder_set_member_name (builder, "integrity_hash");
  json_builder_add_string_value (builder, self->packet_hash);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "reviewer");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->reviewer_name);
  json_builder_set_member_name (builder, "office");
  json_builder_add_string_value (builder, self->reviewer_office);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "received");
  json_builder_add_string_value (builder, received);
  json_builder_set_member_name (builder, "decision");
  json_builder_add_string_value (builder, self->decision);
  json_builder_set_member_name (builder, "decided");
  if (self->decided > 0)
    {
      g_autofree char *decided = sb_date_to_string (self->decided);
      json_builder_add_string_value (builder, decided);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "decision_reason");
  json_builder_add_string_value (builder, self->decision_reason);
  json_builder_set_member_name (builder, "decision_clause");
  json_builder_add_string_value (builder, self->decision_clause);

  json_builder_set_member_name (builder, "checklist");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->checks->len; i++)
    {
      Check *check = g_ptr_array_index (self->checks, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, check->item_id);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, check_state_names[check->state]);
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, check->note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->notes->len; i++)
    {
      SbReviewNote *note = g_ptr_array_index (self->notes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, note->field);
      json_builder_set_member_name (builder, "row");
      if (note->row >= 0)
        json_builder_add_int_value (builder, note->row);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "material");
      json_builder_add_string_value (builder, note->material);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, note->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Pretty JSON ending in a newline, as review files are written. */
static GBytes *
tree_to_bytes (JsonNode *root)
{
  gsize length;
  char *text = sb_json_to_data (root, TRUE, &length);

  text = g_realloc (text, length + 2);
  text[length] = '\n';
  text[length + 1] = '\0';
  return g_bytes_new_take (text, length + 1);
}

GBytes *
sb_review_to_bytes (SbReview *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);

  root = build_tree (self);
  return tree_to_bytes (root);
}

guint
sb_review_get_n_signatures (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), 0);

  return self->signatures->len;
}

GPtrArray *
sb_review_verify_signatures (SbReview    *self,
                             const char  *trust_dir,
                             GError     **error)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);

  return sb_signature_block_verify (self->signatures, self->signed_content, trust_dir, error);
}

GBytes *
sb_review_sign (SbReview  *self,
                SbSigner  *signer,
                GError   **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) signed_root = NULL;

  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  g_return_val_if_fail (SB_IS_SIGNER (signer), NULL);

  /* The file as it was read, its members and signatures kept; a review
   * made or changed here, as sb_review_to_bytes() writes it. */
  root = self->file_root != NULL ? json_node_ref (self->file_root) : build_tree (self);
  if ((signed_root = sb_signature_block_add (&review_json, root, signer, error)) == NULL)
    return NULL;
  return tree_to_bytes (signed_root);
}

SbFormDefinition *
sb_review_get_definition (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->definition;
}

const char *
sb_review_get_packet_reference (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->packet_reference;
}

const char *
sb_review_get_packet_hash (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->packet_hash;
}

void
sb_review_set_received (SbReview *self,
                        gint32    received)
{
  g_return_if_fail (SB_IS_REVIEW (self));
  g_return_if_fail (received > 0);

  self->received = received;
  g_signal_emit (self, signals[CHANGED], 0);
}

gint32
sb_review_get_received (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), 0);
  return self->received;
}

void
sb_review_set_reviewer (SbReview   *self,
                        const char *name,
                        const char *office)
{
  g_return_if_fail (SB_IS_REVIEW (self));

  g_free (self->reviewer_name);
  g_free (self->reviewer_office);
  self->reviewer_name = g_strdup (name);
  self->reviewer_office = g_strdup (office);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
sb_review_get_reviewer_name (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->reviewer_name;
}

const char *
sb_review_get_reviewer_office (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->reviewer_office;
}

char *
sb_review_dup_decision_problem (SbReview   *self,
                                const char *decision)
{
  SbDecision *found;

  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);

  if (decision == NULL)
    return NULL;
  found = find_decision (self->definition, decision);
  if (found == NULL)
    return g_strdup_printf (_("“%s” is not a decision this procedure allows"), decision);

  if (found->kind == SB_DECISION_APPROVAL)
    {
      GPtrArray *checklist = sb_form_definition_get_checklist (self->definition);
      g_autoptr(GString) open = g_string_new (NULL);
      guint n_open = 0;

      /* 符合, or a note saying why an item does not stand in the way. */
      for (guint i = 0; i < checklist->len; i++)
        {
          SbChecklistItem *item = g_ptr_array_index (checklist, i);
          Check *check = find_check (self, item->id);

          if (check != NULL && (check->state == SB_CHECK_OK || check->note != NULL))
            continue;
          if (n_open++ > 0)
            g_string_append (open, _(", "));
          g_string_append (open, item->id);
        }
      if (n_open > 0)
        /* Translators: %s lists checklist item ids such as C-R1, C-R7 */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Approval needs every checklist item to meet the rule or to be explained in "
                                             "a note; %s is neither.",
                                             "Approval needs every checklist item to meet the rule or to be explained in "
                                             "a note; %s are neither.", n_open), open->str);
    }

  if (found->kind == SB_DECISION_REFUSAL)
    {
      if (self->decision_reason == NULL && self->decision_clause == NULL)
        return g_strdup (_("This decision needs its reason and the clause it rests on."));
      if (self->decision_reason == NULL)
        return g_strdup (_("This decision needs its reason."));
      if (self->decision_clause == NULL)
        return g_strdup (_("This decision needs the clause it rests on."));
    }

  return NULL;
}

gboolean
sb_review_set_decision (SbReview    *self,
                        const char  *decision,
                        gint32       decided,
                        GError     **error)
{
  g_autofree char *problem = NULL;

  g_return_val_if_fail (SB_IS_REVIEW (self), FALSE);

  problem = sb_review_dup_decision_problem (self, decision);
  if (problem != NULL)
    {
      g_set_error_literal (error, SB_REVIEW_ERROR,
                           find_decision (self->definition, decision) ? SB_REVIEW_ERROR_INCOMPLETE : SB_REVIEW_ERROR_INVALID,
                           problem);
      return FALSE;
    }

  g_free (self->decision);
  self->decision = g_strdup (decision);
  self->decided = decision != NULL ? decided : 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
sb_review_set_decision_reason (SbReview    *self,
                               const char  *reason,
                               const char  *clause,
                               GError     **error)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), FALSE);

  if (!note_length_ok (reason, error))
    return FALSE;
  if (clause != NULL && *clause != '\0' && !is_checklist_item (self->definition, clause))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID,
                   _("“%s” is not an item of this procedure’s checklist"), clause);
      return FALSE;
    }

  g_free (self->decision_reason);
  g_free (self->decision_clause);
  self->decision_reason = reason && *reason ? g_strdup (reason) : NULL;
  self->decision_clause = clause && *clause ? g_strdup (clause) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

const char *
sb_review_get_decision_reason (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->decision_reason;
}

const char *
sb_review_get_decision_clause (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->decision_clause;
}

const char *
sb_review_get_decision (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->decision;
}

gint32
sb_review_get_decided (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), 0);
  return self->decided;
}

gboolean
sb_review_set_check (SbReview     *self,
                     const char   *item_id,
                     SbCheckState  state,
                     const char   *note,
                     GError      **error)
{
  Check *check;

  g_return_val_if_fail (SB_IS_REVIEW (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (state <= SB_CHECK_PROBLEM, FALSE);

  if (!is_checklist_item (self->definition, item_id))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID,
                   _("“%s” is not an item of this procedure’s checklist"), item_id);
      return FALSE;
    }
  if (!note_length_ok (note, error))
    return FALSE;

  check = find_check (self, item_id);
  if (check == NULL)
    {
      check = g_new0 (Check, 1);
      check->item_id = g_strdup (item_id);
      g_ptr_array_add (self->checks, check);
    }

  check->state = state;
  g_free (check->note);
  check->note = note && *note ? g_strdup (note) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

SbCheckState
sb_review_get_check (SbReview    *self,
                     const char  *item_id,
                     const char **note)
{
  Check *check;

  g_return_val_if_fail (SB_IS_REVIEW (self), SB_CHECK_UNCHECKED);

  check = find_check (self, item_id);
  if (note != NULL)
    *note = check ? check->note : NULL;
  return check ? check->state : SB_CHECK_UNCHECKED;
}

gboolean
sb_review_add_note (SbReview    *self,
                    const char  *field,
                    int          row,
                    const char  *material,
                    const char  *text,
                    GError     **error)
{
  SbReviewNote *note;
  SbField *target = NULL;

  g_return_val_if_fail (SB_IS_REVIEW (self), FALSE);

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("a note needs a text"));
      return FALSE;
    }
  if (!note_length_ok (text, error))
    return FALSE;

  if (field != NULL)
    {
      target = sb_form_definition_lookup_path (self->definition, field);
      if (target == NULL)
        {
          g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("“%s” is not a field of this form"), field);
          return FALSE;
        }
    }
  if (row >= 0 && (target == NULL || (target->table == NULL && target->type != SB_FIELD_TABLE)))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("a row number needs a table field"));
      return FALSE;
    }
  if (material != NULL && !is_material (self->definition, material))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("“%s” is not a material of this procedure"), material);
      return FALSE;
    }

  note = g_new0 (SbReviewNote, 1);
  note->field = g_strdup (field);
  note->row = row < 0 ? -1 : row;
  note->material = g_strdup (material);
  note->text = g_strdup (text);
  g_ptr_array_add (self->notes, note);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
sb_review_remove_note (SbReview *self,
                       guint     index)
{
  g_return_if_fail (SB_IS_REVIEW (self));
  g_return_if_fail (index < self->notes->len);

  g_ptr_array_remove_index (self->notes, index);
  g_signal_emit (self, signals[CHANGED], 0);
}

GPtrArray *
sb_review_get_notes (SbReview *self)
{
  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);
  return self->notes;
}

GPtrArray *
sb_review_compute_deadlines (SbReview   *self,
                             gint32      submission_date,
                             gint32      today,
                             SbCalendar *calendar)
{
  GPtrArray *deadlines;
  GPtrArray *result;

  g_return_val_if_fail (SB_IS_REVIEW (self), NULL);

  deadlines = sb_form_definition_get_review_deadlines (self->definition);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) deadline_status_free);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbReviewDeadline *deadline = g_ptr_array_index (deadlines, i);
      SbDeadlineStatus *status = g_new0 (SbDeadlineStatus, 1);
      g_autoptr(GError) error = NULL;

      status->id = deadline->id;
      status->label = deadline->label.zh_CN;
      status->working_days = deadline->working_days;
      status->from = g_str_equal (deadline->from, "submission") ? submission_date : self->received;
      g_ptr_array_add (result, status);

      if (status->from <= 0)
        {
          status->problem = g_strdup (_("the packet has no submission date"));
          continue;
        }
      if (calendar == NULL)
        {
          status->problem = g_strdup (_("no working-day calendar is installed"));
          continue;
        }
      if (!sb_calendar_add_working_days (calendar, status->from, deadline->working_days, &status->due, &error))
        {
          status->due = 0;
          status->problem = g_strdup (error->message);
          continue;
        }

      if (today <= status->due)
        {
          if (!sb_calendar_working_days_between (calendar, today, status->due, &status->remaining, &error))
            status->problem = g_strdup (error->message);
        }
      else
        {
          int overdue = 0;

          if (!sb_calendar_working_days_between (calendar, status->due, today, &overdue, &error))
            status->problem = g_strdup (error->message);
          status->remaining = -overdue;
        }
    }

  return result;
}

SbReview *
sb_review_load (SbFormRegistry  *registry,
                GBytes          *bytes,
                GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object, *packet;
  const char *form_id, *form_version;
  SbFormDefinition *definition;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (SB_IS_FORM_REGISTRY (registry), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  root = sb_json_parse_untrusted (data, length, MAX_REVIEW_SIZE, MAX_REVIEW_DEPTH, &local_error);
  if (root == NULL)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("not a readable review file: %s"), local_error->message);
      return NULL;
    }
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  packet = object && json_object_has_member (object, "packet")
           && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "packet"))
    ? json_object_get_object_member (object, "packet") : NULL;
  form_id = packet ? json_object_get_string_member_with_default (packet, "form_id", NULL) : NULL;
  form_version = packet ? json_object_get_string_member_with_default (packet, "form_version", NULL) : NULL;
  if (form_id == NULL || form_version == NULL)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("not a review file: $.packet.form_id or $.packet.form_version is missing"));
      return NULL;
    }

  definition = sb_form_registry_lookup_version (registry, form_id, form_version);
  if (definition == NULL)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_MISMATCH,
                   _("the review is of the form “%s” version %s, which is not installed"), form_id, form_version);
      return NULL;
    }

  return sb_review_new_from_bytes (definition, bytes, error);
}
