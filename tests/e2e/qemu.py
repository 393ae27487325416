"""Boot Ferrite in QEMU for the end-to-end tests and read its serial line.

Three boot paths, as in docs/boot.md:

    pvh   qemu -kernel build/ferrite (QEMU's PVH loader, no firmware boot)
    bios  qemu -cdrom ISO (SeaBIOS, then GRUB, Multiboot2)
    uefi  qemu -cdrom ISO with OVMF in pflash (GRUB's EFI build, Multiboot2)

Every run has a hard deadline: a machine still running at its deadline is
killed, and the result says it did not exit on its own. QEMU exits with
status 0 both after an ACPI power-off and after a triple fault under
-no-reboot, so a test must check the output as well as the exit.

    result = boot("pvh", append="console=ttyS0 ktest=core panic=-1")
    assert result.powered_off, result.tail()

    with start("pvh", append="console=ttyS0 ktest=panic") as vm:
        vm.expect(r"end Kernel panic: halted")   # then vm.wait(), vm.kill()
"""
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
KERNEL = BUILD / "ferrite"
INITRD = BUILD / "initramfs.cpio"
ISO = BUILD / "ferrite.iso"          # make iso: console=ttyS0 only
OVMF_CODE = Path("/usr/share/OVMF/OVMF_CODE_4M.fd")
OVMF_VARS = Path("/usr/share/OVMF/OVMF_VARS_4M.fd")

# Hard limits in seconds. A PVH boot to power-off takes well under a second
# and a UEFI one about 6 s under TCG on an idle host; these leave room for
# a loaded 2-core CI machine without letting a hung boot stall the suite.
DEADLINE = {"pvh": 30, "bios": 45, "uefi": 90}

POWER_OFF_LINE = "ACPI: entering S5 (power off)"
TIMESTAMP_RE = re.compile(r"^\[\s*\d+\.\d{6}\] ")
BANNER_RE = re.compile(
    r"^Ferrite \d+\.\d+\.\d+ \(git [0-9a-f]+(-dirty)?, "
    r"\d{4}-\d\d-\d\d, gcc [\d.]+\)$")

# Every finished run, for the failure report (conftest.py clears it).
RUNS = []


def qemu_argv(path, *, kernel=KERNEL, initrd=None, append=None, iso=None,
              memory="1G", machine="q35", vars_file=None, extra=()):
    """The QEMU command line for one boot by @path ("pvh", "bios", "uefi")."""
    argv = ["qemu-system-x86_64", "-machine", machine, "-cpu", "max",
            "-m", memory, "-display", "none",
            # signal=off: a ^C the test sends goes to the guest, not QEMU.
            "-chardev", "stdio,id=s0,signal=off", "-serial", "chardev:s0",
            "-no-reboot"]
    if path == "pvh":
        argv += ["-kernel", str(kernel)]
        if initrd is not None:
            argv += ["-initrd", str(initrd)]
        if append is not None:
            argv += ["-append", append]
    elif path in ("bios", "uefi"):
        if iso is None or append is not None or initrd is not None:
            raise ValueError("an ISO boot takes iso= only; its command "
                             "line and initrd are inside the image "
                             "(tools/mkiso)")
        if path == "uefi":
            argv += ["-drive", "if=pflash,format=raw,readonly=on,file=%s"
                     % OVMF_CODE,
                     "-drive", "if=pflash,format=raw,file=%s" % vars_file]
        argv += ["-cdrom", str(iso)]
    else:
        raise ValueError("unknown boot path %r" % path)
    return argv + list(extra)


