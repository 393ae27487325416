/*
 * uptime: how long the system has been running, the users logged in
 * and the load averages, from /proc/uptime and /proc/loadavg, in
 * procps' format.
 */
#include "textutil.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <utmpx.h>

static const char usage[] =
	"usage: uptime [-ps]\n"
	"Print the time, how long the system has been up, the number of "
	"users\nand the load averages over 1, 5 and 15 minutes.\n"
	"  -p  only the time up, in words     -s  only the time it booted\n";

static double read_uptime(void)
{
	char buf[128];

	if (text_read_file("/proc/uptime", buf, sizeof(buf)) < 0)
		die("/proc/uptime:");
	return strtod(buf, NULL);
}

/* Users in utmp; 0 when there is none (musl keeps no utmp). */
static int count_users(void)
{
	struct utmpx *u;
	int n = 0;

	setutxent();
	while ((u = getutxent()))
		n += u->ut_type == USER_PROCESS;
	endutxent();
	return n;
}

static void print_plural(const char **sep, long n, const char *unit)
{
	if (!n)
		return;
	printf("%s%ld %s%s", *sep, n, unit, n == 1 ? "" : "s");
	*sep = ", ";
}

static void pretty(long up)
{
	const char *sep = "";
	long min = up / 60 % 60, hours = up / 3600 % 24;
	long days = up / 86400 % 7, weeks = up / (86400 * 7);

	printf("up ");
	print_plural(&sep, weeks, "week");
	print_plural(&sep, days, "day");
	print_plural(&sep, hours, "hour");
	print_plural(&sep, min, "minute");
	if (!*sep)
		printf("0 minutes");
	putchar('\n');
}

static void classic(long up)
{
	double load[3] = { 0, 0, 0 };
	char buf[256];
	time_t now = time(NULL);
	struct tm tm;
	long days = up / 86400, hours = up / 3600 % 24, min = up / 60 % 60;
	int users = count_users();

	if (text_read_file("/proc/loadavg", buf, sizeof(buf)) < 0)
		die("/proc/loadavg:");
	if (sscanf(buf, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
		die("/proc/loadavg: unexpected contents");
	localtime_r(&now, &tm);
	printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (days)
		printf("%ld day%s, ", days, days == 1 ? "" : "s");
	if (hours)
		printf("%2ld:%02ld, ", hours, min);
	else
		printf("%ld min, ", min);
	printf("%2d user%s,  load average: %.2f, %.2f, %.2f\n", users,
	       users == 1 ? "" : "s", load[0], load[1], load[2]);
}

int main(int argc, char **argv)
{
	int c, mode = 0;
	double upf;
	long up;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("ps"))) != -1) {
		if (c != 'p' && c != 's')
			text_bad_option(c);
		mode = c;
	}
	if (optind < argc)
		usage_error("extra operand '%s'", argv[optind]);
	upf = read_uptime();
	up = (long)upf;
	if (mode == 'p') {
		pretty(up);
	} else if (mode == 's') {
		time_t boot = (time_t)(time(NULL) - upf + 0.5);
		struct tm tm;
		char buf[64];

		localtime_r(&boot, &tm);
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
		puts(buf);
	} else {
		classic(up);
	}
	text_flush_stdout();
	return 0;
}
