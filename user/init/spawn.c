/*
 * Starting an entry. The parent side checks an entry's terminal once:
 * one that cannot be opened (no such device, no driver) drops the entry
 * with one message instead of a respawn loop, and two entries on the
 * same terminal (console is ttyS0 under console=ttyS0: TIOCGDEV names
 * the device behind /dev/console) start only the first.
 *
 * The child gets a session of its own, its terminal as controlling
 * terminal on fds 0, 1 and 2, a small fixed environment and $HOME as
 * working directory, then execs the command (command.c).
 */
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef TIOCGDEV
#define TIOCGDEV	0x80045432	/* _IOR('T', 0x32, unsigned int) */
#endif
#define TTY_MAJOR	4		/* tty0-63, then ttyS0-... at 64 */
#define TTYS_FIRST	64
#define HOME		"/root"

extern char **environ;

/* The real device behind terminal @fd (/dev/console names another). */
static dev_t terminal_device(int fd)
{
	unsigned int dev;
	struct stat st;

	if (ioctl(fd, TIOCGDEV, &dev) == 0)
		return (dev_t)dev;
	return fstat(fd, &st) == 0 ? st.st_rdev : 0;
}

static int same_terminal_as_earlier(const struct entry *e,
				    const struct inittab *tab)
{
	for (const struct entry *o = tab->v; o < e; o++) {
		if ((o->action != ACT_RESPAWN && o->action != ACT_ONCE) ||
		    !o->checked || o->dropped || !o->device[0] ||
		    !e->rdev || o->rdev != e->rdev)
			continue;
		init_log("/dev/%s is /dev/%s (line %d): line %d not started",
			 e->device, o->device, o->line, e->line);
		return 1;
	}
	return 0;
}

/*
 * Check @e's terminal the first time it is started: -1 when the entry is
 * dropped, 0 to go on.
 */
int spawn_check_device(struct entry *e, struct inittab *tab)
{
	char path[DEVICE_MAX + 5];
	int fd;

	if (e->checked)
		return e->dropped ? -1 : 0;
	e->checked = 1;
	if (!e->device[0])
		return 0;
	snprintf(path, sizeof(path), "/dev/%s", e->device);
	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENXIO && errno != ENOENT && errno != ENODEV)
			return 0;	/* let the child try and say why */
		init_log("%s: %s; not starting '%s'", path, strerror(errno),
			 e->text);
		e->dropped = 1;
		return -1;
	}
	e->rdev = terminal_device(fd);
	close(fd);
	if ((e->action == ACT_RESPAWN || e->action == ACT_ONCE) &&
	    same_terminal_as_earlier(e, tab))
		e->dropped = 1;
	return e->dropped ? -1 : 0;
}

/* TERM for terminal @name whose real device is @rdev. */
static const char *term_for(const char *name, dev_t rdev)
{
	if (major(rdev) == TTY_MAJOR)
		return minor(rdev) >= TTYS_FIRST ? "vt100" : "linux";
	if (!strncmp(name, "tty", 3) && name[3] >= '0' && name[3] <= '9')
		return "linux";
	return "vt100";
}

/*
 * In the child: @name as controlling terminal on fds 0, 1 and 2. A
 * kernel that cannot make it one is reported at the first start only.
 */
static int open_terminal(const char *name, int first)
{
	char path[DEVICE_MAX + 5];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_RDWR);
	if (fd < 0) {
		init_log("%s: %s", path, strerror(errno));
		return -1;
	}
	/* Linux never makes /dev/console a controlling tty on open. */
	if (ioctl(fd, TIOCSCTTY, 0) < 0 && first)
		init_log("%s: cannot make it the controlling terminal: %s",
			 path, strerror(errno));
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
	return 0;
}

static void child_exec(const struct entry *e)
{
	static char term[16];
	char *envp[] = { term, "HOME=" HOME, "PATH=/bin:/sbin:/usr/bin",
			 "SHELL=/bin/sh", "USER=root", "LOGNAME=root", NULL };
	const char *name = e->device[0] ? e->device : "console";

	snprintf(term, sizeof(term), "TERM=%s",
		 term_for(name, terminal_device(0)));
	if (chdir(HOME) < 0 && chdir("/") < 0)
		init_log("chdir /: %s", strerror(errno));
	environ = envp;
	if (strchr(e->cmd->path, '/'))
		execve(e->cmd->path, e->cmd->argv, envp);
	else
		execvp(e->cmd->path, e->cmd->argv);
	init_log("cannot run '%s': %s", e->text, strerror(errno));
}

/* Start @e: the child's pid, or -1 (reported) when fork fails. */
pid_t spawn_entry(const struct entry *e)
{
	pid_t pid = fork();

	if (pid < 0) {
		init_log("fork: %s", strerror(errno));
		return -1;
	}
	if (pid > 0)
		return pid;
	/* The child's copy of @e: starts does not count this one yet. */
	signals_reset_child();
	setsid();
	if (!e->device[0] || open_terminal(e->device, e->starts == 0) == 0)
		child_exec(e);
	_exit(127);
}
