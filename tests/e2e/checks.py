"""Assertions on a boot's serial output shared by the e2e tests: the
banner, the memory summary, the ready line, a clean power-off, a panic
with a symbolized backtrace."""
import re

from qemu import BANNER_RE, TIMESTAMP_RE

MEMORY_RE = re.compile(
    r"\] Memory: (\d+) KiB available / (\d+) KiB total "
    r"\(kernel (\d+) KiB, reserved (\d+) KiB\)$")
READY_RE = re.compile(
    r"\] ready: (\d+\.\d+) ms after kernel entry, "
    r"(\d+\.\d+) ms after power-on$")
FRAME_RE = re.compile(r"^\[\s*[\d.]+\]  \[<(ffffffff[0-9a-f]{8})>\] "
                      r"(\w+)\+0x[0-9a-f]+$")
COMMAND_ARGS = "console=ttyS0 ktest=core panic=-1"
KTEST_CORE_OK = re.compile(r"\] # ktest: [1-9]\d* passed, 0 failed$")


def banner(r):
    """The banner is the kernel's first line: before any timestamped line
    (whatever firmware and GRUB wrote before it), in the contract's form."""
    b = r.index(r"^Ferrite ")
    assert b is not None, "no banner" + r.tail()
    ts = next((i for i, line in enumerate(r.lines)
               if TIMESTAMP_RE.match(line)), None)
    assert ts is not None and b < ts, \
        "banner is not the first kernel line" + r.tail()
    assert BANNER_RE.match(r.lines[b]), \
        "malformed banner %r" % r.lines[b]


def memory(r, mib, initrd_bytes=0):
    """The Memory: line is consistent and plausible for -m @mib MiB."""
    line = r.find(MEMORY_RE)
    assert line, "no Memory: line" + r.tail()
    avail, total, kernel, reserved = map(int, MEMORY_RE.search(line).groups())
    size_kib = mib * 1024
    # Firmware keeps a little (OVMF about 1 %), never more than 5 %.
    assert size_kib * 0.95 <= total <= size_kib, line
    assert 64 <= kernel <= 16 * 1024, line
    # The first MiB (at most 640 KiB of it usable), the initrd, and the
    # struct page array (56 bytes a page: 1.37 %) with the page tables
    # of the direct map and that array: under 1.5 % of RAM in all.
    assert reserved <= 1024 + -(-initrd_bytes // 1024) + total * 0.015, \
        line
    # Each figure is rounded down to KiB on its own.
    assert 0 <= total - kernel - reserved - avail <= 2, line
    return avail, total, kernel, reserved


def ready(r):
    """The ready line, with sane times; returns (entry_ms, power_on_ms)."""
    line = r.find(READY_RE)
    assert line, "never reached ready:" + r.tail()
    entry, power_on = map(float, READY_RE.search(line).groups())
    assert 0 < entry < 5000, line
    assert power_on >= entry, line
    return entry, power_on


def powered_off(r):
    """QEMU exited by itself after the kernel's S5 line, with nothing
    after it but the end of the output."""
    assert r.exited, "QEMU did not exit by itself" + r.tail()
    assert r.status == 0, "QEMU exit status %s" % r.status + r.tail()
    assert r.powered_off, "no ACPI power-off" + r.tail()
    assert "power off failed" not in r.output, r.tail()


def ktest_passed(r):
    assert r.find(KTEST_CORE_OK), "in-kernel tests did not pass" + r.tail()


def call_trace(r, after=0):
    """The function names of the first Call Trace at or after line @after."""
    start = next((i for i in range(after, len(r.lines))
                  if r.lines[i].endswith("] Call Trace:")), None)
    assert start is not None, "no Call Trace" + r.tail()
    names = []
    for line in r.lines[start + 1:]:
        m = FRAME_RE.match(line)
        if not m:
            break
        names.append(m.group(2))
    assert names, "Call Trace without symbolized frames" + r.tail()
    return names


def deliberate_panic(r):
    """ktest=panic: the message, then a backtrace panic <- deliberate_panic
    <- ... <- kmain_late <- arch_thread_trampoline, innermost first (the
    boot goes on on a vmalloc'd kernel stack, through the trampoline)."""
    i = r.index(r"\] Kernel panic - not syncing: ktest: deliberate panic$")
    assert i is not None, "no panic line" + r.tail()
    names = call_trace(r, i)
    assert names[0] == "panic", names
    assert "deliberate_panic" in names and "kmain_late" in names, names
    assert names.index("deliberate_panic") < names.index("kmain_late"), \
        names
    assert names[-1] == "arch_thread_trampoline", names
    return i
