/*
 * ACPI tables and fixed hardware (drivers/acpi.c): finds the RSDP, walks the
 * RSDT or XSDT, checks and logs every table, reads the FADT's power
 * management and reset registers and the DSDT's \_S5 values, and uses them
 * to power off (S5) and reset. There is no AML interpreter: the \_S5 scan
 * is drivers/acpi_aml.c, and the non-ACPI reset paths are in
 * arch/x86_64/reset.c.
 *
 * Everything here is written once by acpi_init() on the boot CPU and only
 * read afterwards, so it needs no lock. Firmware tables are untrusted input:
 * a broken one is reported and skipped, never fatal.
 */
#include <acpi.h>
#include <arch.h>
#include <bootinfo.h>
#include <compiler.h>
#include <errno.h>
#include <mm.h>
#include <printk.h>
#include <time.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <arch/io.h>

/* ACPI 6.0, 5.2.5.3: Root System Description Pointer */
struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;		/* over the first 20 bytes */
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_addr;
	uint32_t length;		/* revision >= 2 from here on */
	uint64_t xsdt_addr;
	uint8_t ext_checksum;		/* over the whole structure */
	uint8_t reserved[3];
} __packed;

#define ACPI_RSDP_SIG		"RSD PTR "
#define ACPI_RSDP_V1_LEN	20
#define ACPI_RSDP_V2_LEN	36
STATIC_ASSERT(sizeof(struct acpi_rsdp) == ACPI_RSDP_V2_LEN);

/* ACPI 6.0, 5.2.5.1: where BIOS systems keep the RSDP */
#define BDA_EBDA_SEGMENT	0x40e	/* word: EBDA segment */
#define EBDA_SCAN_LEN		1024
#define EBDA_LOWEST		0x400	/* above the real-mode IVT and BDA */
#define EBDA_END		0xa0000	/* below the VGA window */
#define BIOS_ROM_START		0xe0000
#define BIOS_ROM_END		0x100000
#define RSDP_ALIGN		16

/* ACPI 6.0, 5.2.6: System Description Table Header */
struct acpi_header {
	char signature[4];
	uint32_t length;		/* whole table, header included */
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	char creator_id[4];
	uint32_t creator_revision;
} __packed;

/*
 * Not a spec limit: the largest table we believe. Real DSDTs stay well
 * under 1 MiB; a length beyond this is corruption, not a table.
 */
#define ACPI_TABLE_MAX_LEN	(16U << 20)

/* ACPI 6.0, 5.2.3.2: Generic Address Structure */
struct acpi_gas {
	uint8_t space_id;
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} __packed;

#define ACPI_SPACE_MEMORY	0
#define ACPI_SPACE_IO		1
#define ACPI_SPACE_PCI_CONFIG	2

/* ACPI 6.0, 5.2.9: Fixed ACPI Description Table */
struct acpi_fadt {
	struct acpi_header hdr;
	uint32_t firmware_ctrl;
	uint32_t dsdt;
	uint8_t reserved0;
	uint8_t preferred_pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable;
	uint8_t acpi_disable;
	uint8_t s4bios_req;
	uint8_t pstate_cnt;
	uint32_t pm1a_evt_blk;
	uint32_t pm1b_evt_blk;
	uint32_t pm1a_cnt_blk;
	uint32_t pm1b_cnt_blk;
	uint32_t pm2_cnt_blk;
	uint32_t pm_tmr_blk;
	uint32_t gpe0_blk;
	uint32_t gpe1_blk;
	uint8_t pm1_evt_len;
	uint8_t pm1_cnt_len;
	uint8_t pm2_cnt_len;
	uint8_t pm_tmr_len;
	uint8_t gpe0_blk_len;
	uint8_t gpe1_blk_len;
	uint8_t gpe1_base;
	uint8_t cst_cnt;
	uint16_t p_lvl2_lat;
	uint16_t p_lvl3_lat;
	uint16_t flush_size;
	uint16_t flush_stride;
	uint8_t duty_offset;
	uint8_t duty_width;
	uint8_t day_alrm;
	uint8_t mon_alrm;
	uint8_t century;
	uint16_t iapc_boot_arch;
	uint8_t reserved1;
	uint32_t flags;
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl;
	uint64_t x_dsdt;
	struct acpi_gas x_pm1a_evt_blk;
	struct acpi_gas x_pm1b_evt_blk;
	struct acpi_gas x_pm1a_cnt_blk;
	struct acpi_gas x_pm1b_cnt_blk;
	struct acpi_gas x_pm2_cnt_blk;
	struct acpi_gas x_pm_tmr_blk;
	struct acpi_gas x_gpe0_blk;
	struct acpi_gas x_gpe1_blk;
	struct acpi_gas sleep_control_reg;
	struct acpi_gas sleep_status_reg;
	uint64_t hypervisor_vendor_id;
} __packed;

