/*
 * The PS/2 mouse on the 8042's second port (drivers/i8042.c routes its
 * bytes here from the interrupt handler). Set-up asks for the wheel with
 * the IntelliMouse knock (sample rates 200, 100, 80; the ID becomes 3 and
 * packets grow to 4 bytes), then streams. Packets are assembled here and
 * reported to /dev/input/mice (drivers/mousedev.c).
 * IBM PS/2 Hardware Interface Technical Reference, Pointing Device; the
 * Microsoft IntelliMouse wheel extension of the PS/2 protocol.
 */
#include <errno.h>
#include <i8042.h>
#include <printk.h>
#include <time.h>

#define MOUSE_CMD_SET_STREAM	0xea
#define MOUSE_ID_PLAIN		0x00
#define MOUSE_ID_IMPS		0x03	/* IntelliMouse: a wheel */

/* First byte of a packet: Y overflow, X overflow, Y sign, X sign,
 * always 1, middle, right, left (bits 7 to 0). */
#define PKT_BUTTONS		0x07
#define PKT_ALWAYS_1		0x08
#define PKT_X_SIGN		0x10
#define PKT_Y_SIGN		0x20

/* Bytes further apart than this belong to different packets (a lost
 * byte must not shift every later packet). */
#define PKT_GAP_NS		(500 * NSEC_PER_MSEC)

static const uint8_t imps_knock[] = { 200, 100, 80 };

/*
 * Lock legend: set by ps2mouse_init() before the controller's interrupts
 * are on, then touched only by the i8042 interrupt handler.
 */
static unsigned int packet_size = 3;
static uint8_t packet[4];
static unsigned int packet_have;
static uint64_t last_byte_ns;

static void packet_done(void)
{
	/* 9-bit two's complement: the sign bits are bit 8 */
	int dx = packet[1] - ((packet[0] & PKT_X_SIGN) ? 0x100 : 0);
	int dy = packet[2] - ((packet[0] & PKT_Y_SIGN) ? 0x100 : 0);
	int dz = packet_size == 4 ? (int8_t)packet[3] : 0;

	mousedev_report(dx, dy, dz, packet[0] & PKT_BUTTONS);
}

void ps2mouse_receive(uint8_t byte)
{
	uint64_t now = ktime_get_ns();

	if (packet_have && now - last_byte_ns > PKT_GAP_NS)
		packet_have = 0;
	last_byte_ns = now;
	/* Bit 3 of a first byte is always set: resynchronise on it. */
	if (!packet_have && !(byte & PKT_ALWAYS_1))
		return;
	packet[packet_have++] = byte;
	if (packet_have < packet_size)
		return;
	packet_have = 0;
	packet_done();
}

/* The knock that turns an IntelliMouse's wheel on; then its ID. */
static int mouse_identify(uint8_t *id)
{
	int err = 0;

	for (size_t i = 0; i < sizeof(imps_knock) && !err; i++) {
		err = i8042_command(I8042_PORT_AUX, PS2_CMD_SET_RATE, NULL, 0);
		if (!err)
			err = i8042_command(I8042_PORT_AUX, imps_knock[i],
					    NULL, 0);
	}
	if (!err)
		err = i8042_command(I8042_PORT_AUX, PS2_CMD_GET_ID, id, 1);
	return err;
}

/* Reset, identify, stream mode, make /dev/input/mice, report. Polled. */
int ps2mouse_init(void)
{
	uint8_t r[2], id;
	int err;

	/* A reset answers the self-test result and the ID (0). */
	err = i8042_command(I8042_PORT_AUX, PS2_CMD_RESET, r, 2);
	if (err)
		return err;
	if (r[0] != PS2_SELF_TEST_OK) {
		pr_warn("ps2mouse: self-test failed (0x%02x)\n", r[0]);
		return -EIO;
	}
	if ((err = mouse_identify(&id)))
		return err;
	packet_size = id == MOUSE_ID_IMPS ? 4 : 3;
	if ((err = i8042_command(I8042_PORT_AUX, MOUSE_CMD_SET_STREAM, NULL,
				 0)) ||
	    (err = mousedev_init()) ||
	    (err = i8042_command(I8042_PORT_AUX, PS2_CMD_ENABLE, NULL, 0)))
		return err;
	pr_info("ps2mouse: %s (ID %u), %u-byte packets\n",
		id == MOUSE_ID_IMPS ? "wheel mouse" :
		id == MOUSE_ID_PLAIN ? "standard mouse" : "unknown mouse",
		id, packet_size);
	return 0;
}
