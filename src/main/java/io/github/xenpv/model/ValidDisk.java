package io.github.xenpv.model;

import java.util.List;

/**
 * A PV disk, checked. {@code device} is Xen's vdev, which fixes the minors; {@code node} is only
 * the name of the guest's {@code /dev} entry (the procedure calls vdev xvda's node xvdb).
 */
public record ValidDisk(int index, String source, String device, DeviceNode node, String access,
        List<ValidPartition> partitions) {

    public ValidDisk {
        partitions = List.copyOf(partitions);
    }

    /** Every partition of these disks, disk by disk, in declaration order. */
    public static List<ValidPartition> allPartitions(List<ValidDisk> disks) {
        return disks.stream().flatMap(disk -> disk.partitions().stream()).toList();
    }

    /** The xm {@code disk} entry: {@code phy:} for a block device, {@code tap:aio:} for an image. */
    public String xmSpec() {
        return (XenPaths.isBlockDevice(source) ? "phy:" : "tap:aio:") + source + "," + device + "," + access;
    }
}
