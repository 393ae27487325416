/*
 * rm: remove files, and with -r whole trees (never following symlinks).
 * -f ignores missing files and never asks, -i asks before each removal,
 * -v reports each one. "/", "." and ".." are refused.
 */
#include "fileutil.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: rm [-fiRrv] FILE...\n"
	"Remove the FILEs.\n"
	"  -r, -R  remove directories and their contents recursively\n"
	"  -f      ignore missing files, never ask\n"
	"  -i      ask before every removal\n"
	"  -v      print a message for each file removed\n";

/* "/", "." and ".." (also as "a/.." or "./") are never removed. */
static int refused(const char *path, int recursive)
{
	char *base = fu_base_dup(path);
	char real[PATH_MAX];
	int bad = !strcmp(base, ".") || !strcmp(base, "..");

	free(base);
	if (bad) {
		warnmsg("refusing to remove '.' or '..' directory: "
			"skipping '%s'", path);
		return 1;
	}
	if (recursive && realpath(path, real) && !strcmp(real, "/")) {
		warnmsg("it is dangerous to operate recursively on '%s'",
			path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "recursive", no_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'f' },
		{ "interactive", no_argument, NULL, 'i' },
		{ "verbose", no_argument, NULL, 'v' },
		{ 0, 0, 0, 0 }
	};
	struct fu_rm_opts o = { 0 };
	int c, ret = 0;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "fiRrv", longopts)) != -1) {
		switch (c) {
		case 'f': o.force = 1; o.interactive = 0; break;
		case 'i': o.interactive = 1; o.force = 0; break;
		case 'r':
		case 'R': o.recursive = 1; break;
		case 'v': o.verbose = 1; break;
		}
	}
	if (optind == argc) {
		if (o.force)
			return 0;
		usage_error("missing operand");
	}
	for (int i = optind; i < argc; i++) {
		if (refused(argv[i], o.recursive) || fu_remove(argv[i], &o))
			ret = 1;
	}
	return ret;
}
