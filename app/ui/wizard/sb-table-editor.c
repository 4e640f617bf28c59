/* sb-table-editor.c — a table question: its rows, and ways to change them
 *
 * The rows are a GtkColumnView over a list of row numbers: cells are bound
 * when they scroll into view, so a roster of a thousand people costs the
 * widgets of the thirty on screen.  A row is edited in its own window, one
 * question per column, with the same rows and checks as the form itself.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-field-format.h"
#include "sb-row-dialog.h"
#include "sb-table-editor.h"
#include "sb-table-row-item.h"

struct _SbTableEditor
{
  GtkListBoxRow       parent_instance;

  SbAnswers          *answers;
  const SbField      *table;
  SbValidationReport *report;
  GHashTable         *row_problems;   /* row number -> SbSeverity + 1 */

  GListStore         *rows;           /* SbTableRowItem, one per row */
  GtkSingleSelection *selection;
  GtkWidget          *column_view;
  GtkWidget          *scrolled;
  GtkWidget          *count_label;
  GtkWidget          *edit_button;
  GtkWidget          *duplicate_button;
  GtkWidget          *delete_button;
  GtkWidget          *findings_box;
  char               *description;    /* the shown messages, as the column view's accessible description */
  SbRowDialog        *dialog;
  SbFileStore        *file_store;     /* for the row windows' attachments */
};

G_DEFINE_FINAL_TYPE (SbTableEditor, sb_table_editor, GTK_TYPE_LIST_BOX_ROW)

enum {
  CHANGED,
  LEFT,
  ROW_DELETED,
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

static guint
selected_row (SbTableEditor *self)
{
  SbTableRowItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? sb_table_row_item_get_index (item) : G_MAXUINT;
}

static void
update_buttons (SbTableEditor *self)
{
  gboolean has_selection = selected_row (self) != G_MAXUINT;
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);

  gtk_label_set_text (GTK_LABEL (self->count_label), count);
  gtk_widget_set_sensitive (self->edit_button, has_selection);
  gtk_widget_set_sensitive (self->duplicate_button, has_selection);
  gtk_widget_set_sensitive (self->delete_button, has_selection);
  /* Show up to about twelve rows, then scroll. */
  gtk_widget_set_size_request (self->scrolled, -1, 40 + 34 * MIN (MAX (n_rows, 1), 12));
}

static void
reload_rows (SbTableEditor *self)
{
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint selected = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < n_rows; r++)
    {
      SbTableRowItem *item = sb_table_row_item_new (r);

      sb_table_row_item_set_problem (item, GPOINTER_TO_UINT (g_hash_table_lookup (self->row_problems, GUINT_TO_POINTER (r))));
      g_ptr_array_add (items, item);
    }

  g_list_store_splice (self->rows, 0, old, items->pdata, items->len);
  if (selected != GTK_INVALID_LIST_POSITION && selected < n_rows)
    gtk_single_selection_set_selected (self->selection, selected);
  update_buttons (self);
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

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SbTableEditor            *self)
{
  const SbField *column = g_object_get_data (G_OBJECT (factory), "column");
  guint row = item_row (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  text = sb_field_format_display (self->answers, column, (int) row);
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
 * updates the rows on screen without rebuilding the list. */
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
            const char    *title,
            const SbField *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

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
  gtk_column_view_column_set_resizable (view_column, column != NULL);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), view_column);
  g_object_unref (view_column);
}

