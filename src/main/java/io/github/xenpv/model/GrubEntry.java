package io.github.xenpv.model;

import java.util.List;

/** The guest's grub.conf entry for the declared kernel. {@code kernelArgs} ends with noapic when asked. */
public record GrubEntry(String title, String root, String kernelPath, String initrdPath, List<String> kernelArgs) {

    public GrubEntry {
        kernelArgs = List.copyOf(kernelArgs);
    }

    /** The {@code kernel} line's value: path, then arguments. */
    public String kernelLine() {
        return kernelPath + " " + String.join(" ", kernelArgs);
    }

    /**
     * The kernel image's file name, e.g. {@code vmlinuz-2.4.21-52.EL}: how the install script finds
     * this kernel's entry in a guest's own grub.conf, whatever folder or GRUB device prefixes it.
     */
    public String kernelImage() {
        return kernelPath.substring(kernelPath.lastIndexOf('/') + 1);
    }
}
