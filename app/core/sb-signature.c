/* sb-signature.c — what one CMS signature proves, checked by GnuTLS
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-signature"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "sb-id-number.h"
#include "sb-safe-text.h"
#include "sb-signature.h"

/* The fields a Chinese certificate may carry the 统一社会信用代码 in:
 * organizationIdentifier (2.5.4.97, the eIDAS way), serialNumber and
 * OU, which CFCA and the provincial CAs use. */
static const char * const credit_code_oids[] = { "2.5.4.97", "2.5.4.5", "2.5.4.11", NULL };

/* How much of a certificate's field is shown: names are short, and a
 * hostile certificate's are not. */
#define MAX_FIELD_CHARS 128

G_DEFINE_QUARK (sb-signature-error-quark, sb_signature_error)

/* Auxiliary functions */

static char *
certificate_field (gnutls_x509_crt_t  certificate,
                   const char        *oid,
                   guint              index)
{
  size_t size = 0;
  g_autofree char *raw = NULL;
  g_autofree char *shown = NULL;

  if (gnutls_x509_crt_get_dn_by_oid (certificate, oid, index, 0, NULL, &size) != GNUTLS_E_SHORT_MEMORY_BUFFER ||
      size == 0 || size > 64 * 1024)
    return NULL;
  raw = g_malloc0 (size + 1);
  if (gnutls_x509_crt_get_dn_by_oid (certificate, oid, index, 0, raw, &size) < 0)
    return NULL;
  /* GnuTLS gives the fields it has no string type for (2.5.4.97 among
   * them) as "#" and the DER in hex: a UTF8String, PrintableString or
   * IA5String of a short length is read back here. */
  if (raw[0] == '#')
    {
      gsize length = strlen (raw + 1) / 2;
      g_autofree guint8 *der = g_malloc0 (length + 1);

      for (gsize i = 0; i < length; i++)
        der[i] = g_ascii_xdigit_value (raw[1 + 2 * i]) << 4 | g_ascii_xdigit_value (raw[2 + 2 * i]);
      if (length < 2 || (der[0] != 0x0c && der[0] != 0x13 && der[0] != 0x16) || der[1] >= 0x80 ||
          der[1] != length - 2)
        return NULL;
      g_free (raw);
      raw = g_strndup ((const char *) der + 2, der[1]);
    }
  if (g_utf8_strlen (raw, -1) > MAX_FIELD_CHARS && g_utf8_validate (raw, -1, NULL))
    {
      char *cut = g_utf8_substring (raw, 0, MAX_FIELD_CHARS);

      g_free (raw);
      raw = cut;
    }
  shown = sb_safe_text_reveal (raw, SB_SAFE_TEXT_DEFAULT);
  return g_steal_pointer (&shown);
}

static char *
issuer_name (gnutls_x509_crt_t certificate)
{
  char name[256];
  size_t size = sizeof name;
  gnutls_datum_t dn = { NULL, 0 };
  char *shown;

  if (gnutls_x509_crt_get_issuer_dn_by_oid (certificate, GNUTLS_OID_X520_COMMON_NAME, 0, 0, name, &size) == 0)
    return sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);
  if (gnutls_x509_crt_get_issuer_dn3 (certificate, &dn, 0) < 0)
    return g_strdup ("");
  {
    g_autofree char *text = g_strndup ((const char *) dn.data, MIN (dn.size, 512));

    shown = sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
  }
  gnutls_free (dn.data);
  return shown;
}

/* The first of the fields that holds a 统一社会信用代码, alone or after a
 * prefix such as "NTRCN-" (ETSI EN 319 412-1's semantics identifier). */
static char *
find_credit_code (gnutls_x509_crt_t certificate)
{
  for (guint i = 0; credit_code_oids[i] != NULL; i++)
    for (guint index = 0; index < 8; index++)
      {
        g_autofree char *value = certificate_field (certificate, credit_code_oids[i], index);
        const char *code;

        if (value == NULL)
          break;
        code = strrchr (value, '-') != NULL ? strrchr (value, '-') + 1 : value;
        if (sb_credit_code_check (code, NULL))
          return g_strdup (code);
      }
  return NULL;
}

static gboolean
datum_equal (const gnutls_datum_t *a,
             const gnutls_datum_t *b)
{
  return a->size == b->size && a->size > 0 && memcmp (a->data, b->data, a->size) == 0;
}

/* The certificate of @certificates the SignerInfo names, by issuer and
 * serial number or by subject key identifier. */
