/*
 * The keyboard map: scan code set 1 (what the 8042 produces with
 * translation on) to terminal bytes, US layout, the sequences of the
 * Linux console (TERM=linux). The PS/2 keyboard driver
 * (drivers/ps2kbd.c) feeds it from its IRQ handler; include/lib/keymap.h
 * has the interface and docs/input.md the table of what each key sends.
 *
 * A set 1 byte is a key number (bits 0-6) and a release bit (bit 7),
 * after an optional 0xE0 prefix for the keys the XT keyboard did not
 * have (right Ctrl and Alt, the arrow and editing blocks, keypad Enter
 * and /). Pause sends 0xE1 1D 45 E1 9D C5 and nothing on release.
 * IBM PS/2 Hardware Interface Technical Reference, Keyboards (101- and
 * 102-Key), scan code set 1.
 */
#include <lib/keymap.h>
#include <lib/string.h>
#include <compiler.h>

#define SC_RELEASE	0x80
#define SC_PREFIX_E0	0xe0
#define SC_PREFIX_E1	0xe1
#define SC_PAUSE_LEN	2	/* bytes after each 0xE1 of the sequence */

/* Set 1 key numbers that are not plain characters. */
#define SC_ESC		0x01
#define SC_BACKSPACE	0x0e
#define SC_LCTRL	0x1d	/* E0: right Ctrl */
#define SC_LSHIFT	0x2a
#define SC_RSHIFT	0x36
#define SC_KP_STAR	0x37
#define SC_LALT		0x38	/* E0: right Alt */
#define SC_CAPS		0x3a
#define SC_F1		0x3b	/* to F10 at 0x44 */
#define SC_F10		0x44
#define SC_NUM		0x45
#define SC_SCROLL	0x46
#define SC_KP7		0x47	/* keypad block 0x47-0x53 */
#define SC_KP_MINUS	0x4a
#define SC_KP_PLUS	0x4e
#define SC_KP_DOT	0x53	/* E0: Delete */
#define SC_F11		0x57
#define SC_F12		0x58
#define SC_E0_KP_ENTER	0x1c
#define SC_E0_KP_SLASH	0x35

/* Plain keys 0x00-0x39: unshifted and shifted; 0 marks "not a char". */
static const char plain_map[] =
	"\0\033" "1234567890-=" "\177\t" "qwertyuiop[]" "\r\0"
	"asdfghjkl;'`" "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char shift_map[] =
	"\0\033" "!@#$%^&*()_+" "\177\t" "QWERTYUIOP{}" "\r\0"
	"ASDFGHJKL:\"~" "\0|" "ZXCVBNM<>?" "\0*\0 ";

STATIC_ASSERT(sizeof(plain_map) == 0x3a + 1);
STATIC_ASSERT(sizeof(shift_map) == sizeof(plain_map));

/* Keypad 0x47-0x53 with Num Lock on. */
static const char keypad_digits[] = "789-456+1230.";

/* The editing and cursor keys, as the keypad does them without Num Lock. */
static const char *const nav_seq[] = {
	[SC_KP7 - SC_KP7]	= "\033[1~",	/* Home */
	[0x48 - SC_KP7]		= "\033[A",	/* Up */
	[0x49 - SC_KP7]		= "\033[5~",	/* Page Up */
	[0x4b - SC_KP7]		= "\033[D",	/* Left */
	[0x4c - SC_KP7]		= "\033[G",	/* keypad 5 */
	[0x4d - SC_KP7]		= "\033[C",	/* Right */
	[0x4f - SC_KP7]		= "\033[4~",	/* End */
	[0x50 - SC_KP7]		= "\033[B",	/* Down */
	[0x51 - SC_KP7]		= "\033[6~",	/* Page Down */
	[0x52 - SC_KP7]		= "\033[2~",	/* Insert */
	[SC_KP_DOT - SC_KP7]	= "\033[3~",	/* Delete */
};

#define SC_PGUP		0x49
#define SC_PGDN		0x51

static const char *const fkey_seq[] = {
	"\033[[A", "\033[[B", "\033[[C", "\033[[D", "\033[[E",
	"\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~",
	"\033[23~", "\033[24~",
};

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof(*km));
}

static void emit(struct keymap_out *out, const char *s, size_t n)
{
	if (out->len + n > KEYMAP_OUT_MAX)
		return;
	memcpy(out->buf + out->len, s, n);
	out->len += n;
}

static void emit_str(struct keymap_out *out, const char *s)
{
	emit(out, s, strlen(s));
}

/* A modifier key's bit, or 0. */
static uint8_t modifier_bit(uint8_t key, bool e0)
{
	switch (key) {
	case SC_LSHIFT:
		return e0 ? 0 : KM_LSHIFT;	/* E0 2A: a fake shift */
	case SC_RSHIFT:
		return e0 ? 0 : KM_RSHIFT;
	case SC_LCTRL:
		return e0 ? KM_RCTRL : KM_LCTRL;
	case SC_LALT:
		return e0 ? KM_RALT : KM_LALT;
	default:
		return 0;
	}
}

static uint8_t lock_bit(uint8_t key, bool e0)
{
	if (e0)
		return 0;
	switch (key) {
	case SC_CAPS:
		return KM_LOCK_CAPS;
	case SC_NUM:
		return KM_LOCK_NUM;
	case SC_SCROLL:
		return KM_LOCK_SCROLL;
	default:
		return 0;
	}
}

