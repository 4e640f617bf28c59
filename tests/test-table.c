/* test-table.c — spreadsheets, CSV and clipboards as table rows, and back
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-field-format.h"
#include "sb-form-definition.h"
#include "sb-table-export.h"
#include "sb-table-file.h"
#include "sb-table-html.h"
#include "sb-table-import.h"
#include "sb-table-ods.h"
#include "sb-table-text.h"
#include "sb-table-xlsx.h"

static SbFormDefinition *definition;

static const SbField *
table (const char *id)
{
  const SbField *field = sb_form_definition_lookup_field (definition, id);

  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, SB_FIELD_TABLE);
  return field;
}

static const SbField *
column (const char *table_id,
        const char *column_id)
{
  g_autofree char *path = g_strdup_printf ("%s[].%s", table_id, column_id);
  const SbField *field = sb_form_definition_lookup_path (definition, path);

  g_assert_nonnull (field);
  return field;
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "tables", name, NULL);
}

static SbTableGrid *
read_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbTableGrid *grid = sb_table_read_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (grid);
  return grid;
}

static SbTableGrid *
read_text (const char *text,
           char        delimiter)
{
  g_autoptr(GError) error = NULL;
  SbTableGrid *grid = sb_table_text_read (text, strlen (text), delimiter, &error);

  g_assert_no_error (error);
  return grid;
}

#define assert_cell(grid, r, c, text) g_assert_cmpstr (sb_table_grid_get ((grid), (r), (c)), ==, (text))

/* The node's text: a string, or "true"/"false", or a number. */
static char *
node_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("(blank)");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, node);
      return json_generator_to_data (generator, NULL);
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static void
assert_parse (const char *table_id,
              const char *column_id,
              const char *typed,
              const char *expected)
{
  g_autoptr(JsonNode) node = sb_table_cell_parse (column (table_id, column_id), typed);
  g_autofree char *text = node_text (node);

  g_assert_cmpstr (text, ==, expected);
}

/* RFC 4180, section 2, and what spreadsheets add to it. */
static void
test_text_rfc4180 (void)
{
  g_autoptr(SbTableGrid) grid = read_text ("aaa,\"b,bb\",ccc\r\n"
                                           "\"a \"\"quoted\"\" word\",\"two\r\nlines\",\r\n"
                                           ",,\r\n"
                                           "last,row,\"no newline\"", ',');

  g_assert_cmpuint (grid->rows->len, ==, 4);
  g_assert_cmpuint (grid->n_columns, ==, 3);
  assert_cell (grid, 0, 1, "b,bb");
  assert_cell (grid, 1, 0, "a \"quoted\" word");
  assert_cell (grid, 1, 1, "two\nlines");
  assert_cell (grid, 1, 2, "");
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (grid->rows, 1))->len, ==, 3);
  assert_cell (grid, 3, 2, "no newline");
  g_assert_cmpuint (g_array_index (grid->row_numbers, guint, 3), ==, 4);
}

/* WPS ends records in CR LF and lines in cells in bare LF or CR; old Mac
 * files end records in CR alone; Excel's clipboard ends in CR LF. */
static void
test_text_line_breaks (void)
{
  g_autoptr(SbTableGrid) wps = read_text ("姓名\t备注\r\n张三\t\"第一行\n第二行\r第三行\"\r\n李四\t\r\n", '\t');
  g_autoptr(SbTableGrid) mac = read_text ("a,b\rc,d\r", ',');

  g_assert_cmpuint (wps->rows->len, ==, 3);
  assert_cell (wps, 1, 1, "第一行\n第二行\n第三行");
  assert_cell (wps, 2, 0, "李四");
  g_assert_cmpuint (mac->rows->len, ==, 2);
  assert_cell (mac, 1, 1, "d");
}

/* A cell that starts with a quote it never closes is literal text, as
 * Excel's clipboard leaves it: nothing is lost. */
static void
test_text_lone_quote (void)
{
  g_autoptr(SbTableGrid) grid = read_text ("\"引号开头\t2\n下一行\t3\n", '\t');

  g_assert_cmpuint (grid->rows->len, ==, 2);
  assert_cell (grid, 0, 0, "\"引号开头");
  assert_cell (grid, 1, 1, "3");
}

