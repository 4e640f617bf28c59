/* test-json-reader.c — the strict reader of untrusted JSON
 *
 * One case per rule of RFC 8259 that json-glib does not enforce, accepted
 * and refused, the bounds on depth, members and values, what the errors
 * say, and that the tree the reader builds is the one json-glib builds.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-canonical-json.h"
#include "sb-draft.h"
#include "sb-form-definition.h"
#include "sb-form-registry.h"
#include "sb-json-reader.h"
#include "sb-review.h"
#include "json-same-tree.h"
#include "test-chinese.h"

static const SbJsonLimits limits = { 1 << 24, 64, SB_JSON_MAX_MEMBERS, SB_JSON_MAX_VALUES };

/* The error of reading @length bytes of @data, or NULL when it is read;
 * anything the scan accepts json-glib must read too. */
static GError *
read_error (const char *data,
            gsize       length)
{
  GError *error = NULL;
  g_autoptr(JsonNode) node = sb_json_parse_untrusted (data, length, 1 << 24, 64, &error);

  g_assert_true ((node == NULL) != (error == NULL));
  if (error != NULL)
    g_assert_true (error->domain == SB_JSON_READER_ERROR);
  return error;
}

static void
assert_accepted (const char *data)
{
  g_autoptr(GError) error = read_error (data, strlen (data));

  if (error != NULL)
    g_error ("refused %s: %s", data, error->message);
}

static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = read_error (data, length);
  g_autofree char *shown = g_strescape (data, NULL);

  if (strlen (shown) > 80)
    strcpy (shown + 77, "...");
  if (error == NULL)
    g_error ("accepted %s", shown);
  g_test_message ("%s -> %s", shown, error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("%s: expected “%s” in: %s", shown, needle, error->message);
  g_assert_cmpint (error->code, ==, code);
  /* Where, always. */
  g_assert_nonnull (strstr (error->message, "(line "));
}

static void
test_accepted (void)
{
  static const char *cases[] = {
    "{}", "[]", " \t\r\n{ } \n", "0", "-0", "12", "-12", "0.5", "-0.0", "1e5", "1E+5", "1e-5", "1.25E-10",
    "9223372036854775807", "-9223372036854775808", "1e308", "1e-400", "[0.1,-0.1]",
    "\"\"", "\"申报\"", "true", "false", "null", "[true,false,null]",
    "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}",
    /* Each escape, and a DEL (not a control character to JSON). */
    "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u7533 \x7f\"",
    /* Surrogates in pairs, either case. */
    "\"\\ud83d\\ude00\"", "\"\\uD834\\uDD1E\"",
    /* The same name in different objects, names that only look alike. */
    "{\"a\":{\"a\":1}}", "[{\"a\":1},{\"a\":2}]", "{\"a\":1,\"A\":2,\"a \":3,\"\":4}",
    "{\"ab\":1,\"a\\u0062c\":2}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_accepted (cases[i]);

  /* What json-glib makes of the escapes is what they mean. */
  {
    const char *text = "[\"\\ud83d\\ude00\",\"\\u0041\\/\"]";
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = sb_json_parse_untrusted (text, strlen (text), 1024, 4, &error);
    JsonArray *array;

    g_assert_no_error (error);
    array = json_node_get_array (node);
    g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "\xF0\x9F\x98\x80");
    g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "A/");
  }
}

