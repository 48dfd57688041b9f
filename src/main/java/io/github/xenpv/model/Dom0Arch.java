package io.github.xenpv.model;

/** The host's architecture, which decides where RHEL 5's Xen keeps {@code qemu-dm}. */
public enum Dom0Arch {
    X86_64("x86_64", "/usr/lib64"),
    I386("i386", "/usr/lib");

    private final String pomValue;
    private final String libDir;

    Dom0Arch(String pomValue, String libDir) {
        this.pomValue = pomValue;
        this.libDir = libDir;
    }

    /** Whether this host's hypervisor can run a guest kernel of {@code arch}: a 32-bit one runs 32-bit guests only. */
    public boolean runs(Arch arch) {
        return this == X86_64 || !arch.is64Bit();
    }

    /** The device model binary that emulates the HVM guest's hardware. */
    public String deviceModel() {
        return libDir + "/xen/bin/qemu-dm";
    }

    @Override
    public String toString() {
        return pomValue;
    }
}
