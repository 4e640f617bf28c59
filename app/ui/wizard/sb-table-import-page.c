/* sb-table-import-page.c — a table's rows from and to spreadsheets
 *
 * Everything that reads or writes a file, or parses a paste, runs in a
 * GTask worker (the core's sb-table-*.c need no GTK); the page shows a
 * progress bar when that takes longer than 200 ms.  Nothing changes the
 * table until the person chooses in the report, and then it changes in
 * one step with one Undo (sb_table_editor_replace_rows()).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table-import"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-table-export.h"
#include "sb-table-file.h"
#include "sb-table-html.h"
#include "sb-table-import.h"
#include "sb-table-import-page.h"
#include "sb-table-text.h"

/* The report lists this many problem cells; the rest are counted. */
#define MAX_REPORT_LINES 200
#define SHOW_PROGRESS_AFTER_MS 200

typedef enum {
  MODE_IMPORT,
  MODE_PASTE,
} Mode;

struct _SbTableImportPage
{
  GtkBox          parent_instance;

  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkStack       *stack;
  GtkProgressBar *progress_bar;
  GtkListBox     *mapping_list;
  GtkCheckButton *header_check;
  GtkListBox     *report_list;
  GtkScrolledWindow *report_scrolled;
  GtkButton      *cancel_button;
  GtkButton      *continue_button;
  GtkButton      *clean_button;
  GtkButton      *all_button;

  SbTableEditor  *editor;        /* borrowed: it holds this page */
  GtkLabel       *status_label;  /* in the editor's action box */
  GCancellable   *cancellable;
  guint           progress_id;
  GtkFileChooserNative *chooser;
  gboolean        chooser_template;

  Mode            mode;
  guint           paste_position;
  SbTableGrid    *grid;
  SbTableImport  *import;
  int             found_header;  /* the header row the plan found, or 0 */
  gboolean        mapping_shown; /* the check button follows the plan */
  const char     *state;
};

G_DEFINE_FINAL_TYPE (SbTableImportPage, sb_table_import_page, GTK_TYPE_BOX)

typedef struct {
  GFile         *file;       /* or */
  GBytes        *bytes;
  gboolean       html;
  const SbField *table;
  guint          first_column;
  SbTableGrid   *grid;       /* results */
  SbTableImport *import;
} ReadJob;

typedef struct {
  const SbField *table;
  JsonArray     *rows;       /* NULL for the template */
  char          *path;
  SbTableFormat  format;
  guint          n_rows;
} WriteJob;

/* Auxiliary functions */

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->import, sb_table_import_free);
  g_clear_pointer (&job->grid, sb_table_grid_free);
  g_free (job);
}

static void
write_job_free (gpointer data)
{
  WriteJob *job = data;

  g_clear_pointer (&job->rows, json_array_unref);
  g_free (job->path);
  g_free (job);
}

static const SbField *
get_table (SbTableImportPage *self)
{
  return sb_table_editor_get_field (self->editor);
}

static GtkStack *
editor_stack (SbTableImportPage *self)
{
  return GTK_STACK (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self->editor)));
}

