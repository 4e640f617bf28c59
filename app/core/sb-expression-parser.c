/* sb-expression-parser.c — the lexer and the recursive-descent parser
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-expression"

#include "config.h"

#include <string.h>

#include "sb-expression-private.h"

void
sb_expr_node_free (Node *node)
{
  if (node == NULL)
    return;

  g_free (node->name);
  g_free (node->function_name);
  g_clear_pointer (&node->value, sb_value_unref);
  sb_expr_node_free (node->a);
  sb_expr_node_free (node->b);
  sb_expr_node_free (node->c);
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
  call->args = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_expr_node_free);

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
        sb_expr_set_type (node, SB_TYPE_NUMBER);
        return node;
      }

    case TOK_STRING:
      advance (parser);
      node = node_new (NODE_LITERAL, token->column);
      node->value = sb_value_new_text (token->text);
      sb_expr_set_type (node, SB_TYPE_TEXT);
      return node;

    case TOK_TRUE:
    case TOK_FALSE:
      advance (parser);
      node = node_new (NODE_LITERAL, token->column);
      node->value = sb_value_new_bool (token->kind == TOK_TRUE);
      sb_expr_set_type (node, SB_TYPE_BOOL);
      return node;

    case TOK_NULL:
      advance (parser);
      node = node_new (NODE_LITERAL, token->column);
      node->value = sb_value_new_null ();
      sb_expr_set_type (node, SB_TYPE_ANY);
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
              sb_expr_node_free (node);
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
          sb_expr_node_free (node);
          return NULL;
        }
      return node;

    case TOK_LBRACKET:
      advance (parser);
      node = node_new (NODE_LIST, token->column);
      node->args = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_expr_node_free);
      if (peek (parser)->kind != TOK_RBRACKET)
        {
          do
            {
              Node *item = parse_expression (parser);

              if (item == NULL)
                {
                  sb_expr_node_free (node);
                  return NULL;
                }
              g_ptr_array_add (node->args, item);
            }
          while (peek (parser)->kind == TOK_COMMA && advance (parser));
        }
      if (!expect (parser, TOK_RBRACKET, "']' or ','"))
        {
          sb_expr_node_free (node);
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
          sb_expr_node_free (node);
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
          sb_expr_node_free (node);
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
          sb_expr_node_free (node);
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
      sb_expr_node_free (node);
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
      sb_expr_node_free (node);
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
          sb_expr_node_free (node);
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
          sb_expr_node_free (node);
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

/* The tree of @source, which the caller has checked is UTF-8 of a
 * bounded length. */
Node *
sb_expr_parse (const char  *source,
               GError     **error)
{
  g_autoptr(GArray) tokens = NULL;
  Parser parser = { 0 };
  Node *root;

  tokens = tokenize (source, error);
  if (tokens == NULL)
    return NULL;

  parser.tokens = tokens;
  root = parse_expression (&parser);
  if (root != NULL && peek (&parser)->kind != TOK_END)
    {
      syntax_error (&parser, peek (&parser), "an operator or the end");
      g_clear_pointer (&root, sb_expr_node_free);
    }

  if (root == NULL)
    {
      g_propagate_error (error, parser.error);
      return NULL;
    }

  return root;
}
