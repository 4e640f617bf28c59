/* sb-review-store.h — the folder where reviews are autosaved
 *
 * One file per packet, named by the packet's integrity hash
 * (<hash>.review.json): reopening a packet finds its review, and another
 * packet, whose hash differs, never finds it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-review.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_STORE (sb_review_store_get_type ())
G_DECLARE_FINAL_TYPE (SbReviewStore, sb_review_store, SB, REVIEW_STORE, GObject)

/* @dir is created (mode 0700) when the first review is written. */
SbReviewStore *sb_review_store_new         (const char        *dir);
/* $XDG_DATA_HOME/<app id>/reviews */
SbReviewStore *sb_review_store_new_default (void);
const char    *sb_review_store_get_dir     (SbReviewStore     *self);

/* Writes @bytes (sb_review_to_bytes()) as the review of the packet with
 * integrity hash @hash, atomically: a temporary file beside it, fsync,
 * rename.  On failure the previous version stays intact.  It touches
 * nothing but the file, so it may run in a worker thread; writes of one
 * review must be ordered by the caller. */
gboolean       sb_review_store_write       (SbReviewStore     *self,
                                            const char        *hash,
                                            GBytes            *bytes,
                                            GError           **error);
/* The review of the packet with integrity hash @hash, made with
 * @definition; NULL without an error when there is none yet.  A stored
 * file that cannot be read (damaged, of another packet or form) is moved
 * aside to <hash>.review.json.damaged-<time>, never deleted, and @error
 * says so and where it went; the packet then starts a new review. */
SbReview      *sb_review_store_load        (SbReviewStore     *self,
                                            SbFormDefinition  *definition,
                                            const char        *hash,
                                            GError           **error);

G_END_DECLS
