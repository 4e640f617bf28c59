/* sb-wizard-finish.c — the wizard's review page and finishing
 *
 * The review page ("check your answers", SbReviewPage) is rebuilt each
 * time it is shown; finishing saves the packet JSON at once and writes
 * its PDF in a worker (SbFinishJob), then shows the result page with the
 * reference number and what happens next.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-accessible.h"
#include "sb-document-actions.h"
#include "sb-finish-job.h"
#include "sb-review-page.h"
#include "sb-date.h"
#include "sb-signer-sheet.h"
#include "sb-wizard-private.h"

static void set_finishing (SbWizard *self, gboolean finishing);

/* Callbacks and auxiliary functions */

static void
on_review_change_field (SbReviewPage *page,
                        const char   *path,
                        SbWizard     *self)
{
  g_autofree char *field_id = sb_wizard_top_field (path);

  self->return_to_review = TRUE;
  sb_wizard_show_field (self, field_id);
  sb_wizard_update_buttons (self);
}

static gboolean
ready_to_finish (SbWizard *self)
{
  GPtrArray *findings = sb_validation_report_get_findings (self->report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *justification = NULL;

      if (finding->severity == SB_SEVERITY_ERROR)
        return FALSE;
      if (finding->severity != SB_SEVERITY_WARNING)
        continue;
      justification = g_strdup (sb_draft_get_justification (self->draft, finding->rule_id));
      if (justification == NULL || *g_strstrip (justification) == '\0')
        return FALSE;
    }
  return TRUE;
}

static void
on_review_justification_changed (SbReviewPage *page,
                                 const char   *rule_id,
                                 const char   *text,
                                 SbWizard     *self)
{
  sb_draft_set_justification (self->draft, rule_id, text);
  sb_wizard_schedule_save (self);
  sb_review_page_set_finish_state (page, self->finishing, ready_to_finish (self));
}

void
sb_wizard_build_review (SbWizard *self)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();

  /* Everything counts as checked once the person reviews. */
  for (guint i = 0; i < self->pages->len; i++)
    ((StepPage *) g_ptr_array_index (self->pages, i))->visited = TRUE;
  sb_wizard_revalidate (self);

  for (guint p = 0; p < self->pages->len; p++)
    {
      StepPage *page = g_ptr_array_index (self->pages, p);

      if (sb_wizard_step_is_visible (self, page))
        g_ptr_array_add (steps, page->step);
    }
  sb_review_page_update (SB_REVIEW_PAGE (self->review_page), self->report, steps);
  set_finishing (self, self->finishing);
}

/* Finishing: the packet JSON and its PDF where the person chooses */

static void
on_document_toast (SbWizard *self,
                   AdwToast *toast)
{
  sb_wizard_add_toast (self, g_object_ref (toast));
}

