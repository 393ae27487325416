/*
 * Reading /etc/inittab. One entry a line:
 *
 *   DEVICE:ACTION:COMMAND
 *
 * DEVICE is a terminal under /dev ("console", "ttyS0", "tty1"; a leading
 * "/dev/" is allowed) or empty for init's own console without a
 * controlling terminal. An empty field between DEVICE and ACTION (the
 * runlevels field of busybox's "::sysinit:..." lines) is accepted and
 * ignored. ACTION is sysinit, wait, once, respawn or shutdown. COMMAND
 * is the rest of the line, colons included. Blank lines and lines whose
 * first non-blank character is '#' are skipped. A malformed line is
 * reported and skipped; the others still count.
 *
 * Without the file, the built-in table is "::sysinit:/etc/rc" (when
 * /etc/rc exists) and "console:respawn:-/bin/sh".
 */
#include "init.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static const char *const action_names[] = {
	[ACT_SYSINIT] = "sysinit",
	[ACT_WAIT] = "wait",
	[ACT_ONCE] = "once",
	[ACT_RESPAWN] = "respawn",
	[ACT_SHUTDOWN] = "shutdown",
};

const char *action_name(enum action a)
{
	return action_names[a];
}

static int action_lookup(const char *s, size_t len, enum action *a)
{
	for (size_t i = 0; i < sizeof(action_names) / sizeof(*action_names);
	     i++) {
		if (strlen(action_names[i]) == len &&
		    !strncmp(action_names[i], s, len)) {
			*a = (enum action)i;
			return 0;
		}
	}
	return -1;
}

/* A device field: a plain name, no path, not "." or "..". */
static int device_parse(const char *s, size_t len, char *out, char *err,
			size_t errlen)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len > 5 && !strncmp(s, "/dev/", 5)) {
		s += 5;
		len -= 5;
	}
	if (len >= DEVICE_MAX) {
		snprintf(err, errlen, "device name too long");
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i])) {
			snprintf(err, errlen, "bad device name '%.*s'",
				 (int)len, s);
			return -1;
		}
	}
	if (len && s[0] == '.') {
		snprintf(err, errlen, "bad device name '%.*s'", (int)len, s);
		return -1;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

/* The command: the rest of the line, blanks trimmed at both ends. */
static int command_field(const char *s, struct entry *e, char *err,
			 size_t errlen)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	e->text = xmalloc(len + 1);
	memcpy(e->text, s, len);
	e->text[len] = '\0';
	e->cmd = command_parse(e->text);
	if (!e->cmd) {
		s = e->text + (e->text[0] == '-');
		snprintf(err, errlen, *s ? "too many words in the command"
					 : "no command");
		free(e->text);
		e->text = NULL;
		return -1;
	}
	return 0;
}

/*
 * Parse one line into @e: 1 for an entry, 0 for a blank line or a
 * comment, -1 for a malformed line (the reason in @err).
 */
int inittab_parse_line(const char *line, struct entry *e, char *err,
		       size_t errlen)
{
	const char *p = line, *colon;

	memset(e, 0, sizeof(*e));
	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == '#')
		return 0;
	colon = strchr(p, ':');
	if (!colon) {
		snprintf(err, errlen, "expected DEVICE:ACTION:COMMAND");
		return -1;
	}
	if (device_parse(p, colon - p, e->device, err, errlen))
		return -1;
	p = colon + 1;
	if (*p == ':')
		p++;		/* busybox's empty runlevels field */
	colon = strchr(p, ':');
	if (!colon) {
		snprintf(err, errlen, "expected DEVICE:ACTION:COMMAND");
		return -1;
	}
	while (p < colon && isspace((unsigned char)*p))
		p++;
	if (action_lookup(p, colon - p, &e->action)) {
		snprintf(err, errlen, "unknown action '%.*s'",
			 (int)(colon - p), p);
		return -1;
	}
	return command_field(colon + 1, e, err, errlen) ? -1 : 1;
}

static void tab_add(struct inittab *tab, const struct entry *e)
{
	tab->v = xrealloc(tab->v, (tab->n + 1) * sizeof(*tab->v));
	tab->v[tab->n++] = *e;
}

static void tab_add_text(struct inittab *tab, const char *line)
{
	struct entry e;
	char err[128];

	if (inittab_parse_line(line, &e, err, sizeof(err)) == 1)
		tab_add(tab, &e);
}

static void load_default(struct inittab *tab)
{
	tab->defaulted = 1;
	if (access(RC_PATH, F_OK) == 0)
		tab_add_text(tab, "::sysinit:" RC_PATH);
	tab_add_text(tab, "console:respawn:-/bin/sh");
}

/*
 * Read @path into @tab; without the file, the built-in table. Returns the
 * number of malformed lines (each one reported through init_log).
 */
int inittab_load(const char *path, struct inittab *tab)
{
	FILE *f = fopen(path, "re");
	char *line = NULL, err[128];
	size_t cap = 0;
	int lineno = 0, bad = 0;
	struct entry e;

	memset(tab, 0, sizeof(*tab));
	if (!f) {
		if (errno != ENOENT)
			init_log("%s: %s; using the built-in table", path,
				 strerror(errno));
		load_default(tab);
		return 0;
	}
	while (getline(&line, &cap, f) >= 0) {
		int r = inittab_parse_line(line, &e, err, sizeof(err));

		lineno++;
		if (r < 0) {
			init_log("%s:%d: %s; line ignored", path, lineno, err);
			bad++;
		} else if (r > 0) {
			e.line = lineno;
			tab_add(tab, &e);
		}
	}
	free(line);
	fclose(f);
	return bad;
}

void inittab_free(struct inittab *tab)
{
	for (size_t i = 0; i < tab->n; i++) {
		free(tab->v[i].text);
		free(tab->v[i].cmd);
	}
	free(tab->v);
	memset(tab, 0, sizeof(*tab));
}

/* One line an entry: LINE DEVICE ACTION PATH [ARGV0] [ARGV1]... */
void inittab_print(const struct inittab *tab, FILE *out)
{
	for (size_t i = 0; i < tab->n; i++) {
		const struct entry *e = &tab->v[i];

		fprintf(out, "%d %s %s %s", e->line,
			e->device[0] ? e->device : "-",
			action_name(e->action), e->cmd->path);
		for (char *const *a = e->cmd->argv; *a; a++)
			fprintf(out, " [%s]", *a);
		fputc('\n', out);
	}
}
