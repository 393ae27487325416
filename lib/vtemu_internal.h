/*
 * Between the two halves of the terminal emulator: lib/vtemu.c edits the
 * grid (characters, scrolling, erasing, the scrollback, the alternate
 * screen) and lib/vtemu_parse.c turns bytes and escape sequences into
 * calls of these. Not for use outside lib/vtemu*.c.
 */
#ifndef LIB_VTEMU_INTERNAL_H
#define LIB_VTEMU_INTERNAL_H

#include "lib/vtemu.h"

void vtemu_put_char(struct vtemu *vt, uint8_t ch);
void vtemu_linefeed(struct vtemu *vt);
void vtemu_reverse_index(struct vtemu *vt);
void vtemu_scroll_up(struct vtemu *vt, unsigned int n);
void vtemu_scroll_down(struct vtemu *vt, unsigned int n);

/* Cursor moves; every one clears a pending wrap. */
void vtemu_move_to(struct vtemu *vt, unsigned int row, unsigned int col);
/* CUP: @row counts from the scroll region's top in origin mode. */
void vtemu_goto(struct vtemu *vt, unsigned int row, unsigned int col);
/* CUU/CUD: stop at the region's margin when starting inside it. */
void vtemu_move_up(struct vtemu *vt, unsigned int n);
void vtemu_move_down(struct vtemu *vt, unsigned int n);
void vtemu_tab(struct vtemu *vt, unsigned int n, bool forward);

/* ED and EL @mode 0 (to the end), 1 (from the start), 2 (all). */
void vtemu_erase_display(struct vtemu *vt, unsigned int mode);
void vtemu_erase_line(struct vtemu *vt, unsigned int mode);
void vtemu_clear_scrollback(struct vtemu *vt);
void vtemu_insert_chars(struct vtemu *vt, unsigned int n);
void vtemu_delete_chars(struct vtemu *vt, unsigned int n);
void vtemu_erase_chars(struct vtemu *vt, unsigned int n);
void vtemu_insert_lines(struct vtemu *vt, unsigned int n);
void vtemu_delete_lines(struct vtemu *vt, unsigned int n);
void vtemu_fill_e(struct vtemu *vt);

void vtemu_set_region(struct vtemu *vt, unsigned int top,
		      unsigned int bottom);
void vtemu_save_cursor(struct vtemu *vt);
void vtemu_restore_cursor(struct vtemu *vt);
/* Switch to (@on) or from the alternate screen; @clear it on entry. */
void vtemu_set_alt(struct vtemu *vt, bool on, bool clear);
void vtemu_reply(struct vtemu *vt, const char *s);

/* Reset the parser to its ground state (ESC c, vtemu_init). */
void vtemu_parser_reset(struct vtemu_parser *p);

#endif
