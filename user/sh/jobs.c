/*
 * Jobs (sh.h): every pipeline or background list the shell forks is a
 * job of one or more processes. With job control (an interactive
 * shell) each job gets its own process group, the foreground one owns
 * the terminal, and ^Z stops it; jobs, fg, bg and wait are here, the
 * kill builtin in signals.c.
 */
#include "sh.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { P_RUN, P_STOP, P_DONE };

struct proc {
	pid_t pid;
	int status;
	int state;
};

struct job {
	int id;
	pid_t pgid;
	struct proc *procs;
	int nproc;
	char *text;
	int bg;			/* started or resumed in the background */
	int notified;		/* its stop was reported */
	unsigned seq;		/* recency, for %+ and %- */
	struct termios tmodes;
	int have_tmodes;
	struct job *next;
};

static struct job *jobs;
static unsigned job_seq;

int wait_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return 0;
}

void jobs_init_tty(void)
{
	int fd = isatty(0) ? 0 : 2;
	pid_t pg;

	sh.tty = dup_high(fd, 10);
	if (sh.tty < 0)
		return;
	while ((pg = tcgetpgrp(sh.tty)) >= 0 && pg != getpgrp())
		kill(-getpgrp(), SIGTTIN);
	if (pg < 0)
		return;
	/* Ignore the stop signals before taking the terminal. */
	sh.jobctl = 1;
	signals_interactive();
	if (getpgrp() != getpid())
		setpgid(0, 0);
	sh.pgid = getpgrp();
	tcsetpgrp(sh.tty, sh.pgid);
	sh.have_tmodes = tcgetattr(sh.tty, &sh.tmodes) == 0;
}

struct job *job_new(const char *text)
{
	struct job *j = xmalloc(sizeof(*j)), **pp = &jobs;
	int id = 1;

	memset(j, 0, sizeof(*j));
	j->text = xstrdup(text ? text : "");
	for (; *pp; pp = &(*pp)->next)
		if ((*pp)->id >= id)
			id = (*pp)->id + 1;
	j->id = id;
	j->seq = ++job_seq;
	*pp = j;
	return j;
}

static void job_remove(struct job *j)
{
	struct job **pp = &jobs;

	while (*pp && *pp != j)
		pp = &(*pp)->next;
	if (*pp)
		*pp = j->next;
	free(j->procs);
	free(j->text);
	free(j);
}

void jobs_forget(void)
{
	while (jobs)
		job_remove(jobs);
}

static void child_setup(struct job *j, int bg)
{
	if (sh.jobctl) {
		setpgid(0, j->pgid);
		if (!bg)
			tcsetpgrp(sh.tty, getpgrp());
	}
	if (bg && !sh.jobctl) {
		int fd = open("/dev/null", O_RDONLY);

		signal(SIGINT, SIG_IGN);
		signal(SIGQUIT, SIG_IGN);
		if (fd > 0) {
			dup2(fd, 0);
			close(fd);
		}
	}
}

pid_t job_fork(struct job *j, int bg)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		sh_err("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		child_setup(j, bg);
		child_reset();
		if (bg && !sh.jobctl) {
			/* child_reset() put them back to the defaults */
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
		}
		return 0;
	}
	if (sh.jobctl)
		setpgid(pid, j->pgid ? j->pgid : pid);
	if (!j->pgid)
		j->pgid = pid;
	j->procs = xrealloc(j->procs, sizeof(*j->procs) *
			    (size_t)(j->nproc + 1));
	j->procs[j->nproc].pid = pid;
	j->procs[j->nproc].status = 0;
	j->procs[j->nproc].state = P_RUN;
	j->nproc++;
	j->bg = bg;
	return pid;
}

static int job_state(struct job *j)
{
	int stopped = 0;

	for (int i = 0; i < j->nproc; i++) {
		if (j->procs[i].state == P_RUN)
			return P_RUN;
		if (j->procs[i].state == P_STOP)
			stopped = 1;
	}
	return stopped ? P_STOP : P_DONE;
}

static void record(pid_t pid, int st)
{
	for (struct job *j = jobs; j; j = j->next)
		for (int i = 0; i < j->nproc; i++) {
			struct proc *p = &j->procs[i];

			if (p->pid != pid)
				continue;
			if (WIFSTOPPED(st)) {
				p->state = P_STOP;
				j->notified = 0;
				j->seq = ++job_seq;
			} else if (WIFCONTINUED(st)) {
				p->state = P_RUN;
			} else {
				p->state = P_DONE;
				p->status = st;
			}
			return;
		}
}

