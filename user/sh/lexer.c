/*
 * The shell's lexer (sh.h, struct lexer): it turns the characters of
 * input.c into tokens for parser.c. Words stay raw (quotes, $(...),
 * `...` and ${...} kept as written) and are expanded only when run, by
 * expand.c, which reuses the scan_* functions here to find where a
 * nested construct ends. Here-document bodies are read when the
 * newline after their << operator is reached.
 */
#include "sh.h"
#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int scan_dollar_in(struct input *in, struct strbuf *sb, int dq);

static const char *const tok_names[] = {
	[T_EOF] = "end of file", [T_NL] = "newline", [T_WORD] = "word",
	[T_IONUM] = "number", [T_SEMI] = ";", [T_AMP] = "&", [T_PIPE] = "|",
	[T_AND] = "&&", [T_OR] = "||", [T_DSEMI] = ";;", [T_LPAREN] = "(",
	[T_RPAREN] = ")", [T_LT] = "<", [T_GT] = ">", [T_DGT] = ">>",
	[T_CLOBBER] = ">|", [T_LTAND] = "<&", [T_GTAND] = ">&",
	[T_LTGT] = "<>", [T_DLT] = "<<", [T_DLTDASH] = "<<-",
};

const char *tok_name(enum tok t)
{
	return tok_names[t];
}

void lex_error(struct lexer *lx, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "sh: line %d: syntax error: ", lx->in->lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	longjmp(*lx->err, 1);
}

/* The rest of a backslash pair; 0 if it was a line continuation. */
static int scan_escape(struct input *in, struct strbuf *sb)
{
	int c = in_getc(in);

	if (c < 0)
		return -1;
	if (c == '\n') {
		sb->len--;	/* drop the backslash too */
		sb->s[sb->len] = 0;
		return 0;
	}
	sb_addc(sb, c);
	return 0;
}

static int scan_squote(struct input *in, struct strbuf *sb)
{
	int c;

	while ((c = in_getc(in)) >= 0) {
		sb_addc(sb, c);
		if (c == '\'')
			return 0;
	}
	return -1;
}

int scan_backquote(struct input *in, struct strbuf *sb)
{
	int c;

	while ((c = in_getc(in)) >= 0) {
		sb_addc(sb, c);
		if (c == '`')
			return 0;
		if (c == '\\' && scan_escape(in, sb) < 0)
			return -1;
	}
	return -1;
}

int scan_dquote(struct input *in, struct strbuf *sb)
{
	int c, r = 0;

	while ((c = in_getc(in)) >= 0) {
		sb_addc(sb, c);
		if (c == '"')
			return 0;
		if (c == '\\')
			r = scan_escape(in, sb);
		else if (c == '$')
			r = scan_dollar_in(in, sb, 1);
		else if (c == '`')
			r = scan_backquote(in, sb);
		if (r < 0)
			return -1;
	}
	return -1;
}

/* One character inside a nested construct: quotes and substitutions
 * nest, everything else is copied. */
static int scan_nested(struct input *in, struct strbuf *sb, int c, int dq)
{
	switch (c) {
	case '\\':
		return scan_escape(in, sb);
	case '\'':
		return dq ? 0 : scan_squote(in, sb);
	case '"':
		return scan_dquote(in, sb);
	case '`':
		return scan_backquote(in, sb);
	case '$':
		return scan_dollar_in(in, sb, dq);
	}
	return 0;
}

static int scan_brace_in(struct input *in, struct strbuf *sb, int dq)
{
	int c;

	while ((c = in_getc(in)) >= 0) {
		sb_addc(sb, c);
		if (c == '}')
			return 0;
		if (scan_nested(in, sb, c, dq) < 0)
			return -1;
	}
	return -1;
}

int scan_brace(struct input *in, struct strbuf *sb)
{
	return scan_brace_in(in, sb, 0);
}

/* Inside $( ), the parentheses of case patterns must not count:
 * track case ... esac by watching for those words. */
struct paren_state {
	int depth;
	int in_case;
	char word[8];
	size_t wlen;
};

static void paren_word_end(struct paren_state *ps)
{
	ps->word[ps->wlen] = 0;
	if (!strcmp(ps->word, "case"))
		ps->in_case++;
	else if (!strcmp(ps->word, "esac") && ps->in_case)
		ps->in_case--;
	ps->wlen = 0;
}

static void paren_track(struct paren_state *ps, int c)
{
	if (c >= 'a' && c <= 'z') {
		if (ps->wlen < sizeof(ps->word) - 1)
			ps->word[ps->wlen++] = (char)c;
		else
			ps->wlen = sizeof(ps->word);	/* too long: no word */
		return;
	}
	if (ps->wlen < sizeof(ps->word))
		paren_word_end(ps);
	ps->wlen = 0;
}

/* Up to the ')' closing a $( (depth 1) or the "))" of a $(( . */
static int scan_paren(struct input *in, struct strbuf *sb, int arith)
{
	struct paren_state ps = { 0 };
	int c;

	while ((c = in_getc(in)) >= 0) {
		sb_addc(sb, c);
		if (!arith)
			paren_track(&ps, c);
		if (ps.in_case && (c == '(' || c == ')'))
			continue;
		if (c == '(') {
			ps.depth++;
		} else if (c == ')') {
			if (ps.depth-- > 0)
				continue;
			if (!arith)
				return 0;
			if (in_peekc(in) == ')') {
				sb_addc(sb, in_getc(in));
				return 0;
			}
		} else if (c != '\'' || !arith) {
			if (scan_nested(in, sb, c, 0) < 0)
				return -1;
		}
	}
	return -1;
}

