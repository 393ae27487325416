/*
 * VGA text-mode console: printk's screen on BIOS boots, where GRUB leaves
 * the card in text mode or QEMU's -kernel/PVH boot finds SeaBIOS's 80x25.
 * It owns the text buffer and the CRTC cursor registers. Graphics modes
 * (UEFI) are drivers/fbcon.c's; both are declared in include/video.h.
 */
#include <arch/io.h>
#include <bootinfo.h>
#include <compiler.h>
#include <console.h>
#include <errno.h>
#include <mm.h>
#include <printk.h>
#include <video.h>

/*
 * The text buffer: one 16-bit cell per character, the code in the low
 * byte and the attribute (background << 4 | foreground) in the high byte.
 * Colour text modes map it at 0xB8000-0xBFFFF, the window that goes with
 * the colour CRTC ports below. (IBM VGA Technical Reference, "Memory
 * Map Select", Graphics Controller Miscellaneous Register.)
 */
#define VGA_TEXT_PHYS		0xb8000UL
#define VGA_WINDOW_START	0xb8000UL
#define VGA_WINDOW_END		0xc0000UL
#define VGA_DEFAULT_COLS	80
#define VGA_DEFAULT_ROWS	25
#define VGA_ATTR_GREY		0x07	/* light grey on black */
#define VGA_TAB_WIDTH		8

/*
 * CRT controller: index port 0x3D4, data port 0x3D5 in colour modes.
 * (IBM VGA Technical Reference, "CRT Controller Registers".)
 */
#define CRTC_INDEX		0x3d4
#define CRTC_DATA		0x3d5
#define CRTC_MAX_SCAN_LINE	0x09	/* 4-0: character height - 1 */
#define CRTC_CURSOR_START	0x0a	/* 5: hide; 4-0: first line */
#define CRTC_CURSOR_END		0x0b	/* 4-0: last scan line */
#define CRTC_START_ADDR_HIGH	0x0c
#define CRTC_START_ADDR_LOW	0x0d
#define CRTC_CURSOR_LOC_HIGH	0x0e
#define CRTC_CURSOR_LOC_LOW	0x0f
#define CRTC_SCAN_LINE_MASK	0x1f
#define CRTC_CURSOR_DISABLE	0x20

/*
 * Console state. printk calls ->write with its log_lock held
 * (kernel/printk.c), so the fields need no lock of their own.
 */
static struct {
	volatile uint16_t *buf;
	uint32_t cols, rows;
	uint32_t stride;	/* cells from one row to the next */
	uint32_t col, row;	/* col == cols: the line is full, wrap next */
	uint32_t origin;	/* cell shown at the top left (CRTC start) */
	uint32_t capacity;	/* cells in the window from buf on */
} vga;

static uint8_t crtc_read(uint8_t reg)
{
	outb(CRTC_INDEX, reg);
	return inb(CRTC_DATA);
}

static void crtc_write(uint8_t reg, uint8_t val)
{
	outb(CRTC_INDEX, reg);
	outb(CRTC_DATA, val);
}

static uint16_t vga_cell(char c)
{
	return (uint16_t)VGA_ATTR_GREY << 8 | (uint8_t)c;
}

/* The cell of screen position (row, col). */
static volatile uint16_t *vga_at(uint32_t row, uint32_t col)
{
	return &vga.buf[vga.origin + row * vga.stride + col];
}

static void vga_clear_row(uint32_t row)
{
	volatile uint16_t *p = vga_at(row, 0);

	for (uint32_t c = 0; c < vga.cols; c++)
		p[c] = vga_cell(' ');
}

static void vga_set_origin(uint32_t origin)
{
	vga.origin = origin;
	crtc_write(CRTC_START_ADDR_HIGH, origin >> 8);
	crtc_write(CRTC_START_ADDR_LOW, origin & 0xff);
}

static void vga_move_cursor(void)
{
	uint32_t col = MIN(vga.col, vga.cols - 1);
	uint16_t pos = vga.origin + vga.row * vga.stride + col;

	crtc_write(CRTC_CURSOR_LOC_HIGH, pos >> 8);
	crtc_write(CRTC_CURSOR_LOC_LOW, pos & 0xff);
}

/* Show an underline cursor on the last two scan lines of the cell. */
static void vga_enable_cursor(void)
{
	uint8_t last = crtc_read(CRTC_MAX_SCAN_LINE) & CRTC_SCAN_LINE_MASK;
	uint8_t first = last > 0 ? last - 1 : 0;
	uint8_t start = crtc_read(CRTC_CURSOR_START);
	uint8_t end = crtc_read(CRTC_CURSOR_END);

	start &= ~(CRTC_CURSOR_DISABLE | CRTC_SCAN_LINE_MASK);
	end &= ~CRTC_SCAN_LINE_MASK;
	crtc_write(CRTC_CURSOR_START, start | first);
	crtc_write(CRTC_CURSOR_END, end | last);
}

