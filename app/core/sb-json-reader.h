/* sb-json-reader.h — parsing JSON that came from somebody else
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_JSON_READER_ERROR (sb_json_reader_error_quark ())

typedef enum {
  SB_JSON_READER_ERROR_TOO_LARGE,
  SB_JSON_READER_ERROR_TOO_DEEP,
  SB_JSON_READER_ERROR_NOT_UTF8,
  SB_JSON_READER_ERROR_SYNTAX,
  /* Two members of one object with the same name (after unescaping). */
  SB_JSON_READER_ERROR_DUPLICATE_MEMBER,
  /* More members in one object, or values in the document, than allowed. */
  SB_JSON_READER_ERROR_TOO_MANY,
} SbJsonReaderError;

/* What one kind of file may cost before json-glib builds anything. */
typedef struct {
  gsize max_length;   /* bytes */
  guint max_depth;    /* open [ and { at once */
  guint max_members;  /* members of any one object */
  guint max_values;   /* values in the whole document, containers included */
} SbJsonLimits;

/* The members and values bounds that sb_json_parse_untrusted() applies
 * (the reasons are in sb-json-reader.c). */
#define SB_JSON_MAX_MEMBERS 4096
#define SB_JSON_MAX_VALUES  (1024 * 1024)

GQuark    sb_json_reader_error_quark (void);

/* Whether @data is exactly one RFC 8259 JSON text within @limits: no
 * comments, single quotes, hexadecimal, leading-zero or other non-JSON
 * numbers, no escapes but the standard ones, surrogates only in pairs, no
 * \u0000, no raw control characters in strings, no byte order mark, nothing
 * but white space after the document, and no object with two members of
 * the same name.  The scan never recurses and costs O(n log n) in the
 * worst case.  Errors say where (line and column) and what. */
gboolean  sb_json_validate_strict    (const char          *data,
                                      gsize                length,
                                      const SbJsonLimits  *limits,
                                      GError             **error);

/* Parses @data into a mutable tree in the one pass of the strict scan
 * (the checks and errors of sb_json_validate_strict()), never recursing,
 * rather than by json-glib's parser, which recurses once per level of
 * nesting, accepts more than JSON and keeps the last of two equal member
 * names.  The tree is json-glib's to the bit: whole numbers are integers,
 * numbers with a point or an exponent doubles. */
JsonNode *sb_json_parse_untrusted_full (const char          *data,
                                        gsize                length,
                                        const SbJsonLimits  *limits,
                                        GError             **error);

/* The same with SB_JSON_MAX_MEMBERS and SB_JSON_MAX_VALUES. */
JsonNode *sb_json_parse_untrusted    (const char  *data,
                                      gsize        length,
                                      gsize        max_length,
                                      guint        max_depth,
                                      GError     **error);

/* A member of the root object as the text writes it: from its name's
 * opening quote to the end of its value. */
typedef struct {
  char  *name;
  gsize  start;
  gsize  end;
} SbJsonRootMember;

/* sb_json_parse_untrusted() that also says whether the text inside the
 * root object is already, byte for byte, what sb-canonical-json.c writes
 * for the tree it gives (no space, members in order, only the escapes the
 * writer makes, whole numbers only; a packet as Shenbao writes it): then
 * @canonical_members is the root's members in the order written
 * (SbJsonRootMember, an array to free), so that the canonical bytes can be
 * hashed from the text without serializing the tree again; otherwise NULL. */
JsonNode *sb_json_parse_untrusted_with_members (const char  *data,
                                                gsize        length,
                                                gsize        max_length,
                                                guint        max_depth,
                                                GArray     **canonical_members,
                                                GError     **error);

/* A copy that shares nothing with @node (json_node_copy() shares objects
 * and arrays).  Callers bound the depth (the reader above does). */
JsonNode *sb_json_deep_copy          (JsonNode    *node);

