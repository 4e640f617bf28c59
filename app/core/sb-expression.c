/* sb-expression.c — the expression language of form definitions
 *
 * A hand-written recursive-descent parser builds a small tree; checking
 * resolves every name to an id and gives every node a static type, so that
 * evaluation only follows pointers and reads arrays.  Evaluation never
 * fails: whatever is undefined (a missing answer, a division by zero, a
 * number grown absurdly large) is null, and null flows through the Kleene
 * logic of and/or/not.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-expression"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-expression.h"
#include "sb-id-number.h"

#define MAX_SOURCE_LENGTH (64 * 1024)
#define MAX_DEPTH 64
#define MAX_VARIABLES 8
/* Rationals bigger than this are not amounts of anything: give null
 * rather than let a hostile chain of multiplications eat memory. */
#define MAX_NUMBER_BITS 4096

G_DEFINE_QUARK (sb-expression-error-quark, sb_expression_error)

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

typedef gboolean (*CheckFunc) (Checker *checker, Node *node);
typedef SbValue *(*EvalFunc)  (Evaluator *evaluator, Node *node);

struct _Function
{
  const char *name;
  int         min_args;
  int         max_args;       /* -1: any number */
  gboolean    comprehension;  /* takes the v in T: … form */
  CheckFunc   check;
  EvalFunc    eval;
};

static SbValue *evaluate (Evaluator *evaluator, Node *node);
static GHashTable *column_text_set (Evaluator *evaluator, Node *node, SbValue *list);
static gboolean check_node (Checker *checker, Node *node);

/* ------------------------------------------------------------------ */
/* Auxiliary: nodes and types                                           */

static void
node_free (Node *node)
{
  if (node == NULL)
    return;

  g_free (node->name);
  g_free (node->function_name);
  g_clear_pointer (&node->value, sb_value_unref);
  node_free (node->a);
  node_free (node->b);
  node_free (node->c);
  g_clear_pointer (&node->args, g_ptr_array_unref);
  g_clear_pointer (&node->regex, g_regex_unref);
  g_free (node);
}

static Node *
node_new (NodeKind kind,
          int      column)
{
  Node *node = g_new0 (Node, 1);

  node->kind = kind;
  node->column = column;
  return node;
}

static const char *
type_name (SbTypeKind kind)
{
  switch (kind)
    {
    case SB_TYPE_ANY:
      return "null";
    case SB_TYPE_BOOL:
      return "a yes/no value";
    case SB_TYPE_NUMBER:
      return "a number";
    case SB_TYPE_TEXT:
      return "text";
    case SB_TYPE_DATE:
      return "a date";
    case SB_TYPE_TIME:
      return "a time";
    case SB_TYPE_LIST:
      return "a list";
    case SB_TYPE_FILES:
      return "attached files";
    case SB_TYPE_TABLE:
      return "a table";
    case SB_TYPE_ROW:
      return "a table row";
    default:
      return "a value";
    }
}

static char *
describe_type (const SbType *type)
{
  if (type->kind == SB_TYPE_NUMBER && type->unit != NULL)
    return g_strdup_printf ("a number (%s)", type->unit);
  if (type->kind == SB_TYPE_LIST)
    return g_strdup_printf ("a list of %s", type_name (type->element));
  return g_strdup (type_name (type->kind));
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (Checker    *checker,
      int         column,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (checker->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  checker->error = g_error_new (SB_EXPRESSION_ERROR, code, "column %d: %s", column, message);
  return FALSE;
}

static void
set_type (Node       *node,
          SbTypeKind  kind)
{
  memset (&node->type, 0, sizeof node->type);
  node->type.kind = kind;
}

static gboolean
units_compatible (const char *a,
                  const char *b)
{
  return a == NULL || b == NULL || g_str_equal (a, b);
}

/* A literal text compared with a choice field must be one of its options. */
static gboolean
check_choice_literal (Checker            *checker,
                      Node               *literal,
                      const char * const *choices)
{
  const char *text;

  if (choices == NULL || literal->kind != NODE_LITERAL || sb_value_get_kind (literal->value) != SB_VALUE_TEXT)
    return TRUE;

  text = sb_value_get_text (literal->value);
  if (g_strv_contains (choices, text))
    return TRUE;

  {
    g_autofree char *options = g_strjoinv ("', '", (char **) choices);
    return fail (checker, literal->column, SB_EXPRESSION_ERROR_TYPE,
                 "'%s' is not one of the options ('%s')", text, options);
  }
}

static gboolean
check_choice_list_literal (Checker            *checker,
                           Node               *list,
                           const char * const *choices)
{
  if (choices == NULL || list->kind != NODE_LIST)
    return TRUE;

  for (guint i = 0; i < list->args->len; i++)
    if (!check_choice_literal (checker, g_ptr_array_index (list->args, i), choices))
      return FALSE;
  return TRUE;
}

static gboolean
expect_kind (Checker    *checker,
             Node       *node,
             SbTypeKind  kind,
             const char *what)
{
  if (node->type.kind == kind || node->type.kind == SB_TYPE_ANY)
    return TRUE;

  {
    g_autofree char *found = describe_type (&node->type);
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s needs %s, not %s", what, type_name (kind), found);
  }
}

/* Tables are not values: they appear only where a function takes them. */
static gboolean
expect_value (Checker *checker,
              Node    *node)
{
  if (node->type.kind == SB_TYPE_TABLE || node->type.kind == SB_TYPE_ROW)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE,
                 "%s cannot be used as a value here", type_name (node->type.kind));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Auxiliary: values                                                    */

static SbValue *
null_value (void)
{
  return sb_value_new_null ();
}

static gboolean
is_null (SbValue *value)
{
  return sb_value_is_null (value);
}

static SbValue *
number_or_null (mpq_t q)
{
  if (mpz_sizeinbase (mpq_numref (q), 2) > MAX_NUMBER_BITS ||
      mpz_sizeinbase (mpq_denref (q), 2) > MAX_NUMBER_BITS)
    return null_value ();
  return sb_value_new_number (q);
}

/* The value of @value as a machine integer, if it is a whole number of
 * reasonable size. */
static gboolean
get_integer (SbValue *value,
             gint64  *out)
{
  const __mpq_struct *q;

  if (sb_value_get_kind (value) != SB_VALUE_NUMBER)
    return FALSE;

  q = sb_value_get_number (value);
  if (mpz_cmp_ui (mpq_denref (q), 1) != 0 || !mpz_fits_slong_p (mpq_numref (q)))
    return FALSE;

  *out = mpz_get_si (mpq_numref (q));
  return TRUE;
}

/* Dates, times and numbers as one ordered scale, for intervals. */
static gboolean
get_ordinal (SbValue *value,
             gint64  *out)
{
  switch (sb_value_get_kind (value))
    {
    case SB_VALUE_DATE:
      *out = sb_value_get_date (value);
      return TRUE;
    case SB_VALUE_TIME:
      *out = sb_value_get_time (value);
      return TRUE;
    case SB_VALUE_NUMBER:
      return get_integer (value, out);
    default:
      return FALSE;
    }
}

static int
compare_values (SbValue *a,
                SbValue *b)
{
  switch (sb_value_get_kind (a))
    {
    case SB_VALUE_NUMBER:
      return mpq_cmp (sb_value_get_number (a), sb_value_get_number (b));
    case SB_VALUE_DATE:
      return (sb_value_get_date (a) > sb_value_get_date (b)) - (sb_value_get_date (a) < sb_value_get_date (b));
    case SB_VALUE_TIME:
      return (sb_value_get_time (a) > sb_value_get_time (b)) - (sb_value_get_time (a) < sb_value_get_time (b));
    case SB_VALUE_TEXT:
      return g_strcmp0 (sb_value_get_text (a), sb_value_get_text (b));
    case SB_VALUE_BOOL:
      return (int) sb_value_get_bool (a) - (int) sb_value_get_bool (b);
    default:
      return 0;
    }
}

static gboolean
is_blank_value (SbValue *value)
{
  switch (sb_value_get_kind (value))
    {
    case SB_VALUE_NULL:
      return TRUE;
    case SB_VALUE_TEXT:
      for (const char *p = sb_value_get_text (value); *p; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
      return TRUE;
    case SB_VALUE_LIST:
    case SB_VALUE_FILES:
      return sb_value_get_length (value) == 0;
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------ */
/* Lexer                                                                */

static void
token_clear (Token *token)
{
  g_free (token->text);
}

static const struct { const char *word; TokenKind kind; } keywords[] = {
  { "and", TOK_AND }, { "or", TOK_OR }, { "not", TOK_NOT }, { "in", TOK_IN },
  { "if", TOK_IF }, { "then", TOK_THEN }, { "else", TOK_ELSE },
  { "true", TOK_TRUE }, { "false", TOK_FALSE }, { "null", TOK_NULL },
};

static GArray *
tokenize (const char  *source,
          GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = source;
  int column = 1;

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);

  while (TRUE)
    {
      Token token = { TOK_END, column, NULL };
      gunichar c;

      while (*p && g_unichar_isspace (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          column++;
        }

      token.column = column;
      if (*p == '\0')
        {
          g_array_append_val (tokens, token);
          break;
        }

      c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          const char *start = p;

          while (g_ascii_isdigit (*p))
            p++;
          if (*p == '.' && g_ascii_isdigit (p[1]))
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
          /* 50_000_000 is easier to read; the underscores mean nothing. */
          while (*p == '_' && g_ascii_isdigit (p[1]))
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
          token.kind = TOK_NUMBER;
          token.text = g_strndup (start, p - start);
          column += p - start;
          {
            GString *clean = g_string_new (NULL);

            for (const char *q = token.text; *q; q++)
              if (*q != '_')
                g_string_append_c (clean, *q);
            g_free (token.text);
            token.text = g_string_free (clean, FALSE);
          }
        }
      else if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          GString *text = g_string_new (NULL);

          p++;
          column++;
          while (*p && *p != quote)
            {
              if (*p == '\\' && (p[1] == quote || p[1] == '\\' || p[1] == '\'' || p[1] == '"'))
                {
                  p++;
                  column++;
                }
              {
                const char *next = g_utf8_next_char (p);
                g_string_append_len (text, p, next - p);
                p = next;
                column++;
              }
            }
          if (*p != quote)
            {
              g_string_free (text, TRUE);
              g_set_error (error, SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_SYNTAX,
                           "column %d: the text is not closed with %c", token.column, quote);
              return NULL;
            }
          p++;
          column++;
          token.kind = TOK_STRING;
          token.text = g_string_free (text, FALSE);
        }
      else if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *start = p;

          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          token.kind = TOK_NAME;
          token.text = g_strndup (start, p - start);
          column += p - start;
          for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
            if (g_str_equal (keywords[i].word, token.text))
              {
                token.kind = keywords[i].kind;
                g_clear_pointer (&token.text, g_free);
                break;
              }
        }
      else
        {
          int length = 1;

          switch (*p)
            {
            case '(': token.kind = TOK_LPAREN; break;
            case ')': token.kind = TOK_RPAREN; break;
            case '[': token.kind = TOK_LBRACKET; break;
            case ']': token.kind = TOK_RBRACKET; break;
            case ',': token.kind = TOK_COMMA; break;
            case '.': token.kind = TOK_DOT; break;
            case ':': token.kind = TOK_COLON; break;
            case '+': token.kind = TOK_PLUS; break;
            case '-': token.kind = TOK_MINUS; break;
            case '*': token.kind = TOK_STAR; break;
            case '/': token.kind = TOK_SLASH; break;
            case '=':
              if (p[1] != '=')
                goto unexpected;
              token.kind = TOK_EQ;
              length = 2;
              break;
            case '!':
              if (p[1] != '=')
                goto unexpected;
              token.kind = TOK_NE;
              length = 2;
              break;
            case '<':
              token.kind = p[1] == '=' ? TOK_LE : TOK_LT;
              length = p[1] == '=' ? 2 : 1;
              break;
            case '>':
              token.kind = p[1] == '=' ? TOK_GE : TOK_GT;
              length = p[1] == '=' ? 2 : 1;
              break;
            default:
              goto unexpected;
            }
          p += length;
          column += length;
        }

      g_array_append_val (tokens, token);
      continue;

unexpected:
      {
        char buffer[8] = { 0 };

        g_unichar_to_utf8 (c, buffer);
        g_set_error (error, SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_SYNTAX,
                     "column %d: unexpected '%s'", column, buffer);
        return NULL;
      }
    }

  return g_steal_pointer (&tokens);
}

/* ------------------------------------------------------------------ */
/* Parser                                                               */

typedef struct
{
  GArray  *tokens;
  guint    position;
  guint    depth;
  GError  *error;
} Parser;

static Node *parse_expression (Parser *parser);

static Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->position);
}

