/*
 * Kernel entry. Both boot paths arrive here in 32-bit protected mode with
 * paging off:
 *   - Multiboot2 (GRUB, BIOS and UEFI): eax = 0x36d76289, ebx = boot info.
 *   - PVH (QEMU -kernel): ebx = hvm_start_info, found through the Xen ELF
 *     note XEN_ELFNOTE_PHYS32_ENTRY below.
 * _start builds boot page tables (identity and direct map of the first
 * 4 GiB, the kernel at KERNEL_VMA), enters long mode, jumps to the higher
 * half and calls kmain(magic, info). kernel/main.c takes it from there;
 * arch/x86_64/paging.c replaces the kernel's mapping with 4 KiB pages.
 */
#include <arch/boot.h>

#define KERNEL_VMA	0xffffffff80000000
#define V2P(x)		((x) - KERNEL_VMA)

#define MB2_MAGIC	0xe85250d6	/* Multiboot2 spec, 3.1.1 */
#define MB2_ARCH_I386	0
#define MB2_TAG_END	0
#define MB2_TAG_ENTRY	3
#define MB2_TAG_FB	5
#define MB2_TAG_MODALIGN 6
#define MB2_TAG_OPTIONAL 1

#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)
#define CPUID_EXT_LM	(1 << 29)
#define CPUID_EXT_NX	(1 << 20)

#define PTE_P		0x001
#define PTE_W		0x002
#define PTE_PS		0x080

/* ---------------------------------------------------------------- headers */
	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long	MB2_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	.long	0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

	/* Entry address: the ELF entry is a virtual address GRUB cannot use. */
	.balign 8
	.short	MB2_TAG_ENTRY, 0
	.long	12
	.long	V2P(_start)

	/* A framebuffer, any mode: UEFI has no text mode. grub.cfg asks for
	 * text mode on BIOS (gfxpayload=text). */
	.balign 8
	.short	MB2_TAG_FB, MB2_TAG_OPTIONAL
	.long	20
	.long	0, 0, 0

	/* Modules (the initramfs) page-aligned. */
	.balign 8
	.short	MB2_TAG_MODALIGN, 0
	.long	8

	.balign 8
	.short	MB2_TAG_END, 0
	.long	8
mb2_header_end:

	.section .note.Xen, "a"
	.balign 4
	.long	4				/* name size: "Xen\0" */
	.long	8				/* descriptor size */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.balign 4
	.quad	V2P(_start)

/* ------------------------------------------------------------ 32-bit code */
	.section .text.boot, "ax"
	.code32
	.globl	_start
_start:
	cli
	cld
	movl	%eax, %edi		/* magic: kept in edi/esi until kmain */
	movl	%ebx, %esi
	rdtsc				/* the very first thing: boot time */
	movl	%eax, V2P(boot_tsc)
	movl	%edx, V2P(boot_tsc) + 4
	movl	$V2P(boot_stack_top), %esp

	/* Zero .bss: loaders should, but the page tables must be clean. */
	movl	$V2P(__bss_start), %edx
	movl	$V2P(__bss_end), %ecx
	subl	%edx, %ecx
	shrl	$2, %ecx
	movl	%edi, %ebp		/* not the stack: it is in .bss */
	movl	%edx, %edi
	xorl	%eax, %eax
	rep stosl
	movl	%ebp, %edi
	/* boot_tsc is in .data, not .bss, so it survived. */

	/* Long mode available? (CPUID 80000001h EDX.LM) */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	.Lno_long_mode
	movl	$0x80000001, %eax
	cpuid
	testl	$CPUID_EXT_LM, %edx
	jz	.Lno_long_mode
	movl	%edx, %ebp		/* remember NX support */

	/*
	 * Boot page tables, 2 MiB pages (Intel SDM vol. 3, 4.5):
	 *   PML4[0]   -> pdpt_low: identity map of 0-4 GiB (for this code)
	 *   PML4[256] -> pdpt_low: the direct map at 0xffff800000000000
	 *   PML4[511] -> pdpt_high, [510] -> pd[0]: KERNEL_VMA -> 0-1 GiB
	 */
	movl	$V2P(boot_pd), %ebx
	xorl	%ecx, %ecx		/* 2048 entries map 4 GiB */
1:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$(PTE_P | PTE_W | PTE_PS), %eax
	movl	%eax, (%ebx, %ecx, 8)
	movl	%ecx, %eax
	shrl	$11, %eax		/* high dword: bits 32+ of ecx << 21 */
	movl	%eax, 4(%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jne	1b

	movl	$V2P(boot_pdpt_low), %ebx
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$12, %eax
	addl	$V2P(boot_pd), %eax
	orl	$(PTE_P | PTE_W), %eax
	movl	%eax, (%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$4, %ecx
	jne	2b

	movl	$(V2P(boot_pd) + PTE_P + PTE_W), V2P(boot_pdpt_high) + 510 * 8
	movl	$(V2P(boot_pdpt_low) + PTE_P + PTE_W), V2P(boot_pml4)
	movl	$(V2P(boot_pdpt_low) + PTE_P + PTE_W), V2P(boot_pml4) + 256 * 8
	movl	$(V2P(boot_pdpt_high) + PTE_P + PTE_W), V2P(boot_pml4) + 511 * 8

	movl	$V2P(boot_pml4), %eax
	movl	%eax, %cr3
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	testl	$CPUID_EXT_NX, %ebp
	jz	3f
	orl	$EFER_NXE, %eax
3:	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	lgdt	V2P(boot_gdt_ptr)
	ljmp	$BOOT_CS, $V2P(.Llong_mode)

.Lno_long_mode:
	/* Say why on COM1 and the VGA text screen, then stop. */
	movl	$V2P(no_lm_msg), %esi
	movl	$0xb8000, %edi
4:	movb	(%esi), %al
	testb	%al, %al
	jz	6f
	movw	$0x3fd, %dx		/* COM1 line status: wait for THR empty */
5:	movb	%al, %bl
	inb	%dx, %al
	testb	$0x20, %al
	movb	%bl, %al
	jz	5b
	movw	$0x3f8, %dx
	outb	%al, %dx
	movb	%al, (%edi)
	movb	$0x4f, 1(%edi)
	addl	$2, %edi
	incl	%esi
	jmp	4b
6:	hlt
	jmp	6b

/* ------------------------------------------------------------ 64-bit code */
	.code64
.Llong_mode:
	movl	$BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$start64, %rax
	jmp	*%rax

	.text
/* The first code at the kernel's own address; named for backtraces. */
start64:
	movabsq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp		/* end of the frame-pointer chain */
	movabsq	$boot_gdt, %rax		/* GDT by its virtual address */
	movq	%rax, boot_gdt_ptr64 + 2(%rip)
	lgdt	boot_gdt_ptr64(%rip)
	movl	%edi, %edi		/* kmain(uint32_t magic, paddr_t info) */
	movl	%esi, %esi
	call	kmain
7:	cli
	hlt
	jmp	7b

/* ------------------------------------------------------------------- data */
	.section .rodata
no_lm_msg:
	.asciz	"Ferrite: this CPU has no 64-bit long mode; stopping."

	.data
	.balign	8
	.globl	boot_tsc
boot_tsc:
	.quad	0

	.balign	8
boot_gdt:
	.quad	0			/* null */
	.quad	0x00af9a000000ffff	/* BOOT_CS: 64-bit code, ring 0 */
	.quad	0x00cf92000000ffff	/* BOOT_DS: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
	.short	boot_gdt_end - boot_gdt - 1
	.long	V2P(boot_gdt)
	.balign	8
boot_gdt_ptr64:
	.short	boot_gdt_end - boot_gdt - 1
	.quad	0

	.section .bss.page_aligned, "aw", @nobits
	.balign	4096
	.globl	boot_pml4, boot_pdpt_high, boot_pd
boot_pml4:
	.skip	4096
boot_pdpt_low:
	.skip	4096
boot_pdpt_high:
	.skip	4096
boot_pd:
	.skip	4 * 4096
	.globl	boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:			/* unmapped by paging.c: overflow faults */
	.skip	4096
boot_stack_bottom:
	.skip	BOOT_STACK_SIZE
boot_stack_top:
