/* test-pdf.c — rendering a packet to PDF, checked with poppler's tools
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "sb-date.h"
#include "sb-validator.h"
#include "sb-pdf-archive.h"
#include "sb-pdf-layout.h"
#include "sb-pdf-renderer.h"
#include "sb-pdf-review.h"
#include "sb-pdf-verify.h"

static const char *answers_json =
  "{\"name\": \"阳泉市城区启明科技培训中心\", \"area\": \"120.00\", \"teaching_area\": \"80.00\","
  " \"funds\": \"300000\", \"kind\": \"联合举办\", \"pledge\": true, \"end_time\": \"20:30\","
  " \"domains\": [\"编程\", \"机器人\"], \"id_no\": \"11010519491231002X\","
  " \"profile\": \"本中心面向中小学生开展编程与机器人科技教育，配备专职教师与实验设备，实行课程标准化管理。\","
  " \"charter_file\": [{\"name\": \"章程.pdf\", \"media_type\": \"application/pdf\", \"size\": 193,"
  "   \"sha256\": \"e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2\"}],"
  " \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\", \"is_foreign\": false},"
  "            {\"staff_name\": \"John Smith\", \"role\": \"教研\", \"is_foreign\": true}],"
  " \"fees\": [{\"fee_name\": \"编程入门\", \"amount\": \"4800.00\"}]}";

typedef struct
{
  char *dir;
  SbAnswers *answers;
  SbValidationReport *report;
  GPtrArray *attachments;
  GHashTable *justifications;
  GBytes *packet_json;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = sb_form_definition_new_from_file (file, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  SbPdfAttachment *attachment;
  gint32 date;
  int rows = GPOINTER_TO_INT (data);

  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("shenbao-pdf-XXXXXX", &error);
  g_assert_no_error (error);

  json_parser_load_from_data (parser, answers_json, -1, &error);
  g_assert_no_error (error);
  fixture->answers = sb_answers_new (definition);
  sb_answers_set_json (fixture->answers, json_node_get_object (json_parser_get_root (parser)));

  /* A long staff roster, to make the table run over pages. */
  for (int i = 0; i < rows; i++)
    {
      g_autoptr(JsonObject) row = json_object_new ();
      g_autofree char *name = g_strdup_printf ("职员%03d", i + 1);

      json_object_set_string_member (row, "staff_name", name);
      json_object_set_string_member (row, "role", i % 3 == 0 ? "行政" : "教学");
      sb_answers_insert_row (fixture->answers, "staff", sb_answers_get_row_count (fixture->answers, "staff"), row);
    }

  sb_date_parse ("2024-03-15", &date);
  fixture->report = sb_validate (fixture->answers, date, NULL);

  fixture->attachments = g_ptr_array_new ();
  attachment = g_new0 (SbPdfAttachment, 1);
  attachment->field = g_strdup ("charter_file");
  attachment->row = -1;
  attachment->name = g_strdup ("章程.pdf");
  attachment->media_type = g_strdup ("application/pdf");
  attachment->size = 193;
  attachment->sha256 = g_strdup ("e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2");
  g_ptr_array_add (fixture->attachments, attachment);

  fixture->justifications = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (fixture->justifications, (gpointer) "ET-03", (gpointer) "工作许可正在办理，预计三月底取得。");

  fixture->packet_json = g_bytes_new_static ("{\"format\":1,\"reference\":\"KJ240315-7HQ4MX\"}", 42);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_object_unref (fixture->answers);
  sb_validation_report_unref (fixture->report);
  for (guint i = 0; i < fixture->attachments->len; i++)
    {
      SbPdfAttachment *attachment = g_ptr_array_index (fixture->attachments, i);
      g_free (attachment->field);
      g_free (attachment->name);
      g_free (attachment->media_type);
      g_free (attachment->sha256);
      g_free (attachment);
    }
  g_ptr_array_unref (fixture->attachments);
  g_hash_table_unref (fixture->justifications);
  g_bytes_unref (fixture->packet_json);
}

