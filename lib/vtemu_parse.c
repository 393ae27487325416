/*
 * The terminal emulator's input side (include/lib/vtemu.h): a state
 * machine in the manner of a VT100 that splits output bytes into
 * printable characters (UTF-8 decoded and reduced to the console font's
 * ASCII), control characters, and ESC / CSI / string sequences, and turns
 * each into an operation on the grid (lib/vtemu.c). Anything it does not
 * know is read to its end and dropped; numbers are clamped and at most
 * VTEMU_MAX_PARAMS parameters are kept, so no input can push the state out
 * of bounds.
 */
#include "compiler.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "vtemu_internal.h"

enum {
	ST_GROUND,
	ST_ESC,		/* after ESC */
	ST_ESC_INTER,	/* ESC and an intermediate byte: ESC ( B, ESC # 8 */
	ST_CSI,		/* ESC [ ... up to the final byte */
	ST_STRING,	/* OSC, DCS, PM, APC: up to BEL or ESC \ */
};

#define BEL	0x07
#define CAN	0x18
#define SUB	0x1a
#define ESC	0x1b
#define DEL	0x7f

/* The VGA palette: what the 16 colours look like (fbcon draws these). */
const uint8_t vtemu_palette[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xaa, 0x00, 0x00 }, { 0x00, 0xaa, 0x00 },
	{ 0xaa, 0x55, 0x00 }, { 0x00, 0x00, 0xaa }, { 0xaa, 0x00, 0xaa },
	{ 0x00, 0xaa, 0xaa }, { 0xaa, 0xaa, 0xaa }, { 0x55, 0x55, 0x55 },
	{ 0xff, 0x55, 0x55 }, { 0x55, 0xff, 0x55 }, { 0xff, 0xff, 0x55 },
	{ 0x55, 0x55, 0xff }, { 0xff, 0x55, 0xff }, { 0x55, 0xff, 0xff },
	{ 0xff, 0xff, 0xff },
};

/*
 * DEC special graphics for 0x5f-0x7e, reduced to ASCII look-alikes: the
 * console font's upper half is not the same on VGA (CP437) and in the
 * framebuffer's PSF font, and ASCII draws the same on both.
 */
static const char dec_graphics[] = " +#????o###+++++----_++++|<>*!f.";

void vtemu_parser_reset(struct vtemu_parser *p)
{
	memset(p, 0, sizeof(*p));
	p->state = ST_GROUND;
}

static unsigned int param(const struct vtemu_parser *p, unsigned int i,
			  unsigned int def)
{
	if (i >= MIN(p->nparams, VTEMU_MAX_PARAMS) || !p->params[i])
		return def;
	return p->params[i];
}

/* A few Unicode characters programs like to print; the rest is '?'. */
static uint8_t from_unicode(uint32_t cp)
{
	if (cp == 0x2500 || cp == 0x2501 || cp == 0x2550 ||
	    (cp >= 0x2010 && cp <= 0x2015))
		return '-';
	if (cp == 0x2502 || cp == 0x2503 || cp == 0x2551)
		return '|';
	if ((cp >= 0x250c && cp <= 0x254b) || (cp >= 0x2552 && cp <= 0x256c))
		return '+';
	if (cp == 0x2018 || cp == 0x2019)
		return '\'';
	if (cp == 0x201c || cp == 0x201d)
		return '"';
	if (cp == 0x00a0)
		return ' ';
	if (cp == 0x2588 || cp == 0x2592)
		return '#';
	return '?';
}

static void emit(struct vtemu *vt, uint8_t ch)
{
	const struct vtemu_cursor *c = &vt->cur;

	if (c->charset[c->shift] == VTEMU_CS_GRAPHICS && ch >= 0x5f &&
	    ch <= 0x7e)
		ch = dec_graphics[ch - 0x5f];
	vtemu_put_char(vt, ch);
}

/* A UTF-8 sequence ended early: one '?' stands for it. */
static void utf8_abort(struct vtemu *vt)
{
	if (vt->parser.utf8_left) {
		vt->parser.utf8_left = 0;
		vtemu_put_char(vt, '?');
	}
}

static void utf8_start(struct vtemu_parser *p, uint8_t left, uint32_t bits)
{
	p->utf8_left = left;
	p->utf8_cp = bits;
}

static void print_byte(struct vtemu *vt, uint8_t b)
{
	struct vtemu_parser *p = &vt->parser;

	if (b < 0x80) {
		utf8_abort(vt);
		emit(vt, b);
	} else if (b < 0xc0) {
		if (!p->utf8_left) {
			vtemu_put_char(vt, '?');
			return;
		}
		p->utf8_cp = p->utf8_cp << 6 | (b & 0x3f);
		if (--p->utf8_left == 0)
			vtemu_put_char(vt, from_unicode(p->utf8_cp));
	} else {
		utf8_abort(vt);
		if (b >= 0xc2 && b <= 0xdf)
			utf8_start(p, 1, b & 0x1f);
		else if (b >= 0xe0 && b <= 0xef)
			utf8_start(p, 2, b & 0x0f);
		else if (b >= 0xf0 && b <= 0xf4)
			utf8_start(p, 3, b & 0x07);
		else
			vtemu_put_char(vt, '?');
	}
}

static void control(struct vtemu *vt, uint8_t b)
{
	unsigned int col = vt->cur.col;

	switch (b) {
	case '\b':
		vtemu_move_to(vt, vt->cur.row, col ? col - 1 : 0);
		break;
	case '\t':
		vtemu_tab(vt, 1, true);
		break;
	case '\n':
	case '\v':
	case '\f':
		vtemu_linefeed(vt);
		if (vt->newline_mode)
			vtemu_move_to(vt, vt->cur.row, 0);
		break;
	case '\r':
		vtemu_move_to(vt, vt->cur.row, 0);
		break;
	case 0x0e:	/* SO: G1 */
		vt->cur.shift = 1;
		break;
	case 0x0f:	/* SI: G0 */
		vt->cur.shift = 0;
		break;
	default:	/* BEL and the rest: nothing to show */
		break;
	}
}

/* ESC followed by a final byte. */
static void esc_dispatch(struct vtemu *vt, uint8_t b)
{
	switch (b) {
	case '7':
		vtemu_save_cursor(vt);
		break;
	case '8':
		vtemu_restore_cursor(vt);
		break;
	case 'D':
		vtemu_linefeed(vt);
		break;
	case 'E':
		vtemu_linefeed(vt);
		vtemu_move_to(vt, vt->cur.row, 0);
		break;
	case 'M':
		vtemu_reverse_index(vt);
		break;
	case 'c':
		vtemu_reset(vt);
		break;
	case 'Z':	/* DECID: as DA */
		vtemu_reply(vt, "\x1b[?6c");
		break;
	case '=':
		vt->app_keypad = true;
		break;
	case '>':
		vt->app_keypad = false;
		break;
	default:	/* HTS (fixed tab stops), ST, unknown */
		break;
	}
}

/* ESC, an intermediate byte, a final byte: charsets and DECALN. */
static void esc_inter_dispatch(struct vtemu *vt, uint8_t inter, uint8_t b)
{
	uint8_t set = b == '0' ? VTEMU_CS_GRAPHICS : VTEMU_CS_ASCII;

	if (inter == '(')
		vt->cur.charset[0] = set;
	else if (inter == ')')
		vt->cur.charset[1] = set;
	else if (inter == '#' && b == '8')
		vtemu_fill_e(vt);
}

/* ESC [ ? n h / l: the DEC private modes. */
static void set_private_mode(struct vtemu *vt, unsigned int mode, bool on)
{
	switch (mode) {
	case 1:
		vt->app_cursor_keys = on;
		break;
	case 6:
		vt->cur.origin = on;
		vtemu_goto(vt, 0, 0);
		break;
	case 7:
		vt->autowrap = on;
		if (!on)
			vt->cur.wrap_pending = false;
		break;
	case 25:
		vt->cursor_visible = on;
		break;
	case 47:
		vtemu_set_alt(vt, on, false);
		break;
	case 1047:
		vtemu_set_alt(vt, on, on);
		break;
	case 1048:
		if (on)
			vtemu_save_cursor(vt);
		else
			vtemu_restore_cursor(vt);
		break;
	case 1049:
		if (on)
			vt->saved_alt = vt->cur;
		vtemu_set_alt(vt, on, on);
		if (!on) {
			vt->cur = vt->saved_alt;
			vtemu_move_to(vt, vt->cur.row, vt->cur.col);
		}
		break;
	default:	/* ?3, ?5, ?12, mouse modes...: not supported */
		break;
	}
}

