"""The shell's benchmarks for tools/bench (docs/performance.md):

  first prompt  guest time from kernel entry to the first shell prompt of
                the default image, under -icount shift=0,sleep=off. The
                image gets an /etc/profile that ends by writing a line to
                /dev/kmsg: its kernel timestamp (from kernel entry, in
                microseconds) is the moment the login shell is done with
                its profile and prints the prompt.
  1000 commands a shell script running 1000 small commands (fork, exec,
                pipes) with Ferrite's sh and utilities, as /init's child
                on Linux and on Ferrite: the same binaries on both.
"""
import os
import re
import select
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
BENCH = os.path.join(BUILD, "bench")
UBUILD = os.path.join(BUILD, "user")
PROMPT_GOAL_MS = 100.0

PROMPT_MARK = "bench: first prompt"
PROMPT_RE = re.compile(rb"\[\s*(\d+)\.(\d{6})\] " + PROMPT_MARK.encode())
SCRIPT_RE = re.compile(rb"bench-script: (\d+) commands in (\d+) ns")

# Ten commands a round, a hundred rounds: external programs only, through
# pipes and redirections, as a shell script would run them.
SCRIPT = """\
i=0
while [ $i -lt 100 ]; do
	/bin/true
	/bin/echo one | /bin/cat >/dev/null
	/bin/basename /a/b/c >/dev/null
	/bin/seq 3 | /bin/wc -l >/dev/null
	/bin/cat /etc/hostname | /bin/tr a-z A-Z | /bin/wc -c >/dev/null
	/bin/true
	i=$((i + 1))
done
"""
SCRIPT_COMMANDS = 1000
SCRIPT_UTILS = ["true", "echo", "cat", "basename", "seq", "wc", "tr"]

# /init of the script benchmark: time `sh /bench.sh` with the monotonic
# clock, print it, power off. Static musl: runs on both kernels.
RUNNER_C = r"""
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void)
{
	struct timespec a, b;
	int status;
	pid_t pid;

	mkdir("/proc", 0755);
	mkdir("/dev", 0755);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, 0);
	mount("devtmpfs", "/dev", "devtmpfs", 0, 0);
	mount("tmpfs", "/tmp", "tmpfs", 0, 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "/bench.sh", (char *)0);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (status == 0)
		printf("bench-script: %d commands in %lld ns\n", %COMMANDS%,
		       (long long)(b.tv_sec - a.tv_sec) * 1000000000LL +
		       (b.tv_nsec - a.tv_nsec));
	else
		printf("bench-script: sh exited with status %#x\n", status);
	fflush(stdout);
	reboot(RB_POWER_OFF);
	return 1;
}
"""


class ShellBenchError(Exception):
    pass


def _cpio(root, out):
    names = subprocess.run("find . -mindepth 1 | LC_ALL=C sort", shell=True,
                           cwd=root, capture_output=True, check=True).stdout
    data = subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "-R",
                           "0:0"], cwd=root, input=names,
                          capture_output=True, check=True).stdout
    with open(out, "wb") as f:
        f.write(data)


def _boot(argv, pattern, timeout, send_after=None):
    """Run QEMU until @pattern shows (then type @send_after, if any) and
    QEMU exits or @timeout passes. Returns the output."""
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out, sent, t0 = b"", False, time.monotonic()
    try:
        while time.monotonic() - t0 < timeout:
            if not select.select([p.stdout], [], [], 0.5)[0]:
                continue
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
            if send_after and not sent and pattern.search(out) and \
                    re.search(rb"[#$] $", out):
                p.stdin.write(send_after)
                p.stdin.flush()
                sent = True
    finally:
        if p.poll() is None:
            p.kill()
        p.wait()
    return out


def first_prompt(qemu, icount, kernel, initrd, runs):
    """Median guest ms from kernel entry to the first prompt (icount)."""
    overlay = os.path.join(BENCH, "prompt-overlay.cpio")
    image = os.path.join(BENCH, "prompt-initramfs.cpio")
    os.makedirs(BENCH, exist_ok=True)
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "etc"))
        with open(os.path.join(ROOT, "user", "etc", "profile")) as f:
            profile = f.read()
        with open(os.path.join(root, "etc", "profile"), "w") as f:
            f.write(profile + "echo '%s' >/dev/kmsg\n" % PROMPT_MARK)
        _cpio(root, overlay)
    with open(image, "wb") as out:
        for part in (initrd, overlay):
            with open(part, "rb") as f:
                out.write(f.read())
    argv = qemu + ["-kernel", kernel, "-initrd", image, "-append",
                   "console=ttyS0 norandmaps"] + icount
    figures = []
    for _ in range(runs):
        out = _boot(argv, PROMPT_RE, 120, send_after=b"poweroff\r")
        m = PROMPT_RE.search(out)
        if not m:
            raise ShellBenchError("no first prompt:\n%s" %
                                  out[-2000:].decode(errors="replace"))
        figures.append(int(m.group(1)) * 1e3 + int(m.group(2)) / 1e3)
    figures.sort()
    return figures[len(figures) // 2]


def script_initramfs():
    """build/bench/script.cpio: the runner as /init, sh, the utilities."""
    os.makedirs(BENCH, exist_ok=True)
    src = os.path.join(BENCH, "script-runner.c")
    exe = os.path.join(BENCH, "script-runner")
    with open(src, "w") as f:
        f.write(RUNNER_C.replace("%COMMANDS%", str(SCRIPT_COMMANDS)))
    subprocess.run(["musl-gcc", "-static", "-O2", "-o", exe, src],
                   check=True)
    cpio = os.path.join(BENCH, "script.cpio")
    with tempfile.TemporaryDirectory() as root:
        for d in ("bin", "etc", "dev", "proc", "tmp"):
            os.makedirs(os.path.join(root, d))
        with open(os.path.join(root, "etc", "hostname"), "w") as f:
            f.write("ferrite\n")
        with open(os.path.join(root, "bench.sh"), "w") as f:
            f.write(SCRIPT)
        for name, src in [("init", exe), ("bin/sh", os.path.join(UBUILD,
                                                                 "sh"))] + \
                [("bin/" + u, os.path.join(UBUILD, "bin", u))
                 for u in SCRIPT_UTILS]:
            if not os.path.exists(src):
                raise ShellBenchError("%s missing; run make" % src)
            dst = os.path.join(root, name)
            with open(src, "rb") as a, open(dst, "wb") as b:
                b.write(a.read())
            os.chmod(dst, 0o755)
        _cpio(root, cpio)
    return cpio


def script_time(qemu, icount, kernel, cpio, append):
    """ns the script took on @kernel, or raises."""
    argv = qemu + ["-kernel", kernel, "-initrd", cpio, "-append",
                   append] + icount
    out = _boot(argv, SCRIPT_RE, 300)
    m = SCRIPT_RE.search(out)
    if not m:
        raise ShellBenchError("the script did not finish on %s:\n%s" % (
            kernel, out[-2000:].decode(errors="replace")))
    return int(m.group(2))
