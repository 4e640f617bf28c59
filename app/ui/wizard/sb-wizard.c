/* sb-wizard.c — the way through one application, step by step
 *
 * Built entirely from the form definition.  The sidebar lists the visible
 * steps with their status (not started, in progress, has problems,
 * complete); the content shows one step at a time.  Following GOV.UK, a
 * field is checked when it is left or when Next is pressed, never while
 * it is first typed; once it has a problem it is checked again as it is
 * typed.  Every change is saved within a second, even while typing goes
 * on, so closing the window loses nothing and a crash at most the last
 * second.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-field-row.h"
#include "sb-review.h"
#include "sb-table-editor.h"
#include "sb-toast.h"
#include "sb-validator.h"
#include "sb-wizard-private.h"

G_DEFINE_FINAL_TYPE (SbWizard, sb_wizard, ADW_TYPE_BIN)

enum {
  TOAST,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Every wizard alive, the newest last.  One closed while its packet is
 * being finished lives on until then, hidden, and its draft may be open
 * again in a newer one meanwhile (sb_wizard_find_shown()). */
static GQueue wizards = G_QUEUE_INIT;

static void show_page (SbWizard *self, StepPage *page);

/* A row open in a table's editor is kept as typed when the person leaves
 * the step, saves or closes: nothing typed there may be lost. */
static void
keep_open_rows (SbWizard *self)
{
  GHashTableIter iter;
  gpointer widget;

  if (self->widgets == NULL)
    return;
  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    if (SB_IS_TABLE_EDITOR (widget))
      sb_table_editor_keep_open_row (SB_TABLE_EDITOR (widget));
}

/* Auxiliary functions */

/* Takes the reference of @toast. */
void
sb_wizard_add_toast (SbWizard *self,
                     AdwToast *toast)
{
  sb_toast_emit (self, signals[TOAST], toast);
}

void
sb_wizard_toast (SbWizard   *self,
                 const char *text)
{
  /* A toast's title is Pango markup, and a reason may quote a file name
   * with "&" or "<" in it. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  sb_wizard_add_toast (self, toast);
}

/* A failure that needs more than a toast's one line, and a decision. */
void
sb_wizard_show_error (SbWizard   *self,
                      const char *heading,
                      const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "staff[].name" -> "staff" */
char *
sb_wizard_top_field (const char *path)
{
  const char *bracket = strchr (path, '[');

  return bracket ? g_strndup (path, bracket - path) : g_strdup (path);
}

gboolean
sb_wizard_step_is_visible (SbWizard *self,
                           StepPage *page)
{
  for (guint f = 0; f < page->step->fields->len; f++)
    if (sb_answers_is_visible (self->answers, g_ptr_array_index (page->step->fields, f)))
      return TRUE;
  return FALSE;
}

static gboolean
field_is_answered (SbWizard      *self,
                   const SbField *field)
{
  JsonNode *node = sb_answers_get_field_json (self->answers, field->id);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  return TRUE;
}

static guint
visible_page_index (SbWizard *self,
                    StepPage *page,
                    int       direction)
{
  int index = -1;

  for (guint i = 0; i < self->pages->len; i++)
    if (g_ptr_array_index (self->pages, i) == page)
      index = i;

  for (int i = index + direction; i >= 0 && i < (int) self->pages->len; i += direction)
    if (sb_wizard_step_is_visible (self, g_ptr_array_index (self->pages, i)))
      return i;

  return G_MAXUINT;
}

/* Findings by top-level field id: field id -> GPtrArray of SbFinding*. */
static GHashTable *
findings_by_field (SbWizard *self)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *findings = sb_validation_report_get_findings (self->report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *field = NULL;
      GPtrArray *list;

      if (finding->field == NULL)
        continue;
      field = sb_wizard_top_field (finding->field);
      list = g_hash_table_lookup (table, field);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (table, g_strdup (field), list);
        }
      g_ptr_array_add (list, finding);
    }

  /* The reviewer's corrections sit with the fields they are about. */
  for (guint i = 0; i < self->review_notes->len; i++)
    {
      SbFinding *note = g_ptr_array_index (self->review_notes, i);
      g_autofree char *field = sb_wizard_top_field (note->field);
      GPtrArray *list = g_hash_table_lookup (table, field);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (table, g_strdup (field), list);
        }
      g_ptr_array_add (list, note);
    }
  return table;
}

