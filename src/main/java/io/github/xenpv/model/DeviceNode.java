package io.github.xenpv.model;

/**
 * A block special file the guest needs under {@code /dev}: the whole PV disk or one of its
 * partitions, on the {@code xvd} major. {@link Xvd#node} makes them; {@code kernelName} is the
 * name 2.4's disk_name() gives the minor in {@code /proc/partitions} (spelled from the vdev), and
 * {@code name} only the node's label, which may differ.
 */
public record DeviceNode(String name, int minor, String kernelName) {

    /** {@return the node's path in the guest, e.g. {@code /dev/xvdb1}} */
    public String path() {
        return "/dev/" + name;
    }

    /** {@return whether the node's name differs from the kernel's name for its minor (the procedure's node xvdb of vdev xvda)} */
    public boolean renamed() {
        return !name.equals(kernelName);
    }
}
