/* test-procedures.c — the procedures against the rule catalogue
 *
 * For each procedure (every form of data/forms/ and every folder of
 * tests/fixtures/ with a rule-cases.json, found, not listed): every rule of the catalogue
 * (fixtures/catalogue-rules.txt, taken from the specification's rules.md) is
 * encoded with its severity; the complete application fires exactly the
 * rules it should; and every rule has a case on which it fires and one, as
 * close to the boundary as the rule allows, on which it does not.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <string.h>

#include "sb-answers.h"
#include "sb-date.h"
#include "sb-form-registry.h"
#include "sb-json-reader.h"
#include "sb-validator.h"

typedef struct
{
  char *form;
  char *prefix;   /* "ZJ-": rule-cases.json's catalogue_prefix */
} Procedure;

static SbCalendar *calendar;

static int compare_ids (const void *a, const void *b);

static char *
fixture_path (const char *form,
              const char *name)
{
  return g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form, name, NULL);
}

static JsonNode *
read_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s: %s", path, error->message);
  return json_node_copy (json_parser_get_root (parser));
}

/* One TAP comment line per problem, then fail the test case. */
static void
fail_with (const char *what,
           const char *problems)
{
  g_auto(GStrv) lines = g_strsplit (problems, "\n", -1);

  g_test_message ("%s:", what);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_test_message ("%s", lines[i]);
  g_test_fail ();
}

static SbFormDefinition *
lookup_form (const char *form)
{
  SbFormRegistry *registry = sb_form_registry_get_default ();
  SbFormDefinition *definition = sb_form_registry_lookup (registry, form, 0);

  /* A procedure not encoded yet has nothing to check; once its definition
   * is installed, every rule of the catalogue must be there. */
  if (definition == NULL)
    g_test_skip_printf ("the procedure %s is not encoded yet (no %s/forms/%s.json)", form, sb_data_dir (), form);
  return definition;
}

static gint32
parse_date (const char *text)
{
  gint32 julian_day = 0;

  if (text == NULL || !sb_date_parse (text, &julian_day))
    g_error ("bad date in fixture: %s", text ? text : "(none)");
  return julian_day;
}

/* JSON Pointer (RFC 6901) segments, with ~1 and ~0 unescaped. */
static char **
split_pointer (const char *pointer)
{
  g_auto(GStrv) raw = NULL;
  char **segments;
  guint n;

  if (pointer[0] != '/')
    g_error ("JSON pointer must start with '/': %s", pointer);

  raw = g_strsplit (pointer + 1, "/", -1);
  n = g_strv_length (raw);
  segments = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      GString *segment = g_string_new (NULL);

      for (const char *p = raw[i]; *p; p++)
        {
          if (p[0] == '~' && p[1] == '1')
            g_string_append_c (segment, '/'), p++;
          else if (p[0] == '~' && p[1] == '0')
            g_string_append_c (segment, '~'), p++;
          else
            g_string_append_c (segment, *p);
        }
      segments[i] = g_string_free (segment, FALSE);
    }

  return segments;
}