/* Ctrl on a character, as terminals do it (xterm, the Linux console). */
static char ctrl_char(char c, uint8_t key)
{
	/* The VT220 row: Ctrl+2 is NUL, Ctrl+3..7 are ESC..US, Ctrl+8 DEL */
	static const char ctrl_digits[] = "\0\033\034\035\036\037\177";

	if (key == SC_BACKSPACE)
		return '\b';
	if (c >= '2' && c <= '8')
		return ctrl_digits[c - '2'];
	if (c == ' ')
		return 0;
	if (c == '/')
		return 0x1f;
	if (c == '?')
		return 0x7f;
	if (c >= 0x40 && c <= 0x7e)	/* @ A-Z [ \ ] ^ _ ` a-z { | } ~ */
		return c & 0x1f;
	return c;
}

/* A key of the main block (0x01-0x39) that types a character. */
static void char_key(const struct keymap *km, uint8_t key,
		     struct keymap_out *out)
{
	bool shift = km->mods & KM_SHIFT;
	char c = plain_map[key];

	if (c >= 'a' && c <= 'z' && (km->locks & KM_LOCK_CAPS))
		shift = !shift;
	if (shift)
		c = shift_map[key];
	if (km->mods & KM_CTRL)
		c = ctrl_char(c, key);
	if (km->mods & KM_ALT)
		emit(out, "\033", 1);	/* meta sends escape */
	emit(out, &c, 1);
}

static void arrow_key(uint8_t key, unsigned int flags,
		      struct keymap_out *out)
{
	const char *s = nav_seq[key - SC_KP7];

	if (flags & KM_APP_CURSOR) {
		char app[3] = { '\033', 'O', s[2] };

		emit(out, app, sizeof(app));
		return;
	}
	emit_str(out, s);
}

static bool ctrl_alt_del(const struct keymap *km, uint8_t key)
{
	return (km->mods & KM_CTRL) && (km->mods & KM_ALT) &&
	       key == SC_KP_DOT;
}

/* Arrows, editing keys, and the keypad with Num Lock off. */
static void nav_key(const struct keymap *km, uint8_t key, unsigned int flags,
		    struct keymap_out *out)
{
	if (ctrl_alt_del(km, key)) {
		out->action = KM_ACT_CTRL_ALT_DEL;
		return;
	}
	if ((km->mods & KM_SHIFT) && (key == SC_PGUP || key == SC_PGDN)) {
		out->action = key == SC_PGUP ? KM_ACT_SCROLL_BACK :
					       KM_ACT_SCROLL_FORWARD;
		return;
	}
	if (key == 0x48 || key == 0x4b || key == 0x4d || key == 0x50)
		arrow_key(key, flags, out);
	else
		emit_str(out, nav_seq[key - SC_KP7]);
}

static bool is_nav(uint8_t key)
{
	return key >= SC_KP7 && key <= SC_KP_DOT && key != SC_KP_MINUS &&
	       key != SC_KP_PLUS;
}

/* A lock key went down: toggle once per press, not per autorepeat. */
static void lock_key(struct keymap *km, uint8_t bit, bool release,
		     struct keymap_out *out)
{
	if (release) {
		km->locks_down &= ~bit;
		return;
	}
	if (km->locks_down & bit)
		return;
	km->locks_down |= bit;
	km->locks ^= bit;
	out->action = KM_ACT_LEDS;
}

/* A key press after an 0xE0 prefix (modifiers handled already). */
static void e0_key(struct keymap *km, uint8_t key, unsigned int flags,
		   struct keymap_out *out)
{
	if (key == SC_E0_KP_ENTER)
		emit(out, "\r", 1);
	else if (key == SC_E0_KP_SLASH)
		emit(out, "/", 1);
	else if (is_nav(key) && nav_seq[key - SC_KP7] && key != 0x4c)
		nav_key(km, key, flags, out);
	/* Print Screen, Ctrl+Break, the Windows and menu keys: nothing. */
}

static void plain_key(struct keymap *km, uint8_t key, unsigned int flags,
		      struct keymap_out *out)
{
	if (key < sizeof(plain_map) - 1 && plain_map[key]) {
		if (key == SC_KP_STAR)
			emit(out, "*", 1);
		else
			char_key(km, key, out);
	} else if (key >= SC_F1 && key <= SC_F10) {
		emit_str(out, fkey_seq[key - SC_F1]);
	} else if (key == SC_F11 || key == SC_F12) {
		emit_str(out, fkey_seq[10 + key - SC_F11]);
	} else if (key == SC_KP_MINUS || key == SC_KP_PLUS) {
		emit(out, key == SC_KP_MINUS ? "-" : "+", 1);
	} else if (is_nav(key)) {
		/* Ctrl+Alt+keypad Del is Ctrl+Alt+Del with Num Lock too */
		if ((km->locks & KM_LOCK_NUM) && !ctrl_alt_del(km, key))
			emit(out, &keypad_digits[key - SC_KP7], 1);
		else
			nav_key(km, key, flags, out);
	}
}

void keymap_feed(struct keymap *km, uint8_t code, unsigned int flags,
		 struct keymap_out *out)
{
	bool e0 = km->e0, release = code & SC_RELEASE;
	uint8_t key = code & ~SC_RELEASE, bit;

	out->len = 0;
	out->action = KM_ACT_NONE;
	km->e0 = false;
	if (km->skip) {
		km->skip--;
		return;
	}
	if (code == SC_PREFIX_E0) {
		km->e0 = true;
		return;
	}
	if (code == SC_PREFIX_E1) {
		km->skip = SC_PAUSE_LEN;
		return;
	}
	if ((bit = modifier_bit(key, e0))) {
		km->mods = release ? km->mods & ~bit : km->mods | bit;
	} else if ((bit = lock_bit(key, e0))) {
		lock_key(km, bit, release, out);
	} else if (!release) {
		if (e0)
			e0_key(km, key, flags, out);
		else
			plain_key(km, key, flags, out);
	}
}
