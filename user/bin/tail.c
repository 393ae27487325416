/*
 * tail: print the last lines (or bytes) of files, or everything from a
 * given line with +N, and with -f keep printing what is appended (by
 * looking at the files again every second).
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"usage: tail [-fqv] [-s SECS] [-n [+]N | -c [+]N | -N] [FILE...]\n"
	"Print the last 10 lines of each FILE (or stdin).\n"
	"  -n N   the last N lines; -n +N from line N on\n"
	"  -c N   the last N bytes; -c +N from byte N on\n"
	"  -f     follow: print data appended to the files until interrupted\n"
	"  -s S   with -f, look every S seconds (default 1)\n"
	"  -q     never print headers   -v  always print headers\n";

#define CHUNK	65536

static unsigned long long count = 10;
static int bytes, from_start, headers, follow;
static const char *last_header;

struct input {
	const char *name;
	int fd;
	off_t pos;		/* where following reads next */
};

static void header(const char *name)
{
	static int shown;

	if (!headers || last_header == name)
		return;
	printf("%s==> %s <==\n", shown++ ? "\n" : "",
	       strcmp(name, "-") ? name : "standard input");
	last_header = name;
}

/* Offset in @buf where its last @count lines (or bytes) start. */
static size_t tail_start(const char *buf, size_t len)
{
	unsigned long long n = 0;
	size_t i = len;

	if (bytes)
		return count >= len ? 0 : len - count;
	if (!count)
		return len;
	if (i && buf[i - 1] == '\n')
		i--;	/* the newline that ends the last line */
	while (i > 0) {
		if (buf[i - 1] == '\n' && ++n == count)
			return i;
		i--;
	}
	return 0;
}

static int copy_rest(int fd, off_t *pos)
{
	static char buf[CHUNK];
	ssize_t n;

	fflush(stdout);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (write_all(1, buf, n))
			die("write error:");
		if (pos)
			*pos += n;
	}
	return 0;
}

