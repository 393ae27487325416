/*
 * rmdir: remove empty directories. -p removes each named directory and
 * then its parents in turn ("a/b/c", "a/b", "a"); -v reports each one.
 */
#include "fileutil.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: rmdir [-pv] DIRECTORY...\n"
	"Remove the DIRECTORYs, if they are empty.\n"
	"  -p  remove the parents named in each DIRECTORY too\n"
	"  -v  print a message for each directory removed\n";

static int verbose;

static int remove_one(const char *path)
{
	if (rmdir(path) < 0) {
		warnmsg("failed to remove '%s':", path);
		return -1;
	}
	if (verbose)
		printf("%s: removing directory, '%s'\n", prog_name, path);
	return 0;
}

/* Strip the last component of @p in place; 0 when nothing is left. */
static int strip_last(char *p)
{
	size_t len = strlen(p);

	while (len > 1 && p[len - 1] == '/')
		len--;
	while (len > 0 && p[len - 1] != '/')
		len--;
	while (len > 1 && p[len - 1] == '/')
		len--;
	p[len] = '\0';
	return len > 0 && strcmp(p, "/") != 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "parents", no_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ 0, 0, 0, 0 }
	};
	int c, parents = 0, ret = 0;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "pv", longopts)) != -1) {
		if (c == 'p')
			parents = 1;
		else
			verbose = 1;
	}
	if (optind == argc)
		usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		char *p = xstrdup(argv[i]);

		if (remove_one(p) < 0)
			ret = 1;
		else if (parents)
			while (strip_last(p))
				if (remove_one(p) < 0) {
					ret = 1;
					break;
				}
		free(p);
	}
	return ret;
}
