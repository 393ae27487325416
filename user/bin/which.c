/*
 * which: print the full name of each command that the shell would run,
 * searching $PATH (an empty entry means the current directory). -a
 * prints every match, not only the first. Exit 1 if any is not found.
 */
#include "fileutil.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: which [-a] COMMAND...\n"
	"Print the path of each COMMAND found in $PATH.\n"
	"  -a  print all matches, not only the first\n";

static int runnable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       access(path, X_OK) == 0;
}

static int which(const char *name, const char *path, int all)
{
	const char *p = path, *end;
	int found = 0;

	if (strchr(name, '/')) {
		if (!runnable(name))
			return 0;
		puts(name);
		return 1;
	}
	for (;; p = end + 1) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		char *dir = xmalloc(end - p + 2);

		if (end == p)
			strcpy(dir, ".");
		else
			memcpy(dir, p, end - p), dir[end - p] = '\0';
		char *full = fu_path_join(dir, name);

		if (runnable(full)) {
			puts(full);
			found = 1;
		}
		free(dir);
		free(full);
		if ((found && !all) || *end == '\0')
			break;
	}
	return found;
}

int main(int argc, char **argv)
{
	const char *path = getenv("PATH");
	int c, all = 0, ret = 0;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "a", NULL)) != -1)
		all = 1;
	if (optind == argc)
		usage_error("missing operand");
	if (!path)
		path = "/bin:/usr/bin";
	for (int i = optind; i < argc; i++) {
		if (!which(argv[i], path, all)) {
			warnmsg("no %s in (%s)", argv[i], path);
			ret = 1;
		}
	}
	return ret;
}
