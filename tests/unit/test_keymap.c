/*
 * Host tests for lib/keymap.c, the scan code set 1 to terminal bytes map
 * under the PS/2 keyboard driver: letters and symbols with Shift, Caps
 * Lock (letters only, toggled once per press), Ctrl and Alt, the keypad
 * with and without Num Lock, E0 keys, arrows in both cursor modes, the
 * editing and function keys, Shift+PageUp/PageDown, Ctrl+Alt+Del, the
 * Pause sequence, and bytes that are no key at all.
 */
#include <stdbool.h>
#include <stdint.h>
#include "lib/keymap.h"
#include "unittest.h"

#define REL	0x80

/* Set 1 make codes used below. */
#define K_ESC	0x01
#define K_1	0x02
#define K_2	0x03
#define K_6	0x07
#define K_MINUS	0x0c
#define K_BKSP	0x0e
#define K_TAB	0x0f
#define K_Q	0x10
#define K_LBRK	0x1a
#define K_RBRK	0x1b
#define K_ENTER	0x1c
#define K_CTRL	0x1d
#define K_A	0x1e
#define K_C	0x2e
#define K_Z	0x2c
#define K_SEMI	0x27
#define K_LSH	0x2a
#define K_BSL	0x2b
#define K_SLASH	0x35
#define K_RSH	0x36
#define K_KPMUL	0x37
#define K_ALT	0x38
#define K_SPACE	0x39
#define K_CAPS	0x3a
#define K_F1	0x3b
#define K_F5	0x3f
#define K_F6	0x40
#define K_F10	0x44
#define K_NUM	0x45
#define K_SCRL	0x46
#define K_KP7	0x47
#define K_KP8	0x48
#define K_KP9	0x49
#define K_KPMIN	0x4a
#define K_KP5	0x4c
#define K_KPPLS	0x4e
#define K_KP1	0x4f
#define K_KP3	0x51
#define K_KP0	0x52
#define K_KPDOT	0x53
#define K_F11	0x57
#define K_F12	0x58

static struct keymap km;
static char text[256];
static size_t text_len;
static enum keymap_action last_action;
static unsigned int feed_flags;

static void reset(void)
{
	keymap_init(&km);
	text_len = 0;
	text[0] = '\0';
	last_action = KM_ACT_NONE;
	feed_flags = 0;
}

/* Feed bytes; collect what they send and the last action. */
static void feed(const uint8_t *codes, size_t n)
{
	struct keymap_out out;

	for (size_t i = 0; i < n; i++) {
		keymap_feed(&km, codes[i], feed_flags, &out);
		EXPECT(out.len <= KEYMAP_OUT_MAX);
		for (unsigned int j = 0; j < out.len; j++)
			if (text_len < sizeof(text) - 1)
				text[text_len++] = out.buf[j];
		text[text_len] = '\0';
		if (out.action != KM_ACT_NONE)
			last_action = out.action;
	}
}

#define FEED(...)							\
	do {								\
		static const uint8_t _c[] = { __VA_ARGS__ };		\
		feed(_c, sizeof(_c));					\
	} while (0)

/* Press and release a key; @e0 for the extended ones. */
static void tap(uint8_t key, bool e0)
{
	uint8_t seq[4] = { 0xe0, key, 0xe0, key | REL };

	if (e0) {
		feed(seq, 4);
	} else {
		feed(&seq[1], 1);
		feed(&seq[3], 1);
	}
}

/* What @key sends alone, after a reset with the given state. */
static const char *sends(uint8_t key, bool e0)
{
	text_len = 0;
	text[0] = '\0';
	tap(key, e0);
	return text;
}

static bool sent(const char *want, size_t n)
{
	return text_len == n && memcmp_host(text, want, n) == 0;
}

TEST(letters_digits_symbols)
{
	reset();
	EXPECT_STREQ(sends(K_A, false), "a");
	EXPECT_STREQ(sends(K_Q, false), "q");
	EXPECT_STREQ(sends(K_Z, false), "z");
	EXPECT_STREQ(sends(K_1, false), "1");
	EXPECT_STREQ(sends(K_MINUS, false), "-");
	EXPECT_STREQ(sends(K_SEMI, false), ";");
	EXPECT_STREQ(sends(K_BSL, false), "\\");
	EXPECT_STREQ(sends(K_SLASH, false), "/");
	EXPECT_STREQ(sends(K_SPACE, false), " ");
	EXPECT_STREQ(sends(K_KPMUL, false), "*");
}