static void
test_text_delimiter (void)
{
  g_assert_cmpint (sb_table_text_detect_delimiter ("a\tb,c\td\n"), ==, '\t');
  g_assert_cmpint (sb_table_text_detect_delimiter ("a,b,c\n1\t2"), ==, ',');
  g_assert_cmpint (sb_table_text_detect_delimiter ("a;b;c\n"), ==, ';');
  g_assert_cmpint (sb_table_text_detect_delimiter ("\"x;y;z\",b\n"), ==, ',');
  g_assert_cmpint (sb_table_text_detect_delimiter ("单列\n"), ==, ',');
}

static void
test_text_encodings (void)
{
  const char gbk[] = "\xd0\xd5\xc3\xfb,\xc3\xe6\xbb\xfd\r\n\xd5\xc5\xc8\xfd,3.2\r\n";  /* 姓名,面积 / 张三,3.2 */
  const char utf16[] = "\xff\xfe\x61\x00\x2c\x00\x2d\x4e\x0a\x00";                    /* a,中 */
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *encoding = NULL;
  g_autoptr(SbTableGrid) bom = read_text ("\xEF\xBB\xBF姓名,面积\r\n张三,3.2\r\n", '\0');
  g_autoptr(SbTableGrid) excel = read_fixture ("staff-gb18030.csv");
  g_autoptr(SbTableGrid) libreoffice = read_fixture ("staff-libreoffice.csv");

  assert_cell (bom, 0, 0, "姓名");

  text = sb_table_text_to_utf8 (gbk, sizeof gbk - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_cmpstr (text, ==, "姓名,面积\r\n张三,3.2\r\n");
  g_clear_pointer (&text, g_free);

  text = sb_table_text_to_utf8 (utf16, sizeof utf16 - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "UTF-16");
  g_assert_cmpstr (text, ==, "a,中\n");
  g_clear_pointer (&text, g_free);

  /* The same roster as Excel in a zh_CN locale and LibreOffice save it. */
  g_assert_cmpuint (excel->rows->len, ==, 6);
  assert_cell (excel, 0, 0, "姓名");
  assert_cell (excel, 1, 8, "全国青少年机器人技术等级考试指导教师证书\n中国电子学会");
  assert_cell (excel, 5, 0, "周🙂");
  assert_cell (libreoffice, 3, 0, "李建国 \"Jack\"");
  assert_cell (libreoffice, 1, 4, "23/6/1");

  /* UTF-8 damaged in one place is not read as GB18030 (which would turn
   * every character into two wrong ones): it is refused, with where. */
  text = sb_table_text_to_utf8 ("姓名,面积\n张三,\xff\xfe\n王五,1\n", 27, NULL, &error);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_null (text);
  g_clear_error (&error);

  text = sb_table_text_to_utf8 ("a,b\n\0\0\0", 7, NULL, &error);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_text_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  SbTableGrid *grid;

  /* One line of a million columns. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append (text, "x,");
  grid = sb_table_text_read (text->str, text->len, '\0', &error);
  g_assert_null (grid);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "256 columns"));
  g_clear_error (&error);

  g_string_truncate (text, 0);
  for (guint i = 0; i < SB_TABLE_MAX_ROWS + 2; i++)
    g_string_append (text, "1\n");
  grid = sb_table_text_read (text->str, text->len, '\0', &error);
  g_assert_null (grid);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10000 rows"));
  g_clear_error (&error);

  g_string_truncate (text, 0);
  g_string_append_c (text, '"');
  for (guint i = 0; i < SB_TABLE_MAX_CELL_LENGTH + 1; i++)
    g_string_append (text, "字");
  g_string_append (text, "\"\n");
  grid = sb_table_text_read (text->str, text->len, '\0', &error);
  g_assert_null (grid);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Exactly at the limits is fine. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < SB_TABLE_MAX_COLUMNS - 1; i++)
    g_string_append (text, "x,");
  g_string_append (text, "x\n");
  grid = sb_table_text_read (text->str, text->len, '\0', &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->n_columns, ==, SB_TABLE_MAX_COLUMNS);
  sb_table_grid_free (grid);
}

/* What LibreOffice Calc and a browser put on the clipboard as text/html. */
static void
test_html_clipboard (void)
{
  const char *html =
    "<html><head><meta charset=\"utf-8\"><style>td { color: red }</style></head><body>"
    "<table border=\"1\"><colgroup><col width=\"80\"></colgroup>"
    "<tbody><tr><th>姓名</th><th colspan=\"2\">合同</th></tr>"
    "<tr><td rowspan=\"2\"><font face=\"宋体\">张　三</font></td><td>2023/6/1</td><td>A &amp; B</td></tr>"
    "<tr><td>第一行<br>第二行</td><td>\n  多个   空格\n</td></tr>"
    "</tbody></table><table><tr><td>second table</td></tr></table></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbTableGrid) grid = sb_table_html_read (html, strlen (html), &error);
  SbTableGrid *none;

  g_assert_no_error (error);
  g_assert_cmpuint (grid->rows->len, ==, 3);
  assert_cell (grid, 0, 1, "合同");
  assert_cell (grid, 0, 2, "合同");
  assert_cell (grid, 1, 0, "张　三");
  assert_cell (grid, 1, 2, "A & B");
  assert_cell (grid, 2, 0, "张　三");
  assert_cell (grid, 2, 1, "第一行\n第二行");
  assert_cell (grid, 2, 2, "多个 空格");

  none = sb_table_html_read ("<p>no table</p>", 15, &error);
  g_assert_null (none);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID);
}

static void
check_features (const char *name)
{
  g_autoptr(SbTableGrid) grid = read_fixture (name);

  /* The title row, the header merged over two rows (each cell of a
   * merged range carries its value), then two rows; the styled empty rows
   * below (down to row 1048576) are not rows. */
  g_assert_cmpuint (grid->rows->len, ==, 5);
  g_assert_cmpuint (grid->n_columns, ==, 6);
  assert_cell (grid, 0, 0, "2025年教职工名册");
  assert_cell (grid, 1, 3, "任职（劳动）合同");
  assert_cell (grid, 1, 4, "任职（劳动）合同");
  assert_cell (grid, 2, 0, "姓名");
  assert_cell (grid, 2, 3, "起始日");
  /* Rich text runs joined; the phonetic guide is not text. */
  assert_cell (grid, 3, 0, "张晓明");
  assert_cell (grid, 4, 0, "王丽华");
  /* Inline strings, and a formula's cached string. */
  assert_cell (grid, 3, 1, "140302199001011002");
  assert_cell (grid, 3, 2, "教学");
  assert_cell (grid, 4, 1, "140302199002021018");
  /* Serial dates in a built-in, a custom and a CJK format, from the
   * workbook's base; a date with a time of day keeps it. */
  assert_cell (grid, 3, 3, "2023-06-01");
  assert_cell (grid, 3, 4, "2026-05-31");
  assert_cell (grid, 4, 3, "2023-07-01");
  assert_cell (grid, 4, 4, "2026-06-30 12:00");
  /* Numbers as General shows them. */
  assert_cell (grid, 3, 5, "42.5");
  assert_cell (grid, 4, 5, "3.2");
}

static void
test_xlsx_features (void)
{
  check_features ("features.xlsx");
  check_features ("features-1904.xlsx");
  check_features ("features-libreoffice.xlsx");
}

static void
test_xlsx_libreoffice (void)
{
  g_autoptr(SbTableGrid) grid = read_fixture ("staff-libreoffice.xlsx");

  g_assert_cmpuint (grid->rows->len, ==, 6);
  assert_cell (grid, 1, 1, "140302199001011002");
  assert_cell (grid, 1, 4, "2023-06-01");
  assert_cell (grid, 1, 5, "2026-05-31");
  assert_cell (grid, 1, 8, "全国青少年机器人技术等级考试指导教师证书\n中国电子学会");
  assert_cell (grid, 5, 0, "周🙂");
}

static void
test_xlsx_not_a_workbook (void)
{
  g_autoptr(GError) error = NULL;
  SbTableGrid *grid = sb_table_xlsx_read ("PK\x03\x04garbage", 11, &error);

  g_assert_null (grid);
  g_assert_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID);
}

