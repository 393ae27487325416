/*
 * The line discipline (Linux's N_TTY, written for Ferrite): what a
 * terminal does between its driver and read(2)/write(2). Input: CR/NL
 * mapping, signals from ^C ^\ ^Z, canonical line editing (erase, word
 * erase, kill, reprint, literal next, EOF), echo, and raw reads with
 * VMIN/VTIME. Output: OPOST processing (ONLCR and friends, tab
 * expansion). The device side is kernel/tty.c; job control is
 * kernel/tty_job.c. POSIX "General Terminal Interface" and termios(3).
 */
#include <errno.h>
#include <file.h>
#include <process.h>
#include <sched.h>
#include <time.h>
#include <uaccess.h>
#include <lib/string.h>
#include "tty_internal.h"

#define MASK(i)		((i) & (TTY_BUF_SIZE - 1))
#define TAB_WIDTH	8
#define DISABLED_CC	0	/* a c_cc[] slot set to 0 is off (POSIX
				 * _POSIX_VDISABLE on Linux) */

static const struct termios_k default_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE |
		   IEXTEN,
	.c_cc = {
		[VINTR] = 3, [VQUIT] = 0x1c, [VERASE] = 0x7f, [VKILL] = 0x15,
		[VEOF] = 4, [VTIME] = 0, [VMIN] = 1, [VSTART] = 0x11,
		[VSTOP] = 0x13, [VSUSP] = 0x1a, [VREPRINT] = 0x12,
		[VDISCARD] = 0x0f, [VWERASE] = 0x17, [VLNEXT] = 0x16,
	},
};

void ldisc_init_termios(struct termios_k *t)
{
	*t = default_termios;
}

static bool is_cc(const struct tty *tty, unsigned char c, int which)
{
	unsigned char v = tty->termios.c_cc[which];

	return v != DISABLED_CC && c == v;
}

#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))

/* --- output --------------------------------------------------------- */

/*
 * Apply OPOST to @len bytes and hand them to the driver in chunks.
 * Tracks the output column for tabs and for erasing echoed input.
 */
void ldisc_output(struct tty *tty, const char *buf, size_t len)
{
	char out[256];
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (n > sizeof(out) - TAB_WIDTH - 2) {
			tty->ops->write(tty, out, n);
			n = 0;
		}
		if (!O(tty, OPOST)) {
			out[n++] = c;
			continue;
		}
		switch (c) {
		case '\n':
			if (O(tty, ONLCR)) {
				out[n++] = '\r';
				tty->column = 0;
			}
			if (O(tty, ONLRET))
				tty->column = 0;
			out[n++] = c;
			continue;
		case '\r':
			if (O(tty, ONOCR) && tty->column == 0)
				continue;
			if (O(tty, OCRNL)) {
				out[n++] = '\n';
				if (O(tty, ONLRET))
					tty->column = 0;
				continue;
			}
			tty->column = 0;
			break;
		case '\t': {
			unsigned int spaces = TAB_WIDTH -
					      tty->column % TAB_WIDTH;

			tty->column += spaces;
			if ((tty->termios.c_oflag & TABDLY) == XTABS) {
				while (spaces--)
					out[n++] = ' ';
				continue;
			}
			break;
		}
		case '\b':
			if (tty->column)
				tty->column--;
			break;
		default:
			if (O(tty, OLCUC) && c >= 'a' && c <= 'z')
				c -= 'a' - 'A';
			if ((unsigned char)c >= 0x20 && c != 0x7f)
				tty->column++;
		}
		out[n++] = c;
	}
	if (n)
		tty->ops->write(tty, out, n);
}

/* Echo (output) from the line discipline. [ldisc] */
static void echo_bytes(struct tty *tty, const char *s, size_t len)
{
	mutex_lock(&tty->out_lock);
	ldisc_output(tty, s, len);
	mutex_unlock(&tty->out_lock);
}

static void echo_char_raw(struct tty *tty, char c)
{
	echo_bytes(tty, &c, 1);
}

