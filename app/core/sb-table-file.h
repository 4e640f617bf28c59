/* sb-table-file.h — a spreadsheet or CSV file as cells
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sb-table-grid.h"

G_BEGIN_DECLS

/* The cells of @file, told apart by content rather than by name: a zip is
 * whose first member says it is an OpenDocument spreadsheet is read as
 * ODS (sb-table-ods.h), another zip as XLSX (sb-table-xlsx.h), anything
 * else as delimited text
 * (sb-table-text.h).  A file larger than SB_TABLE_MAX_FILE_SIZE is refused
 * before it is read.  Blocking: call it from a worker thread in the
 * window. */
SbTableGrid *sb_table_read_file  (GFile         *file,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* The same for bytes in memory. */
SbTableGrid *sb_table_read_bytes (GBytes        *bytes,
                                  GError       **error);

G_END_DECLS
