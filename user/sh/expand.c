/*
 * Word expansion (sh.h): a raw word from lexer.c becomes fields. Each
 * output character carries an attribute (A_LIT, A_QUOT, A_SPLIT, ...)
 * saying whether field splitting and pathname expansion may touch it;
 * then split_and_glob() makes the fields. Parameters are in param.c,
 * arithmetic in arith.c; command substitution is here.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <glob.h>
#include <fnmatch.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int cmdsub_status = -1;

void xb_add(struct xbuf *xb, char c, int attr)
{
	if (xb->s.len + 1 > xb->acap) {
		xb->acap = xb->acap ? xb->acap * 2 : 32;
		xb->attr = xrealloc(xb->attr, xb->acap);
	}
	xb->attr[xb->s.len] = (unsigned char)attr;
	sb_addc(&xb->s, c);
}

void xb_adds(struct xbuf *xb, const char *s, int attr)
{
	while (*s)
		xb_add(xb, *s++, attr);
}

void xb_free(struct xbuf *xb)
{
	sb_free(&xb->s);
	free(xb->attr);
	memset(xb, 0, sizeof(*xb));
}

/* The end of a construct whose first character is s[i]: the index just
 * past it, using the lexer's scanners; 0 when it is not closed. */
static size_t construct_end(const char *s, size_t n, size_t i)
{
	struct input in;
	struct strbuf tmp = { 0 };
	int r;

	in_init_str(&in, s + i + 1, n - i - 1);
	if (s[i] == '"')
		r = scan_dquote(&in, &tmp);
	else if (s[i] == '`')
		r = scan_backquote(&in, &tmp);
	else
		r = scan_dollar(&in, &tmp);
	sb_free(&tmp);
	return r < 0 ? 0 : i + 1 + in.pos;
}

int tilde(struct xbuf *xb, const char *s, size_t n, size_t *ip, int flags)
{
	size_t i = *ip + 1, j = i;
	const char *home = NULL;
	char name[256];

	while (j < n && s[j] != '/' && !(s[j] == ':' && (flags & X_ASSIGN))) {
		if (strchr("'\"\\$`", s[j]))
			return 0;
		j++;
	}
	if (j - i >= sizeof(name))
		return 0;
	memcpy(name, s + i, j - i);
	name[j - i] = 0;
	if (!name[0]) {
		home = var_get("HOME");
	} else {
		struct passwd *pw = getpwnam(name);

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return 0;
	xb_adds(xb, home, A_QUOT);
	*ip = j;
	return 1;
}

static char *unbackquote(const char *s, size_t n)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && strchr("$`\\", s[i + 1]))
			i++;
		sb_addc(&sb, s[i]);
	}
	return sb_take(&sb);
}

static void read_all(int fd, struct strbuf *sb)
{
	char buf[4096];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_addn(sb, buf, (size_t)r);
	}
}

int cmdsubst(struct xbuf *xb, const char *text, int flags, int backq)
{
	struct strbuf out = { 0 };
	int p[2], st;
	pid_t pid;

	fflush(stdout);
	if (pipe(p) < 0) {
		sh_err("pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		}
		child_reset();
		sh_exit(eval_string(text, NULL));
	}
	close(p[1]);
	if (pid > 0)
		read_all(p[0], &out);
	close(p[0]);
	if (pid < 0) {
		sh_err("fork: %s", strerror(errno));
		return -1;
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	cmdsub_status = wait_status(st);
	while (out.len && out.s[out.len - 1] == '\n')
		out.s[--out.len] = 0;
	if (out.s)
		add_value(xb, out.s, flags);
	sb_free(&out);
	(void)backq;
	return 0;
}

static int backquote(struct xbuf *xb, const char *s, size_t n, size_t *ip,
		     int flags)
{
	size_t end = construct_end(s, n, *ip);
	char *text;
	int r;

	if (!end) {
		xb_add(xb, '`', A_QUOT);
		(*ip)++;
		return 0;
	}
	text = unbackquote(s + *ip + 1, end - *ip - 2);
	r = cmdsubst(xb, text, flags, 1);
	free(text);
	*ip = end;
	return r;
}

static int dquote(struct xbuf *xb, const char *s, size_t n, size_t *ip,
		  int flags)
{
	size_t end = construct_end(s, n, *ip), start = xb->s.len;
	int saved = xb->at_empty, r;

	if (!end)
		end = n + 1;	/* unclosed: the rest of the word */
	xb->at_empty = 0;
	r = expand_raw(xb, s + *ip + 1, end - *ip - 2, flags | X_DQ);
	if (xb->s.len == start && !xb->at_empty)
		xb_add(xb, 0, A_MARK);
	xb->at_empty |= saved;
	*ip = end > n ? n : end;
	return r;
}

static void backslash(struct xbuf *xb, const char *s, size_t n, size_t *ip,
		      int flags)
{
	size_t i = *ip;
	const char *special = (flags & X_HERE) ? "$`\\\n" : "$`\\\"\n";

	if (i + 1 >= n) {
		xb_add(xb, '\\', A_QUOT);
		*ip = i + 1;
	} else if ((flags & (X_DQ | X_HERE)) && !strchr(special, s[i + 1])) {
		xb_add(xb, '\\', A_QUOT);
		*ip = i + 1;
	} else {
		if (s[i + 1] != '\n')
			xb_add(xb, s[i + 1], A_QUOT);
		*ip = i + 2;
	}
}

static void squote(struct xbuf *xb, const char *s, size_t n, size_t *ip)
{
	size_t i = *ip + 1;

	while (i < n && s[i] != '\'')
		xb_add(xb, s[i++], A_QUOT);
	xb_add(xb, 0, A_MARK);
	*ip = i + 1;
}

int expand_raw(struct xbuf *xb, const char *s, size_t n, int flags)
{
	int quoted = flags & (X_DQ | X_HERE), r = 0;
	size_t i = 0;

	if (!quoted && n && s[0] == '~')
		tilde(xb, s, n, &i, flags);
	while (i < n && r == 0) {
		char c = s[i];

		if (c == '\'' && !quoted) {
			squote(xb, s, n, &i);
		} else if (c == '"' && !(flags & X_HERE)) {
			r = dquote(xb, s, n, &i, flags);
		} else if (c == '\\') {
			backslash(xb, s, n, &i, flags);
		} else if (c == '$') {
			r = expand_param(xb, s, n, &i, flags);
		} else if (c == '`') {
			r = backquote(xb, s, n, &i, flags);
		} else {
			xb_add(xb, c, quoted ? A_QUOT : A_LIT);
			i++;
			if (c == ':' && (flags & X_ASSIGN) && !quoted &&
			    i < n && s[i] == '~')
				tilde(xb, s, n, &i, flags);
		}
	}
	return r;
}

char *xb_to_str(struct xbuf *xb)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < xb->s.len; i++) {
		if (xb->attr[i] == A_BREAK)
			sb_addc(&sb, ' ');
		else if (xb->attr[i] != A_MARK)
			sb_addc(&sb, xb->s.s[i]);
	}
	return sb_take(&sb);
}