static gnutls_x509_crt_t
find_signer (GPtrArray                           *certificates,
             const gnutls_pkcs7_signature_info_st *info)
{
  for (guint i = 0; i < certificates->len; i++)
    {
      gnutls_x509_crt_t certificate = g_ptr_array_index (certificates, i);
      guint8 buffer[128];
      size_t size = sizeof buffer;
      gnutls_datum_t issuer = { NULL, 0 };
      gboolean same = FALSE;

      if (info->issuer_keyid.size > 0)
        {
          gnutls_datum_t id;

          if (gnutls_x509_crt_get_subject_key_id (certificate, buffer, &size, NULL) == 0)
            {
              id.data = buffer;
              id.size = size;
              same = datum_equal (&id, &info->issuer_keyid);
            }
        }
      else if (gnutls_x509_crt_get_raw_issuer_dn (certificate, &issuer) == 0)
        {
          gnutls_datum_t serial;

          if (gnutls_x509_crt_get_serial (certificate, buffer, &size) == 0)
            {
              serial.data = buffer;
              serial.size = size;
              same = datum_equal (&issuer, &info->issuer_dn) && datum_equal (&serial, &info->signer_serial);
            }
          gnutls_free (issuer.data);
        }
      if (same)
        return certificate;
    }
  return NULL;
}

static char *
format_time (time_t when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (when);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
}

/* The revocation lists of @trust_dir that CAs publish as DER files
 * (*.crl), added to @trust; PEM ones are read with the certificates.
 * Only a list that a CA of the folder signed is taken
 * (GNUTLS_TL_VERIFY_CRL): a list anybody made could not revoke, but
 * neither is it trusted to. */
static void
add_der_revocation_lists (gnutls_x509_trust_list_t  trust,
                          const char               *trust_dir)
{
  g_autoptr(GDir) dir = g_dir_open (trust_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".crl"))
        continue;
      path = g_build_filename (trust_dir, name, NULL);
      if (gnutls_x509_trust_list_add_trust_file (trust, NULL, path, GNUTLS_X509_FMT_DER, GNUTLS_TL_VERIFY_CRL, 0) <= 0)
        gnutls_x509_trust_list_add_trust_file (trust, NULL, path, GNUTLS_X509_FMT_PEM, GNUTLS_TL_VERIFY_CRL, 0);
    }
}

/* Whether @certificate chains to a CA in @trust_dir and no revocation
 * list there revokes it: SB_SIGNATURE_TRUSTED, else
 * SB_SIGNATURE_REVOKED or SB_SIGNATURE_UNKNOWN_ISSUER with the problem. */
static SbSignatureStatus
check_chain (GPtrArray          *certificates,
             gnutls_x509_crt_t   signer,
             const char         *issuer,
             const char         *trust_dir,
             char              **problem)
{
  gnutls_x509_trust_list_t trust = NULL;
  g_autofree gnutls_x509_crt_t *chain = g_new (gnutls_x509_crt_t, certificates->len + 1);
  guint length = 0;
  unsigned int status = 0;
  gnutls_datum_t reason = { NULL, 0 };
  int added;

  if (trust_dir == NULL || *trust_dir == '\0')
    {
      *problem = g_strdup (_("no trust folder is set, so no certificate authority is trusted"));
      return SB_SIGNATURE_UNKNOWN_ISSUER;
    }
  if (gnutls_x509_trust_list_init (&trust, 0) < 0)
    {
      *problem = g_strdup (_("the trust folder could not be read"));
      return SB_SIGNATURE_UNKNOWN_ISSUER;
    }
  /* The certificates, then the revocation lists in PEM among them (the
   * files that are not lists are skipped as lists, and the other way
   * round), then those in DER. */
  added = gnutls_x509_trust_list_add_trust_dir (trust, trust_dir, trust_dir, GNUTLS_X509_FMT_PEM,
                                                GNUTLS_TL_VERIFY_CRL, 0);
  if (added <= 0)
    {
      gnutls_x509_trust_list_deinit (trust, 1);
      /* Translators: a folder */
      *problem = g_strdup_printf (_("the trust folder %s holds no certificate authority (PEM files)"), trust_dir);
      return SB_SIGNATURE_UNKNOWN_ISSUER;
    }
  add_der_revocation_lists (trust, trust_dir);

  /* The signer first, then what else the signature carries, in any
   * order: GnuTLS sorts the chain. */
  chain[length++] = signer;
  for (guint i = 0; i < certificates->len; i++)
    if (g_ptr_array_index (certificates, i) != signer)
      chain[length++] = g_ptr_array_index (certificates, i);
  /* The certificates' dates are checked at the signing time, by the
   * caller; GnuTLS would check them against today. */
  if (gnutls_x509_trust_list_verify_crt2 (trust, chain, length, NULL, 0,
                                          GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS,
                                          &status, NULL) < 0)
    status = GNUTLS_CERT_INVALID;
  gnutls_x509_trust_list_deinit (trust, 1);
  if (status == 0)
    return SB_SIGNATURE_TRUSTED;

  /* Baseline B has no timestamp: nothing shows that the signature was
   * made before the revocation, only the signer's own clock says when. */
  if ((status & GNUTLS_CERT_REVOKED) != 0)
    {
      /* Translators: the issuer's name */
      *problem = g_strdup_printf (_("%s, which issued it, has revoked it (a revocation list in the trust folder says "
                                    "so), and without a trusted timestamp nothing shows the signature was made "
                                    "before that"), issuer);
      return SB_SIGNATURE_REVOKED;
    }
  if ((status & GNUTLS_CERT_SIGNER_NOT_FOUND) != 0)
    /* Translators: the issuer's name */
    *problem = g_strdup_printf (_("no certificate authority in the trust folder issued it (its issuer is %s)"), issuer);
  else if (gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &reason, 0) == 0)
    {
      *problem = g_strndup ((const char *) reason.data, reason.size);
      gnutls_free (reason.data);
    }
  else
    *problem = g_strdup (_("its chain to the trust folder does not verify"));
  return SB_SIGNATURE_UNKNOWN_ISSUER;
}