static void
update_step (SbWizard   *self,
             StepPage   *page,
             GHashTable *by_field)
{
  guint n_errors = 0, n_answered = 0, n_shown = 0;
  GtkWidget *child;
  gboolean visible = sb_wizard_step_is_visible (self, page);

  gtk_widget_set_visible (page->sidebar_row, visible);

  while ((child = gtk_widget_get_first_child (page->summary_list)) != NULL)
    gtk_box_remove (GTK_BOX (page->summary_list), child);

  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);
      GtkWidget *widget = g_hash_table_lookup (self->widgets, field->id);
      GPtrArray *findings = g_hash_table_lookup (by_field, field->id);
      gboolean field_visible = sb_answers_is_visible (self->answers, field);
      gboolean show = page->visited || g_hash_table_contains (self->touched, field->id);
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();

      if (widget == NULL)
        continue;
      gtk_widget_set_visible (widget, field_visible);
      if (!field_visible)
        continue;

      n_answered += field_is_answered (self, field);

      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);

          /* Notices are for the review page; problems once checked;
           * a reviewer's correction always. */
          if (finding->severity == SB_SEVERITY_INFO)
            continue;
          n_errors += finding->severity == SB_SEVERITY_ERROR;
          if (show || finding->rule_id == NULL)
            g_ptr_array_add (shown, finding);
        }

      if (SB_IS_TABLE_EDITOR (widget))
        sb_table_editor_set_report (SB_TABLE_EDITOR (widget), self->report, show);
      else
        sb_field_row_set_findings (SB_FIELD_ROW (widget), shown);

      /* A table's row problems are listed under the table, each with its
       * row: the summary says once how many there are, and links there. */
      if (SB_IS_TABLE_EDITOR (widget))
        {
          guint n_row_errors = 0;
          g_autoptr(GPtrArray) others = g_ptr_array_new ();

          for (guint i = 0; i < shown->len; i++)
            {
              SbFinding *finding = g_ptr_array_index (shown, i);

              if (finding->row >= 0)
                n_row_errors += finding->severity == SB_SEVERITY_ERROR;
              else
                g_ptr_array_add (others, finding);
            }
          g_ptr_array_set_size (shown, 0);
          g_ptr_array_extend_and_steal (shown, g_steal_pointer (&others));
          if (n_row_errors > 0 && n_shown < 12)
            {
              g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                    "%s: %u problem in its rows, listed under the table",
                                                                    "%s: %u problems in its rows, listed under the table",
                                                                    n_row_errors),
                                                       sb_text_get (&field->label), n_row_errors);
              GtkWidget *link = gtk_button_new_with_label (text);

              gtk_widget_add_css_class (link, "flat");
              gtk_widget_add_css_class (link, "summary-link");
              gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), TRUE);
              gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), 0);
              gtk_actionable_set_action_target (GTK_ACTIONABLE (link), "s", field->id);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (link), "wizard.show-field");
              gtk_box_append (GTK_BOX (page->summary_list), link);
              n_shown++;
            }
        }

      for (guint i = 0; i < shown->len && n_shown < 12; i++)
        {
          SbFinding *finding = g_ptr_array_index (shown, i);
          g_autofree char *text = NULL;
          GtkWidget *link;

          if (finding->severity != SB_SEVERITY_ERROR)
            continue;
          text = finding->row >= 0
            /* Translators: a message, and the table it is about */
            ? g_strdup_printf (_("%s (%s)"), sb_finding_get_message (finding), sb_text_get (&field->label))
            : g_strdup (sb_finding_get_message (finding));
          link = gtk_button_new_with_label (text);
          gtk_widget_add_css_class (link, "flat");
          gtk_widget_add_css_class (link, "summary-link");
          gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), TRUE);
          gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), 0);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (link), "s", field->id);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (link), "wizard.show-field");
          gtk_box_append (GTK_BOX (page->summary_list), link);
          n_shown++;
        }
    }

  gtk_widget_set_visible (page->summary, n_shown > 0);

  if (page->visited && n_errors > 0)
    page->status = STEP_HAS_PROBLEMS;
  else if (page->visited)
    page->status = STEP_COMPLETE;
  else if (n_answered > 0)
    page->status = STEP_IN_PROGRESS;
  else
    page->status = STEP_NOT_STARTED;
  if (n_shown > 0)
    page->status = STEP_HAS_PROBLEMS;

  switch (page->status)
    {
    case STEP_COMPLETE:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), "emblem-ok-symbolic");
      gtk_label_set_text (GTK_LABEL (page->status_label), _("Complete"));
      break;
    case STEP_HAS_PROBLEMS:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), "dialog-warning-symbolic");
      gtk_label_set_text (GTK_LABEL (page->status_label), _("Has problems"));
      break;
    case STEP_IN_PROGRESS:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), "document-edit-symbolic");
      gtk_label_set_text (GTK_LABEL (page->status_label), _("In progress"));
      break;
    case STEP_NOT_STARTED:
    default:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), NULL);
      gtk_label_set_text (GTK_LABEL (page->status_label), _("Not started"));
      break;
    }
  /* Set only when it changes: this runs for every step at each keystroke,
   * and GTK 4.8 asks the X server where the pointer is each time a
   * tooltip is set. */
  {
    const char *tooltip = gtk_widget_get_tooltip_text (page->sidebar_row);

    if (g_strcmp0 (tooltip, gtk_label_get_text (GTK_LABEL (page->status_label))) != 0)
      gtk_widget_set_tooltip_text (page->sidebar_row, gtk_label_get_text (GTK_LABEL (page->status_label)));
  }
}

