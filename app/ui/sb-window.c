/* sb-window.c — the main window: the procedures and their guides
 *
 * Everything shown comes from the installed form definitions; no code
 * here knows a particular procedure.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-draft-store.h"
#include "sb-file-store.h"
#include "sb-form-registry.h"
#include "sb-pdf-renderer.h"
#include "sb-review.h"
#include "sb-safe-text.h"
#include "sb-window.h"
#include "sb-wizard.h"

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  SbFormRegistry       *registry;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwPreferencesGroup  *drafts_group;
  AdwPreferencesGroup  *recent_group;
  GPtrArray            *recent_rows;
  AdwPreferencesGroup  *procedures_group;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesPage   *guide_page;
  GPtrArray            *guide_groups;
  GPtrArray            *draft_rows;
  GCancellable         *drafts_listing;   /* while the drafts are read */

  SbDraftStore         *draft_store;
  SbFileStore          *file_store;
  SbCalendar           *calendar;
  SbWizard             *wizard;
  SbReviewerView       *reviewer;
  char                 *guide_form;
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

/* Auxiliary functions */

/* "城科发〔2023〕8号 · in force 2023-05-22 – 2025-05-21" */
static char *
regulation_summary (SbFormDefinition *definition)
{
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  g_autofree char *from = sb_date_to_string (regulation->effective_from);
  g_autofree char *until = regulation->effective_until ? sb_date_to_string (regulation->effective_until) : NULL;

  if (until == NULL)
    /* Translators: %s is the regulation's document number and date */
    return g_strdup_printf (_("%s · in force since %s"), regulation->document_no, from);

  if (!sb_form_definition_is_in_force (definition, sb_date_today ()))
    return g_strdup_printf (_("%s · expired on %s"), regulation->document_no, until);

  return g_strdup_printf (_("%s · in force %s – %s"), regulation->document_no, from, until);
}

static void
clear_guide (SbWindow *self)
{
  for (guint i = 0; i < self->guide_groups->len; i++)
    adw_preferences_page_remove (self->guide_page, g_ptr_array_index (self->guide_groups, i));
  g_ptr_array_set_size (self->guide_groups, 0);
}

static AdwPreferencesGroup *
add_guide_group (SbWindow   *self,
                 const char *title,
                 const char *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  if (title != NULL)
    adw_preferences_group_set_title (group, title);
  if (description != NULL)
    adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (self->guide_page, group);
  g_ptr_array_add (self->guide_groups, group);
  return group;
}

static GtkWidget *
info_row (const char *title,
          const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Guides are read, not clipped: let long text wrap. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  return row;
}

static char *
deadline_text (const SbGuideStep *step)
{
  const char *from = step->deadline_from.zh_CN ? sb_text_get (&step->deadline_from) : NULL;

  if (step->deadline_working_days > 0)
    return from ? g_strdup_printf (_("within %d working days of %s"), step->deadline_working_days, from)
                : g_strdup_printf (_("within %d working days"), step->deadline_working_days);
  if (step->deadline_days > 0)
    return from ? g_strdup_printf (_("within %d days of %s"), step->deadline_days, from)
                : g_strdup_printf (_("within %d days"), step->deadline_days);
  if (step->deadline_months > 0)
    return from ? g_strdup_printf (_("within %d months of %s"), step->deadline_months, from)
                : g_strdup_printf (_("within %d months"), step->deadline_months);
  if (step->deadline_text.zh_CN != NULL)
    return g_strdup (sb_text_get (&step->deadline_text));
  return NULL;
}

static const char *
requirement_label (SbMaterialRequirement requirement)
{
  switch (requirement)
    {
    case SB_MATERIAL_REQUIRED:
      return _("Required");
    case SB_MATERIAL_CONDITIONAL:
      return _("Required in some cases");
    case SB_MATERIAL_RECOMMENDED:
      return _("Recommended");
    case SB_MATERIAL_GENERATED:
      return _("Produced by Shenbao");
    case SB_MATERIAL_OPTIONAL:
    default:
      return _("Optional");
    }
}

