/* sb-reviewer-view.c — a submitted packet, as the reviewing office sees it
 *
 * Three pages: 核验 (what was checked about the packet itself, shown
 * prominently when anything does not match, and the statutory deadlines),
 * 申请内容 (every answer read-only, with the rules as computed now and the
 * applicant's explanations, and a way to note a correction on any field),
 * and 审核 (the procedure's checklist, the notes, the decision and the
 * documents).  Everything comes from the packet, which is untrusted: it is
 * shown, never "fixed".
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "sb-answers-diff.h"
#include "sb-date.h"
#include "sb-field-row.h"
#include "sb-pdf-verify.h"
#include "sb-reviewer-view.h"

/* Tables longer than this show their first rows here; the PDF has all. */
#define MAX_TABLE_ROWS_SHOWN 200

struct _SbReviewerView
{
  AdwBin          parent_instance;

  SbPacket       *packet;
  SbReview       *review;
  SbCalendar     *calendar;
  GFile          *source;
  gboolean        from_pdf;

  GtkWidget      *notes_group;
  GPtrArray      *note_rows;
  GtkWidget      *stack;
  GtkWidget      *changes_page;
  GtkWidget      *deadlines_group;
  GPtrArray      *deadline_rows;
  char           *pages_message;  /* a PDF: whether its pages show its packet */
  gboolean        pages_ok;
};

G_DEFINE_FINAL_TYPE (SbReviewerView, sb_reviewer_view, ADW_TYPE_BIN)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static gint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  g_date_time_get_ymd (now, &year, &month, &day);
  return sb_date_from_ymd (year, month, day);
}

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
    default:
      return _("Check");
    }
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  return row;
}

static GtkWidget *
severity_icon (SbSeverity severity)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (severity == SB_SEVERITY_ERROR ? "dialog-error-symbolic"
                                                  : severity == SB_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                                  : "dialog-information-symbolic");

  gtk_widget_add_css_class (icon, severity == SB_SEVERITY_ERROR ? "error"
                                  : severity == SB_SEVERITY_WARNING ? "warning" : "dim-label");
  return icon;
}

static GtkWidget *
new_page (const char *title,
          const char *icon)
{
  GtkWidget *page = adw_preferences_page_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), title);
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), icon);
  return page;
}

static AdwPreferencesGroup *
add_group (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static void
toast (SbReviewerView *self,
       const char     *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* Notes */

static void refresh_notes (SbReviewerView *self);

static void
on_remove_note (GtkButton      *button,
                SbReviewerView *self)
{
  sb_review_remove_note (self->review, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  refresh_notes (self);
}

static void
refresh_notes (SbReviewerView *self)
{
  GPtrArray *notes = sb_review_get_notes (self->review);
  SbFormDefinition *definition = sb_packet_get_definition (self->packet);

  for (guint i = 0; i < self->note_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->notes_group), g_ptr_array_index (self->note_rows, i));
  g_ptr_array_set_size (self->note_rows, 0);

  for (guint i = 0; i < notes->len; i++)
    {
      SbReviewNote *note = g_ptr_array_index (notes, i);
      g_autofree char *top = note->field ? g_strndup (note->field, strcspn (note->field, "[")) : NULL;
      SbField *field = top ? sb_form_definition_lookup_field (definition, top) : NULL;
      g_autofree char *where = field == NULL ? g_strdup (note->material ? note->material : _("The application as a whole"))
                               : note->row >= 0 ? g_strdup_printf (_("%s, row %d"), sb_text_get (&field->label), note->row + 1)
                               : g_strdup (sb_text_get (&field->label));
      GtkWidget *row = text_row (where, note->text);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove this note"));
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_note), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->notes_group), row);
      g_ptr_array_add (self->note_rows, row);
    }

  if (notes->len == 0)
    {
      GtkWidget *row = text_row (_("No corrections noted"),
                                 _("Add a note from any answer on the Application page, or for the whole application here."));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->notes_group), row);
      g_ptr_array_add (self->note_rows, row);
    }
}