char *xb_to_pattern(struct xbuf *xb)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < xb->s.len; i++) {
		char c = xb->s.s[i];

		if (xb->attr[i] == A_BREAK)
			sb_addc(&sb, ' ');
		if (xb->attr[i] == A_MARK || xb->attr[i] == A_BREAK)
			continue;
		if (xb->attr[i] == A_QUOT && strchr("\\*?[]", c))
			sb_addc(&sb, '\\');
		sb_addc(&sb, c);
	}
	return sb_take(&sb);
}

int pat_match(const char *pat, const char *s)
{
	return fnmatch(pat, s, 0) == 0;
}

static void glob_field(struct xbuf *f, struct strv *out)
{
	int magic = 0;
	glob_t g;

	for (size_t i = 0; i < f->s.len && !sh.opt_f; i++)
		if (f->attr[i] != A_QUOT && f->attr[i] != A_MARK &&
		    strchr("*?[", f->s.s[i]))
			magic = 1;
	if (magic) {
		char *pat = xb_to_pattern(f);
		int r = glob(pat, 0, NULL, &g);

		free(pat);
		if (r == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++)
				sv_push(out, xstrdup(g.gl_pathv[i]));
			globfree(&g);
			return;
		}
	}
	sv_push(out, xb_to_str(f));
}

static void emit(struct xbuf *f, int *have, struct strv *out)
{
	if (*have)
		glob_field(f, out);
	f->s.len = 0;
	*have = 0;
}

void split_and_glob(struct xbuf *xb, struct strv *out)
{
	const char *ifs = var_get("IFS");
	struct xbuf f = { 0 };
	int have = 0, ws_end = 0;

	if (!ifs)
		ifs = " \t\n";
	for (size_t i = 0; i < xb->s.len; i++) {
		char c = xb->s.s[i];
		int a = xb->attr[i];

		if (a == A_BREAK) {
			emit(&f, &have, out);
		} else if (a == A_SPLIT && c && strchr(ifs, c)) {
			if (strchr(" \t\n", c)) {
				if (have)
					ws_end = 1;
				emit(&f, &have, out);
				continue;
			}
			if (!have && !ws_end)
				have = 1;
			emit(&f, &have, out);
		} else {
			have = 1;
			if (a != A_MARK)
				xb_add(&f, c, a);
			else
				xb_add(&f, 0, A_MARK);
		}
		ws_end = 0;
	}
	emit(&f, &have, out);
	xb_free(&f);
}

int expand_fields(struct strv *words, struct strv *out)
{
	for (int i = 0; i < words->n; i++) {
		struct xbuf xb = { 0 };
		int r = expand_raw(&xb, words->v[i], strlen(words->v[i]), 0);

		if (r == 0)
			split_and_glob(&xb, out);
		xb_free(&xb);
		if (r)
			return -1;
	}
	return 0;
}

static int expand_one(const char *word, char **out, int flags, int pat)
{
	struct xbuf xb = { 0 };
	int r = expand_raw(&xb, word, strlen(word), flags);

	*out = pat ? xb_to_pattern(&xb) : xb_to_str(&xb);
	xb_free(&xb);
	return r;
}

int expand_str(const char *word, char **out)
{
	return expand_one(word, out, 0, 0);
}

int expand_assign(const char *word, char **out)
{
	return expand_one(word, out, X_ASSIGN, 0);
}

int expand_pattern(const char *word, char **out)
{
	return expand_one(word, out, 0, 1);
}

int expand_heredoc(const char *body, char **out)
{
	return expand_one(body, out, X_HERE, 0);
}