static void
fill_guide (SbWindow         *self,
            SbFormDefinition *definition)
{
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  g_autofree char *summary = regulation_summary (definition);
  GPtrArray *steps = sb_form_definition_get_guide_steps (definition);
  GPtrArray *materials = sb_form_definition_get_materials (definition);
  GPtrArray *notes = sb_form_definition_get_guide_notes (definition);
  const SbText *where = sb_form_definition_get_guide_text (definition, "where");
  AdwPreferencesGroup *group;

  GtkWidget *start;

  clear_guide (self);

  group = add_guide_group (self, sb_text_get (sb_form_definition_get_title (definition)),
                           sb_form_definition_get_description (definition)->zh_CN
                             ? sb_text_get (sb_form_definition_get_description (definition)) : NULL);
  start = gtk_button_new_with_mnemonic (_("_Start Application"));
  gtk_widget_add_css_class (start, "suggested-action");
  gtk_widget_add_css_class (start, "pill");
  gtk_widget_set_halign (start, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (start), "win.start-application");
  /* Under the description rather than beside it: beside a long
   * description in a narrow window the button was drawn over the text.
   * (A widget that is not a row goes under the group's rows, so the
   * facts follow in a group of their own.) */
  adw_preferences_group_add (group, start);
  group = add_guide_group (self, NULL, NULL);
  adw_preferences_group_add (group, info_row (_("Regulation"), regulation->title));
  adw_preferences_group_add (group, info_row (_("Document number and validity"), summary));
  if (regulation->validity_note.zh_CN != NULL)
    adw_preferences_group_add (group, info_row (_("Validity"), sb_text_get (&regulation->validity_note)));
  adw_preferences_group_add (group, info_row (_("Who may apply"),
                                              sb_text_get (sb_form_definition_get_guide_text (definition, "applicants"))));
  adw_preferences_group_add (group, info_row (_("Where to apply"),
                                              sb_text_get (sb_form_definition_get_guide_text (definition, "authority"))));
  if (where->zh_CN != NULL)
    adw_preferences_group_add (group, info_row (_("How to submit"), sb_text_get (where)));

  group = add_guide_group (self, _("Steps and Deadlines"), NULL);
  for (guint i = 0; i < steps->len; i++)
    {
      SbGuideStep *step = g_ptr_array_index (steps, i);
      g_autofree char *deadline = deadline_text (step);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, sb_text_get (&step->actor));
      g_autofree char *text = deadline ? g_strdup_printf ("%s（%s）", sb_text_get (&step->action), deadline)
                                       : g_strdup (sb_text_get (&step->action));

      adw_preferences_group_add (group, info_row (title, text));
    }

  group = add_guide_group (self, _("Materials to Prepare"), NULL);
  for (guint i = 0; i < materials->len; i++)
    {
      SbMaterial *material = g_ptr_array_index (materials, i);
      g_autofree char *title = g_strdup_printf ("%s %s", material->id, sb_text_get (&material->title));

      adw_preferences_group_add (group, info_row (title, requirement_label (material->requirement)));
    }

  if (notes->len > 0)
    {
      group = add_guide_group (self, _("Please Note"), NULL);
      for (guint i = 0; i < notes->len; i++)
        adw_preferences_group_add (group, info_row (sb_text_get (g_ptr_array_index (notes, i)), NULL));
    }
}

static void populate_recent (SbWindow *self);

static void
show_page (SbWindow   *self,
           const char *name,
           const char *title,
           const char *subtitle)
{
  gboolean is_start = g_str_equal (name, "start");

  if (is_start && self->recent_rows != NULL)
    populate_recent (self);

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !is_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", !is_start);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

static void populate_drafts (SbWindow *self);
static void close_reviewer (SbWindow *self);

static void
on_wizard_toast (SbWizard   *wizard,
                 const char *text,
                 SbWindow   *self)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
close_wizard (SbWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->wizard == NULL)
    return;

  if (!sb_wizard_save_now (self->wizard, &error))
    {
      /* Keep the wizard open: leaving now would lose the change.  Its bar
       * says why the draft is not saved. */
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Not closed: the draft is not saved")));
      return;
    }

  gtk_stack_remove (self->stack, GTK_WIDGET (self->wizard));
  self->wizard = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-draft", FALSE);
  populate_drafts (self);
  show_page (self, "start", _("Shenbao"), NULL);
}

static void
on_wizard_closed (SbWizard *wizard,
                  SbWindow *self)
{
  close_wizard (self);
}

