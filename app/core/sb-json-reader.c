/* sb-json-reader.c — parsing JSON that came from somebody else
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-json-reader"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-json-reader.h"
#include "sb-safe-text.h"

G_DEFINE_QUARK (sb-json-reader-error-quark, sb_json_reader_error)

/* Why these bounds (sb_json_parse_untrusted() applies them to every caller):
 * json-glib keeps each object's members in a GHashTable keyed by
 * g_str_hash(), which an attacker can make collide (djb2: "Ez" and "FY"
 * hash alike, and so does every concatenation of them), so building one
 * object of n colliding names costs n² comparisons; and its tree costs
 * about 500 bytes a value (a million small values: 525 MB).  The largest
 * legitimate documents are far below both bounds: the widest object of a
 * packet, draft or definition is an answers object or a form's list of
 * fields (137 members in kejipeixun), and the 1,000-staff, 500-session
 * stress packet of tests/bench/bench-render.py (2.4 MB) holds 61,187 values,
 * 6 levels deep, its widest object 121 members.  4,096 members is 30 times
 * the widest and costs at most 8 million hash comparisons (0.12 s) when
 * every name collides; 1,048,576 values is 17 times the stress packet and
 * keeps a tree of a maximum-size packet within what a reviewer's machine
 * holds (1.25 GB for a 256 MiB packet of a million values). */
typedef struct
{
  char      kind;       /* '{' or '[' */
  guint     members;
  guint     first_key;  /* index in Scanner.keys of this object's first name */
  gsize     first_name; /* length of Scanner.names when the object opened */
  JsonNode *node;       /* when building: the container, owned by its parent (or Scanner.root) */
} Frame;

/* A member name: its unescaped bytes in Scanner.names, followed there by a
 * NUL so that json-glib can take it as it is. */
typedef struct
{
  gsize text;
  gsize length;
  gsize at;             /* offset of its opening quote, for the message */
} Key;

typedef struct
{
  const char         *data;
  gsize               length;
  gsize               pos;
  const SbJsonLimits *limits;
  GArray             *frames;  /* Frame: the open objects and arrays */
  GArray             *keys;    /* Key: the names of the open objects' members */
  GString            *names;   /* unescaped names of the open objects */
  guint               values;
  GError            **error;
  /* Building the tree while scanning (sb_json_parse_untrusted_full()):
   * every node is attached to its parent as soon as it exists, so that
   * freeing the root frees everything, whenever the scan stops. */
  gboolean            build;
  JsonNode           *root;
  GString            *text;    /* the unescaped bytes of the string value just read */
  gsize               member;  /* offset in names of the member whose value comes next */
  /* With root_members (sb_json_parse_untrusted_with_members()): whether
   * the text inside the root is still what sb-canonical-json.c would write
   * for its tree, and where the root's members are written. */
  GArray             *root_members;  /* SbJsonRootMember */
  gboolean            canonical;
} Scanner;

typedef enum {
  EXPECT_VALUE,
  EXPECT_MEMBER,
  AFTER_VALUE,
} ScanState;

static gboolean fail (Scanner    *s,
                      gsize       at,
                      int         code,
                      const char *format,
                      ...) G_GNUC_PRINTF (4, 5);

/* Always FALSE, so that a caller can return fail (…). */
static gboolean
fail (Scanner    *s,
      gsize       at,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  g_autofree char *line_text = NULL;
  g_autofree char *column_text = NULL;
  gsize line = 1, column = 1;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  /* Columns count characters, not bytes: an editor shows them so.  Counting
   * only when failing keeps the scan itself free of the bookkeeping. */
  at = MIN (at, s->length);
  for (gsize i = 0; i < at; i++)
    {
      guchar c = s->data[i];

      if (c == '\n')
        {
          line++;
          column = 1;
        }
      else if ((c & 0xC0) != 0x80)
        column++;
    }

  /* Numbers as strings: a G_GSIZE_FORMAT in a msgid differs between platforms. */
  line_text = g_strdup_printf ("%" G_GSIZE_FORMAT, line);
  column_text = g_strdup_printf ("%" G_GSIZE_FORMAT, column);
  if (code == SB_JSON_READER_ERROR_SYNTAX)
    /* Translators: what is wrong, then a line and a column number */
    g_set_error (s->error, SB_JSON_READER_ERROR, code, _("not valid JSON: %s (line %s, column %s)"),
                 what, line_text, column_text);
  else
    /* Translators: what is wrong, then a line and a column number */
    g_set_error (s->error, SB_JSON_READER_ERROR, code, _("%s (line %s, column %s)"), what, line_text, column_text);
  return FALSE;
}