static void
test_refused (void)
{
  struct { const char *data; int code; const char *needle; } cases[] = {
    /* Comments and single quotes, which json-glib reads. */
    { "{\"a\":1 /* c */}", SB_JSON_READER_ERROR_SYNTAX, "comments are not allowed" },
    { "// c\n{}", SB_JSON_READER_ERROR_SYNTAX, "comments are not allowed" },
    { "{} /* c */", SB_JSON_READER_ERROR_SYNTAX, "comments are not allowed" },
    { "{\"a\"/**/:1}", SB_JSON_READER_ERROR_SYNTAX, "comments are not allowed" },
    { "['a']", SB_JSON_READER_ERROR_SYNTAX, "single quotes are not allowed" },
    { "{'a':1}", SB_JSON_READER_ERROR_SYNTAX, "single quotes are not allowed" },
    /* Numbers. */
    { "0x10", SB_JSON_READER_ERROR_SYNTAX, "hexadecimal" },
    { "[0X1F]", SB_JSON_READER_ERROR_SYNTAX, "hexadecimal" },
    { "01", SB_JSON_READER_ERROR_SYNTAX, "may not begin with a zero" },
    { "-007", SB_JSON_READER_ERROR_SYNTAX, "may not begin with a zero" },
    { "+1", SB_JSON_READER_ERROR_SYNTAX, "may not begin with “+”" },
    { ".5", SB_JSON_READER_ERROR_SYNTAX, "a digit before the decimal point" },
    { "-.5", SB_JSON_READER_ERROR_SYNTAX, "a minus sign must be followed by a digit" },
    { "1.", SB_JSON_READER_ERROR_SYNTAX, "a decimal point must be followed by a digit" },
    { "1.e5", SB_JSON_READER_ERROR_SYNTAX, "a decimal point must be followed by a digit" },
    { "1e", SB_JSON_READER_ERROR_SYNTAX, "an exponent must have digits" },
    { "1e+", SB_JSON_READER_ERROR_SYNTAX, "an exponent must have digits" },
    { "-", SB_JSON_READER_ERROR_SYNTAX, "a minus sign must be followed by a digit" },
    { "NaN", SB_JSON_READER_ERROR_SYNTAX, "“NaN” and “Infinity”" },
    { "[Infinity]", SB_JSON_READER_ERROR_SYNTAX, "“NaN” and “Infinity”" },
    { "-Infinity", SB_JSON_READER_ERROR_SYNTAX, "“NaN” and “Infinity”" },
    { "1.2.3", SB_JSON_READER_ERROR_SYNTAX, "unexpected “.” after a number" },
    { "12abc", SB_JSON_READER_ERROR_SYNTAX, "unexpected “a” after a number" },
    /* Numbers json-glib would change: wrapped past 64 bits, or infinite. */
    { "9223372036854775808", SB_JSON_READER_ERROR_SYNTAX, "a whole number must lie between" },
    { "[-9223372036854775809]", SB_JSON_READER_ERROR_SYNTAX, "a whole number must lie between" },
    { "{\"format\":18446744073709551617}", SB_JSON_READER_ERROR_SYNTAX, "a whole number must lie between" },
    { "1e999", SB_JSON_READER_ERROR_SYNTAX, "too large to be represented" },
    { "-1.5E+400", SB_JSON_READER_ERROR_SYNTAX, "too large to be represented" },
    /* Escapes. */
    { "\"\\x41\"", SB_JSON_READER_ERROR_SYNTAX, "a backslash followed by “x” is not a JSON escape" },
    { "\"\\'\"", SB_JSON_READER_ERROR_SYNTAX, "a backslash followed by “'” is not a JSON escape" },
    { "\"\\U0041\"", SB_JSON_READER_ERROR_SYNTAX, "not a JSON escape" },
    { "\"\\u12\"", SB_JSON_READER_ERROR_SYNTAX, "four hexadecimal digits" },
    { "\"\\u12G4\"", SB_JSON_READER_ERROR_SYNTAX, "four hexadecimal digits" },
    { "\"\\u0000\"", SB_JSON_READER_ERROR_SYNTAX, "“\\u0000” is not allowed" },
    { "{\"a\\u0000b\":1}", SB_JSON_READER_ERROR_SYNTAX, "“\\u0000” is not allowed" },
    /* Surrogates alone. */
    { "\"\\ud800\"", SB_JSON_READER_ERROR_SYNTAX, "a high surrogate (“\\uD800”) without a low surrogate" },
    { "\"\\uDBFFx\"", SB_JSON_READER_ERROR_SYNTAX, "a high surrogate (“\\uDBFF”)" },
    { "\"\\ud800\\u0041\"", SB_JSON_READER_ERROR_SYNTAX, "a high surrogate (“\\uD800”)" },
    { "\"\\ud800\\ud800\"", SB_JSON_READER_ERROR_SYNTAX, "a high surrogate (“\\uD800”)" },
    { "\"\\udc00\"", SB_JSON_READER_ERROR_SYNTAX, "a low surrogate (“\\uDC00”)" },
    { "\"\\udfff\\ud800\"", SB_JSON_READER_ERROR_SYNTAX, "a low surrogate (“\\uDFFF”)" },
    /* Raw control characters in strings. */
    { "\"a\tb\"", SB_JSON_READER_ERROR_SYNTAX, "a control character (“U+0009”)" },
    { "\"a\nb\"", SB_JSON_READER_ERROR_SYNTAX, "a control character (“U+000A”)" },
    { "\"\x1b[8m\"", SB_JSON_READER_ERROR_SYNTAX, "a control character (“U+001B”)" },
    /* A BOM, and white space JSON does not have. */
    { "\xEF\xBB\xBF{}", SB_JSON_READER_ERROR_SYNTAX, "byte order mark" },
    { "[\xEF\xBB\xBF]", SB_JSON_READER_ERROR_SYNTAX, "unexpected “U+FEFF” where a value was expected" },
    { "\f{}", SB_JSON_READER_ERROR_SYNTAX, "unexpected “U+000C”" },
    { "[1,\xC2\xA0" "2]", SB_JSON_READER_ERROR_SYNTAX, "unexpected “U+00A0”" },
    /* Anything after the document. */
    { "{} x", SB_JSON_READER_ERROR_SYNTAX, "more text follows the end of the JSON document" },
    { "{}{}", SB_JSON_READER_ERROR_SYNTAX, "more text follows the end of the JSON document" },
    { "1 2", SB_JSON_READER_ERROR_SYNTAX, "more text follows" },
    { "[] []", SB_JSON_READER_ERROR_SYNTAX, "more text follows" },
    /* Other grammar. */
    { "[1,]", SB_JSON_READER_ERROR_SYNTAX, "unexpected “]” where a value was expected" },
    { "{\"a\":1,}", SB_JSON_READER_ERROR_SYNTAX, "expected a member name in double quotes, found “}”" },
    { "{\"a\" 1}", SB_JSON_READER_ERROR_SYNTAX, "expected “:” after a member name" },
    { "{1:2}", SB_JSON_READER_ERROR_SYNTAX, "expected a member name in double quotes" },
    { "[1 2]", SB_JSON_READER_ERROR_SYNTAX, "expected “,” or “]”" },
    { "{\"a\":1 \"b\":2}", SB_JSON_READER_ERROR_SYNTAX, "expected “,” or “}”" },
    { "[1}", SB_JSON_READER_ERROR_SYNTAX, "expected “,” or “]”" },
    { "tru", SB_JSON_READER_ERROR_SYNTAX, "unexpected “t” where a value was expected" },
    { "truex", SB_JSON_READER_ERROR_SYNTAX, "unexpected “x” after “true”" },
    { "undefined", SB_JSON_READER_ERROR_SYNTAX, "unexpected “u” where a value was expected" },
    { "{\"a\":", SB_JSON_READER_ERROR_SYNTAX, "the file ends where a value was expected" },
    { "[", SB_JSON_READER_ERROR_SYNTAX, "the file ends where a value was expected" },
    { "[1", SB_JSON_READER_ERROR_SYNTAX, "the file ends inside an array" },
    { "{\"a\":1", SB_JSON_READER_ERROR_SYNTAX, "the file ends inside an object" },
    { "{", SB_JSON_READER_ERROR_SYNTAX, "the file ends inside an object" },
    { "\"abc", SB_JSON_READER_ERROR_SYNTAX, "the string that starts here is never closed" },
    { "\"abc\\", SB_JSON_READER_ERROR_SYNTAX, "never closed" },
    { "\"\xff\"", SB_JSON_READER_ERROR_NOT_UTF8, "the file is not UTF-8 text (line 1, column 2)" },
    { "\"\xed\xa0\x80\"", SB_JSON_READER_ERROR_NOT_UTF8, "not UTF-8" },
    /* Two members of one name, also when written differently. */
    { "{\"a\":1,\"a\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "the member name “a” appears more than once" },
    { "{\"a\":1,\"\\u0061\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "the member name “a” appears more than once" },
    { "{\"\\u0061\":1,\"a\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "“a” appears more than once in one object (line 1, column 13)" },
    { "{\"\\/\":1,\"/\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "“/” appears more than once" },
    { "{\"\\ud83d\\ude00\":1,\"\xF0\x9F\x98\x80\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "“\xF0\x9F\x98\x80” appears" },
    { "{\"b\":1,\"a\":2,\"c\":{\"b\":1},\"b\":3}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "“b” appears more than once in one object (line 1, column 26)" },
    { "[{\"x\":[{\"y\":1,\"y\":2}]}]", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "“y” appears" },
    { "{\"\":1,\"\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "the member name “” appears" },
    /* The name is shown, but not obeyed by a terminal. */
    { "{\"\\u001b[8m\":1,\"\\u001b[8m\":2}", SB_JSON_READER_ERROR_DUPLICATE_MEMBER, "“⟨U+001B⟩[8m” appears" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i].data, strlen (cases[i].data), cases[i].code, cases[i].needle);

  /* A NUL byte, which strlen () would hide. */
  assert_refused ("\"a\0b\"", 5, SB_JSON_READER_ERROR_NOT_UTF8, "not UTF-8 text (line 1, column 3)");

  /* White space alone is as empty as nothing. */
  {
    g_autoptr(GError) error = read_error (" \n ", 3);

    g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "the file is empty"));
  }
}

/* The scan takes runs of ASCII a word at a time and hands the rest to
 * GLib: whatever the bytes, it must refuse exactly what g_utf8_validate()
 * refuses, at the same place.  Strings of random bytes from a set that
 * makes every kind of sequence (valid, cut, overlong, surrogate, NUL),
 * after ASCII of every length around the word size. */
static void
test_utf8_like_glib (void)
{
  static const guchar bytes[] = { 'a', 'a', 'a', 0x00, 0x80, 0xBF, 0xC0, 0xC3, 0xA9, 0xE4, 0xB8, 0xAD,
                                  0xED, 0xA0, 0xF0, 0x9F, 0x98, 0xF4, 0x90, 0xFF };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20);

  for (guint n = 0; n < 20000; n++)
    {
      g_autoptr(GByteArray) text = g_byte_array_new ();
      g_autoptr(GError) error = NULL;
      guint prefix = g_rand_int_range (rand, 0, 20), body = g_rand_int_range (rand, 0, 12);
      const char *end = NULL;
      gboolean valid;

      g_byte_array_append (text, (const guint8 *) "\"", 1);
      for (guint i = 0; i < prefix; i++)
        g_byte_array_append (text, (const guint8 *) "b", 1);
      for (guint i = 0; i < body; i++)
        g_byte_array_append (text, &bytes[g_rand_int_range (rand, 0, G_N_ELEMENTS (bytes))], 1);
      for (guint i = 0; i < prefix % 9; i++)
        g_byte_array_append (text, (const guint8 *) "c", 1);
      g_byte_array_append (text, (const guint8 *) "\"", 1);

      valid = g_utf8_validate ((const char *) text->data, text->len, &end);
      error = read_error ((const char *) text->data, text->len);
      if (valid)
        g_assert_false (error != NULL && error->code == SB_JSON_READER_ERROR_NOT_UTF8);
      else
        {
          g_autofree char *where = NULL;
          guint column = 1;

          for (const char *p = (const char *) text->data; p < end; p++)
            column += ((guchar) *p & 0xC0) != 0x80;
          where = g_strdup_printf ("(line 1, column %u)", column);
          g_assert_nonnull (error);
          g_assert_cmpint (error->code, ==, SB_JSON_READER_ERROR_NOT_UTF8);
          if (strstr (error->message, where) == NULL)
            g_error ("expected %s in: %s", where, error->message);
        }
    }
}

static void
test_where (void)
{
  struct { const char *data; const char *where; } cases[] = {
    { "{\n  \"a\": 01\n}", "(line 2, column 8)" },
    { "{\r\n\"申报\": 'x'}", "(line 2, column 7)" },
    { "[1,\n2,\n3]\n\n  x", "(line 5, column 3)" },
    { "{\"a\":1,\n \"a\":2}", "(line 2, column 2)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = read_error (cases[i].data, strlen (cases[i].data));

      g_assert_nonnull (error);
      if (!g_str_has_suffix (error->message, cases[i].where))
        g_error ("%s: expected %s at the end of: %s", cases[i].data, cases[i].where, error->message);
    }
}

static GString *
nested (guint       depth,
        const char *before)
{
  GString *text = g_string_new ("[");

  g_string_append (text, before);
  for (guint i = 1; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  return text;
}

static void
test_depth (void)
{
  /* Exactly at the limit, and one past it. */
  {
    g_autoptr(GString) at = nested (64, "");
    g_autoptr(GString) past = nested (65, "");

    assert_accepted (at->str);
    assert_refused (past->str, past->len, SB_JSON_READER_ERROR_TOO_DEEP,
                    "the JSON is nested more than 64 levels deep (line 1, column 65)");
  }

  /* Behind what json-glib reads as a string or a comment and a scan for
   * double quotes did not: refused before json-glib could recurse. */
  {
    g_autoptr(GString) plain = nested (100000, "");
    g_autoptr(GString) quoted = nested (100000, "'\"', ");
    g_autoptr(GString) comment = nested (100000, "/* \" */ ");
    g_autoptr(GString) line_comment = nested (100000, "// \"\n");

    assert_refused (plain->str, plain->len, SB_JSON_READER_ERROR_TOO_DEEP, "nested more than 64 levels");
    assert_refused (quoted->str, quoted->len, SB_JSON_READER_ERROR_SYNTAX, "single quotes are not allowed");
    assert_refused (comment->str, comment->len, SB_JSON_READER_ERROR_SYNTAX, "comments are not allowed");
    assert_refused (line_comment->str, line_comment->len, SB_JSON_READER_ERROR_SYNTAX, "comments are not allowed");
  }

  /* Objects count as levels too. */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    SbJsonLimits shallow = limits;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 3; i++)
      g_string_append (text, "{\"a\":[");
    g_string_append (text, "1]}]}]}");
    shallow.max_depth = 6;
    g_assert_true (sb_json_validate_strict (text->str, text->len, &shallow, &error));
    g_assert_no_error (error);
    shallow.max_depth = 5;
    g_assert_false (sb_json_validate_strict (text->str, text->len, &shallow, &error));
    g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_DEEP);
  }
}

static void
test_counts (void)
{
  SbJsonLimits small = limits;
  g_autoptr(GError) error = NULL;

  /* Members of one object: at the bound, and one more. */
  small.max_members = 3;
  g_assert_true (sb_json_validate_strict ("{\"a\":1,\"b\":2,\"c\":{\"a\":1,\"b\":2,\"c\":3}}", 37, &small, &error));
  g_assert_no_error (error);
  g_assert_false (sb_json_validate_strict ("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}", 25, &small, &error));
  g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "an object has more than 3 members (line 1, column 20)"));
  g_clear_error (&error);

  /* Values in the whole document, containers included. */
  small = limits;
  small.max_values = 6;
  g_assert_true (sb_json_validate_strict ("[1,[2],{\"a\":3}]", 15, &small, &error));
  g_assert_no_error (error);
  g_assert_false (sb_json_validate_strict ("[1,[2],{\"a\":3},4]", 17, &small, &error));
  g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_MANY);
  g_assert_nonnull (strstr (error->message, "the document holds more than 6 values"));
  g_clear_error (&error);

  /* The default bounds, as sb_json_parse_untrusted () applies them. */
  {
    g_autoptr(GString) wide = g_string_new ("{");
    g_autoptr(GString) many = g_string_new ("[");

    for (guint i = 0; i < SB_JSON_MAX_MEMBERS; i++)
      g_string_append_printf (wide, "%s\"m%u\":0", i ? "," : "", i);
    g_string_append_c (wide, '}');
    assert_accepted (wide->str);
    g_string_truncate (wide, wide->len - 1);
    g_string_append (wide, ",\"last\":0}");
    assert_refused (wide->str, wide->len, SB_JSON_READER_ERROR_TOO_MANY, "more than 4096 members");

    for (guint i = 0; i < SB_JSON_MAX_VALUES; i++)
      g_string_append (many, i ? ",0" : "0");
    g_string_append_c (many, ']');
    assert_refused (many->str, many->len, SB_JSON_READER_ERROR_TOO_MANY, "more than 1048576 values");
    g_string_truncate (many, many->len - 3);
    g_string_append_c (many, ']');
    g_assert_true (sb_json_validate_strict (many->str, many->len, &limits, &error));
    g_assert_no_error (error);
  }
}