static SbSignature *
check_one (gnutls_pkcs7_t  pkcs7,
           guint           index,
           GPtrArray      *certificates,
           const gnutls_datum_t *content,
           GDateTime      *claimed_time,
           const char     *trust_dir)
{
  g_autoptr(SbSignature) signature = g_new0 (SbSignature, 1);
  gnutls_pkcs7_signature_info_st info;
  gnutls_x509_crt_t signer;
  gint64 when;
  int result;

  signature->name = g_strdup ("");
  signature->organisation = g_strdup ("");
  signature->issuer = g_strdup ("");
  memset (&info, 0, sizeof info);
  if (gnutls_pkcs7_get_signature_info (pkcs7, index, &info) < 0)
    {
      signature->status = SB_SIGNATURE_MISMATCH;
      signature->problem = g_strdup (_("its signer information cannot be read"));
      return g_steal_pointer (&signature);
    }
  if (info.signing_time != (time_t) -1 && info.signing_time > 0)
    signature->signing_time = g_date_time_new_from_unix_utc (info.signing_time);
  else if (claimed_time != NULL)
    signature->signing_time = g_date_time_ref (claimed_time);

  signer = find_signer (certificates, &info);
  gnutls_pkcs7_signature_info_deinit (&info);
  if (signer == NULL)
    {
      signature->status = SB_SIGNATURE_MISMATCH;
      signature->problem = g_strdup (_("it does not carry the certificate of its signer"));
      return g_steal_pointer (&signature);
    }

  g_free (signature->name);
  signature->name = certificate_field (signer, GNUTLS_OID_X520_COMMON_NAME, 0);
  if (signature->name == NULL)
    signature->name = g_strdup ("");
  g_free (signature->organisation);
  signature->organisation = certificate_field (signer, GNUTLS_OID_X520_ORGANIZATION_NAME, 0);
  if (signature->organisation == NULL)
    signature->organisation = g_strdup ("");
  signature->credit_code = find_credit_code (signer);
  g_free (signature->issuer);
  signature->issuer = issuer_name (signer);

  /* Whether the certificate was valid is asked below, at the signing
   * time: GnuTLS would ask it of today, and call a signature made before
   * its certificate expired "expired". */
  result = gnutls_pkcs7_verify_direct (pkcs7, signer, index, content,
                                       GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS);
  if (result < 0)
    {
      signature->status = SB_SIGNATURE_MISMATCH;
      signature->problem = g_strdup (result == GNUTLS_E_PK_SIG_VERIFY_FAILED
                                     ? _("the signed bytes are not these, or the signature was not made with the key of the certificate")
                                     : gnutls_strerror (result));
      return g_steal_pointer (&signature);
    }

  /* Without a claimed time, the certificate must at least be valid now. */
  when = signature->signing_time != NULL ? g_date_time_to_unix (signature->signing_time) : g_get_real_time () / G_USEC_PER_SEC;
  if (when < gnutls_x509_crt_get_activation_time (signer) || when > gnutls_x509_crt_get_expiration_time (signer))
    {
      g_autofree char *from = format_time (gnutls_x509_crt_get_activation_time (signer));
      g_autofree char *until = format_time (gnutls_x509_crt_get_expiration_time (signer));
      g_autofree char *at = format_time (when);

      signature->status = SB_SIGNATURE_CERTIFICATE_INVALID;
      /* Translators: the certificate's first and last valid times, then the signing time */
      signature->problem = g_strdup_printf (_("the certificate is valid from %s until %s, and the signature was made at %s"),
                                            from, until, at);
      return g_steal_pointer (&signature);
    }

  signature->status = check_chain (certificates, signer, signature->issuer, trust_dir, &signature->problem);
  return g_steal_pointer (&signature);
}

