/* sb-token-list.c — the certificates on the tokens (UKeys) plugged in
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-token-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs11.h>
#include <gnutls/x509.h>

#include "sb-safe-text.h"
#include "sb-token-list.h"

/* Auxiliary functions */

static char *
object_info (gnutls_pkcs11_obj_t      object,
             gnutls_pkcs11_obj_info_t what)
{
  char text[512];
  size_t size = sizeof text;

  if (gnutls_pkcs11_obj_get_info (object, what, text, &size) < 0)
    return g_strdup ("");
  text[MIN (size, sizeof text - 1)] = '\0';
  return g_utf8_make_valid (text, -1);
}

static char *
distinguished_name (gnutls_x509_crt_t certificate,
                    gboolean          issuer)
{
  gnutls_datum_t name = { NULL, 0 };
  g_autofree char *text = NULL;

  if ((issuer ? gnutls_x509_crt_get_issuer_dn3 (certificate, &name, 0)
              : gnutls_x509_crt_get_dn3 (certificate, &name, 0)) < 0)
    return g_strdup ("");
  text = g_strndup ((const char *) name.data, MIN (name.size, 1024));
  gnutls_free (name.data);
  return sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
}

/* The first @oid field of the subject (@issuer FALSE) or the issuer, or "". */
static char *
name_field (gnutls_x509_crt_t  certificate,
            const char        *oid,
            gboolean           issuer)
{
  char text[512];
  size_t size = sizeof text;

  if ((issuer ? gnutls_x509_crt_get_issuer_dn_by_oid (certificate, oid, 0, 0, text, &size)
              : gnutls_x509_crt_get_dn_by_oid (certificate, oid, 0, 0, text, &size)) < 0)
    return g_strdup ("");
  return sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
}

/* The certificate object's URI without its "type=cert": the private key
 * beside it has the same token, id and label, so the one URI names both,
 * as sb_signer_new_from_pkcs11() needs. */
static char *
uri_for_certificate_and_key (const char *object_uri)
{
  const char *query = strchr (object_uri, '?');
  g_autofree char *path = query != NULL ? g_strndup (object_uri, query - object_uri) : g_strdup (object_uri);
  g_auto(GStrv) parts = g_strsplit (path + strlen ("pkcs11:"), ";", -1);
  g_autoptr(GString) uri = g_string_new ("pkcs11:");

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "type=") || *parts[i] == '\0')
        continue;
      if (uri->len > strlen ("pkcs11:"))
        g_string_append_c (uri, ';');
      g_string_append (uri, parts[i]);
    }
  if (query != NULL)
    g_string_append (uri, query);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* NULL for what nobody signs with: a CA certificate, or one unreadable. */
static SbTokenCertificate *
describe_certificate (gnutls_pkcs11_obj_t object)
{
  g_autoptr(SbTokenCertificate) described = NULL;
  gnutls_x509_crt_t certificate = NULL;
  unsigned int critical = 0;
  char *url = NULL;

  if (gnutls_x509_crt_init (&certificate) < 0)
    return NULL;
  if (gnutls_x509_crt_import_pkcs11 (certificate, object) < 0 ||
      gnutls_x509_crt_get_basic_constraints (certificate, &critical, NULL, NULL) > 0 ||
      gnutls_pkcs11_obj_export_url (object, GNUTLS_PKCS11_URL_GENERIC, &url) < 0)
    {
      gnutls_x509_crt_deinit (certificate);
      return NULL;
    }

  described = g_new0 (SbTokenCertificate, 1);
  described->uri = uri_for_certificate_and_key (url);
  gnutls_free (url);
  described->label = object_info (object, GNUTLS_PKCS11_OBJ_LABEL);
  described->token_label = object_info (object, GNUTLS_PKCS11_OBJ_TOKEN_LABEL);
  described->subject = distinguished_name (certificate, FALSE);
  described->name = name_field (certificate, GNUTLS_OID_X520_COMMON_NAME, FALSE);
  described->organisation = name_field (certificate, GNUTLS_OID_X520_ORGANIZATION_NAME, FALSE);
  described->issuer = name_field (certificate, GNUTLS_OID_X520_COMMON_NAME, TRUE);
  if (*described->issuer == '\0')
    {
      g_free (described->issuer);
      described->issuer = distinguished_name (certificate, TRUE);
    }
  described->not_after = gnutls_x509_crt_get_expiration_time (certificate);
  gnutls_x509_crt_deinit (certificate);
  return g_steal_pointer (&described);
}

/* Public API */

