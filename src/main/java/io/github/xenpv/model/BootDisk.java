package io.github.xenpv.model;

/** The emulated IDE disk the guest kernel boots from, as declared in {@code <bootDisk>}. */
public class BootDisk {
    private String source;
    private String device;

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

}