static Token *
peek_at (Parser *parser,
         guint   offset)
{
  guint index = MIN (parser->position + offset, parser->tokens->len - 1);

  return &g_array_index (parser->tokens, Token, index);
}

static Token *
advance (Parser *parser)
{
  Token *token = peek (parser);

  if (token->kind != TOK_END)
    parser->position++;
  return token;
}

static const char *
token_text (Token *token)
{
  switch (token->kind)
    {
    case TOK_END: return "the end";
    case TOK_NUMBER:
    case TOK_NAME: return token->text;
    case TOK_STRING: return "a text";
    case TOK_LPAREN: return "'('";
    case TOK_RPAREN: return "')'";
    case TOK_LBRACKET: return "'['";
    case TOK_RBRACKET: return "']'";
    case TOK_COMMA: return "','";
    case TOK_DOT: return "'.'";
    case TOK_COLON: return "':'";
    case TOK_PLUS: return "'+'";
    case TOK_MINUS: return "'-'";
    case TOK_STAR: return "'*'";
    case TOK_SLASH: return "'/'";
    case TOK_EQ: return "'=='";
    case TOK_NE: return "'!='";
    case TOK_LT: return "'<'";
    case TOK_LE: return "'<='";
    case TOK_GT: return "'>'";
    case TOK_GE: return "'>='";
    case TOK_AND: return "'and'";
    case TOK_OR: return "'or'";
    case TOK_NOT: return "'not'";
    case TOK_IN: return "'in'";
    case TOK_IF: return "'if'";
    case TOK_THEN: return "'then'";
    case TOK_ELSE: return "'else'";
    case TOK_TRUE: return "'true'";
    case TOK_FALSE: return "'false'";
    case TOK_NULL: return "'null'";
    default: return "a token";
    }
}

static Node *
syntax_error (Parser     *parser,
              Token      *token,
              const char *expected)
{
  if (parser->error == NULL)
    parser->error = g_error_new (SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_SYNTAX,
                                 "column %d: expected %s, found %s", token->column, expected, token_text (token));
  return NULL;
}

static gboolean
expect (Parser     *parser,
        TokenKind   kind,
        const char *what)
{
  if (peek (parser)->kind != kind)
    {
      syntax_error (parser, peek (parser), what);
      return FALSE;
    }
  advance (parser);
  return TRUE;
}

static gboolean
enter (Parser *parser)
{
  if (++parser->depth > MAX_DEPTH)
    {
      if (parser->error == NULL)
        parser->error = g_error_new (SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_TOO_COMPLEX,
                                     "column %d: the expression is nested more than %d levels deep",
                                     peek (parser)->column, MAX_DEPTH);
      return FALSE;
    }
  return TRUE;
}

static Node *
parse_arguments (Parser *parser,
                 Node   *call)
{
  call->args = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);

  /* name(v in T: body, …) */
  if (peek (parser)->kind == TOK_NAME && peek_at (parser, 1)->kind == TOK_IN)
    {
      call->kind = NODE_COMPREHENSION;
      call->function_name = g_steal_pointer (&call->name);
      call->name = g_strdup (advance (parser)->text);
      advance (parser);
      call->a = parse_expression (parser);
      if (call->a == NULL)
        return NULL;

      if (peek (parser)->kind == TOK_COLON)
        {
          advance (parser);
          do
            {
              Node *body = parse_expression (parser);

              if (body == NULL)
                return NULL;
              g_ptr_array_add (call->args, body);
            }
          while (peek (parser)->kind == TOK_COMMA && advance (parser));
        }

      if (!expect (parser, TOK_RPAREN, "')'"))
        return NULL;
      return call;
    }

  if (peek (parser)->kind != TOK_RPAREN)
    {
      do
        {
          Node *argument = parse_expression (parser);

          if (argument == NULL)
            return NULL;
          g_ptr_array_add (call->args, argument);
        }
      while (peek (parser)->kind == TOK_COMMA && advance (parser));
    }

  if (!expect (parser, TOK_RPAREN, "')' or ','"))
    return NULL;
  return call;
}

static Node *
parse_primary (Parser *parser)
{
  Token *token = peek (parser);
  Node *node;

  switch (token->kind)
    {
    case TOK_NUMBER:
      {
        mpq_t q;

        advance (parser);
        mpq_init (q);
        if (!sb_decimal_parse (token->text, q))
          {
            mpq_clear (q);
            return syntax_error (parser, token, "a number of at most 64 digits");
          }
        node = node_new (NODE_LITERAL, token->column);
        node->value = sb_value_new_number (q);
        mpq_clear (q);
        set_type (node, SB_TYPE_NUMBER);
        return node;
      }

    case TOK_STRING:
      advance (parser);
      node = node_new (NODE_LITERAL, token->column);
      node->value = sb_value_new_text (token->text);
      set_type (node, SB_TYPE_TEXT);
      return node;

    case TOK_TRUE:
    case TOK_FALSE:
      advance (parser);
      node = node_new (NODE_LITERAL, token->column);
      node->value = sb_value_new_bool (token->kind == TOK_TRUE);
      set_type (node, SB_TYPE_BOOL);
      return node;

    case TOK_NULL:
      advance (parser);
      node = node_new (NODE_LITERAL, token->column);
      node->value = sb_value_new_null ();
      set_type (node, SB_TYPE_ANY);
      return node;

    case TOK_NAME:
      advance (parser);
      node = node_new (NODE_NAME, token->column);
      node->name = g_strdup (token->text);
      if (peek (parser)->kind == TOK_LPAREN)
        {
          advance (parser);
          node->kind = NODE_CALL;
          if (parse_arguments (parser, node) == NULL)
            {
              node_free (node);
              return NULL;
            }
        }
      return node;

    case TOK_LPAREN:
      advance (parser);
      node = parse_expression (parser);
      if (node == NULL)
        return NULL;
      if (!expect (parser, TOK_RPAREN, "')'"))
        {
          node_free (node);
          return NULL;
        }
      return node;

    case TOK_LBRACKET:
      advance (parser);
      node = node_new (NODE_LIST, token->column);
      node->args = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
      if (peek (parser)->kind != TOK_RBRACKET)
        {
          do
            {
              Node *item = parse_expression (parser);

              if (item == NULL)
                {
                  node_free (node);
                  return NULL;
                }
              g_ptr_array_add (node->args, item);
            }
          while (peek (parser)->kind == TOK_COMMA && advance (parser));
        }
      if (!expect (parser, TOK_RBRACKET, "']' or ','"))
        {
          node_free (node);
          return NULL;
        }
      return node;

    default:
      return syntax_error (parser, token, "a value, a name or '('");
    }
}

static Node *
parse_postfix (Parser *parser)
{
  Node *node = parse_primary (parser);

  while (node != NULL && peek (parser)->kind == TOK_DOT)
    {
      Token *dot = advance (parser);
      Node *member;

      if (peek (parser)->kind != TOK_NAME)
        {
          node_free (node);
          return syntax_error (parser, peek (parser), "a column name after '.'");
        }
      member = node_new (NODE_MEMBER, dot->column);
      member->a = node;
      member->name = g_strdup (advance (parser)->text);
      node = member;
    }

  return node;
}

static Node *
parse_unary (Parser *parser)
{
  if (peek (parser)->kind == TOK_MINUS)
    {
      Token *token = advance (parser);
      Node *node;

      if (!enter (parser))
        return NULL;
      node = node_new (NODE_NEGATE, token->column);
      node->a = parse_unary (parser);
      parser->depth--;
      if (node->a == NULL)
        {
          node_free (node);
          return NULL;
        }
      return node;
    }

  return parse_postfix (parser);
}

static Node *
parse_binary_level (Parser          *parser,
                    Node          *(*operand) (Parser *),
                    const TokenKind *ops,
                    guint            n_ops,
                    NodeKind         kind)
{
  Node *left = operand (parser);

  while (left != NULL)
    {
      TokenKind op = peek (parser)->kind;
      gboolean matched = FALSE;
      Node *node;

      for (guint i = 0; i < n_ops; i++)
        matched |= ops[i] == op;
      if (!matched)
        break;

      node = node_new (kind, peek (parser)->column);
      node->op = op;
      advance (parser);
      node->a = left;
      node->b = operand (parser);
      if (node->b == NULL)
        {
          node_free (node);
          return NULL;
        }
      left = node;
    }

  return left;
}

static Node *
parse_product (Parser *parser)
{
  static const TokenKind ops[] = { TOK_STAR, TOK_SLASH };
  return parse_binary_level (parser, parse_unary, ops, G_N_ELEMENTS (ops), NODE_ARITH);
}

static Node *
parse_sum (Parser *parser)
{
  static const TokenKind ops[] = { TOK_PLUS, TOK_MINUS };
  return parse_binary_level (parser, parse_product, ops, G_N_ELEMENTS (ops), NODE_ARITH);
}

static Node *
parse_comparison (Parser *parser)
{
  Node *left = parse_sum (parser);
  Token *token;
  Node *node;

  if (left == NULL)
    return NULL;

  token = peek (parser);
  switch (token->kind)
    {
    case TOK_EQ:
    case TOK_NE:
    case TOK_LT:
    case TOK_LE:
    case TOK_GT:
    case TOK_GE:
      node = node_new (NODE_COMPARE, token->column);
      node->op = token->kind;
      advance (parser);
      break;
    case TOK_IN:
      node = node_new (NODE_IN, token->column);
      advance (parser);
      break;
    case TOK_NOT:
      if (peek_at (parser, 1)->kind != TOK_IN)
        return left;
      node = node_new (NODE_IN, token->column);
      node->op = TOK_NOT;
      advance (parser);
      advance (parser);
      break;
    default:
      return left;
    }

  node->a = left;
  node->b = parse_sum (parser);
  if (node->b == NULL)
    {
      node_free (node);
      return NULL;
    }

  switch (peek (parser)->kind)
    {
    case TOK_EQ:
    case TOK_NE:
    case TOK_LT:
    case TOK_LE:
    case TOK_GT:
    case TOK_GE:
    case TOK_IN:
      syntax_error (parser, peek (parser), "'and', 'or' or ')' (comparisons do not chain)");
      node_free (node);
      return NULL;
    default:
      return node;
    }
}

