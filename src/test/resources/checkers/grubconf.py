#!/usr/bin/env python3
"""Parse GRUB legacy grub.conf files, all in one process, with pygrub's own parser (Xen 4.17, Debian package
xen-utils-4.17, installed under /usr/lib/xen-4.17/lib/python/grub/GrubConf.py).

pygrub never rejects a file: it logs warnings ("Unknown directive ...", "Unknown image
directive ...", "Invalid value ...") and carries on. Here any log record of level WARNING
or above is a failure, and so is an exception, a file without images, a "title" line that
yielded no image (pygrub silently drops a title without lines), an image without a kernel,
or a default that points past the last image.

Usage: grubconf.py FILE...  Prints a JSON array on stdout, one object per FILE in order:
  {"default": int, "timeout": int|str|null,
   "images": [{"title", "root", "kernel", "args", "initrd"}]}
where root/kernel/initrd are rebuilt from what pygrub parsed: "(hd0,0)", "/vmlinuz-..."
(a device prefix, if any, is kept as "(hdN,M)/path"). Exit 1 with a message per bad file on
stderr (naming it), 2 on a usage error, 3 when pygrub cannot be imported (a missing dependency).

Works with any Python 3 (GrubConf.py is pure Python); the directory can be overridden
with the PYGRUB_PYTHONPATH environment variable.
"""
import json
import logging
import os
import sys

PYGRUB_DIR = os.environ.get("PYGRUB_PYTHONPATH", "/usr/lib/xen-4.17/lib/python")


def fail(msg, code=1):
    sys.stderr.write("grubconf: " + msg.rstrip("\n") + "\n")
    sys.exit(code)


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def part_text(dp):
    if dp is None:
        return ""
    if dp.part is None:
        return "(hd%d)" % dp.disk
    return "(hd%d,%d)" % (dp.disk, dp.part)


def path_text(p):
    """pygrub keeps kernel/initrd as (GrubDiskPart or None, path)."""
    if p is None:
        return None
    dp, path = p
    return part_text(dp) + path


def parse(GrubConf, path):
    """What pygrub made of one file, and the problems found in it."""
    collector = Collect()
    root_logger = logging.getLogger()
    root_logger.handlers[:] = [collector]
    root_logger.setLevel(logging.DEBUG)
    try:
        conf = GrubConf.GrubConfigFile(path)
    except Exception as e:
        return None, ["pygrub cannot parse %s: %s: %s" % (path, type(e).__name__, e)]

    problems = ["pygrub %s: %s" % (r.levelname.lower(), r.getMessage())
                for r in collector.records if r.levelno >= logging.WARNING]

    with open(path, encoding="utf-8", errors="replace") as fh:
        titles = sum(1 for l in fh if l.strip().startswith("title"))
    if not conf.images:
        problems.append("no boot entry (title) found")
    elif titles != len(conf.images):
        problems.append("%d title line(s) but pygrub built %d image(s): a title without "
                        "root/kernel lines is dropped" % (titles, len(conf.images)))
    images = []
    for i, img in enumerate(conf.images):
        if img.kernel is None:
            problems.append("image %d (%r) has no kernel line" % (i, img.title))
        images.append({
            "title": img.title,
            "root": part_text(img.root) if img.root is not None else None,
            "kernel": path_text(img.kernel),
            "args": img.args,
            "initrd": path_text(img.initrd),
        })
    if conf.images and conf.default >= len(conf.images):
        problems.append("default=%d but there are only %d image(s)" % (conf.default, len(conf.images)))

    timeout = conf.timeout
    if isinstance(timeout, str):
        try:
            timeout = int(timeout)
        except ValueError:
            problems.append("timeout %r is not a number" % timeout)
    return {"default": conf.default, "timeout": timeout, "images": images}, problems


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: grubconf.py FILE...\n")
        return 2
    for path in argv[1:]:
        if not os.path.isfile(path):
            fail("no such file: %s" % path, 2)
    sys.path.insert(0, PYGRUB_DIR)
    try:
        from grub import GrubConf
    except ImportError as e:
        fail("cannot import pygrub's grub.GrubConf from %s (Debian package xen-utils-4.17): %s"
             % (PYGRUB_DIR, e), 3)

    results, bad = [], []
    for path in argv[1:]:
        result, problems = parse(GrubConf, path)
        if problems:
            bad.append("%s is not clean for pygrub:\n  " % path + "\n  ".join(problems))
        results.append(result)
    if bad:
        fail("\ngrubconf: ".join(bad))
    json.dump(results, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