/* 2^@bits distinct names of 2 * @bits characters, every one of the same
 * g_str_hash () (djb2, h * 33 + c): "Ez" and "FY" hash alike, and so does
 * any concatenation of them. */
static GString *
colliding_object (guint bits)
{
  GString *text = g_string_new ("{");
  guint first_hash = 0;

  for (guint n = 0; n < (1u << bits); n++)
    {
      char name[64] = { 0, };

      for (guint b = 0; b < bits; b++)
        memcpy (name + 2 * b, (n >> b) & 1 ? "FY" : "Ez", 2);
      if (n == 0)
        first_hash = g_str_hash (name);
      g_assert_cmpuint (g_str_hash (name), ==, first_hash);
      g_string_append_printf (text, "%s\"%s\":%u", n ? "," : "", name, n);
    }
  g_string_append_c (text, '}');
  return text;
}

static void
test_colliding_names (void)
{
  /* 65,536 colliding names (2.6 MB): refused by the member bound before
   * any hash table is built. */
  {
    g_autoptr(GString) text = colliding_object (16);
    gint64 start = g_get_monotonic_time ();

    assert_refused (text->str, text->len, SB_JSON_READER_ERROR_TOO_MANY, "more than 4096 members");
    g_test_message ("%" G_GSIZE_FORMAT " bytes of colliding names refused in %.3f s", text->len,
                    (g_get_monotonic_time () - start) / 1e6);
  }

  /* As many as the bound allows: read, all of them distinct. */
  {
    g_autoptr(GString) text = colliding_object (12);
    g_autoptr(GError) error = NULL;
    gint64 start = g_get_monotonic_time ();
    g_autoptr(JsonNode) node = sb_json_parse_untrusted (text->str, text->len, 1 << 24, 8, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==, 4096);
    g_test_message ("4,096 colliding names read in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  }

  /* A duplicate among them is still found. */
  {
    g_autoptr(GString) text = colliding_object (11);

    g_string_truncate (text, text->len - 1);
    g_string_append (text, ",\"EzFYEzEzEzEzEzEzEzEzEz\":0}");
    assert_refused (text->str, text->len, SB_JSON_READER_ERROR_DUPLICATE_MEMBER,
                    "the member name “EzFYEzEzEzEzEzEzEzEzEz” appears more than once");
  }
}

static void
test_long_names (void)
{
  /* A repeated name of a megabyte is shown shortened. */
  g_autofree char *name = g_strnfill (1 << 20, 'n');
  g_autofree char *text = g_strdup_printf ("{\"%s\":1,\"%s\":2}", name, name);
  g_autoptr(GError) error = read_error (text, strlen (text));
  g_autofree char *shown = g_strdup_printf ("“%.64s…” appears more than once", name);

  g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_DUPLICATE_MEMBER);
  g_assert_nonnull (strstr (error->message, shown));
  g_assert_cmpuint (strlen (error->message), <, 256);
}

static void
test_limits_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = sb_json_parse_untrusted ("[1,2,3]", 7, 6, 64, &error);

  g_assert_null (node);
  g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (sb_json_parse_untrusted (NULL, 0, 6, 64, &error));
  g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "the file is empty"));
  g_clear_error (&error);

  g_assert_false (sb_json_validate_strict (NULL, 0, &limits, &error));
  g_assert_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "the file is empty"));
}

