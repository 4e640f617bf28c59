/* sb-pdf-verify.c — whether a packet PDF is exactly what its packet renders to
 *
 * A PDF from a stranger is trusted only as far as what a reader sees in it
 * is the packet it carries.  Looking for the reference number and the hash
 * on the cover is not enough: the other pages can be replaced, the cover
 * painted over, an update appended, scripts or a second file added.  The
 * renderer is deterministic (the same packet gives the same bytes), so the
 * strong check is possible: render the embedded packet afresh and require
 * that every page, and every other object a reader acts on, is the same.
 * The scans before it say in plain words what is wrong when it is one of
 * the usual attacks.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-verify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#include "sb-pdf-private.h"
#include "sb-pdf-renderer.h"
#include "sb-pdf-sign.h"
#include "sb-pdf-verify.h"
#include "sb-safe-text.h"

/* A packet PDF of the largest packet has some tens of thousands of
 * objects; a walk that meets more than this is not of one of ours and is
 * stopped rather than followed. */
#define MAX_NODES 2000000
/* How many findings a message lists before "…". */
#define MAX_LISTED 6

/* What the walk over the PDF's objects found. */
typedef enum {
  ROLE_NONE,
  ROLE_ACTION,       /* the dictionary under /A, /OpenAction, an action's /Next or in /AA */
  ROLE_ACTION_LIST,  /* an array of actions under an action's /Next */
  ROLE_ACTIONS,      /* the value of /AA: a dictionary of actions */
  ROLE_ANNOTS,       /* the value of /Annots: an array of annotations */
  ROLE_ANNOT,
} Role;

typedef struct {
  qpdf_oh oh;
  Role    role;
} ScanItem;

typedef struct {
  qpdf_data   qpdf;
  GHashTable *seen;        /* object id -> TRUE */
  guint       nodes;
  GPtrArray  *active;      /* descriptions of active content, no repeats */
  GPtrArray  *specs;       /* qpdf_oh of the file specifications (/EF) */
  GPtrArray  *spec_names;  /* their names, shown */
  guint       n_embedded;  /* /Type /EmbeddedFile streams */
} Scan;

/* Keys whose mere presence makes a PDF do something, or show something
 * else than its pages: scripts, actions run on opening or on events,
 * forms, annotations (the renderer makes none: its outline points at pages
 * with /Dest), and portfolios (a reader shows the files, not the pages). */
static const char * const active_keys[] = {
  "/JavaScript", "/JS", "/OpenAction", "/AA", "/AcroForm", "/XFA", "/Annots", "/Collection",
  "/RichMediaContent", "/URI", "/Launch", "/SubmitForm", "/ImportData", "/Encrypt",
};

void
sb_pdf_check_free (SbPdfCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->message);
  g_free (check);
}

static void
add_check (GPtrArray  *checks,
           const char *name,
           gboolean    ok,
           char       *message)
{
  SbPdfCheck *check = g_new0 (SbPdfCheck, 1);

  check->check = name;
  check->ok = ok;
  check->message = message;
  g_ptr_array_add (checks, check);
}

/* A name or string from the PDF as it may appear in a message: control
 * and bidi characters written out, and short. */
static char *
shown (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (valid, -1) > 60)
    {
      g_autofree char *start = g_utf8_substring (valid, 0, 60);

      cut = g_strconcat (start, "…", NULL);
    }
  else
    cut = g_strdup (valid);

  return sb_safe_text_reveal (cut, SB_SAFE_TEXT_DEFAULT);
}

/* Takes @text. */
static void
note_active (Scan *scan,
             char *text)
{
  for (guint i = 0; i < scan->active->len; i++)
    if (strcmp (g_ptr_array_index (scan->active, i), text) == 0)
      {
        g_free (text);
        return;
      }
  g_ptr_array_add (scan->active, text);
}

/* "a, b, c" of the first MAX_LISTED strings of @items, then "…". */
static char *
list_of (GPtrArray *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len && i < MAX_LISTED; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (items, i));
  if (items->len > MAX_LISTED)
    g_string_append (out, ", …");
  return g_string_free (out, FALSE);
}

/* The keys of a dictionary, copied: qpdf iterates one dictionary at a
 * time, and the walk needs several. */
static GPtrArray *
dict_keys (qpdf_data qpdf,
           qpdf_oh   dict)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  qpdf_oh_begin_dict_key_iter (qpdf, dict);
  while (qpdf_oh_dict_more_keys (qpdf))
    g_ptr_array_add (keys, g_strdup (qpdf_oh_dict_next_key (qpdf)));
  return keys;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A copy: qpdf's strings last only until its next call. */
static char *
name_of (qpdf_data   qpdf,
         qpdf_oh     dict,
         const char *key)
{
  qpdf_oh value = qpdf_oh_get_key (qpdf, dict, key);
  char *name = qpdf_oh_is_name (qpdf, value) ? g_strdup (qpdf_oh_get_name (qpdf, value)) : NULL;

  qpdf_oh_release (qpdf, value);
  return name;
}

/* Walks every object reachable from the trailer, with an explicit stack (a
 * chain of a million objects must not exhaust the C stack), noting active
 * content and embedded files.  FALSE if there were too many objects. */
