/*
 * kill: send a signal (TERM by default) to processes, or to process
 * groups with negative ids; -l lists the signal names.
 */
#include "textutil.h"
#include "util.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
	"usage: kill [-s SIG | -n NUM | -SIG] PID... | kill -l [SIG...] | "
	"kill -L\n"
	"Send the signal SIG (default TERM) to the processes PID; a "
	"negative PID\nis a process group, -1 all processes. SIG is a name "
	"(with or without\nSIG) or a number. -l lists the signal names or "
	"converts SIG, -L as a table.\n";

static const struct {
	const char *name;
	int num;
} sigs[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	/* aliases, after the names -l prints */
	{ "IOT", SIGIOT }, { "CLD", SIGCHLD }, { "POLL", SIGIO },
};

#define NSIGS		(sizeof(sigs) / sizeof(*sigs))
#define NPRIMARY	31

static const char *sig_name(int num)
{
	for (size_t i = 0; i < NSIGS; i++)
		if (sigs[i].num == num)
			return sigs[i].name;
	return NULL;
}

/* A signal name or number; -1 if it is neither. */
static int sig_parse(const char *s)
{
	long long n;

	if (isdigit((unsigned char)*s)) {
		if (text_parse_long(s, &n) || n < 0 || n > 64)
			return -1;
		return n;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < NSIGS; i++)
		if (!strcasecmp(s, sigs[i].name))
			return sigs[i].num;
	return -1;
}

static int list(char **args, int table)
{
	int ret = 0, col = 0;

	if (!*args) {
		for (size_t i = 0; i < NPRIMARY; i++) {
			if (table)
				printf("%2d %-8s%s", sigs[i].num, sigs[i].name,
				       (i + 1) % 7 ? "" : "\n");
			else
				printf("%s%s", col++ ? " " : "",
				       sigs[i].name);
		}
		putchar('\n');
		return 0;
	}
	for (; *args; args++) {
		long long n;

		if (!text_parse_long(*args, &n)) {
			/* an exit status like 143 names signal 15 */
			const char *name = sig_name(n > 128 ? n - 128 : n);

			if (name && n > 0) {
				puts(name);
				continue;
			}
		} else if (sig_parse(*args) >= 0) {
			printf("%d\n", sig_parse(*args));
			continue;
		}
		warnmsg("unknown signal: %s", *args);
		ret = 1;
	}
	return ret;
}

static int send(int sig, char **pids)
{
	int ret = 0;
	long long pid;

	if (!*pids)
		usage_error("no process id given");
	for (; *pids; pids++) {
		if (text_parse_long(*pids, &pid) || pid != (int)pid) {
			warnmsg("invalid process id: %s", *pids);
			ret = 1;
		} else if (kill((pid_t)pid, sig)) {
			warnmsg("(%lld):", pid);
			ret = 1;
		}
	}
	return ret;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM;
	char **a = argv + 1;

	util_init(argc, argv, usage, 0);
	if (argc < 2)
		usage_error("no process id given");
	if (!strcmp(*a, "-l") || !strcmp(*a, "--list"))
		return list(a + 1, 0);
	if (!strcmp(*a, "-L") || !strcmp(*a, "--table"))
		return list(a + 1, 1);
	if (!strcmp(*a, "-s") || !strcmp(*a, "-n")) {
		if (!a[1])
			usage_error("option %s needs a signal", *a);
		sig = sig_parse(a[1]);
		if (sig < 0 ||
		    (a[0][1] == 'n' && !isdigit((unsigned char)*a[1])))
			usage_error("unknown signal: %s", a[1]);
		a += 2;
	} else if (a[0][0] == '-' && a[0][1] && strcmp(*a, "--")) {
		sig = sig_parse(*a + 1);
		if (sig < 0)
			usage_error("unknown signal: %s", *a + 1);
		a++;
	}
	if (*a && !strcmp(*a, "--"))
		a++;
	return send(sig, a);
}