STATIC_ASSERT(offsetof(struct acpi_fadt, smi_cmd) == 48);
STATIC_ASSERT(offsetof(struct acpi_fadt, pm1a_cnt_blk) == 64);
STATIC_ASSERT(offsetof(struct acpi_fadt, flags) == 112);
STATIC_ASSERT(offsetof(struct acpi_fadt, reset_reg) == 116);
STATIC_ASSERT(offsetof(struct acpi_fadt, x_dsdt) == 140);
STATIC_ASSERT(offsetof(struct acpi_fadt, x_pm1a_cnt_blk) == 172);
STATIC_ASSERT(offsetof(struct acpi_fadt, sleep_control_reg) == 244);
STATIC_ASSERT(sizeof(struct acpi_fadt) == 276);

/* True when a FADT of @len bytes contains all of @field. */
#define FADT_HAS(len, field)						\
	((len) >= offsetof(struct acpi_fadt, field) +			\
		  sizeof(((struct acpi_fadt *)0)->field))

/* ACPI 6.0, 5.2.9, Fixed ACPI Description Table Fixed Feature Flags */
#define FADT_RESET_REG_SUP	(1U << 10)
#define FADT_HW_REDUCED_ACPI	(1U << 20)
#define FADT_RESET_MIN_REV	2	/* RESET_REG appeared in revision 2 */

/* ACPI 6.0, 4.8.3.2.1: PM1 Control Registers */
#define PM1_SCI_EN		(1U << 0)
#define PM1_GBL_RLS		(1U << 2)	/* write-only: raises an SMI */
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP_MASK	(7U << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1U << 13)	/* write-only: go to sleep */

/* ACPI 6.0, 4.8.3.7: Sleep Control Register (HW-reduced ACPI) */
#define SLEEP_CTL_TYP_SHIFT	2
#define SLEEP_CTL_SLP_EN	(1U << 5)

#define SLP_TYP_MAX		7	/* a 3-bit field */

/* PCI Local Bus 3.0, 3.2.2.3.2: configuration mechanism #1 */
#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_CONFIG_ENABLE	(1U << 31)

/* The boot page tables map this much physical memory (include/mm.h). */
#define ACPI_DIRECT_MAPPED	(4ULL << 30)

/* How long to wait for firmware and hardware before giving up. */
#define ACPI_ENABLE_TIMEOUT_MS	3000
#define ACPI_SLEEP_WAIT_MS	500
#define ACPI_RESET_WAIT_MS	500
#define ACPI_MAX_TABLES		64

/* Written by acpi_init() before other CPUs run; read-only afterwards. */
static struct {
	bool have_fadt;
	struct acpi_gas pm1a_cnt;	/* address 0: none */
	struct acpi_gas pm1b_cnt;
	struct acpi_gas sleep_ctl;	/* HW-reduced platforms instead */
	uint32_t smi_cmd;
	uint8_t acpi_enable;
	bool have_reset;
	struct acpi_gas reset_reg;
	uint8_t reset_value;
	bool have_s5;
	uint8_t slp_typa;
	uint8_t slp_typb;
	/* Every table that passed its checks, for acpi_find_table(). */
	struct {
		char signature[4];
		const void *table;
	} tables[ACPI_MAX_TABLES];
	size_t ntables;
} acpi;

uint8_t acpi_checksum(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/*
 * A pointer to physical [pa, pa + len), or NULL. The boot page tables map
 * the first 4 GiB; tables above that (XSDT entries may point anywhere) get
 * mapped on demand.
 */
static const void *acpi_map(paddr_t pa, uint64_t len)
{
	if (pa == 0 || len == 0 || pa + len < pa)
		return NULL;
	if (pa + len > ACPI_DIRECT_MAPPED &&
	    early_map_phys(pa, len, false) < 0)
		return NULL;
	return phys_to_virt(pa);
}

/* Copy an identifier field for printing: NULs and junk become spaces. */
static void acpi_id(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = src[i];

		dst[i] = (c >= 0x20 && c < 0x7f) ? c : ' ';
	}
	dst[n] = '\0';
}

