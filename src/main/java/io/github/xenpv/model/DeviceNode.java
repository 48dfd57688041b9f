package io.github.xenpv.model;

/**
 * A block special file the guest needs under {@code /dev}: the whole PV disk or one of its
 * partitions, on the {@code xvd} major with the minor the kernel gives that vdev.
 */
public record DeviceNode(String name, int minor) {

    /** {@return the node's path in the guest, e.g. {@code /dev/xvdb1}} */
    public String path() {
        return "/dev/" + name;
    }

    /**
     * The name the kernel gives this minor in {@code /proc/partitions}: 2.4's disk_name() spells
     * it from the minor (xvd, the disk letter minor / 16, the partition minor % 16), so it follows
     * Xen's vdev, not the node's name, which is only a label (the procedure's node xvdb is the
     * kernel's xvda).
     *
     * @return the kernel's name for the minor, e.g. {@code xvda1}
     */
    public String kernelName() {
        int partition = minor % ValidDisk.MINORS_PER_DISK;
        return ValidGuest.BLOCK_DEVICE_NAME + (char) ('a' + minor / ValidDisk.MINORS_PER_DISK)
                + (partition == 0 ? "" : Integer.toString(partition));
    }
}
