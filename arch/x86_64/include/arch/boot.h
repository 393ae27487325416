/* Constants shared by boot.S and the C code that takes over from it. */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H

#define BOOT_CS		0x08
#define BOOT_DS		0x10
#define BOOT_STACK_SIZE	(16 * 1024)

#define MB2_BOOTLOADER_MAGIC	0x36d76289	/* Multiboot2 spec, 3.2 */
#define PVH_START_MAGIC		0x336ec578	/* Xen arch-x86/hvm/start_info.h */

#ifndef __ASSEMBLY__
#include <stdint.h>
extern char boot_stack_guard[], boot_stack_bottom[], boot_stack_top[];
extern uint64_t boot_pml4[512], boot_pdpt_high[512], boot_pd[4 * 512];
#endif

#endif