static void set_modes(struct vtemu *vt, bool on)
{
	const struct vtemu_parser *p = &vt->parser;
	unsigned int n = MIN(p->nparams, VTEMU_MAX_PARAMS);

	for (unsigned int i = 0; i < n; i++) {
		if (p->private_mark == '?')
			set_private_mode(vt, p->params[i], on);
		else if (p->params[i] == 4)
			vt->insert = on;
		else if (p->params[i] == 20)
			vt->newline_mode = on;
	}
}

static unsigned int dist2(const uint8_t *a, unsigned int r, unsigned int g,
			  unsigned int b)
{
	int dr = a[0] - (int)r, dg = a[1] - (int)g, db = a[2] - (int)b;

	return dr * dr + dg * dg + db * db;
}

static uint8_t nearest_colour(unsigned int r, unsigned int g, unsigned int b)
{
	uint8_t best = 0;

	for (uint8_t i = 1; i < 16; i++)
		if (dist2(vtemu_palette[i], r, g, b) <
		    dist2(vtemu_palette[best], r, g, b))
			best = i;
	return best;
}

/* xterm's 256 colours: 16 system, a 6x6x6 cube, 24 greys. */
static uint8_t colour_256(unsigned int n)
{
	static const uint8_t level[6] = { 0, 95, 135, 175, 215, 255 };

	if (n < 16)
		return n;
	if (n < 232) {
		n -= 16;
		return nearest_colour(level[n / 36], level[n / 6 % 6],
				      level[n % 6]);
	}
	n = 8 + 10 * (MIN(n, 255u) - 232);
	return nearest_colour(n, n, n);
}

/*
 * 38/48 ; 5 ; n and 38/48 ; 2 ; r ; g ; b at params[*i]: the colour, and
 * *i left on the last parameter used; -1 when malformed.
 */
static int extended_colour(const struct vtemu_parser *p, unsigned int *i,
			   unsigned int n)
{
	unsigned int kind = *i + 1 < n ? p->params[*i + 1] : 0;

	if (kind == 5 && *i + 2 < n) {
		*i += 2;
		return colour_256(p->params[*i]);
	}
	if (kind == 2 && *i + 4 < n) {
		*i += 4;
		return nearest_colour(MIN(p->params[*i - 2], 255u),
				      MIN(p->params[*i - 1], 255u),
				      MIN(p->params[*i], 255u));
	}
	return -1;
}

static void sgr_one(struct vtemu_cell *pen, unsigned int v)
{
	static const struct {
		uint8_t set, clear;
	} flag[30] = {
		[1] = { VTEMU_BOLD, 0 }, [2] = { VTEMU_DIM, 0 },
		[4] = { VTEMU_UNDERLINE, 0 }, [5] = { VTEMU_BLINK, 0 },
		[7] = { VTEMU_REVERSE, 0 },
		[21] = { 0, VTEMU_BOLD }, [22] = { 0, VTEMU_BOLD | VTEMU_DIM },
		[24] = { 0, VTEMU_UNDERLINE }, [25] = { 0, VTEMU_BLINK },
		[27] = { 0, VTEMU_REVERSE },
	};

	if (v == 0) {
		pen->fg = VTEMU_DEFAULT_FG;
		pen->bg = VTEMU_DEFAULT_BG;
		pen->flags = 0;
	} else if (v < ARRAY_SIZE(flag)) {
		pen->flags = (pen->flags | flag[v].set) & ~flag[v].clear;
	} else if (v >= 30 && v <= 37) {
		pen->fg = v - 30;
	} else if (v == 39) {
		pen->fg = VTEMU_DEFAULT_FG;
	} else if (v >= 40 && v <= 47) {
		pen->bg = v - 40;
	} else if (v == 49) {
		pen->bg = VTEMU_DEFAULT_BG;
	} else if (v >= 90 && v <= 97) {
		pen->fg = v - 90 + 8;
	} else if (v >= 100 && v <= 107) {
		pen->bg = v - 100 + 8;
	}
}

