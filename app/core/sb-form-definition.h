/* sb-form-definition.h — a procedure's form definition (data/forms/README.md)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sb-expression.h"
#include "sb-text.h"

G_BEGIN_DECLS

#define SB_FORM_DEFINITION_ERROR (sb_form_definition_error_quark ())

typedef enum {
  SB_FORM_DEFINITION_ERROR_READ,     /* the file could not be read */
  SB_FORM_DEFINITION_ERROR_SYNTAX,   /* not JSON */
  SB_FORM_DEFINITION_ERROR_INVALID,  /* "FILE: $.rules[12].when: column 4: unknown field 'x'" */
} SbFormDefinitionError;

typedef enum {
  SB_FIELD_TEXT,
  SB_FIELD_MULTILINE,
  SB_FIELD_INTEGER,
  SB_FIELD_DECIMAL,
  SB_FIELD_DATE,
  SB_FIELD_TIME,
  SB_FIELD_CHOICE,
  SB_FIELD_MULTICHOICE,
  SB_FIELD_BOOLEAN,
  SB_FIELD_RESIDENT_ID,
  SB_FIELD_CREDIT_CODE,
  SB_FIELD_CREDIT_CODE_OR_ID,  /* either, as one field for a person or an organisation */
  SB_FIELD_ID_DOCUMENT,        /* a resident ID, or a passport or permit for a person without one */
  SB_FIELD_PHONE,
  SB_FIELD_ATTACHMENT,
  SB_FIELD_TABLE,
} SbFieldType;

typedef struct {
  char   *value;   /* the catalogue's option text, stored in packets */
  SbText  label;   /* label.zh_CN defaults to value */
} SbChoice;

typedef struct _SbField SbField;
struct _SbField {
  char          *id;
  SbFieldType    type;
  guint          index;          /* in sb_form_definition_get_fields(), or in the table's columns */
  SbField       *table;          /* the table of a column, NULL for a top-level field */
  const char    *step_id;        /* borrowed from the step; NULL for columns */
  SbText         label;
  SbText         help;           /* may be empty */
  SbText         placeholder;    /* may be empty */
  gboolean       required;
  SbExpression  *required_when;  /* may be NULL */
  SbExpression  *visible_when;   /* may be NULL */
  SbText         not_applicable; /* why, when visible_when is false; may be empty */
  SbExpression  *computed;       /* may be NULL */
  char          *unit;           /* decimal: stored unit; NULL otherwise */
  char          *input_unit;     /* decimal: "万元" or NULL */
  int            scale;          /* decimal: max fraction digits, -1 = any */
  char          *min;            /* decimal/integer bound as decimal text, or NULL */
  char          *max;
  int            max_length;     /* text: 0 = none */
  GPtrArray     *choices;        /* of SbChoice*; NULL unless choice/multichoice */
  const char * const *choice_values; /* NULL-terminated values (for SbType.choices) */
  char          *widget;         /* GUI hint or NULL */
  gboolean       multiple;       /* attachment */
  GStrv          media_types;    /* attachment */
  gint64         max_size;       /* attachment, bytes */
  char          *material;       /* attachment: material id or NULL */
  GPtrArray     *columns;        /* table: of SbField*; NULL otherwise */
  guint          min_rows;
  guint          max_rows;       /* 0 = no limit */
  gboolean       system;
  char          *source;         /* may be NULL */
  gboolean       total;          /* number column: the table's views show its sum */
};

typedef struct {
  char          *id;
  SbText         title;
  SbText         description;
  SbExpression  *visible_when;   /* may be NULL */
  SbText         not_applicable; /* why, when visible_when is false; may be empty */
  GPtrArray     *fields;         /* of SbField* (borrowed from the definition) */
} SbStep;

typedef enum {
  SB_SEVERITY_ERROR,
  SB_SEVERITY_WARNING,
  SB_SEVERITY_INFO,
} SbSeverity;

const char *sb_severity_to_string   (SbSeverity  severity);   /* "error"… */
gboolean    sb_severity_from_string (const char *text,
                                     SbSeverity *severity);

typedef struct {
  char *document;
  char *article;
  char *paragraph;   /* may be NULL */
  char *clause;      /* may be NULL */
  char *item;        /* may be NULL */
  char *text;
} SbCitation;

