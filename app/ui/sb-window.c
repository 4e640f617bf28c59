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
#include "sb-form-registry.h"
#include "sb-window.h"

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
  AdwPreferencesGroup  *procedures_group;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesPage   *guide_page;
  GPtrArray            *guide_groups;
};

G_DEFINE_FINAL_TYPE (SbWindow, sb_window, ADW_TYPE_APPLICATION_WINDOW)

/* Auxiliary functions */

static gint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  g_date_time_get_ymd (now, &year, &month, &day);
  return sb_date_from_ymd (year, month, day);
}

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

  if (!sb_form_definition_is_in_force (definition, today ()))
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

  clear_guide (self);

  group = add_guide_group (self, sb_text_get (sb_form_definition_get_title (definition)),
                           sb_form_definition_get_description (definition)->zh_CN
                             ? sb_text_get (sb_form_definition_get_description (definition)) : NULL);
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

static void
show_page (SbWindow   *self,
           const char *name,
           const char *title,
           const char *subtitle)
{
  gboolean is_start = g_str_equal (name, "start");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !is_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", !is_start);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

/* Callbacks */

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

  show_page (self, "start", _("Shenbao"), NULL);
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
      if (!sb_form_definition_is_in_force (definition, today ()))
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
  gtk_widget_class_bind_template_child (widget_class, SbWindow, procedures_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, problems_group);
  gtk_widget_class_bind_template_child (widget_class, SbWindow, guide_page);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
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

  populate_procedures (self);
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
  show_page (self, "guide", sb_text_get (sb_form_definition_get_title (definition)),
             sb_form_definition_get_regulation (definition)->document_no);
  return TRUE;
}
