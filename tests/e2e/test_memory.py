"""Memory sizes from small to past the 32-bit hole, and the i440fx
machine, whose ACPI power-off registers differ from q35's."""
import checks
import pytest
from qemu import boot

ABOVE_4G = r"\] mem: \[0x0000000100000000-0x[0-9a-f]{16}\] usable$"


@pytest.mark.parametrize("mib", [64, 1024, 3072])
def test_memory_size(mib):
    r = boot("pvh", memory="%dM" % mib, append=checks.COMMAND_ARGS)
    avail, total, _, _ = checks.memory(r, mib)
    checks.ready(r)
    checks.ktest_passed(r)
    checks.powered_off(r)
    if mib > 2048:
        # q35 keeps 2 GiB below the PCI hole and maps the rest at 4 GiB.
        assert r.find(ABOVE_4G), "no usable RAM above 4 GiB" + r.tail()
        assert total > 3_000_000, total
    else:
        assert not r.find(ABOVE_4G), r.tail()


def test_i440fx_powers_off():
    r = boot("pvh", machine="pc", append=checks.COMMAND_ARGS)
    checks.banner(r)
    checks.memory(r, 1024)
    checks.ready(r)
    checks.ktest_passed(r)
    checks.powered_off(r)
