/*
 * The terminal emulator's grid (include/lib/vtemu.h): the main and the
 * alternate screen, the cursor, the scroll region, the scrollback ring and
 * the damage the drawing side reads. Every operation here keeps the cursor
 * inside the screen and clamps its counts, so the parser (lib/vtemu_parse.c)
 * may pass it whatever numbers a program sent.
 */
#include <errno.h>
#include "compiler.h"
#include "lib/string.h"
#include "vtemu_internal.h"

#define VTEMU_MAX_DIM	4096	/* a sanity bound on columns and rows */

size_t vtemu_storage_size(unsigned int cols, unsigned int rows,
			  unsigned int sb_lines)
{
	size_t cells = ((size_t)2 * rows + sb_lines) * cols;

	return cells * sizeof(struct vtemu_cell) + rows;
}

static struct vtemu_cell *row_ptr(struct vtemu *vt, unsigned int row)
{
	return vt->screen + (size_t)row * vt->cols;
}

/* A blank as erasing leaves it: the current colours (as the Linux console
 * does, which TERM=linux programs expect), no other attribute. */
static struct vtemu_cell blank(const struct vtemu *vt)
{
	struct vtemu_cell c = {
		.ch = ' ', .fg = vt->cur.pen.fg, .bg = vt->cur.pen.bg,
		.flags = vt->cur.pen.flags & VTEMU_REVERSE,
	};

	return c;
}

static void fill(struct vtemu_cell *p, size_t n, struct vtemu_cell c)
{
	for (size_t i = 0; i < n; i++)
		p[i] = c;
}

static void mark(struct vtemu *vt, unsigned int first, unsigned int last)
{
	for (unsigned int r = first; r <= last && r < vt->rows; r++)
		vt->dirty[r] = 1;
}

void vtemu_damage_all(struct vtemu *vt)
{
	mark(vt, 0, vt->rows - 1);
	vt->scroll_hint = -1;
}

void vtemu_clear_damage(struct vtemu *vt)
{
	memset(vt->dirty, 0, vt->rows);
	vt->scroll_hint = 0;
}

/*
 * The picture can no longer follow by moving. Rows whose flags moved with
 * a pending scroll were not marked where they are now: mark them all.
 */
static void lose_hint(struct vtemu *vt)
{
	if (vt->scroll_hint > 0)
		mark(vt, 0, vt->rows - 1);
	vt->scroll_hint = -1;
}

static void sb_push(struct vtemu *vt, const struct vtemu_cell *line)
{
	if (!vt->sb_lines)
		return;
	memcpy(vt->sb + (size_t)vt->sb_next * vt->cols, line,
	       vt->cols * sizeof(*line));
	vt->sb_next = (vt->sb_next + 1) % vt->sb_lines;
	if (vt->sb_count < vt->sb_lines)
		vt->sb_count++;
}

/* Move rows [first, last] up @n, blanks in at the bottom. */
static void region_up(struct vtemu *vt, unsigned int first,
		      unsigned int last, unsigned int n, bool keep)
{
	unsigned int height = last - first + 1;

	n = n < height ? n : height;
	if (keep && first == 0 && !vt->alt_active)
		for (unsigned int i = 0; i < n; i++)
			sb_push(vt, row_ptr(vt, i));
	memmove(row_ptr(vt, first), row_ptr(vt, first + n),
		(size_t)(height - n) * vt->cols * sizeof(struct vtemu_cell));
	fill(row_ptr(vt, last - n + 1), (size_t)n * vt->cols, blank(vt));
	if (first == 0 && last == vt->rows - 1 && vt->scroll_hint >= 0) {
		/* The picture will move too: the dirty flags move along. */
		memmove(vt->dirty, vt->dirty + n, vt->rows - n);
		memset(vt->dirty + vt->rows - n, 1, n);
		vt->scroll_hint = MIN(vt->scroll_hint + n, vt->rows);
	} else {
		mark(vt, first, last);
		lose_hint(vt);
	}
}