/* The character at @at as a message shows it: “x” when it is printable
 * ASCII, else “U+XXXX” (it may be a control character or invisible). */
static char *
describe_char (Scanner *s,
               gsize    at)
{
  gunichar c;

  if (at >= s->length)
    return g_strdup (_("the end of the file"));
  c = g_utf8_get_char_validated (s->data + at, s->length - at);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    c = (guchar) s->data[at];
  if (c > 0x20 && c < 0x7F)
    return g_strdup_printf ("“%c”", (char) c);
  return g_strdup_printf ("“U+%04X”", c);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_space (Scanner *s)
{
  gsize start = s->pos;

  while (s->pos < s->length && is_space (s->data[s->pos]))
    s->pos++;
  /* The canonical form has no space inside the document (around it, it
   * is not part of the document). */
  if (s->pos != start && s->frames != NULL && s->frames->len > 0)
    s->canonical = FALSE;
}

/* What json-glib would also take but JSON is not; FALSE with the error
 * when @at starts one of them, TRUE when it does not. */
static gboolean
refuse_extension (Scanner *s,
                  gsize    at)
{
  if (at >= s->length)
    return TRUE;
  if (s->data[at] == '/' && at + 1 < s->length && (s->data[at + 1] == '*' || s->data[at + 1] == '/'))
    return fail (s, at, SB_JSON_READER_ERROR_SYNTAX, _("comments are not allowed in JSON"));
  if (s->data[at] == '\'')
    return fail (s, at, SB_JSON_READER_ERROR_SYNTAX,
                 _("strings must be in double quotes; single quotes are not allowed in JSON"));
  return TRUE;
}

static gboolean
read_hex4 (Scanner  *s,
           gsize     escape,
           gunichar *unit)
{
  *unit = 0;
  if (escape + 6 > s->length)
    return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX, _("“\\u” must be followed by four hexadecimal digits"));
  for (gsize i = escape + 2; i < escape + 6; i++)
    {
      int digit = g_ascii_xdigit_value (s->data[i]);

      if (digit < 0)
        return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX, _("“\\u” must be followed by four hexadecimal digits"));
      *unit = *unit * 16 + digit;
    }
  return TRUE;
}

/* Whether none of the eight bytes at @p ends a string's plain run: no
 * quote, backslash or control character.  Most of a packet's bytes are
 * in strings (the base64 of its files above all), and looking at a word at
 * a time instead of a byte took the string scan from 91 to 76 million
 * instructions for 150 packets. */
static inline gboolean
is_plain_word (const char *p)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 word, quote, backslash;

  memcpy (&word, p, sizeof word);
  quote = word ^ (ones * '"');
  backslash = word ^ (ones * '\\');
  /* A zero byte in quote or backslash, or a byte below 0x20 in word. */
  return (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((word - ones * 0x20) & ~word)) & high
         ? FALSE : TRUE;
}

/* The string at s->pos (its opening quote); with @out, its unescaped
 * bytes are appended to @out. */
