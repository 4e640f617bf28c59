/* test-review-signatures.c — the office's review file, signed and checked
 *
 * The review file carries the packet's signature block: a detached CMS
 * signature over the canonical bytes of the review without the block.
 * The certificates are made by tests/scripts/make-test-pki.py (its path
 * the first argument): the office's in office.p12, a stranger's of a CA
 * the trust folder does not hold.  A signed review says what the
 * unsigned one said; one note edited after signing, or the signature
 * moved onto another review, does not match.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-packet-signatures.h"
#include "sb-review.h"
#include "sb-signature-block.h"
#include "test-json-edit.h"
#include "test-pki.h"

#define PIN "246810"
#define HASH "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"

static char *pki_dir;

static char *
pki_path (const char *name)
{
  return g_build_filename (pki_dir, name, NULL);
}

static SbFormDefinition *
load_definition (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_definition_new_from_file (file, &error);

  g_assert_no_error (error);
  return definition;
}

/* A review asking for two corrections, of the packet @reference. */
static GBytes *
review_file (SbFormDefinition *definition,
             const char       *reference)
{
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GError) error = NULL;
  gint32 received = 0, decided = 0;

  g_assert_true (sb_date_parse ("2024-03-18", &received));
  g_assert_true (sb_date_parse ("2024-03-20", &decided));
  review = sb_review_new (definition, reference, HASH, received);
  sb_review_set_reviewer (review, "王芳", "阳泉市教育局审批科");
  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：请提供产权证载明的建筑面积。", &error));
  g_assert_true (sb_review_add_note (review, NULL, -1, "ET-ATT-01", "补正：章程须加盖公章。", &error));
  g_assert_true (sb_review_set_decision (review, "correct", decided, &error));
  g_assert_no_error (error);
  return sb_review_to_bytes (review);
}

static SbSigner *
signer (const char *p12)
{
  g_autofree char *path = pki_path (p12);
  g_autoptr(GError) error = NULL;
  SbSigner *found = sb_signer_new_from_pkcs12 (path, PIN, &error);

  g_assert_no_error (error);
  return found;
}

/* @bytes signed by the certificate in @p12. */
static GBytes *
sign (SbFormDefinition *definition,
      GBytes           *bytes,
      const char       *p12)
{
  g_autoptr(SbSigner) office = signer (p12);
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *signed_bytes;

  review = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_no_error (error);
  signed_bytes = sb_review_sign (review, office, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_bytes);
  return signed_bytes;
}

/* The review file's signatures as checked with the trust folder. */
static GPtrArray *
verify (SbFormDefinition *definition,
        GBytes           *bytes,
        gboolean          with_trust)
{
  g_autofree char *trust = pki_path ("trust");
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *signatures;

  review = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_no_error (error);
  signatures = sb_review_verify_signatures (review, with_trust ? trust : NULL, &error);
  g_assert_no_error (error);
  return signatures;
}

static SbSignatureStatus
only_status (GPtrArray *signatures)
{
  g_assert_cmpuint (signatures->len, ==, 1);
  return ((SbSignature *) g_ptr_array_index (signatures, 0))->status;
}

static void
test_signed_by_the_office (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) unsigned_bytes = review_file (definition, "KJ240315-7HQ4MX");
  g_autoptr(GBytes) signed_bytes = sign (definition, unsigned_bytes, "office.p12");
  g_autoptr(GPtrArray) trusted = verify (definition, signed_bytes, TRUE);
  g_autoptr(GPtrArray) untrusted = verify (definition, signed_bytes, FALSE);
  g_autoptr(GPtrArray) none = verify (definition, unsigned_bytes, TRUE);
  g_autoptr(SbReview) unsigned_review = sb_review_new_from_bytes (definition, unsigned_bytes, NULL);
  g_autoptr(SbReview) signed_review = sb_review_new_from_bytes (definition, signed_bytes, NULL);
  g_autoptr(GBytes) said = NULL;
  g_autoptr(GBytes) said_signed = NULL;
  SbSignature *signature;

  g_assert_cmpint (only_status (trusted), ==, SB_SIGNATURE_TRUSTED);
  signature = g_ptr_array_index (trusted, 0);
  g_assert_cmpstr (signature->name, ==, "阳泉市教育局审批科");
  g_assert_cmpstr (signature->organisation, ==, "阳泉市教育局");
  g_assert_nonnull (signature->signing_time);
  /* Without the office's trust folder nothing vouches for it. */
  g_assert_cmpint (only_status (untrusted), ==, SB_SIGNATURE_UNKNOWN_ISSUER);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (sb_review_get_n_signatures (unsigned_review), ==, 0);
  g_assert_cmpuint (sb_review_get_n_signatures (signed_review), ==, 1);

  /* Signing changes nothing the review says. */
  said = sb_review_to_bytes (unsigned_review);
  said_signed = sb_review_to_bytes (signed_review);
  g_assert_true (g_bytes_equal (said, said_signed));
  g_assert_true (g_bytes_equal (said, unsigned_bytes));
}

