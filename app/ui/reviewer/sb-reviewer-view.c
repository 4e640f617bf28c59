/* sb-reviewer-view.c — a submitted packet, as the reviewing office sees it
 *
 * Three pages: 核验 (what was checked about the packet itself, shown
 * prominently when anything does not match, and the statutory deadlines),
 * 申请内容 (every answer read-only, with the rules as computed now and the
 * applicant's explanations, and a way to note a correction on any field),
 * and 审核 (the procedure's checklist, the notes, the decision and the
 * documents), each its own widget (sb-verification-page.c,
 * sb-application-page.c, sb-review-work-page.c).  This view holds them, the
 * helpers they share (sb-reviewer-view-private.h) and what outlives a page:
 * opening an attached file through the attachment cache.  Everything comes
 * from the packet, which is untrusted: it is shown, never "fixed".
 *
 * Only the page shown is built as the view opens: the others, a large
 * packet's 申请内容 page above all, would hold the window for a fifth of
 * a second (tests/bench/bench-main-loop.c).  They are built in idle time
 * after the first frame (the 申请内容 page a group at a time), or at once
 * when the reviewer switches to one first or something asks for it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-accessible.h"
#include "sb-answers-diff.h"
#include "sb-application-page.h"
#include "sb-attachment-cache.h"
#include "sb-date.h"
#include "sb-media-type.h"
#include "sb-pdf-verify.h"
#include "sb-review-work-page.h"
#include "sb-reviewer-view-private.h"
#include "sb-safe-text.h"
#include "sb-toast.h"
#include "sb-verification-page.h"

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

/* Auxiliary functions, the first ones shared with the pages
 * (sb-reviewer-view-private.h) */

char *
sb_reviewer_reveal (const char *text)
{
  return sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
}

char *
sb_reviewer_reveal_lines (const char *text)
{
  return sb_safe_text_reveal (text, SB_SAFE_TEXT_KEEP_NEWLINES);
}

/* Rows show their text as it is, never as markup; and whatever a caller
 * forgot to reveal is revealed here (revealing twice changes nothing). */
GtkWidget *
sb_reviewer_text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown_title = sb_reviewer_reveal (title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      g_autofree char *shown_subtitle = sb_reviewer_reveal_lines (subtitle);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  return row;
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

AdwPreferencesGroup *
sb_reviewer_add_group (GtkWidget  *page,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  /* A group's title and description are Pango markup. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped_title);
  if (description != NULL)
    {
      g_autofree char *shown = sb_reviewer_reveal_lines (description);
      g_autofree char *escaped = g_markup_escape_text (shown, -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* Toasts are Pango markup, and their text may name what the packet says. */
void
sb_reviewer_view_toast (SbReviewerView *self,
       const char     *text)
{
  g_autofree char *shown = sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  sb_toast_emit (self, signals[TOAST], adw_toast_new (escaped));
}

/* Why the files of this packet may not be opened at all, or NULL. */
const char *
sb_reviewer_view_open_problem (SbReviewerView *self)
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
char *
sb_reviewer_file_open_problem (SbPacketAttachment *attachment)
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
    g_autofree char *shown = sb_reviewer_reveal (type ? type : "");

    /* Translators: %s is a media type such as text/html */
    return g_strdup_printf (_("The file's contents cannot be confirmed as %s, the type it declares: it is not opened."),
                            shown);
  }
}

/* Opening a file: a copy in the attachment cache, handed to "launch" */

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

      sb_reviewer_view_toast (self, text);
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

      sb_reviewer_view_toast (self, text);
    }
}

