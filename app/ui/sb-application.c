/* sb-application.c — the application: actions, accelerators, windows
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application.h"
#include "sb-draft-store.h"
#include "sb-form-registry.h"
#include "sb-window.h"

struct _SbApplication
{
  AdwApplication parent_instance;

  GThread *forms_loading;   /* FormsLoad*, until the first window takes it */
};

/* The form definitions, read on a thread of their own while GTK starts:
 * the first window needs them for its start page, and reading and
 * compiling them is the largest part of start-up that is Shenbao's own
 * (tests/bench/bench-startup.py). */
typedef struct
{
  char           *dir;      /* the forms folder, named before the thread starts */
  SbFormRegistry *registry;
  GPtrArray      *errors;   /* GError* */
} FormsLoad;

G_DEFINE_FINAL_TYPE (SbApplication, sb_application, ADW_TYPE_APPLICATION)

/* Auxiliary functions */

static SbWindow *
get_or_create_window (SbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (sb_window_new (self));
  return SB_WINDOW (window);
}

static gpointer
load_forms_thread (gpointer data)
{
  FormsLoad *load = data;

  load->registry = sb_form_registry_new_from_directory (load->dir, load->errors);
  return load;
}

/* Callbacks */

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Shenbao developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Shenbao"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Shenbao developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Shenbao developers");
  adw_about_window_set_comments (about,
                                 _("Guided, validated application forms for the procedures of the Yangquan "
                                   "government gazettes, with packets a reviewer can verify."));
  /* Translators: put your name here */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Nothing is discarded on the way out: windows save as they close. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
new_window_action_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SbApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (sb_window_new (self)));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
  { "new-window", new_window_action_cb },
};

/* GApplication overrides */

static void
sb_application_activate (GApplication *application)
{
  SbApplication *self = SB_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (get_or_create_window (self)));
}

/* Packets given on the command line or by the file manager open in the
 * reviewer's view, one window each. */
static void
sb_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      SbWindow *window = i == 0 ? get_or_create_window (SB_APPLICATION (application))
                                : sb_window_new (SB_APPLICATION (application));

      gtk_window_present (GTK_WINDOW (window));
      sb_window_open_file_in_background (window, files[i]);
    }
}

static void
sb_application_startup (GApplication *application)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_window_accels[] = { "<Control>n", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };
  const char *close_accels[] = { "<Control>w", NULL };
  /* Escape is win.escape: back from a guide, never out of an application. */
  const char *back_accels[] = { "Escape", NULL };
  const char *previous_accels[] = { "<Alt>Left", NULL };
  const char *next_accels[] = { "<Alt>Right", NULL };
  const char *save_accels[] = { "<Control>s", NULL };
  const char *open_accels[] = { "<Control>o", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  SbApplication *self = SB_APPLICATION (application);
  FormsLoad *load = g_new0 (FormsLoad, 1);

  load->dir = g_build_filename (sb_data_dir (), "forms", NULL);
  load->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  self->forms_loading = g_thread_new ("sb-forms", load_forms_thread, load);
  G_APPLICATION_CLASS (sb_application_parent_class)->startup (application);
  /* Copies of attached files a crashed run left behind. */
  sb_reviewer_view_sweep_cache ();
  /* Drafts removed while their undo was offered, by a run that was killed
   * before the offer ended: the removal is finished, into the Trash. */
  {
    g_autoptr(SbDraftStore) drafts = sb_draft_store_new_default ();
    g_autoptr(GError) error = NULL;

    if (!sb_draft_store_trash_removed (drafts, NULL, &error))
      g_message ("Removed drafts left from the last run: %s", error->message);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.escape", back_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "wizard.previous", previous_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "wizard.next", next_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "wizard.save", save_accels);
}

/* GObject overrides */

static void
sb_application_finalize (GObject *object)
{
  SbApplication *self = SB_APPLICATION (object);

  /* Started and never taken: no window was made. */
  if (self->forms_loading != NULL)
    {
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      g_autoptr(SbFormRegistry) registry = sb_application_take_forms (self, errors);
    }

  G_OBJECT_CLASS (sb_application_parent_class)->finalize (object);
}

static void
sb_application_class_init (SbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sb_application_finalize;
  application_class->activate = sb_application_activate;
  application_class->open = sb_application_open;
  application_class->startup = sb_application_startup;
}

static void
sb_application_init (SbApplication *self)
{
}

/* Public API */

SbApplication *
sb_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (SB_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/io/github/shenbao/Shenbao",
                       NULL);
}

/**
 * sb_application_take_forms:
 * @errors: receives a GError for each definition that failed to load
 *
 * The form definitions read while the application started, for its first
 * window; waits for them if they are still being read.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL when it was
 *   taken already (a later window reads the definitions itself) or the
 *   application was not started
 */
SbFormRegistry *
sb_application_take_forms (SbApplication *self,
                           GPtrArray     *errors)
{
  g_autofree char *dir = NULL;
  FormsLoad *load;
  SbFormRegistry *registry = NULL;

  g_return_val_if_fail (SB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (errors != NULL, NULL);

  if (self->forms_loading == NULL)
    return NULL;

  load = g_thread_join (g_steal_pointer (&self->forms_loading));
  /* Read from another folder than the one in effect now (SHENBAO_DATA_DIR
   * changed since start-up): not these. */
  dir = g_build_filename (sb_data_dir (), "forms", NULL);
  if (g_str_equal (dir, load->dir))
    {
      registry = g_steal_pointer (&load->registry);
      for (guint i = 0; i < load->errors->len; i++)
        g_ptr_array_add (errors, g_error_copy (g_ptr_array_index (load->errors, i)));
    }
  g_clear_object (&load->registry);
  g_ptr_array_unref (load->errors);
  g_free (load->dir);
  g_free (load);
  return registry;
}
