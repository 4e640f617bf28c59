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
  AdwEntryRow        *reviewer_name;
  AdwEntryRow        *reviewer_office;
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
  sb_review_work_page_refresh_notes (self);
}

static void
on_check_selected (GtkDropDown    *dropdown,
                   GParamSpec     *pspec,
                   SbReviewWorkPage   *self)
{
  const char *item = g_object_get_data (G_OBJECT (dropdown), "item");
  g_autoptr(GError) error = NULL;

  if (!sb_review_set_check (self->view->review, item, (SbCheckState) gtk_drop_down_get_selected (dropdown), NULL, &error))
    sb_reviewer_view_toast (self->view, error->message);
}

static void
on_decision_selected (AdwComboRow    *row,
                      GParamSpec     *pspec,
                      SbReviewWorkPage   *self)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_packet_get_definition (self->view->packet));
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  const char *decision = selected > 0 && selected <= decisions->len
    ? ((SbDecision *) g_ptr_array_index (decisions, selected - 1))->id : NULL;

  if (!sb_review_set_decision (self->view->review, decision, decision ? sb_date_today () : 0, &error))
    sb_reviewer_view_toast (self->view, error->message);
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
  sb_review_work_page_refresh_notes (self);
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

  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      const char *states[] = { _("Not checked"), _("Meets the rule"), _("Problem"), NULL };
      GtkWidget *dropdown = gtk_drop_down_new_from_strings (states);
      g_autofree char *subtitle = item->citation ? g_strdup_printf ("%s · %s", item->id, item->citation) : g_strdup (item->id);
      GtkWidget *row = sb_reviewer_text_row (sb_text_get (&item->title), subtitle);

      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), sb_review_get_check (self->view->review, item->id, NULL));
      g_object_set_data_full (G_OBJECT (dropdown), "item", g_strdup (item->id), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_check_selected), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_preferences_group_add (self->checklist_group, row);
    }

  sb_review_work_page_refresh_notes (self);

  gtk_string_list_append (decision_names, _("Not decided"));
  for (guint i = 0; i < decisions->len; i++)
    gtk_string_list_append (decision_names, sb_text_get (&((SbDecision *) g_ptr_array_index (decisions, i))->label));
  /* Choosing the first entry of the new list is not the reviewer's choice. */
  g_signal_handlers_block_by_func (self->decision_row, on_decision_selected, self);
  adw_combo_row_set_model (self->decision_row, G_LIST_MODEL (decision_names));
  g_signal_handlers_unblock_by_func (self->decision_row, on_decision_selected, self);
}

/* GObject overrides */

static void
sb_review_work_page_dispose (GObject *object)
{
  SbReviewWorkPage *self = SB_REVIEW_WORK_PAGE (object);

  g_clear_pointer (&self->note_rows, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, reviewer_name);
  gtk_widget_class_bind_template_child (widget_class, SbReviewWorkPage, reviewer_office);
  gtk_widget_class_bind_template_callback (widget_class, on_general_note);
  gtk_widget_class_bind_template_callback (widget_class, on_add_note_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_reviewer_changed);

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

void
sb_review_work_page_show_document (SbReviewWorkPage *self,
                                   GFile            *pdf)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  GtkWidget *row, *actions;

  g_return_if_fail (SB_IS_REVIEW_WORK_PAGE (self));
  g_return_if_fail (G_IS_FILE (pdf));

  /* The document just saved, to print, look at or find, as the
   * applicant's finished page offers for the packet's PDF. */
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
  actions = sb_document_actions_new (pdf);
  gtk_widget_set_margin_top (actions, 12);
  g_signal_connect (actions, "toast", G_CALLBACK (on_document_toast), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->saved_group), actions);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (self->saved_group));
}
