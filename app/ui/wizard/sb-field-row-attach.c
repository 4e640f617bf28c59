/* sb-field-row-attach.c — an attachment question: its file list, and
 * picking and storing its files
 *
 * Each file shows a thumbnail (images, PDFs), its size, Open and Remove.
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

#include "sb-attachment-preview.h"
#include "sb-field-row-private.h"
#include "sb-table-editor.h"

typedef struct {
  SbFieldRow *row;
  GWeakRef    origin;   /* what gets a toast: the row, or the table editor of its row's window */
} AttachRequest;

/* Auxiliary functions */

static AttachRequest *
attach_request_new (SbFieldRow *row)
{
  AttachRequest *request = g_new0 (AttachRequest, 1);
  /* A row's editor may close before the file is read: its table stays. */
  GtkWidget *table = gtk_widget_get_ancestor (GTK_WIDGET (row), SB_TYPE_TABLE_EDITOR);
  g_autoptr(GtkWidget) origin = g_object_ref (table != NULL ? table : GTK_WIDGET (row));

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

static void
on_add_files_clicked (GtkButton  *button,
                      SbFieldRow *self)
{
  sb_field_row_choose_files (self);
}

/* Files dragged from the file manager onto an attachment question. */
static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  SbFieldRow    *self)
{
  GdkFileList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *items;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  items = gdk_file_list_get_files (list);
  for (GSList *l = items; l != NULL; l = l->next)
    {
      g_ptr_array_add (files, g_object_ref (l->data));
      /* A single-file question takes the first file. */
      if (!self->field->multiple)
        break;
    }
  g_slist_free (items);

  if (files->len == 0)
    return FALSE;
  sb_field_row_store_files (self, files);
  return TRUE;
}

/* The Remove button of the file at the target index. */
void
sb_field_row_remove_file_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SbFieldRow *self = SB_FIELD_ROW (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(JsonNode) value = NULL;

  if (self->files == NULL || !JSON_NODE_HOLDS_ARRAY (self->files))
    return;

  value = json_node_copy (self->files);
  json_array_remove_element (json_node_get_array (value), index);
  if (json_array_get_length (json_node_get_array (value)) == 0)
    g_clear_pointer (&value, json_node_unref);

  sb_field_row_set_value (self, value);
  sb_field_row_emit_changed (self, value);
  sb_field_row_emit_left (self);
}

/* The stored copy of an attachment, or NULL without a store or with a
 * hash that is not one (a draft from elsewhere may say anything). */
static char *
stored_path (SbFieldRow *self,
             const char *sha256)
{
  if (self->file_store == NULL || strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
    return NULL;
  return g_build_filename (sb_file_store_get_dir (self->file_store), sha256, NULL);
}

/* A problem with one file, in the line under it. */
static void
show_file_problem (GtkWidget  *line,
                   const char *text)
{
  GtkWidget *problem = g_object_get_data (G_OBJECT (line), "problem");

  if (problem == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (problem), text);
  gtk_widget_set_visible (problem, text != NULL);
}

typedef struct {
  GtkWidget *line;
  char      *name;
} OpenRequest;

static void
on_file_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  OpenRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      /* Translators: a file name, then what went wrong */
      g_autofree char *text = g_strdup_printf (_("Could not open “%s”: %s"), request->name, error->message);

      show_file_problem (request->line, text);
    }

  g_object_unref (request->line);
  g_free (request->name);
  g_free (request);
}

/* Opens the stored copy with the person's usual application for its
 * type; inside Flatpak, GIO asks the OpenURI portal to. */
static void
on_open_file_clicked (GtkButton  *button,
                      SbFieldRow *self)
{
  GtkWidget *line = gtk_widget_get_parent (GTK_WIDGET (button));
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  g_autofree char *path = stored_path (self, g_object_get_data (G_OBJECT (button), "sha256"));
  g_autofree char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  OpenRequest *request;

  while (line != NULL && g_object_get_data (G_OBJECT (line), "problem") == NULL)
    line = gtk_widget_get_parent (line);
  g_assert (line != NULL);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("The stored copy of “%s” is missing. Remove it and attach the file again."),
                                               name);

      show_file_problem (line, text);
      return;
    }

  show_file_problem (line, NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));
  request = g_new0 (OpenRequest, 1);
  request->line = g_object_ref (line);
  request->name = g_strdup (name);
  g_app_info_launch_default_for_uri_async (uri, context, NULL, on_file_launched, request);
}