TEST(special_keys)
{
	reset();
	EXPECT_STREQ(sends(K_ENTER, false), "\r");
	EXPECT_STREQ(sends(K_BKSP, false), "\177");
	EXPECT_STREQ(sends(K_TAB, false), "\t");
	EXPECT_STREQ(sends(K_ESC, false), "\033");
}

TEST(shift_both_sides)
{
	reset();
	FEED(K_LSH, K_A, K_A | REL, K_1, K_1 | REL, K_LSH | REL, K_A);
	EXPECT_STREQ(text, "A!a");
	reset();
	FEED(K_RSH, K_SEMI, K_SLASH, K_BSL, K_RSH | REL, K_SEMI);
	EXPECT_STREQ(text, ":?|;");
}

TEST(release_sends_nothing)
{
	reset();
	FEED(K_A | REL, K_ENTER | REL, K_F1 | REL, 0xe0, 0x48 | REL);
	EXPECT_EQ(text_len, 0);
	EXPECT_EQ(last_action, KM_ACT_NONE);
}

TEST(autorepeat_repeats)
{
	reset();
	FEED(K_A, K_A, K_A, K_A | REL);
	EXPECT_STREQ(text, "aaa");
}

TEST(caps_lock_letters_only)
{
	reset();
	FEED(K_CAPS, K_CAPS | REL);
	EXPECT_EQ(last_action, KM_ACT_LEDS);
	EXPECT_EQ(km.locks, KM_LOCK_CAPS);
	FEED(K_A, K_1, K_SEMI, K_LSH, K_A, K_1, K_LSH | REL);
	EXPECT_STREQ(text, "A1;a!");
	/* A second press turns it off again. */
	FEED(K_CAPS, K_CAPS | REL, K_A);
	EXPECT_EQ(km.locks, 0);
	EXPECT_STREQ(text, "A1;a!a");
}

TEST(caps_lock_autorepeat_toggles_once)
{
	reset();
	FEED(K_CAPS, K_CAPS, K_CAPS, K_CAPS | REL);
	EXPECT_EQ(km.locks, KM_LOCK_CAPS);
}

TEST(num_and_scroll_lock_leds)
{
	reset();
	FEED(K_NUM, K_NUM | REL);
	EXPECT_EQ(km.locks, KM_LOCK_NUM);
	EXPECT_EQ(last_action, KM_ACT_LEDS);
	FEED(K_SCRL, K_SCRL | REL);
	EXPECT_EQ(km.locks, KM_LOCK_NUM | KM_LOCK_SCROLL);
	/* The locks are the LED byte of command 0xED: bit 0 Scroll,
	 * bit 1 Num, bit 2 Caps. */
	FEED(K_CAPS);
	EXPECT_EQ(km.locks, 0x07);
	EXPECT_EQ(text_len, 0);
}

TEST(ctrl_letters_and_symbols)
{
	reset();
	FEED(K_CTRL, K_A, K_C, K_Z, K_LBRK, K_BSL, K_RBRK, K_SPACE, K_2);
	EXPECT(sent("\001\003\032\033\034\035\000\000", 8));
	reset();
	/* Ctrl+^ and Ctrl+_ are Ctrl+Shift+6 and Ctrl+Shift+-; right Ctrl */
	FEED(0xe0, K_CTRL, K_LSH, K_6, K_MINUS);
	EXPECT(sent("\036\037", 2));
	reset();
	FEED(K_CTRL, K_CTRL | REL, K_C);
	EXPECT_STREQ(text, "c");
}

TEST(ctrl_with_caps_and_digits)
{
	reset();
	/* Caps Lock does not change what Ctrl+letter sends */
	FEED(K_CAPS, K_CAPS | REL, K_CTRL, K_A);
	EXPECT(sent("\001", 1));
	reset();
	FEED(K_CTRL, K_1, K_BKSP, K_ENTER);
	EXPECT(sent("1\b\r", 3));
}

