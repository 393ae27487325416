/*
 * The screen console (include/vt.h): one terminal emulator (lib/vtemu.c)
 * the size of the screen, drawn by a screen driver (drivers/vga_text.c or
 * drivers/fbcon.c, whichever found its hardware). It is printk's console
 * from the moment the driver attaches, and the tty "tty1" once the TTY
 * layer is up; keyboard input (drivers/ps2kbd.c) comes in through
 * vt_input(). docs/console.md describes the layers.
 *
 * Drawing compares what each cell should show with what the screen shows
 * (shown[]) and sends the driver only the cells that differ, in the rows
 * the emulator marked dirty. A driver that can move its picture (VGA's
 * start address) does so first when the whole screen scrolled.
 */
#include <arch.h>
#include <compiler.h>
#include <console.h>
#include <printk.h>
#include <spinlock.h>
#include <tty.h>
#include <vfs.h>
#include <vt.h>
#include <lib/string.h>
#include <lib/vtemu.h>

/* Room for 1920x1280 in 8x16 glyphs; a bigger screen uses a part. */
#define VT_MAX_COLS		240
#define VT_MAX_ROWS		80
/* History: 1600 lines of 80 columns, 1000 of 128. */
#define VT_SCROLLBACK_CELLS	128000
#define VT_STORAGE_SIZE		((2 * VT_MAX_COLS * VT_MAX_ROWS + \
				  VT_SCROLLBACK_CELLS) * \
				 sizeof(struct vtemu_cell) + VT_MAX_ROWS)
/* Cells a tty write draws at once on a slow screen; the tick does more. */
#define VT_WRITE_BUDGET		400
/* Bytes interpreted per hold of the lock (interrupts are off). */
#define VT_CHUNK		256
/* printk's wait for the lock before it draws without it (see below). */
#define VT_LOCK_SPINS		(1UL << 20)
#define VT_TTY_MAJOR		4
#define VT_TTY_MINOR		1

/*
 * Lock legend: vt_lock, taken with interrupts off, guards vt.emu, shown[]
 * and the cursor fields. Its holders: printk's console write and flush
 * (under log_lock: the order is log_lock, then vt_lock), tty writes, and
 * input and view changes from interrupt handlers. Nothing done under it
 * takes another lock or prints: replies for the tty are handed over after
 * it is dropped. vt.ops and vt.tty are set once and then only read.
 */
static DEFINE_SPINLOCK(vt_lock);
static struct {
	const struct vt_screen_ops *ops;
	struct tty *tty;
	struct vtemu emu;
	bool cur_on;			/* software cursor drawn ... */
	unsigned int cur_row, cur_col;	/* ... here */
	unsigned int shown_top;		/* shown[] row of screen row 0 */
	uint32_t shown[VT_MAX_ROWS * VT_MAX_COLS];
} vt;
static uint8_t vt_storage[VT_STORAGE_SIZE] __aligned(8);

/* A cell as the driver draws it: character, colours, underline. */
static uint32_t vt_glyph(const struct vtemu_cell *c, bool cursor)
{
	uint8_t fg = c->fg, bg = c->bg, t;

	if ((c->flags & VTEMU_BOLD) && fg < 8)
		fg += 8;
	if (!!(c->flags & VTEMU_REVERSE) != cursor) {
		t = fg;
		fg = bg;
		bg = t;
	}
	return c->ch | (uint32_t)fg << 8 | (uint32_t)bg << 12 |
	       (c->flags & VTEMU_UNDERLINE ? 1u << 16 : 0);
}

/* What screen row @row shows: shown[] is a ring that turns on scrolls. */
static uint32_t *vt_shown_row(unsigned int row)
{
	unsigned int rows = vt.emu.rows;

	return &vt.shown[(row + vt.shown_top) % rows * vt.emu.cols];
}

/* Rows whose picture is unknown: all ones, which no cell resolves to. */
static void vt_forget_rows(unsigned int first, unsigned int n)
{
	for (unsigned int r = first; r < first + n; r++)
		memset(vt_shown_row(r), 0xff,
		       vt.emu.cols * sizeof(vt.shown[0]));
}

/*
 * The whole screen scrolled since the last sync: move the picture too, or
 * else compare every row (the dirty flags assume the picture moved).
 */
static void vt_follow_scroll(void)
{
	unsigned int rows = vt.emu.rows;
	int n = vt.emu.scroll_hint;

	vt.emu.scroll_hint = 0;
	if (n <= 0)
		return;
	if (vt.ops->scroll && (unsigned int)n < rows) {
		if (vt.ops->scroll(n)) {
			vt.shown_top = (vt.shown_top + n) % rows;
			vt_forget_rows(rows - n, n);
			return;
		}
		vt_forget_rows(0, rows);
	}
	memset(vt.emu.dirty, 1, rows);
}

/* The software cursor moved or changed: its old and new rows need a look. */
static void vt_track_cursor(bool on)
{
	const struct vtemu_cursor *c = &vt.emu.cur;

	if (on == vt.cur_on && c->row == vt.cur_row && c->col == vt.cur_col)
		return;
	vt.emu.dirty[vt.cur_row] = 1;
	vt.emu.dirty[c->row] = 1;
	vt.cur_on = on;
	vt.cur_row = c->row;
	vt.cur_col = c->col;
}