/* The same roster and workbook as LibreOffice saves them in ODS: dates
 * from their office:date-value (shown as 23/6/1), two paragraphs as one
 * cell with a line break, repeated cells spread out, the empty rows and
 * columns LibreOffice repeats to the sheet's end not rows. */
static void
test_ods_libreoffice (void)
{
  g_autoptr(SbTableGrid) grid = read_fixture ("staff-libreoffice.ods");

  g_assert_cmpuint (grid->rows->len, ==, 6);
  g_assert_cmpuint (grid->n_columns, ==, 14);
  assert_cell (grid, 0, 0, "姓名");
  assert_cell (grid, 1, 1, "140302199001011002");
  assert_cell (grid, 1, 4, "2023-06-01");
  assert_cell (grid, 1, 5, "2026-05-31");
  assert_cell (grid, 1, 8, "全国青少年机器人技术等级考试指导教师证书\n中国电子学会");
  assert_cell (grid, 1, 10, "否");
  assert_cell (grid, 1, 11, "否");
  assert_cell (grid, 1, 12, "是");
  assert_cell (grid, 1, 13, "是");
  assert_cell (grid, 5, 0, "周🙂");

  check_features ("features-libreoffice.ods");
}

/* content.xml written by hand, as other programs may: text:s, a line
 * break, a comment that is not the cell's text, numbers, times and
 * booleans from their values, repeats within bounds. */
