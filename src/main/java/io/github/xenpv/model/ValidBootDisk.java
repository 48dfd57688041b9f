package io.github.xenpv.model;

/** The emulated IDE boot disk, checked. It stays on the emulated driver: PV disks cannot boot. */
public record ValidBootDisk(String source, String device) {

    /** {@return the xm {@code disk} entry: {@code phy:} for a block device, {@code file:} for an image} */
    public String xmSpec() {
        return (XenPaths.isBlockDevice(source) ? "phy:" : "file:") + source + "," + device + ",w";
    }
}