static GBytes *
render (Fixture  *fixture,
        gboolean  draft,
        guint    *n_pages)
{
  SbPdfPacketInfo info = {
    .reference = "KJ240315-7HQ4MX",
    .integrity_hash = "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d",
    .draft = draft,
    .created = "2024-03-14T09:30:00Z",
    .finalised = draft ? NULL : "2024-03-15T08:00:00Z",
    .justifications = fixture->justifications,
    .attachments = fixture->attachments,
    .packet_json = fixture->packet_json,
  };
  g_autoptr(GError) error = NULL;
  GBytes *pdf;

  sb_date_parse ("2024-03-15", &info.submission_date);
  pdf = sb_pdf_render_packet (fixture->answers, fixture->report, &info, n_pages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  return pdf;
}

static char *
write_pdf (Fixture    *fixture,
           GBytes     *pdf,
           const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  return path;
}

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    {
      g_test_skip_printf ("%s is not installed: %s", argv[0], error->message);
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render (fixture, FALSE, NULL);
  g_autofree char *path = write_pdf (fixture, pdf, "final.pdf");
  g_autofree char *text = run ((const char *[]) { "pdftotext", "-layout", path, "-", NULL });
  const char *expected[] = {
    "引擎测试表", "测试〔2023〕1号", "阳泉市城区启明科技培训中心", "KJ240315-7HQ4MX", "2024-03-15",
    "120.00 m²", "300,000.00 元", "联合举办", "编程、机器人", "11010519491231002X", "章程.pdf",
    "John Smith", "4,800.00", "e5a636ac00ea3c175d31", "工作许可正在办理", "ET-03",
    "页共", "申请单位（盖章）", "始终显示的告知",
  };

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      {
        g_test_message ("the PDF text has no “%s”", expected[i]);
        g_test_fail ();
      }

  /* A final packet has no draft watermark. */
  g_assert_null (strstr (text, "草稿"));
}

static void
test_draft_watermark (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render (fixture, TRUE, NULL);
  g_autofree char *path = write_pdf (fixture, pdf, "draft.pdf");
  g_autofree char *text = run ((const char *[]) { "pdftotext", path, "-", NULL });

  if (text != NULL)
    g_assert_nonnull (strstr (text, "草稿"));
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* What PDF/A-3b asks beyond the pages: an sRGB output intent whose ICC
 * profile is well formed, and XMP metadata declaring PDF/A-3b that agrees
 * with the document information. */
static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) profile = sb_pdf_srgb_profile ();
  g_autoptr(GBytes) pdf = render (fixture, FALSE, NULL);
  g_autofree char *path = write_pdf (fixture, pdf, "archive.pdf");
  g_autofree char *meta = NULL;
  g_autofree char *info = NULL;
  const guint8 *icc;
  gsize length;
  guint32 n_tags;

  icc = g_bytes_get_data (profile, &length);
  g_assert_cmpuint (length, >, 128);
  g_assert_cmpuint (read_u32 (icc), ==, length);
  g_assert_cmpmem (icc + 12, 12, "mntrRGB XYZ ", 12);
  g_assert_cmpmem (icc + 36, 4, "acsp", 4);
  n_tags = read_u32 (icc + 128);
  g_assert_cmpuint (132 + 12 * n_tags, <=, length);
  {
    /* The tags a matrix/TRC display profile must have (ICC.1, 8.3). */
    const char *required[] = { "desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC" };
    guint found = 0;

    for (guint32 i = 0; i < n_tags; i++)
      {
        const guint8 *entry = icc + 132 + 12 * i;

        /* Every tag lies inside the profile, 4-byte aligned. */
        g_assert_cmpuint (read_u32 (entry + 4) % 4, ==, 0);
        g_assert_cmpuint (read_u32 (entry + 4) + read_u32 (entry + 8), <=, length);
        for (guint r = 0; r < G_N_ELEMENTS (required); r++)
          found += memcmp (entry, required[r], 4) == 0;
      }
    g_assert_cmpuint (found, ==, G_N_ELEMENTS (required));
  }
  /* The standard profile as shipped (app/pdf/icc/README.md). */
  {
    g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, profile);

    g_assert_cmpstr (hash, ==, "c87e049275a6729f0fb5afd533d35e4baf7e73bac68d780cfb7690bfa37ea451");
  }

  {
    const char *bytes = g_bytes_get_data (pdf, &length);
    gboolean found = FALSE;

    for (gsize i = 0; i + 10 <= length && !found; i++)
      found = memcmp (bytes + i, "/GTS_PDFA1", 10) == 0;
    g_assert_true (found);
  }
  meta = run ((const char *[]) { "pdfinfo", "-meta", path, NULL });
  info = run ((const char *[]) { "pdfinfo", path, NULL });
  if (meta == NULL || info == NULL)
    return;
  g_assert_nonnull (strstr (meta, "<pdfaid:part>3</pdfaid:part>"));
  g_assert_nonnull (strstr (meta, "<pdfaid:conformance>B</pdfaid:conformance>"));
  g_assert_nonnull (strstr (meta, "<xmp:CreateDate>"));
  /* The producer is the same in both places. */
  g_assert_nonnull (strstr (info, "Producer:        Shenbao"));
  g_assert_nonnull (strstr (meta, "<pdf:Producer>Shenbao"));
}

static void
test_fonts_embedded (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render (fixture, FALSE, NULL);
  g_autofree char *path = write_pdf (fixture, pdf, "fonts.pdf");
  g_autofree char *fonts = run ((const char *[]) { "pdffonts", path, NULL });
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  if (fonts == NULL)
    return;

  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("%s", lines[i]);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (*lines[i] == '\0')
        continue;
      /* name type encoding emb sub uni: the emb and sub columns say yes. */
      columns = g_regex_split_simple ("\\s+", lines[i], 0, 0);
      g_assert_cmpuint (g_strv_length (columns), >=, 7);
      g_assert_true (strstr (columns[0], "+") != NULL);      /* a subset tag */
      g_assert_true (strstr (columns[0], "CJKsc") != NULL);  /* the SC face */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  g_assert_null (strstr (fonts, " no "));
}

