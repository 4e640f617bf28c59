/* sb-finish-job.h — finishing an application: its packet JSON and PDF
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-calendar.h"
#include "sb-draft.h"
#include "sb-file-store.h"
#include "sb-packet.h"

G_BEGIN_DECLS

#define SB_TYPE_FINISH_JOB (sb_finish_job_get_type ())
G_DECLARE_FINAL_TYPE (SbFinishJob, sb_finish_job, SB, FINISH_JOB, GObject)

/* Builds the packet of @draft (submitted on @today, finished at @now),
 * its attachments read from @files, and saves REFERENCE.sbpkt.json into
 * @folder; the caller records the packet in the draft
 * (sb_finish_job_record()).  NULL with @error when any of that fails. */
SbFinishJob *sb_finish_job_new               (SbDraft              *draft,
                                              SbFileStore          *files,
                                              SbCalendar           *calendar,
                                              GFile                *folder,
                                              gint32                today,
                                              const char           *now,
                                              GError              **error);
/* The same in a worker thread, from a copy of the draft's answers. */
void         sb_finish_job_new_async         (SbDraft              *draft,
                                              SbFileStore          *files,
                                              SbCalendar           *calendar,
                                              GFile                *folder,
                                              gint32                today,
                                              const char           *now,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
SbFinishJob *sb_finish_job_new_finish        (GAsyncResult         *result,
                                              GError              **error);
/* Records the packet in @draft: a review of it leads back to the draft. */
void         sb_finish_job_record            (SbFinishJob          *self,
                                              SbDraft              *draft);
SbPacket    *sb_finish_job_get_packet        (SbFinishJob          *self);
const char  *sb_finish_job_get_json_path     (SbFinishJob          *self);
const char  *sb_finish_job_get_pdf_path      (SbFinishJob          *self);
const char  *sb_finish_job_get_folder_uri    (SbFinishJob          *self);

/* Renders the packet and writes REFERENCE.pdf beside the JSON, blocking. */
gboolean     sb_finish_job_write_pdf         (SbFinishJob          *self,
                                              GError              **error);
/* The same in a worker thread; the application is held until it is done,
 * so closing the last window does not end the process meanwhile. */
void         sb_finish_job_write_pdf_async   (SbFinishJob          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean     sb_finish_job_write_pdf_finish  (SbFinishJob          *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
