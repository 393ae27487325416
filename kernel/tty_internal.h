/*
 * Internal to the TTY layer (kernel/tty.c, tty_ldisc.c, tty_job.c): the
 * struct tty itself. Drivers see only include/tty.h.
 */
#ifndef KERNEL_TTY_INTERNAL_H
#define KERNEL_TTY_INTERNAL_H

#include <mutex.h>
#include <spinlock.h>
#include <tty.h>
#include <wait.h>
#include <lib/list.h>
#include <uapi/termios.h>

#define TTY_BUF_SIZE	4096	/* the input buffer; a power of two */
#define TTY_RAW_SIZE	1024	/* received, not yet through the ldisc */

/* Marks on input bytes that end a canonical line. */
#define TTY_MARK_EOL	1	/* '\n', EOL, EOL2: part of the line */
#define TTY_MARK_EOF	2	/* the EOF character: ends it, not read */

/*
 * One terminal. Lock legend:
 *   [raw]   raw_lock (a spinlock; tty_receive runs in interrupts)
 *   [ldisc] ldisc_lock (a mutex): input buffer, termios, window size,
 *           line-editing state; the tty worker and readers take it
 *   [out]   out_lock (a mutex): one writer at the driver at a time;
 *           taken inside ldisc_lock when echoing
 *   [tree]  proc_lock: the job-control fields, which go with the
 *           process tree's
 * Counters (read_tail, canon_head, read_head) run freely; their
 * differences are byte counts, their values mod TTY_BUF_SIZE indexes.
 */
struct tty {
	char name[16];
	dev_t dev;
	const struct tty_ops *ops;
	void *driver_data;
	struct list_head node;			/* all ttys [tty_list_lock] */

	struct spinlock raw_lock;
	unsigned char raw[TTY_RAW_SIZE];	/* [raw] */
	unsigned int raw_head, raw_tail;	/* [raw] */
	unsigned long raw_dropped;		/* [raw] */
	bool work_queued;			/* [tty_work_lock] */
	struct list_head work_node;		/* [tty_work_lock] */

	struct mutex ldisc_lock;
	struct termios_k termios;		/* [ldisc] */
	struct winsize_k winsize;		/* [ldisc] */
	unsigned char buf[TTY_BUF_SIZE];	/* [ldisc] */
	uint8_t mark[TTY_BUF_SIZE];		/* [ldisc] TTY_MARK_* */
	unsigned int read_tail;			/* [ldisc] next to read */
	unsigned int canon_head;		/* [ldisc] end of whole lines */
	unsigned int read_head;			/* [ldisc] end of input */
	unsigned int line_column;		/* [ldisc] echo column at the
						 * start of the line */
	bool lnext;				/* [ldisc] ^V: next is literal */
	bool exclusive;				/* [ldisc] TIOCEXCL */
	int opens;				/* [ldisc] */
	struct wait_queue read_wait;		/* input arrived */

	struct mutex out_lock;
	unsigned int column;			/* [out] of the output */
	bool stopped;				/* ^S or TCOOFF: output waits */
	struct wait_queue write_wait;		/* output restarted */

	int session, pgrp;			/* [tree] 0: none */
};

/* kernel/tty_ldisc.c */
void ldisc_init_termios(struct termios_k *t);
/* Run received byte @c through the line discipline. [ldisc] */
void ldisc_receive(struct tty *tty, unsigned char c);
/* Write @len bytes of output with OPOST processing. [out] */
void ldisc_output(struct tty *tty, const char *buf, size_t len);
/* read(2) on the tty: canonical or raw per termios. */
long ldisc_read(struct tty *tty, struct file *f, char *ubuf, size_t len);
/* Bytes a read could take now (FIONREAD, poll). [ldisc] or racy. */
unsigned int ldisc_readable(struct tty *tty);
/* New termios: adjust the line state. [ldisc] */
void ldisc_set_termios(struct tty *tty, const struct termios_k *old);
/* Drop unread input. [ldisc] */
void ldisc_flush_input(struct tty *tty);

/* kernel/tty_job.c */
/* Send @sig to the tty's foreground process group. */
void tty_signal_pgrp(struct tty *tty, int sig);
/* A read or write (or termios change) from a background process?
 * 0 to go on, -EIO, or -ERESTARTSYS after SIGTTIN/SIGTTOU. */
int tty_check_read(struct tty *tty);
int tty_check_write(struct tty *tty, bool always);
/* open(2): a session leader without a terminal takes this one. */
void tty_open_ctty(struct tty *tty);
/* Job-control ioctls; -ENOIOCTLCMD for others. */
long tty_job_ioctl(struct tty *tty, struct file *f, unsigned int cmd,
		   unsigned long arg);
#define ENOIOCTLCMD	515

#endif
