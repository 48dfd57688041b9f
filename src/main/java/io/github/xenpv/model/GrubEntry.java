package io.github.xenpv.model;

import java.util.List;

/** The guest's grub.conf entry for the declared kernel. {@code kernelArgs} ends with noapic when asked. */
public record GrubEntry(String title, String root, String kernelPath, String initrdPath, List<String> kernelArgs) {

    /**
     * An entry holding a copy of {@code kernelArgs}.
     *
     * @param title the entry's title line
     * @param root the GRUB device holding the kernel, e.g. {@code (hd0,0)}
     * @param kernelPath the kernel image's path on that device
     * @param initrdPath the initrd's path on that device
     * @param kernelArgs the kernel's arguments, in order
     */
    public GrubEntry {
        kernelArgs = List.copyOf(kernelArgs);
    }

    /** {@return the {@code kernel} line's value: path, then arguments} */
    public String kernelLine() {
        return kernelPath + " " + String.join(" ", kernelArgs);
    }

    /**
     * The kernel image's file name, e.g. {@code vmlinuz-2.4.21-52.EL}: how the install script finds
     * this kernel's entry in a guest's own grub.conf, whatever folder or GRUB device prefixes it.
     *
     * @return the last segment of the kernel's path
     */
    public String kernelImage() {
        return kernelPath.substring(kernelPath.lastIndexOf('/') + 1);
    }
}
