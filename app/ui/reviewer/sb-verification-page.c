/* sb-verification-page.c — the reviewer's 核验 page
 *
 * What was checked about the packet itself, shown prominently when
 * anything does not match, who signed it, what the packet says it is,
 * and the statutory deadlines counted from the day it was received.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-input-normalize.h"
#include "sb-reviewer-view-private.h"
#include "sb-signature.h"
#include "sb-verification-page.h"

struct _SbVerificationPage
{
  AdwPreferencesPage  parent_instance;

  SbReviewerView     *view;  /* unowned: the view holds its pages */
  GtkWidget          *deadlines_group;
  GPtrArray          *deadline_rows;
  GtkWidget          *signatures_group;
  GPtrArray          *signature_rows;
  GtkWidget          *checks_group;
  guint               n_failed;       /* of the checks of the packet itself */
};

G_DEFINE_FINAL_TYPE (SbVerificationPage, sb_verification_page, ADW_TYPE_PREFERENCES_PAGE)

/* Auxiliary functions */

static const char *
check_title (SbPacketCheckKind kind)
{
  switch (kind)
    {
    case SB_PACKET_CHECK_INTEGRITY:
      return _("Integrity hash");
    case SB_PACKET_CHECK_ATTACHMENTS:
      return _("Attached files");
    case SB_PACKET_CHECK_DEFINITION:
      return _("Form definition");
    case SB_PACKET_CHECK_IN_FORCE:
      return _("Regulation in force");
    case SB_PACKET_CHECK_VALIDATION:
      return _("Rule results");
    case SB_PACKET_CHECK_READY:
      return _("Ready to submit");
    case SB_PACKET_CHECK_DATES:
      return _("Dates");
    default:
      return _("Check");
    }
}

static void
fill_deadlines (SbVerificationPage *self)
{
  g_autoptr(GPtrArray) deadlines = sb_review_compute_deadlines (self->view->review, sb_packet_get_submission_date (self->view->packet),
                                                                sb_date_today (), self->view->calendar);

  for (guint i = 0; i < self->deadline_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->deadlines_group), g_ptr_array_index (self->deadline_rows, i));
  g_ptr_array_set_size (self->deadline_rows, 0);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbDeadlineStatus *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *due = deadline->due ? sb_date_to_string (deadline->due) : NULL;
      g_autofree char *text = deadline->problem != NULL ? g_strdup (deadline->problem)
        : deadline->remaining >= 0
          ? g_strdup_printf (_("Due %s (%d working days); %d working days left"), due, deadline->working_days, deadline->remaining)
          : g_strdup_printf (_("Due %s (%d working days); %d working days overdue"), due, deadline->working_days, -deadline->remaining);
      GtkWidget *row = sb_reviewer_text_row (deadline->label, text);

      if (deadline->remaining < 0 && deadline->problem == NULL)
        gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->deadlines_group), row);
      g_ptr_array_add (self->deadline_rows, row);
    }
  if (deadlines->len == 0)
    {
      GtkWidget *row = sb_reviewer_text_row (_("No statutory deadline"), NULL);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->deadlines_group), row);
      g_ptr_array_add (self->deadline_rows, row);
    }
}

/* The packet may have arrived days before it is opened: deadlines count
 * from the day the office received it. */
static void
on_received_apply (AdwEntryRow        *row,
                   SbVerificationPage *self)
{
  SbText problem = { NULL, NULL };
  gint32 day;

  if (!sb_date_parse_typed (gtk_editable_get_text (GTK_EDITABLE (row)), &day, &problem))
    {
      sb_reviewer_view_toast (self->view, sb_text_get (&problem));
      sb_text_clear (&problem);
      return;
    }
  if (day > sb_date_today ())
    {
      sb_reviewer_view_toast (self->view, _("The day of receipt cannot be later than today."));
      return;
    }
  sb_review_set_received (self->view->review, day);
  fill_deadlines (self);
}

static GtkWidget *
add_signature_row (SbVerificationPage *self,
                   const char         *title,
                   const char         *subtitle,
                   const char         *icon_name,
                   const char         *style)
{
  GtkWidget *row = sb_reviewer_text_row (title, subtitle);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (icon, style);
  if (g_str_equal (style, "error"))
    gtk_widget_add_css_class (row, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->signatures_group), row);
  g_ptr_array_add (self->signature_rows, row);
  return row;
}

