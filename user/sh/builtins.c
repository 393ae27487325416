/*
 * The builtin table and the builtins that change the shell itself (sh.h):
 * cd, pwd, exit, export, readonly, unset, set, shift, eval, exec, .,
 * return, break, continue, local, and the function table. The others are
 * in builtins2.c (type, alias, umask, help, history...), test.c,
 * printf.c, read.c, jobs.c and signals.c.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct func {
	char *name;
	struct node *body;
	struct func *next;
};

static struct func *funcs;

void func_define(const char *name, struct node *body)
{
	struct func *f;

	for (f = funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			break;
	if (!f) {
		f = xmalloc(sizeof(*f));
		f->name = xstrdup(name);
		f->next = funcs;
		funcs = f;
	}
	/* The old body may still be running: parse trees that define
	 * functions are never freed (parser.c has_func). */
	f->body = body;
}

struct node *func_get(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			return f->body;
	return NULL;
}

static void func_unset(const char *name)
{
	struct func **pp = &funcs, *f;

	while ((f = *pp) && strcmp(f->name, name))
		pp = &f->next;
	if (f) {
		*pp = f->next;
		free(f->name);
		free(f);
	}
}

static void params_set(struct params *p, char **argv)
{
	int n = 0;

	while (argv[n])
		n++;
	p->n = n;
	p->v = xmalloc(sizeof(char *) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		p->v[i] = xstrdup(argv[i]);
	p->v[n] = NULL;
}

static void params_free(struct params *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

int func_call(struct node *body, char **argv)
{
	struct params saved = sh.pos;
	int st;

	params_set(&sh.pos, argv + 1);
	sh.func_depth++;
	var_scope_push();
	st = exec_node(body, 0);
	sh.returning = 0;
	var_scope_pop();
	sh.func_depth--;
	params_free(&sh.pos);
	sh.pos = saved;
	return st;
}

static int cd_builtin(char **argv)
{
	const char *dir = argv[1], *old = var_get("PWD");
	char cwd[PATH_MAX], *oldcopy;
	int i = 1, print = 0;

	while (argv[i] && (!strcmp(argv[i], "-L") || !strcmp(argv[i], "-P")))
		i++;
	dir = argv[i];
	if (!dir) {
		dir = var_get("HOME");
		if (!dir) {
			sh_err("cd: HOME not set");
			return 1;
		}
	} else if (!strcmp(dir, "-")) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_err("cd: OLDPWD not set");
			return 1;
		}
		print = 1;
	}
	oldcopy = old ? xstrdup(old) : (getcwd(cwd, sizeof(cwd)) ?
					xstrdup(cwd) : NULL);
	if (chdir(dir) < 0) {
		sh_err("cd: %s: %s", dir, strerror(errno));
		free(oldcopy);
		return 1;
	}
	if (oldcopy)
		var_set("OLDPWD", oldcopy, 0);
	free(oldcopy);
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, 0);
	if (print)
		printf("%s\n", cwd);
	return 0;
}

static int pwd_builtin(char **argv)
{
	char cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd))) {
		sh_err("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", cwd);
	(void)argv;
	return 0;
}

static int num_arg(const char *who, const char *s, long *out)
{
	if (parse_int(s, out) < 0) {
		sh_err("%s: %s: numeric argument required", who, s);
		return -1;
	}
	return 0;
}

static int exit_builtin(char **argv)
{
	long n = sh.status;

	if (argv[1] && num_arg("exit", argv[1], &n) < 0)
		n = 2;
	sh_exit((int)n);
}

static int export_like(char **argv, int flag, const char *who)
{
	int st = 0, i = 1;

	if (argv[1] && !strcmp(argv[1], "-p"))
		i++;
	if (!argv[i]) {
		var_list(flag, flag == V_EXPORT ? "export " : "readonly ");
		return 0;
	}
	for (; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name_n(argv[i], n)) {
			sh_err("%s: %s: bad variable name", who, argv[i]);
			st = 1;
		} else if (eq) {
			if (var_setn(argv[i], 0) < 0)
				st = 1;
			else
				*eq = 0, var_add_flags(argv[i], flag),
				*eq = '=';
		} else {
			var_add_flags(argv[i], flag);
		}
	}
	return st;
}

static int export_builtin(char **argv)
{
	return export_like(argv, V_EXPORT, "export");
}

static int readonly_builtin(char **argv)
{
	return export_like(argv, V_READONLY, "readonly");
}