static void vga_newline(void)
{
	vga.col = 0;
	if (vga.row + 1 < vga.rows) {
		vga.row++;
		return;
	}
	/*
	 * Scroll in hardware: move the CRTC start address down a row, so
	 * only the new row is written. Text memory is slow (each access is
	 * an I/O cycle on real cards and an exit under emulation), and this
	 * is most of what the console costs at boot. When the window runs
	 * out, copy the screen back to the top once.
	 */
	if (vga.origin + (vga.rows + 1) * vga.stride <= vga.capacity) {
		vga_set_origin(vga.origin + vga.stride);
	} else {
		for (uint32_t r = 0; r + 1 < vga.rows; r++)
			for (uint32_t c = 0; c < vga.cols; c++)
				vga.buf[r * vga.stride + c] =
					*vga_at(r + 1, c);
		vga_set_origin(0);
	}
	vga_clear_row(vga.rows - 1);
}

static void vga_putc(char c)
{
	switch (c) {
	case '\n':
		vga_newline();
		break;
	case '\r':
		vga.col = 0;
		break;
	case '\t':
		if (vga.col >= vga.cols)
			vga_newline();
		vga.col = MIN(ALIGN_DOWN(vga.col, VGA_TAB_WIDTH) +
			      VGA_TAB_WIDTH, vga.cols - 1);
		break;
	case '\b':
		if (vga.col >= vga.cols)
			vga.col = vga.cols - 1;
		if (vga.col > 0)
			vga.col--;
		break;
	default:
		if ((uint8_t)c < ' ' || c == 0x7f)
			break;	/* other control characters: not shown */
		if (vga.col >= vga.cols)
			vga_newline();
		*vga_at(vga.row, vga.col++) = vga_cell(c);
		break;
	}
}

static void vga_write(struct console *con, const char *s, size_t len)
{
	(void)con;
	for (size_t i = 0; i < len; i++)
		vga_putc(s[i]);
	vga_move_cursor();
}

static struct console vga_console = {
	.name = "vga",
	.write = vga_write,
};

/*
 * Take the geometry GRUB reported for its text mode; refuse one that would
 * put the buffer outside the VGA window.
 */
static int vga_text_geometry(paddr_t *addr)
{
	const struct boot_framebuffer *fb = &boot_info.fb;
	uint32_t pitch;

	if (fb->type != BOOT_FB_EGA_TEXT) {
		*addr = VGA_TEXT_PHYS;
		vga.cols = VGA_DEFAULT_COLS;
		vga.rows = VGA_DEFAULT_ROWS;
		vga.stride = VGA_DEFAULT_COLS;
		return 0;
	}
	pitch = fb->pitch ? fb->pitch : fb->width * 2;
	if (fb->width == 0 || fb->height == 0 || pitch < fb->width * 2 ||
	    pitch % 2 || fb->addr < VGA_WINDOW_START ||
	    fb->addr >= VGA_WINDOW_END ||
	    (uint64_t)pitch * fb->height > VGA_WINDOW_END - fb->addr) {
		pr_warn("vga: text mode %ux%u pitch %u at %#llx is outside the VGA text window, not using it\n",
			fb->width, fb->height, fb->pitch,
			(unsigned long long)fb->addr);
		return -EINVAL;
	}
	*addr = fb->addr;
	vga.cols = fb->width;
	vga.rows = fb->height;
	vga.stride = pitch / 2;
	return 0;
}

void vga_text_init(void)
{
	paddr_t addr;

	if (boot_info.fb.type == BOOT_FB_RGB)
		return;
	if (boot_info.fb.type == BOOT_FB_NONE && boot_info.efi)
		return;	/* UEFI has no text mode to fall back on */
	if (vga_text_geometry(&addr) < 0)
		return;
	vga.buf = phys_to_virt(addr);
	vga.capacity = (VGA_WINDOW_END - addr) / 2;
	vga.col = 0;
	vga.row = 0;
	/* Show the buffer from its first cell, where we write row 0. */
	vga_set_origin(0);
	for (uint32_t r = 0; r < vga.rows; r++)
		vga_clear_row(r);
	vga_enable_cursor();
	vga_move_cursor();
	console_register(&vga_console);
}
