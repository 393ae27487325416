/*
 * execve: load a static ELF64 program (ET_EXEC or static-PIE ET_DYN,
 * checked by lib/elf.c) or a "#!" script into a fresh address space and
 * build the initial stack exactly as Linux does: argc, argv, envp and
 * the auxiliary vector, above them the strings, AT_RANDOM's 16 bytes and
 * the platform name. PID 1 starts here too.
 */
#include <arch.h>
#include <errno.h>
#include <file.h>
#include <mman.h>
#include <mm.h>
#include <params.h>
#include <printk.h>
#include <process.h>
#include <random.h>
#include <shmem.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <tty.h>
#include <vmalloc.h>
#include <lib/elf.h>
#include <lib/string.h>
#include "process_internal.h"

#define TMPFS_MAGIC		0x01021994
#define EXEC_ARGS_MAX		(256 * 1024)	/* argv + envp strings */
#define EXEC_ARGV_MAX		0x7fffffff
#define SCRIPT_DEPTH		4
#define STACK_TOP		USER_END
#define STACK_INITIAL		(128 * 1024)
#define STACK_RANDOM_PAGES	(1UL << 22 >> 12 << 8)	/* 4 GiB of pages */
#define MMAP_RANDOM_PAGES	(1UL << 28)		/* 1 TiB of pages */
#define BRK_RANDOM_PAGES	(32UL << 20 >> 12)	/* 32 MiB */
#define PIE_BASE		0x555555554000UL
#define PIE_RANDOM_PAGES	(1UL << 28)
#define MMAP_GAP_MIN		(128UL << 20)

#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_HWCAP2	26
#define AT_EXECFN	31
#define AT_MINSIGSTKSZ	51
#define NR_AUXV		20

/*
 * A program: its first bytes (headers, a "#!" line), its size, and where
 * it was found. Its segments are mapped from the file's pages when the
 * file is in tmpfs, else read and copied.
 */
struct exec_file {
	void *data;		/* the first head_len bytes */
	size_t head_len;
	size_t size;
	struct path path;	/* where it was found (/proc/PID/exe) */
};

/* The strings of argv then envp, packed, in a kernel buffer. */
struct exec_args {
	char *buf;
	size_t used;
	int argc, envc;
};

static int args_add(struct exec_args *a, const char *s, size_t len)
{
	if (a->used + len + 1 > EXEC_ARGS_MAX)
		return -E2BIG;
	memcpy(a->buf + a->used, s, len);
	a->buf[a->used + len] = '\0';
	a->used += len + 1;
	return 0;
}

/* Copy a NULL-terminated array of user strings. */
static int args_copy_user(struct exec_args *a, const char *const *uv,
			  int *count)
{
	for (*count = 0; uv; (*count)++) {
		const char *s;
		long n;

		if (*count >= EXEC_ARGV_MAX)
			return -E2BIG;
		if (get_user(s, uv + *count))
			return -EFAULT;
		if (!s)
			break;
		n = strncpy_from_user(a->buf + a->used, s,
				      EXEC_ARGS_MAX - a->used);
		if (n == -ENAMETOOLONG)
			return -E2BIG;
		if (n < 0)
			return n;
		a->used += n + 1;
	}
	return 0;
}

static int args_copy_kernel(struct exec_args *a, const char *const *v,
			    int *count)
{
	for (*count = 0; v && v[*count]; (*count)++) {
		int err = args_add(a, v[*count], strlen(v[*count]));

		if (err)
			return err;
	}
	return 0;
}

/* The string after @s in the buffer. */
static const char *next_str(const char *s)
{
	return s + strlen(s) + 1;
}

/*
 * A script: argv becomes interp [arg] path argv[1..]; @path is the
 * script's name as exec was given it.
 */
