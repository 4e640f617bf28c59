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

#include <glib/gi18n.h>

#include "sb-field-format.h"
#include "sb-answers-diff.h"
#include "sb-attachment-cache.h"
#include "sb-date.h"
#include "sb-field-row.h"
#include "sb-media-type.h"
#include "sb-pdf-verify.h"
#include "sb-reviewer-view.h"
#include "sb-safe-text.h"

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

  /* The packet's folder in the attachment cache (its integrity hash), when
   * it has a valid one: removed when the last view of it goes. */
  char           *cache_hash;
  GCancellable   *cancellable;
};

/* What a worker thread copies into the cache for Open. */
typedef struct {
  char   *hash;
  char   *name;
  GBytes *data;
} CacheJob;

G_DEFINE_FINAL_TYPE (SbReviewerView, sb_reviewer_view, ADW_TYPE_BIN)

enum {
  TOAST,
  LAUNCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How many views of each packet (by integrity hash) are open in this
 * process: closing one of two windows on the same packet must not take
 * the files from under the other. */
static GHashTable *cache_users;

/* Auxiliary functions */

static gint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  g_date_time_get_ymd (now, &year, &month, &day);
  return sb_date_from_ymd (year, month, day);
}

/* Text from the packet (or a review file) for a one-line label: every
 * control, bidi and line-breaking character shown as ⟨U+…⟩, so that it can
 * neither display reversed nor draw lines of its own. */
static char *
reveal (const char *text)
{
  return sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
}

/* The same for an answer, which may have several lines. */
static char *
reveal_lines (const char *text)
{
  return sb_safe_text_reveal (text, SB_SAFE_TEXT_KEEP_NEWLINES);
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
    case SB_PACKET_CHECK_DATES:
      return _("Dates");
    default:
      return _("Check");
    }
}

/* Rows show their text as it is, never as markup; and whatever a caller
 * forgot to reveal is revealed here (revealing twice changes nothing). */
static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown_title = reveal (title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      g_autofree char *shown_subtitle = reveal_lines (subtitle);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);
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
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  /* A group's title and description are Pango markup. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped_title);
  if (description != NULL)
    {
      g_autofree char *shown = reveal_lines (description);
      g_autofree char *escaped = g_markup_escape_text (shown, -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* Toasts are Pango markup, and their text may name what the packet says. */