static int unset_builtin(char **argv)
{
	int i = 1, fn = 0, st = 0;

	if (argv[1] && (!strcmp(argv[1], "-f") || !strcmp(argv[1], "-v")))
		fn = argv[i++][1] == 'f';
	for (; argv[i]; i++) {
		if (fn)
			func_unset(argv[i]);
		else if (var_unset(argv[i]) < 0)
			st = 1;
	}
	return st;
}

static const struct {
	char letter;
	const char *name;
} set_opts[] = {
	{ 'e', "errexit" }, { 'x', "xtrace" }, { 'u', "nounset" },
	{ 'f', "noglob" }, { 'C', "noclobber" }, { 'v', "verbose" },
	{ 'm', "monitor" }, { 'n', "noexec" },
};

static int *opt_ptr(char letter)
{
	switch (letter) {
	case 'e': return &sh.opt_e;
	case 'x': return &sh.opt_x;
	case 'u': return &sh.opt_u;
	case 'f': return &sh.opt_f;
	case 'C': return &sh.opt_C;
	case 'v': return &sh.opt_v;
	case 'n': return &sh.opt_n;
	case 'm': return &sh.jobctl;
	}
	return NULL;
}

/* One "-xe" / "+x" / "-o name" option word; -1 if unknown. */
int set_option(const char *arg, const char *oname)
{
	int on = arg[0] == '-';

	if (arg[1] == 'o' && !arg[2]) {
		for (size_t k = 0; oname && k < sizeof(set_opts) /
		     sizeof(set_opts[0]); k++)
			if (!strcmp(oname, set_opts[k].name)) {
				*opt_ptr(set_opts[k].letter) = on;
				return 0;
			}
		sh_err("set: %s: unknown option name", oname ? oname : "");
		return -1;
	}
	for (const char *p = arg + 1; *p; p++) {
		int *o = opt_ptr(*p);

		if (!o || (*p == 'm' && on && !sh.interactive)) {
			sh_err("set: %c%c: unknown option", arg[0], *p);
			return -1;
		}
		*o = on;
	}
	return 0;
}

static void set_list_options(void)
{
	for (size_t k = 0; k < sizeof(set_opts) / sizeof(set_opts[0]); k++)
		printf("%-12s%s\n", set_opts[k].name,
		       *opt_ptr(set_opts[k].letter) ? "on" : "off");
}

static int set_builtin(char **argv)
{
	int i = 1;

	if (!argv[1]) {
		var_list(0, "");
		return 0;
	}
	for (; argv[i] && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			goto positional;
		}
		if (!strcmp(argv[i], "-") || !strcmp(argv[i], "+"))
			continue;
		if (argv[i][1] == 'o' && !argv[i][2] && !argv[i + 1]) {
			set_list_options();
			return 0;
		}
		if (set_option(argv[i], argv[i + 1]) < 0)
			return 2;
		if (argv[i][1] == 'o' && !argv[i][2])
			i++;
	}
	if (!argv[i])
		return 0;
positional:
	params_free(&sh.pos);
	params_set(&sh.pos, argv + i);
	return 0;
}

static int shift_builtin(char **argv)
{
	long n = 1;

	if (argv[1] && num_arg("shift", argv[1], &n) < 0)
		return 2;
	if (n < 0 || n > sh.pos.n) {
		sh_err("shift: can't shift that many");
		sh_abort(2);
	}
	for (int i = 0; i < n; i++)
		free(sh.pos.v[i]);
	memmove(sh.pos.v, sh.pos.v + n,
		sizeof(char *) * (size_t)(sh.pos.n - n + 1));
	sh.pos.n -= (int)n;
	return 0;
}

static int eval_builtin(char **argv)
{
	struct strbuf sb = { 0 };
	int st;

	for (int i = 1; argv[i]; i++)
		sb_printf(&sb, "%s%s", i > 1 ? " " : "", argv[i]);
	st = eval_string(sb.s ? sb.s : "", "eval");
	sb_free(&sb);
	return st;
}

static int exec_builtin(char **argv)
{
	if (!argv[1])
		return 0;
	char path[4096];

	if (!strcmp(argv[1], "--"))
		argv++;
	/* Not found: an interactive shell survives, like bash. */
	if (!strchr(argv[1], '/') &&
	    find_command(argv[1], path, sizeof(path)) == -1) {
		sh_err("%s: not found", argv[1]);
		if (!sh.interactive)
			sh_exit(127);
		return 127;
	}
	fflush(stdout);
	exec_external(argv + 1, NULL);
	return 127;
}

