/*
 * stat: print what stat(2) knows of each file, in the layout of GNU
 * stat by default or as -c FORMAT says (%n %s %a %A %u %U %g %G %i %h
 * %F %b %B %o %d %D %t %T %f %x %y %z %w %X %Y %Z %W %N, with printf
 * widths such as %-10s). -L follows symlinks. The birth time comes
 * from statx(2) where the kernel has it, "-" (0 for %W) otherwise.
 */
#include "fileutil.h"
#include "util.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"usage: stat [-L] [-c FORMAT] FILE...\n"
	"Print the status of each FILE.\n"
	"  -L         follow symbolic links\n"
	"  -c FORMAT  print FORMAT and a newline instead of the default:\n"
	"     %n name  %N quoted name (-> target)  %s size  %b blocks"
	"  %B block unit\n"
	"     %a octal mode  %A mode string  %f raw mode (hex)  %F type\n"
	"     %u %U uid, owner  %g %G gid, group  %i inode  %h links"
	"  %o I/O block\n"
	"     %d %D device (decimal, hex)  %t %T major, minor (hex)\n"
	"     %x %y %z %w access, modify, change, birth time; %X %Y %Z %W"
	" in seconds\n";

static const char default_format[] =
	"  File: %N\n"
	"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
	"Device: %Hd,%Ld\tInode: %-11i Links: %h\n"
	"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
	"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n";
static const char device_format[] =
	"  File: %N\n"
	"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
	"Device: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n"
	"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
	"Access: %x\nModify: %y\nChange: %z\n Birth: %w\n";

/* The statx(2) layout (Linux ABI), declared here: musl 1.2.3 lacks it. */
struct statx_time {
	int64_t sec;
	uint32_t nsec;
	int32_t pad;
};
struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_time atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};
#define STATX_BTIME_BIT	0x800

struct file_info {
	const char *name;
	struct stat st;
	int have_birth;
	struct timespec birth;
};

static int follow;
/* -c quotes %N as 'name' -> 'target'; the default layout does not. */
static int quote_names;

static void birth_time(struct file_info *f)
{
#ifdef SYS_statx
	struct statx_buf sx;

	if (syscall(SYS_statx, AT_FDCWD, f->name,
		    follow ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BTIME_BIT,
		    &sx) == 0 && (sx.mask & STATX_BTIME_BIT)) {
		f->have_birth = 1;
		f->birth.tv_sec = sx.btime.sec;
		f->birth.tv_nsec = sx.btime.nsec;
	}
#endif
}

static void put_time(const char *spec, struct timespec ts)
{
	char buf[64];
	struct tm tm;
	time_t t = ts.tv_sec;

	if (!localtime_r(&t, &tm)) {
		printf(spec, "?");
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ".%09ld ",
		 (long)ts.tv_nsec);
	strftime(buf + strlen(buf), sizeof(buf) - strlen(buf), "%z", &tm);
	printf(spec, buf);
}

/* %N: the name, and "-> target" for a symlink. */
static void put_quoted_name(const char *spec, const struct file_info *f)
{
	char target[4096], *s;
	ssize_t n = -1;

	if (S_ISLNK(f->st.st_mode))
		n = readlink(f->name, target, sizeof(target) - 1);
	if (n >= 0)
		target[n] = '\0';
	s = xmalloc(strlen(f->name) + (n > 0 ? n : 0) + 9);
	if (n < 0)
		sprintf(s, quote_names ? "'%s'" : "%s", f->name);
	else
		sprintf(s, quote_names ? "'%s' -> '%s'" : "%s -> %s",
			f->name, target);
	printf(spec, s);
	free(s);
}

/* Conversions that print a string; 0 if @c is not one of them. */
static int put_string(char c, const char *spec, const struct file_info *f)
{
	const struct stat *st = &f->st;
	char mode[11];
	const char *s;

	switch (c) {
	case 'n': printf(spec, f->name); break;
	case 'N': put_quoted_name(spec, f); break;
	case 'A': fu_mode_string(st->st_mode, mode); printf(spec, mode); break;
	case 'F': printf(spec, fu_type_name(st)); break;
	case 'U':
		s = fu_user_name(st->st_uid);
		printf(spec, s ? s : "UNKNOWN");
		break;
	case 'G':
		s = fu_group_name(st->st_gid);
		printf(spec, s ? s : "UNKNOWN");
		break;
	case 'x': put_time(spec, st->st_atim); break;
	case 'y': put_time(spec, st->st_mtim); break;
	case 'z': put_time(spec, st->st_ctim); break;
	case 'w':
		if (f->have_birth)
			put_time(spec, f->birth);
		else
			printf(spec, "-");
		break;
	default:
		return 0;
	}
	return 1;
}