/* One line per table, in the shape Linux prints. */
static void acpi_log_table(paddr_t pa, const struct acpi_header *h)
{
	char sig[5], oem[7], table[9], creator[5];

	acpi_id(sig, h->signature, 4);
	acpi_id(oem, h->oem_id, 6);
	acpi_id(table, h->oem_table_id, 8);
	acpi_id(creator, h->creator_id, 4);
	pr_info("ACPI: %s 0x%016llX %06X (v%02u %s %s %08X %s %08X)\n",
		sig, (unsigned long long)pa, h->length, h->revision, oem,
		table, h->oem_revision, creator, h->creator_revision);
}

/*
 * Map the table at @pa and check it: a believable length and a zero byte
 * sum. Logs it; returns its header, or NULL after a warning.
 */
static const struct acpi_header *acpi_get_table(paddr_t pa)
{
	const struct acpi_header *h;
	char sig[5];

	h = acpi_map(pa, sizeof(*h));
	if (!h) {
		pr_warn("ACPI: table at 0x%016llX cannot be mapped, skipped\n",
			(unsigned long long)pa);
		return NULL;
	}
	acpi_id(sig, h->signature, 4);
	if (h->length < sizeof(*h) || h->length > ACPI_TABLE_MAX_LEN) {
		pr_warn("ACPI: %s at 0x%016llX has a bad length %u, skipped\n",
			sig, (unsigned long long)pa, h->length);
		return NULL;
	}
	if (!acpi_map(pa, h->length)) {
		pr_warn("ACPI: %s at 0x%016llX cannot be mapped, skipped\n",
			sig, (unsigned long long)pa);
		return NULL;
	}
	if (acpi_checksum(h, h->length) != 0) {
		pr_warn("ACPI: %s at 0x%016llX has a bad checksum, skipped\n",
			sig, (unsigned long long)pa);
		return NULL;
	}
	acpi_log_table(pa, h);
	return h;
}

static bool acpi_rsdp_valid(const struct acpi_rsdp *r)
{
	return memcmp(r->signature, ACPI_RSDP_SIG, 8) == 0 &&
	       acpi_checksum(r, ACPI_RSDP_V1_LEN) == 0;
}

/* Look for the RSDP on 16-byte boundaries of physical [start, end). */
static paddr_t acpi_scan_rsdp(paddr_t start, paddr_t end)
{
	for (paddr_t pa = start; pa + ACPI_RSDP_V1_LEN <= end;
	     pa += RSDP_ALIGN) {
		if (acpi_rsdp_valid(phys_to_virt(pa)))
			return pa;
	}
	return 0;
}

/* ACPI 6.0, 5.2.5.1: the EBDA's first KiB, then the BIOS ROM area. */
static paddr_t acpi_bios_find_rsdp(void)
{
	uint16_t seg;
	paddr_t ebda, pa = 0;

	memcpy(&seg, phys_to_virt(BDA_EBDA_SEGMENT), sizeof(seg));
	ebda = (paddr_t)seg << 4;
	if (ebda >= EBDA_LOWEST && ebda + EBDA_SCAN_LEN <= EBDA_END)
		pa = acpi_scan_rsdp(ebda, ebda + EBDA_SCAN_LEN);
	if (!pa)
		pa = acpi_scan_rsdp(BIOS_ROM_START, BIOS_ROM_END);
	return pa;
}

/*
 * Fill @r with a checked RSDP: the boot loader's copy, the address it
 * gave, or (BIOS only: EFI has no legacy areas) a scan. @pa is where it
 * lives, 0 when only a copy is known.
 */
static int acpi_find_rsdp(struct acpi_rsdp *r, paddr_t *pa)
{
	const void *p;

	memset(r, 0, sizeof(*r));
	*pa = boot_info.rsdp_addr;
	if (boot_info.rsdp_copied) {
		memcpy(r, boot_info.rsdp, sizeof(*r));
	} else {
		if (!*pa && !boot_info.efi)
			*pa = acpi_bios_find_rsdp();
		p = acpi_map(*pa, ACPI_RSDP_V1_LEN);
		if (!p)
			return -ENOENT;
		memcpy(r, p, ACPI_RSDP_V1_LEN);
		if (r->revision >= 2 && (p = acpi_map(*pa, sizeof(*r))))
			memcpy(r, p, sizeof(*r));
	}
	if (!acpi_rsdp_valid(r)) {
		pr_warn("ACPI: RSDP has a bad signature or checksum\n");
		return -EINVAL;
	}
	return 0;
}

