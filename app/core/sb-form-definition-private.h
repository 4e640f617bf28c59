/* sb-form-definition-private.h — what the engine shares inside app/core
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-form-definition.h"
#include "sb-json-reader.h"

G_BEGIN_DECLS

/* Symbol ids of column expressions (required_when, visible_when, computed
 * on a column) that name a cell of the same row carry this flag; the
 * evaluation scope answers them from its current row. */
#define SB_ROW_CONTEXT_FLAG 0x40000000u

/* A message template piece: literal text or a placeholder. */
typedef struct {
  char         *text;        /* NULL for a placeholder */
  SbExpression *expression;  /* NULL for text */
} SbMessagePart;

void      sb_message_part_free                (SbMessagePart    *part);

/* Top-level fields by SbField.index (load order). */
guint     sb_form_definition_get_n_field_slots (SbFormDefinition *self);
SbField  *sb_form_definition_get_field_by_index (SbFormDefinition *self,
                                                 guint             index);

/* The definition itself, shared by the loader's files (sb-form-definition.c,
 * -loader.c, -fields.c, -rules.c). */
struct _SbFormDefinition
{
  GObject       parent_instance;

  char         *origin;
  char         *sha256;
  char         *id;
  char         *version;
  char         *reference_prefix;
  SbText        title;
  SbText        description;
  SbRegulation  regulation;

  GPtrArray    *steps;          /* SbStep* */
  GPtrArray    *fields;         /* SbField*, top level, in step order */
  GPtrArray    *slots;          /* the same fields by SbField.index (load order) */
  GHashTable   *fields_by_id;   /* id -> SbField* (top level only) */
  GPtrArray    *rules;          /* SbRule* */
  GHashTable   *rules_by_id;
  GPtrArray    *materials;      /* SbMaterial* */
  GPtrArray    *summary_fields; /* SbField* (borrowed) */
  GPtrArray    *summary;        /* SbSummaryItem* */
  GHashTable   *constants;      /* name -> SbValue* (constants and lists) */
  GHashTable   *constant_types; /* name -> SbType* */

  SbText        guide_applicants;
  SbText        guide_authority;
  SbText        guide_where;
  GPtrArray    *guide_steps;    /* SbGuideStep* */
  GPtrArray    *guide_notes;    /* SbText* */
  GPtrArray    *checklist;      /* SbChecklistItem* */
  GPtrArray    *decisions;      /* SbDecision* */
  GPtrArray    *review_deadlines; /* SbReviewDeadline* */

  SbSymbolResolver resolver;
};

/* While loading: where we are, and the first error.
 *
 * The loader reads with sb-json-reader.h's predicates (node types, unknown
 * members, paths) but keeps this thin "first error wins" wrapper and its
 * own wording ("ORIGIN: $.fields[3]: unknown key 'units' (expected one of:
 * …)"): a definition is written by a developer, who is told every key
 * allowed and the type found, in English, and the load functions check
 * sb_loader_ok() between steps instead of threading a GError through
 * nearly 300 calls.  Files from applicants and reviewers (packets, reviews,
 * drafts) get sb-json-reader.h's translated errors. */
typedef struct
{
  SbFormDefinition *def;
  GFile            *base_dir;
  GError           *error;
} Loader;

/* What a definition or list file may cost (sb-form-definition.c). */
extern const SbJsonLimits sb_form_definition_limits;

/* sb-form-definition.c: freeing what the loader built */

void sb_choice_free (SbChoice *choice);
void sb_field_free (SbField *field);

/* sb-form-definition-loader.c: reading members, first error wins */

void sb_loader_fail (Loader     *loader,
                     const char *path,
                     const char *format,
                     ...) G_GNUC_PRINTF (3, 4);
gboolean sb_loader_ok (Loader *loader);
const char *sb_loader_json_type_name (JsonNode *node);
void sb_loader_check_keys (Loader      *loader,
                           JsonObject  *object,
                           const char  *path,
                           const char **allowed);
JsonObject *sb_loader_require_object (Loader     *loader,
                                      JsonNode   *node,
                                      const char *path);
JsonArray *sb_loader_require_array (Loader     *loader,
                                    JsonNode   *node,
                                    const char *path);
char *sb_loader_get_string (Loader     *loader,
                            JsonObject *object,
                            const char *path,
                            const char *key,
                            gboolean    required);
gboolean sb_loader_get_bool (Loader     *loader,
                             JsonObject *object,
                             const char *path,
                             const char *key,
                             gboolean    default_value);
gint64 sb_loader_get_int (Loader     *loader,
                          JsonObject *object,
                          const char *path,
                          const char *key,
                          gint64      default_value,
                          gint64      min,
                          gint64      max);
void sb_loader_get_text (Loader     *loader,
                         JsonObject *object,
                         const char *path,
                         const char *key,
                         gboolean    required,
                         SbText     *text);
gboolean sb_loader_is_identifier (const char *id);
gboolean sb_loader_is_rule_id (const char *id);
void sb_loader_load_citation (Loader     *loader,
                              JsonObject *object,
                              const char *path,
                              const char *key,
                              SbCitation *citation);
void sb_loader_load_regulation (Loader     *loader,
                                JsonObject *root);
const char *sb_loader_intern_unit (Loader     *loader,
                                   const char *path,
                                   const char *unit);
void sb_loader_load_constants (Loader     *loader,
                               JsonObject *root);
void sb_loader_load_lists (Loader     *loader,
                           JsonObject *root);

/* sb-form-definition-fields.c: fields, steps and expressions */

gboolean sb_loader_resolve_top_level (gpointer    data,
                                      const char *name,
                                      SbSymbol   *symbol);
gboolean sb_loader_resolve_column (gpointer    data,
                                   guint       table_id,
                                   const char *column,
                                   SbSymbol   *symbol);
SbExpression *sb_loader_compile_expression (Loader     *loader,
                                            const char *source,
                                            const char *path,
                                            SbTypeKind  expected,
                                            SbField    *table);
SbExpression *sb_loader_get_expression (Loader     *loader,
                                        JsonObject *object,
                                        const char *path,
                                        const char *key,
                                        SbTypeKind  expected,
                                        SbField    *table);
GPtrArray *sb_loader_compile_message (Loader     *loader,
                                      const char *message,
                                      const char *path);
void sb_loader_compile_field_expressions (Loader     *loader,
                                          SbField    *field,
                                          JsonObject *object,
                                          const char *path);
void sb_loader_load_fields (Loader     *loader,
                            JsonObject *root,
                            GPtrArray  *field_objects);
void sb_loader_load_steps (Loader     *loader,
                           JsonObject *root);
SbField *sb_loader_lookup_path (SbFormDefinition *self,
                                const char       *path);

/* sb-form-definition-rules.c: rules, materials, guide and review */

void sb_loader_load_rules (Loader     *loader,
                           JsonObject *root);
void sb_loader_load_summary_fields (Loader     *loader,
                                    JsonObject *root);
void sb_loader_load_materials (Loader     *loader,
                               JsonObject *root);
void sb_loader_load_summary (Loader     *loader,
                             JsonObject *root);
void sb_loader_load_guide (Loader     *loader,
                           JsonObject *root);
void sb_loader_load_review (Loader     *loader,
                            JsonObject *root);

G_END_DECLS
