/* sb-field-row-private.h — between sb-field-row.c and sb-field-row-attach.c
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-field-row.h"

G_BEGIN_DECLS

struct _SbFieldRow
{
  GtkListBoxRow  parent_instance;

  const SbField *field;
  GtkWidget     *title_label;
  GtkWidget     *input;          /* what gets the focus */
  GtkWidget     *named;          /* what the question names, when not the input (a group of options) */
  GtkWidget     *findings_box;
  GtkWidget     *files_box;      /* attachments */
  GtkWidget     *spinner;        /* attachments */
  GtkTextBuffer *buffer;         /* multiline */
  GtkWidget     *dropdown;       /* choice with many options */
  GPtrArray     *buttons;        /* radio or check buttons, one per option */
  JsonNode      *files;          /* attachments: the current list */
  SbFileStore   *file_store;     /* attachments: where the copies are, to preview and open them */
  char          *shown_findings; /* what the findings box shows, to skip rebuilding it */
  char          *description;    /* the shown messages, as the inputs' accessible description */
  gboolean       updating;       /* set while showing a value: no "changed" */
};

/* sb-field-row.c */
void         sb_field_row_emit_changed   (SbFieldRow *self,
                                          JsonNode   *value);
void         sb_field_row_emit_left      (SbFieldRow *self);
SbFileStore *sb_field_row_get_file_store (SbFieldRow *self);

/* sb-field-row-attach.c */
GtkWidget   *sb_field_row_build_attachment (SbFieldRow *self);
/* Shows the files of the current answer. */
void         sb_field_row_show_files     (SbFieldRow *self);
void         sb_field_row_remove_file_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter);

/* Attachments: asks for files with a file chooser, then stores them. */
void         sb_field_row_choose_files   (SbFieldRow *self);
/* Attachments: copies @files (GFile*) into the file store, in worker
 * threads, and adds each to the list as it is stored. */
void         sb_field_row_store_files    (SbFieldRow *self,
                                          GPtrArray  *files);

G_END_DECLS
