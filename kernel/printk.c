/*
 * The kernel log. printk() formats a message, stamps it with the time since
 * kernel entry, stores it in a ring buffer of whole lines (read back by
 * printk_read(), which becomes dmesg and /dev/kmsg), and writes it to every
 * registered console if its level passes the console level. Consoles
 * (drivers/serial.c, drivers/vt.c) register through console.h.
 */
#include <arch.h>
#include <errno.h>
#include <console.h>
#include <printk.h>
#include <spinlock.h>
#include <time.h>
#include <lib/printf.h>
#include <lib/string.h>

#define LOG_BUF_SIZE	(128 * 1024)
#define LINE_MAX	1024

/*
 * Lock legend: log_lock protects the ring (log_buf, log_head, log_tail),
 * the console list, and line_open/line_level. Held with interrupts off, so
 * printk works from interrupt handlers. The ring holds records
 * "<L>[ssss.uuuuuu] text\n"; log_head/log_tail only grow, the offset in the
 * buffer is the value modulo LOG_BUF_SIZE. "<L>" is the syslog priority:
 * the level, plus 8 for lines user space wrote to /dev/kmsg.
 */
static DEFINE_SPINLOCK(log_lock);
static char log_buf[LOG_BUF_SIZE];
static uint64_t log_head, log_tail;
static struct console *consoles;
static int console_level = LOGLEVEL_DEFAULT + 1;	/* print < this */
static bool line_open;		/* the last message did not end in '\n' */
static int line_level = LOGLEVEL_DEFAULT;

void printk_set_console_level(int level)
{
	console_level = level;
}

static void log_put(char c)
{
	log_buf[log_head % LOG_BUF_SIZE] = c;
	log_head++;
	if (log_head - log_tail <= LOG_BUF_SIZE)
		return;
	/* Full: drop the oldest record (up to and including its '\n'). */
	while (log_tail < log_head &&
	       log_buf[log_tail++ % LOG_BUF_SIZE] != '\n')
		;
}

static void consoles_write(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, len);
}

void console_write(const char *s, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	consoles_write(s, len);
	spin_unlock_irqrestore(&log_lock, flags);
}

/* Parse a "\001N" level prefix; returns the text after it. */
static const char *parse_level(const char *s, int *level, bool *cont)
{
	*cont = false;
	*level = LOGLEVEL_DEFAULT;
	while (s[0] == KERN_SOH[0] && s[1]) {
		if (s[1] >= '0' && s[1] <= '7')
			*level = s[1] - '0';
		else if (s[1] == 'c')
			*cont = true;
		s += 2;
	}
	return s;
}

/*
 * Store one formatted message and print it if @to_console and its level
 * passes; called with log_lock held.
 */
static void log_emit(const char *text, int level, bool cont, bool to_console,
		     int facility)
{
	char prefix[32];
	int plen = 0;

	if (line_open && !cont) {
		log_put('\n');
		if (line_level < console_level)
			consoles_write("\n", 1);
		line_open = false;
	}
	if (!line_open) {
		uint64_t ns = ktime_get_ns();

		plen = snprintf(prefix, sizeof(prefix), "[%5lu.%06lu] ",
				(unsigned long)(ns / NSEC_PER_SEC),
				(unsigned long)(ns % NSEC_PER_SEC / 1000));
		line_level = level;
		/* "<prio>": the level, plus facility * 8 (Linux's syslog). */
		char pri[8];
		int n = snprintf(pri, sizeof(pri), "<%d>",
				 facility * 8 + level);

		for (int i = 0; i < n; i++)
			log_put(pri[i]);
		for (int i = 0; i < plen; i++)
			log_put(prefix[i]);
	}
	size_t len = strlen(text);

	for (size_t i = 0; i < len; i++)
		log_put(text[i]);
	line_open = len ? text[len - 1] != '\n' : line_open || plen;
	if (to_console && line_level < console_level) {
		if (plen)
			consoles_write(prefix, plen);
		consoles_write(text, len);
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char text[LINE_MAX];
	int level;
	bool cont;
	const char *body = parse_level(fmt, &level, &cont);
	int n = vsnprintf(text, sizeof(text), body, ap);
	unsigned long flags = spin_lock_irqsave(&log_lock);

	log_emit(text, level, cont, true, 0);
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

void printk_log_only(int level, const char *text)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	log_emit(text, level, false, false, 0);
	spin_unlock_irqrestore(&log_lock, flags);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void console_register(struct console *con)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	struct console **pp = &consoles;

	while (*pp)
		pp = &(*pp)->next;
	con->next = NULL;
	*pp = con;

	/* Replay the log so far, without the "<L>" record prefixes. */
	uint64_t p = log_tail;

	while (p < log_head) {
		char line[LINE_MAX + 32];
		size_t n = 0;
		int prio = 0;

		/* "<prio>": the level is its low three bits. */
		for (p++; p < log_head; p++) {
			char c = log_buf[p % LOG_BUF_SIZE];

			if (c < '0' || c > '9')
				break;
			prio = prio * 10 + (c - '0');
		}
		p++;		/* the '>' */
		int level = prio & 7;

		while (p < log_head && n < sizeof(line)) {
			char c = log_buf[p++ % LOG_BUF_SIZE];

			line[n++] = c;
			if (c == '\n')
				break;
		}
		if (level < console_level)
			con->write(con, line, n);
	}
	spin_unlock_irqrestore(&log_lock, flags);
}

static void consoles_flush(void)
{
	for (struct console *c = consoles; c; c = c->next)
		if (c->flush)
			c->flush(c);
}

void console_flush(void)
{
	unsigned long flags = arch_irq_save();

	if (spin_trylock(&log_lock)) {
		consoles_flush();
		spin_unlock(&log_lock);
	}
	arch_irq_restore(flags);
}

void console_unregister(struct console *con)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	for (struct console **pp = &consoles; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			break;
		}
	}
	spin_unlock_irqrestore(&log_lock, flags);
}