/* Collect status changes; @block: wait for at least one. */
static int reap(int block)
{
	static int no_wcontinued;	/* a kernel that rejects it */
	int st, opts = (sh.jobctl ? WUNTRACED : 0) | (block ? 0 : WNOHANG);
	pid_t pid;

	if (sh.jobctl && !no_wcontinued)
		opts |= WCONTINUED;
	pid = waitpid(-1, &st, opts);
	if (pid < 0 && errno == EINVAL && (opts & WCONTINUED)) {
		no_wcontinued = 1;
		pid = waitpid(-1, &st, opts & ~WCONTINUED);
	}

	if (pid > 0)
		record(pid, st);
	return pid > 0 ? 0 : (pid == 0 ? 1 : -1);
}

static const char *state_text(struct job *j, int *sig)
{
	int st = j->procs[j->nproc - 1].status;

	*sig = 0;
	switch (job_state(j)) {
	case P_RUN:
		return "Running";
	case P_STOP:
		return "Stopped";
	}
	if (WIFSIGNALED(st)) {
		*sig = WTERMSIG(st);
		return *sig == SIGTERM ? "Terminated" : "Killed";
	}
	return WEXITSTATUS(st) ? "Exit" : "Done";
}

static char job_mark(struct job *j)
{
	unsigned best = 0, second = 0;

	for (struct job *k = jobs; k; k = k->next) {
		if (k->seq > best) {
			second = best;
			best = k->seq;
		} else if (k->seq > second) {
			second = k->seq;
		}
	}
	return j->seq == best ? '+' : j->seq == second ? '-' : ' ';
}

static void job_print(struct job *j, int with_pid)
{
	int sig, state = job_state(j);
	const char *s = state_text(j, &sig);
	char buf[40];

	if (!strcmp(s, "Exit"))
		snprintf(buf, sizeof(buf), "Exit %d",
			 WEXITSTATUS(j->procs[j->nproc - 1].status));
	else
		snprintf(buf, sizeof(buf), "%s", s);
	if (with_pid)
		printf("[%d]%c %d %-22s%s%s\n", j->id, job_mark(j), j->pgid,
		       buf, j->text, state == P_RUN ? " &" : "");
	else
		printf("[%d]%c  %-24s%s%s\n", j->id, job_mark(j), buf,
		       j->text, state == P_RUN ? " &" : "");
	fflush(stdout);
}

static void report_signal(int st)
{
	int sig;

	if (!WIFSIGNALED(st))
		return;
	sig = WTERMSIG(st);
	if (sig == SIGINT) {
		if (sh.interactive)
			write_all(2, "\n", 1);
		return;
	}
	if (sig != SIGPIPE)
		fprintf(stderr, "%s%s\n", strsignal(sig),
			WCOREDUMP(st) ? " (core dumped)" : "");
}

/* The terminal back to the shell after a foreground job. */
static void take_terminal(struct job *j, int state)
{
	int st = j->procs[j->nproc - 1].status;

	if (!sh.jobctl)
		return;
	tcsetpgrp(sh.tty, sh.pgid);
	if (state == P_STOP) {
		j->have_tmodes = tcgetattr(sh.tty, &j->tmodes) == 0;
		if (sh.have_tmodes)
			tcsetattr(sh.tty, TCSADRAIN, &sh.tmodes);
	} else if (WIFSIGNALED(st) && sh.have_tmodes) {
		tcsetattr(sh.tty, TCSADRAIN, &sh.tmodes);
	} else {
		sh.have_tmodes = tcgetattr(sh.tty, &sh.tmodes) == 0;
	}
}

static int wait_fg(struct job *j)
{
	int state, st;

	while ((state = job_state(j)) == P_RUN) {
		/* Anything but EINTR means nothing is left to wait for. */
		if (reap(1) < 0 && errno != EINTR) {
			for (int i = 0; i < j->nproc; i++)
				j->procs[i].state = P_DONE;
		}
	}
	take_terminal(j, state);
	if (state == P_STOP) {
		j->bg = 1;
		j->notified = 1;
		fprintf(stderr, "\n");
		fflush(stderr);
		job_print(j, 0);
		return 128 + SIGTSTP;
	}
	st = j->procs[j->nproc - 1].status;
	report_signal(st);
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGINT && sh.interactive &&
	    !sh.subshell)
		sh.interrupted = 1;
	job_remove(j);
	return wait_status(st);
}

int job_finish(struct job *j, int bg)
{
	if (!j->nproc) {
		job_remove(j);
		return 1;
	}
	if (!bg)
		return wait_fg(j);
	sh.last_bg = j->procs[j->nproc - 1].pid;
	if (sh.interactive && !sh.subshell)
		fprintf(stderr, "[%d] %d\n", j->id, sh.last_bg);
	return 0;
}

