/* sb-packet.h — the application packet: answers, files, checks, integrity
 *
 * Format: data/schemas/packet.schema.json.  A packet is written as
 * canonical JSON (sb-canonical-json.h), so reading and writing it again
 * gives the same bytes; its integrity block is the SHA-256 of that form of
 * everything else but its optional signatures (sb-packet-signatures.h),
 * which sign that form of everything but themselves.  Reading never trusts what a packet says about itself:
 * the hashes are recomputed and the answers validated again.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-form-registry.h"
#include "sb-validator.h"

G_BEGIN_DECLS

#define SB_PACKET_ERROR (sb_packet_error_quark ())

typedef enum {
  SB_PACKET_ERROR_INVALID,        /* not a packet, or malformed: the message says where */
  SB_PACKET_ERROR_UNSUPPORTED,    /* a format version this version cannot read */
  SB_PACKET_ERROR_UNKNOWN_FORM,   /* its form or form version is not installed */
  SB_PACKET_ERROR_NOT_READY,      /* finalising with errors or unjustified warnings */
  SB_PACKET_ERROR_ATTACHMENT,     /* an attached file is missing, too big or wrong */
  SB_PACKET_ERROR_IO,             /* reading or writing failed */
} SbPacketError;

#define SB_PACKET_FORMAT 1
/* What a packet file may weigh, attachments included: the most a reviewer's
 * machine holds under a 2 GB address-space limit (prlimit --as=2000000000)
 * with room to spare.  Read, a packet costs about four times its size
 * (1.06 GB peak for a 256 MiB packet that is one attachment, 1.25 GB for
 * one of a million values); at 512 MiB it took 2.0–2.1 GB and failed. */
#define SB_PACKET_MAX_SIZE (256 * 1024 * 1024)
/* The longest justification of a warning a packet may carry, in bytes: a
 * text view that takes one can stop there. */
#define SB_PACKET_MAX_JUSTIFICATION_BYTES (64 * 1024)

typedef struct {
  char   *field;       /* "field" or "table[].column" */
  int     row;         /* -1 unless in a table */
  char   *name;        /* as the applicant's file was called; never a path */
  char   *media_type;
  gint64  size;
  char   *sha256;
  GBytes *data;
} SbPacketAttachment;

SbPacketAttachment *sb_packet_attachment_new  (const char *field,
                                               int         row,
                                               const char *name,
                                               const char *media_type,
                                               GBytes     *data);
void                sb_packet_attachment_free (SbPacketAttachment *attachment);

/* One thing verification looked at. */
typedef enum {
  SB_PACKET_CHECK_INTEGRITY,        /* the packet's own hash */
  SB_PACKET_CHECK_ATTACHMENTS,      /* every file's size and hash */
  SB_PACKET_CHECK_DEFINITION,       /* the form definition it was made with */
  SB_PACKET_CHECK_IN_FORCE,         /* the regulation on the submission date */
  SB_PACKET_CHECK_VALIDATION,       /* the stored results against those computed now */
  SB_PACKET_CHECK_READY,            /* a final packet has no errors, warnings are justified */
  SB_PACKET_CHECK_DATES,            /* created, finalised and submitted are not after today */
} SbPacketCheckKind;

typedef struct {
  SbPacketCheckKind  kind;
  gboolean           ok;
  char              *message;   /* plain English; what was found */
} SbPacketCheck;

/* A rule result the packet states and today's evaluation does not give,
 * the reverse, or one both give in other words. */
typedef enum {
  SB_PACKET_DIFFERENCE_NOT_NOW,     /* in the packet, does not fire now */
  SB_PACKET_DIFFERENCE_FIRES_NOW,   /* fires now, the packet does not say so */
  SB_PACKET_DIFFERENCE_WORDS,       /* both, with another message or severity */
} SbPacketDifferenceKind;

typedef struct {
  SbPacketDifferenceKind  kind;
  char                   *rule;
  char                   *field;     /* NULL for the whole form */
  int                     row;       /* -1 unless one table row */
  const SbFinding        *finding;   /* the one computed now; NULL for NOT_NOW */
} SbPacketDifference;

#define SB_TYPE_PACKET (sb_packet_get_type ())
G_DECLARE_FINAL_TYPE (SbPacket, sb_packet, SB, PACKET, GObject)

