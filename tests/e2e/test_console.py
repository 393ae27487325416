"""The screen console as a terminal (drivers/vt.c): a program writes a
cursor position query to /dev/tty1 and reads the emulator's answer back
from the same terminal's input, and the terminal reports the screen's
size. Busybox is /init; the screen is QEMU's VGA in text mode (80x25)."""
from pathlib import Path

from initramfs import make_cpio
from qemu import boot

BUSYBOX = Path("/bin/busybox")

SCRIPT = rb"""#!/bin/busybox sh
busybox mount -t devtmpfs dev /dev
busybox stty -icanon -echo min 1 < /dev/tty1
busybox printf '\033[3;7H\033[6n' > /dev/tty1
busybox echo "== reply"
busybox dd if=/dev/tty1 bs=1 count=6 2>/dev/null | busybox od -An -c
busybox echo "== size"
busybox stty size < /dev/tty1
busybox echo "== end"
"""


def test_cursor_report_and_size(tmp_path):
    init = tmp_path / "init"
    init.write_bytes(SCRIPT)
    cpio = make_cpio(tmp_path / "console.cpio", {
        "init": init,
        "bin/busybox": BUSYBOX,
        "dev/.keep": b"",
    })
    r = boot("pvh", initrd=cpio, append="console=ttyS0 panic=-1 "
             "init=/init")
    lines = r.lines
    assert "== end" in lines, r.tail()
    reply = lines[lines.index("== reply") + 1].split()
    assert reply == ["033", "[", "3", ";", "7", "R"], r.tail()
    assert lines[lines.index("== size") + 1].strip() == "25 80", r.tail()
