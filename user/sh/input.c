/*
 * Where the shell's commands come from (sh.h, struct input): a string
 * (-c, eval, a sourced file), a file descriptor read a line at a time
 * (a pipe on stdin), or the terminal through the line editor of
 * lineedit.c with the PS1/PS2 prompts. Alias texts are pushed on top
 * and read before the rest of the input. lexer.c reads characters here.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct alias_push {
	char *name;
	char *text;
	size_t pos;
	struct alias_push *next;
};

void in_init_str(struct input *in, const char *s, size_t len)
{
	memset(in, 0, sizeof(*in));
	in->buf = s;
	in->len = len;
	in->fd = -1;
	in->lineno = 1;
}

void in_init_fd(struct input *in, int fd, int edit)
{
	memset(in, 0, sizeof(*in));
	in->buf = "";
	in->fd = fd;
	in->edit = edit;
	in->lineno = 1;
}

void in_free(struct input *in)
{
	while (in->push) {
		struct alias_push *p = in->push;

		in->push = p->next;
		free(p->name);
		free(p->text);
		free(p);
	}
	free(in->owned);
	in->owned = NULL;
}

/* A line from a descriptor, one byte at a time so that commands run
 * from the same input (read, a child) see the rest. */
static int refill_fd(struct input *in)
{
	struct strbuf sb = { 0 };
	char c;
	ssize_t r;

	for (;;) {
		r = read(in->fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_addc(&sb, c);
		if (c == '\n')
			break;
	}
	if (!sb.len)
		return -1;
	free(in->owned);
	in->owned = sb_take(&sb);
	in->buf = in->owned;
	in->len = strlen(in->owned);
	in->pos = 0;
	return 0;
}

static int refill_edit(struct input *in)
{
	const char *ps = in->want_ps1 ? var_get("PS1") : var_get("PS2");
	char *prompt = prompt_expand(ps ? ps : "");
	int intr = 0;
	char *line;

	in->want_ps1 = 0;
	line = le_readline(prompt, &intr);
	free(prompt);
	if (intr) {
		free(line);
		sh.status = 130;
		sh_abort(130);
	}
	if (!line)
		return -1;
	if (*line)
		hist_add(line);
	free(in->owned);
	in->owned = xmalloc(strlen(line) + 2);
	strcpy(in->owned, line);
	strcat(in->owned, "\n");
	free(line);
	in->buf = in->owned;
	in->len = strlen(in->owned);
	in->pos = 0;
	return 0;
}

static int in_refill(struct input *in)
{
	if (in->eof || in->fd < 0)
		return -1;
	if ((in->edit ? refill_edit(in) : refill_fd(in)) < 0) {
		in->eof = 1;
		return -1;
	}
	if (sh.opt_v)
		write_all(2, in->buf, in->len);
	return 0;
}

static int alias_getc(struct input *in)
{
	struct alias_push *p;

	while ((p = in->push)) {
		if (p->pos < strlen(p->text))
			return (unsigned char)p->text[p->pos++];
		in->push = p->next;
		free(p->name);
		free(p->text);
		free(p);
	}
	return -1;
}

int in_getc(struct input *in)
{
	int c = alias_getc(in);

	if (c >= 0)
		return c;
	while (in->pos >= in->len)
		if (in_refill(in) < 0)
			return -1;
	c = (unsigned char)in->buf[in->pos++];
	if (c == '\n')
		in->lineno++;
	return c;
}

void in_ungetc(struct input *in, int c)
{
	if (c < 0)
		return;
	if (in->push && in->push->pos > 0) {
		in->push->pos--;
		return;
	}
	if (in->pos > 0) {
		in->pos--;
		if (c == '\n')
			in->lineno--;
	}
}

int in_peekc(struct input *in)
{
	int c = in_getc(in);

	in_ungetc(in, c);
	return c;
}

void in_push_alias(struct input *in, const char *name, const char *text)
{
	struct alias_push *p = xmalloc(sizeof(*p));

	p->name = xstrdup(name);
	p->text = xstrdup(text);
	p->pos = 0;
	p->next = in->push;
	in->push = p;
}

int in_alias_active(struct input *in, const char *name)
{
	for (struct alias_push *p = in->push; p; p = p->next)
		if (!strcmp(p->name, name))
			return 1;
	return 0;
}

/* Drop what is left of the current line (after a syntax error). */
void in_discard(struct input *in)
{
	while (in->push) {
		struct alias_push *p = in->push;

		in->push = p->next;
		free(p->name);
		free(p->text);
		free(p);
	}
	if (in->fd >= 0)
		in->pos = in->len;
}