static gboolean
scan_string (Scanner *s,
             GString *out)
{
  gsize start = s->pos;
  gsize run;

  g_assert (s->data[s->pos] == '"');
  s->pos++;
  run = s->pos;

  for (;;)
    {
      gsize escape;
      gunichar decoded;
      guchar c;

      while (s->pos + 8 <= s->length && is_plain_word (s->data + s->pos))
        s->pos += 8;
      if (s->pos >= s->length)
        return fail (s, start, SB_JSON_READER_ERROR_SYNTAX, _("the string that starts here is never closed"));

      c = s->data[s->pos];
      if (c == '"')
        break;
      if (c < 0x20)
        {
          g_autofree char *shown = describe_char (s, s->pos);

          return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX,
                       _("a control character (%s) in a string must be written as an escape"), shown);
        }
      if (c != '\\')
        {
          s->pos++;
          continue;
        }

      escape = s->pos;
      if (out != NULL)
        g_string_append_len (out, s->data + run, escape - run);
      if (escape + 1 >= s->length)
        return fail (s, start, SB_JSON_READER_ERROR_SYNTAX, _("the string that starts here is never closed"));

      s->pos = escape + 2;
      switch (s->data[escape + 1])
        {
        case '"': decoded = '"'; break;
        case '\\': decoded = '\\'; break;
        case '/': decoded = '/'; s->canonical = FALSE; break;
        case 'b': decoded = '\b'; break;
        case 'f': decoded = '\f'; break;
        case 'n': decoded = '\n'; break;
        case 'r': decoded = '\r'; break;
        case 't': decoded = '\t'; break;
        case 'u':
          {
            gunichar unit, low;

            if (!read_hex4 (s, escape, &unit))
              return FALSE;
            s->pos = escape + 6;
            /* The canonical writer escapes only a few control characters
             * this way: any "\\u" takes the serializer's way. */
            s->canonical = FALSE;
            /* json-glib and every C reader end the text at U+0000: what
             * follows it would be outside what is shown and hashed. */
            if (unit == 0)
              return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX, _("“\\u0000” is not allowed in a string"));
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX,
                           _("a low surrogate (“\\u%04X”) without a high surrogate before it is not a character"),
                           unit);
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (s->pos + 1 >= s->length || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
                  return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX,
                               _("a high surrogate (“\\u%04X”) without a low surrogate after it is not a character"),
                               unit);
                if (!read_hex4 (s, s->pos, &low))
                  return FALSE;
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX,
                               _("a high surrogate (“\\u%04X”) without a low surrogate after it is not a character"),
                               unit);
                s->pos += 6;
                decoded = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
              }
            else
              decoded = unit;
          }
          break;
        default:
          {
            g_autofree char *shown = describe_char (s, escape + 1);

            return fail (s, escape, SB_JSON_READER_ERROR_SYNTAX,
                         _("a backslash followed by %s is not a JSON escape"), shown);
          }
        }

      if (out != NULL)
        {
          char utf8[6];

          g_string_append_len (out, utf8, g_unichar_to_utf8 (decoded, utf8));
        }
      run = s->pos;
    }

  if (out != NULL)
    g_string_append_len (out, s->data + run, s->pos - run);
  s->pos++;
  return TRUE;
}

static gboolean
is_digit (Scanner *s,
          gsize    at)
{
  return at < s->length && g_ascii_isdigit (s->data[at]);
}

/* The node json-glib makes of a number: a whole number is an integer, any
 * other a double (which only a type check ever reads: amounts are
 * decimals in strings and are read exactly, see sb-answers-values.c). */
static JsonNode *
new_number_node (Scanner  *s,
                 gsize     start,
                 gboolean  whole,
                 double    fraction)
{
  JsonNode *node = json_node_alloc ();

  if (whole)
    {
      gboolean negative = s->data[start] == '-';
      gint64 value = 0;

      /* Within 64 bits (checked by the caller), so no step overflows:
       * negative numbers are summed downwards to reach the smallest. */
      for (gsize i = negative ? start + 1 : start; i < s->pos; i++)
        value = negative ? value * 10 - (s->data[i] - '0') : value * 10 + (s->data[i] - '0');
      json_node_init_int (node, value);
    }
  else
    json_node_init_double (node, fraction);
  return node;
}

static gboolean attach (Scanner  *s,
                        JsonNode *node);

/* RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos;
  gboolean fraction_or_exponent = FALSE;
  double fraction = 0;

  if (s->data[s->pos] == '-')
    s->pos++;

  if (s->pos < s->length && s->data[s->pos] == '0')
    {
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == 'x' || s->data[s->pos] == 'X'))
        return fail (s, start, SB_JSON_READER_ERROR_SYNTAX, _("hexadecimal numbers are not allowed in JSON"));
      if (is_digit (s, s->pos))
        return fail (s, start, SB_JSON_READER_ERROR_SYNTAX,
                     _("a number may not begin with a zero followed by more digits"));
    }
  else if (is_digit (s, s->pos))
    {
      while (is_digit (s, s->pos))
        s->pos++;
    }
  else if (s->pos < s->length && s->data[s->pos] == 'I')
    return fail (s, start, SB_JSON_READER_ERROR_SYNTAX, _("“NaN” and “Infinity” are not JSON numbers"));
  else
    return fail (s, start, SB_JSON_READER_ERROR_SYNTAX, _("a minus sign must be followed by a digit"));

  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      fraction_or_exponent = TRUE;
      s->pos++;
      if (!is_digit (s, s->pos))
        return fail (s, s->pos - 1, SB_JSON_READER_ERROR_SYNTAX, _("a decimal point must be followed by a digit"));
      while (is_digit (s, s->pos))
        s->pos++;
    }

  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      gsize exponent = s->pos;

      fraction_or_exponent = TRUE;
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!is_digit (s, s->pos))
        return fail (s, exponent, SB_JSON_READER_ERROR_SYNTAX, _("an exponent must have digits"));
      while (is_digit (s, s->pos))
        s->pos++;
    }

  /* A fraction is refused by the serializer, and "-0" is written "0". */
  if (fraction_or_exponent || (s->data[start] == '-' && s->data[start + 1] == '0'))
    s->canonical = FALSE;

  /* json-glib wraps a whole number beyond 64 bits (9223372036854775808 is
   * read as -9223372036854775808) and makes 1e999 infinite: another reader
   * would see a different number than the one the hash was computed on. */
  if (!fraction_or_exponent)
    {
      gboolean negative = s->data[start] == '-';
      gsize digits = s->pos - start - (negative ? 1 : 0);
      const char *bound = negative ? "9223372036854775808" : "9223372036854775807";

      if (digits > 19 || (digits == 19 && memcmp (s->data + s->pos - 19, bound, 19) > 0))
        return fail (s, start, SB_JSON_READER_ERROR_SYNTAX,
                     _("a whole number must lie between -9223372036854775808 and 9223372036854775807"));
    }
  else
    {
      g_autofree char *token = g_strndup (s->data + start, s->pos - start);

      fraction = g_ascii_strtod (token, NULL);
      if (!isfinite (fraction))
        return fail (s, start, SB_JSON_READER_ERROR_SYNTAX, _("the number is too large to be represented"));
    }

  /* "1.2.3", "12abc", "1e5x": what follows must end the number. */
  if (s->pos < s->length && (g_ascii_isalnum (s->data[s->pos]) || s->data[s->pos] == '.'
                             || s->data[s->pos] == '+' || s->data[s->pos] == '-'))
    {
      g_autofree char *shown = describe_char (s, s->pos);

      return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("unexpected %s after a number"), shown);
    }
  return !s->build || attach (s, new_number_node (s, start, !fraction_or_exponent, fraction));
}

static gboolean
starts_with (Scanner    *s,
             const char *word)
{
  gsize length = strlen (word);

  return s->length - s->pos >= length && memcmp (s->data + s->pos, word, length) == 0;
}

static const char *
key_bytes (Scanner   *s,
           const Key *key)
{
  return s->names->str + key->text;
}

/* Hands @node to the container being read (or makes it the root). */
static gboolean
attach (Scanner  *s,
        JsonNode *node)
{
  Frame *parent;

  if (s->frames->len == 0)
    {
      s->root = node;
      return TRUE;
    }
  parent = &g_array_index (s->frames, Frame, s->frames->len - 1);
  if (parent->kind == '[')
    json_array_add_element (json_node_get_array (parent->node), node);
  else
    json_object_set_member (json_node_get_object (parent->node), s->names->str + s->member, node);
  return TRUE;
}

static gint
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  Scanner *s = user_data;
  const Key *left = a, *right = b;
  int order = memcmp (key_bytes (s, left), key_bytes (s, right), MIN (left->length, right->length));

  if (order != 0)
    return order;
  if (left->length != right->length)
    return left->length < right->length ? -1 : 1;
  return left->at < right->at ? -1 : left->at > right->at;
}