static void sgr(struct vtemu *vt)
{
	const struct vtemu_parser *p = &vt->parser;
	unsigned int n = MIN(p->nparams, VTEMU_MAX_PARAMS);
	struct vtemu_cell *pen = &vt->cur.pen;

	if (n == 0)
		sgr_one(pen, 0);
	for (unsigned int i = 0; i < n; i++) {
		unsigned int v = p->params[i];
		int colour;

		if (v != 38 && v != 48) {
			sgr_one(pen, v);
			continue;
		}
		colour = extended_colour(p, &i, n);
		if (colour < 0)
			return;		/* the rest cannot be told apart */
		if (v == 38)
			pen->fg = colour;
		else
			pen->bg = colour;
	}
}

static void report(struct vtemu *vt, unsigned int what)
{
	char buf[32];
	unsigned int row = vt->cur.row;

	if (what == 5) {
		vtemu_reply(vt, "\x1b[0n");
	} else if (what == 6) {
		if (vt->cur.origin)
			row -= vt->top;
		snprintf(buf, sizeof(buf), "\x1b[%u;%uR", row + 1,
			 vt->cur.col + 1);
		vtemu_reply(vt, buf);
	}
}

/* Cursor movement: CUU CUD CUF CUB CNL CPL CHA HPA CUP HVP VPA. */
static bool csi_move(struct vtemu *vt, uint8_t final)
{
	const struct vtemu_parser *p = &vt->parser;
	unsigned int n = param(p, 0, 1), row = vt->cur.row, col = vt->cur.col;

	switch (final) {
	case 'A':
	case 'F':
		vtemu_move_up(vt, n);
		break;
	case 'B':
	case 'e':
	case 'E':
		vtemu_move_down(vt, n);
		break;
	case 'C':
	case 'a':
		vtemu_move_to(vt, row, col + n);
		break;
	case 'D':
		vtemu_move_to(vt, row, col > n ? col - n : 0);
		break;
	case 'G':
	case '`':
		vtemu_move_to(vt, row, n - 1);
		break;
	case 'H':
	case 'f':
		vtemu_goto(vt, n - 1, param(p, 1, 1) - 1);
		break;
	case 'd':
		vtemu_goto(vt, n - 1, col);
		break;
	default:
		return false;
	}
	if (final == 'E' || final == 'F')
		vtemu_move_to(vt, vt->cur.row, 0);
	return true;
}

/* Editing: erase, insert and delete, scrolling. */
static bool csi_edit(struct vtemu *vt, uint8_t final)
{
	const struct vtemu_parser *p = &vt->parser;
	unsigned int n = param(p, 0, 1);

	switch (final) {
	case 'J':
		if (param(p, 0, 0) == 3)
			vtemu_clear_scrollback(vt);
		else
			vtemu_erase_display(vt, param(p, 0, 0));
		break;
	case 'K':
		vtemu_erase_line(vt, param(p, 0, 0));
		break;
	case '@':
		vtemu_insert_chars(vt, n);
		break;
	case 'P':
		vtemu_delete_chars(vt, n);
		break;
	case 'X':
		vtemu_erase_chars(vt, n);
		break;
	case 'L':
		vtemu_insert_lines(vt, n);
		break;
	case 'M':
		vtemu_delete_lines(vt, n);
		break;
	case 'S':
		vtemu_scroll_up(vt, n);
		break;
	case 'T':
		if (p->nparams <= 1)	/* 5 parameters: mouse tracking */
			vtemu_scroll_down(vt, n);
		break;
	default:
		return false;
	}
	return true;
}

static void csi_dispatch(struct vtemu *vt, uint8_t final)
{
	const struct vtemu_parser *p = &vt->parser;

	if (p->intermediate)
		return;		/* DECSTR, DECSCUSR...: not supported */
	if (final == 'h' || final == 'l') {
		if (!p->private_mark || p->private_mark == '?')
			set_modes(vt, final == 'h');
		return;
	}
	if (p->private_mark)
		return;		/* ESC[>c, ESC[?6n...: not supported */
	if (csi_move(vt, final) || csi_edit(vt, final))
		return;
	switch (final) {
	case 'm':
		sgr(vt);
		break;
	case 'r':
		vtemu_set_region(vt, param(p, 0, 1) - 1,
				 param(p, 1, vt->rows) - 1);
		break;
	case 's':
		vtemu_save_cursor(vt);
		break;
	case 'u':
		vtemu_restore_cursor(vt);
		break;
	case 'I':
		vtemu_tab(vt, param(p, 0, 1), true);
		break;
	case 'Z':
		vtemu_tab(vt, param(p, 0, 1), false);
		break;
	case 'n':
		report(vt, param(p, 0, 0));
		break;
	case 'c':
		if (param(p, 0, 0) == 0)
			vtemu_reply(vt, "\x1b[?6c");
		break;
	default:	/* TBC (fixed tab stops) and unknown */
		break;
	}
}