/*
 * Pick the 64-bit register when the FADT has one, else describe the
 * legacy I/O port block of @len bytes.
 */
static void acpi_pick_reg(struct acpi_gas *out, const struct acpi_gas *x,
			  bool have_x, uint32_t port, uint8_t len)
{
	memset(out, 0, sizeof(*out));
	if (have_x && x->address) {
		*out = *x;
	} else if (port) {
		out->space_id = ACPI_SPACE_IO;
		out->bit_width = len * 8;
		out->address = port;
	}
}

/*
 * ACPI 6.0, 5.2.3.2: a PCI configuration space address is bus 0 of
 * segment 0, with the device in bits 47-32, the function in bits 31-16
 * and the register offset in bits 15-0.
 */
#define GAS_PCI_DEV(a)		(((a) >> 32) & 0xffff)
#define GAS_PCI_FN(a)		(((a) >> 16) & 0xffff)
#define GAS_PCI_OFF(a)		((a) & 0xffff)
#define PCI_MAX_DEV		31
#define PCI_MAX_FN		7
#define PCI_MAX_OFF		255

static bool acpi_gas_supported(const struct acpi_gas *g)
{
	uint64_t a = g->address;

	switch (g->space_id) {
	case ACPI_SPACE_MEMORY:
		return true;
	case ACPI_SPACE_IO:
		return a <= 0xffff;
	case ACPI_SPACE_PCI_CONFIG:
		return (a >> 48) == 0 && GAS_PCI_DEV(a) <= PCI_MAX_DEV &&
		       GAS_PCI_FN(a) <= PCI_MAX_FN &&
		       GAS_PCI_OFF(a) <= PCI_MAX_OFF;
	default:
		return false;
	}
}

/* For the log: "io 0x604", "mem 0xfed00000", "pci 0x1f0000ac" or "none". */
static const char *acpi_reg_str(char *buf, size_t size,
				const struct acpi_gas *g)
{
	static const char *const spaces[] = {
		[ACPI_SPACE_MEMORY] = "mem",
		[ACPI_SPACE_IO] = "io",
		[ACPI_SPACE_PCI_CONFIG] = "pci",
	};

	if (!g->address)
		return "none";
	if (g->space_id < ARRAY_SIZE(spaces))
		snprintf(buf, size, "%s 0x%llx", spaces[g->space_id],
			 (unsigned long long)g->address);
	else
		snprintf(buf, size, "space %u 0x%llx", g->space_id,
			 (unsigned long long)g->address);
	return buf;
}

static void acpi_parse_reset(const struct acpi_fadt *f, uint32_t len)
{
	char buf[32];

	if (f->hdr.revision < FADT_RESET_MIN_REV ||
	    !FADT_HAS(len, reset_value) || !(f->flags & FADT_RESET_REG_SUP) ||
	    !f->reset_reg.address) {
		pr_info("ACPI: no reset register\n");
		return;
	}
	acpi_reg_str(buf, sizeof(buf), &f->reset_reg);
	if (!acpi_gas_supported(&f->reset_reg)) {
		pr_warn("ACPI: reset register %s is unusable\n", buf);
		return;
	}
	acpi.reset_reg = f->reset_reg;
	acpi.reset_value = f->reset_value;
	acpi.have_reset = true;
	pr_info("ACPI: reset register %s value 0x%02x\n", buf,
		acpi.reset_value);
}

/*
 * Keep what power-off and reset need. The copy is zero-filled past the
 * table's end, so fields a short (older) FADT lacks read as absent.
 */
