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
}