static void
open_wizard (SbWindow *self,
             SbDraft  *draft)
{
  SbFormDefinition *definition = sb_draft_get_definition (draft);
  g_autofree char *name = sb_draft_dup_display_name (draft);

  if (self->wizard != NULL)
    close_wizard (self);
  if (self->wizard != NULL)
    return;
  close_reviewer (self);

  self->wizard = sb_wizard_new (draft, self->draft_store, self->file_store, self->calendar);
  g_signal_connect (self->wizard, "toast", G_CALLBACK (on_wizard_toast), self);
  g_signal_connect (self->wizard, "closed", G_CALLBACK (on_wizard_closed), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->wizard), "wizard");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-draft", TRUE);
  show_page (self, "wizard", sb_text_get (sb_form_definition_get_title (definition)), name);
}

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "");
}

static void
draft_activated_cb (AdwActionRow *row,
                    SbWindow     *self)
{
  SbDraft *draft = g_object_get_data (G_OBJECT (row), "draft");

  open_wizard (self, draft);
}

static void
clear_draft_rows (SbWindow *self)
{
  for (guint i = 0; i < self->draft_rows->len; i++)
    adw_preferences_group_remove (self->drafts_group, g_ptr_array_index (self->draft_rows, i));
  g_ptr_array_set_size (self->draft_rows, 0);
}

static void
on_drafts_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  SbWindow *self;

  drafts = sb_draft_store_list_finish (SB_DRAFT_STORE (source), result, &errors, &error);
  /* Cancelled: the window is gone, or a newer listing replaces this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SB_WINDOW (user_data);
  g_clear_object (&self->drafts_listing);
  clear_draft_rows (self);

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      SbDraft *draft = g_ptr_array_index (drafts, i);
      g_autofree char *name = sb_draft_dup_display_name (draft);
      g_autofree char *when = local_time (sb_draft_get_updated (draft));
      g_autofree char *subtitle = g_strdup_printf (_("%s · last changed %s"),
                                                   sb_text_get (sb_form_definition_get_title (sb_draft_get_definition (draft))),
                                                   when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "draft", g_object_ref (draft), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (draft_activated_cb), self);
      adw_preferences_group_add (self->drafts_group, row);
      g_ptr_array_add (self->draft_rows, row);
    }

  /* A draft that cannot be read stays on disk; say so rather than hide it. */
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      GError *problem = g_ptr_array_index (errors, i);
      const char *title = g_error_matches (problem, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE)
        ? _("A draft is too large to open")
        : _("A draft could not be opened");
      /* The message may quote the file: nothing in it is obeyed. */
      g_autofree char *message = sb_safe_text_reveal (problem->message, 0);
      GtkWidget *row = info_row (title, message);

      adw_preferences_group_add (self->drafts_group, row);
      g_ptr_array_add (self->draft_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), self->draft_rows->len > 0);
}

/* The drafts are read in a worker thread: a damaged or huge draft (the
 * reading is bounded, but it is still the disk and a parser) never keeps
 * the start page from showing or from answering. */
static void
populate_drafts (SbWindow *self)
{
  if (self->drafts_listing != NULL)
    g_cancellable_cancel (self->drafts_listing);
  g_clear_object (&self->drafts_listing);
  self->drafts_listing = g_cancellable_new ();

  sb_draft_store_list_async (self->draft_store, self->registry, self->drafts_listing, on_drafts_listed, self);
}

/* TRUE while the drafts of the start page are still being read (tests
 * wait for it). */
gboolean
sb_window_is_listing_drafts (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  return self->drafts_listing != NULL;
}

static void
close_reviewer (SbWindow *self)
{
  if (self->reviewer == NULL)
    return;
  gtk_stack_remove (self->stack, GTK_WIDGET (self->reviewer));
  self->reviewer = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-notice", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-opinion", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", FALSE);
}