static gboolean
scan_objects (Scan *scan)
{
  qpdf_data qpdf = scan->qpdf;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (ScanItem));
  ScanItem first = { qpdf_get_trailer (qpdf), ROLE_NONE };

  g_array_append_val (stack, first);
  while (stack->len > 0)
    {
      ScanItem item = g_array_index (stack, ScanItem, stack->len - 1);
      qpdf_oh dict;

      g_array_set_size (stack, stack->len - 1);
      if (++scan->nodes > MAX_NODES)
        return FALSE;

      if (qpdf_oh_is_indirect (qpdf, item.oh))
        {
          gpointer id = GINT_TO_POINTER (qpdf_oh_get_object_id (qpdf, item.oh));

          if (g_hash_table_contains (scan->seen, id))
            {
              qpdf_oh_release (qpdf, item.oh);
              continue;
            }
          g_hash_table_add (scan->seen, id);
        }

      if (qpdf_oh_is_array (qpdf, item.oh))
        {
          int n = qpdf_oh_get_array_n_items (qpdf, item.oh);

          /* Counted before a handle is made for each item. */
          if (scan->nodes + stack->len + (guint) MAX (n, 0) > MAX_NODES)
            return FALSE;
          for (int i = n - 1; i >= 0; i--)
            {
              ScanItem child = { qpdf_oh_get_array_item (qpdf, item.oh, i),
                                 item.role == ROLE_ANNOTS ? ROLE_ANNOT
                                 : item.role == ROLE_ACTION_LIST ? ROLE_ACTION : ROLE_NONE };

              g_array_append_val (stack, child);
            }
          qpdf_oh_release (qpdf, item.oh);
          continue;
        }

      if (qpdf_oh_is_stream (qpdf, item.oh))
        dict = qpdf_oh_get_dict (qpdf, item.oh);
      else if (qpdf_oh_is_dictionary (qpdf, item.oh))
        dict = item.oh;
      else
        {
          qpdf_oh_release (qpdf, item.oh);
          continue;
        }

      {
        g_autoptr(GPtrArray) keys = dict_keys (qpdf, dict);
        g_autofree char *type = name_of (qpdf, dict, "/Type");
        g_autofree char *subtype = name_of (qpdf, dict, "/Subtype");

        if (scan->nodes + stack->len + keys->len > MAX_NODES)
          return FALSE;
        if (item.role == ROLE_ACTION)
          {
            g_autofree char *kind = name_of (qpdf, dict, "/S");

            /* Going to a page of this document is all the outline does. */
            if (g_strcmp0 (kind, "/GoTo") != 0)
              {
                g_autofree char *kind_shown = shown (kind ? kind : "?");

                note_active (scan, g_strdup_printf (_("a %s action"), kind_shown));
              }
          }
        if (item.role == ROLE_ANNOT || g_strcmp0 (type, "/Annot") == 0)
          {
            g_autofree char *subtype_shown = shown (subtype ? subtype : "?");

            note_active (scan, g_strdup_printf (_("an annotation (%s)"), subtype_shown));
          }
        if (qpdf_oh_is_stream (qpdf, item.oh) && g_strcmp0 (type, "/EmbeddedFile") == 0)
          scan->n_embedded++;
        if (qpdf_oh_has_key (qpdf, dict, "/EF"))
          {
            qpdf_oh name = qpdf_oh_get_key (qpdf, dict, "/UF");

            if (!qpdf_oh_is_string (qpdf, name))
              name = qpdf_oh_get_key (qpdf, dict, "/F");
            g_ptr_array_add (scan->specs, GUINT_TO_POINTER (qpdf_oh_new_object (qpdf, dict)));
            if (qpdf_oh_is_string (qpdf, name))
              {
                g_autofree char *name_shown = shown (qpdf_oh_get_utf8_value (qpdf, name));

                g_ptr_array_add (scan->spec_names, g_strdup_printf ("“%s”", name_shown));
              }
            else
              g_ptr_array_add (scan->spec_names, g_strdup (_("(unnamed)")));
          }

        for (int i = (int) keys->len - 1; i >= 0; i--)
          {
            const char *key = g_ptr_array_index (keys, i);
            ScanItem child = { qpdf_oh_get_key (qpdf, dict, key), ROLE_NONE };

            for (gsize k = 0; k < G_N_ELEMENTS (active_keys); k++)
              if (strcmp (key, active_keys[k]) == 0 &&
                  !(strcmp (key, "/Annots") == 0 && qpdf_oh_is_array (qpdf, child.oh) &&
                    qpdf_oh_get_array_n_items (qpdf, child.oh) == 0))
                note_active (scan, shown (key));

            /* An outline item's /Next is the next item; an action's is the
             * action that follows it.  /OpenAction may be a destination (an
             * array) rather than an action. */
            if (item.role == ROLE_ACTIONS || strcmp (key, "/A") == 0 || strcmp (key, "/OpenAction") == 0 ||
                (item.role == ROLE_ACTION && strcmp (key, "/Next") == 0))
              child.role = qpdf_oh_is_dictionary (qpdf, child.oh) ? ROLE_ACTION
                           : item.role == ROLE_ACTION ? ROLE_ACTION_LIST : ROLE_NONE;
            else if (strcmp (key, "/AA") == 0)
              child.role = ROLE_ACTIONS;
            else if (strcmp (key, "/Annots") == 0)
              child.role = ROLE_ANNOTS;
            g_array_append_val (stack, child);
          }
        if (dict != item.oh)
          qpdf_oh_release (qpdf, dict);
        qpdf_oh_release (qpdf, item.oh);
      }
    }
  return TRUE;
}

/* Exactly one file specification, the packet's: named packet.json, the
 * document's only associated file (/AF) with the relationship the renderer
 * gives it, and the only entry of the EmbeddedFiles name tree. */
