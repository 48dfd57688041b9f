#!/usr/bin/env python3
"""Feed xm/xl domain config files to the two parsers that read them for real, all files in one
process (a property test checks several guests' configs per try).

1. Python itself: the xm toolstack executes the file, so
   exec(open(f).read(), {}, d) must succeed and leave `disk` and `vif` as lists of str.
2. Xen's own config parser, libxlutil 4.17 (Debian package libxenmisc4.17), through ctypes:
   xlu_cfg_readfile, xlu_cfg_get_string / _long / _list, and xlu_disk_parse on every
   disk string into a libxl_device_disk initialised by libxl_device_disk_init, shown with
   libxl_device_disk_to_json.

Anything libxlutil writes to its report stream (errors, and warnings such as
"Config file looks like it contains Python code") counts as a failure.

Usage: xmconfig.py FILE...  Prints a JSON array on stdout, one object per FILE in order:
  {"python": {name: value, ...},
   "libxl": {"disks": [<libxl_device_disk as JSON>, ...], "vif": [str, ...],
             "strings": {name: str}, "longs": {name: int}, "lists": {name: [str]}}}
Exit 0 when every file parsed cleanly; otherwise a message per bad file on stderr (naming it)
and exit 1 (2 on a usage error, 3 when the Xen libraries cannot be loaded: a missing
dependency, not a bad file).
"""
import ctypes
import ctypes.util
import json
import os
import sys

LIBXL = "libxenlight.so.4.17"
LIBXLU = "libxlutil.so.4.17"
# libxl_device_disk is a few hundred bytes in 4.17; never rely on its layout,
# just give libxl_device_disk_init a generously sized zeroed buffer.
DISK_BUFFER_SIZE = 64 * 1024

ESRCH = 3
EINVAL = 22


def fail(msg, code=1):
    sys.stderr.write("xmconfig: " + msg.rstrip("\n") + "\n")
    sys.exit(code)


def check_python(path, problems):
    """Runs the file as xm does. Returns the names it defines, or None when it cannot run."""
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    d = {}
    try:
        exec(compile(src, path, "exec"), {}, d)
    except SyntaxError as e:
        problems.append("Python cannot parse %s: %s (line %s: %r)" % (path, e.msg, e.lineno, e.text))
        return None
    except Exception as e:  # the file ran but raised
        problems.append("executing %s as Python raised %s: %s" % (path, type(e).__name__, e))
        return None
    for key in ("disk", "vif"):
        if key not in d:
            problems.append("Python: %s defines no '%s'" % (path, key))
            continue
        v = d[key]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            problems.append("Python: '%s' must be a list of str, got %r" % (key, v))
    for k, v in d.items():
        if isinstance(v, bool) or not (
            isinstance(v, (str, int)) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
        ):
            problems.append("Python: '%s' = %r is %s: not a value xl's parser can hold "
                            "(str, int or list of str)" % (k, v, type(v).__name__))
    return d


class Report:
    """A FILE* from libc tmpfile() that libxlutil writes its messages to."""

    def __init__(self, libc):
        self.libc = libc
        self.fp = libc.tmpfile()
        if not self.fp:
            fail("tmpfile() failed", 2)

    def text(self):
        self.libc.fflush(self.fp)
        fd = self.libc.fileno(self.fp)
        os.lseek(fd, 0, os.SEEK_SET)
        chunks = []
        while True:
            b = os.read(fd, 65536)
            if not b:
                break
            chunks.append(b)
        return b"".join(chunks).decode("utf-8", "replace")


LIBS = []


def load_libs():
    """libc, libxenlight and libxlutil with their signatures declared, loaded once per process."""
    if not LIBS:
        LIBS.append(declare_libs())
    return LIBS[0]


