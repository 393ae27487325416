/*
 * init's life between boot and shutdown: signals arrive as events,
 * children are reaped (orphans included, whoever started them), and
 * respawn entries start again when they exit. One that exits more than
 * THROTTLE_EXITS times within THROTTLE_WINDOW_MS is suspended for
 * SUSPEND_MS, with a message, as sysvinit does.
 *
 * The signals init handles stay blocked; sigtimedwait() takes them one
 * at a time in the main loop, so no state changes under a handler. The
 * handler installed for them is never run: it is there because a
 * signal whose disposition is the default is not delivered to PID 1.
 */
#include "init.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#define THROTTLE_EXITS		10
#define THROTTLE_WINDOW_MS	10000
#define SUSPEND_MS		30000
#define FORK_RETRY_MS		1000

volatile enum shutdown_kind shutdown_request;

static sigset_t init_sigs;
static const int handled_sigs[] = {
	SIGCHLD, SIGTERM, SIGINT, SIGUSR1, SIGUSR2, SIGHUP,
};
static const int ignored_sigs[] = { SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU };

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

static void on_signal(int sig)
{
	(void)sig;
}

void signals_setup(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct sigaction ign = { .sa_handler = SIG_IGN };

	sigemptyset(&init_sigs);
	for (size_t i = 0; i < ARRAY_LEN(handled_sigs); i++) {
		sigaddset(&init_sigs, handled_sigs[i]);
		sigaction(handled_sigs[i], &sa, NULL);
	}
	for (size_t i = 0; i < ARRAY_LEN(ignored_sigs); i++)
		sigaction(ignored_sigs[i], &ign, NULL);
	sigprocmask(SIG_BLOCK, &init_sigs, NULL);
}

/* In a new child: the default dispositions and no blocked signals. */
void signals_reset_child(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t none;

	for (size_t i = 0; i < ARRAY_LEN(handled_sigs); i++)
		sigaction(handled_sigs[i], &dfl, NULL);
	for (size_t i = 0; i < ARRAY_LEN(ignored_sigs); i++)
		sigaction(ignored_sigs[i], &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* busybox's convention, so its reboot, poweroff and halt work too. */
static void note_signal(int sig)
{
	enum shutdown_kind kind = SD_NONE;

	if (sig == SIGTERM || sig == SIGINT)
		kind = SD_REBOOT;
	else if (sig == SIGUSR2)
		kind = SD_POWEROFF;
	else if (sig == SIGUSR1)
		kind = SD_HALT;
	if (kind != SD_NONE && shutdown_request == SD_NONE)
		shutdown_request = kind;
}

/* Wait up to @timeout_ms (-1: no limit) for signals and note them;
 * SIGCHLD only ends the wait: the caller reaps. */
void wait_event(int64_t timeout_ms)
{
	struct timespec ts = { 0, 0 };
	siginfo_t si;
	int sig;

	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (timeout_ms % 1000) * 1000000;
	}
	sig = sigtimedwait(&init_sigs, &si, timeout_ms >= 0 ? &ts : NULL);
	if (sig > 0)
		note_signal(sig);
	ts.tv_sec = ts.tv_nsec = 0;
	while ((sig = sigtimedwait(&init_sigs, &si, &ts)) > 0)
		note_signal(sig);
}

static void throttle(struct entry *e)
{
	int64_t t = now_ms();

	if (e->exits == 0 || t - e->window_start >= THROTTLE_WINDOW_MS) {
		e->window_start = t;
		e->exits = 0;
	}
	if (++e->exits > THROTTLE_EXITS) {
		init_log("'%s' (line %d) is respawning too fast: suspended "
			 "for %d seconds", e->text, e->line, SUSPEND_MS / 1000);
		e->resume_at = t + SUSPEND_MS;
		e->exits = 0;
	}
}

static void child_exited(struct inittab *tab, pid_t pid)
{
	for (size_t i = 0; i < tab->n; i++) {
		struct entry *e = &tab->v[i];

		if (e->pid != pid)
			continue;
		e->pid = 0;
		if (e->action == ACT_RESPAWN && shutdown_request == SD_NONE)
			throttle(e);
		return;
	}
	/* Not ours: an orphan that ended here. Reaping it was the job. */
}

/* Reap every child that has exited: 1 while children remain, 0 when
 * there are none left at all. */
int reap_children(struct inittab *tab)
{
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, NULL, WNOHANG);
		if (pid > 0)
			child_exited(tab, pid);
		else if (pid == 0)
			return 1;
		else if (errno != EINTR)
			return errno == ECHILD ? 0 : 1;
	}
}

static int start_entry(struct inittab *tab, struct entry *e)
{
	if (spawn_check_device(e, tab) < 0)
		return -1;
	e->pid = spawn_entry(e);
	if (e->pid > 0) {
		e->starts++;
		return 0;
	}
	e->pid = 0;
	e->resume_at = now_ms() + FORK_RETRY_MS;
	return -1;
}

/*
 * Run @e and wait for it: 0 when it exited, -1 when it could not start,
 * ran past @timeout_ms (-1: no limit; it is then killed) or a shutdown
 * was asked for meanwhile (then left to the shutdown to stop).
 */
int run_and_wait(struct inittab *tab, struct entry *e, int64_t timeout_ms)
{
	int64_t deadline = now_ms() + timeout_ms, left = -1;

	if (start_entry(tab, e) < 0)
		return -1;
	for (;;) {
		reap_children(tab);
		if (!e->pid)
			return 0;
		if (e->action != ACT_SHUTDOWN && shutdown_request != SD_NONE)
			return -1;
		if (timeout_ms >= 0) {
			left = deadline - now_ms();
			if (left <= 0) {
				init_log("'%s' still runs after %d s; killed",
					 e->text, (int)(timeout_ms / 1000));
				kill(e->pid, SIGKILL);
				return -1;
			}
		}
		wait_event(left);
	}
}

/* Start the once and respawn entries, in the order of the file. */
void supervise_start(struct inittab *tab)
{
	for (size_t i = 0; i < tab->n; i++) {
		struct entry *e = &tab->v[i];

		if (e->action == ACT_ONCE || e->action == ACT_RESPAWN)
			start_entry(tab, e);
	}
}

/* Restart what is due; the ms until the next suspended one is, or -1. */
static int64_t respawn_due(struct inittab *tab)
{
	int64_t next = -1, t = now_ms();

	for (size_t i = 0; i < tab->n; i++) {
		struct entry *e = &tab->v[i];

		if (e->action != ACT_RESPAWN || e->dropped || e->pid)
			continue;
		if (e->resume_at <= t)
			start_entry(tab, e);
		if (!e->pid && !e->dropped && e->resume_at > t &&
		    (next < 0 || e->resume_at - t < next))
			next = e->resume_at - t;
	}
	return next;
}

void supervise_loop(struct inittab *tab)
{
	for (;;) {
		reap_children(tab);
		if (shutdown_request != SD_NONE)
			shutdown_system(tab, shutdown_request);
		wait_event(respawn_due(tab));
	}
}
