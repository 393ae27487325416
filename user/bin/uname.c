/*
 * uname: print what uname(2) says about the system: kernel name, host
 * name, release, version, machine.
 */
#include "textutil.h"
#include "util.h"

#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char usage[] =
	"usage: uname [-asnrvmpio]\n"
	"Print system information (default -s).\n"
	"  -a  all of -snrvm and -o    -s  kernel name   -n  host name\n"
	"  -r  kernel release          -v  kernel version\n"
	"  -m  machine                 -p  processor     -i  hardware "
	"platform\n"
	"  -o  operating system (the kernel name)\n"
	"-p and -i print \"unknown\": the kernel does not say.\n";

enum { F_S = 1, F_N = 2, F_R = 4, F_V = 8, F_M = 16, F_P = 32, F_I = 64,
       F_O = 128 };

int main(int argc, char **argv)
{
	struct utsname u;
	int c, want = 0, first = 1;
	const char *field[8];

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("asnrvmpio"))) != -1) {
		switch (c) {
		case 'a': want |= F_S | F_N | F_R | F_V | F_M | F_O; break;
		case 's': want |= F_S; break;
		case 'n': want |= F_N; break;
		case 'r': want |= F_R; break;
		case 'v': want |= F_V; break;
		case 'm': want |= F_M; break;
		case 'p': want |= F_P; break;
		case 'i': want |= F_I; break;
		case 'o': want |= F_O; break;
		default: text_bad_option(c);
		}
	}
	if (optind < argc)
		usage_error("extra operand '%s'", argv[optind]);
	if (uname(&u))
		die("uname:");
	if (!want)
		want = F_S;
	field[0] = u.sysname;
	field[1] = u.nodename;
	field[2] = u.release;
	field[3] = u.version;
	field[4] = u.machine;
	field[5] = "unknown";
	field[6] = "unknown";
	field[7] = u.sysname;
	for (int i = 0; i < 8; i++) {
		if (!(want & (1 << i)))
			continue;
		printf("%s%s", first ? "" : " ", field[i]);
		first = 0;
	}
	putchar('\n');
	text_flush_stdout();
	return 0;
}
