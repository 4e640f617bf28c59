/* sb-table-import.c — cells from a file or a clipboard as rows of a table
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-answers-private.h"
#include "sb-field-format.h"
#include "sb-table-import.h"

/* Header rows are looked for among the first rows: a title row or two
 * ("2025年教职工名册") often sits above them. */
#define HEADER_SEARCH_ROWS 10

struct _SbTableImport
{
  const SbField     *table;
  const SbTableGrid *grid;       /* borrowed: the caller keeps it while planning */
  GPtrArray         *columns;    /* importable SbField* */
  int                header_row;
  GPtrArray         *mapping;    /* per file column: const SbField* or NULL */
  GPtrArray         *headers;    /* per file column: its header text */

  JsonArray         *rows;       /* of JSON objects */
  GArray            *file_rows;  /* guint per row */
  GArray            *clean;      /* gboolean per row */
  GPtrArray         *problems;   /* SbTableProblem* */
};

/* Auxiliary functions */

static void
problem_free (gpointer data)
{
  SbTableProblem *problem = data;

  g_free (problem->value);
  sb_text_clear (&problem->message);
  g_free (problem);
}

/* NFKC: full-width digits, letters and punctuation (３．２０, （）, ／) as
 * their ASCII forms, so "３．２０" reads as 3.20. */
static char *
fold_width (const char *text)
{
  char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return folded != NULL ? folded : g_strdup (text);
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B && c != 0xFEFF)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* A comparison key of an option or a yes/no word, like a header's. */
static char *
word_key (const char *text)
{
  g_autofree char *folded = fold_width (text);
  g_autofree char *bare = strip_spaces (folded);

  return g_utf8_casefold (bare, -1);
}

static char *
column_letters (guint column)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      letters[--i] = (char) ('A' + (column - 1) % 26);
      column = (column - 1) / 26;
    }
  return g_strdup (letters + i);
}

/* Other ways people write a unit the definitions name. */
static const char *unit_synonyms[][4] = {
  { "m²", "平方米", "㎡", "平米" },
  { "元", "人民币元", "块", NULL },
  { "个月", "月", NULL, NULL },
  { "人", "名", "位", NULL },
  { "课时", "节", "学时", NULL },
};

static gboolean
strip_suffix (char       *text,
              const char *unit)
{
  g_autofree char *folded = fold_width (unit);
  gsize length = strlen (text), unit_length = strlen (folded);

  if (unit_length == 0 || length <= unit_length || !g_str_has_suffix (text, folded))
    return FALSE;
  text[length - unit_length] = '\0';
  g_strchomp (text);
  return TRUE;
}

/* Strips the column's unit written after a number: "42.5㎡", "15人",
 * "3.2 万元".  Another unit stays, so "3.2亩" in a column of m² is
 * reported rather than read as 3.2 m². */
static char *
strip_unit (const SbField *column,
            const char    *text)
{
  const char *units[] = { column->input_unit, column->unit };
  char *trimmed = g_strstrip (g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (units[i] == NULL)
        continue;
      if (strip_suffix (trimmed, units[i]))
        return trimmed;
      for (guint k = 0; k < G_N_ELEMENTS (unit_synonyms); k++)
        if (g_str_equal (unit_synonyms[k][0], units[i]))
          for (guint m = 1; m < 4 && unit_synonyms[k][m] != NULL; m++)
            if (strip_suffix (trimmed, unit_synonyms[k][m]))
              return trimmed;
    }
  return trimmed;
}

/* 2025-4-1, 2025/04/01, 2025.4.1, 2025年4月1日, 20250401, and a date with a
 * time of day from a spreadsheet: the date as YYYY-MM-DD, or NULL. */
