/* sb-window-actions.c — the window's actions: open, save the reviewer's
 * documents, export and import drafts, compare, start, back, the guide
 * of the procedure at hand (F1)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-accessible.h"
#include "sb-case-group.h"
#include "sb-date.h"
#include "sb-signer-sheet.h"
#include "sb-window-private.h"

/* Auxiliary functions */

static void
forget_guide_return (SbWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->guide_return); i++)
    g_clear_pointer (&self->guide_return[i], g_free);
}

/* Callbacks */

typedef struct {
  SbWindow         *self;
  SbReviewDocument  document;
  gboolean          json;
} SaveRequest;

/* Said when the file is written (or could not be). */
static void
show_saved (SbWindow *self,
            GFile    *file,
            GError   *error)
{
  g_autofree char *text = error == NULL ? g_strdup_printf (_("Saved %s"), g_file_peek_path (file))
                                        : g_strdup_printf (_("Could not save: %s"), error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  if (error == NULL)
    sb_window_remember_recent (self, file);
}

typedef struct {
  SbWindow *self;
  GFile    *file;
} SavingDocument;

static void
on_document_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SavingDocument *saving = user_data;
  g_autoptr(GError) error = NULL;

  sb_reviewer_view_save_document_finish (SB_REVIEWER_VIEW (source), result, &error);
  show_saved (saving->self, saving->file, error);
  g_object_unref (saving->self);
  g_object_unref (saving->file);
  g_free (saving);
}

static void
on_save_chosen (GtkNativeDialog *chooser,
                int              response,
                SaveRequest     *request)
{
  SbWindow *self = request->self;

  if (response == GTK_RESPONSE_ACCEPT && self->reviewer != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      SbCaseGroup *group = sb_window_get_case_group (self);
      const SbNotice *notice = group != NULL ? sb_case_group_get_pending_notice (group) : NULL;

      if (request->json)
        {
          /* Shown on the page with Sign Digitally…, as the PDFs are. */
          if (sb_reviewer_view_save_review (self->reviewer, file, &error))
            sb_reviewer_view_show_review_file (self->reviewer, file);
          show_saved (self, file, error);
        }
      else
        {
          SavingDocument *saving = g_new0 (SavingDocument, 1);

          saving->self = g_object_ref (self);
          saving->file = g_object_ref (file);
          /* The notice a reviewer saves is the one the case waits on, as
           * the register recorded it (number, period, contact,
           * corrections); before that, or for the next round's, a draft
           * that says it may not be sent.  Saving is not refused before
           * recording: reviewers check a notice on paper before they send
           * it, and a register that cannot be reached must not stop them.
           * Made in a worker: the window stays live meanwhile. */
          g_autoptr(GFile) issued = notice != NULL && request->document == SB_REVIEW_DOCUMENT_NOTICE
                                    ? sb_case_group_dup_notice_pdf (group) : NULL;

          /* A notice the office issued is saved as issued (signed, if it
           * was), not made again: on another machine of a shared register
           * a new rendering would not be the same document. */
          if (issued != NULL)
            sb_reviewer_view_save_issued_async (self->reviewer, issued, file, on_document_saved, saving);
          else
            sb_reviewer_view_save_document_async (self->reviewer, request->document,
                                                  request->document == SB_REVIEW_DOCUMENT_NOTICE, notice, file,
                                                  on_document_saved, saving);
        }
    }

  g_object_unref (request->self);
  g_free (request);
  g_object_unref (chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SaveRequest *request;
  GtkFileChooserNative *chooser;
  const char *reference;
  g_autofree char *name = NULL;

  if (self->reviewer == NULL)
    return;

  reference = sb_packet_get_reference (sb_reviewer_view_get_packet (self->reviewer));
  request = g_new0 (SaveRequest, 1);
  request->self = g_object_ref (self);
  request->json = g_str_equal (action_name, "win.save-review");
  request->document = g_str_equal (action_name, "win.save-opinion") ? SB_REVIEW_DOCUMENT_OPINION : SB_REVIEW_DOCUMENT_NOTICE;
  name = request->json ? g_strdup_printf ("%s.sbreview.json", reference)
         : request->document == SB_REVIEW_DOCUMENT_NOTICE ? g_strdup_printf ("%s-一次性告知单.pdf", reference)
         : g_strdup_printf ("%s-审核意见.pdf", reference);

  chooser = gtk_file_chooser_native_new (_("Save"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chosen), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_open_chosen (GtkNativeDialog *chooser,
                int              response,
                SbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_window_open_file_in_background (self, file);
    }
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Open a Packet"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Packets and reviews (JSON or PDF)"));
  gtk_file_filter_add_mime_type (filter, "application/x-shenbao-packet+json");
  gtk_file_filter_add_mime_type (filter, "application/x-shenbao-review+json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->wizard != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      if (sb_draft_export (sb_wizard_get_draft (self->wizard), file, &error))
        {
          text = g_strdup_printf (_("Draft saved as %s"), g_file_peek_path (file));
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
        }
      else
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_object_unref (chooser);
}

/* A draft to a file of the person's choice, to continue elsewhere. */
static void
export_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;

  if (self->wizard == NULL)
    return;

  name = sb_draft_dup_display_name (sb_wizard_get_draft (self->wizard));
  file_name = g_strdup_printf ("%s.sbdraft.json", name);
  chooser = gtk_file_chooser_native_new (_("Export Draft"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_window_import_draft (self, file);
    }
  g_object_unref (chooser);
}

static void
import_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import Draft"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_compare_chosen (GtkNativeDialog *chooser,
                   int              response,
                   SbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->reviewer != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_window_compare_with (self, file);
    }
  g_object_unref (chooser);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Compare with an Earlier Packet"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (on_compare_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