static GBytes *
make_ods (const char *rows)
{
  g_autofree char *content = g_strconcat (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">"
    "<office:body><office:spreadsheet><table:table table:name=\"名册\">", rows,
    "</table:table><table:table table:name=\"second\"><table:table-row><table:table-cell office:value-type=\"string\">"
    "<text:p>not read</text:p></table:table-cell></table:table-row></table:table>"
    "</office:spreadsheet></office:body></office:document-content>", NULL);
  static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";
  struct archive *archive = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  gsize size = strlen (content) + 4096;
  char *data = g_malloc (size);
  size_t used = 0;

  /* As ODF 1.2 says: "mimetype" first and stored (the content stored
   * too; a zip bomb is tests/tool/test-table-tool.py's). */
  archive_write_set_format_zip (archive);
  g_assert_cmpint (archive_write_set_options (archive, "zip:compression=store"), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (archive, data, size, &used), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, "mimetype");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, strlen (mimetype));
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (archive, mimetype, strlen (mimetype)), ==, (la_ssize_t) strlen (mimetype));
  archive_entry_clear (entry);
  archive_entry_set_pathname (entry, "content.xml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, (la_int64_t) strlen (content));
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (archive, content, strlen (content)), ==, (la_ssize_t) strlen (content));
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_entry_free (entry);
  archive_write_free (archive);
  return g_bytes_new_take (data, used);
}

