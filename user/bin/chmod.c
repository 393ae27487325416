/*
 * chmod: change the permission bits of files. MODE is octal (755, 4711)
 * or symbolic clauses like u+x,go-w, a=r, +X, g=u. -R descends into
 * directories (not following symlinks inside them), -v reports every
 * file, -c only those changed, -f keeps quiet about most errors. An
 * argument like "-w" is taken as a mode, not an option.
 */
#include "fileutil.h"
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"usage: chmod [-Rcfv] MODE FILE...\n"
	"Change the mode of each FILE to MODE.\n"
	"MODE is octal (755) or symbolic: [ugoa]*[-+=][rwxXst]*|[ugo], "
	"comma separated.\n"
	"  -R  change directories and their contents recursively\n"
	"  -c  report only changes   -v  report every file\n"
	"  -f  suppress most error messages\n";

static int recursive, verbose, changes, quiet;
static const char *mode_arg;
static mode_t umask_bits;

static void report(const char *path, mode_t old, mode_t new)
{
	char a[11], b[11];

	fu_mode_string(old, a);
	fu_mode_string(new, b);
	if (old == new && verbose)
		printf("mode of '%s' retained as %04o (%s)\n", path,
		       (unsigned)(old & 07777), a + 1);
	else if (old != new && (verbose || changes))
		printf("mode of '%s' changed from %04o (%s) to %04o (%s)\n",
		       path, (unsigned)(old & 07777), a + 1,
		       (unsigned)(new & 07777), b + 1);
}

static int change_tree(const char *path, const struct fu_dir_chain *up);

static int change_contents(const char *path, const struct stat *st,
			   const struct fu_dir_chain *up)
{
	struct fu_dir_chain here = { st->st_dev, st->st_ino, up };
	struct dirent *de;
	DIR *d = opendir(path);
	int ret = 0;

	if (!d) {
		if (!quiet)
			warnmsg("cannot read directory '%s':", path);
		return -1;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = fu_path_join(path, de->d_name);

		ret |= change_tree(sub, &here);
		free(sub);
	}
	closedir(d);
	return ret;
}

static int change_tree(const char *path, const struct fu_dir_chain *up)
{
	struct stat st;
	mode_t new;
	int ret = 0;

	/* Inside a tree symlinks are skipped, never followed. */
	if ((up ? lstat(path, &st) : stat(path, &st)) < 0) {
		if (!quiet)
			warnmsg("cannot access '%s':", path);
		return -1;
	}
	if (S_ISLNK(st.st_mode))
		return 0;
	if (fu_mode_apply(mode_arg, st.st_mode, S_ISDIR(st.st_mode),
			  umask_bits, &new) < 0)
		usage_error("invalid mode: '%s'", mode_arg);
	if (new != st.st_mode && chmod(path, new & 07777) < 0) {
		if (!quiet)
			warnmsg("changing permissions of '%s':", path);
		ret = -1;
	} else {
		report(path, st.st_mode, new);
	}
	if (recursive && S_ISDIR(st.st_mode) && !fu_chain_has(up, &st))
		ret |= change_contents(path, &st, up);
	return ret;
}

/* "-Rv"-style words are options; anything else is the mode or a file. */
static int take_option(const char *arg)
{
	if (arg[0] != '-' || !arg[1] || arg[strspn(arg + 1, "Rcfv") + 1])
		return 0;
	for (arg++; *arg; arg++) {
		recursive |= *arg == 'R';
		changes |= *arg == 'c';
		quiet |= *arg == 'f';
		verbose |= *arg == 'v';
	}
	return 1;
}

int main(int argc, char **argv)
{
	int nfiles = 0, ret = 0, dashdash = 0;
	char **files = xmalloc(argc * sizeof(*files));
	mode_t dummy;

	util_init(argc, argv, usage, 0);
	umask_bits = umask(0);
	umask(umask_bits);
	for (int i = 1; i < argc; i++) {
		if (!dashdash && !strcmp(argv[i], "--"))
			dashdash = 1;
		else if (!dashdash && (!strcmp(argv[i], "--recursive") ||
				       !strcmp(argv[i], "--verbose")))
			take_option(argv[i][2] == 'r' ? "-R" : "-v");
		else if (dashdash || !take_option(argv[i])) {
			if (!mode_arg)
				mode_arg = argv[i];
			else
				files[nfiles++] = argv[i];
		}
	}
	if (!mode_arg)
		usage_error("missing operand");
	if (fu_mode_apply(mode_arg, 0, 0, 0, &dummy) < 0)
		usage_error("invalid mode: '%s'", mode_arg);
	if (!nfiles)
		usage_error("missing operand after '%s'", mode_arg);
	for (int i = 0; i < nfiles; i++)
		ret |= change_tree(files[i], NULL);
	free(files);
	return ret ? 1 : 0;
}