/* Before a prompt: report jobs that finished or stopped meanwhile. */
void jobs_notify(void)
{
	struct job *j, *next;

	while (reap(0) == 0)
		;
	for (j = jobs; j; j = next) {
		next = j->next;
		if (job_state(j) == P_DONE) {
			job_print(j, 0);
			job_remove(j);
		} else if (job_state(j) == P_STOP && !j->notified) {
			j->notified = 1;
			job_print(j, 0);
		}
	}
}

static struct job *job_find(const char *spec, const char *who)
{
	struct job *j, *best = NULL;
	char mark;

	if (!jobs) {
		sh_err("%s: no current job", who);
		return NULL;
	}
	if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+") ||
	    !strcmp(spec, "%-") || !strcmp(spec, "%")) {
		mark = spec && !strcmp(spec, "%-") ? '-' : '+';
		for (j = jobs; j; j = j->next)
			if (job_mark(j) == mark)
				best = j;
	} else if (spec[0] == '%' && spec[1] >= '0' && spec[1] <= '9') {
		for (j = jobs; j; j = j->next)
			if (j->id == atoi(spec + 1))
				best = j;
	} else if (spec[0] == '%') {
		for (j = jobs; j; j = j->next)
			if (!strncmp(j->text, spec + 1, strlen(spec + 1)))
				best = j;
	} else {
		for (j = jobs; j; j = j->next)
			for (int i = 0; i < j->nproc; i++)
				if (j->procs[i].pid == atoi(spec))
					best = j;
	}
	if (!best)
		sh_err("%s: %s: no such job", who, spec ? spec : "%+");
	return best;
}

pid_t job_spec_pgid(const char *spec)
{
	struct job *j = job_find(spec, "kill");

	return j ? j->pgid : 0;
}

int jobs_builtin(char **argv)
{
	int with_pid = 0, i = 1;
	struct job *j, *next;

	if (argv[1] && !strcmp(argv[1], "-l"))
		with_pid = 1, i++;
	else if (argv[1] && argv[1][0] == '-' && argv[1][1]) {
		sh_err("jobs: %s: unknown option (usage: jobs [-l] [job])",
		       argv[1]);
		return 2;
	}
	while (reap(0) == 0)
		;
	for (j = jobs; j; j = next) {
		next = j->next;
		if (argv[i] && j != job_find(argv[i], "jobs"))
			continue;
		job_print(j, with_pid);
		if (job_state(j) == P_DONE)
			job_remove(j);
	}
	return 0;
}

static void job_continue(struct job *j, int bg)
{
	for (int i = 0; i < j->nproc; i++)
		if (j->procs[i].state == P_STOP)
			j->procs[i].state = P_RUN;
	j->bg = bg;
	j->notified = 0;
	j->seq = ++job_seq;
	kill(-j->pgid, SIGCONT);
}

int fg_builtin(char **argv)
{
	struct job *j;

	if (!sh.jobctl) {
		sh_err("fg: no job control");
		return 1;
	}
	j = job_find(argv[1], "fg");
	if (!j)
		return 1;
	printf("%s\n", j->text);
	fflush(stdout);
	tcsetpgrp(sh.tty, j->pgid);
	if (j->have_tmodes)
		tcsetattr(sh.tty, TCSADRAIN, &j->tmodes);
	job_continue(j, 0);
	return wait_fg(j);
}

int bg_builtin(char **argv)
{
	int i = 1, st = 0;

	if (!sh.jobctl) {
		sh_err("bg: no job control");
		return 1;
	}
	do {
		struct job *j = job_find(argv[i], "bg");

		if (!j) {
			st = 1;
			continue;
		}
		job_continue(j, 1);
		printf("[%d]%c %s &\n", j->id, job_mark(j), j->text);
	} while (argv[i] && argv[++i]);
	return st;
}

static int wait_job(struct job *j)
{
	int st, state;

	while (job_state(j) == P_RUN) {
		if (reap(1) < 0) {
			if (errno == EINTR && sig_pending)
				return 128 + sig_pending;
			if (errno != EINTR)
				break;
		}
	}
	state = job_state(j);
	st = j->procs[j->nproc - 1].status;
	if (state == P_DONE)
		job_remove(j);
	return state == P_STOP ? 128 + SIGTSTP : wait_status(st);
}

int wait_builtin(char **argv)
{
	int st = 0;

	if (!argv[1]) {
		while (jobs) {
			struct job *j = jobs;

			st = wait_job(j);
			if (st > 128 && sig_pending)
				return st;
			if (jobs == j)
				job_remove(j);
		}
		return 0;
	}
	for (int i = 1; argv[i]; i++) {
		struct job *j = job_find(argv[i], "wait");

		st = j ? wait_job(j) : 127;
	}
	return st;
}
