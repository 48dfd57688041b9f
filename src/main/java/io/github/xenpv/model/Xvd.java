package io.github.xenpv.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xen's PV block device as a 2.4 guest kernel sees it: its name in {@code /proc/devices}, its
 * usual major, and the 8-bit minors that give each disk 16 of them. Every node and minor of the
 * bundle comes from {@link #node}, the one place that computes them.
 */
public final class Xvd {

    /** The block device's name in {@code /proc/devices}, and the stem of every vdev and kernel disk name. */
    public static final String NAME = "xvd";

    /**
     * The major Xen's block driver registers ({@code XENVBD_MAJOR}). The scripts read the real one
     * from {@code /proc/devices}; README.txt shows this one as what to expect.
     */
    public static final int MAJOR = 202;

    /** Minors per disk under the 2.4 kernel's 8-bit minors: the disk itself and 15 partitions. */
    public static final int MINORS_PER_DISK = 16;

    /** xvda..xvdp: 16 disks of 16 minors fill the 8-bit minor range. */
    public static final int MAX_DISKS = 256 / MINORS_PER_DISK;

    /** Partition numbers run 1..15: minor 0 of a disk is the whole disk. */
    public static final int MAX_PARTITION = MINORS_PER_DISK - 1;

    private static final Pattern DISK_NAME = Pattern.compile(NAME + "([a-z])");

    private Xvd() {
    }

    /**
     * The letter index of a name {@code xvd<letter>} ({@code xvda} = 0, {@code xvdz} = 25), or -1
     * when the name is not one. Vdevs stop at {@link #MAX_DISKS}; node names may use any letter.
     *
     * @param name a device or node name
     * @return the letter index, or -1
     */
    public static int letter(String name) {
        Matcher disk = DISK_NAME.matcher(name);
        return disk.matches() ? disk.group(1).charAt(0) - 'a' : -1;
    }

    /**
     * The node of partition {@code partition} (0: the whole disk) of the disk whose vdev has letter
     * index {@code letter}, under the disk's node name {@code nodeName}. The minor and the kernel's
     * name both follow the vdev, whatever the node is called (the procedure's node {@code xvdb} is
     * the kernel's {@code xvda}).
     *
     * @param nodeName the name of the disk's node, e.g. {@code xvdb}
     * @param letter the letter index of the disk's vdev, {@code xvda} = 0
     * @param partition the partition number, or 0 for the whole disk
     * @return the node, with its minor and the kernel's name for it
     */
    public static DeviceNode node(String nodeName, int letter, int partition) {
        String suffix = partition == 0 ? "" : Integer.toString(partition);
        return new DeviceNode(nodeName + suffix, letter * MINORS_PER_DISK + partition,
                NAME + (char) ('a' + letter) + suffix);
    }
}