static Node *
parse_not (Parser *parser)
{
  if (peek (parser)->kind == TOK_NOT)
    {
      Token *token = advance (parser);
      Node *node;

      if (!enter (parser))
        return NULL;
      node = node_new (NODE_NOT, token->column);
      node->a = parse_not (parser);
      parser->depth--;
      if (node->a == NULL)
        {
          node_free (node);
          return NULL;
        }
      return node;
    }

  return parse_comparison (parser);
}

static Node *
parse_and (Parser *parser)
{
  static const TokenKind ops[] = { TOK_AND };
  return parse_binary_level (parser, parse_not, ops, 1, NODE_AND);
}

static Node *
parse_or (Parser *parser)
{
  static const TokenKind ops[] = { TOK_OR };
  return parse_binary_level (parser, parse_and, ops, 1, NODE_OR);
}

static Node *
parse_expression (Parser *parser)
{
  Node *node;

  if (!enter (parser))
    return NULL;

  if (peek (parser)->kind == TOK_IF)
    {
      Token *token = advance (parser);

      node = node_new (NODE_IF, token->column);
      if ((node->a = parse_expression (parser)) == NULL ||
          !expect (parser, TOK_THEN, "'then'") ||
          (node->b = parse_expression (parser)) == NULL ||
          !expect (parser, TOK_ELSE, "'else'") ||
          (node->c = parse_expression (parser)) == NULL)
        {
          node_free (node);
          node = NULL;
        }
    }
  else
    {
      node = parse_or (parser);
    }

  parser->depth--;
  return node;
}

/* ------------------------------------------------------------------ */
/* Functions: checking                                                  */

static Node *
arg (Node  *node,
     guint  index)
{
  return g_ptr_array_index (node->args, index);
}

static gboolean
check_args_kinds (Checker          *checker,
                  Node             *node,
                  const SbTypeKind *kinds,
                  guint             n)
{
  for (guint i = 0; i < node->args->len && i < n; i++)
    {
      g_autofree char *what = g_strdup_printf ("argument %u of %s()", i + 1, node->name);

      if (!expect_value (checker, arg (node, i)) || !expect_kind (checker, arg (node, i), kinds[i], what))
        return FALSE;
    }
  return TRUE;
}

#define CHECK_ARGS(...) \
  G_STMT_START { \
    static const SbTypeKind kinds_[] = { __VA_ARGS__ }; \
    if (!check_args_kinds (checker, node, kinds_, G_N_ELEMENTS (kinds_))) \
      return FALSE; \
  } G_STMT_END

static gboolean
check_is_blank (Checker *checker,
                Node    *node)
{
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_is_invalid (Checker *checker,
                  Node    *node)
{
  Node *target = arg (node, 0);

  if (!(target->kind == NODE_NAME && target->ref == REF_FIELD) && !(target->kind == NODE_MEMBER && target->ref == REF_CELL))
    return fail (checker, target->column, SB_EXPRESSION_ERROR_TYPE, "is_invalid() takes the name of a field or row.column");
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_any_invalid (Checker *checker,
                   Node    *node)
{
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_len (Checker *checker,
           Node    *node)
{
  SbTypeKind kind = arg (node, 0)->type.kind;

  if (kind != SB_TYPE_TEXT && kind != SB_TYPE_LIST && kind != SB_TYPE_FILES && kind != SB_TYPE_TABLE &&
      kind != SB_TYPE_ANY)
    return fail (checker, arg (node, 0)->column, SB_EXPRESSION_ERROR_TYPE,
                 "%s() takes text, a list, files or a table, not %s", node->name, type_name (kind));
  set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

static gboolean
check_text_text (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_TEXT);
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_text_list (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_LIST);
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_matches (Checker *checker,
               Node    *node)
{
  Node *pattern = arg (node, 1);
  g_autoptr(GError) error = NULL;

  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_TEXT);
  if (pattern->kind != NODE_LITERAL || sb_value_get_kind (pattern->value) != SB_VALUE_TEXT)
    return fail (checker, pattern->column, SB_EXPRESSION_ERROR_TYPE, "the pattern of matches() must be a literal text");

  node->regex = g_regex_new (sb_value_get_text (pattern->value), G_REGEX_OPTIMIZE, 0, &error);
  if (node->regex == NULL)
    return fail (checker, pattern->column, SB_EXPRESSION_ERROR_TYPE, "invalid pattern: %s", error->message);

  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_replace (Checker *checker,
               Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_TEXT, SB_TYPE_TEXT);
  set_type (node, SB_TYPE_TEXT);
  return TRUE;
}

static gboolean
check_split (Checker *checker,
             Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT);
  set_type (node, SB_TYPE_LIST);
  node->type.element = SB_TYPE_TEXT;
  return TRUE;
}

static gboolean
check_subset (Checker *checker,
              Node    *node)
{
  CHECK_ARGS (SB_TYPE_LIST, SB_TYPE_LIST);
  if (!check_choice_list_literal (checker, arg (node, 0), arg (node, 1)->type.choices) ||
      !check_choice_list_literal (checker, arg (node, 1), arg (node, 0)->type.choices))
    return FALSE;
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

/* count(x), sum(list), min(list…), max(list…) */
static gboolean
check_aggregate (Checker *checker,
                 Node    *node)
{
  gboolean is_count = g_str_equal (node->name, "count");
  gboolean is_sum = g_str_equal (node->name, "sum");
  Node *first = arg (node, 0);

  if (is_count)
    {
      if (node->args->len != 1)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "count() takes one argument");
      return check_len (checker, node);
    }

  if (node->args->len == 1)
    {
      SbTypeKind element;

      if (first->type.kind != SB_TYPE_LIST && first->type.kind != SB_TYPE_ANY)
        return fail (checker, first->column, SB_EXPRESSION_ERROR_TYPE,
                     "%s() of one argument takes a list (or write %s(v in table: …))", node->name, node->name);
      element = first->type.kind == SB_TYPE_ANY ? SB_TYPE_NUMBER : first->type.element;
      if (is_sum && element != SB_TYPE_NUMBER)
        return fail (checker, first->column, SB_EXPRESSION_ERROR_TYPE, "sum() adds numbers, not %s", type_name (element));
      if (element != SB_TYPE_NUMBER && element != SB_TYPE_DATE && element != SB_TYPE_TIME && element != SB_TYPE_TEXT)
        return fail (checker, first->column, SB_EXPRESSION_ERROR_TYPE, "%s() cannot order %s", node->name, type_name (element));
      set_type (node, element);
      node->type.unit = first->type.unit;
      return TRUE;
    }

  if (is_sum)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "sum() takes one list");

  /* min(a, b, …) */
  node->type = first->type;
  for (guint i = 0; i < node->args->len; i++)
    {
      Node *item = arg (node, i);

      if (!expect_value (checker, item))
        return FALSE;
      if (node->type.kind == SB_TYPE_ANY)
        node->type = item->type;
      else if (item->type.kind != SB_TYPE_ANY &&
               (item->type.kind != node->type.kind || !units_compatible (item->type.unit, node->type.unit)))
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "%s() compares values of one type", node->name);
      if (node->type.unit == NULL)
        node->type.unit = item->type.unit;
    }
  if (node->type.kind != SB_TYPE_NUMBER && node->type.kind != SB_TYPE_DATE && node->type.kind != SB_TYPE_TIME &&
      node->type.kind != SB_TYPE_ANY)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s() cannot order %s", node->name,
                 type_name (node->type.kind));
  node->type.choices = NULL;
  return TRUE;
}

static gboolean
check_number_unary (Checker *checker,
                    Node    *node)
{
  CHECK_ARGS (SB_TYPE_NUMBER);
  node->type = arg (node, 0)->type;
  node->type.kind = SB_TYPE_NUMBER;
  return TRUE;
}

static gboolean
check_round (Checker *checker,
             Node    *node)
{
  Node *digits = arg (node, 1);
  gint64 n;

  CHECK_ARGS (SB_TYPE_NUMBER, SB_TYPE_NUMBER);
  if (digits->kind != NODE_LITERAL || !get_integer (digits->value, &n) || n < 0 || n > 12)
    return fail (checker, digits->column, SB_EXPRESSION_ERROR_TYPE, "round() takes a whole number of digits 0 to 12");
  node->type = arg (node, 0)->type;
  node->type.kind = SB_TYPE_NUMBER;
  return TRUE;
}

static gboolean
check_date (Checker *checker,
            Node    *node)
{
  if (node->args->len == 1)
    {
      Node *text = arg (node, 0);
      gint32 julian_day;

      CHECK_ARGS (SB_TYPE_TEXT);
      if (text->kind == NODE_LITERAL && sb_value_get_kind (text->value) == SB_VALUE_TEXT &&
          !sb_date_parse (sb_value_get_text (text->value), &julian_day))
        return fail (checker, text->column, SB_EXPRESSION_ERROR_TYPE, "'%s' is not a date (YYYY-MM-DD)",
                     sb_value_get_text (text->value));
    }
  else if (node->args->len == 3)
    CHECK_ARGS (SB_TYPE_NUMBER, SB_TYPE_NUMBER, SB_TYPE_NUMBER);
  else
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "date() takes 'YYYY-MM-DD' or year, month, day");

  set_type (node, SB_TYPE_DATE);
  return TRUE;
}

static gboolean
check_time (Checker *checker,
            Node    *node)
{
  if (node->args->len == 1)
    {
      Node *text = arg (node, 0);
      int minutes;

      CHECK_ARGS (SB_TYPE_TEXT);
      if (text->kind == NODE_LITERAL && sb_value_get_kind (text->value) == SB_VALUE_TEXT &&
          !sb_time_parse (sb_value_get_text (text->value), &minutes))
        return fail (checker, text->column, SB_EXPRESSION_ERROR_TYPE, "'%s' is not a time (HH:MM)",
                     sb_value_get_text (text->value));
    }
  else if (node->args->len == 2)
    CHECK_ARGS (SB_TYPE_NUMBER, SB_TYPE_NUMBER);
  else
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "time() takes 'HH:MM' or hour, minute");

  set_type (node, SB_TYPE_TIME);
  return TRUE;
}

static gboolean
check_date_part (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_DATE);
  set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

static gboolean
check_date_shift (Checker *checker,
                  Node    *node)
{
  CHECK_ARGS (SB_TYPE_DATE, SB_TYPE_NUMBER);
  set_type (node, SB_TYPE_DATE);
  return TRUE;
}

static gboolean
check_date_pair (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_DATE, SB_TYPE_DATE);
  set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

static gboolean
check_overlaps (Checker *checker,
                Node    *node)
{
  SbTypeKind kind = SB_TYPE_ANY;

  for (guint i = 0; i < 4; i++)
    {
      Node *item = arg (node, i);

      if (!expect_value (checker, item))
        return FALSE;
      if (item->type.kind == SB_TYPE_ANY)
        continue;
      if (item->type.kind != SB_TYPE_DATE && item->type.kind != SB_TYPE_TIME && item->type.kind != SB_TYPE_NUMBER)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "overlaps() takes dates, times or numbers");
      if (kind != SB_TYPE_ANY && kind != item->type.kind)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "overlaps() takes four values of one type");
      kind = item->type.kind;
    }
  set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_id_birth_date (Checker *checker,
                     Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT);
  set_type (node, SB_TYPE_DATE);
  return TRUE;
}

/* Comprehensions: the variable is bound before the bodies are checked. */

static gboolean
check_bodies_count (Checker *checker,
                    Node    *node,
                    guint    min,
                    guint    max)
{
  if (node->args->len < min || node->args->len > max)
    {
      if (min == max)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s(v in …: …) takes %u expression%s after ':'",
                     node->function_name, min, min == 1 ? "" : "s");
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s(v in …: …) takes %u to %u expressions after ':'",
                   node->function_name, min, max);
    }
  return TRUE;
}

static gboolean
check_quantifier (Checker *checker,
                  Node    *node)
{
  gboolean is_count = g_str_equal (node->function_name, "count");

  if (!check_bodies_count (checker, node, is_count ? 0 : 1, 1))
    return FALSE;
  if (node->args->len == 1 && !expect_kind (checker, arg (node, 0), SB_TYPE_BOOL, "the condition"))
    return FALSE;
  set_type (node, is_count ? SB_TYPE_NUMBER : SB_TYPE_BOOL);
  return TRUE;
}

static gboolean
check_fold (Checker *checker,
            Node    *node)
{
  Node *body;

  if (!check_bodies_count (checker, node, 1, 1))
    return FALSE;
  body = arg (node, 0);
  if (!expect_value (checker, body))
    return FALSE;

  if (g_str_equal (node->function_name, "sum"))
    {
      if (!expect_kind (checker, body, SB_TYPE_NUMBER, "sum()"))
        return FALSE;
    }
  else if (body->type.kind != SB_TYPE_NUMBER && body->type.kind != SB_TYPE_DATE &&
           body->type.kind != SB_TYPE_TIME && body->type.kind != SB_TYPE_ANY)
    return fail (checker, body->column, SB_EXPRESSION_ERROR_TYPE, "%s() cannot order %s", node->function_name,
                 type_name (body->type.kind));

  node->type = body->type;
  if (node->type.kind == SB_TYPE_ANY)
    node->type.kind = SB_TYPE_NUMBER;
  node->type.choices = NULL;
  return TRUE;
}

static gboolean
check_peak_sum (Checker *checker,
                Node    *node)
{
  SbTypeKind kind = SB_TYPE_ANY;

  if (!check_bodies_count (checker, node, 4, 5))
    return FALSE;

  if (!expect_value (checker, arg (node, 0)))
    return FALSE;
  for (guint i = 1; i <= 2; i++)
    {
      Node *item = arg (node, i);

      if (item->type.kind != SB_TYPE_DATE && item->type.kind != SB_TYPE_TIME && item->type.kind != SB_TYPE_NUMBER &&
          item->type.kind != SB_TYPE_ANY)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "peak_sum() needs times, dates or numbers for start and end");
      if (kind != SB_TYPE_ANY && item->type.kind != SB_TYPE_ANY && kind != item->type.kind)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "start and end of peak_sum() must be of one type");
      if (item->type.kind != SB_TYPE_ANY)
        kind = item->type.kind;
    }
  if (!expect_kind (checker, arg (node, 3), SB_TYPE_NUMBER, "the amount of peak_sum()"))
    return FALSE;
  if (node->args->len == 5 && !expect_kind (checker, arg (node, 4), SB_TYPE_BOOL, "the flag of peak_sum()"))
    return FALSE;

  node->type = arg (node, 3)->type;
  node->type.kind = SB_TYPE_NUMBER;
  return TRUE;
}

static gboolean
check_covered_days (Checker *checker,
                    Node    *node)
{
  if (!check_bodies_count (checker, node, 2, 3) ||
      !expect_kind (checker, arg (node, 0), SB_TYPE_DATE, "the start of covered_days()") ||
      !expect_kind (checker, arg (node, 1), SB_TYPE_DATE, "the end of covered_days()"))
    return FALSE;
  if (node->args->len == 3 && !expect_kind (checker, arg (node, 2), SB_TYPE_BOOL, "the flag of covered_days()"))
    return FALSE;
  set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Functions: evaluation                                                */

static SbValue *
eval_is_blank (Evaluator *evaluator,
               Node      *node)
{
  Node *target = arg (node, 0);
  g_autoptr(SbValue) value = NULL;

  if (target->type.kind == SB_TYPE_TABLE)
    return sb_value_new_bool (evaluator->scope->row_count (evaluator->scope->data, target->type.table_id) == 0);

  value = evaluate (evaluator, target);
  return sb_value_new_bool (is_blank_value (value));
}

static SbValue *
eval_is_invalid (Evaluator *evaluator,
                 Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;
  Node *target = arg (node, 0);

  if (target->ref == REF_CELL)
    {
      Binding *binding = &evaluator->bindings[target->a->variable];

      if (scope->cell_is_invalid == NULL || !binding->is_row)
        return sb_value_new_bool (FALSE);
      return sb_value_new_bool (scope->cell_is_invalid (scope->data, binding->table_id, binding->row, target->id));
    }

  if (scope->is_invalid == NULL)
    return sb_value_new_bool (FALSE);
  return sb_value_new_bool (scope->is_invalid (scope->data, target->id));
}

static SbValue *
eval_any_invalid (Evaluator *evaluator,
                  Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;

  return sb_value_new_bool (scope->any_invalid != NULL && scope->any_invalid (scope->data));
}

static SbValue *
eval_len (Evaluator *evaluator,
          Node      *node)
{
  Node *target = arg (node, 0);
  g_autoptr(SbValue) value = NULL;
  gboolean is_count = g_str_equal (node->name, "count");

  if (target->type.kind == SB_TYPE_TABLE)
    return sb_value_new_int (evaluator->scope->row_count (evaluator->scope->data, target->type.table_id));

  value = evaluate (evaluator, target);
  switch (sb_value_get_kind (value))
    {
    case SB_VALUE_TEXT:
      return sb_value_new_int (g_utf8_strlen (sb_value_get_text (value), -1));
    case SB_VALUE_LIST:
    case SB_VALUE_FILES:
      return sb_value_new_int (sb_value_get_length (value));
    case SB_VALUE_NULL:
      /* Counting what is not there gives nothing, so that "count < 1" fires. */
      return is_count ? sb_value_new_int (0) : null_value ();
    default:
      return null_value ();
    }
}

typedef gboolean (*TextPredicate) (const char *text, const char *part);

static gboolean
text_contains (const char *text,
               const char *part)
{
  return strstr (text, part) != NULL;
}

static gboolean
text_starts_with (const char *text,
                  const char *part)
{
  return g_str_has_prefix (text, part);
}

static gboolean
text_ends_with (const char *text,
                const char *part)
{
  return g_str_has_suffix (text, part);
}

static TextPredicate
text_predicate_for (const char *name)
{
  if (g_str_has_prefix (name, "contains"))
    return text_contains;
  if (g_str_has_prefix (name, "starts_with"))
    return text_starts_with;
  return text_ends_with;
}

static SbValue *
eval_text_text (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));
  g_autoptr(SbValue) part = evaluate (evaluator, arg (node, 1));

  if (is_null (text) || is_null (part))
    return null_value ();
  return sb_value_new_bool (text_predicate_for (node->name) (sb_value_get_text (text), sb_value_get_text (part)));
}

static SbValue *
eval_text_list (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));
  g_autoptr(SbValue) list = evaluate (evaluator, arg (node, 1));
  TextPredicate predicate = text_predicate_for (node->name);

  if (is_null (text) || is_null (list))
    return null_value ();

  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == SB_VALUE_TEXT && *sb_value_get_text (item) != '\0' &&
          predicate (sb_value_get_text (text), sb_value_get_text (item)))
        return sb_value_new_bool (TRUE);
    }
  return sb_value_new_bool (FALSE);
}

static SbValue *
eval_matches (Evaluator *evaluator,
              Node      *node)
{
  g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));

  if (is_null (text))
    return null_value ();
  return sb_value_new_bool (g_regex_match (node->regex, sb_value_get_text (text), 0, NULL));
}

static SbValue *
eval_replace (Evaluator *evaluator,
              Node      *node)
{
  g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));
  g_autoptr(SbValue) from = evaluate (evaluator, arg (node, 1));
  g_autoptr(SbValue) to = evaluate (evaluator, arg (node, 2));
  g_autoptr(GString) result = NULL;

  if (is_null (text) || is_null (from) || is_null (to))
    return null_value ();
  if (*sb_value_get_text (from) == '\0')
    return sb_value_ref (text);

  result = g_string_new (sb_value_get_text (text));
  g_string_replace (result, sb_value_get_text (from), sb_value_get_text (to), 0);
  return sb_value_new_text (result->str);
}

static SbValue *
eval_split (Evaluator *evaluator,
            Node      *node)
{
  g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));
  g_autoptr(GRegex) separators = NULL;
  g_auto(GStrv) parts = NULL;
  GPtrArray *items;

  if (is_null (text))
    return null_value ();

  separators = g_regex_new ("[,，、;；\\n]", 0, 0, NULL);
  parts = g_regex_split (separators, sb_value_get_text (text), 0);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (parts[i]));

      if (*trimmed != '\0')
        g_ptr_array_add (items, sb_value_new_text (trimmed));
    }
  return sb_value_new_list (items);
}

static gboolean
list_contains (SbValue *list,
               SbValue *value)
{
  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == sb_value_get_kind (value) && sb_value_equal (item, value))
        return TRUE;
    }
  return FALSE;
}

static SbValue *
eval_subset (Evaluator *evaluator,
             Node      *node)
{
  g_autoptr(SbValue) a = evaluate (evaluator, arg (node, 0));
  g_autoptr(SbValue) b = evaluate (evaluator, arg (node, 1));

  if (is_null (a) || is_null (b))
    return null_value ();

  for (guint i = 0; i < sb_value_get_length (a); i++)
    {
      SbValue *item = sb_value_get_item (a, i);

      if (is_null (item))
        return null_value ();
      if (!list_contains (b, item))
        return sb_value_new_bool (FALSE);
    }
  return sb_value_new_bool (TRUE);
}

/* Sum, min or max over @values; null if any value is null. */
static SbValue *
fold_values (const char  *function,
             SbValue    **values,
             guint        n_values)
{
  gboolean is_sum = g_str_equal (function, "sum");
  gboolean is_min = g_str_equal (function, "min");
  SbValue *best = NULL;
  mpq_t total;

  for (guint i = 0; i < n_values; i++)
    if (is_null (values[i]))
      return null_value ();

  if (is_sum)
    {
      SbValue *result;

      mpq_init (total);
      for (guint i = 0; i < n_values; i++)
        if (sb_value_get_kind (values[i]) == SB_VALUE_NUMBER)
          mpq_add (total, total, sb_value_get_number (values[i]));
      result = number_or_null (total);
      mpq_clear (total);
      return result;
    }

  for (guint i = 0; i < n_values; i++)
    {
      if (best == NULL || sb_value_get_kind (values[i]) != sb_value_get_kind (best))
        {
          if (best == NULL)
            best = values[i];
          continue;
        }
      if ((is_min && compare_values (values[i], best) < 0) || (!is_min && compare_values (values[i], best) > 0))
        best = values[i];
    }

  return best ? sb_value_ref (best) : null_value ();
}