TEST(alt_prefixes_escape)
{
	reset();
	FEED(K_ALT, K_A, K_LSH, K_A, K_LSH | REL, K_ALT | REL, K_A);
	EXPECT_STREQ(text, "\033a\033Aa");
	reset();
	/* right Alt (E0 38) too, and Alt+Ctrl+letter */
	FEED(0xe0, K_ALT, K_CTRL, K_C, K_CTRL | REL, K_BKSP);
	EXPECT(sent("\033\003\033\177", 4));
	FEED(0xe0, K_ALT | REL, K_C);
	EXPECT(sent("\033\003\033\177c", 5));
}

TEST(arrows_both_modes)
{
	reset();
	EXPECT_STREQ(sends(0x48, true), "\033[A");
	EXPECT_STREQ(sends(0x50, true), "\033[B");
	EXPECT_STREQ(sends(0x4d, true), "\033[C");
	EXPECT_STREQ(sends(0x4b, true), "\033[D");
	feed_flags = KM_APP_CURSOR;
	EXPECT_STREQ(sends(0x48, true), "\033OA");
	EXPECT_STREQ(sends(0x4b, true), "\033OD");
	/* application mode changes only the arrows */
	EXPECT_STREQ(sends(0x47, true), "\033[1~");
}

TEST(editing_keys)
{
	reset();
	EXPECT_STREQ(sends(0x47, true), "\033[1~");
	EXPECT_STREQ(sends(0x4f, true), "\033[4~");
	EXPECT_STREQ(sends(0x52, true), "\033[2~");
	EXPECT_STREQ(sends(0x53, true), "\033[3~");
	EXPECT_STREQ(sends(0x49, true), "\033[5~");
	EXPECT_STREQ(sends(0x51, true), "\033[6~");
}

TEST(editing_keys_ignore_num_lock)
{
	reset();
	FEED(K_NUM, K_NUM | REL);
	EXPECT_STREQ(sends(0x47, true), "\033[1~");
	EXPECT_STREQ(sends(0x48, true), "\033[A");
}

TEST(function_keys)
{
	static const char *const want[] = {
		"\033[[A", "\033[[B", "\033[[C", "\033[[D", "\033[[E",
		"\033[17~", "\033[18~", "\033[19~", "\033[20~", "\033[21~",
	};

	reset();
	for (int i = 0; i < 10; i++)
		EXPECT_STREQ(sends(K_F1 + i, false), want[i]);
	EXPECT_STREQ(sends(K_F11, false), "\033[23~");
	EXPECT_STREQ(sends(K_F12, false), "\033[24~");
	EXPECT_STREQ(sends(K_F5, false), "\033[[E");
	EXPECT_STREQ(sends(K_F6, false), "\033[17~");
	EXPECT_STREQ(sends(K_F10, false), "\033[21~");
}

TEST(keypad_num_lock_on)
{
	reset();
	FEED(K_NUM, K_NUM | REL);
	FEED(K_KP7, K_KP8, K_KP9, K_KPMIN, 0x4b, K_KP5, 0x4d, K_KPPLS,
	     K_KP1, 0x50, K_KP3, K_KP0, K_KPDOT, K_KPMUL);
	EXPECT_STREQ(text, "789-456+1230.*");
	reset();
	FEED(K_NUM, K_NUM | REL, 0xe0, 0x1c, 0xe0, 0x35);
	EXPECT_STREQ(text, "\r/");
}

TEST(keypad_num_lock_off)
{
	reset();
	EXPECT_STREQ(sends(K_KP7, false), "\033[1~");
	EXPECT_STREQ(sends(K_KP8, false), "\033[A");
	EXPECT_STREQ(sends(K_KP9, false), "\033[5~");
	EXPECT_STREQ(sends(K_KP5, false), "\033[G");
	EXPECT_STREQ(sends(K_KP1, false), "\033[4~");
	EXPECT_STREQ(sends(K_KP0, false), "\033[2~");
	EXPECT_STREQ(sends(K_KPDOT, false), "\033[3~");
	/* the operators and keypad Enter do not depend on Num Lock */
	EXPECT_STREQ(sends(K_KPMIN, false), "-");
	EXPECT_STREQ(sends(K_KPPLS, false), "+");
	EXPECT_STREQ(sends(0x1c, true), "\r");
	EXPECT_STREQ(sends(0x35, true), "/");
}

