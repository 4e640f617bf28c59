/* sb-expression.h — the expression language of form definitions
 *
 * Grammar, types and functions: data/forms/expressions.md.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sb-calendar.h"
#include "sb-value.h"

G_BEGIN_DECLS

#define SB_EXPRESSION_ERROR (sb_expression_error_quark ())

typedef enum {
  SB_EXPRESSION_ERROR_SYNTAX,        /* message starts with "column N: " */
  SB_EXPRESSION_ERROR_UNKNOWN_NAME,  /* "column N: unknown field 'x'" */
  SB_EXPRESSION_ERROR_TYPE,          /* "column N: cannot compare date with number (元)" */
  SB_EXPRESSION_ERROR_TOO_COMPLEX,   /* nesting or length limits */
} SbExpressionError;

/* Static types, checked when a definition is loaded. */
typedef enum {
  SB_TYPE_ANY = 0,   /* only as an "expected" type, or of the null literal */
  SB_TYPE_BOOL,
  SB_TYPE_NUMBER,
  SB_TYPE_TEXT,
  SB_TYPE_DATE,
  SB_TYPE_TIME,
  SB_TYPE_LIST,      /* element type in SbType.element (and .unit/.choices for it) */
  SB_TYPE_FILES,
  SB_TYPE_TABLE,     /* a table field: SbType.table_id names it */
  SB_TYPE_ROW,       /* a row variable bound by a comprehension over a table */
} SbTypeKind;

typedef struct {
  SbTypeKind          kind;
  SbTypeKind          element;   /* for LIST */
  const char         *unit;      /* for NUMBER (or LIST of NUMBER): "元", "m²", "亩", "%", "人", "课时", "层"; NULL = plain number */
  const char * const *choices;   /* for TEXT (or LIST of TEXT) from a choice field: NULL-terminated allowed values, or NULL */
  guint               table_id;  /* for TABLE and ROW */
} SbType;

/* What a name means to the definition being loaded. */
typedef struct {
  guint     id;        /* field id index, passed back in SbEvalScope calls */
  SbType    type;
  SbValue  *constant;  /* non-NULL for a named constant (borrowed, lives as long as the resolver's owner) */
} SbSymbol;

typedef struct {
  /* A top-level field or constant by name; FALSE when unknown. */
  gboolean (*resolve)        (gpointer     data,
                              const char  *name,
                              SbSymbol    *symbol);
  /* A column of the table @table_id; FALSE when unknown.  symbol->id is the
   * column index passed back to SbEvalScope.cell. */
  gboolean (*resolve_column) (gpointer     data,
                              guint        table_id,
                              const char  *column,
                              SbSymbol    *symbol);
  gpointer data;
} SbSymbolResolver;

/* Where evaluation reads answers.  All returned values are borrowed; NULL
 * means "not answered" (like a NULL value). */
typedef struct {
  SbValue  *(*field)      (gpointer data, guint field_id);
  guint     (*row_count)  (gpointer data, guint table_id);
  SbValue  *(*cell)       (gpointer data, guint table_id, guint row, guint column_id);
  /* TRUE when the answer to the field (or, for a table, any of its cells)
   * was present but could not be read as its type: is_invalid(). */
  gboolean  (*is_invalid) (gpointer data, guint field_id);
  /* TRUE when that cell was present but unreadable: is_invalid(row.column). */
  gboolean  (*cell_is_invalid) (gpointer data, guint table_id, guint row, guint column_id);
  /* TRUE when any answer of the form is invalid: any_invalid(). */
  gboolean  (*any_invalid)(gpointer data);
  /* For add_working_days() and friends; may be NULL (they give null then). */
  SbCalendar *calendar;
  /* Optional: called by an any(v in T: ...) that is not under a `not`, for
   * every row whose body is true, so that findings can point at rows.  When
   * set, such any() visits every row instead of stopping at the first. */
  void      (*witness)    (gpointer data, guint table_id, guint row);
  gpointer  data;
} SbEvalScope;

typedef struct _SbExpression SbExpression;

GQuark         sb_expression_error_quark (void);

SbExpression  *sb_expression_ref        (SbExpression            *self);
void           sb_expression_unref      (SbExpression            *self);

/* Parses @source; errors point at the column (1-based, in characters). */
SbExpression  *sb_expression_parse      (const char              *source,
                                         GError                 **error);
/* Resolves names and checks types.  @expected may be SB_TYPE_ANY. */
gboolean       sb_expression_check      (SbExpression            *self,
                                         const SbSymbolResolver  *resolver,
                                         SbTypeKind               expected,
                                         GError                 **error);
/* After a successful check. */
const SbType  *sb_expression_get_type   (SbExpression            *self);
const char    *sb_expression_get_source (SbExpression            *self);
/* The field ids the expression reads (top-level fields and tables), after
 * check; deduplicated, in order of first use. */
const GArray  *sb_expression_get_fields (SbExpression            *self);

/* Never fails and never crashes: anything undefined (division by zero, a
 * date out of range, a missing value) is a NULL value.  Returns a new ref. */
SbValue       *sb_expression_evaluate   (SbExpression            *self,
                                         const SbEvalScope       *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbExpression, sb_expression_unref)

G_END_DECLS
