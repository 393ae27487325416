/*
 * date: print the time (as `date` does in the C locale, or by a
 * strftime +FORMAT), of now, of -d @SECONDS or a YYYY-MM-DD [HH:MM[:SS]]
 * date, or of a file (-r); -s sets the system clock (clock_settime).
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: date [-uR] [-I[FMT]] [-d DATE | -r FILE | -s DATE] "
	"[+FORMAT]\n"
	"Print the date and time, or set it.\n"
	"  -u       in UTC                  -R  RFC 5322 format\n"
	"  -d DATE  show DATE, not now      -r FILE  FILE's modification time\n"
	"  -s DATE  set the system time to DATE\n"
	"  -I[FMT]  ISO 8601: FMT date (default), hours, minutes, seconds, "
	"ns\n"
	"DATE is @SECONDS[.FRAC], now, or YYYY-MM-DD[ HH:MM[:SS]] (T as "
	"separator\nand a final Z or UTC allowed). FORMAT is strftime's, "
	"with %N (nanoseconds)\nand %:z (+hh:mm) too.\n";

#define DEFAULT_FORMAT	"%a %b %e %H:%M:%S %Z %Y"
#define RFC5322_FORMAT	"%a, %d %b %Y %H:%M:%S %z"

static int utc;

static int parse_epoch(const char *s, struct timespec *ts)
{
	long long sec;
	char *end, whole[32];
	const char *dot = strchr(s, '.');
	size_t n = dot ? (size_t)(dot - s) : strlen(s);
	long nsec = 0, scale = 100000000;

	if (n == 0 || n >= sizeof(whole))
		return -1;
	memcpy(whole, s, n);
	whole[n] = '\0';
	if (text_parse_long(whole, &sec))
		return -1;
	if (dot) {
		for (end = (char *)dot + 1; *end; end++, scale /= 10) {
			if (*end < '0' || *end > '9')
				return -1;
			nsec += (*end - '0') * scale;
		}
	}
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

/* YYYY-MM-DD[( |T)HH:MM[:SS]][Z| UTC] */
static int parse_calendar(const char *s, struct timespec *ts)
{
	struct tm tm = { 0 };
	int n = 0, in_utc = utc;
	time_t t;

	if (sscanf(s, "%d-%d-%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &n) != 3)
		return -1;
	s += n;
	if ((*s == ' ' || *s == 'T') &&
	    sscanf(s + 1, "%d:%d%n", &tm.tm_hour, &tm.tm_min, &n) == 2) {
		s += 1 + n;
		if (*s == ':' && sscanf(s + 1, "%d%n", &tm.tm_sec, &n) == 1)
			s += 1 + n;
	}
	if (!strcmp(s, "Z") || !strcmp(s, " UTC") || !strcmp(s, "UTC"))
		in_utc = 1;
	else if (*s)
		return -1;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
	    tm.tm_sec > 60 || tm.tm_hour < 0 || tm.tm_min < 0 ||
	    tm.tm_sec < 0)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_isdst = -1;
	t = in_utc ? timegm(&tm) : mktime(&tm);
	if (t == (time_t)-1 && errno == EOVERFLOW)
		return -1;
	ts->tv_sec = t;
	ts->tv_nsec = 0;
	return 0;
}

static void parse_date(const char *s, struct timespec *ts)
{
	if (*s == '@') {
		if (!parse_epoch(s + 1, ts))
			return;
	} else if (!strcmp(s, "now")) {
		clock_gettime(CLOCK_REALTIME, ts);
		return;
	} else if (!parse_calendar(s, ts)) {
		return;
	}
	die("invalid date '%s'", s);
}

/* Expand our own %N and %:z, leaving the rest to strftime. */
static char *expand_extensions(const char *fmt, const struct timespec *ts,
			       const struct tm *tm)
{
	size_t cap = strlen(fmt) * 4 + 16, o = 0;
	char *out = xmalloc(cap);
	long off = tm->tm_gmtoff;

	for (const char *p = fmt; *p; p++) {
		if (o + 16 >= cap)
			out = xrealloc(out, cap *= 2);
		if (p[0] == '%' && p[1] == 'N') {
			o += sprintf(out + o, "%09ld", (long)ts->tv_nsec);
			p++;
		} else if (p[0] == '%' && p[1] == ':' && p[2] == 'z') {
			o += sprintf(out + o, "%c%02ld:%02ld",
				     off < 0 ? '-' : '+', labs(off) / 3600,
				     labs(off) / 60 % 60);
			p += 2;
		} else if (p[0] == '%' && p[1]) {
			out[o++] = *p++;
			out[o++] = *p;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
	return out;
}

static void print_time(const char *fmt, const struct timespec *ts)
{
	struct tm tm;
	time_t t = ts->tv_sec;
	char *f, *buf = NULL;
	size_t cap = 256, n;

	/* With -u, TZ is UTC0: localtime_r names it UTC (gmtime_r: GMT). */
	if (!localtime_r(&t, &tm))
		die("time %lld is out of range", (long long)t);
	f = expand_extensions(fmt, ts, &tm);
	/* A leading byte tells an empty result from a too-small buffer. */
	char *g = xmalloc(strlen(f) + 2);

	g[0] = 'x';
	strcpy(g + 1, f);
	for (;;) {
		buf = xrealloc(buf, cap);
		n = strftime(buf, cap, g, &tm);
		if (n || cap > 65536)
			break;
		cap *= 4;
	}
	if (!n)
		die("format too long");
	puts(buf + 1);
	free(buf);
	free(g);
	free(f);
}

static const char *iso_format(const char *arg)
{
	static const char *const names[] = { "date", "hours", "minutes",
					     "seconds", "ns" };
	static const char *const fmts[] = {
		"%Y-%m-%d", "%Y-%m-%dT%H%:z", "%Y-%m-%dT%H:%M%:z",
		"%Y-%m-%dT%H:%M:%S%:z", "%Y-%m-%dT%H:%M:%S,%N%:z",
	};

	if (!arg)
		return fmts[0];
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strncmp(arg, names[i], strlen(arg)) && *arg)
			return fmts[i];
	usage_error("invalid argument '%s' for -I", arg);
}

static void set_time(const char *arg)
{
	struct timespec ts;

	parse_date(arg, &ts);
	if (clock_settime(CLOCK_REALTIME, &ts))
		die("cannot set date:");
}

int main(int argc, char **argv)
{
	const char *fmt = DEFAULT_FORMAT, *date = NULL, *file = NULL;
	const char *set = NULL;
	struct timespec ts;
	struct stat st;
	int c;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("d:I::r:Rs:u"))) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'I': fmt = iso_format(optarg); break;
		case 'r': file = optarg; break;
		case 'R': fmt = RFC5322_FORMAT; break;
		case 's': set = optarg; break;
		case 'u': utc = 1; break;
		default: text_bad_option(c);
		}
	}
	if (optind < argc) {
		if (argv[optind][0] != '+' || optind + 1 < argc)
			usage_error("invalid operand '%s'", argv[optind]);
		fmt = argv[optind] + 1;
	}
	if (!!date + !!file + !!set > 1)
		usage_error("-d, -r and -s are exclusive");
	if (utc && setenv("TZ", "UTC0", 1))
		die("setenv:");
	tzset();
	if (set) {
		set_time(set);
		parse_date(set, &ts);
	} else if (date) {
		parse_date(date, &ts);
	} else if (file) {
		if (stat(file, &st))
			die("%s:", file);
		ts = st.st_mtim;
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
	}
	print_time(fmt, &ts);
	text_flush_stdout();
	return 0;
}
