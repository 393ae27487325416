/*
 * cat: copy files (or "-", standard input) to standard output in
 * order. -n numbers all lines, -b only non-blank ones, -s squeezes runs
 * of blank lines, -E marks line ends with '$'. Output is never held
 * back in a buffer longer than one read, so -u (unbuffered) is the
 * normal behaviour. A file that cannot be read is reported and skipped;
 * the exit status is then 1.
 */
#include "fileutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: cat [-bnsuE] [FILE]...\n"
	"Concatenate FILEs (or standard input for - or none) to standard"
	" output.\n"
	"  -n  number all output lines      -b  number non-blank lines\n"
	"  -s  squeeze repeated blank lines  -E  show '$' at line ends\n"
	"  -u  unbuffered (always the case)\n";

static int number, number_nonblank, squeeze, show_ends;

/* State of the line filter, carried across files like other cats. */
static unsigned long line_no;
static int at_line_start = 1, blank_run;

static void filter(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = buf[i];

		if (at_line_start) {
			if (c == '\n' && squeeze && blank_run++)
				continue;
			if (c != '\n')
				blank_run = 0;
			if (number && (!number_nonblank || c != '\n'))
				printf("%6lu\t", ++line_no);
		}
		if (c == '\n' && show_ends)
			putchar('$');
		putchar(c);
		at_line_start = c == '\n';
	}
	fflush(stdout);
}

static int cat_fd(int fd, const char *name)
{
	static char buf[64 * 1024];
	int plain = !number && !squeeze && !show_ends;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			warnmsg("%s:", name);
			return -1;
		}
		if (!plain) {
			filter(buf, n);
		} else if (write_all(STDOUT_FILENO, buf, n) < 0) {
			die("write error:");
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, fd, ret = 0;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "bnsuE", NULL)) != -1) {
		switch (c) {
		case 'b': number = number_nonblank = 1; break;
		case 'n': number = 1; break;
		case 's': squeeze = 1; break;
		case 'E': show_ends = 1; break;
		case 'u': break;
		}
	}
	if (optind == argc)
		return cat_fd(STDIN_FILENO, "-") < 0 ||
		       fflush(stdout) == EOF;
	for (int i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "-")) {
			ret |= cat_fd(STDIN_FILENO, "-");
			continue;
		}
		fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			warnmsg("%s:", argv[i]);
			ret = -1;
			continue;
		}
		ret |= cat_fd(fd, argv[i]);
		close(fd);
	}
	if (fflush(stdout) == EOF)
		die("write error:");
	return ret ? 1 : 0;
}
