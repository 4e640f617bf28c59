/* sb-material-status.c — what was submitted for each material of a form
 *
 * One computation for every place that lists materials (the PDF, the
 * applicant's check-your-answers page, the reviewer's view), so that they
 * never disagree.  A material names each way it can be met (one of
 * several fields, or several files together) and its condition; its
 * status is 已提交 with the files, 不适用 with the reason, or 未提交 only
 * when it is required and missing.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-material-status"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-material-status.h"

typedef struct
{
  SbAnswers  *answers;
  GPtrArray  *files;   /* SbMaterialFile*: every attached file of the visible answers */
} Collect;

/* Auxiliary functions */

static void
material_file_free (SbMaterialFile *file)
{
  g_free (file->field);
  g_free (file->name);
  g_free (file->media_type);
  g_free (file->sha256);
  g_free (file);
}

static const char *
descriptor_string (JsonObject *descriptor,
                   const char *key)
{
  JsonNode *node = json_object_get_member (descriptor, key);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static void
collect_file (const char *field,
              int         row,
              JsonObject *descriptor,
              Collect    *collect)
{
  SbMaterialFile *file = g_new0 (SbMaterialFile, 1);
  JsonNode *size = json_object_get_member (descriptor, "size");

  file->field = g_strdup (field);
  file->row = row;
  file->name = g_strdup (descriptor_string (descriptor, "name"));
  file->media_type = g_strdup (descriptor_string (descriptor, "media_type"));
  file->sha256 = g_strdup (descriptor_string (descriptor, "sha256"));
  file->size = size != NULL && JSON_NODE_HOLDS_VALUE (size) && json_node_get_value_type (size) == G_TYPE_INT64
    ? json_node_get_int (size) : -1;
  g_ptr_array_add (collect->files, file);
}

static void
collect_descriptors (Collect    *collect,
                     const char *path,
                     int         row,
                     JsonNode   *node)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        collect_file (path, row, json_node_get_object (item), collect);
    }
}

/* The files of the visible answers, in definition order (fields, then
 * rows, then columns), as sb_answers_foreach_attachment() walks them but
 * without copying the answers first: a packet of a thousand staff rows
 * is read in place. */
static void
collect_files (SbAnswers *answers,
               Collect   *collect)
{
  GPtrArray *fields = sb_form_definition_get_fields (sb_answers_get_definition (answers));

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      JsonNode *node;

      if ((field->type != SB_FIELD_ATTACHMENT && field->type != SB_FIELD_TABLE) || field->computed != NULL ||
          !sb_answers_is_visible (answers, field))
        continue;
      node = sb_answers_get_field_json (answers, field->id);
      if (field->type == SB_FIELD_ATTACHMENT)
        collect_descriptors (collect, field->id, -1, node);
      else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *rows = json_node_get_array (node);
          g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

          for (guint c = 0; c < field->columns->len; c++)
            {
              SbField *column = g_ptr_array_index (field->columns, c);

              g_ptr_array_add (paths, column->type == SB_FIELD_ATTACHMENT && column->computed == NULL
                                      ? g_strdup_printf ("%s[].%s", field->id, column->id) : NULL);
            }
          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonNode *row = json_array_get_element (rows, r);

              if (!JSON_NODE_HOLDS_OBJECT (row))
                continue;
              for (guint c = 0; c < field->columns->len; c++)
                if (g_ptr_array_index (paths, c) != NULL)
                  collect_descriptors (collect, g_ptr_array_index (paths, c), (int) r,
                                       json_object_get_member (json_node_get_object (row),
                                                               ((SbField *) g_ptr_array_index (field->columns, c))->id));
            }
        }
    }
}

/* The answer to @material's row column in @row of @table, as text. */
static gboolean
row_selected (SbAnswers        *answers,
              const SbMaterial *material,
              const SbField    *table,
              int               row)
{
  JsonNode *node;
  JsonArray *rows;
  JsonNode *element;
  JsonNode *cell;

  if (material->rows_column == NULL || table == NULL)
    return TRUE;
  node = sb_answers_get_field_json (answers, table->id);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  rows = json_node_get_array (node);
  if (row < 0 || (guint) row >= json_array_get_length (rows))
    return FALSE;
  element = json_array_get_element (rows, row);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return FALSE;
  cell = json_object_get_member (json_node_get_object (element), material->rows_column);
  return cell != NULL && JSON_NODE_HOLDS_VALUE (cell) && json_node_get_value_type (cell) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (cell), material->rows_equals) == 0;
}