/* Skip to the @count-th line or byte of a stream and copy the rest. */
static int skip_and_copy(int fd)
{
	unsigned long long left = count ? count - 1 : 0;
	char c;
	ssize_t n;

	while (left && (n = read(fd, &c, 1)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (bytes || c == '\n')
			left--;
	}
	return copy_rest(fd, NULL);
}

/* A pipe: keep reading, keeping only the tail, then print it. */
static int tail_pipe(int fd)
{
	size_t len = 0, cap = CHUNK, trimmed = CHUNK, start;
	char *buf = xmalloc(cap);
	ssize_t n;

	while ((n = read(fd, buf + len, cap - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return -1;
		}
		len += n;
		if (len >= 2 * trimmed) {
			start = tail_start(buf, len);
			memmove(buf, buf + start, len - start);
			len -= start;
			trimmed = len > CHUNK ? len : CHUNK;
		}
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);
	}
	start = tail_start(buf, len);
	fwrite(buf + start, 1, len - start, stdout);
	free(buf);
	return 0;
}

static unsigned long long newlines(const char *buf, size_t len)
{
	unsigned long long n = 0;

	for (size_t i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n;
}

/* A regular file: read backwards from its end until the tail is seen. */
static int tail_regular(struct input *in, off_t size)
{
	off_t off = size, start;
	size_t len = 0, got;
	char *buf = NULL;

	if (bytes) {
		start = (off_t)count >= size ? 0 : size - (off_t)count;
	} else {
		while (off > 0 && newlines(buf, len) <= count) {
			got = off > CHUNK ? CHUNK : (size_t)off;
			buf = xrealloc(buf, len + got);
			memmove(buf + got, buf, len);
			if (pread(in->fd, buf, got, off - got) !=
			    (ssize_t)got) {
				free(buf);
				return -1;
			}
			off -= got;
			len += got;
		}
		start = off + tail_start(buf, len);
		free(buf);
	}
	in->pos = start;
	if (lseek(in->fd, start, SEEK_SET) < 0)
		return -1;
	return copy_rest(in->fd, &in->pos);
}

/* Print the tail of one input; 1 if it can be followed. */
static int tail_input(struct input *in)
{
	struct stat st;
	int r, regular;

	if (fstat(in->fd, &st) < 0) {
		warnmsg("%s:", in->name);
		return -1;
	}
	regular = S_ISREG(st.st_mode);
	header(in->name);
	if (from_start) {
		r = skip_and_copy(in->fd);
		in->pos = lseek(in->fd, 0, SEEK_CUR);
	} else if (regular) {
		r = tail_regular(in, st.st_size);
	} else {
		fflush(stdout);
		r = tail_pipe(in->fd);
	}
	if (r < 0) {
		warnmsg("%s: read error:", in->name);
		return -1;
	}
	return regular;
}

static void follow_inputs(struct input *ins, int n, unsigned interval)
{
	struct stat st;

	for (;;) {
		fflush(stdout);
		sleep(interval);
		for (int i = 0; i < n; i++) {
			if (ins[i].fd < 0 || fstat(ins[i].fd, &st) < 0)
				continue;
			if (st.st_size < ins[i].pos) {
				warnmsg("%s: file truncated", ins[i].name);
				ins[i].pos = lseek(ins[i].fd, 0, SEEK_SET);
			}
			if (st.st_size == ins[i].pos)
				continue;
			header(ins[i].name);
			if (copy_rest(ins[i].fd, &ins[i].pos))
				warnmsg("%s: read error:", ins[i].name);
		}
	}
}

/* -N and +N shorthands become -n N and -n +N. */
static char **expand_shorthand(int *argc, char **argv)
{
	char **nv;

	if (*argc < 2 || (argv[1][0] != '-' && argv[1][0] != '+') ||
	    argv[1][1] < '0' || argv[1][1] > '9')
		return argv;
	nv = xmalloc((*argc + 2) * sizeof(*nv));
	nv[0] = argv[0];
	nv[1] = "-n";
	nv[2] = argv[1][0] == '+' ? argv[1] : argv[1] + 1;
	memcpy(nv + 3, argv + 2, (*argc - 1) * sizeof(*nv));
	(*argc)++;
	return nv;
}

static unsigned parse_options(int argc, char **argv)
{
	const char *nopt = NULL;
	unsigned long long secs = 1;
	int c;

	headers = -1;
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("c:fn:qs:v"))) != -1) {
		switch (c) {
		case 'c': bytes = 1; nopt = optarg; break;
		case 'n': bytes = 0; nopt = optarg; break;
		case 'f': follow = 1; break;
		case 'q': headers = 0; break;
		case 'v': headers = 1; break;
		case 's':
			if (text_parse_ulong(optarg, &secs) || !secs ||
			    secs > 86400)
				usage_error("invalid interval: '%s'", optarg);
			break;
		default: text_bad_option(c);
		}
	}
	if (nopt) {
		from_start = *nopt == '+';
		if (text_parse_size(nopt + (*nopt == '-'), &count))
			usage_error("invalid number of %s: '%s'",
				    bytes ? "bytes" : "lines", nopt);
	}
	return secs;
}

int main(int argc, char **argv)
{
	struct input *ins;
	int ret = 0, nfollow = 0, n;
	unsigned interval;

	util_init(argc, argv, usage, 0);
	argv = expand_shorthand(&argc, argv);
	interval = parse_options(argc, argv);
	argc -= optind;
	argv += optind;
	if (headers < 0)
		headers = argc > 1;
	n = argc ? argc : 1;
	ins = xmalloc(n * sizeof(*ins));
	for (int i = 0; i < n; i++) {
		ins[i].name = argc ? argv[i] : "-";
		ins[i].fd = strcmp(ins[i].name, "-") ?
			    open(ins[i].name, O_RDONLY) : 0;
		ins[i].pos = 0;
		if (ins[i].fd < 0) {
			warnmsg("cannot open '%s' for reading:", ins[i].name);
			ret = 1;
			continue;
		}
		int r = tail_input(&ins[i]);

		if (r < 0)
			ret = 1;
		if (r <= 0 && ins[i].fd > 0) {
			close(ins[i].fd);
			ins[i].fd = -1;
		}
		nfollow += r > 0;
	}
	text_flush_stdout();
	if (follow && nfollow)
		follow_inputs(ins, n, interval);
	return ret;
}
