/* sb-pdf-verify.h — whether a packet PDF is exactly what its packet renders to
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sb-packet.h"

G_BEGIN_DECLS

/* One check of a packet PDF, as `shenbao-tool verify` lists it. */
typedef struct {
  const char *check;    /* "pdf-signed" (a signed PDF only), "pdf-revision", "pdf-active", "pdf-files", "pages", "fonts" */
  gboolean    ok;
  char       *message;  /* translated; names what is wrong */
} SbPdfCheck;

void       sb_pdf_check_free          (SbPdfCheck  *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbPdfCheck, sb_pdf_check_free)

/* The checks of @pdf, which carries @packet (read from it with
 * sb_pdf_read_packet()): one revision with nothing after its end, no
 * active content (scripts, actions, forms, annotations), the packet as its
 * only embedded file, pages that are exactly what a fresh rendering of
 * @packet gives, and text in the embedded CIDFont subsets that rendering
 * uses.  Reading @pdf decodes none of its streams but the packet's, and
 * that one bounded.  Returns SbPdfCheck*, in that order. */
GPtrArray *sb_pdf_verify_checks       (GBytes      *pdf,
                                       SbPacket    *packet);
/* The same for a file; a file that cannot be read (or is larger than a
 * packet may be) gives one failed check. */
GPtrArray *sb_pdf_verify_file_checks  (GFile       *pdf,
                                       SbPacket    *packet);
/* Whether every check in @checks (of SbPdfCheck*) passed. */
gboolean   sb_pdf_checks_passed       (GPtrArray   *checks);
/* Whether the pages of @pdf are @packet, with @message (translated) saying
 * so or naming every check that failed: what the reviewer view shows. */
gboolean   sb_pdf_verify_pages        (GFile       *pdf,
                                       SbPacket    *packet,
                                       char       **message);

G_END_DECLS
