/* sb-table-editor.c — a table question: its rows, and ways to change them
 *
 * The rows are a GtkColumnView over a list of row numbers: cells are bound
 * when they scroll into view, so a roster of a thousand people costs the
 * widgets of the thirty on screen.  Between the list and the view sit a
 * filter (the search box) and a sorter (the column headers): both only
 * change what is shown, the answers keep the rows in the applicant's
 * order, and every function here speaks of rows in that order.
 *
 * A row is edited in place of the grid (SbRowEditor), inside the main
 * window, one question per column, with the same rows and checks as the
 * form itself.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-field-format.h"
#include "sb-json-reader.h"
#include "sb-table-editor.h"
#include "sb-table-import-page.h"
#include "sb-table-row-item.h"
#include "sb-value.h"

struct _SbTableEditor
{
  GtkListBoxRow       parent_instance;

  SbAnswers          *answers;
  const SbField      *table;
  SbValidationReport *report;
  GHashTable         *row_problems;   /* row number -> SbSeverity + 1 */

  GListStore         *rows;           /* SbTableRowItem, one per row, in stored order */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkMultiSelection  *selection;
  char               *search;         /* casefolded, or NULL */

  GtkWidget          *stack;          /* "table" or "row" */
  GtkWidget          *column_view;
  GtkWidget          *scrolled;
  GtkWidget          *count_label;
  GtkWidget          *action_box;
  GtkWidget          *search_entry;
  GtkWidget          *no_match_label;
  GtkWidget          *edit_button;
  GtkWidget          *duplicate_button;
  GtkWidget          *delete_button;
  GtkWidget          *totals_label;
  GtkWidget          *findings_box;
  char               *description;    /* the shown messages, as the column view's accessible description */

  SbRowEditor        *editor;         /* the row open now, or NULL */
  guint               editor_row;     /* its row; G_MAXUINT for a new one */
  SbFileStore        *file_store;     /* for the row editors' attachments */
  SbCalendar         *calendar;

  guint               cursor_row;     /* the cell the person is at, G_MAXUINT: none */
  const SbField      *cursor_column;
};

G_DEFINE_FINAL_TYPE (SbTableEditor, sb_table_editor, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  LEFT,
  ROW_DELETED,
  ROWS_REPLACED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static guint
item_row (GtkListItem *item)
{
  return sb_table_row_item_get_index (gtk_list_item_get_item (item));
}

static JsonObject *
row_object (SbTableEditor *self,
            guint          row)
{
  JsonNode *node = sb_answers_get_field_json (self->answers, self->table->id);
  JsonNode *element;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || row >= json_array_get_length (json_node_get_array (node)))
    return NULL;
  element = json_array_get_element (json_node_get_array (node), row);
  return JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
}

/* Names and ID numbers say which row is which: they are never cut short
 * while other columns could give way. */
static gboolean
column_identifies (const SbField *column)
{
  static const char * const ids[] = { "name", "id_no", "id_code", "parcel_no", NULL };

  if (column->type == SB_FIELD_RESIDENT_ID || column->type == SB_FIELD_CREDIT_CODE
      || column->type == SB_FIELD_ID_DOCUMENT)
    return TRUE;
  if (column->type != SB_FIELD_TEXT)
    return FALSE;
  return column->index == 0 || g_strv_contains (ids, column->id) ||
         g_str_has_suffix (column->id, "_name") || g_str_has_suffix (column->id, "_no");
}

/* How narrow a cell may get before it is cut short: an option's text
 * (大学本科) or a date whole, free text from eight characters. */
static int
cell_width_chars (const SbField *column)
{
  int width = 8;

  switch (column->type)
    {
    case SB_FIELD_CHOICE:
    case SB_FIELD_MULTICHOICE:
      width = 2;
      for (guint i = 0; column->choices != NULL && i < column->choices->len; i++)
        {
          SbChoice *choice = g_ptr_array_index (column->choices, i);

          width = MAX (width, (int) g_utf8_strlen (sb_text_get (&choice->label), -1) * 2);
        }
      return MIN (width, 16);
    case SB_FIELD_DATE:
      return 10;
    case SB_FIELD_BOOLEAN:
    case SB_FIELD_TIME:
      return 4;
    default:
      return width;
    }
}

/* The label without a unit it ends with in brackets: "面积（亩）" -> "面积". */
static char *
label_without_unit (const SbField *column)
{
  const char *label = sb_text_get (&column->label);
  const char *unit = column->unit;
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;

  if (unit == NULL)
    return g_strdup (label);
  zh = g_strdup_printf ("（%s）", unit);
  en = g_strdup_printf (" (%s)", unit);
  if (g_str_has_suffix (label, zh))
    return g_strndup (label, strlen (label) - strlen (zh));
  if (g_str_has_suffix (label, en))
    return g_strndup (label, strlen (label) - strlen (en));
  return g_strdup (label);
}

