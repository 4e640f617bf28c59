/* sb-table-row-item.h — one row of a table editor's list
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SB_TYPE_TABLE_ROW_ITEM (sb_table_row_item_get_type ())
G_DECLARE_FINAL_TYPE (SbTableRowItem, sb_table_row_item, SB, TABLE_ROW_ITEM, GObject)

/* A row number and its worst problem (0: none, else SbSeverity + 1).
 * Changing the problem notifies "problem", so the row on screen updates
 * its icon without the list being rebuilt. */
SbTableRowItem *sb_table_row_item_new         (guint           index);
guint           sb_table_row_item_get_index   (SbTableRowItem *self);
guint           sb_table_row_item_get_problem (SbTableRowItem *self);
void            sb_table_row_item_set_problem (SbTableRowItem *self,
                                               guint           problem);

G_END_DECLS