static char *
check_files (Scan     *scan,
             gboolean *ok)
{
  qpdf_data qpdf = scan->qpdf;
  qpdf_oh root = qpdf_get_root (qpdf);
  qpdf_oh af = qpdf_oh_get_key (qpdf, root, "/AF");
  qpdf_oh tree = qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, root, "/Names"),
                                                         "/EmbeddedFiles"), "/Names");
  qpdf_oh spec, name;

  *ok = FALSE;
  if (scan->specs->len > 1 || scan->n_embedded > 1)
    {
      g_autofree char *names = list_of (scan->spec_names);

      return g_strdup_printf (_("the PDF carries %u embedded files (%s): only the packet may be embedded"),
                              MAX (scan->specs->len, scan->n_embedded), names);
    }
  if (scan->specs->len == 0 || scan->n_embedded == 0)
    return g_strdup (_("the PDF carries no embedded packet"));

  spec = GPOINTER_TO_UINT (g_ptr_array_index (scan->specs, 0));
  name = qpdf_oh_get_key (qpdf, spec, "/UF");
  if (!qpdf_oh_is_string (qpdf, name) || g_strcmp0 (qpdf_oh_get_utf8_value (qpdf, name), SB_PDF_PACKET_NAME) != 0)
    return g_strdup_printf (_("the PDF’s embedded file is %s, not “%s”"),
                            (const char *) g_ptr_array_index (scan->spec_names, 0), SB_PDF_PACKET_NAME);
  if (!qpdf_oh_is_array (qpdf, af) || qpdf_oh_get_array_n_items (qpdf, af) != 1 ||
      qpdf_oh_get_object_id (qpdf, qpdf_oh_get_array_item (qpdf, af, 0)) != qpdf_oh_get_object_id (qpdf, spec) ||
      !qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key (qpdf, spec, "/AFRelationship"), "/Source"))
    return g_strdup (_("the embedded packet is not the document’s associated file (/AF, /AFRelationship /Source)"));
  if (!qpdf_oh_is_array (qpdf, tree) || qpdf_oh_get_array_n_items (qpdf, tree) != 2 ||
      qpdf_oh_get_object_id (qpdf, qpdf_oh_get_array_item (qpdf, tree, 1)) != qpdf_oh_get_object_id (qpdf, spec))
    return g_strdup (_("the list of embedded files (/EmbeddedFiles) has other entries than the packet"));

  *ok = TRUE;
  return g_strdup (_("the packet is the PDF’s only embedded file, as its associated file"));
}

/* Whether the revisions after the rendered PDF are one signature
 * (sb-pdf-sign.c) that covers the whole file and matches it.  Who signed
 * and whether they are trusted is the caller's to report, with its trust
 * folder (sb_pdf_read_signatures()). */
static char *
check_signature_revision (GBytes   *pdf,
                          gboolean *ok)
{
  g_autoptr(GPtrArray) signatures = NULL;
  g_autoptr(GError) error = NULL;
  SbPdfSignature *signature;

  *ok = FALSE;
  signatures = sb_pdf_read_signatures (pdf, NULL, &error);
  if (signatures == NULL)
    return g_strdup_printf (_("the PDF was changed after it was made, and its signature cannot be read: %s"),
                            error->message);
  if (signatures->len == 0)
    return g_strdup (_("the PDF was changed after it was made: an incremental update was appended, and it is no signature"));
  if (signatures->len > 1)
    return g_strdup_printf (_("the PDF has %u signatures; a Shenbao PDF is signed once"), signatures->len);
  signature = g_ptr_array_index (signatures, 0);
  if (signature->signature->status == SB_SIGNATURE_MISMATCH)
    return g_strdup_printf (_("signature does not match the content: %s"), signature->signature->problem);
  if (!signature->covers_to_end)
    return g_strdup_printf (_("%lu bytes were appended after the signature (another incremental update), "
                              "which it does not cover"),
                            (unsigned long) (g_bytes_get_size (pdf) - signature->revision_length));
  if (signature->revision_length != g_bytes_get_size (pdf) ||
      sb_pdf_unsigned_length (pdf) >= signature->revision_length)
    return g_strdup (_("the signature does not sign the PDF as it was rendered"));
  {
    char *problem = sb_pdf_signature_update_problem (pdf);

    if (problem != NULL)
      return problem;
  }

  *ok = TRUE;
  return g_strdup (_("the one revision after the rendered PDF is its signature, which covers every byte of the file"));
}

/* One revision, as written: a single cross-reference section ("startxref"
 * once, no /Prev) and nothing after its %%EOF.  An incremental update
 * appends a second one, and readers show its version of the pages. */
static char *
check_revisions (qpdf_data     qpdf,
                 const guint8 *data,
                 gsize         length,
                 gboolean     *ok)
{
  static const char marker[] = "startxref";
  const guint8 *last = NULL, *p;
  guint count = 0;
  qpdf_oh trailer = qpdf_get_trailer (qpdf);

  *ok = FALSE;
  /* "startxref" is nine bytes of text: in compressed data it turns up by
   * chance once in 2^72 positions, so a genuine PDF never fails this. */
  for (p = data; p + strlen (marker) <= data + length; p++)
    {
      p = memchr (p, 's', data + length - p);
      if (p == NULL)
        break;
      if ((gsize) (data + length - p) >= strlen (marker) && memcmp (p, marker, strlen (marker)) == 0)
        {
          last = p;
          count++;
        }
    }
  /* A signed PDF reaches here as its unsigned revision (the caller,
   * check_signature_revision()). */
  /* A hybrid file: readers that follow the stream may see objects that
   * qpdf, reading here without cross-reference streams, does not. */
  if (qpdf_oh_has_key (qpdf, trailer, "/XRefStm"))
    return g_strdup (_("the PDF has a second, hidden cross-reference stream (/XRefStm), which the renderer never "
                       "writes: other readers could show other objects than the ones checked here"));
  if (count > 1 || qpdf_oh_has_key (qpdf, trailer, "/Prev"))
    return g_strdup_printf (_("the PDF was changed after it was made: it has %u revisions "
                              "(an incremental update was appended)"), MAX (count, 2));
  if (last == NULL)
    return g_strdup (_("the PDF has no cross-reference section (startxref)"));

  /* What qpdf writes after it: the offset, then %%EOF and one end of line. */
  p = last + strlen (marker);
  while (p < data + length && (*p == '\r' || *p == '\n'))
    p++;
  while (p < data + length && g_ascii_isdigit (*p))
    p++;
  while (p < data + length && (*p == '\r' || *p == '\n'))
    p++;
  if ((gsize) (data + length - p) < 5 || memcmp (p, "%%EOF", 5) != 0)
    return g_strdup (_("the PDF’s end (startxref, then %%EOF) is not as a PDF writer leaves it"));
  p += 5;
  while (p < data + length && (*p == '\r' || *p == '\n'))
    p++;
  if (p != data + length)
    return g_strdup_printf (_("the PDF has %lu bytes of other data after its end (%s)"),
                            (unsigned long) (data + length - p), "%%EOF");

  *ok = TRUE;
  return g_strdup (_("the PDF is one revision, as it was made: nothing was appended"));
}

