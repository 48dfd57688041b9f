package io.github.xenpv.model;

/** Facts about dom0 paths that several disk rules share. */
final class XenPaths {

    private XenPaths() {
    }

    /** A source under /dev is a block device and Xen attaches it with {@code phy:}. */
    static boolean isBlockDevice(String source) {
        return source.startsWith("/dev/");
    }
}
