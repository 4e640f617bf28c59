/* sb-expression-private.h — what the parts of the expression language share
 *
 * The language is one class split by concern: the lexer and parser
 * (sb-expression-parser.c) build the tree, the checker
 * (sb-expression-checker.c) resolves names and types it, the evaluator
 * (sb-expression-evaluator.c) computes it, and the built-in functions
 * (sb-expression-functions.c) are one table, each entry with its arity,
 * checker and evaluator.  sb-expression.c holds the public API.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-date.h"
#include "sb-expression.h"
#include "sb-id-number.h"

G_BEGIN_DECLS

#define MAX_SOURCE_LENGTH (64 * 1024)
#define MAX_DEPTH 64
#define MAX_VARIABLES 8
/* Rationals bigger than this are not amounts of anything: give null
 * rather than let a hostile chain of multiplications eat memory. */
#define MAX_NUMBER_BITS 4096

/* Tokens */

typedef enum {
  TOK_END,
  TOK_NUMBER,
  TOK_STRING,
  TOK_NAME,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_LBRACKET,
  TOK_RBRACKET,
  TOK_COMMA,
  TOK_DOT,
  TOK_COLON,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  TOK_EQ,
  TOK_NE,
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_IN,
  TOK_IF,
  TOK_THEN,
  TOK_ELSE,
  TOK_TRUE,
  TOK_FALSE,
  TOK_NULL,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  int        column;
  char      *text;   /* NUMBER, STRING, NAME */
} Token;

/* Nodes */

typedef enum {
  NODE_LITERAL,
  NODE_NAME,
  NODE_MEMBER,
  NODE_NEGATE,
  NODE_NOT,
  NODE_ARITH,
  NODE_COMPARE,
  NODE_IN,
  NODE_AND,
  NODE_OR,
  NODE_IF,
  NODE_LIST,
  NODE_CALL,
  NODE_COMPREHENSION,
} NodeKind;

typedef enum {
  REF_NONE,
  REF_FIELD,         /* a top-level field (or a same-row cell of a column expression) */
  REF_CONSTANT,
  REF_ROW,           /* a variable bound to a table row */
  REF_ITEM,          /* a variable bound to a list item */
  REF_CELL,          /* row_variable.column */
  REF_COLUMN_LIST,   /* table.column: the column over all rows */
} RefKind;

typedef struct _Function Function;
typedef struct _Node Node;

struct _Node
{
  NodeKind        kind;
  int             column;
  TokenKind       op;        /* ARITH, COMPARE; IN: TOK_NOT for "not in" */
  char           *name;      /* NAME, MEMBER, CALL, COMPREHENSION (the variable) */
  char           *function_name;  /* COMPREHENSION */
  SbValue        *value;     /* LITERAL, and constants once resolved */
  Node           *a, *b, *c;
  GPtrArray      *args;      /* CALL arguments, LIST items, COMPREHENSION bodies */

  /* Set by checking */
  SbType          type;
  RefKind         ref;
  guint           id;
  guint           table_id;
  guint           variable;  /* slot of a variable */
  const Function *function;
  GRegex         *regex;
};

struct _SbExpression
{
  int        ref_count;
  char      *source;
  Node      *root;
  gboolean   checked;
  GArray    *fields;
};

/* Checking context */

typedef struct
{
  const char *name;
  SbType      type;      /* ROW (table_id) or the item type */
  gboolean    is_row;
} Variable;

typedef struct
{
  const SbSymbolResolver *resolver;
  Variable                variables[MAX_VARIABLES];
  guint                   n_variables;
  GArray                 *fields;
  GError                 *error;
} Checker;

/* Evaluation context */

typedef struct
{
  gboolean  is_row;
  guint     table_id;
  guint     row;
  SbValue  *item;     /* borrowed */
} Binding;

typedef struct
{
  const SbEvalScope *scope;
  Binding            bindings[MAX_VARIABLES];
  gboolean           positive;   /* not under a `not`: any() may report witnesses */
  /* The answers cannot change during one evaluation, so a whole column
   * (table.column) is read once, and looked up by hash when `in` asks
   * about it from inside a loop over another table. */
  GHashTable        *columns;    /* Node* -> SbValue* */
  GHashTable        *text_sets;  /* Node* -> GHashTable of texts */
} Evaluator;

/* Which built-in a call is, so that evaluation switches on a number
 * rather than comparing the name at every row.  A name with both forms
 * (sum(table.col) and sum(v in T: …)) has one opcode. */