TEST(shift_page_up_down_scroll)
{
	reset();
	FEED(K_LSH, 0xe0, 0x49);
	EXPECT_EQ(last_action, KM_ACT_SCROLL_BACK);
	FEED(0xe0, 0x51);
	EXPECT_EQ(last_action, KM_ACT_SCROLL_FORWARD);
	EXPECT_EQ(text_len, 0);
	FEED(K_LSH | REL, 0xe0, 0x49);
	EXPECT_STREQ(text, "\033[5~");
}

TEST(ctrl_alt_del)
{
	reset();
	FEED(K_CTRL, K_ALT, 0xe0, 0x53);
	EXPECT_EQ(last_action, KM_ACT_CTRL_ALT_DEL);
	EXPECT_EQ(text_len, 0);
	/* keypad Del too, whatever Num Lock says */
	reset();
	FEED(K_NUM, K_NUM | REL, 0xe0, K_CTRL, 0xe0, K_ALT, K_KPDOT);
	EXPECT_EQ(last_action, KM_ACT_CTRL_ALT_DEL);
	EXPECT_EQ(text_len, 0);
	/* Ctrl+Del alone is Delete */
	reset();
	FEED(K_CTRL, 0xe0, 0x53);
	EXPECT_EQ(last_action, KM_ACT_NONE);
	EXPECT_STREQ(text, "\033[3~");
}

TEST(pause_sequence_swallowed)
{
	reset();
	FEED(0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, K_A);
	EXPECT_STREQ(text, "a");
	/* its 1D and 45 did not press Ctrl or toggle Num Lock */
	EXPECT_EQ(km.mods, 0);
	EXPECT_EQ(km.locks, 0);
	EXPECT_EQ(last_action, KM_ACT_NONE);
}

TEST(print_screen_fake_shifts_ignored)
{
	reset();
	/* Print Screen: E0 2A E0 37, released E0 B7 E0 AA */
	FEED(0xe0, 0x2a, 0xe0, 0x37, 0xe0, 0xb7, 0xe0, 0xaa, K_A);
	EXPECT_STREQ(text, "a");
	EXPECT_EQ(km.mods, 0);
	/* with Shift held, the fake shift release must not drop it */
	reset();
	FEED(K_LSH, 0xe0, 0xaa, 0xe0, 0x48, 0xe0, 0x2a, K_A);
	EXPECT_STREQ(text, "\033[AA");
}

TEST(windows_keys_and_ctrl_break_ignored)
{
	reset();
	FEED(0xe0, 0x5b, 0xe0, 0xdb, 0xe0, 0x5d, 0xe0, 0xdd,
	     0xe0, 0x46, 0xe0, 0xc6);
	EXPECT_EQ(text_len, 0);
	EXPECT_EQ(km.locks, 0);
}

TEST(garbage_bytes_ignored)
{
	/* overrun, ack, echo, resend, failures and unknown keys */
	static const uint8_t junk[] = {
		0x00, 0xff, 0xfa, 0xee, 0xfe, 0xfc, 0xfd, 0x54, 0x55, 0x56,
		0x59, 0x5a, 0x7f, 0xd9, 0x70, 0x73, 0x79, 0x7b, 0x7d,
	};

	reset();
	feed(junk, sizeof(junk));
	EXPECT_EQ(text_len, 0);
	EXPECT_EQ(km.mods, 0);
	EXPECT_EQ(km.locks, 0);
	EXPECT_EQ(last_action, KM_ACT_NONE);
	FEED(K_A);
	EXPECT_STREQ(text, "a");
}

TEST(every_byte_any_state_is_safe)
{
	/* Every byte after every prefix and modifier state: nothing
	 * overflows the output (ASan) and keys still work afterwards. */
	reset();
	for (int mods = 0; mods < 8; mods++) {
		for (int b = 0; b < 256; b++) {
			uint8_t seq[2] = { 0xe0, (uint8_t)b };

			if (mods & 1)
				FEED(K_LSH);
			if (mods & 2)
				FEED(K_CTRL);
			if (mods & 4)
				FEED(K_ALT);
			feed(&seq[1], 1);
			feed(seq, 2);
			FEED(K_LSH | REL, K_CTRL | REL, K_ALT | REL);
			FEED(0xe0, K_CTRL | REL, 0xe0, K_ALT | REL);
			km.skip = 0;
			km.e0 = false;
		}
	}
	keymap_init(&km);
	text_len = 0;
	FEED(K_A);
	EXPECT_STREQ(text, "a");
}
