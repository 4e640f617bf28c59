/* sb-value.c — immutable, reference-counted values of the expression language
 *
 * Numbers are GMP rationals: decimal answers and every division stay exact,
 * so a rule at its boundary (66.67 against 100 * 2 / 3) is decided the way
 * the regulation means it, not the way binary floating point rounds it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-value"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-value.h"

/* Decimal text longer than this is not an answer anybody typed. */
#define MAX_DECIMAL_DIGITS 64

struct _SbValue
{
  int          ref_count;   /* -1 for the shared constants */
  SbValueKind  kind;
  union {
    gboolean   b;
    mpq_t      q;
    char      *text;
    gint32     date;
    int        time;
    struct {
      SbValue **items;
      guint     n_items;
    } list;
    struct {
      char    **names;
      guint     n_names;
    } files;
  };
};

static SbValue null_value = { -1, SB_VALUE_NULL, { .b = FALSE } };
static SbValue unreadable_value = { -1, SB_VALUE_NULL, { .b = FALSE } };
static SbValue true_value = { -1, SB_VALUE_BOOL, { .b = TRUE } };
static SbValue false_value = { -1, SB_VALUE_BOOL, { .b = FALSE } };

/* Auxiliary functions */

static SbValue *
value_new (SbValueKind kind)
{
  SbValue *value = g_new0 (SbValue, 1);

  value->ref_count = 1;
  value->kind = kind;
  return value;
}

/* The exponents of 2 and 5 in @denominator, if it has no other factor. */
static gboolean
terminating_scale (const mpz_t  denominator,
                   int         *scale)
{
  mpz_t rest;
  int twos = 0, fives = 0;
  gboolean terminates;

  mpz_init_set (rest, denominator);
  while (mpz_divisible_ui_p (rest, 2))
    {
      mpz_divexact_ui (rest, rest, 2);
      twos++;
    }
  while (mpz_divisible_ui_p (rest, 5))
    {
      mpz_divexact_ui (rest, rest, 5);
      fives++;
    }
  terminates = mpz_cmp_ui (rest, 1) == 0;
  mpz_clear (rest);

  *scale = MAX (twos, fives);
  return terminates;
}

/* @integer / 10^@scale as text, with at least @min_scale fraction digits
 * and no trailing zeros beyond them. */
static char *
format_scaled (const mpz_t integer,
               int         scale,
               int         min_scale)
{
  g_autofree char *digits = NULL;
  GString *text;
  gboolean negative = mpz_sgn (integer) < 0;
  mpz_t magnitude;
  gsize length;

  mpz_init (magnitude);
  mpz_abs (magnitude, integer);
  digits = mpz_get_str (NULL, 10, magnitude);
  mpz_clear (magnitude);

  /* Pad so that there is at least one digit before the point. */
  length = strlen (digits);
  if ((int) length <= scale)
    {
      g_autofree char *padded = g_strnfill (scale - length + 1, '0');
      char *joined = g_strconcat (padded, digits, NULL);

      g_free (digits);
      digits = joined;
      length = strlen (digits);
    }

  text = g_string_new (negative ? "-" : NULL);
  g_string_append_len (text, digits, length - scale);

  if (scale > 0)
    {
      int keep = scale;

      while (keep > min_scale && digits[length - scale + keep - 1] == '0')
        keep--;
      if (keep > 0)
        {
          g_string_append_c (text, '.');
          g_string_append_len (text, digits + length - scale, keep);
        }
    }

  for (int i = scale; i < min_scale; i++)
    {
      if (i == 0)
        g_string_append_c (text, '.');
      g_string_append_c (text, '0');
    }

  return g_string_free (text, FALSE);
}

/* Public API */

SbValue *
sb_value_ref (SbValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (value->ref_count > 0)
    value->ref_count++;
  return value;
}

void
sb_value_unref (SbValue *value)
{
  g_return_if_fail (value != NULL);

  if (value->ref_count < 0 || --value->ref_count > 0)
    return;

  switch (value->kind)
    {
    case SB_VALUE_NUMBER:
      mpq_clear (value->q);
      break;
    case SB_VALUE_TEXT:
      g_free (value->text);
      break;
    case SB_VALUE_LIST:
      for (guint i = 0; i < value->list.n_items; i++)
        sb_value_unref (value->list.items[i]);
      g_free (value->list.items);
      break;
    case SB_VALUE_FILES:
      g_strfreev (value->files.names);
      break;
    default:
      break;
    }

  g_free (value);
}

SbValue *
sb_value_new_null (void)
{
  return &null_value;
}

SbValue *
sb_value_new_unreadable (void)
{
  return &unreadable_value;
}

SbValue *
sb_value_new_bool (gboolean b)
{
  return b ? &true_value : &false_value;
}