/* Move rows [first, last] down @n, blanks in at the top. */
static void region_down(struct vtemu *vt, unsigned int first,
			unsigned int last, unsigned int n)
{
	unsigned int height = last - first + 1;

	n = n < height ? n : height;
	memmove(row_ptr(vt, first + n), row_ptr(vt, first),
		(size_t)(height - n) * vt->cols * sizeof(struct vtemu_cell));
	fill(row_ptr(vt, first), (size_t)n * vt->cols, blank(vt));
	mark(vt, first, last);
	lose_hint(vt);
}

void vtemu_scroll_up(struct vtemu *vt, unsigned int n)
{
	region_up(vt, vt->top, vt->bottom, n, true);
}

void vtemu_scroll_down(struct vtemu *vt, unsigned int n)
{
	region_down(vt, vt->top, vt->bottom, n);
}

void vtemu_linefeed(struct vtemu *vt)
{
	vt->cur.wrap_pending = false;
	if (vt->cur.row == vt->bottom)
		vtemu_scroll_up(vt, 1);
	else if (vt->cur.row + 1 < vt->rows)
		vt->cur.row++;
}

void vtemu_reverse_index(struct vtemu *vt)
{
	vt->cur.wrap_pending = false;
	if (vt->cur.row == vt->top)
		vtemu_scroll_down(vt, 1);
	else if (vt->cur.row > 0)
		vt->cur.row--;
}

/*
 * A printable character. As on a VT100, filling the last column does not
 * wrap at once: the cursor stays there with a wrap pending, and only the
 * next character goes to the next line, so a full line followed by CR LF
 * takes one line, not two.
 */
void vtemu_put_char(struct vtemu *vt, uint8_t ch)
{
	struct vtemu_cursor *c = &vt->cur;
	struct vtemu_cell cell = c->pen;

	if (c->wrap_pending) {
		c->wrap_pending = false;
		c->col = 0;
		vtemu_linefeed(vt);
	}
	if (vt->insert)
		vtemu_insert_chars(vt, 1);
	cell.ch = ch;
	row_ptr(vt, c->row)[c->col] = cell;
	mark(vt, c->row, c->row);
	if (c->col + 1 < vt->cols)
		c->col++;
	else if (vt->autowrap)
		c->wrap_pending = true;
}

void vtemu_move_to(struct vtemu *vt, unsigned int row, unsigned int col)
{
	vt->cur.row = MIN(row, vt->rows - 1);
	vt->cur.col = MIN(col, vt->cols - 1);
	vt->cur.wrap_pending = false;
}

void vtemu_goto(struct vtemu *vt, unsigned int row, unsigned int col)
{
	if (vt->cur.origin)
		row = vt->top + MIN(row, vt->bottom - vt->top);
	vtemu_move_to(vt, row, col);
}

void vtemu_move_up(struct vtemu *vt, unsigned int n)
{
	unsigned int row = vt->cur.row;
	unsigned int limit = row >= vt->top ? vt->top : 0;

	vtemu_move_to(vt, row - limit > n ? row - n : limit, vt->cur.col);
}

void vtemu_move_down(struct vtemu *vt, unsigned int n)
{
	unsigned int row = vt->cur.row;
	unsigned int limit = row <= vt->bottom ? vt->bottom : vt->rows - 1;

	vtemu_move_to(vt, limit - row > n ? row + n : limit, vt->cur.col);
}

void vtemu_tab(struct vtemu *vt, unsigned int n, bool forward)
{
	unsigned int col = vt->cur.col;

	n = MIN(n, vt->cols);
	for (unsigned int i = 0; i < n; i++) {
		if (forward)
			col = (col / VTEMU_TAB_WIDTH + 1) * VTEMU_TAB_WIDTH;
		else
			col = col ? (col - 1) / VTEMU_TAB_WIDTH *
				    VTEMU_TAB_WIDTH : 0;
	}
	vtemu_move_to(vt, vt->cur.row, col);
}

void vtemu_erase_line(struct vtemu *vt, unsigned int mode)
{
	struct vtemu_cell *row = row_ptr(vt, vt->cur.row);
	unsigned int col = vt->cur.col;

	if (mode == 0)
		fill(row + col, vt->cols - col, blank(vt));
	else if (mode == 1)
		fill(row, col + 1, blank(vt));
	else if (mode == 2)
		fill(row, vt->cols, blank(vt));
	mark(vt, vt->cur.row, vt->cur.row);
}