static void
test_embedded_packet (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render (fixture, FALSE, NULL);
  g_autofree char *path = write_pdf (fixture, pdf, "embedded.pdf");
  g_autofree char *list = run ((const char *[]) { "pdfdetach", "-list", path, NULL });
  g_autofree char *saved = g_build_filename (fixture->dir, "packet.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) extracted = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (list == NULL)
    return;
  g_assert_nonnull (strstr (list, "packet.json"));

  g_free (run ((const char *[]) { "pdfdetach", "-save", "1", "-o", saved, path, NULL }));
  g_file_get_contents (saved, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (fixture->packet_json, NULL),
                   g_bytes_get_size (fixture->packet_json));

  /* And our own reader finds the same bytes. */
  extracted = sb_pdf_extract_file (pdf, SB_PDF_PACKET_NAME, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (extracted, fixture->packet_json));
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) first = render (fixture, FALSE, NULL);
  g_autoptr(GBytes) second = render (fixture, FALSE, NULL);

  g_assert_true (g_bytes_equal (first, second));
}

static void
test_long_table (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  guint n_pages = 0;
  guint headers = 0;

  pdf = render (fixture, FALSE, &n_pages);
  path = write_pdf (fixture, pdf, "long.pdf");
  g_test_message ("%u pages", n_pages);
  g_assert_cmpuint (n_pages, >=, 8);

  /* The roster runs over pages with its header repeated on each. */
  text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  if (text == NULL)
    return;
  for (const char *p = text; (p = strstr (p, "序号")) != NULL; p++)
    headers++;
  g_assert_cmpuint (headers, >=, 3);
  g_assert_nonnull (strstr (text, "职员150"));

  /* Page images for a person to look at, kept beside the test log. */
  prefix = g_build_filename (g_get_tmp_dir (), "shenbao-test-pdf-page", NULL);
  g_free (run ((const char *[]) { "pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "3", path, prefix, NULL }));
  g_test_message ("page images: %s-*.png", prefix);
}

/* Every line of @expected in @pdf's text as pdftotext reads it (its
 * line breaks taken out, as a paragraph wraps where the page ends), and
 * its pages as PNG for a person to look at. */
static void
check_review_text (Fixture           *fixture,
                   GBytes            *pdf,
                   const char        *name,
                   const char *const *expected)
{
  g_autofree char *path = write_pdf (fixture, pdf, name);
  g_autofree char *text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  const char *keep = g_getenv ("SHENBAO_TEST_KEEP_PDFS");
  g_autofree char *prefix = NULL;
  g_autoptr(GString) joined = NULL;

  /* tests/pdf/test-glyphs.py runs these tests to get a notice and an
   * opinion to check the glyphs of: the tool writes neither. */
  if (keep != NULL && *keep != '\0')
    {
      g_autofree char *kept = g_build_filename (keep, name, NULL);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (kept, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
      g_assert_no_error (error);
    }
  if (text == NULL)
    return;
  joined = g_string_new (text);
  g_string_replace (joined, "\n", "", 0);
  for (guint i = 0; expected[i] != NULL; i++)
    if (strstr (joined->str, expected[i]) == NULL)
      {
        g_test_message ("%s has no “%s”; its text:\n%s", name, expected[i], text);
        g_test_fail ();
      }

  prefix = g_strdup_printf ("%s/shenbao-test-%s", g_get_tmp_dir (), name);
  g_free (run ((const char *[]) { "pdftoppm", "-r", "60", "-png", path, prefix, NULL }));
  g_test_message ("page images: %s-*.png", prefix);
}

static void
test_review_notice (Fixture       *fixture,
                    gconstpointer  data)
{
  SbFormDefinition *definition = sb_answers_get_definition (fixture->answers);
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) embedded = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  gint32 received;
  /* Every line the notice prints, the body's sentence whole. */
  const char *expected[] = {
    "申请材料补正一次性告知单", "申请事项", "申请人", "阳泉市城区启明科技培训中心", "申请编号", "KJ240315-7HQ4MX",
    "收件日期", "2024-03-18", "申请包校验值", "3f1c0e6f8a9b…（全文见文末）", "需要补正的内容",
    "经审查，你（单位）提交的申请材料不齐全或者不符合规定形式，现将需要补正的全部内容一次性告知如下，请补正后重新提交：",
    "1. “建筑面积”：补正：请提供产权证载明的建筑面积。",
    "2. “从业人员”第 2 行“工作许可”：补正：请上传工作许可。",
    "3. 材料“章程”（ET-ATT-01）：补正：章程须加盖公章。",
    "4. 核对名称（T-R1）：名称含禁用字样", "依据：", "审核机关签章", "审核人", "王芳", "审核机关", "城区行政审批局",
    "日期", "审核机关（盖章）", "申请包完整性校验值（SHA-256）：",
    "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d",
    /* Not recorded in the register: a draft, which says so. */
    "申请材料补正一次性告知单（草稿）", "草稿：本告知单尚未在案件登记簿中登记", "不得送达申请人", NULL,
  };

  sb_date_parse ("2024-03-18", &received);
  review = sb_review_new (definition, "KJ240315-7HQ4MX",
                          "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", received);
  sb_review_set_reviewer (review, "王芳", "城区行政审批局");
  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：请提供产权证载明的建筑面积。", &error));
  g_assert_true (sb_review_add_note (review, "staff[].permit_file", 1, NULL, "补正：请上传工作许可。", &error));
  g_assert_true (sb_review_add_note (review, NULL, -1, "ET-ATT-01", "补正：章程须加盖公章。", &error));
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, "名称含禁用字样", &error));

  pdf = sb_pdf_render_review (review, SB_REVIEW_DOCUMENT_NOTICE, "阳泉市城区启明科技培训中心", &error);
  g_assert_no_error (error);
  check_review_text (fixture, pdf, "notice.pdf", expected);

  /* The review file rides inside, for the applicant's application. */
  embedded = sb_pdf_extract_file (pdf, SB_PDF_REVIEW_NAME, &error);
  g_assert_no_error (error);
  json = sb_review_to_bytes (review);
  g_assert_true (g_bytes_equal (embedded, json));
}

/* The notice as the register recorded it: its number, the period in
 * working days and the day it ends by the calendar (2024-03-18 + 5:
 * 19, 20, 21, 22 and Monday 25 March), the office and its contact, and
 * every correction as recorded, even one the review no longer has; no
 * draft mark. */
static void
test_review_notice_recorded (Fixture       *fixture,
                             gconstpointer  data)
{
  SbFormDefinition *definition = sb_answers_get_definition (fixture->answers);
  g_autoptr(SbReview) review = NULL;
  SbCalendar *calendar;  /* borrowed: loaded once */
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) undated = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) corrections = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  SbNotice notice = { 0 };
  gint32 received;
  const char *expected[] = {
    "申请材料补正一次性告知单", "告知单编号", "城科告〔2024〕12号", "申请编号", "KJ240315-7HQ4MX",
    "需要补正的内容",
    "1. “建筑面积”：补正：请提供产权证载明的建筑面积。",
    "2. 核对名称（T-R1）：名称含禁用字样", "依据：",
    "3. 请补交消防验收意见书。",
    "补正期限", "请自本告知单发出之日（2024-03-18）起 5 个工作日内补正，即至 2024-03-25（含）止。",
    "审核人", "王芳", "审核机关", "阳泉市城区行政审批局", "联系方式", "0353-2021234（城区政务服务中心 3 号窗口）",
    "日期", "2024-03-18", NULL,
  };

  calendar = sb_calendar_get_default (&error);
  g_assert_no_error (error);
  sb_date_parse ("2024-03-18", &received);
  review = sb_review_new (definition, "KJ240315-7HQ4MX",
                          "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", received);
  sb_review_set_reviewer (review, "王芳", "城区行政审批局");
  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：请提供产权证载明的建筑面积。", &error));
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, "名称含禁用字样", &error));
  g_assert_no_error (error);

  /* What the register records of the review, and one correction the
   * review has dropped since. */
  corrections = sb_pdf_review_dup_corrections (review);
  g_assert_cmpuint (g_strv_length (corrections), ==, 2);
  notice.number = (char *) "城科告〔2024〕12号";
  notice.sent = received;
  notice.correction_days = 5;
  notice.office = (char *) "阳泉市城区行政审批局";
  notice.contact = (char *) "0353-2021234（城区政务服务中心 3 号窗口）";
  notice.corrections = (char *[]) { corrections[0], corrections[1], (char *) "请补交消防验收意见书。", NULL };
  notice.by = (char *) "王芳";
  g_assert_cmpint (sb_notice_period_end (&notice, calendar), ==, received + 7);

  pdf = sb_pdf_render_notice (review, "阳泉市城区启明科技培训中心", &notice, calendar, &error);
  g_assert_no_error (error);
  check_review_text (fixture, pdf, "notice-recorded.pdf", expected);
  path = write_pdf (fixture, pdf, "notice-recorded.pdf");
  text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  g_assert_null (strstr (text, "草稿"));

  /* Without a calendar the period is still there, without its end. */
  undated = sb_pdf_render_notice (review, "阳泉市城区启明科技培训中心", &notice, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);
  path = write_pdf (fixture, undated, "notice-undated.pdf");
  text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  g_assert_nonnull (strstr (text, "5 个工作日内补正"));
  g_assert_null (strstr (text, "2024-03-25"));
}