static void
on_note_entry_activated (GtkEntry       *entry,
                         SbReviewerView *self)
{
  const char *field = g_object_get_data (G_OBJECT (entry), "field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  GtkWidget *popover;

  if (*text == '\0')
    return;

  if (!sb_review_add_note (self->review, field, -1, NULL, text, &error))
    {
      toast (self, error->message);
      return;
    }
  refresh_notes (self);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  toast (self, _("Correction noted"));
}

/* A "补正" button that opens a one-line note about @field_id. */
static GtkWidget *
note_button (SbReviewerView *self,
             const char     *field_id)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_("What must the applicant correct?"));
  GtkWidget *entry = gtk_entry_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Note a correction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note a correction"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Correction: …"));
  gtk_widget_set_size_request (entry, 320, -1);
  g_object_set_data_full (G_OBJECT (entry), "field", g_strdup (field_id), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (on_note_entry_activated), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

/* The verification page */

static void
fill_deadlines (SbReviewerView *self)
{
  g_autoptr(GPtrArray) deadlines = sb_review_compute_deadlines (self->review, sb_packet_get_submission_date (self->packet),
                                                                today (), self->calendar);

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
      GtkWidget *row = text_row (deadline->label, text);

      if (deadline->remaining < 0 && deadline->problem == NULL)
        gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->deadlines_group), row);
      g_ptr_array_add (self->deadline_rows, row);
    }
  if (deadlines->len == 0)
    {
      GtkWidget *row = text_row (_("No statutory deadline"), NULL);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->deadlines_group), row);
      g_ptr_array_add (self->deadline_rows, row);
    }
}

/* The packet may have arrived days before it is opened: deadlines count
 * from the day the office received it. */
static void
on_received_apply (AdwEntryRow    *row,
                   SbReviewerView *self)
{
  gint32 day;

  if (!sb_date_parse (gtk_editable_get_text (GTK_EDITABLE (row)), &day) || day > today ())
    {
      toast (self, _("Write the day of receipt as YYYY-MM-DD, not later than today."));
      return;
    }
  sb_review_set_received (self->review, day);
  fill_deadlines (self);
}

