/* sb-draft-store.c — the folder where drafts are autosaved
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-draft-store"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-draft-store.h"

struct _SbDraftStore
{
  GObject  parent_instance;

  char    *dir;
};

G_DEFINE_FINAL_TYPE (SbDraftStore, sb_draft_store, G_TYPE_OBJECT)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

/* Ids are UUIDs: anything else never becomes part of a path. */
static char *
draft_path (SbDraftStore  *self,
            const char    *id,
            GError       **error)
{
  g_autofree char *name = NULL;

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("“%s” is not a draft id"), id ? id : "");
      return NULL;
    }

  name = g_strconcat (id, ".json", NULL);
  return g_build_filename (self->dir, name, NULL);
}

static gboolean
ensure_dir (SbDraftStore  *self,
            GError       **error)
{
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("cannot create the drafts folder %s: %s"),
                   self->dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static int
compare_updated (gconstpointer a,
                 gconstpointer b)
{
  SbDraft *da = *(SbDraft **) a, *db = *(SbDraft **) b;

  /* ISO 8601 UTC timestamps sort as text; newest first. */
  return g_strcmp0 (sb_draft_get_updated (db), sb_draft_get_updated (da));
}

/* The bytes of @file, at most SB_DRAFT_STORE_MAX_FILE_SIZE of them: a
 * huge file is refused before it is read, and something else under a
 * draft's name (a FIFO, a device, a folder, a symbolic link) is never
 * opened, so nothing put in the folder can stall or flood the reader. */
static GBytes *
read_bounded (GFile   *file,
              GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = g_file_get_parse_name (file);
  g_autofree char *buffer = NULL;
  goffset size;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      /* Translators: %s is a file */
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID, _("%s: not a file; it was not read"), where);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size < 0 || size > SB_DRAFT_STORE_MAX_FILE_SIZE)
    {
      g_autofree char *actual = g_format_size (size);
      g_autofree char *limit = g_format_size (SB_DRAFT_STORE_MAX_FILE_SIZE);

      /* Translators: a file, its size, the largest size a draft may have */
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE,
                   _("%s: the draft is %s, larger than the %s a draft may be, so it was not read"),
                   where, actual, limit);
      return NULL;
    }

  stream = g_file_read (file, NULL, &local_error);
  /* One byte more than the size: a file that grew since is noticed. */
  buffer = stream ? g_malloc (size + 1) : NULL;
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, size + 1, &length, NULL, &local_error))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, "%s: %s", where, local_error->message);
      return NULL;
    }
  if (length > (gsize) size)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("%s: the file changed while it was read"), where);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

static SbDraft *
load_path (SbFormRegistry  *registry,
           const char      *path,
           GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SbDraft *draft;

  bytes = read_bounded (file, error);
  if (bytes == NULL)
    return NULL;

  draft = sb_draft_new_from_bytes (registry, bytes, &local_error);
  if (draft == NULL)
    {
      /* Translators: a JSON path or a file, then what is wrong there */
      g_set_error (error, SB_DRAFT_ERROR, local_error->code, _("%s: %s"), path, local_error->message);
      return NULL;
    }

  return draft;
}

typedef struct {
  char   *name;
  gint64  modified;
  gint64  size;
} Listed;

static void
listed_clear (gpointer data)
{
  Listed *listed = data;

  g_free (listed->name);
}

static int
compare_modified (gconstpointer a,
                  gconstpointer b)
{
  const Listed *la = a, *lb = b;

  return (lb->modified > la->modified) - (lb->modified < la->modified);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  GPtrArray *drafts = sb_draft_store_list (source_object, task_data, errors);

  /* The errors travel with the drafts, as the task's one result. */
  g_object_set_data_full (G_OBJECT (task), "errors", errors, (GDestroyNotify) g_ptr_array_unref);
  g_task_return_pointer (task, drafts, (GDestroyNotify) g_ptr_array_unref);
}

/* GObject overrides */

static void
sb_draft_store_finalize (GObject *object)
{
  SbDraftStore *self = (SbDraftStore *) object;

  g_free (self->dir);

  G_OBJECT_CLASS (sb_draft_store_parent_class)->finalize (object);
}

static void
sb_draft_store_class_init (SbDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_draft_store_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sb_draft_store_init (SbDraftStore *self)
{
}

/* Public API */

SbDraftStore *
sb_draft_store_new (const char *dir)
{
  SbDraftStore *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (SB_TYPE_DRAFT_STORE, NULL);
  self->dir = g_strdup (dir);
  return self;
}

SbDraftStore *
sb_draft_store_new_default (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", NULL);

  return sb_draft_store_new (dir);
}

const char *
sb_draft_store_get_dir (SbDraftStore *self)
{
  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), NULL);
  return self->dir;
}

gboolean
sb_draft_store_save (SbDraftStore  *self,
                     SbDraft       *draft,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (SB_IS_DRAFT (draft), FALSE);

  bytes = sb_draft_to_bytes (draft);
  return sb_draft_store_write (self, sb_draft_get_id (draft), bytes, error);
}

