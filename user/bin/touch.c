/*
 * touch: set the access and modification times of files to now (or to
 * -d DATE, -t STAMP, or those of -r FILE), creating missing files
 * unless -c. -a changes only the access time, -m only the modification
 * time.
 */
#include "fileutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: touch [-acm] [-d DATE | -r FILE | -t STAMP] FILE...\n"
	"Set the access and modification times of the FILEs, creating them"
	" if needed.\n"
	"  -a        change only the access time\n"
	"  -m        change only the modification time\n"
	"  -c        do not create missing files\n"
	"  -d DATE   use DATE: YYYY-MM-DD[ HH:MM[:SS]], YYYY-MM-DDTHH:MM:SS"
	" or @SECONDS\n"
	"  -r FILE   use the times of FILE\n"
	"  -t STAMP  use [[CC]YY]MMDDhhmm[.ss]\n";

static int two(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static int all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	return 1;
}

/* Local broken-down time -> seconds; -1 if it is not a real date. */
static int make_time(struct tm *tm, time_t *out)
{
	struct tm want = *tm;

	tm->tm_isdst = -1;
	*out = mktime(tm);
	return *out == (time_t)-1 || tm->tm_mday != want.tm_mday ||
	       tm->tm_mon != want.tm_mon ? -1 : 0;
}

static int parse_stamp(const char *s, time_t *out)
{
	const char *dot = strchr(s, '.');
	size_t n = dot ? (size_t)(dot - s) : strlen(s);
	struct tm tm = { 0 };
	time_t now = time(NULL);

	if ((n != 8 && n != 10 && n != 12) || !all_digits(s, n) ||
	    (dot && (strlen(dot) != 3 || !all_digits(dot + 1, 2))))
		return -1;
	localtime_r(&now, &tm);
	if (n == 12) {
		tm.tm_year = two(s) * 100 + two(s + 2) - 1900;
		s += 4;
	} else if (n == 10) {
		tm.tm_year = two(s) + (two(s) < 69 ? 100 : 0);
		s += 2;
	}
	tm.tm_mon = two(s) - 1;
	tm.tm_mday = two(s + 2);
	tm.tm_hour = two(s + 4);
	tm.tm_min = two(s + 6);
	tm.tm_sec = dot ? two(dot + 1) : 0;
	if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	return make_time(&tm, out);
}

static int parse_date(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	char sep, rest;
	long long secs;
	int n;

	if (s[0] == '@') {
		if (sscanf(s + 1, "%lld%c", &secs, &rest) != 1)
			return -1;
		*out = (time_t)secs;
		return 0;
	}
	n = sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &sep, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
		   &rest);
	if (n != 3 && n != 6 && n != 7)
		return -1;
	if (n > 3 && sep != ' ' && sep != 'T')
		return -1;
	if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	return make_time(&tm, out);
}

int main(int argc, char **argv)
{
	struct timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	int c, which = 0, create = 1, fd, ret = 0;
	const char *ref = NULL;
	struct stat st;
	time_t t;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "acmd:r:t:", NULL)) != -1) {
		switch (c) {
		case 'a': which |= 1; break;
		case 'm': which |= 2; break;
		case 'c': create = 0; break;
		case 'r': ref = optarg; break;
		case 'd':
		case 't':
			if ((c == 'd' ? parse_date : parse_stamp)(optarg, &t))
				usage_error("invalid date format '%s'",
					    optarg);
			ts[0].tv_sec = ts[1].tv_sec = t;
			ts[0].tv_nsec = ts[1].tv_nsec = 0;
			break;
		}
	}
	if (optind == argc)
		usage_error("missing file operand");
	if (ref) {
		if (stat(ref, &st) < 0)
			die("failed to get attributes of '%s':", ref);
		ts[0] = st.st_atim;
		ts[1] = st.st_mtim;
	}
	if (which == 2)
		ts[0].tv_nsec = UTIME_OMIT;
	if (which == 1)
		ts[1].tv_nsec = UTIME_OMIT;
	for (int i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], ts, 0) == 0)
			continue;
		if (errno == ENOENT && !create)
			continue;
		if (errno == ENOENT) {
			fd = open(argv[i], O_WRONLY | O_CREAT | O_NOCTTY, 0666);
			if (fd >= 0 && futimens(fd, ts) == 0) {
				close(fd);
				continue;
			}
			if (fd >= 0)
				close(fd);
		}
		warnmsg("cannot touch '%s':", argv[i]);
		ret = 1;
	}
	return ret;
}