static void show_report (SbWizard *self);

void
sb_wizard_revalidate (SbWizard *self)
{
  g_clear_pointer (&self->report, sb_validation_report_unref);
  self->report = sb_validate (self->answers, sb_date_today (), self->calendar);
  show_report (self);
}

void
sb_wizard_revalidate_field (SbWizard   *self,
                            const char *field_id)
{
  const char *changed[] = { field_id, NULL };
  SbValidationReport *report;

  /* Only the rules that read what was typed run again (a keystroke in a
   * long roster would otherwise run every rule of the form). */
  report = sb_revalidate (self->report, self->answers, changed, sb_date_today (), self->calendar);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  self->report = report;
  show_report (self);
}

static void
show_report (SbWizard *self)
{
  g_autoptr(GHashTable) by_field = NULL;
  guint n_visible = 0, n_complete = 0;
  g_autofree char *progress = NULL;

  by_field = findings_by_field (self);

  for (guint i = 0; i < self->pages->len; i++)
    {
      StepPage *page = g_ptr_array_index (self->pages, i);

      /* A step checked stays checked when the draft is reopened. */
      if (!self->read_only && page->visited && !sb_draft_is_step_checked (self->draft, page->step->id))
        {
          sb_draft_set_step_checked (self->draft, page->step->id, TRUE);
          sb_wizard_schedule_save (self);
        }
      update_step (self, page, by_field);
      if (gtk_widget_get_visible (page->sidebar_row))
        {
          /* Steps are numbered as the person sees them, hidden ones left out. */
          g_autofree char *title = g_strdup_printf ("%u. %s", n_visible + 1, sb_text_get (&page->step->title));

          gtk_label_set_text (GTK_LABEL (page->title_label), title);
          n_visible++;
          n_complete += page->status == STEP_COMPLETE;
        }
    }

  progress = g_strdup_printf (_("%u of %u steps complete"), n_complete, n_visible);
  gtk_label_set_text (GTK_LABEL (self->progress_label), progress);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                 n_visible > 0 ? (double) n_complete / n_visible : 0);
}

void
sb_wizard_update_buttons (SbWizard *self)
{
  gboolean on_step = self->current != NULL;
  gboolean has_previous = on_step && visible_page_index (self, self->current, -1) != G_MAXUINT;
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (self->stack));

  /* Finished, there is no step to go back or on to. */
  gtk_widget_set_visible (self->action_bar, shown != self->result_page && shown != self->signer_sheet);
  gtk_widget_set_sensitive (self->back_button, has_previous || !on_step);
  gtk_widget_set_visible (self->next_button, on_step);
  gtk_widget_set_visible (self->return_button, on_step && self->return_to_review);
  gtk_button_set_label (GTK_BUTTON (self->next_button), self->insisted ? _("Continue _Anyway") : _("_Next"));
  /* Going on past problems is allowed, not recommended: not blue. */
  if (self->insisted)
    gtk_widget_remove_css_class (self->next_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->next_button, "suggested-action");
}

