/*
 * The shared helpers of Ferrite's utilities (user/lib/util.h): the
 * program name, --help, messages and exit codes, sizes, allocation.
 */
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *prog_name = "?";
static const char *usage_text;

void util_init(int argc, char **argv, const char *usage, int h_is_help)
{
	const char *slash;

	if (argc > 0 && argv[0] && *argv[0]) {
		slash = strrchr(argv[0], '/');
		prog_name = slash ? slash + 1 : argv[0];
	}
	usage_text = usage;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") ||
		    (h_is_help && !strcmp(argv[i], "-h"))) {
			fputs(usage, stdout);
			exit(0);
		}
	}
}

static void vmsg(const char *fmt, va_list ap)
{
	size_t n = strlen(fmt);
	int saved = errno;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog_name);
	vfprintf(stderr, fmt, ap);
	if (n && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;
	const char *end;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	if (usage_text) {
		end = strchr(usage_text, '\n');
		fprintf(stderr, "%.*s\n", end ? (int)(end - usage_text) :
			(int)strlen(usage_text), usage_text);
	}
	fprintf(stderr, "Try '%s --help' for more information.\n",
		prog_name);
	exit(EXIT_USAGE);
}

char *human_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	uint64_t scaled = bytes * 10;	/* tenths */
	int u = -1;

	if (bytes < 1024) {
		snprintf(buf, len, "%llu", (unsigned long long)bytes);
		return buf;
	}
	while (bytes >= 1024 && u < 5) {
		scaled = (bytes * 10 + 512) / 1024;
		bytes /= 1024;
		u++;
	}
	if (scaled < 100)
		snprintf(buf, len, "%llu.%llu%c",
			 (unsigned long long)(scaled / 10),
			 (unsigned long long)(scaled % 10), units[u]);
	else
		snprintf(buf, len, "%llu%c",
			 (unsigned long long)((scaled + 5) / 10), units[u]);
	return buf;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die("out of memory");
	return d;
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}
