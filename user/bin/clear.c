/*
 * clear: clear the terminal (ANSI: cursor home, erase the screen, and
 * the scrollback unless -x).
 */
#include "textutil.h"
#include "util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: clear [-x]\n"
	"Clear the terminal screen and its scrollback.\n"
	"  -x  keep the scrollback\n";

int main(int argc, char **argv)
{
	static const char home_erase[] = "\033[H\033[2J", scrollback[] =
		"\033[3J";
	int c, keep = 0;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("x"))) != -1) {
		if (c != 'x')
			text_bad_option(c);
		keep = 1;
	}
	if (optind < argc)
		usage_error("extra operand '%s'", argv[optind]);
	if (write_all(1, home_erase, strlen(home_erase)) ||
	    (!keep && write_all(1, scrollback, strlen(scrollback))))
		die("write error:");
	return 0;
}