void vtemu_erase_display(struct vtemu *vt, unsigned int mode)
{
	unsigned int row = vt->cur.row;
	size_t cols = vt->cols;

	if (mode == 0) {
		vtemu_erase_line(vt, 0);
		if (row + 1 < vt->rows)
			fill(row_ptr(vt, row + 1), (vt->rows - row - 1) * cols,
			     blank(vt));
		mark(vt, row, vt->rows - 1);
	} else if (mode == 1) {
		vtemu_erase_line(vt, 1);
		fill(row_ptr(vt, 0), row * cols, blank(vt));
		mark(vt, 0, row);
	} else if (mode == 2) {
		fill(row_ptr(vt, 0), vt->rows * cols, blank(vt));
		mark(vt, 0, vt->rows - 1);
	}
}

void vtemu_clear_scrollback(struct vtemu *vt)
{
	vt->sb_count = 0;
	vt->sb_next = 0;
	if (vt->view) {
		vt->view = 0;
		vtemu_damage_all(vt);
	}
}

void vtemu_insert_chars(struct vtemu *vt, unsigned int n)
{
	struct vtemu_cell *row = row_ptr(vt, vt->cur.row);
	unsigned int col = vt->cur.col;

	n = MIN(n, vt->cols - col);
	memmove(row + col + n, row + col,
		(vt->cols - col - n) * sizeof(*row));
	fill(row + col, n, blank(vt));
	mark(vt, vt->cur.row, vt->cur.row);
	vt->cur.wrap_pending = false;
}

void vtemu_delete_chars(struct vtemu *vt, unsigned int n)
{
	struct vtemu_cell *row = row_ptr(vt, vt->cur.row);
	unsigned int col = vt->cur.col;

	n = MIN(n, vt->cols - col);
	memmove(row + col, row + col + n,
		(vt->cols - col - n) * sizeof(*row));
	fill(row + vt->cols - n, n, blank(vt));
	mark(vt, vt->cur.row, vt->cur.row);
	vt->cur.wrap_pending = false;
}

void vtemu_erase_chars(struct vtemu *vt, unsigned int n)
{
	unsigned int col = vt->cur.col;

	fill(row_ptr(vt, vt->cur.row) + col, MIN(n, vt->cols - col),
	     blank(vt));
	mark(vt, vt->cur.row, vt->cur.row);
	vt->cur.wrap_pending = false;
}

/* IL and DL work inside the scroll region only, from the cursor's row. */
void vtemu_insert_lines(struct vtemu *vt, unsigned int n)
{
	if (vt->cur.row < vt->top || vt->cur.row > vt->bottom)
		return;
	region_down(vt, vt->cur.row, vt->bottom, n);
	vtemu_move_to(vt, vt->cur.row, 0);
}

void vtemu_delete_lines(struct vtemu *vt, unsigned int n)
{
	if (vt->cur.row < vt->top || vt->cur.row > vt->bottom)
		return;
	region_up(vt, vt->cur.row, vt->bottom, n, false);
	vtemu_move_to(vt, vt->cur.row, 0);
}

/* DECALN (ESC # 8): the screen full of 'E', margins reset, cursor home. */
void vtemu_fill_e(struct vtemu *vt)
{
	struct vtemu_cell e = {
		.ch = 'E', .fg = VTEMU_DEFAULT_FG, .bg = VTEMU_DEFAULT_BG,
	};

	fill(vt->screen, (size_t)vt->rows * vt->cols, e);
	vtemu_damage_all(vt);
	vt->top = 0;
	vt->bottom = vt->rows - 1;
	vtemu_move_to(vt, 0, 0);
}

void vtemu_set_region(struct vtemu *vt, unsigned int top,
		      unsigned int bottom)
{
	if (top >= bottom || bottom >= vt->rows)
		return;
	vt->top = top;
	vt->bottom = bottom;
	vtemu_goto(vt, 0, 0);
}

void vtemu_save_cursor(struct vtemu *vt)
{
	vt->saved = vt->cur;
}

void vtemu_restore_cursor(struct vtemu *vt)
{
	vt->cur = vt->saved;
	vt->cur.row = MIN(vt->cur.row, vt->rows - 1);
	vt->cur.col = MIN(vt->cur.col, vt->cols - 1);
}

