/*
 * Host tests for the terminal emulator (lib/vtemu.c, lib/vtemu_parse.c):
 * each escape sequence's effect on the grid and the cursor, the pending
 * wrap, scroll regions, the scrollback and its view, the alternate screen,
 * SGR attributes, replies, and random input that must leave the state in
 * bounds (under ASan and UBSan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unittest.h"
#include <errno.h>
#include <lib/vtemu.h>

struct term {
	struct vtemu vt;
	void *mem;
};

static struct term *term_new(unsigned int cols, unsigned int rows,
			     unsigned int sb)
{
	struct term *t = calloc(1, sizeof(*t));
	size_t size = vtemu_storage_size(cols, rows, sb);

	t->mem = malloc(size);
	if (vtemu_init(&t->vt, cols, rows, sb, t->mem, size))
		abort();
	return t;
}

static void term_free(struct term *t)
{
	free(t->mem);
	free(t);
}

static void put(struct term *t, const char *s)
{
	vtemu_write(&t->vt, s, strlen_host(s));
}

/* Row @row of the live screen as text, trailing blanks cut. */
static const char *row_text(struct term *t, unsigned int row)
{
	static char buf[512];
	unsigned int n = 0;

	for (unsigned int c = 0; c < t->vt.cols; c++)
		buf[n++] = vtemu_cell(&t->vt, row, c)->ch;
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

/* The same for the view (scrollback shown). */
static const char *view_text(struct term *t, unsigned int row)
{
	static char buf[512];
	unsigned int n = 0;

	for (unsigned int c = 0; c < t->vt.cols; c++)
		buf[n++] = vtemu_view_cell(&t->vt, row, c)->ch;
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

static const struct vtemu_cell *cell(struct term *t, unsigned int r,
				     unsigned int c)
{
	return vtemu_cell(&t->vt, r, c);
}

#define EXPECT_CURSOR(t, r, c)						\
	do {								\
		EXPECT_EQ((t)->vt.cur.row, (r));			\
		EXPECT_EQ((t)->vt.cur.col, (c));			\
	} while (0)

static const char *reply(struct term *t)
{
	static char buf[VTEMU_REPLY_MAX + 1];
	size_t n = vtemu_take_reply(&t->vt, buf, VTEMU_REPLY_MAX);

	buf[n] = '\0';
	return buf;
}

TEST(init_checks_storage)
{
	struct vtemu vt;
	char mem[64];

	EXPECT_EQ(vtemu_init(&vt, 0, 5, 0, mem, sizeof(mem)), -EINVAL);
	EXPECT_EQ(vtemu_init(&vt, 10, 10, 0, mem, sizeof(mem)), -EINVAL);
	EXPECT(vtemu_storage_size(10, 5, 3) >= (10 * 5 * 2 + 30) * 4);
}

TEST(starts_blank)
{
	struct term *t = term_new(10, 4, 5);

	EXPECT_STREQ(row_text(t, 0), "");
	EXPECT_EQ(cell(t, 3, 9)->ch, ' ');
	EXPECT_EQ(cell(t, 3, 9)->fg, VTEMU_DEFAULT_FG);
	EXPECT_EQ(cell(t, 3, 9)->bg, VTEMU_DEFAULT_BG);
	EXPECT_CURSOR(t, 0, 0);
	EXPECT(t->vt.autowrap);
	EXPECT(t->vt.cursor_visible);
	EXPECT(!t->vt.app_cursor_keys);
	term_free(t);
}

TEST(text_cr_lf)
{
	struct term *t = term_new(10, 4, 5);

	put(t, "ab\r\ncd\nx\ry");
	EXPECT_STREQ(row_text(t, 0), "ab");
	EXPECT_STREQ(row_text(t, 1), "cd");
	EXPECT_STREQ(row_text(t, 2), "y x");	/* LF alone keeps the column */
	EXPECT_CURSOR(t, 2, 1);
	term_free(t);
}

TEST(pending_wrap)
{
	struct term *t = term_new(10, 4, 5);

	put(t, "0123456789");
	EXPECT_CURSOR(t, 0, 9);
	EXPECT(t->vt.cur.wrap_pending);
	put(t, "\r\nab");		/* a full line and CRLF: one line */
	EXPECT_STREQ(row_text(t, 1), "ab");
	put(t, "\r\n0123456789k");
	EXPECT_STREQ(row_text(t, 2), "0123456789");
	EXPECT_STREQ(row_text(t, 3), "k");
	EXPECT_CURSOR(t, 3, 1);
	/* A cursor move cancels the pending wrap. */
	put(t, "\x1b[H0123456789\x1b[1;5HZ");
	EXPECT_STREQ(row_text(t, 0), "0123Z56789");
	term_free(t);
}

TEST(autowrap_off)
{
	struct term *t = term_new(5, 3, 0);

	put(t, "\x1b[?7labcdefg");
	EXPECT_STREQ(row_text(t, 0), "abcdg");
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_CURSOR(t, 0, 4);
	put(t, "\x1b[?7h\rABCDEF");
	EXPECT_STREQ(row_text(t, 1), "F");
	term_free(t);
}

TEST(backspace_and_tabs)
{
	struct term *t = term_new(20, 3, 0);

	put(t, "\tX\tY");
	EXPECT_EQ(cell(t, 0, 8)->ch, 'X');
	EXPECT_EQ(cell(t, 0, 16)->ch, 'Y');
	put(t, "\t\t\t");		/* stops at the last column */
	EXPECT_CURSOR(t, 0, 19);
	put(t, "\r\b\b");
	EXPECT_CURSOR(t, 0, 0);
	put(t, "abc\bZ");
	EXPECT_STREQ(row_text(t, 0), "abZ     X       Y");
	put(t, "\x1b[3I");		/* CHT: three stops */
	EXPECT_CURSOR(t, 0, 19);
	put(t, "\x1b[2Z");		/* CBT: two back */
	EXPECT_CURSOR(t, 0, 8);
	put(t, "\a\x0e\x0f");		/* BEL, SO, SI show nothing */
	EXPECT_CURSOR(t, 0, 8);
	term_free(t);
}

TEST(cursor_moves)
{
	struct term *t = term_new(10, 6, 0);

	put(t, "\x1b[3;4H");
	EXPECT_CURSOR(t, 2, 3);
	put(t, "\x1b[A");
	EXPECT_CURSOR(t, 1, 3);
	put(t, "\x1b[2B");
	EXPECT_CURSOR(t, 3, 3);
	put(t, "\x1b[3C");
	EXPECT_CURSOR(t, 3, 6);
	put(t, "\x1b[4D");
	EXPECT_CURSOR(t, 3, 2);
	put(t, "\x1b[E");
	EXPECT_CURSOR(t, 4, 0);
	put(t, "\x1b[3;5H\x1b[2F");
	EXPECT_CURSOR(t, 0, 0);
	put(t, "\x1b[7G");
	EXPECT_CURSOR(t, 0, 6);
	put(t, "\x1b[5d");
	EXPECT_CURSOR(t, 4, 6);
	put(t, "\x1b[2;3f");
	EXPECT_CURSOR(t, 1, 2);
	put(t, "\x1b[H");
	EXPECT_CURSOR(t, 0, 0);
	put(t, "\x1b[0;0H\x1b[0C");	/* 0 means 1 */
	EXPECT_CURSOR(t, 0, 1);
	term_free(t);
}

TEST(cursor_clamps_huge_counts)
{
	struct term *t = term_new(10, 6, 0);

	put(t, "\x1b[99999999999B\x1b[99999999999C");
	EXPECT_CURSOR(t, 5, 9);
	put(t, "\x1b[99999999999A\x1b[99999999999D");
	EXPECT_CURSOR(t, 0, 0);
	put(t, "\x1b[4294967297;4294967297H");
	EXPECT_CURSOR(t, 5, 9);
	put(t, "\x1b[65536G\x1b[99999d");
	EXPECT_CURSOR(t, 5, 9);
	term_free(t);
}

static void fill_rows(struct term *t)
{
	put(t, "\x1b[H");
	for (unsigned int r = 0; r < t->vt.rows; r++) {
		char line[64];

		snprintf_host(line, sizeof(line), "%s%c%c%c%c%c",
			      r ? "\r\n" : "", 'a' + r, 'a' + r, 'a' + r,
			      'a' + r, 'a' + r);
		put(t, line);
	}
}

TEST(erase_display)
{
	struct term *t = term_new(5, 4, 0);

	fill_rows(t);
	put(t, "\x1b[2;3H\x1b[J");
	EXPECT_STREQ(row_text(t, 0), "aaaaa");
	EXPECT_STREQ(row_text(t, 1), "bb");
	EXPECT_STREQ(row_text(t, 2), "");
	fill_rows(t);
	put(t, "\x1b[3;3H\x1b[1J");
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_STREQ(row_text(t, 2), "   cc");
	EXPECT_STREQ(row_text(t, 3), "ddddd");
	put(t, "\x1b[2J");
	for (unsigned int r = 0; r < 4; r++)
		EXPECT_STREQ(row_text(t, r), "");
	EXPECT_CURSOR(t, 2, 2);		/* ED does not move */
	term_free(t);
}

TEST(erase_line_and_chars)
{
	struct term *t = term_new(8, 2, 0);

	put(t, "abcdefgh\x1b[1;4H\x1b[K");
	EXPECT_STREQ(row_text(t, 0), "abc");
	put(t, "\x1b[1;1Habcdefgh\x1b[1;4H\x1b[1K");
	EXPECT_STREQ(row_text(t, 0), "    efgh");
	put(t, "\x1b[2K");
	EXPECT_STREQ(row_text(t, 0), "");
	put(t, "\rabcdefgh\x1b[1;2H\x1b[3X");
	EXPECT_STREQ(row_text(t, 0), "a   efgh");
	put(t, "\x1b[99X");
	EXPECT_STREQ(row_text(t, 0), "a");
	term_free(t);
}

TEST(insert_delete_chars)
{
	struct term *t = term_new(8, 2, 0);

	put(t, "abcdef\x1b[1;3H\x1b[2@");
	EXPECT_STREQ(row_text(t, 0), "ab  cdef");
	put(t, "\x1b[3P");
	EXPECT_STREQ(row_text(t, 0), "abdef");
	put(t, "\x1b[99@");
	EXPECT_STREQ(row_text(t, 0), "ab");
	put(t, "\rabcdefgh\x1b[1;7H\x1b[99P");
	EXPECT_STREQ(row_text(t, 0), "abcdef");
	term_free(t);
}

TEST(insert_mode)
{
	struct term *t = term_new(8, 2, 0);

	put(t, "abcd\r\x1b[4hXY\x1b[4lZ");
	EXPECT_STREQ(row_text(t, 0), "XYZbcd");
	EXPECT(!t->vt.insert);
	term_free(t);
}

TEST(insert_delete_lines)
{
	struct term *t = term_new(5, 5, 0);

	fill_rows(t);
	put(t, "\x1b[2;3H\x1b[2L");
	EXPECT_STREQ(row_text(t, 0), "aaaaa");
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_STREQ(row_text(t, 2), "");
	EXPECT_STREQ(row_text(t, 3), "bbbbb");
	EXPECT_STREQ(row_text(t, 4), "ccccc");
	EXPECT_CURSOR(t, 1, 0);
	put(t, "\x1b[M");
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_STREQ(row_text(t, 2), "bbbbb");
	EXPECT_STREQ(row_text(t, 4), "");
	/* Inside a region only; outside it they do nothing. */
	fill_rows(t);
	put(t, "\x1b[2;4r\x1b[5;1H\x1b[L");
	EXPECT_STREQ(row_text(t, 4), "eeeee");
	put(t, "\x1b[2;1H\x1b[9M");
	EXPECT_STREQ(row_text(t, 0), "aaaaa");
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_STREQ(row_text(t, 3), "");
	EXPECT_STREQ(row_text(t, 4), "eeeee");
	term_free(t);
}

TEST(scroll_region)
{
	struct term *t = term_new(5, 6, 10);

	fill_rows(t);
	put(t, "\x1b[2;4r");
	EXPECT_EQ(t->vt.top, 1);
	EXPECT_EQ(t->vt.bottom, 3);
	EXPECT_CURSOR(t, 0, 0);		/* DECSTBM homes the cursor */
	put(t, "\x1b[4;1H\nX");
	EXPECT_STREQ(row_text(t, 0), "aaaaa");
	EXPECT_STREQ(row_text(t, 1), "ccccc");
	EXPECT_STREQ(row_text(t, 2), "ddddd");
	EXPECT_STREQ(row_text(t, 3), "X");
	EXPECT_STREQ(row_text(t, 4), "eeeee");
	EXPECT_STREQ(row_text(t, 5), "fffff");
	EXPECT_EQ(t->vt.sb_count, 0);	/* a region below the top keeps none */
	/* Below the region, LF stops at the last row without scrolling. */
	put(t, "\x1b[6;1H\n\n");
	EXPECT_CURSOR(t, 5, 0);
	EXPECT_STREQ(row_text(t, 5), "fffff");
	/* Invalid regions are ignored; ESC[r resets to the full screen. */
	put(t, "\x1b[4;2r");
	EXPECT_EQ(t->vt.top, 1);
	put(t, "\x1b[1;99r");
	EXPECT_EQ(t->vt.bottom, 3);
	put(t, "\x1b[r");
	EXPECT_EQ(t->vt.top, 0);
	EXPECT_EQ(t->vt.bottom, 5);
	term_free(t);
}

TEST(index_reverse_index_next_line)
{
	struct term *t = term_new(5, 4, 0);

	fill_rows(t);
	put(t, "\x1b[2;3r\x1b[2;3H\x1bM");
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_STREQ(row_text(t, 2), "bbbbb");
	EXPECT_STREQ(row_text(t, 3), "ddddd");
	EXPECT_CURSOR(t, 1, 2);
	put(t, "\x1b[3;2H\x1b" "D");
	EXPECT_STREQ(row_text(t, 1), "bbbbb");
	EXPECT_STREQ(row_text(t, 2), "");
	EXPECT_CURSOR(t, 2, 1);
	put(t, "\x1b[r\x1b[2;3H\x1b" "E");
	EXPECT_CURSOR(t, 2, 0);
	put(t, "\x1b[1;1H\x1bM");		/* RI at the top row scrolls */
	EXPECT_STREQ(row_text(t, 0), "");
	EXPECT_STREQ(row_text(t, 1), "aaaaa");
	term_free(t);
}

TEST(scroll_up_down)
{
	struct term *t = term_new(5, 4, 10);

	fill_rows(t);
	put(t, "\x1b[2S");
	EXPECT_STREQ(row_text(t, 0), "ccccc");
	EXPECT_STREQ(row_text(t, 2), "");
	EXPECT_EQ(t->vt.sb_count, 2);
	put(t, "\x1b[T");
	EXPECT_STREQ(row_text(t, 0), "");
	EXPECT_STREQ(row_text(t, 1), "ccccc");
	put(t, "\x1b[1;2;3;4;5T");	/* mouse tracking's form: ignored */
	EXPECT_STREQ(row_text(t, 1), "ccccc");
	term_free(t);
}

static void print_lines(struct term *t, int from, int to)
{
	char line[32];

	for (int i = from; i <= to; i++) {
		snprintf_host(line, sizeof(line), "\r\nL%d", i);
		put(t, line);
	}
}

TEST(scrollback_and_view)
{
	struct term *t = term_new(6, 3, 4);

	put(t, "L0");
	print_lines(t, 1, 4);		/* L0 L1 off the top */
	EXPECT_EQ(t->vt.sb_count, 2);
	EXPECT_STREQ(row_text(t, 0), "L2");
	EXPECT(vtemu_scroll_view(&t->vt, 1));
	EXPECT_EQ(t->vt.view, 1);
	EXPECT_STREQ(view_text(t, 0), "L1");
	EXPECT_STREQ(view_text(t, 1), "L2");
	EXPECT_STREQ(view_text(t, 2), "L3");
	EXPECT(vtemu_scroll_view(&t->vt, 100));	/* clamped */
	EXPECT_EQ(t->vt.view, 2);
	EXPECT_STREQ(view_text(t, 0), "L0");
	EXPECT(!vtemu_scroll_view(&t->vt, 5));
	EXPECT(vtemu_scroll_view(&t->vt, -1));
	EXPECT_EQ(t->vt.view, 1);
	put(t, "x");			/* output returns to the live screen */
	EXPECT_EQ(t->vt.view, 0);
	EXPECT(!vtemu_scroll_view(&t->vt, -3));
	/* The ring keeps the newest sb_lines lines. */
	print_lines(t, 5, 12);
	EXPECT_EQ(t->vt.sb_count, 4);
	vtemu_scroll_view(&t->vt, 4);
	EXPECT_STREQ(view_text(t, 0), "L6");
	EXPECT_STREQ(view_text(t, 3), "L9");
	EXPECT_STREQ(view_text(t, 4), "L10");
	vtemu_scroll_view(&t->vt, 0);
	EXPECT_EQ(t->vt.view, 0);
	put(t, "\x1b[3J");		/* ED 3 clears the scrollback */
	EXPECT_EQ(t->vt.sb_count, 0);
	EXPECT_STREQ(row_text(t, 2), "L12");
	term_free(t);
}

TEST(no_scrollback_storage)
{
	struct term *t = term_new(6, 2, 0);

	print_lines(t, 0, 5);
	EXPECT_EQ(t->vt.sb_count, 0);
	EXPECT(!vtemu_scroll_view(&t->vt, 1));
	EXPECT_STREQ(row_text(t, 1), "L5");
	term_free(t);
}

TEST(alternate_screen_1049)
{
	struct term *t = term_new(8, 3, 10);

	put(t, "main\x1b[2;3H\x1b[31m");
	put(t, "\x1b[?1049h");
	EXPECT(t->vt.alt_active);
	EXPECT_STREQ(row_text(t, 0), "");
	put(t, "\x1b[Halt");
	print_lines(t, 0, 5);		/* scrolling the alt screen */
	EXPECT_EQ(t->vt.sb_count, 0);	/* keeps no history */
	put(t, "\x1b[?1049l");
	EXPECT(!t->vt.alt_active);
	EXPECT_STREQ(row_text(t, 0), "main");
	EXPECT_CURSOR(t, 1, 2);
	EXPECT_EQ(t->vt.cur.pen.fg, 1);
	/* Entering again starts from a clear screen. */
	put(t, "\x1b[?1049h");
	EXPECT_STREQ(row_text(t, 0), "");
	put(t, "\x1b[?1049l");
	term_free(t);
}

TEST(alternate_screen_47_1047)
{
	struct term *t = term_new(8, 3, 0);

	put(t, "main\x1b[?47hALT\x1b[?47l");
	EXPECT_STREQ(row_text(t, 0), "main");
	put(t, "\x1b[?47h");		/* 47 does not clear */
	EXPECT_STREQ(row_text(t, 0), "    ALT");
	put(t, "\x1b[?47l\x1b[?1047h");	/* 1047 does */
	EXPECT_STREQ(row_text(t, 0), "");
	put(t, "\x1b[?1047l");
	EXPECT_STREQ(row_text(t, 0), "main");
	put(t, "\x1b[2;2H\x1b[?1048h\x1b[H\x1b[?1048l");
	EXPECT_CURSOR(t, 1, 1);
	term_free(t);
}

TEST(sgr_attributes)
{
	struct term *t = term_new(20, 2, 0);
	const struct vtemu_cell *c;

	put(t, "\x1b[1;4;5;7;2mA\x1b[22;24;25;27mB\x1b[0m");
	c = cell(t, 0, 0);
	EXPECT_EQ(c->flags, VTEMU_BOLD | VTEMU_UNDERLINE | VTEMU_BLINK |
		  VTEMU_REVERSE | VTEMU_DIM);
	EXPECT_EQ(cell(t, 0, 1)->flags, 0);
	put(t, "\x1b[31;42mC\x1b[39mD\x1b[49mE");
	EXPECT_EQ(cell(t, 0, 2)->fg, 1);
	EXPECT_EQ(cell(t, 0, 2)->bg, 2);
	EXPECT_EQ(cell(t, 0, 3)->fg, VTEMU_DEFAULT_FG);
	EXPECT_EQ(cell(t, 0, 3)->bg, 2);
	EXPECT_EQ(cell(t, 0, 4)->bg, VTEMU_DEFAULT_BG);
	put(t, "\x1b[97;104mF\x1b[mG");
	EXPECT_EQ(cell(t, 0, 5)->fg, 15);
	EXPECT_EQ(cell(t, 0, 5)->bg, 12);
	EXPECT_EQ(cell(t, 0, 6)->fg, VTEMU_DEFAULT_FG);
	EXPECT_EQ(cell(t, 0, 6)->bg, VTEMU_DEFAULT_BG);
	term_free(t);
}

TEST(sgr_256_and_rgb)
{
	struct term *t = term_new(20, 2, 0);

	put(t, "\x1b[38;5;9mA\x1b[48;5;196mB\x1b[38;5;227mC");
	EXPECT_EQ(cell(t, 0, 0)->fg, 9);
	EXPECT_EQ(cell(t, 0, 1)->bg, 1);	/* ff0000: nearer aa0000 */
	EXPECT_EQ(cell(t, 0, 2)->fg, 11);	/* ffff5f: bright yellow */
	put(t, "\x1b[0;38;5;232mD\x1b[38;5;255mE\x1b[38;5;99999mF");
	EXPECT_EQ(cell(t, 0, 3)->fg, 0);
	EXPECT_EQ(cell(t, 0, 4)->fg, 15);
	EXPECT_EQ(cell(t, 0, 5)->fg, 15);
	put(t, "\x1b[38;2;0;170;0;1mG");
	EXPECT_EQ(cell(t, 0, 6)->fg, 2);
	EXPECT_EQ(cell(t, 0, 6)->flags, VTEMU_BOLD);
	put(t, "\x1b[0;38;5m\x1b[38mH");	/* malformed: stops there */
	EXPECT_EQ(cell(t, 0, 7)->fg, VTEMU_DEFAULT_FG);
	term_free(t);
}

TEST(erase_uses_background)
{
	struct term *t = term_new(6, 2, 0);

	put(t, "\x1b[44m\x1b[2J\x1b[4mx");
	EXPECT_EQ(cell(t, 1, 5)->bg, 4);
	EXPECT_EQ(cell(t, 1, 5)->flags, 0);
	EXPECT_EQ(cell(t, 0, 0)->flags, VTEMU_UNDERLINE);
	term_free(t);
}

TEST(modes)
{
	struct term *t = term_new(6, 4, 0);

	put(t, "\x1b[?25l");
	EXPECT(!t->vt.cursor_visible);
	put(t, "\x1b[?25h\x1b[?1h");
	EXPECT(t->vt.cursor_visible);
	EXPECT(t->vt.app_cursor_keys);
	put(t, "\x1b[?1l\x1b=");
	EXPECT(!t->vt.app_cursor_keys);
	EXPECT(t->vt.app_keypad);
	put(t, "\x1b>\x1b[20hab\ncd\x1b[20l");
	EXPECT(!t->vt.app_keypad);
	EXPECT_STREQ(row_text(t, 1), "cd");
	put(t, "\x1b[?25;1h");		/* several in one */
	EXPECT(t->vt.app_cursor_keys);
	term_free(t);
}

TEST(origin_mode)
{
	struct term *t = term_new(6, 6, 0);

	put(t, "\x1b[3;5r\x1b[?6h");
	EXPECT_CURSOR(t, 2, 0);
	put(t, "\x1b[2;2H");
	EXPECT_CURSOR(t, 3, 1);
	put(t, "\x1b[9;1H");		/* clamped to the region */
	EXPECT_CURSOR(t, 4, 0);
	put(t, "\x1b[6n");
	EXPECT_STREQ(reply(t), "\x1b[3;1R");
	put(t, "\x1b[?6l");
	EXPECT_CURSOR(t, 0, 0);
	term_free(t);
}

TEST(replies)
{
	struct term *t = term_new(10, 5, 0);

	put(t, "\x1b[3;7H\x1b[6n");
	EXPECT_STREQ(reply(t), "\x1b[3;7R");
	put(t, "\x1b[5n\x1b[c\x1b[0c\x1bZ");
	EXPECT_STREQ(reply(t), "\x1b[0n\x1b[?6c\x1b[?6c\x1b[?6c");
	put(t, "\x1b[>c\x1b[1c\x1b[?6n");
	EXPECT_STREQ(reply(t), "");
	/* The buffer holds what fits; later replies are dropped whole. */
	for (int i = 0; i < 20; i++)
		put(t, "\x1b[6n");
	EXPECT_EQ(t->vt.reply_len, 60);	/* ten of ESC [3;7R */
	char buf[4];

	EXPECT_EQ(vtemu_take_reply(&t->vt, buf, sizeof(buf)), 4);
	EXPECT_EQ(t->vt.reply_len, 56);
	term_free(t);
}

TEST(save_restore_cursor)
{
	struct term *t = term_new(10, 5, 0);

	put(t, "\x1b[2;3H\x1b[33;1m\x1b(0\x1b" "7\x1b[H\x1b[m\x1b(B");
	put(t, "\x1b" "8q");
	EXPECT_EQ(cell(t, 1, 2)->ch, '-');	/* charset restored */
	EXPECT_EQ(cell(t, 1, 2)->fg, 3);
	EXPECT_EQ(cell(t, 1, 2)->flags, VTEMU_BOLD);
	put(t, "\x1b[4;5H\x1b[s\x1b[H\x1b[u");
	EXPECT_CURSOR(t, 3, 4);
	term_free(t);
}

TEST(reset_keeps_scrollback)
{
	struct term *t = term_new(6, 2, 5);

	print_lines(t, 0, 3);
	put(t, "\x1b[31m\x1b[?1h\x1b[?25l\x1b[1;1r\x1b[?1049h\x1b" "c");
	EXPECT(!t->vt.alt_active);
	EXPECT(!t->vt.app_cursor_keys);
	EXPECT(t->vt.cursor_visible);
	EXPECT_EQ(t->vt.cur.pen.fg, VTEMU_DEFAULT_FG);
	EXPECT_STREQ(row_text(t, 1), "");
	EXPECT_CURSOR(t, 0, 0);
	EXPECT_EQ(t->vt.sb_count, 3);
	term_free(t);
}

TEST(charsets)
{
	struct term *t = term_new(20, 2, 0);

	put(t, "\x1b(0lqkx\x1b(Bq");
	EXPECT_STREQ(row_text(t, 0), "+-+|q");
	put(t, "\r\n\x1b)0a\x0eq\x0fq");
	EXPECT_STREQ(row_text(t, 1), "a-q");
	term_free(t);
}

TEST(utf8)
{
	struct term *t = term_new(20, 2, 0);

	put(t, "\xc3\xa9|\xe2\x94\x80\xe2\x94\x82\xe2\x94\x8c|");
	EXPECT_STREQ(row_text(t, 0), "?|-|+|");
	put(t, "\r\n\xe2\x94x\xff\x80\xf0\x9f\x98\x80!");
	EXPECT_STREQ(row_text(t, 1), "?x??" "?!");
	term_free(t);
}

TEST(strings_swallowed)
{
	struct term *t = term_new(20, 2, 0);

	put(t, "a\x1b]0;title\ab\x1b]2;x\x1b\\c\x1bPdcs\x1b\\d\x1b_apc\ae");
	EXPECT_STREQ(row_text(t, 0), "abcde");
	term_free(t);
}

TEST(unknown_sequences_swallowed)
{
	struct term *t = term_new(20, 2, 0);

	put(t, "a\x1b[?1000h\x1b[5 q\x1b[!p\x1b[>0;1m\x1b[1$pb");
	put(t, "\x1b#3\x1b%Gc\x1b[12;13;14y\x1b" "1d\x1b[2gX");
	EXPECT_STREQ(row_text(t, 0), "abcdX");
	EXPECT_EQ(t->vt.cur.pen.fg, VTEMU_DEFAULT_FG);
	/* CAN aborts a sequence; controls act inside one. */
	put(t, "\r\x1b[3\x18m\x1b[1\r;2HZ");
	EXPECT_STREQ(row_text(t, 0), "mZcdX");
	EXPECT_CURSOR(t, 0, 2);
	term_free(t);
}

TEST(many_parameters)
{
	struct term *t = term_new(20, 4, 0);
	char seq[1024];
	int n = snprintf_host(seq, sizeof(seq), "\x1b[");

	for (int i = 0; i < 100; i++)
		n += snprintf_host(seq + n, sizeof(seq) - n, "%d;", i % 50);
	snprintf_host(seq + n, sizeof(seq) - n, "31mA");
	put(t, seq);
	EXPECT_EQ(cell(t, 0, 0)->ch, 'A');
	EXPECT_EQ(t->vt.parser.nparams, VTEMU_MAX_PARAMS + 1);
	put(t, "\x1b[2;3;4;5;6;7;8;9;1;2;3;4;5;6;7;8;9;1;2;3H");
	EXPECT_CURSOR(t, 1, 2);
	term_free(t);
}

TEST(decaln)
{
	struct term *t = term_new(4, 3, 0);

	put(t, "\x1b[2;3r\x1b[2;2H\x1b#8");
	EXPECT_STREQ(row_text(t, 2), "EEEE");
	EXPECT_CURSOR(t, 0, 0);
	EXPECT_EQ(t->vt.bottom, 2);
	term_free(t);
}

TEST(damage_and_scroll_hint)
{
	struct term *t = term_new(6, 4, 10);

	vtemu_clear_damage(&t->vt);
	put(t, "\x1b[3;1Hx");
	EXPECT(!t->vt.dirty[0]);
	EXPECT(t->vt.dirty[2]);
	EXPECT_EQ(t->vt.scroll_hint, 0);
	put(t, "\x1b[4;1H\n\n");
	EXPECT_EQ(t->vt.scroll_hint, 2);
	/* The flags moved with the rows: "x" is on row 0 now. */
	EXPECT(t->vt.dirty[0]);
	EXPECT(!t->vt.dirty[1]);
	EXPECT(t->vt.dirty[2] && t->vt.dirty[3]);
	put(t, "\x1b[99S");
	EXPECT_EQ(t->vt.scroll_hint, 4);	/* capped at a screen */
	vtemu_clear_damage(&t->vt);
	put(t, "\x1b[2;3r\x1b[3;1H\n");		/* a region: cannot follow */
	EXPECT_EQ(t->vt.scroll_hint, -1);
	EXPECT(t->vt.dirty[1]);
	EXPECT(!t->vt.dirty[3]);
	/* Losing a pending move leaves every row to be compared. */
	vtemu_clear_damage(&t->vt);
	put(t, "\x1b[r\x1b[4;1H\n\x1b[2;3r\x1b[3;1H\n");
	EXPECT_EQ(t->vt.scroll_hint, -1);
	EXPECT(t->vt.dirty[0] && t->vt.dirty[3]);
	vtemu_clear_damage(&t->vt);
	put(t, "\x1b[r\x1bM");
	EXPECT_EQ(t->vt.scroll_hint, -1);
	vtemu_clear_damage(&t->vt);
	vtemu_scroll_view(&t->vt, 1);
	EXPECT_EQ(t->vt.scroll_hint, -1);
	EXPECT(t->vt.dirty[3]);
	term_free(t);
}

TEST(log_text_beside_a_sequence)
{
	struct term *t = term_new(20, 4, 0);

	put(t, "ab\x1b[3");		/* a program's sequence, cut short */
	vtemu_write_log(&t->vt, "K1\nK2\x1b[6n\n", 10);
	EXPECT_STREQ(row_text(t, 0), "abK1");
	EXPECT_STREQ(row_text(t, 1), "K2");	/* '\n' returns too */
	EXPECT_CURSOR(t, 2, 0);
	EXPECT_EQ(t->vt.reply_len, 0);		/* no answers to the log */
	put(t, "1mX");			/* the program's sequence goes on */
	EXPECT_EQ(cell(t, 2, 0)->ch, 'X');
	EXPECT_EQ(cell(t, 2, 0)->fg, 1);
	term_free(t);
}

static void check_invariants(const struct vtemu *vt)
{
	EXPECT(vt->cur.row < vt->rows);
	EXPECT(vt->cur.col < vt->cols);
	EXPECT(vt->saved.row < vt->rows && vt->saved.col < vt->cols);
	EXPECT(vt->top <= vt->bottom && vt->bottom < vt->rows);
	EXPECT(vt->sb_count <= vt->sb_lines);
	EXPECT(vt->view <= vt->sb_count);
	EXPECT(vt->reply_len <= VTEMU_REPLY_MAX);
	EXPECT(vt->screen == vt->main || vt->screen == vt->alt);
	EXPECT(vt->scroll_hint >= -1 && vt->scroll_hint <= (int)vt->rows);
	for (unsigned int r = 0; r < vt->rows; r++)
		for (unsigned int c = 0; c < vt->cols; c++) {
			const struct vtemu_cell *x = vtemu_view_cell(vt, r, c);

			EXPECT(x->fg < 16 && x->bg < 16);
		}
}

/* Bytes that make sequences likely: ESC, CSI parts, controls, UTF-8. */
static char fuzz_byte(void)
{
	static const char alphabet[] = "\x1b\x1b\x1b[[[;;?0123456789"
		"ABCDEFGHJKLMPSTXZ@dfhlmnrsu78cDEM()#\r\n\b\t\x0e\x0f"
		"\xc3\xe2\x94\x80 abc";
	int r = rand();

	if (r % 4 == 0)
		return (char)(r >> 8);
	return alphabet[(r >> 8) % (sizeof(alphabet) - 1)];
}

TEST(fuzz_random_bytes)
{
	static const unsigned int dims[][3] = {
		{ 1, 1, 0 }, { 2, 3, 1 }, { 7, 5, 3 }, { 80, 25, 50 },
	};

	srand(12345);
	for (size_t d = 0; d < sizeof(dims) / sizeof(dims[0]); d++) {
		struct term *t = term_new(dims[d][0], dims[d][1], dims[d][2]);
		char buf[64], out[VTEMU_REPLY_MAX];

		for (int round = 0; round < 3000; round++) {
			for (size_t i = 0; i < sizeof(buf); i++)
				buf[i] = fuzz_byte();
			vtemu_write(&t->vt, buf, sizeof(buf));
			if (round % 7 == 0)
				vtemu_scroll_view(&t->vt, rand() % 9 - 4);
			if (round % 5 == 0)
				vtemu_take_reply(&t->vt, out, sizeof(out));
			if (round % 50 == 0)
				check_invariants(&t->vt);
		}
		check_invariants(&t->vt);
		term_free(t);
	}
}
