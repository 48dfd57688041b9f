package io.github.xenpv.model;

/** A partition of a PV disk, checked, with its node and its fstab fields. */
public record ValidPartition(int number, DeviceNode node, String mountPoint, String fsType, String options,
        int dump, int pass) {

    public static final String SWAP = "swap";

    public boolean swap() {
        return SWAP.equals(fsType);
    }

    /** The fstab line for this partition, fields separated by one space. */
    public String fstabLine() {
        return String.join(" ", node.path(), mountPoint, fsType, options, Integer.toString(dump),
                Integer.toString(pass));
    }
}
