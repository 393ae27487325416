/*
 * Output consoles: the places printk writes to (serial, VGA text,
 * framebuffer). Drivers register one struct console each.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stddef.h>

struct console {
	const char *name;
	/* Write @len bytes; '\n' means newline (the driver adds '\r'). */
	void (*write)(struct console *con, const char *s, size_t len);
	/*
	 * Optional: finish output that write() deferred (a framebuffer
	 * draws a burst of lines once). Called by console_flush().
	 */
	void (*flush)(struct console *con);
	struct console *next;	/* console list, owned by kernel/printk.c */
};

/* Add @con; it first receives everything already in the log buffer. */
void console_register(struct console *con);
void console_unregister(struct console *con);
/*
 * Run every console's flush. From the timer tick, and from panic; skipped
 * when the log lock is held (the holder's output is flushed next time).
 */
void console_flush(void);

#endif