/* The deep comparison of the given PDF (a) with a fresh rendering (b). */
typedef struct {
  qpdf_oh  a;
  qpdf_oh  b;
  char    *path;
} Pair;

typedef struct {
  qpdf_data   qa;
  qpdf_data   qb;
  GHashTable *map;    /* object id in a -> object id in b */
  GArray     *stack;  /* Pair */
  guint       nodes;
} Compare;

static void
push_pair (Compare    *compare,
           qpdf_oh     a,
           qpdf_oh     b,
           char       *path)
{
  Pair pair = { a, b, path };

  g_array_append_val (compare->stack, pair);
}

static void
clear_stack (Compare *compare)
{
  for (guint i = 0; i < compare->stack->len; i++)
    g_free (g_array_index (compare->stack, Pair, i).path);
  g_array_set_size (compare->stack, 0);
}

/* Raw stream data, as stored (decode level none): comparing it never
 * decodes a stranger's stream, so a page content stream that inflates to
 * gigabytes costs nothing here. */
static gboolean
same_stream_data (Compare *compare,
                  qpdf_oh  a,
                  qpdf_oh  b)
{
  unsigned char *data_a = NULL, *data_b = NULL;
  size_t length_a = 0, length_b = 0;
  gboolean same;

  qpdf_oh_get_stream_data (compare->qa, a, qpdf_dl_none, NULL, &data_a, &length_a);
  qpdf_oh_get_stream_data (compare->qb, b, qpdf_dl_none, NULL, &data_b, &length_b);
  same = !qpdf_has_error (compare->qa) && !qpdf_has_error (compare->qb) &&
         length_a == length_b && (length_a == 0 || memcmp (data_a, data_b, length_a) == 0);
  free (data_a);
  free (data_b);
  return same;
}

/* Compares what is on the stack, pair by pair, until it is empty (TRUE) or
 * a difference is found (FALSE, with *where the path to it). */
