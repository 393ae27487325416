/*
 * The shell's parser (sh.h): recursive descent over the tokens of
 * lexer.c, following the POSIX grammar, building the nodes of node.c.
 * parse_line() returns one complete command (everything up to a
 * newline) so the main loop can run each line before reading the next.
 * A syntax error longjmps back to parse_line().
 */
#include "sh.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct node *parse_list(struct parser *p, int top);
static struct node *parse_command(struct parser *p);

static const char *const stop_words[] = {
	"then", "else", "elif", "fi", "do", "done", "esac", "}", NULL,
};

static int is_word(struct parser *p, const char *kw)
{
	return lex_peek(&p->lx) == T_WORD && !strcmp(p->lx.text, kw);
}

/* How a token is named in messages: 'fi', ';;', end of file. */
static const char *tok_desc(struct parser *p, char *buf, size_t size)
{
	enum tok t = lex_peek(&p->lx);

	if (t == T_EOF || t == T_NL)
		return tok_name(t);
	snprintf(buf, size, "'%s'", t == T_WORD || t == T_IONUM ?
		 p->lx.text : tok_name(t));
	return buf;
}

static void __attribute__((noreturn)) unexpected(struct parser *p)
{
	char buf[128];

	lex_error(&p->lx, "unexpected %s", tok_desc(p, buf, sizeof(buf)));
}

static void expect(struct parser *p, const char *kw)
{
	char buf[128];

	if (!is_word(p, kw))
		lex_error(&p->lx, "unexpected %s (expecting '%s')",
			  tok_desc(p, buf, sizeof(buf)), kw);
	lex_next(&p->lx);
}

static char *take_word(struct parser *p)
{
	char *w;

	if (lex_peek(&p->lx) != T_WORD)
		unexpected(p);
	lex_next(&p->lx);
	w = p->lx.text;
	p->lx.text = NULL;
	return w;
}

static void skip_newlines(struct parser *p)
{
	while (lex_peek(&p->lx) == T_NL)
		lex_next(&p->lx);
}

static int at_list_end(struct parser *p)
{
	enum tok t = lex_peek(&p->lx);

	if (t == T_EOF || t == T_RPAREN || t == T_DSEMI)
		return 1;
	for (int i = 0; t == T_WORD && stop_words[i]; i++)
		if (!strcmp(p->lx.text, stop_words[i]))
			return 1;
	return 0;
}

static struct node *binary(enum node_type type, struct node *a,
			   struct node *b)
{
	struct node *n = node_new(type, a->lineno);

	n->a = a;
	n->b = b;
	return n;
}

static int redir_op(enum tok t)
{
	return t == T_LT || t == T_GT || t == T_DGT || t == T_CLOBBER ||
	       t == T_LTAND || t == T_GTAND || t == T_LTGT || t == T_DLT ||
	       t == T_DLTDASH;
}

static void parse_redir(struct parser *p, struct redir **list)
{
	struct redir *r = xmalloc(sizeof(*r));
	enum tok t;

	memset(r, 0, sizeof(*r));
	r->fd = -1;
	if (lex_peek(&p->lx) == T_IONUM) {
		lex_next(&p->lx);
		r->fd = atoi(p->lx.text);
	}
	t = lex_next(&p->lx);
	static const enum redir_type map[] = {
		[T_LT] = R_IN, [T_GT] = R_OUT, [T_DGT] = R_APPEND,
		[T_CLOBBER] = R_CLOBBER, [T_LTAND] = R_DUPIN,
		[T_GTAND] = R_DUPOUT, [T_LTGT] = R_RDWR, [T_DLT] = R_HEREDOC,
		[T_DLTDASH] = R_HEREDOC,
	};
	r->type = map[t];
	if (r->fd < 0)
		r->fd = (t == T_LT || t == T_LTAND || t == T_LTGT ||
			 t == T_DLT || t == T_DLTDASH) ? 0 : 1;
	r->word = take_word(p);
	if (r->type == R_HEREDOC) {
		r->strip_tabs = t == T_DLTDASH;
		lex_add_heredoc(&p->lx, r);
	}
	while (*list)
		list = &(*list)->next;
	*list = r;
}

static void parse_redirs(struct parser *p, struct node *n)
{
	while (lex_peek(&p->lx) == T_IONUM || redir_op(lex_peek(&p->lx)))
		parse_redir(p, &n->redirs);
}

static int is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');

	return eq && is_name_n(w, (size_t)(eq - w));
}

