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

    /** The device model binary that emulates the HVM guest's hardware. */
    public String deviceModel() {
        return libDir + "/xen/bin/qemu-dm";
    }


    @Override
    public String toString() {
        return pomValue;
    }
}
