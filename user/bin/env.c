/*
 * env: run a command in a modified environment (-i empties it, -u
 * removes a name, NAME=VALUE sets one), or print the environment.
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: env [-i0] [-u NAME]... [-C DIR] [NAME=VALUE]... [COMMAND "
	"[ARG...]]\n"
	"Run COMMAND with the environment changed; without COMMAND, print "
	"it.\n"
	"  -i  start with an empty environment (also '-')\n"
	"  -u  remove NAME from the environment\n"
	"  -C  change to directory DIR first\n"
	"  -0  end printed variables with NUL instead of newline\n"
	"Exit status: 125 if env fails, 126 if COMMAND cannot run, 127 if\n"
	"it is not found, else COMMAND's.\n";

#define EXIT_ENV_FAIL	125
#define EXIT_CANNOT_RUN	126
#define EXIT_NOT_FOUND	127

extern char **environ;

static void fail(const char *fmt, const char *arg)
{
	warnmsg(fmt, arg);
	exit(EXIT_ENV_FAIL);
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	int c, nul = 0, i;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("0C:iu:"))) != -1) {
		switch (c) {
		case '0': nul = 1; break;
		case 'C': dir = optarg; break;
		case 'i': clearenv(); break;
		case 'u':
			if (!*optarg || strchr(optarg, '='))
				fail("cannot unset '%s': Invalid argument",
				     optarg);
			unsetenv(optarg);
			break;
		default: text_bad_option(c);
		}
	}
	i = optind;
	if (i < argc && !strcmp(argv[i], "-")) {
		clearenv();
		i++;
	}
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');

		*eq = '\0';
		if (!*argv[i] || setenv(argv[i], eq + 1, 1))
			fail("cannot set '%s': Invalid argument", argv[i]);
	}
	if (i == argc) {
		if (dir)
			usage_error("must specify command with -C");
		for (char **e = environ; e && *e; e++)
			printf("%s%c", *e, nul ? '\0' : '\n');
		text_flush_stdout();
		return 0;
	}
	if (nul)
		usage_error("cannot use -0 with a command");
	if (dir && chdir(dir))
		fail("cannot change directory to '%s':", dir);
	execvp(argv[i], argv + i);
	c = errno;
	warnmsg("'%s':", argv[i]);
	return c == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}
