"""The TTY layer over the serial line: canonical editing, echo, signals
from the keyboard, job control and raw mode, driven through Debian's
busybox ash (an independent shell: it proves the kernel side, whatever
Ferrite's own shell does). Each test boots busybox with a session of its
own on /dev/ttyS0 (setsid -c makes it the controlling terminal)."""
import re
import time
from pathlib import Path

import pytest
from initramfs import make_cpio
from qemu import start

BUSYBOX = Path("/bin/busybox")
PROMPT = "READY> "
# The guest ends lines with CR LF (ONLCR); the host's pty that pexpect
# reads adds a CR of its own.
NL = r"\r+\n"
# PS1 without the "# " the shell echoes elsewhere; busybox ash asks the
# terminal for the cursor position (ESC [6n) before each prompt.
SETUP = ("/bin/busybox --install -s /bin; mkdir -p /dev /proc; "
         "mount -t devtmpfs d /dev; mount -t proc p /proc; "
         "export PS1='READY> '; "
         "setsid -c /bin/sh -i </dev/ttyS0 >/dev/ttyS0 2>&1; "
         "echo SHELL-GONE; sleep 1000")


@pytest.fixture
def ash(tmp_path):
    cpio = make_cpio(tmp_path / "bb.cpio", {"bin/busybox": BUSYBOX})
    vm = start("pvh", initrd=cpio, deadline=60,
               append='console=ttyS0 panic=-1 init=/bin/busybox sh -c "%s"'
               % SETUP)
    with vm:
        # PS1 is on the kernel command line the boot log shows, too.
        vm.expect(r"Enter 'help' for a list of built-in commands", 20)
        vm.expect(PROMPT, timeout=5)
        yield vm


def run(vm, line, pattern, timeout=5):
    """Type @line and Enter; wait for @pattern, then for the next prompt."""
    vm.send(line + "\r")
    m = vm.expect(pattern, timeout=timeout)
    vm.expect(PROMPT, timeout=timeout)
    return m


def test_ctty_and_termios(ash):
    run(ash, "tty", NL + r"/dev/ttyS0" + NL)
    # The session's terminal: the shell's group is in the foreground.
    run(ash, "echo $(cut -d' ' -f8 /proc/$$/stat) = $$",
        NL + r"(\d+) = \1" + NL)
    m = run(ash, "stty -a | head -2", r"speed 38400 baud; rows (\d+); "
            r"columns (\d+); line = 0;" + NL + r"intr = \^C; quit = \^\\; "
            r"erase = \^\?; kill = \^U; eof = \^D;")
    assert m.group(1) == "24" and m.group(2) == "80"
    run(ash, "stty rows 40 cols 100; stty size", NL + r"40 100" + NL)


def test_canonical_editing(ash):
    ash.send("cat\r")
    time.sleep(0.3)
    # Erase (DEL), word erase (^W), kill (^U): the line cat gets is the
    # edited one; echo erases with backspace-space-backspace.
    ash.send("abc\x7fd one two\x17three\r")
    ash.expect(r"abc\x08 \x08d one two\x08 \x08\x08 \x08\x08 \x08three" +
               NL + r"abd one three" + NL)
    ash.send("gone\x15kept\r")
    ash.expect(NL + r"kept" + NL)
    # ^D on an empty line: end of file, cat exits.
    ash.send("\x04")
    ash.expect(PROMPT)
    # ^D after text hands the text over without a newline.
    ash.send("cat; echo =END\r")
    time.sleep(0.3)
    ash.send("part\x04\x04")
    ash.expect(r"partpart=END" + NL)
    ash.expect(PROMPT)


def test_ctrl_c_stops_foreground_job(ash):
    ash.send("sleep 30\r")
    time.sleep(0.5)
    t0 = time.monotonic()
    ash.send("\x03")
    ash.expect(PROMPT, timeout=5)
    assert time.monotonic() - t0 < 1.0
    run(ash, "echo status=$?", r"status=130")
    # ^\ is SIGQUIT: the shell reports it, and lives on.
    ash.send("sleep 30\r")
    time.sleep(0.5)
    ash.send("\x1c")
    ash.expect(PROMPT, timeout=5)
    run(ash, "echo status=$?", r"status=131")


def test_job_control(ash):
    ash.send("sleep 100\r")
    time.sleep(0.5)
    ash.send("\x1a")
    ash.expect(r"\[1\]\+ +Stopped +sleep 100")
    ash.expect(PROMPT)
    m = run(ash, "jobs -l", r"\[1\]\+ +(\d+) +Stopped +sleep 100")
    pid = m.group(1)
    run(ash, "grep State /proc/%s/status" % pid, r"State:\s+T \(stopped\)")
    run(ash, "bg", r"\[1\] sleep 100")
    run(ash, "jobs", r"\[1\]\+ +Running +sleep 100")
    ash.send("fg\r")
    ash.expect(r"sleep 100" + NL)
    time.sleep(0.5)
    ash.send("\x03")
    ash.expect(PROMPT)
    run(ash, "jobs; echo none", NL + r"none" + NL)
    ash.send("sleep 100 &\r")
    ash.expect(PROMPT)
    run(ash, "jobs", r"\[1\]\+ +Running +sleep 100")
    run(ash, "kill %1; sleep 0.5; jobs", r"\[1\]\+ +Terminated +sleep 100")


def test_background_read_and_tostop(ash):
    # A background job reading the terminal gets SIGTTIN and stops.
    ash.send("cat &\r")
    ash.expect(PROMPT)
    run(ash, "sleep 0.5; jobs", r"\[1\]\+ +Stopped \(tty input\) +cat")
    run(ash, "kill -9 %1", r"Killed +cat")
    # With tostop, writing from the background is SIGTTOU.
    run(ash, "stty tostop", r"")
    ash.send("echo bg-write &\r")
    ash.expect(PROMPT)
    run(ash, "sleep 0.5; jobs",
        r"\[1\]\+ +Stopped \(tty output\) +echo bg-write")
    # fg lets it write.
    run(ash, "fg", NL + r"bg-write" + NL)
    run(ash, "stty -tostop", r"")


def test_raw_mode_and_vmin(ash):
    # Non-canonical, no echo: dd gets bytes as typed, no line needed.
    ash.send("stty raw -echo; dd bs=1 count=3 2>/dev/null | od -c; "
             "stty sane\r")
    time.sleep(0.5)
    ash.send("a\x03b")
    ash.expect(r"0000000\s+a 003\s+b")
    ash.expect(PROMPT)
    # Nothing of "a^Cb" was echoed.
    run(ash, "echo ok", NL + r"ok" + NL)


def test_session_leader_exit_hangs_up(ash):
    # The shell exits: its terminal's foreground group gets SIGHUP, the
    # session loses its terminal; init (PID 1) carries on.
    ash.send("exit\r")
    ash.expect(r"SHELL-GONE")
    assert ash.alive_after(0.5)