static int scan_dollar_in(struct input *in, struct strbuf *sb, int dq)
{
	int c = in_getc(in);

	if (c == '{') {
		sb_addc(sb, c);
		return scan_brace_in(in, sb, dq);
	}
	if (c == '(') {
		sb_addc(sb, c);
		if (in_peekc(in) == '(') {
			sb_addc(sb, in_getc(in));
			return scan_paren(in, sb, 1);
		}
		return scan_paren(in, sb, 0);
	}
	in_ungetc(in, c);
	return 0;
}

int scan_dollar(struct input *in, struct strbuf *sb)
{
	return scan_dollar_in(in, sb, 0);
}

static int is_meta(int c)
{
	return c < 0 || strchr(" \t\n;&|<>()", c) != NULL;
}

static void read_word(struct lexer *lx, struct strbuf *sb)
{
	struct input *in = lx->in;
	int c, r;

	while (!is_meta(c = in_getc(in))) {
		sb_addc(sb, c);
		r = 0;
		if (c == '\'')
			r = scan_squote(in, sb);
		else
			r = scan_nested(in, sb, c, 0);
		if (r < 0)
			lex_error(lx, "unexpected end of file (unclosed quote "
				  "or substitution)");
	}
	in_ungetc(in, c);
}

/* The delimiter with its quotes removed. */
static char *heredoc_delim(const char *w, int *quoted)
{
	struct strbuf sb = { 0 };

	*quoted = 0;
	for (; *w; w++) {
		if (*w == '\'' || *w == '"') {
			*quoted = 1;
		} else if (*w == '\\' && w[1]) {
			*quoted = 1;
			sb_addc(&sb, *++w);
		} else {
			sb_addc(&sb, *w);
		}
	}
	return sb_take(&sb);
}

static void read_heredoc(struct lexer *lx, struct redir *r)
{
	struct strbuf body = { 0 }, line = { 0 };
	char *delim = heredoc_delim(r->word, &r->quoted);
	int c;

	for (;;) {
		while ((c = in_getc(lx->in)) >= 0 && c != '\n')
			sb_addc(&line, c);
		const char *p = line.s ? line.s : "";

		while (r->strip_tabs && *p == '\t')
			p++;
		if (!strcmp(p, delim) || (c < 0 && !line.len))
			break;
		sb_adds(&body, p);
		sb_addc(&body, '\n');
		line.len = 0;
		if (c < 0)
			break;
	}
	sb_free(&line);
	free(delim);
	r->body = sb_take(&body);
}

void lex_add_heredoc(struct lexer *lx, struct redir *r)
{
	if (lx->npending == MAX_HEREDOC)
		lex_error(lx, "too many here-documents");
	lx->pending[lx->npending++] = r;
}

static enum tok read_op2(struct input *in, int c)
{
	int d = in_getc(in);

	switch (c) {
	case '&':
		if (d == '&')
			return T_AND;
		in_ungetc(in, d);
		return T_AMP;
	case '|':
		if (d == '|')
			return T_OR;
		in_ungetc(in, d);
		return T_PIPE;
	case ';':
		if (d == ';')
			return T_DSEMI;
		in_ungetc(in, d);
		return T_SEMI;
	case '<':
		if (d == '<') {
			if (in_peekc(in) == '-')
				return in_getc(in), T_DLTDASH;
			return T_DLT;
		}
		if (d == '&')
			return T_LTAND;
		if (d == '>')
			return T_LTGT;
		in_ungetc(in, d);
		return T_LT;
	}
	/* '>' */
	if (d == '>')
		return T_DGT;
	if (d == '&')
		return T_GTAND;
	if (d == '|')
		return T_CLOBBER;
	in_ungetc(in, d);
	return T_GT;
}

static int skip_blanks(struct input *in)
{
	int c;

	for (;;) {
		c = in_getc(in);
		if (c == ' ' || c == '\t')
			continue;
		if (c == '\\' && in_peekc(in) == '\n') {
			in_getc(in);
			continue;
		}
		if (c == '#') {
			while ((c = in_getc(in)) >= 0 && c != '\n')
				;
		}
		return c;
	}
}

static enum tok lex_read(struct lexer *lx)
{
	struct strbuf sb = { 0 };
	int c = skip_blanks(lx->in);

	lx->lineno = lx->in->lineno;
	if (c < 0)
		return T_EOF;
	if (c == '\n') {
		for (int i = 0; i < lx->npending; i++)
			read_heredoc(lx, lx->pending[i]);
		lx->npending = 0;
		return T_NL;
	}
	if (c == '(')
		return T_LPAREN;
	if (c == ')')
		return T_RPAREN;
	if (strchr("&|;<>", c))
		return read_op2(lx->in, c);
	in_ungetc(lx->in, c);
	read_word(lx, &sb);
	lx->text = sb_take(&sb);
	c = in_peekc(lx->in);
	if ((c == '<' || c == '>') && lx->text[0] &&
	    strspn(lx->text, "0123456789") == strlen(lx->text))
		return T_IONUM;
	return T_WORD;
}

enum tok lex_peek(struct lexer *lx)
{
	if (!lx->have) {
		free(lx->text);
		lx->text = NULL;
		lx->tok = lex_read(lx);
		lx->have = 1;
	}
	return lx->tok;
}

enum tok lex_next(struct lexer *lx)
{
	enum tok t = lex_peek(lx);

	lx->have = 0;
	return t;
}
