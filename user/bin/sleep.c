/*
 * sleep: wait for the sum of its arguments, each a number of seconds
 * (fractions allowed) with an optional suffix s, m, h or d.
 */
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
	"usage: sleep NUMBER[SUFFIX]...\n"
	"Pause for the sum of the NUMBERs of seconds; SUFFIX s (seconds), m\n"
	"(minutes), h (hours) or d (days). NUMBERs may have fractions.\n";

static double parse_interval(const char *arg)
{
	double v;
	char *end;

	errno = 0;
	if (!*arg || *arg == '-' || *arg == ' ')
		goto bad;
	v = strtod(arg, &end);
	if (errno || end == arg || isnan(v))
		goto bad;
	if (*end && !end[1]) {
		switch (*end) {
		case 's': break;
		case 'm': v *= 60; break;
		case 'h': v *= 3600; break;
		case 'd': v *= 86400; break;
		default: goto bad;
		}
	} else if (*end) {
		goto bad;
	}
	return v;
bad:
	usage_error("invalid time interval '%s'", arg);
}

int main(int argc, char **argv)
{
	struct timespec ts;
	double total = 0;
	int first = 1;

	util_init(argc, argv, usage, 0);
	for (int i = 1; i < argc; i++) {
		if (first && !strcmp(argv[i], "--"))
			continue;
		first = 0;
		total += parse_interval(argv[i]);
	}
	if (first)
		usage_error("missing operand");
	/* Longer than time_t can say: sleep "forever", a year at a time. */
	while (total > 0) {
		double chunk = total > 31536000.0 ? 31536000.0 : total;

		ts.tv_sec = (time_t)chunk;
		ts.tv_nsec = (long)((chunk - ts.tv_sec) * 1e9);
		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
		total -= chunk;
	}
	return 0;
}
