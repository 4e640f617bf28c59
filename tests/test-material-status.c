/* test-material-status.c — what the materials list says was submitted
 *
 * On the real definitions and their complete applications: a material
 * met another way, one that does not apply, one of several files, the
 * rows of one kind of party.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "sb-answers.h"
#include "sb-form-definition.h"
#include "sb-material-status.h"

#define FILE_JSON \
  "[{\"name\": \"%s\", \"media_type\": \"application/pdf\", \"size\": 193," \
  "  \"sha256\": \"e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2\"}]"

static SbAnswers *
load_complete (const char *form)
{
  g_autofree char *definition_path = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", form, NULL);
  g_autofree char *definition_file = g_strconcat (definition_path, ".json", NULL);
  g_autofree char *answers_path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form, "complete.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (definition_file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = sb_form_definition_new_from_file (file, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  SbAnswers *answers;

  g_assert_no_error (error);
  json_parser_load_from_file (parser, answers_path, &error);
  g_assert_no_error (error);
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  return answers;
}

static void
set_json (SbAnswers  *answers,
          const char *field,
          const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  sb_answers_set_field (answers, field, node);
}

static void
set_file (SbAnswers  *answers,
          const char *field,
          const char *name)
{
  g_autofree char *json = g_strdup_printf (FILE_JSON, name);

  set_json (answers, field, json);
}

static SbMaterialStatus *
find (GPtrArray  *statuses,
      const char *id)
{
  for (guint i = 0; i < statuses->len; i++)
    {
      SbMaterialStatus *status = g_ptr_array_index (statuses, i);

      if (g_strcmp0 (status->material->id, id) == 0)
        return status;
    }
  g_assert_not_reached ();
}

static gboolean
has_file (SbMaterialStatus *status,
          const char       *name)
{
  for (guint i = 0; i < status->files->len; i++)
    if (g_strcmp0 (((SbMaterialFile *) g_ptr_array_index (status->files, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* 资金托管 vs 风险保证金: the deposit's two files meet KJ-ATT-18. */
static void
test_other_way (void)
{
  g_autoptr(SbAnswers) answers = load_complete ("kejipeixun");
  g_autoptr(GPtrArray) statuses = NULL;
  SbMaterialStatus *status;

  set_json (answers, "risk_control_method", "\"风险保证金\"");
  set_file (answers, "deposit_agreement_file", "保证金协议.pdf");
  set_file (answers, "deposit_filing_file", "备案回执.pdf");
  statuses = sb_material_status_compute (answers, NULL);
  status = find (statuses, "KJ-ATT-18");
  g_assert_cmpint (status->state, ==, SB_MATERIAL_SUBMITTED);
  g_assert_true (has_file (status, "保证金协议.pdf"));
  g_assert_true (has_file (status, "备案回执.pdf"));
  g_assert_cmpstr (status->way->label.zh_CN, ==, "风险保证金：保证金协议及备案回执");
  g_clear_pointer (&statuses, g_ptr_array_unref);

  /* Half of that way is not the material. */
  sb_answers_set_field (answers, "deposit_filing_file", NULL);
  statuses = sb_material_status_compute (answers, NULL);
  status = find (statuses, "KJ-ATT-18");
  g_assert_cmpint (status->state, ==, SB_MATERIAL_MISSING);
  g_assert_cmpuint (status->missing->len, ==, 1);
  g_assert_cmpstr (((SbField *) g_ptr_array_index (status->missing, 0))->id, ==, "deposit_filing_file");
}

/* Owned premises: the 产权证明, not the lease, meets KJ-ATT-19. */
static void
test_owned_premises (void)
{
  g_autoptr(SbAnswers) answers = load_complete ("kejipeixun");
  g_autoptr(GPtrArray) statuses = NULL;
  SbMaterialStatus *status;

  statuses = sb_material_status_compute (answers, NULL);
  g_assert_cmpint (find (statuses, "KJ-ATT-19")->state, ==, SB_MATERIAL_SUBMITTED);
  g_clear_pointer (&statuses, g_ptr_array_unref);

  set_json (answers, "premises_tenure", "\"自有\"");
  statuses = sb_material_status_compute (answers, NULL);
  status = find (statuses, "KJ-ATT-19");
  g_assert_cmpint (status->state, ==, SB_MATERIAL_MISSING);
  g_assert_cmpstr (((SbField *) g_ptr_array_index (status->missing, 0))->id, ==, "property_cert_file");
  g_clear_pointer (&statuses, g_ptr_array_unref);

  set_file (answers, "property_cert_file", "不动产权证书.pdf");
  statuses = sb_material_status_compute (answers, NULL);
  status = find (statuses, "KJ-ATT-19");
  g_assert_cmpint (status->state, ==, SB_MATERIAL_SUBMITTED);
  g_assert_true (has_file (status, "不动产权证书.pdf"));
  /* The lease of a rented site is hidden now, and not listed. */
  g_assert_cmpuint (status->files->len, ==, 1);
}