class Result:
    """What one run left behind: its serial output and how it ended."""

    def __init__(self, argv, output, exited, status, elapsed):
        self.argv = argv
        # GRUB and the kernel end lines with CR LF; GRUB also starts some
        # with a bare CR. Tests see plain lines.
        self.output = output.replace("\r", "")
        self.exited = exited        # QEMU exited before its deadline
        self.status = status        # its exit status (None: killed)
        self.elapsed = elapsed      # wall seconds from start to exit/kill
        self.lines = self.output.split("\n")

    @property
    def powered_off(self):
        """QEMU exited by itself, status 0, after the kernel's S5 line."""
        return (self.exited and self.status == 0 and
                POWER_OFF_LINE in self.output)

    def find(self, pattern):
        """The first line matching the regex @pattern (re.search), or None."""
        i = self.index(pattern)
        return None if i is None else self.lines[i]

    def findall(self, pattern):
        """Every line matching the regex @pattern (re.search)."""
        rx = re.compile(pattern)
        return [line for line in self.lines if rx.search(line)]

    def index(self, pattern):
        rx = re.compile(pattern)
        for i, line in enumerate(self.lines):
            if rx.search(line):
                return i
        return None

    def tail(self, n=40):
        """The end of the output and how the run ended, for assert messages."""
        how = ("exited with status %s" % self.status if self.exited else
               "killed at its deadline (did not exit by itself)")
        return "\n%s\nQEMU %s after %.1f s; last %d lines:\n%s" % (
            " ".join(self.argv), how, self.elapsed, n,
            "\n".join(self.lines[-n:]))


class Machine:
    """A running QEMU whose serial line a test can wait on (pexpect)."""

    def __init__(self, path, deadline=None, **kw):
        self._tmp = None
        if path == "uefi":
            # OVMF writes its variable store: each run gets a fresh copy.
            self._tmp = tempfile.TemporaryDirectory(prefix="ferrite-ovmf-")
            kw["vars_file"] = os.path.join(self._tmp.name, "OVMF_VARS.fd")
            shutil.copyfile(OVMF_VARS, kw["vars_file"])
        self.argv = qemu_argv(path, **kw)
        self.start = time.monotonic()
        self.deadline = self.start + (deadline or DEADLINE[path])
        self.child = pexpect.spawn(self.argv[0], self.argv[1:],
                                   encoding="utf-8", codec_errors="replace",
                                   echo=False, timeout=None)
        self._result = None
        self._consumed = ""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.kill()

    def _left(self, timeout):
        left = max(0.0, self.deadline - time.monotonic())
        return left if timeout is None else min(left, timeout)

    def expect(self, pattern, timeout=None):
        """Wait for the regex @pattern on the serial line; returns the match.

        Raises AssertionError with the output so far when the machine exits
        or the timeout (or the run's deadline) passes first.
        """
        try:
            self.child.expect(pattern, timeout=self._left(timeout))
        except (pexpect.EOF, pexpect.TIMEOUT) as e:
            what = "QEMU exited" if isinstance(e, pexpect.EOF) else \
                "timed out"
            seen = self._consumed + (self.child.before or "")
            raise AssertionError("%s waiting for %r; output:\n%s" % (
                what, pattern, seen.replace("\r", "")[-4000:])) from None
        self._consumed += self.child.before + self.child.after
        return self.child.match

    def wait(self, timeout=None):
        """Wait until QEMU exits, or kill it after @timeout seconds (or at
        the deadline). Returns the Result of the whole run."""
        if self._result is not None:
            return self._result
        exited = True
        try:
            self.child.expect(pexpect.EOF, timeout=self._left(timeout))
        except pexpect.TIMEOUT:
            exited = False
        rest = self.child.before or ""
        elapsed = time.monotonic() - self.start
        if exited:
            self.child.close()
            status = self.child.exitstatus
        else:
            self.child.close(force=True)
            status = None
        self._result = Result(self.argv, self._consumed + rest, exited,
                              status, elapsed)
        RUNS.append(self._result)
        if self._tmp:
            self._tmp.cleanup()
        return self._result

    def send(self, text):
        """Type @text on the serial line (a str; "\x03" is ^C)."""
        self.child.send(text)

    def alive_after(self, seconds):
        """True when QEMU is still running @seconds from now."""
        try:
            self.child.expect(pexpect.EOF, timeout=seconds)
        except pexpect.TIMEOUT:
            return True
        self._consumed += self.child.before or ""
        return False

    def kill(self):
        """Stop the machine now (if it still runs); returns its Result."""
        return self.wait(timeout=0)


def start(path, **kw):
    """Start a machine; use it as a context manager so it is always reaped."""
    return Machine(path, **kw)


def boot(path, **kw):
    """Boot, wait for QEMU to exit (or its deadline), return the Result."""
    with Machine(path, **kw) as vm:
        return vm.wait()
