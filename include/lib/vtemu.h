/*
 * A VT100/ANSI terminal emulator (lib/vtemu.c, lib/vtemu_parse.c): bytes
 * in, a grid of character cells out. It knows nothing of hardware: the
 * screen console (drivers/vt.c) feeds it and draws the cells it marks
 * dirty, and the host unit tests (tests/unit/test_vtemu.c) check the grid.
 * docs/console.md lists the escape sequences it understands.
 *
 * Memory comes from the caller (vtemu_storage_size()), so the kernel can
 * use it before any allocator exists. Not locked: the caller serializes.
 */
#ifndef LIB_VTEMU_H
#define LIB_VTEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Cell flags. */
#define VTEMU_BOLD		0x01
#define VTEMU_UNDERLINE		0x02
#define VTEMU_REVERSE		0x04
#define VTEMU_BLINK		0x08	/* accepted, not shown */
#define VTEMU_DIM		0x10	/* accepted, not shown */

/* Colours: ANSI order (0 black, 1 red, ... 7 white), 8-15 the bright set. */
#define VTEMU_DEFAULT_FG	7
#define VTEMU_DEFAULT_BG	0

/* What the 16 colours look like: the VGA palette, r g b. */
extern const uint8_t vtemu_palette[16][3];

struct vtemu_cell {
	uint8_t ch;		/* a byte of the console font (ASCII) */
	uint8_t fg, bg;		/* 0-15 */
	uint8_t flags;		/* VTEMU_BOLD ... */
};

#define VTEMU_MAX_PARAMS	16	/* more are parsed and dropped */
#define VTEMU_PARAM_LIMIT	0xffff	/* larger values are clamped */
#define VTEMU_REPLY_MAX		64
#define VTEMU_TAB_WIDTH		8

/* Character sets for G0/G1 (ESC ( and ESC ) ). */
enum vtemu_charset {
	VTEMU_CS_ASCII,
	VTEMU_CS_GRAPHICS,	/* DEC special graphics: line drawing */
};

/* The escape-sequence parser's state; see lib/vtemu_parse.c. */
struct vtemu_parser {
	uint8_t state;
	uint8_t private_mark;	/* '?', '>', '=' or '<' after CSI, else 0 */
	uint8_t intermediate;	/* last byte 0x20-0x2f, else 0 */
	uint8_t nparams;	/* parameters seen, up to VTEMU_MAX_PARAMS */
	bool bad;		/* malformed: swallow up to the final byte */
	uint8_t utf8_left;	/* continuation bytes still expected */
	uint32_t utf8_cp;	/* code point so far */
	uint32_t params[VTEMU_MAX_PARAMS];
};

/* What DECSC (ESC 7) saves and DECRC (ESC 8) restores. */
struct vtemu_cursor {
	unsigned int row, col;	/* always inside the screen */
	bool wrap_pending;	/* a character was put in the last column */
	bool origin;		/* DECOM: rows count from the scroll region */
	struct vtemu_cell pen;	/* attributes for new characters (ch unused) */
	uint8_t charset[2];	/* G0, G1: enum vtemu_charset */
	uint8_t shift;		/* 0: G0 (SI), 1: G1 (SO) */
};

struct vtemu {
	unsigned int cols, rows;
	struct vtemu_cell *screen;	/* what is shown: main or alt */
	struct vtemu_cell *main, *alt;
	bool alt_active;

	/* Lines scrolled off the top of the main screen, a ring. */
	struct vtemu_cell *sb;
	unsigned int sb_lines;		/* capacity */
	unsigned int sb_count;		/* lines held */
	unsigned int sb_next;		/* ring slot the next line goes to */
	unsigned int view;		/* lines of scrollback shown; 0: live */

	struct vtemu_cursor cur;
	struct vtemu_cursor saved;	/* DECSC */
	struct vtemu_cursor saved_alt;	/* ?1049's, separate from DECSC */
	unsigned int top, bottom;	/* scroll region, inclusive */

	/* Modes. */
	bool autowrap;			/* DECAWM, ?7 */
	bool cursor_visible;		/* DECTCEM, ?25 */
	bool insert;			/* IRM, 4 */
	bool newline_mode;		/* LNM, 20: LF also returns */
	bool app_cursor_keys;		/* DECCKM, ?1 */
	bool app_keypad;		/* DECKPAM, ESC = */

	/*
	 * Damage for the drawing side. scroll_hint counts the rows the whole
	 * screen scrolled up since the drawing side caught up (at most
	 * rows), or is -1 when the picture changed in a way a move cannot
	 * follow. dirty[row] is set when row's cells (as vtemu_view_cell()
	 * shows them) may differ from the picture moved up by scroll_hint
	 * rows: a side that can move its picture (VGA's start address) does
	 * so and redraws the dirty rows; one that does not must treat every
	 * row as dirty while scroll_hint > 0.
	 */
	uint8_t *dirty;
	int scroll_hint;

	/* Answers to queries (ESC[6n, ESC[c) for the tty's input. */
	char reply[VTEMU_REPLY_MAX];
	size_t reply_len;

	struct vtemu_parser parser;
};

/* Bytes of storage for a @cols x @rows emulator with @sb_lines of history. */
size_t vtemu_storage_size(unsigned int cols, unsigned int rows,
			  unsigned int sb_lines);

/*
 * Set up @vt over @storage of @size bytes (at least vtemu_storage_size(),
 * aligned for struct vtemu_cell). Returns 0, or -EINVAL for a zero size or
 * too little storage.
 */
int vtemu_init(struct vtemu *vt, unsigned int cols, unsigned int rows,
	       unsigned int sb_lines, void *storage, size_t size);

/* Interpret @len bytes of output. Returns the view to the live screen. */
void vtemu_write(struct vtemu *vt, const char *buf, size_t len);

/*
 * Kernel log text: '\n' is a new line (CR LF), interpreted from the ground
 * state with the parser put back after, so a message that arrives in the
 * middle of a program's escape sequence neither breaks it nor is eaten by
 * it. Queries in it are not answered.
 */
void vtemu_write_log(struct vtemu *vt, const char *buf, size_t len);

/* ESC c: power-on state; the scrollback is kept. */
void vtemu_reset(struct vtemu *vt);

/* The live screen's cell at (@row, @col); both must be in range. */
const struct vtemu_cell *vtemu_cell(const struct vtemu *vt, unsigned int row,
				    unsigned int col);

/* The cell shown at (@row, @col) with the view moved into the scrollback. */
const struct vtemu_cell *vtemu_view_cell(const struct vtemu *vt,
					 unsigned int row, unsigned int col);
/* Row @row as shown with the view: cols cells in a row. */
const struct vtemu_cell *vtemu_view_row(const struct vtemu *vt,
					unsigned int row);

/*
 * Move the view @lines back into the scrollback (negative: forward), kept
 * within what the scrollback holds; 0 returns to the live screen. Returns
 * true when the view changed.
 */
bool vtemu_scroll_view(struct vtemu *vt, int lines);

/* Mark every row dirty and the picture unknown (scroll_hint -1). */
void vtemu_damage_all(struct vtemu *vt);
/* The drawing side has caught up: clear the dirty rows and the hint. */
void vtemu_clear_damage(struct vtemu *vt);

/*
 * Take up to @size bytes of pending replies into @buf; returns how many.
 * Replies that did not fit in VTEMU_REPLY_MAX were dropped.
 */
size_t vtemu_take_reply(struct vtemu *vt, char *buf, size_t size);

#endif