static void
on_dialog_changed (SbRowDialog   *dialog,
                   SbTableEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_dialog_left (SbRowDialog   *dialog,
                SbTableEditor *self)
{
  g_signal_emit (self, signals[LEFT], 0);
}

static void
on_dialog_destroyed (SbRowDialog   *dialog,
                     SbTableEditor *self)
{
  self->dialog = NULL;
  sb_table_editor_reload (self);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
on_add_clicked (GtkButton     *button,
                SbTableEditor *self)
{
  guint n_rows = sb_answers_get_row_count (self->answers, self->table->id);

  sb_answers_insert_row (self->answers, self->table->id, n_rows, NULL);
  reload_rows (self);
  gtk_single_selection_set_selected (self->selection, n_rows);
  g_signal_emit (self, signals[CHANGED], 0);
  sb_table_editor_edit_row (self, n_rows);
}

static void
on_edit_clicked (GtkButton     *button,
                 SbTableEditor *self)
{
  guint row = selected_row (self);

  if (row != G_MAXUINT)
    sb_table_editor_edit_row (self, row);
}

static void
on_duplicate_clicked (GtkButton     *button,
                      SbTableEditor *self)
{
  guint row = selected_row (self);
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
  gtk_single_selection_set_selected (self->selection, row + 1);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[LEFT], 0);
}

static void
on_delete_clicked (GtkButton     *button,
                   SbTableEditor *self)
{
  guint row = selected_row (self);
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
  else
    {
      g_autoptr(JsonObject) empty = json_object_new ();

      copy = json_node_init_object (json_node_alloc (), empty);
    }

  sb_answers_remove_row (self->answers, self->table->id, row);
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
  sb_table_editor_edit_row (self, position);
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      SbTableEditor      *self)
{
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

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  g_clear_object (&self->answers);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_pointer (&self->row_problems, g_hash_table_unref);

  g_clear_object (&self->file_store);
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
}

static void
sb_table_editor_init (SbTableEditor *self)
{
  self->row_problems = g_hash_table_new (NULL, NULL);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
}

/* Public API */

SbTableEditor *
sb_table_editor_new (SbAnswers     *answers,
                     const SbField *table)
{
  SbTableEditor *self;
  GtkWidget *box, *header, *title, *buttons, *add;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);

  self = g_object_new (SB_TYPE_TABLE_EDITOR, NULL);
  self->answers = g_object_ref (answers);
  self->table = table;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);

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

  self->rows = g_list_store_new (SB_TYPE_TABLE_ROW_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_column_view_set_show_column_separators (GTK_COLUMN_VIEW (self->column_view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sb_text_get (&table->label), -1);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate), self);

  add_column (self, "#", NULL);
  for (guint c = 0; c < table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);

      add_column (self, sb_text_get (&column->label), column);
    }

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->column_view);
  gtk_widget_add_css_class (self->scrolled, "card");
  gtk_box_append (GTK_BOX (box), self->scrolled);

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

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  reload_rows (self);
  return self;
}

const SbField *
sb_table_editor_get_field (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return self->table;
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
  GPtrArray *findings;
  GtkWidget *child;
  gboolean has_error = FALSE;
  guint shown = 0;

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

      /* Under the table: a short list, each line saying which row. */
      if (!show || shown >= 8)
        continue;
      text = finding->row >= 0 ? g_strdup_printf (_("Row %d: %s"), finding->row + 1, sb_finding_get_message (finding))
                               : g_strdup (sb_finding_get_message (finding));
      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, finding->severity == SB_SEVERITY_ERROR ? "error" : "warning");
      gtk_box_append (GTK_BOX (self->findings_box), label);
      shown++;
      has_error |= finding->severity == SB_SEVERITY_ERROR;
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append (description, text);
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
    for (guint r = 0; r < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); r++)
      {
        g_autoptr(SbTableRowItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), r);

        sb_table_row_item_set_problem (item, GPOINTER_TO_UINT (g_hash_table_lookup (self->row_problems, GUINT_TO_POINTER (r))));
      }
  if (self->dialog != NULL)
    sb_row_dialog_set_report (self->dialog, report);
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
  gtk_single_selection_set_selected (self->selection, row);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[LEFT], 0);
}

void
sb_table_editor_edit_row (SbTableEditor *self,
                          guint          row)
{
  GtkRoot *root;

  g_return_if_fail (SB_IS_TABLE_EDITOR (self));

  if (row >= sb_answers_get_row_count (self->answers, self->table->id) || self->dialog != NULL)
    return;

  self->dialog = sb_row_dialog_new (self->answers, self->table, row);
  sb_row_dialog_set_file_store (self->dialog, self->file_store);
  sb_row_dialog_set_origin (self->dialog, GTK_WIDGET (self));
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      int width, height;

      gtk_window_set_transient_for (GTK_WINDOW (self->dialog), GTK_WINDOW (root));
      /* On a narrow screen (a phone) the row's window fits over the main one. */
      gtk_window_get_default_size (GTK_WINDOW (self->dialog), &width, &height);
      if (gtk_widget_get_width (GTK_WIDGET (root)) > 0)
        width = MIN (width, gtk_widget_get_width (GTK_WIDGET (root)));
      if (gtk_widget_get_height (GTK_WIDGET (root)) > 0)
        height = MIN (height, gtk_widget_get_height (GTK_WIDGET (root)));
      gtk_window_set_default_size (GTK_WINDOW (self->dialog), width, height);
    }
  sb_row_dialog_set_report (self->dialog, self->report);
  g_signal_connect (self->dialog, "changed", G_CALLBACK (on_dialog_changed), self);
  g_signal_connect (self->dialog, "left", G_CALLBACK (on_dialog_left), self);
  g_signal_connect (self->dialog, "destroy", G_CALLBACK (on_dialog_destroyed), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

void
sb_table_editor_set_file_store (SbTableEditor *self,
                                SbFileStore   *store)
{
  g_return_if_fail (SB_IS_TABLE_EDITOR (self));
  g_return_if_fail (store == NULL || SB_IS_FILE_STORE (store));

  g_set_object (&self->file_store, store);
}

const char *
sb_table_editor_get_accessible_description (SbTableEditor *self)
{
  g_return_val_if_fail (SB_IS_TABLE_EDITOR (self), NULL);

  return self->description;
}