start_application_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbFormDefinition *definition = self->guide_form ? sb_form_registry_lookup (self->registry, self->guide_form, 0) : NULL;
  g_autofree char *iso = sb_date_now_timestamp ();
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (definition == NULL)
    return;

  forget_guide_return (self);
  draft = sb_draft_new (definition, iso);
  if (!sb_draft_store_save (self->draft_store, draft, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not create the draft: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  sb_window_open_wizard (self, draft);
}

/* Signing a PDF the office issues (the one-time notice), in a sheet that
 * is a page of the window; Back, Cancel and the signature return to the
 * page it was opened from. */
static void
close_sign_page (SbWindow *self)
{
  GtkWidget *sheet = gtk_stack_get_child_by_name (self->stack, "sign");

  if (self->guide_return[0] != NULL && gtk_stack_get_child_by_name (self->stack, self->guide_return[0]) != NULL)
    sb_window_show_page (self, self->guide_return[0], self->guide_return[1], self->guide_return[2]);
  else
    sb_window_show_page (self, "start", _("Shenbao"), NULL);
  forget_guide_return (self);
  if (sheet != NULL)
    gtk_stack_remove (self->stack, sheet);
}

static void
on_sign_cancelled (SbSignerSheet *sheet,
                   SbWindow      *self)
{
  close_sign_page (self);
}

static void
on_document_signed (SbSignerSheet *sheet,
                    const char    *subject,
                    SbWindow      *self)
{
  g_autofree char *text = g_strdup_printf (_("The document is signed by %s."), subject);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  close_sign_page (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  /* A signed notice goes to the register for the office's other machines. */
  if (sb_window_get_case_group (self) != NULL)
    sb_case_group_read_records (sb_window_get_case_group (self));
}

/* The sheet for @path as the page "sign", returning to the page shown
 * now; NULL when one is shown already. */
static SbSignerSheet *
open_sign_page (SbWindow    *self,
                const char  *path,
                const char  *description)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  g_autofree char *name = g_path_get_basename (path);
  SbSignerSheet *sheet;

  if (g_strcmp0 (page, "sign") == 0)
    return NULL;
  forget_guide_return (self);
  self->guide_return[0] = g_strdup (page);
  self->guide_return[1] = g_strdup (adw_window_title_get_title (self->window_title));
  self->guide_return[2] = g_strdup (adw_window_title_get_subtitle (self->window_title));

  sheet = sb_signer_sheet_new ();
  sb_signer_sheet_set_description (sheet, description);
  g_signal_connect_object (sheet, "signed", G_CALLBACK (on_document_signed), self, 0);
  g_signal_connect_object (sheet, "cancelled", G_CALLBACK (on_sign_cancelled), self, 0);
  gtk_stack_add_named (self->stack, GTK_WIDGET (sheet), "sign");
  sb_window_show_page (self, "sign", _("Sign Digitally"), name);
  sb_accessible_name_controls (GTK_WIDGET (sheet));
  return sheet;
}

static void
sign_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *path = g_variant_get_string (parameter, NULL);
  SbSignerSheet *sheet = open_sign_page (SB_WINDOW (widget), path,
                                         _("The office’s digital signature shows who issued this document. The "
                                           "PDF keeps its name and gains the signature; what it says does not "
                                           "change."));

  if (sheet != NULL)
    sb_signer_sheet_add_pdf (sheet, path);
}