static void
remember_recent (SbWindow *self,
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

static void
on_reviewer_toast (SbReviewerView *view,
                   const char     *text,
                   SbWindow       *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
explain_open_error (SbWindow   *self,
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

typedef struct {
  SbWindow         *self;
  SbReviewDocument  document;
  gboolean          json;
} SaveRequest;

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
      gboolean saved = request->json ? sb_reviewer_view_save_review (self->reviewer, file, &error)
                                     : sb_reviewer_view_save_document (self->reviewer, request->document, file, &error);
      g_autofree char *text = saved ? g_strdup_printf (_("Saved %s"), g_file_peek_path (file))
                                    : g_strdup_printf (_("Could not save: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      if (saved)
        remember_recent (self, file);
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

      sb_window_open_file (self, file);
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

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SbWindow      *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  return sb_window_open_file (self, g_value_get_object (value));
}

static void
recent_activated_cb (AdwActionRow *row,
                     SbWindow     *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_object_get_data (G_OBJECT (row), "uri"));

  sb_window_open_file (self, file);
}

/* The packets and reviews opened or written lately that still exist. */
static void
populate_recent (SbWindow *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-files");

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; uris[i] != NULL && self->recent_rows->len < 6; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *folder = parent ? g_file_get_parse_name (parent) : g_strdup ("");
      GtkWidget *row;

      if (!g_file_query_exists (file, NULL))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uris[i]), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_activated_cb), self);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

/* Callbacks */

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

  draft = sb_draft_new (definition, iso);
  if (!sb_draft_store_save (self->draft_store, draft, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not create the draft: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  open_wizard (self, draft);
}

static void
procedure_activated_cb (AdwActionRow *row,
                        SbWindow     *self)
{
  const char *form_id = g_object_get_data (G_OBJECT (row), "form-id");

  sb_window_show_guide (self, form_id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->wizard != NULL)
    close_wizard (self);
  else
    {
      close_reviewer (self);
      show_page (self, "start", _("Shenbao"), NULL);
    }
}

static void
populate_procedures (SbWindow *self)
{
  g_autofree char *dir = g_build_filename (sb_data_dir (), "forms", NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *definitions;

  self->registry = sb_form_registry_new_from_directory (dir, errors);
  definitions = sb_form_registry_get_all (self->registry);

  for (guint i = 0; i < definitions->len; i++)
    {
      SbFormDefinition *definition = g_ptr_array_index (definitions, i);
      const char *id = sb_form_definition_get_id (definition);
      g_autofree char *summary = NULL;
      GtkWidget *row;

      /* The newest version of each procedure comes first. */
      if (!g_hash_table_add (shown, (gpointer) id))
        continue;

      summary = regulation_summary (definition);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_text_get (sb_form_definition_get_title (definition)));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (!sb_form_definition_is_in_force (definition, sb_date_today ()))
        gtk_widget_add_css_class (row, "expired");
      g_object_set_data_full (G_OBJECT (row), "form-id", g_strdup (id), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (procedure_activated_cb), self);
      adw_preferences_group_add (self->procedures_group, row);
    }

  if (definitions->len == 0)
    adw_preferences_group_add (self->procedures_group,
                               info_row (_("No procedures are installed"),
                                         _("The form definitions could not be found; reinstall Shenbao.")));

  /* A broken definition is never hidden: say which and why. */
  for (guint i = 0; i < errors->len; i++)
    {
      GError *error = g_ptr_array_index (errors, i);

      adw_preferences_group_add (self->problems_group, info_row (_("Could not load a form"), error->message));
      gtk_widget_set_visible (GTK_WIDGET (self->problems_group), TRUE);
    }
}

/* GObject overrides */

static void
sb_window_dispose (GObject *object)
{
  SbWindow *self = (SbWindow *) object;

  if (self->drafts_listing != NULL)
    g_cancellable_cancel (self->drafts_listing);
  g_clear_object (&self->drafts_listing);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_WINDOW);

  G_OBJECT_CLASS (sb_window_parent_class)->dispose (object);
}

static void
sb_window_finalize (GObject *object)
{
  SbWindow *self = (SbWindow *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->guide_groups, g_ptr_array_unref);
  g_clear_pointer (&self->draft_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->file_store);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->guide_form, g_free);

  G_OBJECT_CLASS (sb_window_parent_class)->finalize (object);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->finalize = sb_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, procedures_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, problems_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, guide_page);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.start-application", NULL, start_application_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.export-draft", NULL, export_draft_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.import-draft", NULL, import_draft_action);
  gtk_widget_class_install_action (widget_class, "win.save-notice", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-opinion", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-review", NULL, save_action);
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->guide_groups = g_ptr_array_new ();

  /* Window size is remembered; the Devel build shares the settings. */
  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->draft_rows = g_ptr_array_new ();
  self->draft_store = sb_draft_store_new_default ();
  {
    g_autofree char *files = g_build_filename (sb_draft_store_get_dir (self->draft_store), "files", NULL);

    self->file_store = sb_file_store_new (files);
  }
  /* Without calendar data the deadlines are not computed, but forms work. */
  self->calendar = sb_calendar_get_default (NULL);
  if (self->calendar != NULL)
    g_object_ref (self->calendar);
  g_object_set_data (G_OBJECT (self), "toast-overlay", self->toast_overlay);

  /* A packet dropped anywhere on the window opens for review. */
  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-notice", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-opinion", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-draft", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", FALSE);

  self->recent_rows = g_ptr_array_new ();
  populate_procedures (self);
  populate_drafts (self);
  populate_recent (self);
  show_page (self, "start", _("Shenbao"), NULL);
}