/* The reader builds its own tree; it must be json-glib's to the bit, since
 * every reader of the project (amounts included: whole numbers are
 * integers, anything with a point or an exponent a double) was written
 * against json-glib's. */
static void
assert_same_tree_as_json_glib (const char *data,
                               gsize       length,
                               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ours = sb_json_parse_untrusted_full (data, length, &limits, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (ours == NULL)
    {
      g_test_message ("%s: refused (%s)", name, error->message);
      return;
    }
  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  if (!json_same_tree (ours, json_parser_get_root (parser)))
    g_error ("%s: the reader's tree differs from json-glib's", name);
}

static void
assert_same_trees_in (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *entry;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, entry, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_str_has_suffix (entry, ".json") || !g_file_get_contents (path, &contents, &length, NULL))
        continue;
      assert_same_tree_as_json_glib (contents, length, path);
      count++;
    }
  g_assert_cmpuint (count, >, 0);
}

static void
test_same_tree (void)
{
  static const char *cases[] = {
    "0", "-0", "7", "-7", "9223372036854775807", "-9223372036854775808", "1000000000000000000",
    "0.0", "-0.0", "0.1", "-0.1", "1e5", "1E+5", "-1e-5", "1.25E-10", "1e308", "-1e308", "1e-400", "-1e-400",
    "2.2250738585072011e-308", "4.9e-324", "0.30000000000000004", "123456789012345678901234567890.5",
    "1.0", "100e0", "[1,1.0,\"1\",true,null]",
    "\"申报 \\u7533\\u62a5 \\ud83d\\ude00 \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
    "{\"b\":1,\"a\":2,\"a\\u0062\":[{},[],{\"\":\"\"}],\"金额\":\"12.50\"}",
    "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]",
  };
  g_autofree char *packets = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "packets", NULL);
  g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", NULL);
  const char *procedures[] = { "gengdi", "kejipeixun", "zijin", "forms" };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_tree_as_json_glib (cases[i], strlen (cases[i]), cases[i]);

  assert_same_trees_in (packets);
  assert_same_trees_in (forms);
  for (gsize i = 0; i < G_N_ELEMENTS (procedures); i++)
    {
      g_autofree char *directory = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), procedures[i], NULL);

      assert_same_trees_in (directory);
    }
}