static gboolean
run_compare (Compare  *compare,
             char    **where)
{
  qpdf_data qa = compare->qa, qb = compare->qb;

  while (compare->stack->len > 0)
    {
      Pair pair = g_array_index (compare->stack, Pair, compare->stack->len - 1);
      g_autofree char *path = pair.path;
      enum qpdf_object_type_e type = qpdf_oh_get_type_code (qa, pair.a);
      gboolean same = TRUE;

      g_array_set_size (compare->stack, compare->stack->len - 1);
      if (++compare->nodes > MAX_NODES)
        {
          *where = g_strdup_printf (_("%s (too many objects to compare)"), path);
          clear_stack (compare);
          return FALSE;
        }

      if (type != qpdf_oh_get_type_code (qb, pair.b) ||
          qpdf_oh_is_indirect (qa, pair.a) != qpdf_oh_is_indirect (qb, pair.b))
        same = FALSE;
      else if (qpdf_oh_is_indirect (qa, pair.a))
        {
          gpointer id_a = GINT_TO_POINTER (qpdf_oh_get_object_id (qa, pair.a));
          gpointer id_b = GINT_TO_POINTER (qpdf_oh_get_object_id (qb, pair.b));
          gpointer known;

          /* The same object is met again by another path: it must be the
           * same object in the fresh rendering too, and is compared once. */
          if (g_hash_table_lookup_extended (compare->map, id_a, NULL, &known))
            {
              if (known != id_b)
                same = FALSE;
              else
                continue;
            }
          else
            g_hash_table_insert (compare->map, id_a, id_b);
        }

      if (same)
        switch (type)
          {
          case ot_null:
            break;
          case ot_boolean:
            same = qpdf_oh_get_bool_value (qa, pair.a) == qpdf_oh_get_bool_value (qb, pair.b);
            break;
          case ot_integer:
            same = qpdf_oh_get_int_value (qa, pair.a) == qpdf_oh_get_int_value (qb, pair.b);
            break;
          case ot_real:
            same = g_strcmp0 (qpdf_oh_get_real_value (qa, pair.a), qpdf_oh_get_real_value (qb, pair.b)) == 0;
            break;
          case ot_name:
            same = g_strcmp0 (qpdf_oh_get_name (qa, pair.a), qpdf_oh_get_name (qb, pair.b)) == 0;
            break;
          case ot_string:
            {
              size_t length_a = 0, length_b = 0;
              const char *value_a = qpdf_oh_get_binary_string_value (qa, pair.a, &length_a);
              const char *value_b = qpdf_oh_get_binary_string_value (qb, pair.b, &length_b);

              /* Two qpdf objects: each value stays valid until its own next call. */
              same = length_a == length_b && (length_a == 0 || memcmp (value_a, value_b, length_a) == 0);
            }
            break;
          case ot_array:
            {
              int n = qpdf_oh_get_array_n_items (qb, pair.b);

              if (qpdf_oh_get_array_n_items (qa, pair.a) != n)
                same = FALSE;
              else
                for (int i = n - 1; i >= 0; i--)
                  push_pair (compare, qpdf_oh_get_array_item (qa, pair.a, i), qpdf_oh_get_array_item (qb, pair.b, i),
                             g_strdup_printf ("%s[%d]", path, i));
            }
            break;
          case ot_dictionary:
          case ot_stream:
            {
              gboolean stream = type == ot_stream;
              qpdf_oh dict_a = stream ? qpdf_oh_get_dict (qa, pair.a) : pair.a;
              qpdf_oh dict_b = stream ? qpdf_oh_get_dict (qb, pair.b) : pair.b;
              g_autoptr(GPtrArray) keys_a = dict_keys (qa, dict_a);
              g_autoptr(GPtrArray) keys_b = dict_keys (qb, dict_b);

              if (stream && !same_stream_data (compare, pair.a, pair.b))
                {
                  *where = g_strdup_printf (_("%s (the stream’s data)"), path);
                  clear_stack (compare);
                  return FALSE;
                }
              g_ptr_array_sort (keys_a, compare_strings);
              g_ptr_array_sort (keys_b, compare_strings);
              for (guint i = 0; i < MAX (keys_a->len, keys_b->len); i++)
                {
                  const char *key_a = i < keys_a->len ? g_ptr_array_index (keys_a, i) : NULL;
                  const char *key_b = i < keys_b->len ? g_ptr_array_index (keys_b, i) : NULL;

                  if (g_strcmp0 (key_a, key_b) != 0)
                    {
                      /* The first key one has and the other has not. */
                      gboolean extra = key_b == NULL || (key_a != NULL && strcmp (key_a, key_b) < 0);
                      g_autofree char *key_shown = shown (extra ? key_a : key_b);

                      *where = extra ? g_strdup_printf (_("%s%s, which a fresh rendering does not have"), path, key_shown)
                                     : g_strdup_printf (_("%s%s, which is missing"), path, key_shown);
                      clear_stack (compare);
                      return FALSE;
                    }
                }
              for (int i = (int) keys_b->len - 1; i >= 0; i--)
                {
                  const char *key = g_ptr_array_index (keys_b, i);

                  push_pair (compare, qpdf_oh_get_key (qa, dict_a, key), qpdf_oh_get_key (qb, dict_b, key),
                             g_strconcat (path, key, NULL));
                }
            }
            break;
          default:
            /* Operators and inline images live only inside content streams. */
            same = FALSE;
            break;
          }

      if (!same)
        {
          *where = g_steal_pointer (&path);
          clear_stack (compare);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every page of @qa, and then the rest of the document a reader acts on
 * (the catalog with its outline, names and metadata, and the document
 * information), the same as in the fresh rendering @qb.
 *
 * Why compare objects and the raw bytes of their streams, rather than the
 * decoded content streams or the text poppler extracts: a page shows what
 * its content stream draws *with its resources*.  Swapping a glyph in an
 * embedded font subset, or the QR code image, changes what the page shows
 * while its content stream and its extracted text stay the same.  Raw
 * bytes are what the deterministic renderer reproduces exactly, so a PDF
 * of this build always compares equal, and nothing of the stranger's PDF
 * is decoded (no bomb).  The price: a PDF made by another build (other
 * fonts, cairo or qpdf) does not verify here, and says so. */
/* Whether the page tree of @qpdf is a plain tree of at most @limit pages,
 * each object in it once: qpdf's own page list copies a page object met
 * twice, so ten million references to one page (60 MB of "3 0 R") would
 * cost gigabytes before it returned. */
static gboolean
plain_page_tree (qpdf_data qpdf,
                 int       limit)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (qpdf_oh));
  qpdf_oh top = qpdf_oh_get_key (qpdf, qpdf_get_root (qpdf), "/Pages");
  int pages = 0;
  guint nodes = 0;

  g_array_append_val (stack, top);
  while (stack->len > 0)
    {
      qpdf_oh node = g_array_index (stack, qpdf_oh, stack->len - 1);
      qpdf_oh kids;
      int n;

      g_array_set_size (stack, stack->len - 1);
      if (!qpdf_oh_is_indirect (qpdf, node) || !qpdf_oh_is_dictionary (qpdf, node) ||
          !g_hash_table_add (seen, GINT_TO_POINTER (qpdf_oh_get_object_id (qpdf, node))) ||
          ++nodes > (guint) limit * 2 + 16)
        return FALSE;
      kids = qpdf_oh_get_key (qpdf, node, "/Kids");
      if (!qpdf_oh_is_array (qpdf, kids))
        {
          if (++pages > limit)
            return FALSE;
          continue;
        }
      n = qpdf_oh_get_array_n_items (qpdf, kids);
      if (n > limit + 16)
        return FALSE;
      for (int i = n - 1; i >= 0; i--)
        {
          qpdf_oh kid = qpdf_oh_get_array_item (qpdf, kids, i);

          g_array_append_val (stack, kid);
        }
    }
  return TRUE;
}


/* Fonts */

/* "ABCDEF+NotoSansCJKsc-Regular" -> "NotoSansCJKsc-Regular": a subset's
 * tag is six capitals and a plus; NULL if @base_font has none. */
static const char *
without_subset_tag (const char *base_font)
{
  if (base_font == NULL || strlen (base_font) < 8 || base_font[7] != '+')
    return NULL;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isupper (base_font[i]))
      return NULL;
  return base_font + 8;
}

/* Whether @font is what the renderer embeds: a composite font (Type0)
 * over one CIDFont subset whose program is in the file, with a ToUnicode
 * map so that its text can be copied and searched.  A Type 3 font (glyphs
 * drawn as pictures) or a font left out of the file is not. */