static void
test_edited_note_does_not_match (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) unsigned_bytes = review_file (definition, "KJ240315-7HQ4MX");
  g_autoptr(GBytes) signed_bytes = sign (definition, unsigned_bytes, "office.p12");
  g_autoptr(GBytes) edited = test_json_edit (signed_bytes, "notes[0].text", "\"补正：无需补正。\"");
  g_autoptr(GBytes) decided = test_json_edit (signed_bytes, "decision", "\"accept\"");
  g_autoptr(GPtrArray) edited_signatures = verify (definition, edited, TRUE);
  g_autoptr(GPtrArray) decided_signatures = verify (definition, decided, TRUE);
  g_autoptr(GBytes) rewritten = test_json_edit (signed_bytes, "kind", "\"shenbao-review\"");
  g_autoptr(GPtrArray) reread = verify (definition, rewritten, TRUE);

  g_assert_cmpint (only_status (edited_signatures), ==, SB_SIGNATURE_MISMATCH);
  g_assert_cmpint (only_status (decided_signatures), ==, SB_SIGNATURE_MISMATCH);
  /* Written out again by another program, unchanged: still matches. */
  g_assert_cmpint (only_status (reread), ==, SB_SIGNATURE_TRUSTED);
}

static void
test_moved_signature_does_not_match (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) signed_bytes = sign (definition, review_file (definition, "KJ240315-7HQ4MX"), "office.p12");
  g_autoptr(GBytes) other = review_file (definition, "KJ240316-8JR5NY");
  g_autoptr(JsonNode) signed_root = json_from_string (g_bytes_get_data (signed_bytes, NULL), NULL);
  g_autofree char *block = json_to_string (json_object_get_member (json_node_get_object (signed_root),
                                                                   SB_SIGNATURE_BLOCK_MEMBER), FALSE);
  g_autoptr(GBytes) moved = test_json_edit (other, SB_SIGNATURE_BLOCK_MEMBER, block);
  g_autoptr(GPtrArray) signatures = verify (definition, moved, TRUE);

  g_assert_cmpint (only_status (signatures), ==, SB_SIGNATURE_MISMATCH);
}

static void
test_unknown_issuer (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) signed_bytes = sign (definition, review_file (definition, "KJ240315-7HQ4MX"), "stranger.p12");
  g_autoptr(GPtrArray) signatures = verify (definition, signed_bytes, TRUE);

  g_assert_cmpint (only_status (signatures), ==, SB_SIGNATURE_UNKNOWN_ISSUER);
  g_assert_cmpstr (((SbSignature *) g_ptr_array_index (signatures, 0))->name, ==, "李四");
}

/* A second signature is appended; the first still matches. */
static void
test_two_signatures (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) once = sign (definition, review_file (definition, "KJ240315-7HQ4MX"), "office.p12");
  g_autoptr(GBytes) twice = sign (definition, once, "applicant.p12");
  g_autoptr(GPtrArray) signatures = verify (definition, twice, TRUE);

  g_assert_cmpuint (signatures->len, ==, 2);
  g_assert_cmpstr (((SbSignature *) g_ptr_array_index (signatures, 0))->name, ==, "阳泉市教育局审批科");
  g_assert_cmpstr (((SbSignature *) g_ptr_array_index (signatures, 1))->name, ==, "张三");
  for (guint i = 0; i < signatures->len; i++)
    g_assert_cmpint (((SbSignature *) g_ptr_array_index (signatures, i))->status, ==, SB_SIGNATURE_TRUSTED);
}

/* A signature vouches for the file as read: a review changed in memory
 * carries none, and signing it signs what it says now. */