/* Echo input byte @c: control characters as ^X with ECHOCTL. */
static void echo_char(struct tty *tty, unsigned char c)
{
	if (L(tty, ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t' &&
	    c != '\n' && !is_cc(tty, c, VSTART) && !is_cc(tty, c, VSTOP)) {
		char s[2] = { '^', c == 0x7f ? '?' : c ^ 0x40 };

		echo_bytes(tty, s, 2);
	} else {
		echo_char_raw(tty, c);
	}
}

/* --- canonical editing ------------------------------------------------- */

static unsigned int buffered(const struct tty *tty)
{
	return tty->read_head - tty->read_tail;
}

static void put_byte(struct tty *tty, unsigned char c, uint8_t mark)
{
	tty->buf[MASK(tty->read_head)] = c;
	tty->mark[MASK(tty->read_head)] = mark;
	tty->read_head++;
}

/* Echo width of input byte @c at column @col. */
static unsigned int echo_width(const struct tty *tty, unsigned char c,
			       unsigned int col)
{
	if (c == '\t')
		return TAB_WIDTH - col % TAB_WIDTH;
	if (c < 0x20 || c == 0x7f)
		return L(tty, ECHOCTL) ? 2 : 0;
	return 1;
}

/* Remove the last character of the line being edited and its echo. */
static void erase_one(struct tty *tty)
{
	unsigned char c;
	unsigned int width, col = tty->line_column;

	if (tty->read_head == tty->canon_head)
		return;
	c = tty->buf[MASK(tty->read_head - 1)];
	/* The column where @c started: walk the line up to it. */
	for (unsigned int i = tty->canon_head; i != tty->read_head - 1; i++)
		col += echo_width(tty, tty->buf[MASK(i)], col);
	width = echo_width(tty, c, col);
	tty->read_head--;
	if (!L(tty, ECHO))
		return;
	if (!L(tty, ECHOE)) {
		echo_char(tty, tty->termios.c_cc[VERASE]);
		return;
	}
	while (width--) {
		if (c == '\t')
			echo_char_raw(tty, '\b');
		else
			echo_bytes(tty, "\b \b", 3);
	}
}

static bool is_word_char(unsigned char c)
{
	return c != ' ' && c != '\t';
}

static void erase_word(struct tty *tty)
{
	while (tty->read_head != tty->canon_head &&
	       !is_word_char(tty->buf[MASK(tty->read_head - 1)]))
		erase_one(tty);
	while (tty->read_head != tty->canon_head &&
	       is_word_char(tty->buf[MASK(tty->read_head - 1)]))
		erase_one(tty);
}

static void kill_line(struct tty *tty)
{
	if (L(tty, ECHO) && !L(tty, ECHOKE)) {
		tty->read_head = tty->canon_head;
		echo_char(tty, tty->termios.c_cc[VKILL]);
		if (L(tty, ECHOK))
			echo_char_raw(tty, '\n');
		tty->line_column = 0;
		return;
	}
	while (tty->read_head != tty->canon_head)
		erase_one(tty);
}

static void reprint_line(struct tty *tty)
{
	echo_char(tty, tty->termios.c_cc[VREPRINT]);
	echo_char_raw(tty, '\n');
	tty->line_column = 0;
	for (unsigned int i = tty->canon_head; i != tty->read_head; i++)
		echo_char(tty, tty->buf[MASK(i)]);
}

/* The line is complete: readers may take it. */
static void end_line(struct tty *tty, unsigned char c, uint8_t mark)
{
	put_byte(tty, c, mark);
	tty->canon_head = tty->read_head;
	wake_up_all(&tty->read_wait);
	poll_notify();
}

/* A line is starting if nothing of one is buffered yet. */
static void note_line_start(struct tty *tty)
{
	if (tty->read_head == tty->canon_head) {
		mutex_lock(&tty->out_lock);
		tty->line_column = tty->column;
		mutex_unlock(&tty->out_lock);
	}
}

/* Canonical input of one (already mapped) byte. */
static void canon_receive(struct tty *tty, unsigned char c)
{
	bool room = buffered(tty) < TTY_BUF_SIZE - 1;

	if (tty->lnext) {
		tty->lnext = false;
		goto ordinary;
	}
	if (is_cc(tty, c, VERASE) || (c == '\b' && L(tty, ECHOE) &&
				      is_cc(tty, 0x7f, VERASE))) {
		erase_one(tty);
		return;
	}
	if (is_cc(tty, c, VKILL)) {
		kill_line(tty);
		return;
	}
	if (L(tty, IEXTEN)) {
		if (is_cc(tty, c, VWERASE)) {
			erase_word(tty);
			return;
		}
		if (is_cc(tty, c, VREPRINT)) {
			if (L(tty, ECHO))
				reprint_line(tty);
			return;
		}
		if (is_cc(tty, c, VLNEXT)) {
			tty->lnext = true;
			if (L(tty, ECHO) && L(tty, ECHOCTL))
				echo_bytes(tty, "^\b", 2);
			return;
		}
	}
	if (is_cc(tty, c, VEOF)) {
		if (buffered(tty) < TTY_BUF_SIZE)
			end_line(tty, c, TTY_MARK_EOF);
		return;
	}
	if (c == '\n' || is_cc(tty, c, VEOL) || is_cc(tty, c, VEOL2)) {
		if (buffered(tty) >= TTY_BUF_SIZE)
			return;
		if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL)))
			echo_char(tty, c);
		end_line(tty, c, TTY_MARK_EOL);
		return;
	}
