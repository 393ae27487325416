/*
 * Terminals (kernel/tty.c, kernel/tty_ldisc.c, kernel/tty_job.c). A struct
 * tty is one terminal device: a driver below it that moves bytes to and
 * from hardware (the serial port, the screen console with the keyboard),
 * and above it the line discipline (canonical editing, echo, signals from
 * ^C ^\ ^Z, output processing) and job control (session, foreground
 * process group). /dev/ttyS0, /dev/tty1, /dev/console and /dev/tty open
 * ttys.
 *
 * Drivers:
 *   - register a tty with tty_register() once at boot;
 *   - hand received bytes to tty_receive() (any context, IRQ handlers
 *     included: bytes are queued and the line discipline runs later in
 *     the tty worker thread);
 *   - get output through ops->write, called in thread context (never
 *     from an interrupt handler) with the tty's output mutex held, so a
 *     driver sees one writer at a time.
 */
#ifndef TTY_H
#define TTY_H

#include "types.h"
#include "vfs.h"

struct tty;
struct file;

struct tty_ops {
	/* Put @len bytes on the device; may sleep. Output processing
	 * (ONLCR and the like) has been applied already. */
	void (*write)(struct tty *tty, const char *buf, size_t len);
};

/*
 * Make a terminal named @name ("ttyS0", "tty1") for device number @dev.
 * @rows/@cols: its size for TIOCGWINSZ (0, 0 when unknown). Returns the
 * tty (never freed) or NULL when out of memory.
 */
struct tty *tty_register(const char *name, dev_t dev,
			 const struct tty_ops *ops, void *driver_data,
			 unsigned int rows, unsigned int cols);

/* Bytes from the device (keyboard, serial line); any context. */
void tty_receive(struct tty *tty, const char *buf, size_t len);

/* The driver's pointer given to tty_register. */
void *tty_driver_data(struct tty *tty);

/* The screen changed size (a new mode): update and SIGWINCH the
 * foreground process group. Thread context. */
void tty_set_winsize(struct tty *tty, unsigned int rows, unsigned int cols);

/* The tty with device number @dev, or NULL. */
struct tty *tty_find(dev_t dev);

/* Start-up, after devtmpfs and the drivers' ttys: device numbers, the
 * worker thread, and the choice of /dev/console. */
void tty_init(void);
/* A file open on /dev/console's tty (PID 1's 0, 1, 2), or NULL. */
struct file *tty_console_file(void);

/* For the process code (kernel/tty_job.c), all under proc_lock: */
struct process;
/* @p is exiting: hang up its session's terminal if it led the session;
 * SIGHUP+SIGCONT to process groups left orphaned with stopped members. */
void tty_process_exit(struct process *p);
/* setsid(): no controlling terminal in the new session. */
void tty_setsid(struct process *p);
/* A terminal's device number, and its foreground group (0: none). */
dev_t tty_devnum(struct tty *tty);
int tty_fg_pgrp(struct tty *tty);
/* No member of group @pgid has a parent in another group of its
 * session (POSIX's orphaned process group). */
bool pgrp_is_orphaned(int pgid);

#endif
