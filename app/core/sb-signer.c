/* sb-signer.c — a certificate and its private key, to sign with
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-signer"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs11.h>
#include <gnutls/pkcs12.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include "sb-canonical-json.h"
#include "sb-signer.h"
#include "sb-token-list.h"

/* id-aa-signingCertificateV2, RFC 5035 */
#define OID_SIGNING_CERTIFICATE_V2 "1.2.840.113549.1.9.16.2.47"

/* The largest PKCS#12 file read: a key and a chain are a few KiB. */
#define MAX_PKCS12_BYTES (1024 * 1024)

struct _SbSigner
{
  GObject            parent_instance;

  gnutls_privkey_t   key;
  gnutls_x509_crt_t *chain;      /* the signer's certificate first */
  guint              chain_length;
  char              *subject;
  char              *pin;        /* for the token's login, which may come as late as signing */
  gboolean           holds_tokens;  /* a token's: PKCS#11 held for its life (sb-token-list.h) */
};

G_DEFINE_FINAL_TYPE (SbSigner, sb_signer, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-signer-error-quark, sb_signer_error)

/* Auxiliary functions */

/* One try only: GnuTLS calls again with GNUTLS_PIN_WRONG after a wrong
 * PIN, and answering again would spend the token's few tries before it
 * locks itself. */
static int
supply_pin (void       *userdata,
            int         attempt,
            const char *token_url,
            const char *token_label,
            unsigned    flags,
            char       *pin,
            size_t      pin_max)
{
  SbSigner *self = userdata;

  if (self->pin == NULL || attempt > 0 || (flags & GNUTLS_PIN_WRONG) != 0 || strlen (self->pin) >= pin_max)
    return -1;
  memcpy (pin, self->pin, strlen (self->pin) + 1);
  return 0;
}

static gboolean
set_gnutls_error (GError     **error,
                  int          code,
                  const char  *what,
                  int          result)
{
  /* Translators: what failed, then GnuTLS's reason */
  g_set_error (error, SB_SIGNER_ERROR, code, _("%s: %s"), what, gnutls_strerror (result));
  return FALSE;
}

static char *
describe_time (time_t when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (when);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

/* What is true of every signer however its key was found: the
 * certificate is for this key and valid today. */
static gboolean
check_signer (SbSigner  *self,
              GError   **error)
{
  gnutls_pubkey_t from_key = NULL, from_certificate = NULL;
  guint8 key_id[64], certificate_id[64];
  size_t key_id_size = sizeof key_id, certificate_id_size = sizeof certificate_id;
  gnutls_datum_t subject = { NULL, 0 };
  time_t now = time (NULL);
  time_t activation = gnutls_x509_crt_get_activation_time (self->chain[0]);
  time_t expiration = gnutls_x509_crt_get_expiration_time (self->chain[0]);
  gboolean same;

  if (gnutls_x509_crt_get_dn3 (self->chain[0], &subject, 0) == 0)
    {
      self->subject = g_strndup ((const char *) subject.data, subject.size);
      gnutls_free (subject.data);
    }
  else
    self->subject = g_strdup ("?");

  if (gnutls_pubkey_init (&from_key) < 0 || gnutls_pubkey_init (&from_certificate) < 0 ||
      gnutls_pubkey_import_privkey (from_key, self->key, 0, 0) < 0 ||
      gnutls_pubkey_import_x509 (from_certificate, self->chain[0], 0) < 0 ||
      gnutls_pubkey_get_key_id (from_key, GNUTLS_KEYID_USE_SHA256, key_id, &key_id_size) < 0 ||
      gnutls_pubkey_get_key_id (from_certificate, GNUTLS_KEYID_USE_SHA256, certificate_id, &certificate_id_size) < 0)
    same = FALSE;
  else
    same = key_id_size == certificate_id_size && memcmp (key_id, certificate_id, key_id_size) == 0;
  gnutls_pubkey_deinit (from_key);
  gnutls_pubkey_deinit (from_certificate);
  if (!same)
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_KEY_MISMATCH,
                   _("the certificate (%s) is for another key than the private key beside it"), self->subject);
      return FALSE;
    }

  if (now < activation || now > expiration)
    {
      g_autofree char *from = describe_time (activation);
      g_autofree char *until = describe_time (expiration);

      /* Translators: a certificate's subject, then the dates it is valid between */
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_NOT_VALID,
                   _("the certificate (%s) is not valid today: it is valid from %s until %s"), self->subject, from, until);
      return FALSE;
    }
  return TRUE;
}

/* The DER of SigningCertificateV2 { certs { ESSCertIDv2 { certHash } } },
 * SHA-256 being the default hash algorithm and so left out.  Encoded
 * here because GnuTLS takes signed attributes as DER and has no encoder
 * for this one; it is one fixed shape of 40 bytes. */