static JsonArray *
current_rows (SbTableImportPage *self)
{
  JsonNode *node = sb_answers_get_field_json (sb_table_editor_get_answers (self->editor), get_table (self)->id);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
set_status (SbTableImportPage *self,
            const char        *message,
            gboolean           failed)
{
  gtk_label_set_text (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
}

static void
clear_plan (SbTableImportPage *self)
{
  g_clear_pointer (&self->import, sb_table_import_free);
  g_clear_pointer (&self->grid, sb_table_grid_free);
}

static void
stop_progress (SbTableImportPage *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
}

static void
close_page (SbTableImportPage *self)
{
  stop_progress (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_plan (self);
  self->state = "";
  if (g_strcmp0 (gtk_stack_get_visible_child_name (editor_stack (self)), "import") == 0)
    gtk_stack_set_visible_child_name (editor_stack (self), "table");
}

static void
show_page (SbTableImportPage *self,
           const char        *state)
{
  gboolean mapping = g_str_equal (state, "mapping");
  gboolean report = g_str_equal (state, "report");

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), mapping);
  gtk_widget_set_visible (GTK_WIDGET (self->clean_button), report);
  gtk_widget_set_visible (GTK_WIDGET (self->all_button), report);
  gtk_stack_set_visible_child_name (editor_stack (self), "import");
  gtk_widget_grab_focus (GTK_WIDGET (mapping ? self->continue_button : report ? self->all_button : self->cancel_button));
}

static gboolean
on_progress_tick (gpointer data)
{
  SbTableImportPage *self = data;

  if (!g_str_equal (self->state, "reading"))
    show_page (self, "reading");
  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
start_progress (SbTableImportPage *self,
                const char        *title)
{
  stop_progress (self);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_label, "");
  /* Shown only if reading takes longer than a blink. */
  self->progress_id = g_timeout_add (SHOW_PROGRESS_AFTER_MS, on_progress_tick, self);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
report_row (const char *text,
            gboolean    problem)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  if (problem)
    gtk_widget_add_css_class (label, "warning");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
show_report (SbTableImportPage *self)
{
  g_autoptr(GPtrArray) lines = sb_table_import_dup_report_lines (self->import);
  GPtrArray *problems = sb_table_import_get_problems (self->import);
  guint n_rows = sb_table_import_get_n_rows (self->import);
  guint n_clean = sb_table_import_get_n_clean_rows (self->import);
  guint first_problem = lines->len - problems->len;
  g_autofree char *all = NULL;
  g_autofree char *clean = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  JsonArray *rows = current_rows (self);
  guint n_current = rows != NULL ? json_array_get_length (rows) : 0;

  clear_list (self->report_list);
  for (guint i = 0; i < first_problem; i++)
    g_string_append_printf (summary, "%s%s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (lines, i));
  if (self->mode == MODE_IMPORT && n_current > 0)
    {
      g_string_append_c (summary, '\n');
      /* Translators: %u is the number of rows the table has now */
      g_string_append_printf (summary, ngettext ("Importing replaces the table’s %u row (Undo gives it back).",
                                                 "Importing replaces the table’s %u rows (Undo gives them back).",
                                                 n_current), n_current);
    }
  gtk_label_set_text (self->summary_label, summary->str);

  for (guint i = first_problem; i < lines->len && i - first_problem < MAX_REPORT_LINES; i++)
    gtk_list_box_append (self->report_list, report_row (g_ptr_array_index (lines, i), TRUE));
  if (problems->len > MAX_REPORT_LINES)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("…and %u more problem cell.", "…and %u more problem cells.",
                                                         problems->len - MAX_REPORT_LINES),
                                               problems->len - MAX_REPORT_LINES);

      gtk_list_box_append (self->report_list, report_row (more, TRUE));
    }
  if (problems->len == 0)
    gtk_list_box_append (self->report_list, report_row (_("Every cell reads as its column expects."), FALSE));
  /* Tall enough for the first problems without scrolling; a long report
   * scrolls inside its own box. */
  gtk_scrolled_window_set_min_content_height (self->report_scrolled,
                                              (int) MIN (MAX (problems->len, 1), 8) * 40);

  /* Translators: a button; problem cells are kept as typed and marked */
  all = g_strdup_printf (ngettext ("_Import %u Row", "_Import All %u Rows", n_rows), n_rows);
  clean = g_strdup_printf (ngettext ("Only the %u _Clean Row", "Only the %u _Clean Rows", n_clean), n_clean);
  gtk_button_set_label (self->all_button, all);
  gtk_button_set_label (self->clean_button, clean);
  gtk_widget_set_sensitive (GTK_WIDGET (self->all_button), n_rows > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clean_button), n_clean > 0 && problems->len > 0);
  gtk_label_set_text (self->title_label, self->mode == MODE_PASTE ? _("Paste into the table") : _("Import into the table"));
  show_page (self, "report");
}

