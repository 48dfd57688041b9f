package io.github.xenpv.model;

/** The host's architecture, which decides where RHEL 5's Xen keeps {@code qemu-dm}. */
public enum Dom0Arch {
    /** A 64-bit dom0: Xen's binaries are under {@code /usr/lib64}. */
    X86_64("x86_64", "/usr/lib64"),
    /** A 32-bit dom0: Xen's binaries are under {@code /usr/lib}. */
    I386("i386", "/usr/lib");

    private final String pomValue;
    private final String libDir;

    Dom0Arch(String pomValue, String libDir) {
        this.pomValue = pomValue;
        this.libDir = libDir;
    }

    /**
     * Whether this host's hypervisor can run a guest kernel of {@code arch}: a 32-bit one runs 32-bit guests only.
     *
     * @param arch the guest kernel's architecture
     * @return whether a guest of that architecture runs on this host
     */
    public boolean runs(Arch arch) {
        return this == X86_64 || !arch.is64Bit();
    }

    /** {@return the library folder under which this host's Xen keeps its binaries, e.g. {@code /usr/lib64}} */
    public String libDir() {
        return libDir;
    }

    /** {@return the device model binary that emulates the HVM guest's hardware} */
    public String deviceModel() {
        return libDir + "/xen/bin/qemu-dm";
    }

    @Override
    public String toString() {
        return pomValue;
    }
}