/* A JSON Patch (RFC 6902) with add, remove and replace. */
static void
apply_patch (JsonNode   *document,
             JsonArray  *patch,
             const char *where)
{
  for (guint i = 0; i < json_array_get_length (patch); i++)
    {
      JsonObject *operation = json_array_get_object_element (patch, i);
      const char *op = json_object_get_string_member (operation, "op");
      const char *path = json_object_get_string_member (operation, "path");
      JsonNode *value = json_object_get_member (operation, "value");
      g_auto(GStrv) segments = split_pointer (path);
      guint n = g_strv_length (segments);
      JsonNode *parent = document;
      const char *last;

      for (guint s = 0; s + 1 < n; s++)
        {
          if (JSON_NODE_HOLDS_OBJECT (parent))
            parent = json_object_get_member (json_node_get_object (parent), segments[s]);
          else if (JSON_NODE_HOLDS_ARRAY (parent))
            {
              guint64 index = g_ascii_strtoull (segments[s], NULL, 10);
              JsonArray *array = json_node_get_array (parent);

              parent = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
            }
          else
            parent = NULL;

          if (parent == NULL)
            g_error ("%s: patch %u: path %s does not exist", where, i, path);
        }

      last = segments[n - 1];

      if (JSON_NODE_HOLDS_OBJECT (parent))
        {
          JsonObject *object = json_node_get_object (parent);

          if (g_str_equal (op, "remove") || (g_str_equal (op, "replace") && !json_object_has_member (object, last)))
            {
              if (!json_object_has_member (object, last))
                g_error ("%s: patch %u: %s %s: no such member", where, i, op, path);
            }
          if (g_str_equal (op, "remove"))
            json_object_remove_member (object, last);
          else if (g_str_equal (op, "add") || g_str_equal (op, "replace"))
            json_object_set_member (object, last, sb_json_deep_copy (value));
          else
            g_error ("%s: patch %u: unsupported op %s", where, i, op);
        }
      else if (JSON_NODE_HOLDS_ARRAY (parent))
        {
          JsonArray *array = json_node_get_array (parent);
          guint length = json_array_get_length (array);
          guint64 index = g_str_equal (last, "-") ? length : g_ascii_strtoull (last, NULL, 10);

          if (g_str_equal (op, "add"))
            {
              JsonArray *rebuilt = json_array_new ();

              if (index > length)
                g_error ("%s: patch %u: index %s out of range", where, i, path);
              for (guint k = 0; k <= length; k++)
                {
                  if (k == index)
                    json_array_add_element (rebuilt, sb_json_deep_copy (value));
                  if (k < length)
                    json_array_add_element (rebuilt, json_node_ref (json_array_get_element (array, k)));
                }
              json_node_take_array (parent, rebuilt);
            }
          else if (index >= length)
            g_error ("%s: patch %u: index %s out of range", where, i, path);
          else if (g_str_equal (op, "remove"))
            json_array_remove_element (array, index);
          else if (g_str_equal (op, "replace"))
            {
              JsonArray *rebuilt = json_array_new ();

              for (guint k = 0; k < length; k++)
                json_array_add_element (rebuilt, k == index ? sb_json_deep_copy (value) : json_node_ref (json_array_get_element (array, k)));
              json_node_take_array (parent, rebuilt);
            }
          else
            g_error ("%s: patch %u: unsupported op %s", where, i, op);
        }
      else
        g_error ("%s: patch %u: %s is not inside an object or array", where, i, path);
    }
}

static SbValidationReport *
validate_node (SbFormDefinition *definition,
               JsonNode         *answers_node,
               gint32            date)
{
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);

  sb_answers_set_json (answers, json_node_get_object (answers_node));
  return sb_validate (answers, date, calendar);
}

static gboolean
report_has (SbValidationReport *report,
            const char         *rule_id)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((SbFinding *) g_ptr_array_index (findings, i))->rule_id, rule_id))
      return TRUE;
  return FALSE;
}

static char *
report_summary (SbValidationReport *report)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "\n    %s %s", finding->rule_id, finding->field ? finding->field : "");
      if (finding->row >= 0)
        g_string_append_printf (text, "[%d]", finding->row);
      g_string_append_printf (text, ": %s", finding->message_zh);
    }
  return g_string_free (text, FALSE);
}

/* "ZJ-01 E" lines */
static GPtrArray *
catalogue_rules (const char *prefix)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "catalogue-rules.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      g_ptr_array_add (rules, g_strsplit (lines[i], " ", 2));

  return rules;
}