void vtemu_set_alt(struct vtemu *vt, bool on, bool clear)
{
	struct vtemu_cell b = {
		.ch = ' ', .fg = VTEMU_DEFAULT_FG, .bg = VTEMU_DEFAULT_BG,
	};

	if (on && clear)
		fill(vt->alt, (size_t)vt->rows * vt->cols, b);
	if (on == vt->alt_active && !clear)
		return;
	vt->alt_active = on;
	vt->screen = on ? vt->alt : vt->main;
	vtemu_damage_all(vt);
}

void vtemu_reply(struct vtemu *vt, const char *s)
{
	size_t n = strlen(s);

	if (n > sizeof(vt->reply) - vt->reply_len)
		return;
	memcpy(vt->reply + vt->reply_len, s, n);
	vt->reply_len += n;
}

size_t vtemu_take_reply(struct vtemu *vt, char *buf, size_t size)
{
	size_t n = MIN(size, vt->reply_len);

	memcpy(buf, vt->reply, n);
	memmove(vt->reply, vt->reply + n, vt->reply_len - n);
	vt->reply_len -= n;
	return n;
}

const struct vtemu_cell *vtemu_cell(const struct vtemu *vt, unsigned int row,
				    unsigned int col)
{
	return vt->screen + (size_t)row * vt->cols + col;
}

const struct vtemu_cell *vtemu_view_row(const struct vtemu *vt,
					unsigned int row)
{
	unsigned int oldest, slot;

	if (row >= vt->view)
		return vtemu_cell(vt, row - vt->view, 0);
	oldest = (vt->sb_next + vt->sb_lines - vt->sb_count) % vt->sb_lines;
	slot = (oldest + vt->sb_count - vt->view + row) % vt->sb_lines;
	return vt->sb + (size_t)slot * vt->cols;
}

const struct vtemu_cell *vtemu_view_cell(const struct vtemu *vt,
					 unsigned int row, unsigned int col)
{
	return vtemu_view_row(vt, row) + col;
}

bool vtemu_scroll_view(struct vtemu *vt, int lines)
{
	long view = lines ? (long)vt->view + lines : 0;

	if (view < 0)
		view = 0;
	if (view > (long)vt->sb_count)
		view = vt->sb_count;
	if ((unsigned int)view == vt->view)
		return false;
	vt->view = view;
	vtemu_damage_all(vt);
	return true;
}

void vtemu_reset(struct vtemu *vt)
{
	struct vtemu_cursor home = {
		.pen = { .fg = VTEMU_DEFAULT_FG, .bg = VTEMU_DEFAULT_BG },
	};

	vt->cur = home;
	vt->saved = home;
	vt->saved_alt = home;
	vt->top = 0;
	vt->bottom = vt->rows - 1;
	vt->autowrap = true;
	vt->cursor_visible = true;
	vt->insert = false;
	vt->newline_mode = false;
	vt->app_cursor_keys = false;
	vt->app_keypad = false;
	vt->alt_active = false;
	vt->screen = vt->main;
	vt->view = 0;
	fill(vt->main, (size_t)vt->rows * vt->cols, blank(vt));
	fill(vt->alt, (size_t)vt->rows * vt->cols, blank(vt));
	vtemu_parser_reset(&vt->parser);
	vtemu_damage_all(vt);
}

int vtemu_init(struct vtemu *vt, unsigned int cols, unsigned int rows,
	       unsigned int sb_lines, void *storage, size_t size)
{
	struct vtemu_cell *cells = storage;

	if (!cols || !rows || cols > VTEMU_MAX_DIM || rows > VTEMU_MAX_DIM ||
	    size < vtemu_storage_size(cols, rows, sb_lines))
		return -EINVAL;
	memset(vt, 0, sizeof(*vt));
	vt->cols = cols;
	vt->rows = rows;
	vt->main = cells;
	vt->alt = cells + (size_t)rows * cols;
	vt->sb = cells + (size_t)2 * rows * cols;
	vt->sb_lines = sb_lines;
	vt->dirty = (uint8_t *)(vt->sb + (size_t)sb_lines * cols);
	vtemu_reset(vt);
	return 0;
}