/* The opinion: the decision, its reason and the clause it rests on. */
static void
test_review_opinion (Fixture       *fixture,
                     gconstpointer  data)
{
  SbFormDefinition *definition = sb_answers_get_definition (fixture->answers);
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  gint32 received, decided;
  const char *expected[] = {
    "审核意见", "申请事项", "阳泉市城区启明科技培训中心", "KJ240315-7HQ4MX", "2024-03-18", "审核结论", "不予受理",
    "理由：名称含“学科”字样，不符合准入条件。", "依据：", "第五条", "核对名称（T-R1）",
    "审核机关签章", "王芳", "城区行政审批局", "2024-03-21", "审核机关（盖章）",
    "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", NULL,
  };

  sb_date_parse ("2024-03-18", &received);
  sb_date_parse ("2024-03-21", &decided);
  review = sb_review_new (definition, "KJ240315-7HQ4MX",
                          "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", received);
  sb_review_set_reviewer (review, "王芳", "城区行政审批局");
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, "名称含禁用字样", &error));
  g_assert_true (sb_review_set_decision_reason (review, "名称含“学科”字样，不符合准入条件。", "T-R1", &error));
  g_assert_true (sb_review_set_decision (review, "reject", decided, &error));
  g_assert_no_error (error);

  pdf = sb_pdf_render_review (review, SB_REVIEW_DOCUMENT_OPINION, "阳泉市城区启明科技培训中心", &error);
  g_assert_no_error (error);
  check_review_text (fixture, pdf, "opinion.pdf", expected);
}