static void
test_catalogue (gconstpointer data)
{
  const Procedure *procedure = data;
  SbFormDefinition *definition = lookup_form (procedure->form);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  if (definition == NULL)
    return;
  if (procedure->prefix == NULL)
    {
      fail_with (procedure->form, "no catalogue_prefix in its fixtures' rule-cases.json");
      return;
    }
  rules = catalogue_rules (procedure->prefix);

  g_assert_cmpuint (rules->len, >, 0);

  for (guint i = 0; i < rules->len; i++)
    {
      char **line = g_ptr_array_index (rules, i);
      SbRule *rule = sb_form_definition_lookup_rule (definition, line[0]);
      const char *severity = line[1];
      SbSeverity expected = g_str_has_suffix (severity, "E") ? SB_SEVERITY_ERROR
                          : g_str_has_suffix (severity, "W") ? SB_SEVERITY_WARNING
                          : SB_SEVERITY_INFO;
      gboolean technical = g_str_has_prefix (severity, "T/");

      if (rule == NULL)
        {
          g_string_append_printf (problems, "\n  %s is not encoded", line[0]);
          continue;
        }
      if (rule->severity != expected || rule->technical != technical)
        g_string_append_printf (problems, "\n  %s is %s%s, the catalogue says %s", line[0],
                                rule->technical ? "technical " : "", sb_severity_to_string (rule->severity), severity);
      if (rule->citation.text == NULL || *rule->citation.text == '\0')
        g_string_append_printf (problems, "\n  %s has no clause text", line[0]);
    }

  /* And nothing beyond the catalogue under its prefixes. */
  {
    GPtrArray *encoded = sb_form_definition_get_rules (definition);

    for (guint i = 0; i < encoded->len; i++)
      {
        SbRule *rule = g_ptr_array_index (encoded, i);
        gboolean known = FALSE;

        for (guint j = 0; j < rules->len && !known; j++)
          known = g_str_equal (((char **) g_ptr_array_index (rules, j))[0], rule->id);
        if (!known)
          g_string_append_printf (problems, "\n  %s is not in the catalogue", rule->id);
      }
  }

  if (problems->len > 0)
    fail_with (procedure->form, problems->str);
}

/* A complete application (complete.json, or one per path such as
 * change-content.json) fires exactly the rules its NAME.expected.json
 * lists, and answers only what its path shows: an answer to a hidden
 * field would be a field the applicability table does not ask for there. */
static void
check_complete (const Procedure  *procedure,
                SbFormDefinition *definition,
                const char       *name)
{
  g_autofree char *answers_file = g_strdup_printf ("%s.json", name);
  g_autofree char *expected_file = g_strdup_printf ("%s.expected.json", name);
  g_autofree char *answers_path = fixture_path (procedure->form, answers_file);
  g_autofree char *expected_path = fixture_path (procedure->form, expected_file);
  g_autofree char *what = g_strdup_printf ("%s/%s", procedure->form, answers_file);
  g_autoptr(JsonNode) answers = read_json (answers_path);
  g_autoptr(JsonNode) expected = read_json (expected_path);
  JsonObject *expected_object = json_node_get_object (expected);
  JsonArray *fires = json_object_get_array_member (expected_object, "fires");
  g_autoptr(SbValidationReport) report = NULL;
  g_autoptr(SbAnswers) typed = sb_answers_new (definition);
  g_autoptr(GHashTable) fired = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GList) keys = NULL;
  GPtrArray *findings;

  report = validate_node (definition, answers,
                          parse_date (json_object_get_string_member (expected_object, "date")));
  findings = sb_validation_report_get_findings (report);
  for (guint i = 0; i < findings->len; i++)
    g_hash_table_add (fired, ((SbFinding *) g_ptr_array_index (findings, i))->rule_id);

  for (guint i = 0; i < json_array_get_length (fires); i++)
    {
      const char *rule_id = json_array_get_string_element (fires, i);

      if (!g_hash_table_remove (fired, rule_id))
        g_string_append_printf (problems, "\n  %s should fire but does not", rule_id);
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, fired);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_string_append_printf (problems, "\n  %s fires but should not", (char *) key);
  }

  sb_answers_set_json (typed, json_node_get_object (answers));
  keys = json_object_get_members (json_node_get_object (answers));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const SbField *field = sb_form_definition_lookup_field (definition, l->data);

      if (field == NULL)
        g_string_append_printf (problems, "\n  %s is not a field", (char *) l->data);
      else if (!sb_answers_is_visible (typed, field))
        g_string_append_printf (problems, "\n  %s is answered but hidden on this path", (char *) l->data);
    }

  if (problems->len > 0)
    {
      g_autofree char *summary = report_summary (report);
      g_autofree char *all = g_strdup_printf ("%s\n  findings:%s", problems->str, summary);

      fail_with (what, all);
    }
}

