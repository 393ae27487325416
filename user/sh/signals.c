/*
 * Signals (sh.h): names and numbers, the traps of the trap builtin
 * (run between commands, never inside the handler), the interactive
 * shell's dispositions, and the kill builtin.
 */
#include "sh.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIG 65

volatile int sig_pending;
static volatile sig_atomic_t caught[MAX_SIG];
static char *traps[MAX_SIG];	/* [0] is EXIT; "" means ignore */

static const struct {
	const char *name;
	int sig;
} sig_table[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
	{ "URG", SIGURG }, { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },
	{ "IO", SIGIO }, { "SYS", SIGSYS },
};
#define NSIGNAMES (int)(sizeof(sig_table) / sizeof(sig_table[0]))

/* "INT", "SIGINT", "int" or "2"; -1 if unknown. EXIT is 0. */
int sig_number(const char *name)
{
	char *end;
	long n;

	if (isdigit((unsigned char)name[0])) {
		n = strtol(name, &end, 10);
		return (*end || n < 0 || n >= MAX_SIG) ? -1 : (int)n;
	}
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	if (!strcasecmp(name, "EXIT"))
		return 0;
	for (int i = 0; i < NSIGNAMES; i++)
		if (!strcasecmp(name, sig_table[i].name))
			return sig_table[i].sig;
	return -1;
}

const char *sig_name(int sig)
{
	if (sig == 0)
		return "EXIT";
	for (int i = 0; i < NSIGNAMES; i++)
		if (sig_table[i].sig == sig)
			return sig_table[i].name;
	return NULL;
}

static void on_signal(int sig)
{
	caught[sig] = 1;
	sig_pending = sig;
}

static void on_interactive_int(int sig)
{
	sh.interrupted = 1;
	(void)sig;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);	/* no SA_RESTART: wait wakes up */
}

/* What the shell itself does with @sig when no trap is set. */
static void default_disposition(int sig)
{
	int inter = sh.interactive && !sh.subshell;

	if (inter && sig == SIGINT)
		set_handler(SIGINT, on_interactive_int);
	else if (inter && (sig == SIGQUIT || sig == SIGTERM))
		set_handler(sig, SIG_IGN);
	else if (sh.jobctl && (sig == SIGTSTP || sig == SIGTTIN ||
			       sig == SIGTTOU))
		set_handler(sig, SIG_IGN);
	else
		set_handler(sig, SIG_DFL);
}

/* An interactive shell survives ^C, ^\ and kill; with job control it
 * also ignores the terminal's stop signals. */
void signals_interactive(void)
{
	set_handler(SIGINT, on_interactive_int);
	set_handler(SIGTERM, SIG_IGN);
	set_handler(SIGQUIT, SIG_IGN);
	if (sh.jobctl) {
		set_handler(SIGTSTP, SIG_IGN);
		set_handler(SIGTTIN, SIG_IGN);
		set_handler(SIGTTOU, SIG_IGN);
	}
}

void traps_check(void)
{
	int saved = sh.status;

	while (sig_pending) {
		sig_pending = 0;
		for (int s = 1; s < MAX_SIG; s++) {
			if (!caught[s])
				continue;
			caught[s] = 0;
			if (traps[s] && *traps[s])
				eval_string(traps[s], "trap");
		}
	}
	sh.status = saved;
}

/* A subshell keeps ignored signals ignored, everything else default. */
void traps_reset_child(void)
{
	static const int shell_sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN,
					  SIGTTOU, SIGTERM };

	for (size_t i = 0; i < sizeof(shell_sigs) / sizeof(int); i++)
		if (!traps[shell_sigs[i]] || *traps[shell_sigs[i]])
			set_handler(shell_sigs[i], SIG_DFL);
	for (int s = 0; s < MAX_SIG; s++) {
		if (traps[s] && *traps[s]) {
			free(traps[s]);
			traps[s] = NULL;
			if (s)
				set_handler(s, SIG_DFL);
		}
	}
}

int trap_exit_set(void)
{
	return traps[0] != NULL;
}

