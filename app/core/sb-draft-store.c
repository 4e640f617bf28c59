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

static SbDraft *
load_path (SbFormRegistry  *registry,
           const char      *path,
           GError         **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SbDraft *draft;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  draft = sb_draft_new_from_bytes (registry, bytes, &local_error);
  if (draft == NULL)
    {
      /* Translators: a JSON path or a file, then what is wrong there */
      g_set_error (error, SB_DRAFT_ERROR, local_error->code, _("%s: %s"), path, local_error->message);
      return NULL;
    }

  return draft;
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
  GPtrArray *drafts;
  const char *name;

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

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) load_error = NULL;
      SbDraft *draft;

      /* Temporary files of an interrupted save are not drafts. */
      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (self->dir, name, NULL);
      draft = load_path (registry, path, &load_error);
      if (draft != NULL)
        g_ptr_array_add (drafts, draft);
      else if (errors != NULL)
        g_ptr_array_add (errors, g_steal_pointer (&load_error));
    }

  g_ptr_array_sort (drafts, compare_updated);
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
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbDraft) draft = NULL;
  g_autofree char *existing = NULL;

  g_return_val_if_fail (SB_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

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