/* Reading the tree (sb-json-members.c): typed members with the JSON path in
 * every error.
 *
 * The errors are in the caller's domain and code (a packet's stay
 * SB_PACKET_ERROR_INVALID), named once per file kind:
 *
 *   static const SbJsonErrorKind packet_json = { sb_packet_error_quark, SB_PACKET_ERROR_INVALID };
 *
 * Paths are written as in the messages: "$", "$.answers", "$.answers.staff[3]";
 * a member's path is @path.@key. */
typedef struct {
  GQuark (*domain) (void);
  int      code;
} SbJsonErrorKind;

typedef enum {
  /* Absent or null: NULL, and no error. */
  SB_JSON_OPTIONAL,
  /* Absent: "$.x is missing"; null: the wrong type. */
  SB_JSON_REQUIRED,
  /* Absent: "$.x is missing"; null: NULL, and no error. */
  SB_JSON_REQUIRED_OR_NULL,
} SbJsonPresence;

/* @text as an error may quote a value of somebody else's file: control
 * and bidi characters written out, and at most 64 characters, so that
 * neither a terminal nor a window is steered or flooded by it. */
char        *sb_json_quote               (const char  *text);

/* A place in a JSON tree as a chain of steps up to a root, kept on the
 * stack while a tree is walked and written out only when a message needs
 * it, not for each of a packet's thousands of values. */
typedef struct SbJsonPathStep SbJsonPathStep;
struct SbJsonPathStep
{
  const SbJsonPathStep *parent;   /* NULL: the root */
  const char           *name;     /* a member's name, or NULL for an index */
  guint                 index;
};

/* Appends "@root.name[3]…" for @step; the names as sb_json_quote() shows
 * them when @quote_names (they came from somebody else's file). */
void         sb_json_path_append         (GString              *path,
                                          const SbJsonPathStep *step,
                                          const char           *root,
                                          gboolean              quote_names);

/* "@path.@key" and "@path[@index]". */
char        *sb_json_path_member         (const char  *path,
                                          const char  *key);
char        *sb_json_path_index          (const char  *path,
                                          guint        index);

gboolean     sb_json_node_is_string      (JsonNode    *node);
gboolean     sb_json_node_is_bool        (JsonNode    *node);
gboolean     sb_json_node_is_int         (JsonNode    *node);
/* Whether @node is an integer from @min to @max. */
gboolean     sb_json_node_is_int_in      (JsonNode    *node,
                                          gint64       min,
                                          gint64       max);

/* The first member of @object that is not among @allowed (NULL-terminated),
 * or NULL. */
const char  *sb_json_find_unknown_member (JsonObject         *object,
                                          const char * const *allowed);

/* Every member of @object is among @allowed ("$: unknown member “x”");
 * with @all_required, every one of them is there too ("$.x is missing").
 * The names in @allowed must be distinct. */
gboolean     sb_json_check_members       (const SbJsonErrorKind  *kind,
                                          JsonObject             *object,
                                          const char             *path,
                                          const char * const     *allowed,
                                          gboolean                all_required,
                                          GError                **error);

/* A string member of at most @max_bytes ("$.x: a text longer than N
 * bytes"), borrowed from @object.  NULL with @error set when it is wrong,
 * NULL without when @presence allows it to be absent or null. */
const char  *sb_json_get_string          (const SbJsonErrorKind  *kind,
                                          JsonObject             *object,
                                          const char             *path,
                                          const char             *key,
                                          SbJsonPresence          presence,
                                          gsize                   max_bytes,
                                          GError                **error);
/* An object or an array member, likewise. */
JsonObject  *sb_json_get_object          (const SbJsonErrorKind  *kind,
                                          JsonObject             *object,
                                          const char             *path,
                                          const char             *key,
                                          SbJsonPresence          presence,
                                          GError                **error);
JsonArray   *sb_json_get_array           (const SbJsonErrorKind  *kind,
                                          JsonObject             *object,
                                          const char             *path,
                                          const char             *key,
                                          SbJsonPresence          presence,
                                          GError                **error);
/* @node (an element at @path) as an object: "$.x[2]: expected an object". */
JsonObject  *sb_json_node_get_object     (const SbJsonErrorKind  *kind,
                                          JsonNode               *node,
                                          const char             *path,
                                          GError                **error);

G_END_DECLS
