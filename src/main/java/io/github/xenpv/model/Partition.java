package io.github.xenpv.model;

/** One {@code <partition>} of a PV disk, as declared: raw text, checked by {@link GuestValidator}. */
public class Partition {
    private String number;
    private String mountPoint;
    private String fsType;
    private String options;
    private String dump;
    private String pass;

    /** {@return the {@code <number>} element as written: the partition number, 1 to 15; required} */
    public String getNumber() {
        return number;
    }

    /** @param number the {@code <number>} element, as Maven binds it from the POM */
    public void setNumber(String number) {
        this.number = number;
    }

    /** {@return the {@code <mountPoint>} element as written: an absolute path, or {@code swap}; required} */
    public String getMountPoint() {
        return mountPoint;
    }

    /** @param mountPoint the {@code <mountPoint>} element, as Maven binds it from the POM */
    public void setMountPoint(String mountPoint) {
        this.mountPoint = mountPoint;
    }

    /**
     * {@return the {@code <fsType>} element as written: {@code ext2}, {@code ext3} (default) or
     * {@code swap} (the default for mount point swap)}
     */
    public String getFsType() {
        return fsType;
    }

    /** @param fsType the {@code <fsType>} element, as Maven binds it from the POM */
    public void setFsType(String fsType) {
        this.fsType = fsType;
    }

    /**
     * {@return the {@code <options>} element as written: the fstab options field; default {@code
     * defaults}}
     */
    public String getOptions() {
        return options;
    }

    /** @param options the {@code <options>} element, as Maven binds it from the POM */
    public void setOptions(String options) {
        this.options = options;
    }

    /**
     * {@return the {@code <dump>} element as written: the fstab dump field, 0 or 1; default 1 (0
     * for swap)}
     */
    public String getDump() {
        return dump;
    }

    /** @param dump the {@code <dump>} element, as Maven binds it from the POM */
    public void setDump(String dump) {
        this.dump = dump;
    }

    /**
     * {@return the {@code <pass>} element as written: the fstab fsck pass field, 0 to 2; default 0:
     * boot's fsck never checks a PV file system unless the user asks (1 or 2 is warned)}
     */
    public String getPass() {
        return pass;
    }

    /** @param pass the {@code <pass>} element, as Maven binds it from the POM */
    public void setPass(String pass) {
        this.pass = pass;
    }

    /** {@return the elements the POM gave, for Maven's debug output} */
    @Override
    public String toString() {
        return DeclarationText.of("Partition", "number", number, "mountPoint", mountPoint, "fsType", fsType,
                "options", options, "dump", dump, "pass", pass);
    }
}