GQuark              sb_packet_error_quark      (void);

/* Builds a packet from @answers as of @submission_date.  @attachments
 * (SbPacketAttachment*, taken) hold the bytes of every file the answers
 * describe.  @created and @finalised are ISO 8601 UTC timestamps given by
 * the caller (never read from the clock here); @finalised NULL makes a
 * draft.  A final packet is refused (SB_PACKET_ERROR_NOT_READY) while an
 * error fires or a warning has no justification. */
SbPacket           *sb_packet_new              (SbAnswers    *answers,
                                                gint32        submission_date,
                                                GHashTable   *justifications,
                                                GPtrArray    *attachments,
                                                const char   *created,
                                                const char   *finalised,
                                                SbCalendar   *calendar,
                                                GError      **error);
/* Reads a packet.  Malformed input, an unknown form or a future format is
 * an error; everything else (a changed byte, a wrong file, a definition that
 * differs) is read and reported by sb_packet_get_checks(). */
SbPacket           *sb_packet_new_from_bytes   (GBytes          *bytes,
                                                SbFormRegistry  *registry,
                                                SbCalendar      *calendar,
                                                GError         **error);
SbPacket           *sb_packet_new_from_file    (GFile           *file,
                                                SbFormRegistry  *registry,
                                                SbCalendar      *calendar,
                                                GError         **error);

/* The packet as canonical JSON. */
GBytes             *sb_packet_to_bytes         (SbPacket        *self);
/* Written atomically (temporary file, fsync, rename): on failure the file
 * that was there stays as it was. */
gboolean            sb_packet_save             (SbPacket        *self,
                                                const char      *path,
                                                GError         **error);

SbFormDefinition   *sb_packet_get_definition   (SbPacket        *self);
SbAnswers          *sb_packet_get_answers      (SbPacket        *self);
gboolean            sb_packet_is_draft         (SbPacket        *self);
gint32              sb_packet_get_submission_date (SbPacket     *self);
const char         *sb_packet_get_created      (SbPacket        *self);
const char         *sb_packet_get_finalised    (SbPacket        *self);
const char         *sb_packet_get_reference    (SbPacket        *self);
/* The integrity hash the packet carries (for a packet read from bytes, as
 * stored; compare with the INTEGRITY check). */
const char         *sb_packet_get_integrity_hash (SbPacket      *self);
GHashTable         *sb_packet_get_justifications (SbPacket      *self);
GPtrArray          *sb_packet_get_attachments  (SbPacket        *self);   /* SbPacketAttachment* */
/* The rule results computed now, never the stored ones. */
SbValidationReport *sb_packet_get_report       (SbPacket        *self);
GPtrArray          *sb_packet_get_checks       (SbPacket        *self);   /* SbPacketCheck* */
/* What the VALIDATION check found different, one result each: the
 * packet's stored results against those computed now (empty for a packet
 * made here, or when they match).  The packet's own words are never kept. */
GPtrArray          *sb_packet_get_validation_differences (SbPacket *self);   /* SbPacketDifference* */
/* Whether the packet says it was created, finalised or submitted after
 * today (today anywhere on earth, by this computer's clock): such a packet
 * is read, and its DATES check fails saying "dated in the future". */
gboolean            sb_packet_is_dated_in_future (SbPacket      *self);
/* TRUE when every check passed. */
gboolean            sb_packet_is_verified      (SbPacket        *self);

/* "KJ240315-7HQ4MXR": form prefix (one to four capital letters),
 * submission date (YYMMDD), six characters from the content hash and a
 * check character, from an alphabet without look-alikes (no 0/O, 1/I/L,
 * 2/Z, 5/S, 8/B).  Nothing else is valid: the reader refuses any other
 * reference, so one can name a file or folder. */
gboolean            sb_packet_reference_is_valid (const char    *reference);

/* Whether @text is a time as packets carry them (created, finalised):
 * "2024-03-14T09:00:00Z", UTC in whole seconds, a real date and time.  A
 * draft's times become a packet's, so the draft store can check them. */
gboolean            sb_packet_timestamp_is_valid (const char    *text);

/* A name safe to save an attachment under: no folders, no "..", no control
 * characters; Chinese is kept. */
char               *sb_packet_safe_file_name   (const char      *name);

G_END_DECLS