static int args_for_script(struct exec_args *a, const char *interp,
			   const char *arg, const char *path)
{
	struct exec_args n = { .buf = vmalloc(EXEC_ARGS_MAX) };
	const char *s = a->buf;
	int err;

	if (!n.buf)
		return -ENOMEM;
	err = args_add(&n, interp, strlen(interp));
	if (!err && *arg)
		err = args_add(&n, arg, strlen(arg));
	if (!err)
		err = args_add(&n, path, strlen(path));
	n.argc = *arg ? 3 : 2;
	for (int i = 0; !err && i < a->argc + a->envc; i++, s = next_str(s))
		if (i)		/* the old argv[0] makes way for the path */
			err = args_add(&n, s, strlen(s));
		else if (!a->argc)
			err = args_add(&n, s, strlen(s));
	n.argc += a->argc ? a->argc - 1 : 0;
	n.envc = a->envc;
	if (err) {
		vfree(n.buf);
		return err;
	}
	vfree(a->buf);
	*a = n;
	return 0;
}

/* Page-rounded range of a segment, biased. */
static void seg_pages(const struct elf_segment *s, unsigned long bias,
		      unsigned long *start, unsigned long *end)
{
	*start = ALIGN_DOWN(s->vaddr + bias, PAGE_SIZE);
	*end = ALIGN_UP(s->vaddr + bias + s->memsz, PAGE_SIZE);
}

static unsigned int seg_vma_prot(const struct elf_segment *s)
{
	return (s->prot & ELF_PROT_R ? VMA_READ : 0) |
	       (s->prot & ELF_PROT_W ? VMA_WRITE | VMA_READ : 0) |
	       (s->prot & ELF_PROT_X ? VMA_EXEC | VMA_READ : 0);
}

int mm_protect(struct mm *mm, unsigned long start, unsigned long end,
	       unsigned int prot_flags);

/* Copy each segment's bytes from the file into the mapped image. */
static int copy_segments(struct mm *mm, const struct exec_file *f,
			 const struct elf_plan *plan, unsigned long bias)
{
	char *buf = vmalloc(MAX(f->size, 1UL));
	long n = buf ? kernel_read(f->path.dentry->inode, 0, buf, f->size) :
		       -ENOMEM;
	int err = n == (long)f->size ? 0 : n < 0 ? (int)n : -EIO;

	for (unsigned int i = 0; !err && i < plan->nseg; i++) {
		const struct elf_segment *s = &plan->seg[i];

		err = mm_write(mm, s->vaddr + bias, buf + s->offset,
			       s->filesz);
	}
	vfree(buf);
	return err;
}

/*
 * Can the segments be mapped from the file's pages? A tmpfs file whose
 * segments sit at the same offset in a page in the file and in memory,
 * and share no page with each other.
 */
static bool mappable(const struct exec_file *f, const struct elf_plan *plan)
{
	struct inode *i = f->path.dentry->inode;
	unsigned long prev_end = 0;

	if (i->sb->magic != TMPFS_MAGIC)
		return false;
	for (unsigned int n = 0; n < plan->nseg; n++) {
		const struct elf_segment *s = &plan->seg[n];

		if ((s->vaddr - s->offset) & (PAGE_SIZE - 1) ||
		    ALIGN_DOWN(s->vaddr, PAGE_SIZE) < prev_end)
			return false;
		prev_end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
	}
	return true;
}

/*
 * Map one segment: its file part copy-on-write from the file's pages,
 * the rest (bss) anonymous, and the bss's start in the last file page
 * zeroed, as Linux does. Writable for now; load_segments protects it.
 */