static void
show_result (SbWizard   *self,
             SbPacket   *packet,
             const char *json_path,
             const char *pdf_path)
{
  GPtrArray *steps = sb_form_definition_get_guide_steps (self->definition);
  g_autofree char *description = NULL;
  GtkWidget *page, *clamp, *box, *icon, *heading, *explanation, *group, *home;

  if (self->result_page != NULL)
    gtk_stack_remove (GTK_STACK (self->stack), self->result_page);

  /* Laid out as an AdwStatusPage, but not one: with preference groups
   * in an AdwClamp as its child, libadwaita 1.2 took 100 ms to lay the
   * page out the first time it was shown (tests/bench/bench-main-loop.c);
   * in a scrolled window of our own, as the start page is, 20 ms. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 36);
  gtk_widget_set_margin_bottom (box, 36);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 128);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_margin_bottom (icon, 18);
  gtk_box_append (GTK_BOX (box), icon);
  heading = gtk_label_new (_("Application Finished"));
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_justify (GTK_LABEL (heading), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (heading, "title-1");
  gtk_box_append (GTK_BOX (box), heading);
  description = g_strdup_printf (_("Reference number %s. Print the PDF, sign and seal it where the boxes are, "
                                   "and hand it in with the packet file."), sb_packet_get_reference (packet));
  explanation = gtk_label_new (description);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (explanation), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (explanation), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), explanation);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, explanation, NULL, -1);

  /* What comes next for the person: print it, look at it, find it. */
  {
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
    GtkWidget *actions = sb_document_actions_new (pdf);

    g_signal_connect_swapped (actions, "toast", G_CALLBACK (on_document_toast), self);
    gtk_box_append (GTK_BOX (box), actions);
  }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Files"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), i == 0 ? _("Application packet") : _("PDF to print and file"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), i == 0 ? json_path : pdf_path);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  /* Signing is offered, not required: an office decides whether it
   * needs signatures, and the paper is signed and sealed anyway. */
  self->signature_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->signature_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signature_row), _("Digital signature"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->signature_row),
                               _("Not signed. Sign both files with your certificate (a UKey or a PKCS#12 file) to "
                                 "show the office who made them."));
  self->sign_button = gtk_button_new_with_mnemonic (_("Sign _Digitally…"));
  gtk_widget_set_valign (self->sign_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sign_button), "wizard.sign");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->signature_row), self->sign_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->signature_row);
  gtk_box_append (GTK_BOX (box), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Happens Next"));
  for (guint i = 0; i < steps->len; i++)
    {
      SbGuideStep *step = g_ptr_array_index (steps, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, sb_text_get (&step->actor));
      g_autofree char *text = step->deadline_working_days > 0
        ? g_strdup_printf (_("%s (within %d working days)"), sb_text_get (&step->action), step->deadline_working_days)
        : g_strdup (sb_text_get (&step->action));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);

  home = gtk_button_new_with_mnemonic (_("_Back to the Start Page"));
  gtk_widget_add_css_class (home, "pill");
  gtk_widget_set_halign (home, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (home), "wizard.close");
  gtk_box_append (GTK_BOX (box), home);

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  page = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (page), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page), clamp);

  self->result_page = page;
  gtk_stack_add_child (GTK_STACK (self->stack), page);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), page);
  self->current = NULL;
  sb_wizard_update_buttons (self);
}

/* Signing what was finished, in a sheet over the result page */

static void
close_signer_sheet (SbWizard *self)
{
  GtkWidget *sheet = g_steal_pointer (&self->signer_sheet);

  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->result_page);
  if (sheet != NULL)
    gtk_stack_remove (GTK_STACK (self->stack), sheet);
  sb_wizard_update_buttons (self);
  gtk_widget_grab_focus (self->sign_button);
}

static void
on_signer_sheet_cancelled (SbSignerSheet *sheet,
                           SbWizard      *self)
{
  close_signer_sheet (self);
}

static void
on_signer_sheet_signed (SbSignerSheet *sheet,
                        const char    *subject,
                        SbWizard      *self)
{
  g_autofree char *signed_by = g_strdup_printf (_("Signed by %s"), subject);
  g_autofree char *toast = g_strdup_printf (_("Both files are signed by %s."), subject);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->signature_row), signed_by);
  /* One signature from here: the packet in memory is the unsigned one,
   * and signing it again would replace this signature, not add one. */
  gtk_widget_set_visible (self->sign_button, FALSE);
  close_signer_sheet (self);
  gtk_widget_grab_focus (self->result_page);
  sb_wizard_toast (self, toast);
}

