/* sb-signer-sheet.h — signing files with a certificate, inside the window
 *
 * A page, not a dialog: the caller puts it in its own stack (the
 * wizard's, over its result page) and shows it.  The person chooses a
 * certificate on a token (a UKey) or a PKCS#12 file, types its PIN or
 * password and presses Sign; every file given is signed in a worker
 * thread and written over itself only when all of them are signed.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-packet.h"

G_BEGIN_DECLS

#define SB_TYPE_SIGNER_SHEET (sb_signer_sheet_get_type ())
G_DECLARE_FINAL_TYPE (SbSignerSheet, sb_signer_sheet, SB, SIGNER_SHEET, AdwBin)

/* An empty sheet; the certificates on the tokens are looked for at once
 * (in a worker), and the last certificate used is chosen again. */
SbSignerSheet *sb_signer_sheet_new           (void);

/* What Sign signs: @packet, whose canonical bytes are saved at @path, gets
 * a signature in its signature block; the PDF at @path a PAdES signature
 * as an incremental update. */
void        sb_signer_sheet_add_packet       (SbSignerSheet *self,
                                              SbPacket      *packet,
                                              const char    *path);
void        sb_signer_sheet_add_pdf          (SbSignerSheet *self,
                                              const char    *path);
/* The office's review file at @path (of a packet of @definition) gets a
 * signature in its signature block, the rest of the file unchanged. */
void        sb_signer_sheet_add_review       (SbSignerSheet    *self,
                                              SbFormDefinition *definition,
                                              const char       *path);
void        sb_signer_sheet_set_description  (SbSignerSheet *self,
                                              const char    *description);

/* Chooses the PKCS#12 file @file, as the file chooser does. */
void        sb_signer_sheet_choose_pkcs12    (SbSignerSheet *self,
                                              GFile         *file);
/* Chooses the token certificate @uri when it is listed; FALSE when not. */
gboolean    sb_signer_sheet_choose_token_certificate (SbSignerSheet *self,
                                                      const char    *uri);
/* Looks for the tokens' certificates again (a UKey plugged in meanwhile). */
void        sb_signer_sheet_reload_tokens    (SbSignerSheet *self);

/* The message shown under the PIN, or NULL (for tests and screen readers). */
const char *sb_signer_sheet_get_message      (SbSignerSheet *self);
/* TRUE while files are being signed, or tokens looked for. */
gboolean    sb_signer_sheet_get_busy         (SbSignerSheet *self);

G_END_DECLS