typedef struct {
  char                *id;
  JsonNode            *tree;
  gboolean             written;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->id);
  json_node_unref (data->tree);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GBytes) bytes = sb_draft_json_to_bytes (data->tree);
  GError *error = NULL;

  data->written = sb_draft_store_write (source_object, data->id, bytes, &error);
  if (data->written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back where the save was asked: says "saved" before the caller hears
 * of it. */
static void
on_save_done (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveData *data = g_task_get_task_data (G_TASK (result));

  if (data->written)
    g_signal_emit (source_object, signals[SAVED], 0, data->id);
  if (data->callback != NULL)
    data->callback (source_object, result, data->user_data);
}

void
sb_draft_store_save_async (SbDraftStore        *self,
                           SbDraft             *draft,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (SB_IS_DRAFT_STORE (self));
  g_return_if_fail (SB_IS_DRAFT (draft));

  data = g_new0 (SaveData, 1);
  data->id = g_strdup (sb_draft_get_id (draft));
  data->tree = sb_draft_to_json (draft);
  data->callback = callback;
  data->user_data = user_data;
  task = g_task_new (self, cancellable, on_save_done, NULL);
  g_task_set_source_tag (task, sb_draft_store_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
sb_draft_store_save_finish (SbDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sb_draft_store_write (SbDraftStore  *self,
                      const char    *id,
                      GBytes        *bytes,
                      GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_bytes_get_size (bytes) > SB_DRAFT_STORE_MAX_FILE_SIZE)
    {
      g_autofree char *actual = g_format_size (g_bytes_get_size (bytes));
      g_autofree char *limit = g_format_size (SB_DRAFT_STORE_MAX_FILE_SIZE);

      /* Translators: the size of the draft, the largest size a draft may have */
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE,
                   _("the draft would be %s, larger than the %s a draft may be; the last version that fits is kept"),
                   actual, limit);
      return FALSE;
    }

  if (!ensure_dir (self, error))
    return FALSE;

  path = draft_path (self, id, error);
  if (path == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be saved: %s"),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

SbDraft *
sb_draft_store_load (SbDraftStore    *self,
                     SbFormRegistry  *registry,
                     const char      *id,
                     GError         **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_FORM_REGISTRY (registry), NULL);

  path = draft_path (self, id, error);
  if (path == NULL)
    return NULL;

  return load_path (registry, path, error);
}

GPtrArray *
sb_draft_store_list (SbDraftStore   *self,
                     SbFormRegistry *registry,
                     GPtrArray      *errors)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) names = NULL;
  gint64 bytes_read = 0;
  GPtrArray *drafts;
  const char *name;
  guint n_read;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_FORM_REGISTRY (registry), NULL);

  drafts = g_ptr_array_new_with_free_func (g_object_unref);

  dir = g_dir_open (self->dir, 0, &error);
  if (dir == NULL)
    {
      /* No folder yet simply means no drafts yet. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) && errors != NULL)
        g_ptr_array_add (errors, g_steal_pointer (&error));
      return drafts;
    }

  /* Only the names and times first (cheap), so that the files read are
   * the most recently changed ones. */
  names = g_array_new (FALSE, FALSE, sizeof (Listed));
  g_array_set_clear_func (names, listed_clear);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      Listed listed;

      /* Temporary files of an interrupted save are not drafts. */
      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (self->dir, name, NULL);
      listed.name = g_strdup (name);
      listed.modified = listed.size = 0;
      if (g_lstat (path, &st) == 0)
        {
          listed.modified = st.st_mtime;
          listed.size = st.st_size;
        }
      g_array_append_val (names, listed);
    }
  g_array_sort (names, compare_modified);

  for (n_read = 0; n_read < names->len && n_read < SB_DRAFT_STORE_MAX_LISTED; n_read++)
    {
      const Listed *listed = &g_array_index (names, Listed, n_read);
      g_autofree char *path = g_build_filename (self->dir, listed->name, NULL);
      g_autoptr(GError) load_error = NULL;
      SbDraft *draft;

      /* A file too large to read at all costs nothing; the others count. */
      if (listed->size <= SB_DRAFT_STORE_MAX_FILE_SIZE)
        {
          if (listed->size > SB_DRAFT_STORE_MAX_LISTED_BYTES - bytes_read)
            break;
          bytes_read += listed->size;
        }

      draft = load_path (registry, path, &load_error);
      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
      else if (errors != NULL)
        g_ptr_array_add (errors, g_steal_pointer (&load_error));
    }

  if (n_read < names->len && errors != NULL)
    g_ptr_array_add (errors, g_error_new (SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE,
                                          g_dngettext (GETTEXT_PACKAGE,
                                                       "%u more draft is not listed: only the %u most recently "
                                                       "changed are read. It is kept in %s.",
                                                       "%u more drafts are not listed: only the %u most recently "
                                                       "changed are read. They are kept in %s.",
                                                       names->len - n_read),
                                          names->len - n_read, n_read, self->dir));

  g_ptr_array_sort (drafts, compare_updated);
  return drafts;
}

