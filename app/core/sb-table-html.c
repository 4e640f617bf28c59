/* sb-table-html.c — the first table of an HTML clipboard
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "sb-table-html.h"

typedef struct {
  guint  rows_left;   /* rows below this one the cell still covers */
  char  *text;
} Span;

/* Auxiliary functions */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static xmlNode *
find_table (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (is_element (node, "table"))
        return node;
      if ((found = find_table (node->children)) != NULL)
        return found;
    }
  return NULL;
}

/* Text as a browser lays it out: runs of white space are one space, <br>
 * and the ends of paragraphs are line breaks. */
static void
collect_text (xmlNode *node,
              GString *out)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          for (const char *p = (const char *) node->content; p != NULL && *p != '\0'; p++)
            {
              if (g_ascii_isspace (*p))
                {
                  if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
                    g_string_append_c (out, ' ');
                }
              else
                g_string_append_c (out, *p);
            }
        }
      else if (is_element (node, "br"))
        {
          if (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '\n');
        }
      else if (node->type == XML_ELEMENT_NODE && !is_element (node, "style") && !is_element (node, "script")
               && !is_element (node, "table"))
        {
          gboolean block = is_element (node, "p") || is_element (node, "div");

          if (block && out->len > 0 && out->str[out->len - 1] != '\n')
            {
              if (out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
          collect_text (node->children, out);
        }
      if (out->len > SB_TABLE_MAX_CELL_LENGTH * 4)
        return;
    }
}

static guint
span_attribute (xmlNode    *cell,
                const char *name,
                guint       limit)
{
  g_autofree xmlChar *value = xmlGetProp (cell, (const xmlChar *) name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned ((const char *) value, 10, 1, G_MAXUINT32, &number, NULL))
    return 1;
  return (guint) MIN (number, limit);
}

static void
clear_span (gpointer data)
{
  Span *span = data;

  g_free (span->text);
}

static gboolean
add_row (SbTableGrid *grid,
         xmlNode     *tr,
         GArray      *spans,
         GError     **error)
{
  xmlNode *cell = tr->children;
  guint column = 0;

  if (grid->rows->len >= SB_TABLE_MAX_ROWS)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the file has more than %d rows, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_ROWS);
      return FALSE;
    }
  sb_table_grid_add_row (grid, grid->rows->len + 1);

  for (;;)
    {
      /* A cell from a row above that spans down into this one. */
      if (column < spans->len && g_array_index (spans, Span, column).rows_left > 0)
        {
          Span *span = &g_array_index (spans, Span, column);

          sb_table_grid_add_cell (grid, g_strdup (span->text));
          span->rows_left--;
          column++;
          continue;
        }

      while (cell != NULL && !is_element (cell, "td") && !is_element (cell, "th"))
        cell = cell->next;
      if (cell == NULL)
        break;

      {
        g_autoptr(GString) text = g_string_new (NULL);
        guint colspan = span_attribute (cell, "colspan", SB_TABLE_MAX_COLUMNS);
        guint rowspan = span_attribute (cell, "rowspan", SB_TABLE_MAX_ROWS);
        g_autofree char *stripped = NULL;

        collect_text (cell->children, text);
        stripped = g_strstrip (g_strdup (text->str));
        if (g_utf8_strlen (stripped, -1) > SB_TABLE_MAX_CELL_LENGTH)
          {
            g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                         _("a cell is longer than %d characters, the most a spreadsheet cell holds; nothing was imported"),
                         SB_TABLE_MAX_CELL_LENGTH);
            return FALSE;
          }

        for (guint i = 0; i < colspan; i++, column++)
          {
            if (column >= SB_TABLE_MAX_COLUMNS)
              {
                g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                             _("row %u has more than %d columns, the most a table imports; nothing was imported"),
                             grid->rows->len, SB_TABLE_MAX_COLUMNS);
                return FALSE;
              }
            if (column >= spans->len)
              g_array_set_size (spans, column + 1);
            if (rowspan > 1)
              {
                Span *span = &g_array_index (spans, Span, column);

                g_free (span->text);
                span->text = g_strdup (stripped);
                span->rows_left = rowspan - 1;
              }
            sb_table_grid_add_cell (grid, g_strdup (stripped));
          }
        cell = cell->next;
      }
    }
  return TRUE;
}

static gboolean
add_rows (SbTableGrid *grid,
          xmlNode     *node,
          GArray      *spans,
          GError     **error)
{
  for (; node != NULL; node = node->next)
    {
      if (is_element (node, "tr"))
        {
          if (!add_row (grid, node, spans, error))
            return FALSE;
        }
      else if (is_element (node, "thead") || is_element (node, "tbody") || is_element (node, "tfoot"))
        {
          if (!add_rows (grid, node->children, spans, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Public API */

SbTableGrid *
sb_table_html_read (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(SbTableGrid) grid = NULL;
  g_autoptr(GArray) spans = NULL;
  htmlDocPtr doc;
  xmlNode *table;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SB_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the text is larger than %d MB, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  doc = htmlReadMemory (data, (int) length, NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
  table = doc != NULL ? find_table (xmlDocGetRootElement (doc)) : NULL;
  if (table == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID, _("the copied text holds no table"));
      return NULL;
    }

  grid = sb_table_grid_new ();
  spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_array_set_clear_func (spans, clear_span);
  ok = add_rows (grid, table->children, spans, error);
  xmlFreeDoc (doc);
  if (!ok)
    return NULL;

  sb_table_grid_trim (grid);
  return g_steal_pointer (&grid);
}
