/*
 * wc: count the lines, words and bytes (or characters) of files, with a
 * total line for several files, in GNU wc's column format.
 */
#include "textutil.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: wc [-clmw] [FILE...]\n"
	"Print newline, word and byte counts of FILEs (or stdin).\n"
	"  -l  lines   -w  words   -c  bytes   -m  characters (UTF-8)\n";

enum { LINES, WORDS, CHARS, BYTES, NCOUNTS };

static int want[NCOUNTS];
static unsigned long long total[NCOUNTS];
static int width = 1;

static int count_fd(int fd, unsigned long long *cnt)
{
	static char buf[65536];
	int in_word = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		cnt[BYTES] += n;
		for (ssize_t i = 0; i < n; i++) {
			unsigned char c = buf[i];

			cnt[LINES] += c == '\n';
			cnt[CHARS] += (c & 0xc0) != 0x80;
			if (isspace(c)) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				cnt[WORDS]++;
			}
		}
	}
	return 0;
}

static void print_counts(const unsigned long long *cnt, const char *name)
{
	const char *sep = "";

	for (int i = 0; i < NCOUNTS; i++) {
		if (!want[i])
			continue;
		printf("%s%*llu", sep, width, cnt[i]);
		sep = " ";
	}
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* GNU's width: digits of the regular files' total size, at least 7
 * when an input is not a regular file; 1 for one count of one input. */
static void compute_width(int nfiles, char **files)
{
	unsigned long long size = 0;
	int minimum = 1, nwant = 0;
	struct stat st;

	for (int i = 0; i < NCOUNTS; i++)
		nwant += want[i];
	if (nwant == 1 && nfiles <= 1)
		return;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		int r = (!nfiles || !strcmp(files[i], "-")) ?
			fstat(0, &st) : stat(files[i], &st);

		if (r < 0) {
			if (i == 0)
				return;
			continue;
		}
		if (S_ISREG(st.st_mode))
			size += st.st_size;
		else
			minimum = 7;
	}
	for (; size >= 10; size /= 10)
		width++;
	if (width < minimum)
		width = minimum;
}

static int wc_file(const char *name)
{
	unsigned long long cnt[NCOUNTS] = { 0 };
	int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
	int ret = 0;

	if (fd < 0) {
		warnmsg("%s:", name);
		return 1;
	}
	if (count_fd(fd, cnt)) {
		warnmsg("%s: read error:", name);
		ret = 1;
	}
	if (fd)
		close(fd);
	for (int i = 0; i < NCOUNTS; i++)
		total[i] += cnt[i];
	print_counts(cnt, name);
	return ret;
}

int main(int argc, char **argv)
{
	int c, ret = 0;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("clmw"))) != -1) {
		switch (c) {
		case 'c': want[BYTES] = 1; break;
		case 'l': want[LINES] = 1; break;
		case 'm': want[CHARS] = 1; break;
		case 'w': want[WORDS] = 1; break;
		default: text_bad_option(c);
		}
	}
	if (!want[BYTES] && !want[LINES] && !want[CHARS] && !want[WORDS])
		want[LINES] = want[WORDS] = want[BYTES] = 1;
	argc -= optind;
	argv += optind;
	compute_width(argc, argv);
	if (!argc) {
		unsigned long long cnt[NCOUNTS] = { 0 };

		if (count_fd(0, cnt))
			die("read error:");
		print_counts(cnt, NULL);
	}
	for (int i = 0; i < argc; i++)
		ret |= wc_file(argv[i]);
	if (argc > 1)
		print_counts(total, "total");
	text_flush_stdout();
	return ret;
}
