package io.github.xenpv.model;

/** A data disk that stays on the emulated IDE driver, checked; {@code index} counts from 0. */
public record ValidEmulatedDisk(int index, String source, String device, String access) {

    /** {@return the xm {@code disk} entry: {@code phy:} for a block device, {@code file:} for an image} */
    public String xmSpec() {
        return (XenPaths.isBlockDevice(source) ? "phy:" : "file:") + source + "," + device + "," + access;
    }
}