/* The number a conversion prints and whether in hex/octal; -1 if none. */
static int number_of(char c, char mod, const struct file_info *f,
		     unsigned long long *v, char *conv)
{
	const struct stat *st = &f->st;
	dev_t dev = c == 'r' ? st->st_rdev : st->st_dev;

	*conv = 'u';
	switch (c) {
	case 's': *v = st->st_size; break;
	case 'b': *v = st->st_blocks; break;
	case 'B': *v = 512; break;
	case 'o': *v = st->st_blksize; break;
	case 'a': *v = st->st_mode & 07777; *conv = 'o'; break;
	case 'f': *v = st->st_mode; *conv = 'x'; break;
	case 'u': *v = st->st_uid; break;
	case 'g': *v = st->st_gid; break;
	case 'i': *v = st->st_ino; break;
	case 'h': *v = st->st_nlink; break;
	case 'd':
	case 'r':
		*v = mod == 'H' ? major(dev) : mod == 'L' ? minor(dev) : dev;
		break;
	case 'D': *v = st->st_dev; *conv = 'x'; break;
	case 't': *v = major(st->st_rdev); *conv = 'x'; break;
	case 'T': *v = minor(st->st_rdev); *conv = 'x'; break;
	case 'X': *v = st->st_atim.tv_sec; break;
	case 'Y': *v = st->st_mtim.tv_sec; break;
	case 'Z': *v = st->st_ctim.tv_sec; break;
	case 'W': *v = f->have_birth ? f->birth.tv_sec : 0; break;
	default:
		return -1;
	}
	return 0;
}

/* One directive at @p (just after '%'); returns the char after it. */
static const char *directive(const char *p, const struct file_info *f)
{
	size_t n = strspn(p, "-+ #0");
	char spec[40], conv, mod = 0;
	unsigned long long v;
	const char *q;

	n += strspn(p + n, "0123456789");
	if (p[n] == '.')
		n += 1 + strspn(p + n + 1, "0123456789");
	q = p + n;
	if (*q == 'H' || *q == 'L')
		mod = *q++;
	if (!*q || n > 20) {
		putchar('%');
		return p;
	}
	spec[0] = '%';
	memcpy(spec + 1, p, n);
	if (number_of(*q, mod, f, &v, &conv) == 0) {
		snprintf(spec + 1 + n, sizeof(spec) - 1 - n, "ll%c", conv);
		printf(spec, v);
	} else {
		strcpy(spec + 1 + n, "s");
		if (!put_string(*q, spec, f))
			putchar('?');
	}
	return q + 1;
}

static void show(const char *fmt, const struct file_info *f)
{
	for (const char *p = fmt; *p;) {
		if (*p != '%') {
			putchar(*p++);
		} else if (p[1] == '%') {
			putchar('%');
			p += 2;
		} else {
			p = directive(p + 1, f);
		}
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dereference", no_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'c' },
		{ 0, 0, 0, 0 }
	};
	const char *format = NULL;
	int c, ret = 0, r;

	util_init(argc, argv, usage, 0);
	while ((c = fu_getopt(argc, argv, "Lc:", longopts)) != -1) {
		if (c == 'L')
			follow = 1;
		else
			format = optarg;
		quote_names = format != NULL;
	}
	if (optind == argc)
		usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		struct file_info f = { .name = argv[i] };

		r = follow ? stat(f.name, &f.st) : lstat(f.name, &f.st);
		if (r < 0) {
			warnmsg("cannot stat '%s':", f.name);
			ret = 1;
			continue;
		}
		birth_time(&f);
		if (format) {
			show(format, &f);
			putchar('\n');
		} else {
			show(S_ISCHR(f.st.st_mode) || S_ISBLK(f.st.st_mode) ?
			     device_format : default_format, &f);
		}
	}
	return ret;
}
