/*
 * dirname: print each NAME without its last component and the slashes
 * before it: "/a/b/" -> "/a", "a" -> ".", "/" -> "/".
 */
#include "fileutil.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: dirname NAME...\n"
	"Print each NAME without its last component ('.' if none).\n";

static void put_dir(const char *name)
{
	size_t len = strlen(name);

	while (len > 1 && name[len - 1] == '/')
		len--;
	while (len > 0 && name[len - 1] != '/')
		len--;
	if (len == 0) {
		puts(".");
		return;
	}
	while (len > 1 && name[len - 1] == '/')
		len--;
	printf("%.*s\n", (int)len, name);
}

int main(int argc, char **argv)
{
	util_init(argc, argv, usage, 0);
	while (fu_getopt(argc, argv, "", NULL) != -1)
		;
	if (optind == argc)
		usage_error("missing operand");
	for (int i = optind; i < argc; i++)
		put_dir(argv[i]);
	return 0;
}
