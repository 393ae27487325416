/*
 * free: the amounts of free and used memory and swap, from
 * /proc/meminfo, in procps-ng 4's format (used = total - available).
 */
#include "textutil.h"
#include "util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
	"usage: free [-b|-k|-m|-g|-h] [-t]\n"
	"Print the memory and swap in use and free, from /proc/meminfo.\n"
	"  -b bytes   -k KiB (default)   -m MiB   -g GiB   -h human-readable\n"
	"  -t         add a Total line (memory + swap)\n";

static int shift = 10;		/* bytes per unit: 1 << shift; -1 human */

/* procps' human form: 3 significant digits at most, units B Ki Mi Gi. */
static void human(uint64_t bytes, char *buf, size_t len)
{
	static const char *const units[] = { "B", "Ki", "Mi", "Gi", "Ti",
					     "Pi", "Ei" };
	double v = bytes;
	int u = 0;

	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%lluB", (unsigned long long)bytes);
	else if (v < 10)
		snprintf(buf, len, "%.1f%s", v, units[u]);
	else
		snprintf(buf, len, "%ld%s", (long)v, units[u]);
}

static void column(long long kib, int first)
{
	char buf[32];
	uint64_t bytes = kib < 0 ? 0 : (uint64_t)kib * 1024;

	if (shift < 0)
		human(bytes, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%llu",
			 (unsigned long long)(bytes >> shift));
	printf("%*s", first ? 13 : 12, buf);
}

static void row(const char *label, const long long *v, int n)
{
	printf("%-7s", label);
	for (int i = 0; i < n; i++)
		column(v[i], i == 0);
	putchar('\n');
}

static long long field(const char *buf, const char *key)
{
	long long v = text_meminfo(buf, key);

	return v < 0 ? 0 : v;
}

int main(int argc, char **argv)
{
	static char buf[8192];
	long long mem[6], swap[3], avail;
	int c, total = 0;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("bkmght"))) != -1) {
		switch (c) {
		case 'b': shift = 0; break;
		case 'k': shift = 10; break;
		case 'm': shift = 20; break;
		case 'g': shift = 30; break;
		case 'h': shift = -1; break;
		case 't': total = 1; break;
		default: text_bad_option(c);
		}
	}
	if (optind < argc)
		usage_error("extra operand '%s'", argv[optind]);
	if (text_read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		die("/proc/meminfo:");
	if (text_meminfo(buf, "MemTotal") < 0)
		die("/proc/meminfo: no MemTotal");
	mem[0] = field(buf, "MemTotal");
	mem[2] = field(buf, "MemFree");
	mem[3] = field(buf, "Shmem");
	mem[4] = field(buf, "Buffers") + field(buf, "Cached") +
		 field(buf, "SReclaimable");
	avail = text_meminfo(buf, "MemAvailable");
	mem[5] = avail >= 0 ? avail : mem[2] + mem[4];
	if (mem[5] > mem[0])
		mem[5] = mem[0];
	mem[1] = mem[0] - mem[5];
	swap[0] = field(buf, "SwapTotal");
	swap[2] = field(buf, "SwapFree");
	swap[1] = swap[0] - swap[2];
	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free",
	       "shared", "buff/cache", "available");
	row("Mem:", mem, 6);
	row("Swap:", swap, 3);
	if (total) {
		long long t[3] = { mem[0] + swap[0], mem[1] + swap[1],
				   mem[2] + swap[2] };

		row("Total:", t, 3);
	}
	text_flush_stdout();
	return 0;
}
