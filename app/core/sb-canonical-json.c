/* sb-canonical-json.c — one byte sequence per JSON value (RFC 8785 subset)
 *
 * Packets of a thousand table rows are serialized three times when they
 * are read and rendered (integrity, reference, embedding), so this is
 * written to do little per value: plain runs of a string are copied at
 * once, the JSON path is a chain of steps on the stack that is only
 * written out for an error message, and keys are converted to UTF-16 only in objects that
 * have a key outside ASCII, where byte order and UTF-16 order can differ.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-canonical-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

#include "sb-canonical-json.h"
#include "sb-json-reader.h"

typedef struct
{
  const char *name;
  gunichar2  *utf16;   /* NULL when every key of the object is ASCII */
  glong       length;
  JsonNode   *value;
} Member;

/* Hashing instead of keeping: what serialize() writes is handed to SHA-256
 * whenever FLUSH_BYTES have gathered, so a packet is hashed in one pass
 * without its canonical bytes ever being whole in memory.  The members of
 * the root named in @part_members are also hashed on their own, as the
 * object they would make: byte for byte the serialization of that object,
 * since the order of a subset of sorted members is its sorted order. */
typedef struct
{
  struct sha256_ctx         whole;
  struct sha256_ctx         part;
  const char * const       *part_members;
  gboolean                  in_part;
  guint                     n_part;
} Hasher;

#define FLUSH_BYTES (64 * 1024)

/* Objects up to this size sort their members on the stack. */
#define STACK_MEMBERS 16

static void
flush (GString *out,
       Hasher  *hasher)
{
  if (hasher == NULL || out->len == 0)
    return;
  sha256_update (&hasher->whole, out->len, (const guint8 *) out->str);
  if (hasher->in_part)
    sha256_update (&hasher->part, out->len, (const guint8 *) out->str);
  g_string_truncate (out, 0);
}

static void
flush_when_full (GString *out,
                 Hasher  *hasher)
{
  if (hasher != NULL && out->len >= FLUSH_BYTES)
    flush (out, hasher);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a, *mb = b;
  glong n = MIN (ma->length, mb->length);

  /* RFC 8785 §3.2.3: compare the UTF-16 code units. */
  for (glong i = 0; i < n; i++)
    if (ma->utf16[i] != mb->utf16[i])
      return ma->utf16[i] < mb->utf16[i] ? -1 : 1;
  return (ma->length > mb->length) - (ma->length < mb->length);
}

/* For ASCII keys, bytes are UTF-16 code units. */
static int
compare_ascii_members (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (((const Member *) a)->name, ((const Member *) b)->name);
}

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p >= 0x80)
      return FALSE;
  return TRUE;
}

static void
append_string (GString    *out,
               const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
          escape = "\\\"";
          break;
        case '\\':
          escape = "\\\\";
          break;
        case '\b':
          escape = "\\b";
          break;
        case '\f':
          escape = "\\f";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        case '\t':
          escape = "\\t";
          break;
        default:
          escape = NULL;
          g_string_append_printf (out, "\\u%04x", c);
        }
      if (escape != NULL)
        g_string_append (out, escape);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  int i = sizeof digits;
  guint64 magnitude = value < 0 ? - (guint64) value : (guint64) value;

  do
    {
      digits[--i] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    digits[--i] = '-';
  g_string_append_len (out, digits + i, sizeof digits - i);
}

/* "{" before the first member of the part, "," before the others, then
 * the member's name. */
static void
begin_part_member (Hasher     *hasher,
                   const char *name)
{
  g_autoptr(GString) head = g_string_new (hasher->n_part == 0 ? "{" : ",");

  append_string (head, name);
  g_string_append_c (head, ':');
  sha256_update (&hasher->part, head->len, (const guint8 *) head->str);
  hasher->n_part++;
}

/* @skip (NULL or a NULL-terminated list of names) and @hasher's part only
 * apply to the root (@root). */
static gboolean
serialize (GString              *out,
           JsonNode             *node,
           const SbJsonPathStep *path,
           const char * const   *skip,
           Hasher               *hasher,
           gboolean              root,
           GError              **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          append_int (out, json_node_get_int (node));
        else
          {
            g_autoptr(GString) shown_path = g_string_new (NULL);

            sb_json_path_append (shown_path, path, "$", FALSE);
            g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         _("%s: a number with a fraction; decimals must be written as strings"), shown_path->str);
            return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            SbJsonPathStep step = { path, NULL, i };

            if (i > 0)
              g_string_append_c (out, ',');
            if (!serialize (out, json_array_get_element (array, i), &step, NULL, hasher, FALSE, error))
              return FALSE;
            flush_when_full (out, hasher);
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        guint size = json_object_get_size (object);
        Member on_stack[STACK_MEMBERS];
        g_autofree Member *on_heap = size > STACK_MEMBERS ? g_new (Member, size) : NULL;
        Member *members = on_heap != NULL ? on_heap : on_stack;
        guint n_members = 0;
        JsonObjectIter iter;
        gboolean ascii = TRUE;
        gboolean ok = TRUE;
        Member member = { NULL, NULL, 0, NULL };

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &member.name, &member.value))
          {
            if (root && skip != NULL && g_strv_contains (skip, member.name))
              continue;
            ascii = ascii && is_ascii (member.name);
            g_assert (n_members < size);
            members[n_members++] = member;
          }

        if (ascii)
          qsort (members, n_members, sizeof (Member), compare_ascii_members);
        else
          {
            for (guint i = 0; i < n_members; i++)
              {
                Member *m = &members[i];

                m->utf16 = g_utf8_to_utf16 (m->name, -1, NULL, &m->length, NULL);
                if (m->utf16 == NULL)
                  m->length = 0;
              }
            qsort (members, n_members, sizeof (Member), compare_members);
          }

        g_string_append_c (out, '{');
        for (guint i = 0; i < n_members && ok; i++)
          {
            Member *m = &members[i];
            SbJsonPathStep step = { path, m->name, 0 };
            gboolean part = root && hasher != NULL && hasher->part_members != NULL &&
                            g_strv_contains (hasher->part_members, m->name);

            if (i > 0)
              g_string_append_c (out, ',');
            append_string (out, m->name);
            g_string_append_c (out, ':');
            if (part)
              {
                flush (out, hasher);
                begin_part_member (hasher, m->name);
                hasher->in_part = TRUE;
              }
            ok = serialize (out, m->value, &step, NULL, hasher, FALSE, error);
            if (part)
              {
                flush (out, hasher);
                hasher->in_part = FALSE;
              }
            flush_when_full (out, hasher);
          }
        g_string_append_c (out, '}');

        for (guint i = 0; i < n_members; i++)
          g_free (members[i].utf16);
        return ok;
      }

    default:
      return FALSE;
    }
}

