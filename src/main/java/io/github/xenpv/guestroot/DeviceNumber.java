package io.github.xenpv.guestroot;

/** A device's major and minor number. */
public record DeviceNumber(int major, int minor) {

    /** The split of {@code st_rdev} as glibc's {@code gnu_dev_major} and {@code gnu_dev_minor} make it. */
    static DeviceNumber of(long rdev) {
        int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
        return new DeviceNumber(major, minor);
    }
}