/* The attachment's index in the packet: the Open button of each file. */
static void
open_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (widget);
  GPtrArray *attachments = sb_packet_get_attachments (self->packet);
  guint index = g_variant_get_uint32 (parameter);
  SbPacketAttachment *attachment;
  g_autofree char *problem = NULL;
  g_autofree char *safe = NULL;
  g_autoptr(GTask) task = NULL;
  CacheJob *job;

  g_return_if_fail (index < attachments->len);
  attachment = g_ptr_array_index (attachments, index);

  /* The button is not offered then; checked again as it is what keeps a
   * bad file from another application. */
  problem = sb_reviewer_view_open_problem (self) ? g_strdup (sb_reviewer_view_open_problem (self)) : sb_reviewer_file_open_problem (attachment);
  if (problem != NULL)
    {
      sb_reviewer_view_toast (self, problem);
      return;
    }

  /* Under a name that cannot display reversed in the viewer's title. */
  safe = sb_packet_safe_file_name (attachment->name);
  job = g_new0 (CacheJob, 1);
  job->hash = g_strdup (self->cache_hash);
  job->name = sb_reviewer_reveal (safe);
  job->data = g_bytes_ref (attachment->data);

  task = g_task_new (self, self->cancellable, on_attachment_stored, NULL);
  g_task_set_source_tag (task, open_attachment_action);
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
static char *
dup_failures (SbReviewerView *self,
              gboolean        while_checking)
{
  GPtrArray *checks = sb_packet_get_checks (self->packet);
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *message = NULL;

      if (check->ok)
        continue;
      message = sb_reviewer_reveal (check->message);
      if (failures->len > 0)
        g_string_append_c (failures, '\n');
      g_string_append (failures, message);
    }
  if (self->from_pdf && !self->pages_ok && self->pages_message != NULL)
    {
      g_autofree char *message = sb_reviewer_reveal (self->pages_message);

      if (failures->len > 0)
        g_string_append_c (failures, '\n');
      g_string_append (failures, message);
    }
  /* The packet's own verdict is the rule: a failure it has no words for
   * is still one. */
  if (failures->len == 0 && !sb_reviewer_view_is_verified (self))
    g_string_append (failures, _("The packet does not verify."));
  {
    g_autofree char *signatures = sb_reviewer_view_dup_signature_failures (self, while_checking);

    if (signatures != NULL)
      {
        if (failures->len > 0)
          g_string_append_c (failures, '\n');
        g_string_append (failures, signatures);
      }
  }
  return failures->len > 0 ? g_string_free (g_steal_pointer (&failures), FALSE) : NULL;
}

char *
sb_reviewer_view_dup_failures (SbReviewerView *self)
{
  return dup_failures (self, TRUE);
}

/* Above every page, so no page of a packet that does not verify can be
 * read as if it did; it cannot be closed.  Signatures still being
 * checked are not shown as a failure there (the check takes a moment). */
void
sb_reviewer_view_update_unverified_bar (SbReviewerView *self)
{
  g_autofree char *failures = dup_failures (self, FALSE);
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s", _("This Packet Does Not Verify — Do Not Rely on It"),
                                                     failures ? failures : "");

  gtk_label_set_markup (GTK_LABEL (self->unverified_label), markup);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->unverified_bar), failures != NULL);
  gtk_widget_set_visible (self->unverified_bar, failures != NULL);
}

static GtkWidget *
new_unverified_bar (SbReviewerView *self)
{
  GtkWidget *bar = gtk_info_bar_new ();
  GtkWidget *label = self->unverified_label = gtk_label_new (NULL);

  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), GTK_MESSAGE_ERROR);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), label);
  return bar;
}

/* A page not built yet shows the notes as they are when it is. */
void
sb_reviewer_view_notes_changed (SbReviewerView *self)
{
  if (self->review_page != NULL)
    sb_review_work_page_refresh_notes (SB_REVIEW_WORK_PAGE (self->review_page));
  if (self->application_page != NULL)
    sb_application_page_refresh_notes (SB_APPLICATION_PAGE (self->application_page));
}

/* Building the pages */

/* Its controls named as those of the pages shown when the window named
 * them (sb_window_show_page()) were. */
static void
put_page (GtkWidget *slot,
          GtkWidget *page)
{
  adw_bin_set_child (ADW_BIN (slot), page);
  sb_accessible_name_controls (page);
}

static void
build_verification_page (SbReviewerView *self)
{
  if (self->verification_page == NULL)
    put_page (self->verification_slot, self->verification_page = sb_verification_page_new (self));
}

/* Its next part; whether parts remain. */
static gboolean
build_application_part (SbReviewerView *self)
{
  if (self->application_built)
    return FALSE;
  if (self->application_page == NULL)
    {
      self->application_page = sb_application_page_new (self);
      adw_bin_set_child (ADW_BIN (self->application_slot), self->application_page);
    }
  if (sb_application_page_build_next (SB_APPLICATION_PAGE (self->application_page)))
    return TRUE;
  self->application_built = TRUE;
  sb_accessible_name_controls (self->application_page);
  return FALSE;
}

static void
build_application_page (SbReviewerView *self)
{
  while (build_application_part (self))
    ;
}

GtkWidget *
sb_reviewer_view_get_review_page (SbReviewerView *self)
{
  if (self->review_page == NULL)
    put_page (self->review_slot, self->review_page = sb_review_work_page_new (self));
  return self->review_page;
}