static void csi_byte(struct vtemu *vt, uint8_t b)
{
	struct vtemu_parser *p = &vt->parser;

	if (b >= '0' && b <= '9') {
		if (p->intermediate)
			p->bad = true;
		if (!p->nparams)
			p->nparams = 1;
		if (p->nparams <= VTEMU_MAX_PARAMS) {
			uint32_t *v = &p->params[p->nparams - 1];

			*v = MIN(*v * 10 + (b - '0'), VTEMU_PARAM_LIMIT);
		}
	} else if (b == ';' || b == ':') {
		if (!p->nparams)
			p->nparams = 1;
		if (p->nparams <= VTEMU_MAX_PARAMS)
			p->nparams++;
	} else if (b >= '<' && b <= '?') {
		if (p->nparams || p->private_mark || p->intermediate)
			p->bad = true;
		p->private_mark = b;
	} else if (b >= 0x20 && b <= 0x2f) {
		p->intermediate = b;
	} else if (b >= 0x40 && b <= 0x7e) {
		if (!p->bad)
			csi_dispatch(vt, b);
		p->state = ST_GROUND;
	}
}

static void enter(struct vtemu_parser *p, uint8_t state)
{
	uint8_t utf8_left = p->utf8_left;
	uint32_t utf8_cp = p->utf8_cp;

	vtemu_parser_reset(p);
	p->state = state;
	p->utf8_left = utf8_left;
	p->utf8_cp = utf8_cp;
}

static void feed(struct vtemu *vt, uint8_t b)
{
	struct vtemu_parser *p = &vt->parser;

	if (b == ESC || b == CAN || b == SUB) {
		utf8_abort(vt);
		enter(p, b == ESC ? ST_ESC : ST_GROUND);
		return;
	}
	if (p->state == ST_STRING) {
		if (b == BEL)
			p->state = ST_GROUND;
		return;
	}
	if (b < 0x20 || b == DEL) {
		utf8_abort(vt);
		control(vt, b);
		return;
	}
	switch (p->state) {
	case ST_GROUND:
		print_byte(vt, b);
		break;
	case ST_ESC:
		if (b >= 0x20 && b <= 0x2f) {
			p->intermediate = b;
			p->state = ST_ESC_INTER;
		} else if (b == '[') {
			enter(p, ST_CSI);
		} else if (b == ']' || b == 'P' || b == 'X' || b == '^' ||
			   b == '_') {
			p->state = ST_STRING;
		} else {
			p->state = ST_GROUND;
			esc_dispatch(vt, b);
		}
		break;
	case ST_ESC_INTER:
		if (b >= 0x20 && b <= 0x2f)
			break;
		p->state = ST_GROUND;
		esc_inter_dispatch(vt, p->intermediate, b);
		break;
	case ST_CSI:
		csi_byte(vt, b);
		break;
	}
}

void vtemu_write(struct vtemu *vt, const char *buf, size_t len)
{
	if (vt->view) {
		vt->view = 0;
		vtemu_damage_all(vt);
	}
	for (size_t i = 0; i < len; i++)
		feed(vt, (uint8_t)buf[i]);
}

void vtemu_write_log(struct vtemu *vt, const char *buf, size_t len)
{
	struct vtemu_parser saved = vt->parser;
	size_t reply_len = vt->reply_len;

	vtemu_write(vt, "", 0);		/* back to the live screen */
	vtemu_parser_reset(&vt->parser);
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			feed(vt, '\r');
		feed(vt, (uint8_t)buf[i]);
	}
	vt->parser = saved;
	vt->reply_len = MIN(vt->reply_len, reply_len);
}
