/*
 * What an inittab command runs. A command with shell syntax in it (one
 * of ; & | < > ( ) $ ` \ " ' * ? [ ] ~ # { } or a newline, or an
 * assignment before the first word) runs as /bin/sh -c COMMAND; any
 * other is split at blanks and executed directly, the first word found
 * in PATH when it has no '/'. A leading '-' asks for a login shell: the
 * program gets "-NAME" as argv[0] (NAME the basename of its path), so
 * "-/bin/sh" runs /bin/sh as "-sh"; through the shell it is the shell
 * that gets "-sh".
 */
#include "init.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SHELL_PATH	"/bin/sh"
#define SHELL_META	";&|<>()$`\\\"'*?[]~#{}\n"

static int needs_shell(const char *s)
{
	size_t first = strcspn(s, " \t");

	return s[strcspn(s, SHELL_META)] != '\0' ||
	       memchr(s, '=', first) != NULL;
}

static struct command *via_shell(struct command *c, const char *body,
				 int login)
{
	strcpy(c->storage, body);
	c->path = SHELL_PATH;
	c->argv[0] = login ? "-sh" : "sh";
	c->argv[1] = "-c";
	c->argv[2] = c->storage;
	c->argv[3] = NULL;
	c->via_shell = 1;
	return c;
}

/* Split @body into @c's words; the login argv[0] goes after them. */
static struct command *direct(struct command *c, const char *body,
			      int login)
{
	char *p = c->storage, *base;
	size_t n = 0;

	strcpy(p, body);
	while (*p) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		if (n == ARGV_MAX)
			return NULL;
		c->argv[n++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
	c->argv[n] = NULL;
	c->path = c->argv[0];
	if (login) {
		base = strrchr(c->path, '/');
		base = base ? base + 1 : (char *)c->path;
		c->argv[0] = p + 1;	/* past the copy's NUL */
		c->argv[0][0] = '-';
		strcpy(c->argv[0] + 1, base);
	}
	return c;
}

/* The command for @text, or NULL when it is empty or has too many
 * words. The result is one allocation. */
struct command *command_parse(const char *text)
{
	int login = text[0] == '-';
	const char *body = text + login;
	size_t len = strlen(body);
	struct command *c, *r;

	if (!body[strspn(body, " \t")])
		return NULL;
	/* The words, then room for "-" + a basename after them. */
	c = xmalloc(sizeof(*c) + 2 * len + 3);
	memset(c, 0, sizeof(*c));
	r = needs_shell(body) ? via_shell(c, body, login)
			      : direct(c, body, login);
	if (!r)
		free(c);
	return r;
}