static int map_segment(struct mm *mm, const struct exec_file *f,
		       const struct elf_segment *s, unsigned long bias)
{
	static const char zeros[256];
	unsigned long start = ALIGN_DOWN(s->vaddr + bias, PAGE_SIZE);
	unsigned long file_end = ALIGN_UP(s->vaddr + bias + s->filesz,
					  PAGE_SIZE);
	unsigned long end = ALIGN_UP(s->vaddr + bias + s->memsz, PAGE_SIZE);
	unsigned int flags = VMA_READ | VMA_WRITE | VMA_MAY_MASK;
	struct shmem *obj = f->path.dentry->inode->priv;
	int err = 0;

	mutex_lock(&mm->lock);
	if (s->filesz) {
		shmem_get(obj);
		err = mm_map_object(mm, start, file_end, flags, obj,
				    (s->offset - ((s->vaddr + bias) - start)) >>
				    PAGE_SHIFT);
	}
	if (!err && end > file_end)
		err = mm_map_anon(mm, s->filesz ? file_end : start, end,
				  flags);
	mutex_unlock(&mm->lock);
	for (unsigned long a = s->vaddr + bias + s->filesz;
	     !err && s->memsz > s->filesz && s->filesz && a < file_end;) {
		size_t n = MIN(sizeof(zeros), file_end - a);

		err = mm_write(mm, a, zeros, n);
		a += n;
	}
	return err;
}

/*
 * Put the segments in place (mapped from a tmpfs file, else copied into
 * a writable image), give each its protection (a page two segments share
 * gets both) and unmap the holes between them.
 */
static int load_segments(struct mm *mm, const struct exec_file *f,
			 const struct elf_plan *plan, unsigned long bias)
{
	unsigned long lo = plan->lowest + bias, hi = plan->highest + bias;
	int err = 0;

	if (mappable(f, plan)) {
		for (unsigned int i = 0; !err && i < plan->nseg; i++)
			err = map_segment(mm, f, &plan->seg[i], bias);
	} else {
		mutex_lock(&mm->lock);
		err = mm_map_anon(mm, lo, hi, VMA_READ | VMA_WRITE |
				  VMA_MAY_MASK);
		mutex_unlock(&mm->lock);
		if (!err)
			err = copy_segments(mm, f, plan, bias);
	}
	mutex_lock(&mm->lock);
	for (unsigned int i = 0; !err && i < plan->nseg; i++) {
		unsigned long start, end, pstart, pend;
		unsigned int prot = seg_vma_prot(&plan->seg[i]);

		seg_pages(&plan->seg[i], bias, &start, &end);
		err = mm_protect(mm, start, end, prot);
		if (err || !i)
			continue;
		seg_pages(&plan->seg[i - 1], bias, &pstart, &pend);
		if (pend > start)	/* a shared page */
			err = mm_protect(mm, start, start + PAGE_SIZE, prot |
					 seg_vma_prot(&plan->seg[i - 1]));
		else if (pend < start)
			err = mm_unmap(mm, pend, start);
	}
	mutex_unlock(&mm->lock);
	return err;
}

static unsigned long random_pages(unsigned long n)
{
	return kernel_params.norandmaps ? 0 :
	       get_random_range(n) << PAGE_SHIFT;
}

/* Place the stack, the mmap area and the break (ASLR unless norandmaps). */
static int layout(struct mm *mm, const struct elf_plan *plan,
		  unsigned long bias, bool exec_stack)
{
	const struct rlimit *rl = &current->proc->rlim[RLIMIT_STACK];
	unsigned long stack_max = MIN(rl->cur, 1UL << 40);
	unsigned long gap = MAX(stack_max, MMAP_GAP_MIN);
	int err;

	mm->stack_top = STACK_TOP - random_pages(STACK_RANDOM_PAGES);
	mm->stack_limit = mm->stack_top - stack_max;
	mm->mmap_base = ALIGN_DOWN(mm->stack_top - gap, PAGE_SIZE) -
			random_pages(MMAP_RANDOM_PAGES);
	mm->brk_start = ALIGN_UP(plan->highest + bias, PAGE_SIZE) +
			random_pages(BRK_RANDOM_PAGES);
	mm->brk = mm->brk_start;
	mm->start_code = plan->lowest + bias;
	mm->end_code = plan->highest + bias;
	mutex_lock(&mm->lock);
	err = mm_map_anon(mm, mm->stack_top - STACK_INITIAL, mm->stack_top,
			  VMA_READ | VMA_WRITE | VMA_GROWSDOWN | VMA_MAY_MASK |
			  (exec_stack ? VMA_EXEC : 0));
	mutex_unlock(&mm->lock);
	return err;
}

