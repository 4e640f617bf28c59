/* sb-window-drafts.c — the drafts of the start page: applications in
 * progress and finished ones listed apart, opening them (a finished one
 * read-only), renaming, removing with an undo, and a new application
 * based on a finished one
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-safe-text.h"
#include "sb-window-private.h"

/* How long the undo of a removal is offered. */
#define REMOVAL_TOAST_SECONDS 10

/* Auxiliary functions */

/* When a draft was changed or finished, in the person's local time, with
 * the date and the time told apart: 2025年4月1日 14:30, 2025-04-01 at 14:30. */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) time = iso && *iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  /* Translators: a date and time for g_date_time_format(), such as
   * 2025-04-01 at 14:30; in Chinese %Y年%-m月%-d日 %H:%M
   * xgettext:no-c-format */
  return local ? g_date_time_format (local, _("%Y-%m-%d at %H:%M")) : g_strdup (iso ? iso : "");
}

static void
clear_draft_rows (SbWindow *self)
{
  for (guint i = 0; i < self->draft_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->draft_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->draft_rows, 0);
  g_hash_table_remove_all (self->listed_drafts);
}

static void
id_closure_free (gpointer  data,
                 GClosure *closure)
{
  g_free (data);
}

static void
on_rename_entry_activate (GtkEntry   *entry,
                          const char *id)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);

  gtk_widget_activate_action (GTK_WIDGET (entry), "win.rename-draft", "(ss)", id,
                              gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* The rename button: a popover inside the main window (not a dialog
 * window: GTK 4.8's accessibility bridge crashes when a dialog window
 * goes while a screen reader lists windows). */
static GtkWidget *
rename_button (SbDraft    *draft,
               const char *name)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Rename"));
  g_autofree char *label = g_strdup_printf (_("Rename %s"), name);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_set_tooltip_text (button, _("Rename"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 200);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  g_signal_connect_data (entry, "activate", G_CALLBACK (on_rename_entry_activate),
                         g_strdup (sb_draft_get_id (draft)), id_closure_free, 0);
  gtk_widget_add_css_class (apply, "suggested-action");
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (gtk_widget_activate), entry);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), apply);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), apply);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GtkWidget *
draft_row (SbDraft *draft)
{
  g_autofree char *name = sb_draft_dup_display_name (draft);
  const char *title = sb_text_get (sb_form_definition_get_title (sb_draft_get_definition (draft)));
  const char *reference = NULL, *finalised = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (sb_draft_get_last_packet (draft, &reference, &finalised))
    {
      when = local_time (finalised);
      /* Translators: the procedure, the reference number, when it was finished */
      subtitle = g_strdup_printf (_("%s · reference number %s · finished %s"), title, reference, when);
    }
  else
    {
      when = local_time (sb_draft_get_updated (draft));
      subtitle = g_strdup_printf (_("%s · last changed %s"), title, when);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rename_button (draft, name));
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-draft");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", sb_draft_get_id (draft));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-draft");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", sb_draft_get_id (draft));
  return row;
}

static void
on_drafts_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  guint n_in_progress = 0, n_finished = 0;
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
      GtkWidget *row = draft_row (draft);
      gboolean finished = sb_draft_is_finished (draft);

      g_hash_table_insert (self->listed_drafts, g_strdup (sb_draft_get_id (draft)), g_object_ref (draft));
      adw_preferences_group_add (finished ? self->finished_group : self->drafts_group, row);
      g_ptr_array_add (self->draft_rows, row);
      if (finished)
        n_finished++;
      else
        n_in_progress++;
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
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (self->drafts_group, row);
      g_ptr_array_add (self->draft_rows, row);
      n_in_progress++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->drafts_group), n_in_progress > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->finished_group), n_finished > 0);
}

/* What was set aside for an undo goes for good. */
static void
discard_removed (SbWindow   *self,
                 const char *id)
{
  g_autoptr(GError) error = NULL;

  if (!g_hash_table_remove (self->pending_removals, id))
    return;
  if (!sb_draft_store_discard_removed (self->draft_store, id, &error))
    g_warning ("%s", error->message);
}

/* A weak reference: the toast lives in the window, and a strong one
 * would keep the window (and the removal) alive after it is closed. */
typedef struct {
  GWeakRef  self;
  char     *id;
} Removal;

static Removal *
removal_new (SbWindow   *self,
             const char *id)
{
  Removal *removal = g_new0 (Removal, 1);

  g_weak_ref_init (&removal->self, self);
  removal->id = g_strdup (id);
  return removal;
}

static void
removal_free (Removal *removal)
{
  g_weak_ref_clear (&removal->self);
  g_free (removal->id);
  g_free (removal);
}

static void
removal_closure_free (gpointer  data,
                      GClosure *closure)
{
  removal_free (data);
}


/* Later, not at once: the toast's Undo button dismisses it too, and its
 * action must find the draft still set aside. */
static gboolean
discard_later (gpointer data)
{
  Removal *removal = data;
  g_autoptr(SbWindow) self = g_weak_ref_get (&removal->self);

  /* A window already gone removed it when it went. */
  if (self != NULL && self->pending_removals != NULL)
    discard_removed (self, removal->id);
  return G_SOURCE_REMOVE;
}