static void
test_ods_cells (void)
{
  g_autoptr(GBytes) bytes = make_ods (
    "<table:table-row>"
    "<table:table-cell office:value-type=\"string\"><text:p>李<text:s text:c=\"2\"/>建国<text:line-break/>Jack</text:p>"
    "<office:annotation><text:p>批注</text:p></office:annotation></table:table-cell>"
    "<table:table-cell office:value-type=\"float\" office:value=\"3.2000000000000002\"><text:p>3.20</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"time\" office:time-value=\"PT08H30M00S\"><text:p>上午8:30</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>真</text:p></table:table-cell>"
    "<table:table-cell office:value-type=\"date\" office:date-value=\"2024-03-01T14:05:00\"><text:p>24/3/1</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"string\"><text:p>否</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"1017\"/>"
    "</table:table-row>"
    "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell office:value-type=\"string\"><text:p>同</text:p></table:table-cell></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbTableGrid) grid = sb_table_read_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (grid->rows->len, ==, 6);
  g_assert_cmpuint (grid->n_columns, ==, 7);
  assert_cell (grid, 0, 0, "李  建国\nJack");
  assert_cell (grid, 0, 1, "3.2");
  assert_cell (grid, 0, 2, "08:30");
  assert_cell (grid, 0, 3, "TRUE");
  assert_cell (grid, 0, 4, "2024-03-01 14:05");
  assert_cell (grid, 0, 5, "否");
  assert_cell (grid, 0, 6, "否");
  /* Blank rows in between keep the sheet's numbering. */
  assert_cell (grid, 1, 0, "");
  g_assert_cmpuint (g_array_index (grid->row_numbers, guint, 3), ==, 4);
  assert_cell (grid, 3, 0, "同");
  assert_cell (grid, 5, 0, "同");
}

/* Hostile ODS files: a cell repeated a billion times across, a row of
 * text repeated a billion times down, a million spaces, a zip bomb and a
 * document type: each refused with a message that says the bound. */
static void
test_ods_hostile (void)
{
  struct {
    const char *rows;
    int         code;
    const char *says;
  } cases[] = {
    { "<table:table-row><table:table-cell table:number-columns-repeated=\"1000000000\" office:value-type=\"string\">"
      "<text:p>x</text:p></table:table-cell></table:table-row>", SB_TABLE_ERROR_TOO_LARGE, "256" },
    { "<table:table-row table:number-rows-repeated=\"1000000000\"><table:table-cell office:value-type=\"string\">"
      "<text:p>x</text:p></table:table-cell></table:table-row>", SB_TABLE_ERROR_TOO_LARGE, "10000" },
    { "<table:table-row><table:table-cell><text:p><text:s text:c=\"1000000000\"/></text:p></table:table-cell></table:table-row>",
      SB_TABLE_ERROR_TOO_LARGE, "32767" },
    { "<table:table-row><table:table-cell", SB_TABLE_ERROR_INVALID, "ODF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = make_ods (cases[i].rows);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbTableGrid) grid = sb_table_read_bytes (bytes, &error);

      g_assert_null (grid);
      g_assert_error (error, SB_TABLE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

static void
test_header_keys (void)
{
  const SbField *staff = table ("staff");
  const SbField *rooms = table ("rooms");

  g_assert_true (sb_table_match_header (staff, "姓 名") == column ("staff", "name"));
  g_assert_true (sb_table_match_header (staff, "*姓名") == column ("staff", "name"));
  g_assert_true (sb_table_match_header (staff, "专职/兼职") == column ("staff", "employment"));
  g_assert_true (sb_table_match_header (staff, "Name") == column ("staff", "name"));
  g_assert_true (sb_table_match_header (staff, "id_no") == column ("staff", "id_no"));
  g_assert_true (sb_table_match_header (rooms, "面积(m²)") == column ("rooms", "area"));
  g_assert_true (sb_table_match_header (rooms, "面积（平方米）") == column ("rooms", "area"));
  g_assert_true (sb_table_match_header (rooms, "ＡＲＥＡ") == column ("rooms", "area"));
  g_assert_null (sb_table_match_header (staff, "备注"));
  /* An attachment column is not something a file can fill. */
  g_assert_null (sb_table_match_header (staff, "劳动合同"));
}

static void
test_cell_parse (void)
{
  /* Numbers as people write them, and what typing could not store stays
   * as text (reported by the answers). */
  assert_parse ("rooms", "area", "３２．５０", "32.50");
  assert_parse ("rooms", "area", "42.5㎡", "42.50");
  assert_parse ("rooms", "area", "42.5 平方米", "42.50");
  assert_parse ("rooms", "area", "1,234.5", "1234.50");
  assert_parse ("rooms", "area", "3.2亩", "3.2亩");
  assert_parse ("rooms", "area", "约四十", "约四十");
  assert_parse ("rooms", "capacity", "15人", "15");
  assert_parse ("rooms", "capacity", "１５", "15");
  assert_parse ("rooms", "floor", "-1", "-1");
  assert_parse ("rooms", "area", "   ", "(blank)");
  /* Dates. */
  assert_parse ("staff", "contract_start", "2025年4月1日", "2025-04-01");
  assert_parse ("staff", "contract_start", "２０２５／４／１", "2025-04-01");
  assert_parse ("staff", "contract_start", "2025.4.1", "2025-04-01");
  assert_parse ("staff", "contract_start", "20250401", "2025-04-01");
  assert_parse ("staff", "contract_start", "25/4/1", "2025-04-01");
  assert_parse ("staff", "contract_start", "2025-04-01 00:00", "2025-04-01");
  assert_parse ("staff", "contract_start", "2025-02-30", "2025-02-30");
  assert_parse ("staff", "contract_start", "下周一", "下周一");
  /* Yes and no. */
  assert_parse ("staff", "is_foreign", "是", "true");
  assert_parse ("staff", "is_foreign", "TRUE", "true");
  assert_parse ("staff", "is_foreign", "√", "true");
  assert_parse ("staff", "is_foreign", " 否 ", "false");
  assert_parse ("staff", "is_foreign", "0", "false");
  assert_parse ("staff", "is_foreign", "也许", "也许");
  /* Options by their text, their English label, in full-width forms. */
  assert_parse ("staff", "role", "教学", "教学");
  assert_parse ("staff", "employment", "专职", "专职");
  assert_parse ("staff", "education", "高中(中专)及以下", "高中（中专）及以下");
  assert_parse ("staff", "education", "博士", "博士");
  /* Text as typed: emoji, line breaks from WPS, a formula guard dropped. */
  assert_parse ("staff", "name", " 周🙂 ", "周🙂");
  assert_parse ("staff", "qualification_desc", "第一行\r\n第二行", "第一行\n第二行");
  assert_parse ("staff", "courses_taught", "'=1+1", "=1+1");
}

static void
test_import_plan (void)
{
  g_autoptr(SbTableGrid) grid = read_fixture ("staff-libreoffice.xlsx");
  g_autoptr(SbTableImport) import = sb_table_import_new (table ("staff"), grid, 0);
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) clean = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GPtrArray *problems;
  SbTableProblem *problem;
  JsonObject *row;

  g_assert_cmpint (sb_table_import_get_header_row (import), ==, 0);
  g_assert_false (sb_table_import_needs_mapping (import));
  g_assert_cmpuint (sb_table_import_get_n_rows (import), ==, 5);
  g_assert_cmpuint (sb_table_import_get_n_clean_rows (import), ==, 4);

  problems = sb_table_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 4);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->file_row, ==, 5);
  g_assert_cmpuint (problem->file_column, ==, 3);
  g_assert_cmpstr (problem->column->id, ==, "employment");
  g_assert_cmpstr (problem->value, ==, "全职");
  g_assert_cmpstr (problem->message.zh_CN, ==, "“全职”不是可选的选项");
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (problem->column->id, ==, "contract_start");

  all = sb_table_import_dup_rows (import, FALSE);
  clean = sb_table_import_dup_rows (import, TRUE);
  g_assert_cmpuint (json_array_get_length (all), ==, 5);
  g_assert_cmpuint (json_array_get_length (clean), ==, 4);
  /* The problem cells kept as the text read, as typing keeps them. */
  row = json_array_get_object_element (all, 3);
  g_assert_cmpstr (json_object_get_string_member (row, "employment"), ==, "全职");
  g_assert_cmpstr (json_object_get_string_member (row, "contract_start"), ==, "2023-02-30");
  row = json_array_get_object_element (all, 1);
  g_assert_true (json_object_get_boolean_member (row, "crime_check_done"));
  g_assert_false (json_object_get_boolean_member (row, "first_hire"));
  row = json_array_get_object_element (clean, 3);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "周🙂");

  lines = sb_table_import_dup_report_lines (import);
  g_assert_cmpuint (lines->len, >=, 7);
  g_assert_cmpstr (g_ptr_array_index (lines, lines->len - 1), ==,
                   "Row 5, column K (Foreign national?): “也许”: expected yes (true) or no (false)");
}

static void
test_import_two_row_header (void)
{
  g_autoptr(SbTableGrid) grid = read_fixture ("features.xlsx");
  g_autoptr(SbTableImport) import = sb_table_import_new (table ("staff"), grid, 0);
  g_autoptr(JsonArray) rows = NULL;
  JsonObject *row;

  g_assert_cmpint (sb_table_import_get_header_row (import), ==, 2);
  g_assert_true (sb_table_import_get_mapping (import, 3) == column ("staff", "contract_start"));
  g_assert_true (sb_table_import_get_mapping (import, 4) == column ("staff", "contract_end"));
  g_assert_null (sb_table_import_get_mapping (import, 5));
  g_assert_true (sb_table_import_needs_mapping (import));
  g_assert_cmpuint (sb_table_import_get_problems (import)->len, ==, 0);
  rows = sb_table_import_dup_rows (import, FALSE);
  row = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "contract_end"), ==, "2026-06-30");

  /* The person maps the ignored column, and the plan follows. */
  sb_table_import_set_mapping (import, 5, column ("staff", "courses_taught"));
  g_clear_pointer (&rows, json_array_unref);
  rows = sb_table_import_dup_rows (import, FALSE);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "courses_taught"), ==, "42.5");
}