/* Parse "[ssss.uuuuuu] " at @s into microseconds; the text after it. */
static size_t parse_stamp(const char *s, size_t len, uint64_t *usec)
{
	size_t i = 1;
	uint64_t sec = 0, us = 0;

	*usec = 0;
	if (!len || s[0] != '[')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		sec = sec * 10 + (s[i++] - '0');
	if (i < len && s[i] == '.')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		us = us * 10 + (s[i++] - '0');
	if (i < len && s[i] == ']')
		i++;
	if (i < len && s[i] == ' ')
		i++;
	*usec = sec * 1000000 + us;
	return i;
}

long printk_read_record(uint64_t *pos, struct log_record *rec)
{
	char line[LINE_MAX + 32];
	unsigned long flags = spin_lock_irqsave(&log_lock);
	uint64_t p = *pos < log_tail ? log_tail : *pos;
	size_t n = 0, off;

	if (p >= log_head) {
		spin_unlock_irqrestore(&log_lock, flags);
		return -EAGAIN;
	}
	rec->seq = p;
	while (p < log_head && n < sizeof(line) - 1) {
		char c = log_buf[p++ % LOG_BUF_SIZE];

		if (c == '\n')
			break;
		line[n++] = c;
	}
	spin_unlock_irqrestore(&log_lock, flags);
	*pos = p;
	line[n] = '\0';
	rec->level = LOGLEVEL_DEFAULT;
	off = 0;
	if (n && line[0] == '<') {
		int prio = 0;

		for (off = 1; off < n && line[off] >= '0' && line[off] <= '9';)
			prio = prio * 10 + (line[off++] - '0');
		if (off < n && line[off] == '>') {
			rec->level = prio;
			off++;
		} else {
			off = 0;
		}
	}
	off += parse_stamp(line + off, n - off, &rec->usec);
	rec->len = MIN(n - off, sizeof(rec->text) - 1);
	memcpy(rec->text, line + off, rec->len);
	rec->text[rec->len] = '\0';
	return rec->len;
}

void printk_user(int level, const char *text)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);

	log_emit(text, level, false, true, 1);	/* facility 1: user */
	spin_unlock_irqrestore(&log_lock, flags);
}

uint64_t printk_log_end(void)
{
	return READ_ONCE(log_head);
}

size_t printk_read(char *buf, size_t size, size_t *pos)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	uint64_t p = *pos < log_tail ? log_tail : *pos;
	size_t n = 0;

	while (p < log_head && n < size)
		buf[n++] = log_buf[p++ % LOG_BUF_SIZE];
	*pos = p;
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

bool printk_busy(void)
{
	return spin_is_locked(&log_lock);
}

void printk_panic_unlock(void)
{
	spin_unlock(&log_lock);
}