static gboolean
embedded_cid_subset (qpdf_data qpdf,
                     qpdf_oh   font)
{
  g_autofree char *subtype = name_of (qpdf, font, "/Subtype");
  g_autofree char *base_font = name_of (qpdf, font, "/BaseFont");
  qpdf_oh descendants = qpdf_oh_get_key (qpdf, font, "/DescendantFonts");
  qpdf_oh cid_font, descriptor;
  g_autofree char *cid_subtype = NULL;

  if (g_strcmp0 (subtype, "/Type0") != 0 || without_subset_tag (base_font) == NULL ||
      !qpdf_oh_is_stream (qpdf, qpdf_oh_get_key (qpdf, font, "/ToUnicode")) ||
      !qpdf_oh_is_array (qpdf, descendants) || qpdf_oh_get_array_n_items (qpdf, descendants) != 1)
    return FALSE;
  cid_font = qpdf_oh_get_array_item (qpdf, descendants, 0);
  cid_subtype = name_of (qpdf, cid_font, "/Subtype");
  if (g_strcmp0 (cid_subtype, "/CIDFontType0") != 0 && g_strcmp0 (cid_subtype, "/CIDFontType2") != 0)
    return FALSE;
  descriptor = qpdf_oh_get_key (qpdf, cid_font, "/FontDescriptor");
  return qpdf_oh_is_stream (qpdf, qpdf_oh_get_key (qpdf, descriptor, "/FontFile3")) ||
         qpdf_oh_is_stream (qpdf, qpdf_oh_get_key (qpdf, descriptor, "/FontFile2"));
}

/* The fonts the first @n_pages pages of @qpdf show text in (and the forms
 * they draw), by name without the subset tag, sorted and each once.  The
 * first font that is not an embedded CIDFont subset is named in
 * @not_embedded.  NULL if the resources are not as a renderer writes them
 * (too many, or not dictionaries). */
static GPtrArray *
page_fonts (qpdf_data   qpdf,
            int         n_pages,
            char      **not_embedded)
{
  g_autoptr(GPtrArray) fonts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (qpdf_oh));
  guint nodes = 0;

  for (int i = n_pages - 1; i >= 0; i--)
    {
      qpdf_oh resources = qpdf_oh_get_key (qpdf, qpdf_get_page_n (qpdf, i), "/Resources");

      g_array_append_val (stack, resources);
    }
  while (stack->len > 0)
    {
      qpdf_oh resources = g_array_index (stack, qpdf_oh, stack->len - 1);
      qpdf_oh font_dict, xobjects;

      g_array_set_size (stack, stack->len - 1);
      if (++nodes > 100000)
        return NULL;
      if (qpdf_oh_is_null (qpdf, resources))
        continue;
      if (!qpdf_oh_is_dictionary (qpdf, resources))
        return NULL;
      if (qpdf_oh_is_indirect (qpdf, resources) &&
          !g_hash_table_add (seen, GINT_TO_POINTER (qpdf_oh_get_object_id (qpdf, resources))))
        continue;

      font_dict = qpdf_oh_get_key (qpdf, resources, "/Font");
      if (qpdf_oh_is_dictionary (qpdf, font_dict))
        {
          g_autoptr(GPtrArray) keys = dict_keys (qpdf, font_dict);

          for (guint k = 0; k < keys->len; k++)
            {
              qpdf_oh font = qpdf_oh_get_key (qpdf, font_dict, g_ptr_array_index (keys, k));
              g_autofree char *base_font = name_of (qpdf, font, "/BaseFont");
              const char *name = without_subset_tag (base_font) ? without_subset_tag (base_font)
                                                                : base_font ? base_font + 1 : "?";

              if (!embedded_cid_subset (qpdf, font) && *not_embedded == NULL)
                *not_embedded = g_strdup (name);
              if (!g_ptr_array_find_with_equal_func (fonts, name, g_str_equal, NULL))
                g_ptr_array_add (fonts, g_strdup (name));
            }
        }

      /* Forms (the QR code, transparency groups) have resources of their own. */
      xobjects = qpdf_oh_get_key (qpdf, resources, "/XObject");
      if (qpdf_oh_is_dictionary (qpdf, xobjects))
        {
          g_autoptr(GPtrArray) keys = dict_keys (qpdf, xobjects);

          for (guint k = 0; k < keys->len; k++)
            {
              qpdf_oh xobject = qpdf_oh_get_key (qpdf, xobjects, g_ptr_array_index (keys, k));

              if (qpdf_oh_is_stream (qpdf, xobject))
                {
                  qpdf_oh form_resources = qpdf_oh_get_key (qpdf, qpdf_oh_get_dict (qpdf, xobject), "/Resources");

                  g_array_append_val (stack, form_resources);
                }
            }
        }
    }
  g_ptr_array_sort (fonts, compare_strings);
  return g_steal_pointer (&fonts);
}

/* Whether the text of @qa is in the fonts a fresh rendering @qb uses, each
 * an embedded CIDFont subset.  The page comparison catches any difference
 * too, but names only the first object that differs; this says why a PDF
 * typeset elsewhere (with the host's fonts, or with a font that shows
 * boxes) is not the packet's. */
static char *
check_fonts (qpdf_data  qa,
             qpdf_data  qb,
             gboolean  *ok)
{
  int n_b = qpdf_get_num_pages (qb);
  g_autofree char *not_embedded_a = NULL;
  g_autofree char *not_embedded_b = NULL;
  g_autoptr(GPtrArray) fonts_a = NULL;
  g_autoptr(GPtrArray) fonts_b = NULL;
  g_autofree char *list_a = NULL;
  g_autofree char *list_b = NULL;
  gboolean same;

  *ok = FALSE;
  if (n_b < 0 || !plain_page_tree (qa, n_b + 1000) || qpdf_get_num_pages (qa) < 0)
    return g_strdup (_("the PDF’s fonts cannot be read: its page tree is not the renderer’s"));
  fonts_a = page_fonts (qa, qpdf_get_num_pages (qa), &not_embedded_a);
  fonts_b = page_fonts (qb, n_b, &not_embedded_b);
  if (fonts_a == NULL || fonts_b == NULL)
    return g_strdup (_("the PDF’s fonts cannot be read: its pages’ resources are not the renderer’s"));

  g_ptr_array_add (fonts_a, NULL);
  g_ptr_array_add (fonts_b, NULL);
  list_a = g_strjoinv (", ", (char **) fonts_a->pdata);
  list_b = g_strjoinv (", ", (char **) fonts_b->pdata);
  same = g_str_equal (list_a, list_b);
  if (not_embedded_a != NULL)
    {
      g_autofree char *shown_font = shown (not_embedded_a);

      return g_strdup_printf (_("the PDF shows text in %s, which is not an embedded CIDFont subset with a "
                                "ToUnicode map: its text may not show, print or copy as written (its embedded "
                                "packet is typeset in %s)"), shown_font, list_b);
    }
  if (!same)
    {
      g_autofree char *shown_fonts = shown (list_a);

      return g_strdup_printf (_("the PDF is typeset in %s, but its embedded packet is typeset in %s: it was made "
                                "with another font, and may show boxes instead of Chinese text"),
                              *shown_fonts ? shown_fonts : _("no font"), list_b);
    }
  *ok = not_embedded_b == NULL;
  return g_strdup_printf (_("the text is in the embedded fonts the packet is typeset in (%s)"), list_a);
}

