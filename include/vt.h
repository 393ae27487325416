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

/* Is the console in application cursor keys mode (DECCKM, ESC [ ? 1 h)?
 * Then arrows send ESC O A rather than ESC [ A. Any context. */
bool vt_app_cursor_keys(void);

#endif
