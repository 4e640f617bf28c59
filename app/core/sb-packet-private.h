/* sb-packet-private.h — what the files of SbPacket share
 *
 * sb-packet.c (the object and its getters), -writer.c (sb_packet_new and
 * saving), -reader.c (strict reading), -attachments.c (attached files)
 * and -checks.c (what reading verifies).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-json-reader.h"
#include "sb-packet.h"

G_BEGIN_DECLS

#define MAX_DEPTH 64
/* Text answers longer than this are not answers (a text field with a
 * max_length allows four bytes, the longest UTF-8 character, per
 * character of it instead). */
#define MAX_TEXT_BYTES (1024 * 1024)
/* What each member may weigh: every one is bounded before it is used, so a
 * 100 MB "created" is refused instead of copied, compared and printed.
 * Identifiers are those of the form definitions; a field path is
 * "table[].column". */
#define MAX_ID_BYTES 64
#define MAX_VERSION_BYTES 32
#define MAX_FIELD_PATH_BYTES 200
#define MAX_FILE_NAME_BYTES 255
/* RFC 6838 allows 127 characters for each half. */
#define MAX_MEDIA_TYPE_BYTES 255
#define MAX_JUSTIFICATION_BYTES SB_PACKET_MAX_JUSTIFICATION_BYTES
/* A rule message may quote an answer, which may be a long text. */
#define MAX_MESSAGE_BYTES (2 * MAX_TEXT_BYTES)
/* How much of a refused value an error quotes. */

struct _SbPacket
{
  GObject             parent_instance;

  SbFormDefinition   *definition;
  SbAnswers          *answers;
  gboolean            draft;
  gint32              submission_date;
  char               *created;
  char               *finalised;
  char               *reference;
  char               *integrity_hash;
  GHashTable         *justifications;
  GPtrArray          *attachments;
  SbValidationReport *report;
  GPtrArray          *checks;
  GPtrArray          *differences;  /* SbPacketDifference* */
  gboolean            dated_in_future;
  JsonNode           *root;     /* the whole packet, as written or read */
  GPtrArray          *signatures;  /* GBytes* of DER, as read (sb-packet-signatures.c) */
};

typedef struct
{
  GHashTable *present;   /* "sha256 path row" of every attached file */
  GString    *missing;
  char       *refused;   /* the first descriptor whose name is refused */
} DescriptorCheck;

void sb_packet_check_free (SbPacketCheck *check);

void sb_packet_add_check (SbPacket          *self,
                          SbPacketCheckKind  kind,
                          gboolean           ok,
                          const char        *format,
                          ...) G_GNUC_PRINTF (4, 5);

char *sb_packet_sha256_hex (GBytes *bytes);

gboolean sb_packet_is_sha256 (const char *text);

gboolean sb_packet_is_media_type (const char *text);

gboolean sb_packet_parse_timestamp (const char *text,
                                    gint64     *seconds,
                                    gint32     *day);

gboolean sb_packet_check_dates (const char  *created,
                                const char  *finalised,
                                gint32       submission_date,
                                gboolean    *future,
                                GError     **error);

char *sb_packet_compute_reference (SbFormDefinition *definition,
                                   JsonNode         *root);

extern const char * const sb_packet_reference_members[];

char *sb_packet_reference_from_digest (SbFormDefinition *definition,
                                       JsonNode         *root,
                                       const guint8     *digest);

/* The packet's optional list of signatures (sb-packet-signatures.c). */
#define SB_PACKET_SIGNATURES_MEMBER "signatures"

extern const char * const sb_packet_unhashed_members[];

gboolean sb_packet_read_signatures (SbPacket    *self,
                                    JsonObject  *root,
                                    GError     **error);

char *sb_packet_compute_integrity (JsonNode  *root,
                                   GError   **error);

char *sb_packet_name_problem (const char *name);

void sb_packet_descriptor_check_init (DescriptorCheck *check,
                                      GPtrArray       *attachments);

void sb_packet_descriptor_check_clear (DescriptorCheck *check);

void sb_packet_check_descriptor (const char *path,
                                 int         row,
                                 JsonObject *descriptor,
                                 gpointer    data);

void sb_packet_check_ready (SbPacket *self);

void sb_packet_difference_free (SbPacketDifference *difference);

void sb_packet_compare_validation (SbPacket  *self,
                                   JsonArray *stored);

void sb_packet_check_in_force (SbPacket *self);

extern const SbJsonErrorKind sb_packet_json;

gboolean sb_packet_invalid (GError     **error,
                            int          code,
                            const char  *format,
                            ...) G_GNUC_PRINTF (3, 4);

void sb_packet_check_dated (SbPacket *self);

gboolean sb_packet_read_attachments (SbPacket   *self,
                                     JsonArray  *array,
                                     GString    *problems,
                                     GError    **error);

G_END_DECLS