static void
build_page_in_slot (SbReviewerView *self,
                    GtkWidget      *slot)
{
  if (slot == self->verification_slot)
    build_verification_page (self);
  else if (slot == self->application_slot)
    build_application_page (self);
  else if (slot == self->review_slot)
    sb_reviewer_view_get_review_page (self);
}

/* The reviewer switched to a page: built before it is drawn. */
static void
on_stack_visible_child (AdwViewStack   *stack,
                        GParamSpec     *pspec,
                        SbReviewerView *self)
{
  build_page_in_slot (self, adw_view_stack_get_visible_child (stack));
}

/* One part of a page not shown yet per idle turn, each short enough not
 * to be felt, so that switching to it later is only drawing it. */
static gboolean
build_in_idle (gpointer user_data)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (user_data);

  if (!self->application_built)
    {
      build_application_part (self);
      return G_SOURCE_CONTINUE;
    }
  if (self->review_page == NULL)
    {
      sb_reviewer_view_get_review_page (self);
      return G_SOURCE_CONTINUE;
    }
  build_verification_page (self);
  self->build_source = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_first_frame (SbReviewerView *self)
{
  /* A clock that was disposed (its window went) has no handlers left. */
  if (self->first_frame_clock != NULL &&
      g_signal_handler_is_connected (self->first_frame_clock, self->first_frame_handler))
    g_signal_handler_disconnect (self->first_frame_clock, self->first_frame_handler);
  self->first_frame_handler = 0;
  g_clear_object (&self->first_frame_clock);
}

static void
on_first_frame (GdkFrameClock  *clock,
                SbReviewerView *self)
{
  stop_waiting_for_first_frame (self);
  if (self->build_source == 0)
    self->build_source = g_idle_add_full (G_PRIORITY_LOW, build_in_idle, self, NULL);
}

/* The rest once the page shown is on the screen. */
static void
on_view_map (GtkWidget      *widget,
             SbReviewerView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (self->build_source != 0 || clock == NULL ||
      (self->application_built && self->review_page != NULL && self->verification_page != NULL))
    return;
  if (self->first_frame_clock == clock && g_signal_handler_is_connected (clock, self->first_frame_handler))
    return;
  stop_waiting_for_first_frame (self);
  self->first_frame_clock = g_object_ref (clock);
  self->first_frame_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), self);
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
  sb_reviewer_view_stop_saving (self);
  sb_reviewer_view_dispose_signatures (self);
  stop_waiting_for_first_frame (self);
  g_clear_handle_id (&self->build_source, g_source_remove);
  /* The stack shows another page as its pages go: none is built now. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_func (self->stack, on_stack_visible_child, self);
  self->stack = NULL;
  self->verification_page = NULL;
  self->application_page = NULL;
  self->review_page = NULL;

  g_clear_object (&self->packet);
  g_clear_object (&self->review);
  g_clear_object (&self->calendar);
  g_clear_object (&self->source);
  g_clear_pointer (&self->pages_message, g_free);
  g_clear_object (&self->switcher_title);

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

  signals[TOAST] = sb_toast_signal_new (G_TYPE_FROM_CLASS (klass));
  g_signal_new ("signatures-checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
  /* A handler that returns TRUE has opened the file itself (the tests,
   * or a sandbox's portal); the default opens it in the desktop's
   * application for its type. */
  signals[LAUNCH] = g_signal_new_class_handler ("launch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                G_CALLBACK (sb_reviewer_view_real_launch),
                                                g_signal_accumulator_true_handled, NULL, NULL,
                                                G_TYPE_BOOLEAN, 2, G_TYPE_STRING, G_TYPE_POINTER);

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "reviewer.open-attachment", "u", open_attachment_action);

  cache_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
sb_reviewer_view_init (SbReviewerView *self)
{
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
  SbPageCheck pages = { FALSE, NULL };
  SbReviewerView *self;

  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (from_pdf)
    pages.ok = sb_pdf_verify_pages (source, packet, &pages.message);
  self = sb_reviewer_view_new_checked (packet, source, from_pdf ? &pages : NULL, received, calendar);
  g_free (pages.message);
  return self;
}

