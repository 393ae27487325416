"""Boot Ferrite by each path of the boot contract (PVH, BIOS ISO, UEFI ISO)
and check the banner, the memory summary, ready: and a clean power-off."""
import checks
import pytest
from qemu import INITRD, ISO, boot, start

ISO_ARGS = checks.COMMAND_ARGS


@pytest.fixture(scope="module")
def core_iso(make_iso):
    return make_iso(ISO_ARGS)


def check_boot(r, initrd_bytes):
    checks.banner(r)
    checks.memory(r, 1024, initrd_bytes)
    checks.ready(r)
    checks.ktest_passed(r)
    checks.powered_off(r)
    # The initrd arrives as module 0 whatever the path.
    line = r.find(r"\] boot: module 0 at \[0x[0-9a-f]+-0x[0-9a-f]+\] "
                  r"(\d+) bytes")
    assert line and line.split(" bytes")[0].endswith(" %d" % initrd_bytes), \
        "initrd not found as module 0" + r.tail()


def test_pvh_boot():
    r = boot("pvh", initrd=INITRD, append=ISO_ARGS)
    check_boot(r, INITRD.stat().st_size)
    assert r.find(r"\] boot: PVH via PVH$"), r.tail()
    # QEMU's PVH loader hands over at once: no firmware in front.
    assert r.lines[0].startswith("Ferrite "), r.tail()


def test_bios_iso_boot(core_iso):
    r = boot("bios", iso=core_iso)
    check_boot(r, INITRD.stat().st_size)
    line = r.find(r"\] boot: Multiboot2 via GRUB")
    assert line and "(UEFI)" not in line, r.tail()
    assert r.find(r"\] Command line: %s$" % ISO_ARGS), r.tail()


def test_uefi_iso_boot(core_iso):
    r = boot("uefi", iso=core_iso)
    check_boot(r, INITRD.stat().st_size)
    assert r.find(r"\] boot: Multiboot2 via GRUB .* \(UEFI\)$"), r.tail()
    assert r.find(r"\] Command line: %s$" % ISO_ARGS), r.tail()


def test_make_iso_image_boots():
    """build/ferrite.iso as `make iso` ships it: no ktest, so it stays up."""
    with start("bios", iso=ISO) as vm:
        vm.expect(r"\] ready: ")
        r = vm.kill()
    checks.banner(r)
    checks.memory(r, 1024, INITRD.stat().st_size)
    assert r.find(r"\] Command line: console=ttyS0$"), r.tail()
