/* sb-row-dialog.c — one row of a table, edited question by question
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-row-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-row-dialog.h"

struct _SbRowDialog
{
  AdwWindow      parent_instance;

  SbAnswers     *answers;
  const SbField *table;
  guint          row;
  GPtrArray     *cells;   /* SbFieldRow*, one per column */
  AdwToastOverlay *toasts;
  GWeakRef       origin;  /* the widget in the main window the row belongs to */
};

G_DEFINE_FINAL_TYPE (SbRowDialog, sb_row_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  LEFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static JsonNode *
cell_json (SbRowDialog   *self,
           const SbField *column)
{
  JsonNode *table = sb_answers_get_field_json (self->answers, self->table->id);
  JsonArray *rows;
  JsonNode *row;

  if (table == NULL || !JSON_NODE_HOLDS_ARRAY (table))
    return NULL;
  rows = json_node_get_array (table);
  if (self->row >= json_array_get_length (rows))
    return NULL;
  row = json_array_get_element (rows, self->row);
  if (!JSON_NODE_HOLDS_OBJECT (row))
    return NULL;
  return json_object_get_member (json_node_get_object (row), column->id);
}

static void
on_cell_changed (SbFieldRow  *cell,
                 JsonNode    *value,
                 SbRowDialog *self)
{
  sb_answers_set_cell (self->answers, self->table->id, self->row, sb_field_row_get_field (cell)->id, value);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_cell_left (SbFieldRow  *cell,
              SbRowDialog *self)
{
  g_signal_emit (self, signals[LEFT], 0);
}

/* GObject overrides */

static void
sb_row_dialog_dispose (GObject *object)
{
  SbRowDialog *self = SB_ROW_DIALOG (object);

  /* A file still being read may come back to a cell after the window is
   * gone: it must not reach this dialog then. */
  for (guint c = 0; self->cells != NULL && c < self->cells->len; c++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->cells, c), self);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_object (&self->answers);
  g_weak_ref_set (&self->origin, NULL);

  G_OBJECT_CLASS (sb_row_dialog_parent_class)->dispose (object);
}

static void
sb_row_dialog_class_init (SbRowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_row_dialog_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  signals[LEFT] = g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sb_row_dialog_init (SbRowDialog *self)
{
  self->cells = g_ptr_array_new ();
  g_weak_ref_init (&self->origin, NULL);
}

/* Public API */

SbRowDialog *
sb_row_dialog_new (SbAnswers     *answers,
                   const SbField *table,
                   guint          row)
{
  SbRowDialog *self;
  g_autofree char *title = NULL;
  GtkWidget *box, *header, *done, *scrolled, *clamp, *list;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);

  self = g_object_new (SB_TYPE_ROW_DIALOG, "modal", TRUE, "default-width", 600, "default-height", 680, NULL);
  self->answers = g_object_ref (answers);
  self->table = table;
  self->row = row;

  /* Translators: the table's name and a row number, e.g. 从业人员 · 第 3 行 */
  title = g_strdup_printf (_("%s · Row %u"), sb_text_get (&table->label), row + 1);
  gtk_window_set_title (GTK_WINDOW (self), title);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  done = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_add_css_class (done, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "window.close");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), done);
  gtk_box_append (GTK_BOX (box), header);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint c = 0; c < table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);
      SbFieldRow *cell;

      /* Computed columns are worked out, not typed. */
      if (column->computed != NULL || column->type == SB_FIELD_TABLE)
        continue;

      cell = sb_field_row_new (column);
      sb_field_row_set_value (cell, cell_json (self, column));
      g_signal_connect (cell, "changed", G_CALLBACK (on_cell_changed), self);
      g_signal_connect (cell, "left", G_CALLBACK (on_cell_left), self);
      g_ptr_array_add (self->cells, cell);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (cell));
    }

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_top (list, 18);
  gtk_widget_set_margin_bottom (list, 18);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);

  /* Messages about this row show here: the main window's are hidden
   * behind this modal window. */
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
  return self;
}

guint
sb_row_dialog_get_row (SbRowDialog *self)
{
  g_return_val_if_fail (SB_IS_ROW_DIALOG (self), 0);

  return self->row;
}

void
sb_row_dialog_show_message (SbRowDialog *self,
                            const char  *text)
{
  AdwToast *toast;

  g_return_if_fail (SB_IS_ROW_DIALOG (self));
  g_return_if_fail (text != NULL);

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

void
sb_row_dialog_set_origin (SbRowDialog *self,
                          GtkWidget   *origin)
{
  g_return_if_fail (SB_IS_ROW_DIALOG (self));
  g_return_if_fail (origin == NULL || GTK_IS_WIDGET (origin));

  g_weak_ref_set (&self->origin, origin);
}

GtkWidget *
sb_row_dialog_dup_origin (SbRowDialog *self)
{
  g_return_val_if_fail (SB_IS_ROW_DIALOG (self), NULL);

  return g_weak_ref_get (&self->origin);
}

void
sb_row_dialog_set_file_store (SbRowDialog *self,
                              SbFileStore *store)
{
  g_return_if_fail (SB_IS_ROW_DIALOG (self));

  for (guint c = 0; c < self->cells->len; c++)
    sb_field_row_set_file_store (g_ptr_array_index (self->cells, c), store);
}

void
sb_row_dialog_set_report (SbRowDialog        *self,
                          SbValidationReport *report)
{
  GPtrArray *findings;

  g_return_if_fail (SB_IS_ROW_DIALOG (self));

  findings = report ? sb_validation_report_get_findings (report) : NULL;
  for (guint c = 0; c < self->cells->len; c++)
    {
      SbFieldRow *cell = g_ptr_array_index (self->cells, c);
      const SbField *column = sb_field_row_get_field (cell);
      g_autofree char *path = g_strdup_printf ("%s[].%s", self->table->id, column->id);
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();

      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);

          if (finding->row == (int) self->row && g_strcmp0 (finding->field, path) == 0)
            g_ptr_array_add (mine, finding);
        }
      sb_field_row_set_findings (cell, mine);
    }
}
