/* fuzz-json-reader.c — libFuzzer target for the strict JSON reader
 *
 * Whatever the bytes, sb_json_validate_strict() accepts or gives an error
 * that says where, never crashes, hangs or leaks; whatever it accepts,
 * json-glib reads too (the scan is never stricter than json-glib's JSON),
 * and the tree sb_json_parse_untrusted_full() builds is the one json-glib's
 * parser builds: the same types, integers, doubles to the bit, strings and
 * members in the same order;
 * what the reader calls canonical text (and a packet's hash is then taken
 * from) is byte for byte the canonical form of its tree, with the same
 * digests;
 * and the canonical form of what was read, the bytes the integrity hash
 * covers, is accepted again and canonicalises to itself.  (json-glib's own
 * generator is no such check: it writes 1e21 as "1e+21.0".)
 * Seed corpus: tests/packets/ and tests/fixtures/.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb-canonical-json.h"
#include "sb-json-reader.h"
#include "../json-same-tree.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Small bounds, so that libFuzzer reaches them. */
static const SbJsonLimits limits = { 1 << 20, 16, 8, 256 };

/* libFuzzer keeps the input of an abort (), not of g_error ()'s trap. */
#define FUZZ_FAIL(...) (fprintf (stderr, __VA_ARGS__), fputc ('\n', stderr), abort ())

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) again_parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GBytes) canonical = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(GError) tree_error = NULL;
  const SbJsonLimits unbounded = { G_MAXSIZE, 16, 8, 256 };
  gboolean strict;

  strict = sb_json_validate_strict ((const char *) data, size, &limits, &error);
  if (strict != (error == NULL))
    FUZZ_FAIL ("the result and the error disagree");
  if (!strict)
    {
      if (error->domain != SB_JSON_READER_ERROR
          || (strstr (error->message, "(line ") == NULL && strstr (error->message, "empty") == NULL))
        FUZZ_FAIL ("an error without where: %s", error->message);
      return 0;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, &parse_error))
    FUZZ_FAIL ("accepted by the strict scan, refused by json-glib: %s", parse_error->message);

  tree = sb_json_parse_untrusted_full ((const char *) data, size, &limits, &tree_error);
  if (tree == NULL)
    FUZZ_FAIL ("accepted by the strict scan, refused by the reader that builds the tree: %s", tree_error->message);
  if (!json_same_tree (tree, json_parser_get_root (parser)))
    FUZZ_FAIL ("the reader's tree differs from json-glib's");

  /* Fractions have no canonical form (decimals travel as strings). */
  canonical = sb_canonical_json_serialize (json_parser_get_root (parser), NULL);

  {
    static const char *skipped[] = { "integrity", NULL };
    static const char *part[] = { "a", "answers", NULL };
    g_autoptr(GArray) members = NULL;
    g_autoptr(JsonNode) again_tree = sb_json_parse_untrusted_with_members ((const char *) data, size, size, 16, &members,
                                                                           NULL);
    guint8 digest[SB_SHA256_DIGEST_SIZE], part_digest[SB_SHA256_DIGEST_SIZE];
    guint8 text_digest[SB_SHA256_DIGEST_SIZE], text_part_digest[SB_SHA256_DIGEST_SIZE];
    gsize end = size;

    while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t' || data[end - 1] == '\r' || data[end - 1] == '\n'))
      end--;
    if (members != NULL)
      {
        if (canonical == NULL || g_bytes_get_size (canonical) != end ||
            memcmp (g_bytes_get_data (canonical, NULL), data, end) != 0)
          FUZZ_FAIL ("a text found canonical is not the canonical form of its tree");
        if (!sb_canonical_json_sha256_without (again_tree, skipped, part, digest, part_digest, NULL))
          FUZZ_FAIL ("a text found canonical does not serialize");
        sb_canonical_json_sha256_of_text ((const char *) data, members, skipped, part, text_digest, text_part_digest);
        if (memcmp (digest, text_digest, sizeof digest) != 0 || memcmp (part_digest, text_part_digest, sizeof part_digest) != 0)
          FUZZ_FAIL ("the digests of a canonical text differ from the serializer's");
      }
  }

  if (canonical == NULL)
    return 0;
  if (!sb_json_validate_strict (g_bytes_get_data (canonical, NULL), g_bytes_get_size (canonical), &unbounded, &again_error))
    FUZZ_FAIL ("the canonical form of an accepted document is refused: %s", again_error->message);

  again_parser = json_parser_new ();
  if (!json_parser_load_from_data (again_parser, g_bytes_get_data (canonical, NULL), g_bytes_get_size (canonical), NULL))
    FUZZ_FAIL ("json-glib refuses a canonical form");
  again = sb_canonical_json_serialize (json_parser_get_root (again_parser), NULL);
  if (again == NULL || !g_bytes_equal (again, canonical))
    FUZZ_FAIL ("the canonical form is not canonical");

  return 0;
}