void
sb_wizard_sign_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);
  SbSignerSheet *sheet;

  if (self->finished == NULL || self->signer_sheet != NULL)
    return;

  sheet = sb_signer_sheet_new ();
  /* The PDF first: it is the larger write, and a packet written before
   * a PDF that failed would be put back anyway. */
  sb_signer_sheet_add_pdf (sheet, sb_finish_job_get_pdf_path (self->finished));
  sb_signer_sheet_add_packet (sheet, sb_finish_job_get_packet (self->finished),
                              sb_finish_job_get_json_path (self->finished));
  g_signal_connect_object (sheet, "signed", G_CALLBACK (on_signer_sheet_signed), self, 0);
  g_signal_connect_object (sheet, "cancelled", G_CALLBACK (on_signer_sheet_cancelled), self, 0);
  self->signer_sheet = GTK_WIDGET (sheet);
  gtk_stack_add_child (GTK_STACK (self->stack), self->signer_sheet);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), self->signer_sheet);
  sb_wizard_update_buttons (self);
  sb_accessible_name_controls (self->signer_sheet);
}

/* Builds and saves the packet; the draft records it. */
static SbFinishJob *
save_packet (SbWizard  *self,
             GFile     *folder,
             GError   **error)
{
  g_autofree char *now = sb_date_now_timestamp ();
  SbFinishJob *job = sb_finish_job_new (self->draft, self->files, self->calendar, folder, sb_date_today (), now, error);

  if (job != NULL)
    {
      sb_finish_job_record (job, self->draft);
      sb_wizard_schedule_save (self);
    }
  return job;
}

static void
show_finished (SbWizard    *self,
               SbFinishJob *job)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  g_set_object (&self->finished, job);
  show_result (self, sb_finish_job_get_packet (job), sb_finish_job_get_json_path (job), sb_finish_job_get_pdf_path (job));
  g_settings_set_string (settings, "last-folder", sb_finish_job_get_folder_uri (job));
}

static void
set_finishing (SbWizard *self,
               gboolean  finishing)
{
  self->finishing = finishing;
  sb_review_page_set_finish_state (SB_REVIEW_PAGE (self->review_page), finishing, ready_to_finish (self));
}

static void
on_pdf_written (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SbFinishJob *job = SB_FINISH_JOB (source_object);
  g_autoptr(SbWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean written = sb_finish_job_write_pdf_finish (job, result, &error);

  /* The window was closed meanwhile: the files are written all the same. */
  if (self->draft == NULL)
    return;

  set_finishing (self, FALSE);
  if (!written)
    {
      g_autofree char *text = g_strdup_printf (_("The packet was saved as %s, but its PDF could not be made: %s"),
                                               sb_finish_job_get_json_path (job), error->message);

      sb_wizard_show_error (self, _("The PDF Could Not Be Made"), text);
      return;
    }
  show_finished (self, job);
}

/* A finishing under way: the wizard, and the draft and its store as they
 * were when it began, which outlive the wizard if its window is closed
 * before the packet is saved. */
typedef struct {
  SbWizard     *wizard;
  SbDraft      *draft;
  SbDraftStore *store;
} FinishRun;

static void
finish_run_free (FinishRun *run)
{
  g_object_unref (run->wizard);
  g_object_unref (run->draft);
  g_object_unref (run->store);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FinishRun, finish_run_free)

static void
on_closed_draft_saved (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GApplication) held = user_data;
  g_autoptr(GError) error = NULL;

  /* No window is left to say it in. */
  if (!sb_draft_store_save_finish (SB_DRAFT_STORE (source_object), result, &error))
    g_warning ("The finished application is not marked as finished in its draft: %s", error->message);
  if (held != NULL)
    g_application_release (held);
}

/* The draft records the packet, so that the start page lists it as
 * finished and the office's review leads back to it.  Its window may have
 * been closed meanwhile (the draft saved then): then the draft is written
 * now, the process held until it is on disk; or the draft may have been
 * opened again in another wizard, whose draft records it instead (the
 * draft of this one is out of date and is not written again). */
static void
record_packet (FinishRun   *run,
               SbFinishJob *job)
{
  SbWizard *shown = sb_wizard_find_shown (sb_draft_get_id (run->draft));
  GApplication *held = g_application_get_default ();

  if (shown != NULL)
    {
      sb_finish_job_record (job, shown->draft);
      sb_wizard_schedule_save (shown);
      return;
    }
  sb_finish_job_record (job, run->draft);
  if (held != NULL)
    g_application_hold (g_object_ref (held));
  sb_draft_store_save_async (run->store, run->draft, NULL, on_closed_draft_saved, held);
}

