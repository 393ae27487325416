"""pytest set-up for the end-to-end tests (tests/e2e, docs/testing.md).

Brings build/ferrite and build/ferrite.iso up to date (unless make itself runs us), builds the
ISOs the tests ask for into build/test/ with tools/mkiso, and attaches the
serial output of every QEMU run to a failing test's report.
"""
import hashlib
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
import qemu  # noqa: E402

TEST_BUILD = qemu.BUILD / "test"


def pytest_sessionstart(session):
    # Under `make test` the kernel is already built; run by hand, rebuild it
    # so the tests never see a stale kernel.
    if "MAKELEVEL" not in os.environ and not os.environ.get("FERRITE_NO_BUILD"):
        r = subprocess.run(["make", "-s", "all", "iso"], cwd=qemu.ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if r.returncode:
            pytest.exit("make all iso failed:\n" + r.stdout, returncode=2)
    for f in (qemu.KERNEL, qemu.INITRD, qemu.ISO):
        if not f.exists():
            pytest.exit("%s is missing: run make all iso first" % f,
                        returncode=2)


@pytest.fixture(scope="session")
def make_iso():
    """make_iso(cmdline, initrd=build/initramfs.cpio) -> path of an ISO
    (initrd=None: no module). Each image is built once per session."""
    built = {}

    def make(cmdline, initrd=qemu.INITRD):
        key = (cmdline, str(initrd or ""))
        if key not in built:
            name = hashlib.sha1(repr(key).encode()).hexdigest()[:12]
            out = TEST_BUILD / ("ferrite-%s.iso" % name)
            r = subprocess.run(
                ["sh", str(qemu.ROOT / "tools/mkiso"), str(out),
                 str(qemu.KERNEL), str(initrd or ""), cmdline],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            assert r.returncode == 0, "tools/mkiso failed:\n" + r.stdout
            built[key] = out
        return built[key]

    return make


@pytest.fixture(autouse=True)
def _record_runs():
    qemu.RUNS.clear()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for i, r in enumerate(qemu.RUNS):
            how = ("exit status %s" % r.status if r.exited
                   else "killed at deadline")
            report.sections.append((
                "QEMU run %d (%s, %.1f s)" % (i + 1, how, r.elapsed),
                " ".join(r.argv) + "\n" + r.output))