static struct node *parse_funcdef(struct parser *p, struct node *n)
{
	struct node *f = node_new(N_FUNC, n->lineno);

	lex_next(&p->lx);
	if (lex_next(&p->lx) != T_RPAREN)
		lex_error(&p->lx, "expected ')' after '%s('", n->words.v[0]);
	if (!is_name(n->words.v[0]))
		lex_error(&p->lx, "bad function name '%s'", n->words.v[0]);
	f->name = xstrdup(n->words.v[0]);
	node_free(n);
	skip_newlines(p);
	f->a = parse_command(p);
	p->has_func = 1;
	return f;
}

static struct node *parse_simple(struct parser *p)
{
	struct node *n = node_new(N_CMD, p->lx.lineno);
	enum tok t;

	for (;;) {
		t = lex_peek(&p->lx);
		if (t == T_IONUM || redir_op(t)) {
			parse_redir(p, &n->redirs);
		} else if (t == T_WORD) {
			char *w = take_word(p);

			if (!n->words.n && is_assignment(w))
				sv_push(&n->assigns, w);
			else
				sv_push(&n->words, w);
			if (n->words.n == 1 && !n->assigns.n && !n->redirs &&
			    lex_peek(&p->lx) == T_LPAREN)
				return parse_funcdef(p, n);
		} else {
			break;
		}
	}
	if (!n->words.n && !n->assigns.n && !n->redirs)
		unexpected(p);
	return n;
}

static struct node *compound_list(struct parser *p)
{
	skip_newlines(p);
	return parse_list(p, 0);
}

static struct node *parse_if(struct parser *p)
{
	struct node *n = node_new(N_IF, p->lx.lineno);

	lex_next(&p->lx);	/* if or elif */
	n->a = compound_list(p);
	expect(p, "then");
	n->b = compound_list(p);
	if (is_word(p, "elif")) {
		n->c = parse_if(p);
		return n;
	}
	if (is_word(p, "else")) {
		lex_next(&p->lx);
		n->c = compound_list(p);
	}
	expect(p, "fi");
	return n;
}

static struct node *parse_loop(struct parser *p, enum node_type type)
{
	struct node *n = node_new(type, p->lx.lineno);

	lex_next(&p->lx);
	n->a = compound_list(p);
	expect(p, "do");
	n->b = compound_list(p);
	expect(p, "done");
	return n;
}

static struct node *parse_for(struct parser *p)
{
	struct node *n = node_new(N_FOR, p->lx.lineno);

	lex_next(&p->lx);
	n->name = take_word(p);
	if (!is_name(n->name))
		lex_error(&p->lx, "bad for loop variable '%s'", n->name);
	if (lex_peek(&p->lx) == T_SEMI) {
		lex_next(&p->lx);
	} else {
		skip_newlines(p);
		if (is_word(p, "in")) {
			lex_next(&p->lx);
			n->has_in = 1;
			while (lex_peek(&p->lx) == T_WORD)
				sv_push(&n->words, take_word(p));
			if (lex_peek(&p->lx) != T_SEMI &&
			    lex_peek(&p->lx) != T_NL)
				unexpected(p);
			lex_next(&p->lx);
		}
	}
	skip_newlines(p);
	expect(p, "do");
	n->b = compound_list(p);
	expect(p, "done");
	return n;
}

static struct case_item *parse_case_item(struct parser *p)
{
	struct case_item *it = xmalloc(sizeof(*it));

	memset(it, 0, sizeof(*it));
	if (lex_peek(&p->lx) == T_LPAREN)
		lex_next(&p->lx);
	for (;;) {
		sv_push(&it->pats, take_word(p));
		if (lex_peek(&p->lx) != T_PIPE)
			break;
		lex_next(&p->lx);
	}
	if (lex_next(&p->lx) != T_RPAREN)
		lex_error(&p->lx, "expected ')' in case pattern");
	skip_newlines(p);
	if (lex_peek(&p->lx) != T_DSEMI && !is_word(p, "esac"))
		it->body = compound_list(p);
	if (lex_peek(&p->lx) == T_DSEMI) {
		lex_next(&p->lx);
		skip_newlines(p);
	} else if (!is_word(p, "esac")) {
		unexpected(p);
	}
	return it;
}

static struct node *parse_case(struct parser *p)
{
	struct node *n = node_new(N_CASE, p->lx.lineno);
	struct case_item **tail = &n->items;

	lex_next(&p->lx);
	n->name = take_word(p);
	skip_newlines(p);
	expect(p, "in");
	skip_newlines(p);
	while (!is_word(p, "esac")) {
		*tail = parse_case_item(p);
		tail = &(*tail)->next;
	}
	lex_next(&p->lx);
	return n;
}

