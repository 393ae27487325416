/*
 * reboot, poweroff and halt (user/bin/{reboot,poweroff,halt}.c): by
 * default they signal init, which runs its shutdown (SIGTERM reboots,
 * SIGUSR2 powers off, SIGUSR1 halts, as busybox's init understands them
 * too); -f syncs and calls reboot(2) directly, and -n with -f skips the
 * sync. Only root may.
 */
#include "power.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "util.h"

struct power_desc {
	const char *usage;
	int signal;		/* to init */
	int cmd;		/* for reboot(2) */
};

#define POWER_OPTS \
	"  -f  do it now: sync and call reboot(2), without init\n" \
	"  -n  with -f: do not sync first\n"

static const struct power_desc descs[] = {
	[POWER_REBOOT] = {
		"usage: reboot [-f [-n]]\n"
		"Restart the machine: init stops every process first.\n"
		POWER_OPTS, SIGTERM, RB_AUTOBOOT },
	[POWER_OFF] = {
		"usage: poweroff [-f [-n]]\n"
		"Turn the machine off: init stops every process first.\n"
		POWER_OPTS, SIGUSR2, RB_POWER_OFF },
	[POWER_HALT] = {
		"usage: halt [-f [-n]]\n"
		"Stop the machine without turning it off: init stops every\n"
		"process first.\n"
		POWER_OPTS, SIGUSR1, RB_HALT_SYSTEM },
};

int power_main(int argc, char **argv, enum power_action action)
{
	const struct power_desc *d = &descs[action];
	int force = 0, no_sync = 0, c;

	util_init(argc, argv, d->usage, 1);
	opterr = 0;
	while ((c = getopt(argc, argv, "+fn")) != -1) {
		if (c == 'f')
			force = 1;
		else if (c == 'n')
			no_sync = 1;
		else
			usage_error("unknown option '-%c'", optopt);
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (no_sync && !force)
		usage_error("-n goes with -f (init always syncs)");
	if (geteuid() != 0)
		die("must be superuser");
	if (!force) {
		if (kill(1, d->signal) < 0)
			die("cannot signal init:");
		return 0;
	}
	if (!no_sync)
		sync();
	reboot(d->cmd);
	die("reboot(2):");
}