static void
fill_verification (SbReviewerView *self,
                   GtkWidget      *page)
{
  GPtrArray *checks = sb_packet_get_checks (self->packet);
  SbFormDefinition *definition = sb_packet_get_definition (self->packet);
  g_autofree char *applicant = sb_reviewer_view_dup_applicant (self);
  g_autofree char *submitted = sb_packet_get_submission_date (self->packet)
    ? sb_date_to_string (sb_packet_get_submission_date (self->packet)) : g_strdup (_("Not given"));
  g_autofree char *form = g_strdup_printf ("%s（%s %s）", sb_text_get (sb_form_definition_get_title (definition)),
                                           sb_form_definition_get_id (definition), sb_form_definition_get_version (definition));
  g_autofree char *source = g_file_get_parse_name (self->source);
  AdwPreferencesGroup *group;
  guint n_failed = 0;

  for (guint i = 0; i < checks->len; i++)
    n_failed += !((SbPacketCheck *) g_ptr_array_index (checks, i))->ok;
  n_failed += self->pages_message != NULL && !self->pages_ok;

  group = add_group (page, n_failed == 0 ? _("The Packet Verifies") : _("The Packet Does Not Verify"),
                     n_failed == 0
                       ? _("Its hash, its files and its rule results match what it contains.")
                       : _("Something in this packet does not match. Do not rely on it before you have cleared up what is marked below."));
  if (n_failed > 0)
    gtk_widget_add_css_class (GTK_WIDGET (group), "verification-failed");

  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);
      GtkWidget *row = text_row (check_title (check->kind), check->message);
      GtkWidget *icon = gtk_image_new_from_icon_name (check->ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");

      gtk_widget_add_css_class (icon, check->ok ? "success" : "error");
      if (!check->ok)
        gtk_widget_add_css_class (row, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
    }

  /* A PDF: the pages a person reads must be of the packet it carries. */
  if (self->pages_message != NULL)
    {
      GtkWidget *row = text_row (_("Pages of the PDF"), self->pages_message);
      GtkWidget *icon = gtk_image_new_from_icon_name (self->pages_ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");

      gtk_widget_add_css_class (icon, self->pages_ok ? "success" : "error");
      if (!self->pages_ok)
        gtk_widget_add_css_class (row, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (group, row);
    }

  group = add_group (page, _("The Packet"), NULL);
  adw_preferences_group_add (group, text_row (_("Reference number"), sb_packet_get_reference (self->packet)));
  adw_preferences_group_add (group, text_row (_("Applicant"), applicant));
  adw_preferences_group_add (group, text_row (_("Procedure"), form));
  adw_preferences_group_add (group, text_row (_("Submission date"), submitted));
  adw_preferences_group_add (group, text_row (_("Status"), sb_packet_is_draft (self->packet) ? _("Draft") : _("Final")));
  adw_preferences_group_add (group, text_row (_("Integrity hash (SHA-256)"), sb_packet_get_integrity_hash (self->packet)));
  adw_preferences_group_add (group, text_row (self->from_pdf ? _("Read from the PDF's embedded packet") : _("Read from"),
                                              source));

  group = add_group (page, _("Deadlines"), _("Counted in working days with the official holiday calendar."));
  {
    GtkWidget *received = adw_entry_row_new ();
    g_autofree char *received_text = sb_date_to_string (sb_review_get_received (self->review));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (received), _("Received on (YYYY-MM-DD)"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (received), TRUE);
    gtk_editable_set_text (GTK_EDITABLE (received), received_text);
    g_signal_connect (received, "apply", G_CALLBACK (on_received_apply), self);
    adw_preferences_group_add (group, received);
  }
  self->deadlines_group = GTK_WIDGET (group);
  fill_deadlines (self);
}

/* The application page */

static GPtrArray *
findings_for (SbValidationReport *report,
              const char         *field_id)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  GPtrArray *mine = g_ptr_array_new ();
  gsize length = strlen (field_id);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (finding->field != NULL && g_str_has_prefix (finding->field, field_id) &&
          (finding->field[length] == '\0' || finding->field[length] == '['))
        g_ptr_array_add (mine, finding);
    }
  return mine;
}

static GtkWidget *
table_row (SbReviewerView *self,
           SbField        *table)
{
  SbAnswers *answers = sb_packet_get_answers (self->packet);
  JsonNode *node = sb_answers_get_field_json (answers, table->id);
  JsonArray *rows = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n_rows = rows ? json_array_get_length (rows) : 0;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sb_text_get (&table->label));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);

  for (guint r = 0; r < MIN (n_rows, MAX_TABLE_ROWS_SHOWN); r++)
    {
      JsonNode *element = json_array_get_element (rows, r);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf (_("Row %u"), r + 1);

      for (guint c = 0; c < table->columns->len; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *value = sb_field_format_answer (column, object ? json_object_get_member (object, column->id) : NULL);

          if (*value == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, "；");
          g_string_append_printf (text, "%s：%s", sb_text_get (&column->label), value);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text_row (title, text->str));
    }
  if (n_rows > MAX_TABLE_ROWS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (_("%u more rows are in the PDF and the packet file."), n_rows - MAX_TABLE_ROWS_SHOWN);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), text_row (more, NULL));
    }
  return expander;
}

static void
on_open_attachment (GtkButton      *button,
                    SbReviewerView *self)
{
  SbPacketAttachment *attachment = g_object_get_data (G_OBJECT (button), "attachment");
  g_autofree char *safe = sb_packet_safe_file_name (attachment->name);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "attachments",
                                           sb_packet_get_reference (self->packet), NULL);
  g_autofree char *path = g_build_filename (dir, safe, NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  /* The packet's files were checked against their hashes when it was
   * read; a file that failed is not offered (see fill_application). */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (path, g_bytes_get_data (attachment->data, NULL), g_bytes_get_size (attachment->data),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the file: %s"), error ? error->message : g_strerror (errno));

      toast (self, text);
      return;
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the file: %s"), error->message);

      toast (self, text);
    }
}