static void
show_page (SbWizard *self,
           StepPage *page)
{
  keep_open_rows (self);
  self->current = page;
  self->insisted = FALSE;

  if (page == NULL)
    {
      sb_wizard_build_review (self);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->review_page);
      gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar_list), GTK_LIST_BOX_ROW (self->review_row));
    }
  else
    {
      gtk_stack_set_visible_child (GTK_STACK (self->stack), page->page);
      gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar_list), GTK_LIST_BOX_ROW (page->sidebar_row));
      if (!self->read_only && g_strcmp0 (sb_draft_get_step (self->draft), page->step->id) != 0)
        {
          sb_draft_set_step (self->draft, page->step->id);
          sb_wizard_schedule_save (self);
        }
      /* Scroll back to the top of a page shown again. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page->page)), 0);
    }

  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  sb_wizard_update_buttons (self);
}

static void
on_sidebar_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          SbWizard      *self)
{
  if (GTK_WIDGET (row) == self->review_row)
    {
      show_page (self, NULL);
      return;
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      StepPage *page = g_ptr_array_index (self->pages, i);

      if (page->sidebar_row == GTK_WIDGET (row))
        show_page (self, page);
    }
}

/* Selecting a step (arrow keys, assistive technologies) shows it too. */
static void
on_sidebar_row_selected (GtkListBox    *list,
                         GtkListBoxRow *row,
                         SbWizard      *self)
{
  GtkWidget *current = self->current ? self->current->sidebar_row
                       : gtk_stack_get_visible_child (GTK_STACK (self->stack)) == self->review_page ? self->review_row
                       : NULL;

  if (row == NULL || GTK_WIDGET (row) == current)
    return;
  on_sidebar_row_activated (list, row, self);
}

static guint
step_error_count (SbWizard *self,
                  StepPage *page)
{
  g_autoptr(GHashTable) by_field = findings_by_field (self);
  guint n = 0;

  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);
      GPtrArray *findings = g_hash_table_lookup (by_field, field->id);

      if (!sb_answers_is_visible (self->answers, field))
        continue;
      for (guint i = 0; findings != NULL && i < findings->len; i++)
        n += ((SbFinding *) g_ptr_array_index (findings, i))->severity == SB_SEVERITY_ERROR;
    }
  return n;
}

static void
on_next_clicked (GtkButton *button,
                 SbWizard  *self)
{
  StepPage *page = self->current;
  guint next;

  if (page == NULL)
    return;

  /* Pressing Next checks every field of the step. */
  page->visited = TRUE;
  sb_wizard_revalidate (self);

  if (step_error_count (self, page) > 0 && !self->insisted)
    {
      GtkWidget *first = gtk_widget_get_first_child (page->summary_list);

      /* Stay, show the summary and put the focus on it; a second press
       * goes on: a draft may be left incomplete. */
      self->insisted = TRUE;
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page->page)), 0);
      if (first != NULL)
        gtk_widget_grab_focus (first);
      sb_wizard_update_buttons (self);
      return;
    }

  if (self->return_to_review)
    {
      self->return_to_review = FALSE;
      show_page (self, NULL);
      return;
    }

  next = visible_page_index (self, page, +1);
  show_page (self, next == G_MAXUINT ? NULL : g_ptr_array_index (self->pages, next));
}

static void
on_back_clicked (GtkButton *button,
                 SbWizard  *self)
{
  guint previous;

  if (self->current == NULL)
    {
      /* From the review page back to the last visible step. */
      for (int i = self->pages->len - 1; i >= 0; i--)
        if (sb_wizard_step_is_visible (self, g_ptr_array_index (self->pages, i)))
          {
            show_page (self, g_ptr_array_index (self->pages, i));
            return;
          }
      return;
    }

  previous = visible_page_index (self, self->current, -1);
  if (previous != G_MAXUINT)
    show_page (self, g_ptr_array_index (self->pages, previous));
}

