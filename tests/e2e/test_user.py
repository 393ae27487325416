"""User space from the outside: real static programs as /init, the
strace log, the kernel's answer to a missing or broken init, and
Debian's busybox-static as the compatibility check of the Linux ABI."""
from pathlib import Path

import pytest
from initramfs import make_cpio
from qemu import boot

BUSYBOX = Path("/bin/busybox")


def test_busybox_sh_exit_status(tmp_path):
    """busybox sh -c 'echo hi; exit 3' as init: prints, exits with 3."""
    cpio = make_cpio(tmp_path / "bb.cpio", {
        "bin/busybox": BUSYBOX, "bin/sh": ("symlink", "busybox")})
    r = boot("pvh", initrd=cpio, append='console=ttyS0 panic=-1 '
             'init=/bin/sh -c "echo hi; exit 3"')
    assert "hi" in r.lines, r.tail()
    # PID 1 exiting is fatal, as on Linux; the status word is 3 << 8.
    assert r.find(r"Attempted to kill init! exit code 0x00000300"), r.tail()
    assert r.powered_off, r.tail()


def test_busybox_applets_run(tmp_path):
    """A few applets through the shell: builtins, fork and exec."""
    cpio = make_cpio(tmp_path / "bb.cpio", {
        "bin/busybox": BUSYBOX, "bin/sh": ("symlink", "busybox"),
        "bin/echo": ("symlink", "busybox"),
        "bin/true": ("symlink", "busybox")})
    # The kernel command line has no escapes: no double quotes inside.
    script = ("/bin/echo one; /bin/true && echo two; "
              "x=$((6*7)); echo x=$x; (exit 5); echo st=$?; "
              "busybox uname -m; exit 0")
    r = boot("pvh", initrd=cpio, append='console=ttyS0 panic=-1 '
             'init=/bin/sh -c "%s"' % script)
    for line in ("one", "two", "x=42", "st=5", "x86_64"):
        assert line in r.lines, line + r.tail()
    assert r.find(r"Attempted to kill init! exit code 0x00000000")


def test_strace_logs_calls(tmp_path):
    cpio = make_cpio(tmp_path / "bb.cpio", {
        "bin/busybox": BUSYBOX, "bin/sh": ("symlink", "busybox"),
        "bin/true": ("symlink", "busybox")})
    r = boot("pvh", initrd=cpio, append='console=ttyS0 panic=-1 strace '
             'init=/bin/sh -c "echo logged; exec /bin/true"')
    assert r.find(r"\] 1 write\(1, 0x[0-9a-f]+, 7\) = 7$"), r.tail()
    assert r.find(r'\] 1 execve\("/bin/true", 0x[0-9a-f]+, 0x[0-9a-f]+\) '
                  r'= 0$'), r.tail()
    assert r.find(r"\] 1 exit_group\(0\) = \?$"), r.tail()
    assert r.find(r"\] 1 syscall_334\(\.\.\.\) = -ENOSYS$"), r.tail()


def test_no_init_panics(tmp_path):
    cpio = make_cpio(tmp_path / "empty.cpio", {"etc/motd": b"nothing\n"})
    r = boot("pvh", initrd=cpio, append="console=ttyS0 panic=-1")
    assert r.find(r"init: cannot run /init \(error -2\)"), r.tail()
    assert r.find(r"Kernel panic - not syncing: No working init found"), \
        r.tail()
    assert r.powered_off, r.tail()


@pytest.mark.parametrize("name,data,why", [
    ("truncated", None, r"exec: /init: segment data outside the file"),
    ("garbage", b"\x7fELF" + b"\xff" * 60, r"exec: /init: "),
    ("text", b"just some text\n", None),
])
def test_broken_init_is_refused(tmp_path, name, data, why):
    """A truncated or malformed ELF as init: an error, then the panic."""
    if data is None:
        data = BUSYBOX.read_bytes()[:3000]
    init = tmp_path / "init"
    init.write_bytes(data)
    cpio = make_cpio(tmp_path / "bad.cpio", {"init": init})
    r = boot("pvh", initrd=cpio, append="console=ttyS0 panic=-1")
    if why:
        assert r.find(why), r.tail()
    # -ENOEXEC, or -EINVAL for headers that contradict the file.
    assert r.find(r"init: cannot run /init \(error -(8|22)\)"), r.tail()
    assert r.find(r"No working init found"), r.tail()
    assert r.powered_off, r.tail()


def test_crash_leaves_one_line(tmp_path):
    """A program that dies of a fault: one kernel line, the system goes on
    (usertests' crash gallery checks the signals; this checks the line)."""
    cpio = make_cpio(tmp_path / "ut.cpio", {
        "init": Path(__file__).resolve().parents[2] / "build" / "user" /
        "usertests"})
    r = boot("pvh", initrd=cpio, append="console=ttyS0 panic=-1 "
             "crash_null_deref crash_divide_by_zero")
    assert r.find(r"\] ferrite: pid \d+ \(init\): segfault at 0x0 "
                  r"ip 0x[0-9a-f]+ code 4$"), r.tail()  # a user read
    assert r.find(r"\] ferrite: pid \d+ \(init\): trap divide error "
                  r"ip 0x[0-9a-f]+ code 0$"), r.tail()
    assert r.find(r"^# usertests: 2 passed, 0 failed"), r.tail()
    assert r.powered_off, r.tail()