void
sb_draft_store_list_async (SbDraftStore        *self,
                           SbFormRegistry      *registry,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_DRAFT_STORE (self));
  g_return_if_fail (SB_IS_FORM_REGISTRY (registry));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_draft_store_list_async);
  g_task_set_task_data (task, g_object_ref (registry), g_object_unref);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
sb_draft_store_list_finish (SbDraftStore  *self,
                            GAsyncResult  *result,
                            GPtrArray    **errors,
                            GError       **error)
{
  GPtrArray *drafts;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  drafts = g_task_propagate_pointer (G_TASK (result), error);
  if (drafts != NULL && errors != NULL)
    {
      GPtrArray *found = g_object_get_data (G_OBJECT (result), "errors");

      *errors = found ? g_ptr_array_ref (found) : NULL;
    }
  return drafts;
}

gboolean
sb_draft_store_remove (SbDraftStore  *self,
                       const char    *id,
                       GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);

  path = draft_path (self, id, error);
  if (path == NULL)
    return FALSE;

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be removed: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
sb_draft_export (SbDraft  *draft,
                 GFile    *file,
                 GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (draft), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = sb_draft_to_bytes (draft);
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be exported: %s"),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

SbDraft *
sb_draft_store_import (SbDraftStore    *self,
                       SbFormRegistry  *registry,
                       GFile           *file,
                       GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbDraft) draft = NULL;
  g_autofree char *existing = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_bounded (file, error);
  if (bytes == NULL)
    return NULL;

  draft = sb_draft_new_from_bytes (registry, bytes, error);
  if (draft == NULL)
    return NULL;

  existing = draft_path (self, sb_draft_get_id (draft), NULL);
  if (existing != NULL && g_file_test (existing, G_FILE_TEST_EXISTS))
    {
      /* A copy of a draft we have: keep both. */
      sb_draft_take_new_id (draft);
    }

  if (!sb_draft_store_save (self, draft, error))
    return NULL;

  return g_steal_pointer (&draft);
}

/* Where a removed draft waits for its undo: beside the drafts, with a
 * name the listing skips (it lists "*.json" only). */
static char *
removed_path (const char *path)
{
  return g_strconcat (path, ".removed", NULL);
}

gboolean
sb_draft_store_set_aside (SbDraftStore  *self,
                          const char    *id,
                          GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);

  path = draft_path (self, id, error);
  if (path == NULL)
    return FALSE;
  aside = removed_path (path);
  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be removed: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_draft_store_restore (SbDraftStore  *self,
                        const char    *id,
                        GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);

  path = draft_path (self, id, error);
  if (path == NULL)
    return FALSE;
  aside = removed_path (path);
  if (g_rename (aside, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be brought back: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_draft_store_discard_removed (SbDraftStore  *self,
                                const char    *id,
                                GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);

  path = draft_path (self, id, error);
  if (path == NULL)
    return FALSE;
  aside = removed_path (path);
  if (g_unlink (aside) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be removed: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Finishes the removal of one draft set aside at @aside.  It goes to the
 * Trash under its draft's own name (<id>.json), so that putting it back
 * from the Trash makes it a draft the start page lists again; a draft of
 * that name already there keeps its place, and the set-aside file goes to
 * the Trash as it is. */
static gboolean
trash_one_removed (const char  *aside,
                   gboolean    *trashed,
                   GError     **error)
{
  g_autofree char *path = g_strndup (aside, strlen (aside) - strlen (".removed"));
  gboolean renamed = !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (aside, path) == 0;
  g_autoptr(GFile) file = g_file_new_for_path (renamed ? path : aside);
  g_autoptr(GError) local_error = NULL;

  *trashed = g_file_trash (file, NULL, &local_error);
  if (*trashed)
    return TRUE;

  /* No Trash for this folder (a file system without one, or no portal
   * in a sandbox): deleting is what the person asked for, and keeping it
   * would only leave a file nobody can see or take back in the app. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      g_clear_error (&local_error);
      if (g_file_delete (file, NULL, &local_error))
        return TRUE;
    }

  /* Still a removed draft, never listed as a live one. */
  if (renamed)
    g_rename (path, aside);
  g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, _("the draft could not be removed: %s"),
               local_error->message);
  return FALSE;
}

gboolean
sb_draft_store_trash_removed (SbDraftStore  *self,
                              guint         *n_trashed,
                              GError       **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) first_error = NULL;
  const char *name;
  guint trashed_count = 0;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), FALSE);

  if (n_trashed != NULL)
    *n_trashed = 0;
  dir = g_dir_open (self->dir, 0, NULL);
  if (dir == NULL)
    return TRUE;

  /* The names first: the folder changes while they are moved. */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json.removed"))
      g_ptr_array_add (names, g_build_filename (self->dir, name, NULL));

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean trashed = FALSE;

      if (!trash_one_removed (g_ptr_array_index (names, i), &trashed, &local_error) && first_error == NULL)
        first_error = g_steal_pointer (&local_error);
      if (trashed)
        trashed_count++;
    }

  if (n_trashed != NULL)
    *n_trashed = trashed_count;
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}