def declare_libs():
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.tmpfile.restype = ctypes.c_void_p
    libc.tmpfile.argtypes = []
    libc.fflush.argtypes = [ctypes.c_void_p]
    libc.fileno.argtypes = [ctypes.c_void_p]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.free.restype = None
    try:
        xl = ctypes.CDLL(LIBXL, mode=ctypes.RTLD_GLOBAL)
        xlu = ctypes.CDLL(LIBXLU)
    except OSError as e:
        fail("cannot load Xen's %s / %s (Debian package libxenmisc4.17): %s" % (LIBXLU, LIBXL, e), 3)
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    # XLU_Config *xlu_cfg_init(FILE *report, const char *report_filename);
    xlu.xlu_cfg_init.restype = vp
    xlu.xlu_cfg_init.argtypes = [vp, cp]
    # int xlu_cfg_readfile(XLU_Config*, const char *real_filename);
    xlu.xlu_cfg_readfile.restype = ci
    xlu.xlu_cfg_readfile.argtypes = [vp, cp]
    # void xlu_cfg_destroy(XLU_Config*);
    xlu.xlu_cfg_destroy.restype = None
    xlu.xlu_cfg_destroy.argtypes = [vp]
    # int xlu_cfg_get_string(const XLU_Config*, const char *n, const char **value_r, int dont_warn);
    xlu.xlu_cfg_get_string.restype = ci
    xlu.xlu_cfg_get_string.argtypes = [vp, cp, ctypes.POINTER(cp), ci]
    # int xlu_cfg_get_long(const XLU_Config*, const char *n, long *value_r, int dont_warn);
    xlu.xlu_cfg_get_long.restype = ci
    xlu.xlu_cfg_get_long.argtypes = [vp, cp, ctypes.POINTER(ctypes.c_long), ci]
    # int xlu_cfg_get_list(const XLU_Config*, const char *n, XLU_ConfigList **list_r,
    #                      int *entries_r, int dont_warn);
    xlu.xlu_cfg_get_list.restype = ci
    xlu.xlu_cfg_get_list.argtypes = [vp, cp, ctypes.POINTER(vp), ctypes.POINTER(ci), ci]
    # const char *xlu_cfg_get_listitem(const XLU_ConfigList*, int entry);
    xlu.xlu_cfg_get_listitem.restype = cp
    xlu.xlu_cfg_get_listitem.argtypes = [vp, ci]
    # int xlu_disk_parse(XLU_Config *cfg, int nspecs, const char *const *specs,
    #                    libxl_device_disk *disk);
    xlu.xlu_disk_parse.restype = ci
    xlu.xlu_disk_parse.argtypes = [vp, ci, ctypes.POINTER(cp), vp]
    # void libxl_device_disk_init(libxl_device_disk *p);
    xl.libxl_device_disk_init.restype = None
    xl.libxl_device_disk_init.argtypes = [vp]
    # void libxl_device_disk_dispose(libxl_device_disk *p);
    xl.libxl_device_disk_dispose.restype = None
    xl.libxl_device_disk_dispose.argtypes = [vp]
    # char *libxl_device_disk_to_json(libxl_ctx *ctx, libxl_device_disk *p);  (malloc'd)
    xl.libxl_device_disk_to_json.restype = vp
    xl.libxl_device_disk_to_json.argtypes = [vp, vp]
    return libc, xl, xlu


