/* sb-signature.h — what one CMS signature proves, checked by GnuTLS
 *
 * Four separate questions, each answered on its own: whether the signed
 * bytes match (the signature is the signer key's over exactly these
 * bytes), who the certificate names, whether it was valid at the time
 * the signature claims, and whether it chains to a certificate authority
 * in the trust folder.  The folder is the office's own (e-government CAs
 * are not in Debian's system store), and without one nothing is trusted.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_SIGNATURE_ERROR (sb_signature_error_quark ())

typedef enum
{
  SB_SIGNATURE_ERROR_INVALID,   /* not a CMS SignedData, or none of its parts */
} SbSignatureError;

/* From the weakest claim to the strongest; the first that applies. */
typedef enum
{
  SB_SIGNATURE_MISMATCH,             /* the signature does not match the content */
  SB_SIGNATURE_CERTIFICATE_INVALID,  /* matches, but the certificate was not valid then */
  SB_SIGNATURE_REVOKED,              /* matches, but a revocation list of the trust folder revokes it */
  SB_SIGNATURE_UNKNOWN_ISSUER,       /* matches, but no CA in the trust folder vouches for it */
  SB_SIGNATURE_TRUSTED,              /* matches, valid then, chains to a trusted CA */
} SbSignatureStatus;

typedef struct
{
  SbSignatureStatus  status;
  /* From the signer's certificate, made safe to show (control and
   * bidirectional characters revealed); "" when the certificate has none. */
  char              *name;           /* CN */
  char              *organisation;   /* O */
  char              *credit_code;    /* 统一社会信用代码, when a field carries a valid one */
  char              *issuer;         /* the issuer's CN, or its whole DN */
  GDateTime         *signing_time;   /* as the signer claims it; NULL when none */
  char              *problem;        /* why it is not trusted, or NULL */
} SbSignature;

GQuark   sb_signature_error_quark (void);

void     sb_signature_free        (SbSignature *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbSignature, sb_signature_free)

/* Whether @cms (DER) is a CMS SignedData with at least one signer. */
gboolean sb_signature_is_cms      (GBytes      *cms,
                                   GError     **error);

/* Where the trust folder in force comes from. */
typedef enum
{
  SB_TRUST_DIR_NONE,         /* neither: nothing is trusted */
  SB_TRUST_DIR_ENVIRONMENT,  /* $SHENBAO_TRUST_DIR */
  SB_TRUST_DIR_PREFERENCE,   /* the office's preference */
} SbTrustDirSource;

/* The trust folder in force, the one place that decides it:
 * $SHENBAO_TRUST_DIR when set (a deployment or a test sets it for every
 * program of the machine), else @preference (the folder the office
 * chose in the application's preferences; NULL or "" when none), else
 * NULL.  @source (may be NULL) says which. */
const char *sb_signature_choose_trust_dir  (const char       *preference,
                                            SbTrustDirSource *source);

/* The trust folder without a preference: $SHENBAO_TRUST_DIR, or NULL. */
const char *sb_signature_default_trust_dir (void);

/* Every SignerInfo of the detached CMS SignedData @cms (DER) checked
 * against @content, as SbSignature*.  @claimed_time (may be NULL) is the
 * signing time when the CMS carries none (a PDF's /M).  @trust_dir (may
 * be NULL: nothing is trusted) is a folder of PEM CA certificates.  NULL
 * with an error only when @cms is not a SignedData at all. */
GPtrArray *sb_signature_verify    (GBytes      *cms,
                                   GBytes      *content,
                                   GDateTime   *claimed_time,
                                   const char  *trust_dir,
                                   GError     **error);

/* One line that says exactly what was proved: "signed by 张三 (某某公司,
 * 统一社会信用代码 91…) on 2026-03-01 09:00 UTC (trusted: issued by …)",
 * "signed by an unknown issuer: …", "the signature does not match the
 * content: …". */
char      *sb_signature_describe  (const SbSignature *signature);

/* The verdict alone, as a heading: "Signed by 张三 (trusted)", "Signed by
 * an unknown issuer", "The signature does not match the content", "The
 * certificate was not valid then". */
char      *sb_signature_dup_verdict (const SbSignature *signature);

/* Whether @signature claims something untrue (it does not match, its
 * certificate was not valid when it signed, or its CA revoked it): a
 * packet carrying one fails. */
gboolean   sb_signature_status_fails (SbSignatureStatus status);

/* Who the certificate names, as sb_signature_describe() says it: "张三,
 * 某某公司, unified social credit code 91…". */
char      *sb_signature_describe_signer (const SbSignature *signature);

G_END_DECLS
