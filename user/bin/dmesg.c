/*
 * dmesg: print the kernel log, read record by record from /dev/kmsg
 * (non-blocking, until no record is left), as "[    1.234567] text"
 * like util-linux; -c/-C clear it through syslog(2) where the kernel
 * has that call.
 */
#include "textutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char usage[] =
	"usage: dmesg [-cCrtx] [-l LEVEL[,LEVEL...]] [-F FILE]\n"
	"Print the kernel log from /dev/kmsg.\n"
	"  -c  clear the log after printing it    -C  clear it only\n"
	"  -r  raw: print the <level> prefixes    -t  no timestamps\n"
	"  -x  print facility and level names\n"
	"  -l  only these levels: emerg alert crit err warn notice info "
	"debug\n"
	"  -F  read records in /dev/kmsg's format from FILE\n";

#define SYSLOG_ACTION_CLEAR	5
#define RECORD_MAX		8192

static const char *const levels[] = { "emerg", "alert", "crit", "err",
				      "warn", "notice", "info", "debug" };
static const char *const facilities[] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "res0", "res1", "res2", "res3",
	"local0", "local1", "local2", "local3", "local4", "local5",
	"local6", "local7",
};

static int raw, no_time, decode;
static unsigned level_mask = 0xff;

static void parse_levels(const char *list)
{
	char *copy = xstrdup(list), *save, *s;

	level_mask = 0;
	for (s = strtok_r(copy, ",", &save); s;
	     s = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < 8 && strcmp(s, levels[i]); i++)
			;
		if (i == 8)
			usage_error("unknown level '%s'", s);
		level_mask |= 1u << i;
	}
	free(copy);
	if (!level_mask)
		usage_error("no level in '%s'", list);
}

/* One "prio,seq,usec,flags;text" line; others are ignored. */
static void print_record(const char *line, size_t len)
{
	unsigned long long usec;
	unsigned prio;
	const char *text = memchr(line, ';', len);
	int n = 0;

	if (!len || line[0] == ' ' || !text)
		return;		/* continuation lines ( KEY=value) */
	if (sscanf(line, "%u,%*u,%llu,%*[^;];%n", &prio, &usec, &n) < 2 ||
	    !n)
		return;
	text++;
	if (!(level_mask & (1u << (prio & 7))))
		return;
	if (raw)
		printf("<%u>", prio);
	else if (decode)
		printf("%-6s:%-6s: ", (prio >> 3) < 24 ?
		       facilities[prio >> 3] : "?", levels[prio & 7]);
	if (!no_time)
		printf("[%5llu.%06llu] ", usec / 1000000, usec % 1000000);
	fwrite(text, 1, line + len - text, stdout);
	putchar('\n');
}

static void print_lines(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		print_record(p, nl - p);
		p = nl + 1;
	}
}

static void read_kmsg(void)
{
	static char buf[RECORD_MAX];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		die("/dev/kmsg:");
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0) {
			print_lines(buf, n);
			continue;
		}
		if (n == 0 || errno == EAGAIN)
			break;
		if (errno == EPIPE || errno == EINTR)
			continue;	/* records overwritten: go on */
		die("/dev/kmsg: read error:");
	}
	close(fd);
}

static void read_file(const char *name)
{
	FILE *f = text_open(name, 0);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		exit(1);
	while ((n = getline(&line, &cap, f)) >= 0)
		print_lines(line, n);
	free(line);
	if (text_close(f))
		die("%s: read error", name);
}

static void clear_log(void)
{
	if (syscall(SYS_syslog, SYSLOG_ACTION_CLEAR, NULL, 0) < 0) {
		if (errno == ENOSYS)
			die("clearing the kernel log is not supported");
		die("cannot clear the kernel log:");
	}
}

int main(int argc, char **argv)
{
	const char *file = NULL;
	int c, clear = 0, print = 1;

	util_init(argc, argv, usage, 0);
	opterr = 0;
	while ((c = getopt(argc, argv, TEXT_OPTS("cCF:l:rtx"))) != -1) {
		switch (c) {
		case 'c': clear = 1; break;
		case 'C': clear = 1; print = 0; break;
		case 'F': file = optarg; break;
		case 'l': parse_levels(optarg); break;
		case 'r': raw = 1; break;
		case 't': no_time = 1; break;
		case 'x': decode = 1; break;
		default: text_bad_option(c);
		}
	}
	if (optind < argc)
		usage_error("extra operand '%s'", argv[optind]);
	if (print) {
		if (file)
			read_file(file);
		else
			read_kmsg();
	}
	text_flush_stdout();
	if (clear)
		clear_log();
	return 0;
}