/* "张三, 某某公司, 统一社会信用代码 91…" */
static char *
describe_signer (const SbSignature *signature)
{
  GString *who = g_string_new (signature->name);

  if (*signature->organisation != '\0')
    {
      if (who->len > 0)
        g_string_append (who, _(", "));
      g_string_append (who, signature->organisation);
    }
  if (signature->credit_code != NULL)
    {
      if (who->len > 0)
        g_string_append (who, _(", "));
      /* Translators: the 18-character unified social credit code */
      g_string_append_printf (who, _("unified social credit code %s"), signature->credit_code);
    }
  if (who->len == 0)
    g_string_append (who, _("a certificate that names nobody"));
  return g_string_free (who, FALSE);
}

/* Public API */

void
sb_signature_free (SbSignature *signature)
{
  if (signature == NULL)
    return;
  g_free (signature->name);
  g_free (signature->organisation);
  g_free (signature->credit_code);
  g_free (signature->issuer);
  g_clear_pointer (&signature->signing_time, g_date_time_unref);
  g_free (signature->problem);
  g_free (signature);
}

gboolean
sb_signature_is_cms (GBytes  *cms,
                     GError **error)
{
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_datum_t der;
  gsize length;
  gboolean ok;

  g_return_val_if_fail (cms != NULL, FALSE);

  der.data = (unsigned char *) g_bytes_get_data (cms, &length);
  der.size = length;
  ok = der.size > 0 && gnutls_pkcs7_init (&pkcs7) == 0 &&
       gnutls_pkcs7_import (pkcs7, &der, GNUTLS_X509_FMT_DER) == 0 &&
       gnutls_pkcs7_get_signature_count (pkcs7) > 0;
  if (pkcs7 != NULL)
    gnutls_pkcs7_deinit (pkcs7);
  if (!ok)
    g_set_error (error, SB_SIGNATURE_ERROR, SB_SIGNATURE_ERROR_INVALID,
                 _("the signature is not a CMS SignedData with a signer"));
  return ok;
}

const char *
sb_signature_choose_trust_dir (const char       *preference,
                               SbTrustDirSource *source)
{
  const char *dir = g_getenv ("SHENBAO_TRUST_DIR");
  SbTrustDirSource dummy;

  if (source == NULL)
    source = &dummy;
  if (dir != NULL && *dir != '\0')
    {
      *source = SB_TRUST_DIR_ENVIRONMENT;
      return dir;
    }
  if (preference != NULL && *preference != '\0')
    {
      *source = SB_TRUST_DIR_PREFERENCE;
      return preference;
    }
  *source = SB_TRUST_DIR_NONE;
  return NULL;
}

const char *
sb_signature_default_trust_dir (void)
{
  return sb_signature_choose_trust_dir (NULL, NULL);
}