/* Whether each name is greater than the one before it. */
static gboolean
keys_ascending (Scanner   *s,
                const Key *keys,
                guint      count)
{
  for (guint i = 1; i < count; i++)
    {
      int order = memcmp (key_bytes (s, &keys[i - 1]), key_bytes (s, &keys[i]),
                          MIN (keys[i - 1].length, keys[i].length));

      if (order > 0 || (order == 0 && keys[i - 1].length >= keys[i].length))
        return FALSE;
    }
  return TRUE;
}

/* Sorting the names of the object just closed and comparing neighbours
 * costs O(n log n) whatever the names, unlike a hash table an attacker
 * can make collide. */
static gboolean
check_duplicates (Scanner     *s,
                  const Frame *frame)
{
  Key *keys = &g_array_index (s->keys, Key, frame->first_key);
  guint count = s->keys->len - frame->first_key;
  const Key *found = NULL;

  /* Names already in ascending order, as every packet Shenbao writes has
   * them (canonical JSON), are distinct without sorting: one comparison
   * of neighbours instead of a sort (24,868 sorts, 34 million
   * instructions, for 150 packets). */
  if (count >= 2 && !keys_ascending (s, keys, count))
    {
      g_qsort_with_data (keys, count, sizeof (Key), compare_keys, s);
      for (guint i = 1; i < count; i++)
        if (keys[i].length == keys[i - 1].length
            && memcmp (key_bytes (s, &keys[i]), key_bytes (s, &keys[i - 1]), keys[i].length) == 0
            && (found == NULL || keys[i].at < found->at))
          found = &keys[i];
    }

  if (found != NULL)
    {
      g_autofree char *name = g_strndup (key_bytes (s, found), found->length);
      g_autofree char *shown = NULL;

      /* The name came from the file: controls shown, and not too long. */
      if (g_utf8_strlen (name, -1) > 64)
        {
          g_autofree char *start = g_utf8_substring (name, 0, 64);

          g_free (name);
          name = g_strconcat (start, "…", NULL);
        }
      shown = sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);
      return fail (s, found->at, SB_JSON_READER_ERROR_DUPLICATE_MEMBER,
                   _("the member name “%s” appears more than once in one object"), shown);
    }

  g_array_set_size (s->keys, frame->first_key);
  g_string_truncate (s->names, frame->first_name);
  return TRUE;
}

static gboolean
open_container (Scanner *s,
                char     kind)
{
  Frame frame = { kind, 0, s->keys->len, s->names->len, NULL };

  if (s->frames->len >= s->limits->max_depth)
    return fail (s, s->pos, SB_JSON_READER_ERROR_TOO_DEEP,
                 _("the JSON is nested more than %u levels deep"), s->limits->max_depth);
  if (s->build)
    {
      frame.node = json_node_alloc ();
      if (kind == '{')
        json_node_take_object (json_node_init (frame.node, JSON_NODE_OBJECT), json_object_new ());
      else
        json_node_take_array (json_node_init (frame.node, JSON_NODE_ARRAY), json_array_new ());
      attach (s, frame.node);
    }
  g_array_append_val (s->frames, frame);
  s->pos++;
  return TRUE;
}