/* Whether a part can be given now: its field is shown, and a table part
 * has rows (of the selected kind) to attach it to. */
static gboolean
part_applies (SbAnswers        *answers,
              const SbMaterial *material,
              const SbField    *part)
{
  guint rows;

  if (!sb_answers_is_visible (answers, part))
    return FALSE;
  if (part->table == NULL)
    return TRUE;
  rows = sb_answers_get_row_count (answers, part->table->id);
  for (guint r = 0; r < rows; r++)
    if (row_selected (answers, material, part->table, (int) r))
      return TRUE;
  return FALSE;
}

static guint
add_part_files (SbAnswers        *answers,
                const SbMaterial *material,
                const SbField    *part,
                const char       *path,
                GPtrArray        *all_files,
                GPtrArray        *files)
{
  guint found = 0;

  for (guint i = 0; i < all_files->len; i++)
    {
      SbMaterialFile *file = g_ptr_array_index (all_files, i);

      if (g_strcmp0 (file->field, path) != 0 || !row_selected (answers, material, part->table, file->row))
        continue;
      if (files != NULL)
        g_ptr_array_add (files, file);
      found++;
    }
  return found;
}

/* A part that is not a file is met by its answer in the form. */
static gboolean
part_answered (SbAnswers     *answers,
               const SbField *part)
{
  return part->type != SB_FIELD_ATTACHMENT && part->table == NULL && sb_answers_get_value (answers, part) != NULL;
}

static gboolean
evaluate_condition (SbAnswers        *answers,
                    SbCalendar       *calendar,
                    const SbMaterial *material)
{
  SbEvalScope scope;
  g_autoptr(SbValue) value = NULL;

  if (material->condition == NULL)
    return TRUE;
  sb_answers_init_scope (answers, &scope, calendar);
  value = sb_expression_evaluate (material->condition, &scope);
  return sb_value_get_kind (value) == SB_VALUE_BOOL && sb_value_get_bool (value);
}

static void
set_reason (SbText     *reason,
            const char *zh_CN,
            const char *en)
{
  reason->zh_CN = g_strdup (zh_CN);
  reason->en = g_strdup (en);
}

static SbMaterialStatus *
compute_one (SbAnswers        *answers,
             SbCalendar       *calendar,
             const SbMaterial *material,
             GPtrArray        *all_files)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  SbMaterialStatus *status = g_new0 (SbMaterialStatus, 1);
  gboolean demanded = material->requirement == SB_MATERIAL_REQUIRED ||
                      material->requirement == SB_MATERIAL_CONDITIONAL;
  const SbMaterialWay *best = NULL;
  guint best_files = 0, best_missing = G_MAXUINT;

  status->material = material;
  status->files = g_ptr_array_new ();
  status->missing = g_ptr_array_new ();
  status->answered = g_ptr_array_new ();

  if (material->requirement == SB_MATERIAL_GENERATED)
    {
      status->state = SB_MATERIAL_THIS_DOCUMENT;
      return status;
    }

  if (!evaluate_condition (answers, calendar, material))
    {
      status->state = SB_MATERIAL_NOT_APPLICABLE;
      if (material->not_applicable.zh_CN != NULL)
        set_reason (&status->reason, material->not_applicable.zh_CN,
                    material->not_applicable.en ? material->not_applicable.en : material->not_applicable.zh_CN);
      else
        set_reason (&status->reason, "申请所填情形不需要此材料", "The application's case does not call for it");
      return status;
    }

  /* The way to report: the one with the most files, then the fewest parts
   * missing; of ways without files, the first that applies. */
  for (guint w = 0; w < material->ways->len; w++)
    {
      const SbMaterialWay *way = g_ptr_array_index (material->ways, w);
      guint files = 0, missing = 0;
      gboolean applies = FALSE;

      for (guint f = 0; way->fields[f] != NULL; f++)
        {
          SbField *part = sb_form_definition_lookup_path (definition, way->fields[f]);
          guint found;

          if (part == NULL || !part_applies (answers, material, part))
            continue;
          applies = TRUE;
          found = part->type == SB_FIELD_ATTACHMENT
            ? add_part_files (answers, material, part, way->fields[f], all_files, NULL)
            : (guint) part_answered (answers, part);
          files += found;
          missing += found == 0;
        }
      if (!applies)
        continue;
      if (best == NULL || files > best_files || (files == best_files && files > 0 && missing < best_missing))
        {
          best = way;
          best_files = files;
          best_missing = missing;
        }
    }

  if (best == NULL)
    {
      status->state = SB_MATERIAL_NOT_APPLICABLE;
      set_reason (&status->reason, "申请所选情形不需要此材料", "Not needed on the path the application takes");
      return status;
    }

  status->way = best;
  for (guint f = 0; best->fields[f] != NULL; f++)
    {
      SbField *part = sb_form_definition_lookup_path (definition, best->fields[f]);

      if (part == NULL || !part_applies (answers, material, part))
        continue;
      if (part->type != SB_FIELD_ATTACHMENT)
        g_ptr_array_add (part_answered (answers, part) ? status->answered : status->missing, part);
      else if (add_part_files (answers, material, part, best->fields[f], all_files, status->files) == 0)
        g_ptr_array_add (status->missing, part);
    }

  if (status->files->len + status->answered->len > 0 && (status->missing->len == 0 || !demanded))
    status->state = SB_MATERIAL_SUBMITTED;
  else if (demanded)
    status->state = SB_MATERIAL_MISSING;
  else
    status->state = SB_MATERIAL_NOT_GIVEN;
  return status;
}