static void
on_removal_toast_dismissed (AdwToast *toast,
                            Removal  *removal)
{
  g_autoptr(SbWindow) self = g_weak_ref_get (&removal->self);
  Removal *later;

  if (self == NULL)
    return;
  later = removal_new (self, removal->id);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, discard_later, later, (GDestroyNotify) removal_free);
}

/* Actions */

static void
open_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  SbDraft *draft = g_hash_table_lookup (self->listed_drafts, g_variant_get_string (parameter, NULL));

  if (draft == NULL)
    return;
  g_object_ref (draft);
  sb_window_open_wizard (self, draft);
  /* A finished application is looked at; changing it means a new one. */
  if (self->wizard != NULL && sb_draft_is_finished (draft))
    sb_wizard_set_read_only (self->wizard);
  g_object_unref (draft);
}

static void
rename_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *id, *name;
  SbDraft *draft;

  g_variant_get (parameter, "(&s&s)", &id, &name);
  draft = g_hash_table_lookup (self->listed_drafts, id);
  if (draft == NULL)
    return;

  sb_draft_set_name (draft, name);
  if (!sb_draft_store_save (self->draft_store, draft, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not renamed: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
  sb_window_populate_drafts (self);
}

static void
remove_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  SbDraft *draft = g_hash_table_lookup (self->listed_drafts, id);
  Removal *removal;
  AdwToast *toast;

  if (draft == NULL)
    return;

  name = sb_draft_dup_display_name (draft);
  if (!sb_draft_store_set_aside (self->draft_store, id, &error))
    {
      text = g_strdup_printf (_("Not removed: %s"), error->message);
      escaped = g_markup_escape_text (text, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  g_hash_table_add (self->pending_removals, g_strdup (id));

  /* Removed from the list at once; the file goes when the toast does. */
  text = g_strdup_printf (_("“%s” removed"), name);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, REMOVAL_TOAST_SECONDS);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-remove-draft");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  removal = removal_new (self, id);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (on_removal_toast_dismissed), removal,
                         removal_closure_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  sb_window_populate_drafts (self);
}

static void
undo_remove_draft_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_hash_table_contains (self->pending_removals, id))
    return;
  if (!sb_draft_store_restore (self->draft_store, id, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Not brought back: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  g_hash_table_remove (self->pending_removals, id);
  sb_window_populate_drafts (self);
}

/* A new application with the answers of the finished one shown. */
static void
new_from_draft_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);
  g_autofree char *now = sb_date_now_timestamp ();
  g_autoptr(SbDraft) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (self->wizard == NULL)
    return;

  copy = sb_draft_new_copy (sb_wizard_get_draft (self->wizard), now);
  if (!sb_draft_store_save (self->draft_store, copy, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The new application could not be saved: %s"), error->message);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }
  sb_window_open_wizard (self, copy);
  if (self->wizard != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("A new application with the same answers; check each step again.")));
}

/* Escape goes back from a guide or the reviewer's view, but never out
 * of an application (the action is disabled there, sb_window_show_page):
 * in a field it is what closes a popover or a completion, and a person
 * pressing it there does not mean to leave. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  if (self->wizard != NULL && gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->wizard))
    return;
  gtk_widget_activate_action (widget, "win.back", NULL);
}

/* Private API */

/* A draft written with no wizard showing it (one closed while its packet
 * was being made, which then records the packet): the start page lists
 * it again, now as finished. */
void
sb_window_on_draft_saved (SbWindow   *self,
                          const char *draft_id)
{
  if (self->draft_store != NULL && self->wizard == NULL)
    sb_window_populate_drafts (self);
}

/* The drafts are read in a worker thread: a damaged or huge draft (the
 * reading is bounded, but it is still the disk and a parser) never keeps
 * the start page from showing or from answering. */
void
sb_window_populate_drafts (SbWindow *self)
{
  if (self->drafts_listing != NULL)
    g_cancellable_cancel (self->drafts_listing);
  g_clear_object (&self->drafts_listing);
  self->drafts_listing = g_cancellable_new ();

  sb_draft_store_list_async (self->draft_store, self->registry, self->drafts_listing, on_drafts_listed, self);
}

void
sb_window_init_drafts (SbWindow *self)
{
  self->draft_rows = g_ptr_array_new ();
  self->listed_drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending_removals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* At quit (or when the window goes), what waits for an undo is removed. */
void
sb_window_finish_removals (SbWindow *self)
{
  g_autofree char **ids = NULL;

  if (self->pending_removals == NULL)
    return;
  ids = (char **) g_hash_table_get_keys_as_array (self->pending_removals, NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *id = g_strdup (ids[i]);

      discard_removed (self, id);
    }
}

void
sb_window_class_drafts_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-draft", "s", open_draft_action);
  gtk_widget_class_install_action (widget_class, "win.rename-draft", "(ss)", rename_draft_action);
  gtk_widget_class_install_action (widget_class, "win.remove-draft", "s", remove_draft_action);
  gtk_widget_class_install_action (widget_class, "win.undo-remove-draft", "s", undo_remove_draft_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-draft", NULL, new_from_draft_action);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_action);
}

/* Public API */

/* TRUE while the drafts of the start page are still being read (tests
 * wait for it). */
gboolean
sb_window_is_listing_drafts (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  return self->drafts_listing != NULL;
}