static GBytes *
serialize_root (JsonNode            *node,
                const char * const  *skip,
                GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!serialize (out, node, NULL, skip, NULL, TRUE, error))
    return NULL;

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
sb_canonical_json_serialize (JsonNode  *node,
                             GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);

  return serialize_root (node, NULL, error);
}

GBytes *
sb_canonical_json_serialize_without (JsonNode    *node,
                                     const char  *member,
                                     GError     **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  const char *skip[] = { member, NULL };

  g_return_val_if_fail (member != NULL, NULL);

  return serialize_root (node, skip, error);
}

gboolean
sb_canonical_json_sha256_without (JsonNode           *node,
                                  const char * const *members,
                                  const char * const *part_members,
                                  guint8              digest[SB_SHA256_DIGEST_SIZE],
                                  guint8              part_digest[SB_SHA256_DIGEST_SIZE],
                                  GError            **error)
{
  g_autoptr(GString) out = g_string_sized_new (FLUSH_BYTES + 4096);
  Hasher hasher = { .part_members = part_members };

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);
  g_return_val_if_fail (part_members == NULL || part_digest != NULL, FALSE);

  sha256_init (&hasher.whole);
  sha256_init (&hasher.part);
  if (!serialize (out, node, NULL, members, &hasher, TRUE, error))
    return FALSE;
  flush (out, &hasher);
  sha256_digest (&hasher.whole, SB_SHA256_DIGEST_SIZE, digest);
  if (part_members != NULL)
    {
      /* No member of the part in the root: the empty object. */
      sha256_update (&hasher.part, hasher.n_part == 0 ? 2 : 1, (const guint8 *) (hasher.n_part == 0 ? "{}" : "}"));
      sha256_digest (&hasher.part, SB_SHA256_DIGEST_SIZE, part_digest);
    }
  return TRUE;
}

void
sb_canonical_json_sha256_of_text (const char         *data,
                                  GArray             *canonical_members,
                                  const char * const *members,
                                  const char * const *part_members,
                                  guint8              digest[SB_SHA256_DIGEST_SIZE],
                                  guint8              part_digest[SB_SHA256_DIGEST_SIZE])
{
  struct sha256_ctx whole, part;
  guint n_whole = 0, n_part = 0;

  g_return_if_fail (data != NULL && canonical_members != NULL && digest != NULL);
  g_return_if_fail (part_members == NULL || part_digest != NULL);

  /* As serialize() writes the root: "{", the members kept, each as it is
   * written, between commas, and "}"; the part likewise. */
  sha256_init (&whole);
  sha256_init (&part);
  for (guint i = 0; i < canonical_members->len; i++)
    {
      const SbJsonRootMember *member = &g_array_index (canonical_members, SbJsonRootMember, i);
      const guint8 *bytes = (const guint8 *) data + member->start;
      gsize length = member->end - member->start;

      if (members != NULL && g_strv_contains (members, member->name))
        continue;
      sha256_update (&whole, 1, (const guint8 *) (n_whole++ == 0 ? "{" : ","));
      sha256_update (&whole, length, bytes);
      if (part_members != NULL && g_strv_contains (part_members, member->name))
        {
          sha256_update (&part, 1, (const guint8 *) (n_part++ == 0 ? "{" : ","));
          sha256_update (&part, length, bytes);
        }
    }
  sha256_update (&whole, n_whole == 0 ? 2 : 1, (const guint8 *) (n_whole == 0 ? "{}" : "}"));
  sha256_digest (&whole, SB_SHA256_DIGEST_SIZE, digest);
  if (part_members != NULL)
    {
      sha256_update (&part, n_part == 0 ? 2 : 1, (const guint8 *) (n_part == 0 ? "{}" : "}"));
      sha256_digest (&part, SB_SHA256_DIGEST_SIZE, part_digest);
    }
}

void
sb_sha256 (gconstpointer data,
           gsize         length,
           guint8        digest[SB_SHA256_DIGEST_SIZE])
{
  struct sha256_ctx context;

  sha256_init (&context);
  sha256_update (&context, length, data);
  sha256_digest (&context, SB_SHA256_DIGEST_SIZE, digest);
}

char *
sb_sha256_hex (const guint8 digest[SB_SHA256_DIGEST_SIZE])
{
  static const char digits[] = "0123456789abcdef";
  char *hex = g_malloc (SB_SHA256_DIGEST_SIZE * 2 + 1);

  for (guint i = 0; i < SB_SHA256_DIGEST_SIZE; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[SB_SHA256_DIGEST_SIZE * 2] = '\0';
  return hex;
}
