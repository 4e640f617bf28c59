/* sb-attachment-preview.h — a thumbnail of an attached file
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_ATTACHMENT_PREVIEW (sb_attachment_preview_get_type ())
G_DECLARE_FINAL_TYPE (SbAttachmentPreview, sb_attachment_preview, SB, ATTACHMENT_PREVIEW, AdwBin)

/* Whether files of @media_type get a thumbnail: PNG and JPEG images, and
 * PDFs (their first page). */
gboolean             sb_attachment_preview_supports    (const char          *media_type);

/* A small picture of the file at @path, of type @media_type: a generic
 * icon first, the thumbnail once a worker thread has made it.  The work
 * starts when the widget is first mapped, so a long list of files costs
 * nothing until it is shown.  Properties (read-only, notified):
 *   texture   the thumbnail, once made
 *   error     why there is none (file gone, unreadable, not what it
 *             claims to be), in words for the person */
GtkWidget           *sb_attachment_preview_new         (const char          *path,
                                                        const char          *media_type);
GdkTexture          *sb_attachment_preview_get_texture (SbAttachmentPreview *self);
const char          *sb_attachment_preview_get_error   (SbAttachmentPreview *self);

G_END_DECLS
