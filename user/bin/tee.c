/*
 * tee: copy stdin to stdout and to files. A file that cannot be opened
 * or written is reported and dropped; the others go on.
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
	"usage: tee [-ai] [FILE...]\n"
	"Copy stdin to stdout and to each FILE.\n"
	"  -a  append to the FILEs instead of overwriting them\n"
	"  -i  ignore interrupt signals\n";

int main(int argc, char **argv)
{
	static char buf[65536];
	int c, append = 0, ret = 0, nfd, *fds;
	ssize_t n;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("ai"))) != -1) {
		switch (c) {
		case 'a': append = 1; break;
		case 'i': signal(SIGINT, SIG_IGN); break;
		default: text_bad_option(c);
		}
	}
	nfd = argc - optind + 1;
	fds = xmalloc(nfd * sizeof(*fds));
	fds[0] = 1;
	for (int i = 1; i < nfd; i++) {
		const char *name = argv[optind + i - 1];

		fds[i] = open(name, O_WRONLY | O_CREAT |
			      (append ? O_APPEND : O_TRUNC), 0666);
		if (fds[i] < 0) {
			warnmsg("%s:", name);
			ret = 1;
		}
	}
	while ((n = read(0, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warnmsg("read error:");
			return 1;
		}
		for (int i = 0; i < nfd; i++) {
			if (fds[i] < 0 || !write_all(fds[i], buf, n))
				continue;
			warnmsg("%s:", i ? argv[optind + i - 1] : "stdout");
			fds[i] = -1;
			ret = 1;
		}
	}
	for (int i = 1; i < nfd; i++) {
		if (fds[i] >= 0 && close(fds[i])) {
			warnmsg("%s:", argv[optind + i - 1]);
			ret = 1;
		}
	}
	free(fds);
	return ret;
}