void
sb_token_certificate_free (SbTokenCertificate *certificate)
{
  if (certificate == NULL)
    return;
  g_free (certificate->uri);
  g_free (certificate->label);
  g_free (certificate->token_label);
  g_free (certificate->subject);
  g_free (certificate->name);
  g_free (certificate->organisation);
  g_free (certificate->issuer);
  g_free (certificate);
}

/* Looking for tokens again finalizes every module and loads them again
 * (so that a token plugged in again, or a token daemon started again, is
 * found: PKCS#11 modules read their slots when initialized).  Nothing
 * else may use PKCS#11 meanwhile: each use holds the gate, and a rescan
 * waits until none does. */
static GMutex gate_lock;
static GCond gate_cond;
static guint gate_users;
static gboolean gate_rescanning;
static gboolean extra_modules_loaded;

/* With the gate's lock held and no use under way. */
static void
load_extra_modules (void)
{
  const char *modules = g_getenv ("SHENBAO_PKCS11_MODULES");
  g_auto(GStrv) paths = modules != NULL ? g_strsplit (modules, G_SEARCHPATH_SEPARATOR_S, -1) : NULL;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      int result;

      if (*paths[i] == '\0')
        continue;
      /* Beside the modules p11-kit registers, which GnuTLS loads first;
       * gnutls_pkcs11_add_provider() is not thread-safe, hence the gate. */
      result = gnutls_pkcs11_add_provider (paths[i], NULL);
      if (result < 0)
        g_warning ("The PKCS#11 module %s (SHENBAO_PKCS11_MODULES) could not be loaded: %s", paths[i],
                   gnutls_strerror (result));
    }
  extra_modules_loaded = TRUE;
}

void
sb_token_list_hold (void)
{
  g_mutex_lock (&gate_lock);
  while (gate_rescanning)
    g_cond_wait (&gate_cond, &gate_lock);
  /* Only before the first use: nothing else holds the gate yet. */
  if (!extra_modules_loaded)
    load_extra_modules ();
  gate_users++;
  g_mutex_unlock (&gate_lock);
}

void
sb_token_list_release (void)
{
  g_mutex_lock (&gate_lock);
  g_assert (gate_users > 0);
  if (--gate_users == 0)
    g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

void
sb_token_list_rescan (void)
{
  int result;

  g_mutex_lock (&gate_lock);
  while (gate_rescanning)
    g_cond_wait (&gate_cond, &gate_lock);
  gate_rescanning = TRUE;
  while (gate_users > 0)
    g_cond_wait (&gate_cond, &gate_lock);
  gnutls_pkcs11_deinit ();
  result = gnutls_pkcs11_init (GNUTLS_PKCS11_FLAG_AUTO, NULL);
  if (result < 0)
    g_warning ("The PKCS#11 modules could not be loaded again: %s", gnutls_strerror (result));
  load_extra_modules ();
  gate_rescanning = FALSE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

static GPtrArray *list_certificates (GError **error);

GPtrArray *
sb_token_list_certificates (GError **error)
{
  GPtrArray *certificates;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sb_token_list_hold ();
  certificates = list_certificates (error);
  sb_token_list_release ();
  return certificates;
}

/* sb_token_list_certificates(), the gate held. */
static GPtrArray *
list_certificates (GError **error)
{
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_token_certificate_free);
  int result;

  for (unsigned int seq = 0;; seq++)
    {
      gnutls_pkcs11_obj_t *objects = NULL;
      unsigned int n_objects = 0, flags = 0;
      char *token = NULL;

      result = gnutls_pkcs11_token_get_url (seq, GNUTLS_PKCS11_URL_GENERIC, &token);
      if (result == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (result < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The tokens could not be listed: %s"),
                       gnutls_strerror (result));
          return NULL;
        }
      /* p11-kit's trust module lists the system's CA certificates as a
       * token: nobody holds their keys. */
      if (gnutls_pkcs11_token_get_flags (token, &flags) == 0 && (flags & GNUTLS_PKCS11_TOKEN_TRUSTED) != 0)
        {
          gnutls_free (token);
          continue;
        }
      /* A token that fails to list (pulled out meanwhile) is left out:
       * the others are still there to choose. */
      result = gnutls_pkcs11_obj_list_import_url4 (&objects, &n_objects, token, GNUTLS_PKCS11_OBJ_FLAG_CRT);
      if (result < 0)
        g_debug ("%s: %s", token, gnutls_strerror (result));
      gnutls_free (token);
      for (unsigned int i = 0; i < n_objects; i++)
        {
          SbTokenCertificate *described = describe_certificate (objects[i]);

          if (described != NULL)
            g_ptr_array_add (certificates, described);
          gnutls_pkcs11_obj_deinit (objects[i]);
        }
      gnutls_free (objects);
    }
  return g_steal_pointer (&certificates);
}
