/* sb-form-definition-private.h — what the engine shares inside app/core
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-form-definition.h"

G_BEGIN_DECLS

/* Symbol ids of column expressions (required_when, visible_when, computed
 * on a column) that name a cell of the same row carry this flag; the
 * evaluation scope answers them from its current row. */
#define SB_ROW_CONTEXT_FLAG 0x40000000u

/* A message template piece: literal text or a placeholder. */
typedef struct {
  char         *text;        /* NULL for a placeholder */
  SbExpression *expression;  /* NULL for text */
} SbMessagePart;

void      sb_message_part_free                (SbMessagePart    *part);

/* Top-level fields by SbField.index (load order). */
guint     sb_form_definition_get_n_field_slots (SbFormDefinition *self);
SbField  *sb_form_definition_get_field_by_index (SbFormDefinition *self,
                                                 guint             index);

G_END_DECLS
