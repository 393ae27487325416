"""init (user/init) as PID 1 of the default image: the boot sequence, the
kinds of /etc/inittab entries, respawn throttling, reaping orphans, and
the shutdown by poweroff (SIGUSR2) and by SIGTERM (reboot).

Each boot is build/initramfs.cpio with a second archive after it that
replaces /etc/inittab with test entries and adds busybox (for the test
scripts, and as /bin/sh while the image has no shell of its own). The
same image booted by Debian's Linux kernel shows that init behaves the
same there.
"""
import glob
from pathlib import Path

import pytest
from initramfs import make_cpio
from qemu import BUILD, INITRD, boot

BUSYBOX = Path("/bin/busybox")
BB = "/test/busybox"
APPEND = "console=ttyS0 panic=-1"
DEADLINE = 20

# The main boot: every action, and poweroff at the end of check.sh.
INITTAB = """\
# test entries (tests/e2e/test_init.py)
::sysinit:{bb} sh /test/rc.sh
::wait:{bb} echo wait-entry-ran
::wait:echo via-shell $((6*7))
::once:{bb} sh /test/orphans.sh
::respawn:{bb} echo tick
console:once:{bb} sh /test/check.sh
ttyS0:once:{bb} echo second-on-the-serial-line
nosuchtty:respawn:{bb} echo never
::shutdown:{bb} echo shutdown-entry-ran
""".format(bb=BB)

RC = """\
echo "rc: pid-is-not-1=$(( $$ != 1 ))"
[ -f /proc/self/stat ] && echo rc: proc-mounted
[ -e /dev/null ] && echo rc: dev-mounted
echo "rc: tmp-mode=$({bb} stat -c %a /tmp)"
echo "rc: fd0=$({bb} readlink /proc/self/fd/0)"
echo "rc: hostname=$({bb} hostname)"
""".format(bb=BB)

# Three children that outlive their parent: init inherits and reaps them.
ORPHANS = """\
for i in 1 2 3; do {bb} sleep 1 & done
echo "$!" > /tmp/orphan.tmp
{bb} mv /tmp/orphan.tmp /tmp/orphan
""".format(bb=BB)

CHECK = """\
stat_of() {{ read -r line < /proc/$1/stat; set -- ${{line##*) }}; echo "$@"; }}
set -- $(stat_of $$)
echo "check: sid-leader=$(( $4 == $$ )) tty_nr=$5"
echo "check: env TERM=$TERM HOME=$HOME USER=$USER LOGNAME=$LOGNAME"
echo "check: PATH=$PATH SHELL=$SHELL cwd=$(pwd)"
while [ ! -f /tmp/orphan ]; do {bb} sleep 0.1; done
pid=$({bb} cat /tmp/orphan)
set -- $(stat_of $pid)
echo "check: orphan state=$1 ppid=$2"
{bb} sleep 1.5
z=0
for f in /proc/[0-9]*/stat; do
	read -r line < $f 2>/dev/null || continue
	set -- ${{line##*) }}
	[ "$1" = Z ] && z=$((z + 1))
done
echo "check: zombies=$z orphan-gone=$([ -e /proc/$pid ] && echo no || echo yes)"
/sbin/poweroff
""".format(bb=BB)

# SIGTERM to init: a reboot. stubborn.sh ignores SIGTERM and SIGHUP (and
# so do its children): init has to SIGKILL it after its 2 s of grace.
TERM_INITTAB = """\
::once:{bb} sh /test/stubborn.sh
::once:{bb} sh /test/term.sh
::shutdown:{bb} echo shutdown-entry-ran
""".format(bb=BB)

STUBBORN = """\
trap '' TERM HUP
echo stubborn-ready
while :; do {bb} sleep 1; done
""".format(bb=BB)

TERM_SCRIPT = """\
{bb} sleep 0.3
echo sending-sigterm
kill -TERM 1
""".format(bb=BB)


def image(tmp_path, inittab, scripts):
    """The default image plus an archive of test files after it."""
    entries = {"test/busybox": BUSYBOX, "etc/inittab": inittab.encode()}
    for name, text in scripts.items():
        entries["test/" + name] = text.encode()
    if not (BUILD / "user" / "sh").exists():
        entries["bin/sh"] = ("symlink", BB)
    extra = make_cpio(tmp_path / "extra.cpio", entries)
    out = tmp_path / "image.cpio"
    out.write_bytes(INITRD.read_bytes() + extra.read_bytes())
    return out


@pytest.fixture(scope="module")
def main_image(tmp_path_factory):
    return image(tmp_path_factory.mktemp("init"), INITTAB, {
        "rc.sh": RC, "orphans.sh": ORPHANS, "check.sh": CHECK})


