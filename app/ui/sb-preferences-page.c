/* sb-preferences-page.c — the office's preferences, a page of the main window
 *
 * A page in the window's stack, reached from the main menu, rather than
 * a preferences window: GTK 4.8's accessibility bridge crashes when a
 * client lists the windows while a dialog window is destroyed.
 *
 * Signatures: the trust folder (the certificate authorities the office
 * trusts to vouch for signers; e-government CAs are not in the system
 * store) and whether packets must carry a trusted signature.  Which
 * folder applies is decided in one place, sb_signature_choose_trust_dir():
 * $SHENBAO_TRUST_DIR, when set, wins over the folder chosen here, and
 * the page says so.  Open reviews check their signatures again when
 * either changes (sb-reviewer-view-signatures.c).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-preferences-page.h"
#include "sb-signature.h"

struct _SbPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  GtkWidget          *trust_row;
  GtkWidget          *clear_button;
  GtkWidget          *require_switch;
};

G_DEFINE_FINAL_TYPE (SbPreferencesPage, sb_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

/* Auxiliary functions */

/* Which folder applies, and why, in the trust row's subtitle. */
static void
show_trust_folder (SbPreferencesPage *self)
{
  g_autofree char *preference = g_settings_get_string (self->settings, "trust-folder");
  SbTrustDirSource source;
  const char *folder = sb_signature_choose_trust_dir (preference, &source);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  switch (source)
    {
    case SB_TRUST_DIR_ENVIRONMENT:
      text = *preference != '\0'
        ? g_strdup_printf (_("%s, from SHENBAO_TRUST_DIR, which is set for this program and is used instead of %s, "
                             "chosen here."), folder, preference)
        : g_strdup_printf (_("%s, from SHENBAO_TRUST_DIR, which is set for this program."), folder);
      break;
    case SB_TRUST_DIR_PREFERENCE:
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        text = g_strdup_printf (_("%s, chosen here; it cannot be found, so no signature is trusted. Choose the folder "
                                  "again."), folder);
      else
        text = g_strdup_printf (_("%s, chosen here."), folder);
      break;
    case SB_TRUST_DIR_NONE:
    default:
      text = g_strdup (_("None: no signature can be trusted. Choose the folder of certificate authority certificates "
                         "(PEM files) that your office trusts."));
      break;
    }
  escaped = g_markup_escape_text (text, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->trust_row), escaped);
  gtk_widget_set_visible (self->clear_button, *preference != '\0');
}

/* Callbacks */

static void
on_settings_changed (GSettings         *settings,
                     const char        *key,
                     SbPreferencesPage *self)
{
  if (g_str_equal (key, "trust-folder"))
    show_trust_folder (self);
}

/* The environment may have changed since: what is in force when shown. */
static void
on_map (GtkWidget         *widget,
        SbPreferencesPage *self)
{
  show_trust_folder (self);
}

static void
on_folder_chosen (GtkNativeDialog   *chooser,
                  int                response,
                  SbPreferencesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sb_preferences_page_set_trust_folder (self, folder);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_choose_clicked (GtkButton         *button,
                   SbPreferencesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose the Trust Folder"),
                                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                                               _("_Cancel"));
  g_autofree char *preference = g_settings_get_string (self->settings, "trust-folder");

  if (*preference != '\0')
    {
      g_autoptr(GFile) current = g_file_new_for_path (preference);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), current, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_clear_clicked (GtkButton         *button,
                  SbPreferencesPage *self)
{
  sb_preferences_page_set_trust_folder (self, NULL);
}

/* GObject overrides */

static void
sb_preferences_page_dispose (GObject *object)
{
  SbPreferencesPage *self = SB_PREFERENCES_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sb_preferences_page_parent_class)->dispose (object);
}

static void
sb_preferences_page_class_init (SbPreferencesPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_preferences_page_dispose;
}

static void
sb_preferences_page_init (SbPreferencesPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *choose, *row;

  self->settings = g_settings_new (BASE_APP_ID);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Preferences"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "preferences-system-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Digital Signatures"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How the verification page checks who signed a packet."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  /* The folder's path is shown as it is, never as markup. */
  self->trust_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->trust_row), _("Trust Folder"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->trust_row), 0);
  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_tooltip_text (self->clear_button, _("Use No Trust Folder"));
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->clear_button, "flat");
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked), self);
  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->trust_row), self->clear_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->trust_row), choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->trust_row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Require Signed Packets"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("A packet without a signature by a certificate that the trust folder vouches for is "
                                 "treated as one that does not verify, and approving it asks first."));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  self->require_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->require_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->require_switch);
  /* Which also names the switch by the row's title, once. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->require_switch);
  g_settings_bind (self->settings, "require-signatures", self->require_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
  show_trust_folder (self);
}

/* Public API */

GtkWidget *
sb_preferences_page_new (void)
{
  return g_object_new (SB_TYPE_PREFERENCES_PAGE, NULL);
}

void
sb_preferences_page_set_trust_folder (SbPreferencesPage *self,
                                      GFile             *folder)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SB_IS_PREFERENCES_PAGE (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  /* A folder without a local path (a network place) cannot be read by
   * the checks: the one chosen before stays, and the row says why. */
  path = folder != NULL ? g_file_get_path (folder) : g_strdup ("");
  if (path == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->trust_row),
                                   _("That folder is not on this computer’s disks, so it cannot be read: choose a "
                                     "local folder (the trust folder was not changed)."));
      return;
    }
  g_settings_set_string (self->settings, "trust-folder", path);
}