/* Public API */

void
sb_material_status_free (SbMaterialStatus *status)
{
  if (status == NULL)
    return;
  g_clear_pointer (&status->files, g_ptr_array_unref);
  g_clear_pointer (&status->missing, g_ptr_array_unref);
  g_clear_pointer (&status->answered, g_ptr_array_unref);
  sb_text_clear (&status->reason);
  g_free (status);
}

/* The statuses keep the files they list: every file of the answers is
 * collected once, and each status's list borrows from a copy it owns. */
GPtrArray *
sb_material_status_compute (SbAnswers  *answers,
                            SbCalendar *calendar)
{
  GPtrArray *materials;
  GPtrArray *statuses;
  Collect collect;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);

  materials = sb_form_definition_get_materials (sb_answers_get_definition (answers));
  statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_material_status_free);
  collect.answers = answers;
  collect.files = g_ptr_array_new ();
  collect_files (answers, &collect);

  for (guint m = 0; m < materials->len; m++)
    {
      SbMaterialStatus *status = compute_one (answers, calendar, g_ptr_array_index (materials, m), collect.files);

      /* Each status owns its files: a file belongs to one part, and one
       * part may serve two materials, so copy what is listed. */
      for (guint i = 0; i < status->files->len; i++)
        {
          SbMaterialFile *file = g_ptr_array_index (status->files, i);
          SbMaterialFile *copy = g_new0 (SbMaterialFile, 1);

          copy->field = g_strdup (file->field);
          copy->row = file->row;
          copy->name = g_strdup (file->name);
          copy->media_type = g_strdup (file->media_type);
          copy->size = file->size;
          copy->sha256 = g_strdup (file->sha256);
          status->files->pdata[i] = copy;
        }
      g_ptr_array_set_free_func (status->files, (GDestroyNotify) material_file_free);
      g_ptr_array_add (statuses, status);
    }

  g_ptr_array_set_free_func (collect.files, (GDestroyNotify) material_file_free);
  g_ptr_array_unref (collect.files);
  return statuses;
}

void
sb_material_status_count (GPtrArray *statuses,
                          guint      counts[5])
{
  g_return_if_fail (statuses != NULL);

  for (guint i = 0; i < 5; i++)
    counts[i] = 0;
  for (guint i = 0; i < statuses->len; i++)
    counts[((SbMaterialStatus *) g_ptr_array_index (statuses, i))->state]++;
}

const char *
sb_material_state_to_string_zh (SbMaterialState state)
{
  switch (state)
    {
    case SB_MATERIAL_SUBMITTED:
      return "已提交";
    case SB_MATERIAL_NOT_APPLICABLE:
      return "不适用";
    case SB_MATERIAL_MISSING:
      return "未提交";
    case SB_MATERIAL_NOT_GIVEN:
      return "未提供";
    case SB_MATERIAL_THIS_DOCUMENT:
    default:
      return "本申请书";
    }
}

const char *
sb_material_state_to_string (SbMaterialState state)
{
  switch (state)
    {
    case SB_MATERIAL_SUBMITTED:
      return _("Submitted");
    case SB_MATERIAL_NOT_APPLICABLE:
      return _("Not applicable");
    case SB_MATERIAL_MISSING:
      return _("Missing");
    case SB_MATERIAL_NOT_GIVEN:
      return _("Not given");
    case SB_MATERIAL_THIS_DOCUMENT:
    default:
      return _("This application");
    }
}

char *
sb_material_short_hash (const char *sha256)
{
  if (sha256 == NULL)
    return g_strdup ("");
  return g_strndup (sha256, 12);
}
