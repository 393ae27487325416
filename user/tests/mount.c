/*
 * usertests: mounts and tmpfs as a whole: mount and umount2 of a
 * second tmpfs with size= and nr_inodes= limits, what a mount hides
 * and shows, EBUSY, bind mounts, EXDEV across mounts, and a stress
 * test of processes creating, renaming and unlinking files at once.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "ut.h"
#include "fsutil.h"

#define SIZE_LIMIT	(64 * 1024)	/* size= of the small tmpfs */
#define INODE_LIMIT	8		/* nr_inodes= of the small tmpfs */
#define NSTRESS		4		/* stress test processes */
#define STRESS_ROUNDS	40		/* files each of them makes */
#define STRESS_SIZE	3000		/* bytes in each file */

/* mkdir dir and mount a tmpfs there with opts; skip if not allowed. */
static void mount_tmpfs(const char *dir, const char *opts)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		ut_fail("mkdir %s failed: %s", dir, ut_errname(errno));
	if (mount("tmpfs", dir, "tmpfs", 0, opts) == 0)
		return;
	if (errno == EPERM)
		ut_skip("mount not permitted here");
	ut_fail("mount(tmpfs, %s, \"%s\") failed: %s", dir,
		opts ? opts : "", ut_errname(errno));
}

static void mount_tmpfs_size(void)
{
	static char page[4096];
	struct statfs sf;
	size_t total = 0;
	ssize_t n;
	int fd;

	ut_scratch();
	mount_tmpfs("x", "size=64k");
	EXPECT_OK("statfs", statfs("x", &sf));
	EXPECT_EQX("f_type of the new mount", sf.f_type, TMPFS_MAGIC);
	EXPECT_EQ("f_blocks * f_bsize", sf.f_blocks * sf.f_bsize,
		  SIZE_LIMIT);
	fd = ut_open("x/f", O_WRONLY | O_CREAT, 0644);
	while ((n = write(fd, page, sizeof(page))) > 0)
		total += n;
	if (n == 0 || errno != ENOSPC)
		ut_fail("write to a full tmpfs returned %zd (%s): expected "
			"ENOSPC", n, ut_errname(errno));
	if (total < SIZE_LIMIT / 2 || total > SIZE_LIMIT)
		ut_fail("a size=64k tmpfs took %zu bytes", total);
	EXPECT_OK("statfs", statfs("x", &sf));
	EXPECT_EQ("f_bfree of a full tmpfs", sf.f_bfree, 0);
	EXPECT_OK("ftruncate", ftruncate(fd, 0));
	EXPECT_EQ("write after freeing the space", write(fd, page, 100), 100);
	close(fd);
	EXPECT_OK("umount2", umount2("x", 0));
	EXPECT_ERRNO("x/f after the umount", access("x/f", F_OK), ENOENT);
}

/* mode=, uid= and gid= set the root directory's; bad values: EINVAL. */
static void mount_tmpfs_root_options(void)
{
	struct stat st;

	ut_scratch();
	mount_tmpfs("x", "mode=0750,uid=12,gid=34");
	EXPECT_OK("stat of the mount's root", stat("x", &st));
	EXPECT_EQX("mode of the root", st.st_mode, S_IFDIR | 0750);
	EXPECT_EQ("owner of the root", st.st_uid, 12);
	EXPECT_EQ("group of the root", st.st_gid, 34);
	EXPECT_OK("umount2", umount2("x", 0));
	mount_tmpfs("x", NULL);
	EXPECT_OK("stat of a default root", stat("x", &st));
	EXPECT_EQX("default mode of the root", st.st_mode, S_IFDIR | 01777);
	EXPECT_OK("umount2", umount2("x", 0));
	EXPECT_ERRNO("mode=8", mount("tmpfs", "x", "tmpfs", 0, "mode=8"),
		     EINVAL);
	EXPECT_ERRNO("mode=", mount("tmpfs", "x", "tmpfs", 0, "mode="),
		     EINVAL);
	EXPECT_ERRNO("uid=x", mount("tmpfs", "x", "tmpfs", 0, "uid=x"),
		     EINVAL);
}