SbReviewerView *
sb_reviewer_view_new_checked (SbPacket          *packet,
                              GFile             *source,
                              const SbPageCheck *pages,
                              gint32             received,
                              SbCalendar        *calendar)
{
  SbReviewerView *self;
  GtkWidget *box, *stack, *save_bar;

  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  self = g_object_new (SB_TYPE_REVIEWER_VIEW, NULL);
  self->packet = g_object_ref (packet);
  self->source = g_object_ref (source);
  self->from_pdf = pages != NULL;
  if (pages != NULL)
    {
      self->pages_ok = pages->ok;
      self->pages_message = g_strdup (pages->message);
    }
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
  /* The bar first: reading the saved review may have something to say. */
  save_bar = sb_reviewer_view_new_save_bar (self);
  self->review = sb_reviewer_view_load_review (self, received);
  self->unverified_bar = new_unverified_bar (self);
  sb_reviewer_view_update_unverified_bar (self);

  /* The Open buttons' action: their sensitivity follows it, not
   * gtk_widget_set_sensitive(). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reviewer.open-attachment",
                                 sb_reviewer_view_open_problem (self) == NULL);

  self->verification_slot = adw_bin_new ();
  self->application_slot = adw_bin_new ();
  self->review_slot = adw_bin_new ();
  stack = self->stack = adw_view_stack_new ();
  /* Measured, laid out and drawn: the page shown, not the others (by
   * default a view stack measures every page, each frame; they scroll,
   * so their sizes never mattered to the window's). */
  adw_view_stack_set_hhomogeneous (ADW_VIEW_STACK (stack), FALSE);
  adw_view_stack_set_vhomogeneous (ADW_VIEW_STACK (stack), FALSE);
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), self->verification_slot, "verification", _("Verification"));
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), self->application_slot, "application", _("Application"));
  adw_view_stack_add_titled (ADW_VIEW_STACK (stack), self->review_slot, "review", _("Review"));
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (stack), self->verification_slot),
                                     "security-high-symbolic");
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (stack), self->application_slot),
                                     "x-office-document-symbolic");
  adw_view_stack_page_set_icon_name (adw_view_stack_get_page (ADW_VIEW_STACK (stack), self->review_slot),
                                     "document-edit-symbolic");
  gtk_widget_set_vexpand (stack, TRUE);
  /* The page shown first, then the others as they are switched to. */
  build_page_in_slot (self, adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)));
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_stack_visible_child), self);
  g_signal_connect (self, "map", G_CALLBACK (on_view_map), self);

  /* The HIG's way in libadwaita 1.2: the switcher in the header bar (the
   * window puts it there), and at the bottom when the window is too narrow
   * for it there. */
  self->switcher_title = g_object_ref_sink (adw_view_switcher_title_new ());
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (self->switcher_title), ADW_VIEW_STACK (stack));
  self->switcher_bar = adw_view_switcher_bar_new ();
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (self->switcher_bar), ADW_VIEW_STACK (stack));
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal", G_BINDING_SYNC_CREATE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), save_bar);
  gtk_box_append (GTK_BOX (box), self->unverified_bar);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_box_append (GTK_BOX (box), self->switcher_bar);
  adw_bin_set_child (ADW_BIN (self), box);

  sb_reviewer_view_start_saving (self);
  sb_reviewer_view_check_signatures (self);

  return self;
}

GtkWidget *
sb_reviewer_view_get_title_widget (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), NULL);

  return self->switcher_title;
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

gboolean
sb_reviewer_view_is_built (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);

  return self->application_built && self->review_page != NULL && self->verification_page != NULL;
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
  return sb_reviewer_reveal (summary);
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

void
sb_reviewer_view_add_review_group (SbReviewerView      *self,
                                   AdwPreferencesGroup *group)
{
  g_return_if_fail (SB_IS_REVIEWER_VIEW (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (sb_reviewer_view_get_review_page (self)), group);
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
  earlier_reference = sb_reviewer_reveal (sb_packet_get_reference (earlier));

  if (self->changes_page != NULL)
    adw_view_stack_remove (ADW_VIEW_STACK (self->stack), self->changes_page);

  page = new_page (_("Changes"), "view-dual-symbolic");
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change since packet %s (submitted %s).",
                                              "%u changes since packet %s (submitted %s).", changes->len),
                                 changes->len, earlier_reference,
                                 (submitted = sb_packet_get_submission_date (earlier)
                                    ? sb_date_to_string (sb_packet_get_submission_date (earlier)) : g_strdup ("?")));
  group = sb_reviewer_add_group (page, _("Changes Since the Earlier Packet"), description);

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
      row = sb_reviewer_text_row (title, subtitle);
      adw_preferences_group_add (group, row);
    }
  if (changes->len == 0)
    adw_preferences_group_add (group, sb_reviewer_text_row (_("No answer changed"), NULL));

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
