/*
 * mkdir: create directories. -p creates missing parents and accepts
 * directories that already exist, -m MODE sets the mode (octal or
 * symbolic, relative to a=rwx) of the named directories, -v reports
 * each directory made.
 */
#include "fileutil.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
	"usage: mkdir [-pv] [-m MODE] DIRECTORY...\n"
	"Create the DIRECTORYs.\n"
	"  -p       make parent directories too; no error if existing\n"
	"  -m MODE  set the mode (as in chmod) instead of a=rwx - umask\n"
	"  -v       print a message for each directory created\n";

static int parents, verbose;

static int make_one(const char *path, mode_t mode, int exist_ok)
{
	struct stat st;

	if (mkdir(path, mode) == 0) {
		if (verbose)
			printf("%s: created directory '%s'\n", prog_name, path);
		return 1;
	}
	if (exist_ok && errno == EEXIST && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return 0;
	warnmsg("cannot create directory '%s':", path);
	return -1;
}

/* Each missing ancestor of @path, with u+wx so the next can be made. */
static int make_parents(const char *path, mode_t umask_bits)
{
	char *copy = xstrdup(path);
	int ret = 0;

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		if (make_one(copy, (0777 & ~umask_bits) | S_IWUSR | S_IXUSR,
			     1) < 0)
			ret = -1;
		*p = '/';
		if (ret)
			break;
	}
	free(copy);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "parents", no_argument, NULL, 'p' },
		{ "mode", required_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ 0, 0, 0, 0 }
	};
	const char *mode_arg = NULL;
	mode_t umask_bits = umask(0), mode;
	int c, made, ret = 0;

	umask(umask_bits);
	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "pm:v", longopts)) != -1) {
		if (c == 'p')
			parents = 1;
		else if (c == 'm')
			mode_arg = optarg;
		else
			verbose = 1;
	}
	if (optind == argc)
		usage_error("missing operand");
	mode = 0777 & ~umask_bits;
	if (mode_arg && fu_mode_apply(mode_arg, S_IFDIR | 0777, 1,
				      umask_bits, &mode) < 0)
		usage_error("invalid mode '%s'", mode_arg);
	mode &= 07777;
	for (int i = optind; i < argc; i++) {
		if (parents && make_parents(argv[i], umask_bits) < 0) {
			ret = 1;
			continue;
		}
		made = make_one(argv[i], mode, parents);
		if (made < 0)
			ret = 1;
		/* mkdir(2) applies the umask; -m means exactly MODE. */
		if (made > 0 && mode_arg && chmod(argv[i], mode) < 0) {
			warnmsg("cannot set mode of '%s':", argv[i]);
			ret = 1;
		}
	}
	return ret;
}
