/* sb-pdf-sign.h — PAdES baseline B-B signatures on Shenbao's PDFs
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-signature.h"
#include "sb-signer.h"

G_BEGIN_DECLS

/* @pdf with a PAdES B-B signature by @signer appended as an incremental
 * update (ETSI EN 319 142-1: CMS detached over the /ByteRange, SHA-256,
 * signing-certificate-v2, /SubFilter /ETSI.CAdES.detached).  The bytes
 * of @pdf are the first bytes of the result, unchanged.  The signature's
 * widget lies over the signature box of the signature page (the
 * applicant's 签字 box, or the office's 盖章 box), or is invisible in a
 * PDF that has neither. */
GBytes    *sb_pdf_sign            (GBytes      *pdf,
                                   SbSigner    *signer,
                                   GError     **error);

/* One signature of a PDF, as found and checked. */
typedef struct
{
  SbSignature *signature;       /* what the CMS proves of the bytes it covers */
  gboolean     covers_to_end;   /* nothing was appended after it */
  gsize        revision_length; /* the bytes of the PDF it covers, its own revision included */
} SbPdfSignature;

void       sb_pdf_signature_free  (SbPdfSignature *signature);

/* Every signature field of @pdf with its signature checked against
 * @trust_dir (may be NULL).  Empty for an unsigned PDF; NULL with an
 * error when the PDF cannot be read or a signature is malformed (a
 * /ByteRange that does not frame its /Contents, a hole that is not hex). */
GPtrArray *sb_pdf_read_signatures (GBytes      *pdf,
                                   const char  *trust_dir,
                                   GError     **error);

/* The length of the revision before the first signature: the unsigned
 * PDF as it was rendered (all of @pdf when unsigned, 0 when unreadable). */
gsize      sb_pdf_unsigned_length (GBytes      *pdf);

/* NULL when the revision after the rendered PDF changes nothing but what
 * a signature adds (its objects, the page's /Annots, the catalog's
 * /AcroForm); else what else it changes, since readers show the updated
 * pages and the checks of the rendered revision would not see it. */
char      *sb_pdf_signature_update_problem (GBytes *pdf);

G_END_DECLS