/* Builds the initial stack downwards from mm->stack_top. */
struct stack_builder {
	struct mm *mm;
	unsigned long sp;
	int err;
};

static unsigned long push_bytes(struct stack_builder *b, const void *p,
				size_t len)
{
	b->sp -= len;
	if (!b->err)
		b->err = mm_write(b->mm, b->sp, p, len);
	return b->sp;
}

static int build_stack(struct mm *mm, const struct exec_args *a,
		       const char *execfn, const struct elf_plan *plan,
		       unsigned long bias, unsigned long *sp_out)
{
	struct stack_builder b = { mm, mm->stack_top, 0 };
	unsigned long execfn_at, platform_at, random_at, *vec, *p;
	size_t nptr = 1 + a->argc + 1 + a->envc + 1 + 2 * NR_AUXV;
	uint8_t rnd[16];
	const char *s;

	execfn_at = push_bytes(&b, execfn, strlen(execfn) + 1);
	/* The strings: envp's above argv's, as Linux lays them out. */
	b.sp -= a->used;
	if (!b.err)
		b.err = mm_write(mm, b.sp, a->buf, a->used);
	unsigned long strings = b.sp;

	platform_at = push_bytes(&b, "x86_64", 7);
	get_random_bytes(rnd, sizeof(rnd));
	b.sp = ALIGN_DOWN(b.sp, 16);
	random_at = push_bytes(&b, rnd, sizeof(rnd));
	b.sp = ALIGN_DOWN(b.sp - nptr * sizeof(long), 16);
	if (b.err)
		return b.err;

	vec = vmalloc(nptr * sizeof(long));
	if (!vec)
		return -ENOMEM;
	p = vec;
	*p++ = a->argc;
	s = a->buf;
	for (int i = 0; i < a->argc + a->envc; i++, s = next_str(s)) {
		*p++ = strings + (s - a->buf);
		if (i == a->argc - 1) {
			*p++ = 0;	/* argv's NULL */
			mm->arg_end = strings + (next_str(s) - a->buf);
		}
	}
	if (!a->argc)
		*p++ = 0;
	*p++ = 0;			/* envp's NULL */
#define AUX(k, v) do { *p++ = (k); *p++ = (v); } while (0)
	AUX(AT_PHDR, plan->phdr_addr ? plan->phdr_addr + bias : 0);
	AUX(AT_PHENT, plan->phent);
	AUX(AT_PHNUM, plan->phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, plan->entry + bias);
	AUX(AT_UID, current->proc->cred.uid);
	AUX(AT_EUID, current->proc->cred.euid);
	AUX(AT_GID, current->proc->cred.gid);
	AUX(AT_EGID, current->proc->cred.egid);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random_at);
	AUX(AT_HWCAP, arch_elf_hwcap());
	AUX(AT_HWCAP2, 0);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PLATFORM, platform_at);
	AUX(AT_EXECFN, execfn_at);
	AUX(AT_MINSIGSTKSZ, arch_min_sigstack());
	AUX(AT_NULL, 0);
#undef AUX
	b.err = mm_write(mm, b.sp, vec, (p - vec) * sizeof(long));
	mm->arg_start = strings;
	if (!a->argc)
		mm->arg_end = strings;
	mm->env_start = mm->arg_end;
	mm->env_end = strings + a->used;
	vfree(vec);
	*sp_out = b.sp;
	return b.err;
}

/* The largest program exec copies (a mapped one has no limit). */
#define EXEC_FILE_MAX	(64UL << 20)
/* How much of a program exec reads to find its headers. */
#define EXEC_HEAD_MAX	(64UL << 10)