static void
fill_application (SbReviewerView *self,
                  GtkWidget      *page)
{
  SbFormDefinition *definition = sb_packet_get_definition (self->packet);
  SbAnswers *answers = sb_packet_get_answers (self->packet);
  SbValidationReport *report = sb_packet_get_report (self->packet);
  GHashTable *justifications = sb_packet_get_justifications (self->packet);
  GPtrArray *steps = sb_form_definition_get_steps (definition);
  GPtrArray *attachments = sb_packet_get_attachments (self->packet);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  gboolean files_ok = TRUE;
  g_autofree char *summary = g_strdup_printf (_("Computed now: %u errors, %u warnings, %u notices."),
                                              sb_validation_report_count (report, SB_SEVERITY_ERROR),
                                              sb_validation_report_count (report, SB_SEVERITY_WARNING),
                                              sb_validation_report_count (report, SB_SEVERITY_INFO));
  AdwPreferencesGroup *group;

  /* Findings not tied to one answer come first. */
  group = add_group (page, _("Rules"), summary);
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *citation = finding->rule ? sb_citation_format (&finding->rule->citation) : NULL;
      const char *justification = justifications ? g_hash_table_lookup (justifications, finding->rule_id) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (finding->severity == SB_SEVERITY_INFO)
        continue;
      subtitle = justification
        ? g_strdup_printf ("%s · %s\n%s%s", finding->rule_id, citation ? citation : "", _("Applicant's explanation: "), justification)
        : g_strdup_printf ("%s · %s", finding->rule_id, citation ? citation : "");
      row = text_row (finding->message_zh, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_icon (finding->severity));
      adw_preferences_group_add (group, row);
    }

  for (guint s = 0; s < steps->len; s++)
    {
      SbStep *step = g_ptr_array_index (steps, s);

      group = NULL;
      for (guint f = 0; f < step->fields->len; f++)
        {
          SbField *field = g_ptr_array_index (step->fields, f);
          g_autoptr(GPtrArray) mine = NULL;
          GtkWidget *row;

          if (field->system || !sb_answers_is_visible (answers, field))
            continue;
          if (group == NULL)
            group = add_group (page, sb_text_get (&step->title), NULL);

          if (field->type == SB_FIELD_TABLE)
            row = table_row (self, field);
          else
            {
              g_autofree char *answer = NULL;

              if (field->computed != NULL)
                {
                  SbValue *value = sb_answers_get_value (answers, field);

                  answer = value ? sb_value_to_display (value, 0, 2) : g_strdup ("");
                }
              else
                answer = sb_field_format_answer (field, sb_answers_get_field_json (answers, field->id));
              row = text_row (sb_text_get (&field->label), *answer ? answer : _("Not answered"));
            }

          /* The rule results of this answer, beside it. */
          mine = findings_for (report, field->id);
          for (guint i = 0; i < mine->len; i++)
            {
              SbFinding *finding = g_ptr_array_index (mine, i);

              if (finding->severity != SB_SEVERITY_INFO)
                {
                  gtk_widget_add_css_class (row, finding->severity == SB_SEVERITY_ERROR ? "has-error" : "has-warning");
                  if (ADW_IS_ACTION_ROW (row))
                    adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_icon (finding->severity));
                  else
                    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), severity_icon (finding->severity));
                  break;
                }
            }

          if (ADW_IS_ACTION_ROW (row))
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), note_button (self, field->id));
          else
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), note_button (self, field->id));
          adw_preferences_group_add (group, row);
        }
    }

  group = add_group (page, _("Attached Files"), _("Each file was checked against the hash the packet records."));
  for (guint i = 0; i < sb_packet_get_checks (self->packet)->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (sb_packet_get_checks (self->packet), i);

      if (check->kind == SB_PACKET_CHECK_ATTACHMENTS)
        files_ok = check->ok;
    }
  for (guint i = 0; i < attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size ((guint64) MAX (attachment->size, 0));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · SHA-256 %s", attachment->field, size, attachment->sha256);
      GtkWidget *row = text_row (attachment->name, subtitle);

      if (files_ok && attachment->data != NULL)
        {
          GtkWidget *open = gtk_button_new_with_label (_("Open"));

          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (open), "attachment", attachment);
          g_signal_connect (open, "clicked", G_CALLBACK (on_open_attachment), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
        }
      adw_preferences_group_add (group, row);
    }
  if (attachments->len == 0)
    adw_preferences_group_add (group, text_row (_("No files attached"), NULL));
}

