/* sb-document-actions.c — Print, Open PDF and Show in Folder for a PDF
 * the application has written
 *
 * Printing draws the PDF's own pages with poppler, the library the
 * reviewer's preview already uses, through GtkPrintOperation: in a
 * Flatpak that is the print portal, and what is printed is exactly the
 * file that is handed in.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-document-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "sb-document-actions.h"
#include "sb-toast.h"

struct _SbDocumentActions
{
  GtkBox  parent_instance;

  GFile  *pdf;
};

G_DEFINE_FINAL_TYPE (SbDocumentActions, sb_document_actions, GTK_TYPE_BOX)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static void
say (SbDocumentActions *self,
     const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  sb_toast_emit (self, signals[TOAST], toast);
}

static GtkWindow *
parent_window (SbDocumentActions *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PopplerDocument   *document)
{
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
}

/* One PDF page on one sheet, scaled to fit and centred: the PDF is A4,
 * the paper may be Letter. */
static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              PopplerDocument   *document)
{
  /* Poppler 22 has no g_autoptr for its types. */
  PopplerPage *page = poppler_document_get_page (document, page_number);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double page_width, page_height, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &page_width, &page_height);
  if (page_width > 0 && page_height > 0)
    {
      scale = MIN (width / page_width, height / page_height);
      cairo_save (cr);
      cairo_translate (cr, (width - page_width * scale) / 2, (height - page_height * scale) / 2);
      cairo_scale (cr, scale, scale);
      poppler_page_render_for_printing (page, cr);
      cairo_restore (cr);
    }
  g_object_unref (page);
}

static void
document_closure_free (gpointer  data,
                       GClosure *closure)
{
  g_object_unref (data);
}

static GtkPrintOperation *
print_operation_new (GFile   *pdf,
                     GError **error)
{
  PopplerDocument *document = poppler_document_new_from_gfile (pdf, NULL, NULL, error);
  g_autofree char *name = g_file_get_basename (pdf);
  GtkPrintOperation *operation;

  if (document == NULL)
    return NULL;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print), g_object_ref (document),
                         document_closure_free, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page), document, document_closure_free, 0);
  return operation;
}

/* Callbacks */

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SbDocumentActions       *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      gtk_print_operation_get_error (operation, &error);
      text = g_strdup_printf (_("Not printed: %s"), error ? error->message : _("the printer reported an error"));
      say (self, text);
    }
  g_object_unref (operation);
  g_object_unref (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SbDocumentActions *self = SB_DOCUMENT_ACTIONS (widget);
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation = print_operation_new (self->pdf, &error);
  GtkPrintOperationResult result;

  if (operation == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not printed: %s"), error->message);

      say (self, text);
      return;
    }
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), g_object_ref (self));
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent_window (self), &error);
  /* Not run in the background: "done" has been emitted already, unless
   * it failed before it started. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not printed: %s"), error->message);

      say (self, text);
    }
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SbDocumentActions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open it: %s"), error->message);

      say (self, text);
    }
}

static void
launch_uri (SbDocumentActions *self,
            const char        *uri)
{
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  /* In a sandbox this goes through the OpenURI portal. */
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, on_launched, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbDocumentActions *self = SB_DOCUMENT_ACTIONS (widget);
  g_autofree char *uri = g_file_get_uri (self->pdf);

  launch_uri (self, uri);
}

static void
on_items_shown (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SbDocumentActions) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      /* No file manager answers on the bus: its folder, opened. */
      g_autoptr(GFile) folder = g_file_get_parent (self->pdf);
      g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;

      g_debug ("FileManager1.ShowItems: %s", error->message);
      if (uri != NULL)
        launch_uri (self, uri);
    }
}

static void
show_in_folder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbDocumentActions *self = SB_DOCUMENT_ACTIONS (widget);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *uri = g_file_get_uri (self->pdf);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->pdf);
      g_autofree char *folder_uri = folder ? g_file_get_uri (folder) : NULL;

      if (folder_uri != NULL)
        launch_uri (self, folder_uri);
      return;
    }

  /* The file manager opens the folder with the file selected (Files,
   * Dolphin, Nemo, Thunar… implement it). */
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          on_items_shown, g_object_ref (self));
}