/* The seven 管理制度 are one material: all listed, each needed. */
static void
test_several_files (void)
{
  g_autoptr(SbAnswers) answers = load_complete ("kejipeixun");
  g_autoptr(GPtrArray) statuses = sb_material_status_compute (answers, NULL);
  SbMaterialStatus *status = find (statuses, "KJ-ATT-27");

  g_assert_cmpint (status->state, ==, SB_MATERIAL_SUBMITTED);
  g_assert_cmpuint (status->files->len, ==, 7);
  g_clear_pointer (&statuses, g_ptr_array_unref);

  sb_answers_set_field (answers, "sys_archive_file", NULL);
  statuses = sb_material_status_compute (answers, NULL);
  status = find (statuses, "KJ-ATT-27");
  g_assert_cmpint (status->state, ==, SB_MATERIAL_MISSING);
  g_assert_cmpuint (status->files->len, ==, 6);
  g_assert_cmpstr (((SbField *) g_ptr_array_index (status->missing, 0))->id, ==, "sys_archive_file");
}

/* A condition that is false gives 不适用 with its reason, never 未提交. */
static void
test_not_applicable (void)
{
  g_autoptr(SbAnswers) answers = load_complete ("kejipeixun");
  g_autoptr(GPtrArray) statuses = sb_material_status_compute (answers, NULL);
  SbMaterialStatus *status = find (statuses, "KJ-ATT-07");
  guint counts[5];

  g_assert_cmpint (status->state, ==, SB_MATERIAL_NOT_APPLICABLE);
  g_assert_cmpstr (status->reason.zh_CN, ==, "举办方式不是联合举办");
  g_assert_cmpint (find (statuses, "KJ-ATT-01")->state, ==, SB_MATERIAL_THIS_DOCUMENT);

  /* The complete application misses nothing. */
  sb_material_status_count (statuses, counts);
  g_assert_cmpuint (counts[SB_MATERIAL_MISSING], ==, 0);
  g_assert_cmpuint (counts[SB_MATERIAL_SUBMITTED] + counts[SB_MATERIAL_NOT_APPLICABLE] + counts[SB_MATERIAL_NOT_GIVEN] +
                    counts[SB_MATERIAL_THIS_DOCUMENT], ==, statuses->len);
}

/* 耕地: the landholders' and the farmers' consents under their own
 * headings; the budget has a field; an explanation written in the form. */
static void
test_gengdi (void)
{
  g_autoptr(SbAnswers) answers = load_complete ("gengdi");
  g_autoptr(GPtrArray) statuses = sb_material_status_compute (answers, NULL);
  SbMaterialStatus *owners = find (statuses, "GD-ATT-07");
  SbMaterialStatus *farmers = find (statuses, "GD-ATT-08");
  SbMaterialStatus *budget = find (statuses, "GD-ATT-06");
  SbMaterialStatus *cross_region = find (statuses, "GD-ATT-10");

  g_assert_cmpuint (owners->files->len, >, 0);
  g_assert_cmpuint (farmers->files->len, >, 0);
  for (guint i = 0; i < owners->files->len; i++)
    for (guint j = 0; j < farmers->files->len; j++)
      g_assert_cmpint (((SbMaterialFile *) g_ptr_array_index (owners->files, i))->row, !=,
                       ((SbMaterialFile *) g_ptr_array_index (farmers->files, j))->row);
  g_assert_cmpuint (owners->files->len + farmers->files->len, ==, sb_answers_get_row_count (answers, "reclaim_consents"));

  g_assert_cmpint (budget->state, ==, SB_MATERIAL_SUBMITTED);
  g_assert_cmpint (cross_region->state, ==, SB_MATERIAL_NOT_APPLICABLE);
  g_assert_cmpstr (cross_region->reason.zh_CN, ==, "转入地块均在义井镇范围内");
  g_clear_pointer (&statuses, g_ptr_array_unref);

  sb_answers_set_field (answers, "reclaim_budget_file", NULL);
  statuses = sb_material_status_compute (answers, NULL);
  g_assert_cmpint (find (statuses, "GD-ATT-06")->state, ==, SB_MATERIAL_MISSING);
}

/* The engine-test definition with its materials (and summary) replaced
 * by @materials_json (and @summary_json, may be NULL): NULL and the
 * loader's message when it refuses it. */
static SbFormDefinition *
load_with (const char  *materials_json,
           const char  *summary_json,
           char       **message)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  SbFormDefinition *definition;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_member (root, "materials", json_from_string (materials_json, &error));
  g_assert_no_error (error);
  if (summary_json != NULL)
    {
      json_object_set_member (root, "summary", json_from_string (summary_json, &error));
      g_assert_no_error (error);
    }
  text = json_to_string (json_parser_get_root (parser), FALSE);
  bytes = g_bytes_new (text, strlen (text));
  definition = sb_form_definition_new_from_bytes (bytes, "engine-test.json", base, &error);
  if (message != NULL)
    *message = error ? g_strdup (error->message) : NULL;
  return definition;
}