static int dot_builtin(char **argv)
{
	char path[4096];
	struct params saved = sh.pos;
	int st;

	if (!argv[1]) {
		sh_err("%s: filename argument required", argv[0]);
		return 2;
	}
	if (strchr(argv[1], '/') || find_command(argv[1], path,
						 sizeof(path)) == -1)
		snprintf(path, sizeof(path), "%s", argv[1]);
	if (argv[2])
		params_set(&sh.pos, argv + 2);
	st = run_file(path, 1);
	if (argv[2]) {
		params_free(&sh.pos);
		sh.pos = saved;
	}
	return st;
}

static int return_builtin(char **argv)
{
	long n = sh.status;

	if (!sh.func_depth && !sh.source_depth) {
		sh_err("return: not in a function or sourced file");
		return 1;
	}
	if (argv[1] && num_arg("return", argv[1], &n) < 0)
		n = 2;
	sh.returning = 1;
	return (int)(n & 0xff);
}

static int loop_builtin(char **argv, int *counter)
{
	long n = 1;

	if (argv[1] && (num_arg(argv[0], argv[1], &n) < 0 || n < 1)) {
		sh_err("%s: %s: bad loop count", argv[0], argv[1]);
		return 1;
	}
	if (!sh.loop_depth)
		return 0;
	*counter = (int)(n > sh.loop_depth ? sh.loop_depth : n);
	return 0;
}

static int break_builtin(char **argv)
{
	return loop_builtin(argv, &sh.breaking);
}

static int continue_builtin(char **argv)
{
	return loop_builtin(argv, &sh.continuing);
}

static int local_builtin(char **argv)
{
	int st = 0;

	if (!sh.func_depth) {
		sh_err("local: not in a function");
		return 1;
	}
	for (int i = 1; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');
		size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		char *name = strndup(argv[i], n);

		if (!is_name(name)) {
			sh_err("local: %s: bad variable name", argv[i]);
			st = 1;
		} else {
			var_local(name);
			if (eq && var_setn(argv[i], 0) < 0)
				st = 1;
		}
		free(name);
	}
	return st;
}

static int true_builtin(char **argv)
{
	(void)argv;
	return 0;
}

static int false_builtin(char **argv)
{
	(void)argv;
	return 1;
}

int type_builtin(char **argv);
int command_builtin(char **argv);
int alias_builtin(char **argv);
int unalias_builtin(char **argv);
int umask_builtin(char **argv);
int help_builtin(char **argv);
int history_builtin(char **argv);

static const struct builtin builtins[] = {
	{ ".", dot_builtin, 1 }, { ":", true_builtin, 1 },
	{ "[", test_builtin, 0 }, { "alias", alias_builtin, 0 },
	{ "bg", bg_builtin, 0 }, { "break", break_builtin, 1 },
	{ "cd", cd_builtin, 0 }, { "command", command_builtin, 0 },
	{ "continue", continue_builtin, 1 }, { "echo", echo_builtin, 0 },
	{ "eval", eval_builtin, 1 }, { "exec", exec_builtin, 1 },
	{ "exit", exit_builtin, 1 }, { "export", export_builtin, 1 },
	{ "false", false_builtin, 0 }, { "fg", fg_builtin, 0 },
	{ "getopts", getopts_builtin, 0 }, { "help", help_builtin, 0 },
	{ "history", history_builtin, 0 }, { "jobs", jobs_builtin, 0 },
	{ "kill", kill_builtin, 0 }, { "local", local_builtin, 0 },
	{ "printf", printf_builtin, 0 }, { "pwd", pwd_builtin, 0 },
	{ "read", read_builtin, 0 }, { "readonly", readonly_builtin, 1 },
	{ "return", return_builtin, 1 }, { "set", set_builtin, 1 },
	{ "shift", shift_builtin, 1 }, { "source", dot_builtin, 0 },
	{ "test", test_builtin, 0 }, { "trap", trap_builtin, 1 },
	{ "true", true_builtin, 0 }, { "type", type_builtin, 0 },
	{ "umask", umask_builtin, 0 }, { "unalias", unalias_builtin, 0 },
	{ "unset", unset_builtin, 1 }, { "wait", wait_builtin, 0 },
};

const struct builtin *builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}

void builtin_names(void (*cb)(const char *name, void *arg), void *arg)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		cb(builtins[i].name, arg);
}