/* Whether @data (a JSON text) was found canonical, after checking what
 * that promises: the text is the canonical serialization of its tree,
 * and the digests hashed from the text are the serializer's. */
static gboolean
canonical_text_checked (const char *data,
                        gsize       length,
                        const char *label)
{
  static const char *skipped[] = { "integrity", "signatures", NULL };
  static const char *part[] = { "form", "answers", "b", NULL };
  g_autoptr(GArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = sb_json_parse_untrusted_with_members (data, length, 1 << 24, 64, &members, &error);
  guint8 digest[SB_SHA256_DIGEST_SIZE], part_digest[SB_SHA256_DIGEST_SIZE];
  guint8 text_digest[SB_SHA256_DIGEST_SIZE], text_part_digest[SB_SHA256_DIGEST_SIZE];
  g_autoptr(GBytes) serialized = NULL;
  gsize end = length;

  if (root == NULL)
    {
      g_assert_null (members);
      return FALSE;
    }
  if (members == NULL)
    return FALSE;

  /* Space after the document is not part of it. */
  while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t' || data[end - 1] == '\r' || data[end - 1] == '\n'))
    end--;
  serialized = sb_canonical_json_serialize (root, &error);
  g_assert_no_error (error);
  if (g_bytes_get_size (serialized) != end || memcmp (g_bytes_get_data (serialized, NULL), data, end) != 0)
    g_error ("%s: found canonical but serialized differently: %.*s", label,
             (int) g_bytes_get_size (serialized), (const char *) g_bytes_get_data (serialized, NULL));

  g_assert_true (sb_canonical_json_sha256_without (root, skipped, part, digest, part_digest, &error));
  g_assert_no_error (error);
  sb_canonical_json_sha256_of_text (data, members, skipped, part, text_digest, text_part_digest);
  g_assert_cmpmem (digest, sizeof digest, text_digest, sizeof text_digest);
  g_assert_cmpmem (part_digest, sizeof part_digest, text_part_digest, sizeof text_part_digest);
  return TRUE;
}

static guint
canonical_texts_in (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *entry;
  guint canonical = 0;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, entry, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_str_has_suffix (entry, ".json") && g_file_get_contents (path, &contents, &length, NULL))
        canonical += canonical_text_checked (contents, length, path);
    }
  return canonical;
}