/* A column's header says its unit once; its cells then give the number. */
static char *
header_text (const SbField *column)
{
  g_autofree char *base = label_without_unit (column);

  if (column->unit == NULL)
    return g_steal_pointer (&base);
  /* Translators: a column's name and its unit, e.g. 面积（亩） */
  return g_strdup_printf (_("%s (%s)"), base, column->unit);
}

/* What a cell shows: the answer as everywhere else, but a number without
 * the unit its header already says.  Text that is not a number yet is
 * shown exactly as typed. */
static char *
cell_text (SbTableEditor *self,
           const SbField *column,
           guint          row)
{
  g_autofree char *text = sb_field_format_shown (self->answers, column, (int) row);
  g_autofree char *suffix = NULL;

  if (column->unit == NULL || sb_answers_get_cell_value (self->answers, column, row) == NULL)
    return g_steal_pointer (&text);
  suffix = g_strdup_printf (" %s", column->unit);
  if (g_str_has_suffix (text, suffix))
    text[strlen (text) - strlen (suffix)] = '\0';
  return g_steal_pointer (&text);
}

/* The row items as the view shows them: the row (stored order) of @position. */
static guint
shown_row (SbTableEditor *self,
           guint          position)
{
  g_autoptr(SbTableRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  return item != NULL ? sb_table_row_item_get_index (item) : G_MAXUINT;
}

static guint
shown_position (SbTableEditor *self,
                guint          row)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint p = 0; p < n; p++)
    if (shown_row (self, p) == row)
      return p;
  return GTK_INVALID_LIST_POSITION;
}

static guint
first_selected_row (SbTableEditor *self)
{
  g_autoptr(GArray) rows = sb_table_editor_get_selected_rows (self);

  return rows->len > 0 ? g_array_index (rows, guint, 0) : G_MAXUINT;
}

/* The sums of the columns marked "total" over the rows @model holds (the
 * table's rows, or the ones the search shows), as "面积合计 3.20 亩 · …",
 * or with @in_list as the parts of a labelled list, "面积 3.20 亩 · …".
 * NULL when no column is summed. */
static char *
column_totals (SbTableEditor *self,
               GListModel    *model,
               gboolean       in_list)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (model);

  for (guint c = 0; c < self->table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (self->table->columns, c);
      g_autofree char *base = NULL;
      g_autofree char *sum_text = NULL;
      const char *unit_space = column->unit ? " " : "";
      const char *unit = column->unit ? column->unit : "";
      mpq_t sum;

      if (!column->total)
        continue;
      mpq_init (sum);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(SbTableRowItem) item = g_list_model_get_item (model, i);
          SbValue *value = sb_answers_get_cell_value (self->answers, column, sb_table_row_item_get_index (item));

          if (value != NULL && sb_value_get_kind (value) == SB_VALUE_NUMBER)
            mpq_add (sum, sum, sb_value_get_number (value));
        }
      sum_text = column->scale > 0 ? sb_decimal_to_string_rounded (sum, column->scale)
                                   : sb_decimal_to_string (sum, 0);
      mpq_clear (sum);
      if (sum_text == NULL)
        continue;
      base = label_without_unit (column);
      if (text->len > 0)
        g_string_append (text, _(" · "));
      if (in_list)
        /* Translators: a column's sum in a labelled list of totals, e.g. 面积 3.20 亩 */
        g_string_append_printf (text, _("%s %s%s%s"), base, sum_text, unit_space, unit);
      else
        /* Translators: a column's total, e.g. 面积合计 3.20 亩 */
        g_string_append_printf (text, _("%s total %s%s%s"), base, sum_text, unit_space, unit);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* While the search hides rows, the totals are those of the rows shown, as
 * a spreadsheet's filtered total row gives them, and the whole table's
 * stay on the line below: the total that goes on the form is never out
 * of sight. */
static void
update_totals (SbTableEditor *self)
{
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *all = column_totals (self, G_LIST_MODEL (self->rows), n_shown < n_rows);
  g_autofree char *text = NULL;

  if (all != NULL && n_shown < n_rows)
    {
      g_autofree char *shown = column_totals (self, G_LIST_MODEL (self->filtered), TRUE);
      g_autofree char *shown_line = g_strdup_printf (_("Total of shown rows: %s"), shown);
      g_autofree char *all_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Total of all %u row: %s",
                                                                "Total of all %u rows: %s", n_rows),
                                                   n_rows, all);

      text = g_strconcat (shown_line, "\n", all_line, NULL);
    }
  else
    text = g_steal_pointer (&all);

  gtk_label_set_text (GTK_LABEL (self->totals_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->totals_label, text != NULL && n_rows > 0);
}

