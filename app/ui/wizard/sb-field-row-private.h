/* sb-field-row-private.h — between sb-field-row.c and sb-field-row-attach.c
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-field-row.h"

G_BEGIN_DECLS

SbFileStore *sb_field_row_get_file_store (SbFieldRow *self);

/* Attachments: asks for files with a file chooser, then stores them. */
void         sb_field_row_choose_files   (SbFieldRow *self);
/* Attachments: copies @files (GFile*) into the file store, in worker
 * threads, and adds each to the list as it is stored. */
void         sb_field_row_store_files    (SbFieldRow *self,
                                          GPtrArray  *files);

G_END_DECLS
