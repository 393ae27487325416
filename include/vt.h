/*
 * The screen console (drivers/vt.c): a VT100/ANSI terminal emulator
 * (lib/vtemu.c) drawn on VGA text mode (drivers/vga_text.c) or on the
 * framebuffer (drivers/fbcon.c), with scrollback. It is the tty "tty1"
 * (/dev/tty1, also /dev/tty0 for "the current console") whose input is
 * the keyboard; printk's messages are drawn through the same emulator.
 */
#ifndef VT_H
#define VT_H

#include "types.h"

/* Keyboard input for the console's tty (drivers/ps2kbd.c): bytes as a
 * terminal sends them ("\x1b[A" for Up). Any context. */
void vt_input(const char *buf, size_t len);

/* Shift+PageUp/PageDown: move the view @lines into the scrollback
 * (positive: back in time) or towards the live screen; 0 returns to it.
 * Any context (the drawing happens at the next console flush). */
void vt_scroll_view(int lines);

/* DECCKM (ESC[?1h) is on: the arrow keys send ESC O A, not ESC [ A.
 * Any context. */
bool vt_app_cursor_keys(void);

/* Register tty1 with the TTY layer: kernel start-up, before tty_init().
 * Nothing happens when no screen was found. */
void vt_tty_init(void);

/* Output to the screen as tty1's writes do it: interpreted, drawn soon
 * after (the in-kernel tests write through here). Thread context. */
void vt_write(const char *buf, size_t len);

/*
 * For the screen drivers (drivers/vga_text.c, drivers/fbcon.c). Colours
 * are 0-15 in ANSI order (black, red, green, yellow, blue, magenta, cyan,
 * white, then the bright ones); the console resolves bold, reverse video
 * and a software cursor before calling put().
 */
struct vt_screen_ops {
	/* Show @ch in @fg on @bg at (@row, @col), underlined or not. */
	void (*put)(unsigned int row, unsigned int col, uint8_t ch,
		    uint8_t fg, uint8_t bg, bool underline);
	/*
	 * Optional: move the picture up @n rows (0 < @n < rows); the rows
	 * that come in at the bottom may show anything. False when it could
	 * not, and the whole picture is then to be redrawn.
	 */
	bool (*scroll)(unsigned int n);
	/* Optional: place a hardware cursor, or hide it. Without one the
	 * console shows the cursor as a cell in reverse video. */
	void (*cursor)(unsigned int row, unsigned int col, bool visible);
	/* Drawing is slow: draw printk's output at the next console flush
	 * (the timer tick), and only a part of a large tty write at once. */
	bool defer;
};

/*
 * A screen driver found its hardware, already cleared to blanks (grey on
 * black): make the console @cols x @rows on it and register it with
 * printk, which replays its log onto it. The first call wins.
 */
void vt_attach(const struct vt_screen_ops *ops, unsigned int cols,
	       unsigned int rows);

#endif