static void
on_mapping_selected (GtkDropDown       *drop_down,
                     GParamSpec        *pspec,
                     SbTableImportPage *self)
{
  g_autoptr(GPtrArray) columns = sb_table_importable_columns (get_table (self));
  guint file_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "file-column"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  const SbField *column = selected > 0 && selected <= columns->len ? g_ptr_array_index (columns, selected - 1) : NULL;

  if (self->import == NULL || sb_table_import_get_mapping (self->import, file_column) == column)
    return;
  sb_table_import_set_mapping (self->import, file_column, column);
  /* Another file column that filled this column now fills nothing. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkDropDown *other = GTK_DROP_DOWN (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));
      guint other_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (other), "file-column"));

      if (other != drop_down && sb_table_import_get_mapping (self->import, other_column) == NULL
          && gtk_drop_down_get_selected (other) != 0)
        gtk_drop_down_set_selected (other, 0);
    }
}

static void
show_mapping (SbTableImportPage *self)
{
  g_autoptr(GPtrArray) columns = sb_table_importable_columns (get_table (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = sb_table_import_get_n_file_columns (self->import);
  int header_row = sb_table_import_get_header_row (self->import);

  /* The check button shows the plan; its handler waits until then. */
  self->mapping_shown = FALSE;
  gtk_check_button_set_active (self->header_check, header_row >= 0);
  self->mapping_shown = TRUE;

  gtk_string_list_append (names, _("(not imported)"));
  for (guint i = 0; i < columns->len; i++)
    gtk_string_list_append (names, sb_text_get (&((SbField *) g_ptr_array_index (columns, i))->label));

  clear_list (self->mapping_list);
  for (guint c = 0; c < n; c++)
    {
      const char *header = sb_table_import_get_file_header (self->import, c);
      const SbField *column = sb_table_import_get_mapping (self->import, c);
      const char *sample = sb_table_grid_get (self->grid, (guint) (header_row + 1), c);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      guint selected = 0;

      /* Translators: a file's column without a header, by its letter position */
      title = *header != '\0' ? g_markup_escape_text (header, -1) : g_strdup_printf (_("Column %u"), c + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (*sample != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (sample, -1);
          g_autofree char *subtitle = g_strdup_printf (_("For example: %s"), escaped);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
        }
      for (guint i = 0; i < columns->len; i++)
        if (g_ptr_array_index (columns, i) == column)
          selected = i + 1;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
      gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      /* The file column the drop-down maps: the row's own datum, read back
       * only by its own handler. */
      g_object_set_data (G_OBJECT (drop_down), "file-column", GUINT_TO_POINTER (c));
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_mapping_selected), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), drop_down);
      gtk_list_box_append (self->mapping_list, row);
    }

  gtk_label_set_text (self->title_label, _("Match the file’s columns"));
  gtk_label_set_text (self->summary_label,
                      header_row < 0 ? _("The file has no header row naming the table’s columns: choose the column each of its columns fills.")
                                     : _("Some headers name no column of the table, or some columns are not in the file: choose what each of the file’s columns fills."));
  show_page (self, "mapping");
}

/* Existing rows keep the cells a paste does not cover. */
static GPtrArray *
merge_pasted_rows (SbTableImportPage *self,
                   JsonArray         *pasted,
                   guint             *n_replaced)
{
  JsonArray *existing = current_rows (self);
  guint n_existing = existing != NULL ? json_array_get_length (existing) : 0;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  guint n_file_columns = sb_table_import_get_n_file_columns (self->import);

  *n_replaced = 0;
  for (guint i = 0; i < json_array_get_length (pasted); i++)
    {
      JsonObject *cells = json_array_get_object_element (pasted, i);
      guint at = self->paste_position + i;
      JsonObject *merged;
      g_autoptr(GList) members = NULL;

      if (at < n_existing && JSON_NODE_HOLDS_OBJECT (json_array_get_element (existing, at)))
        {
          g_autoptr(JsonNode) copy = json_node_copy (json_array_get_element (existing, at));

          merged = json_object_ref (json_node_get_object (copy));
          for (guint c = 0; c < n_file_columns; c++)
            {
              const SbField *column = sb_table_import_get_mapping (self->import, c);

              if (column != NULL)
                json_object_remove_member (merged, column->id);
            }
          (*n_replaced)++;
        }
      else
        merged = json_object_new ();

      members = json_object_get_members (cells);
      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (merged, l->data, json_node_copy (json_object_get_member (cells, l->data)));
      g_ptr_array_add (rows, merged);
    }
  return rows;
}