static void
test_extract_errors (void)
{
  g_autoptr(GBytes) not_pdf = g_bytes_new_static ("hello", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) result = sb_pdf_extract_file (not_pdf, SB_PDF_PACKET_NAME, &error);

  g_assert_null (result);
  g_assert_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID);
}

/* A packet of the fixture's answers (without the attached file, whose
 * bytes are not at hand), with @profile as its profile text. */
static SbPacket *
make_packet (Fixture    *fixture,
             const char *profile)
{
  g_autoptr(SbAnswers) answers = sb_answers_new (sb_answers_get_definition (fixture->answers));
  g_autoptr(JsonObject) object = sb_answers_to_json (fixture->answers, FALSE);
  g_autoptr(GError) error = NULL;
  SbPacket *packet;

  json_object_set_string_member (object, "profile", profile);
  json_object_remove_member (object, "charter_file");
  sb_answers_set_json (answers, object);
  packet = sb_packet_new (answers, 0, NULL, g_ptr_array_new (), "2024-03-14T09:30:00Z", NULL,
                          sb_calendar_get_default (NULL), &error);
  g_assert_no_error (error);
  return packet;
}

static gboolean
check_passed (GPtrArray  *checks,
              const char *name)
{
  for (guint i = 0; i < checks->len; i++)
    {
      SbPdfCheck *check = g_ptr_array_index (checks, i);

      if (strcmp (check->check, name) == 0)
        return check->ok;
    }
  g_assert_not_reached ();
}

/* What the reviewer view asks: a PDF verifies only if it is what its
 * packet renders to.  Its own rendering does; one of another packet does
 * not (its pages differ), nor one with an update appended. */
static void
test_verify_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SbPacket) packet = make_packet (fixture, "本中心面向中小学生开展编程教育。");
  g_autoptr(SbPacket) other = make_packet (fixture, "本中心面向中小学生开展机器人教育。");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sb_pdf_render_from_packet (packet, NULL, &error);
  g_autoptr(GPtrArray) checks = NULL;
  g_autoptr(GByteArray) updated = g_byte_array_new ();
  g_autoptr(GBytes) updated_bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GFile) file = NULL;
  const char *update = "\n1 0 obj\n<< >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 2 >>\n"
                       "startxref\n0\n%%EOF\n";

  g_assert_no_error (error);
  path = write_pdf (fixture, pdf, "verify.pdf");
  file = g_file_new_for_path (path);
  g_assert_true (sb_pdf_verify_pages (file, packet, &message));
  g_assert_nonnull (strstr (message, "exactly what the embedded packet renders to"));
  g_clear_pointer (&message, g_free);

  checks = sb_pdf_verify_checks (pdf, other);
  g_assert_false (sb_pdf_checks_passed (checks));
  g_assert_true (check_passed (checks, "pdf-revision"));
  g_assert_true (check_passed (checks, "pdf-active"));
  g_assert_false (check_passed (checks, "pages"));
  g_clear_pointer (&checks, g_ptr_array_unref);

  g_byte_array_append (updated, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_byte_array_append (updated, (const guint8 *) update, strlen (update));
  updated_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&updated));
  g_clear_pointer (&path, g_free);
  g_clear_object (&file);
  path = write_pdf (fixture, updated_bytes, "updated.pdf");
  file = g_file_new_for_path (path);
  g_assert_false (sb_pdf_verify_pages (file, packet, &message));
  g_assert_nonnull (strstr (message, "incremental update"));
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Table cells go to cairo in batches, except those only Pango's renderer
 * can draw (right-to-left text, a character no font has); mixed in one
 * table, every cell is still on the page. */
/* The complete application of a procedure of data/forms/, packed as
 * shenbao-tool packs it (its files from the fixtures' files/), rendered;
 * the PDF's text as pdftotext -raw gives it (a table row on one line). */
