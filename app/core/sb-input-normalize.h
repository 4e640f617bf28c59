/* sb-input-normalize.h — what people type, read as they meant it
 *
 * The one place where typed text (an entry, a pasted or imported
 * spreadsheet cell) becomes the value of a field.  Whatever is
 * unambiguous is normalised: full-width digits and punctuation, the
 * field's own unit typed after the number, thousands separators, dates
 * such as 2025年4月1日 or 2025/4/1, times such as 20：30 or 8点半.
 * Anything else is kept exactly as typed, with a message that says what
 * to type, with an example.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-form-definition.h"
#include "sb-text.h"

G_BEGIN_DECLS

/* @text with the full-width forms of ASCII (０-９, Ａ-Ｚ, ．，－：／ …) as
 * ASCII and the ideographic space as a space; everything else as it is.
 * Text that is not valid UTF-8 comes back valid (U+FFFD for each bad
 * sequence). */
char     *sb_input_fold_width   (const char     *text);

/**
 * sb_field_parse_input:
 * @field: the field (or table column) the text is typed into
 * @text: what was typed or pasted, in any encoding state (invalid UTF-8 is
 *   repaired, never passed on)
 * @value: (out) (transfer full) (nullable): the answer to store
 * @message: (out caller-allocates) (nullable): why the text cannot be read
 *
 * Reads @text as the answer to @field.  Returns TRUE when it is blank
 * (@value is set to NULL) or was read (@value holds the canonical JSON
 * value: an integer, a decimal as text with the field's scale, a 万元
 * amount in 元, a date as 2025-04-01, a time as 20:30, an ID number in
 * capitals, a phone number as 13912345678 or 0353-1234567).  Returns FALSE
 * when it cannot be read: @value then holds the text as typed (trimmed,
 * and valid UTF-8),
 * so that nothing typed is lost, and @message (when not NULL; it must be
 * empty) says, in Chinese and English, what to type, with an example
 * ("请填写数字，如：3.20").  Texts, choices and other fields that take any
 * text always give TRUE.
 */
gboolean  sb_field_parse_input  (const SbField  *field,
                                 const char     *text,
                                 JsonNode      **value,
                                 SbText         *message);

/* Whether @text is a date as sb_field_parse_input() reads it for a date
 * field (2025-04-01, 2025年4月1日, 2025/4/1 …); @day gets its Julian day
 * and @message (may be NULL; it must be empty) what to type instead.  For
 * dates typed outside a form, such as the reviewer's day of receipt. */
gboolean  sb_date_parse_typed   (const char     *text,
                                 gint32         *day,
                                 SbText         *message);

/* Whether @text is a telephone number as sb_field_parse_input() accepts it
 * for a phone field; @canonical (may be NULL) gets its canonical form and
 * @message (may be NULL) what is wrong. */
gboolean  sb_phone_number_parse (const char     *text,
                                 char          **canonical,
                                 SbText         *message);

G_END_DECLS