static char *
parse_date_text (const char *text)
{
  g_autofree char *folded = fold_width (text);
  g_autofree char *bare = NULL;
  int parts[3] = { 0 }, year_digits = 0;
  const char *p;
  char *cut;

  g_strstrip (folded);
  /* A time of day after the date is the spreadsheet's, not the person's. */
  cut = strpbrk (folded, " T");
  if (cut != NULL && strchr (cut, ':') != NULL)
    *cut = '\0';
  bare = strip_spaces (folded);

  if (strlen (bare) == 8 && strspn (bare, "0123456789") == 8)
    {
      gint64 number = g_ascii_strtoll (bare, NULL, 10);

      return g_strdup_printf ("%04d-%02d-%02d", (int) (number / 10000), (int) (number / 100 % 100), (int) (number % 100));
    }

  p = bare;
  for (int i = 0; i < 3; i++)
    {
      int digits = 0;

      while (g_ascii_isdigit (*p))
        {
          if (++digits > 4)
            return NULL;
          parts[i] = parts[i] * 10 + (*p++ - '0');
        }
      if (digits == 0)
        return NULL;
      if (i == 0)
        year_digits = digits;
      if (i == 2)
        break;
      if (g_str_has_prefix (p, "年") || g_str_has_prefix (p, "月"))
        p += strlen ("年");
      else if (*p == '-' || *p == '/' || *p == '.')
        p++;
      else
        return NULL;
    }
  if (g_str_has_prefix (p, "日") || g_str_has_prefix (p, "号"))
    p += strlen ("日");
  if (*p != '\0')
    return NULL;
  /* Two-digit years as spreadsheets show them (LibreOffice's yy/m/d in a
   * Chinese locale): 00–29 are 20xx, 30–99 19xx, as Excel reads them. */
  if (year_digits == 2)
    parts[0] += parts[0] < 30 ? 2000 : 1900;
  else if (parts[0] < 1000)
    return NULL;
  /* An impossible date (2025-02-30) is written out all the same: the
   * answers then say why it is not a date. */
  return g_strdup_printf ("%04d-%02d-%02d", parts[0], parts[1], parts[2]);
}

static char *
parse_time_text (const char *text)
{
  g_autofree char *folded = fold_width (text);
  g_autofree char *bare = strip_spaces (folded);
  guint64 hours, minutes;
  g_auto(GStrv) parts = NULL;

  g_strdelimit (bare, "时点", ':');
  parts = g_strsplit (bare, ":", 4);
  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &hours, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &minutes, NULL))
    return NULL;
  return g_strdup_printf ("%02u:%02u", (guint) hours, (guint) minutes);
}

static JsonNode *
parse_boolean (const char *text)
{
  static const char *yes[] = { "是", "yes", "y", "true", "1", "√", "✓", "✔", "对", "有", NULL };
  static const char *no[] = { "否", "no", "n", "false", "0", "×", "✗", "✘", "x", "不是", "无", "没有", NULL };
  g_autofree char *key = word_key (text);

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_str_equal (key, yes[i]))
      return json_node_init_boolean (json_node_alloc (), TRUE);
  for (guint i = 0; no[i] != NULL; i++)
    if (g_str_equal (key, no[i]))
      return json_node_init_boolean (json_node_alloc (), FALSE);
  return NULL;
}

static const char *
match_choice (const SbField *column,
              const char    *text)
{
  g_autofree char *key = NULL;

  if (column->choices == NULL)
    return NULL;
  for (guint i = 0; i < column->choices->len; i++)
    {
      SbChoice *choice = g_ptr_array_index (column->choices, i);

      if (g_str_equal (choice->value, text))
        return choice->value;
    }
  key = word_key (text);
  for (guint i = 0; i < column->choices->len; i++)
    {
      SbChoice *choice = g_ptr_array_index (column->choices, i);
      const char *names[] = { choice->value, choice->label.zh_CN, choice->label.en };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *name = names[j] != NULL ? word_key (names[j]) : NULL;

          if (name != NULL && g_str_equal (name, key))
            return choice->value;
        }
    }
  return NULL;
}

/* Several options in one cell, as people write them: 、 ， , ； ; or one
 * per line. */
static JsonNode *
parse_multichoice (const SbField *column,
                   const char    *text)
{
  g_autofree char *folded = fold_width (text);
  g_autoptr(JsonArray) array = json_array_new ();
  g_auto(GStrv) parts = NULL;

  /* NFKC leaves 、 as it is; the rest fold to ASCII. */
  {
    g_autoptr(GString) unified = g_string_new (NULL);

    for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c == 0x3001 || c == ',' || c == ';' || c == '\n' || c == '|')
          g_string_append_c (unified, '\n');
        else
          g_string_append_unichar (unified, c);
      }
    parts = g_strsplit (unified->str, "\n", -1);
  }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *value;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      value = match_choice (column, parts[i]);
      json_array_add_string_element (array, value != NULL ? value : parts[i]);
    }
  if (json_array_get_length (array) == 0)
    return NULL;
  return json_node_init_array (json_node_alloc (), array);
}

