package io.github.xenpv.guestroot;

/** A block special file in the guest's {@code /dev}: its name and device number. */
public record BlockNode(String name, DeviceNumber number) {
}
