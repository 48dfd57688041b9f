package io.github.xenpv.model;

/**
 * A data disk that stays on the emulated IDE driver, as declared in
 * {@code <emulatedDisks><emulatedDisk>}: one the guest cannot use as a PV disk, such as a disk holding
 * an LVM physical volume (RHEL 3 activates volume groups before the PV drivers load).
 */
public class EmulatedDisk {
    private String source;
    private String device;
    private String access;

    /** {@return the {@code <source>} element as written: the image or device on dom0, an absolute path; required} */
    public String getSource() {
        return source;
    }

    /** @param source the {@code <source>} element, as Maven binds it from the POM */
    public void setSource(String source) {
        this.source = source;
    }

    /** {@return the {@code <device>} element as written: the emulated IDE disk, {@code hda} to {@code hdd}; required} */
    public String getDevice() {
        return device;
    }

    /** @param device the {@code <device>} element, as Maven binds it from the POM */
    public void setDevice(String device) {
        this.device = device;
    }

    /** {@return the {@code <access>} element as written: {@code w} (default) or {@code r}} */
    public String getAccess() {
        return access;
    }

    /** @param access the {@code <access>} element, as Maven binds it from the POM */
    public void setAccess(String access) {
        this.access = access;
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("EmulatedDisk", "source", source, "device", device, "access", access);
    }
}
