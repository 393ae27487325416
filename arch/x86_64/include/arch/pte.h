/*
 * x86_64 page-table entry bits and the registers that govern them, shared
 * by paging.c (early kernel mapping) and pgtable.c (the mapping API).
 * Intel SDM vol. 3A, 4.5 (4-level paging), tables 4-15 to 4-20.
 */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H

#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_U		(1ULL << 2)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_PS		(1ULL << 7)
#define PTE_G		(1ULL << 8)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL
#define PTE_FLAGS	(~PTE_ADDR)

#define MSR_EFER	0xc0000080
#define EFER_NXE	(1ULL << 11)
#define CR4_PGE		(1ULL << 7)

#endif