SbValue *
sb_value_new_int (gint64 i)
{
  SbValue *value = value_new (SB_VALUE_NUMBER);
  char buffer[32];

  /* mpq_set_si takes a long, which may be 32 bits. */
  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, i);
  mpq_init (value->q);
  mpz_set_str (mpq_numref (value->q), buffer, 10);
  return value;
}

SbValue *
sb_value_new_number (const mpq_t q)
{
  SbValue *value = value_new (SB_VALUE_NUMBER);

  mpq_init (value->q);
  mpq_set (value->q, q);
  return value;
}

SbValue *
sb_value_new_text (const char *text)
{
  SbValue *value;

  g_return_val_if_fail (text != NULL, sb_value_new_null ());

  value = value_new (SB_VALUE_TEXT);
  value->text = g_strdup (text);
  return value;
}

SbValue *
sb_value_new_date (gint32 julian_day)
{
  SbValue *value = value_new (SB_VALUE_DATE);

  value->date = julian_day;
  return value;
}

SbValue *
sb_value_new_time (int minutes)
{
  SbValue *value = value_new (SB_VALUE_TIME);

  value->time = minutes;
  return value;
}

SbValue *
sb_value_new_list (GPtrArray *items)
{
  SbValue *value = value_new (SB_VALUE_LIST);

  g_return_val_if_fail (items != NULL, value);

  value->list.n_items = items->len;
  value->list.items = g_new (SbValue *, MAX (items->len, 1));
  for (guint i = 0; i < items->len; i++)
    value->list.items[i] = sb_value_ref (g_ptr_array_index (items, i));
  g_ptr_array_unref (items);
  return value;
}

SbValue *
sb_value_new_files (const char * const *names,
                    guint               n_names)
{
  SbValue *value = value_new (SB_VALUE_FILES);

  value->files.n_names = n_names;
  value->files.names = g_new0 (char *, n_names + 1);
  for (guint i = 0; i < n_names; i++)
    value->files.names[i] = g_strdup (names[i]);
  return value;
}

SbValueKind
sb_value_get_kind (const SbValue *value)
{
  g_return_val_if_fail (value != NULL, SB_VALUE_NULL);
  return value->kind;
}

gboolean
sb_value_is_null (const SbValue *value)
{
  return value == NULL || value->kind == SB_VALUE_NULL;
}

gboolean
sb_value_is_unreadable (const SbValue *value)
{
  return value == &unreadable_value;
}

gboolean
sb_value_get_bool (const SbValue *value)
{
  g_return_val_if_fail (value != NULL && value->kind == SB_VALUE_BOOL, FALSE);
  return value->b;
}

const __mpq_struct *
sb_value_get_number (const SbValue *value)
{
  g_return_val_if_fail (value != NULL && value->kind == SB_VALUE_NUMBER, NULL);
  return value->q;
}

const char *
sb_value_get_text (const SbValue *value)
{
  g_return_val_if_fail (value != NULL && value->kind == SB_VALUE_TEXT, NULL);
  return value->text;
}

gint32
sb_value_get_date (const SbValue *value)
{
  g_return_val_if_fail (value != NULL && value->kind == SB_VALUE_DATE, 0);
  return value->date;
}

int
sb_value_get_time (const SbValue *value)
{
  g_return_val_if_fail (value != NULL && value->kind == SB_VALUE_TIME, 0);
  return value->time;
}

guint
sb_value_get_length (const SbValue *value)
{
  g_return_val_if_fail (value != NULL, 0);

  if (value->kind == SB_VALUE_LIST)
    return value->list.n_items;
  if (value->kind == SB_VALUE_FILES)
    return value->files.n_names;
  return 0;
}

SbValue *
sb_value_get_item (const SbValue *value,
                   guint          index)
{
  g_return_val_if_fail (value != NULL && value->kind == SB_VALUE_LIST, NULL);
  g_return_val_if_fail (index < value->list.n_items, NULL);
  return value->list.items[index];
}

gboolean
sb_value_equal (const SbValue *a,
                const SbValue *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case SB_VALUE_NULL:
      return TRUE;
    case SB_VALUE_BOOL:
      return a->b == b->b;
    case SB_VALUE_NUMBER:
      return mpq_equal (a->q, b->q) != 0;
    case SB_VALUE_TEXT:
      return g_str_equal (a->text, b->text);
    case SB_VALUE_DATE:
      return a->date == b->date;
    case SB_VALUE_TIME:
      return a->time == b->time;
    case SB_VALUE_LIST:
      if (a->list.n_items != b->list.n_items)
        return FALSE;
      for (guint i = 0; i < a->list.n_items; i++)
        if (!sb_value_equal (a->list.items[i], b->list.items[i]))
          return FALSE;
      return TRUE;
    case SB_VALUE_FILES:
      return a->files.n_names == b->files.n_names;
    default:
      return FALSE;
    }
}