static void
on_return_clicked (GtkButton *button,
                   SbWizard  *self)
{
  if (self->current != NULL)
    self->current->visited = TRUE;
  self->return_to_review = FALSE;
  sb_wizard_revalidate (self);
  show_page (self, NULL);
}

static void
on_steps_clicked (GtkButton *button,
                  SbWizard  *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed (AdwLeaflet *leaflet,
                   GParamSpec *pspec,
                   SbWizard   *self)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_set_visible (self->steps_button, folded);

  /* Folded means narrow: there Back is an arrow, or the steps button,
   * Back, "Return to Check Your Answers" and Next would not fit in 360 px. */
  if (folded)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->back_button), "go-previous-symbolic");
      gtk_widget_set_tooltip_text (self->back_button, _("Back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->back_button), _("_Back"));
      /* Named from its label again (sb-accessible.c), not reset to
       * GTK's doubled name. */
      gtk_widget_set_tooltip_text (self->back_button, NULL);
    }
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);

  on_back_clicked (GTK_BUTTON (self->back_button), self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);

  if (self->current != NULL)
    on_next_clicked (GTK_BUTTON (self->next_button), self);
}

/* Everything is saved as it is typed; Ctrl+S says so, and writes now
 * (sb-wizard-save.c). */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);

  keep_open_rows (self);
  sb_wizard_save_and_confirm (self);
}

/* An error summary's link goes to its field. */
static void
show_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sb_wizard_show_field (SB_WIZARD (widget), g_variant_get_string (parameter, NULL));
}

/* What a field row tells about its files (sb-field-row-attach.c). */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sb_wizard_toast (SB_WIZARD (widget), g_variant_get_string (parameter, NULL));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
review_note_free (gpointer data)
{
  SbFinding *note = data;

  g_free (note->field);
  g_free (note->message_zh);
  g_free (note->message_en);
  g_free (note);
}

/* GObject overrides */

static void
sb_wizard_dispose (GObject *object)
{
  SbWizard *self = SB_WIZARD (object);

  /* Nothing is lost on the way out: the last change is written now,
   * after any write still running. */
  if (self->draft != NULL)
    sb_wizard_save_draft (self, NULL);
  if (self->save_line != NULL)
    {
      g_atomic_rc_box_release_full (self->save_line, sb_wizard_save_line_clear);
      self->save_line = NULL;
    }

  g_queue_remove (&wizards, self);
  g_clear_handle_id (&self->revalidate_source, g_source_remove);
  /* The step list's rows go with the template after this, and GtkListBox
   * says "row-selected" as the selected one goes: by then the steps it
   * would show are freed (a use after free that AddressSanitizer found). */
  if (self->sidebar_list != NULL)
    g_signal_handlers_disconnect_by_data (self->sidebar_list, self);
  self->current = NULL;
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->review_notes, g_ptr_array_unref);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_object (&self->draft);
  g_clear_object (&self->store);
  g_clear_object (&self->files);
  g_clear_object (&self->calendar);
  g_clear_object (&self->finished);

  G_OBJECT_CLASS (sb_wizard_parent_class)->dispose (object);
}

static void
sb_wizard_class_init (SbWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_wizard_dispose;

  signals[TOAST] = sb_toast_signal_new (G_TYPE_FROM_CLASS (klass));
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/wizard/sb-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWizard, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, save_problem);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, review_issuer);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, review_issuer_label);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, save_problem_label);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, action_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, steps_button);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, return_button);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_save_problem_response",
                                                G_CALLBACK (sb_wizard_on_save_problem_response));
  gtk_widget_class_bind_template_callback (widget_class, on_steps_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_return_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);

  gtk_widget_class_install_action (widget_class, "wizard.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "wizard.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "wizard.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "wizard.show-field", "s", show_field_action);
  gtk_widget_class_install_action (widget_class, "wizard.sign", NULL, sb_wizard_sign_action);
}