def check_libxl(path, pyvalues, problems):
    """Parses the file with libxlutil. When Python could run it (pyvalues not None), every
    name must read back with the same value. Returns the libxl view, or None."""
    libc, xl, xlu = load_libs()
    report = Report(libc)
    bpath = os.fsencode(path)
    cfg = xlu.xlu_cfg_init(report.fp, bpath)
    if not cfg:
        fail("xlu_cfg_init failed (ENOMEM)", 2)

    seen = [0]

    def new_report():
        """What libxlutil wrote to the report stream since the last call."""
        text = report.text()
        fresh, seen[0] = text[seen[0]:], len(text)
        return fresh.rstrip("\n")

    def reported(what):
        msg = new_report()
        if msg.strip():
            problems.append("libxlutil %s %s:\n%s" % (what, path, msg))

    rc = xlu.xlu_cfg_readfile(cfg, bpath)
    if rc != 0:
        problems.append("libxlutil cannot parse %s (xlu_cfg_readfile returned %d: %s):\n%s"
                        % (path, rc, os.strerror(rc), new_report()))
        xlu.xlu_cfg_destroy(cfg)
        return None
    reported("warned while reading")

    strings, longs, lists = {}, {}, {}

    def get_list(name):
        lst, n = ctypes.c_void_p(), ctypes.c_int()
        rc = xlu.xlu_cfg_get_list(cfg, name.encode(), ctypes.byref(lst), ctypes.byref(n), 1)
        if rc != 0:
            return rc, None
        return 0, [xlu.xlu_cfg_get_listitem(lst, i).decode() for i in range(n.value)]

    # Every name Python sees must be read back by libxl with the same value.
    for name, pv in (pyvalues or {}).items():
        bname = name.encode()
        if isinstance(pv, str):
            out = ctypes.c_char_p()
            rc = xlu.xlu_cfg_get_string(cfg, bname, ctypes.byref(out), 1)
            got = out.value.decode() if rc == 0 else None
            strings[name] = got
        elif isinstance(pv, int):
            out = ctypes.c_long()
            rc = xlu.xlu_cfg_get_long(cfg, bname, ctypes.byref(out), 1)
            got = out.value if rc == 0 else None
            longs[name] = got
        else:
            rc, got = get_list(name)
            lists[name] = got
        if rc != 0:
            problems.append("libxlutil: reading '%s' (%s in Python) failed: %s"
                            % (name, type(pv).__name__, os.strerror(rc)))
        elif got != pv:
            problems.append("libxlutil and Python disagree on '%s': libxl %r, Python %r"
                            % (name, got, pv))
    for key in ("disk", "vif"):
        if key not in lists:
            rc, got = get_list(key)
            if rc != 0:
                problems.append("libxlutil: no list '%s': %s" % (key, os.strerror(rc)))
            lists[key] = got or []
    reported("warned while reading keys of")

    disks = []
    for spec in lists["disk"]:
        buf = ctypes.create_string_buffer(DISK_BUFFER_SIZE)
        xl.libxl_device_disk_init(buf)
        specs = (ctypes.c_char_p * 1)(spec.encode())
        rc = xlu.xlu_disk_parse(cfg, 1, specs, buf)
        if rc != 0:
            problems.append("libxlutil rejects disk spec %r (xlu_disk_parse returned %d: %s):\n%s"
                            % (spec, rc, os.strerror(rc), new_report()))
            xl.libxl_device_disk_dispose(buf)
            continue
        reported("warned on disk spec %r in" % spec)
        js = xl.libxl_device_disk_to_json(None, buf)
        if not js:
            fail("libxl_device_disk_to_json failed for %r" % spec, 2)
        try:
            disks.append(json.loads(ctypes.string_at(js).decode()))
        finally:
            libc.free(js)
            xl.libxl_device_disk_dispose(buf)

    xlu.xlu_cfg_destroy(cfg)
    return {"disks": disks, "vif": lists["vif"], "strings": strings, "longs": longs, "lists": lists}


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: xmconfig.py FILE...\n")
        return 2
    results, bad = [], []
    for path in argv[1:]:
        if not os.path.isfile(path):
            fail("no such file: %s" % path, 2)
        problems = []
        pyvalues = check_python(path, problems)
        libxl = check_libxl(path, pyvalues, problems)
        if problems:
            bad.append("%s is not a clean xm/xl config:\n  " % path
                       + "\n".join(problems).replace("\n", "\n  "))
        results.append({"python": pyvalues, "libxl": libxl})
    if bad:
        fail("\nxmconfig: ".join(bad))
    json.dump(results, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