char *
sb_value_to_display (const SbValue *value,
                     int            min_scale,
                     int            max_scale)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (value->kind)
    {
    case SB_VALUE_NULL:
      return g_strdup ("");
    case SB_VALUE_BOOL:
      return g_strdup (value->b ? "是" : "否");
    case SB_VALUE_NUMBER:
      {
        int scale;

        if (terminating_scale (mpq_denref (value->q), &scale) && scale <= max_scale)
          return sb_decimal_to_string (value->q, min_scale);
        else
          {
            g_autofree char *rounded = sb_decimal_to_string_rounded (value->q, max_scale);
            mpq_t q;
            char *text;

            /* Drop the zeros rounding left beyond @min_scale. */
            mpq_init (q);
            sb_decimal_parse (rounded, q);
            text = sb_decimal_to_string (q, min_scale);
            mpq_clear (q);
            return text;
          }
      }
    case SB_VALUE_TEXT:
      return g_strdup (value->text);
    case SB_VALUE_DATE:
      return sb_date_to_string (value->date);
    case SB_VALUE_TIME:
      return sb_time_to_string (value->time);
    case SB_VALUE_LIST:
      {
        GString *text = g_string_new (NULL);

        for (guint i = 0; i < value->list.n_items; i++)
          {
            g_autofree char *item = sb_value_to_display (value->list.items[i], min_scale, max_scale);

            if (i > 0)
              g_string_append (text, "、");
            g_string_append (text, item);
          }
        return g_string_free (text, FALSE);
      }
    case SB_VALUE_FILES:
      return g_strjoinv ("；", value->files.names);
    default:
      return g_strdup ("");
    }
}

gboolean
sb_decimal_parse (const char *text,
                  mpq_t       out)
{
  const char *p = text;
  const char *dot = NULL;
  g_autofree char *digits = NULL;
  int n_digits = 0, fraction = 0;
  gboolean negative = FALSE;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (*p == '-' || *p == '+')
    {
      negative = *p == '-';
      p++;
    }

  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (const char *q = p; *q; q++)
    {
      if (g_ascii_isdigit (*q))
        {
          n_digits++;
          if (dot != NULL)
            fraction++;
        }
      else if (*q == '.' && dot == NULL)
        dot = q;
      else
        return FALSE;
    }

  if (n_digits > MAX_DECIMAL_DIGITS || (dot != NULL && fraction == 0))
    return FALSE;

  digits = g_new0 (char, n_digits + 2);
  {
    char *d = digits;

    if (negative)
      *d++ = '-';
    for (const char *q = p; *q; q++)
      if (*q != '.')
        *d++ = *q;
  }

  if (mpz_set_str (mpq_numref (out), digits, 10) != 0)
    return FALSE;
  mpz_ui_pow_ui (mpq_denref (out), 10, fraction);
  mpq_canonicalize (out);
  return TRUE;
}

char *
sb_decimal_to_string (const mpq_t q,
                      int         min_scale)
{
  mpz_t scaled, power;
  int scale;
  char *text;

  if (!terminating_scale (mpq_denref (q), &scale))
    return NULL;

  mpz_init (scaled);
  mpz_init (power);
  mpz_ui_pow_ui (power, 10, scale);
  mpz_mul (scaled, mpq_numref (q), power);
  mpz_divexact (scaled, scaled, mpq_denref (q));
  text = format_scaled (scaled, scale, min_scale);
  mpz_clear (scaled);
  mpz_clear (power);
  return text;
}

char *
sb_decimal_to_string_rounded (const mpq_t q,
                              int         scale)
{
  mpq_t shifted, half;
  mpz_t power, rounded;
  char *text;

  g_return_val_if_fail (scale >= 0, NULL);

  mpq_init (shifted);
  mpq_init (half);
  mpz_init (power);
  mpz_init (rounded);

  /* |q| * 10^scale + 1/2, truncated, with the sign put back: half away
   * from zero, as people round money. */
  mpz_ui_pow_ui (power, 10, scale);
  mpq_set_z (shifted, power);
  mpq_mul (shifted, shifted, q);
  mpq_abs (shifted, shifted);
  mpq_set_ui (half, 1, 2);
  mpq_add (shifted, shifted, half);
  mpz_tdiv_q (rounded, mpq_numref (shifted), mpq_denref (shifted));
  if (mpq_sgn (q) < 0)
    mpz_neg (rounded, rounded);

  text = format_scaled (rounded, scale, scale);

  mpq_clear (shifted);
  mpq_clear (half);
  mpz_clear (power);
  mpz_clear (rounded);
  return text;
}