/* What a person would have typed into the column's entry for @text. */
static char *
typed_text (const SbField *column,
            const char    *text)
{
  switch (column->type)
    {
    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
      {
        g_autofree char *folded = fold_width (text);

        return strip_unit (column, folded);
      }
    case SB_FIELD_DATE:
      {
        char *date = parse_date_text (text);

        return date != NULL ? date : g_strdup (text);
      }
    case SB_FIELD_TIME:
      {
        char *time = parse_time_text (text);

        return time != NULL ? time : g_strdup (text);
      }
    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_CREDIT_CODE:
    case SB_FIELD_ID_DOCUMENT:
      {
        g_autofree char *folded = fold_width (text);

        return strip_spaces (folded);
      }
    default:
      return g_strdup (text);
    }
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* A value as quoted in the report: one line, at most 60 characters. */
static char *
shorten (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      if (n == 60)
        {
          g_string_append (out, "…");
          break;
        }
      if (*p == '\n')
        g_string_append (out, "⏎");
      else
        g_string_append_unichar (out, g_utf8_get_char (p));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The header of column @c when row @r is the header row: its cell, or
 * with the cell above it when a header merged over several columns sits
 * there ("任职（劳动）合同" over "起始日" and "终止日"). */
static char *
header_at (const SbTableGrid *grid,
           guint              r,
           guint              c)
{
  const char *cell = sb_table_grid_get (grid, r, c);
  const char *above = r > 0 ? sb_table_grid_get (grid, r - 1, c) : "";

  if (*above != '\0' && !g_str_equal (above, cell)
      && ((c > 0 && g_str_equal (above, sb_table_grid_get (grid, r - 1, c - 1)))
          || g_str_equal (above, sb_table_grid_get (grid, r - 1, c + 1))))
    return g_strconcat (above, cell, NULL);
  return g_strdup (cell);
}

static int
column_position (SbTableImport *self,
                 const SbField *column)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_ptr_array_index (self->columns, i) == column)
      return (int) i;
  return -1;
}

static void
plan (SbTableImport *self)
{
  guint first = self->header_row >= 0 ? (guint) self->header_row + 1 : 0;

  g_clear_pointer (&self->rows, json_array_unref);
  self->rows = json_array_new ();
  g_array_set_size (self->file_rows, 0);
  g_array_set_size (self->clean, 0);
  g_ptr_array_set_size (self->problems, 0);

  for (guint r = first; r < self->grid->rows->len; r++)
    {
      g_autoptr(JsonObject) row = json_object_new ();
      guint file_row = g_array_index (self->grid->row_numbers, guint, r);
      gboolean clean = TRUE, any = FALSE;

      for (guint c = 0; c < self->mapping->len; c++)
        {
          const SbField *column = g_ptr_array_index (self->mapping, c);
          const char *text = sb_table_grid_get (self->grid, r, c);
          JsonNode *node;
          SbText reason = { 0 };
          SbValue *value;

          if (column == NULL || text_is_blank (text))
            continue;
          any = TRUE;
          node = sb_table_cell_parse (column, text);
          if (node == NULL)
            continue;
          value = sb_answers_read_value (column, node, &reason);
          if (value != NULL)
            sb_value_unref (value);
          if (reason.zh_CN != NULL)
            {
              SbTableProblem *problem = g_new0 (SbTableProblem, 1);

              problem->file_row = file_row;
              problem->row = json_array_get_length (self->rows);
              problem->file_column = c;
              problem->column = column;
              problem->value = g_strdup (text);
              problem->message = reason;
              g_ptr_array_add (self->problems, problem);
              clean = FALSE;
            }
          json_object_set_member (row, column->id, node);
        }
      if (!any)
        continue;
      json_array_add_object_element (self->rows, g_steal_pointer (&row));
      g_array_append_val (self->file_rows, file_row);
      g_array_append_val (self->clean, clean);
    }
}