/* The review page */

static void
on_check_selected (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   SbReviewerView *self)
{
  const char *item = g_object_get_data (G_OBJECT (dropdown), "item");
  g_autoptr(GError) error = NULL;

  if (!sb_review_set_check (self->review, item, (SbCheckState) gtk_drop_down_get_selected (dropdown), NULL, &error))
    toast (self, error->message);
}

static void
on_decision_selected (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      SbReviewerView *self)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_packet_get_definition (self->packet));
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  const char *decision = selected > 0 && selected <= decisions->len
    ? ((SbDecision *) g_ptr_array_index (decisions, selected - 1))->id : NULL;

  if (!sb_review_set_decision (self->review, decision, decision ? today () : 0, &error))
    toast (self, error->message);
}

static void
on_reviewer_changed (GtkEditable    *editable,
                     SbReviewerView *self)
{
  GtkEditable *name = g_object_get_data (G_OBJECT (self), "reviewer-name");
  GtkEditable *office = g_object_get_data (G_OBJECT (self), "reviewer-office");

  sb_review_set_reviewer (self->review, gtk_editable_get_text (name), gtk_editable_get_text (office));
}

static void
on_general_note (AdwEntryRow    *row,
                 SbReviewerView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  if (!sb_review_add_note (self->review, NULL, -1, NULL, text, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  refresh_notes (self);
}

static void
on_add_note_clicked (GtkButton      *button,
                     SbReviewerView *self)
{
  on_general_note (g_object_get_data (G_OBJECT (button), "entry"), self);
}

static void
fill_review (SbReviewerView *self,
             GtkWidget      *page)
{
  SbFormDefinition *definition = sb_packet_get_definition (self->packet);
  GPtrArray *checklist = sb_form_definition_get_checklist (definition);
  GPtrArray *decisions = sb_form_definition_get_decisions (definition);
  g_autoptr(GtkStringList) decision_names = gtk_string_list_new (NULL);
  AdwPreferencesGroup *group;
  GtkWidget *row, *name, *office;

  group = add_group (page, _("Checklist"), _("The points this procedure's reviewers check."));
  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      const char *states[] = { _("Not checked"), _("Meets the rule"), _("Problem"), NULL };
      GtkWidget *dropdown = gtk_drop_down_new_from_strings (states);
      g_autofree char *subtitle = item->citation ? g_strdup_printf ("%s · %s", item->id, item->citation) : g_strdup (item->id);

      row = text_row (sb_text_get (&item->title), subtitle);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), sb_review_get_check (self->review, item->id, NULL));
      g_object_set_data_full (G_OBJECT (dropdown), "item", g_strdup (item->id), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_check_selected), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_preferences_group_add (group, row);
    }

  self->notes_group = GTK_WIDGET (add_group (page, _("Corrections for the Applicant"),
                                             _("All of them go into the one-time notice (一次性告知单) at once.")));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A note on the application as a whole"));
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_general_note), self);
  {
    /* A labelled button rather than an icon: it says what it does. */
    GtkWidget *add = gtk_button_new_with_label (_("Add Note"));

    gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
    g_object_set_data (G_OBJECT (add), "entry", row);
    g_signal_connect (add, "clicked", G_CALLBACK (on_add_note_clicked), self);
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), add);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->notes_group), row);
  refresh_notes (self);

  group = add_group (page, _("Decision"), NULL);
  gtk_string_list_append (decision_names, _("Not decided"));
  for (guint i = 0; i < decisions->len; i++)
    gtk_string_list_append (decision_names, sb_text_get (&((SbDecision *) g_ptr_array_index (decisions, i))->label));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Decision"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (decision_names));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_decision_selected), self);
  adw_preferences_group_add (group, row);

  name = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Reviewer"));
  office = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (office), _("Office"));
  g_object_set_data (G_OBJECT (self), "reviewer-name", name);
  g_object_set_data (G_OBJECT (self), "reviewer-office", office);
  g_signal_connect (name, "changed", G_CALLBACK (on_reviewer_changed), self);
  g_signal_connect (office, "changed", G_CALLBACK (on_reviewer_changed), self);
  adw_preferences_group_add (group, name);
  adw_preferences_group_add (group, office);

  group = add_group (page, _("Documents"), _("Save them with Save Review in the main menu, or with the buttons here."));
  row = text_row (_("One-time notice (一次性告知单)"), _("Every correction at once, with citations, as PDF"));
  {
    GtkWidget *button = gtk_button_new_with_label (_("Save…"));

    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.save-notice");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  }
  adw_preferences_group_add (group, row);
  row = text_row (_("Review opinion (审核意见)"), _("The decision with its reasons, as PDF"));
  {
    GtkWidget *button = gtk_button_new_with_label (_("Save…"));

    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.save-opinion");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  }
  adw_preferences_group_add (group, row);
  row = text_row (_("Review file"), _("The review as JSON, for the applicant to open beside the packet"));
  {
    GtkWidget *button = gtk_button_new_with_label (_("Save…"));

    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.save-review");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  }
  adw_preferences_group_add (group, row);
}

/* GObject overrides */

static void
sb_reviewer_view_dispose (GObject *object)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (object);

  g_clear_object (&self->packet);
  g_clear_object (&self->review);
  g_clear_object (&self->calendar);
  g_clear_object (&self->source);
  g_clear_pointer (&self->note_rows, g_ptr_array_unref);
  g_clear_pointer (&self->pages_message, g_free);
  g_clear_pointer (&self->deadline_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_reviewer_view_parent_class)->dispose (object);
}

static void
sb_reviewer_view_class_init (SbReviewerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_reviewer_view_dispose;

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sb_reviewer_view_init (SbReviewerView *self)
{
  self->note_rows = g_ptr_array_new ();
  self->deadline_rows = g_ptr_array_new ();
}

/* Public API */

SbReviewerView *
sb_reviewer_view_new (SbPacket   *packet,
                      GFile      *source,
                      gboolean    from_pdf,
                      gint32      received,
                      SbCalendar *calendar)
{
  SbReviewerView *self;
  GtkWidget *box, *stack, *switcher, *verification, *application, *review;

  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  self = g_object_new (SB_TYPE_REVIEWER_VIEW, NULL);
  self->packet = g_object_ref (packet);
  self->source = g_object_ref (source);
  self->from_pdf = from_pdf;
  if (from_pdf)
    self->pages_ok = sb_pdf_verify_pages (source, packet, &self->pages_message);
  self->calendar = calendar ? g_object_ref (calendar) : NULL;
  self->review = sb_review_new (sb_packet_get_definition (packet), sb_packet_get_reference (packet),
                                sb_packet_get_integrity_hash (packet), received);

  verification = new_page (_("Verification"), "security-high-symbolic");
  application = new_page (_("Application"), "x-office-document-symbolic");
  review = new_page (_("Review"), "document-edit-symbolic");
  fill_verification (self, verification);
  fill_application (self, application);
  fill_review (self, review);

  stack = self->stack = adw_view_stack_new ();
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), verification, "verification", _("Verification"));
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), application, "application", _("Application"));
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), review, "review", _("Review"));
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (stack), verification), "security-high-symbolic");
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (stack), application), "x-office-document-symbolic");
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (stack), review), "document-edit-symbolic");
  gtk_widget_set_vexpand (stack, TRUE);

  switcher = adw_view_switcher_new ();
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_STACK (stack));
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_widget_set_margin_bottom (switcher, 6);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), switcher);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), stack);
  adw_bin_set_child (ADW_BIN (self), box);

  return self;
}