/* A packet is hashed from its own bytes when they are already canonical
 * (sb-packet-reader.c): only then, and to the same digests. */
static void
test_canonical_text (void)
{
  static const char *canonical[] = {
    "{\"a\":1}", "{\"a\":1}\n", "{\"integrity\":{\"hash\":\"x\"}}", "{\"a\":-7,\"b\":[1,true,false,null,{},[]]}",
    "{\"a\":{\"c\":[{\"d\":\"申报\"}],\"d\":\"x/y\"},\"answers\":{},\"b\":\"\\\" \\\\ \\b \\f \\n \\r \\t\"}",
    "{\"a\":2,\"a\\\"\":1}", "{\"a\":1,\"é\":2,\"申\":3}", "{\"\":0,\"a\":9223372036854775807}",
  };
  static const char *not_canonical[] = {
    "{\"a\": 1}", " {\"a\":1}", "{ \"a\":1}", "{\"a\":1 }", "{\"a\":[1, 2]}", "{\"a\":{\"b\":1}\n}",
    "{\"b\":1,\"a\":2}", "{\"a\":{\"d\":1,\"c\":2}}", "{\"a\":1,\"a\\u0000\":2}", "{\"a\\\"\":1,\"a\":2}",
    "{\"a\":\"\\u0041\"}", "{\"a\":\"\\u001f\"}", "{\"a\":\"\\/\"}", "{\"a\":-0}", "{\"a\":1.0}", "{\"a\":1e2}",
    "{\"😀\":1,\"ｚ\":2}", "{\"ｚ\":2,\"😀\":1}", "[1]", "\"a\"", "{}",
  };
  g_autofree char *packets = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "packets", NULL);
  g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (canonical); i++)
    if (!canonical_text_checked (canonical[i], strlen (canonical[i]), canonical[i]))
      g_error ("not found canonical: %s", canonical[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (not_canonical); i++)
    if (canonical_text_checked (not_canonical[i], strlen (not_canonical[i]), not_canonical[i]))
      g_error ("found canonical: %s", not_canonical[i]);

  /* The hostile packets are made from canonical ones: most still are. */
  g_assert_cmpuint (canonical_texts_in (packets), >, 10);
  canonical_texts_in (forms);
}

