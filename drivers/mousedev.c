/*
 * /dev/input/mice (char 13,63): every mouse's movements as a PS/2 mouse
 * would send them, the way Linux's mousedev offers them. Each open file
 * is a client with its own queue and its own protocol state: it starts
 * as a plain PS/2 mouse (3-byte packets, ID 0); writing the IntelliMouse
 * knock (0xF3 200, 0xF3 100, 0xF3 80) turns it into an ImPS/2 one
 * (4-byte packets with the wheel, ID 3). Written commands are answered
 * in the read stream (0xFA, and the ID after 0xF2) before any packet.
 * Mice (drivers/ps2mouse.c) report with mousedev_report(). The protocol
 * is described in docs/input.md.
 */
#include <errno.h>
#include <i8042.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <spinlock.h>
#include <uaccess.h>
#include <vfs.h>
#include <wait.h>
#include <lib/list.h>
#include <lib/string.h>

#define MICE_MAJOR		13
#define MICE_MINOR		63
#define MICE_QUEUE		64	/* movements queued per client */
#define MICE_REPLY_MAX		16	/* reply bytes per client */
#define MICE_IO_CHUNK		64

/* What a client can ask the emulated mouse (PS/2 mouse commands). */
#define CMD_SET_RESOLUTION	0xe8	/* one argument byte */
#define CMD_STATUS_REQUEST	0xe9
#define ID_PS2			0x00
#define ID_IMPS			0x03
/* Status request: stream mode, reporting on; resolution 4/mm; 100/s */
#define STATUS_REPORTING	0x20
#define STATUS_RESOLUTION	0x02
#define STATUS_RATE		100

/* First packet byte; PS/2 mice clamp to 9 bits and say so. */
#define PKT_ALWAYS_1		0x08
#define PKT_X_SIGN		0x10
#define PKT_Y_SIGN		0x20
#define PKT_X_OVERFLOW		0x40
#define PKT_Y_OVERFLOW		0x80
#define PKT_MOVE_MIN		(-256)
#define PKT_MOVE_MAX		255
#define PKT_WHEEL_MAX		127

struct mice_event {
	int dx, dy, dz;
	unsigned int buttons;
};

/*
 * Lock legend: mice_lock guards the client list and every field of every
 * client; taken with interrupts off, as the IRQ handler reports.
 */
struct mice_client {
	struct list_head node;
	struct mice_event ev[MICE_QUEUE];	/* a ring */
	unsigned int ev_head, ev_count;
	uint8_t reply[MICE_REPLY_MAX];		/* answers to commands */
	unsigned int reply_len;
	uint8_t pkt[4];				/* a packet partly read */
	unsigned int pkt_len, pkt_off;
	bool imps;				/* 4-byte packets, ID 3 */
	uint8_t rates[3];			/* last sample rates set */
	uint8_t arg_for;			/* awaiting its argument */
};

static DEFINE_SPINLOCK(mice_lock);
static LIST_HEAD(mice_clients);
static DEFINE_WAIT_QUEUE(mice_wait);

static int clamp(int v, int lo, int hi, bool *clamped)
{
	*clamped = v < lo || v > hi;
	return v < lo ? lo : v > hi ? hi : v;
}

/* The packet for @e in the client's protocol; returns its length. */
static unsigned int encode(const struct mice_client *c,
			   const struct mice_event *e, uint8_t *p)
{
	bool ox, oy, oz;
	int dx = clamp(e->dx, PKT_MOVE_MIN, PKT_MOVE_MAX, &ox);
	int dy = clamp(e->dy, PKT_MOVE_MIN, PKT_MOVE_MAX, &oy);
	int dz = clamp(e->dz, -PKT_WHEEL_MAX, PKT_WHEEL_MAX, &oz);

	p[0] = PKT_ALWAYS_1 | (e->buttons & 7) | (dx < 0 ? PKT_X_SIGN : 0) |
	       (dy < 0 ? PKT_Y_SIGN : 0) | (ox ? PKT_X_OVERFLOW : 0) |
	       (oy ? PKT_Y_OVERFLOW : 0);
	p[1] = dx & 0xff;
	p[2] = dy & 0xff;
	p[3] = dz & 0xff;
	return c->imps ? 4 : 3;
}

static bool client_ready(const struct mice_client *c)
{
	return READ_ONCE(c->reply_len) || READ_ONCE(c->ev_count) ||
	       READ_ONCE(c->pkt_off) < READ_ONCE(c->pkt_len);
}

/*
 * Up to @len bytes for a read: command replies first, then packets.
 * Whole packets only, unless @len is smaller than one: then a packet
 * is handed out over several reads. [mice_lock]
 */
static size_t client_take(struct mice_client *c, uint8_t *buf, size_t len)
{
	size_t n = MIN(len, c->reply_len);

	memcpy(buf, c->reply, n);
	memmove(c->reply, c->reply + n, c->reply_len - n);
	c->reply_len -= n;
	while (n < len) {
		if (c->pkt_off == c->pkt_len) {
			if (!c->ev_count)
				break;
			c->pkt_len = encode(c, &c->ev[c->ev_head], c->pkt);
			c->pkt_off = 0;
			c->ev_head = (c->ev_head + 1) % MICE_QUEUE;
			c->ev_count--;
		}
		size_t part = MIN(len - n, c->pkt_len - c->pkt_off);

		/* keep a packet whole for the next read if it can be */
		if (n && part < c->pkt_len - c->pkt_off)
			break;
		memcpy(buf + n, c->pkt + c->pkt_off, part);
		c->pkt_off += part;
		n += part;
	}
	return n;
}