/* Signer, organisation, 统一社会信用代码, signing time, issuer and why it
 * is not trusted, one line each; the certificate's text is revealed by
 * the row. */
static char *
signature_details (const SbSignature *signature,
                   const char        *scope)
{
  GString *details = g_string_new (scope);  /* NULL: empty */

#define ADD_LINE(...) G_STMT_START { \
    if (details->len > 0) \
      g_string_append_c (details, '\n'); \
    g_string_append_printf (details, __VA_ARGS__); \
  } G_STMT_END

  ADD_LINE (_("Signer: %s"), *signature->name != '\0' ? signature->name : _("not named in the certificate"));
  if (*signature->organisation != '\0')
    ADD_LINE (_("Organisation: %s"), signature->organisation);
  if (signature->credit_code != NULL)
    ADD_LINE (_("Unified social credit code: %s"), signature->credit_code);
  if (signature->signing_time != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (signature->signing_time);
      g_autofree char *time = g_date_time_format (local, "%Y-%m-%d %H:%M");

      /* Translators: the signing time in the reviewer's time zone */
      ADD_LINE (_("Signing time: %s (local time, as the signer’s computer gave it)"), time);
    }
  else
    ADD_LINE ("%s", _("Signing time: not given"));
  ADD_LINE (_("Issuer: %s"), *signature->issuer != '\0' ? signature->issuer : _("not named"));
  if (signature->problem != NULL && signature->status == SB_SIGNATURE_UNKNOWN_ISSUER)
    ADD_LINE (_("Not trusted: %s"), signature->problem);
  else if (signature->problem != NULL)
    ADD_LINE (_("Why: %s"), signature->problem);
#undef ADD_LINE
  return g_string_free (details, FALSE);
}

static void
add_signature_rows (SbVerificationPage *self,
                    GPtrArray          *signatures,
                    const char         *scope,
                    const char         *unsigned_text)
{
  /* Unsigned is a failure only where nothing else meets the requirement
   * (a signed PDF around an unsigned packet does). */
  gboolean missing = !sb_reviewer_view_signature_requirement_met (self->view);

  if (signatures == NULL)
    return;
  if (signatures->len == 0)
    {
      g_autofree char *subtitle = scope ? g_strdup_printf ("%s\n%s", scope, unsigned_text) : g_strdup (unsigned_text);

      add_signature_row (self, _("Unsigned"), subtitle, missing ? "dialog-error-symbolic" : "dialog-information-symbolic",
                         missing ? "error" : "dim-label");
    }
  for (guint i = 0; i < signatures->len; i++)
    {
      SbSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *verdict = sb_signature_dup_verdict (signature);
      g_autofree char *details = signature_details (signature, scope);
      gboolean fails = sb_signature_status_fails (signature->status);
      gboolean trusted = signature->status == SB_SIGNATURE_TRUSTED;

      add_signature_row (self, verdict, details,
                         trusted ? "emblem-ok-symbolic" : fails ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                         trusted ? "success" : fails ? "error" : "warning");
    }
}

static char *
signatures_description (SbVerificationPage *self)
{
  SbReviewerView *view = self->view;
  g_autofree char *folder = NULL;
  const char *requirement = view->signature_required
    ? _("This office requires signed packets: one without a trusted signature does not verify.")
    : _("This office accepts unsigned packets.");

  switch (view->trust_source)
    {
    case SB_TRUST_DIR_ENVIRONMENT:
      /* Translators: %s is a folder */
      folder = g_strdup_printf (_("Checked against the certificate authorities in %s (set by SHENBAO_TRUST_DIR)."),
                                view->trust_dir);
      break;
    case SB_TRUST_DIR_PREFERENCE:
      folder = g_strdup_printf (_("Checked against the certificate authorities in %s (the trust folder in the preferences)."),
                                view->trust_dir);
      break;
    case SB_TRUST_DIR_NONE:
    default:
      folder = g_strdup (_("No trust folder is set, so no signature can be trusted: choose one in the preferences."));
      break;
    }
  return g_strdup_printf ("%s %s", folder, requirement);
}