/* The review file the reviewer saved, signed in its signature block:
 * the applicant's side shows who issued it. */
static void
sign_review_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  SbSignerSheet *sheet;

  if (self->reviewer == NULL)
    return;
  sheet = open_sign_page (self, path,
                          _("The office’s digital signature shows the applicant who issued this review file. "
                            "The file keeps its name and gains the signature; what it says does not change. "
                            "Changes made to the review after it was saved are not in the file: save it again "
                            "first."));
  if (sheet != NULL)
    sb_signer_sheet_add_review (sheet, sb_packet_get_definition (sb_reviewer_view_get_packet (self->reviewer)),
                                path);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  /* Opening a packet: Back is Cancel. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "opening") == 0)
    {
      sb_window_cancel_opening (self);
      return;
    }
  /* Signing a document: Back is Cancel. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "sign") == 0)
    {
      close_sign_page (self);
      return;
    }
  /* From a guide opened with F1, or the preferences, back to the page
   * they were opened from. */
  if (self->guide_return[0] != NULL
      && (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "guide") == 0
          || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preferences") == 0)
      && gtk_stack_get_child_by_name (self->stack, self->guide_return[0]) != NULL)
    {
      sb_window_show_page (self, self->guide_return[0], self->guide_return[1], self->guide_return[2]);
      forget_guide_return (self);
      return;
    }
  forget_guide_return (self);

  if (self->wizard != NULL)
    sb_window_close_wizard (self);
  else
    {
      gboolean to_register = self->reviewer != NULL && self->reviewer_from_register;

      sb_window_close_reviewer (self);
      if (self->reviewer != NULL)
        return;
      /* A case opened from the register goes back to the register. */
      if (to_register)
        gtk_widget_activate_action (widget, "win.show-register", NULL);
      else
        sb_window_show_page (self, "start", _("Shenbao"), NULL);
    }
}

/* A procedure of the start page: its guide (the row's target is its id). */
static void
show_guide_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  forget_guide_return (SB_WINDOW (widget));
  sb_window_show_guide (SB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* F1: the guide of the procedure at hand, the application's or the
 * packet's under review; Back returns to it.  On the start page there is
 * no procedure at hand, and on a guide it is already shown. */
static void
show_procedure_guide_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  SbFormDefinition *definition = NULL;

  if (g_strcmp0 (page, "wizard") == 0 && self->wizard != NULL)
    definition = sb_draft_get_definition (sb_wizard_get_draft (self->wizard));
  else if (g_strcmp0 (page, "review") == 0 && self->reviewer != NULL)
    definition = sb_packet_get_definition (sb_reviewer_view_get_packet (self->reviewer));
  if (definition == NULL)
    return;

  forget_guide_return (self);
  self->guide_return[0] = g_strdup (page);
  self->guide_return[1] = g_strdup (adw_window_title_get_title (self->window_title));
  self->guide_return[2] = g_strdup (adw_window_title_get_subtitle (self->window_title));
  if (!sb_window_show_guide (self, sb_form_definition_get_id (definition)))
    forget_guide_return (self);
}

/* The preferences, a page of the window; Back returns to the page they
 * were opened from, an application or a review still open there. */
static void
show_preferences_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "preferences") == 0)
    return;
  /* From a guide, Back goes where the guide would have gone back to. */
  if (g_strcmp0 (page, "guide") != 0 || self->guide_return[0] == NULL)
    {
      forget_guide_return (self);
      self->guide_return[0] = g_strdup (page);
      self->guide_return[1] = g_strdup (adw_window_title_get_title (self->window_title));
      self->guide_return[2] = g_strdup (adw_window_title_get_subtitle (self->window_title));
    }
  sb_window_show_page (self, "preferences", _("Preferences"), NULL);
}

/* A file opened lately (the row's target is its URI). */
static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  sb_window_open_file_in_background (SB_WINDOW (widget), file);
}

/* Class set-up */

void
sb_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-guide", "s", show_guide_action);
  gtk_widget_class_install_action (widget_class, "win.show-procedure-guide", NULL, show_procedure_guide_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.show-procedure-guide", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.show-preferences", NULL, show_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.sign-document", "s", sign_document_action);
  gtk_widget_class_install_action (widget_class, "win.sign-review", "s", sign_review_action);
  gtk_widget_class_install_action (widget_class, "win.start-application", NULL, start_application_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.export-draft", NULL, export_draft_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.import-draft", NULL, import_draft_action);
  gtk_widget_class_install_action (widget_class, "win.save-notice", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-opinion", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-review", NULL, save_action);
}
