/*
 * pwd: print the current directory. -L (the default, as POSIX asks)
 * prints $PWD when it is an absolute name of the current directory
 * without "." or ".." components; -P always prints the physical path
 * without symlinks (getcwd).
 */
#include "fileutil.h"
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: pwd [-L|-P]\n"
	"Print the name of the current directory.\n"
	"  -L  logical: use $PWD if it names this directory (default)\n"
	"  -P  physical: resolve all symbolic links\n";

static int logical_ok(const char *pwd)
{
	struct stat a, b;
	const char *p;

	if (!pwd || pwd[0] != '/')
		return 0;
	for (p = pwd; (p = strstr(p, "/.")); p++) {
		if (p[2] == '/' || p[2] == '\0' ||
		    (p[2] == '.' && (p[3] == '/' || p[3] == '\0')))
			return 0;
	}
	return stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int main(int argc, char **argv)
{
	int c, logical = 1;
	size_t cap = PATH_MAX;
	char *buf;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "LP", NULL)) != -1)
		logical = c == 'L';
	if (optind < argc)
		usage_error("extra operand '%s'", argv[optind]);
	if (logical && logical_ok(getenv("PWD"))) {
		puts(getenv("PWD"));
		return 0;
	}
	for (;;) {
		buf = xmalloc(cap);
		if (getcwd(buf, cap))
			break;
		if (errno != ERANGE)
			die("cannot get current directory:");
		free(buf);
		cap *= 2;
	}
	puts(buf);
	free(buf);
	return 0;
}
