/* sb-review-work-page.c — the reviewer's 审核 page
 *
 * The procedure's checklist, the corrections noted for the applicant, the
 * decision and the documents.  Its fixed rows are in
 * sb-review-work-page.ui; the checklist's rows and the notes are built
 * here, from the form definition and the review.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-review-work-page.h"
#include "sb-date.h"
#include "sb-document-actions.h"
#include "sb-reviewer-view-private.h"

struct _SbReviewWorkPage
{
  AdwPreferencesPage  parent_instance;

  SbReviewerView     *view;  /* unowned: the view holds its pages */
  GPtrArray          *note_rows;
  GtkWidget          *saved_group;   /* the documents saved, with their actions */

  /* Template widgets */
  AdwPreferencesGroup *checklist_group;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow        *note_entry;
  AdwComboRow        *decision_row;
  AdwActionRow       *decision_problem;
  GtkInfoBar         *approve_confirm;
  GtkLabel           *approve_confirm_label;
  GtkWidget          *approve_cancel;
  AdwEntryRow        *reason_row;
  AdwComboRow        *clause_row;
  AdwEntryRow        *reviewer_name;
  AdwEntryRow        *reviewer_office;

  char               *pending_approval;  /* a decision waiting for its confirmation */
};

G_DEFINE_FINAL_TYPE (SbReviewWorkPage, sb_review_work_page, ADW_TYPE_PREFERENCES_PAGE)

/* Callbacks */

static void
remove_note_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SbReviewWorkPage *self = SB_REVIEW_WORK_PAGE (widget);

  sb_review_remove_note (self->view->review, g_variant_get_uint32 (parameter));
  sb_reviewer_view_notes_changed (self->view);
}

/* A checklist item's state and its note, which explains it for an
 * approval: both widgets of the item's row hold the item's id. */
static void
record_check (SbReviewWorkPage *self,
              GtkWidget        *widget)
{
  const char *item = g_object_get_data (G_OBJECT (widget), "item");
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (widget), "state");
  GtkEditable *note = g_object_get_data (G_OBJECT (widget), "note");
  g_autoptr(GError) error = NULL;

  if (!sb_review_set_check (self->view->review, item, (SbCheckState) gtk_drop_down_get_selected (dropdown),
                            gtk_editable_get_text (note), &error))
    sb_reviewer_view_toast (self->view, error->message);
}

static void
on_check_selected (GtkDropDown      *dropdown,
                   GParamSpec       *pspec,
                   SbReviewWorkPage *self)
{
  record_check (self, GTK_WIDGET (dropdown));
}

static void
on_check_note_changed (GtkEditable      *note,
                       SbReviewWorkPage *self)
{
  record_check (self, GTK_WIDGET (note));
}

static guint
decision_index (SbReviewWorkPage *self,
                const char       *decision)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_packet_get_definition (self->view->packet));

  for (guint i = 0; decision != NULL && i < decisions->len; i++)
    if (g_str_equal (((SbDecision *) g_ptr_array_index (decisions, i))->id, decision))
      return i + 1;
  return 0;  /* 尚未决定 */
}

static void on_decision_selected (AdwComboRow      *row,
                                  GParamSpec       *pspec,
                                  SbReviewWorkPage *self);

/* The combo shows what the review holds, which a refused choice has not
 * changed. */
static void
show_recorded_decision (SbReviewWorkPage *self)
{
  g_signal_handlers_block_by_func (self->decision_row, on_decision_selected, self);
  adw_combo_row_set_selected (self->decision_row, decision_index (self, sb_review_get_decision (self->view->review)));
  g_signal_handlers_unblock_by_func (self->decision_row, on_decision_selected, self);
}

static void
show_decision_problem (SbReviewWorkPage *self,
                       const char       *problem)
{
  if (problem != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->decision_problem), problem);
  gtk_widget_set_visible (GTK_WIDGET (self->decision_problem), problem != NULL);
}

static void
ask_approval_confirmation (SbReviewWorkPage *self,
                           const char       *decision)
{
  g_autofree char *failures = sb_reviewer_view_dup_failures (self->view);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", _("Approve a Packet That Does Not Verify?"),
                                                     failures,
                                                     _("Approve it only if you have cleared up each of these with the "
                                                       "applicant."));

  g_free (self->pending_approval);
  self->pending_approval = g_strdup (decision);
  gtk_label_set_markup (self->approve_confirm_label, markup);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_confirm), TRUE);
  gtk_info_bar_set_revealed (self->approve_confirm, TRUE);
  /* Brought into view, the safe answer focused. */
  gtk_widget_grab_focus (self->approve_cancel);
}

