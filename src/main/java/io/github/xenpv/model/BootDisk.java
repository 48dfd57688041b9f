package io.github.xenpv.model;

/** The emulated IDE disk the guest kernel boots from, as declared in {@code <bootDisk>}. */
public class BootDisk {
    private String source;
    private String device;

    /**
     * {@return the {@code <source>} element as written: the boot image or device on dom0, an
     * absolute path; required}
     */
    public String getSource() {
        return source;
    }

    /** @param source the {@code <source>} element, as Maven binds it from the POM */
    public void setSource(String source) {
        this.source = source;
    }

    /**
     * {@return the {@code <device>} element as written: the emulated IDE disk the kernel boots
     * from, {@code hda} (default) to {@code hdd}}
     */
    public String getDevice() {
        return device;
    }

    /** @param device the {@code <device>} element, as Maven binds it from the POM */
    public void setDevice(String device) {
        this.device = device;
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("BootDisk", "source", source, "device", device);
    }
}