static SbValue *
eval_aggregate (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);

  if (g_str_equal (node->name, "count"))
    return eval_len (evaluator, node);

  if (node->args->len == 1)
    {
      g_autoptr(SbValue) list = evaluate (evaluator, arg (node, 0));

      if (is_null (list))
        return null_value ();
      for (guint i = 0; i < sb_value_get_length (list); i++)
        g_ptr_array_add (values, sb_value_ref (sb_value_get_item (list, i)));
    }
  else
    {
      for (guint i = 0; i < node->args->len; i++)
        g_ptr_array_add (values, evaluate (evaluator, arg (node, i)));
    }

  return fold_values (node->name, (SbValue **) values->pdata, values->len);
}

static SbValue *
eval_number_unary (Evaluator *evaluator,
                   Node      *node)
{
  g_autoptr(SbValue) value = evaluate (evaluator, arg (node, 0));
  const __mpq_struct *q;
  SbValue *result;
  mpq_t r;

  if (is_null (value))
    return null_value ();

  q = sb_value_get_number (value);
  mpq_init (r);

  if (g_str_equal (node->name, "abs"))
    mpq_abs (r, q);
  else
    {
      if (g_str_equal (node->name, "floor"))
        mpz_fdiv_q (mpq_numref (r), mpq_numref (q), mpq_denref (q));
      else
        mpz_cdiv_q (mpq_numref (r), mpq_numref (q), mpq_denref (q));
      mpz_set_ui (mpq_denref (r), 1);
    }

  result = number_or_null (r);
  mpq_clear (r);
  return result;
}

static SbValue *
eval_round (Evaluator *evaluator,
            Node      *node)
{
  g_autoptr(SbValue) value = evaluate (evaluator, arg (node, 0));
  g_autofree char *text = NULL;
  gint64 digits = 0;
  SbValue *result = NULL;
  mpq_t q;

  if (is_null (value))
    return null_value ();

  get_integer (arg (node, 1)->value, &digits);
  text = sb_decimal_to_string_rounded (sb_value_get_number (value), digits);
  mpq_init (q);
  if (sb_decimal_parse (text, q))
    result = sb_value_new_number (q);
  mpq_clear (q);
  return result ? result : null_value ();
}

static SbValue *
eval_date (Evaluator *evaluator,
           Node      *node)
{
  gint32 julian_day = 0;

  if (node->args->len == 1)
    {
      g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));

      if (is_null (text) || !sb_date_parse (sb_value_get_text (text), &julian_day))
        return null_value ();
    }
  else
    {
      g_autoptr(SbValue) y = evaluate (evaluator, arg (node, 0));
      g_autoptr(SbValue) m = evaluate (evaluator, arg (node, 1));
      g_autoptr(SbValue) d = evaluate (evaluator, arg (node, 2));
      gint64 year, month, day;

      if (!get_integer (y, &year) || !get_integer (m, &month) || !get_integer (d, &day) ||
          year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
        return null_value ();
      julian_day = sb_date_from_ymd (year, month, day);
      if (julian_day == 0)
        return null_value ();
    }

  return sb_value_new_date (julian_day);
}

static SbValue *
eval_time (Evaluator *evaluator,
           Node      *node)
{
  int minutes;

  if (node->args->len == 1)
    {
      g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));

      if (is_null (text) || !sb_time_parse (sb_value_get_text (text), &minutes))
        return null_value ();
    }
  else
    {
      g_autoptr(SbValue) h = evaluate (evaluator, arg (node, 0));
      g_autoptr(SbValue) m = evaluate (evaluator, arg (node, 1));
      gint64 hour, minute;

      if (!get_integer (h, &hour) || !get_integer (m, &minute) || hour < 0 || hour > 24 || minute < 0 ||
          minute > 59 || (hour == 24 && minute > 0))
        return null_value ();
      minutes = hour * 60 + minute;
    }

  return sb_value_new_time (minutes);
}

static SbValue *
eval_date_part (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) value = evaluate (evaluator, arg (node, 0));
  int year, month, day;

  if (is_null (value))
    return null_value ();

  if (g_str_equal (node->name, "weekday"))
    return sb_value_new_int (sb_date_weekday (sb_value_get_date (value)));

  sb_date_to_ymd (sb_value_get_date (value), &year, &month, &day);
  if (g_str_equal (node->name, "year"))
    return sb_value_new_int (year);
  if (g_str_equal (node->name, "month"))
    return sb_value_new_int (month);
  return sb_value_new_int (day);
}

static SbValue *
eval_date_shift (Evaluator *evaluator,
                 Node      *node)
{
  g_autoptr(SbValue) date = evaluate (evaluator, arg (node, 0));
  g_autoptr(SbValue) amount = evaluate (evaluator, arg (node, 1));
  gint64 n;
  gint32 start, result;

  if (is_null (date) || !get_integer (amount, &n) || n < -100000 || n > 100000)
    return null_value ();

  start = sb_value_get_date (date);

  if (g_str_equal (node->name, "add_days"))
    result = start + n;
  else if (g_str_equal (node->name, "add_months"))
    result = sb_date_add_months (start, n);
  else if (g_str_equal (node->name, "add_years"))
    result = sb_date_add_years (start, n);
  else
    {
      const SbEvalScope *scope = evaluator->scope;

      if (scope->calendar == NULL || n < 0 ||
          !sb_calendar_add_working_days (scope->calendar, start, n, &result, NULL))
        return null_value ();
    }

  /* Outside years 1000–9999 a date means nothing here. */
  if (result < sb_date_from_ymd (1000, 1, 1) || result > sb_date_from_ymd (9999, 12, 31))
    return null_value ();
  return sb_value_new_date (result);
}

static SbValue *
eval_date_pair (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) a = evaluate (evaluator, arg (node, 0));
  g_autoptr(SbValue) b = evaluate (evaluator, arg (node, 1));

  if (is_null (a) || is_null (b))
    return null_value ();

  if (g_str_equal (node->name, "working_days_between"))
    {
      int count;

      if (evaluator->scope->calendar == NULL ||
          !sb_calendar_working_days_between (evaluator->scope->calendar, sb_value_get_date (a),
                                             sb_value_get_date (b), &count, NULL))
        return null_value ();
      return sb_value_new_int (count);
    }

  return sb_value_new_int (sb_date_full_years (sb_value_get_date (a), sb_value_get_date (b)));
}

static SbValue *
eval_overlaps (Evaluator *evaluator,
               Node      *node)
{
  gint64 v[4];

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SbValue) value = evaluate (evaluator, arg (node, i));

      if (is_null (value) || !get_ordinal (value, &v[i]))
        return null_value ();
    }

  return sb_value_new_bool (v[0] < v[3] && v[2] < v[1]);
}

static SbValue *
eval_id_birth_date (Evaluator *evaluator,
                    Node      *node)
{
  g_autoptr(SbValue) text = evaluate (evaluator, arg (node, 0));
  g_autofree char *upper = NULL;
  gint32 birth;

  if (is_null (text))
    return null_value ();

  upper = g_ascii_strup (sb_value_get_text (text), -1);
  if (!sb_resident_id_check (upper, &birth, NULL))
    return null_value ();
  return sb_value_new_date (birth);
}

/* Comprehensions */

/* Calls @visit for each element of the collection with the variable
 * bound; stops when it returns FALSE.  A null list visits nothing and
 * says so. */
typedef gboolean (*Visit) (Evaluator *evaluator, Node *node, guint index, gpointer data);

static gboolean
for_each (Evaluator *evaluator,
          Node      *node,
          Visit      visit,
          gpointer   data,
          gboolean  *collection_null)
{
  Binding *binding = &evaluator->bindings[node->variable];
  Node *collection = node->a;

  *collection_null = FALSE;

  if (collection->type.kind == SB_TYPE_TABLE)
    {
      const SbEvalScope *scope = evaluator->scope;
      guint n = scope->row_count (scope->data, collection->type.table_id);

      binding->is_row = TRUE;
      binding->table_id = collection->type.table_id;
      for (guint r = 0; r < n; r++)
        {
          binding->row = r;
          if (!visit (evaluator, node, r, data))
            return FALSE;
        }
      return TRUE;
    }
  else
    {
      g_autoptr(SbValue) list = evaluate (evaluator, collection);

      if (is_null (list))
        {
          *collection_null = TRUE;
          return TRUE;
        }

      binding->is_row = FALSE;
      for (guint i = 0; i < sb_value_get_length (list); i++)
        {
          binding->item = sb_value_get_item (list, i);
          if (!visit (evaluator, node, i, data))
            return FALSE;
        }
      binding->item = NULL;
      return TRUE;
    }
}

typedef struct
{
  guint     true_count;
  guint     false_count;
  guint     null_count;
  gboolean  stop_at_true;
  gboolean  stop_at_false;
  gboolean  report;
} Tally;

static gboolean
visit_tally (Evaluator *evaluator,
             Node      *node,
             guint      index,
             gpointer   data)
{
  Tally *tally = data;
  g_autoptr(SbValue) value = NULL;

  /* count(v in T) with no condition counts every row. */
  if (node->args->len == 0)
    {
      tally->true_count++;
      return TRUE;
    }

  value = evaluate (evaluator, arg (node, 0));
  if (is_null (value))
    tally->null_count++;
  else if (sb_value_get_bool (value))
    {
      tally->true_count++;
      if (tally->report && node->a->type.kind == SB_TYPE_TABLE)
        evaluator->scope->witness (evaluator->scope->data, node->a->type.table_id, index);
      if (tally->stop_at_true)
        return FALSE;
    }
  else
    {
      tally->false_count++;
      if (tally->stop_at_false)
        return FALSE;
    }
  return TRUE;
}

static SbValue *
eval_quantifier (Evaluator *evaluator,
                 Node      *node)
{
  Tally tally = { 0 };
  gboolean is_any = g_str_equal (node->function_name, "any");
  gboolean is_all = g_str_equal (node->function_name, "all");
  gboolean collection_null;

  tally.report = is_any && evaluator->positive && evaluator->scope->witness != NULL;
  tally.stop_at_true = is_any && !tally.report;
  tally.stop_at_false = is_all;

  for_each (evaluator, node, visit_tally, &tally, &collection_null);
  if (collection_null)
    return is_any || is_all ? null_value () : sb_value_new_int (0);

  if (is_any)
    return tally.true_count > 0 ? sb_value_new_bool (TRUE)
         : tally.null_count > 0 ? null_value () : sb_value_new_bool (FALSE);
  if (is_all)
    return tally.false_count > 0 ? sb_value_new_bool (FALSE)
         : tally.null_count > 0 ? null_value () : sb_value_new_bool (TRUE);
  return sb_value_new_int (tally.true_count);
}

typedef struct
{
  GPtrArray *values;   /* one array per body */
  guint      n_bodies;
} Collect;

static gboolean
visit_collect (Evaluator *evaluator,
               Node      *node,
               guint      index,
               gpointer   data)
{
  Collect *collect = data;

  for (guint b = 0; b < collect->n_bodies; b++)
    g_ptr_array_add (g_ptr_array_index (collect->values, b), evaluate (evaluator, arg (node, b)));
  return TRUE;
}

static void
collect_bodies (Evaluator *evaluator,
                Node      *node,
                Collect   *collect,
                gboolean  *collection_null)
{
  collect->n_bodies = node->args->len;
  collect->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint b = 0; b < collect->n_bodies; b++)
    g_ptr_array_add (collect->values, g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref));

  for_each (evaluator, node, visit_collect, collect, collection_null);
}