static void
update_buttons (SbTableEditor *self)
{
  g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (self);
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  g_autofree char *count = NULL;

  if (n_shown < n_rows)
    /* Translators: rows the search finds, of all rows */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u row", "%u of %u rows", n_rows), n_shown, n_rows);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);

  gtk_label_set_text (GTK_LABEL (self->count_label), count);
  gtk_widget_set_sensitive (self->edit_button, selected->len == 1);
  gtk_widget_set_sensitive (self->duplicate_button, selected->len == 1);
  gtk_widget_set_sensitive (self->delete_button, selected->len > 0);
  gtk_widget_set_visible (self->no_match_label, n_shown == 0 && n_rows > 0);
  /* Show up to about twelve rows, then scroll. */
  gtk_widget_set_size_request (self->scrolled, -1, 40 + 34 * MIN (MAX (n_shown, 1), 12));
}

static void
reload_rows (SbTableEditor *self)
{
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (self);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < n_rows; r++)
    {
      SbTableRowItem *item = sb_table_row_item_new (r);

      sb_table_row_item_set_problem (item, GPOINTER_TO_UINT (g_hash_table_lookup (self->row_problems, GUINT_TO_POINTER (r))));
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->rows, 0, old, items->pdata, items->len);
  sb_table_editor_select_rows (self, selected);
  update_totals (self);
  update_buttons (self);
}

static gboolean
row_matches (gpointer item,
             gpointer user_data)
{
  SbTableEditor *self = user_data;
  guint row = sb_table_row_item_get_index (item);
  g_autofree char *number = NULL;

  if (self->search == NULL)
    return TRUE;
  number = g_strdup_printf ("%u", row + 1);
  if (g_str_equal (number, self->search))
    return TRUE;
  for (guint c = 0; c < self->table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (self->table->columns, c);
      g_autofree char *text = sb_field_format_shown (self->answers, column, (int) row);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, self->search) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Sorting by a column: numbers, dates and times by value, text as a
 * dictionary does; blank cells last, ties in stored order. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SbTableEditor *self = g_object_get_data (G_OBJECT (user_data), "editor");
  const SbField *column = g_object_get_data (G_OBJECT (user_data), "column");
  guint row_a = sb_table_row_item_get_index ((gpointer) a);
  guint row_b = sb_table_row_item_get_index ((gpointer) b);
  SbValue *value_a = sb_answers_get_cell_value (self->answers, column, row_a);
  SbValue *value_b = sb_answers_get_cell_value (self->answers, column, row_b);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  int result = 0;

  if (value_a != NULL && value_b != NULL && sb_value_get_kind (value_a) == sb_value_get_kind (value_b))
    {
      switch (sb_value_get_kind (value_a))
        {
        case SB_VALUE_NUMBER:
          result = mpq_cmp (sb_value_get_number (value_a), sb_value_get_number (value_b));
          break;
        case SB_VALUE_DATE:
          result = (sb_value_get_date (value_a) > sb_value_get_date (value_b)) -
                   (sb_value_get_date (value_a) < sb_value_get_date (value_b));
          break;
        case SB_VALUE_TIME:
          result = (sb_value_get_time (value_a) > sb_value_get_time (value_b)) -
                   (sb_value_get_time (value_a) < sb_value_get_time (value_b));
          break;
        default:
          break;
        }
      if (result != 0)
        return result < 0 ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }

  text_a = sb_field_format_shown (self->answers, column, (int) row_a);
  text_b = sb_field_format_shown (self->answers, column, (int) row_b);
  if ((*text_a == '\0') != (*text_b == '\0'))
    return *text_a == '\0' ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  if (result == 0 && !(value_a != NULL && value_b != NULL && sb_value_get_kind (value_a) == SB_VALUE_NUMBER))
    result = g_utf8_collate (text_a, text_b);
  if (result == 0)
    result = (row_a > row_b) - (row_a < row_b);
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  guint row_a = sb_table_row_item_get_index ((gpointer) a);
  guint row_b = sb_table_row_item_get_index ((gpointer) b);

  return row_a < row_b ? GTK_ORDERING_SMALLER : row_a > row_b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The full text of an ellipsized cell, computed when the pointer rests on
 * it: setting tooltips while binding would ask the display server where
 * the pointer is for every cell. */
static gboolean
on_cell_query_tooltip (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0' || !pango_layout_is_ellipsized (layout))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The cell last clicked is the one paste fills from. */
static void
on_cell_pressed (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  GtkWidget *label = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  SbTableEditor *self = SB_TABLE_EDITOR (gtk_widget_get_ancestor (label, SB_TYPE_TABLE_EDITOR));

  if (self == NULL || gtk_list_item_get_item (item) == NULL)
    return;
  self->cursor_row = item_row (item);
  self->cursor_column = g_object_get_data (G_OBJECT (gesture), "column");
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const SbField *column = g_object_get_data (G_OBJECT (factory), "column");
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
  g_object_set_data (G_OBJECT (click), "column", (gpointer) column);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_cell_pressed), item);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));

  gtk_label_set_xalign (GTK_LABEL (label), column->unit != NULL || column->type == SB_FIELD_INTEGER ? 1 : 0);
  if (column_identifies (column))
    /* Whole: an ID number cut to "14030219…" names no one. */
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), cell_width_chars (column));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SbTableEditor            *self)
{
  const SbField *column = g_object_get_data (G_OBJECT (factory), "column");
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (self, column, item_row (item));

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
setup_status (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (item, box);
}

static void
show_problem (SbTableRowItem *row_item,
              GParamSpec     *pspec,
              GtkWidget      *icon)
{
  guint problem = sb_table_row_item_get_problem (row_item);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), problem == SB_SEVERITY_ERROR + 1 ? "dialog-error-symbolic"
                                                  : problem == SB_SEVERITY_WARNING + 1 ? "dialog-warning-symbolic"
                                                  : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  problem == SB_SEVERITY_ERROR + 1 ? _("This row has a problem") : "", -1);
}

