/*
 * Builtins that inspect or configure rather than run (sh.h): type,
 * command, alias, unalias, umask, help and history.
 */
#include "sh.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct alias {
	char *name;
	char *value;
	struct alias *next;
};

static struct alias *aliases;

static const char *const keywords[] = {
	"!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi",
	"for", "if", "in", "then", "until", "while", NULL,
};

const char *alias_get(const char *name)
{
	for (struct alias *a = aliases; a; a = a->next)
		if (!strcmp(a->name, name))
			return a->value;
	return NULL;
}

static void alias_print(struct alias *a)
{
	printf("alias %s='", a->name);
	for (const char *p = a->value; *p; p++)
		if (*p == '\'')
			printf("'\\''");
		else
			putchar(*p);
	printf("'\n");
}

int alias_builtin(char **argv)
{
	int st = 0;

	if (!argv[1])
		for (struct alias *a = aliases; a; a = a->next)
			alias_print(a);
	for (int i = 1; argv[i]; i++) {
		char *eq = strchr(argv[i], '=');
		struct alias *a;

		for (a = aliases; a; a = a->next)
			if (eq ? (strlen(a->name) == (size_t)(eq - argv[i]) &&
				  !strncmp(a->name, argv[i],
					   (size_t)(eq - argv[i])))
			       : !strcmp(a->name, argv[i]))
				break;
		if (!eq) {
			if (a) {
				alias_print(a);
			} else {
				sh_err("alias: %s: not found", argv[i]);
				st = 1;
			}
			continue;
		}
		if (!a) {
			a = xmalloc(sizeof(*a));
			a->name = strndup(argv[i], (size_t)(eq - argv[i]));
			a->next = aliases;
			aliases = a;
		} else {
			free(a->value);
		}
		a->value = xstrdup(eq + 1);
	}
	return st;
}

int unalias_builtin(char **argv)
{
	int st = 0, all = argv[1] && !strcmp(argv[1], "-a");

	for (int i = 1 + all; argv[i] || all; i++) {
		struct alias **pp = &aliases, *a;

		while ((a = *pp) && !all && strcmp(a->name, argv[i]))
			pp = &a->next;
		if (!a) {
			if (all)
				break;
			sh_err("unalias: %s: not found", argv[i]);
			st = 1;
			continue;
		}
		*pp = a->next;
		free(a->name);
		free(a->value);
		free(a);
		i -= all;
	}
	return st;
}

/* How @name would run; 0 if it is something, 1 if not found. */
static int describe(const char *name, int verbose)
{
	char path[4096];
	const char *val;

	for (int k = 0; keywords[k]; k++)
		if (!strcmp(keywords[k], name)) {
			printf(verbose ? "%s is a shell keyword\n" : "%s\n",
			       name);
			return 0;
		}
	if ((val = alias_get(name))) {
		if (verbose)
			printf("%s is an alias for %s\n", name, val);
		else
			printf("alias %s='%s'\n", name, val);
		return 0;
	}
	if (func_get(name)) {
		printf(verbose ? "%s is a shell function\n" : "%s\n", name);
		return 0;
	}
	if (builtin_find(name)) {
		printf(verbose ? "%s is a shell builtin\n" : "%s\n", name);
		return 0;
	}
	if (strchr(name, '/') ? access(name, X_OK) == 0 :
	    find_command(name, path, sizeof(path)) == 0) {
		printf(verbose ? "%s is %s\n" : "%s\n", verbose ? name :
		       (strchr(name, '/') ? name : path),
		       strchr(name, '/') ? name : path);
		return 0;
	}
	if (verbose)
		sh_err("type: %s: not found", name);
	return 1;
}

int type_builtin(char **argv)
{
	int st = 0;

	for (int i = 1; argv[i]; i++)
		st |= describe(argv[i], 1);
	return st;
}

int command_builtin(char **argv)
{
	const struct builtin *bi;
	struct job *j;
	pid_t pid;
	int i = 1;

	if (argv[1] && (!strcmp(argv[1], "-v") || !strcmp(argv[1], "-V"))) {
		int st = 0;

		for (i = 2; argv[i]; i++)
			st |= describe(argv[i], argv[1][1] == 'V');
		return st;
	}
	if (argv[1] && !strcmp(argv[1], "--"))
		i++;
	if (!argv[i])
		return 0;
	bi = builtin_find(argv[i]);
	if (bi)
		return bi->fn(argv + i);
	j = job_new(argv[i]);
	pid = job_fork(j, 0);
	if (pid == 0)
		exec_external(argv + i, NULL);
	return pid < 0 ? 1 : job_finish(j, 0);
}

static void umask_symbolic(mode_t m)
{
	static const char who[] = "ugo";

	for (int k = 0; k < 3; k++) {
		mode_t allowed = ~m >> (6 - 3 * k);

		printf("%c=%s%s%s%s", who[k], allowed & 4 ? "r" : "",
		       allowed & 2 ? "w" : "", allowed & 1 ? "x" : "",
		       k < 2 ? "," : "\n");
	}
}

int umask_builtin(char **argv)
{
	mode_t m = umask(0);
	int i = 1, sym = 0;
	char *end;
	long v;

	umask(m);
	if (argv[1] && !strcmp(argv[1], "-S"))
		sym = 1, i++;
	if (!argv[i]) {
		if (sym)
			umask_symbolic(m);
		else
			printf("%04o\n", (unsigned)m);
		return 0;
	}
	v = strtol(argv[i], &end, 8);
	if (*end || !*argv[i] || v < 0 || v > 0777) {
		sh_err("umask: %s: only octal modes are supported",
		       argv[i]);
		return 2;
	}
	umask((mode_t)v);
	return 0;
}

static void print_name(const char *name, void *arg)
{
	int *col = arg;

	printf("%-12s", name);
	if (++*col % 6 == 0)
		putchar('\n');
}

int help_builtin(char **argv)
{
	int col = 0;

	printf("Ferrite sh: a POSIX-style shell. Builtin commands:\n\n");
	builtin_names(print_name, &col);
	if (col % 6)
		putchar('\n');
	printf("\nSee docs/sh.md for the syntax and the line-editing "
	       "keys.\n");
	(void)argv;
	return 0;
}

int history_builtin(char **argv)
{
	if (argv[1]) {
		sh_err("history: options are not supported "
		       "(usage: history)");
		return 2;
	}
	for (int i = 0; i < hist_count(); i++)
		printf("%5d  %s\n", i + 1, hist_get(i));
	return 0;
}
