"""The initramfs unpacked into the tmpfs root: every kind of entry, hard
links, modes and mtimes, concatenated archives where the later one wins,
and a truncated archive that stops with a message while what came before
it stays and the boot goes on. Busybox (as init) reports what it sees."""
import os
import subprocess
from pathlib import Path

from initramfs import make_cpio
from qemu import boot

BUSYBOX = Path("/bin/busybox")

SCRIPT = b"""#!/bin/busybox sh
busybox echo "== stat"
busybox stat -c '%n %F %a %h %Y' /tree/file /tree/hard /tree/dir /tree/link
busybox echo "== link"
busybox readlink /tree/link
busybox echo "== cat"
busybox cat /tree/file /tree/later /tree/replaced
busybox echo "== inode"
[ "$(busybox stat -c %i /tree/file)" = "$(busybox stat -c %i /tree/hard)" ] && busybox echo same
busybox echo "== dev"
busybox stat -c '%n %F %t,%T' /tree/null /tree/fifo
busybox echo "== end"
"""


def _cpio_raw(root, names):
    """A newc archive of @names (relative to @root), in that order."""
    return subprocess.run(["cpio", "--quiet", "-o", "-H", "newc",
                           "-R", "0:0"], cwd=root, check=True,
                          input="\n".join(names).encode() + b"\n",
                          capture_output=True).stdout


def test_entry_kinds_links_and_times(tmp_path):
    root = tmp_path / "root"
    (root / "tree" / "dir").mkdir(parents=True)
    (root / "bin").mkdir()
    (root / "bin" / "busybox").write_bytes(BUSYBOX.read_bytes())
    (root / "bin" / "busybox").chmod(0o755)
    (root / "init").write_bytes(SCRIPT)
    (root / "init").chmod(0o755)
    (root / "tree" / "file").write_text("first\n")
    (root / "tree" / "replaced").write_text("old\n")
    (root / "tree" / "file").chmod(0o640)
    os.link(root / "tree" / "file", root / "tree" / "hard")
    os.symlink("file", root / "tree" / "link")
    os.mkfifo(root / "tree" / "fifo")
    for p in ["tree/file", "tree/dir"]:
        os.utime(root / p, (1600000000, 1600000000))
    os.utime(root / "tree", (1500000000, 1500000000))
    names = ["bin", "bin/busybox", "init", "tree", "tree/dir", "tree/file",
             "tree/hard", "tree/link", "tree/fifo", "tree/replaced"]
    first = _cpio_raw(root, names)
    # A second archive adds a file, replaces one, and adds a device node
    # (made by hand: no root needed); a third one is cut short.
    later = tmp_path / "later"
    (later / "tree").mkdir(parents=True)
    (later / "tree" / "later").write_text("second\n")
    (later / "tree" / "replaced").write_text("new\n")
    second = _cpio_raw(later, ["tree/later", "tree/replaced"])
    null = _newc_entry("tree/null", 0o20666, rdev=(1, 3))
    third = _cpio_raw(later, ["tree/later"])[:100]
    cpio = tmp_path / "all.cpio"
    cpio.write_bytes(first + second + null + _trailer() + third)
    r = boot("pvh", initrd=cpio, append="console=ttyS0 panic=-1 "
             "init=/init")
    lines = r.lines
    assert r.find(r"initramfs: module 0: .* at byte \d+; unpacking stops "
                  r"there"), r.tail()
    # newc carries a hard-link set's data on its last entry.
    assert "/tree/file regular file 640 2 1600000000" in lines, r.tail()
    assert "/tree/hard regular file 640 2 1600000000" in lines, r.tail()
    assert "/tree/dir directory 755 2 1600000000" in lines, r.tail()
    assert any(l.startswith("/tree/link symbolic link 777 1 ")
               for l in lines), r.tail()
    assert "file" in lines[lines.index("== link") + 1], r.tail()
    assert "first" in lines and "second" in lines, r.tail()
    assert "new" in lines and "old" not in lines, r.tail()
    assert "same" in lines, r.tail()
    assert "/tree/null character special file 1,3" in lines, r.tail()
    assert "/tree/fifo fifo 0,0" in lines, r.tail()
    assert "== end" in lines, r.tail()


def _newc_entry(name, mode, rdev=(0, 0), data=b""):
    """One newc record, for entries the host cannot make unprivileged."""
    name_b = name.encode() + b"\0"
    fields = [0x2a, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name_b), 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields)
    rec = head + name_b
    rec += b"\0" * (-len(rec) % 4) + data
    return rec + b"\0" * (-len(rec) % 4)


def _trailer():
    return _newc_entry("TRAILER!!!", 0)
