/*
 * head: print the first lines (or bytes) of files, or all but the last
 * ones with a negative count, with "==> NAME <==" headers for several
 * files.
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: head [-qv] [-n [-]N | -c [-]N | -N] [FILE...]\n"
	"Print the first 10 lines of each FILE (or stdin).\n"
	"  -n N   the first N lines; -n -N all but the last N\n"
	"  -c N   the first N bytes; -c -N all but the last N\n"
	"         (N may end in b, K, M, G, KB, MB, GB)\n"
	"  -q     never print headers   -v  always print headers\n";

static unsigned long long count = 10;
static int bytes, all_but;

/* Output the first @count units, or all but the last @count ones. */
static void head_stream(FILE *f)
{
	unsigned long long seen = 0;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	int c;

	if (!all_but) {
		while (seen < count && (c = getc(f)) != EOF) {
			putchar(c);
			if (bytes || c == '\n')
				seen++;
		}
		return;
	}
	/* All but the last: read it all, then cut from the end. */
	while ((c = getc(f)) != EOF) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap);
		}
		buf[len++] = c;
	}
	size_t end = 0;

	if (bytes) {
		end = count >= len ? 0 : len - count;
	} else {
		/* A last line without its newline counts as a line. */
		unsigned long long lines = 0, keep;

		for (size_t i = 0; i < len; i++)
			lines += buf[i] == '\n';
		if (len && buf[len - 1] != '\n')
			lines++;
		keep = count >= lines ? 0 : lines - count;
		for (size_t i = 0; keep && i < len; i++)
			if (buf[i] == '\n' && !--keep)
				end = i + 1;
	}
	fwrite(buf, 1, end, stdout);
	free(buf);
}

/* -N and +N shorthands become -n N. */
static char **expand_shorthand(int *argc, char **argv)
{
	char **nv;

	if (*argc < 2 || argv[1][0] != '-' || argv[1][1] < '0' ||
	    argv[1][1] > '9')
		return argv;
	nv = xmalloc((*argc + 2) * sizeof(*nv));
	nv[0] = argv[0];
	nv[1] = "-n";
	nv[2] = argv[1] + 1;
	memcpy(nv + 3, argv + 2, (*argc - 1) * sizeof(*nv));
	(*argc)++;
	return nv;
}

static void parse_count(const char *arg)
{
	if (*arg == '-') {
		all_but = 1;
		arg++;
	} else {
		all_but = 0;
	}
	if (text_parse_size(arg, &count))
		usage_error("invalid number of %s: '%s'",
			    bytes ? "bytes" : "lines", arg);
}

int main(int argc, char **argv)
{
	int c, ret = 0, headers = -1, shown = 0;
	const char *nopt = NULL;

	util_init(argc, argv, usage, 0);
	argv = expand_shorthand(&argc, argv);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("c:n:qv"))) != -1) {
		switch (c) {
		case 'c': bytes = 1; nopt = optarg; break;
		case 'n': bytes = 0; nopt = optarg; break;
		case 'q': headers = 0; break;
		case 'v': headers = 1; break;
		default: text_bad_option(c);
		}
	}
	if (nopt)
		parse_count(nopt);
	argc -= optind;
	argv += optind;
	if (headers < 0)
		headers = argc > 1;
	for (int i = 0; i < (argc ? argc : 1); i++) {
		const char *name = argc ? argv[i] : "-";
		FILE *f = text_open(name, 0);

		if (!f) {
			ret = 1;
			continue;
		}
		if (headers)
			printf("%s==> %s <==\n", shown++ ? "\n" : "",
			       strcmp(name, "-") ? name : "standard input");
		head_stream(f);
		if (text_close(f)) {
			warnmsg("%s: read error", name);
			ret = 1;
		}
	}
	text_flush_stdout();
	return ret;
}
