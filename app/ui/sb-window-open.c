/* sb-window-open.c — opening files: packets (JSON or PDF) for review,
 * the office's review files, drafts (after asking), comparing with an
 * earlier packet, and files dropped on the window
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-pdf-renderer.h"
#include "sb-pdf-verify.h"
#include "sb-review.h"
#include "sb-safe-text.h"
#include "sb-signature.h"
#include "sb-window-private.h"

void
sb_window_remember_recent (SbWindow *self,
                 GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < 10; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) recent);
}

void
sb_window_explain_open_error (SbWindow   *self,
                    GFile      *file,
                    GError     *error)
{
  g_autofree char *raw_name = g_file_get_basename (file);
  /* The name and the reason may quote the file: never shown reversed. */
  g_autofree char *name = sb_safe_text_reveal (raw_name, SB_SAFE_TEXT_DEFAULT);
  g_autofree char *reason = sb_safe_text_reveal (error->message, SB_SAFE_TEXT_KEEP_NEWLINES);
  g_autofree char *heading = g_strdup_printf (_("“%s” Cannot Be Opened"), name);
  const char *hint = error->domain == SB_DRAFT_ERROR
    ? _("It is not a Shenbao draft, or it is damaged, or its form is not installed. Nothing was changed.")
    : g_error_matches (error, SB_PACKET_ERROR, SB_PACKET_ERROR_UNKNOWN_FORM)
    ? _("The packet was made with a form this version of Shenbao does not have. Update Shenbao, or ask the applicant which form and version they used.")
    : g_error_matches (error, SB_PACKET_ERROR, SB_PACKET_ERROR_UNSUPPORTED)
      ? _("The packet was written by a newer version of Shenbao. Update Shenbao to open it.")
      : _("It is not a Shenbao application packet, or it is damaged. Nothing was changed.");
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", hint, reason);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SbWindow      *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  sb_window_open_file_in_background (self, g_value_get_object (value));
  return TRUE;
}

/* Who issued a review file the applicant opened: its signatures checked
 * against the trust folder (the preference the reviewer's side uses,
 * sb_signature_choose_trust_dir()) in a worker thread, since reading the
 * certificates and hashing the file is no work for the main loop. */
typedef struct {
  SbReview  *review;
  char      *trust_dir;
  GWeakRef   wizard;       /* the wizard showing the review; gone: nothing to say */
  GPtrArray *signatures;   /* SbSignature*, set by the worker */
  char      *problem;
} IssuerCheck;

static void
issuer_check_free (IssuerCheck *check)
{
  g_object_unref (check->review);
  g_free (check->trust_dir);
  g_weak_ref_clear (&check->wizard);
  g_clear_pointer (&check->signatures, g_ptr_array_unref);
  g_free (check->problem);
  g_free (check);
}

static void
check_issuer_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  IssuerCheck *check = task_data;
  g_autoptr(GError) error = NULL;

  check->signatures = sb_review_verify_signatures (check->review, check->trust_dir, &error);
  if (check->signatures == NULL)
    check->problem = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

/* The signature that decides what the bar says: one that claims
 * something untrue first, else a trusted one, else the first. */
static SbSignature *
deciding_signature (GPtrArray *signatures)
{
  SbSignature *found = NULL;

  for (guint i = 0; i < signatures->len; i++)
    {
      SbSignature *signature = g_ptr_array_index (signatures, i);

      if (sb_signature_status_fails (signature->status))
        return signature;
      if (found == NULL || signature->status == SB_SIGNATURE_TRUSTED)
        found = signature;
    }
  return found;
}