/* The status icon follows the row's problem: a check that changes it
 * updates the rows on screen without rebuilding the list.  The number is
 * the row's in the applicant's order, whatever the sorting. */
static void
bind_status (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             SbTableEditor            *self)
{
  SbTableRowItem *row_item = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *number = g_strdup_printf ("%u", sb_table_row_item_get_index (row_item) + 1);

  gtk_label_set_text (GTK_LABEL (label), number);
  show_problem (row_item, NULL, icon);
  g_signal_connect_object (row_item, "notify::problem", G_CALLBACK (show_problem), icon, 0);
}

static void
unbind_status (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               SbTableEditor            *self)
{
  GtkWidget *icon = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_problem, icon);
}

static void
add_column (SbTableEditor *self,
            const SbField *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  g_autofree char *title = column ? header_text (column) : g_strdup ("#");
  GtkSorter *sorter;

  if (column != NULL)
    {
      g_object_set_data (G_OBJECT (factory), "column", (gpointer) column);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (setup_status), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_status), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_status), self);
    }

  view_column = gtk_column_view_column_new (title, factory);
  if (column != NULL)
    {
      GtkCustomSorter *custom = gtk_custom_sorter_new (compare_rows, NULL, NULL);

      /* The sorter's function reads both from its own object data, so
       * that one function serves every column. */
      g_object_set_data (G_OBJECT (custom), "editor", self);
      g_object_set_data (G_OBJECT (custom), "column", (gpointer) column);
      gtk_custom_sorter_set_sort_func (custom, compare_rows, custom, NULL);
      sorter = GTK_SORTER (custom);
      /* Text that gives way takes the room left; names and numbers keep
       * their width. */
      gtk_column_view_column_set_expand (view_column, !column_identifies (column) && column->unit == NULL &&
                                                      column->type == SB_FIELD_TEXT);
    }
  else
    sorter = GTK_SORTER (gtk_custom_sorter_new (compare_numbers, NULL, NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (view_column, column != NULL);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);
  g_object_unref (view_column);
}

/* Looks for the row showing number @row in the grid, to give it the focus. */
static GtkWidget *
find_row_widget (GtkWidget  *widget,
                 const char *number)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), number) == 0 &&
          GTK_IS_BOX (gtk_widget_get_parent (child)) && GTK_IS_IMAGE (gtk_widget_get_first_child (gtk_widget_get_parent (child))))
        return child;
      found = find_row_widget (child, number);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
focus_row_idle (gpointer user_data)
{
  SbTableEditor *self = user_data;
  g_autofree char *number = NULL;
  GtkWidget *label;

  if (self->cursor_row == G_MAXUINT || self->editor != NULL)
    return G_SOURCE_REMOVE;
  number = g_strdup_printf ("%u", self->cursor_row + 1);
  label = find_row_widget (self->column_view, number);
  /* The row of the column view that holds the number takes the focus. */
  for (GtkWidget *w = label; w != NULL && w != self->column_view; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_focusable (w) && gtk_widget_grab_focus (w))
      return G_SOURCE_REMOVE;
  gtk_widget_grab_focus (self->column_view);
  return G_SOURCE_REMOVE;
}

/* Selects @row, brings it into view and gives it the keyboard focus. */
static void
focus_row (SbTableEditor *self,
           guint          row)
{
  guint position = shown_position (self, row);
  GtkWidget *list_view;

  self->cursor_row = row;
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* The column view's list scrolls itself to an item on its own action. */
  for (list_view = gtk_widget_get_first_child (self->column_view);
       list_view != NULL && !GTK_IS_LIST_VIEW (list_view);
       list_view = gtk_widget_get_next_sibling (list_view))
    ;
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", position);
  g_idle_add_full (G_PRIORITY_LOW, focus_row_idle, g_object_ref (self), g_object_unref);
}

static void
close_editor (SbTableEditor *self)
{
  SbRowEditor *editor = self->editor;

  if (editor == NULL)
    return;
  self->editor = NULL;
  g_signal_handlers_disconnect_by_data (editor, self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "table");
  gtk_stack_remove (GTK_STACK (self->stack), GTK_WIDGET (editor));
}

static JsonNode *
table_copy (SbTableEditor *self)
{
  JsonNode *node = sb_answers_get_field_json (self->answers, self->table->id);
  g_autoptr(JsonArray) empty = NULL;

  /* Deep: the rows kept for an Undo must not change with the answers. */
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return sb_json_deep_copy (node);
  empty = json_array_new ();
  return json_node_init_array (json_node_alloc (), empty);
}