static void
apply (SbTableImportPage *self,
       gboolean           only_clean)
{
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(GPtrArray) objects = NULL;

  if (self->import == NULL)
    return;
  rows = sb_table_import_dup_rows (self->import, only_clean);

  if (self->mode == MODE_PASTE)
    {
      guint n_replaced;

      objects = merge_pasted_rows (self, rows, &n_replaced);
      close_page (self);
      sb_table_editor_replace_rows (self->editor, self->paste_position, n_replaced, objects);
      return;
    }

  {
    guint lost = sb_table_rows_keep_attachments (get_table (self), rows, current_rows (self));

    objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    for (guint i = 0; i < json_array_get_length (rows); i++)
      g_ptr_array_add (objects, json_object_ref (json_array_get_object_element (rows, i)));
    close_page (self);
    sb_table_editor_set_rows (self->editor, objects);
    if (lost > 0)
      {
        g_autofree char *message = g_strdup_printf (ngettext ("%u attached file of the replaced rows matches no imported row and was removed (Undo gives it back).",
                                                              "%u attached files of the replaced rows match no imported row and were removed (Undo gives them back).",
                                                              lost), lost);

        set_status (self, message, TRUE);
      }
    else
      set_status (self, NULL, FALSE);
  }
}

static void
read_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  ReadJob *job = data;
  GError *error = NULL;

  if (job->file != NULL)
    job->grid = sb_table_read_file (job->file, cancellable, &error);
  else if (job->html)
    job->grid = sb_table_html_read (g_bytes_get_data (job->bytes, NULL), g_bytes_get_size (job->bytes), &error);
  else
    job->grid = sb_table_text_read (g_bytes_get_data (job->bytes, NULL), g_bytes_get_size (job->bytes), '\0', &error);

  if (job->grid == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->import = sb_table_import_new (job->table, job->grid, job->first_column);
  g_task_return_boolean (task, TRUE);
}

static void
on_read_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SbTableImportPage *self = SB_TABLE_IMPORT_PAGE (source);
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      close_page (self);
      set_status (self, error->message, TRUE);
      return;
    }
  stop_progress (self);

  clear_plan (self);
  self->grid = g_steal_pointer (&job->grid);
  self->import = g_steal_pointer (&job->import);
  self->found_header = MAX (sb_table_import_get_header_row (self->import), 0);
  self->mapping_shown = FALSE;

  if (sb_table_import_get_n_rows (self->import) == 0)
    {
      close_page (self);
      set_status (self, self->mode == MODE_PASTE ? _("The clipboard holds no rows to paste.")
                                                 : _("The file holds no rows to import."), TRUE);
      return;
    }
  set_status (self, NULL, FALSE);

  /* A clean paste goes straight in (Undo takes it back); anything else is
   * shown first. */
  if (self->mode == MODE_PASTE && sb_table_import_get_problems (self->import)->len == 0)
    {
      apply (self, FALSE);
      return;
    }
  if (self->mode == MODE_IMPORT && sb_table_import_needs_mapping (self->import))
    show_mapping (self);
  else
    show_report (self);
}

static void
start_reading (SbTableImportPage *self,
               ReadJob           *job,
               const char        *title)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_plan (self);
  job->table = get_table (self);
  start_progress (self, title);

  task = g_task_new (self, self->cancellable, on_read_done, NULL);
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, job, read_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

/* Where a paste lands: the focused cell, or after the last row.  A cell
 * that takes no text (a file, a computed sum) passes the paste on to the
 * next column that does, as the spreadsheet's columns lie after it. */
static void
paste_target (SbTableImportPage *self,
              guint             *position,
              guint             *first_column)
{
  g_autoptr(GPtrArray) columns = sb_table_importable_columns (get_table (self));
  JsonArray *rows = current_rows (self);
  const char *column_id = NULL;
  const SbField *focused = NULL;
  guint row;

  *position = rows != NULL ? json_array_get_length (rows) : 0;
  *first_column = 0;
  if (!sb_table_editor_get_focused_cell (self->editor, &row, &column_id))
    return;
  *position = row;
  for (guint i = 0; i < get_table (self)->columns->len; i++)
    if (g_strcmp0 (((SbField *) g_ptr_array_index (get_table (self)->columns, i))->id, column_id) == 0)
      focused = g_ptr_array_index (get_table (self)->columns, i);
  for (guint i = 0; focused != NULL && i < columns->len; i++)
    if (((SbField *) g_ptr_array_index (columns, i))->index >= focused->index)
      {
        *first_column = i;
        return;
      }
}

