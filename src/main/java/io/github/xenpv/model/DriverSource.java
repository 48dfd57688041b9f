package io.github.xenpv.model;

/**
 * Where a guest's PV drivers come from: Red Hat's kmod-xenpv package (RHEL 3; RHEL 4.6; RHEL
 * 5.1 and 5.2), or the kernel package itself (RHEL 4.7 and 5.3 on), where kmod-xenpv must not be
 * installed.
 */
public enum DriverSource {
    /** The kmod-xenpv RPM, built for one kernel ({@code driverKernel}). */
    KMOD("kmod-xenpv"),
    /** The kernel package: every kernel of the release from 4.7 or 5.3 on carries the modules. */
    IN_KERNEL("in-kernel");

    private final String text;

    DriverSource(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
