/*
 * The PS/2 keyboard on the 8042's first port (drivers/i8042.c routes its
 * bytes here from the interrupt handler). Bytes are scan code set 1 (the
 * controller translates); lib/keymap.c turns them into what a terminal
 * sends, which goes to the screen console's tty through vt_input()
 * (drivers/vt.c). This file adds what needs the machine: resetting the
 * keyboard, the lock LEDs (command 0xED, answered through the IRQ),
 * scrollback on Shift+PageUp/PageDown, and Ctrl+Alt+Del, which sends
 * SIGINT to init as Linux does when the key is not set to reboot.
 * Everything here runs with interrupts off and never sleeps.
 */
#include <errno.h>
#include <i8042.h>
#include <printk.h>
#include <process.h>
#include <time.h>
#include <vt.h>
#include <lib/keymap.h>
#include <uapi/signal.h>

#define KBD_CMD_SET_LEDS	0xed
#define KBD_LED_TIMEOUT_NS	(100 * NSEC_PER_MSEC)
#define KBD_LED_TRIES		3
/* Shift+PageUp/PageDown: half of a 25-line text screen. */
#define KBD_SCROLL_LINES	12
#define INIT_PID		1

/*
 * The LED update in flight: 0xED, its ACK, the LED byte, its ACK. The
 * keyboard may still send keys in between; those go to the keymap.
 */
enum led_state {
	LED_IDLE,
	LED_WAIT_CMD_ACK,	/* 0xED sent */
	LED_WAIT_VALUE_ACK,	/* the LED byte sent */
};

/*
 * Lock legend: everything below is touched only by ps2kbd_init() before
 * the controller's interrupts are on, then only by the i8042 interrupt
 * handler (interrupts off, one CPU).
 */
static struct keymap keymap;
static enum led_state led_state;
static bool led_again;		/* the locks changed during an update */
static uint64_t led_since;	/* when the update in flight started */
static int led_tries;

/* The byte of the current LED step: the command, then the LED bits. */
static uint8_t led_byte(void)
{
	return led_state == LED_WAIT_CMD_ACK ? KBD_CMD_SET_LEDS :
					       keymap.locks;
}

static void led_update(void)
{
	/* A keyboard that never answered must not block updates forever. */
	if (led_state != LED_IDLE &&
	    ktime_get_ns() - led_since < KBD_LED_TIMEOUT_NS) {
		led_again = true;
		return;
	}
	led_state = LED_WAIT_CMD_ACK;
	led_again = false;
	led_since = ktime_get_ns();
	led_tries = 0;
	if (i8042_write(I8042_PORT_KBD, KBD_CMD_SET_LEDS))
		led_state = LED_IDLE;
}

/* True when @byte was the keyboard's answer to an LED update step. */
static bool led_reply(uint8_t byte)
{
	if (led_state == LED_IDLE || (byte != PS2_ACK && byte != PS2_RESEND))
		return false;
	if (byte == PS2_RESEND) {
		if (++led_tries >= KBD_LED_TRIES ||
		    i8042_write(I8042_PORT_KBD, led_byte()))
			led_state = LED_IDLE;
		return true;
	}
	led_tries = 0;
	if (led_state == LED_WAIT_CMD_ACK) {
		led_state = LED_WAIT_VALUE_ACK;
		if (i8042_write(I8042_PORT_KBD, keymap.locks))
			led_state = LED_IDLE;
		return true;
	}
	led_state = LED_IDLE;
	if (led_again)
		led_update();
	return true;
}

/*
 * SIGINT to init, if init handles it: a signal whose default action
 * would kill init is dropped, as Linux drops it for its init. PID 1 is
 * never reaped (its exit panics), so it outlives the lock.
 */
static void ctrl_alt_del(void)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	struct process *init = process_of_pid(INIT_PID);
	unsigned long handler = init ?
		init->sighand->action[SIGINT - 1].handler : SIG_DFL;

	spin_unlock_irqrestore(&proc_lock, flags);
	if (handler == SIG_DFL || handler == SIG_IGN) {
		pr_notice("ps2kbd: Ctrl+Alt+Del: init does not handle "
			  "SIGINT; ignored\n");
		return;
	}
	send_signal_process(init, SIGINT, NULL);
}

void ps2kbd_receive(uint8_t byte)
{
	struct keymap_out out;

	if (led_reply(byte))
		return;
	keymap_feed(&keymap, byte,
		    vt_app_cursor_keys() ? KM_APP_CURSOR : 0, &out);
	if (out.len)
		vt_input(out.buf, out.len);
	switch (out.action) {
	case KM_ACT_LEDS:
		led_update();
		break;
	case KM_ACT_SCROLL_BACK:
		vt_scroll_view(KBD_SCROLL_LINES);
		break;
	case KM_ACT_SCROLL_FORWARD:
		vt_scroll_view(-KBD_SCROLL_LINES);
		break;
	case KM_ACT_CTRL_ALT_DEL:
		ctrl_alt_del();
		break;
	case KM_ACT_NONE:
		break;
	}
}

/* Reset (self-test), LEDs off, scanning on. Polled, before the IRQ. */
int ps2kbd_init(void)
{
	uint8_t r;
	int err;

	keymap_init(&keymap);
	err = i8042_command(I8042_PORT_KBD, PS2_CMD_RESET, &r, 1);
	if (err)
		return err;
	if (r != PS2_SELF_TEST_OK) {
		pr_warn("ps2kbd: keyboard self-test failed (0x%02x)\n", r);
		return -EIO;
	}
	if ((err = i8042_command(I8042_PORT_KBD, KBD_CMD_SET_LEDS, NULL,
				 0)) ||
	    (err = i8042_command(I8042_PORT_KBD, keymap.locks, NULL, 0)))
		return err;
	return i8042_command(I8042_PORT_KBD, PS2_CMD_ENABLE, NULL, 0);
}
