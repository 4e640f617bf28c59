/* test-token-list.c — the certificates on the tokens plugged in
 *
 * A SoftHSM2 token made by tests/scripts/make-test-pki.py (its folder
 * given to SoftHSM2 by SOFTHSM2_CONF, SoftHSM2 found by p11-kit as on a
 * person's computer) holds the applicant's certificate twice: beside its
 * own key, and beside another key.  Both are listed with their token
 * and subject, and the URI listed signs with the key beside it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-signer.h"
#include "sb-token-list.h"
#include "test-pki.h"

#define PIN "246810"

static char *pki_dir;

static SbTokenCertificate *
find_labelled (GPtrArray  *certificates,
               const char *label)
{
  for (guint i = 0; i < certificates->len; i++)
    {
      SbTokenCertificate *certificate = g_ptr_array_index (certificates, i);

      if (g_str_equal (certificate->label, label))
        return certificate;
    }
  return NULL;
}

static void
test_lists_the_token_certificates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certificates = sb_token_list_certificates (&error);
  SbTokenCertificate *applicant, *mismatch;

  g_assert_no_error (error);
  g_assert_nonnull (certificates);
  applicant = find_labelled (certificates, "applicant");
  mismatch = find_labelled (certificates, "mismatch");
  g_assert_nonnull (applicant);
  g_assert_nonnull (mismatch);
  g_assert_cmpstr (applicant->token_label, ==, "Applicant");
  g_assert_nonnull (strstr (applicant->subject, "CN=张三"));
  g_assert_cmpstr (applicant->name, ==, "张三");
  g_assert_cmpstr (applicant->organisation, ==, "阳泉市城区启明科技培训中心");
  g_assert_cmpstr (applicant->issuer, ==, "Shenbao Test CA");
  g_assert_cmpint (applicant->not_after, >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (g_str_has_prefix (applicant->uri, "pkcs11:"));
  /* The URI names the key as well as the certificate. */
  g_assert_null (strstr (applicant->uri, "type="));
  g_assert_cmpstr (applicant->uri, !=, mismatch->uri);

  /* The CA that issued them is not on the token: nothing else is listed. */
  g_assert_cmpuint (certificates->len, ==, 2);
}

static void
test_the_uri_signs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certificates = sb_token_list_certificates (&error);
  g_autoptr(SbSigner) signer = NULL;
  g_autoptr(SbSigner) mismatch = NULL;

  g_assert_no_error (error);
  signer = sb_signer_new_from_pkcs11 (find_labelled (certificates, "applicant")->uri, PIN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sb_signer_get_subject (signer), "CN=张三"));

  /* The certificate beside another key: listed, and refused when used. */
  mismatch = sb_signer_new_from_pkcs11 (find_labelled (certificates, "mismatch")->uri, PIN, &error);
  g_assert_error (error, SB_SIGNER_ERROR, SB_SIGNER_ERROR_KEY_MISMATCH);
  g_assert_null (mismatch);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *conf = NULL;
  int result;

  pki_dir = test_pki_init (&argc, &argv, TRUE, "/token-list/skipped");
  if (pki_dir == NULL)
    return g_test_run ();
  /* Before GnuTLS loads the modules: SoftHSM2 reads it once. */
  conf = g_build_filename (pki_dir, "softhsm2.conf", NULL);
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);

  g_test_add_func ("/token-list/lists-the-token-certificates", test_lists_the_token_certificates);
  g_test_add_func ("/token-list/the-uri-signs", test_the_uri_signs);
  result = g_test_run ();
  test_pki_remove (pki_dir);
  return result;
}
