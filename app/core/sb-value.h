/* sb-value.h — immutable, reference-counted values of the expression language
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gmp.h>

G_BEGIN_DECLS

/* The kinds a value can have at run time.  NULL is "unknown / not answered":
 * comparisons and arithmetic involving it give NULL again, and a rule whose
 * condition is NULL does not fire (three-valued logic, see expressions.md). */
typedef enum {
  SB_VALUE_NULL,
  SB_VALUE_BOOL,
  SB_VALUE_NUMBER,   /* exact rational (GMP mpq_t) */
  SB_VALUE_TEXT,
  SB_VALUE_DATE,     /* GDate Julian day: 1 == 0001-01-01 */
  SB_VALUE_TIME,     /* minutes since 00:00, 0..1439 */
  SB_VALUE_LIST,     /* of values; multiple choice answers, table columns */
  SB_VALUE_FILES,    /* attachment descriptors; only their count matters to rules */
} SbValueKind;

typedef struct _SbValue SbValue;

SbValue     *sb_value_ref              (SbValue       *value);
void         sb_value_unref            (SbValue       *value);

SbValue     *sb_value_new_null         (void);
/* A null that stands for an answer that was given but cannot be read
 * (约3亩 in a number field): unknown, not blank, so that is_blank() and
 * the rules built on it do not take it for "not answered". */
SbValue     *sb_value_new_unreadable   (void);
SbValue     *sb_value_new_bool         (gboolean       b);
SbValue     *sb_value_new_int          (gint64         i);
SbValue     *sb_value_new_number       (const mpq_t    q);
SbValue     *sb_value_new_text         (const char    *text);
SbValue     *sb_value_new_date         (gint32         julian_day);
SbValue     *sb_value_new_time         (int            minutes);
/* Takes ownership of @items (a GPtrArray of SbValue*, free func set or not). */
SbValue     *sb_value_new_list         (GPtrArray     *items);
/* @names: the file names of the attached files, copied. */
SbValue     *sb_value_new_files        (const char * const *names,
                                        guint          n_names);

SbValueKind  sb_value_get_kind         (const SbValue *value);
gboolean     sb_value_is_null          (const SbValue *value);   /* TRUE for unreadable too */
gboolean     sb_value_is_unreadable    (const SbValue *value);
gboolean     sb_value_get_bool         (const SbValue *value);
/* Borrowed; valid while @value lives. */
const __mpq_struct *sb_value_get_number (const SbValue *value);
const char  *sb_value_get_text         (const SbValue *value);
gint32       sb_value_get_date         (const SbValue *value);
int          sb_value_get_time         (const SbValue *value);
guint        sb_value_get_length       (const SbValue *value);   /* LIST items, FILES count */
SbValue     *sb_value_get_item         (const SbValue *value,
                                        guint          index);   /* borrowed */

/* Structural equality of two non-NULL values of the same kind. */
gboolean     sb_value_equal            (const SbValue *a,
                                        const SbValue *b);

/* A human-readable form for messages: numbers as decimals rounded half-up to
 * at most @max_scale fraction digits without trailing zeros beyond
 * @min_scale, dates as YYYY-MM-DD, times as HH:MM, lists joined with "、". */
char        *sb_value_to_display       (const SbValue *value,
                                        int            min_scale,
                                        int            max_scale);

/* Decimal text <-> exact rational.  Accepts an optional sign, digits, and an
 * optional '.' with digits ("12", "-0.50", "1234567.10"); no exponent, no
 * separators, no spaces.  At most 64 digits in all. */
gboolean     sb_decimal_parse          (const char    *text,
                                        mpq_t          out);
/* The canonical text of @q when it is a terminating decimal (no trailing
 * zeros after @min_scale fraction digits); NULL when it does not terminate. */
char        *sb_decimal_to_string      (const mpq_t    q,
                                        int            min_scale);
/* Round half away from zero to @scale fraction digits, always printed. */
char        *sb_decimal_to_string_rounded (const mpq_t q,
                                           int         scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbValue, sb_value_unref)

G_END_DECLS