static void
hide_approval_confirmation (SbReviewWorkPage *self)
{
  g_clear_pointer (&self->pending_approval, g_free);
  gtk_info_bar_set_revealed (self->approve_confirm, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_confirm), FALSE);
}

static void
record_decision (SbReviewWorkPage *self,
                 const char       *decision)
{
  g_autoptr(GError) error = NULL;

  if (!sb_review_set_decision (self->view->review, decision, decision ? sb_date_today () : 0, &error))
    show_decision_problem (self, error->message);
  else
    show_decision_problem (self, NULL);
  show_recorded_decision (self);
}

static void
on_decision_selected (AdwComboRow      *row,
                      GParamSpec       *pspec,
                      SbReviewWorkPage *self)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_packet_get_definition (self->view->packet));
  guint selected = adw_combo_row_get_selected (row);
  SbDecision *decision = selected > 0 && selected <= decisions->len ? g_ptr_array_index (decisions, selected - 1) : NULL;
  g_autofree char *problem = NULL;
  g_autofree char *failures = NULL;

  /* What the review holds already (the combo set back to it after a
   * refused choice notifies again): nothing to decide. */
  if (selected == decision_index (self, sb_review_get_decision (self->view->review)))
    return;
  hide_approval_confirmation (self);
  problem = decision ? sb_review_dup_decision_problem (self->view->review, decision->id) : NULL;
  /* Whatever the bar over the pages lists, the signatures the office
   * requires among it, asks for confirmation. */
  if (problem == NULL && decision != NULL && decision->kind == SB_DECISION_APPROVAL &&
      (failures = sb_reviewer_view_dup_failures (self->view)) != NULL)
    {
      show_decision_problem (self, NULL);
      show_recorded_decision (self);
      ask_approval_confirmation (self, decision->id);
      return;
    }
  record_decision (self, decision ? decision->id : NULL);
}

static void
on_approve_confirm_response (GtkInfoBar       *bar,
                             int               response,
                             SbReviewWorkPage *self)
{
  g_autofree char *decision = g_steal_pointer (&self->pending_approval);

  hide_approval_confirmation (self);
  if (response == GTK_RESPONSE_ACCEPT && decision != NULL)
    record_decision (self, decision);
}

static void
record_reason (SbReviewWorkPage *self)
{
  GPtrArray *checklist = sb_form_definition_get_checklist (sb_packet_get_definition (self->view->packet));
  guint selected = adw_combo_row_get_selected (self->clause_row);
  const char *clause = selected > 0 && selected <= checklist->len
    ? ((SbChecklistItem *) g_ptr_array_index (checklist, selected - 1))->id : NULL;
  g_autoptr(GError) error = NULL;

  if (!sb_review_set_decision_reason (self->view->review, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)),
                                      clause, &error))
    sb_reviewer_view_toast (self->view, error->message);
}

static void
on_reason_changed (GtkEditable      *editable,
                   SbReviewWorkPage *self)
{
  record_reason (self);
}

static void
on_clause_selected (AdwComboRow      *row,
                    GParamSpec       *pspec,
                    SbReviewWorkPage *self)
{
  record_reason (self);
}

static void
on_reviewer_changed (GtkEditable    *editable,
                     SbReviewWorkPage   *self)
{
  sb_review_set_reviewer (self->view->review, gtk_editable_get_text (GTK_EDITABLE (self->reviewer_name)),
                          gtk_editable_get_text (GTK_EDITABLE (self->reviewer_office)));
}