#define CITATION "\"citation\": {\"document\": \"《测试办法》\", \"article\": \"第九条\", \"text\": \"章程。\"}"

/* What the loader refuses in a material's ways and rows, and in the
 * summary, each with the path and why. */
static void
test_loader (void)
{
  static const struct {
    const char *materials;
    const char *summary;
    const char *message;   /* NULL: loads */
  } cases[] = {
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"required\", " CITATION ","
      " \"ways\": [{\"label\": {\"zh_CN\": \"甲\"}, \"fields\": [\"charter_file\", \"joint_file\"]}, {\"fields\": [\"note\"]}]}]",
      NULL, NULL },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"required\", " CITATION ","
      " \"field\": \"charter_file\", \"ways\": [{\"fields\": [\"joint_file\"]}]}]",
      NULL, "give either 'field' or 'ways', not both" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"required\", " CITATION ","
      " \"ways\": [{\"fields\": [\"staff\"]}]}]",
      NULL, "'staff' is not an attachment or answer field of this form" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"required\", " CITATION ","
      " \"ways\": [{\"fields\": []}]}]",
      NULL, "a way needs at least one field" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"required\", " CITATION "}]",
      NULL, "names no field" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"generated\", " CITATION ","
      " \"field\": \"charter_file\"}]",
      NULL, "a generated material is this document" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"许可\"}, \"requirement\": \"recommended\", " CITATION ","
      " \"field\": \"staff[].permit_file\", \"rows\": {\"column\": \"role\", \"equals\": \"教学\"}}]",
      NULL, NULL },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"许可\"}, \"requirement\": \"recommended\", " CITATION ","
      " \"field\": \"staff[].permit_file\", \"rows\": {\"column\": \"fee_name\", \"equals\": \"x\"}}]",
      NULL, "'fee_name' is not a column of the table 'staff'" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"recommended\", " CITATION ","
      " \"field\": \"charter_file\", \"rows\": {\"column\": \"role\", \"equals\": \"教学\"}}]",
      NULL, "no part of this material is a table column" },
    { "[{\"id\": \"ET-ATT-01\", \"title\": {\"zh_CN\": \"章程\"}, \"requirement\": \"recommended\", " CITATION ","
      " \"field\": \"charter_file\", \"not_applicable\": {\"zh_CN\": \"不是\"}}]",
      NULL, "there is no 'condition'" },
    { "[]", "[{\"label\": {\"zh_CN\": \"面积\"}, \"field\": \"area\"},"
      " {\"label\": {\"zh_CN\": \"收费合计\"}, \"value\": \"sum(fees.amount)\", \"scale\": 2}]", NULL },
    { "[]", "[{\"label\": {\"zh_CN\": \"面积\"}, \"field\": \"area\", \"value\": \"area\"}]",
      "a summary item has either a 'field' or a 'value'" },
    { "[]", "[{\"label\": {\"zh_CN\": \"人员\"}, \"field\": \"staff\"}]",
      "'staff' is not a top-level field that holds a value" },
    { "[]", "[{\"label\": {\"zh_CN\": \"面积\"}, \"value\": \"area +\"}]", "$.summary[0].value" },
    { "[]", "[{\"label\": {\"zh_CN\": \"面积\"}, \"value\": \"area\", \"unit\": \"公顷\"}]", "unknown unit '公顷'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;
      g_autoptr(SbFormDefinition) definition = load_with (cases[i].materials, cases[i].summary, &message);

      g_test_message ("case %u: %s", i, message ? message : "loads");
      if (cases[i].message == NULL)
        {
          g_assert_null (message);
          g_assert_nonnull (definition);
        }
      else
        {
          g_assert_null (definition);
          g_assert_nonnull (message);
          g_assert_nonnull (strstr (message, cases[i].message));
        }
    }

  /* What the first case and the summary give. */
  {
    g_autoptr(SbFormDefinition) definition = load_with (cases[0].materials, cases[10].summary, NULL);
    SbMaterial *material = g_ptr_array_index (sb_form_definition_get_materials (definition), 0);
    GPtrArray *summary = sb_form_definition_get_summary (definition);

    g_assert_cmpuint (material->ways->len, ==, 2);
    g_assert_cmpstr (material->field, ==, "charter_file");
    g_assert_cmpuint (g_strv_length (((SbMaterialWay *) g_ptr_array_index (material->ways, 0))->fields), ==, 2);
    g_assert_cmpuint (summary->len, ==, 2);
    g_assert_cmpstr (((SbSummaryItem *) g_ptr_array_index (summary, 1))->unit, ==, "元");
    g_assert_cmpint (((SbSummaryItem *) g_ptr_array_index (summary, 1))->scale, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/material-status/other-way", test_other_way);
  g_test_add_func ("/material-status/owned-premises", test_owned_premises);
  g_test_add_func ("/material-status/several-files", test_several_files);
  g_test_add_func ("/material-status/not-applicable", test_not_applicable);
  g_test_add_func ("/material-status/gengdi", test_gengdi);
  g_test_add_func ("/material-status/loader", test_loader);

  return g_test_run ();
}
