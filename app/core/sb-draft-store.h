/* sb-draft-store.h — the folder where drafts are autosaved
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-draft.h"

G_BEGIN_DECLS

/* A draft file larger than this is never read (listed, imported or
 * opened): it is reported as too large and left where it is.  The largest
 * real draft, the complete 科技类 application with its rosters, is 60 KB;
 * attached files are kept beside the drafts, not in them. */
#define SB_DRAFT_STORE_MAX_FILE_SIZE (16 * 1024 * 1024)
/* How many drafts, and how many bytes of them, the list reads, the most
 * recently changed first: a folder filled with drafts cannot stall the
 * start page or fill the memory either (a draft in memory takes about
 * eight times its file). */
#define SB_DRAFT_STORE_MAX_LISTED 200
#define SB_DRAFT_STORE_MAX_LISTED_BYTES (64 * 1024 * 1024)

#define SB_TYPE_DRAFT_STORE (sb_draft_store_get_type ())
G_DECLARE_FINAL_TYPE (SbDraftStore, sb_draft_store, SB, DRAFT_STORE, GObject)

/* @dir is created (mode 0700) when it does not exist. */
SbDraftStore *sb_draft_store_new          (const char      *dir);
/* $XDG_DATA_HOME/<app id>/drafts */
SbDraftStore *sb_draft_store_new_default  (void);
const char   *sb_draft_store_get_dir      (SbDraftStore    *self);

/* Writes the draft atomically: a temporary file beside it, fsync, rename.
 * On failure (a full disk…) the previous version stays intact.  A draft
 * larger than SB_DRAFT_STORE_MAX_FILE_SIZE is not written
 * (SB_DRAFT_ERROR_TOO_LARGE): what is on disk can always be opened again. */
gboolean      sb_draft_store_save         (SbDraftStore    *self,
                                           SbDraft         *draft,
                                           GError         **error);
/* The same with bytes from sb_draft_to_bytes(), taken on the main thread:
 * it touches nothing but the file, so it may run in a worker thread.
 * Two writes of one draft at the same time must be ordered by the caller
 * (the later rename wins). */
gboolean      sb_draft_store_write        (SbDraftStore    *self,
                                           const char      *id,
                                           GBytes          *bytes,
                                           GError         **error);
/* sb_draft_store_save() without waiting: the draft is copied now
 * (sb_draft_to_json()), written out and synced in a worker thread.  Once
 * it is on disk the store says "saved" (const char *id), before
 * @callback is called, where it was asked. */
void          sb_draft_store_save_async   (SbDraftStore         *self,
                                           SbDraft              *draft,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean      sb_draft_store_save_finish  (SbDraftStore         *self,
                                           GAsyncResult         *result,
                                           GError              **error);
SbDraft      *sb_draft_store_load         (SbDraftStore    *self,
                                           SbFormRegistry  *registry,
                                           const char      *id,
                                           GError         **error);
/* Every readable draft, the most recently changed first.  Drafts that
 * cannot be read (damaged, too large, not a file) are left in place
 * (nothing is ever deleted behind the person's back) and reported in
 * @errors (GError*), which may be NULL.  At most
 * SB_DRAFT_STORE_MAX_LISTED files of at most SB_DRAFT_STORE_MAX_FILE_SIZE
 * each, SB_DRAFT_STORE_MAX_LISTED_BYTES in all, are read; the rest are
 * reported in one error. */
GPtrArray    *sb_draft_store_list         (SbDraftStore    *self,
                                           SbFormRegistry  *registry,
                                           GPtrArray       *errors);
/* The same in a worker thread (the start page must not wait for the disk
 * and the parser).  @registry is only read.  _finish returns the drafts
 * and gives the errors to @errors (GPtrArray of GError*, may be NULL). */
void          sb_draft_store_list_async   (SbDraftStore         *self,
                                           SbFormRegistry       *registry,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray    *sb_draft_store_list_finish  (SbDraftStore         *self,
                                           GAsyncResult         *result,
                                           GPtrArray           **errors,
                                           GError              **error);
gboolean      sb_draft_store_remove       (SbDraftStore    *self,
                                           const char      *id,
                                           GError         **error);
/* Removing with an undo: set_aside moves the draft's file aside (it is
 * no longer listed or loaded), restore puts it back, discard_removed
 * deletes what was set aside (when the undo is no longer offered). */
gboolean      sb_draft_store_set_aside    (SbDraftStore    *self,
                                           const char      *id,
                                           GError         **error);
gboolean      sb_draft_store_restore      (SbDraftStore    *self,
                                           const char      *id,
                                           GError         **error);
gboolean      sb_draft_store_discard_removed (SbDraftStore *self,
                                           const char      *id,
                                           GError         **error);
/* Drafts still set aside when the application last ended (killed while
 * the undo was offered) are removed as the person asked, into the
 * desktop Trash, from where they can be put back; where there is no
 * Trash they are deleted.  Every one is tried; FALSE and the first error
 * when one could not be removed.  @n_trashed, if not NULL, counts those
 * in the Trash.  For the application's start, before any undo is offered. */
gboolean      sb_draft_store_trash_removed (SbDraftStore *self,
                                           guint           *n_trashed,
                                           GError         **error);

/* A draft to or from a file the person chose (to move it to another
 * computer).  An imported draft whose id is already in the store gets a
 * new one, so nothing is overwritten. */
gboolean      sb_draft_export             (SbDraft         *draft,
                                           GFile           *file,
                                           GError         **error);
SbDraft      *sb_draft_store_import       (SbDraftStore    *self,
                                           SbFormRegistry  *registry,
                                           GFile           *file,
                                           GError         **error);

G_END_DECLS