ordinary:
	if (!room)
		return;		/* a full line: only its end fits */
	note_line_start(tty);
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_byte(tty, c, 0);
}

/* --- input ----------------------------------------------------------- */

/* ^C, ^\, ^Z: the signal to send for @c, or 0. */
static int signal_char(const struct tty *tty, unsigned char c)
{
	if (!L(tty, ISIG))
		return 0;
	if (is_cc(tty, c, VINTR))
		return SIGINT;
	if (is_cc(tty, c, VQUIT))
		return SIGQUIT;
	if (is_cc(tty, c, VSUSP))
		return SIGTSTP;
	return 0;
}

/* IXON: ^S stops output, ^Q (or any key with IXANY) restarts it. */
static bool flow_control(struct tty *tty, unsigned char c)
{
	if (!I(tty, IXON))
		return false;
	if (is_cc(tty, c, VSTOP)) {
		WRITE_ONCE(tty->stopped, true);
		return true;
	}
	if (is_cc(tty, c, VSTART) || (tty->stopped && I(tty, IXANY))) {
		WRITE_ONCE(tty->stopped, false);
		wake_up_all(&tty->write_wait);
		return is_cc(tty, c, VSTART);
	}
	return false;
}

void ldisc_receive(struct tty *tty, unsigned char c)
{
	int sig;

	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (!tty->lnext) {
		if (c == '\r') {
			if (I(tty, IGNCR))
				return;
			if (I(tty, ICRNL))
				c = '\n';
		} else if (c == '\n' && I(tty, INLCR)) {
			c = '\r';
		}
		if (I(tty, IUCLC) && L(tty, IEXTEN) && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (flow_control(tty, c))
			return;
		sig = signal_char(tty, c);
		if (sig) {
			if (!L(tty, NOFLSH))
				ldisc_flush_input(tty);
			if (L(tty, ECHO))
				echo_char(tty, c);
			tty_signal_pgrp(tty, sig);
			return;
		}
	}
	if (L(tty, ICANON)) {
		canon_receive(tty, c);
		return;
	}
	tty->lnext = false;
	if (buffered(tty) >= TTY_BUF_SIZE)
		return;		/* nobody reads: drop, as a full FIFO does */
	if (L(tty, ECHO))
		echo_char(tty, c);
	put_byte(tty, c, 0);
	tty->canon_head = tty->read_head;
	wake_up_all(&tty->read_wait);
	poll_notify();
}

void ldisc_flush_input(struct tty *tty)
{
	tty->read_head = tty->canon_head = tty->read_tail;
	tty->lnext = false;
}

unsigned int ldisc_readable(struct tty *tty)
{
	return READ_ONCE(tty->canon_head) - READ_ONCE(tty->read_tail);
}

void ldisc_set_termios(struct tty *tty, const struct termios_k *old)
{
	/*
	 * Leaving canonical mode makes the partial line readable; entering
	 * it makes what is buffered count as a line already typed.
	 */
	if ((old->c_lflag ^ tty->termios.c_lflag) & ICANON) {
		tty->canon_head = tty->read_head;
		tty->lnext = false;
		wake_up_all(&tty->read_wait);
		poll_notify();
	}
	if (!I(tty, IXON) && tty->stopped) {
		WRITE_ONCE(tty->stopped, false);
		wake_up_all(&tty->write_wait);
	}
}

/* --- read(2) ----------------------------------------------------------- */

/*
 * Copy up to @len readable bytes to the user, stopping after a line's
 * end in canonical mode. Returns the bytes copied or -EFAULT; *@eof is
 * set when an EOF mark was consumed. [ldisc]
 */
static long take_input(struct tty *tty, char *ubuf, size_t len, bool canon,
		       bool *eof)
{
	char chunk[128];
	size_t done = 0;

	*eof = false;
	while (done < len && tty->read_tail != tty->canon_head) {
		size_t n = 0;
		bool line_end = false;

		while (n < sizeof(chunk) && done + n < len &&
		       tty->read_tail + n != tty->canon_head) {
			unsigned int i = MASK(tty->read_tail + n);

			if (canon && tty->mark[i] == TTY_MARK_EOF) {
				line_end = *eof = true;
				break;
			}
			chunk[n++] = tty->buf[i];
			if (canon && tty->mark[i] == TTY_MARK_EOL) {
				line_end = true;
				break;
			}
		}
		if (n && copy_to_user(ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		tty->read_tail += n + (*eof ? 1 : 0);
		done += n;
		if (line_end)
			break;
	}
	return done;
}

/* Wait for input (or a mode change); 0, -EAGAIN, -ERESTARTSYS or
 * -ETIMEDOUT. Called without ldisc_lock. */
static int wait_input(struct tty *tty, struct file *f, uint64_t deadline)
{
	bool canon = L(tty, ICANON);
	int err;

	if (f->f_flags & O_NONBLOCK)
		return -EAGAIN;
	err = wait_event_interruptible_deadline(&tty->read_wait,
		ldisc_readable(tty) || !!L(tty, ICANON) != canon, deadline);
	if (err == -EINTR)
		return -ERESTARTSYS;
	return err;
}

static long canon_read(struct tty *tty, struct file *f, char *ubuf,
		       size_t len)
{
	long r;
	bool eof;

	for (;;) {
		mutex_lock(&tty->ldisc_lock);
		if (!L(tty, ICANON)) {
			mutex_unlock(&tty->ldisc_lock);
			return -EAGAIN - 1000;	/* mode changed: redo */
		}
		if (tty->read_tail != tty->canon_head)
			break;
		mutex_unlock(&tty->ldisc_lock);
		r = wait_input(tty, f, 0);
		if (r)
			return r;
	}
	r = take_input(tty, ubuf, len, true, &eof);
	mutex_unlock(&tty->ldisc_lock);
	return r;
}

/*
 * Non-canonical read, POSIX's four cases: MIN > 0 waits for MIN bytes
 * (TIME > 0: at most TIME tenths of a second between bytes); MIN == 0
 * returns what there is, waiting up to TIME tenths for a first byte.
 */
static long raw_read(struct tty *tty, struct file *f, char *ubuf,
		     size_t len)
{
	unsigned int vmin, vtime;
	uint64_t deadline = 0;
	size_t done = 0;
	long r = 0;
	bool eof;

	mutex_lock(&tty->ldisc_lock);
	vmin = MIN(tty->termios.c_cc[VMIN], len);
	vtime = tty->termios.c_cc[VTIME];
	mutex_unlock(&tty->ldisc_lock);
	if (!vmin && vtime)
		deadline = ktime_get_ns() + vtime * 100000000ULL;
	for (;;) {
		mutex_lock(&tty->ldisc_lock);
		if (L(tty, ICANON)) {
			mutex_unlock(&tty->ldisc_lock);
			return done ? (long)done : -EAGAIN - 1000;
		}
		r = take_input(tty, ubuf + done, len - done, false, &eof);
		mutex_unlock(&tty->ldisc_lock);
		if (r < 0)
			return done ? (long)done : r;
		done += r;
		if (done >= len || (vmin ? done >= vmin : done > 0))
			return done;
		if (r && vtime)		/* inter-byte timer restarts */
			deadline = ktime_get_ns() + vtime * 100000000ULL;
		if (!vmin && !vtime)
			return done;
		r = wait_input(tty, f, deadline);
		if (r == -ETIMEDOUT)
			return done;
		if (r)
			return done ? (long)done : r;
	}
}

long ldisc_read(struct tty *tty, struct file *f, char *ubuf, size_t len)
{
	long r;

	if (!len)
		return 0;
	do {
		r = L(tty, ICANON) ? canon_read(tty, f, ubuf, len) :
				     raw_read(tty, f, ubuf, len);
	} while (r == -EAGAIN - 1000);
	return r;
}