static SbValue *
eval_fold (Evaluator *evaluator,
           Node      *node)
{
  Collect collect;
  gboolean collection_null;
  GPtrArray *values;
  SbValue *result;

  collect_bodies (evaluator, node, &collect, &collection_null);
  values = g_ptr_array_index (collect.values, 0);
  result = collection_null ? null_value ()
                           : fold_values (node->function_name, (SbValue **) values->pdata, values->len);
  g_ptr_array_unref (collect.values);
  return result;
}

typedef struct
{
  char   *group;
  gint64  time;
  int     delta;      /* +1 start, -1 end */
  guint   row;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a, *eb = b;
  int cmp = g_strcmp0 (ea->group, eb->group);

  if (cmp != 0)
    return cmp;
  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  /* Half-open intervals: what ends at t is gone before what starts at t. */
  return ea->delta - eb->delta;
}

static SbValue *
eval_peak_sum (Evaluator *evaluator,
               Node      *node)
{
  Collect collect;
  gboolean collection_null;
  GPtrArray *groups, *starts, *ends, *amounts, *flags;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  SbValue *result = NULL;
  mpq_t running, best;
  guint flagged_active = 0;
  gboolean any_instant = FALSE;
  gboolean with_flag = node->args->len == 5;

  collect_bodies (evaluator, node, &collect, &collection_null);
  groups = g_ptr_array_index (collect.values, 0);
  starts = g_ptr_array_index (collect.values, 1);
  ends = g_ptr_array_index (collect.values, 2);
  amounts = g_ptr_array_index (collect.values, 3);
  flags = with_flag ? g_ptr_array_index (collect.values, 4) : NULL;

  mpq_init (running);
  mpq_init (best);

  if (collection_null)
    goto out;

  for (guint r = 0; r < groups->len; r++)
    {
      Event start = { NULL, 0, +1, r }, end = { NULL, 0, -1, r };

      if (is_null (g_ptr_array_index (groups, r)) || is_null (g_ptr_array_index (amounts, r)) ||
          !get_ordinal (g_ptr_array_index (starts, r), &start.time) ||
          !get_ordinal (g_ptr_array_index (ends, r), &end.time))
        goto out;
      if (end.time <= start.time)
        continue;   /* an empty interval is present at no instant */

      start.group = sb_value_to_display (g_ptr_array_index (groups, r), 0, 6);
      end.group = g_strdup (start.group);
      g_array_append_val (events, start);
      g_array_append_val (events, end);
    }

  g_array_sort (events, compare_events);

  for (guint i = 0; i < events->len;)
    {
      Event *first = &g_array_index (events, Event, i);
      guint j = i;

      /* Apply every event at this instant, then look at the total. */
      while (j < events->len)
        {
          Event *event = &g_array_index (events, Event, j);
          SbValue *amount = g_ptr_array_index (amounts, event->row);
          gboolean flagged = flags != NULL && sb_value_get_kind (g_ptr_array_index (flags, event->row)) == SB_VALUE_BOOL &&
                             sb_value_get_bool (g_ptr_array_index (flags, event->row));

          if (g_strcmp0 (event->group, first->group) != 0 || event->time != first->time)
            break;

          if (event->delta > 0)
            mpq_add (running, running, sb_value_get_number (amount));
          else
            mpq_sub (running, running, sb_value_get_number (amount));
          if (flagged)
            flagged_active += event->delta;
          j++;
        }

      if (!with_flag || flagged_active > 0)
        {
          if (!any_instant || mpq_cmp (running, best) > 0)
            mpq_set (best, running);
          any_instant = TRUE;
        }
      i = j;
    }

  result = number_or_null (best);

out:
  for (guint i = 0; i < events->len; i++)
    g_free (g_array_index (events, Event, i).group);
  mpq_clear (running);
  mpq_clear (best);
  g_ptr_array_unref (collect.values);
  return result ? result : null_value ();
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const gint64 *ia = a, *ib = b;

  return (ia[0] > ib[0]) - (ia[0] < ib[0]);
}

static SbValue *
eval_covered_days (Evaluator *evaluator,
                   Node      *node)
{
  Collect collect;
  gboolean collection_null;
  GPtrArray *starts, *ends, *flags;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  SbValue *result = NULL;
  gint64 total = 0, current_start = 0, current_end = -1;
  gboolean open = FALSE;

  collect_bodies (evaluator, node, &collect, &collection_null);
  starts = g_ptr_array_index (collect.values, 0);
  ends = g_ptr_array_index (collect.values, 1);
  flags = collect.n_bodies == 3 ? g_ptr_array_index (collect.values, 2) : NULL;

  if (collection_null)
    goto out;

  for (guint r = 0; r < starts->len; r++)
    {
      gint64 interval[2];

      /* With a flag, only the rows it marks count. */
      if (flags != NULL && !(sb_value_get_kind (g_ptr_array_index (flags, r)) == SB_VALUE_BOOL &&
                             sb_value_get_bool (g_ptr_array_index (flags, r))))
        continue;

      if (is_null (g_ptr_array_index (starts, r)) || is_null (g_ptr_array_index (ends, r)))
        goto out;
      interval[0] = sb_value_get_date (g_ptr_array_index (starts, r));
      interval[1] = sb_value_get_date (g_ptr_array_index (ends, r));
      if (interval[1] >= interval[0])
        g_array_append_val (intervals, interval);
    }

  g_array_sort (intervals, compare_intervals);
  for (guint i = 0; i < intervals->len; i++)
    {
      gint64 *interval = &g_array_index (intervals, gint64, i * 2);

      if (open && interval[0] <= current_end + 1)
        current_end = MAX (current_end, interval[1]);
      else
        {
          if (open)
            total += current_end - current_start + 1;
          current_start = interval[0];
          current_end = interval[1];
          open = TRUE;
        }
    }
  if (open)
    total += current_end - current_start + 1;

  result = sb_value_new_int (total);

out:
  g_ptr_array_unref (collect.values);
  return result ? result : null_value ();
}

static const Function functions[] = {
  { "is_blank", 1, 1, FALSE, check_is_blank, eval_is_blank },
  { "is_invalid", 1, 1, FALSE, check_is_invalid, eval_is_invalid },
  { "any_invalid", 0, 0, FALSE, check_any_invalid, eval_any_invalid },
  { "len", 1, 1, FALSE, check_len, eval_len },
  { "contains", 2, 2, FALSE, check_text_text, eval_text_text },
  { "starts_with", 2, 2, FALSE, check_text_text, eval_text_text },
  { "ends_with", 2, 2, FALSE, check_text_text, eval_text_text },
  { "contains_any", 2, 2, FALSE, check_text_list, eval_text_list },
  { "starts_with_any", 2, 2, FALSE, check_text_list, eval_text_list },
  { "matches", 2, 2, FALSE, check_matches, eval_matches },
  { "replace", 3, 3, FALSE, check_replace, eval_replace },
  { "split", 1, 1, FALSE, check_split, eval_split },
  { "subset", 2, 2, FALSE, check_subset, eval_subset },
  { "count", 1, 1, FALSE, check_aggregate, eval_aggregate },
  { "sum", 1, 1, FALSE, check_aggregate, eval_aggregate },
  { "min", 1, -1, FALSE, check_aggregate, eval_aggregate },
  { "max", 1, -1, FALSE, check_aggregate, eval_aggregate },
  { "abs", 1, 1, FALSE, check_number_unary, eval_number_unary },
  { "floor", 1, 1, FALSE, check_number_unary, eval_number_unary },
  { "ceil", 1, 1, FALSE, check_number_unary, eval_number_unary },
  { "round", 2, 2, FALSE, check_round, eval_round },
  { "date", 1, 3, FALSE, check_date, eval_date },
  { "time", 1, 2, FALSE, check_time, eval_time },
  { "year", 1, 1, FALSE, check_date_part, eval_date_part },
  { "month", 1, 1, FALSE, check_date_part, eval_date_part },
  { "day", 1, 1, FALSE, check_date_part, eval_date_part },
  { "weekday", 1, 1, FALSE, check_date_part, eval_date_part },
  { "add_days", 2, 2, FALSE, check_date_shift, eval_date_shift },
  { "add_months", 2, 2, FALSE, check_date_shift, eval_date_shift },
  { "add_years", 2, 2, FALSE, check_date_shift, eval_date_shift },
  { "add_working_days", 2, 2, FALSE, check_date_shift, eval_date_shift },
  { "working_days_between", 2, 2, FALSE, check_date_pair, eval_date_pair },
  { "years_between", 2, 2, FALSE, check_date_pair, eval_date_pair },
  { "age_on", 2, 2, FALSE, check_date_pair, eval_date_pair },
  { "overlaps", 4, 4, FALSE, check_overlaps, eval_overlaps },
  { "id_birth_date", 1, 1, FALSE, check_id_birth_date, eval_id_birth_date },
  /* v in T: … */
  { "any", 0, 1, TRUE, check_quantifier, eval_quantifier },
  { "all", 0, 1, TRUE, check_quantifier, eval_quantifier },
  { "count", 0, 1, TRUE, check_quantifier, eval_quantifier },
  { "sum", 1, 1, TRUE, check_fold, eval_fold },
  { "min", 1, 1, TRUE, check_fold, eval_fold },
  { "max", 1, 1, TRUE, check_fold, eval_fold },
  { "peak_sum", 4, 5, TRUE, check_peak_sum, eval_peak_sum },
  { "covered_days", 2, 3, TRUE, check_covered_days, eval_covered_days },
};

static const Function *
lookup_function (const char *name,
                 gboolean    comprehension)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (functions[i].comprehension == comprehension && g_str_equal (functions[i].name, name))
      return &functions[i];
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Checking                                                             */

static void
add_field (Checker *checker,
           guint    id)
{
  for (guint i = 0; i < checker->fields->len; i++)
    if (g_array_index (checker->fields, guint, i) == id)
      return;
  g_array_append_val (checker->fields, id);
}

static gboolean
check_name (Checker *checker,
            Node    *node)
{
  SbSymbol symbol;

  for (guint i = checker->n_variables; i > 0; i--)
    {
      Variable *variable = &checker->variables[i - 1];

      if (g_str_equal (variable->name, node->name))
        {
          node->ref = variable->is_row ? REF_ROW : REF_ITEM;
          node->variable = i - 1;
          node->type = variable->type;
          return TRUE;
        }
    }

  if (checker->resolver == NULL || !checker->resolver->resolve (checker->resolver->data, node->name, &symbol))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME, "unknown field '%s'", node->name);

  node->type = symbol.type;
  if (symbol.constant != NULL)
    {
      node->ref = REF_CONSTANT;
      node->value = sb_value_ref (symbol.constant);
    }
  else
    {
      node->ref = REF_FIELD;
      node->id = symbol.id;
      add_field (checker, symbol.id);
    }
  return TRUE;
}

