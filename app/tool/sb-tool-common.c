/* sb-tool-common.c — what the commands of shenbao-tool share
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-date.h"
#include "sb-json-reader.h"
#include "sb-json-writer.h"
#include "sb-pdf-renderer.h"
#include "sb-safe-text.h"
#include "sb-tool.h"

/* Answers files are typed by people or made by programs; neither needs
 * more than this. */
#define MAX_ANSWERS_SIZE (64 * 1024 * 1024)
#define MAX_ANSWERS_DEPTH 32

/* The format attribute lets the compilers check the callers' formats
 * (clang's -Wformat-nonliteral asks for it here). */
static void print_line (FILE       *out,
                        const char *format,
                        va_list     args) G_GNUC_PRINTF (2, 0);

static void
print_line (FILE       *out,
            const char *format,
            va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  g_autofree char *safe = sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);

  fputs (safe, out);
  fputc ('\n', out);
}

void
sb_tool_out (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  print_line (stdout, format, args);
  va_end (args);
}

void
sb_tool_err (const char *format,
             ...)
{
  va_list args;

  /* What went before on stdout first, in a terminal shared by both. */
  fflush (stdout);
  va_start (args, format);
  print_line (stderr, format, args);
  va_end (args);
}

gboolean
sb_tool_parse_options (int                 *argc,
                       char              ***argv,
                       const char          *parameter,
                       const char          *summary,
                       const char          *description,
                       const GOptionEntry  *entries,
                       int                 *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  if (description != NULL)
    g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sb_tool_err ("shenbao-tool %s: %s", (*argv)[0], error->message);
      *exit_code = SB_TOOL_EXIT_USAGE;
      return FALSE;
    }

  return TRUE;
}

SbFormRegistry *
sb_tool_load_registry (void)
{
  g_autofree char *dir = g_build_filename (sb_data_dir (), "forms", NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  SbFormRegistry *registry;

  registry = sb_form_registry_new_from_directory (dir, errors);
  for (guint i = 0; i < errors->len; i++)
    sb_tool_err ("shenbao-tool: warning: %s", ((GError *) g_ptr_array_index (errors, i))->message);

  return registry;
}

SbFormRegistry *
sb_tool_load_registry_lazily (void)
{
  g_autofree char *dir = g_build_filename (sb_data_dir (), "forms", NULL);

  return sb_form_registry_new_lazily (dir);
}

SbCalendar *
sb_tool_load_calendar (void)
{
  g_autoptr(GError) error = NULL;
  SbCalendar *calendar = sb_calendar_get_default (&error);

  if (calendar == NULL)
    {
      sb_tool_err ("shenbao-tool: warning: no working-day calendar (%s); deadlines in working days are unknown",
               error->message);
      return NULL;
    }

  return g_object_ref (calendar);
}

JsonObject *
sb_tool_read_json_object (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  /* Check the size before reading it all into memory. */
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                   G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, &local_error);

    if (info == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, local_error->message);
        return NULL;
      }
    if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: not a regular file", path);
        return NULL;
      }
    if (g_file_info_get_size (info) > MAX_ANSWERS_SIZE)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: larger than %d MiB", path,
                     MAX_ANSWERS_SIZE / (1024 * 1024));
        return NULL;
      }
  }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }

  root = sb_json_parse_untrusted (contents, length, MAX_ANSWERS_SIZE, MAX_ANSWERS_DEPTH, &local_error);
  if (root == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s: expected a JSON object keyed by field id", path);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

gboolean
sb_tool_parse_date (const char *text,
                    gint32     *julian_day)
{
  if (text == NULL)
    {
      *julian_day = sb_date_today ();
      return TRUE;
    }

  return sb_date_parse (text, julian_day);
}

gboolean
sb_tool_parse_date_option (const char *command,
                           const char *option,
                           const char *text,
                           gint32     *julian_day)
{
  if (sb_tool_parse_date (text, julian_day))
    return TRUE;
  sb_tool_err ("shenbao-tool %s: %s%s%s“%s” is not a date (YYYY-MM-DD)", command, option ? "--" : "",
               option ? option : "", option ? " " : "", text);
  return FALSE;
}

SbPacket *
sb_tool_read_packet (const char      *path,
                     SbFormRegistry  *registry,
                     SbCalendar      *calendar,
                     gboolean        *from_pdf,
                     GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return sb_pdf_read_packet (file, registry, calendar, from_pdf, error);
}

gboolean
sb_tool_is_review_file (GBytes *bytes)
{
  gsize length = 0, start = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  /* As the window tells one: a JSON object that names its kind near the
   * top (a PDF carrying the words is not one). */
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  return start < length && data[start] == '{' &&
         g_strstr_len (data, MIN (length, 4096), "\"shenbao-review\"") != NULL;
}

SbPacket *
sb_tool_open_packet (const char     *command,
                     const char     *path,
                     SbFormRegistry *registry,
                     SbCalendar     *calendar,
                     gboolean       *from_pdf)
{
  g_autoptr(GError) error = NULL;
  SbPacket *packet = sb_tool_read_packet (path, registry, calendar, from_pdf, &error);

  if (packet == NULL)
    sb_tool_err ("shenbao-tool %s: %s", command, error->message);
  return packet;
}

const char *
sb_tool_check_name (SbPacketCheckKind kind)
{
  static const char *names[] = {
    [SB_PACKET_CHECK_INTEGRITY] = "integrity",
    [SB_PACKET_CHECK_ATTACHMENTS] = "attachments",
    [SB_PACKET_CHECK_DEFINITION] = "definition",
    [SB_PACKET_CHECK_IN_FORCE] = "in-force",
    [SB_PACKET_CHECK_VALIDATION] = "validation",
    [SB_PACKET_CHECK_READY] = "ready",
    [SB_PACKET_CHECK_DATES] = "dates",
  };

  if ((guint) kind < G_N_ELEMENTS (names) && names[kind] != NULL)
    return names[kind];
  return "check";
}

void
sb_tool_print_json (JsonNode *node)
{
  g_autofree char *text = NULL;

  text = sb_json_to_data (node, TRUE, NULL);

  /* Outside strings json-glib writes only ASCII, and inside them
   * sb_json_to_data escapes every C0 control: what is left to escape is
   * above 0x7E. */
  {
    g_autoptr(GString) safe = g_string_sized_new (strlen (text));
    const char *run = text;
    const char *p;

    /* Copied a run at a time: the findings of a thousand packets are
     * megabytes, and nearly none of it needs an escape. */
    for (p = text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c;

        if ((guchar) *p < 0x7f)
          continue;
        c = g_utf8_get_char (p);
        if (sb_safe_text_is_control (c))
          {
            g_string_append_len (safe, run, p - run);
            g_string_append_printf (safe, "\\u%04x", c);
            run = g_utf8_next_char (p);
          }
      }
    g_string_append_len (safe, run, p - run);
    fputs (safe->str, stdout);
    fputc ('\n', stdout);
  }
}
