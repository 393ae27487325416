/*
 * Small CPU services behind include/arch.h: halting, the TSC, CPUID
 * identification, new thread stacks for switch.S, and the early CPU setup
 * order. The interrupt flag is
 * inline in arch/irqflags.h; GDT/TSS are in gdt.c, the IDT and traps in
 * idt.c/traps.c, paging in paging.c and pgtable.c.
 */
#include <arch.h>
#include <percpu.h>
#include <arch/user.h>
#include <arch/cpu.h>
#include <lib/string.h>

void arch_wait_for_interrupt(void)
{
	/* sti takes effect after the next instruction: no lost wake-up. */
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

void arch_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

uint64_t arch_read_tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
	   uint32_t *c, uint32_t *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((uint32_t)v),
			     "d"((uint32_t)(v >> 32)));
}

uint64_t read_cr2(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

uint64_t read_cr3(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr3, %0" : "=r"(v));
	return v;
}

void write_cr3(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

void write_cr0(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

void write_cr4(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

uint64_t read_cr0(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

void invlpg(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

void arch_cpu_identify(char *vendor, size_t vlen, char *brand, size_t blen)
{
	uint32_t r[12], max;
	char v[13];

	cpuid(0, 0, &max, &r[0], &r[2], &r[1]);
	memcpy(v, r, 12);
	v[12] = '\0';
	strlcpy(vendor, v, vlen);

	cpuid(0x80000000, 0, &max, &r[0], &r[1], &r[2]);
	if (max < 0x80000004) {
		strlcpy(brand, "unknown", blen);
		return;
	}
	for (int i = 0; i < 3; i++)
		cpuid(0x80000002 + i, 0, &r[4 * i], &r[4 * i + 1],
		      &r[4 * i + 2], &r[4 * i + 3]);
	char b[49];

	memcpy(b, r, 48);
	b[48] = '\0';
	const char *p = b;

	while (*p == ' ')
		p++;
	strlcpy(brand, p, blen);
}

bool arch_cpu_has_invariant_tsc(void)
{
	uint32_t a, b, c, d;

	cpuid(0x80000000, 0, &a, &b, &c, &d);
	if (a < 0x80000007)
		return false;
	cpuid(0x80000007, 0, &a, &b, &c, &d);
	return d & (1 << 8);	/* Intel SDM vol. 2A, CPUID 80000007H */
}

void arch_thread_trampoline(void);

/*
 * The frame arch_context_switch() pops: r15, r14, r13 (arg), r12 (fn),
 * rbx, rbp, then the return address, the trampoline. Its ret leaves the
 * stack pointer at the 16-byte aligned top, so the trampoline's call
 * happens on an aligned stack as the ABI wants.
 */
unsigned long arch_thread_stack_init(void *stack_top, void (*fn)(void *),
				     void *arg)
{
	unsigned long *sp = (unsigned long *)ALIGN_DOWN((unsigned long)
							stack_top, 16);

	*--sp = (unsigned long)arch_thread_trampoline;
	*--sp = 0;		/* rbp */
	*--sp = 0;		/* rbx */
	*--sp = (unsigned long)fn;	/* r12 */
	*--sp = (unsigned long)arg;	/* r13 */
	*--sp = 0;		/* r14 */
	*--sp = 0;		/* r15 */
	return (unsigned long)sp;
}

/*
 * Turn on what the CPU offers against user memory abuse: SMEP (the
 * kernel never executes user pages), SMAP (nor touches them outside
 * copy_from_user/copy_to_user, which will open the window with stac),
 * UMIP (user mode cannot read the descriptor-table registers).
 */
/* Read by usercopy.S: whether stac/clac exist and matter. */
bool uaccess_smap;

static void protections_init(void)
{
	uint32_t a, b, c, d, max;
	uint64_t cr4 = read_cr4();

	cpuid(0, 0, &max, &b, &c, &d);
	if (max < 7)
		return;
	cpuid(7, 0, &a, &b, &c, &d);
	if (b & CPUID7_EBX_SMEP)
		cr4 |= CR4_SMEP;
	if (b & CPUID7_EBX_SMAP) {
		cr4 |= CR4_SMAP;
		uaccess_smap = true;
	}
	if (c & CPUID7_ECX_UMIP)
		cr4 |= CR4_UMIP;
	write_cr4(cr4);
}

void arch_cpu_init(void)
{
	percpu_init_boot();
	gdt_init();
	idt_init();
	fpu_init();
	protections_init();
	arch_syscall_init();
	pic_init();
}

/* Linux's /proc/cpuinfo names of the CPUID 1 feature bits. */
static const char *const edx_flags[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8",
	"apic", NULL, "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36",
	"pn", "clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2",
	"ss", "ht", "tm", "ia64", "pbe",
};
static const char *const ecx_flags[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx",
	"est", "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm",
	NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	"tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c", "rdrand",
	"hypervisor",
};

size_t arch_cpu_flags(char *buf, size_t size)
{
	uint32_t a, b, c, d;
	size_t len = 0;

	cpuid(1, 0, &a, &b, &c, &d);
	for (int i = 0; i < 64; i++) {
		const char *name = i < 32 ? (d >> i & 1 ? edx_flags[i] : NULL) :
				   (c >> (i - 32) & 1 ? ecx_flags[i - 32] :
				    NULL);
		size_t n = name ? strlen(name) : 0;

		if (!name || len + n + 2 > size)
			continue;
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, name, n);
		len += n;
	}
	if (size)
		buf[len < size ? len : size - 1] = '\0';
	return len;
}