static void
paste_bytes (SbTableImportPage *self,
             GBytes            *bytes,
             gboolean           html)
{
  ReadJob *job = g_new0 (ReadJob, 1);

  self->mode = MODE_PASTE;
  paste_target (self, &self->paste_position, &job->first_column);
  job->bytes = g_bytes_ref (bytes);
  job->html = html;
  start_reading (self, job, _("Paste into the table"));
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(SbTableImportPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (text == NULL)
    {
      set_status (self, _("The clipboard holds no text to paste."), TRUE);
      return;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));
  paste_bytes (self, bytes, FALSE);
}

typedef struct {
  SbTableImportPage *self;
  GByteArray        *data;
} HtmlRead;

static void
html_read_free (HtmlRead *read)
{
  g_object_unref (read->self);
  g_byte_array_unref (read->data);
  g_free (read);
}

static void
on_html_chunk (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  HtmlRead *read = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL || read->data->len + g_bytes_get_size (chunk) > SB_TABLE_MAX_FILE_SIZE)
    {
      set_status (read->self, chunk == NULL ? error->message : _("The clipboard holds more than a table can take at once."), TRUE);
      html_read_free (read);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      g_byte_array_append (read->data, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (G_INPUT_STREAM (source), 65536, G_PRIORITY_DEFAULT, NULL, on_html_chunk, read);
      return;
    }
  {
    g_autoptr(GBytes) bytes = g_bytes_new (read->data->data, read->data->len);

    paste_bytes (read->self, bytes, TRUE);
  }
  html_read_free (read);
}

static void
on_clipboard_html (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(SbTableImportPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  HtmlRead *read;

  if (stream == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  read = g_new0 (HtmlRead, 1);
  read->self = g_object_ref (self);
  read->data = g_byte_array_new ();
  g_input_stream_read_bytes_async (stream, 65536, G_PRIORITY_DEFAULT, NULL, on_html_chunk, read);
}

static void
on_import_response (GtkNativeDialog   *dialog,
                    int                response,
                    SbTableImportPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    sb_table_import_page_import_file (self, file);
}

static void
on_export_response (GtkNativeDialog   *dialog,
                    int                response,
                    SbTableImportPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    sb_table_import_page_export_file (self, file, self->chooser_template);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  WriteJob *job = data;
  GError *error = NULL;
  gboolean ok = job->rows != NULL ? sb_table_export (job->table, job->rows, job->path, job->format, &error)
                                  : sb_table_write_template (job->table, job->path, job->format, &error);

  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_write_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  SbTableImportPage *self = SB_TABLE_IMPORT_PAGE (source);
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_status (self, error->message, TRUE);
      return;
    }
  name = g_path_get_basename (job->path);
  if (job->rows == NULL)
    message = g_strdup_printf (_("Template saved as %s."), name);
  else
    message = g_strdup_printf (ngettext ("%u row exported to %s.", "%u rows exported to %s.", job->n_rows),
                               job->n_rows, name);
  set_status (self, message, FALSE);
}

static void
add_filters (GtkFileChooser *chooser,
             gboolean        open)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, open ? _("Spreadsheets (XLSX, ODS, CSV)") : _("Excel workbook (XLSX)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  if (open)
    {
      gtk_file_filter_add_suffix (filter, "ods");
      gtk_file_filter_add_mime_type (filter, "application/vnd.oasis.opendocument.spreadsheet");
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_filter_add_suffix (filter, "tsv");
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
  if (!open)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("Comma-separated values (CSV)"));
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_chooser_add_filter (chooser, filter);
      g_object_unref (filter);
    }
}

static GtkWindow *
parent_window (SbTableImportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->editor));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Actions of the editor ("table-transfer.*") */

static gboolean
editor_is_busy (SbTableImportPage *self)
{
  /* A row being edited keeps Ctrl+V and the tools for its own entries. */
  return sb_table_editor_get_row_editor (self->editor) != NULL || self->state[0] != '\0' || self->chooser != NULL;
}

static void
on_paste (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       data)
{
  SbTableImportPage *self = data;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self->editor));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (editor_is_busy (self))
    return;
  if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING)
      || gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8")
      || gdk_content_formats_contain_mime_type (formats, "text/plain"))
    gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, g_object_ref (self));
  else if (gdk_content_formats_contain_mime_type (formats, "text/html"))
    {
      const char *mime_types[] = { "text/html", NULL };

      gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, on_clipboard_html, g_object_ref (self));
    }
  else
    set_status (self, _("The clipboard holds no cells to paste: copy cells in WPS, Excel or LibreOffice first."), TRUE);
}

