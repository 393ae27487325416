/*
 * Frame-pointer backtraces (the kernel is built with
 * -fno-omit-frame-pointer): each frame holds [rbp] = caller's rbp and
 * [rbp + 8] = return address. Every frame pointer is checked to lie in a
 * known kernel stack before it is read, so a corrupt chain ends the walk
 * instead of faulting inside a panic.
 */
#include <arch.h>
#include <percpu.h>
#include <arch/boot.h>
#include <arch/cpu.h>

/*
 * The kernel stack the CPU runs on besides the boot and IST stacks (the
 * scheduler will keep one per task); set by arch_set_kernel_stack().
 */
static unsigned long thread_stack_lo, thread_stack_hi;

void arch_set_kernel_stack(void *lo, void *hi)
{
	thread_stack_lo = (unsigned long)lo;
	thread_stack_hi = (unsigned long)hi;
	tss_set_rsp0((uint64_t)hi);	/* where ring changes land */
	this_cpu()->kernel_sp = (unsigned long)hi;	/* and syscalls */
}

static bool on_stack(unsigned long fp, unsigned long lo, unsigned long hi)
{
	return fp >= lo && fp + 16 <= hi;
}

static bool fp_valid(unsigned long fp)
{
	if (fp & 7)
		return false;
	if (on_stack(fp, (unsigned long)boot_stack_bottom,
		     (unsigned long)boot_stack_top) ||
	    on_stack(fp, thread_stack_lo, thread_stack_hi))
		return true;
	for (int i = 0; i < 3; i++)
		if (on_stack(fp, (unsigned long)ist_stacks[i],
			     (unsigned long)ist_stacks[i] + IST_STACK_SIZE))
			return true;
	return false;
}

size_t arch_backtrace_from(unsigned long fp, unsigned long *pcs, size_t max)
{
	size_t n = 0;

	while (n < max && fp_valid(fp)) {
		unsigned long *frame = (unsigned long *)fp;
		unsigned long ret = frame[1];

		if (!ret)
			break;
		pcs[n++] = ret;
		/* Frames grow up the stack, except where an IST entry
		 * switched stacks; forbid loops by requiring a change. */
		if (frame[0] == fp)
			break;
		fp = frame[0];
	}
	return n;
}

size_t arch_backtrace(unsigned long *pcs, size_t max)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0);

	/* Skip our own frame: start with our caller's return address. */
	return arch_backtrace_from(fp, pcs, max);
}
