/*
 * hexdump: show bytes in hex. The default line is an offset and eight
 * little-endian 16-bit words ("0000000 6568 6c6c ..."); -C is the
 * canonical layout of offset, 16 bytes and their ASCII. A run of lines
 * equal to the one before prints as a single "*" unless -v. -s SKIP and
 * -n LENGTH choose a part of the input (the FILEs one after the other,
 * or standard input).
 */
#include "fileutil.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: hexdump [-Cv] [-n LENGTH] [-s SKIP] [FILE]...\n"
	"Display the bytes of the FILEs (or standard input) in hex.\n"
	"  -C         canonical hex+ASCII display\n"
	"  -n LENGTH  interpret only LENGTH bytes of input\n"
	"  -s SKIP    skip SKIP bytes of input first\n"
	"  -v         show every line, even repeated ones\n"
	"LENGTH and SKIP take a 0x prefix for hex and a k, m or g suffix.\n";

#define LINE	16

static char **files;
static int nfiles, cur = -1, fd = -1, status;
static int canonical, verbose;

/* Open the next input; 0 when there is none left. */
static int next_input(void)
{
	if (fd > STDIN_FILENO)
		close(fd);
	fd = -1;
	while (fd < 0) {
		if (++cur >= nfiles)
			return nfiles == 0 && cur == 0 ?
			       (fd = STDIN_FILENO, 1) : 0;
		fd = open(files[cur], O_RDONLY);
		if (fd < 0) {
			warnmsg("%s:", files[cur]);
			status = 1;
		}
	}
	return 1;
}

/* Read up to @len bytes across the inputs; returns the count read. */
static size_t get_bytes(unsigned char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		if (fd == -2 || (fd < 0 && !next_input()))
			break;
		n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			warnmsg("%s:", nfiles ? files[cur] : "stdin");
		if (n <= 0) {
			status |= n < 0;
			if (fd == STDIN_FILENO) {
				cur = nfiles;
				fd = -2;	/* standard input is done */
				break;
			}
			if (!next_input())
				break;
			continue;
		}
		got += n;
	}
	return got;
}

/* Skip up to @skip bytes; returns how many there were to skip. */
static unsigned long long skip_input(unsigned long long skip)
{
	unsigned long long want = skip;
	unsigned char buf[4096];
	unsigned long long left;
	struct stat st;
	off_t pos;
	size_t n;

	while (skip) {
		if (fd < 0 && (fd == -2 || !next_input()))
			break;
		/* Regular files are stepped over without reading them. */
		pos = lseek(fd, 0, SEEK_CUR);
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && pos >= 0) {
			left = st.st_size > pos ? st.st_size - pos : 0;
			if (left > skip) {
				lseek(fd, skip, SEEK_CUR);
				return want;
			}
			skip -= left;
			lseek(fd, 0, SEEK_END);
		}
		n = get_bytes(buf, skip < sizeof(buf) ? skip : sizeof(buf));
		if (n == 0)
			break;
		skip -= n;
	}
	return want - skip;
}

static void put_line(unsigned long long off, const unsigned char *b,
		     size_t n)
{
	if (canonical) {
		printf("%08llx ", off);
		for (size_t i = 0; i < LINE; i++) {
			if (i == 8)
				putchar(' ');
			if (i < n)
				printf(" %02x", b[i]);
			else
				fputs("   ", stdout);
		}
		fputs("  |", stdout);
		for (size_t i = 0; i < n; i++)
			putchar(isprint(b[i]) ? b[i] : '.');
		puts("|");
		return;
	}
	printf("%07llx", off);
	for (size_t i = 0; i < LINE; i += 2) {
		if (i < n)
			printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
		else
			fputs("     ", stdout);
	}
	putchar('\n');
}

/* LENGTH/SKIP: decimal, 0x hex or 0 octal, optional k/m/g. */
static unsigned long long parse_size(const char *s)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *s == '-')
		usage_error("invalid number '%s'", s);
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	else if (*end == 'g' || *end == 'G')
		v <<= 30, end++;
	if (*end)
		usage_error("invalid number '%s'", s);
	return v;
}

static void dump(unsigned long long off, unsigned long long limit)
{
	unsigned char line[LINE], prev[LINE];
	int have_prev = 0, starred = 0;
	size_t n;

	while (limit) {
		n = get_bytes(line, limit < LINE ? limit : LINE);
		if (n == 0)
			break;
		limit -= n;
		if (!verbose && have_prev && n == LINE &&
		    !memcmp(line, prev, LINE)) {
			if (!starred)
				puts("*");
			starred = 1;
		} else {
			put_line(off, line, n);
			starred = 0;
		}
		memcpy(prev, line, LINE);
		have_prev = n == LINE;
		off += n;
	}
	if (off || have_prev)
		printf(canonical ? "%08llx\n" : "%07llx\n", off);
}

int main(int argc, char **argv)
{
	unsigned long long skip = 0, limit = ~0ULL;
	int c;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "Cn:s:v", NULL)) != -1) {
		switch (c) {
		case 'C': canonical = 1; break;
		case 'n': limit = parse_size(optarg); break;
		case 's': skip = parse_size(optarg); break;
		case 'v': verbose = 1; break;
		}
	}
	files = argv + optind;
	nfiles = argc - optind;
	dump(skip_input(skip), limit);
	if (fflush(stdout) == EOF)
		die("write error:");
	return status;
}