static char *
compare_documents (qpdf_data  qa,
                   qpdf_data  qb,
                   gboolean  *ok)
{
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Pair));
  Compare compare = { qa, qb, map, stack, 0 };
  int n_b = qpdf_get_num_pages (qb);
  int n_a;
  char *where = NULL;

  *ok = FALSE;
  if (n_b < 0)
    return g_strdup (_("the fresh rendering cannot be read back"));
  /* Room for a few more pages than the fresh rendering, so that a page
   * added is told as such below. */
  if (!plain_page_tree (qa, n_b + 1000))
    return g_strdup (_("the PDF’s page tree is not the renderer’s: a page is in it twice, or it has far more "
                       "pages than the embedded packet renders to"));
  n_a = qpdf_get_num_pages (qa);
  if (n_a < 0 || qpdf_has_error (qa))
    return g_strdup (_("the PDF’s pages cannot be read"));
  if (n_a != n_b)
    return g_strdup_printf (_("the PDF has %d pages, but its embedded packet renders to %d"), n_a, n_b);

  for (int i = 0; i < n_b; i++)
    {
      qpdf_oh page_a = qpdf_get_page_n (qa, i);
      qpdf_oh page_b = qpdf_get_page_n (qb, i);
      g_autoptr(GPtrArray) keys_a = dict_keys (qa, page_a);
      g_autoptr(GPtrArray) keys_b = dict_keys (qb, page_b);
      g_autofree char *page_where = NULL;

      /* A page as such: its own entries, not the tree it hangs in (its
       * /Parent), which the document comparison below covers. */
      g_hash_table_insert (map, GINT_TO_POINTER (qpdf_oh_get_object_id (qa, page_a)),
                           GINT_TO_POINTER (qpdf_oh_get_object_id (qb, page_b)));
      g_ptr_array_sort (keys_a, compare_strings);
      g_ptr_array_sort (keys_b, compare_strings);
      for (guint k = 0; k < MAX (keys_a->len, keys_b->len) && page_where == NULL; k++)
        {
          const char *key_a = k < keys_a->len ? g_ptr_array_index (keys_a, k) : NULL;
          const char *key_b = k < keys_b->len ? g_ptr_array_index (keys_b, k) : NULL;

          if (g_strcmp0 (key_a, key_b) != 0)
            {
              gboolean extra = key_b == NULL || (key_a != NULL && strcmp (key_a, key_b) < 0);
              g_autofree char *key_shown = shown (extra ? key_a : key_b);

              page_where = extra ? g_strdup_printf (_("%s, which a fresh rendering does not have"), key_shown)
                                 : g_strdup_printf (_("%s, which is missing"), key_shown);
            }
        }
      for (int k = (int) keys_b->len - 1; k >= 0 && page_where == NULL; k--)
        {
          const char *key = g_ptr_array_index (keys_b, k);

          if (strcmp (key, "/Parent") != 0)
            push_pair (&compare, qpdf_oh_get_key (qa, page_a, key), qpdf_oh_get_key (qb, page_b, key), g_strdup (key));
        }
      if (page_where != NULL || !run_compare (&compare, &page_where))
        return g_strdup_printf (_("page %d is not what the embedded packet renders to (it differs at %s)"),
                                i + 1, page_where);
    }

  push_pair (&compare, qpdf_get_root (qa), qpdf_get_root (qb), g_strdup ("/Root"));
  push_pair (&compare, qpdf_oh_get_key (qa, qpdf_get_trailer (qa), "/Info"),
             qpdf_oh_get_key (qb, qpdf_get_trailer (qb), "/Info"), g_strdup ("/Info"));
  if (!run_compare (&compare, &where))
    {
      g_autofree char *message = g_strdup_printf (_("the PDF is not what its embedded packet renders to "
                                                    "(it differs at %s)"), where);

      g_free (where);
      return g_steal_pointer (&message);
    }

  *ok = TRUE;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the page is exactly what the embedded packet renders to",
                                       "all %d pages are exactly what the embedded packet renders to", n_b), n_b);
}

