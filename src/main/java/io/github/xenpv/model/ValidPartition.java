package io.github.xenpv.model;

import java.util.List;

/** A partition of a PV disk, checked, with its node and its fstab fields. */
public record ValidPartition(int number, DeviceNode node, String mountPoint, String fsType, String options,
        int dump, int pass) {

    /** The file system type, and the fstab mount point, of a swap partition. */
    public static final String SWAP = "swap";

    /**
     * The fstab fields these PV entries own, in order: another fstab line naming one as its device
     * or mount point conflicts and is commented out (in the bundle's fstab base and by
     * install-guest.sh on the guest).
     *
     * @param partitions the PV partitions
     * @return each partition's device, then its mount point unless swap
     */
    public static List<String> fstabClaims(List<ValidPartition> partitions) {
        return partitions.stream().flatMap(partition -> partition.fstabClaims().stream()).toList();
    }

    /** {@return whether this is a swap partition} */
    public boolean swap() {
        return SWAP.equals(fsType);
    }

    /**
     * The fstab fields this partition owns: its device and, unless it is swap (every swap line says
     * "swap" there), its mount point. Another fstab line naming either conflicts with it.
     *
     * @return the device path, then the mount point unless swap
     */
    public List<String> fstabClaims() {
        return swap() ? List.of(node.path()) : List.of(node.path(), mountPoint);
    }

    /** {@return the fstab line for this partition, fields separated by one space} */
    public String fstabLine() {
        return String.join(" ", node.path(), mountPoint, fsType, options, Integer.toString(dump),
                Integer.toString(pass));
    }
}
