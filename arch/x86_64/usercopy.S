/*
 * Copies between kernel and user memory (include/uaccess.h). The string
 * instructions that touch user memory are in the exception table: a
 * fault the page-fault handler cannot resolve resumes at the fixup, which
 * returns how much was left. With SMAP on, user pages are reachable only
 * between stac and clac (Intel SDM vol. 3A, 4.6.1); uaccess_smap says
 * whether the CPU has them.
 */
#include <arch/extable.h>

	.macro	open_user
	testb	$1, uaccess_smap(%rip)
	jz	.Lo\@
	stac
.Lo\@:
	.endm

	.macro	close_user
	testb	$1, uaccess_smap(%rip)
	jz	.Lc\@
	clac
.Lc\@:
	.endm

	.text
/* size_t arch_copy_user(void *dst, const void *src, size_t len) */
	.globl	arch_copy_user
arch_copy_user:
	open_user
	movq	%rdx, %rcx
	shrq	$3, %rcx
	andl	$7, %edx
1:	rep movsq
	movl	%edx, %ecx
2:	rep movsb
	close_user
	xorl	%eax, %eax
	ret
3:	/* faulted in the quadwords: what is left of them and the tail */
	close_user
	leaq	(%rdx, %rcx, 8), %rax
	ret
4:	close_user
	movq	%rcx, %rax
	ret
	EXTABLE(1b, 3b, EX_TYPE_JUMP)
	EXTABLE(2b, 4b, EX_TYPE_JUMP)

/* size_t arch_clear_user(void *dst, size_t len) */
	.globl	arch_clear_user
arch_clear_user:
	open_user
	movq	%rsi, %rcx
	xorl	%eax, %eax
1:	rep stosb
	close_user
	xorl	%eax, %eax
	ret
2:	close_user
	movq	%rcx, %rax
	ret
	EXTABLE(1b, 2b, EX_TYPE_JUMP)

/* long arch_strncpy_user(char *dst, const char *src, size_t max) */
	.globl	arch_strncpy_user
arch_strncpy_user:
	open_user
	xorl	%eax, %eax
1:	cmpq	%rdx, %rax
	je	3f
2:	movb	(%rsi, %rax), %cl
	movb	%cl, (%rdi, %rax)
	incq	%rax
	testb	%cl, %cl
	jnz	1b
3:	close_user
	ret
4:	close_user
	movq	$-1, %rax
	ret
	EXTABLE(2b, 4b, EX_TYPE_JUMP)
