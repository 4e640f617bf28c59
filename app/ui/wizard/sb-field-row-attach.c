/* sb-field-row-attach.c — picking and storing the files of an attachment question
 *
 * The file is copied into the file store (hashed on the way) in a worker
 * thread; the row shows a spinner meanwhile.  A problem is told where the
 * person is looking: in a table row's window when the row is in one,
 * otherwise as a toast of the wizard (the wizard.toast action), which is
 * also where it goes when a row's window was closed before the file was
 * read.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-field-row-private.h"
#include "sb-row-dialog.h"

typedef struct {
  SbFieldRow *row;
  GWeakRef    origin;   /* what gets a toast: the row, or the table editor of its row's window */
} AttachRequest;

/* Auxiliary functions */

static AttachRequest *
attach_request_new (SbFieldRow *row)
{
  AttachRequest *request = g_new0 (AttachRequest, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));
  g_autoptr(GtkWidget) origin = SB_IS_ROW_DIALOG (root) ? sb_row_dialog_dup_origin (SB_ROW_DIALOG (root))
                                                        : g_object_ref (GTK_WIDGET (row));

  request->row = g_object_ref (row);
  g_weak_ref_init (&request->origin, origin);
  return request;
}

static void
attach_request_free (AttachRequest *request)
{
  g_weak_ref_clear (&request->origin);
  g_object_unref (request->row);
  g_free (request);
}

static void
toast (AttachRequest *request,
       const char    *text)
{
  g_autoptr(GtkWidget) origin = g_weak_ref_get (&request->origin);

  if (origin != NULL)
    gtk_widget_activate_action (origin, "wizard.toast", "s", text);
}

/* Callbacks */

static void
on_file_stored (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttachRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) file = sb_file_store_add_finish (SB_FILE_STORE (source), result, &error);

  sb_field_row_set_busy (request->row, FALSE);
  if (file == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not attach the file: %s"), error->message);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (request->row));

      /* In a table row's window, where the person is looking. */
      if (SB_IS_ROW_DIALOG (root))
        sb_row_dialog_show_message (SB_ROW_DIALOG (root), text);
      else
        toast (request, text);
    }
  else if (gtk_widget_get_root (GTK_WIDGET (request->row)) == NULL)
    {
      /* The row's window was closed while the file was read. */
      g_autofree char *text = g_strdup_printf (_("“%s” was not attached: its window was closed before the file was read"),
                                               json_object_get_string_member_with_default (file, "name", ""));

      toast (request, text);
    }
  else
    sb_field_row_add_file (request->row, file);

  attach_request_free (request);
}

static void
on_files_chosen (GtkNativeDialog *chooser,
                 int              response,
                 AttachRequest   *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        g_ptr_array_add (files, g_list_model_get_item (chosen, i));
      sb_field_row_store_files (request->row, files);
    }

  attach_request_free (request);
  g_object_unref (chooser);
}

/* Private API */

void
sb_field_row_store_files (SbFieldRow *self,
                          GPtrArray  *files)
{
  const SbField *field = sb_field_row_get_field (self);
  SbFileStore *store = sb_field_row_get_file_store (self);

  g_return_if_fail (files != NULL);

  if (store == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      sb_field_row_set_busy (self, TRUE);
      sb_file_store_add_async (store, g_ptr_array_index (files, i), field->max_size, NULL, on_file_stored,
                               attach_request_new (self));
    }
}

void
sb_field_row_choose_files (SbFieldRow *self)
{
  const SbField *field = sb_field_row_get_field (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (sb_text_get (&field->label),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), field->multiple);
  if (field->media_types != NULL && field->media_types[0] != NULL)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Accepted files"));
      for (guint i = 0; field->media_types[i] != NULL; i++)
        gtk_file_filter_add_mime_type (filter, field->media_types[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      g_object_unref (filter);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (on_files_chosen), attach_request_new (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