static void
toast (SbReviewerView *self,
       const char     *text)
{
  g_autofree char *shown = sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  g_signal_emit (self, signals[TOAST], 0, escaped);
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
  g_autofree char *source_name = g_file_get_parse_name (self->source);
  /* The file's name came with the packet, from the same sender. */
  g_autofree char *source = reveal (source_name);
  g_autofree char *reference = reveal (sb_packet_get_reference (self->packet));
  g_autofree char *hash = reveal (sb_packet_get_integrity_hash (self->packet));
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
      /* One line each: a name or key quoted in it cannot start another. */
      g_autofree char *message = reveal (check->message);
      GtkWidget *row = text_row (check_title (check->kind), message);
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
  adw_preferences_group_add (group, text_row (_("Reference number"), reference));
  adw_preferences_group_add (group, text_row (_("Applicant"), applicant));
  adw_preferences_group_add (group, text_row (_("Procedure"), form));
  adw_preferences_group_add (group, text_row (_("Submission date"), submitted));
  adw_preferences_group_add (group, text_row (_("Status"), sb_packet_is_draft (self->packet) ? _("Draft") : _("Final")));
  adw_preferences_group_add (group, text_row (_("Integrity hash (SHA-256)"), hash));
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
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf (_("Row %u"), r + 1);

      for (guint c = 0; c < table->columns->len; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *value = sb_field_format_display (answers, column, (int) r);

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

/* Why the files of this packet may not be opened at all, or NULL. */
static const char *
packet_open_problem (SbReviewerView *self)
{
  if (!sb_packet_is_verified (self->packet))
    return _("The packet does not verify: none of its files is opened in another application.");
  if (self->from_pdf && !self->pages_ok)
    return _("The PDF's pages do not show this packet: none of its files is opened in another application.");
  if (self->cache_hash == NULL)
    return _("The packet's integrity hash is not one: none of its files is opened in another application.");
  return NULL;
}

/* Why this one file is never handed to another application, or NULL: a
 * viewer trusts the file's name and bytes, not the type the packet
 * declares, so HTML declared as a PDF would open in a browser and a
 * launcher would run. */
static char *
file_open_problem (SbPacketAttachment *attachment)
{
  gsize size;
  const guint8 *data;
  const char *type = attachment->media_type;

  if (attachment->data == NULL)
    return g_strdup (_("The file's bytes are not in the packet."));
  if (sb_media_name_is_executable (attachment->name))
    return g_strdup (_("A file of this kind can run a program: it is never opened from here."));

  data = g_bytes_get_data (attachment->data, &size);
  if (type != NULL && sb_media_type_matches (type, data, size))
    return NULL;
  if (g_strcmp0 (type, "application/pdf") == 0)
    return g_strdup (_("The file's contents are not a PDF as declared: it is not opened."));
  if (g_strcmp0 (type, "image/png") == 0)
    return g_strdup (_("The file's contents are not a PNG image as declared: it is not opened."));
  if (g_strcmp0 (type, "image/jpeg") == 0)
    return g_strdup (_("The file's contents are not a JPEG image as declared: it is not opened."));
  if (g_strcmp0 (type, "application/zip") == 0)
    return g_strdup (_("The file's contents are not a ZIP archive as declared: it is not opened."));
  if (g_strcmp0 (type, "application/ofd") == 0)
    return g_strdup (_("The file's contents are not an OFD document as declared: it is not opened."));
  if (g_strcmp0 (type, "application/json") == 0 || g_strcmp0 (type, "application/geo+json") == 0)
    return g_strdup (_("The file's contents are not JSON text as declared: it is not opened."));
  {
    g_autofree char *shown = reveal (type ? type : "");

    /* Translators: %s is a media type such as text/html */
    return g_strdup_printf (_("The file's contents cannot be confirmed as %s, the type it declares: it is not opened."),
                            shown);
  }
}

static void
cache_job_free (CacheJob *job)
{
  g_free (job->hash);
  g_free (job->name);
  g_bytes_unref (job->data);
  g_free (job);
}

static void
store_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CacheJob *job = task_data;
  GError *error = NULL;
  char *path = sb_attachment_cache_store (g_get_user_cache_dir (), APP_ID, job->hash, job->name, job->data, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
on_attachment_stored (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *uri = NULL;
  gboolean handled = FALSE;

  if (path == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the file: %s"), error->message);

      toast (self, text);
      return;
    }
  /* The review closed while the file was written: it goes with it. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      CacheJob *job = g_task_get_task_data (G_TASK (result));

      if (!g_hash_table_contains (cache_users, job->hash))
        sb_attachment_cache_remove (g_get_user_cache_dir (), APP_ID, job->hash, NULL);
      return;
    }

  uri = g_filename_to_uri (path, NULL, &error);
  if (uri != NULL)
    g_signal_emit (self, signals[LAUNCH], 0, uri, &error, &handled);
  if (!handled || error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not open the file: %s"),
                                               error ? error->message : _("no application opens it"));

      toast (self, text);
    }
}

static void
on_open_attachment (GtkButton      *button,
                    SbReviewerView *self)
{
  SbPacketAttachment *attachment = g_object_get_data (G_OBJECT (button), "attachment");
  g_autofree char *problem = NULL;
  g_autofree char *safe = NULL;
  g_autoptr(GTask) task = NULL;
  CacheJob *job;

  /* The button is not offered then; checked again as it is what keeps a
   * bad file from another application. */
  problem = packet_open_problem (self) ? g_strdup (packet_open_problem (self)) : file_open_problem (attachment);
  if (problem != NULL)
    {
      toast (self, problem);
      return;
    }

  /* Under a name that cannot display reversed in the viewer's title. */
  safe = sb_packet_safe_file_name (attachment->name);
  job = g_new0 (CacheJob, 1);
  job->hash = g_strdup (self->cache_hash);
  job->name = reveal (safe);
  job->data = g_bytes_ref (attachment->data);

  task = g_task_new (self, self->cancellable, on_attachment_stored, NULL);
  g_task_set_source_tag (task, on_open_attachment);
  /* The view learns the outcome even when cancelled, to clean up. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) cache_job_free);
  g_task_run_in_thread (task, store_in_thread);
}

static gboolean
sb_reviewer_view_real_launch (SbReviewerView  *self,
                              const char      *uri,
                              GError         **error)
{
  return g_app_info_launch_default_for_uri (uri, NULL, error);
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
              g_autofree char *answer = sb_field_format_display (answers, field, -1);

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

  {
    const char *problem = packet_open_problem (self);
    g_autofree char *description = problem
      ? g_strdup_printf ("%s\n%s", _("Each file was checked against the hash the packet records."), problem)
      : g_strdup (_("Each file was checked against the hash the packet records."));

    group = add_group (page, _("Attached Files"), description);
  }
  for (guint i = 0; i < attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size ((guint64) MAX (attachment->size, 0));
      g_autofree char *field = reveal (attachment->field);
      g_autofree char *type = reveal (attachment->media_type);
      g_autofree char *sha256 = reveal (attachment->sha256);
      g_autofree char *name = reveal (attachment->name);
      g_autofree char *problem = file_open_problem (attachment);
      g_autofree char *subtitle = problem
        ? g_strdup_printf ("%s · %s · %s · SHA-256 %s\n%s", field, type, size, sha256, problem)
        : g_strdup_printf ("%s · %s · %s · SHA-256 %s", field, type, size, sha256);
      GtkWidget *row = text_row (name, subtitle);

      if (problem != NULL)
        {
          /* Nothing to launch: the row says why. */
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, problem);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          gtk_widget_add_css_class (row, "has-warning");
        }
      else
        {
          /* A packet that does not verify (its files among what may not
           * match) keeps the button, insensitive, saying why. */
          GtkWidget *open = gtk_button_new_with_label (_("Open"));
          const char *refused = packet_open_problem (self);

          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          gtk_widget_set_sensitive (open, refused == NULL);
          gtk_widget_set_tooltip_text (open, refused ? refused : _("Open a copy in the application for files of its type"));
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

/* The copies made for Open go when the review closes. */
static void
release_cache (SbReviewerView *self)
{
  guint users;

  if (self->cache_hash == NULL)
    return;

  users = GPOINTER_TO_UINT (g_hash_table_lookup (cache_users, self->cache_hash));
  if (users > 1)
    g_hash_table_insert (cache_users, g_strdup (self->cache_hash), GUINT_TO_POINTER (users - 1));
  else
    {
      g_autoptr(GError) error = NULL;

      g_hash_table_remove (cache_users, self->cache_hash);
      if (!sb_attachment_cache_remove (g_get_user_cache_dir (), APP_ID, self->cache_hash, &error))
        g_warning ("The copies of the packet's files were not removed: %s", error->message);
    }
  g_clear_pointer (&self->cache_hash, g_free);
}

/* On the way out, whatever still holds the view. */
static void
on_application_shutdown (GApplication   *application,
                         SbReviewerView *self)
{
  g_cancellable_cancel (self->cancellable);
  release_cache (self);
}

static void
sweep_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  guint removed = sb_attachment_cache_sweep (g_get_user_cache_dir (), APP_ID, SB_ATTACHMENT_CACHE_MAX_AGE, &error);

  if (error != NULL)
    g_warning ("Old copies of attached files were not removed: %s", error->message);
  else if (removed > 0)
    g_debug ("Removed %u old folders of attached files", removed);
  g_task_return_boolean (task, TRUE);
}

/* GObject overrides */

static void
sb_reviewer_view_dispose (GObject *object)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  release_cache (self);

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
sb_reviewer_view_finalize (GObject *object)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sb_reviewer_view_parent_class)->finalize (object);
}

