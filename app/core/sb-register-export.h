/* sb-register-export.h — the register and a case's history as a
 * spreadsheet (CSV or XLSX), for offices that report in WPS or Excel
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-register.h"
#include "sb-table-export.h"

G_BEGIN_DECLS

/* Writes @header and @rows (GStrv each, as long as @header) to @path,
 * atomically.  CSV: UTF-8 with a byte order mark, CRLF, RFC 4180 quotes,
 * and an apostrophe before text a spreadsheet would run as a formula.
 * XLSX: one sheet named @sheet_name, a bold header, columns as wide as
 * their text.  Writing is file I/O: may block. */
gboolean   sb_register_export_rows   (const char * const *header,
                                      GPtrArray          *rows,
                                      const char         *sheet_name,
                                      const char         *path,
                                      SbTableFormat       format,
                                      GError            **error);

/* The columns of the register's export, and one row for a case with its
 * deadline as of @today (@calendar may be NULL). */
const char * const *sb_register_export_case_header (void);
char     **sb_register_export_case_row   (const SbCase *a_case,
                                          gint32        today,
                                          SbCalendar   *calendar);
const char * const *sb_register_export_history_header (void);
char     **sb_register_export_history_row (const SbCase       *a_case,
                                           const SbCaseChange *change);

G_END_DECLS
