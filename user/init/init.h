/*
 * Ferrite's init (PID 1): the pieces shared by the files of user/init.
 *
 *   main.c       the command line, the boot sequence and the main loop
 *   inittab.c    reading /etc/inittab (and the built-in default)
 *   command.c    splitting an entry's command into what is executed
 *   system.c     mounts, the console, the hostname, the log
 *   spawn.c      starting an entry: the child's terminal and environment
 *   supervise.c  reaping, respawning, throttling, signals as events
 *   shutdown.c   the way down: shutdown entries, SIGTERM, SIGKILL, reboot
 *
 * The same static binary runs as PID 1 on Ferrite and on Linux.
 */
#ifndef FERRITE_INIT_H
#define FERRITE_INIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define INITTAB_PATH	"/etc/inittab"
#define RC_PATH		"/etc/rc"
#define DEVICE_MAX	32	/* a tty name under /dev, NUL included */
#define ARGV_MAX	64	/* words of a command run without the shell */

enum action {
	ACT_SYSINIT,	/* once at boot, waited for, before everything */
	ACT_WAIT,	/* once at boot, waited for, after sysinit */
	ACT_ONCE,	/* once at boot, not waited for */
	ACT_RESPAWN,	/* started again whenever it exits */
	ACT_SHUTDOWN,	/* at shutdown, waited for with a timeout */
};

/* How an entry's command is executed: path and argv for execve(). */
struct command {
	const char *path;		/* "/bin/sh" or the first word */
	char *argv[ARGV_MAX + 1];	/* NULL-terminated */
	int via_shell;			/* argv is { sh, -c, text } */
	char storage[];			/* the words point in here */
};

struct entry {
	/* From the inittab line. */
	char device[DEVICE_MAX];	/* "" = init's own console, no ctty */
	enum action action;
	char *text;			/* the command as written */
	struct command *cmd;
	int line;			/* in the file; 0 = built-in */

	/* Run-time state (supervise.c). */
	pid_t pid;			/* running child, 0 if none */
	int dropped;			/* never started (again) */
	int checked;			/* device opened and compared */
	unsigned long starts;		/* times started */
	dev_t rdev;			/* the terminal's real device */
	int64_t window_start;		/* ms: the throttle window began */
	int exits;			/* exits inside that window */
	int64_t resume_at;		/* ms: suspended until then */
};

struct inittab {
	struct entry *v;
	size_t n;
	int defaulted;			/* no file: the built-in table */
};

/* inittab.c */
const char *action_name(enum action a);
int inittab_parse_line(const char *line, struct entry *e, char *err,
		       size_t errlen);
int inittab_load(const char *path, struct inittab *tab);
void inittab_free(struct inittab *tab);
void inittab_print(const struct inittab *tab, FILE *out);

/* command.c */
struct command *command_parse(const char *text);

/* system.c */
void init_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void system_setup(void);
int64_t now_ms(void);

/* spawn.c */
int spawn_check_device(struct entry *e, struct inittab *tab);
pid_t spawn_entry(const struct entry *e);

/* supervise.c */
enum shutdown_kind { SD_NONE, SD_REBOOT, SD_POWEROFF, SD_HALT };
extern volatile enum shutdown_kind shutdown_request;
void signals_setup(void);
void signals_reset_child(void);
void wait_event(int64_t timeout_ms);
int reap_children(struct inittab *tab);
int run_and_wait(struct inittab *tab, struct entry *e, int64_t timeout_ms);
void supervise_start(struct inittab *tab);
void supervise_loop(struct inittab *tab);

/* shutdown.c */
void shutdown_system(struct inittab *tab, enum shutdown_kind kind)
	__attribute__((noreturn));

#endif