static void
sb_reviewer_view_class_init (SbReviewerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_reviewer_view_dispose;
  object_class->finalize = sb_reviewer_view_finalize;

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A handler that returns TRUE has opened the file itself (the tests,
   * or a sandbox's portal); the default opens it in the desktop's
   * application for its type. */
  signals[LAUNCH] = g_signal_new_class_handler ("launch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                G_CALLBACK (sb_reviewer_view_real_launch),
                                                g_signal_accumulator_true_handled, NULL, NULL,
                                                G_TYPE_BOOLEAN, 2, G_TYPE_STRING, G_TYPE_POINTER);

  cache_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
sb_reviewer_view_init (SbReviewerView *self)
{
  self->note_rows = g_ptr_array_new ();
  self->deadline_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
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
  /* The only thing of the packet's that names its cache folder. */
  if (sb_attachment_cache_hash_is_valid (sb_packet_get_integrity_hash (packet)))
    {
      const char *hash = sb_packet_get_integrity_hash (packet);

      self->cache_hash = g_strdup (hash);
      g_hash_table_insert (cache_users, g_strdup (hash),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cache_users, hash)) + 1));
    }
  if (g_application_get_default () != NULL)
    g_signal_connect_object (g_application_get_default (), "shutdown", G_CALLBACK (on_application_shutdown), self, 0);
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

gboolean
sb_reviewer_view_is_verified (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);

  return sb_packet_is_verified (self->packet) && (!self->from_pdf || self->pages_ok);
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
  g_autofree char *summary = NULL;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), NULL);

  summary = sb_answers_dup_summary (sb_packet_get_answers (self->packet));
  /* Shown in headings and the window's subtitle, and printed on the
   * review's documents: never reversed there either. */
  return reveal (summary);
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
  g_autofree char *earlier_reference = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *page;

  g_return_if_fail (SB_IS_REVIEWER_VIEW (self));
  g_return_if_fail (SB_IS_PACKET (earlier));

  changes = sb_answers_diff (sb_packet_get_answers (earlier), sb_packet_get_answers (self->packet));
  earlier_reference = reveal (sb_packet_get_reference (earlier));

  if (self->changes_page != NULL)
    adw_view_stack_remove (ADW_VIEW_STACK (self->stack), self->changes_page);

  page = new_page (_("Changes"), "view-dual-symbolic");
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change since packet %s (submitted %s).",
                                              "%u changes since packet %s (submitted %s).", changes->len),
                                 changes->len, earlier_reference,
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

void
sb_reviewer_view_sweep_cache (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, sb_reviewer_view_sweep_cache);
  g_task_run_in_thread (task, sweep_in_thread);
}