/* Callbacks */

static void
on_editor_done (SbRowEditor   *editor,
                SbTableEditor *self)
{
  JsonObject *values = sb_row_editor_get_values (editor);
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  guint row = self->editor_row;

  if (row == G_MAXUINT || row >= n_rows)
    {
      row = n_rows;
      sb_answers_insert_row (self->answers, self->table->id, row, values);
    }
  else
    {
      sb_answers_remove_row (self->answers, self->table->id, row);
      sb_answers_insert_row (self->answers, self->table->id, row, values);
    }
  close_editor (self);
  reload_rows (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  focus_row (self, row);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
on_editor_cancelled (SbRowEditor   *editor,
                     SbTableEditor *self)
{
  guint row = self->editor_row;

  close_editor (self);
  if (row != G_MAXUINT)
    focus_row (self, row);
  else
    gtk_widget_grab_focus (self->column_view);
}

static void
on_add_clicked (GtkButton     *button,
                SbTableEditor *self)
{
  sb_table_editor_add_row (self);
}

static void
on_edit_clicked (GtkButton     *button,
                 SbTableEditor *self)
{
  guint row = first_selected_row (self);

  if (row != G_MAXUINT)
    sb_table_editor_edit_row (self, row);
}

static void
on_duplicate_clicked (GtkButton     *button,
                      SbTableEditor *self)
{
  guint row = first_selected_row (self);
  JsonObject *object = row != G_MAXUINT ? row_object (self, row) : NULL;
  g_autoptr(JsonNode) copy = NULL;

  if (row == G_MAXUINT)
    return;

  if (object != NULL)
    {
      JsonNode *wrapper = json_node_init_object (json_node_alloc (), object);

      copy = json_node_copy (wrapper);
      json_node_unref (wrapper);
    }
  sb_answers_insert_row (self->answers, self->table->id, row + 1, copy ? json_node_get_object (copy) : NULL);
  reload_rows (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  focus_row (self, row + 1);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
on_delete_clicked (GtkButton     *button,
                   SbTableEditor *self)
{
  g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (self);
  guint row;
  JsonObject *object;
  g_autoptr(JsonNode) copy = NULL;

  if (selected->len == 0)
    return;

  /* Several rows: one step, one Undo for all of them. */
  if (selected->len > 1)
    {
      g_autoptr(JsonNode) previous = table_copy (self);
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row deleted", "%u rows deleted",
                                                               selected->len), selected->len);

      for (guint i = selected->len; i > 0; i--)
        sb_answers_remove_row (self->answers, self->table->id, g_array_index (selected, guint, i - 1));
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      reload_rows (self);
      g_signal_emit (self, signals[CHANGED], 0);
      g_signal_emit (self, signals[ROWS_REPLACED], 0, message, previous);
      g_signal_emit (self, signals[LEFT], 0);
      return;
    }

  row = g_array_index (selected, guint, 0);
  object = row_object (self, row);
  if (object != NULL)
    {
      JsonNode *wrapper = json_node_init_object (json_node_alloc (), object);

      copy = json_node_copy (wrapper);
      json_node_unref (wrapper);
    }
  else
    {
      g_autoptr(JsonObject) empty = json_object_new ();

      copy = json_node_init_object (json_node_alloc (), empty);
    }

  sb_answers_remove_row (self->answers, self->table->id, row);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  reload_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[ROW_DELETED], 0, row, copy);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
on_activate (GtkColumnView *view,
             guint          position,
             SbTableEditor *self)
{
  guint row = shown_row (self, position);

  if (row != G_MAXUINT)
    sb_table_editor_edit_row (self, row);
}

static void
on_selection_changed (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      SbTableEditor     *self)
{
  guint row = first_selected_row (self);

  /* A row reached by the keyboard: its first column, unless a cell of
   * it was clicked. */
  if (row != G_MAXUINT && row != self->cursor_row)
    {
      self->cursor_row = row;
      self->cursor_column = NULL;
    }
  update_buttons (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   SbTableEditor  *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_totals (self);
  update_buttons (self);
}

static GtkWidget *
tool_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  return button;
}

/* GObject overrides */

static void
sb_table_editor_dispose (GObject *object)
{
  SbTableEditor *self = SB_TABLE_EDITOR (object);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  self->editor = NULL;
  g_clear_object (&self->answers);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_pointer (&self->row_problems, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  g_clear_object (&self->file_store);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (sb_table_editor_parent_class)->dispose (object);
}

static void
sb_table_editor_class_init (SbTableEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_table_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  signals[LEFT] = g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  signals[ROW_DELETED] = g_signal_new ("row-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 2, G_TYPE_UINT, JSON_TYPE_NODE);
  signals[ROWS_REPLACED] = g_signal_new ("rows-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, JSON_TYPE_NODE);
}

static void
sb_table_editor_init (SbTableEditor *self)
{
  self->row_problems = g_hash_table_new (NULL, NULL);
  self->cursor_row = G_MAXUINT;
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
}

/* Public API */

SbTableEditor *
sb_table_editor_new (SbAnswers     *answers,
                     const SbField *table)
{
  SbTableEditor *self;
  GtkWidget *box, *header, *title, *tools, *buttons, *add;
  g_autofree char *search_label = NULL;
  GtkSorter *sorter;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);

  self = g_object_new (SB_TYPE_TABLE_EDITOR, NULL);
  self->answers = g_object_ref (answers);
  self->table = table;

  self->stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_widget_set_margin_start (self->stack, 12);
  gtk_widget_set_margin_end (self->stack, 12);
  gtk_widget_set_margin_top (self->stack, 10);
  gtk_widget_set_margin_bottom (self->stack, 10);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (sb_text_get (&table->label));
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), self->count_label);
  gtk_box_append (GTK_BOX (box), header);

  if (table->help.zh_CN != NULL)
    {
      GtkWidget *help = gtk_label_new (sb_text_get (&table->help));

      gtk_label_set_wrap (GTK_LABEL (help), TRUE);
      gtk_label_set_xalign (GTK_LABEL (help), 0);
      gtk_widget_add_css_class (help, "dim-label");
      gtk_widget_add_css_class (help, "caption");
      gtk_box_append (GTK_BOX (box), help);
    }

  /* The table's own tools: other buttons (from the action box), then the
   * search box. */
  tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->action_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->action_box, "table-actions");
  self->search_entry = gtk_search_entry_new ();
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_widget_set_halign (self->search_entry, GTK_ALIGN_END);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->search_entry), 16);
  g_object_set (self->search_entry, "placeholder-text", _("Search rows"), NULL);
  /* Translators: the search box of a table, e.g. 搜索：从业人员名册 */
  search_label = g_strdup_printf (_("Search %s"), sb_text_get (&table->label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, search_label, -1);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_box_append (GTK_BOX (tools), self->action_box);
  gtk_box_append (GTK_BOX (tools), self->search_entry);
  gtk_box_append (GTK_BOX (box), tools);

  self->rows = g_list_store_new (SB_TYPE_TABLE_ROW_ITEM);
  self->filter = gtk_custom_filter_new (row_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered), NULL);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (self->sorted));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sb_text_get (&table->label), -1);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);

  add_column (self, NULL);
  for (guint c = 0; c < table->columns->len; c++)
    add_column (self, g_ptr_array_index (table->columns, c));
  sorter = gtk_column_view_get_sorter (GTK_COLUMN_VIEW (self->column_view));
  gtk_sort_list_model_set_sorter (self->sorted, sorter);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->column_view);
  gtk_widget_add_css_class (self->scrolled, "card");
  gtk_box_append (GTK_BOX (box), self->scrolled);

  self->no_match_label = gtk_label_new (_("No row matches the search."));
  gtk_label_set_xalign (GTK_LABEL (self->no_match_label), 0);
  gtk_widget_add_css_class (self->no_match_label, "dim-label");
  gtk_widget_set_visible (self->no_match_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->no_match_label);

  self->totals_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->totals_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->totals_label), 1);
  gtk_label_set_selectable (GTK_LABEL (self->totals_label), FALSE);
  gtk_widget_add_css_class (self->totals_label, "table-totals");
  gtk_widget_add_css_class (self->totals_label, "numeric");
  gtk_widget_set_visible (self->totals_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->totals_label);

  /* The buttons wrap onto a second line in a narrow window. */
  buttons = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 4);
  /* Homogeneous: a flow box of unequal children asks for too little
   * height once they wrap, and the next question was drawn over them. */
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (buttons), TRUE);
  gtk_widget_set_halign (buttons, GTK_ALIGN_START);
  add = tool_button ("list-add-symbolic", _("_Add Row"));
  self->edit_button = tool_button ("document-edit-symbolic", _("_Edit"));
  self->duplicate_button = tool_button ("edit-copy-symbolic", _("D_uplicate"));
  self->delete_button = tool_button ("user-trash-symbolic", _("_Delete"));
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked), self);
  g_signal_connect (self->duplicate_button, "clicked", G_CALLBACK (on_duplicate_clicked), self);
  g_signal_connect (self->delete_button, "clicked", G_CALLBACK (on_delete_clicked), self);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), add);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), self->edit_button);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), self->duplicate_button);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons), self->delete_button);
  gtk_box_append (GTK_BOX (box), buttons);

  self->findings_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_visible (self->findings_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->findings_box);

  gtk_stack_add_named (GTK_STACK (self->stack), box, "table");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), self->stack);
  /* Paste, copy, import, export and the template (sb-table-import-page.c). */
  sb_table_import_page_new (self);
  reload_rows (self);
  return self;
}

