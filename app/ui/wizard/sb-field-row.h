/* sb-field-row.h — one question of a form, generated from its field
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-file-store.h"
#include "sb-form-definition.h"
#include "sb-validator.h"

G_BEGIN_DECLS

#define SB_TYPE_FIELD_ROW (sb_field_row_get_type ())
G_DECLARE_FINAL_TYPE (SbFieldRow, sb_field_row, SB, FIELD_ROW, GtkListBoxRow)

/* A row with the label, help text and input for @field (any type but a
 * table), and room for its problems underneath.  Signals:
 *   changed (JsonNode *value)  the answer as edited; NULL when cleared
 *   left ()                    the person left the field (or chose an option):
 *                              the moment to check it
 * An attachment question picks (or takes dropped) files and copies them
 * into its file store itself; problems go to the wizard.toast action. */
SbFieldRow    *sb_field_row_new          (const SbField *field);
const SbField *sb_field_row_get_field    (SbFieldRow    *self);

/* Shows @value (may be NULL) without emitting "changed". */
void           sb_field_row_set_value    (SbFieldRow    *self,
                                          JsonNode      *value);
/* The findings about this field (SbFinding*, borrowed for the call); an
 * empty array clears them. */
void           sb_field_row_set_findings (SbFieldRow    *self,
                                          GPtrArray     *findings);
/* The messages shown under the field, one a line, as screen readers get
 * them: the accessible description of the input(s); NULL when there are
 * none.  (GTK 4.8 has no public way to read an accessible property back.) */
const char    *sb_field_row_get_accessible_description (SbFieldRow *self);
/* The widget that takes the focus: the entry, text view, drop-down, first
 * option, or the attachment's add button. */
GtkWidget     *sb_field_row_get_input    (SbFieldRow    *self);
/* Moves the keyboard focus to the input. */
void           sb_field_row_focus_input  (SbFieldRow    *self);

/* Attachments: shows that files are being read (hashing), or not. */
void           sb_field_row_set_busy     (SbFieldRow    *self,
                                          gboolean       busy);

/* Attachments: the store that holds the files' copies.  With it each file
 * gets a thumbnail (images, PDFs) and an Open button; without it, only its
 * name and size. */
void           sb_field_row_set_file_store (SbFieldRow  *self,
                                            SbFileStore *store);

/* Attachments: adds a file (as the file store describes it) to the list,
 * or replaces the file of a single-file field, and emits "changed". */
void           sb_field_row_add_file     (SbFieldRow    *self,
                                          JsonObject    *file);

/* The text of a citation as shown by the "依据" buttons. */
char          *sb_field_row_citation_text (const SbRule *rule);
/* Where @rule comes from, as an applicant reads it: the clause, or for a
 * check of the answers' consistency (a technical rule, "技术校验" in the
 * definition) words that say so. */
char          *sb_field_row_citation_source (const SbRule *rule);

G_END_DECLS