static void
test_changed_review_forgets_signatures (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) signed_bytes = sign (definition, review_file (definition, "KJ240315-7HQ4MX"), "office.p12");
  g_autoptr(SbReview) review = sb_review_new_from_bytes (definition, signed_bytes, NULL);
  g_autoptr(SbSigner) office = signer ("office.p12");
  g_autoptr(GBytes) resigned = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：另附测绘报告。", &error));
  g_assert_cmpuint (sb_review_get_n_signatures (review), ==, 0);
  signatures = sb_review_verify_signatures (review, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 0);
  g_clear_pointer (&signatures, g_ptr_array_unref);

  resigned = sb_review_sign (review, office, &error);
  g_assert_no_error (error);
  signatures = verify (definition, resigned, TRUE);
  g_assert_cmpint (only_status (signatures), ==, SB_SIGNATURE_TRUSTED);
  g_assert_nonnull (strstr (g_bytes_get_data (resigned, NULL), "另附测绘报告"));
}

/* A malformed block is refused, not taken for an unsigned review. */
static void
test_malformed_block (void)
{
  static const struct { const char *block; const char *message; int code; } cases[] = {
    { "[]", "$.signatures: an empty list", SB_REVIEW_ERROR_INVALID },
    { "{}", "$.signatures", SB_REVIEW_ERROR_INVALID },
    { "[{\"type\":\"cms\",\"cms\":\"MA==\\n\"}]", "$.signatures[0].cms: not base64", SB_REVIEW_ERROR_INVALID },
    { "[{\"type\":\"xmldsig\",\"cms\":\"AA==\"}]", "only “cms” signatures", SB_REVIEW_ERROR_UNSUPPORTED },
    { "[{\"type\":\"cms\",\"cms\":\"MAMCAQE=\"}]", "$.signatures[0].cms", SB_REVIEW_ERROR_INVALID },
  };
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GBytes) unsigned_bytes = review_file (definition, "KJ240315-7HQ4MX");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bad = test_json_edit (unsigned_bytes, SB_SIGNATURE_BLOCK_MEMBER, cases[i].block);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbReview) review = sb_review_new_from_bytes (definition, bad, &error);

      g_assert_null (review);
      g_assert_error (error, SB_REVIEW_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* The block's signer leaves what it signs as it was: a packet signed in
 * memory is the same packet after (the signer sheet compares it with its
 * file before signing again), and signed again it gets one signature,
 * not the first attempt's as well. */
static void
test_packet_signed_twice_in_memory (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(JsonNode) node = json_from_string ("{\"name\": \"阳泉市城区启明科技培训中心\", \"area\": \"120.00\", "
                                               "\"teaching_area\": \"80.00\", \"kind\": \"新设立\", \"pledge\": true, "
                                               "\"end_time\": \"20:30\", "
                                               "\"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\"}]}", NULL);
  g_autoptr(SbSigner) office = signer ("office.p12");
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(JsonNode) second_root = NULL;
  g_autoptr(GError) error = NULL;
  gint32 date = 0;

  g_assert_true (sb_date_parse ("2024-03-15", &date));
  sb_answers_set_json (answers, json_node_get_object (node));
  packet = sb_packet_new (answers, date, NULL, NULL, "2024-03-14T09:00:00Z", "2024-03-15T09:00:00Z", NULL, &error);
  g_assert_no_error (error);
  before = sb_packet_to_bytes (packet);
  first = sb_packet_sign (packet, office, &error);
  g_assert_no_error (error);
  after = sb_packet_to_bytes (packet);
  g_assert_true (g_bytes_equal (before, after));
  second = sb_packet_sign (packet, office, &error);
  g_assert_no_error (error);
  second_root = json_from_string (g_bytes_get_data (second, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (second_root),
                                                                         SB_SIGNATURE_BLOCK_MEMBER)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  pki_dir = test_pki_init (&argc, &argv, FALSE, "/review-signatures/skipped");
  if (pki_dir == NULL)
    return g_test_run ();

  g_test_add_func ("/review-signatures/signed-by-the-office", test_signed_by_the_office);
  g_test_add_func ("/review-signatures/edited-note-does-not-match", test_edited_note_does_not_match);
  g_test_add_func ("/review-signatures/moved-signature-does-not-match", test_moved_signature_does_not_match);
  g_test_add_func ("/review-signatures/unknown-issuer", test_unknown_issuer);
  g_test_add_func ("/review-signatures/two-signatures", test_two_signatures);
  g_test_add_func ("/review-signatures/changed-review-forgets-signatures", test_changed_review_forgets_signatures);
  g_test_add_func ("/review-signatures/malformed-block", test_malformed_block);
  g_test_add_func ("/review-signatures/packet-signed-twice-in-memory", test_packet_signed_twice_in_memory);
  result = g_test_run ();
  test_pki_remove (pki_dir);
  return result;
}