const SbField *
sb_table_editor_get_field (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return self->table;
}

SbAnswers *
sb_table_editor_get_answers (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return self->answers;
}

void
sb_table_editor_reload (SbTableEditor *self)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  reload_rows (self);
}

void
sb_table_editor_set_report (SbTableEditor      *self,
                            SbValidationReport *report,
                            gboolean            show)
{
  g_autofree char *prefix = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *findings;
  GtkWidget *child;
  gboolean has_error = FALSE;
  guint shown = 0, hidden = 0;

  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  g_clear_pointer (&self->report, sb_validation_report_unref);
  self->report = report ? sb_validation_report_ref (report) : NULL;
  g_hash_table_unref (self->row_problems);
  self->row_problems = g_hash_table_new (NULL, NULL);

  while ((child = gtk_widget_get_first_child (self->findings_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings_box), child);

  prefix = g_strdup_printf ("%s[]", self->table->id);
  findings = report ? sb_validation_report_get_findings (report) : NULL;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      const char *message = sb_finding_get_message (finding);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (finding->field == NULL || finding->severity == SB_SEVERITY_INFO ||
          !(g_str_equal (finding->field, self->table->id) || g_str_has_prefix (finding->field, prefix)))
        continue;

      if (finding->row >= 0)
        {
          guint old = GPOINTER_TO_UINT (g_hash_table_lookup (self->row_problems, GINT_TO_POINTER (finding->row)));

          if (old == 0 || finding->severity + 1 < old)
            g_hash_table_insert (self->row_problems, GINT_TO_POINTER (finding->row),
                                 GUINT_TO_POINTER (finding->severity + 1));
        }

      /* Under the table: each problem once, with the row it is in. */
      if (finding->row >= 0)
        {
          g_autofree char *row_name = g_strdup_printf (_("Row %d"), finding->row + 1);

          /* A message that already says its row is not told it twice. */
          text = strstr (message, row_name) != NULL ? g_strdup (message)
                                                    : g_strdup_printf (_("Row %d: %s"), finding->row + 1, message);
        }
      else
        text = g_strdup (message);
      if (!show || !g_hash_table_add (seen, g_strdup (text)))
        continue;
      if (shown >= 8)
        {
          hidden++;
          continue;
        }
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, finding->severity == SB_SEVERITY_ERROR ? "error" : "warning");
      gtk_box_append (GTK_BOX (self->findings_box), label);
      shown++;
      has_error |= finding->severity == SB_SEVERITY_ERROR;
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append (description, text);
    }
  if (hidden > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more problem: the rows marked in the table",
                                                            "and %u more problems: the rows marked in the table", hidden),
                                               hidden);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->findings_box), label);
    }
  gtk_widget_set_visible (self->findings_box, shown > 0);

  /* As for the other questions: a screen reader hears the messages under
   * the table with the table, and an error marks it invalid.  This runs on
   * every keystroke; only a change is passed on. */
  if (g_strcmp0 (self->description, description->len > 0 ? description->str : NULL) != 0)
    {
      g_clear_pointer (&self->description, g_free);
      if (description->len > 0)
        {
          self->description = g_strdup (description->str);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          self->description, -1);
        }
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_STATE_INVALID,
                                   has_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
    }

  /* Each row takes its new problem; only rows whose problem changed
   * redraw their icon. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) != sb_answers_get_row_count (self->answers, self->table->id))
    reload_rows (self);
  else
    {
      for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); r++)
        {
          g_autoptr(SbTableRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), r);

          sb_table_row_item_set_problem (item, GPOINTER_TO_UINT (g_hash_table_lookup (self->row_problems, GUINT_TO_POINTER (r))));
        }
      update_totals (self);
    }
}

void
sb_table_editor_restore_row (SbTableEditor *self,
                             guint          row,
                             JsonNode      *copy)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  row = MIN (row, sb_answers_get_row_count (self->answers, self->table->id));
  sb_answers_insert_row (self->answers, self->table->id, row,
                         copy && JSON_NODE_HOLDS_OBJECT (copy) ? json_node_get_object (copy) : NULL);
  reload_rows (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  focus_row (self, row);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
open_editor (SbTableEditor *self,
             guint          row)
{
  self->editor_row = row;
  self->editor = sb_row_editor_new (self->answers, self->table, row == G_MAXUINT ? -1 : (int) row);
  sb_row_editor_set_file_store (self->editor, self->file_store);
  sb_row_editor_set_calendar (self->editor, self->calendar);
  g_signal_connect (self->editor, "done", G_CALLBACK (on_editor_done), self);
  g_signal_connect (self->editor, "cancelled", G_CALLBACK (on_editor_cancelled), self);
  gtk_stack_add_named (GTK_STACK (self->stack), GTK_WIDGET (self->editor), "row");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "row");
  sb_row_editor_focus_first (self->editor);
}

void
sb_table_editor_edit_row (SbTableEditor *self,
                          guint          row)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  if (row >= sb_answers_get_row_count (self->answers, self->table->id) || self->editor != NULL)
    return;
  open_editor (self, row);
}

void
sb_table_editor_add_row (SbTableEditor *self)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  if (self->editor != NULL)
    return;
  open_editor (self, G_MAXUINT);
}

/* Whether @values holds anything a person typed or chose. */
static gboolean
row_has_answers (JsonObject *values)
{
  g_autoptr(GList) members = values ? json_object_get_members (values) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (values, l->data);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          *json_node_get_string (node) == '\0')
        continue;
      if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) == 0)
        continue;
      return TRUE;
    }
  return FALSE;
}