static void
sb_wizard_init (SbWizard *self)
{
  g_queue_push_tail (&wizards, self);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_info_bar_add_button (GTK_INFO_BAR (self->save_problem), _("_Try Again"), GTK_RESPONSE_ACCEPT);
  /* Beside Back and Next in a 360 px window the label does not fit whole. */
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->return_button))), PANGO_ELLIPSIZE_END);

  self->pages = g_ptr_array_new_with_free_func (g_free);
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->review_notes = g_ptr_array_new_with_free_func (review_note_free);
  self->save_line = g_atomic_rc_box_new0 (SaveLine);
  g_mutex_init (&self->save_line->lock);
}

/* The newest wizard in a window that has the draft @draft_id open, or
 * NULL. */
SbWizard *
sb_wizard_find_shown (const char *draft_id)
{
  for (GList *l = wizards.tail; l != NULL; l = l->prev)
    {
      SbWizard *wizard = l->data;

      if (wizard->draft != NULL && gtk_widget_get_root (GTK_WIDGET (wizard)) != NULL &&
          g_strcmp0 (sb_draft_get_id (wizard->draft), draft_id) == 0)
        return wizard;
    }
  return NULL;
}

/* Public API */

SbWizard *
sb_wizard_new (SbDraft      *draft,
               SbDraftStore *store,
               SbFileStore  *files,
               SbCalendar   *calendar)
{
  SbWizard *self;
  GPtrArray *steps;
  StepPage *resume = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (draft), NULL);
  g_return_val_if_fail (SB_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_FILE_STORE (files), NULL);

  self = g_object_new (SB_TYPE_WIZARD, NULL);
  self->draft = g_object_ref (draft);
  self->store = g_object_ref (store);
  self->files = g_object_ref (files);
  self->calendar = calendar ? g_object_ref (calendar) : NULL;
  self->answers = sb_draft_get_answers (draft);
  self->definition = sb_draft_get_definition (draft);

  steps = sb_form_definition_get_steps (self->definition);
  for (guint i = 0; i < steps->len; i++)
    {
      StepPage *page = g_new0 (StepPage, 1);

      page->step = g_ptr_array_index (steps, i);
      page->visited = sb_draft_is_step_checked (draft, page->step->id);
      page->page = sb_wizard_build_step_page (self, page, i);
      page->sidebar_row = sb_wizard_build_sidebar_row (page, i + 1, sb_text_get (&page->step->title));
      gtk_stack_add_child (GTK_STACK (self->stack), page->page);
      gtk_list_box_append (GTK_LIST_BOX (self->sidebar_list), page->sidebar_row);
      g_ptr_array_add (self->pages, page);
      if (g_strcmp0 (sb_draft_get_step (draft), page->step->id) == 0)
        resume = page;
    }

  self->review_row = sb_wizard_build_sidebar_row (NULL, 0, _("Check and Finish"));
  gtk_list_box_append (GTK_LIST_BOX (self->sidebar_list), self->review_row);

  sb_wizard_add_review_page (self);
  gtk_stack_add_child (GTK_STACK (self->stack), self->review_page);

  sb_wizard_revalidate (self);

  /* Reopen where the person was; otherwise at the first visible step. */
  if (resume == NULL || !sb_wizard_step_is_visible (self, resume))
    {
      resume = NULL;
      for (guint i = 0; i < self->pages->len && resume == NULL; i++)
        if (sb_wizard_step_is_visible (self, g_ptr_array_index (self->pages, i)))
          resume = g_ptr_array_index (self->pages, i);
    }
  show_page (self, resume);

  return self;
}

SbDraft *
sb_wizard_get_draft (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), NULL);

  return self->draft;
}

gboolean
sb_wizard_save_now (SbWizard  *self,
                    GError   **error)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  keep_open_rows (self);
  return sb_wizard_save_draft (self, error);
}

void
sb_wizard_show_field (SbWizard   *self,
                      const char *field_id)
{
  GtkWidget *widget;

  g_return_if_fail (SB_IS_WIZARD (self));
  g_return_if_fail (field_id != NULL);

  widget = g_hash_table_lookup (self->widgets, field_id);
  if (widget == NULL)
    return;

  for (guint i = 0; i < self->pages->len; i++)
    {
      StepPage *page = g_ptr_array_index (self->pages, i);

      if (gtk_widget_is_ancestor (widget, page->page))
        {
          gboolean returning = self->return_to_review;

          show_page (self, page);
          self->return_to_review = returning;
          sb_wizard_update_buttons (self);
        }
    }

  /* A finished application's inputs are hidden behind its answers. */
  if (self->read_only)
    return;
  if (SB_IS_FIELD_ROW (widget))
    sb_field_row_focus_input (SB_FIELD_ROW (widget));
  else
    gtk_widget_grab_focus (widget);
}