/* Public API */

SbWindow *
sb_window_new (SbApplication *application)
{
  return g_object_new (SB_TYPE_WINDOW, "application", application, NULL);
}

gboolean
sb_window_show_guide (SbWindow   *self,
                      const char *form_id)
{
  SbFormDefinition *definition;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (form_id != NULL, FALSE);

  definition = sb_form_registry_lookup (self->registry, form_id, 0);
  if (definition == NULL)
    return FALSE;

  fill_guide (self, definition);
  g_free (self->guide_form);
  self->guide_form = g_strdup (form_id);
  show_page (self, "guide", sb_text_get (sb_form_definition_get_title (definition)),
             sb_form_definition_get_regulation (definition)->document_no);
  return TRUE;
}

SbWizard *
sb_window_get_wizard (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->wizard;
}

void
sb_window_open_draft (SbWindow *self,
                      SbDraft  *draft)
{
  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (SB_IS_DRAFT (draft));

  open_wizard (self, draft);
}

/* A review file from the office: open the draft its packet was made
 * from and show the corrections under their fields. */
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
      explain_open_error (self, file, error);
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

  open_wizard (self, draft);
  if (self->wizard == NULL)
    return FALSE;
  n = sb_wizard_set_review (self->wizard, review);
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

gboolean
sb_window_open_file (SbWindow *self,
                     GFile    *file)
{
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *applicant = NULL;
  g_autofree char *title = NULL;
  gboolean from_pdf = FALSE;

  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Review files name their kind near the top. */
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
          return open_review (self, file, bytes);
        /* A draft is imported only when the person says so: opening a
         * file (a click in the file manager, a name on the command line)
         * never adds to the drafts by itself. */
        if (data != NULL && g_strstr_len (data, MIN (length, 4096), "\"shenbao-draft\"") != NULL)
          {
            ask_to_import_draft (self, file);
            return TRUE;
          }
      }
  }

  packet = sb_pdf_read_packet (file, self->registry, self->calendar, &from_pdf, &error);
  if (packet == NULL)
    {
      explain_open_error (self, file, error);
      return FALSE;
    }

  if (self->wizard != NULL)
    close_wizard (self);
  if (self->wizard != NULL)
    return FALSE;
  close_reviewer (self);

  /* Deadlines count from the day the office received the packet: today. */
  self->reviewer = sb_reviewer_view_new (packet, file, from_pdf, sb_date_today (), self->calendar);
  g_signal_connect (self->reviewer, "toast", G_CALLBACK (on_reviewer_toast), self);
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
  show_page (self, "review", title, applicant);
  remember_recent (self, file);
  return TRUE;
}

SbReviewerView *
sb_window_get_reviewer_view (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->reviewer;
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
      explain_open_error (self, file, error);
      return FALSE;
    }
  open_wizard (self, draft);
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
      explain_open_error (self, file, error);
      return FALSE;
    }

  current = sb_reviewer_view_get_packet (self->reviewer);
  if (!g_str_equal (sb_form_definition_get_id (sb_packet_get_definition (earlier)),
                    sb_form_definition_get_id (sb_packet_get_definition (current))))
    {
      g_set_error (&error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID, _("The packets are of different procedures."));
      explain_open_error (self, file, error);
      return FALSE;
    }

  sb_reviewer_view_show_changes (self->reviewer, earlier);
  return TRUE;
}
