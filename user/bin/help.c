/*
 * help: list the commands (the executables of /bin, /sbin and the PATH
 * directories) in columns, or show a command's own help: `help CMD`
 * runs `CMD --help`. The shell has a help builtin for its builtins;
 * this is the program run by path or from another shell.
 */
#include "textutil.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: help [COMMAND]\n"
	"List the commands (in /bin, /sbin and the PATH), or run "
	"'COMMAND --help'.\n";

#define DEFAULT_WIDTH	80

static char **names;
static size_t nnames, cap;

static void add_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char path[4096];

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) ||
		    !(st.st_mode & 0111))
			continue;
		if (nnames == cap)
			names = xrealloc(names, (cap = cap * 2 + 64) *
					 sizeof(*names));
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(d);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int term_width(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (!ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col > 0)
		return ws.ws_col;
	if (env && atoi(env) > 0)
		return atoi(env);
	return DEFAULT_WIDTH;
}

/* Sorted, without repeats, down the columns like ls. */
static void print_columns(void)
{
	size_t w = 0, ncols, nrows, k = 0;

	qsort(names, nnames, sizeof(*names), cmp_name);
	for (size_t i = 0; i < nnames; i++)
		if (!k || strcmp(names[i], names[k - 1]))
			names[k++] = names[i];
	nnames = k;
	for (size_t i = 0; i < nnames; i++)
		if (strlen(names[i]) + 2 > w)
			w = strlen(names[i]) + 2;
	ncols = w ? term_width() / w : 1;
	if (!ncols)
		ncols = 1;
	nrows = (nnames + ncols - 1) / ncols;
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			size_t i = c * nrows + r;

			if (i >= nnames)
				break;
			if (c + 1 < ncols && i + nrows < nnames)
				printf("%-*s", (int)w, names[i]);
			else
				printf("%s", names[i]);
		}
		putchar('\n');
	}
}

int main(int argc, char **argv)
{
	const char *path = getenv("PATH");
	char *copy, *save, *dir;

	util_init(argc, argv, usage, 0);
	if (argc > 1 && !strcmp(argv[1], "--"))
		argv++, argc--;
	else if (argc > 1 && argv[1][0] == '-')
		usage_error("invalid option '%s'", argv[1]);
	if (argc > 2)
		usage_error("extra operand '%s'", argv[2]);
	if (argc == 2) {
		char *args[] = { argv[1], "--help", NULL };

		execvp(argv[1], args);
		warnmsg("%s:", argv[1]);
		return errno == ENOENT ? 127 : 126;
	}
	add_dir("/bin");
	add_dir("/sbin");
	copy = xstrdup(path ? path : "");
	for (dir = strtok_r(copy, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save))
		add_dir(dir);
	free(copy);
	printf("The commands; 'CMD --help' (or 'help CMD') describes CMD. "
	       "The shell's\nbuiltins are listed by its own 'help'.\n\n");
	print_columns();
	text_flush_stdout();
	return 0;
}