static void
on_issuer_checked (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  IssuerCheck *check = g_task_get_task_data (G_TASK (result));
  g_autoptr(SbWizard) wizard = g_weak_ref_get (&check->wizard);
  SbSignature *signature;
  g_autofree char *who = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  GtkMessageType type;

  if (wizard == NULL)
    return;
  signature = check->signatures != NULL ? deciding_signature (check->signatures) : NULL;
  if (check->signatures == NULL)
    {
      heading = g_strdup (_("Who issued this review could not be checked"));
      text = g_strdup (check->problem);
      type = GTK_MESSAGE_WARNING;
    }
  else if (signature == NULL)
    {
      heading = g_strdup (_("This review file is unsigned"));
      text = g_strdup (_("Nothing shows who issued it. If in doubt, ask the office whether these corrections are "
                         "theirs."));
      type = GTK_MESSAGE_WARNING;
    }
  else
    {
      g_autofree char *description = sb_signature_describe (signature);

      who = *signature->name != '\0' ? g_strdup (signature->name) : sb_signature_describe_signer (signature);
      switch (signature->status)
        {
        case SB_SIGNATURE_TRUSTED:
          /* Translators: %s is who signed the review file, an office */
          heading = g_strdup_printf (_("Issued by %s (trusted)"), who);
          type = GTK_MESSAGE_INFO;
          break;
        case SB_SIGNATURE_UNKNOWN_ISSUER:
          heading = g_strdup (_("This review file is signed by an unknown issuer"));
          type = GTK_MESSAGE_WARNING;
          break;
        case SB_SIGNATURE_MISMATCH:
          heading = g_strdup (_("The signature does not match: this review was changed after it was signed"));
          type = GTK_MESSAGE_ERROR;
          break;
        case SB_SIGNATURE_CERTIFICATE_INVALID:
        case SB_SIGNATURE_REVOKED:
        default:
          heading = g_strdup (_("The signature of this review file proves nothing"));
          type = GTK_MESSAGE_ERROR;
          break;
        }
      /* The corrections stay shown even when the signature fails: they
       * are the applicant's only guide to what to correct, and hiding
       * them would not make a changed file any less changed.  The bar
       * says how far to trust them. */
      if (type == GTK_MESSAGE_ERROR)
        /* Translators: what exactly the signature check found */
        text = g_strdup_printf (_("%s. The corrections are shown under their fields, but they may not be the "
                                  "office’s: ask the office for the review again before you rely on them."),
                                description);
      else
        text = g_steal_pointer (&description);
    }
  sb_wizard_show_review_issuer (wizard, heading, text, type);
}

static void
check_review_issuer (SbWindow *self,
                     SbReview *review)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_issuer_checked, NULL);
  g_autofree char *preference = g_settings_get_string (self->settings, "trust-folder");
  IssuerCheck *check = g_new0 (IssuerCheck, 1);

  check->review = g_object_ref (review);
  check->trust_dir = g_strdup (sb_signature_choose_trust_dir (preference, NULL));
  g_weak_ref_init (&check->wizard, self->wizard);
  sb_wizard_show_review_issuer (self->wizard, _("Checking who issued this review…"), NULL, GTK_MESSAGE_INFO);
  g_task_set_source_tag (task, check_review_issuer);
  g_task_set_task_data (task, check, (GDestroyNotify) issuer_check_free);
  g_task_run_in_thread (task, check_issuer_in_thread);
}

static gboolean
open_review (SbWindow *self,
             GFile    *file,
             GBytes   *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbReview) review = sb_review_load (self->registry, bytes, &error);
  g_autoptr(GPtrArray) drafts = NULL;
  SbDraft *draft = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (review == NULL)
    {
      sb_window_explain_open_error (self, file, error);
      return FALSE;
    }

  drafts = sb_draft_store_list (self->draft_store, self->registry, NULL);
  for (guint i = 0; i < drafts->len && draft == NULL; i++)
    if (sb_draft_has_packet (g_ptr_array_index (drafts, i), sb_review_get_packet_reference (review)))
      draft = g_ptr_array_index (drafts, i);

  if (draft == NULL)
    {
      g_autofree char *body = g_strdup_printf (_("The review is of packet %s, which was not made from any application "
                                                 "on this computer. Open it on the computer where the application was "
                                                 "filled in, or import that draft first."),
                                               sb_review_get_packet_reference (review));
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("No Matching Application"), body);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  sb_window_open_wizard (self, draft);
  if (self->wizard == NULL)
    return FALSE;
  n = sb_wizard_set_review (self->wizard, review);
  check_review_issuer (self, review);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The office asks for %u correction; it is marked under its field.",
                                       "The office asks for %u corrections; each is marked under its field.", n), n);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  return TRUE;
}

typedef struct {
  SbWindow *self;
  GFile    *file;
} ImportRequest;

static void
import_request_free (gpointer data,
                     GClosure *closure)
{
  ImportRequest *request = data;

  g_object_unref (request->self);
  g_object_unref (request->file);
  g_free (request);
}

static void
on_import_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ImportRequest    *request)
{
  if (g_str_equal (response, "import"))
    sb_window_import_draft (request->self, request->file);
}

