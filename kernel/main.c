/*
 * kmain(): where C starts, called by arch/x86_64/boot.S in long mode on
 * the boot stack. Brings the machine up in dependency order: the serial
 * console first (so everything after can be seen), CPU tables, boot
 * information, paging, the screen consoles, ACPI, time, memory; then
 * runs the in-kernel tests when ktest= asks for them.
 */
#include <acpi.h>
#include <arch.h>
#include <bootinfo.h>
#include <console.h>
#include <tty.h>
#include <errno.h>
#include <i8042.h>
#include <ktest.h>
#include <mm.h>
#include <panic.h>
#include <params.h>
#include <printk.h>
#include <process.h>
#include <random.h>
#include <sched.h>
#include <serial.h>
#include <time.h>
#include <vfs.h>
#include <video.h>
#include <vt.h>
#include <lib/string.h>

extern const char ferrite_banner[];
void kmain(uint32_t magic, paddr_t info);
void paging_init(void);
static void kmain_late(void *unused);

static void print_cpu(void)
{
	char vendor[16], brand[64];

	arch_cpu_identify(vendor, sizeof(vendor), brand, sizeof(brand));
	pr_info("cpu: %s, %s\n", vendor, brand);
}

static void print_ready(void)
{
	uint64_t ns = ktime_get_ns();
	uint64_t entry_ns = tsc_to_ns(boot_tsc);

	pr_info("ready: %lu.%03lu ms after kernel entry, %lu.%03lu ms after "
		"power-on\n", ns / NSEC_PER_MSEC, ns / 1000 % 1000,
		(entry_ns + ns) / NSEC_PER_MSEC, (entry_ns + ns) / 1000 % 1000);
}

void kmain(uint32_t magic, paddr_t info)
{
	serial_early_init();
	console_write(ferrite_banner, strlen(ferrite_banner));
	printk_log_only(5, ferrite_banner);
	arch_cpu_init();

	bootinfo_parse(magic, info);
	pr_info("Command line: %s\n", boot_info.cmdline);
	params_parse(boot_info.cmdline);
	if (kernel_params.quiet)
		printk_set_console_level(LOGLEVEL_QUIET);
	paging_init();
	vga_text_init();
	fbcon_init();

	print_cpu();
	bootinfo_report();
	/* Early, so that a panic from here on can power the machine off. */
	acpi_init();
	time_init();
	random_init();
	mm_init();

	/*
	 * The rest of the boot runs in the first kernel thread (pid 1), on
	 * a stack from vmalloc whose guard pages turn an overflow into a
	 * fault that reports; the boot context becomes the idle task.
	 */
	struct task *first = kthread_create(kmain_late, NULL, "kmain");

	if (!first)
		panic("cannot create the first kernel thread");
	sched_start(first);
}

/*
 * Run init as PID 1 in this thread, as Linux does: init= if given, else
 * /sbin/init, then /init. It gets the kernel's unknown words: "a=b" in
 * its environment (after HOME=/ and TERM=linux), the rest as arguments.
 */
static void start_init(void)
{
	static const char *const defaults[] = { "/sbin/init", "/init" };
	const char *argv[INIT_ARGS_MAX + 2], *envp[INIT_ENVS_MAX + 3];
	size_t n = 0;
	int err = -ENOENT;

	envp[n++] = "HOME=/";
	envp[n++] = "TERM=linux";
	for (size_t i = 0; i < kernel_params.init_envc; i++)
		envp[n++] = kernel_params.init_envp[i];
	envp[n] = NULL;
	for (size_t i = 0; i < kernel_params.init_argc; i++)
		argv[i + 1] = kernel_params.init_argv[i];
	argv[kernel_params.init_argc + 1] = NULL;

	for (size_t i = 0; i < 1 + ARRAY_SIZE(defaults); i++) {
		const char *path = i ? defaults[i - 1] : kernel_params.init;

		if (!*path)
			continue;
		argv[0] = path;
		err = process_start_init(path, argv, envp);
		if (!err)
			arch_return_to_user(current_user_tf());
		pr_warn("init: cannot run %s (error %d)\n", path, err);
		if (i == 0)
			break;	/* init= names the one to run */
	}
	panic("No working init found. Try passing init= option to kernel. "
	      "See docs/boot.md.");
}

static void kmain_late(void *unused)
{
	arch_irq_enable();
	serial_irq_init();
	print_ready();
	console_flush();

	if (kernel_params.ktest) {
		ktest_run(kernel_params.ktest_spec);
		machine_power_off();
	}
	vfs_init();
	serial_tty_init();
	vt_tty_init();
	tty_init();
	i8042_init();		/* after devtmpfs: /dev/input/mice */
	start_init();
}