/* Called again when the check ends or starts again. */
void
sb_verification_page_show_signatures (SbVerificationPage *self)
{
  SbReviewerView *view;
  g_autofree char *description = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (SB_IS_VERIFICATION_PAGE (self));

  view = self->view;
  for (guint i = 0; i < self->signature_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->signatures_group), g_ptr_array_index (self->signature_rows, i));
  g_ptr_array_set_size (self->signature_rows, 0);

  description = signatures_description (self);
  shown = sb_reviewer_reveal (description);
  escaped = g_markup_escape_text (shown, -1);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->signatures_group), escaped);

  if (sb_reviewer_view_is_checking_signatures (view))
    {
      GtkWidget *row = sb_reviewer_text_row (_("Checking the signatures…"), NULL);
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->signatures_group), row);
      g_ptr_array_add (self->signature_rows, row);
      return;
    }

  /* The heading over the checks says what the signatures make of a
   * packet whose own checks pass. */
  if (self->n_failed == 0)
    {
      g_autofree char *failures = sb_reviewer_view_dup_signature_failures (view, FALSE);

      if (failures != NULL)
        {
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->checks_group), _("The Packet Does Not Verify"));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->checks_group),
                                                 _("Its hash, its files and its rule results match what it contains, but "
                                                   "its signatures do not pass: see Digital Signatures below."));
          gtk_widget_add_css_class (self->checks_group, "verification-failed");
        }
      else
        {
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->checks_group), _("The Packet Verifies"));
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->checks_group),
                                                 _("Its hash, its files and its rule results match what it contains."));
          gtk_widget_remove_css_class (self->checks_group, "verification-failed");
        }
    }

  /* The requirement first: it decides whether the packet verifies. */
  if (!sb_reviewer_view_signature_requirement_met (view))
    add_signature_row (self, _("A Trusted Signature Is Required"),
                       _("This office requires signed packets, and no signature here is by a certificate that a "
                         "certificate authority in the trust folder issued: treat the packet as one that does not "
                         "verify until the applicant sends a signed one."),
                       "dialog-error-symbolic", "error");
  add_signature_rows (self, view->packet_signatures, view->from_pdf ? _("On the packet embedded in the PDF") : NULL,
                      _("Nothing says who made the packet."));
  add_signature_rows (self, view->pdf_signatures, _("On the PDF"), _("Nothing says who made the PDF."));
  if (view->signatures_problem != NULL)
    add_signature_row (self, _("Some signatures could not be checked"), view->signatures_problem,
                       "dialog-error-symbolic", "error");
}

