/*
 * Kernel log (kernel/printk.c): printk with Linux's levels, a timestamp on
 * each line ("[    0.123456] "), a ring buffer that keeps the log for
 * later reading (dmesg), and the registered consoles.
 */
#ifndef PRINTK_H
#define PRINTK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

/* A level is a prefix "\001" "N" on the format, as in Linux. */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"

#define LOGLEVEL_DEFAULT	6	/* used when a format has no level */
#define LOGLEVEL_QUIET		4	/* console level under "quiet" */

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap) __printf(1, 0);

#define pr_emerg(...)	printk(KERN_EMERG __VA_ARGS__)
#define pr_crit(...)	printk(KERN_CRIT __VA_ARGS__)
#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...)	printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)
#define pr_cont(...)	printk(KERN_CONT __VA_ARGS__)

/* Messages above this level are kept in the buffer but not printed. */
void printk_set_console_level(int level);

/*
 * Write to the consoles without a timestamp or the log buffer: for the
 * banner line and for panic output that must not depend on the log.
 */
void console_write(const char *s, size_t len);

/* Put @text into the log buffer at @level without printing it. */
void printk_log_only(int level, const char *text);

/*
 * Copy out the log buffer from record @pos; returns bytes copied, advances
 * *@pos. Records are whole lines "<level>[timestamp] text\n".
 */
size_t printk_read(char *buf, size_t size, size_t *pos);

/*
 * True while some context holds the log lock: an NMI handler, which may
 * have interrupted printk itself, checks this before printing.
 */
bool printk_busy(void);

/*
 * One record of the log, for /dev/kmsg: its syslog priority (level +
 * facility * 8), its position as a
 * sequence number (increasing, not consecutive), its time in us.
 */
struct log_record {
	int level;
	uint64_t seq;
	uint64_t usec;
	size_t len;
	char text[1024];
};
/* A line user space wrote to /dev/kmsg: the user facility. */
void printk_user(int level, const char *text);
/* The record at or after *@pos; its length, or -EAGAIN past the end. */
long printk_read_record(uint64_t *pos, struct log_record *rec);
/* Where the next record will go (kmsg's SEEK_END). */
uint64_t printk_log_end(void);

/* Called by panic: drop the log lock so a panicking CPU can print. */
void printk_panic_unlock(void);

#endif
