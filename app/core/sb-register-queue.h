/* sb-register-queue.h — packets received while the case register could
 * not be reached, kept in a file until they are registered
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char     *uri;        /* the packet (or the PDF that carries it) */
  gint32    received;   /* Julian day */
  gboolean  verified;   /* as the reviewer's view found it */
  char     *problem;    /* why not, or NULL */
} SbQueuedPacket;

void        sb_queued_packet_free        (SbQueuedPacket *packet);

/* $XDG_DATA_HOME/shenbao/unregistered.json */
char       *sb_register_queue_default_file (void);

/* The packets waiting in @file (SbQueuedPacket*, oldest first); empty when
 * it does not exist.  A file that cannot be read is an error, never an
 * empty queue: what it holds must not be written over. */
GPtrArray  *sb_register_queue_load       (const char  *file,
                                          GError     **error);
/* Adds the packet at @uri (once: one already waiting keeps its first day
 * of receipt), writing @file atomically. */
gboolean    sb_register_queue_add        (const char  *file,
                                          const char  *uri,
                                          gint32       received,
                                          gboolean     verified,
                                          const char  *problem,
                                          GError     **error);
/* Takes the packet at @uri out of @file (registered, or gone). */
gboolean    sb_register_queue_remove     (const char  *file,
                                          const char  *uri,
                                          GError     **error);

G_END_DECLS