static gboolean
scan_value (Scanner   *s,
            ScanState *next)
{
  char c;

  skip_space (s);
  if (s->pos >= s->length)
    return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("the file ends where a value was expected"));

  if (++s->values > s->limits->max_values)
    return fail (s, s->pos, SB_JSON_READER_ERROR_TOO_MANY,
                 _("the document holds more than %u values"), s->limits->max_values);

  *next = AFTER_VALUE;
  c = s->data[s->pos];
  switch (c)
    {
    case '{':
    case '[':
      if (!open_container (s, c))
        return FALSE;
      skip_space (s);
      if (s->pos < s->length && s->data[s->pos] == (c == '{' ? '}' : ']'))
        {
          /* Empty: nothing to compare. */
          g_array_set_size (s->frames, s->frames->len - 1);
          s->pos++;
        }
      else
        *next = c == '{' ? EXPECT_MEMBER : EXPECT_VALUE;
      return TRUE;

    case '"':
      if (!s->build)
        return scan_string (s, NULL);
      g_string_truncate (s->text, 0);
      if (!scan_string (s, s->text))
        return FALSE;
      return attach (s, json_node_init_string (json_node_alloc (), s->text->str));

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s);

    case '+':
      return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("a number may not begin with “+”"));

    case '.':
      return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("a number must have a digit before the decimal point"));

    default:
      break;
    }

  for (guint i = 0; i < 3; i++)
    {
      static const char *words[] = { "true", "false", "null" };

      if (starts_with (s, words[i]))
        {
          s->pos += strlen (words[i]);
          if (s->pos < s->length && g_ascii_isalnum (s->data[s->pos]))
            {
              g_autofree char *shown = describe_char (s, s->pos);

              return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("unexpected %s after “%s”"), shown, words[i]);
            }
          if (!s->build)
            return TRUE;
          if (i == 2)
            return attach (s, json_node_init_null (json_node_alloc ()));
          return attach (s, json_node_init_boolean (json_node_alloc (), i == 0));
        }
    }

  if (starts_with (s, "NaN") || starts_with (s, "Infinity"))
    return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("“NaN” and “Infinity” are not JSON numbers"));
  if (s->pos == 0 && starts_with (s, "\xEF\xBB\xBF"))
    return fail (s, 0, SB_JSON_READER_ERROR_SYNTAX,
                 _("the file begins with a byte order mark (“U+FEFF”), which JSON does not allow"));
  if (!refuse_extension (s, s->pos))
    return FALSE;

  {
    g_autofree char *shown = describe_char (s, s->pos);

    return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("unexpected %s where a value was expected"), shown);
  }
}

/* Canonical members follow each other in UTF-16 order, which is the
 * order of their UTF-8 bytes unless a name has a character beyond U+FFFF
 * (taken the serializer's way).  A member of the root is noted with where
 * it starts. */
static void
note_member (Scanner   *s,
             Frame     *frame,
             const Key *key)
{
  const char *name = key_bytes (s, key);

  for (gsize i = 0; i < key->length; i++)
    if ((guchar) name[i] >= 0xF0)
      s->canonical = FALSE;
  if (frame->members > 1)
    {
      const Key *previous = &g_array_index (s->keys, Key, s->keys->len - 2);
      int order = memcmp (key_bytes (s, previous), name, MIN (previous->length, key->length));

      if (order > 0 || (order == 0 && previous->length >= key->length))
        s->canonical = FALSE;
    }
  if (s->frames->len == 1)
    {
      SbJsonRootMember member = { g_strndup (name, key->length), key->at, 0 };

      g_array_append_val (s->root_members, member);
    }
}

static gboolean
scan_member_name (Scanner *s)
{
  Frame *frame = &g_array_index (s->frames, Frame, s->frames->len - 1);
  Key key = { 0, };

  skip_space (s);
  if (s->pos >= s->length)
    return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("the file ends inside an object"));
  if (s->data[s->pos] != '"')
    {
      g_autofree char *shown = NULL;

      if (!refuse_extension (s, s->pos))
        return FALSE;
      shown = describe_char (s, s->pos);
      return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX,
                   _("expected a member name in double quotes, found %s"), shown);
    }

  if (++frame->members > s->limits->max_members)
    return fail (s, s->pos, SB_JSON_READER_ERROR_TOO_MANY,
                 _("an object has more than %u members"), s->limits->max_members);

  key.at = s->pos;
  key.text = s->names->len;
  if (!scan_string (s, s->names))
    return FALSE;
  key.length = s->names->len - key.text;
  g_string_append_c (s->names, '\0');
  g_array_append_val (s->keys, key);
  s->member = key.text;
  if (s->root_members != NULL)
    note_member (s, frame, &key);

  skip_space (s);
  if (s->pos >= s->length || s->data[s->pos] != ':')
    {
      g_autofree char *shown = NULL;

      if (!refuse_extension (s, s->pos))
        return FALSE;
      shown = describe_char (s, s->pos);
      return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX, _("expected “:” after a member name, found %s"), shown);
    }
  s->pos++;
  return TRUE;
}

