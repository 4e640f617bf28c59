/* sb-window.c — the main window: the procedures and their guides, the
 * drafts and recent files of the start page, and which page is shown.
 * Its actions are in sb-window-actions.c, opening files in
 * sb-window-open.c.
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

#include "sb-accessible.h"
#include "sb-date.h"
#include "sb-preferences-page.h"
#include "sb-safe-text.h"
#include "sb-window-private.h"

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

/* "in force 2023-05-22 – 2025-05-21", for the guide's one line on the
 * regulation's validity. */
static char *
validity_period (SbFormDefinition *definition)
{
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  g_autofree char *from = sb_date_to_string (regulation->effective_from);
  g_autofree char *until = regulation->effective_until ? sb_date_to_string (regulation->effective_until) : NULL;

  if (until == NULL)
    return g_strdup_printf (_("In force since %s"), from);
  if (!sb_form_definition_is_in_force (definition, sb_date_today ()))
    return g_strdup_printf (_("In force %s – %s; expired"), from, until);
  return g_strdup_printf (_("In force %s – %s"), from, until);
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

/* The notice over the guide of a regulation that is no longer in force,
 * drawn like AdwBanner (which libadwaita 1.2 does not have): what has
 * happened, what it means, and starting anyway as its one button. */
static GtkWidget *
expired_notice (const SbRegulation *regulation)
{
  g_autofree char *until = sb_date_to_string (regulation->effective_until);
  g_autofree char *heading = g_strdup_printf (_("This regulation expired on %s"), until);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *text = gtk_label_new (_("The office may no longer accept applications under it, or may ask for a "
                                     "newer form. Ask the office before you spend time on the application."));
  GtkWidget *start = gtk_button_new_with_mnemonic (_("_Start Application Anyway"));

  gtk_widget_add_css_class (box, "expired-notice");
  gtk_widget_set_name (box, "expired-notice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_halign (start, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (start), "win.start-application");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), start);
  return box;
}

static void
fill_guide (SbWindow         *self,
            SbFormDefinition *definition)
{
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  g_autofree char *validity = validity_period (definition);
  GPtrArray *steps = sb_form_definition_get_guide_steps (definition);
  GPtrArray *materials = sb_form_definition_get_materials (definition);
  GPtrArray *notes = sb_form_definition_get_guide_notes (definition);
  const SbText *where = sb_form_definition_get_guide_text (definition, "where");
  AdwPreferencesGroup *group;
  gboolean expired;
  GtkWidget *start;

  clear_guide (self);

  /* A lapsed regulation is said before anything else: an application
   * under it may be refused, so starting one becomes the secondary
   * action, inside the notice. */
  expired = regulation->effective_until != 0 && sb_date_today () > regulation->effective_until;
  if (expired)
    {
      group = add_guide_group (self, NULL, NULL);
      adw_preferences_group_add (group, expired_notice (regulation));
    }

  group = add_guide_group (self, sb_text_get (sb_form_definition_get_title (definition)),
                           sb_form_definition_get_description (definition)->zh_CN
                             ? sb_text_get (sb_form_definition_get_description (definition)) : NULL);
  if (!expired)
    {
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
    }
  group = add_guide_group (self, NULL, NULL);
  adw_preferences_group_add (group, info_row (_("Regulation"), regulation->title));
  adw_preferences_group_add (group, info_row (_("Document number"), regulation->document_no));
  /* The validity once: the period, and what the regulation says of it. */
  if (regulation->validity_note.zh_CN != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", validity, sb_text_get (&regulation->validity_note));

      adw_preferences_group_add (group, info_row (_("Validity"), text));
    }
  else
    adw_preferences_group_add (group, info_row (_("Validity"), validity));
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
      g_autofree char *text = deadline ? g_strdup_printf (_("%s (%s)"), sb_text_get (&step->action), deadline)
                                       : g_strdup (sb_text_get (&step->action));

      adw_preferences_group_add (group, info_row (title, text));
    }

  group = add_guide_group (self, _("Materials to Prepare"), NULL);
  for (guint i = 0; i < materials->len; i++)
    {
      SbMaterial *material = g_ptr_array_index (materials, i);
      /* Its id is the reviewer's; the applicant reads the title, and when
       * a material is needed, in words. */
      const char *when = material->requirement == SB_MATERIAL_CONDITIONAL && material->condition_text.zh_CN != NULL
                         ? sb_text_get (&material->condition_text) : requirement_label (material->requirement);

      adw_preferences_group_add (group, info_row (sb_text_get (&material->title), when));
    }

  if (notes->len > 0)
    {
      group = add_guide_group (self, _("Please Note"), NULL);
      for (guint i = 0; i < notes->len; i++)
        adw_preferences_group_add (group, info_row (sb_text_get (g_ptr_array_index (notes, i)), NULL));
    }
}

static void populate_recent (SbWindow *self);

void
sb_window_show_page (SbWindow   *self,
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
  /* Disabled in an application, so the key goes on to the field, the
   * popover or the sheet that has the focus. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.escape", !is_start && !g_str_equal (name, "wizard"));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
  /* The reviewer's pages are switched from the header bar (the HIG's view
   * switcher), which also shows the title when there is no room for it. */
  if (g_str_equal (name, "review") && self->reviewer != NULL)
    {
      GtkWidget *switcher = sb_reviewer_view_get_title_widget (self->reviewer);

      adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (switcher), title);
      adw_view_switcher_title_set_subtitle (ADW_VIEW_SWITCHER_TITLE (switcher), subtitle ? subtitle : "");
      if (adw_header_bar_get_title_widget (self->header_bar) != switcher)
        adw_header_bar_set_title_widget (self->header_bar, switcher);
    }
  else if (adw_header_bar_get_title_widget (self->header_bar) != GTK_WIDGET (self->window_title))
    adw_header_bar_set_title_widget (self->header_bar, GTK_WIDGET (self->window_title));
  /* The window is named by its page (window lists, screen readers), not
   * by its class. */
  gtk_window_set_title (GTK_WINDOW (self), title);
  sb_accessible_name_controls (GTK_WIDGET (self));
}



