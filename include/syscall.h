/*
 * System calls (kernel/syscall.c): the Linux x86_64 numbers, names and
 * argument formats are in kernel/syscalls.def, one line per call, from
 * which the dispatch table, strace-style logging and docs/syscalls.md are
 * made. A handler is written with SYSCALL_DEFINEn(name, type, arg, ...),
 * which gives it typed arguments and the common signature the table
 * needs; it returns a value or -errno.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "compiler.h"
#include "types.h"

struct syscall_args {
	unsigned long a[6];
};

typedef long (*syscall_fn)(const struct syscall_args *args);

#define __SC_DECL(name) long sys_##name(const struct syscall_args *args)

#define SYSCALL_DEFINE0(name)						\
	static long do_sys_##name(void);				\
	__SC_DECL(name) { (void)args; return do_sys_##name(); }		\
	static long do_sys_##name(void)
#define SYSCALL_DEFINE1(name, t1, a1)					\
	static long do_sys_##name(t1 a1);				\
	__SC_DECL(name) { return do_sys_##name((t1)args->a[0]); }	\
	static long do_sys_##name(t1 a1)
#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)				\
	static long do_sys_##name(t1 a1, t2 a2);			\
	__SC_DECL(name)							\
	{ return do_sys_##name((t1)args->a[0], (t2)args->a[1]); }	\
	static long do_sys_##name(t1 a1, t2 a2)
#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)			\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3);			\
	__SC_DECL(name)							\
	{ return do_sys_##name((t1)args->a[0], (t2)args->a[1],		\
			       (t3)args->a[2]); }			\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3)
#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)		\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);		\
	__SC_DECL(name)							\
	{ return do_sys_##name((t1)args->a[0], (t2)args->a[1],		\
			       (t3)args->a[2], (t4)args->a[3]); }	\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)
#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);	\
	__SC_DECL(name)							\
	{ return do_sys_##name((t1)args->a[0], (t2)args->a[1],		\
			       (t3)args->a[2], (t4)args->a[3],		\
			       (t5)args->a[4]); }			\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)
#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5,	\
			t6, a6)						\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5,	\
				  t6 a6);				\
	__SC_DECL(name)							\
	{ return do_sys_##name((t1)args->a[0], (t2)args->a[1],		\
			       (t3)args->a[2], (t4)args->a[3],		\
			       (t5)args->a[4], (t6)args->a[5]); }	\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5,	\
				  t6 a6)

/* Every handler's prototype, from the table. */
#define SYSCALL(nr, name, fmt, note)	__SC_DECL(name);
#include "../kernel/syscalls.def"
#undef SYSCALL

/* Run system call @nr (the dispatcher in arch calls this). */
long syscall_invoke(unsigned long nr, const struct syscall_args *args);

/* The strace command-line word: log every call of every process. */
extern bool strace_all;

#endif
