/*
 * Early paging, on top of the boot tables of boot.S:
 *  - paging_init() maps the kernel image at KERNEL_VMA with 4 KiB pages
 *    and W^X (text RX, rodata R+NX, data/bss RW+NX), leaves the page below
 *    the boot stack unmapped as a guard, drops the identity map so NULL
 *    and low addresses fault, and turns on global pages.
 *  - early_map_phys() extends the direct map beyond the first 4 GiB,
 *    through vm_map() with a small static pool of page-table pages.
 * The memory issue replaces this with the full page-table API.
 * Intel SDM vol. 3, 4.5 (4-level paging) and 4.6 (access rights).
 */
#include <errno.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <vm.h>
#include <lib/string.h>
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/pte.h>

#define SZ_2M		(2ULL << 20)
#define SZ_4G		(4ULL << 30)
#define KERNEL_PTS	4	/* kernel image up to 8 MiB */
#define EARLY_POOL	16	/* page-table pages before memblock */

static uint64_t kernel_pd[512] __aligned(4096);
static uint64_t kernel_pt[KERNEL_PTS][512] __aligned(4096);
static uint64_t early_pool[EARLY_POOL][512] __aligned(4096);
static int early_pool_used;
static uint64_t nx_bit;

static inline unsigned int pdpt_index(uint64_t va) { return (va >> 30) & 511; }
static inline unsigned int pd_index(uint64_t va) { return (va >> 21) & 511; }
static inline unsigned int pt_index(uint64_t va) { return (va >> 12) & 511; }

static uint64_t kernel_pte_flags(uint64_t va)
{
	if (va >= (uint64_t)boot_stack_guard &&
	    va < (uint64_t)boot_stack_bottom)
		return 0;			/* guard: not present */
	if (va >= (uint64_t)__text_start && va < (uint64_t)__text_end)
		return PTE_P | PTE_G;
	if (va >= (uint64_t)__rodata_start && va < (uint64_t)__data_start)
		return PTE_P | PTE_G | nx_bit;
	return PTE_P | PTE_W | PTE_G | nx_bit;
}

static void map_kernel_image(void)
{
	uint64_t start = ALIGN_DOWN((uint64_t)__kernel_start, PAGE_SIZE);
	uint64_t end = ALIGN_UP((uint64_t)__kernel_end, PAGE_SIZE);
	uint64_t first_pd = ALIGN_DOWN(start, SZ_2M);

	if (end - first_pd > KERNEL_PTS * SZ_2M)
		panic("paging: kernel image of %lu KiB does not fit the "
		      "early kernel page tables", (end - start) >> 10);
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		unsigned int t = (va - first_pd) / SZ_2M;
		uint64_t flags = kernel_pte_flags(va);

		kernel_pt[t][pt_index(va)] =
			flags ? kernel_virt_to_phys((void *)va) | flags : 0;
	}
	for (unsigned int t = 0; t < KERNEL_PTS; t++)
		kernel_pd[pd_index(first_pd) + t] =
			kernel_virt_to_phys(kernel_pt[t]) | PTE_P | PTE_W;
}

/* Page-table pages for vm_map() before memblock runs (mm_init). */
static paddr_t early_pt_alloc(void)
{
	if (early_pool_used == EARLY_POOL)
		return 0;
	return kernel_virt_to_phys(early_pool[early_pool_used++]);
}

void paging_init(void)
{
	if (rdmsr(MSR_EFER) & EFER_NXE)
		nx_bit = PTE_NX;
	else
		pr_warn("paging: CPU without NX; data is executable\n");

	map_kernel_image();
	vm_init_kernel();
	vm_set_pt_allocator(early_pt_alloc, NULL);
	boot_pdpt_high[pdpt_index(KERNEL_VMA)] =
		kernel_virt_to_phys(kernel_pd) | PTE_P | PTE_W;
	boot_pml4[0] = 0;		/* the identity map is gone */

	write_cr4(read_cr4() | CR4_PGE);
	write_cr3(read_cr3());
	pr_info("paging: kernel mapped W^X with 4 KiB pages%s, identity "
		"map removed\n", nx_bit ? " and NX" : "");
}

int early_map_phys(paddr_t pa, uint64_t len, bool uncached)
{
	uint64_t start = ALIGN_DOWN(pa, SZ_2M);
	uint64_t end = ALIGN_UP(pa + len, SZ_2M);
	unsigned int prot = VM_READ | VM_WRITE | VM_GLOBAL | VM_HUGE |
			    (uncached ? VM_NOCACHE : 0);

	if (pa + len < pa)
		return -EINVAL;
	/* boot.S mapped the first 4 GiB; keep what is already mapped. */
	for (uint64_t p = MAX(start, SZ_4G); p < end; p += SZ_2M) {
		int err = vm_map(&kernel_as, DIRECT_MAP_BASE + p, p, SZ_2M,
				 prot);

		if (err == -ENOMEM)
			pr_err("paging: out of page tables mapping %#lx\n", p);
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}
