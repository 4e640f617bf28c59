/* sb-tool.h — the commands of shenbao-tool and what they share
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-calendar.h"
#include "sb-form-registry.h"
#include "sb-packet.h"

G_BEGIN_DECLS

enum {
  SB_TOOL_EXIT_OK = 0,
  SB_TOOL_EXIT_FAILED = 1,
  SB_TOOL_EXIT_USAGE = 2,
};

/* Each command takes its own argv (argv[0] is the command name). */
int              sb_tool_forms            (int          argc,
                                           char       **argv);
int              sb_tool_check            (int          argc,
                                           char       **argv);
int              sb_tool_pack             (int          argc,
                                           char       **argv);
int              sb_tool_validate         (int          argc,
                                           char       **argv);
int              sb_tool_render           (int          argc,
                                           char       **argv);
int              sb_tool_verify           (int          argc,
                                           char       **argv);
int              sb_tool_review           (int          argc,
                                           char       **argv);
int              sb_tool_diff             (int          argc,
                                           char       **argv);
int              sb_tool_draft            (int          argc,
                                           char       **argv);
int              sb_tool_table            (int          argc,
                                           char       **argv);
int              sb_tool_sign             (int          argc,
                                           char       **argv);
int              sb_tool_register         (int          argc,
                                           char       **argv);

/* Shared helpers (sb-tool-common.c) */

/* Every line the tool prints goes through these two (one line each, the
 * newline added): much of what is printed came from a packet somebody
 * else made, so every control and bidi character in it is written out
 * visibly (⟨U+001B⟩) and cannot steer the terminal, hide a line or draw a
 * fake one. */
void             sb_tool_out              (const char   *format,
                                           ...) G_GNUC_PRINTF (1, 2);
void             sb_tool_err              (const char   *format,
                                           ...) G_GNUC_PRINTF (1, 2);

/* Parses @argv with @entries; on error or --help prints to stderr/stdout
 * and returns FALSE with *exit_code set. */
gboolean         sb_tool_parse_options    (int           *argc,
                                           char       ***argv,
                                           const char   *parameter,
                                           const char   *summary,
                                           const char   *description,
                                           const GOptionEntry *entries,
                                           int          *exit_code);
/* The registry; reports definitions that failed to load on stderr. */
SbFormRegistry  *sb_tool_load_registry    (void);
/* Loads a definition when the packet asks for it: render needs one. */
SbFormRegistry  *sb_tool_load_registry_lazily (void);
/* The calendar, or NULL with a warning on stderr. */
SbCalendar      *sb_tool_load_calendar    (void);
/* A JSON object from a file: never trusts its size or nesting. */
JsonObject      *sb_tool_read_json_object (const char   *path,
                                           GError      **error);
/* "YYYY-MM-DD" or NULL for today (local time). FALSE on a bad date. */
gboolean         sb_tool_parse_date       (const char   *text,
                                           gint32       *julian_day);
/* sb_tool_parse_date() of a date option of @command; on a bad date says so
 * on stderr ("shenbao-tool COMMAND: --OPTION “…” is not a date", no option
 * name when @option is NULL) and returns FALSE. */
gboolean         sb_tool_parse_date_option (const char  *command,
                                            const char  *option,
                                            const char  *text,
                                            gint32      *julian_day);
/* Pretty JSON on stdout: json-glib escapes C0 controls; the C1 controls,
 * DEL and the bidi characters it leaves raw are written as \u escapes
 * too, so the value a program reads is unchanged and a terminal sees
 * none of them. */
void             sb_tool_print_json       (JsonNode     *node);
/* A packet from a JSON packet file or from a PDF that carries one. */
SbPacket        *sb_tool_read_packet      (const char     *path,
                                           SbFormRegistry *registry,
                                           SbCalendar     *calendar,
                                           gboolean       *from_pdf,
                                           GError        **error);
/* sb_tool_read_packet(), saying why not on stderr for @command
 * ("shenbao-tool COMMAND: …") when it fails. */
SbPacket        *sb_tool_open_packet      (const char     *command,
                                           const char     *path,
                                           SbFormRegistry *registry,
                                           SbCalendar     *calendar,
                                           gboolean       *from_pdf);
/* Whether @bytes are a review file (an office's review, *.sbreview.json)
 * rather than a packet. */
gboolean         sb_tool_is_review_file   (GBytes         *bytes);
/* "integrity", "attachments"…: a packet check as the tool names it. */
const char      *sb_tool_check_name       (SbPacketCheckKind kind);
void             sb_tool_print_packet     (SbPacket       *packet,
                                           gboolean        as_json);
void             sb_tool_print_packet_checks (SbPacket    *packet);
/* What validate prints as JSON for one packet. */
JsonObject      *sb_tool_packet_to_json   (SbPacket       *packet);
/* A packet read from a PDF, with the PDF's own checks (sb-pdf-verify.h):
 * verified only if both pass (sb-tool-verify.c; validate uses them too). */
gboolean         sb_tool_pdf_verified       (SbPacket     *packet,
                                             GPtrArray    *pdf_checks);
JsonObject      *sb_tool_pdf_packet_to_json (SbPacket     *packet,
                                             GPtrArray    *pdf_checks);
void             sb_tool_print_pdf_packet   (SbPacket     *packet,
                                             GPtrArray    *pdf_checks);
/* Checks the PDF @path, prints both verdicts; the exit status. */
int              sb_tool_report_pdf_packet  (const char   *path,
                                             SbPacket     *packet,
                                             gboolean      as_json);

/* Signatures (sb-tool-signatures.c) */

/* The folder of trusted CA certificates: --trust DIR, else
 * $SHENBAO_TRUST_DIR, else the application's trust-folder preference,
 * else none (nothing is trusted). */
void             sb_tool_set_trust_dir      (const char   *dir);
const char      *sb_tool_get_trust_dir      (void);
/* The packet's signatures checked (SbSignature*, empty when unsigned). */
GPtrArray       *sb_tool_packet_signatures  (SbPacket     *packet);
/* --require-signature: an office that accepts only signed packets. */
void             sb_tool_set_signature_required (gboolean  required);
/* Whether one of @signatures or @more (may be NULL) is trusted, when the
 * office requires a signature; TRUE when it does not. */
gboolean         sb_tool_signature_requirement_met (GPtrArray *signatures,
                                                    GPtrArray *more);
/* The line that says the requirement is not met. */
void             sb_tool_print_requirement  (const char   *indent);
/* FALSE when one does not match or its certificate was not valid then. */
gboolean         sb_tool_signatures_pass    (GPtrArray    *signatures);
/* sb_packet_is_verified() and its signatures pass. */
gboolean         sb_tool_packet_verified    (SbPacket     *packet);
/* That, and the signature requirement met: a JSON packet's verdict. */
gboolean         sb_tool_json_packet_verified (SbPacket   *packet);
/* One line each after @indent in the @column ("signature",
 * "pdf-signer"), or one saying the @what ("packet", "PDF") is unsigned. */
void             sb_tool_print_signatures   (GPtrArray    *signatures,
                                             const char   *indent,
                                             const char   *column,
                                             const char   *what);
/* The PDF's own signatures checked (SbSignature*), empty when unsigned. */
GPtrArray       *sb_tool_pdf_signatures     (GFile        *file);
JsonNode        *sb_tool_signatures_to_json (GPtrArray    *signatures);
/* Each of @signatures that fails, described after "@what: ", appended
 * to @problem ("; " between). */
void             sb_tool_append_signature_failures (GString   *problem,
                                                    GPtrArray *signatures,
                                                    const char *what);
G_END_DECLS