typedef enum {
  OP_IS_BLANK,
  OP_IS_INVALID,
  OP_ANY_INVALID,
  OP_LEN,
  OP_CONTAINS,
  OP_STARTS_WITH,
  OP_ENDS_WITH,
  OP_CONTAINS_ANY,
  OP_STARTS_WITH_ANY,
  OP_MATCHES,
  OP_REPLACE,
  OP_REPLACE_ANY,
  OP_SPLIT,
  OP_SUBSET,
  OP_COUNT,
  OP_SUM,
  OP_MIN,
  OP_MAX,
  OP_ABS,
  OP_FLOOR,
  OP_CEIL,
  OP_ROUND,
  OP_DATE,
  OP_TIME,
  OP_YEAR,
  OP_MONTH,
  OP_DAY,
  OP_WEEKDAY,
  OP_ADD_DAYS,
  OP_ADD_MONTHS,
  OP_ADD_YEARS,
  OP_ADD_WORKING_DAYS,
  OP_WORKING_DAYS_BETWEEN,
  OP_YEARS_BETWEEN,
  OP_AGE_ON,
  OP_PERIOD_YEARS,
  OP_PERIOD_MONTHS,
  OP_OVERLAPS,
  OP_ID_BIRTH_DATE,
  OP_ANY,
  OP_ALL,
  OP_PEAK_SUM,
  OP_COVERED_DAYS,
  OP_COVERED_YEARS,
} FunctionOp;

typedef gboolean (*CheckFunc) (Checker *checker, Node *node);
typedef SbValue *(*EvalFunc)  (Evaluator *evaluator, Node *node);

struct _Function
{
  const char *name;
  FunctionOp  op;
  int         min_args;
  int         max_args;       /* -1: any number */
  gboolean    comprehension;  /* takes the v in T: … form */
  CheckFunc   check;
  EvalFunc    eval;
};

/* ---- Shared between the parts ---- */

/* The parser (sb-expression-parser.c) */
Node           *sb_expr_parse (const char *source, GError **error);
void sb_expr_node_free (Node *node);

/* The checker (sb-expression-checker.c), with the checkers of the built-ins that the table names */
Node *sb_expr_arg (Node *node, guint index);
gboolean sb_expr_check_aggregate (Checker *checker, Node *node);
gboolean sb_expr_check_any_invalid (Checker *checker, Node *node);
gboolean sb_expr_check_covered_days (Checker *checker, Node *node);
gboolean sb_expr_check_date (Checker *checker, Node *node);
gboolean sb_expr_check_date_pair (Checker *checker, Node *node);
gboolean sb_expr_check_date_part (Checker *checker, Node *node);
gboolean sb_expr_check_date_shift (Checker *checker, Node *node);
gboolean sb_expr_check_fold (Checker *checker, Node *node);
gboolean sb_expr_check_id_birth_date (Checker *checker, Node *node);
gboolean sb_expr_check_is_blank (Checker *checker, Node *node);
gboolean sb_expr_check_is_invalid (Checker *checker, Node *node);
gboolean sb_expr_check_len (Checker *checker, Node *node);
gboolean sb_expr_check_matches (Checker *checker, Node *node);
gboolean sb_expr_check_node (Checker *checker, Node *node);
gboolean sb_expr_check_number_unary (Checker *checker, Node *node);
gboolean sb_expr_check_overlaps (Checker *checker, Node *node);
gboolean sb_expr_check_peak_sum (Checker *checker, Node *node);
gboolean sb_expr_check_quantifier (Checker *checker, Node *node);
gboolean sb_expr_check_replace (Checker *checker, Node *node);
gboolean sb_expr_check_replace_any (Checker *checker, Node *node);
gboolean sb_expr_check_round (Checker *checker, Node *node);
gboolean sb_expr_check_split (Checker *checker, Node *node);
gboolean sb_expr_check_subset (Checker *checker, Node *node);
gboolean sb_expr_check_text_list (Checker *checker, Node *node);
gboolean sb_expr_check_text_text (Checker *checker, Node *node);
gboolean sb_expr_check_time (Checker *checker, Node *node);
gboolean sb_expr_expect_kind (Checker *checker, Node *node, SbTypeKind kind, const char *what);
gboolean sb_expr_expect_value (Checker *checker, Node *node);
void sb_expr_set_type (Node *node, SbTypeKind kind);

/* The evaluator (sb-expression-evaluator.c) and the value helpers the built-ins share */
int sb_expr_compare_values (SbValue *a, SbValue *b);
SbValue *sb_expr_evaluate (Evaluator *evaluator, Node *node);
gboolean sb_expr_get_integer (SbValue *value, gint64 *out);
gboolean sb_expr_get_ordinal (SbValue *value, gint64 *out);
gboolean sb_expr_is_blank_value (SbValue *value);
gboolean sb_expr_is_null (SbValue *value);
SbValue *sb_expr_null_value (void);
SbValue *sb_expr_number_or_null (mpq_t q);

/* The built-in functions (sb-expression-functions.c) */
gboolean sb_expr_list_contains (SbValue *list, SbValue *value);
const Function *sb_expr_lookup_function (const char *name, gboolean comprehension);

G_END_DECLS
