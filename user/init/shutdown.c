/*
 * The way down, on SIGTERM or SIGINT (reboot), SIGUSR2 (power off) or
 * SIGUSR1 (halt): say so, run the shutdown entries (each for at most
 * SHUTDOWN_ENTRY_MS), ask every process to end (SIGTERM, and SIGHUP for
 * the shells that ignore SIGTERM), reap them for up to TERM_GRACE_MS,
 * kill what is left (SIGKILL), reap, sync, and reboot(2).
 */
#include "init.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#define SHUTDOWN_ENTRY_MS	5000
#define TERM_GRACE_MS		2000
#define KILL_REAP_MS		1000

static const char *const kind_names[] = {
	[SD_REBOOT] = "reboot",
	[SD_POWEROFF] = "power off",
	[SD_HALT] = "halt",
};

static const int kind_cmds[] = {
	[SD_REBOOT] = RB_AUTOBOOT,
	[SD_POWEROFF] = RB_POWER_OFF,
	[SD_HALT] = RB_HALT_SYSTEM,
};

/* Reap until no child is left or @ms pass: 1 if some are left. */
static int reap_for(struct inittab *tab, int64_t ms)
{
	int64_t deadline = now_ms() + ms, left;

	while (reap_children(tab)) {
		left = deadline - now_ms();
		if (left <= 0)
			return 1;
		wait_event(left);
	}
	return 0;
}

void shutdown_system(struct inittab *tab, enum shutdown_kind kind)
{
	init_log("the system is going down for %s", kind_names[kind]);
	for (size_t i = 0; i < tab->n; i++)
		if (tab->v[i].action == ACT_SHUTDOWN)
			run_and_wait(tab, &tab->v[i], SHUTDOWN_ENTRY_MS);

	kill(-1, SIGTERM);
	/* Interactive shells ignore SIGTERM; their terminal hangs up. */
	kill(-1, SIGHUP);
	kill(-1, SIGCONT);	/* a stopped job sees them only now */
	if (reap_for(tab, TERM_GRACE_MS)) {
		init_log("sending SIGKILL to the processes left");
		kill(-1, SIGKILL);
		reap_for(tab, KILL_REAP_MS);
	}
	sync();
	reboot(kind_cmds[kind]);
	init_log("reboot: %s", strerror(errno));
	for (;;) {
		wait_event(-1);
		reap_children(tab);
	}
}