static void mount_tmpfs_nr_inodes(void)
{
	int fds[INODE_LIMIT + 1], made = 0;
	struct statfs sf;
	char name[32];

	ut_scratch();
	mount_tmpfs("x", "nr_inodes=8");
	EXPECT_OK("statfs", statfs("x", &sf));
	EXPECT_EQ("f_files", sf.f_files, INODE_LIMIT);
	for (;; made++) {
		snprintf(name, sizeof(name), "x/f%d", made);
		if (made > INODE_LIMIT)
			ut_fail("made %d files in a nr_inodes=%d tmpfs", made,
				INODE_LIMIT);
		fds[made] = open(name, O_WRONLY | O_CREAT, 0644);
		if (fds[made] < 0)
			break;
	}
	EXPECT_ERRNO("open(O_CREAT) with no inodes left",
		     open(name, O_WRONLY | O_CREAT, 0644), ENOSPC);
	EXPECT_ERRNO("mkdir with no inodes left", mkdir("x/d", 0755), ENOSPC);
	if (made < INODE_LIMIT - 1)
		ut_fail("a nr_inodes=%d tmpfs held only %d files", INODE_LIMIT,
			made);
	/* An unlinked file's inode is free once its last fd is closed. */
	EXPECT_OK("unlink", unlink("x/f0"));
	close(fds[0]);
	EXPECT_OK("open(O_CREAT) after freeing an inode",
		  open("x/again", O_WRONLY | O_CREAT, 0644));
}

/* A mount covers what was in the directory; umount shows it again. */
static void mount_covers_dir(void)
{
	static char mounts[16384];
	char line[128];
	struct stat dot, up;
	const char *scratch = ut_scratch();

	EXPECT_OK("mkdir", mkdir("x", 0755));
	ut_puts("x/under", "x");
	mount_tmpfs("x", NULL);
	EXPECT_ERRNO("a file covered by the mount", access("x/under", F_OK),
		     ENOENT);
	ut_puts("x/over", "x");
	EXPECT_OK("stat", stat(".", &dot));
	EXPECT_OK("stat", stat("x/..", &up));
	EXPECT_EQ("inode of \"x/..\" (out of the mount)", up.st_ino,
		  dot.st_ino);
	EXPECT_OK("stat", stat("x", &up));
	EXPECT(up.st_dev != dot.st_dev);
	snprintf(line, sizeof(line), " %s/x tmpfs ", scratch);
	ut_get("/proc/self/mounts", mounts, sizeof(mounts));
	if (!strstr(mounts, line))
		ut_fail("/proc/self/mounts has no \"%s\"", line);
	EXPECT_OK("umount2", umount2("x", 0));
	EXPECT_OK("the covered file after umount", access("x/under", F_OK));
	EXPECT_ERRNO("the mount's file after umount", access("x/over", F_OK),
		     ENOENT);
}