static void
fill_verification (SbVerificationPage *self)
{
  GtkWidget *page = GTK_WIDGET (self);
  GPtrArray *checks = sb_packet_get_checks (self->view->packet);
  SbFormDefinition *definition = sb_packet_get_definition (self->view->packet);
  g_autofree char *applicant = sb_reviewer_view_dup_applicant (self->view);
  g_autofree char *submitted = sb_packet_get_submission_date (self->view->packet)
    ? sb_date_to_string (sb_packet_get_submission_date (self->view->packet)) : g_strdup (_("Not given"));
  g_autofree char *form = g_strdup_printf ("%s（%s %s）", sb_text_get (sb_form_definition_get_title (definition)),
                                           sb_form_definition_get_id (definition), sb_form_definition_get_version (definition));
  g_autofree char *source_name = g_file_get_parse_name (self->view->source);
  /* The file's name came with the packet, from the same sender. */
  g_autofree char *source = sb_reviewer_reveal (source_name);
  g_autofree char *reference = sb_reviewer_reveal (sb_packet_get_reference (self->view->packet));
  g_autofree char *hash = sb_reviewer_reveal (sb_packet_get_integrity_hash (self->view->packet));
  AdwPreferencesGroup *group;
  guint n_failed = 0;

  for (guint i = 0; i < checks->len; i++)
    n_failed += !((SbPacketCheck *) g_ptr_array_index (checks, i))->ok;
  n_failed += self->view->pages_message != NULL && !self->view->pages_ok;

  group = sb_reviewer_add_group (page, n_failed == 0 ? _("The Packet Verifies") : _("The Packet Does Not Verify"),
                     n_failed == 0
                       ? _("Its hash, its files and its rule results match what it contains.")
                       : _("Something in this packet does not match. Do not rely on it before you have cleared up what is marked below."));
  if (n_failed > 0)
    gtk_widget_add_css_class (GTK_WIDGET (group), "verification-failed");
  self->checks_group = GTK_WIDGET (group);
  self->n_failed = n_failed;

  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);
      /* One line each: a name or key quoted in it cannot start another. */
      g_autofree char *message = sb_reviewer_reveal (check->message);
      /* A packet that does not verify is never marked ready: its rule
       * results are of answers that may not be the applicant's. */
      gboolean withheld = check->ok && check->kind == SB_PACKET_CHECK_READY && n_failed > 0;
      g_autofree char *shown = withheld
        ? g_strdup_printf ("%s\n%s", _("Not relied on: the packet does not verify."), message)
        : g_strdup (message);
      GtkWidget *row = sb_reviewer_text_row (check_title (check->kind), shown);
      GtkWidget *icon = gtk_image_new_from_icon_name (withheld ? "dialog-question-symbolic"
                                                      : check->ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");

      gtk_widget_add_css_class (icon, withheld ? "dim-label" : check->ok ? "success" : "error");
      if (!check->ok)
        gtk_widget_add_css_class (row, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
    }

  /* A PDF: the pages a person reads must be of the packet it carries. */
  if (self->view->pages_message != NULL)
    {
      GtkWidget *row = sb_reviewer_text_row (_("Pages of the PDF"), self->view->pages_message);
      GtkWidget *icon = gtk_image_new_from_icon_name (self->view->pages_ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");

      gtk_widget_add_css_class (icon, self->view->pages_ok ? "success" : "error");
      if (!self->view->pages_ok)
        gtk_widget_add_css_class (row, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
    }

  /* Who made the packet: what the hash above cannot say. */
  self->signatures_group = GTK_WIDGET (sb_reviewer_add_group (page, _("Digital Signatures"), NULL));
  sb_verification_page_show_signatures (self);

  group = sb_reviewer_add_group (page, _("The Packet"), NULL);
  adw_preferences_group_add (group, sb_reviewer_text_row (_("Reference number"), reference));
  adw_preferences_group_add (group, sb_reviewer_text_row (_("Applicant"), applicant));
  adw_preferences_group_add (group, sb_reviewer_text_row (_("Procedure"), form));
  adw_preferences_group_add (group, sb_reviewer_text_row (_("Submission date"), submitted));
  adw_preferences_group_add (group, sb_reviewer_text_row (_("Status"), sb_packet_is_draft (self->view->packet) ? _("Draft") : _("Final")));
  adw_preferences_group_add (group, sb_reviewer_text_row (_("Integrity hash (SHA-256)"), hash));
  adw_preferences_group_add (group, sb_reviewer_text_row (self->view->from_pdf ? _("Read from the PDF's embedded packet") : _("Read from"),
                                              source));

  group = sb_reviewer_add_group (page, _("Deadlines"), _("Counted in working days with the official holiday calendar."));
  {
    GtkWidget *received = adw_entry_row_new ();
    g_autofree char *received_text = sb_date_to_string (sb_review_get_received (self->view->review));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (received), _("Received on (e.g. 2025-04-01)"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (received), TRUE);
    gtk_editable_set_text (GTK_EDITABLE (received), received_text);
    g_signal_connect (received, "apply", G_CALLBACK (on_received_apply), self);
    adw_preferences_group_add (group, received);
  }
  self->deadlines_group = GTK_WIDGET (group);
  fill_deadlines (self);
}

/* GObject overrides */

static void
sb_verification_page_dispose (GObject *object)
{
  SbVerificationPage *self = SB_VERIFICATION_PAGE (object);

  g_clear_pointer (&self->deadline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->signature_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_verification_page_parent_class)->dispose (object);
}

static void
sb_verification_page_class_init (SbVerificationPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_verification_page_dispose;
}

static void
sb_verification_page_init (SbVerificationPage *self)
{
  self->deadline_rows = g_ptr_array_new ();
  self->signature_rows = g_ptr_array_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Verification"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "security-high-symbolic");
}

/* Public API */

GtkWidget *
sb_verification_page_new (SbReviewerView *view)
{
  SbVerificationPage *self;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (view), NULL);

  self = g_object_new (SB_TYPE_VERIFICATION_PAGE, NULL);
  self->view = view;
  fill_verification (self);
  return GTK_WIDGET (self);
}
