/*
 * The kernel command line as the kernel understood it (kernel/params.c):
 * the words of the boot contract, and what goes on to init. Parsing is done
 * by lib/cmdline.c; this file gives the words their meaning.
 */
#ifndef PARAMS_H
#define PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#define INIT_ARGS_MAX	32
#define INIT_ENVS_MAX	32
#define KTEST_SPEC_MAX	256
#define PATH_ARG_MAX	256

struct kernel_params {
	char console[16];	/* "ttyS0" or "tty0": the last console= */
	char init[PATH_ARG_MAX]; /* init=, or "" for the default search */
	bool quiet;
	int panic_timeout;	/* panic=N: 0 halt, >0 reboot after N s, <0 off */
	bool ktest;
	char ktest_spec[KTEST_SPEC_MAX];
	bool norandmaps;
	bool strace;		/* log every system call */
	/* Words for init: "a=b" to its environment, the rest to argv. */
	const char *init_argv[INIT_ARGS_MAX];
	size_t init_argc;
	const char *init_envp[INIT_ENVS_MAX];
	size_t init_envc;
};

extern struct kernel_params kernel_params;

/* Parse boot_info.cmdline into kernel_params; warns on malformed words. */
void params_parse(const char *cmdline);

#endif