def check_main_boot(r):
    """What both kernels must show for INITTAB."""
    lines = r.lines
    # sysinit first, with what init set up before it.
    assert "rc: pid-is-not-1=1" in lines, r.tail()
    assert "rc: proc-mounted" in lines and "rc: dev-mounted" in lines, \
        r.tail()
    assert "rc: tmp-mode=1777" in lines, r.tail()
    assert "rc: fd0=/dev/console" in lines, r.tail()
    if not r.find(r"^init: sethostname: "):
        assert "rc: hostname=ferrite" in lines, r.tail()
    # Then the wait entries, in order, the second through /bin/sh -c.
    i = r.index(r"^rc: hostname=")
    assert r.index("^wait-entry-ran$") > i, r.tail()
    assert r.index("^via-shell 42$") > r.index("^wait-entry-ran$"), r.tail()
    # The console entry: its own session, the environment init gives.
    assert "check: sid-leader=1" in "\n".join(lines), r.tail()
    assert ("check: env TERM=vt100 HOME=/root USER=root LOGNAME=root"
            in lines), r.tail()
    assert "check: PATH=/bin:/sbin:/usr/bin SHELL=/bin/sh cwd=/root" \
        in lines, r.tail()
    # Orphans are init's children, and init reaps them.
    assert "check: orphan state=S ppid=1" in lines, r.tail()
    assert "check: zombies=0 orphan-gone=yes" in lines, r.tail()
    # An exiting respawn entry comes back 10 times, then is suspended.
    assert len(r.findall(r"^tick$")) == 11, r.tail()
    assert r.find(r"^init: '/test/busybox echo tick' \(line 6\) is "
                  r"respawning too fast: suspended for 30 seconds$"), r.tail()
    # A terminal that does not exist: one message, no respawning.
    assert len(r.findall(r"nosuchtty")) == 1, r.tail()
    assert r.find(r"^init: /dev/nosuchtty: No such file or directory; "
                  r"not starting '/test/busybox echo never'$"), r.tail()
    # poweroff: SIGUSR2 to init, which runs the shutdown entries.
    down = r.index(r"^init: the system is going down for power off$")
    assert down is not None, r.tail()
    assert r.index(r"^shutdown-entry-ran$") > down, r.tail()
    assert not r.find(r"^init: sending SIGKILL"), r.tail()
    # The console entry's terminal is its controlling tty, and console
    # is ttyS0 here (TIOCGDEV): the ttyS0 entry does not start.
    assert not r.find(r"cannot make it the controlling terminal"), r.tail()
    assert r.find(r"^check: .*tty_nr=[1-9]\d*$"), r.tail()
    assert r.find(r"^init: /dev/ttyS0 is /dev/console \(line 7\): line 8 "
                  r"not started$"), r.tail()
    assert "second-on-the-serial-line" not in r.lines, r.tail()


def test_boot_entries_and_poweroff(main_image):
    r = boot("pvh", initrd=main_image, append=APPEND, deadline=DEADLINE)
    check_main_boot(r)
    assert r.find(r"\] reboot: power off requested by pid 1 \(init\)$"), \
        r.tail()
    assert r.powered_off, r.tail()


def test_sigterm_reboots(tmp_path):
    img = image(tmp_path, TERM_INITTAB, {"stubborn.sh": STUBBORN,
                                         "term.sh": TERM_SCRIPT})
    r = boot("pvh", initrd=img, append=APPEND, deadline=DEADLINE)
    assert "stubborn-ready" in r.lines, r.tail()
    down = r.index(r"^init: the system is going down for reboot$")
    assert down is not None and down > r.index("^sending-sigterm$"), \
        r.tail()
    assert r.index(r"^shutdown-entry-ran$") > down, r.tail()
    # The stubborn script outlives SIGTERM: SIGKILL after the grace.
    assert r.index(r"^init: sending SIGKILL to the processes left$") > down, \
        r.tail()
    assert r.find(r"\] reboot: restart requested by pid 1 \(init\)$"), \
        r.tail()
    # -no-reboot: the reset ends QEMU.
    assert r.exited and r.status == 0, r.tail()


def linux_kernel():
    found = sorted(glob.glob("/boot/vmlinuz-*"))
    return found[-1] if found else None


@pytest.mark.skipif(linux_kernel() is None, reason="no /boot/vmlinuz-*")
def test_same_image_on_linux(main_image):
    """Parity: Debian's kernel runs the same init the same way."""
    r = boot("pvh", kernel=linux_kernel(), initrd=main_image,
             append=APPEND + " quiet", deadline=40)
    check_main_boot(r)
    assert r.find(r"\] reboot: Power down$"), r.tail()
    assert r.exited and r.status == 0, r.tail()