void trap_run_exit(void)
{
	char *cmd = traps[0];

	if (!cmd)
		return;
	traps[0] = NULL;
	eval_string(cmd, "trap");
	free(cmd);
}

static void trap_set(int sig, const char *action)
{
	free(traps[sig]);
	traps[sig] = NULL;
	if (!action || !strcmp(action, "-")) {
		if (sig)
			default_disposition(sig);
		return;
	}
	traps[sig] = xstrdup(action);
	if (sig)
		set_handler(sig, *action ? on_signal : SIG_IGN);
}

static void trap_list(void)
{
	for (int s = 0; s < MAX_SIG; s++) {
		if (!traps[s])
			continue;
		printf("trap -- '");
		for (const char *p = traps[s]; *p; p++)
			if (*p == '\'')
				printf("'\\''");
			else
				putchar(*p);
		printf("' %s\n", sig_name(s) ? sig_name(s) : "?");
	}
}

int trap_builtin(char **argv)
{
	int i = 1, st = 0;
	const char *action;

	if (argv[1] && !strcmp(argv[1], "--"))
		i++;
	if (!argv[i]) {
		trap_list();
		return 0;
	}
	if (!strcmp(argv[i], "-l")) {
		for (int k = 0; k < NSIGNAMES; k++)
			printf("%d) SIG%s\n", sig_table[k].sig,
			       sig_table[k].name);
		return 0;
	}
	action = argv[i];
	/* "trap N..." (a number first) resets, like "trap - N...". */
	if (isdigit((unsigned char)action[0]) || !argv[i + 1])
		action = "-";
	else
		i++;
	for (; argv[i]; i++) {
		int sig = sig_number(argv[i]);

		if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
			sh_err("trap: %s: bad signal", argv[i]);
			st = 1;
			continue;
		}
		trap_set(sig, action);
	}
	return st;
}

static int kill_list(char **argv)
{
	if (argv[0]) {
		long n;

		if (parse_int(argv[0], &n) < 0 || !sig_name((int)(n & 127))) {
			sh_err("kill: %s: bad signal number", argv[0]);
			return 1;
		}
		printf("%s\n", sig_name((int)(n > 128 ? n - 128 : n)));
		return 0;
	}
	for (int k = 0; k < NSIGNAMES; k++)
		printf("%s%c", sig_table[k].name,
		       k == NSIGNAMES - 1 ? '\n' : ' ');
	return 0;
}

static int kill_one(const char *target, int sig)
{
	pid_t pid;
	long n;

	if (target[0] == '%') {
		pid = -job_spec_pgid(target);
		if (!pid)
			return 1;
	} else if (parse_int(target, &n) == 0) {
		pid = (pid_t)n;
	} else {
		sh_err("kill: %s: arguments must be process or job IDs",
		       target);
		return 1;
	}
	if (kill(pid, sig) < 0) {
		sh_err("kill: %s: %s", target, strerror(errno));
		return 1;
	}
	if (sig == SIGTERM || sig == SIGHUP)
		kill(pid, SIGCONT);
	return 0;
}

int kill_builtin(char **argv)
{
	int sig = SIGTERM, i = 1, st = 0;

	if (argv[1] && !strcmp(argv[1], "-l"))
		return kill_list(argv + 2);
	if (argv[1] && !strcmp(argv[1], "-s")) {
		if (!argv[2] || (sig = sig_number(argv[2])) < 0) {
			sh_err("kill: %s: bad signal", argv[2] ? argv[2] : "");
			return 2;
		}
		i = 3;
	} else if (argv[1] && argv[1][0] == '-' && argv[1][1] &&
		   strcmp(argv[1], "--")) {
		if ((sig = sig_number(argv[1] + 1)) < 0) {
			sh_err("kill: %s: bad signal", argv[1] + 1);
			return 2;
		}
		i = 2;
	}
	if (argv[i] && !strcmp(argv[i], "--"))
		i++;
	if (!argv[i]) {
		sh_err("usage: kill [-s SIG | -SIG] pid|%%job... | -l [n]");
		return 2;
	}
	for (; argv[i]; i++)
		st |= kill_one(argv[i], sig);
	return st;
}
