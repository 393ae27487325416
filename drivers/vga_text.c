/*
 * VGA text mode: the screen console's driver on BIOS boots, where GRUB
 * leaves the card in text mode or QEMU's -kernel/PVH boot finds SeaBIOS's
 * 80x25. It owns the text buffer and the CRTC registers (start address,
 * cursor) and draws the cells drivers/vt.c hands it; the terminal itself
 * is drivers/vt.c's. Graphics modes (UEFI) are drivers/fbcon.c's; both are
 * declared in include/video.h.
 */
#include <arch/io.h>
#include <bootinfo.h>
#include <compiler.h>
#include <errno.h>
#include <mm.h>
#include <printk.h>
#include <video.h>
#include <vt.h>

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
 * Attribute Controller: the Mode Control register's bit 3 makes attribute
 * bit 7 blink the character instead of selecting a bright background; we
 * want the 16 backgrounds. Reading Input Status 1 resets the port's
 * index/data flip-flop; the index keeps bit 5 (palette address source)
 * set so the screen stays on. (IBM VGA Technical Reference, "Attribute
 * Controller Registers".)
 */
#define VGA_INPUT_STATUS_1	0x3da
#define VGA_AC_INDEX		0x3c0
#define VGA_AC_READ		0x3c1
#define VGA_AC_PAS		0x20
#define VGA_AC_MODE		0x10
#define VGA_AC_MODE_BLINK	0x08

/*
 * Driver state. drivers/vt.c calls the ops below with its vt_lock held,
 * so the fields need no lock of their own.
 */
static struct {
	volatile uint16_t *buf;
	uint32_t cols, rows;
	uint32_t stride;	/* cells from one row to the next */
	uint32_t origin;	/* cell shown at the top left (CRTC start) */
	uint32_t capacity;	/* cells in the window from buf on */
	uint32_t cursor_pos;	/* where the CRTC cursor is ... */
	bool cursor_on;		/* ... and whether it shows */
} vga;

/* ANSI colour order (red = 1) to the VGA's (blue = 1). */
static const uint8_t vga_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

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

/* The cell of screen position (row, col). */
static volatile uint16_t *vga_at(uint32_t row, uint32_t col)
{
	return &vga.buf[vga.origin + row * vga.stride + col];
}

static void vga_clear_row(uint32_t row)
{
	volatile uint16_t *p = vga_at(row, 0);

	for (uint32_t c = 0; c < vga.cols; c++)
		p[c] = (uint16_t)VGA_ATTR_GREY << 8 | ' ';
}

static void vga_set_origin(uint32_t origin)
{
	vga.origin = origin;
	crtc_write(CRTC_START_ADDR_HIGH, origin >> 8);
	crtc_write(CRTC_START_ADDR_LOW, origin & 0xff);
}

/* The cursor's shape: an underline on the last two scan lines. */
static void vga_show_cursor(bool on)
{
	uint8_t last = crtc_read(CRTC_MAX_SCAN_LINE) & CRTC_SCAN_LINE_MASK;
	uint8_t first = last > 0 ? last - 1 : 0;
	uint8_t start = crtc_read(CRTC_CURSOR_START);
	uint8_t end = crtc_read(CRTC_CURSOR_END);

	start &= ~(CRTC_CURSOR_DISABLE | CRTC_SCAN_LINE_MASK);
	end &= ~CRTC_SCAN_LINE_MASK;
	crtc_write(CRTC_CURSOR_START,
		   start | first | (on ? 0 : CRTC_CURSOR_DISABLE));
	crtc_write(CRTC_CURSOR_END, end | last);
	vga.cursor_on = on;
}

static void vga_disable_blink(void)
{
	uint8_t mode;

	inb(VGA_INPUT_STATUS_1);
	outb(VGA_AC_INDEX, VGA_AC_PAS | VGA_AC_MODE);
	mode = inb(VGA_AC_READ);
	outb(VGA_AC_INDEX, mode & ~VGA_AC_MODE_BLINK);
}

static void vga_put(unsigned int row, unsigned int col, uint8_t ch,
		    uint8_t fg, uint8_t bg, bool underline)
{
	/* Colour text modes have no underline (only monochrome ones). */
	uint8_t attr = (vga_colour[bg & 7] | (bg & 8)) << 4 |
		       vga_colour[fg & 7] | (fg & 8);

	*vga_at(row, col) = (uint16_t)attr << 8 | ch;
}

/*
 * Scroll in hardware: move the CRTC start address down, so only the new
 * rows are written. Text memory is slow (each access is an I/O cycle on
 * real cards and an exit under emulation), and this is most of what the
 * console costs at boot. When the window runs out, start again at its top
 * and let the console redraw the screen once.
 */
static bool vga_scroll(unsigned int n)
{
	if (vga.origin + (vga.rows + n) * vga.stride <= vga.capacity) {
		vga_set_origin(vga.origin + n * vga.stride);
		return true;
	}
	vga_set_origin(0);
	return false;
}

static void vga_cursor(unsigned int row, unsigned int col, bool visible)
{
	uint32_t pos = vga.origin + row * vga.stride + col;

	if (visible != vga.cursor_on)
		vga_show_cursor(visible);
	if (!visible || pos == vga.cursor_pos)
		return;
	crtc_write(CRTC_CURSOR_LOC_HIGH, pos >> 8);
	crtc_write(CRTC_CURSOR_LOC_LOW, pos & 0xff);
	vga.cursor_pos = pos;
}

static const struct vt_screen_ops vga_ops = {
	.put = vga_put,
	.scroll = vga_scroll,
	.cursor = vga_cursor,
};

int vga_text_peek(unsigned int row, unsigned int col)
{
	if (!vga.buf || row >= vga.rows || col >= vga.cols)
		return -1;
	return *vga_at(row, col);
}

int vga_text_cursor(unsigned int *row, unsigned int *col)
{
	uint32_t pos;

	if (!vga.buf)
		return -1;
	pos = (uint32_t)crtc_read(CRTC_CURSOR_LOC_HIGH) << 8 |
	      crtc_read(CRTC_CURSOR_LOC_LOW);
	if (pos < vga.origin)
		return -1;
	*row = (pos - vga.origin) / vga.stride;
	*col = (pos - vga.origin) % vga.stride;
	return crtc_read(CRTC_CURSOR_START) & CRTC_CURSOR_DISABLE ? 0 : 1;
}

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
	/* Show the buffer from its first cell, where we write row 0. */
	vga_set_origin(0);
	for (uint32_t r = 0; r < vga.rows; r++)
		vga_clear_row(r);
	vga_disable_blink();
	vga.cursor_pos = UINT32_MAX;
	vga_show_cursor(true);
	vt_attach(&vga_ops, vga.cols, vga.rows);
}