/* Each file column's header and the column it fills: by the header row's
 * text, or in the table's order from @first_column without one. */
static void
map_columns (SbTableImport *self,
             guint          first_column)
{
  const SbTableGrid *grid = self->grid;
  const SbField *table = self->table;

  g_ptr_array_set_size (self->headers, 0);
  g_ptr_array_set_size (self->mapping, 0);
  g_ptr_array_set_size (self->mapping, grid->n_columns);
  for (guint c = 0; c < grid->n_columns; c++)
    {
      const SbField *column = NULL;

      if (self->header_row >= 0)
        {
          char *header = header_at (grid, (guint) self->header_row, c);

          g_ptr_array_add (self->headers, header);
          column = sb_table_match_header (table, header);
          /* A second column with the same header is left for the person. */
          for (guint k = 0; column != NULL && k < c; k++)
            if (g_ptr_array_index (self->mapping, k) == column)
              column = NULL;
        }
      else
        {
          g_ptr_array_add (self->headers, g_strdup (""));
          if (first_column + c < self->columns->len)
            column = g_ptr_array_index (self->columns, first_column + c);
        }
      g_ptr_array_index (self->mapping, c) = (gpointer) column;
    }

  /* A header that names none of the columns ("员工", "证件") is no help:
   * the table's order is the likelier guess, for the person to check. */
  for (guint c = 0; c < grid->n_columns; c++)
    if (g_ptr_array_index (self->mapping, c) != NULL)
      return;
  for (guint c = 0; c < grid->n_columns && first_column + c < self->columns->len; c++)
    g_ptr_array_index (self->mapping, c) = g_ptr_array_index (self->columns, first_column + c);
}

/* Public API */

GPtrArray *
sb_table_importable_columns (const SbField *table)
{
  GPtrArray *columns = g_ptr_array_new ();

  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, columns);

  for (guint i = 0; i < table->columns->len; i++)
    {
      SbField *column = g_ptr_array_index (table->columns, i);

      if (column->computed == NULL && column->type != SB_FIELD_ATTACHMENT && !column->system)
        g_ptr_array_add (columns, column);
    }
  return columns;
}

char *
sb_table_header_key (const char *header)
{
  g_autofree char *folded = NULL;
  g_autofree char *bare = NULL;
  gsize length;

  g_return_val_if_fail (header != NULL, NULL);

  folded = fold_width (header);
  bare = strip_spaces (folded);
  /* A unit in brackets at the end: 面积(亩), 金额[万元]; and a required
   * mark some templates add: *姓名. */
  while ((length = strlen (bare)) > 0 && (bare[length - 1] == ')' || bare[length - 1] == ']'))
    {
      char *open = strrchr (bare, bare[length - 1] == ')' ? '(' : '[');

      if (open == NULL || open == bare)
        break;
      *open = '\0';
    }
  {
    const char *start = bare;

    while (*start == '*')
      start++;
    return g_utf8_casefold (start, -1);
  }
}

const SbField *
sb_table_match_header (const SbField *table,
                       const char    *header)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  g_return_val_if_fail (table != NULL && header != NULL, NULL);

  key = sb_table_header_key (header);
  if (*key == '\0')
    return NULL;
  columns = sb_table_importable_columns (table);
  for (guint i = 0; i < columns->len; i++)
    {
      const SbField *column = g_ptr_array_index (columns, i);
      const char *names[] = { column->label.zh_CN, column->label.en, column->id };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *name = names[j] != NULL ? sb_table_header_key (names[j]) : NULL;

          if (name != NULL && g_str_equal (name, key))
            return column;
        }
    }
  return NULL;
}

char *
sb_table_column_header (const SbField *column)
{
  const char *unit, *label;

  g_return_val_if_fail (column != NULL, NULL);

  unit = column->input_unit != NULL ? column->input_unit : column->unit;
  label = sb_text_get (&column->label);
  if (unit == NULL || *unit == '\0')
    return g_strdup (label);
  /* Full-width brackets after Chinese, ASCII ones after English. */
  if (label == column->label.en)
    return g_strdup_printf ("%s (%s)", label, unit);
  return g_strdup_printf ("%s（%s）", label, unit);
}