static void
on_packet_saved (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FinishRun) run = user_data;
  SbWizard *self = run->wizard;
  gboolean closed = self->draft == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFinishJob) job = sb_finish_job_new_finish (result, &error);

  if (job != NULL)
    record_packet (run, job);
  /* The window was closed meanwhile: the PDF is written all the same;
   * a failure has no window left to be shown in (the draft stays in
   * progress on the start page). */
  if (closed)
    {
      if (job != NULL)
        sb_finish_job_write_pdf_async (job, NULL, on_pdf_written, g_object_ref (self));
      else
        g_warning ("The application could not be finished: %s", error->message);
      return;
    }
  if (job == NULL)
    {
      set_finishing (self, FALSE);
      sb_wizard_show_error (self, _("The Application Could Not Be Finished"), error->message);
      return;
    }

  sb_finish_job_write_pdf_async (job, NULL, on_pdf_written, g_object_ref (self));
}

/* The packet is built (every attached file read and hashed) and saved,
 * then its PDF rendered, in worker threads: the window stays live. */
static void
finish_in_background (SbWizard *self,
                      GFile    *folder)
{
  g_autofree char *now = sb_date_now_timestamp ();
  FinishRun *run = g_new0 (FinishRun, 1);

  run->wizard = g_object_ref (self);
  run->draft = g_object_ref (self->draft);
  run->store = g_object_ref (self->store);
  set_finishing (self, TRUE);
  sb_finish_job_new_async (self->draft, self->files, self->calendar, folder, sb_date_today (), now, NULL,
                           on_packet_saved, run);
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SbWizard        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_wizard_finish_in_background (self, folder);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_review_finish (SbReviewPage *page,
                  SbWizard     *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->finishing)
    return;

  chooser = gtk_file_chooser_native_new (_("Where to Save the Application"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save Here"), _("_Cancel"));
  /* Start where the last application went. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
    g_autofree char *uri = g_settings_get_string (settings, "last-folder");

    if (uri != NULL && *uri != '\0')
      {
        g_autoptr(GFile) last = g_file_new_for_uri (uri);

        if (g_file_query_file_type (last, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), last, NULL);
      }
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Private API */

void
sb_wizard_add_review_page (SbWizard *self)
{
  self->review_page = GTK_WIDGET (sb_review_page_new (self->draft));
  g_signal_connect (self->review_page, "change-field", G_CALLBACK (on_review_change_field), self);
  g_signal_connect (self->review_page, "justification-changed", G_CALLBACK (on_review_justification_changed), self);
  g_signal_connect (self->review_page, "finish", G_CALLBACK (on_review_finish), self);
}

void
sb_wizard_set_review_read_only (SbWizard *self)
{
  sb_review_page_set_read_only (SB_REVIEW_PAGE (self->review_page), self->read_only);
}

/* Public API */

gboolean
sb_wizard_can_finish (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return ready_to_finish (self);
}

gboolean
sb_wizard_finish_into (SbWizard  *self,
                       GFile     *folder,
                       GError   **error)
{
  g_autoptr(SbFinishJob) job = NULL;

  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  /* The same steps as the Finish button, with the PDF written before returning. */
  job = save_packet (self, folder, error);
  if (job == NULL || !sb_finish_job_write_pdf (job, error))
    return FALSE;
  show_finished (self, job);
  return TRUE;
}

void
sb_wizard_finish_in_background (SbWizard *self,
                                GFile    *folder)
{
  g_return_if_fail (SB_IS_WIZARD (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (!self->finishing)
    finish_in_background (self, folder);
}

gboolean
sb_wizard_is_finishing (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return self->finishing;
}