static char *
render_fixture (const char *form,
                const char *fixture,
                const char *dir,
                GBytes    **pdf_out,
                SbAnswers **answers_out)
{
  g_autofree char *definition_path = g_strdup_printf ("%s/forms/%s.json", g_getenv ("SHENBAO_DATA_DIR"), form);
  g_autofree char *answers_file = g_strdup_printf ("%s.json", fixture);
  g_autofree char *answers_path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form, answers_file, NULL);
  g_autofree char *pdf_path = g_strdup_printf ("%s/%s.pdf", dir, form);
  g_autoptr(GFile) file = g_file_new_for_path (definition_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = sb_form_definition_new_from_file (file, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbValidationReport) report = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) packet_json = g_bytes_new_static ("{}", 2);
  g_autoptr(GBytes) pdf = NULL;
  SbAnswers *answers;
  SbPdfPacketInfo info = {
    .reference = "KJ240315-7HQ4MX",
    .integrity_hash = "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d",
    .created = "2024-03-14T09:30:00Z",
    .finalised = "2024-03-15T08:00:00Z",
    .packet_json = packet_json,
  };
  char *text;

  g_assert_no_error (error);
  json_parser_load_from_file (parser, answers_path, &error);
  g_assert_no_error (error);
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  sb_date_parse ("2024-03-15", &info.submission_date);
  report = sb_validate (answers, info.submission_date, NULL);
  info.attachments = attachments;
  pdf = sb_pdf_render_packet (answers, report, &info, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);

  text = run ((const char *[]) { "pdftotext", "-raw", pdf_path, "-", NULL });
  g_unlink (pdf_path);
  if (pdf_out != NULL)
    *pdf_out = g_steal_pointer (&pdf);
  if (answers_out != NULL)
    *answers_out = answers;
  else
    g_object_unref (answers);
  return text;
}

static char *
render_complete (const char *form,
                 const char *dir,
                 GBytes    **pdf_out,
                 SbAnswers **answers_out)
{
  return render_fixture (form, "complete", dir, pdf_out, answers_out);
}

/* "3.20" -> 320 when @digits is 2: exact, as the answers are decimals. */
static gint64
scaled (const char *decimal,
        int         digits)
{
  const char *point = strchr (decimal, '.');
  gint64 value = g_ascii_strtoll (decimal, NULL, 10);
  int given = 0;

  for (int i = 0; i < digits; i++)
    {
      value *= 10;
      if (point != NULL && point[1 + given] >= '0' && point[1 + given] <= '9')
        value += point[1 + given++] - '0';
    }
  return value;
}

/* Text without the thousands separators. */
static char *
without_separators (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ',')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* The totals rows of the 耕地 parcel tables say what the answers add up
 * to, and the summary page names the same figures. */
static void
test_table_totals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shenbao-test-totals-XXXXXX", &error);
  g_autoptr(SbAnswers) answers = NULL;
  g_autofree char *text = render_complete ("gengdi", dir, NULL, &answers);
  g_autofree char *flat = NULL;
  const char *tables[] = { "out_parcels", "in_parcels" };
  g_auto(GStrv) lines = NULL;
  guint totals_rows = 0;

  g_rmdir (dir);
  if (text == NULL)
    return;
  flat = without_separators (text);
  lines = g_strsplit (flat, "\n", -1);
  /* A table printed in parts has a totals row in each part that has a
   * total column. */
  for (guint i = 0; lines[i] != NULL; i++)
    totals_rows += g_str_has_prefix (lines[i], "合计");
  g_assert_cmpuint (totals_rows, >=, G_N_ELEMENTS (tables));

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      JsonNode *node = sb_answers_get_field_json (answers, tables[t]);
      JsonArray *rows = json_node_get_array (node);
      gint64 sums[2] = { 0, 0 };
      const char *columns[] = { "area_mu", "area_m2" };
      g_autofree char *mu_summary = NULL;

      g_assert_cmpuint (json_array_get_length (rows), >, 1);
      for (guint r = 0; r < json_array_get_length (rows); r++)
        for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
          sums[c] += scaled (json_object_get_string_member (json_array_get_object_element (rows, r), columns[c]), 2);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", sums[c] / 100, (int) (sums[c] % 100));
          gboolean found = FALSE;

          for (guint i = 0; lines[i] != NULL && !found; i++)
            if (g_str_has_prefix (lines[i], "合计"))
              {
                g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);

                found = g_strv_contains ((const char * const *) words, expected);
              }
          if (!found)
            {
              g_test_message ("no totals row of %s.%s shows %s", tables[t], columns[c], expected);
              g_test_fail ();
            }
        }
      mu_summary = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d 亩", sums[0] / 100, (int) (sums[0] % 100));

      /* The summary page: the key figure of the same sum. */
      g_assert_nonnull (strstr (flat, mu_summary));
    }
  g_assert_nonnull (strstr (flat, "主要指标"));
  g_assert_nonnull (strstr (flat, "转出耕地面积（亩）"));
}

/* The materials list: 不适用 with the reason, a material of seven files
 * with all seven, hashes as 12 digits there and 64 in the appendix only,
 * and sections that do not apply named once. */