static gboolean
read_pdf (qpdf_data      qpdf,
           GBytes        *bytes,
           char         **message)
{
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  sb_pdf_reader_init (qpdf);
  qpdf_read_memory (qpdf, "packet.pdf", data, length, NULL);
  if (qpdf_has_error (qpdf))
    {
      *message = g_strdup (qpdf_get_error_full_text (qpdf, qpdf_get_error (qpdf)));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
sb_pdf_verify_checks (GBytes   *pdf,
                      SbPacket *packet)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_pdf_check_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) active = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) specs = g_ptr_array_new ();
  g_autoptr(GPtrArray) spec_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) fresh = NULL;
  g_autoptr(GBytes) unsigned_part = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  qpdf_data qpdf, fresh_qpdf = NULL;
  Scan scan = { 0 };
  gboolean ok;
  gsize length;
  const guint8 *data;
  char *message;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);

  data = g_bytes_get_data (pdf, &length);
  qpdf = qpdf_init ();
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0 && sb_pdf_unsigned_length (pdf) < length)
    {
      /* A signed PDF: the signature is the one later revision allowed,
       * and the checks below are of the revision it signs. */
      gboolean signature_ok;

      message = check_signature_revision (pdf, &signature_ok);
      add_check (checks, "pdf-signed", signature_ok, message);
      if (signature_ok)
        {
          unsigned_part = g_bytes_new_from_bytes (pdf, 0, sb_pdf_unsigned_length (pdf));
          pdf = unsigned_part;
          data = g_bytes_get_data (pdf, &length);
        }
    }
  if (length < 5 || memcmp (data, "%PDF-", 5) != 0)
    {
      add_check (checks, "pdf-revision", FALSE, g_strdup_printf (_("the file does not begin as a PDF does (%s)"), "%PDF-"));
      goto out;
    }
  if (!read_pdf (qpdf, pdf, &problem))
    {
      /* qpdf speaks English only: its words are a detail on a line of
       * their own, under a sentence in the interface's language. */
      add_check (checks, "pdf-revision", FALSE, g_strdup_printf (_("the PDF cannot be read.\nDetail from the PDF library: %s"), problem));
      goto out;
    }

  message = check_revisions (qpdf, data, length, &ok);
  /* qpdf warns about what it had to work around: damage the renderer never
   * leaves. */
  if (ok && qpdf_more_warnings (qpdf))
    {
      g_free (message);
      message = g_strdup_printf (_("the PDF is damaged.\nDetail from the PDF library: %s"),
                                 qpdf_get_error_full_text (qpdf, qpdf_next_warning (qpdf)));
      ok = FALSE;
    }
  add_check (checks, "pdf-revision", ok, message);

  scan.qpdf = qpdf;
  scan.seen = seen;
  scan.active = active;
  scan.specs = specs;
  scan.spec_names = spec_names;
  if (!scan_objects (&scan))
    {
      add_check (checks, "pdf-active", FALSE,
                 g_strdup (_("the PDF has far more objects than a packet PDF has; it was not examined further")));
      goto out;
    }
  if (active->len > 0)
    {
      g_autofree char *list = list_of (active);

      add_check (checks, "pdf-active", FALSE,
                 g_strdup_printf (_("the PDF has active content the renderer never writes: %s"), list));
    }
  else
    add_check (checks, "pdf-active", TRUE,
               g_strdup (_("the PDF has no scripts, actions, forms or annotations")));

  message = check_files (&scan, &ok);
  add_check (checks, "pdf-files", ok, message);

  fresh = sb_pdf_render_from_packet (packet, NULL, &error);
  if (fresh == NULL)
    {
      add_check (checks, "pages", FALSE,
                 g_strdup_printf (_("the embedded packet cannot be rendered to compare the pages: %s"), error->message));
      goto out;
    }
  fresh_qpdf = qpdf_init ();
  g_clear_pointer (&problem, g_free);
  if (!read_pdf (fresh_qpdf, fresh, &problem))
    {
      add_check (checks, "pages", FALSE,
                 g_strdup_printf (_("the fresh rendering cannot be read back: %s"), problem));
      goto out;
    }
  message = compare_documents (qpdf, fresh_qpdf, &ok);
  add_check (checks, "pages", ok, message);
  message = check_fonts (qpdf, fresh_qpdf, &ok);
  add_check (checks, "fonts", ok, message);

out:
  qpdf_cleanup (&qpdf);
  if (fresh_qpdf != NULL)
    qpdf_cleanup (&fresh_qpdf);
  return checks;
}

GPtrArray *
sb_pdf_verify_file_checks (GFile    *pdf,
                           SbPacket *packet)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *checks;

  g_return_val_if_fail (G_IS_FILE (pdf), NULL);
  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);

  info = g_file_query_info (pdf, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
                       g_file_info_get_size (info) > SB_PACKET_MAX_SIZE))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("not a regular file of at most a packet’s maximum size"));
  if (error == NULL)
    bytes = g_file_load_bytes (pdf, NULL, NULL, &error);
  if (bytes == NULL)
    {
      checks = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_pdf_check_free);
      add_check (checks, "pdf-revision", FALSE, g_strdup_printf (_("the PDF cannot be read: %s"), error->message));
      return checks;
    }
  return sb_pdf_verify_checks (bytes, packet);
}

gboolean
sb_pdf_checks_passed (GPtrArray *checks)
{
  g_return_val_if_fail (checks != NULL, FALSE);

  for (guint i = 0; i < checks->len; i++)
    if (!((SbPdfCheck *) g_ptr_array_index (checks, i))->ok)
      return FALSE;
  return checks->len > 0;
}

gboolean
sb_pdf_verify_pages (GFile     *pdf,
                     SbPacket  *packet,
                     char     **message)
{
  g_autoptr(GPtrArray) checks = NULL;
  gboolean passed;

  g_return_val_if_fail (G_IS_FILE (pdf), FALSE);
  g_return_val_if_fail (SB_IS_PACKET (packet), FALSE);

  checks = sb_pdf_verify_file_checks (pdf, packet);
  passed = sb_pdf_checks_passed (checks);
  if (message != NULL)
    {
      GString *text = g_string_new (NULL);

      /* Passed: what the strongest check proves.  Failed: every failure. */
      for (guint i = 0; i < checks->len; i++)
        {
          SbPdfCheck *check = g_ptr_array_index (checks, i);

          if (passed ? strcmp (check->check, "pages") == 0 : !check->ok)
            g_string_append_printf (text, "%s%s", text->len ? "; " : "", check->message);
        }
      *message = g_string_free (text, FALSE);
    }
  return passed;
}