void
sb_table_editor_keep_open_row (SbTableEditor *self)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  if (self->editor == NULL)
    return;
  /* A new row nothing was typed into is no row; anything else is kept
   * exactly as typed, problems and all, as Done twice would keep it. */
  if (self->editor_row == G_MAXUINT && !row_has_answers (sb_row_editor_get_values (self->editor)))
    on_editor_cancelled (self->editor, self);
  else
    on_editor_done (self->editor, self);
}

SbRowEditor *
sb_table_editor_get_row_editor (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return self->editor;
}

void
sb_table_editor_set_file_store (SbTableEditor *self,
                                SbFileStore   *store)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));
  g_return_if_fail (store == NULL || SB_IS_FILE_STORE (store));

  g_set_object (&self->file_store, store);
}

void
sb_table_editor_set_calendar (SbTableEditor *self,
                              SbCalendar    *calendar)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  g_set_object (&self->calendar, calendar);
}

const char *
sb_table_editor_get_accessible_description (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return self->description;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

GArray *
sb_table_editor_get_selected_rows (SbTableEditor *self)
{
  GArray *rows;
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  rows = g_array_new (FALSE, FALSE, sizeof (guint));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      guint row = shown_row (self, position);

      if (row != G_MAXUINT)
        g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_guint);
  return rows;
}

