/*
 * The exception table: pairs (faulting instruction, fixup address). When
 * a kernel instruction listed here faults, the trap handler resumes at the
 * fixup instead of oopsing. copy_from_user/copy_to_user use it (user-space
 * issue); the trap tests use it to recover from deliberate exceptions.
 */
#ifndef ARCH_EXTABLE_H
#define ARCH_EXTABLE_H

#define EX_TYPE_JUMP	0	/* resume at the fixup */
#define EX_TYPE_VECTOR	1	/* resume at the fixup with rax = vector */

#ifdef __ASSEMBLY__
#define EXTABLE(insn, fixup, type)		\
	.pushsection __ex_table, "a";		\
	.balign 8;				\
	.quad insn, fixup, type;		\
	.popsection
#else
#include <stdint.h>

struct extable_entry {
	uint64_t insn;
	uint64_t fixup;
	uint64_t type;
};

const struct extable_entry *extable_search(uint64_t ip);
#endif

#endif
