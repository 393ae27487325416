/*
 * The keyboard map (lib/keymap.c): PC scan code set 1 bytes, as the 8042
 * hands them over with translation on, turned into the bytes a terminal
 * sends (US layout, Linux console sequences) and into actions for the
 * driver (lock LEDs, scrollback, Ctrl+Alt+Del). Pure logic: no hardware,
 * no locks; the caller serialises calls on one struct keymap (the PS/2
 * keyboard's IRQ handler is the only caller in the kernel). The host
 * unit tests (tests/unit/test_keymap.c) drive it byte by byte.
 * docs/input.md lists what every key sends.
 */
#ifndef LIB_KEYMAP_H
#define LIB_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

/* Modifier keys held down (struct keymap.mods). */
#define KM_LSHIFT	0x01
#define KM_RSHIFT	0x02
#define KM_LCTRL	0x04
#define KM_RCTRL	0x08
#define KM_LALT		0x10
#define KM_RALT		0x20
#define KM_SHIFT	(KM_LSHIFT | KM_RSHIFT)
#define KM_CTRL		(KM_LCTRL | KM_RCTRL)
#define KM_ALT		(KM_LALT | KM_RALT)

/*
 * Lock toggles (struct keymap.locks). The values are the bits of the
 * PS/2 keyboard's Set LEDs (0xED) argument, so locks is that byte.
 */
#define KM_LOCK_SCROLL	0x01
#define KM_LOCK_NUM	0x02
#define KM_LOCK_CAPS	0x04

/* keymap_feed() flags: the console's state that changes what keys send. */
#define KM_APP_CURSOR	0x01	/* DECCKM: arrows send ESC O A */

/* What a byte asks the driver to do besides sending out->buf. */
enum keymap_action {
	KM_ACT_NONE,
	KM_ACT_LEDS,		/* locks changed: set the LEDs */
	KM_ACT_SCROLL_BACK,	/* Shift+PageUp: view older lines */
	KM_ACT_SCROLL_FORWARD,	/* Shift+PageDown: view newer lines */
	KM_ACT_CTRL_ALT_DEL,
};

struct keymap {
	uint8_t mods;		/* KM_LSHIFT...: modifiers held */
	uint8_t locks;		/* KM_LOCK_*: toggles, the LED byte */
	uint8_t locks_down;	/* lock keys held: autorepeat toggles once */
	bool e0;		/* the previous byte was the 0xE0 prefix */
	uint8_t skip;		/* bytes of a Pause sequence to drop */
};

#define KEYMAP_OUT_MAX	8

struct keymap_out {
	char buf[KEYMAP_OUT_MAX];	/* bytes for the terminal */
	unsigned int len;
	enum keymap_action action;
};

/* All keys up, all locks off. */
void keymap_init(struct keymap *km);

/*
 * One byte from the keyboard. @flags: KM_APP_CURSOR. @out gets the bytes
 * to send (len 0 for most bytes: prefixes, releases, modifiers) and an
 * action. Bytes that are no key (protocol replies, errors, unknown codes)
 * change nothing.
 */
void keymap_feed(struct keymap *km, uint8_t code, unsigned int flags,
		 struct keymap_out *out);

#endif