static void
test_form_definitions (void)
{
  struct { const char *data; const char *needle; } cases[] = {
    { "{\"format\":1,\"id\":\"a\",\"id\":\"b\"}", "the member name “id” appears more than once" },
    { "{\"format\":1 /* x */}", "comments are not allowed" },
    { "{\"format\":01}", "may not begin with a zero" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, strlen (cases[i].data));
      g_autoptr(GError) error = NULL;
      g_autoptr(SbFormDefinition) definition = sb_form_definition_new_from_bytes (bytes, "x.json", NULL, &error);

      g_assert_null (definition);
      g_assert_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "x.json: "));
      g_assert_nonnull (strstr (error->message, cases[i].needle));
    }
}

/* Drafts and review files are read as strictly as packets. */
static void
test_every_reader (void)
{
  static const struct { const char *data; const char *needle; } cases[] = {
    { "{\"kind\":\"shenbao-draft\",\"format\":1,\"format\":1}", "the member name “format” appears more than once" },
    { "{\"kind\":\"shenbao-draft\" /* \" */}", "comments are not allowed" },
    { "\xEF\xBB\xBF{}", "byte order mark" },
    { "{\"format\":1}\n{}", "more text follows the end of the JSON document (line 2, column 1)" },
  };
  g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  g_autoptr(SbFormRegistry) registry = sb_form_registry_new_from_directory (forms, NULL);

  g_assert_nonnull (registry);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].data, strlen (cases[i].data));
      g_autoptr(GError) draft_error = NULL;
      g_autoptr(GError) review_error = NULL;
      g_autoptr(SbDraft) draft = sb_draft_new_from_bytes (registry, bytes, &draft_error);
      g_autoptr(SbReview) review = sb_review_load (registry, bytes, &review_error);

      g_assert_null (draft);
      g_assert_null (review);
      g_test_message ("%s\n    %s", draft_error->message, review_error->message);
      g_assert_nonnull (strstr (draft_error->message, cases[i].needle));
      g_assert_nonnull (strstr (review_error->message, cases[i].needle));
    }
}

static void
test_errors_in_chinese (void)
{
  static const char *cases[] = {
    "{\"a\":1 /* c */}", "['a']", "0x10", "01", "+1", ".5", "1.", "1e", "NaN", "1.2.3", "\"\\x41\"", "\"\\u12\"",
    "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\"", "\"a\tb\"", "\xEF\xBB\xBF{}", "{} x", "[1,]", "{\"a\":1,}",
    "{\"a\" 1}", "[1 2]", "{\"a\":1 \"b\":2}", "truex", "{\"a\":", "[1", "{\"a\":1", "\"abc", "\"\xff\"",
    "{\"a\":1,\"a\":2}", "-", "9223372036854775808", "1e999",
  };
  TestLocale locale;

  if (!test_chinese_begin (&locale))
    return;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) english = NULL;
      g_autoptr(GError) chinese = NULL;

      test_chinese_pause (&locale);
      english = read_error (cases[i], strlen (cases[i]));
      test_chinese_resume ();
      chinese = read_error (cases[i], strlen (cases[i]));
      test_assert_both_languages (english->message, chinese->message, "(line 1, column ", NULL);
    }

  {
    SbJsonLimits small = limits;
    g_autoptr(GString) deep = nested (65, "");
    g_autoptr(GError) english = NULL;
    g_autoptr(GError) chinese = NULL;
    g_autoptr(GError) english_count = NULL;
    g_autoptr(GError) chinese_count = NULL;

    small.max_members = 1;
    test_chinese_pause (&locale);
    english = read_error (deep->str, deep->len);
    g_assert_false (sb_json_validate_strict ("{\"a\":1,\"b\":2}", 13, &small, &english_count));
    test_chinese_resume ();
    chinese = read_error (deep->str, deep->len);
    g_assert_false (sb_json_validate_strict ("{\"a\":1,\"b\":2}", 13, &small, &chinese_count));
    test_assert_both_languages (english->message, chinese->message, "nested more than 64 levels", NULL);
    test_assert_both_languages (english_count->message, chinese_count->message, "more than 1 members", NULL);
  }

  test_chinese_end (&locale);
}

