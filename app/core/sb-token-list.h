/* sb-token-list.h — the certificates on the tokens (UKeys) plugged in
 *
 * GnuTLS reaches the tokens through p11-kit, which loads the PKCS#11
 * modules installed on the system: a UKey's vendor module, SoftHSM2 in
 * the tests.  A vendor's module that is not registered with p11-kit (a
 * library under /opt, as many UKeys ship) is named in the environment:
 * SHENBAO_PKCS11_MODULES, the modules' paths separated by ":" (for the
 * Flatpak: flatpak override --env=…).  Certificates are public objects,
 * so listing them needs no PIN.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char   *uri;          /* names the certificate and its key, for sb_signer_new_from_pkcs11() */
  char   *label;        /* the object's label on the token, may be "" */
  char   *token_label;  /* the token's own name ("UKey") */
  char   *subject;      /* RFC 4514, one line */
  /* Made safe to show (control and bidirectional characters revealed);
   * "" when the certificate has none. */
  char   *name;         /* CN */
  char   *organisation; /* O */
  char   *issuer;       /* the issuer's CN, or its whole DN */
  gint64  not_after;    /* the end of its validity, Unix time */
} SbTokenCertificate;

void       sb_token_certificate_free (SbTokenCertificate *certificate);

/* Every certificate a person could sign with on the tokens present now:
 * neither the trust anchors p11-kit lists (trusted tokens) nor CA
 * certificates.  Empty when no token is plugged in.  Blocking (modules
 * are loaded, tokens asked): call it in a worker thread. */
GPtrArray *sb_token_list_certificates (GError **error);

/* Every use of PKCS#11 holds the gate from its first call to its last
 * (sb_token_list_certificates() does; a token's SbSigner for its whole
 * life), so that a rescan never finalizes a module under it.  The first
 * hold loads the modules SHENBAO_PKCS11_MODULES names. */
void       sb_token_list_hold        (void);
void       sb_token_list_release     (void);
/* Finalizes every module and loads them again, once no use holds the
 * gate (it waits): a token plugged in again, or a module's daemon started
 * again, is found.  Blocking: call it in a worker thread, never while
 * holding the gate. */
void       sb_token_list_rescan      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTokenCertificate, sb_token_certificate_free)

G_END_DECLS
