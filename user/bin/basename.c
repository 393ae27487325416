/*
 * basename: print NAME with any leading directories removed, and a
 * trailing SUFFIX too when given ("basename /a/b.c .c" prints "b").
 * -a takes several NAMEs, -s SUFFIX sets the suffix and implies -a.
 */
#include "fileutil.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: basename NAME [SUFFIX]\n"
	"       basename -a [-s SUFFIX] NAME...\n"
	"Print NAME without its directory part and without SUFFIX.\n"
	"  -a         every argument is a NAME\n"
	"  -s SUFFIX  remove a trailing SUFFIX; implies -a\n";

static void put_base(const char *name, const char *suffix)
{
	size_t len = strlen(name), slen;

	while (len > 1 && name[len - 1] == '/')
		len--;
	if (len == 1 && name[0] == '/') {
		puts("/");
		return;
	}
	const char *start = name + len;

	while (start > name && start[-1] != '/')
		start--;
	len -= start - name;
	slen = suffix ? strlen(suffix) : 0;
	if (slen && slen < len && !memcmp(start + len - slen, suffix, slen))
		len -= slen;
	printf("%.*s\n", (int)len, start);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "multiple", no_argument, NULL, 'a' },
		{ "suffix", required_argument, NULL, 's' },
		{ 0, 0, 0, 0 }
	};
	const char *suffix = NULL;
	int c, multiple = 0;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "as:", longopts)) != -1) {
		if (c == 's')
			suffix = optarg;
		multiple = 1;
	}
	if (optind == argc)
		usage_error("missing operand");
	if (!multiple) {
		if (argc - optind > 2)
			usage_error("extra operand '%s'", argv[optind + 2]);
		put_base(argv[optind], optind + 1 < argc ?
			 argv[optind + 1] : NULL);
		return 0;
	}
	for (int i = optind; i < argc; i++)
		put_base(argv[i], suffix);
	return 0;
}