static paddr_t acpi_parse_fadt(const struct acpi_header *h)
{
	struct acpi_fadt f;
	uint32_t len = h->length;
	char a[32], b[32];

	memset(&f, 0, sizeof(f));
	memcpy(&f, h, MIN(len, sizeof(f)));

	acpi.have_fadt = true;
	acpi.smi_cmd = f.smi_cmd;
	acpi.acpi_enable = f.acpi_enable;
	acpi_pick_reg(&acpi.pm1a_cnt, &f.x_pm1a_cnt_blk,
		      FADT_HAS(len, x_pm1a_cnt_blk), f.pm1a_cnt_blk,
		      f.pm1_cnt_len);
	acpi_pick_reg(&acpi.pm1b_cnt, &f.x_pm1b_cnt_blk,
		      FADT_HAS(len, x_pm1b_cnt_blk), f.pm1b_cnt_blk,
		      f.pm1_cnt_len);
	if ((f.flags & FADT_HW_REDUCED_ACPI) &&
	    FADT_HAS(len, sleep_control_reg))
		acpi.sleep_ctl = f.sleep_control_reg;
	pr_info("ACPI: PM1a_CNT %s, PM1b_CNT %s, SMI_CMD 0x%x enable 0x%02x\n",
		acpi_reg_str(a, sizeof(a), &acpi.pm1a_cnt),
		acpi_reg_str(b, sizeof(b), &acpi.pm1b_cnt),
		acpi.smi_cmd, acpi.acpi_enable);
	acpi_parse_reset(&f, len);

	if (FADT_HAS(len, x_dsdt) && f.x_dsdt)
		return f.x_dsdt;
	return f.dsdt;
}

static void acpi_parse_dsdt(paddr_t pa)
{
	const struct acpi_header *h;
	int ret;

	h = pa ? acpi_get_table(pa) : NULL;
	if (!h) {
		pr_warn("ACPI: no usable DSDT: no S5 power-off\n");
		return;
	}
	if (memcmp(h->signature, "DSDT", 4) != 0) {
		pr_warn("ACPI: FADT's DSDT pointer leads to another table\n");
		return;
	}
	ret = acpi_aml_find_s5((const uint8_t *)(h + 1),
			       h->length - sizeof(*h), &acpi.slp_typa,
			       &acpi.slp_typb);
	if (ret < 0) {
		pr_warn("ACPI: %s \\_S5 in the DSDT (%d): no S5 power-off\n",
			ret == -ENOENT ? "no" : "malformed", ret);
		return;
	}
	if (acpi.slp_typa > SLP_TYP_MAX || acpi.slp_typb > SLP_TYP_MAX)
		pr_warn("ACPI: \\_S5 values %u/%u exceed 3 bits, truncated\n",
			acpi.slp_typa, acpi.slp_typb);
	acpi.slp_typa &= SLP_TYP_MAX;
	acpi.slp_typb &= SLP_TYP_MAX;
	acpi.have_s5 = true;
	pr_info("ACPI: \\_S5 SLP_TYPa %u SLP_TYPb %u\n", acpi.slp_typa,
		acpi.slp_typb);
}

/*
 * Check every table the root table lists and parse the first good FADT.
 * Returns the DSDT's address, 0 when there is none.
 */
static paddr_t acpi_walk_root(const struct acpi_header *root,
			      size_t entry_size)
{
	const uint8_t *entries = (const uint8_t *)(root + 1);
	size_t count = (root->length - sizeof(*root)) / entry_size;
	const struct acpi_header *h;
	paddr_t dsdt = 0;

	for (size_t i = 0; i < count; i++) {
		uint64_t pa = 0;

		/* entries are little-endian and not always aligned */
		memcpy(&pa, entries + i * entry_size, entry_size);
		if (!pa)
			continue;
		h = acpi_get_table(pa);
		if (h && acpi.ntables < ACPI_MAX_TABLES) {
			memcpy(acpi.tables[acpi.ntables].signature,
			       h->signature, 4);
			acpi.tables[acpi.ntables++].table = h;
		}
		if (!h || acpi.have_fadt)
			continue;
		if (memcmp(h->signature, "FACP", 4) == 0)
			dsdt = acpi_parse_fadt(h);
	}
	if (!acpi.have_fadt)
		pr_warn("ACPI: no usable FADT\n");
	return dsdt;
}

/* The XSDT when the RSDP offers a good one, else the RSDT. */
static const struct acpi_header *acpi_root_table(const struct acpi_rsdp *r,
						 size_t *entry_size)
{
	const struct acpi_header *h;

	if (r->revision >= 2 && r->xsdt_addr) {
		if (acpi_checksum(r, ACPI_RSDP_V2_LEN) != 0) {
			pr_warn("ACPI: bad RSDP v2 checksum, using the RSDT\n");
		} else if ((h = acpi_get_table(r->xsdt_addr))) {
			if (memcmp(h->signature, "XSDT", 4) == 0) {
				*entry_size = sizeof(uint64_t);
				return h;
			}
			pr_warn("ACPI: XSDT pointer leads to another table\n");
		}
	}
	h = r->rsdt_addr ? acpi_get_table(r->rsdt_addr) : NULL;
	if (h && memcmp(h->signature, "RSDT", 4) == 0) {
		*entry_size = sizeof(uint32_t);
		return h;
	}
	pr_warn("ACPI: no usable RSDT or XSDT\n");
	return NULL;
}

