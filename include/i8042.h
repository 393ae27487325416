/*
 * The PS/2 controller (8042) and the devices on its two ports: the
 * keyboard (drivers/ps2kbd.c) and the mouse (drivers/ps2mouse.c), whose
 * movements reach user space as /dev/input/mice (drivers/mousedev.c).
 * drivers/i8042.c owns the controller: it finds and tests it, hands each
 * port's device to its driver for set-up, then routes received bytes to
 * them from IRQ 1 and IRQ 12. docs/input.md describes the whole path.
 */
#ifndef I8042_H
#define I8042_H

#include "types.h"

#define I8042_PORT_KBD		1
#define I8042_PORT_AUX		2

/* PS/2 device commands and replies (both devices). */
#define PS2_CMD_RESET		0xff
#define PS2_CMD_ENABLE		0xf4
#define PS2_CMD_DISABLE		0xf5
#define PS2_CMD_SET_RATE	0xf3	/* mouse: sample rate */
#define PS2_CMD_GET_ID		0xf2
#define PS2_ACK			0xfa
#define PS2_RESEND		0xfe
#define PS2_SELF_TEST_OK	0xaa

/*
 * Find the controller and its devices and start them; after
 * devtmpfs_init() (the mouse makes /dev/input/mice). Thread context.
 */
void i8042_init(void);

/*
 * For the device drivers' set-up, which runs from i8042_init() before the
 * controller's interrupts are on, polling the controller.
 *
 * i8042_command(): send @cmd to the device on @port and wait for its
 * acknowledgement (resending when asked); then read @nreply reply bytes
 * into @reply. 0, -ETIMEDOUT, or -EIO (refused).
 */
int i8042_command(int port, uint8_t cmd, uint8_t *reply, int nreply);

/*
 * Put one byte to the device on @port without waiting for a reply (the
 * reply arrives through the IRQ handler). Any context; bounded wait for
 * the controller's input buffer. 0 or -ETIMEDOUT.
 */
int i8042_write(int port, uint8_t byte);

/* The device drivers: set-up (0 or -errno) and one byte from IRQ. */
int ps2kbd_init(void);
void ps2kbd_receive(uint8_t byte);
int ps2mouse_init(void);
void ps2mouse_receive(uint8_t byte);

/*
 * /dev/input/mice (drivers/mousedev.c): make the node (0 or -errno), and
 * report one movement: @dx right, @dy up (the PS/2 direction), @dz wheel
 * (positive: towards the user), @buttons bit 0 left, 1 right, 2 middle.
 * mousedev_report: any context, IRQ handlers included.
 */
int mousedev_init(void);
void mousedev_report(int dx, int dy, int dz, unsigned int buttons);

#endif