GPtrArray *
sb_signature_verify (GBytes      *cms,
                     GBytes      *content,
                     GDateTime   *claimed_time,
                     const char  *trust_dir,
                     GError     **error)
{
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_datum_t der, data;
  gsize length;
  int count;

  g_return_val_if_fail (cms != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  der.data = (unsigned char *) g_bytes_get_data (cms, &length);
  der.size = length;
  data.data = (unsigned char *) g_bytes_get_data (content, &length);
  data.size = length;
  if (gnutls_pkcs7_init (&pkcs7) < 0)
    {
      g_set_error (error, SB_SIGNATURE_ERROR, SB_SIGNATURE_ERROR_INVALID, _("out of memory"));
      return NULL;
    }
  if (der.size == 0 || gnutls_pkcs7_import (pkcs7, &der, GNUTLS_X509_FMT_DER) < 0 ||
      (count = gnutls_pkcs7_get_signature_count (pkcs7)) <= 0)
    {
      gnutls_pkcs7_deinit (pkcs7);
      g_set_error (error, SB_SIGNATURE_ERROR, SB_SIGNATURE_ERROR_INVALID,
                   _("the signature is not a CMS SignedData with a signer"));
      return NULL;
    }

  certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crt_deinit);
  for (int i = 0; i < gnutls_pkcs7_get_crt_count (pkcs7); i++)
    {
      gnutls_datum_t raw = { NULL, 0 };
      gnutls_x509_crt_t certificate = NULL;

      if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) < 0)
        continue;
      if (gnutls_x509_crt_init (&certificate) == 0 &&
          gnutls_x509_crt_import (certificate, &raw, GNUTLS_X509_FMT_DER) == 0)
        g_ptr_array_add (certificates, certificate);
      else if (certificate != NULL)
        gnutls_x509_crt_deinit (certificate);
      gnutls_free (raw.data);
    }

  signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_signature_free);
  for (int i = 0; i < count; i++)
    g_ptr_array_add (signatures, check_one (pkcs7, i, certificates, &data, claimed_time, trust_dir));
  gnutls_pkcs7_deinit (pkcs7);
  return g_steal_pointer (&signatures);
}

char *
sb_signature_describe (const SbSignature *signature)
{
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (signature != NULL, NULL);

  who = describe_signer (signature);
  if (signature->signing_time != NULL)
    {
      g_autofree char *time = g_date_time_format (signature->signing_time, "%Y-%m-%d %H:%M UTC");

      /* Translators: the signing time, which the signer's own computer gave */
      when = g_strdup_printf (_("; signing time %s, as the signer’s computer gave it"), time);
    }
  else
    when = g_strdup (_("; no signing time"));

  switch (signature->status)
    {
    case SB_SIGNATURE_TRUSTED:
      /* Translators: who signed, the CA, then the signing-time part */
      return g_strdup_printf (_("signed by %s (trusted: issued by %s, in the trust folder)%s"), who, signature->issuer,
                              when);
    case SB_SIGNATURE_UNKNOWN_ISSUER:
      /* Translators: who the certificate names, then why it is not trusted */
      return g_strdup_printf (_("signed by an unknown issuer: the certificate names %s, but %s%s"), who,
                              signature->problem, when);
    case SB_SIGNATURE_CERTIFICATE_INVALID:
      return g_strdup_printf (_("signed by %s with a certificate that was not valid then: %s"), who, signature->problem);
    case SB_SIGNATURE_REVOKED:
      /* Translators: who the certificate names, then why */
      return g_strdup_printf (_("signed by %s with a revoked certificate: %s"), who, signature->problem);
    case SB_SIGNATURE_MISMATCH:
    default:
      /* Translators: why, then who the certificate names */
      return g_strdup_printf (_("signature does not match the content: %s (the certificate names %s)"),
                              signature->problem, who);
    }
}

char *
sb_signature_dup_verdict (const SbSignature *signature)
{
  g_return_val_if_fail (signature != NULL, NULL);

  switch (signature->status)
    {
    case SB_SIGNATURE_TRUSTED:
      /* Translators: %s is the signer's name from the certificate */
      return g_strdup_printf (_("Signed by %s (trusted)"),
                              *signature->name != '\0' ? signature->name : _("a certificate that names nobody"));
    case SB_SIGNATURE_UNKNOWN_ISSUER:
      return g_strdup (_("Signed by an unknown issuer"));
    case SB_SIGNATURE_CERTIFICATE_INVALID:
      return g_strdup (_("The certificate was not valid then"));
    case SB_SIGNATURE_REVOKED:
      return g_strdup (_("The certificate is revoked"));
    case SB_SIGNATURE_MISMATCH:
    default:
      return g_strdup (_("The signature does not match the content"));
    }
}

gboolean
sb_signature_status_fails (SbSignatureStatus status)
{
  return status == SB_SIGNATURE_MISMATCH || status == SB_SIGNATURE_CERTIFICATE_INVALID ||
         status == SB_SIGNATURE_REVOKED;
}

char *
sb_signature_describe_signer (const SbSignature *signature)
{
  g_return_val_if_fail (signature != NULL, NULL);

  return describe_signer (signature);
}