static void umount_busy(void)
{
	int fd, fds[2];
	pid_t pid;
	char c;

	ut_scratch();
	mount_tmpfs("x", NULL);
	fd = ut_open("x/f", O_WRONLY | O_CREAT, 0644);
	EXPECT_ERRNO("umount2 with a file open", umount2("x", 0), EBUSY);
	close(fd);
	EXPECT_OK("chdir", chdir("x"));
	EXPECT_ERRNO("umount2 of the cwd", umount2(".", 0), EBUSY);
	EXPECT_OK("chdir", chdir(".."));
	/* Another process's cwd holds it too. */
	EXPECT_OK("pipe", pipe(fds));
	pid = ut_fork();
	if (pid == 0) {
		if (chdir("x") || write(fds[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	EXPECT_EQ("read of the child's sign", read(fds[0], &c, 1), 1);
	EXPECT_ERRNO("umount2 with another process inside",
		     umount2("x", 0), EBUSY);
	kill(pid, SIGKILL);
	ut_wait(pid);
	EXPECT_OK("umount2 once nothing holds it", umount2("x", 0));
}

static void mount_errors(void)
{
	ut_scratch();
	ut_puts("f", "x");
	EXPECT_OK("mkdir", mkdir("d", 0755));
	if (mount("tmpfs", "d", "tmpfs", 0, NULL) && errno == EPERM)
		ut_skip("mount not permitted here");
	EXPECT_OK("umount2", umount2("d", 0));
	EXPECT_ERRNO("mount of an unknown type",
		     mount("none", "d", "no-such-fs", 0, NULL), ENODEV);
	EXPECT_ERRNO("mount on a missing directory",
		     mount("tmpfs", "missing", "tmpfs", 0, NULL), ENOENT);
	EXPECT_ERRNO("tmpfs with a bad size=",
		     mount("tmpfs", "d", "tmpfs", 0, "size=lots"), EINVAL);
	EXPECT_ERRNO("umount2 of a directory that is no mount point",
		     umount2("d", 0), EINVAL);
	EXPECT_ERRNO("umount2(missing)", umount2("missing", 0), ENOENT);
	EXPECT_ERRNO("umount2(bad flags)", umount2("d", 0x40000000), EINVAL);
}

static void mount_bind(void)
{
	struct stat a, b;

	ut_scratch();
	EXPECT_OK("mkdir", mkdir("src", 0755));
	EXPECT_OK("mkdir", mkdir("dst", 0755));
	ut_puts("src/f", "through the bind");
	if (mount("src", "dst", NULL, MS_BIND, NULL) && errno == EPERM)
		ut_skip("mount not permitted here");
	EXPECT_OK("stat", stat("src/f", &a));
	EXPECT_OK("stat through the bind mount", stat("dst/f", &b));
	EXPECT_EQ("inode seen through the bind mount", b.st_ino, a.st_ino);
	ut_puts("dst/new", "made through dst");
	EXPECT_OK("the new file seen in src", access("src/new", F_OK));
	EXPECT_OK("umount2", umount2("dst", 0));
	EXPECT_ERRNO("dst/f after the umount", access("dst/f", F_OK),
		     ENOENT);
	EXPECT_OK("src/f after the umount", access("src/f", F_OK));
}

static void mount_exdev(void)
{
	ut_scratch();
	ut_puts("f", "x");
	mount_tmpfs("x", NULL);
	EXPECT_ERRNO("rename across mounts", rename("f", "x/f"), EXDEV);
	EXPECT_ERRNO("link across mounts", link("f", "x/f"), EXDEV);
	EXPECT_OK("symlink across mounts", symlink("../f", "x/link"));
	EXPECT_OK("access through it", access("x/link", F_OK));
	EXPECT_OK("umount2", umount2("x", 0));
}

/* One stress process: make, fill, rename, and sometimes remove files. */
static void stress_child(int id)
{
	char tmp[32], name[32], data[STRESS_SIZE];

	for (int r = 0; r < STRESS_ROUNDS; r++) {
		snprintf(tmp, sizeof(tmp), "tmp.%d.%d", id, r);
		snprintf(name, sizeof(name), "file.%d.%d", id, r);
		memset(data, 'a' + id, sizeof(data));
		snprintf(data, sizeof(data), "%d.%d:", id, r);
		ut_put(tmp, data, sizeof(data));
		if (rename(tmp, name))
			ut_fail("rename %s failed: %s", tmp,
				ut_errname(errno));
		/* Everyone renames over the same name too. */
		if (link(name, tmp) || rename(tmp, "shared"))
			ut_fail("link/rename to shared failed: %s",
				ut_errname(errno));
		if (r % 2 && unlink(name))
			ut_fail("unlink %s failed: %s", name,
				ut_errname(errno));
	}
	_exit(0);
}

static void check_stress_file(const char *name, const char *data,
			      size_t len)
{
	char want[STRESS_SIZE];
	int id, r;

	if (sscanf(data, "%d.%d:", &id, &r) != 2 || id < 0 || id >= NSTRESS)
		ut_fail("%s starts \"%.12s\": not a stress file", name, data);
	memset(want, 'a' + id, sizeof(want));
	snprintf(want, sizeof(want), "%d.%d:", id, r);
	if (len != sizeof(want) || memcmp(data, want, len))
		ut_fail("%s (%zu bytes) is not what writer %d.%d wrote", name,
			len, id, r);
}

/* Names in the cwd, less "." and "..". */
static int count_names(void)
{
	DIR *dir = opendir(".");
	struct dirent *de;
	int n = 0;

	if (!dir)
		ut_fail("opendir(.) failed: %s", ut_errname(errno));
	while ((de = readdir(dir)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(dir);
	return n;
}

static void tmpfs_stress(void)
{
	char name[32], buf[STRESS_SIZE + 2];
	pid_t pids[NSTRESS];

	ut_scratch();
	for (int i = 0; i < NSTRESS; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0)
			stress_child(i);
	}
	for (int i = 0; i < NSTRESS; i++)
		ut_expect_exit(pids[i], 0, "stress process");
	for (int i = 0; i < NSTRESS; i++) {
		for (int r = 0; r < STRESS_ROUNDS; r++) {
			snprintf(name, sizeof(name), "file.%d.%d", i, r);
			if (r % 2) {
				EXPECT_ERRNO("access of an unlinked file",
					     access(name, F_OK), ENOENT);
				continue;
			}
			check_stress_file(name, buf,
					  ut_get(name, buf, sizeof(buf)));
		}
	}
	check_stress_file("shared", buf, ut_get("shared", buf, sizeof(buf)));
	EXPECT_EQ("names left in the directory", count_names(),
		  NSTRESS * STRESS_ROUNDS / 2 + 1);
}

static const struct ut_test tests[] = {
	UT_TEST(mount_tmpfs_size),
	UT_TEST(mount_tmpfs_root_options),
	UT_TEST(mount_tmpfs_nr_inodes),
	UT_TEST(mount_covers_dir),
	UT_TEST(umount_busy),
	UT_TEST(mount_errors),
	UT_TEST(mount_bind),
	UT_TEST(mount_exdev),
	UT_TEST(tmpfs_stress),
};

UT_SUITE(ut_mount, "mount", tests);
