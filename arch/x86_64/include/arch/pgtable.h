/* Internal to arch/x86_64: what pgtable.c shares with uvm.c. */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#include <stdint.h>

struct addr_space;

extern uint64_t nx_bit;		/* PTE_NX when EFER.NXE is on, else 0 */
/* A zeroed page-table page counted in @as, or NULL. */
uint64_t *pt_new(struct addr_space *as);
void pt_release(struct addr_space *as, uint64_t *t);
/* Set once the first user PML4 copied the kernel half (uvm.c). */
extern bool user_spaces_made;
/* Flush the whole TLB, global entries included. */
void flush_all(void);

#endif
