package io.github.xenpv.model;

import java.util.List;

/** One {@code <disk>}: a PV disk, as declared. Raw text, checked by {@link GuestValidator}. */
public class Disk {
    private String source;
    private String device;
    private String node;
    private String access;
    private List<Partition> partitions;

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getAccess() {
        return access;
    }

    public void setAccess(String access) {
        this.access = access;
    }

    public List<Partition> getPartitions() {
        return partitions;
    }

    public void setPartitions(List<Partition> partitions) {
        this.partitions = partitions;
    }
}