SbPacket *
sb_reviewer_view_get_packet (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), NULL);

  return self->packet;
}

SbReview *
sb_reviewer_view_get_review (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), NULL);

  return self->review;
}

char *
sb_reviewer_view_dup_applicant (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), NULL);

  return sb_answers_dup_summary (sb_packet_get_answers (self->packet));
}

gboolean
sb_reviewer_view_save_review (SbReviewerView  *self,
                              GFile           *file,
                              GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);

  bytes = sb_review_to_bytes (self->review);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

gboolean
sb_reviewer_view_save_document (SbReviewerView   *self,
                                SbReviewDocument  document,
                                GFile            *file,
                                GError          **error)
{
  g_autofree char *applicant = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);

  applicant = sb_reviewer_view_dup_applicant (self);
  pdf = sb_pdf_render_review (self->review, document, applicant, error);
  if (pdf == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

void
sb_reviewer_view_show_changes (SbReviewerView *self,
                               SbPacket       *earlier)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *description = NULL;
  g_autofree char *submitted = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *page;

  g_return_if_fail (SB_IS_REVIEWER_VIEW (self));
  g_return_if_fail (SB_IS_PACKET (earlier));

  changes = sb_answers_diff (sb_packet_get_answers (earlier), sb_packet_get_answers (self->packet));

  if (self->changes_page != NULL)
    adw_view_stack_remove (ADW_VIEW_STACK (self->stack), self->changes_page);

  page = new_page (_("Changes"), "view-dual-symbolic");
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change since packet %s (submitted %s).",
                                              "%u changes since packet %s (submitted %s).", changes->len),
                                 changes->len, sb_packet_get_reference (earlier),
                                 (submitted = sb_packet_get_submission_date (earlier)
                                    ? sb_date_to_string (sb_packet_get_submission_date (earlier)) : g_strdup ("?")));
  group = add_group (page, _("Changes Since the Earlier Packet"), description);

  for (guint i = 0; i < changes->len; i++)
    {
      SbAnswerChange *change = g_ptr_array_index (changes, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (change->kind == SB_CHANGE_ROW_ADDED)
        {
          title = g_strdup_printf (_("%s, row %d added"), sb_text_get (&change->field->label), change->row + 1);
          subtitle = g_strdup (change->after);
        }
      else if (change->kind == SB_CHANGE_ROW_REMOVED)
        {
          title = g_strdup_printf (_("%s, row %d removed"), sb_text_get (&change->field->label), change->row + 1);
          subtitle = g_strdup (change->before);
        }
      else
        {
          title = change->column
            ? g_strdup_printf (_("%s, row %d, %s"), sb_text_get (&change->field->label), change->row + 1,
                               sb_text_get (&change->column->label))
            : g_strdup (sb_text_get (&change->field->label));
          subtitle = g_strdup_printf (_("Before: %s\nNow: %s"), *change->before ? change->before : _("Not answered"),
                                      *change->after ? change->after : _("Not answered"));
        }
      row = text_row (title, subtitle);
      adw_preferences_group_add (group, row);
    }
  if (changes->len == 0)
    adw_preferences_group_add (group, text_row (_("No answer changed"), NULL));

  self->changes_page = page;
  adw_view_stack_add_titled (ADW_VIEW_STACK (self->stack), page, "changes", _("Changes"));
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (self->stack), page), "view-dual-symbolic");
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (self->stack), page);
}