static gboolean
signing_certificate_v2 (gnutls_x509_crt_t  certificate,
                        guint8             der[40])
{
  static const guint8 head[] = { 0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20 };
  gnutls_datum_t raw = { NULL, 0 };

  if (gnutls_x509_crt_export2 (certificate, GNUTLS_X509_FMT_DER, &raw) < 0)
    return FALSE;
  memcpy (der, head, sizeof head);
  sb_sha256 (raw.data, raw.size, der + sizeof head);
  gnutls_free (raw.data);
  return TRUE;
}

/* GObject overrides */

static void
sb_signer_finalize (GObject *object)
{
  SbSigner *self = SB_SIGNER (object);

  for (guint i = 0; i < self->chain_length; i++)
    gnutls_x509_crt_deinit (self->chain[i]);
  g_free (self->chain);
  if (self->key != NULL)
    gnutls_privkey_deinit (self->key);
  g_free (self->subject);
  if (self->pin != NULL)
    memset (self->pin, 0, strlen (self->pin));
  g_free (self->pin);
  if (self->holds_tokens)
    sb_token_list_release ();

  G_OBJECT_CLASS (sb_signer_parent_class)->finalize (object);
}

static void
sb_signer_class_init (SbSignerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_signer_finalize;
}

static void
sb_signer_init (SbSigner *self)
{
}

/* Public API */