/*
 * Register access for PM1 control (16-bit reads and writes), sleep control
 * and reset registers (8-bit writes). Memory registers are reached through
 * the direct map.
 */
static uint16_t acpi_reg_read16(const struct acpi_gas *g)
{
	const volatile uint16_t *p;

	if (g->space_id == ACPI_SPACE_IO)
		return inw(g->address);
	if (g->space_id != ACPI_SPACE_MEMORY)
		return 0;
	p = acpi_map(g->address, sizeof(*p));
	return p ? *p : 0;
}

static void acpi_pci_write8(uint64_t addr, uint8_t v)
{
	uint32_t off = GAS_PCI_OFF(addr);

	outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE | GAS_PCI_DEV(addr) << 11 |
				 GAS_PCI_FN(addr) << 8 | (off & ~3U));
	outb(PCI_CONFIG_DATA + (off & 3), v);
}

static void acpi_reg_write(const struct acpi_gas *g, unsigned int bits,
			   uint16_t v)
{
	volatile void *p;

	switch (g->space_id) {
	case ACPI_SPACE_IO:
		if (bits == 8)
			outb(g->address, v);
		else
			outw(g->address, v);
		break;
	case ACPI_SPACE_MEMORY:
		p = (volatile void *)acpi_map(g->address, bits / 8);
		if (p && bits == 8)
			*(volatile uint8_t *)p = v;
		else if (p)
			*(volatile uint16_t *)p = v;
		break;
	case ACPI_SPACE_PCI_CONFIG:
		acpi_pci_write8(g->address, v);
		break;
	}
}

/* PM1 control registers take byte and word accesses (4.8.3.2.1). */
#define PM1_CNT_BITS		16
#define SLEEP_CTL_BITS		8	/* 4.8.3.7 */
#define RESET_REG_BITS		8	/* 4.8.3.6 */

/*
 * ACPI 6.0, 5.2.9 (SMI_CMD, ACPI_ENABLE): firmware may boot in legacy
 * mode, owning the fixed hardware through SMIs; writing ACPI_ENABLE to
 * SMI_CMD hands it over, and the firmware sets SCI_EN when done.
 * HW-reduced platforms have no legacy mode.
 */
static int acpi_enable_mode(void)
{
	const struct acpi_gas *cnt = &acpi.pm1a_cnt;

	if (!cnt->address || acpi_reg_read16(cnt) & PM1_SCI_EN)
		return 0;
	if (!acpi.smi_cmd || acpi.smi_cmd > 0xffff || !acpi.acpi_enable) {
		pr_warn("ACPI: SCI_EN is clear and no SMI_CMD can set it\n");
		return -ENODEV;
	}
	outb(acpi.smi_cmd, acpi.acpi_enable);
	for (int ms = 0; ms < ACPI_ENABLE_TIMEOUT_MS; ms++) {
		if (acpi_reg_read16(cnt) & PM1_SCI_EN) {
			pr_info("ACPI: firmware handed over ACPI mode\n");
			return 0;
		}
		mdelay(1);
	}
	pr_warn("ACPI: firmware did not set SCI_EN within %d ms\n",
		ACPI_ENABLE_TIMEOUT_MS);
	return -EIO;
}

/* PM1x_CNT with SLP_TYP set to @typ and nothing that triggers anything. */
static uint16_t acpi_pm1_sleep_value(const struct acpi_gas *g, uint8_t typ)
{
	uint16_t v = acpi_reg_read16(g);

	v &= ~(PM1_SLP_TYP_MASK | PM1_SLP_EN | PM1_GBL_RLS);
	return v | typ << PM1_SLP_TYP_SHIFT;
}

/*
 * ACPI 6.0, 4.8.3.2.1 and 7.4.2: write SLP_TYPa/b into PM1a/b_CNT, then set
 * SLP_EN in both. A platform without PM1 blocks (HW-reduced) has the sleep
 * control register instead. There is no AML interpreter, so \_PTS is not
 * run; the machines we know power off without it.
 */