static void
on_general_note (AdwEntryRow    *row,
                 SbReviewWorkPage   *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  if (!sb_review_add_note (self->view->review, NULL, -1, NULL, text, &error))
    {
      sb_reviewer_view_toast (self->view, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  sb_reviewer_view_notes_changed (self->view);
}

static void
on_add_note_clicked (GtkButton      *button,
                     SbReviewWorkPage   *self)
{
  on_general_note (self->note_entry, self);
}

/* Auxiliary functions */

static void
fill_review (SbReviewWorkPage *self)
{
  SbFormDefinition *definition = sb_packet_get_definition (self->view->packet);
  GPtrArray *checklist = sb_form_definition_get_checklist (definition);
  GPtrArray *decisions = sb_form_definition_get_decisions (definition);
  g_autoptr(GtkStringList) decision_names = gtk_string_list_new (NULL);

  SbReview *review = self->view->review;
  g_autoptr(GtkStringList) clause_names = gtk_string_list_new (NULL);
  guint clause = 0;

  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      const char *states[] = { _("Not checked"), _("Meets the rule"), _("Problem"), NULL };
      GtkWidget *dropdown = gtk_drop_down_new_from_strings (states);
      g_autofree char *subtitle = item->citation ? g_strdup_printf ("%s · %s", item->id, item->citation) : g_strdup (item->id);
      g_autofree char *title = sb_reviewer_reveal (sb_text_get (&item->title));
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *note = adw_entry_row_new ();
      const char *note_text = NULL;
      SbCheckState state = sb_review_get_check (review, item->id, &note_text);

      /* The item's note opens under it: what was found, or why an item
       * that is not 符合 does not stand in the way of an approval. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note (what was found, or why it does not stand in the way)"));
      gtk_editable_set_text (GTK_EDITABLE (note), note_text ? note_text : "");
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), note_text != NULL || state == SB_CHECK_PROBLEM);

      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, sb_text_get (&item->title), -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), state);
      for (guint w = 0; w < 2; w++)
        {
          GObject *widget = w == 0 ? G_OBJECT (dropdown) : G_OBJECT (note);

          g_object_set_data_full (widget, "item", g_strdup (item->id), g_free);
          g_object_set_data (widget, "state", dropdown);
          g_object_set_data (widget, "note", note);
        }
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_check_selected), self);
      g_signal_connect (note, "changed", G_CALLBACK (on_check_note_changed), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), dropdown);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note);
      adw_preferences_group_add (self->checklist_group, row);

      {
        g_autofree char *name = item->citation ? g_strdup_printf ("%s %s", item->id, item->citation) : g_strdup (item->id);

        gtk_string_list_append (clause_names, name);
      }
      if (g_strcmp0 (sb_review_get_decision_clause (review), item->id) == 0)
        clause = i + 1;
    }

  sb_review_work_page_refresh_notes (self);

  gtk_string_list_append (decision_names, _("Not decided"));
  for (guint i = 0; i < decisions->len; i++)
    gtk_string_list_append (decision_names, sb_text_get (&((SbDecision *) g_ptr_array_index (decisions, i))->label));
  /* Choosing the first entry of the new list is not the reviewer's choice;
   * the rows show the review as it was saved. */
  g_signal_handlers_block_by_func (self->decision_row, on_decision_selected, self);
  adw_combo_row_set_model (self->decision_row, G_LIST_MODEL (decision_names));
  g_signal_handlers_unblock_by_func (self->decision_row, on_decision_selected, self);
  show_recorded_decision (self);

  gtk_string_list_splice (clause_names, 0, 0, (const char *[]) { _("None chosen"), NULL });
  g_signal_handlers_block_by_func (self->clause_row, on_clause_selected, self);
  g_signal_handlers_block_by_func (self->reason_row, on_reason_changed, self);
  g_signal_handlers_block_by_func (self->reviewer_name, on_reviewer_changed, self);
  g_signal_handlers_block_by_func (self->reviewer_office, on_reviewer_changed, self);
  adw_combo_row_set_model (self->clause_row, G_LIST_MODEL (clause_names));
  adw_combo_row_set_selected (self->clause_row, clause);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row),
                         sb_review_get_decision_reason (review) ? sb_review_get_decision_reason (review) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_name),
                         sb_review_get_reviewer_name (review) ? sb_review_get_reviewer_name (review) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reviewer_office),
                         sb_review_get_reviewer_office (review) ? sb_review_get_reviewer_office (review) : "");
  g_signal_handlers_unblock_by_func (self->clause_row, on_clause_selected, self);
  g_signal_handlers_unblock_by_func (self->reason_row, on_reason_changed, self);
  g_signal_handlers_unblock_by_func (self->reviewer_name, on_reviewer_changed, self);
  g_signal_handlers_unblock_by_func (self->reviewer_office, on_reviewer_changed, self);
}

/* GObject overrides */

static void
sb_review_work_page_dispose (GObject *object)
{
  SbReviewWorkPage *self = SB_REVIEW_WORK_PAGE (object);

  g_clear_pointer (&self->note_rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending_approval, g_free);

  G_OBJECT_CLASS (sb_review_work_page_parent_class)->dispose (object);
}

