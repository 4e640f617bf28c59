/* sb-material-list.c — an application's materials as preference rows
 *
 * The applicant's check-your-answers page and the reviewer's view show
 * the same list from the same computation as the PDF's 材料清单, so
 * that the three never disagree about what was submitted.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-material-list"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-material-list.h"
#include "sb-material-status.h"
#include "sb-safe-text.h"

/* Auxiliary functions */

static const char *
requirement_text (SbMaterialRequirement requirement)
{
  switch (requirement)
    {
    case SB_MATERIAL_REQUIRED:
      return _("Required");
    case SB_MATERIAL_CONDITIONAL:
      return _("Required when it applies");
    case SB_MATERIAL_RECOMMENDED:
      return _("Recommended");
    case SB_MATERIAL_GENERATED:
      return _("Produced with the application");
    case SB_MATERIAL_OPTIONAL:
    default:
      return _("Optional");
    }
}

static char *
status_subtitle (const SbMaterialStatus *status,
                 SbMaterialListFor       reader)
{
  GString *text = g_string_new (NULL);

  /* Reviewers cite a material by its id; applicants never see ids. */
  if (reader == SB_MATERIAL_LIST_FOR_REVIEWER)
    g_string_append_printf (text, "%s · ", status->material->id);
  g_string_append_printf (text, "%s · %s", requirement_text (status->material->requirement),
                          sb_material_state_to_string (status->state));
  if (status->state == SB_MATERIAL_NOT_APPLICABLE && status->reason.zh_CN != NULL)
    g_string_append_printf (text, "\n%s", sb_text_get (&status->reason));
  if (status->way != NULL && status->way->label.zh_CN != NULL && status->material->ways->len > 1 &&
      status->state != SB_MATERIAL_NOT_APPLICABLE)
    g_string_append_printf (text, "\n%s", sb_text_get (&status->way->label));
  for (guint i = 0; i < status->answered->len; i++)
    g_string_append_printf (text, "\n%s", sb_text_get (&((SbField *) g_ptr_array_index (status->answered, i))->label));
  for (guint i = 0; i < status->files->len; i++)
    {
      SbMaterialFile *file = g_ptr_array_index (status->files, i);
      g_autofree char *name = sb_safe_text_reveal (file->name ? file->name : "", SB_SAFE_TEXT_DEFAULT);
      g_autofree char *size = g_format_size ((guint64) MAX (file->size, 0));

      if (file->row >= 0)
        /* Translators: a file attached in a row of a table: row, name, size */
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Row %d: %s (%s)"), file->row + 1, name, size);
        }
      else
        g_string_append_printf (text, "\n%s (%s)", name, size);
    }
  if (status->missing->len > 0 && status->state != SB_MATERIAL_NOT_GIVEN)
    {
      GString *parts = g_string_new (NULL);

      for (guint i = 0; i < status->missing->len; i++)
        g_string_append_printf (parts, "%s%s", i > 0 ? _(", ") : "",
                                sb_text_get (&((SbField *) g_ptr_array_index (status->missing, i))->label));
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Still to attach: %s"), parts->str);
      g_string_free (parts, TRUE);
    }
  return g_string_free (text, FALSE);
}

/* Public API */

GtkWidget *
sb_material_list_new (SbAnswers         *answers,
                      SbMaterialListFor  reader,
                      const char        *change_action)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *description = NULL;
  GtkWidget *group;
  guint counts[5];

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);

  statuses = sb_material_status_compute (answers, NULL);
  sb_material_status_count (statuses, counts);
  description = g_strdup_printf (_("%u submitted, %u not applicable, %u missing, %u not given, %u produced with the application"),
                                 counts[SB_MATERIAL_SUBMITTED], counts[SB_MATERIAL_NOT_APPLICABLE],
                                 counts[SB_MATERIAL_MISSING], counts[SB_MATERIAL_NOT_GIVEN],
                                 counts[SB_MATERIAL_THIS_DOCUMENT]);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Materials"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  for (guint m = 0; m < statuses->len; m++)
    {
      SbMaterialStatus *status = g_ptr_array_index (statuses, m);
      g_autofree char *subtitle = status_subtitle (status, reader);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_text_get (&status->material->title));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      icon = gtk_image_new_from_icon_name (status->state == SB_MATERIAL_MISSING ? "dialog-warning-symbolic"
                                           : status->state == SB_MATERIAL_SUBMITTED ? "emblem-ok-symbolic"
                                           : "action-unavailable-symbolic");
      gtk_widget_add_css_class (icon, status->state == SB_MATERIAL_MISSING ? "warning" : "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sb_material_state_to_string (status->state), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      if (change_action != NULL && status->state == SB_MATERIAL_MISSING && status->missing->len > 0)
        {
          SbField *part = g_ptr_array_index (status->missing, 0);
          g_autofree char *change_name = g_strdup_printf (_("Change %s"), sb_text_get (&part->label));
          GtkWidget *change = gtk_button_new_with_label (_("Change"));

          gtk_widget_add_css_class (change, "flat");
          gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_LABEL, change_name, -1);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "s", part->table ? part->table->id : part->id);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (change), change_action);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), change);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}