/* The getters: each error in the caller's domain, with the JSON path and
 * the wording that the packet, review and draft tests expect. */
static const SbJsonErrorKind test_kind = { g_file_error_quark, G_FILE_ERROR_INVAL };

static void
test_getters (void)
{
  static const char *exact[] = { "name", "staff", "note", "gone", NULL };
  static const char *some[] = { "name", NULL };
  const char *text = "{\"name\": \"张伟\", \"staff\": [{\"age\": 3}], \"note\": null, \"gone\": 5}";
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = sb_json_parse_untrusted (text, strlen (text), 1024, 8, &parse_error);
  JsonObject *object;
  JsonArray *staff;
  JsonNode *age;
  struct {
    const char *key;
    SbJsonPresence presence;
    const char *message;   /* NULL: no error and NULL */
  } strings[] = {
    { "absent", SB_JSON_OPTIONAL, NULL },
    { "absent", SB_JSON_REQUIRED, "$.answers.absent is missing" },
    { "absent", SB_JSON_REQUIRED_OR_NULL, "$.answers.absent is missing" },
    { "note", SB_JSON_OPTIONAL, NULL },
    { "note", SB_JSON_REQUIRED, "$.answers.note: expected a string" },
    { "note", SB_JSON_REQUIRED_OR_NULL, NULL },
    { "gone", SB_JSON_OPTIONAL, "$.answers.gone: expected a string" },
  };

  g_assert_no_error (parse_error);
  object = json_node_get_object (root);

  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (sb_json_get_string (&test_kind, object, "$.answers", strings[i].key, strings[i].presence,
                                         G_MAXSIZE, &error));
      if (strings[i].message == NULL)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
          g_assert_cmpstr (error->message, ==, strings[i].message);
        }
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (sb_json_get_string (&test_kind, object, "$", "name", SB_JSON_REQUIRED, 6, &error), ==, "张伟");
    g_assert_null (sb_json_get_string (&test_kind, object, "$", "name", SB_JSON_REQUIRED, 5, &error));
    g_assert_cmpstr (error->message, ==, "$.name: a text longer than 5 bytes");
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) missing = NULL;
    g_autoptr(GError) element = NULL;

    g_assert_true (sb_json_check_members (&test_kind, object, "$", exact, TRUE, NULL));
    g_assert_false (sb_json_check_members (&test_kind, object, "$", some, FALSE, &error));
    g_assert_cmpstr (error->message, ==, "$: unknown member “staff”");
    g_assert_cmpstr (sb_json_find_unknown_member (object, exact), ==, NULL);

    staff = sb_json_get_array (&test_kind, object, "$.answers", "staff", SB_JSON_REQUIRED, NULL);
    g_assert_nonnull (staff);
    g_assert_null (sb_json_get_object (&test_kind, object, "$.answers", "staff", SB_JSON_REQUIRED, &missing));
    g_assert_cmpstr (missing->message, ==, "$.answers.staff: expected an object");
    age = json_object_get_member (json_array_get_object_element (staff, 0), "age");
    g_assert_null (sb_json_node_get_object (&test_kind, age, "$.answers.staff[0].age", &element));
    g_assert_cmpstr (element->message, ==, "$.answers.staff[0].age: expected an object");
    g_assert_true (sb_json_node_is_int_in (age, 0, 3));
    g_assert_false (sb_json_node_is_int_in (age, 4, 10));
  }

  {
    g_autofree char *member = sb_json_path_member ("$.answers", "staff");
    g_autofree char *index = sb_json_path_index (member, 3);
    g_autofree char *quoted = sb_json_quote ("a\u202eb");

    g_assert_cmpstr (index, ==, "$.answers.staff[3]");
    g_assert_null (strstr (quoted, "\u202e"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/accepted", test_accepted);
  g_test_add_func ("/json-reader/refused", test_refused);
  g_test_add_func ("/json-reader/where", test_where);
  g_test_add_func ("/json-reader/utf8-like-glib", test_utf8_like_glib);
  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/counts", test_counts);
  g_test_add_func ("/json-reader/colliding-names", test_colliding_names);
  g_test_add_func ("/json-reader/long-names", test_long_names);
  g_test_add_func ("/json-reader/limits-first", test_limits_first);
  g_test_add_func ("/json-reader/same-tree", test_same_tree);
  g_test_add_func ("/json-reader/canonical-text", test_canonical_text);
  g_test_add_func ("/json-reader/form-definitions", test_form_definitions);
  g_test_add_func ("/json-reader/every-reader", test_every_reader);
  g_test_add_func ("/json-reader/errors-in-chinese", test_errors_in_chinese);
  g_test_add_func ("/json-reader/getters", test_getters);

  return g_test_run ();
}