static unsigned int vt_draw_row(unsigned int r, bool soft_cursor)
{
	const struct vtemu_cell *cells = vtemu_view_row(&vt.emu, r);
	unsigned int n = 0, cols = vt.emu.cols;
	uint32_t *shown = vt_shown_row(r);

	for (unsigned int c = 0; c < cols; c++) {
		bool cursor = soft_cursor && r == vt.cur_row &&
			      c == vt.cur_col;
		uint32_t g = vt_glyph(&cells[c], cursor);

		if (g == shown[c])
			continue;
		shown[c] = g;
		vt.ops->put(r, c, g & 0xff, g >> 8 & 0xf, g >> 12 & 0xf,
			    g >> 16);
		n++;
	}
	return n;
}

/*
 * Bring the screen up to date, drawing about @budget cells at most (whole
 * rows; the rest stays dirty for the next call). Called with vt_lock held.
 */
static void vt_sync(unsigned int budget)
{
	struct vtemu *e = &vt.emu;
	bool want = e->cursor_visible && e->view == 0;
	bool soft = !vt.ops->cursor;
	unsigned int drawn = 0;

	vt_follow_scroll();
	if (soft)
		vt_track_cursor(want);
	for (unsigned int r = 0; r < e->rows && drawn < budget; r++) {
		if (!e->dirty[r])
			continue;
		drawn += vt_draw_row(r, soft && vt.cur_on);
		e->dirty[r] = 0;
	}
	if (!soft)
		vt.ops->cursor(e->cur.row, e->cur.col, want);
}

/*
 * printk's way in: interrupts are off and log_lock is held. The lock is
 * normally free, or another CPU lets go of it soon. If this CPU holds it
 * (an NMI or a fault in the middle of a draw, then a panic), waiting
 * would never end, so after a while the console draws without it: a
 * garbled screen beats a panic nobody sees.
 */
static bool vt_lock_console(void)
{
	for (unsigned long i = 0; i < VT_LOCK_SPINS; i++) {
		if (spin_trylock(&vt_lock))
			return true;
		arch_cpu_relax();
	}
	return false;
}

static void vt_console_write(struct console *con, const char *s, size_t len)
{
	bool locked = vt_lock_console();

	vtemu_write_log(&vt.emu, s, len);
	if (!vt.ops->defer)
		vt_sync(UINT32_MAX);
	if (locked)
		spin_unlock(&vt_lock);
}

static void vt_console_flush(struct console *con)
{
	bool locked = vt_lock_console();

	vt_sync(UINT32_MAX);
	if (locked)
		spin_unlock(&vt_lock);
}

static struct console vt_console = {
	.name = "vt",
	.write = vt_console_write,
	.flush = vt_console_flush,
};

void vt_attach(const struct vt_screen_ops *ops, unsigned int cols,
	       unsigned int rows)
{
	struct vtemu_cell blank = {
		.ch = ' ', .fg = VTEMU_DEFAULT_FG, .bg = VTEMU_DEFAULT_BG,
	};
	uint32_t g = vt_glyph(&blank, false);

	cols = MIN(cols, VT_MAX_COLS);
	rows = MIN(rows, VT_MAX_ROWS);
	if (vt.ops || vtemu_init(&vt.emu, cols, rows,
				 VT_SCROLLBACK_CELLS / cols, vt_storage,
				 sizeof(vt_storage)))
		return;
	/* The driver cleared the screen: nothing to draw for blanks. */
	for (unsigned int i = 0; i < rows * cols; i++)
		vt.shown[i] = g;
	vt.ops = ops;
	console_register(&vt_console);
}

void vt_write(const char *buf, size_t len)
{
	char reply[VTEMU_REPLY_MAX];

	if (!vt.ops)
		return;
	while (len) {
		size_t chunk = MIN(len, VT_CHUNK), n;
		unsigned long flags = spin_lock_irqsave(&vt_lock);

		vtemu_write(&vt.emu, buf, chunk);
		n = vtemu_take_reply(&vt.emu, reply, sizeof(reply));
		if (chunk == len)
			vt_sync(vt.ops->defer ? VT_WRITE_BUDGET : UINT32_MAX);
		spin_unlock_irqrestore(&vt_lock, flags);
		if (n && vt.tty)
			tty_receive(vt.tty, reply, n);
		buf += chunk;
		len -= chunk;
	}
}

static void vt_tty_write(struct tty *tty, const char *buf, size_t len)
{
	vt_write(buf, len);
}

static const struct tty_ops vt_tty_ops = {
	.write = vt_tty_write,
};

void vt_input(const char *buf, size_t len)
{
	struct tty *tty = READ_ONCE(vt.tty);

	if (!tty)
		return;
	vt_scroll_view(0);
	tty_receive(tty, buf, len);
}

void vt_scroll_view(int lines)
{
	unsigned long flags;

	if (!vt.ops)
		return;
	flags = spin_lock_irqsave(&vt_lock);
	vtemu_scroll_view(&vt.emu, lines);
	spin_unlock_irqrestore(&vt_lock, flags);
}

bool vt_app_cursor_keys(void)
{
	return vt.ops && READ_ONCE(vt.emu.app_cursor_keys);
}

void vt_tty_init(void)
{
	struct tty *tty;

	if (!vt.ops)
		return;
	tty = tty_register("tty1", MKDEV(VT_TTY_MAJOR, VT_TTY_MINOR),
			   &vt_tty_ops, NULL, vt.emu.rows, vt.emu.cols);
	if (!tty) {
		pr_err("vt: no memory for tty1; the screen has no terminal\n");
		return;
	}
	WRITE_ONCE(vt.tty, tty);
}
