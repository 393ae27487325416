/*
 * yes: print a line ("y", or the arguments joined by spaces) forever,
 * a large buffer of copies per write so that it is fast.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: yes [STRING...]\n"
	"Print STRINGs (or \"y\") joined by spaces, one line at a time, "
	"until killed.\n";

#define BUF_SIZE	16384

int main(int argc, char **argv)
{
	size_t len = 0, line, fill = 0;
	char *buf;
	int first = 1;

	util_init(argc, argv, usage, 0);
	if (argc > 1 && !strcmp(argv[1], "--"))
		argv++, argc--;
	for (int i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (argc < 2)
		len = 2;
	buf = xmalloc(len > BUF_SIZE ? len : BUF_SIZE);
	if (argc < 2) {
		memcpy(buf, "y\n", 2);
	} else {
		for (int i = 1; i < argc; i++) {
			size_t n = strlen(argv[i]);

			if (!first)
				buf[fill++] = ' ';
			memcpy(buf + fill, argv[i], n);
			fill += n;
			first = 0;
		}
		buf[fill] = '\n';
	}
	line = len;
	/* As many whole copies of the line as fit in the buffer. */
	for (fill = line; fill + line <= BUF_SIZE; fill += line)
		memcpy(buf + fill, buf, line);
	for (;;)
		if (write_all(1, buf, fill))
			die("write error:");
}
