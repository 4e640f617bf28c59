/* sb-table-file.c — a spreadsheet or CSV file as cells
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-table-file.h"
#include "sb-table-ods.h"
#include "sb-table-text.h"
#include "sb-table-xlsx.h"

SbTableGrid *
sb_table_read_bytes (GBytes  *bytes,
                     GError **error)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (sb_table_ods_sniff (data, length))
    return sb_table_ods_read (data, length, error);
  if (sb_table_xlsx_sniff (data, length))
    return sb_table_xlsx_read (data, length, error);
  return sb_table_text_read (data, length, '\0', error);
}

SbTableGrid *
sb_table_read_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("“%s” is not a file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > SB_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the file is larger than %d MB, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  /* The file may have grown since it was measured. */
  if (g_bytes_get_size (bytes) > SB_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the file is larger than %d MB, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  return sb_table_read_bytes (bytes, error);
}
