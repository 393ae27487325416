/*
 * Context switch suite: a thread on its own vmalloc'd stack (with guard
 * pages) and the boot context switch back and forth; the callee-saved
 * registers and the stack survive, and the new thread starts with an
 * ABI-aligned stack. The scheduler issue builds tasks on this primitive.
 */
#include <arch.h>
#include <ktest.h>
#include <vmalloc.h>

#define STACK_SIZE	(16 * 1024)
#define ROUNDS		1000

static unsigned long main_sp, thread_sp;
static volatile unsigned long pings, pongs, entry_alignment;

static void pong_thread(void *arg)
{
	volatile unsigned long *counter = arg;

	entry_alignment = (unsigned long)__builtin_frame_address(0) & 15;
	for (;;) {
		(*counter)++;
		pongs++;
		arch_context_switch(&thread_sp, main_sp);
	}
}

static void ping_pong(void)
{
	unsigned long counter = 0;
	void *stack = vmalloc(STACK_SIZE);
	/* Values the compiler keeps in callee-saved registers across calls. */
	volatile unsigned long a = 0x1111, b = 0x2222;

	KEXPECT(stack != NULL);
	if (!stack)
		return;
	pings = pongs = 0;
	thread_sp = arch_thread_stack_init((char *)stack + STACK_SIZE,
					   pong_thread, &counter);
	for (int i = 0; i < ROUNDS; i++) {
		pings++;
		arch_context_switch(&main_sp, thread_sp);
	}
	KEXPECT_EQ(pings, ROUNDS);
	KEXPECT_EQ(pongs, ROUNDS);
	KEXPECT_EQ(counter, ROUNDS);
	KEXPECT_EQ(a, 0x1111);
	KEXPECT_EQ(b, 0x2222);
	/* A frame pointer is 16-byte aligned once the prologue pushed rbp. */
	KEXPECT_EQ(entry_alignment, 0);
	vfree(stack);
}

static const struct ktest_case switch_cases[] = {
	KTEST_CASE(ping_pong),
};

const struct ktest_suite ktest_switch = KTEST_SUITE("switch", switch_cases);