static gboolean
check_member (Checker *checker,
              Node    *node)
{
  Node *object = node->a;
  SbSymbol symbol;

  if (!check_node (checker, object))
    return FALSE;

  if (object->type.kind != SB_TYPE_TABLE && object->type.kind != SB_TYPE_ROW)
    {
      g_autofree char *found = describe_type (&object->type);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE,
                   "'.%s' needs a table or a table row, not %s", node->name, found);
    }

  if (!checker->resolver->resolve_column (checker->resolver->data, object->type.table_id, node->name, &symbol))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME, "the table has no column '%s'", node->name);

  node->id = symbol.id;
  node->table_id = object->type.table_id;

  if (object->type.kind == SB_TYPE_ROW)
    {
      node->ref = REF_CELL;
      node->type = symbol.type;
    }
  else
    {
      node->ref = REF_COLUMN_LIST;
      node->type = symbol.type;
      node->type.element = symbol.type.kind;
      node->type.kind = SB_TYPE_LIST;
    }
  return TRUE;
}

static gboolean
check_arith (Checker *checker,
             Node    *node)
{
  Node *a = node->a, *b = node->b;

  if (!expect_value (checker, a) || !expect_value (checker, b))
    return FALSE;

  if (node->op == TOK_PLUS && (a->type.kind == SB_TYPE_TEXT || b->type.kind == SB_TYPE_TEXT))
    {
      if (!expect_kind (checker, a, SB_TYPE_TEXT, "'+' of texts") || !expect_kind (checker, b, SB_TYPE_TEXT, "'+' of texts"))
        return FALSE;
      set_type (node, SB_TYPE_TEXT);
      return TRUE;
    }

  if (!expect_kind (checker, a, SB_TYPE_NUMBER, "arithmetic") || !expect_kind (checker, b, SB_TYPE_NUMBER, "arithmetic"))
    return FALSE;

  set_type (node, SB_TYPE_NUMBER);
  switch (node->op)
    {
    case TOK_PLUS:
    case TOK_MINUS:
      if (!units_compatible (a->type.unit, b->type.unit))
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot add or subtract %s and %s",
                     a->type.unit, b->type.unit);
      node->type.unit = a->type.unit ? a->type.unit : b->type.unit;
      break;
    case TOK_STAR:
      node->type.unit = a->type.unit == NULL ? b->type.unit : b->type.unit == NULL ? a->type.unit : NULL;
      break;
    case TOK_SLASH:
    default:
      node->type.unit = b->type.unit == NULL ? a->type.unit : NULL;
      break;
    }
  return TRUE;
}

static gboolean
check_compare (Checker *checker,
               Node    *node)
{
  Node *a = node->a, *b = node->b;
  SbTypeKind kind;

  if (!expect_value (checker, a) || !expect_value (checker, b))
    return FALSE;

  set_type (node, SB_TYPE_BOOL);

  if (a->type.kind == SB_TYPE_ANY || b->type.kind == SB_TYPE_ANY)
    return TRUE;

  if (a->type.kind != b->type.kind)
    {
      g_autofree char *ta = describe_type (&a->type);
      g_autofree char *tb = describe_type (&b->type);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot compare %s with %s", ta, tb);
    }

  kind = a->type.kind;
  if (kind == SB_TYPE_NUMBER && !units_compatible (a->type.unit, b->type.unit))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot compare a number (%s) with a number (%s)",
                 a->type.unit, b->type.unit);

  if (node->op != TOK_EQ && node->op != TOK_NE &&
      kind != SB_TYPE_NUMBER && kind != SB_TYPE_DATE && kind != SB_TYPE_TIME && kind != SB_TYPE_TEXT)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s cannot be ordered", type_name (kind));

  if (kind == SB_TYPE_LIST || kind == SB_TYPE_FILES)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "compare %s with 'in', subset() or count()",
                 type_name (kind));

  return check_choice_literal (checker, b, a->type.choices) && check_choice_literal (checker, a, b->type.choices);
}

static gboolean
check_in (Checker *checker,
          Node    *node)
{
  Node *a = node->a, *b = node->b;

  if (!expect_value (checker, a) || !expect_value (checker, b))
    return FALSE;

  set_type (node, SB_TYPE_BOOL);

  if (b->type.kind == SB_TYPE_TEXT)
    return expect_kind (checker, a, SB_TYPE_TEXT, "'in' on text");

  if (b->type.kind != SB_TYPE_LIST && b->type.kind != SB_TYPE_ANY)
    {
      g_autofree char *found = describe_type (&b->type);
      return fail (checker, b->column, SB_EXPRESSION_ERROR_TYPE, "'in' needs a list or a text, not %s", found);
    }

  if (b->type.kind == SB_TYPE_LIST && a->type.kind != SB_TYPE_ANY && b->type.element != SB_TYPE_ANY &&
      a->type.kind != b->type.element)
    {
      g_autofree char *ta = describe_type (&a->type);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot look for %s in a list of %s", ta,
                   type_name (b->type.element));
    }

  return check_choice_literal (checker, a, b->type.choices) && check_choice_list_literal (checker, b, a->type.choices);
}

static gboolean
check_call (Checker *checker,
            Node    *node)
{
  const Function *function = lookup_function (node->name, FALSE);

  if (function == NULL)
    {
      if (lookup_function (node->name, TRUE) != NULL)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "write %s(v in table: …)", node->name);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME, "unknown function '%s'", node->name);
    }

  if ((int) node->args->len < function->min_args ||
      (function->max_args >= 0 && (int) node->args->len > function->max_args))
    {
      if (function->min_args == function->max_args)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s() takes %d argument%s", node->name,
                     function->min_args, function->min_args == 1 ? "" : "s");
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s() takes %d to %d arguments", node->name,
                   function->min_args, function->max_args);
    }

  for (guint i = 0; i < node->args->len; i++)
    if (!check_node (checker, arg (node, i)))
      return FALSE;

  node->function = function;
  return function->check (checker, node);
}

static gboolean
check_comprehension (Checker *checker,
                     Node    *node)
{
  const Function *function = lookup_function (node->function_name, TRUE);
  Node *collection = node->a;
  Variable *variable;
  SbSymbol symbol;
  gboolean ok = TRUE;

  if (function == NULL)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME,
                 "%s() does not take the form %s(v in …: …)", node->function_name, node->function_name);

  if (!check_node (checker, collection))
    return FALSE;
  if (collection->type.kind != SB_TYPE_TABLE && collection->type.kind != SB_TYPE_LIST &&
      collection->type.kind != SB_TYPE_ANY)
    {
      g_autofree char *found = describe_type (&collection->type);
      return fail (checker, collection->column, SB_EXPRESSION_ERROR_TYPE, "'in' needs a table or a list, not %s", found);
    }

  if (checker->n_variables >= MAX_VARIABLES)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TOO_COMPLEX, "more than %d nested comprehensions", MAX_VARIABLES);

  /* A variable that hid a field would make rules mean something else. */
  if (checker->resolver != NULL && checker->resolver->resolve (checker->resolver->data, node->name, &symbol))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "'%s' is a field or constant; choose another variable name",
                 node->name);
  for (guint i = 0; i < checker->n_variables; i++)
    if (g_str_equal (checker->variables[i].name, node->name))
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "the variable '%s' is already in use", node->name);

  variable = &checker->variables[checker->n_variables];
  variable->name = node->name;
  memset (&variable->type, 0, sizeof variable->type);
  if (collection->type.kind == SB_TYPE_TABLE)
    {
      variable->is_row = TRUE;
      variable->type.kind = SB_TYPE_ROW;
      variable->type.table_id = collection->type.table_id;
    }
  else
    {
      variable->is_row = FALSE;
      variable->type.kind = collection->type.kind == SB_TYPE_LIST ? collection->type.element : SB_TYPE_ANY;
      variable->type.unit = collection->type.unit;
      variable->type.choices = collection->type.choices;
    }
  node->variable = checker->n_variables;
  checker->n_variables++;

  for (guint i = 0; i < node->args->len && ok; i++)
    ok = check_node (checker, arg (node, i));

  checker->n_variables--;
  if (!ok)
    return FALSE;

  node->function = function;
  return function->check (checker, node);
}

static gboolean
check_node (Checker *checker,
            Node    *node)
{
  switch (node->kind)
    {
    case NODE_LITERAL:
      return TRUE;

    case NODE_NAME:
      return check_name (checker, node);

    case NODE_MEMBER:
      return check_member (checker, node);

    case NODE_NEGATE:
      if (!check_node (checker, node->a) || !expect_kind (checker, node->a, SB_TYPE_NUMBER, "'-'"))
        return FALSE;
      node->type = node->a->type;
      node->type.kind = SB_TYPE_NUMBER;
      return TRUE;

    case NODE_NOT:
      if (!check_node (checker, node->a) || !expect_kind (checker, node->a, SB_TYPE_BOOL, "'not'"))
        return FALSE;
      set_type (node, SB_TYPE_BOOL);
      return TRUE;

    case NODE_ARITH:
      return check_node (checker, node->a) && check_node (checker, node->b) && check_arith (checker, node);

    case NODE_COMPARE:
      return check_node (checker, node->a) && check_node (checker, node->b) && check_compare (checker, node);

    case NODE_IN:
      return check_node (checker, node->a) && check_node (checker, node->b) && check_in (checker, node);

    case NODE_AND:
    case NODE_OR:
      if (!check_node (checker, node->a) || !check_node (checker, node->b))
        return FALSE;
      if (!expect_kind (checker, node->a, SB_TYPE_BOOL, node->kind == NODE_AND ? "'and'" : "'or'") ||
          !expect_kind (checker, node->b, SB_TYPE_BOOL, node->kind == NODE_AND ? "'and'" : "'or'"))
        return FALSE;
      set_type (node, SB_TYPE_BOOL);
      return TRUE;

    case NODE_IF:
      if (!check_node (checker, node->a) || !check_node (checker, node->b) || !check_node (checker, node->c))
        return FALSE;
      if (!expect_kind (checker, node->a, SB_TYPE_BOOL, "'if'") ||
          !expect_value (checker, node->b) || !expect_value (checker, node->c))
        return FALSE;
      if (node->b->type.kind != SB_TYPE_ANY && node->c->type.kind != SB_TYPE_ANY &&
          (node->b->type.kind != node->c->type.kind || !units_compatible (node->b->type.unit, node->c->type.unit)))
        return fail (checker, node->c->column, SB_EXPRESSION_ERROR_TYPE, "'then' and 'else' must give values of one type");
      node->type = node->b->type.kind != SB_TYPE_ANY ? node->b->type : node->c->type;
      if (node->type.unit == NULL)
        node->type.unit = node->c->type.unit;
      return TRUE;

    case NODE_LIST:
      set_type (node, SB_TYPE_LIST);
      node->type.element = SB_TYPE_ANY;
      for (guint i = 0; i < node->args->len; i++)
        {
          Node *item = arg (node, i);

          if (!check_node (checker, item) || !expect_value (checker, item))
            return FALSE;
          if (item->type.kind == SB_TYPE_LIST || item->type.kind == SB_TYPE_FILES)
            return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "lists hold single values");
          if (node->type.element == SB_TYPE_ANY)
            {
              node->type.element = item->type.kind;
              node->type.unit = item->type.unit;
            }
          else if (item->type.kind != SB_TYPE_ANY && item->type.kind != node->type.element)
            return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "a list holds values of one type");
        }
      return TRUE;

    case NODE_CALL:
      return check_call (checker, node);

    case NODE_COMPREHENSION:
      return check_comprehension (checker, node);

    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                           */