/* A pasted block without a header fills the columns from the one the
 * paste starts at. */
static void
test_import_paste_positional (void)
{
  g_autoptr(SbTableGrid) grid = read_text ("教学\t专职\t2023/6/1\r\n教研\t兼职\t2023年7月1日\r\n", '\t');
  g_autoptr(SbTableImport) import = sb_table_import_new (table ("staff"), grid, 2);
  g_autoptr(JsonArray) rows = NULL;
  JsonObject *row;

  g_assert_cmpint (sb_table_import_get_header_row (import), ==, -1);
  rows = sb_table_import_dup_rows (import, FALSE);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  row = json_array_get_object_element (rows, 1);
  g_assert_cmpstr (json_object_get_string_member (row, "role"), ==, "教研");
  g_assert_cmpstr (json_object_get_string_member (row, "employment"), ==, "兼职");
  g_assert_cmpstr (json_object_get_string_member (row, "contract_start"), ==, "2023-07-01");
  g_assert_false (json_object_has_member (row, "name"));
}

static JsonArray *
complete_rows (const char *table_id)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "kejipeixun", "complete.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), table_id));
}

/* Drops the attachment cells, which no spreadsheet holds. */
static JsonArray *
without_attachments (const SbField *table_field,
                     JsonArray     *rows)
{
  JsonArray *copy = json_array_new ();

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *kept = json_object_new ();

      for (guint c = 0; c < table_field->columns->len; c++)
        {
          SbField *field = g_ptr_array_index (table_field->columns, c);

          if (field->type != SB_FIELD_ATTACHMENT && json_object_has_member (row, field->id))
            json_object_set_member (kept, field->id, json_node_copy (json_object_get_member (row, field->id)));
        }
      json_array_add_object_element (copy, kept);
    }
  return copy;
}