static void
test_materials_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shenbao-test-materials-XXXXXX", &error);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = render_complete ("kejipeixun", dir, &pdf, NULL);
  const char *systems[] = {
    "教学管理制度.pdf", "安全管理制度.pdf", "教职员工管理制度.pdf", "学生管理制度.pdf",
    "财务管理制度.pdf", "收费和退费管理制度.pdf", "档案管理制度.pdf",
  };
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  const char *line;

  g_rmdir (dir);
  if (text == NULL)
    return;
  /* A cell's lines follow one another; joined, a wrapped reason reads as
   * one. */
  joined = g_strjoinv ("", lines = g_strsplit (text, "\n", -1));
  line = strstr (joined, "KJ-ATT-07");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "KJ-ATT-07 联合举办协议条件必需｜不适用：举办方式不是联合举办"));
  g_assert_nonnull (strstr (joined, "未提交 0 项"));
  line = strstr (text, "KJ-ATT-27");
  g_assert_nonnull (line);
  for (guint i = 0; i < G_N_ELEMENTS (systems); i++)
    if (strstr (line, systems[i]) == NULL)
      {
        g_test_message ("the materials list has no “%s”", systems[i]);
        g_test_fail ();
      }
  /* Each file's type and size, and its hash cut to 12 digits (which
   * the text gives after the rest of the table part). */
  g_assert_nonnull (strstr (text, "PDF 193 B"));
  {
    gboolean short_hash = FALSE;

    for (const char *p = strstr (text, "e5a636ac00ea"); p != NULL && !short_hash; p = strstr (p + 1, "e5a636ac00ea"))
      short_hash = !g_ascii_isxdigit (p[12]);
    g_assert_true (short_hash);
  }
  g_assert_nonnull (strstr (text, "附录"));
  g_assert_nonnull (strstr (text, "申请概要"));
  g_assert_nonnull (strstr (text, "已提交 27 项"));
}

/* A change of principal: the summary page shows no key figure of the
 * parts the change leaves out (it showed 从业人员 0 人), and names those
 * parts under 不适用的部分 with the definition's reasons. */
static void
test_summary_of_a_change (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shenbao-test-change-XXXXXX", &error);
  g_autofree char *text = render_fixture ("kejipeixun", "change-principal", dir, NULL, NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  const char *summary_end;

  g_rmdir (dir);
  if (text == NULL)
    return;
  joined = g_strjoinv ("", lines = g_strsplit (text, "\n", -1));
  summary_end = strstr (joined, "一、");
  g_assert_nonnull (summary_end);
  g_assert_nonnull (strstr (joined, "申请概要"));
  g_assert_null (g_strstr_len (joined, summary_end - joined, "0 人"));
  g_assert_null (g_strstr_len (joined, summary_end - joined, "开办场所建筑面积"));
  g_assert_nonnull (g_strstr_len (joined, summary_end - joined, "从业人员：变更、注销申请不涉及从业人员。"));
  g_assert_nonnull (g_strstr_len (joined, summary_end - joined, "场所与安全：注销申请，以及不变更地址、培训内容的变更申请，不涉及场所与安全。"));
  /* The principal's own figures are there. */
  g_assert_nonnull (g_strstr_len (joined, summary_end - joined, "韩雪梅"));
}

/* A column of numbers is right-aligned on the decimal point: the points
 * of 4.5 and 12.25 one under the other, 3 ending where they are. */
static void
test_layout_decimal_alignment (void)
{
  const char *headers[] = { "名称", "面积（m²）", NULL };
  const char *cells[][3] = { { "甲", "4.5", NULL }, { "乙", "3", NULL }, { "丙", "12.25", NULL } };
  const SbPdfColumnKind kinds[] = { SB_PDF_COLUMN_TEXT, SB_PDF_COLUMN_NUMBER };
  g_autoptr(SbPdfLayout) layout = sb_pdf_layout_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) page = NULL;
  g_autofree char *text = NULL;
  PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  double points[2] = { 0, 0 }, three_end = 0;
  guint n_points = 0;
  cairo_surface_t *surface;

  for (guint r = 0; r < G_N_ELEMENTS (cells); r++)
    g_ptr_array_add (rows, g_strdupv ((char **) cells[r]));
  sb_pdf_layout_add_table_full (layout, 2, headers, NULL, kinds, rows, 0);
  surface = cairo_pdf_surface_create_for_stream (append_bytes, buffer, 595.276, 841.890);
  sb_pdf_layout_render (layout, surface);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  document = G_OBJECT (poppler_document_new_from_bytes (bytes, NULL, &error));
  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), 0));
  text = poppler_page_get_text (POPPLER_PAGE (page));
  g_assert_true (poppler_page_get_text_layout (POPPLER_PAGE (page), &boxes, &n_boxes));

  /* poppler gives one box per character of the text, in its order. */
  {
    guint i = 0;

    for (const char *p = text; *p != '\0' && i < n_boxes; p = g_utf8_next_char (p), i++)
      {
        if (*p == '.' && n_points < 2)
          points[n_points++] = boxes[i].x1;
        if (*p == '3' && (p[1] == '\n' || p[1] == '\0'))
          three_end = boxes[i].x2;
      }
  }
  g_free (boxes);
  g_assert_cmpuint (n_points, ==, 2);
  g_assert_cmpfloat_with_epsilon (points[0], points[1], 0.5);
  g_assert_cmpfloat (three_end, >, 0);
  g_assert_cmpfloat_with_epsilon (three_end, points[0], 1.0);
  /* And the numbers are at the right of their column, past its middle. */
  g_assert_cmpfloat (points[0], >, 595.276 * 0.6);
}