static void
ask_to_import_draft (SbWindow *self,
                     GFile    *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  /* A file name from elsewhere: its bidi controls are shown, not obeyed. */
  g_autofree char *name = sb_safe_text_reveal (basename, 0);
  g_autofree char *body = g_strdup_printf (_("“%s” is an application in progress saved by Shenbao, perhaps on another "
                                             "computer. Importing adds a copy of it to your drafts and opens it. "
                                             "Nothing is added unless you import it."), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import This Draft?"), body);
  ImportRequest *request = g_new0 (ImportRequest, 1);

  request->self = g_object_ref (self);
  request->file = g_object_ref (file);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_response), request, import_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Review files and drafts, which name their kind near the top: TRUE
 * when @file is one, and *@opened then says whether it was opened (or
 * the question about it asked). */
gboolean
sb_window_open_review_or_draft (SbWindow *self,
                                GFile    *file,
                                gboolean *opened)
{
  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

    if (info != NULL && g_file_info_get_size (info) < 16 * 1024 * 1024)
      {
        g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
        gsize length = 0, start = 0;
        const char *data = bytes ? g_bytes_get_data (bytes, &length) : NULL;

        /* Only a JSON object is looked at as a review or a draft: a PDF
         * (or anything else) that carries those words is never tried as
         * the other kind. */
        while (data != NULL && start < length && g_ascii_isspace (data[start]))
          start++;
        if (data != NULL && (start >= length || data[start] != '{'))
          data = NULL;

        if (data != NULL && g_strstr_len (data, MIN (length, 4096), "\"shenbao-review\"") != NULL)
          {
            *opened = open_review (self, file, bytes);
            return TRUE;
          }
        /* A draft is imported only when the person says so: opening a
         * file (a click in the file manager, a name on the command line)
         * never adds to the drafts by itself. */
        if (data != NULL && g_strstr_len (data, MIN (length, 4096), "\"shenbao-draft\"") != NULL)
          {
            ask_to_import_draft (self, file);
            *opened = TRUE;
            return TRUE;
          }
      }
  }
  return FALSE;
}

gboolean
sb_window_open_file (SbWindow *self,
                     GFile    *file)
{
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_pdf = FALSE, opened = FALSE;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (sb_window_open_review_or_draft (self, file, &opened))
    return opened;
  packet = sb_pdf_read_packet (file, self->registry, self->calendar, &from_pdf, &error);
  if (packet == NULL)
    {
      sb_window_explain_open_error (self, file, error);
      return FALSE;
    }
  {
    SbPageCheck pages = { FALSE, NULL };
    gboolean shown;

    if (from_pdf)
      pages.ok = sb_pdf_verify_pages (file, packet, &pages.message);
    shown = sb_window_show_packet (self, file, packet, from_pdf ? &pages : NULL);
    g_free (pages.message);
    return shown;
  }
}

gboolean
sb_window_show_packet (SbWindow          *self,
                       GFile             *file,
                       SbPacket          *packet,
                       const SbPageCheck *pages)
{
  g_autofree char *applicant = NULL;
  g_autofree char *title = NULL;

  if (self->wizard != NULL)
    sb_window_close_wizard (self);
  if (self->wizard != NULL)
    return FALSE;
  sb_window_close_reviewer (self);
  if (self->reviewer != NULL)
    return FALSE;

  /* Deadlines count from the day the office received the packet: today. */
  self->reviewer = sb_reviewer_view_new_checked (packet, file, pages, sb_date_today (), self->calendar);
  g_signal_connect (self->reviewer, "toast", G_CALLBACK (sb_window_on_page_toast), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->reviewer), "review");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-notice", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-opinion", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-review", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", TRUE);

  applicant = sb_reviewer_view_dup_applicant (self->reviewer);
  /* Translators: the window title while reviewing; %s is the reference number */
  {
    /* The reference is the packet's: never shown reversed. */
    g_autofree char *reference = sb_safe_text_reveal (sb_packet_get_reference (packet), SB_SAFE_TEXT_DEFAULT);

    title = g_strdup_printf (_("Review of %s"), reference);
  }
  self->reviewer_from_register = FALSE;
  sb_window_show_page (self, "review", title, applicant);
  sb_window_remember_recent (self, file);
  /* Every packet opened for review is a case the office received. */
  sb_window_register_reviewed (self, file);
  return TRUE;
}

gboolean
sb_window_import_draft (SbWindow *self,
                        GFile    *file)
{
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  draft = sb_draft_store_import (self->draft_store, self->registry, file, &error);
  if (draft == NULL)
    {
      sb_window_explain_open_error (self, file, error);
      return FALSE;
    }
  sb_window_open_wizard (self, draft);
  return self->wizard != NULL;
}

gboolean
sb_window_compare_with (SbWindow *self,
                        GFile    *file)
{
  g_autoptr(SbPacket) earlier = NULL;
  g_autoptr(GError) error = NULL;
  SbPacket *current;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->reviewer == NULL)
    return FALSE;

  earlier = sb_pdf_read_packet (file, self->registry, self->calendar, NULL, &error);
  if (earlier == NULL)
    {
      sb_window_explain_open_error (self, file, error);
      return FALSE;
    }

  current = sb_reviewer_view_get_packet (self->reviewer);
  if (!g_str_equal (sb_form_definition_get_id (sb_packet_get_definition (earlier)),
                    sb_form_definition_get_id (sb_packet_get_definition (current))))
    {
      g_set_error (&error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID, _("The packets are of different procedures."));
      sb_window_explain_open_error (self, file, error);
      return FALSE;
    }

  sb_reviewer_view_show_changes (self->reviewer, earlier);
  return TRUE;
}

/* A packet dropped anywhere on the window opens for review. */
void
sb_window_init_drop (SbWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
