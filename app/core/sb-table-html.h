/* sb-table-html.h — the first table of an HTML clipboard
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-table-grid.h"

G_BEGIN_DECLS

/* The cells of the first <table> in @data (UTF-8 HTML, as a spreadsheet
 * or a browser puts it on the clipboard when it offers no plain text):
 * <th> and <td> of its rows, <br> as line breaks, other white space
 * collapsed as a browser shows it, a cell spanning several columns or rows
 * repeated in each.  libxml2's HTML parser reads it, without network
 * access; NULL with @error when there is no table. */
SbTableGrid *sb_table_html_read (const char  *data,
                                 gsize        length,
                                 GError     **error);

G_END_DECLS
