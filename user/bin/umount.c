/*
 * umount: detach mounted file systems with umount2(2): -l lazily
 * (MNT_DETACH), -f by force (MNT_FORCE).
 */
#include "textutil.h"
#include "util.h"

#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

static const char usage[] =
	"usage: umount [-fl] DIR...\n"
	"Unmount the file systems mounted on the DIRs.\n"
	"  -l  lazy: detach now, clean up when no longer busy\n"
	"  -f  force (for unreachable network file systems)\n";

int main(int argc, char **argv)
{
	int c, flags = 0, ret = 0;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("fl"))) != -1) {
		switch (c) {
		case 'f': flags |= MNT_FORCE; break;
		case 'l': flags |= MNT_DETACH; break;
		default: text_bad_option(c);
		}
	}
	if (optind == argc)
		usage_error("no directory given");
	for (int i = optind; i < argc; i++) {
		if (umount2(argv[i], flags)) {
			warnmsg("%s:", argv[i]);
			ret = 1;
		}
	}
	return ret;
}
