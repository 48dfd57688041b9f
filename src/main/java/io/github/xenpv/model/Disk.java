package io.github.xenpv.model;

import java.util.List;

/** One {@code <disk>}: a PV disk, as declared. Raw text, checked by {@link GuestValidator}. */
public class Disk {
    private String source;
    private String device;
    private String node;
    private String access;
    private List<Partition> partitions;

    /**
     * {@return the {@code <source>} element as written: the image or device on dom0, an absolute
     * path; required}
     */
    public String getSource() {
        return source;
    }

    /** @param source the {@code <source>} element, as Maven binds it from the POM */
    public void setSource(String source) {
        this.source = source;
    }

    /**
     * {@return the {@code <device>} element as written: Xen's vdev, {@code xvda} to {@code xvdp},
     * which fixes the minors; required}
     */
    public String getDevice() {
        return device;
    }

    /** @param device the {@code <device>} element, as Maven binds it from the POM */
    public void setDevice(String device) {
        this.device = device;
    }

    /**
     * {@return the {@code <node>} element as written: the name of the guest's {@code /dev} node;
     * default the {@code device}}
     */
    public String getNode() {
        return node;
    }

    /** @param node the {@code <node>} element, as Maven binds it from the POM */
    public void setNode(String node) {
        this.node = node;
    }

    /** {@return the {@code <access>} element as written: {@code w} (default) or {@code r}} */
    public String getAccess() {
        return access;
    }

    /** @param access the {@code <access>} element, as Maven binds it from the POM */
    public void setAccess(String access) {
        this.access = access;
    }

    /** {@return the {@code <partitions>} element as written: the disk's partitions; absent means none} */
    public List<Partition> getPartitions() {
        return partitions;
    }

    /** @param partitions the {@code <partitions>} element, as Maven binds it from the POM */
    public void setPartitions(List<Partition> partitions) {
        this.partitions = partitions;
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("Disk", "source", source, "device", device, "node", node, "access", access,
                "partitions", partitions);
    }
}