static gboolean
scan_after_value (Scanner   *s,
                  ScanState *next,
                  gboolean  *done)
{
  Frame *frame;
  char close;

  /* A value of the root object's member ends here. */
  if (s->root_members != NULL && s->frames->len == 1 && s->root_members->len > 0)
    g_array_index (s->root_members, SbJsonRootMember, s->root_members->len - 1).end = s->pos;

  skip_space (s);
  if (s->frames->len == 0)
    {
      if (s->pos < s->length)
        {
          if (!refuse_extension (s, s->pos))
            return FALSE;
          return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX,
                       _("more text follows the end of the JSON document"));
        }
      *done = TRUE;
      return TRUE;
    }

  frame = &g_array_index (s->frames, Frame, s->frames->len - 1);
  close = frame->kind == '{' ? '}' : ']';
  if (s->pos >= s->length)
    return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX,
                 frame->kind == '{' ? _("the file ends inside an object") : _("the file ends inside an array"));

  if (s->data[s->pos] == ',')
    {
      s->pos++;
      *next = frame->kind == '{' ? EXPECT_MEMBER : EXPECT_VALUE;
      return TRUE;
    }

  if (s->data[s->pos] == close)
    {
      if (frame->kind == '{' && !check_duplicates (s, frame))
        return FALSE;
      g_array_set_size (s->frames, s->frames->len - 1);
      s->pos++;
      *next = AFTER_VALUE;
      return TRUE;
    }

  if (!refuse_extension (s, s->pos))
    return FALSE;

  {
    g_autofree char *shown = describe_char (s, s->pos);

    return fail (s, s->pos, SB_JSON_READER_ERROR_SYNTAX,
                 frame->kind == '{' ? _("expected “,” or “}” after a member, found %s")
                                    : _("expected “,” or “]” after an element, found %s"),
                 shown);
  }
}

/* g_utf8_validate() with a length (which refuses NUL bytes too), with
 * the same @end, but taking runs of ASCII eight bytes at a time: a packet
 * is mostly base64 and field names, and g_utf8_validate() looks at each
 * byte (3% of validate's instructions, 73 million for 150 packets).  The
 * text between two runs is handed to g_utf8_validate() up to the next
 * ASCII byte, which no character's encoding contains, so no character is
 * cut and an invalid one is found where g_utf8_validate() finds it. */
static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **end)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  while (i < length)
    {
      gsize next;

      while (i + 8 <= length)
        {
          guint64 word;

          memcpy (&word, data + i, sizeof word);
          /* Any byte at 0x80 or above, or a zero byte. */
          if ((word & high) != 0 || ((word - ones) & ~word & high) != 0)
            break;
          i += 8;
        }
      while (i < length && (guchar) data[i] < 0x80 && data[i] != '\0')
        i++;
      if (i >= length)
        break;
      for (next = i + 1; next < length && (guchar) data[next] >= 0x80; next++)
        ;
      if (!g_utf8_validate_len (data + i, next - i, end))
        return FALSE;
      i = next;
    }
  if (end != NULL)
    *end = data + length;
  return TRUE;
}

/* The strict scan; with @root, it also builds the tree, which is returned
 * only when the whole text was accepted. */
static gboolean
scan (const char          *data,
      gsize                length,
      const SbJsonLimits  *limits,
      JsonNode           **root,
      GArray              *root_members,
      GError             **error)
{
  g_autoptr(GArray) frames = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GString) names = NULL;
  g_autoptr(GString) text = NULL;
  Scanner s = { 0, };
  ScanState state = EXPECT_VALUE;
  gboolean done = FALSE;
  const char *invalid = NULL;

  s.data = data;
  s.length = length;
  s.limits = limits;
  s.error = error;
  s.root_members = root_members;
  s.canonical = TRUE;

  if (length == 0)
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX, _("the file is empty"));
      return FALSE;
    }

  if (!validate_utf8 (data, length, &invalid))
    {
      fail (&s, invalid - data, SB_JSON_READER_ERROR_NOT_UTF8, _("the file is not UTF-8 text"));
      return FALSE;
    }

  skip_space (&s);
  if (s.pos >= length)
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX, _("the file is empty"));
      return FALSE;
    }

  frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  keys = g_array_new (FALSE, FALSE, sizeof (Key));
  names = g_string_new (NULL);
  s.frames = frames;
  s.keys = keys;
  s.names = names;
  if (root != NULL)
    {
      text = g_string_new (NULL);
      s.build = TRUE;
      s.text = text;
    }

  while (!done)
    {
      gboolean ok;

      switch (state)
        {
        case EXPECT_VALUE:
          ok = scan_value (&s, &state);
          break;
        case EXPECT_MEMBER:
          ok = scan_member_name (&s);
          state = EXPECT_VALUE;
          break;
        case AFTER_VALUE:
        default:
          ok = scan_after_value (&s, &state, &done);
          break;
        }
      if (!ok)
        {
          g_clear_pointer (&s.root, json_node_unref);
          return FALSE;
        }
    }

  if (root != NULL)
    *root = s.root;
  if (root_members != NULL && !(s.canonical && data[0] == '{'))
    g_array_set_size (root_members, 0);
  return TRUE;
}

