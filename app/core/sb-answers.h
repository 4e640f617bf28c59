/* sb-answers.h — the answers to one form, typed for evaluation
 *
 * Answers are kept as the JSON the packet stores (data/forms/README.md,
 * "Answers in packets"), together with a typed SbValue for every field and
 * cell, so that revalidation on every keystroke only reads arrays.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-form-definition.h"

G_BEGIN_DECLS

/* Why an answer could not be read as its type. */
typedef struct {
  char *field_id;    /* top-level field */
  int   row;         /* -1 unless a table cell */
  char *column_id;   /* NULL unless a table cell */
  SbText reason;     /* short reason, in Chinese and English */
} SbAnswerProblem;

#define SB_TYPE_ANSWERS (sb_answers_get_type ())
G_DECLARE_FINAL_TYPE (SbAnswers, sb_answers, SB, ANSWERS, GObject)

SbAnswers        *sb_answers_new              (SbFormDefinition *definition);
SbFormDefinition *sb_answers_get_definition   (SbAnswers        *self);

/* Replaces all answers with @object (a JSON object keyed by field id).
 * Never fails on content: wrong types become invalid answers, unknown keys
 * are kept aside and listed by sb_answers_get_unknown_keys(). */
void              sb_answers_set_json         (SbAnswers        *self,
                                               JsonObject       *object);
/* The same without the copy: takes the caller's reference to @object,
 * which must be mutable (as sb_json_parse_untrusted() makes it), and which
 * the answers change in place from then on (sb_answers_set_field()); for a
 * tree just read that the caller will not change. */
void              sb_answers_take_json        (SbAnswers        *self,
                                               JsonObject       *object);
/* A new JSON object with the answers in definition order (unknown keys
 * dropped).  Hidden fields are left out when @only_visible. */
JsonObject       *sb_answers_to_json          (SbAnswers        *self,
                                               gboolean          only_visible);

/* Called for each attachment descriptor (the JSON object of one file):
 * @field is the attachment field's path ("photo", or "staff[].photo" for
 * a table column), @row the table row or -1. */
typedef void (*SbAttachmentFunc) (const char *field,
                                  int         row,
                                  JsonObject *descriptor,
                                  gpointer    user_data);
/* Walks the attachment descriptors of the visible answers in definition
 * order (fields, then rows, then columns); what is not an array of
 * objects where one is expected is passed over. */
void              sb_answers_foreach_attachment (SbAnswers        *self,
                                                 SbAttachmentFunc  func,
                                                 gpointer          user_data);
/* The same over @answers, a JSON object of answers to @definition as in
 * a packet (nothing in it is trusted). */
void              sb_answers_json_foreach_attachment (SbFormDefinition *definition,
                                                      JsonObject       *answers,
                                                      SbAttachmentFunc  func,
                                                      gpointer          user_data);

/* Set or clear (NULL @value) one answer; @value is copied. */
void              sb_answers_set_field        (SbAnswers        *self,
                                               const char       *field_id,
                                               JsonNode         *value);
JsonNode         *sb_answers_get_field_json   (SbAnswers        *self,
                                               const char       *field_id); /* borrowed or NULL */
guint             sb_answers_get_row_count    (SbAnswers        *self,
                                               const char       *table_id);
void              sb_answers_set_cell         (SbAnswers        *self,
                                               const char       *table_id,
                                               guint             row,
                                               const char       *column_id,
                                               JsonNode         *value);
void              sb_answers_insert_row       (SbAnswers        *self,
                                               const char       *table_id,
                                               guint             position,
                                               JsonObject       *row);  /* NULL: empty row */
void              sb_answers_remove_row       (SbAnswers        *self,
                                               const char       *table_id,
                                               guint             position);

/* The typed value (borrowed; NULL when blank or invalid). */
SbValue          *sb_answers_get_value        (SbAnswers        *self,
                                               const SbField    *field);
SbValue          *sb_answers_get_cell_value   (SbAnswers        *self,
                                               const SbField    *column,
                                               guint             row);
/* SbAnswerProblem* of every present-but-unreadable answer. */
GPtrArray        *sb_answers_get_problems     (SbAnswers        *self);
const char * const *sb_answers_get_unknown_keys (SbAnswers      *self);

/* What names the application: the answers to the definition's summary
 * fields (applicant, project) joined with " · "; "" when they are empty. */
char             *sb_answers_dup_summary      (SbAnswers        *self);

/* Visibility of a field (and its step) under the current answers. */
gboolean          sb_answers_is_visible       (SbAnswers        *self,
                                               const SbField    *field);

/* Whether a column's cell in @row is asked for: its table is visible and
 * the column's visible_when holds in that row. */
gboolean          sb_answers_is_cell_visible  (SbAnswers        *self,
                                               const SbField    *column,
                                               guint             row);

/* The scope expressions evaluate in; valid while @self is unchanged. */
void              sb_answers_init_scope       (SbAnswers        *self,
                                               SbEvalScope      *scope,
                                               SbCalendar       *calendar);

G_END_DECLS
