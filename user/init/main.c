/*
 * init: the first process. It mounts /proc, /dev and /tmp, puts fds 0-2
 * on /dev/console, sets the hostname, then runs /etc/inittab (format in
 * inittab.c): the sysinit entries and the wait entries one after the
 * other, then the once and respawn entries; it reaps every child and
 * restarts respawn entries until a signal asks for a reboot, a power
 * off or a halt (shutdown.c). It never exits.
 *
 * Run by hand (not as PID 1) it only checks an inittab:
 *
 *   init --check-inittab FILE   print the entries init would run
 */
#include "init.h"

#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "util.h"

static const char usage[] =
	"usage: init [--check-inittab FILE]\n"
	"The first process: run by the kernel as PID 1, it mounts /proc,\n"
	"/dev and /tmp and runs the entries of " INITTAB_PATH ".\n"
	"  --check-inittab FILE  parse FILE as init would read "
	INITTAB_PATH ", print\n"
	"                        each entry as LINE DEVICE ACTION PATH "
	"[ARGV]...\n"
	"                        (DEVICE '-' when empty; exit 1 on a bad "
	"line)\n"
	"Signals to PID 1: SIGTERM or SIGINT reboot, SIGUSR2 powers off,\n"
	"SIGUSR1 halts.\n";

static int check_inittab(const char *path)
{
	struct inittab tab;
	int bad = inittab_load(path, &tab);

	if (tab.defaulted)
		init_log("%s: no such file; the built-in table:", path);
	inittab_print(&tab, stdout);
	inittab_free(&tab);
	return bad ? 1 : 0;
}

static void run_action(struct inittab *tab, enum action a)
{
	for (size_t i = 0; i < tab->n; i++) {
		if (shutdown_request != SD_NONE)
			return;
		if (tab->v[i].action == a)
			run_and_wait(tab, &tab->v[i], -1);
	}
}

int main(int argc, char **argv)
{
	struct inittab tab;

	/*
	 * As PID 1 the arguments are the kernel command line's leftovers:
	 * none of them is ours.
	 */
	if (getpid() != 1) {
		util_init(argc, argv, usage, 1);
		if (argc == 3 && !strcmp(argv[1], "--check-inittab"))
			return check_inittab(argv[2]);
		if (argc > 1)
			usage_error("unknown argument '%s'", argv[1]);
		die("must be run as process 1, by the kernel");
	}
	signals_setup();
	system_setup();
	/* Ctrl-Alt-Del: a SIGINT to init instead of an instant reset. */
	reboot(RB_DISABLE_CAD);
	inittab_load(INITTAB_PATH, &tab);
	run_action(&tab, ACT_SYSINIT);
	run_action(&tab, ACT_WAIT);
	if (shutdown_request == SD_NONE)
		supervise_start(&tab);
	supervise_loop(&tab);
}