/* The toast of a page (the wizard, the reviewer's view): as it is. */
void
sb_window_on_page_toast (GtkWidget *page,
                         AdwToast  *toast,
                         SbWindow  *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

void
sb_window_close_wizard (SbWindow *self)
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
  sb_window_populate_drafts (self);
  sb_window_show_page (self, "start", _("Shenbao"), NULL);
}

static void
on_wizard_closed (SbWizard *wizard,
                  SbWindow *self)
{
  sb_window_close_wizard (self);
}

void
sb_window_open_wizard (SbWindow *self,
             SbDraft  *draft)
{
  SbFormDefinition *definition = sb_draft_get_definition (draft);
  g_autofree char *name = sb_draft_dup_display_name (draft);

  if (self->wizard != NULL)
    sb_window_close_wizard (self);
  if (self->wizard != NULL)
    return;
  sb_window_close_reviewer (self);
  if (self->reviewer != NULL)
    return;

  self->wizard = sb_wizard_new (draft, self->draft_store, self->file_store, self->calendar);
  g_signal_connect (self->wizard, "toast", G_CALLBACK (sb_window_on_page_toast), self);
  g_signal_connect (self->wizard, "closed", G_CALLBACK (on_wizard_closed), self);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->wizard), "wizard");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-draft", TRUE);
  sb_window_show_page (self, "wizard", sb_text_get (sb_form_definition_get_title (definition)), name);
}

void
sb_window_close_reviewer (SbWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reviewer == NULL)
    return;
  if (!sb_reviewer_view_save_now (self->reviewer, &error))
    {
      /* Keep the review open: leaving now would lose the change.  Its bar
       * says why it is not saved. */
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Not closed: the review is not saved")));
      return;
    }
  sb_window_register_reviewed_now (self);
  adw_header_bar_set_title_widget (self->header_bar, GTK_WIDGET (self->window_title));
  gtk_stack_remove (self->stack, GTK_WIDGET (self->reviewer));
  self->reviewer = NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-notice", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-opinion", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", FALSE);
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
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uris[i]);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->recent_rows->len > 0);
}

/* Callbacks */