static void
sb_review_work_page_class_init (SbReviewWorkPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_review_work_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/reviewer/sb-review-work-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, decision_row);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, decision_problem);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, approve_confirm);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, approve_confirm_label);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, approve_cancel);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, clause_row);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, reviewer_name);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, reviewer_office);
  gtk_widget_class_bind_template_callback (widget_class, on_general_note);
  gtk_widget_class_bind_template_callback (widget_class, on_add_note_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_reviewer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_approve_confirm_response);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clause_selected);

  /* The note's index in the review: the button of each note row. */
  gtk_widget_class_install_action (widget_class, "reviewer.remove-note", "u", remove_note_action);
}

static void
sb_review_work_page_init (SbReviewWorkPage *self)
{
  self->note_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
sb_review_work_page_new (SbReviewerView *view)
{
  SbReviewWorkPage *self;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (view), NULL);

  self = g_object_new (SB_TYPE_REVIEW_WORK_PAGE, NULL);
  self->view = view;
  fill_review (self);
  return GTK_WIDGET (self);
}

void
sb_review_work_page_refresh_notes (SbReviewWorkPage *self)
{
  GPtrArray *notes = NULL;
  SbFormDefinition *definition = NULL;

  g_return_if_fail (SB_IS_REVIEW_WORK_PAGE (self));

  notes = sb_review_get_notes (self->view->review);
  definition = sb_packet_get_definition (self->view->packet);

  for (guint i = 0; i < self->note_rows->len; i++)
    adw_preferences_group_remove (self->notes_group, g_ptr_array_index (self->note_rows, i));
  g_ptr_array_set_size (self->note_rows, 0);

  for (guint i = 0; i < notes->len; i++)
    {
      SbReviewNote *note = g_ptr_array_index (notes, i);
      g_autofree char *top = note->field ? g_strndup (note->field, strcspn (note->field, "[")) : NULL;
      SbField *field = top ? sb_form_definition_lookup_field (definition, top) : NULL;
      g_autofree char *where = field == NULL ? g_strdup (note->material ? note->material : _("The application as a whole"))
                               : note->row >= 0 ? g_strdup_printf (_("%s, row %d"), sb_text_get (&field->label), note->row + 1)
                               : g_strdup (sb_text_get (&field->label));
      GtkWidget *row = sb_reviewer_text_row (where, note->text);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove this note"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "reviewer.remove-note");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", i);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->notes_group, row);
      g_ptr_array_add (self->note_rows, row);
    }

  if (notes->len == 0)
    {
      GtkWidget *row = sb_reviewer_text_row (_("No corrections noted"),
                                             _("Add a note from any answer on the Application page, or for the whole application here."));

      adw_preferences_group_add (self->notes_group, row);
      g_ptr_array_add (self->note_rows, row);
    }
}

static void
on_document_toast (GtkWidget        *actions,
                   AdwToast         *toast,
                   SbReviewWorkPage *self)
{
  g_signal_emit_by_name (self->view, "toast", toast);
}

/* The document just saved with @actions, under the documents, in place
 * of the one saved before. */
static void
show_saved (SbReviewWorkPage *self,
            GFile            *pdf,
            GtkWidget        *actions)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  GtkWidget *row;

  if (self->saved_group != NULL)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (self->saved_group));
  self->saved_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->saved_group), _("Saved Document"));
  name = g_file_get_basename (pdf);
  parent = g_file_get_parent (pdf);
  folder = parent ? g_file_get_parse_name (parent) : g_strdup ("");
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->saved_group), row);
  gtk_widget_set_margin_top (actions, 12);
  g_signal_connect (actions, "toast", G_CALLBACK (on_document_toast), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->saved_group), actions);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (self->saved_group));
}

void
sb_review_work_page_show_document (SbReviewWorkPage *self,
                                   GFile            *pdf,
                                   gboolean          signable)
{
  GtkWidget *actions;

  g_return_if_fail (SB_IS_REVIEW_WORK_PAGE (self));
  g_return_if_fail (G_IS_FILE (pdf));

  /* The document just saved, to print, look at or find, as the
   * applicant's finished page offers for the packet's PDF. */
  actions = sb_document_actions_new (pdf);
  if (signable)
    sb_document_actions_add_sign (SB_DOCUMENT_ACTIONS (actions));
  show_saved (self, pdf, actions);
}

void
sb_review_work_page_show_review_file (SbReviewWorkPage *self,
                                      GFile            *review,
                                      gboolean          signable)
{
  GtkWidget *actions;

  g_return_if_fail (SB_IS_REVIEW_WORK_PAGE (self));
  g_return_if_fail (G_IS_FILE (review));

  actions = sb_document_actions_new_for_review (review);
  if (signable)
    sb_document_actions_add_sign_review (SB_DOCUMENT_ACTIONS (actions));
  show_saved (self, review, actions);
}