static void
on_preview_error (SbAttachmentPreview *preview,
                  GParamSpec          *pspec,
                  GtkWidget           *line)
{
  show_file_problem (line, sb_attachment_preview_get_error (preview));
}

static char *
format_size (gint64 size)
{
  return g_format_size_full ((guint64) MAX (size, 0), G_FORMAT_SIZE_DEFAULT);
}

void
sb_field_row_show_files (SbFieldRow *self)
{
  GtkWidget *child;
  JsonArray *array;

  while ((child = gtk_widget_get_first_child (self->files_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->files_box), child);

  array = self->files != NULL && JSON_NODE_HOLDS_ARRAY (self->files) ? json_node_get_array (self->files) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *name = object ? json_object_get_string_member_with_default (object, "name", "?") : "?";
      gint64 size = object ? json_object_get_int_member_with_default (object, "size", 0) : 0;
      const char *sha256 = object ? json_object_get_string_member_with_default (object, "sha256", "") : "";
      const char *media_type = object ? json_object_get_string_member_with_default (object, "media_type", "") : "";
      g_autofree char *size_text = format_size (size);
      g_autofree char *tooltip = g_strdup_printf ("SHA-256 %s", sha256);
      g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), name);
      g_autofree char *path = stored_path (self, sha256);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon;
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *size_label = gtk_label_new (size_text);
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      GtkWidget *problem = gtk_label_new (NULL);

      /* Images and PDFs show what they are; the person sees at once
       * whether the right scan was attached. */
      if (path != NULL && sb_attachment_preview_supports (media_type))
        {
          icon = sb_attachment_preview_new (path, media_type);
          g_signal_connect_object (icon, "notify::error", G_CALLBACK (on_preview_error), line, 0);
        }
      else
        icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (label, tooltip);
      gtk_widget_add_css_class (size_label, "dim-label");
      gtk_widget_add_css_class (size_label, "caption");
      gtk_label_set_xalign (GTK_LABEL (size_label), 0);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "field.remove-file");

      gtk_box_append (GTK_BOX (box), icon);
      /* The size under the name leaves the name room in a narrow window. */
      {
        GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

        gtk_widget_set_hexpand (texts, TRUE);
        gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (texts), label);
        gtk_box_append (GTK_BOX (texts), size_label);
        gtk_box_append (GTK_BOX (box), texts);
      }
      if (path != NULL)
        {
          g_autofree char *open_name = g_strdup_printf (_("Open %s"), name);
          GtkWidget *open = gtk_button_new_with_label (_("Open"));

          gtk_widget_add_css_class (open, "flat");
          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (open, open_name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
          g_object_set_data_full (G_OBJECT (open), "name", g_strdup (name), g_free);
          g_object_set_data_full (G_OBJECT (open), "sha256", g_strdup (sha256), g_free);
          g_signal_connect (open, "clicked", G_CALLBACK (on_open_file_clicked), self);
          gtk_box_append (GTK_BOX (box), open);
        }
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), remove);

      gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (problem), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (problem), 0);
      gtk_widget_add_css_class (problem, "caption");
      gtk_widget_add_css_class (problem, "error");
      gtk_widget_set_visible (problem, FALSE);
      g_object_set_data (G_OBJECT (line), "problem", problem);

      gtk_box_append (GTK_BOX (line), box);
      gtk_box_append (GTK_BOX (line), problem);
      gtk_box_append (GTK_BOX (self->files_box), line);
    }
}

GtkWidget *
sb_field_row_build_attachment (SbFieldRow *self)
{
  /* A group named by the question, holding the files and the buttons,
   * each named by what it does. */
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 6,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (self->field->multiple ? _("_Add Files…") : _("_Choose File…"));

  self->files_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect (add, "clicked", G_CALLBACK (on_add_files_clicked), self);

  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), self->spinner);
  {
    GtkWidget *hint = gtk_label_new (_("or drop files here"));
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    gtk_widget_add_css_class (hint, "dim-label");
    gtk_box_append (GTK_BOX (buttons), hint);
    g_signal_connect (drop, "drop", G_CALLBACK (on_files_dropped), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  gtk_box_append (GTK_BOX (box), self->files_box);
  gtk_box_append (GTK_BOX (box), buttons);

  self->input = add;
  self->named = box;
  return box;
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
