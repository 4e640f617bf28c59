/* sb-table-grid.c — cells read from a spreadsheet, a CSV file or a clipboard
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include "sb-table-grid.h"

G_DEFINE_QUARK (sb-table-error-quark, sb_table_error)

static void
free_row (gpointer row)
{
  g_ptr_array_unref (row);
}

static gboolean
row_is_blank (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      const char *cell = g_ptr_array_index (row, i);

      for (const char *p = cell; *p != '\0'; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
    }
  return TRUE;
}

SbTableGrid *
sb_table_grid_new (void)
{
  SbTableGrid *grid = g_new0 (SbTableGrid, 1);

  grid->rows = g_ptr_array_new_with_free_func (free_row);
  grid->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  return grid;
}

void
sb_table_grid_free (SbTableGrid *grid)
{
  if (grid == NULL)
    return;
  g_ptr_array_unref (grid->rows);
  g_array_unref (grid->row_numbers);
  g_free (grid);
}

GPtrArray *
sb_table_grid_add_row (SbTableGrid *grid,
                       guint        row_number)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (grid != NULL, NULL);

  g_ptr_array_add (grid->rows, row);
  g_array_append_val (grid->row_numbers, row_number);
  return row;
}

void
sb_table_grid_add_cell (SbTableGrid *grid,
                        char        *cell)
{
  GPtrArray *row;

  g_return_if_fail (grid != NULL && grid->rows->len > 0);

  row = g_ptr_array_index (grid->rows, grid->rows->len - 1);
  g_ptr_array_add (row, cell);
  grid->n_columns = MAX (grid->n_columns, row->len);
}

const char *
sb_table_grid_get (const SbTableGrid *grid,
                   guint              row,
                   guint              column)
{
  GPtrArray *cells;

  g_return_val_if_fail (grid != NULL, "");

  if (row >= grid->rows->len)
    return "";
  cells = g_ptr_array_index (grid->rows, row);
  if (column >= cells->len)
    return "";
  return g_ptr_array_index (cells, column);
}

void
sb_table_grid_trim (SbTableGrid *grid)
{
  guint leading = 0;

  g_return_if_fail (grid != NULL);

  while (grid->rows->len > 0 && row_is_blank (g_ptr_array_index (grid->rows, grid->rows->len - 1)))
    {
      g_ptr_array_remove_index (grid->rows, grid->rows->len - 1);
      g_array_remove_index (grid->row_numbers, grid->row_numbers->len - 1);
    }
  while (leading < grid->rows->len && row_is_blank (g_ptr_array_index (grid->rows, leading)))
    leading++;
  if (leading > 0)
    {
      g_ptr_array_remove_range (grid->rows, 0, leading);
      g_array_remove_range (grid->row_numbers, 0, leading);
    }

  /* Cells past the last non-blank one in every row are not columns. */
  grid->n_columns = 0;
  for (guint i = 0; i < grid->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (grid->rows, i);
      guint width = row->len;

      while (width > 0 && *(const char *) g_ptr_array_index (row, width - 1) == '\0')
        width--;
      grid->n_columns = MAX (grid->n_columns, width);
    }
}