gboolean
sb_json_validate_strict (const char          *data,
                         gsize                length,
                         const SbJsonLimits  *limits,
                         GError             **error)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return scan (data, length, limits, NULL, NULL, error);
}

static JsonNode *
parse (const char          *data,
       gsize                length,
       const SbJsonLimits  *limits,
       GArray              *root_members,
       GError             **error)
{
  JsonNode *root = NULL;

  g_return_val_if_fail (limits != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty file has no bytes at all (and GBytes may give NULL for it). */
  if (data == NULL || length == 0)
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }

  if (length > limits->max_length)
    {
      /* Numbers as strings: a G_GSIZE_FORMAT in a msgid differs between platforms. */
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, limits->max_length);

      /* Translators: two byte counts */
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_LARGE,
                   _("the file is %s bytes; at most %s are accepted"), size, limit);
      return NULL;
    }

  if (!scan (data, length, limits, &root, root_members, error))
    return NULL;
  return root;
}

JsonNode *
sb_json_parse_untrusted_full (const char          *data,
                              gsize                length,
                              const SbJsonLimits  *limits,
                              GError             **error)
{
  return parse (data, length, limits, NULL, error);
}

static void
root_member_clear (gpointer data)
{
  g_free (((SbJsonRootMember *) data)->name);
}

JsonNode *
sb_json_parse_untrusted_with_members (const char  *data,
                                      gsize        length,
                                      gsize        max_length,
                                      guint        max_depth,
                                      GArray     **canonical_members,
                                      GError     **error)
{
  SbJsonLimits limits = { max_length, max_depth, SB_JSON_MAX_MEMBERS, SB_JSON_MAX_VALUES };
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (SbJsonRootMember));
  JsonNode *root;

  g_return_val_if_fail (canonical_members != NULL, NULL);

  g_array_set_clear_func (members, root_member_clear);
  *canonical_members = NULL;
  root = parse (data, length, &limits, members, error);
  /* An empty root object is canonical too, but has nothing to point at. */
  if (root != NULL && members->len > 0)
    *canonical_members = g_steal_pointer (&members);
  return root;
}

JsonNode *
sb_json_parse_untrusted (const char  *data,
                         gsize        length,
                         gsize        max_length,
                         guint        max_depth,
                         GError     **error)
{
  SbJsonLimits limits = { max_length, max_depth, SB_JSON_MAX_MEMBERS, SB_JSON_MAX_VALUES };

  return sb_json_parse_untrusted_full (data, length, &limits, error);
}

JsonNode *
sb_json_deep_copy (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        JsonNode *result = json_node_new (JSON_NODE_OBJECT);

        json_object_iter_init_ordered (&iter, source);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (copy, name, sb_json_deep_copy (member));
        json_node_set_object (result, copy);
        return result;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (source));
        JsonNode *result = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (copy, sb_json_deep_copy (json_array_get_element (source, i)));
        json_node_set_array (result, copy);
        return result;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      {
        /* Scalars are copied by value; the copy is mutable. */
        JsonNode *result = json_node_copy (node);

        if (json_node_is_immutable (result))
          {
            JsonNode *mutable_copy = json_node_new (json_node_get_node_type (node));

            if (JSON_NODE_HOLDS_VALUE (node))
              {
                GValue value = G_VALUE_INIT;

                json_node_get_value (node, &value);
                json_node_set_value (mutable_copy, &value);
                g_value_unset (&value);
              }
            json_node_unref (result);
            result = mutable_copy;
          }
        return result;
      }
    }
}