JsonNode *
sb_table_cell_parse (const SbField *column,
                     const char    *text)
{
  g_autofree char *cell = NULL;
  g_autofree char *typed = NULL;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* Spreadsheets end lines in cells with CRLF (WPS) or CR. */
  {
    GString *unified = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p++)
      {
        if (*p == '\r')
          {
            g_string_append_c (unified, '\n');
            if (p[1] == '\n')
              p++;
          }
        else
          g_string_append_c (unified, *p);
      }
    cell = g_strstrip (g_string_free (unified, FALSE));
  }
  if (text_is_blank (cell))
    return NULL;
  /* The apostrophe our CSV export puts before = + @ so a spreadsheet
   * does not run the text as a formula. */
  if (cell[0] == '\'' && (cell[1] == '=' || cell[1] == '+' || cell[1] == '@'))
    memmove (cell, cell + 1, strlen (cell));

  switch (column->type)
    {
    case SB_FIELD_BOOLEAN:
      {
        JsonNode *node = parse_boolean (cell);

        return node != NULL ? node : json_node_init_string (json_node_alloc (), cell);
      }
    case SB_FIELD_CHOICE:
      {
        const char *value = match_choice (column, cell);

        return json_node_init_string (json_node_alloc (), value != NULL ? value : cell);
      }
    case SB_FIELD_MULTICHOICE:
      return parse_multichoice (column, cell);
    default:
      break;
    }

  /* The one place imported text joins typed text. */
  typed = typed_text (column, cell);
  return sb_field_format_parse_edit (column, typed);
}

SbTableImport *
sb_table_import_new (const SbField     *table,
                     const SbTableGrid *grid,
                     guint              first_column)
{
  SbTableImport *self;
  guint best_matches = 0;

  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);
  g_return_val_if_fail (grid != NULL, NULL);

  self = g_new0 (SbTableImport, 1);
  self->table = table;
  self->grid = grid;
  self->columns = sb_table_importable_columns (table);
  self->header_row = -1;
  self->mapping = g_ptr_array_new ();
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->file_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->clean = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->problems = g_ptr_array_new_with_free_func (problem_free);

  for (guint r = 0; r < MIN (grid->rows->len, HEADER_SEARCH_ROWS); r++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      for (guint c = 0; c < grid->n_columns; c++)
        {
          g_autofree char *header = header_at (grid, r, c);
          const SbField *column = sb_table_match_header (table, header);

          if (column != NULL)
            g_hash_table_add (seen, (gpointer) column);
        }
      if (g_hash_table_size (seen) > best_matches)
        {
          best_matches = g_hash_table_size (seen);
          self->header_row = (int) r;
        }
    }

  map_columns (self, first_column);
  plan (self);
  return self;
}

void
sb_table_import_free (SbTableImport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->mapping);
  g_ptr_array_unref (self->headers);
  g_clear_pointer (&self->rows, json_array_unref);
  g_array_unref (self->file_rows);
  g_array_unref (self->clean);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

int
sb_table_import_get_header_row (SbTableImport *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->header_row;
}

guint
sb_table_import_get_n_file_columns (SbTableImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->mapping->len;
}

const char *
sb_table_import_get_file_header (SbTableImport *self,
                                 guint          file_column)
{
  g_return_val_if_fail (self != NULL, "");
  if (file_column >= self->headers->len)
    return "";
  return g_ptr_array_index (self->headers, file_column);
}

const SbField *
sb_table_import_get_mapping (SbTableImport *self,
                             guint          file_column)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (file_column >= self->mapping->len)
    return NULL;
  return g_ptr_array_index (self->mapping, file_column);
}

void
sb_table_import_set_mapping (SbTableImport *self,
                             guint          file_column,
                             const SbField *column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (file_column < self->mapping->len);
  g_return_if_fail (column == NULL || column_position (self, column) >= 0);

  for (guint c = 0; column != NULL && c < self->mapping->len; c++)
    if (g_ptr_array_index (self->mapping, c) == column)
      g_ptr_array_index (self->mapping, c) = NULL;
  g_ptr_array_index (self->mapping, file_column) = (gpointer) column;
  plan (self);
}