static struct node *parse_compound(struct parser *p)
{
	struct node *n;

	if (lex_peek(&p->lx) == T_LPAREN) {
		n = node_new(N_SUBSHELL, p->lx.lineno);
		lex_next(&p->lx);
		n->a = compound_list(p);
		if (lex_next(&p->lx) != T_RPAREN)
			lex_error(&p->lx, "expected ')'");
	} else if (is_word(p, "{")) {
		n = node_new(N_GROUP, p->lx.lineno);
		lex_next(&p->lx);
		n->a = compound_list(p);
		expect(p, "}");
	} else if (is_word(p, "if")) {
		n = parse_if(p);
	} else if (is_word(p, "while")) {
		n = parse_loop(p, N_WHILE);
	} else if (is_word(p, "until")) {
		n = parse_loop(p, N_UNTIL);
	} else if (is_word(p, "for")) {
		n = parse_for(p);
	} else if (is_word(p, "case")) {
		n = parse_case(p);
	} else {
		return NULL;
	}
	parse_redirs(p, n);
	return n;
}

static void expand_alias(struct parser *p)
{
	const char *val;

	while (lex_peek(&p->lx) == T_WORD && (val = alias_get(p->lx.text)) &&
	       !in_alias_active(p->lx.in, p->lx.text)) {
		char *name = xstrdup(p->lx.text);

		lex_next(&p->lx);
		in_push_alias(p->lx.in, name, val);
		free(name);
	}
}

static struct node *parse_command(struct parser *p)
{
	struct node *n;

	expand_alias(p);
	n = parse_compound(p);
	if (n)
		return n;
	if (at_list_end(p))
		unexpected(p);
	return parse_simple(p);
}

static struct node *parse_pipeline(struct parser *p)
{
	struct node *n = node_new(N_PIPE, p->lx.lineno), *c;

	if (is_word(p, "!")) {
		lex_next(&p->lx);
		n->bang = 1;
	}
	for (;;) {
		c = parse_command(p);
		n->kids = xrealloc(n->kids, sizeof(*n->kids) *
				   (size_t)(n->nkids + 1));
		n->kids[n->nkids++] = c;
		if (lex_peek(&p->lx) != T_PIPE)
			break;
		lex_next(&p->lx);
		skip_newlines(p);
	}
	if (n->nkids == 1 && !n->bang) {
		n->nkids = 0;
		node_free(n);
		return c;
	}
	return n;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *n = parse_pipeline(p);
	enum tok t;

	while ((t = lex_peek(&p->lx)) == T_AND || t == T_OR) {
		lex_next(&p->lx);
		skip_newlines(p);
		n = binary(t == T_AND ? N_AND : N_OR, n, parse_pipeline(p));
	}
	return n;
}

/* and-or lists joined by ; & (and newlines unless @top). */
static struct node *parse_list(struct parser *p, int top)
{
	struct node *n = parse_and_or(p);
	enum tok t;

	for (;;) {
		t = lex_peek(&p->lx);
		if (t == T_SEMI || t == T_AMP) {
			lex_next(&p->lx);
			if (t == T_AMP)
				n = binary(N_BG, n, NULL);
		} else if (t != T_NL || top) {
			return n;
		}
		if (top) {
			t = lex_peek(&p->lx);
			if (t == T_NL || t == T_EOF)
				return n;
		} else {
			skip_newlines(p);
			if (at_list_end(p))
				return n;
		}
		n = binary(N_SEQ, n, parse_and_or(p));
	}
}

void parser_init(struct parser *p, struct input *in)
{
	memset(p, 0, sizeof(*p));
	p->lx.in = in;
}

struct node *parse_line(struct parser *p, int *eof)
{
	jmp_buf jb;
	struct node *n;
	enum tok t;

	p->lx.err = &jb;
	p->error = 0;
	*eof = 0;
	if (setjmp(jb)) {
		p->error = 1;
		p->lx.have = 0;
		p->lx.npending = 0;
		return NULL;
	}
	t = lex_peek(&p->lx);
	if (t == T_EOF || t == T_NL) {
		lex_next(&p->lx);
		*eof = t == T_EOF;
		return NULL;
	}
	n = parse_list(p, 1);
	t = lex_peek(&p->lx);
	if (t != T_NL && t != T_EOF)
		unexpected(p);
	lex_next(&p->lx);
	return n;
}