static void
assert_same_rows (JsonArray *a,
                  JsonArray *b)
{
  g_autoptr(JsonNode) na = json_node_init_array (json_node_alloc (), a);
  g_autoptr(JsonNode) nb = json_node_init_array (json_node_alloc (), b);

  g_assert_true (json_node_equal (na, nb));
}

static void
round_trip (const char    *table_id,
            SbTableFormat  format,
            const char    *name)
{
  const SbField *table_field = table (table_id);
  g_autoptr(JsonArray) rows = complete_rows (table_id);
  g_autoptr(JsonArray) expected = without_attachments (table_field, rows);
  g_autofree char *directory = g_dir_make_tmp ("test-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbTableGrid) grid = NULL;
  g_autoptr(SbTableImport) import = NULL;
  g_autoptr(JsonArray) back = NULL;

  g_assert_true (sb_table_export (table_field, rows, path, format, &error));
  g_assert_no_error (error);
  grid = sb_table_read_file (file, NULL, &error);
  g_assert_no_error (error);
  import = sb_table_import_new (table_field, grid, 0);
  g_assert_cmpuint (sb_table_import_get_problems (import)->len, ==, 0);
  g_assert_false (sb_table_import_needs_mapping (import));
  back = sb_table_import_dup_rows (import, FALSE);
  assert_same_rows (back, expected);

  g_unlink (path);
  g_rmdir (directory);
}

static void
test_export_round_trip (void)
{
  round_trip ("staff", SB_TABLE_FORMAT_XLSX, "staff.xlsx");
  round_trip ("staff", SB_TABLE_FORMAT_CSV, "staff.csv");
  round_trip ("rooms", SB_TABLE_FORMAT_XLSX, "rooms.xlsx");
  round_trip ("rooms", SB_TABLE_FORMAT_CSV, "rooms.csv");
  round_trip ("fee_items", SB_TABLE_FORMAT_XLSX, "fees.xlsx");
}

/* Numbers are written as numbers and dates as dates: the sheet's XML
 * says so. */
static void
test_export_typed_cells (void)
{
  g_autoptr(JsonArray) rows = complete_rows ("rooms");
  g_autofree char *directory = g_dir_make_tmp ("test-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "rooms.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (sb_table_export (table ("rooms"), rows, path, SB_TABLE_FORMAT_XLSX, &error));
  /* Read back through the reader: a number cell comes back in General
   * format (42, not "42.00"), which a text cell would not. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(SbTableGrid) grid = sb_table_read_file (file, NULL, &error);

    g_assert_no_error (error);
    assert_cell (grid, 0, 5, "Area (m²)");
    assert_cell (grid, 1, 5, "42");
    assert_cell (grid, 1, 2, "1");
  }
  g_unlink (path);

  /* CSV: a byte order mark, CRLF, quoting, and no formula left to run. */
  {
    g_autoptr(JsonArray) hostile = json_array_new ();
    JsonObject *row = json_object_new ();
    gsize length;

    json_object_set_string_member (row, "name", "=HYPERLINK(\"http://x\",\"点我\")");
    json_object_set_string_member (row, "use", "教学培训");
    json_object_set_string_member (row, "area", "42.00");
    json_array_add_object_element (hostile, row);
    text = sb_table_export_text (table ("rooms"), hostile, ',', TRUE);
    contents = g_strndup (g_bytes_get_data (text, &length), g_bytes_get_size (text));
    g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFRoom,"));
    g_assert_nonnull (strstr (contents, "\r\n\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",教学培训,"));
  }
  g_rmdir (directory);
}

static void
test_template (void)
{
  g_autofree char *directory = g_dir_make_tmp ("test-table-XXXXXX", NULL);
  const char *names[] = { "staff.xlsx", "staff.csv" };
  SbTableFormat formats[] = { SB_TABLE_FORMAT_XLSX, SB_TABLE_FORMAT_CSV };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (directory, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbTableGrid) grid = NULL;
      g_autoptr(SbTableImport) import = NULL;
      g_autoptr(JsonArray) rows = NULL;
      JsonObject *row;

      g_assert_true (sb_table_write_template (table ("staff"), path, formats[i], &error));
      g_assert_no_error (error);
      grid = sb_table_read_file (file, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (grid->rows->len, ==, 2);
      import = sb_table_import_new (table ("staff"), grid, 0);
      g_assert_false (sb_table_import_needs_mapping (import));
      g_assert_cmpuint (sb_table_import_get_problems (import)->len, ==, 0);
      rows = sb_table_import_dup_rows (import, FALSE);
      row = json_array_get_object_element (rows, 0);
      g_assert_cmpstr (json_object_get_string_member (row, "role"), ==, "教学");
      g_assert_cmpstr (json_object_get_string_member (row, "contract_start"), ==, "2025-04-01");
      g_assert_true (json_object_get_boolean_member (row, "is_foreign"));
      g_unlink (path);
    }
  g_rmdir (directory);
}

static void
test_keep_attachments (void)
{
  const SbField *staff = table ("staff");
  g_autoptr(JsonArray) previous = complete_rows ("staff");
  g_autoptr(JsonArray) rows = without_attachments (staff, previous);
  JsonObject *second;
  guint lost, expected_lost;

  /* The roster comes back reordered and one person shorter. */
  second = json_array_get_object_element (rows, 1);
  json_object_ref (second);
  json_array_remove_element (rows, 1);
  json_array_remove_element (rows, 0);
  json_array_add_object_element (rows, second);

  lost = sb_table_rows_keep_attachments (staff, rows, previous);
  /* What the first person had attached has no row to go to. */
  expected_lost = 0;
  for (guint c = 0; c < staff->columns->len; c++)
    {
      SbField *field = g_ptr_array_index (staff->columns, c);

      if (field->type == SB_FIELD_ATTACHMENT
          && json_object_has_member (json_array_get_object_element (previous, 0), field->id))
        expected_lost++;
    }
  g_assert_cmpuint (expected_lost, >, 0);
  g_assert_cmpuint (lost, ==, expected_lost);
  g_assert_true (json_node_equal (json_object_get_member (json_array_get_object_element (rows, json_array_get_length (rows) - 1), "labor_contract_file"),
                                  json_object_get_member (json_array_get_object_element (previous, 1), "labor_contract_file")));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", "kejipeixun.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  definition = sb_form_definition_new_from_file (file, &error);
  g_assert_no_error (error);

  g_test_add_func ("/table/text/rfc4180", test_text_rfc4180);
  g_test_add_func ("/table/text/line-breaks", test_text_line_breaks);
  g_test_add_func ("/table/text/lone-quote", test_text_lone_quote);
  g_test_add_func ("/table/text/delimiter", test_text_delimiter);
  g_test_add_func ("/table/text/encodings", test_text_encodings);
  g_test_add_func ("/table/text/limits", test_text_limits);
  g_test_add_func ("/table/html/clipboard", test_html_clipboard);
  g_test_add_func ("/table/xlsx/features", test_xlsx_features);
  g_test_add_func ("/table/xlsx/libreoffice", test_xlsx_libreoffice);
  g_test_add_func ("/table/xlsx/not-a-workbook", test_xlsx_not_a_workbook);
  g_test_add_func ("/table/ods/libreoffice", test_ods_libreoffice);
  g_test_add_func ("/table/ods/cells", test_ods_cells);
  g_test_add_func ("/table/ods/hostile", test_ods_hostile);
  g_test_add_func ("/table/header/keys", test_header_keys);
  g_test_add_func ("/table/cell/parse", test_cell_parse);
  g_test_add_func ("/table/import/plan", test_import_plan);
  g_test_add_func ("/table/import/two-row-header", test_import_two_row_header);
  g_test_add_func ("/table/import/paste-positional", test_import_paste_positional);
  g_test_add_func ("/table/import/keep-attachments", test_keep_attachments);
  g_test_add_func ("/table/export/round-trip", test_export_round_trip);
  g_test_add_func ("/table/export/typed-cells", test_export_typed_cells);
  g_test_add_func ("/table/template", test_template);

  return g_test_run ();
}