void
sb_table_import_set_header_row (SbTableImport *self,
                                int            header_row)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (header_row >= -1 && header_row < (int) MIN (self->grid->rows->len, HEADER_SEARCH_ROWS));

  self->header_row = header_row;
  map_columns (self, 0);
  plan (self);
}

gboolean
sb_table_import_needs_mapping (SbTableImport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->header_row < 0)
    return TRUE;
  for (guint c = 0; c < self->mapping->len; c++)
    if (g_ptr_array_index (self->mapping, c) == NULL
        && !text_is_blank (sb_table_import_get_file_header (self, c)))
      return TRUE;
  for (guint i = 0; i < self->columns->len; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < self->mapping->len && !found; c++)
        found = g_ptr_array_index (self->mapping, c) == g_ptr_array_index (self->columns, i);
      if (!found)
        return TRUE;
    }
  return FALSE;
}

guint
sb_table_import_get_n_rows (SbTableImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return json_array_get_length (self->rows);
}

guint
sb_table_import_get_n_clean_rows (SbTableImport *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  for (guint i = 0; i < self->clean->len; i++)
    if (g_array_index (self->clean, gboolean, i))
      n++;
  return n;
}

GPtrArray *
sb_table_import_get_problems (SbTableImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

JsonArray *
sb_table_import_dup_rows (SbTableImport *self,
                          gboolean       only_clean)
{
  JsonArray *rows;

  g_return_val_if_fail (self != NULL, NULL);

  rows = json_array_new ();
  for (guint i = 0; i < json_array_get_length (self->rows); i++)
    {
      JsonNode *row = json_array_get_element (self->rows, i);

      if (!only_clean || g_array_index (self->clean, gboolean, i))
        json_array_add_element (rows, json_node_copy (row));
    }
  return rows;
}

GPtrArray *
sb_table_import_dup_report_lines (SbTableImport *self)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) matched = g_string_new (NULL);
  g_autoptr(GString) ignored = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, lines);

  for (guint c = 0; c < self->mapping->len; c++)
    {
      const SbField *column = g_ptr_array_index (self->mapping, c);
      g_autofree char *letters = column_letters (c);
      const char *header = sb_table_import_get_file_header (self, c);

      if (column != NULL)
        {
          g_autofree char *key = sb_table_header_key (header);
          g_autofree char *label = sb_table_header_key (sb_text_get (&column->label));

          if (matched->len > 0)
            g_string_append (matched, _(", "));
          if (g_str_equal (key, label))
            g_string_append (matched, sb_text_get (&column->label));
          else
            g_string_append_printf (matched, "%s → %s", *header != '\0' ? header : letters,
                                    sb_text_get (&column->label));
        }
      else if (!text_is_blank (header))
        g_string_append_printf (ignored, "%s%s %s", ignored->len > 0 ? _(", ") : "", letters, header);
    }
  for (guint i = 0; i < self->columns->len; i++)
    {
      const SbField *column = g_ptr_array_index (self->columns, i);

      if (column_position (self, column) >= 0)
        {
          gboolean found = FALSE;

          for (guint c = 0; c < self->mapping->len && !found; c++)
            found = g_ptr_array_index (self->mapping, c) == column;
          if (!found)
            g_string_append_printf (missing, "%s%s", missing->len > 0 ? _(", ") : "", sb_text_get (&column->label));
        }
    }

  if (self->header_row < 0)
    g_ptr_array_add (lines, g_strdup (_("No header row names the table's columns: the file's columns are taken in the table's order.")));
  else
    g_ptr_array_add (lines, g_strdup_printf (_("Header in row %u."),
                                             g_array_index (self->grid->row_numbers, guint, (guint) self->header_row)));
  if (matched->len > 0)
    g_ptr_array_add (lines, g_strdup_printf (_("Columns: %s."), matched->str));
  if (ignored->len > 0)
    g_ptr_array_add (lines, g_strdup_printf (_("Ignored columns (no column of the table has this header): %s."), ignored->str));
  if (missing->len > 0)
    g_ptr_array_add (lines, g_strdup_printf (_("Not in the file (left blank): %s."), missing->str));
  g_ptr_array_add (lines, g_strdup_printf (_("%u rows to add, %u of them without problems; %u problem cells."),
                                           sb_table_import_get_n_rows (self), sb_table_import_get_n_clean_rows (self),
                                           self->problems->len));
  if (self->table->max_rows > 0 && sb_table_import_get_n_rows (self) > self->table->max_rows)
    g_ptr_array_add (lines, g_strdup_printf (_("The table takes at most %u rows."), self->table->max_rows));

  for (guint i = 0; i < self->problems->len; i++)
    {
      SbTableProblem *problem = g_ptr_array_index (self->problems, i);
      g_autofree char *letters = column_letters (problem->file_column);

      g_autofree char *shown = shorten (problem->value);

      g_ptr_array_add (lines, g_strdup_printf (_("Row %u, column %s (%s): “%s”: %s"), problem->file_row, letters,
                                               sb_text_get (&problem->column->label), shown,
                                               sb_text_get (&problem->message)));
    }
  return lines;
}