static void
test_layout_unusual_cells (void)
{
  const char *headers[] = { "甲", "乙", "丙", NULL };
  const char *cells[][4] = {
    { "王\xee\x80\x80芳", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85李", "Ａｂc 张", NULL },
    { "", "多行\n文本", "12345", NULL },
    { "末行", "右侧\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85", "完", NULL },
  };
  const char *expected[] = { "王", "芳", "李", "Ａｂc 张", "多行", "文本", "12345", "末行", "完" };
  g_autoptr(SbPdfLayout) layout = sb_pdf_layout_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  guint pages;

  for (guint r = 0; r < G_N_ELEMENTS (cells); r++)
    g_ptr_array_add (rows, g_strdupv ((char **) cells[r]));
  sb_pdf_layout_add_table (layout, 3, headers, NULL, rows);

  surface = cairo_pdf_surface_create_for_stream (append_bytes, buffer, 595.276, 841.890);
  pages = sb_pdf_layout_render (layout, surface);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (pages, ==, 1);

  dir = g_dir_make_tmp ("shenbao-test-layout-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cells.pdf", NULL);
  g_file_set_contents (path, (const char *) buffer->data, buffer->len, &error);
  g_assert_no_error (error);

  text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  g_unlink (path);
  g_rmdir (dir);
  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("the page text has no “%s”:\n%s", expected[i], text);
}

/* A drawing error is reported, not left as blank pages. */
/* The embedded file's name and description are PDF text strings: read
 * back by poppler and by pikepdf (qpdf) as the Chinese that was written,
 * not as UTF-8 bytes taken for PDFDocEncoding. */
static void
test_attachment_strings (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GBytes) pdf = render (fixture, FALSE, NULL);
  g_autofree char *path = write_pdf (fixture, pdf, "strings.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document = G_OBJECT (poppler_document_new_from_bytes (pdf, NULL, &error));
  GList *attachments;
  PopplerAttachment *attachment;
  const char *script =
    "import sys, pikepdf\n"
    "pdf = pikepdf.open(sys.argv[1])\n"
    "spec = pdf.Root.AF[0]\n"
    "print(str(spec.Desc)); print(str(spec.UF)); print(str(spec.F))\n";
  g_autofree char *read_back = NULL;

  g_assert_no_error (error);
  attachments = poppler_document_get_attachments (POPPLER_DOCUMENT (document));
  g_assert_cmpuint (g_list_length (attachments), ==, 1);
  attachment = attachments->data;
  g_assert_cmpstr (attachment->name, ==, SB_PDF_PACKET_NAME);
  g_assert_cmpstr (attachment->description, ==, "申请包（机器可读）/ Application packet");
  g_list_free_full (attachments, g_object_unref);

  /* Debian's Python, which has pikepdf (python3 on PATH may be another). */
  read_back = run ((const char *[]) { "/usr/bin/python3", "-c", script, path, NULL });
  if (read_back == NULL)
    return;
  g_assert_cmpstr (read_back, ==, "申请包（机器可读）/ Application packet\n" SB_PDF_PACKET_NAME "\n" SB_PDF_PACKET_NAME "\n");
}

static void
test_layout_drawing_error (void)
{
  g_autoptr(SbPdfLayout) layout = sb_pdf_layout_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, -1, -1);
  guint pages;

  g_assert_cmpint (cairo_surface_status (surface), !=, CAIRO_STATUS_SUCCESS);
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, "正文");

  g_test_expect_message ("sb-pdf-layout", G_LOG_LEVEL_WARNING, "drawing the document failed*");
  pages = sb_pdf_layout_render (layout, surface);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (pages, ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pdf/text", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/pdf/draft-watermark", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_draft_watermark, fixture_tear_down);
  g_test_add ("/pdf/archive", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_archive, fixture_tear_down);
  g_test_add ("/pdf/fonts-embedded", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_fonts_embedded, fixture_tear_down);
  g_test_add ("/pdf/embedded-packet", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_embedded_packet, fixture_tear_down);
  g_test_add ("/pdf/deterministic", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_deterministic, fixture_tear_down);
  g_test_add ("/pdf/long-table", Fixture, GINT_TO_POINTER (150), fixture_set_up, test_long_table, fixture_tear_down);
  g_test_add ("/pdf/review-notice", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_review_notice, fixture_tear_down);
  g_test_add ("/pdf/review-notice-recorded", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_review_notice_recorded,
              fixture_tear_down);
  g_test_add ("/pdf/review-opinion", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_review_opinion, fixture_tear_down);
  g_test_add ("/pdf/verify-pages", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_verify_pages, fixture_tear_down);
  g_test_add ("/pdf/attachment-strings", Fixture, GINT_TO_POINTER (0), fixture_set_up, test_attachment_strings, fixture_tear_down);
  g_test_add_func ("/pdf/extract-errors", test_extract_errors);
  g_test_add_func ("/pdf/layout/unusual-cells", test_layout_unusual_cells);
  g_test_add_func ("/pdf/layout/decimal-alignment", test_layout_decimal_alignment);
  g_test_add_func ("/pdf/table-totals", test_table_totals);
  g_test_add_func ("/pdf/materials-list", test_materials_list);
  g_test_add_func ("/pdf/summary-of-a-change", test_summary_of_a_change);
  g_test_add_func ("/pdf/layout/drawing-error", test_layout_drawing_error);

  return g_test_run ();
}
