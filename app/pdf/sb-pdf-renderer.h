/* sb-pdf-renderer.h — an application packet as the PDF a person files
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-pdf-embed.h"
#include "sb-form-registry.h"
#include "sb-packet.h"
#include "sb-validator.h"

G_BEGIN_DECLS

/* One attached file, as the packet lists it. */
typedef struct {
  char   *field;        /* "field" or "table[].column" */
  int     row;          /* -1 unless in a table */
  char   *name;
  char   *media_type;
  gint64  size;
  char   *sha256;
} SbPdfAttachment;

/* What the pages show beyond the answers: the packet's own facts.  All
 * dates come from the packet, never from the clock, so the same packet
 * always renders to the same bytes. */
typedef struct {
  const char  *reference;       /* reference number */
  const char  *integrity_hash;  /* hex SHA-256 of the packet */
  gboolean     draft;
  gint32       submission_date; /* Julian day, 0 = none */
  const char  *created;         /* ISO 8601 UTC, e.g. 2024-03-15T08:00:00Z */
  const char  *finalised;       /* ISO 8601 UTC or NULL */
  GHashTable  *justifications;  /* rule id -> text; may be NULL */
  GPtrArray   *attachments;     /* SbPdfAttachment*; may be NULL */
  GBytes      *packet_json;     /* embedded as packet.json */
} SbPdfPacketInfo;

/* The name the packet JSON has inside the PDF. */
#define SB_PDF_PACKET_NAME "packet.json"

/* Renders @answers (validated as @report) with @info to PDF bytes. */
GBytes  *sb_pdf_render_packet (SbAnswers              *answers,
                               SbValidationReport     *report,
                               const SbPdfPacketInfo  *info,
                               guint                  *n_pages,
                               GError                **error);

/* Renders a verified @packet: its answers, its stored report and its own
 * facts, with its JSON embedded.  What the GUI and shenbao-tool render. */
GBytes  *sb_pdf_render_from_packet (SbPacket  *packet,
                                    guint     *n_pages,
                                    GError   **error);

/* Reads a packet file as untrusted input: a packet JSON, or a PDF that
 * carries one as packet.json (@from_pdf says which).  Anything but a
 * regular file, and files larger than a packet may be, are refused before
 * they are read. */
SbPacket *sb_pdf_read_packet (GFile           *file,
                              SbFormRegistry  *registry,
                              SbCalendar      *calendar,
                              gboolean        *from_pdf,
                              GError         **error);

G_END_DECLS