static const SbField *
identity_column (const SbField *table)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      const SbField *column = g_ptr_array_index (table->columns, i);

      if (column->type == SB_FIELD_RESIDENT_ID || column->type == SB_FIELD_CREDIT_CODE
          || column->type == SB_FIELD_ID_DOCUMENT)
        return column;
    }
  return table->columns->len > 0 ? g_ptr_array_index (table->columns, 0) : NULL;
}

static char *
identity_of (const SbField *column,
             JsonNode      *row)
{
  JsonNode *cell;

  if (row == NULL || !JSON_NODE_HOLDS_OBJECT (row))
    return NULL;
  cell = json_object_get_member (json_node_get_object (row), column->id);
  if (cell == NULL || !JSON_NODE_HOLDS_VALUE (cell) || json_node_get_value_type (cell) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (cell));
}

guint
sb_table_rows_keep_attachments (const SbField *table,
                                JsonArray     *rows,
                                JsonArray     *previous)
{
  const SbField *identity;
  g_autoptr(GHashTable) by_identity = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  guint lost = 0;

  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, 0);
  g_return_val_if_fail (rows != NULL, 0);

  if (previous == NULL)
    return 0;
  identity = identity_column (table);
  if (identity == NULL)
    return 0;

  /* identity -> the one previous row with it (NULL when several have). */
  by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (previous); i++)
    {
      JsonNode *row = json_array_get_element (previous, i);
      char *key = identity_of (identity, row);

      if (key == NULL)
        continue;
      if (g_hash_table_contains (by_identity, key))
        {
          g_hash_table_insert (by_identity, key, NULL);
          continue;
        }
      g_hash_table_insert (by_identity, key, row);
    }

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row = json_array_get_element (rows, i);
      g_autofree char *key = identity_of (identity, row);
      JsonNode *old = key != NULL ? g_hash_table_lookup (by_identity, key) : NULL;

      if (old == NULL || g_hash_table_contains (used, old))
        continue;
      g_hash_table_add (used, old);
      for (guint c = 0; c < table->columns->len; c++)
        {
          const SbField *column = g_ptr_array_index (table->columns, c);
          JsonNode *cell = json_object_get_member (json_node_get_object (old), column->id);

          if (column->type == SB_FIELD_ATTACHMENT && cell != NULL
              && !json_object_has_member (json_node_get_object (row), column->id))
            json_object_set_member (json_node_get_object (row), column->id, json_node_copy (cell));
        }
    }

  for (guint i = 0; i < json_array_get_length (previous); i++)
    {
      JsonNode *old = json_array_get_element (previous, i);

      if (g_hash_table_contains (used, old) || !JSON_NODE_HOLDS_OBJECT (old))
        continue;
      for (guint c = 0; c < table->columns->len; c++)
        {
          const SbField *column = g_ptr_array_index (table->columns, c);
          JsonNode *cell = json_object_get_member (json_node_get_object (old), column->id);

          if (column->type == SB_FIELD_ATTACHMENT && cell != NULL && !JSON_NODE_HOLDS_NULL (cell))
            lost++;
        }
    }
  return lost;
}
