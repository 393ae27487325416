/*
 * ln: make links. "ln TARGET LINK", "ln TARGET" (a link of the same
 * name here) or "ln TARGET... DIR". Hard links by default, symbolic
 * with -s; -f replaces existing files, -n treats a LINK that is a
 * symlink to a directory as a file, -v reports each link.
 */
#include "fileutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: ln [-fnsv] TARGET [LINK]\n"
	"       ln [-fnsv] TARGET... DIRECTORY\n"
	"Make a link LINK (or DIRECTORY/name) to TARGET.\n"
	"  -s  make symbolic links instead of hard links\n"
	"  -f  remove existing destination files\n"
	"  -n  treat a LINK that is a symlink to a directory as a file\n"
	"  -v  print the name of each link made\n";

static int symbolic, force, verbose;

static int make_link(const char *target, const char *name)
{
	int r;

	for (int tries = 0; tries < 2; tries++) {
		r = symbolic ? symlink(target, name) :
			       linkat(AT_FDCWD, target, AT_FDCWD, name, 0);
		if (r == 0 || errno != EEXIST || !force || tries)
			break;
		if (unlink(name) < 0)
			break;
	}
	if (r < 0) {
		warnmsg("failed to create %s link '%s' -> '%s':",
			symbolic ? "symbolic" : "hard", name, target);
		return -1;
	}
	if (verbose)
		printf("'%s' -> '%s'\n", name, target);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "symbolic", no_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "no-dereference", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ 0, 0, 0, 0 }
	};
	int c, ret = 0, nodir = 0, n, is_dir;
	const char *dest;
	struct stat st;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "fnsv", longopts)) != -1) {
		switch (c) {
		case 'f': force = 1; break;
		case 'n': nodir = 1; break;
		case 's': symbolic = 1; break;
		case 'v': verbose = 1; break;
		}
	}
	n = argc - optind;
	if (n < 1)
		usage_error("missing file operand");
	if (n == 1) {
		char *name = fu_base_dup(argv[optind]);

		ret = make_link(argv[optind], name);
		free(name);
		return ret ? 1 : 0;
	}
	dest = argv[argc - 1];
	is_dir = (nodir ? lstat(dest, &st) : stat(dest, &st)) == 0 &&
		 S_ISDIR(st.st_mode);
	if (!is_dir && n > 2)
		die("target '%s' is not a directory", dest);
	if (!is_dir)
		return make_link(argv[optind], dest) ? 1 : 0;
	for (int i = optind; i < argc - 1; i++) {
		char *to = fu_into_dir(dest, argv[i]);

		ret |= make_link(argv[i], to);
		free(to);
	}
	return ret ? 1 : 0;
}