static void
on_copy (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       data)
{
  SbTableImportPage *self = data;
  g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (self->editor);
  g_autoptr(JsonArray) rows = json_array_new ();
  g_autoptr(GBytes) text = NULL;
  g_autofree char *string = NULL;
  g_autofree char *message = NULL;
  JsonArray *all = current_rows (self);
  guint n_all = all != NULL ? json_array_get_length (all) : 0;

  if (sb_table_editor_get_row_editor (self->editor) != NULL)
    return;
  /* No selection copies the whole table. */
  for (guint i = 0; i < (selected->len > 0 ? selected->len : n_all); i++)
    {
      guint row = selected->len > 0 ? g_array_index (selected, guint, i) : i;

      if (row < n_all)
        json_array_add_element (rows, json_node_copy (json_array_get_element (all, row)));
    }
  text = sb_table_export_text (get_table (self), rows, '\t', FALSE);
  string = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->editor)), string);
  message = g_strdup_printf (ngettext ("%u row copied, with the header row.", "%u rows copied, with the header row.",
                                       json_array_get_length (rows)), json_array_get_length (rows));
  set_status (self, message, FALSE);
}

static void
on_import (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       data)
{
  SbTableImportPage *self = data;

  if (editor_is_busy (self))
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import a Table"), parent_window (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_export (SbTableImportPage *self,
               const char        *extension,
               gboolean           template_only)
{
  g_autofree char *name = NULL;

  if (editor_is_busy (self))
    return;
  /* Translators: the file name of a blank template, e.g. 从业人员名册（模板） */
  name = template_only ? g_strdup_printf (_("%s (template).%s"), sb_text_get (&get_table (self)->label), extension)
                       : g_strdup_printf ("%s.%s", sb_text_get (&get_table (self)->label), extension);
  g_strdelimit (name, "/\\", '_');
  self->chooser_template = template_only;
  self->chooser = gtk_file_chooser_native_new (template_only ? _("Save a Blank Template") : _("Export the Table"),
                                               parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  add_filters (GTK_FILE_CHOOSER (self->chooser), FALSE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       data)
{
  choose_export (data, g_variant_get_string (parameter, NULL), FALSE);
}

static void
on_template (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  choose_export (data, g_variant_get_string (parameter, NULL), TRUE);
}

static void
on_header_toggled (GtkCheckButton    *button,
                   SbTableImportPage *self)
{
  if (self->import == NULL || !self->mapping_shown)
    return;
  sb_table_import_set_header_row (self->import, gtk_check_button_get_active (button) ? self->found_header : -1);
  show_mapping (self);
}

/* Actions of the page ("table-import.*") */

static void
on_cancel_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  close_page (SB_TABLE_IMPORT_PAGE (widget));
}

static void
on_continue_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  SbTableImportPage *self = SB_TABLE_IMPORT_PAGE (widget);

  if (self->import != NULL)
    show_report (self);
}

static void
on_apply_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  apply (SB_TABLE_IMPORT_PAGE (widget), g_variant_get_boolean (parameter));
}

/* GObject overrides */

static void
sb_table_import_page_dispose (GObject *object)
{
  SbTableImportPage *self = SB_TABLE_IMPORT_PAGE (object);

  stop_progress (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  clear_plan (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_TABLE_IMPORT_PAGE);

  G_OBJECT_CLASS (sb_table_import_page_parent_class)->dispose (object);
}

static void
sb_table_import_page_class_init (SbTableImportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_table_import_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/wizard/sb-table-import-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, header_check);
  gtk_widget_class_bind_template_callback (widget_class, on_header_toggled);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, report_scrolled);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, clean_button);
  gtk_widget_class_bind_template_child (widget_class, SbTableImportPage, all_button);

  gtk_widget_class_install_action (widget_class, "table-import.cancel", NULL, on_cancel_action);
  gtk_widget_class_install_action (widget_class, "table-import.continue", NULL, on_continue_action);
  gtk_widget_class_install_action (widget_class, "table-import.apply", "b", on_apply_action);
}

