/* sb-signer.h — a certificate and its private key, to sign with
 *
 * The key is in a PKCS#12 file or on a PKCS#11 token (a UKey), which
 * GnuTLS reaches through p11-kit: the token modules installed on the
 * system are found without configuration.  Signatures are CMS
 * SignedData, detached, SHA-256, with the signing-certificate-v2
 * attribute (RFC 5035) that CAdES and PAdES baseline B require.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_SIGNER_ERROR (sb_signer_error_quark ())

typedef enum
{
  SB_SIGNER_ERROR_FAILED,
  SB_SIGNER_ERROR_UNREADABLE,    /* not a PKCS#12 file, no such token object */
  SB_SIGNER_ERROR_PASSWORD,      /* wrong PIN or password */
  SB_SIGNER_ERROR_KEY_MISMATCH,  /* the certificate is for another key */
  SB_SIGNER_ERROR_NOT_VALID,     /* the certificate is expired or not yet valid */
  SB_SIGNER_ERROR_TOKEN,         /* the token failed (removed while signing) */
  SB_SIGNER_ERROR_NO_TOKEN,      /* no token the URI names is plugged in */
} SbSignerError;

typedef enum
{
  SB_SIGNER_FLAGS_NONE = 0,
  /* The signing-time attribute: for packets.  PAdES baseline B forbids
   * it (the time goes in the signature dictionary's /M instead). */
  SB_SIGNER_INCLUDE_TIME = 1 << 0,
} SbSignerFlags;

#define SB_TYPE_SIGNER (sb_signer_get_type ())
G_DECLARE_FINAL_TYPE (SbSigner, sb_signer, SB, SIGNER, GObject)

GQuark    sb_signer_error_quark      (void);

/* The key and certificate of the PKCS#12 file at @path, opened with
 * @password (may be NULL or empty for a file without one). */
SbSigner *sb_signer_new_from_pkcs12  (const char  *path,
                                      const char  *password,
                                      GError     **error);

/* The key and certificate a PKCS#11 URI names (RFC 7512, for example
 * "pkcs11:token=UKey;object=signing"), logging in with @pin.  The PIN
 * is tried once: a wrong one is an error, never a retry that could lock
 * the token. */
SbSigner *sb_signer_new_from_pkcs11  (const char  *uri,
                                      const char  *pin,
                                      GError     **error);

/* A detached CMS SignedData (DER) over @content, with the signer's
 * certificate (and the others of a PKCS#12 chain) included. */
GBytes   *sb_signer_sign             (SbSigner       *self,
                                      GBytes         *content,
                                      SbSignerFlags   flags,
                                      GError        **error);

/* The certificate's subject, as one line (RFC 4514). */
const char *sb_signer_get_subject    (SbSigner *self);

G_END_DECLS
