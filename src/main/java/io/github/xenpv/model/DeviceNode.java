package io.github.xenpv.model;

/**
 * A block special file the guest needs under {@code /dev}: the whole PV disk or one of its
 * partitions, on the {@code xvd} major with the minor the kernel gives that vdev.
 */
public record DeviceNode(String name, int minor) {

    /** The node's path in the guest, e.g. {@code /dev/xvdb1}. */
    public String path() {
        return "/dev/" + name;
    }
}