static SbValue *
eval_arith (Evaluator *evaluator,
            Node      *node)
{
  g_autoptr(SbValue) a = evaluate (evaluator, node->a);
  g_autoptr(SbValue) b = NULL;
  SbValue *result;
  mpq_t r;

  if (is_null (a))
    return null_value ();
  b = evaluate (evaluator, node->b);
  if (is_null (b))
    return null_value ();

  if (sb_value_get_kind (a) == SB_VALUE_TEXT)
    {
      g_autofree char *joined = g_strconcat (sb_value_get_text (a), sb_value_get_text (b), NULL);
      return sb_value_new_text (joined);
    }

  if (sb_value_get_kind (a) != SB_VALUE_NUMBER || sb_value_get_kind (b) != SB_VALUE_NUMBER)
    return null_value ();

  mpq_init (r);
  switch (node->op)
    {
    case TOK_PLUS:
      mpq_add (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    case TOK_MINUS:
      mpq_sub (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    case TOK_STAR:
      mpq_mul (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    case TOK_SLASH:
    default:
      if (mpq_sgn (sb_value_get_number (b)) == 0)
        {
          mpq_clear (r);
          return null_value ();
        }
      mpq_div (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    }

  result = number_or_null (r);
  mpq_clear (r);
  return result;
}

static SbValue *
eval_compare (Evaluator *evaluator,
              Node      *node)
{
  g_autoptr(SbValue) a = evaluate (evaluator, node->a);
  g_autoptr(SbValue) b = NULL;
  int cmp;

  if (is_null (a))
    return null_value ();
  b = evaluate (evaluator, node->b);
  if (is_null (b) || sb_value_get_kind (a) != sb_value_get_kind (b))
    return null_value ();

  if (node->op == TOK_EQ || node->op == TOK_NE)
    {
      gboolean equal = sb_value_equal (a, b);
      return sb_value_new_bool (node->op == TOK_EQ ? equal : !equal);
    }

  cmp = compare_values (a, b);
  switch (node->op)
    {
    case TOK_LT:
      return sb_value_new_bool (cmp < 0);
    case TOK_LE:
      return sb_value_new_bool (cmp <= 0);
    case TOK_GT:
      return sb_value_new_bool (cmp > 0);
    case TOK_GE:
    default:
      return sb_value_new_bool (cmp >= 0);
    }
}

static SbValue *
eval_in (Evaluator *evaluator,
         Node      *node)
{
  g_autoptr(SbValue) a = evaluate (evaluator, node->a);
  g_autoptr(SbValue) b = NULL;
  gboolean found;

  if (is_null (a))
    return null_value ();
  b = evaluate (evaluator, node->b);
  if (is_null (b))
    return null_value ();

  if (sb_value_get_kind (b) == SB_VALUE_TEXT)
    found = sb_value_get_kind (a) == SB_VALUE_TEXT && strstr (sb_value_get_text (b), sb_value_get_text (a)) != NULL;
  else if (sb_value_get_kind (b) == SB_VALUE_LIST && sb_value_get_kind (a) == SB_VALUE_TEXT &&
           node->b->kind == NODE_MEMBER && node->b->ref == REF_COLUMN_LIST)
    /* The list stays alive in the column cache, and with it the texts. */
    found = g_hash_table_contains (column_text_set (evaluator, node->b, b), sb_value_get_text (a));
  else if (sb_value_get_kind (b) == SB_VALUE_LIST)
    found = list_contains (b, a);
  else
    return null_value ();

  return sb_value_new_bool (node->op == TOK_NOT ? !found : found);
}

static SbValue *
eval_column_list (Evaluator *evaluator,
                  Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;
  guint n;
  GPtrArray *items;
  SbValue *list;

  if (evaluator->columns == NULL)
    evaluator->columns = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sb_value_unref);
  list = g_hash_table_lookup (evaluator->columns, node);
  if (list != NULL)
    return sb_value_ref (list);

  n = scope->row_count (scope->data, node->table_id);
  items = g_ptr_array_new_full (n, (GDestroyNotify) sb_value_unref);
  for (guint r = 0; r < n; r++)
    {
      SbValue *cell = scope->cell (scope->data, node->table_id, r, node->id);

      g_ptr_array_add (items, cell ? sb_value_ref (cell) : null_value ());
    }
  list = sb_value_new_list (items);
  g_hash_table_insert (evaluator->columns, node, sb_value_ref (list));
  return list;
}

/* The texts of a column list, as a set, built once per evaluation. */
static GHashTable *
column_text_set (Evaluator *evaluator,
                 Node      *node,
                 SbValue   *list)
{
  GHashTable *set;

  if (evaluator->text_sets == NULL)
    evaluator->text_sets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  set = g_hash_table_lookup (evaluator->text_sets, node);
  if (set != NULL)
    return set;

  set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == SB_VALUE_TEXT)
        g_hash_table_add (set, (gpointer) sb_value_get_text (item));
    }
  g_hash_table_insert (evaluator->text_sets, node, set);
  return set;
}

static SbValue *
evaluate (Evaluator *evaluator,
          Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;

  switch (node->kind)
    {
    case NODE_LITERAL:
      return sb_value_ref (node->value);

    case NODE_NAME:
      switch (node->ref)
        {
        case REF_CONSTANT:
          return sb_value_ref (node->value);
        case REF_FIELD:
          {
            SbValue *value = scope->field ? scope->field (scope->data, node->id) : NULL;
            return value ? sb_value_ref (value) : null_value ();
          }
        case REF_ITEM:
          {
            SbValue *item = evaluator->bindings[node->variable].item;
            return item ? sb_value_ref (item) : null_value ();
          }
        case REF_ROW:
        default:
          return null_value ();
        }

    case NODE_MEMBER:
      if (node->ref == REF_CELL)
        {
          Binding *binding = &evaluator->bindings[node->a->variable];
          SbValue *cell;

          if (node->a->kind != NODE_NAME || !binding->is_row)
            return null_value ();
          cell = scope->cell (scope->data, binding->table_id, binding->row, node->id);
          return cell ? sb_value_ref (cell) : null_value ();
        }
      return eval_column_list (evaluator, node);

    case NODE_NEGATE:
      {
        g_autoptr(SbValue) value = evaluate (evaluator, node->a);
        SbValue *result;
        mpq_t r;

        if (is_null (value) || sb_value_get_kind (value) != SB_VALUE_NUMBER)
          return null_value ();
        mpq_init (r);
        mpq_neg (r, sb_value_get_number (value));
        result = sb_value_new_number (r);
        mpq_clear (r);
        return result;
      }

    case NODE_NOT:
      {
        g_autoptr(SbValue) value = NULL;

        evaluator->positive = !evaluator->positive;
        value = evaluate (evaluator, node->a);
        evaluator->positive = !evaluator->positive;
        if (is_null (value))
          return null_value ();
        return sb_value_new_bool (!sb_value_get_bool (value));
      }

    case NODE_ARITH:
      return eval_arith (evaluator, node);

    case NODE_COMPARE:
      return eval_compare (evaluator, node);

    case NODE_IN:
      return eval_in (evaluator, node);

    case NODE_AND:
    case NODE_OR:
      {
        gboolean is_and = node->kind == NODE_AND;
        g_autoptr(SbValue) a = evaluate (evaluator, node->a);
        g_autoptr(SbValue) b = NULL;

        /* false and x = false; true or x = true, whatever x is. */
        if (!is_null (a) && sb_value_get_bool (a) != is_and)
          return sb_value_ref (a);
        b = evaluate (evaluator, node->b);
        if (!is_null (b) && sb_value_get_bool (b) != is_and)
          return sb_value_ref (b);
        if (is_null (a) || is_null (b))
          return null_value ();
        return sb_value_new_bool (is_and);
      }

    case NODE_IF:
      {
        g_autoptr(SbValue) condition = evaluate (evaluator, node->a);

        if (is_null (condition))
          return null_value ();
        return evaluate (evaluator, sb_value_get_bool (condition) ? node->b : node->c);
      }

    case NODE_LIST:
      {
        GPtrArray *items = g_ptr_array_new_full (node->args->len, (GDestroyNotify) sb_value_unref);

        for (guint i = 0; i < node->args->len; i++)
          g_ptr_array_add (items, evaluate (evaluator, arg (node, i)));
        return sb_value_new_list (items);
      }

    case NODE_CALL:
    case NODE_COMPREHENSION:
      return node->function->eval (evaluator, node);

    default:
      return null_value ();
    }
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

SbExpression *
sb_expression_ref (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  self->ref_count++;
  return self;
}

void
sb_expression_unref (SbExpression *self)
{
  g_return_if_fail (self != NULL);

  if (--self->ref_count > 0)
    return;

  g_free (self->source);
  node_free (self->root);
  g_clear_pointer (&self->fields, g_array_unref);
  g_free (self);
}

SbExpression *
sb_expression_parse (const char  *source,
                     GError     **error)
{
  g_autoptr(GArray) tokens = NULL;
  Parser parser = { 0 };
  SbExpression *self;
  Node *root;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (source) > MAX_SOURCE_LENGTH)
    {
      g_set_error (error, SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_TOO_COMPLEX,
                   "column 1: the expression is longer than %d bytes", MAX_SOURCE_LENGTH);
      return NULL;
    }

  if (!g_utf8_validate (source, -1, NULL))
    {
      g_set_error (error, SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_SYNTAX, "column 1: the expression is not UTF-8 text");
      return NULL;
    }

  tokens = tokenize (source, error);
  if (tokens == NULL)
    return NULL;

  parser.tokens = tokens;
  root = parse_expression (&parser);
  if (root != NULL && peek (&parser)->kind != TOK_END)
    {
      syntax_error (&parser, peek (&parser), "an operator or the end");
      g_clear_pointer (&root, node_free);
    }

  if (root == NULL)
    {
      g_propagate_error (error, parser.error);
      return NULL;
    }

  self = g_new0 (SbExpression, 1);
  self->ref_count = 1;
  self->source = g_strdup (source);
  self->root = root;
  return self;
}

gboolean
sb_expression_check (SbExpression           *self,
                     const SbSymbolResolver *resolver,
                     SbTypeKind              expected,
                     GError                **error)
{
  Checker checker = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  checker.resolver = resolver;
  checker.fields = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!check_node (&checker, self->root) ||
      !expect_value (&checker, self->root) ||
      (expected != SB_TYPE_ANY && !expect_kind (&checker, self->root, expected, "the expression")))
    {
      g_array_unref (checker.fields);
      g_propagate_error (error, checker.error);
      return FALSE;
    }

  g_clear_pointer (&self->fields, g_array_unref);
  self->fields = checker.fields;
  self->checked = TRUE;
  return TRUE;
}

const SbType *
sb_expression_get_type (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->root->type;
}

const char *
sb_expression_get_source (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

const GArray *
sb_expression_get_fields (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fields;
}

SbValue *
sb_expression_evaluate (SbExpression      *self,
                        const SbEvalScope *scope)
{
  Evaluator evaluator = { 0 };

  g_return_val_if_fail (self != NULL, sb_value_new_null ());
  g_return_val_if_fail (scope != NULL, sb_value_new_null ());

  /* Evaluating an unchecked tree would meet unresolved names. */
  if (!self->checked)
    return sb_value_new_null ();

  SbValue *result;

  evaluator.scope = scope;
  evaluator.positive = TRUE;
  result = evaluate (&evaluator, self->root);
  g_clear_pointer (&evaluator.text_sets, g_hash_table_unref);
  g_clear_pointer (&evaluator.columns, g_hash_table_unref);
  return result;
}