/* "《准入办法》第八条 第(二)款", in the order of rules.md §0.1: document,
 * article, clause, paragraph, item.  A 第N段 given with a 第(X)款 is a
 * paragraph inside that clause ("《耕地转换办法》第四条 第(三)款 第3段"); a
 * paragraph of the article itself is cited without a clause. */
char *sb_citation_format (const SbCitation *citation);

typedef struct {
  char          *id;
  SbSeverity     severity;
  gboolean       technical;
  SbExpression  *when;
  SbExpression  *applies_when;   /* may be NULL */
  SbText         message;        /* with {expression} placeholders */
  GPtrArray     *message_parts_zh; /* parsed placeholders, private to the validator */
  GPtrArray     *message_parts_en;
  GStrv          fields;         /* "field" or "table[].column" */
  SbCitation     citation;
  char          *ambiguity;      /* may be NULL */
} SbRule;

typedef enum {
  SB_MATERIAL_REQUIRED,
  SB_MATERIAL_CONDITIONAL,
  SB_MATERIAL_RECOMMENDED,
  SB_MATERIAL_OPTIONAL,
  SB_MATERIAL_GENERATED,
} SbMaterialRequirement;

/* One way a material can be met: every part is a field ("field" or
 * "table[].column"), an attachment or an answer written in the form; the
 * way is complete when each part has a file (or an answer).  A way applies
 * while any of its parts is visible. */
typedef struct {
  SbText  label;   /* may be empty (a material met one way only) */
  GStrv   fields;
} SbMaterialWay;

typedef struct {
  char                  *id;
  SbText                 title;
  SbMaterialRequirement  requirement;
  SbExpression          *condition;   /* may be NULL */
  SbText                 condition_text; /* the condition in words, for applicants; may be empty */
  SbText                 not_applicable; /* why, when the condition is false; may be empty */
  char                  *field;       /* the first part of the first way, or NULL */
  GPtrArray             *ways;        /* of SbMaterialWay*; empty for a generated material */
  /* Only the rows of a table part whose @rows_column answer is
   * @rows_equals count (consents of one kind of party); NULL for all. */
  char                  *rows_column;
  char                  *rows_equals;
  SbCitation             citation;
} SbMaterial;

/* A key figure of the PDF's summary page: a field's answer, or an
 * expression's value with its unit. */
typedef struct {
  SbText         label;
  SbField       *field;       /* may be NULL */
  SbExpression  *value;       /* NULL when @field is set */
  char          *unit;        /* for @value; may be NULL */
  int            scale;       /* for @value: fraction digits shown, -1 = up to 2 */
} SbSummaryItem;

typedef struct {
  char    *document_no;
  char    *short_name;
  char    *title;
  char    *issuer;
  gint32   issued;           /* Julian day */
  gint32   effective_from;
  gint32   effective_until;  /* 0 = open-ended */
  SbText   validity_note;
} SbRegulation;

typedef struct {
  char   *id;
  SbText  actor;
  SbText  action;
  int     deadline_working_days;  /* 0 = none */
  int     deadline_days;
  int     deadline_months;
  SbText  deadline_text;
  SbText  deadline_from;
  char   *citation;
} SbGuideStep;

typedef struct {
  char   *id;
  SbText  title;
  char   *citation;
} SbChecklistItem;

/* What a decision asks of the reviewer before it can be recorded. */
typedef enum {
  SB_DECISION_OTHER,     /* nothing more (受理, 补正) */
  SB_DECISION_APPROVAL,  /* every checklist item 符合 or explained */
  SB_DECISION_REFUSAL,   /* a reason and the clause it rests on */
} SbDecisionKind;

typedef struct {
  char           *id;
  SbText          label;
  SbDecisionKind  kind;   /* "kind": "approval" or "refusal"; absent: other */
} SbDecision;

/* A statutory period of the review (data/forms/README.md, "review"): who
 * must act, from which event of the case, how many working days, which
 * events meet it and which periods do not count (sb-case-clock.h). */
