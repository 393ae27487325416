/*
 * Screen console suite (drivers/vt.c on drivers/vga_text.c): sequences
 * written the way tty1 writes them must land in VGA text memory as the
 * right characters and attributes, with the CRTC cursor where the
 * emulator's is, through hardware scrolling and its wrap-around, the
 * alternate screen and the scrollback view. Skipped on a framebuffer.
 */
#include <console.h>
#include <ktest.h>
#include <printk.h>
#include <video.h>
#include <vt.h>
#include <lib/printf.h>
#include <lib/string.h>

/* VGA attributes: background << 4 | foreground, VGA colour numbers. */
#define ATTR(fg, bg)	((bg) << 4 | (fg))
#define VGA_BLACK	0
#define VGA_BLUE	1
#define VGA_RED		4
#define VGA_GREY	7
#define VGA_BRIGHT	8
#define VGA_ROWS	25

static void put(const char *s)
{
	vt_write(s, strlen(s));
}

static bool have_vga(void)
{
	if (vga_text_peek(0, 0) >= 0)
		return true;
	ktest_skip("no VGA text screen");
	return false;
}

/* Does row @row start with @text (and a blank after it)? */
static bool row_is(unsigned int row, const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i <= n; i++) {
		int cell = vga_text_peek(row, i);
		char want = i < n ? text[i] : ' ';

		if (cell < 0 || (char)(cell & 0xff) != want)
			return false;
	}
	return true;
}

static void print_lines(int count)
{
	char line[16];

	for (int i = 0; i < count; i++) {
		snprintf(line, sizeof(line), "%sL%d", i ? "\r\n" : "", i);
		put(line);
	}
}

static void vt_text_and_attributes(void)
{
	if (!have_vga())
		return;
	put("\x1b" "c\x1b[1;31mAB\x1b[0;44mC\x1b[0;7mR\x1b[m");
	KEXPECT_EQ(vga_text_peek(0, 0),
		   ATTR(VGA_RED | VGA_BRIGHT, VGA_BLACK) << 8 | 'A');
	KEXPECT_EQ(vga_text_peek(0, 1),
		   ATTR(VGA_RED | VGA_BRIGHT, VGA_BLACK) << 8 | 'B');
	KEXPECT_EQ(vga_text_peek(0, 2), ATTR(VGA_GREY, VGA_BLUE) << 8 | 'C');
	KEXPECT_EQ(vga_text_peek(0, 3), ATTR(VGA_BLACK, VGA_GREY) << 8 | 'R');
	KEXPECT_EQ(vga_text_peek(0, 4), ATTR(VGA_GREY, VGA_BLACK) << 8 | ' ');
	put("\x1b[1;2H\x1b[P\x1b[1;1H\x1b[@");
	KEXPECT(row_is(0, " ACR"));
	put("\x1b" "c");
}

static void vt_hardware_cursor(void)
{
	unsigned int row = 0, col = 0;

	if (!have_vga())
		return;
	put("\x1b" "c\x1b[5;10H");
	KEXPECT_EQ(vga_text_cursor(&row, &col), 1);
	KEXPECT_EQ(row, 4);
	KEXPECT_EQ(col, 9);
	put("\x1b[?25l");
	KEXPECT_EQ(vga_text_cursor(&row, &col), 0);
	put("\x1b[?25h\x1b[25;80Hx");	/* pending wrap: stays in the cell */
	KEXPECT_EQ(vga_text_cursor(&row, &col), 1);
	KEXPECT_EQ(row, VGA_ROWS - 1);
	KEXPECT_EQ(col, 79);
	put("\x1b" "c");
}

/*
 * Lines scroll the picture in hardware; 450 of them run the VGA window out
 * (32 KiB holds about 16 screens) and the console must redraw from its
 * top. The screen is checked after every line, so the lines right after
 * the wrap-around are seen too.
 */
static void vt_scrolling(void)
{
	char want[16], line[16];
	int bad = 0;

	if (!have_vga())
		return;
	put("\x1b" "c");
	for (int i = 0; i < 450; i++) {
		snprintf(line, sizeof(line), "%sL%d", i ? "\r\n" : "", i);
		put(line);
		if (i < VGA_ROWS - 1)
			continue;
		snprintf(want, sizeof(want), "L%d", i - (VGA_ROWS - 1));
		bad += !row_is(0, want);
		snprintf(want, sizeof(want), "L%d", i - 12);
		bad += !row_is(VGA_ROWS - 13, want);
	}
	KEXPECT_EQ(bad, 0);
	put("\x1b[2;24r\x1b[24;1H\nregion");	/* a region scroll */
	KEXPECT(row_is(0, "L425"));
	KEXPECT(row_is(1, "L427"));
	KEXPECT(row_is(VGA_ROWS - 2, "region"));
	KEXPECT(row_is(VGA_ROWS - 1, "L449"));
	put("\x1b" "c");
}

static void vt_alternate_screen(void)
{
	if (!have_vga())
		return;
	put("\x1b" "cmain text\x1b[?1049h\x1b[Halt");
	KEXPECT(row_is(0, "alt"));
	put("\x1b[?1049l");
	KEXPECT(row_is(0, "main text"));
	put("\x1b" "c");
}

static void vt_scrollback_view(void)
{
	if (!have_vga())
		return;
	put("\x1b" "c");
	print_lines(40);			/* L0-L14 in the scrollback */
	vt_scroll_view(5);
	console_flush();			/* the view draws on a flush */
	KEXPECT(row_is(0, "L10"));
	KEXPECT(row_is(VGA_ROWS - 1, "L34"));
	vt_scroll_view(10);
	console_flush();
	KEXPECT(row_is(0, "L0"));
	KEXPECT(row_is(15, "L15"));
	put("x");				/* output returns to live */
	KEXPECT(row_is(0, "L15"));
	put("\x1b" "c");
}

/* Does row @row hold @text somewhere? */
static bool row_has(unsigned int row, const char *text)
{
	size_t n = strlen(text);

	for (unsigned int c = 0; c + n <= 80; c++) {
		size_t i = 0;

		while (i < n && (vga_text_peek(row, c + i) & 0xff) == text[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* printk draws through the same emulator, beside a program's sequence. */
static void vt_printk_shares_screen(void)
{
	if (!have_vga())
		return;
	put("\x1b" "c\x1b[3");	/* a program's sequence, cut short */
	printk(KERN_ERR "vt probe\n");
	KEXPECT(row_has(0, "] vt probe"));
	put("1mX");			/* ESC[31m: red */
	KEXPECT_EQ(vga_text_peek(1, 0), ATTR(VGA_RED, VGA_BLACK) << 8 | 'X');
	put("\x1b" "c");
}

static const struct ktest_case vt_cases[] = {
	KTEST_CASE(vt_printk_shares_screen),
	KTEST_CASE(vt_text_and_attributes),
	KTEST_CASE(vt_hardware_cursor),
	KTEST_CASE(vt_scrolling),
	KTEST_CASE(vt_alternate_screen),
	KTEST_CASE(vt_scrollback_view),
};

const struct ktest_suite ktest_vt = KTEST_SUITE("vt", vt_cases);