/* Find the regular file at @path, executable; read its head into @f. */
static int read_program(const char *path, struct exec_file *f)
{
	struct path p;
	struct inode *i;
	long n;
	int err = path_walk(NULL, path, LOOKUP_FOLLOW, &p, NULL, NULL);

	if (err)
		return err;
	i = p.dentry->inode;
	if (S_ISDIR(i->mode) || !S_ISREG(i->mode) || !(i->mode & 0111))
		err = -EACCES;
	else if (i->size > EXEC_FILE_MAX && i->sb->magic != TMPFS_MAGIC)
		err = -E2BIG;
	f->size = i->size;
	f->head_len = MIN(f->size, EXEC_HEAD_MAX);
	f->data = err ? NULL : vmalloc(MAX(f->head_len, 1UL));
	if (!err && !f->data)
		err = -ENOMEM;
	if (!err) {
		n = kernel_read(i, 0, f->data, f->head_len);
		if (n != (long)f->head_len)
			err = n < 0 ? n : -EIO;
	}
	if (err) {
		path_put(&p);
		vfree(f->data);
		f->data = NULL;
		return err;
	}
	if (f->path.dentry)
		path_put(&f->path);
	f->path = p;
	return 0;
}

/* Find @path and follow "#!" lines; fills @f and may rewrite @a. */
static int resolve(char *path, size_t psize, struct exec_file *f,
		   struct exec_args *a)
{
	char interp[PATH_MAX], arg[256];
	int err;

	for (int depth = 0;; depth++) {
		err = read_program(path, f);
		if (err)
			return err;
		if (!elf_is_script(f->data, f->head_len))
			return 0;
		err = depth == SCRIPT_DEPTH ? -ELOOP :
		      elf_script_interp(f->data, f->head_len, interp,
					sizeof(interp), arg, sizeof(arg));
		if (!err)
			err = args_for_script(a, interp, arg, path);
		vfree(f->data);
		f->data = NULL;
		if (err)
			return err;
		strlcpy(path, interp, psize);
	}
}

/* The point of no return: the caller becomes the new program. */
static void commit(struct mm *mm, const char *path, struct path *exe,
		   unsigned long entry, unsigned long sp)
{
	struct task *t = current;
	struct mm *old = t->mm;
	struct path old_exe = t->proc->exe;

	t->proc->exe = *exe;	/* the reference moves */
	exe->dentry = NULL;
	if (old_exe.dentry)
		path_put(&old_exe);
	const char *base = strrchr(path, '/');

	t->mm = mm;
	mm_activate(mm);
	if (old)
		mm_put(old);
	if (t->user->vfork_done)
		vfork_release(t);
	signal_exec_reset(t->proc);
	fdtable_exec(t->files);
	t->user->altstack = (stack_t){ .ss_flags = SS_DISABLE };
	t->user->fs_base = 0;
	t->user->gs_base = 0;
	arch_set_fs_base(0);
	arch_set_user_gs_base(0);
	arch_fpu_state_init(t->fpu);
	arch_fpu_restore(t->fpu);
	base = base ? base + 1 : path;
	strlcpy(t->proc->comm, base, sizeof(t->proc->comm));
	strlcpy(t->name, base, sizeof(t->name));
	arch_user_tf_init(current_user_tf(), entry, sp);
}

/* exec @path with the arguments in @a (consumed). */
static int do_exec(char *path, size_t psize, struct exec_args *a)
{
	struct exec_file f;
	struct elf_plan *plan;
	unsigned long bias = 0, sp;
	struct mm *mm;
	char *execfn;
	int err;

	/* AT_EXECFN is the name exec was given, a script's included. */
	execfn = kmalloc(psize, GFP_KERNEL);
	if (!execfn)
		return -ENOMEM;
	strlcpy(execfn, path, psize);
	f.data = NULL;
	f.path.dentry = NULL;
	err = resolve(path, psize, &f, a);
	if (err)
		goto out_fn;
	err = -ENOMEM;
	plan = vmalloc(sizeof(*plan));
	if (!plan)
		goto out_fn;
	err = elf_parse_head(f.data, f.head_len, f.size, plan);
	if (err) {
		pr_info("exec: %s: %s\n", path, plan->why ? plan->why :
			"not an executable");
		goto out;
	}
	if (plan->type == ELF_TYPE_DYN)
		bias = PIE_BASE + random_pages(PIE_RANDOM_PAGES);
	err = -ENOMEM;
	mm = mm_create();
	if (!mm)
		goto out;
	err = load_segments(mm, &f, plan, bias);
	if (!err)
		err = layout(mm, plan, bias, plan->exec_stack);
	if (!err)
		err = build_stack(mm, a, execfn, plan, bias, &sp);
	if (!err)
		err = exec_become_single_thread();
	if (err) {
		mm_put(mm);
		goto out;
	}
	commit(mm, execfn, &f.path, plan->entry + bias, sp);
out:
	vfree(plan);
out_fn:
	vfree(f.data);
	if (f.path.dentry)
		path_put(&f.path);
	kfree(execfn);
	return err;
}