void
sb_wizard_show_review (SbWizard *self)
{
  g_return_if_fail (SB_IS_WIZARD (self));

  show_page (self, NULL);
}

GtkWidget *
sb_wizard_get_field_widget (SbWizard   *self,
                            const char *field_id)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), NULL);

  return g_hash_table_lookup (self->widgets, field_id);
}

void
sb_wizard_next (SbWizard *self)
{
  g_return_if_fail (SB_IS_WIZARD (self));

  on_next_clicked (GTK_BUTTON (self->next_button), self);
}

gboolean
sb_wizard_shows_problems (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return self->current != NULL && gtk_widget_get_visible (self->current->summary);
}

guint
sb_wizard_set_review (SbWizard *self,
                      SbReview *review)
{
  GPtrArray *notes;
  const char *first = NULL;
  guint n = 0;

  g_return_val_if_fail (SB_IS_WIZARD (self), 0);
  g_return_val_if_fail (SB_IS_REVIEW (review), 0);

  g_ptr_array_set_size (self->review_notes, 0);
  notes = sb_review_get_notes (review);
  for (guint i = 0; i < notes->len; i++)
    {
      SbReviewNote *note = g_ptr_array_index (notes, i);
      SbFinding *finding;

      /* Notes on materials or the whole application are in the notice. */
      if (note->field == NULL)
        continue;

      finding = g_new0 (SbFinding, 1);
      finding->severity = SB_SEVERITY_ERROR;
      finding->field = g_strdup (note->field);
      finding->row = note->row;
      finding->message_zh = note->row >= 0
        ? g_strdup_printf ("审核意见（第 %d 行）：%s", note->row + 1, note->text)
        : g_strdup_printf ("审核意见：%s", note->text);
      finding->message_en = g_strdup (note->text);
      g_ptr_array_add (self->review_notes, finding);
      if (first == NULL)
        first = finding->field;
      n++;
    }

  sb_wizard_revalidate (self);
  if (first != NULL)
    {
      g_autofree char *field = sb_wizard_top_field (first);

      sb_wizard_show_field (self, field);
    }
  return n;
}

void
sb_wizard_show_review_issuer (SbWizard       *self,
                              const char     *heading,
                              const char     *text,
                              GtkMessageType  type)
{
  g_return_if_fail (SB_IS_WIZARD (self));

  /* A bar above the steps rather than a toast: it stays while the
   * corrections are worked through, and says how far to trust them. */
  if (heading != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", heading, text != NULL ? text : "");

      gtk_label_set_markup (GTK_LABEL (self->review_issuer_label), markup);
      gtk_info_bar_set_message_type (GTK_INFO_BAR (self->review_issuer), type);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_issuer_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, heading, -1);
    }
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->review_issuer), heading != NULL);
}

char *
sb_wizard_dup_review_issuer (SbWizard       *self,
                             GtkMessageType *type)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), NULL);

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (self->review_issuer)))
    return NULL;
  if (type != NULL)
    *type = gtk_info_bar_get_message_type (GTK_INFO_BAR (self->review_issuer));
  return g_strdup (gtk_label_get_text (GTK_LABEL (self->review_issuer_label)));
}

void
sb_wizard_set_read_only (SbWizard *self)
{
  g_return_if_fail (SB_IS_WIZARD (self));

  /* A finished application is looked at, not changed: its answers are
   * what the packet holds.  Each step shows them as text to read, the
   * review page offers a new application based on it instead of Finish. */
  if (self->read_only)
    return;
  self->read_only = TRUE;
  for (guint i = 0; i < self->pages->len; i++)
    sb_wizard_show_step_read_only (self, g_ptr_array_index (self->pages, i));
  sb_wizard_set_review_read_only (self);
  show_page (self, NULL);
}

gboolean
sb_wizard_is_read_only (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return self->read_only;
}
