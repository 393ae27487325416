"""Build small newc initramfs archives for the end-to-end tests.

    cpio = make_cpio(tmp_path / "x.cpio", {
        "init": Path("/bin/busybox"),          # a file to copy, mode 0755
        "bin/sh": ("symlink", "/init"),
        "etc/motd": b"hello\\n",              # bytes: a file, mode 0644
    })

Directories on the way are created. Needs the cpio command (tools/setup).
"""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def make_cpio(out, entries):
    with tempfile.TemporaryDirectory() as root:
        for name, what in entries.items():
            path = Path(root) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(what, tuple) and what[0] == "symlink":
                os.symlink(what[1], path)
            elif isinstance(what, (bytes, bytearray)):
                path.write_bytes(what)
                path.chmod(0o644)
            else:
                shutil.copyfile(what, path)
                path.chmod(0o755)
        names = subprocess.run(
            "find . -mindepth 1 | LC_ALL=C sort", shell=True, cwd=root,
            capture_output=True, check=True).stdout
        data = subprocess.run(["cpio", "--quiet", "-o", "-H", "newc",
                               "-R", "0:0"], cwd=root, input=names,
                              capture_output=True, check=True).stdout
    Path(out).write_bytes(data)
    return Path(out)