void
sb_table_editor_select_rows (SbTableEditor *self,
                             GArray        *rows)
{
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  g_autoptr(GtkBitset) mask = NULL;
  guint n;

  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    g_hash_table_add (set, GUINT_TO_POINTER (g_array_index (rows, guint, i) + 1));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  for (guint p = 0; p < n && g_hash_table_size (set) > 0; p++)
    if (g_hash_table_contains (set, GUINT_TO_POINTER (shown_row (self, p) + 1)))
      gtk_bitset_add (wanted, p);
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, mask);
}

gboolean
sb_table_editor_get_focused_cell (SbTableEditor  *self,
                                  guint          *row,
                                  const char    **column_id)
{
  const SbField *column;

  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), FALSE);

  if (self->cursor_row == G_MAXUINT || self->cursor_row >= sb_answers_get_row_count (self->answers, self->table->id))
    return FALSE;
  column = self->cursor_column ? self->cursor_column : g_ptr_array_index (self->table->columns, 0);
  if (row != NULL)
    *row = self->cursor_row;
  if (column_id != NULL)
    *column_id = column->id;
  return TRUE;
}

void
sb_table_editor_replace_rows (SbTableEditor *self,
                              guint          position,
                              guint          n_replaced,
                              GPtrArray     *rows)
{
  g_autoptr(JsonNode) previous = NULL;
  g_autofree char *message = NULL;
  guint n_rows;
  guint n_new;

  g_return_if_fail (SB_IS_TABLE_EDITOR (self));
  g_return_if_fail (rows != NULL);

  n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  position = MIN (position, n_rows);
  n_replaced = MIN (n_replaced, n_rows - position);
  n_new = rows->len;
  previous = table_copy (self);

  /* A row being edited would be written back over what came. */
  if (self->editor != NULL)
    close_editor (self);

  for (guint i = 0; i < n_replaced; i++)
    sb_answers_remove_row (self->answers, self->table->id, position);
  for (guint i = 0; i < n_new; i++)
    sb_answers_insert_row (self->answers, self->table->id, position + i, g_ptr_array_index (rows, i));

  if (n_replaced > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row replaced", "%u rows replaced", MAX (n_new, n_replaced)),
                               MAX (n_new, n_replaced));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row added", "%u rows added", n_new), n_new);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  reload_rows (self);
  {
    g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint i = 0; i < n_new; i++)
      {
        guint row = position + i;

        g_array_append_val (added, row);
      }
    sb_table_editor_select_rows (self, added);
  }
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[ROWS_REPLACED], 0, message, previous);
  g_signal_emit (self, signals[LEFT], 0);
}

void
sb_table_editor_set_rows (SbTableEditor *self,
                          GPtrArray     *rows)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  sb_table_editor_replace_rows (self, 0, sb_answers_get_row_count (self->answers, self->table->id), rows);
}

void
sb_table_editor_restore_rows (SbTableEditor *self,
                              JsonNode      *previous)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  if (self->editor != NULL)
    close_editor (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  sb_answers_set_field (self->answers, self->table->id,
                        previous != NULL && JSON_NODE_HOLDS_ARRAY (previous) ? previous : NULL);
  reload_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[LEFT], 0);
}

GtkBox *
sb_table_editor_get_action_box (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return GTK_BOX (self->action_box);
}
