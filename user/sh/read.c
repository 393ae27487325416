/*
 * The read and getopts builtins (sh.h). read takes one line from
 * standard input a byte at a time (so the rest stays for the next
 * command) and splits it on IFS into the named variables.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The line, with a flag per byte saying it was backslash-escaped.
 * Returns 0, 1 at EOF, 130 when interrupted. */
static int read_line(struct strbuf *line, struct strbuf *esc, int raw)
{
	char c;
	ssize_t r;

	for (;;) {
		r = read(0, &c, 1);
		if (r < 0 && errno == EINTR) {
			if (sh.interrupted)
				return 130;
			continue;
		}
		if (r <= 0)
			return 1;
		if (c == '\n')
			return 0;
		if (c == '\\' && !raw) {
			r = read(0, &c, 1);
			if (r <= 0)
				return 1;
			if (c == '\n')
				continue;
			sb_addc(line, c);
			sb_addc(esc, 1);
			continue;
		}
		sb_addc(line, c);
		sb_addc(esc, 0);
	}
}

static int is_ifs(const char *ifs, const struct strbuf *line,
		  const struct strbuf *esc, size_t i, int ws)
{
	char c = line->s[i];

	if (esc->s[i] || !strchr(ifs, c) || !c)
		return 0;
	return ws < 0 || (ws == !!strchr(" \t\n", c));
}

static void assign_fields(char **names, struct strbuf *line,
			  struct strbuf *esc)
{
	const char *ifs = var_get("IFS");
	size_t i = 0, n = line->len, start, end;

	if (!ifs)
		ifs = " \t\n";
	while (i < n && is_ifs(ifs, line, esc, i, 1))
		i++;
	for (int k = 0; names[k]; k++) {
		start = i;
		if (!names[k + 1]) {
			end = n;
			while (end > start && is_ifs(ifs, line, esc, end - 1,
						      1))
				end--;
		} else {
			while (i < n && !is_ifs(ifs, line, esc, i, -1))
				i++;
			end = i;
			while (i < n && is_ifs(ifs, line, esc, i, 1))
				i++;
			if (i < n && is_ifs(ifs, line, esc, i, 0))
				i++;
			while (i < n && is_ifs(ifs, line, esc, i, 1))
				i++;
		}
		char *val = strndup(line->s + start, end - start);

		var_set(names[k], val, 0);
		free(val);
	}
}

int read_builtin(char **argv)
{
	struct strbuf line = { 0 }, esc = { 0 };
	static char *reply[] = { "REPLY", NULL };
	const char *prompt = NULL;
	int raw = 0, i = 1, st;

	for (; argv[i] && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "-r")) {
			raw = 1;
		} else if (!strcmp(argv[i], "-p") && argv[i + 1]) {
			prompt = argv[++i];
		} else {
			sh_err("read: %s: unknown option "
			       "(usage: read [-r] [-p prompt] [name...])",
			       argv[i]);
			return 2;
		}
	}
	for (int k = i; argv[k]; k++)
		if (!is_name(argv[k])) {
			sh_err("read: %s: bad variable name", argv[k]);
			return 2;
		}
	if (prompt && isatty(0))
		write_all(2, prompt, strlen(prompt));
	sb_addc(&line, 0), line.len = 0;
	sb_addc(&esc, 0), esc.len = 0;
	st = read_line(&line, &esc, raw);
	if (st != 130)
		assign_fields(argv[i] ? argv + i : reply, &line, &esc);
	sb_free(&line);
	sb_free(&esc);
	return st;
}

static int getopts_index;	/* char position inside the current arg */
static long getopts_last = -1;	/* OPTIND as we last set it */

static void set_optind(long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", v);
	var_set("OPTIND", buf, 0);
	getopts_last = v;
}

static int getopts_done(const char *name, long optind)
{
	var_set(name, "?", 0);
	set_optind(optind);
	getopts_index = 0;
	return 1;
}

/* The option character @c was found in @o: its argument, if any. */
static void getopts_arg(const char *name, const char *o, const char *c,
			char **args, int nargs, const char *arg,
			long *optind, int silent)
{
	if (o[1] != ':') {
		var_set(name, c, 0);
		return;
	}
	if (getopts_index) {
		var_set("OPTARG", arg + getopts_index, 0);
		(*optind)++;
		getopts_index = 0;
	} else if (*optind <= nargs) {
		var_set("OPTARG", args[(*optind)++ - 1], 0);
	} else {
		if (silent)
			var_set("OPTARG", c, 0);
		else
			sh_err("getopts: option requires an argument -- %s",
			       c);
		var_set(name, silent ? ":" : "?", 0);
		return;
	}
	var_set(name, c, 0);
}

/* The next option letter, or NULL at the end of the options. */
static const char *getopts_next(char **args, int nargs, long *optind,
				char *c)
{
	const char *arg;

	if (*optind > nargs)
		return NULL;
	arg = args[*optind - 1];
	if (!getopts_index) {
		if (arg[0] != '-' || !arg[1])
			return NULL;
		if (!strcmp(arg, "--")) {
			(*optind)++;
			return NULL;
		}
		getopts_index = 1;
	}
	c[0] = arg[getopts_index++];
	if (!arg[getopts_index]) {
		(*optind)++;
		getopts_index = 0;
	}
	return arg;
}

int getopts_builtin(char **argv)
{
	const char *opts, *name, *arg, *o;
	char **args, c[2] = { 0 };
	long optind = 1;
	int nargs = 0, silent;

	if (!argv[1] || !argv[2]) {
		sh_err("usage: getopts optstring name [arg...]");
		return 2;
	}
	opts = argv[1];
	name = argv[2];
	silent = opts[0] == ':';
	args = argv[3] ? argv + 3 : sh.pos.v;
	while (args && args[nargs])
		nargs++;
	if (var_get("OPTIND"))
		parse_int(var_get("OPTIND"), &optind);
	if (optind < 1)
		optind = 1;
	if (optind != getopts_last)
		getopts_index = 0;
	arg = getopts_next(args, nargs, &optind, c);
	if (!arg)
		return getopts_done(name, optind);
	o = c[0] != ':' ? strchr(opts + silent, c[0]) : NULL;
	var_unset("OPTARG");
	if (o) {
		getopts_arg(name, o, c, args, nargs, arg, &optind, silent);
	} else {
		if (silent)
			var_set("OPTARG", c, 0);
		else
			sh_err("getopts: illegal option -- %s", c);
		var_set(name, "?", 0);
	}
	set_optind(optind);
	return 0;
}
