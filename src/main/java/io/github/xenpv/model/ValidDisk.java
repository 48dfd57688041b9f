package io.github.xenpv.model;

import java.util.List;

/**
 * A PV disk, checked. {@code device} is Xen's vdev, which fixes the minors; {@code node} is only
 * the name of the guest's {@code /dev} entry (the procedure calls vdev xvda's node xvdb).
 */
public record ValidDisk(int index, String source, String device, DeviceNode node, String access,
        List<ValidPartition> partitions) {

    /**
     * A disk holding a copy of {@code partitions}.
     *
     * @param index the disk's position in {@code <disks>}, from 0
     * @param source the image or device on dom0
     * @param device Xen's vdev, {@code xvda}..{@code xvdp}
     * @param node the guest's {@code /dev} node for the whole disk
     * @param access {@code w} or {@code r}
     * @param partitions the disk's partitions, in declaration order
     */
    public ValidDisk {
        partitions = List.copyOf(partitions);
    }

    /**
     * Every partition of these disks, disk by disk, in declaration order.
     *
     * @param disks the disks
     * @return their partitions
     */
    public static List<ValidPartition> allPartitions(List<ValidDisk> disks) {
        return disks.stream().flatMap(disk -> disk.partitions().stream()).toList();
    }

    /** {@return the xm {@code disk} entry: {@code phy:} for a block device, {@code tap:aio:} for an image} */
    public String xmSpec() {
        return (XenPaths.isBlockDevice(source) ? "phy:" : "tap:aio:") + source + "," + device + "," + access;
    }
}