static void
test_complete (gconstpointer data)
{
  const Procedure *procedure = data;
  SbFormDefinition *definition = lookup_form (procedure->form);

  if (definition != NULL)
    check_complete (procedure, definition, "complete");
}

typedef struct
{
  const Procedure *procedure;
  char            *name;   /* "change-content": change-content.json */
} PathFixture;

static void
test_path (gconstpointer data)
{
  const PathFixture *path = data;
  SbFormDefinition *definition = lookup_form (path->procedure->form);

  if (definition != NULL)
    check_complete (path->procedure, definition, path->name);
}

/* The complete applications of a procedure's other paths: every
 * NAME.expected.json beside complete.expected.json, found, not listed. */
static GPtrArray *
find_paths (const Procedure *procedure)
{
  g_autofree char *folder = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), procedure->form, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths = g_ptr_array_new ();
  const char *file;

  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (file, ".expected.json") && !g_str_equal (file, "complete.expected.json"))
      g_ptr_array_add (names, g_strndup (file, strlen (file) - strlen (".expected.json")));
  g_ptr_array_sort (names, compare_ids);

  for (guint i = 0; i < names->len; i++)
    {
      PathFixture *path = g_new0 (PathFixture, 1);

      path->procedure = procedure;
      path->name = g_strdup (g_ptr_array_index (names, i));
      g_ptr_array_add (paths, path);
    }
  return paths;
}

static void
check_rule_cases (const Procedure  *procedure,
                  SbFormDefinition *definition)
{
  g_autofree char *cases_path = fixture_path (procedure->form, "rule-cases.json");
  g_autoptr(JsonNode) cases_node = read_json (cases_path);
  JsonObject *cases_object = json_node_get_object (cases_node);
  g_autofree char *base_path = fixture_path (procedure->form, json_object_get_string_member (cases_object, "base"));
  g_autoptr(JsonNode) base = read_json (base_path);
  const char *default_date = json_object_get_string_member (cases_object, "date");
  JsonArray *cases = json_object_get_array_member (cases_object, "cases");
  g_autoptr(GHashTable) has_fires = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) has_holds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) rules = catalogue_rules (procedure->prefix);
  g_autoptr(GString) problems = g_string_new (NULL);


  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *rule_case = json_array_get_object_element (cases, i);
      const char *rule_id = json_object_get_string_member (rule_case, "rule");
      const char *sides[] = { "fires", "holds" };

      /* A case may say how its rule is cited, as every view prints it. */
      if (json_object_has_member (rule_case, "citation"))
        {
          SbRule *rule = sb_form_definition_lookup_rule (definition, rule_id);
          g_autofree char *citation = rule != NULL ? sb_citation_format (&rule->citation) : NULL;
          const char *expected = json_object_get_string_member (rule_case, "citation");

          if (g_strcmp0 (citation, expected) != 0)
            g_string_append_printf (problems, "\n  %s is cited \"%s\", not \"%s\"", rule_id,
                                    citation ? citation : "(no rule)", expected);
        }

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          JsonNode *side_node = json_object_get_member (rule_case, sides[s]);
          g_autoptr(JsonNode) answers = NULL;
          g_autoptr(SbValidationReport) report = NULL;
          g_autofree char *where = g_strdup_printf ("%s case %u (%s, %s)", procedure->form, i, rule_id, sides[s]);
          JsonObject *side;
          const char *date;
          gboolean fired;

          if (side_node == NULL || JSON_NODE_HOLDS_NULL (side_node))
            continue;

          side = json_node_get_object (side_node);
          date = json_object_has_member (side, "date") ? json_object_get_string_member (side, "date") : default_date;
          answers = sb_json_deep_copy (base);
          apply_patch (answers, json_object_get_array_member (side, "patch"), where);
          report = validate_node (definition, answers, parse_date (date));
          fired = report_has (report, rule_id);

          if (s == 0 && !fired)
            {
              g_autofree char *summary = report_summary (report);
              g_string_append_printf (problems, "\n  %s: does not fire; findings:%s", where, summary);
            }
          else if (s == 1 && fired)
            g_string_append_printf (problems, "\n  %s: fires", where);

          g_hash_table_add (s == 0 ? has_fires : has_holds, g_strdup (rule_id));
        }
    }

  for (guint i = 0; i < rules->len; i++)
    {
      const char *rule_id = ((char **) g_ptr_array_index (rules, i))[0];
      SbRule *rule = sb_form_definition_lookup_rule (definition, rule_id);
      gboolean always = rule != NULL && g_str_equal (sb_expression_get_source (rule->when), "true");

      if (!g_hash_table_contains (has_fires, rule_id))
        g_string_append_printf (problems, "\n  %s has no case on which it fires", rule_id);
      if (!always && !g_hash_table_contains (has_holds, rule_id))
        g_string_append_printf (problems, "\n  %s has no case on which it holds", rule_id);
    }

  if (problems->len > 0)
    fail_with (procedure->form, problems->str);
}