SbSigner *
sb_signer_new_from_pkcs12 (const char  *path,
                           const char  *password,
                           GError     **error)
{
  g_autoptr(SbSigner) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gnutls_pkcs12_t pkcs12 = NULL;
  gnutls_x509_privkey_t x509_key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int chain_length = 0;
  gnutls_datum_t datum;
  int result;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE, "%s", local_error->message);
      return NULL;
    }
  if (length > MAX_PKCS12_BYTES)
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE,
                   _("%s is too large for a PKCS#12 file (a key and its certificates)"), path);
      return NULL;
    }

  self = g_object_new (SB_TYPE_SIGNER, NULL);
  datum.data = (unsigned char *) contents;
  datum.size = length;
  if ((result = gnutls_pkcs12_init (&pkcs12)) < 0)
    {
      set_gnutls_error (error, SB_SIGNER_ERROR_FAILED, path, result);
      return NULL;
    }
  result = gnutls_pkcs12_import (pkcs12, &datum, GNUTLS_X509_FMT_DER, 0);
  if (result < 0)
    result = gnutls_pkcs12_import (pkcs12, &datum, GNUTLS_X509_FMT_PEM, 0);
  if (result < 0)
    {
      gnutls_pkcs12_deinit (pkcs12);
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE,
                   _("%s is not a PKCS#12 file (.p12, .pfx): %s"), path, gnutls_strerror (result));
      return NULL;
    }
  /* The MAC check first: it is what a wrong password fails, where the
   * parse would report a decryption error. */
  if ((result = gnutls_pkcs12_verify_mac (pkcs12, password != NULL ? password : "")) < 0 &&
      result != GNUTLS_E_UNKNOWN_HASH_ALGORITHM)
    {
      gnutls_pkcs12_deinit (pkcs12);
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_PASSWORD,
                   _("the password of %s is not right"), path);
      return NULL;
    }
  result = gnutls_pkcs12_simple_parse (pkcs12, password != NULL ? password : "", &x509_key, &chain, &chain_length,
                                       NULL, NULL, NULL, 0);
  gnutls_pkcs12_deinit (pkcs12);
  if (result < 0 || chain_length == 0)
    {
      for (guint i = 0; i < chain_length; i++)
        gnutls_x509_crt_deinit (chain[i]);
      gnutls_free (chain);
      if (x509_key != NULL)
        gnutls_x509_privkey_deinit (x509_key);
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE,
                   _("%s holds no private key with its certificate: %s"), path,
                   result < 0 ? gnutls_strerror (result) : _("no certificate"));
      return NULL;
    }

  self->chain = g_new (gnutls_x509_crt_t, chain_length);
  memcpy (self->chain, chain, chain_length * sizeof (gnutls_x509_crt_t));
  self->chain_length = chain_length;
  gnutls_free (chain);
  if ((result = gnutls_privkey_init (&self->key)) < 0 ||
      (result = gnutls_privkey_import_x509 (self->key, x509_key, GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE)) < 0)
    {
      gnutls_x509_privkey_deinit (x509_key);
      set_gnutls_error (error, SB_SIGNER_ERROR_FAILED, path, result);
      return NULL;
    }

  if (!check_signer (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

SbSigner *
sb_signer_new_from_pkcs11 (const char  *uri,
                           const char  *pin,
                           GError     **error)
{
  g_autoptr(SbSigner) self = NULL;
  int result;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!g_str_has_prefix (uri, "pkcs11:"))
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE,
                   _("“%s” is not a PKCS#11 URI (pkcs11:token=…;object=…)"), uri);
      return NULL;
    }

  self = g_object_new (SB_TYPE_SIGNER, NULL);
  sb_token_list_hold ();
  self->holds_tokens = TRUE;
  self->pin = g_strdup (pin);
  self->chain = g_new0 (gnutls_x509_crt_t, 1);
  if ((result = gnutls_x509_crt_init (&self->chain[0])) < 0)
    {
      set_gnutls_error (error, SB_SIGNER_ERROR_FAILED, uri, result);
      return NULL;
    }
  self->chain_length = 1;
  if ((result = gnutls_x509_crt_import_url (self->chain[0], uri, 0)) < 0)
    {
      unsigned int flags = 0;

      /* No token of the URI's at all: it was pulled out (or never
       * plugged in), which is said as such. */
      if (gnutls_pkcs11_token_get_flags (uri, &flags) < 0)
        g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_NO_TOKEN,
                     _("no token that %s names is plugged in"), uri);
      else
        g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE,
                     _("no certificate on a token matches %s: %s"), uri, gnutls_strerror (result));
      return NULL;
    }

  if ((result = gnutls_privkey_init (&self->key)) < 0)
    {
      set_gnutls_error (error, SB_SIGNER_ERROR_FAILED, uri, result);
      return NULL;
    }
  gnutls_privkey_set_pin_function (self->key, supply_pin, self);
  result = gnutls_privkey_import_url (self->key, uri, 0);
  if (result == GNUTLS_E_PKCS11_PIN_ERROR || result == GNUTLS_E_PKCS11_PIN_LOCKED ||
      result == GNUTLS_E_PKCS11_PIN_EXPIRED)
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_PASSWORD,
                   _("the token did not accept the PIN (%s)"), gnutls_strerror (result));
      return NULL;
    }
  if (result < 0)
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_UNREADABLE,
                   _("no private key on a token matches %s: %s"), uri, gnutls_strerror (result));
      return NULL;
    }

  if (!check_signer (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GBytes *
sb_signer_sign (SbSigner       *self,
                GBytes         *content,
                SbSignerFlags   flags,
                GError        **error)
{
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_pkcs7_attrs_t attributes = NULL;
  guint8 certificate_attribute[40];
  gnutls_datum_t attribute = { certificate_attribute, sizeof certificate_attribute };
  gnutls_datum_t data, out = { NULL, 0 };
  unsigned sign_flags = GNUTLS_PKCS7_INCLUDE_CERT;
  GBytes *signature = NULL;
  gsize length;
  int result;

  g_return_val_if_fail (SB_IS_SIGNER (self), NULL);
  g_return_val_if_fail (content != NULL, NULL);

  if ((flags & SB_SIGNER_INCLUDE_TIME) != 0)
    sign_flags |= GNUTLS_PKCS7_INCLUDE_TIME;
  data.data = (unsigned char *) g_bytes_get_data (content, &length);
  data.size = length;

  if (!signing_certificate_v2 (self->chain[0], certificate_attribute) ||
      (result = gnutls_pkcs7_add_attr (&attributes, OID_SIGNING_CERTIFICATE_V2, &attribute, 0)) < 0)
    {
      g_set_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_FAILED, _("the certificate could not be read back"));
      gnutls_pkcs7_attrs_deinit (attributes);
      return NULL;
    }
  if ((result = gnutls_pkcs7_init (&pkcs7)) < 0)
    goto failed;
  result = gnutls_pkcs7_sign (pkcs7, self->chain[0], self->key, &data, attributes, NULL, GNUTLS_DIG_SHA256,
                              sign_flags);
  if (result < 0)
    goto failed;
  for (guint i = 1; i < self->chain_length; i++)
    if ((result = gnutls_pkcs7_set_crt (pkcs7, self->chain[i])) < 0)
      goto failed;
  if ((result = gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &out)) < 0)
    goto failed;

  signature = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  gnutls_pkcs7_attrs_deinit (attributes);
  gnutls_pkcs7_deinit (pkcs7);
  return signature;

failed:
  /* A token pulled out while signing fails here, with a PKCS#11 error. */
  set_gnutls_error (error,
                    gnutls_privkey_get_type (self->key) == GNUTLS_PRIVKEY_PKCS11 ? SB_SIGNER_ERROR_TOKEN
                                                                                 : SB_SIGNER_ERROR_FAILED,
                    _("signing failed"), result);
  gnutls_pkcs7_attrs_deinit (attributes);
  if (pkcs7 != NULL)
    gnutls_pkcs7_deinit (pkcs7);
  return NULL;
}

const char *
sb_signer_get_subject (SbSigner *self)
{
  g_return_val_if_fail (SB_IS_SIGNER (self), NULL);

  return self->subject;
}
