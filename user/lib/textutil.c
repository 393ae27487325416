/*
 * Shared helpers of the text and system utilities (textutil.h): input
 * files, number parsing, option errors and /proc readers.
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern int optopt;

FILE *text_open(const char *name, int quiet)
{
	FILE *f;

	if (!strcmp(name, "-"))
		return stdin;
	f = fopen(name, "r");
	if (!f && !quiet)
		warnmsg("%s:", name);
	return f;
}

int text_close(FILE *f)
{
	int bad = ferror(f);

	if (f == stdin) {
		clearerr(f);
		return bad ? -1 : 0;
	}
	if (fclose(f))
		bad = 1;
	return bad ? -1 : 0;
}

int text_parse_long(const char *s, long long *out)
{
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

int text_parse_ulong(const char *s, unsigned long long *out)
{
	char *end;

	if (*s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return (errno || *end) ? -1 : 0;
}

int text_parse_size(const char *s, unsigned long long *out)
{
	static const char units[] = "KMGT";
	unsigned long long v, mul = 1;
	const char *u;
	char *end;

	if (*s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end == 'b' && !end[1]) {
		mul = 512;
	} else if (*end) {
		u = strchr(units, *end == 'k' ? 'K' : *end);
		if (!u)
			return -1;
		for (int i = 0; i <= u - units; i++)
			mul *= (end[1] == 'B') ? 1000 : 1024;
		if (end[1] && (end[1] != 'B' || end[2]) &&
		    (end[1] != 'i' || end[2] != 'B' || end[3]))
			return -1;
	}
	if (v && mul > ULLONG_MAX / v)
		return -1;
	*out = v * mul;
	return 0;
}

void text_bad_option(int c)
{
	if (c == ':')
		usage_error("option requires an argument -- '%c'", optopt);
	usage_error("invalid option -- '%c'", optopt);
}

ssize_t text_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (got + 1 < len) {
		n = read(fd, buf + got, len - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return -1;
		}
		if (!n)
			break;
		got += n;
	}
	buf[got] = '\0';
	close(fd);
	return got;
}

long long text_meminfo(const char *buf, const char *key)
{
	size_t klen = strlen(key);
	const char *p = buf;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ':')
			return strtoll(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

void text_flush_stdout(void)
{
	if (fflush(stdout) || ferror(stdout))
		die("write error:");
}