static void
populate_procedures (SbWindow *self)
{
  g_autofree char *dir = g_build_filename (sb_data_dir (), "forms", NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *definitions;

  /* The first window takes the definitions the application read while
   * GTK started; a later one reads them again (an update installed
   * meanwhile is then seen). */
  if (SB_IS_APPLICATION (g_application_get_default ()))
    self->registry = sb_application_take_forms (SB_APPLICATION (g_application_get_default ()), errors);
  if (self->registry == NULL)
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
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-guide");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
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
  sb_window_finish_removals (self);
  sb_window_dispose_opening (self);
  sb_window_dispose_register (self);
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
  g_clear_pointer (&self->listed_drafts, g_hash_table_unref);
  g_clear_pointer (&self->pending_removals, g_hash_table_unref);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  g_clear_object (&self->draft_store);
  g_clear_object (&self->file_store);
  g_clear_object (&self->calendar);
  g_clear_object (&self->window_title);
  g_clear_pointer (&self->guide_form, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->guide_return); i++)
    g_clear_pointer (&self->guide_return[i], g_free);

  G_OBJECT_CLASS (sb_window_parent_class)->finalize (object);
}

/* Closing (or quitting) ends the undo of a removal: the draft goes now,
 * not whenever the last reference to the window does. */
static gboolean
sb_window_close_request (GtkWindow *window)
{
  GtkWindowClass *parent_class = GTK_WINDOW_CLASS (sb_window_parent_class);

  sb_window_finish_removals (SB_WINDOW (window));
  if (SB_WINDOW (window)->reviewer != NULL &&
      !sb_reviewer_view_save_now (SB_WINDOW (window)->reviewer, NULL))
    {
      adw_toast_overlay_add_toast (SB_WINDOW (window)->toast_overlay,
                                   adw_toast_new (_("Not closed: the review is not saved")));
      return TRUE;
    }
  sb_window_register_reviewed_on_close (SB_WINDOW (window));

  return parent_class->close_request != NULL && parent_class->close_request (window);
}

static void
sb_window_class_init (SbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sb_window_dispose;
  object_class->finalize = sb_window_finalize;
  window_class->close_request = sb_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/sb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, drafts_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, finished_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, procedures_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, problems_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, guide_page);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, register_row);

  sb_window_class_actions_init (widget_class);
  sb_window_class_drafts_init (widget_class);
  sb_window_class_register_init (widget_class);
  sb_accessible_install ();
}

static void
sb_window_init (SbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Kept while the reviewer's switcher takes its place in the header bar. */
  g_object_ref (self->window_title);

  self->guide_groups = g_ptr_array_new ();

  /* Window size is remembered; the Devel build shares the settings. */
  self->settings = g_settings_new (BASE_APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  sb_window_init_drafts (self);
  self->draft_store = sb_draft_store_new_default ();
  g_signal_connect_object (self->draft_store, "saved", G_CALLBACK (sb_window_on_draft_saved), self,
                           G_CONNECT_SWAPPED);
  {
    g_autofree char *files = g_build_filename (sb_draft_store_get_dir (self->draft_store), "files", NULL);

    self->file_store = sb_file_store_new (files);
  }
  /* Without calendar data the deadlines are not computed, but forms work. */
  self->calendar = sb_calendar_get_default (NULL);
  if (self->calendar != NULL)
    g_object_ref (self->calendar);

  sb_window_init_drop (self);
  sb_window_init_opening (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-notice", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-opinion", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-review", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-draft", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", FALSE);

  self->recent_rows = g_ptr_array_new ();
  populate_procedures (self);
  sb_window_init_register (self);
  gtk_stack_add_named (self->stack, sb_preferences_page_new (), "preferences");
  sb_window_populate_drafts (self);
  populate_recent (self);
  sb_window_show_page (self, "start", _("Shenbao"), NULL);
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
  sb_window_show_page (self, "guide", sb_text_get (sb_form_definition_get_title (definition)),
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

  sb_window_open_wizard (self, draft);
}

/* A review file from the office: open the draft its packet was made
 * from and show the corrections under their fields. */
SbReviewerView *
sb_window_get_reviewer_view (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->reviewer;
}