typedef struct {
  char   *id;
  SbText  label;
  SbText  actor;         /* who must act; empty when the definition does not say */
  int     working_days;
  char   *from;          /* an event: "receipt", "submission", "acceptance", … */
  char  **restarts_on;   /* events that start the period again; NULL-terminated, may be empty */
  char  **met_by;        /* events that meet it; NULL-terminated, may be empty */
  char  **excludes;      /* "inspection", "corrections": periods that do not count */
  gboolean missed_means_accepted;  /* 《行政许可法》第三十二条: 逾期不告知的，自收到申请材料之日起即为受理 */
  char   *citation;
} SbReviewDeadline;

#define SB_TYPE_FORM_DEFINITION (sb_form_definition_get_type ())
G_DECLARE_FINAL_TYPE (SbFormDefinition, sb_form_definition, SB, FORM_DEFINITION, GObject)

GQuark             sb_form_definition_error_quark   (void);

SbFormDefinition  *sb_form_definition_new_from_file  (GFile       *file,
                                                      GError     **error);
/* @origin names the definition in error messages; @base_dir resolves list
 * files (may be NULL when the definition has none). */
SbFormDefinition  *sb_form_definition_new_from_bytes (GBytes      *bytes,
                                                      const char  *origin,
                                                      GFile       *base_dir,
                                                      GError     **error);

const char        *sb_form_definition_get_id         (SbFormDefinition *self);
const char        *sb_form_definition_get_version    (SbFormDefinition *self);
/* The letters that begin the reference numbers of its packets ("KJ"): 1 to
 * 4 capital letters. */
const char        *sb_form_definition_get_reference_prefix (SbFormDefinition *self);
/* Lower-case hex SHA-256 of the definition file's bytes. */
const char        *sb_form_definition_get_sha256     (SbFormDefinition *self);
const SbText      *sb_form_definition_get_title      (SbFormDefinition *self);
const SbText      *sb_form_definition_get_description (SbFormDefinition *self);
const SbRegulation *sb_form_definition_get_regulation (SbFormDefinition *self);
/* TRUE when @julian_day lies in the regulation's effective period. */
gboolean           sb_form_definition_is_in_force    (SbFormDefinition *self,
                                                      gint32            julian_day);

GPtrArray         *sb_form_definition_get_steps      (SbFormDefinition *self);  /* of SbStep* */
GPtrArray         *sb_form_definition_get_fields     (SbFormDefinition *self);  /* of SbField*, top level */
SbField           *sb_form_definition_lookup_field   (SbFormDefinition *self,
                                                      const char       *id);
/* "field" or "table[].column" */
SbField           *sb_form_definition_lookup_path    (SbFormDefinition *self,
                                                      const char       *path);
GPtrArray         *sb_form_definition_get_rules      (SbFormDefinition *self);  /* of SbRule* */
SbRule            *sb_form_definition_lookup_rule    (SbFormDefinition *self,
                                                      const char       *id);
GPtrArray         *sb_form_definition_get_materials  (SbFormDefinition *self);  /* of SbMaterial* */
/* The fields that name an application (applicant, project): SbField*. */
GPtrArray         *sb_form_definition_get_summary_fields (SbFormDefinition *self);
/* The key figures of the summary page: SbSummaryItem*. */
GPtrArray         *sb_form_definition_get_summary    (SbFormDefinition *self);

const SbText      *sb_form_definition_get_guide_text (SbFormDefinition *self,
                                                      const char       *key);   /* "applicants", "authority", "where" */
GPtrArray         *sb_form_definition_get_guide_steps (SbFormDefinition *self); /* of SbGuideStep* */
GPtrArray         *sb_form_definition_get_guide_notes (SbFormDefinition *self); /* of SbText* */
GPtrArray         *sb_form_definition_get_checklist  (SbFormDefinition *self);  /* of SbChecklistItem* */
GPtrArray         *sb_form_definition_get_decisions  (SbFormDefinition *self);  /* of SbDecision* */
GPtrArray         *sb_form_definition_get_review_deadlines (SbFormDefinition *self); /* of SbReviewDeadline* */

/* The resolver expressions of this definition are checked with; used by the
 * validator for message placeholders. */
const SbSymbolResolver *sb_form_definition_get_resolver (SbFormDefinition *self);

G_END_DECLS
