"""The PS/2 controller, keyboard and mouse from the outside (docs/input.md).

The boot log names the 8042 and its devices; a static program
(input_probe.c) as /init reads /dev/input/mice while the QEMU monitor
moves the mouse (mouse_move, mouse_button), and reads /dev/tty1 while the
monitor types (sendkey). The monitor is a unix socket per run.
"""
import socket
import subprocess
import time
from pathlib import Path

import pytest
from initramfs import make_cpio
from qemu import boot, start

HERE = Path(__file__).resolve().parent
PROBE_SRC = HERE / "input_probe.c"


class Monitor:
    """QEMU's human monitor on a unix socket: one command at a time."""

    PROMPT = b"(qemu) "

    def __init__(self, path, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.settimeout(timeout)
                self.sock.connect(str(path))
                break
            except (FileNotFoundError, ConnectionRefusedError):
                self.sock.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._read_prompt()

    def _read_prompt(self):
        data = b""
        while not data.endswith(self.PROMPT):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("monitor closed: %r" % data)
            data += chunk
        return data

    def command(self, line):
        self.sock.sendall(line.encode() + b"\n")
        return self._read_prompt()

    def close(self):
        self.sock.close()


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    out = tmp_path_factory.mktemp("input") / "input_probe"
    r = subprocess.run(["musl-gcc", "-static", "-O2", "-Wall", "-Wextra",
                        "-Werror", "-o", str(out), str(PROBE_SRC)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return make_cpio(out.parent / "probe.cpio", {"init": out})


def run_with_monitor(tmp_path, probe, mode, machine="q35"):
    """Start the probe in @mode with a monitor; returns (vm, monitor)."""
    sock = tmp_path / "mon.sock"
    vm = start("pvh", initrd=probe, machine=machine,
               append="console=ttyS0 panic=-1 %s" % mode,
               extra=["-monitor", "unix:%s,server,nowait" % sock])
    return vm, Monitor(sock)


@pytest.mark.parametrize("path,machine", [
    ("pvh", "q35"), ("pvh", "pc"),
    # SeaBIOS has set the keyboard up before us
    ("bios", "q35"),
])
def test_boot_log_names_controller_and_devices(make_iso, probe, path,
                                               machine):
    cmdline = "console=ttyS0 panic=-1 none"
    if path == "pvh":
        r = boot(path, initrd=probe, machine=machine, append=cmdline)
    else:
        r = boot(path, iso=make_iso(cmdline, initrd=probe), machine=machine)
    assert r.find(r"i8042: keyboard on port 1, IRQ 1$"), r.tail()
    assert r.find(r"i8042: mouse on port 2, IRQ 12$"), r.tail()
    assert r.find(r"ps2mouse: wheel mouse \(ID 3\), 4-byte packets$"), \
        r.tail()
    assert not r.find(r"i8042: port \d failed"), r.tail()
    assert r.powered_off, r.tail()


@pytest.mark.parametrize("machine,why", [
    # q35's FADT (revision 3) has the IA-PC boot flags: no 8042 there
    ("q35", r"none \(the ACPI FADT says there is no 8042\)"),
    # pc's FADT is revision 1, without them: the probe finds nothing
    ("pc", r"no PS/2 controller found"),
])
def test_no_controller_boots(tmp_path, probe, machine, why):
    """Without an 8042 (-machine ...,i8042=off) the boot goes on."""
    r = boot("pvh", initrd=probe, machine=machine + ",i8042=off",
             append="console=ttyS0 panic=-1 none")
    assert r.find(r"i8042: %s$" % why), r.tail()
    assert not r.find(r"i8042: keyboard"), r.tail()
    assert r.find(r"FAIL: usage"), r.tail()
    assert r.powered_off, r.tail()


def test_mice_packets(tmp_path, probe):
    vm, mon = run_with_monitor(tmp_path, probe, "mice")
    with vm:
        vm.expect(r"READY")
        mon.command("mouse_move 10 -5")
        vm.expect(r"pkt b=0 dx=10 dy=5 dz=0 bit3=1")
        mon.command("mouse_button 1")
        vm.expect(r"pkt b=1 dx=0 dy=0 dz=0 bit3=1")
        mon.command("mouse_move -3 7")
        vm.expect(r"pkt b=1 dx=-3 dy=-7 dz=0 bit3=1")
        mon.command("mouse_button 0")
        vm.expect(r"pkt b=0 dx=0 dy=0 dz=0 bit3=1")
        mon.command("mouse_move 0 0 1")
        vm.expect(r"DONE")
        mon.close()
        r = vm.wait()
    out = r.lines
    assert "nonblock: EAGAIN" in out, r.tail()
    assert "poll empty: 0" in out, r.tail()
    assert "poll replies: 1" in out, r.tail()
    # six acks for the knock, then the ack and the ImPS/2 ID
    assert "reply: fa fa fa fa fa fa fa 03" in out, r.tail()
    # the other client never knocked: a plain PS/2 mouse
    assert "second: fa 00" in out, r.tail()
    wheel = r.findall(r"^pkt b=0 dx=0 dy=0 dz=-?[1-9]")
    assert len(wheel) == 1, r.tail()
    # the second client got every movement, as 3-byte packets
    pkt3 = r.findall(r"^pkt3 ")
    assert pkt3[:4] == ["pkt3 b=0 dx=10 dy=5 dz=0 bit3=1",
                        "pkt3 b=1 dx=0 dy=0 dz=0 bit3=1",
                        "pkt3 b=1 dx=-3 dy=-7 dz=0 bit3=1",
                        "pkt3 b=0 dx=0 dy=0 dz=0 bit3=1"], r.tail()
    assert r.powered_off, r.tail()


# What `sendkey` sends, and the bytes the console's tty must read.
KEYS = [
    ("a", "61"), ("shift-a", "41"), ("ctrl-c", "03"), ("alt-x", "1b 78"),
    ("up", "1b 5b 41"), ("home", "1b 5b 31 7e"), ("f1", "1b 5b 5b 41"),
    ("f12", "1b 5b 32 34 7e"), ("ret", "0d"), ("backspace", "7f"),
    ("kp_enter", "0d"), ("ctrl-bracket_left", "1b"),
    # Caps Lock: letters only, and Shift undoes it
    ("caps_lock", ""), ("b", "42"), ("shift-b", "62"), ("2", "32"),
    ("caps_lock", ""), ("b", "62"),
]


def test_keys_reach_tty1(tmp_path, probe):
    vm, mon = run_with_monitor(tmp_path, probe, "tty")
    with vm:
        m = vm.expect(r"(READY|notty: [^\r\n]*)[\r\n]")
        if m.group(1).startswith("notty"):
            mon.close()
            pytest.skip("no /dev/tty1 yet (the TTY layer and drivers/vt.c "
                        "provide it): %s" % m.group(1))
        for key, _ in KEYS + [("q", "71")]:
            mon.command("sendkey " + key)
        typed = vm.expect(r"keys:([0-9a-f ]*)[\r\n]").group(1)
        vm.expect(r"APPKEYS")
        for key in ("up", "left", "home", "a", "q"):
            mon.command("sendkey " + key)
        app = vm.expect(r"keys:([0-9a-f ]*)[\r\n]").group(1)
        mon.close()
        r = vm.wait()
    want = " ".join(b for _, b in KEYS + [("q", "71")] if b)
    assert typed.strip() == want, r.tail()
    # ESC [ ? 1 h: arrows send ESC O x, the rest is unchanged
    assert app.strip() == "1b 4f 41 1b 4f 44 1b 5b 31 7e 61 71", r.tail()


def test_ctrl_alt_del_signals_init(tmp_path, probe):
    """Ctrl+Alt+Del sends SIGINT (SI_KERNEL) to an init that handles it;
    Ctrl+Alt+Backspace and plain Delete send none."""
    vm, mon = run_with_monitor(tmp_path, probe, "cad")
    with vm:
        vm.expect(r"READY")
        mon.command("sendkey ctrl-alt-backspace")
        mon.command("sendkey delete")
        mon.command("sendkey ctrl-alt-delete")
        vm.expect(r"sigint code=(-?\d+)")
        mon.close()
        r = vm.wait()
    assert r.find(r"^sigint code=128$"), r.tail()   # SI_KERNEL
    assert r.powered_off, r.tail()