static void acpi_enter_s5(void)
{
	uint16_t a, b = 0;

	if (!acpi.pm1a_cnt.address) {
		acpi_reg_write(&acpi.sleep_ctl, SLEEP_CTL_BITS,
			       acpi.slp_typa << SLEEP_CTL_TYP_SHIFT |
			       SLEEP_CTL_SLP_EN);
		return;
	}
	a = acpi_pm1_sleep_value(&acpi.pm1a_cnt, acpi.slp_typa);
	if (acpi.pm1b_cnt.address)
		b = acpi_pm1_sleep_value(&acpi.pm1b_cnt, acpi.slp_typb);
	acpi_reg_write(&acpi.pm1a_cnt, PM1_CNT_BITS, a);
	if (acpi.pm1b_cnt.address)
		acpi_reg_write(&acpi.pm1b_cnt, PM1_CNT_BITS, b);
	acpi_reg_write(&acpi.pm1a_cnt, PM1_CNT_BITS, a | PM1_SLP_EN);
	if (acpi.pm1b_cnt.address)
		acpi_reg_write(&acpi.pm1b_cnt, PM1_CNT_BITS, b | PM1_SLP_EN);
}

void acpi_power_off(void)
{
	const struct acpi_gas *reg;
	char buf[32];

	if (!acpi.have_s5) {
		pr_warn("ACPI: cannot power off: %s\n",
			acpi.have_fadt ? "no \\_S5 values in the DSDT" :
					 "no FADT");
		return;
	}
	reg = acpi.pm1a_cnt.address ? &acpi.pm1a_cnt : &acpi.sleep_ctl;
	if (!reg->address || !acpi_gas_supported(reg) ||
	    reg->space_id == ACPI_SPACE_PCI_CONFIG) {
		pr_warn("ACPI: cannot power off: PM1a_CNT %s is unusable\n",
			acpi_reg_str(buf, sizeof(buf), reg));
		return;
	}
	/* Without SCI_EN some chipsets still obey SLP_EN: try anyway. */
	acpi_enable_mode();
	pr_notice("ACPI: entering S5 (power off)\n");
	acpi_enter_s5();
	mdelay(ACPI_SLEEP_WAIT_MS);
	pr_err("ACPI: S5 ignored: still running %d ms later\n",
	       ACPI_SLEEP_WAIT_MS);
}

void acpi_reset(void)
{
	if (!acpi.have_reset) {
		pr_info("ACPI: no reset register, using the fallbacks\n");
		return;
	}
	pr_notice("ACPI: resetting through the FADT reset register\n");
	acpi_reg_write(&acpi.reset_reg, RESET_REG_BITS, acpi.reset_value);
	mdelay(ACPI_RESET_WAIT_MS);
	pr_err("ACPI: still running %d ms after writing the reset register\n",
	       ACPI_RESET_WAIT_MS);
}

void acpi_init(void)
{
	const struct acpi_header *root;
	struct acpi_rsdp r;
	size_t entry_size;
	paddr_t rsdp_pa, dsdt_pa;
	char oem[7], where[20];

	if (acpi_find_rsdp(&r, &rsdp_pa) < 0) {
		pr_warn("ACPI: no RSDP; power-off and reset use fallbacks\n");
		return;
	}
	acpi_id(oem, r.oem_id, 6);
	if (rsdp_pa)
		snprintf(where, sizeof(where), "0x%016llX",
			 (unsigned long long)rsdp_pa);
	else
		strlcpy(where, "(loader copy)", sizeof(where));
	pr_info("ACPI: RSDP %s %06X (v%02u %s)\n", where,
		r.revision >= 2 ? ACPI_RSDP_V2_LEN : ACPI_RSDP_V1_LEN,
		r.revision, oem);

	root = acpi_root_table(&r, &entry_size);
	if (!root)
		return;
	dsdt_pa = acpi_walk_root(root, entry_size);
	if (acpi.have_fadt)
		acpi_parse_dsdt(dsdt_pa);
}

const void *acpi_find_table(const char *signature, size_t n)
{
	for (size_t i = 0; i < acpi.ntables; i++)
		if (!memcmp(acpi.tables[i].signature, signature, 4) && !n--)
			return acpi.tables[i].table;
	return NULL;
}