/* GObject overrides */

static void
sb_document_actions_finalize (GObject *object)
{
  SbDocumentActions *self = SB_DOCUMENT_ACTIONS (object);

  g_clear_object (&self->pdf);

  G_OBJECT_CLASS (sb_document_actions_parent_class)->finalize (object);
}

static void
sb_document_actions_class_init (SbDocumentActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sb_document_actions_finalize;

  signals[TOAST] = sb_toast_signal_new (G_TYPE_FROM_CLASS (klass));

  gtk_widget_class_install_action (widget_class, "document.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "document.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "document.show-in-folder", NULL, show_in_folder_action);
}

static GtkWidget *
action_button (const char *icon_name,
               const char *label,
               const char *action_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

static void
sb_document_actions_init (SbDocumentActions *self)
{
  /* One above the other, of one width: side by side the three do not
   * fit a 360 px window. */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_box_set_homogeneous (GTK_BOX (self), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

/* Public API */

GtkWidget *
sb_document_actions_new (GFile *pdf)
{
  SbDocumentActions *self;
  GtkWidget *print;

  g_return_val_if_fail (G_IS_FILE (pdf), NULL);

  self = g_object_new (SB_TYPE_DOCUMENT_ACTIONS, NULL);
  self->pdf = g_object_ref (pdf);
  print = action_button ("printer-symbolic", _("Print…"), "document.print");
  gtk_widget_add_css_class (print, "suggested-action");
  gtk_box_append (GTK_BOX (self), print);
  gtk_box_append (GTK_BOX (self), action_button ("x-office-document-symbolic", _("Open PDF"), "document.open"));
  gtk_box_append (GTK_BOX (self), action_button ("folder-open-symbolic", _("Show in Folder"), "document.show-in-folder"));
  return GTK_WIDGET (self);
}

GFile *
sb_document_actions_get_file (SbDocumentActions *self)
{
  g_return_val_if_fail (SB_IS_DOCUMENT_ACTIONS (self), NULL);

  return self->pdf;
}

GtkPrintOperationResult
sb_document_print (GtkWindow               *parent,
                   GFile                   *pdf,
                   GtkPrintOperationAction  action,
                   const char              *export_filename,
                   GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (G_IS_FILE (pdf), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  operation = print_operation_new (pdf, error);
  if (operation == NULL)
    return GTK_PRINT_OPERATION_RESULT_ERROR;
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  return gtk_print_operation_run (operation, action, parent, error);
}

static void
add_sign_button (SbDocumentActions *self,
                 const char        *action_name)
{
  g_autofree char *path = g_file_get_path (self->pdf);
  GtkWidget *sign;

  if (path == NULL)
    return;
  sign = action_button ("document-edit-symbolic", _("Sign Digitally…"), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (sign), "s", path);
  gtk_box_append (GTK_BOX (self), sign);
}

/* A fourth action, Sign Digitally…: the window's sign-document action,
 * for the PDFs the office issues (the one-time notice).  The applicant's
 * finished page signs its two files together and has no need of it. */
void
sb_document_actions_add_sign (SbDocumentActions *self)
{
  g_return_if_fail (SB_IS_DOCUMENT_ACTIONS (self));

  add_sign_button (self, "win.sign-document");
}

GtkWidget *
sb_document_actions_new_for_review (GFile *review)
{
  SbDocumentActions *self;

  g_return_val_if_fail (G_IS_FILE (review), NULL);

  /* A JSON file: nothing to print or to open in a PDF viewer. */
  self = g_object_new (SB_TYPE_DOCUMENT_ACTIONS, NULL);
  self->pdf = g_object_ref (review);
  gtk_box_append (GTK_BOX (self), action_button ("folder-open-symbolic", _("Show in Folder"), "document.show-in-folder"));
  return GTK_WIDGET (self);
}

void
sb_document_actions_add_sign_review (SbDocumentActions *self)
{
  g_return_if_fail (SB_IS_DOCUMENT_ACTIONS (self));

  add_sign_button (self, "win.sign-review");
}