static void
sb_table_import_page_init (SbTableImportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->state = "";
}

/* Public API */

SbTableImportPage *
sb_table_import_page_new (SbTableEditor *editor)
{
  const GActionEntry entries[] = {
    { "paste", on_paste, NULL, NULL, NULL },
    { "copy", on_copy, NULL, NULL, NULL },
    { "import", on_import, NULL, NULL, NULL },
    { "export", on_export, "s", NULL, NULL },
    { "template", on_template, "s", NULL, NULL },
  };
  SbTableImportPage *self;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkEventController *shortcuts;
  GtkWidget *import_button, *menu_button, *status;
  GtkBox *action_box;

  g_return_val_if_fail (SB_IS_TABLE_EDITOR (editor), NULL);

  self = g_object_new (SB_TYPE_TABLE_IMPORT_PAGE, NULL);
  self->editor = editor;
  gtk_stack_add_named (editor_stack (self), GTK_WIDGET (self), "import");

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (editor), "table-transfer", G_ACTION_GROUP (group));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>v"),
                                                          gtk_named_action_new ("table-transfer.paste")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>c"),
                                                          gtk_named_action_new ("table-transfer.copy")));
  gtk_widget_add_controller (GTK_WIDGET (editor), shortcuts);

  action_box = sb_table_editor_get_action_box (editor);
  import_button = gtk_button_new_with_mnemonic (_("_Import…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (import_button), "table-transfer.import");
  gtk_widget_set_tooltip_text (import_button, _("Rows from an XLSX, ODS or CSV file, e.g. a roster kept in WPS or Excel"));
  gtk_box_append (action_box, import_button);

  g_menu_append (menu, _("Paste Cells (Ctrl+V)"), "table-transfer.paste");
  g_menu_append (menu, _("Copy Rows (Ctrl+C)"), "table-transfer.copy");
  g_menu_append (menu, _("Export as XLSX…"), "table-transfer.export::xlsx");
  g_menu_append (menu, _("Export as CSV…"), "table-transfer.export::csv");
  g_menu_append (menu, _("Blank Template (XLSX)…"), "table-transfer.template::xlsx");
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("More Table Tools"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More Table Tools"), -1);
  gtk_box_append (action_box, menu_button);

  status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_visible (status, FALSE);
  gtk_box_append (action_box, status);
  self->status_label = GTK_LABEL (status);

  return self;
}

const char *
sb_table_import_page_get_state (SbTableImportPage *self)
{
  g_return_val_if_fail (SB_IS_TABLE_IMPORT_PAGE (self), "");
  return self->state;
}

void
sb_table_import_page_import_file (SbTableImportPage *self,
                                  GFile             *file)
{
  ReadJob *job;

  g_return_if_fail (SB_IS_TABLE_IMPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ReadJob, 1);
  job->file = g_object_ref (file);
  self->mode = MODE_IMPORT;
  start_reading (self, job, _("Import into the table"));
}

void
sb_table_import_page_export_file (SbTableImportPage *self,
                                  GFile             *file,
                                  gboolean           template_only)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;
  g_autofree char *path = NULL;
  SbTableFormat format;

  g_return_if_fail (SB_IS_TABLE_IMPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      set_status (self, _("Choose a folder on this computer."), TRUE);
      return;
    }
  /* A name without an extension gets the XLSX one. */
  if (!sb_table_format_from_path (path, &format, NULL))
    {
      char *with_extension = g_strconcat (path, ".xlsx", NULL);

      g_free (path);
      path = with_extension;
      format = SB_TABLE_FORMAT_XLSX;
    }

  job = g_new0 (WriteJob, 1);
  job->table = get_table (self);
  job->path = g_steal_pointer (&path);
  job->format = format;
  if (!template_only)
    {
      JsonArray *rows = current_rows (self);

      /* A deep copy: the worker must not read what typing changes. */
      job->rows = json_array_new ();
      for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
        json_array_add_element (job->rows, json_node_copy (json_array_get_element (rows, i)));
      job->n_rows = json_array_get_length (job->rows);
    }

  task = g_task_new (self, NULL, on_write_done, NULL);
  g_task_set_source_tag (task, sb_table_import_page_export_file);
  g_task_set_task_data (task, job, write_job_free);
  g_task_run_in_thread (task, write_in_thread);
}