/*
 * exec with the path and the argument and environment arrays in user
 * memory (@user) or in the kernel (PID 1's first exec).
 */
static int exec_from(const char *path_in, const char *const *argv,
		     const char *const *envp, bool user)
{
	struct exec_args a = { .buf = vmalloc(EXEC_ARGS_MAX) };
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long err = -ENOMEM;

	if (!path || !a.buf)
		goto out;
	if (!user)
		err = strlcpy(path, path_in, PATH_MAX) <
		      PATH_MAX ? 0 : -ENAMETOOLONG;
	else
		err = strncpy_from_user(path, path_in, PATH_MAX);
	if (err < 0)
		goto out;
	err = user ? args_copy_user(&a, argv, &a.argc) :
		     args_copy_kernel(&a, argv, &a.argc);
	if (!err)
		err = user ? args_copy_user(&a, envp, &a.envc) :
			     args_copy_kernel(&a, envp, &a.envc);
	if (!err)
		err = do_exec(path, PATH_MAX, &a);
out:
	vfree(a.buf);
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(execve, const char *, upath, const char *const *, uargv,
		const char *const *, uenvp)
{
	return exec_from(upath, uargv, uenvp, true);
}

/*
 * /dev/console if the root has one (devtmpfs is mounted on /dev only by
 * init), else the console itself: PID 1 gets it as fds 0, 1 and 2.
 */
static struct file *open_console(void)
{
	struct path p;
	struct file *f;

	if (path_walk(NULL, "/dev/console", LOOKUP_FOLLOW, &p, NULL, NULL))
		goto no_node;
	f = vfs_open(&p, O_RDWR);
	path_put(&p);
	if (!IS_ERR(f))
		return f;
no_node:
	f = tty_console_file();
	return f ? f : console_file_open();
}

/* Make the calling kernel thread process 1, with the console as 0-2. */
static int make_init_process(void)
{
	struct task *t = current;
	struct process *p = process_alloc();
	struct file *con = open_console();
	int err = -ENOMEM;

	if (!p || !con)
		goto fail;
	p->sighand = sighand_alloc(NULL);
	t->files = fdtable_create();
	if (!p->sighand || !t->files || task_user_init(t, NULL))
		goto fail;
	p->pid = p->pgid = p->sid = t->pid;
	p->leader = t;
	rlimits_init(p->rlim);
	t->proc = p;
	list_add_tail(&t->thread_node, &p->threads);
	p->nr_threads = 1;
	list_add_tail(&p->all_node, &all_processes);
	process_set_init(p);
	for (int fd = 0; fd < 3; fd++)
		fd_install(t->files, file_get(con), fd, false);
	file_put(con);
	return 0;
fail:
	/* The boot gives up on user space; nothing else holds these. */
	if (con)
		file_put(con);
	if (t->files)
		fdtable_put(t->files);
	t->files = NULL;
	if (p && p->sighand)
		sighand_put(p->sighand);
	kfree(p);
	return err;
}

int process_start_init(const char *init, const char *const argv[],
		       const char *const envp[])
{
	if (!current->proc) {
		int err = make_init_process();

		if (err)
			return err;
	}
	return exec_from(init, argv, envp, false);
}