/* Queue @e for @c; a full queue folds motion into its newest entry. */
static void client_push(struct mice_client *c, const struct mice_event *e)
{
	struct mice_event *last;

	if (c->ev_count == MICE_QUEUE) {
		last = &c->ev[(c->ev_head + MICE_QUEUE - 1) % MICE_QUEUE];
		if (last->buttons == e->buttons) {
			last->dx += e->dx;
			last->dy += e->dy;
			last->dz += e->dz;
		}
		return;
	}
	c->ev[(c->ev_head + c->ev_count) % MICE_QUEUE] = *e;
	c->ev_count++;
}

void mousedev_report(int dx, int dy, int dz, unsigned int buttons)
{
	struct mice_event e = { dx, dy, dz, buttons };
	unsigned long flags = spin_lock_irqsave(&mice_lock);
	struct mice_client *c;

	list_for_each_entry(c, &mice_clients, node)
		client_push(c, &e);
	spin_unlock_irqrestore(&mice_lock, flags);
	wake_up_all(&mice_wait);
	poll_notify();
}

static void reply(struct mice_client *c, uint8_t byte)
{
	if (c->reply_len < MICE_REPLY_MAX)
		c->reply[c->reply_len++] = byte;
}

/* The argument byte of a sample rate or resolution command. */
static void command_arg(struct mice_client *c, uint8_t byte)
{
	static const uint8_t knock[3] = { 200, 100, 80 };

	if (c->arg_for == PS2_CMD_SET_RATE) {
		c->rates[0] = c->rates[1];
		c->rates[1] = c->rates[2];
		c->rates[2] = byte;
		if (!memcmp(c->rates, knock, sizeof(knock)))
			c->imps = true;
	}
	c->arg_for = 0;
	reply(c, PS2_ACK);
}

/* One byte written by the client, as a PS/2 mouse takes it. [mice_lock] */
static void client_command(struct mice_client *c, uint8_t byte)
{
	if (c->arg_for) {
		command_arg(c, byte);
		return;
	}
	reply(c, PS2_ACK);
	switch (byte) {
	case PS2_CMD_SET_RATE:
	case CMD_SET_RESOLUTION:
		c->arg_for = byte;
		break;
	case PS2_CMD_GET_ID:
		reply(c, c->imps ? ID_IMPS : ID_PS2);
		break;
	case CMD_STATUS_REQUEST:
		reply(c, STATUS_REPORTING);
		reply(c, STATUS_RESOLUTION);
		reply(c, STATUS_RATE);
		break;
	case PS2_CMD_RESET:
		c->imps = false;
		memset(c->rates, 0, sizeof(c->rates));
		reply(c, PS2_SELF_TEST_OK);
		reply(c, ID_PS2);
		break;
	}
}

static long mice_read(struct file *f, char *ubuf, size_t len, uint64_t *pos)
{
	struct mice_client *c = f->private_data;
	uint8_t buf[MICE_IO_CHUNK];
	unsigned long flags;
	size_t n;

	if (!len)
		return 0;
	for (;;) {
		flags = spin_lock_irqsave(&mice_lock);
		n = client_take(c, buf, MIN(len, sizeof(buf)));
		spin_unlock_irqrestore(&mice_lock, flags);
		if (n)
			break;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(&mice_wait, client_ready(c)))
			return -ERESTARTSYS;
	}
	return copy_to_user(ubuf, buf, n) ? -EFAULT : (long)n;
}

static long mice_write(struct file *f, const char *ubuf, size_t len,
		       uint64_t *pos)
{
	struct mice_client *c = f->private_data;
	uint8_t buf[MICE_IO_CHUNK];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(buf));
		unsigned long flags;

		if (copy_from_user(buf, ubuf + done, n))
			return done ? (long)done : -EFAULT;
		flags = spin_lock_irqsave(&mice_lock);
		for (size_t i = 0; i < n; i++)
			client_command(c, buf[i]);
		spin_unlock_irqrestore(&mice_lock, flags);
		done += n;
	}
	wake_up_all(&mice_wait);
	poll_notify();
	return done;
}

static unsigned int mice_poll(struct file *f)
{
	struct mice_client *c = f->private_data;

	return POLLOUT | POLLWRNORM |
	       (client_ready(c) ? POLLIN | POLLRDNORM : 0);
}

static int mice_open(struct inode *inode, struct file *f)
{
	struct mice_client *c = kzalloc(sizeof(*c), GFP_KERNEL);
	unsigned long flags;

	if (!c)
		return -ENOMEM;
	f->private_data = c;
	flags = spin_lock_irqsave(&mice_lock);
	list_add_tail(&c->node, &mice_clients);
	spin_unlock_irqrestore(&mice_lock, flags);
	return 0;
}

static void mice_release(struct file *f)
{
	struct mice_client *c = f->private_data;
	unsigned long flags = spin_lock_irqsave(&mice_lock);

	list_del(&c->node);
	spin_unlock_irqrestore(&mice_lock, flags);
	kfree(c);
}

static const struct file_operations mice_fops = {
	.open = mice_open,
	.release = mice_release,
	.read = mice_read,
	.write = mice_write,
	.poll = mice_poll,
};

int mousedev_init(void)
{
	int err = chrdev_register(MICE_MAJOR, MICE_MINOR, 1, &mice_fops);

	if (!err)
		err = devtmpfs_create("input/mice", S_IFCHR | 0644,
				      MKDEV(MICE_MAJOR, MICE_MINOR));
	if (err)
		pr_err("mousedev: cannot make /dev/input/mice (%d)\n", err);
	return err;
}
