/*
 * cp: copy files, or with -r directory trees. "cp SRC DEST" or
 * "cp SRC... DIR". -r copies symlinks as symlinks (it never follows
 * them inside a tree); a plain cp copies what a symlink points to.
 * -p keeps mode, owner and times, -a is -r -p, -f replaces destinations
 * that cannot be opened, -i asks before overwriting, -v reports each
 * copy. Hard links within a tree are copied as separate files.
 */
#include "fileutil.h"
#include "util.h"

#include <stdlib.h>
#include <sys/stat.h>

static const char usage[] =
	"usage: cp [-afiLPpRrv] SOURCE DEST\n"
	"       cp [-afiLPpRrv] SOURCE... DIRECTORY\n"
	"Copy SOURCE to DEST, or the SOURCEs into DIRECTORY.\n"
	"  -r, -R  copy directories recursively (symlinks stay symlinks)\n"
	"  -p      preserve mode, ownership and timestamps\n"
	"  -a      archive: -r -p\n"
	"  -P      copy symlinks as symlinks   -L  follow symlinks\n"
	"  -f      remove a destination that cannot be opened, and retry\n"
	"  -i      ask before overwriting      -v  explain what is done\n";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "recursive", no_argument, NULL, 'r' },
		{ "archive", no_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'f' },
		{ "interactive", no_argument, NULL, 'i' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "preserve", no_argument, NULL, 'p' },
		{ 0, 0, 0, 0 }
	};
	struct fu_copy_opts o = { 0 };
	int c, deref = -1, ret = 0, nsrc;
	const char *dest;
	struct stat st;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "afiLPpRrv", longopts)) != -1) {
		switch (c) {
		case 'a': o.recursive = o.preserve = 1; deref = 0; break;
		case 'f': o.force = 1; o.interactive = 0; break;
		case 'i': o.interactive = 1; o.force = 0; break;
		case 'L': deref = 1; break;
		case 'P': deref = 0; break;
		case 'p': o.preserve = 1; break;
		case 'R':
		case 'r': o.recursive = 1; break;
		case 'v': o.verbose = 1; break;
		}
	}
	o.no_deref = deref < 0 ? o.recursive : !deref;
	nsrc = argc - optind - 1;
	if (nsrc < 1)
		usage_error(nsrc ? "missing file operand" :
			    "missing destination file operand after '%s'",
			    argv[argc - 1]);
	dest = argv[argc - 1];
	if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode)) {
		for (int i = optind; i < argc - 1; i++) {
			char *to = fu_into_dir(dest, argv[i]);

			ret |= fu_copy(argv[i], to, &o);
			free(to);
		}
		return ret ? 1 : 0;
	}
	if (nsrc > 1)
		die("target '%s' is not a directory", dest);
	return fu_copy(argv[optind], dest, &o) ? 1 : 0;
}
