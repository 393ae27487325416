/*
 * mv: rename files, or move them into a directory. Across file systems
 * (rename fails with EXDEV) it copies the tree, keeping modes, times,
 * owners and symlinks, and then removes the source. -f never asks, -i
 * asks before overwriting, -v reports each move.
 */
#include "fileutil.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: mv [-fiv] SOURCE DEST\n"
	"       mv [-fiv] SOURCE... DIRECTORY\n"
	"Rename SOURCE to DEST, or move the SOURCEs into DIRECTORY.\n"
	"  -f  do not ask before overwriting\n"
	"  -i  ask before overwriting\n"
	"  -v  explain what is being done\n";

static int interactive, verbose;

/* Copy then remove: the move across file systems. */
static int move_by_copy(const char *src, const char *dst)
{
	struct fu_copy_opts co = { .recursive = 1, .preserve = 1,
				   .no_deref = 1, .force = 1 };
	struct fu_rm_opts ro = { .recursive = 1, .force = 1 };
	struct stat st;

	/* A directory replaces an empty one, as rename(2) would. */
	if (lstat(dst, &st) == 0 && S_ISDIR(st.st_mode) && rmdir(dst) < 0) {
		warnmsg("cannot move '%s' to '%s':", src, dst);
		return -1;
	}
	if (fu_copy(src, dst, &co) < 0)
		return -1;
	return fu_remove(src, &ro);
}

static int move(const char *src, const char *dst)
{
	struct stat s, d;

	if (lstat(src, &s) < 0) {
		warnmsg("cannot stat '%s':", src);
		return -1;
	}
	if (lstat(dst, &d) == 0) {
		if (s.st_dev == d.st_dev && s.st_ino == d.st_ino) {
			warnmsg("'%s' and '%s' are the same file", src, dst);
			return -1;
		}
		if (interactive && !fu_ask("overwrite '%s'", dst))
			return 0;
	}
	if (rename(src, dst) < 0) {
		if (errno != EXDEV) {
			warnmsg("cannot move '%s' to '%s':", src, dst);
			return -1;
		}
		if (move_by_copy(src, dst) < 0)
			return -1;
	}
	if (verbose)
		printf("renamed '%s' -> '%s'\n", src, dst);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "interactive", no_argument, NULL, 'i' },
		{ "verbose", no_argument, NULL, 'v' },
		{ 0, 0, 0, 0 }
	};
	int c, ret = 0, nsrc;
	const char *dest;
	struct stat st;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "fiv", longopts)) != -1) {
		if (c == 'v')
			verbose = 1;
		else
			interactive = c == 'i';
	}
	nsrc = argc - optind - 1;
	if (nsrc < 1)
		usage_error(nsrc ? "missing file operand" :
			    "missing destination file operand after '%s'",
			    argv[argc - 1]);
	dest = argv[argc - 1];
	if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (int i = optind; i < argc - 1; i++) {
			char *to = fu_into_dir(dest, argv[i]);

			ret |= move(argv[i], to);
			free(to);
		}
		return ret ? 1 : 0;
	}
	if (nsrc > 1)
		die("target '%s' is not a directory", dest);
	return move(argv[optind], dest) ? 1 : 0;
}
