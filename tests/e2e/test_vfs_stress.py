"""Many processes create, write, rename and unlink files in a tmpfs at
once; afterwards every surviving file holds what its writer wrote, and
no inode, dentry in use, open file or tmpfs page has leaked (/proc/sys/fs
and statfs counts are back where they were; unused negative dentries
kept for later lookups do not count)."""
from pathlib import Path

from initramfs import make_cpio
from qemu import boot

BUSYBOX = Path("/bin/busybox")

SCRIPT = b"""#!/bin/busybox sh
export PATH=/bin
busybox mkdir -p /proc /dev /tmp
busybox mount -t proc proc /proc
busybox mount -t devtmpfs dev /dev
busybox --install -s /bin
mount -t tmpfs -o size=8m tmpfs /tmp
counts() {
    d_all=$(cut -f1 /proc/sys/fs/dentry-state)
    d_unused=$(cut -f2 /proc/sys/fs/dentry-state)
    echo "$1 inodes $(cut -f1 /proc/sys/fs/inode-nr)" \\
         "dentries $((d_all - d_unused))" \\
         "files $(cut -f1 /proc/sys/fs/file-nr)" \\
         "free $(stat -f -c %f /tmp)"
}
worker() {
    i=0
    while [ $i -lt 30 ]; do
        echo "w$1 n$i $(seq 1 $i)" > /tmp/w$1.$i.tmp
        mv /tmp/w$1.$i.tmp /tmp/w$1.$i
        [ $((i % 3)) = 0 ] && rm /tmp/w$1.$i
        i=$((i + 1))
    done
}
counts before
for w in 1 2 3 4 5 6; do worker $w & done
wait
bad=0
for f in /tmp/w*; do
    w=${f#/tmp/w}; n=${w#*.}; w=${w%%.*}
    [ "$(cat $f)" = "w$w n$n $(seq 1 $n)" ] || { echo "BAD $f"; bad=1; }
done
echo "files left $(ls /tmp | wc -l) bad $bad"
rm /tmp/w*
counts after
"""


def test_concurrent_files_no_leaks(tmp_path):
    init = tmp_path / "init"
    init.write_bytes(SCRIPT)
    cpio = make_cpio(tmp_path / "s.cpio", {"bin/busybox": BUSYBOX,
                                           "init": init})
    r = boot("pvh", initrd=cpio, append="console=ttyS0 panic=-1 "
             "init=/init")
    lines = r.lines
    before = next((l for l in lines if l.startswith("before ")), None)
    after = next((l for l in lines if l.startswith("after ")), None)
    assert before and after, r.tail()
    # 6 workers x 30 files, every third removed: 20 each survive.
    assert "files left 120 bad 0" in lines, r.tail()
    assert before.split()[1:] == after.split()[1:], \
        "leak: %s / %s" % (before, after) + r.tail()