static void
test_rule_cases (gconstpointer data)
{
  const Procedure *procedure = data;
  SbFormDefinition *definition = lookup_form (procedure->form);

  if (definition != NULL)
    check_rule_cases (procedure, definition);
}

/* The rule-id prefix of the catalogue lines of @form ("ZJ-"), from its
 * fixtures' rule-cases.json, or NULL. */
static char *
read_prefix (const char *form)
{
  g_autofree char *path = fixture_path (form, "rule-cases.json");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  root = read_json (path);
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "catalogue_prefix"))
    return NULL;
  return g_strdup (json_object_get_string_member (object, "catalogue_prefix"));
}

static int
compare_ids (const void *a,
             const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every form installed in the data folder, and every fixtures folder with
 * rule cases (a procedure not encoded yet is skipped, see lookup_form()),
 * sorted by id. */
static GPtrArray *
find_procedures (void)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);   /* the ids are the procedures' */
  GPtrArray *forms = sb_form_registry_get_all (sb_form_registry_get_default ());
  g_autoptr(GDir) dir = g_dir_open (g_getenv ("SHENBAO_TEST_FIXTURES"), 0, NULL);
  g_autofree char **sorted = NULL;
  GPtrArray *procedures = g_ptr_array_new ();
  const char *name;
  guint n;

  for (guint i = 0; forms != NULL && i < forms->len; i++)
    {
      const char *id = sb_form_definition_get_id (g_ptr_array_index (forms, i));

      if (!g_hash_table_contains (ids, id))
        g_hash_table_add (ids, g_strdup (id));
    }
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *cases = fixture_path (name, "rule-cases.json");

      if (g_file_test (cases, G_FILE_TEST_EXISTS) && !g_hash_table_contains (ids, name))
        g_hash_table_add (ids, g_strdup (name));
    }

  sorted = (char **) g_hash_table_get_keys_as_array (ids, &n);
  qsort (sorted, n, sizeof (char *), compare_ids);
  for (guint i = 0; i < n; i++)
    {
      Procedure *procedure = g_new0 (Procedure, 1);

      procedure->form = sorted[i];
      procedure->prefix = read_prefix (sorted[i]);
      g_ptr_array_add (procedures, procedure);
    }
  return procedures;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *procedures;
  GPtrArray *paths;

  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  calendar = sb_calendar_get_default (&error);
  g_assert_no_error (error);

  /* Kept until the end: the test cases point into them. */
  procedures = find_procedures ();
  for (guint i = 0; i < procedures->len; i++)
    {
      Procedure *procedure = g_ptr_array_index (procedures, i);
      g_autofree char *catalogue = g_strdup_printf ("/procedures/%s/catalogue", procedure->form);
      g_autofree char *complete = g_strdup_printf ("/procedures/%s/complete", procedure->form);
      g_autofree char *cases = g_strdup_printf ("/procedures/%s/rule-cases", procedure->form);

      g_test_add_data_func (catalogue, procedure, test_catalogue);
      g_test_add_data_func (complete, procedure, test_complete);
      g_test_add_data_func (cases, procedure, test_rule_cases);

      paths = find_paths (procedure);
      for (guint j = 0; j < paths->len; j++)
        {
          PathFixture *path = g_ptr_array_index (paths, j);
          g_autofree char *name = g_strdup_printf ("/procedures/%s/path/%s", procedure->form, path->name);

          g_test_add_data_func (name, path, test_path);
        }
    }

  return g_test_run ();
}
