"""panic(): the message, a symbolized backtrace, and what panic=N says to
do afterwards (power off, reboot after N seconds, or halt)."""
import time

import checks
from qemu import boot, start

END_POWER_OFF = "---[ end Kernel panic: powering off ]---"


def test_panic_powers_off():
    r = boot("pvh", append="console=ttyS0 ktest=panic panic=-1")
    checks.banner(r)
    checks.deliberate_panic(r)
    assert r.find(r"\] " + END_POWER_OFF.replace("[", r"\[")), r.tail()
    checks.powered_off(r)


def test_stack_overflow_double_faults():
    r = boot("pvh", append="console=ttyS0 ktest=stack_overflow panic=-1")
    oops = r.index(r"\] Oops: #DF double fault \(vector 8\)")
    assert oops is not None, "no #DF oops" + r.tail()
    assert r.find(r"\] RIP: ffffffff[0-9a-f]{8} recurse\+0x"), r.tail()
    names = checks.call_trace(r, oops)
    assert names.count("recurse") >= 2, names
    p = r.index(r"\] Kernel panic - ")
    assert p is not None and p > oops, "no panic after the oops" + r.tail()
    checks.powered_off(r)


def test_panic_reboots_after_timeout():
    with start("pvh", append="console=ttyS0 ktest=panic panic=1") as vm:
        vm.expect(r"end Kernel panic: rebooting in 1 seconds")
        said = time.monotonic()
        r = vm.wait(timeout=15)
    checks.deliberate_panic(r)
    # -no-reboot turns the reset into QEMU's exit.
    assert r.exited and r.status == 0, "machine did not reset" + r.tail()
    waited = vm.start + r.elapsed - said
    assert 0.5 <= waited <= 10, "reset %.2f s after the message" % waited
    assert "entering S5" not in r.output, "powered off instead" + r.tail()


def test_panic_halts_by_default():
    with start("pvh", append="console=ttyS0 ktest=panic") as vm:
        vm.expect(r"end Kernel panic: halted \]---")
        assert vm.alive_after(2), "QEMU exited after a halting panic"
        r = vm.kill()
    checks.deliberate_panic(r)
    assert not r.exited
    assert "entering S5" not in r.output, r.tail()


def test_uefi_panic(make_iso):
    """The backtrace and the ACPI power-off also work from UEFI firmware."""
    r = boot("uefi", iso=make_iso("console=ttyS0 ktest=panic panic=-1"))
    checks.banner(r)
    assert r.find(r"\(UEFI\)$"), r.tail()
    checks.deliberate_panic(r)
    checks.powered_off(r)
