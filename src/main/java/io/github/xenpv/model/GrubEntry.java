package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The guest's grub.conf entry for the declared kernel, with the release's lines above it in the
 * bundle's grub.conf. {@code kernelArgs} ends with noapic when asked.
 */
public record GrubEntry(List<String> header, String title, String root, String kernelPath, String initrdPath,
        List<String> kernelArgs) {

    private static final Pattern SPACES = Pattern.compile(" +");

    /**
     * An entry holding a copy of {@code header} and {@code kernelArgs}.
     *
     * @param header the lines above the entry in the bundle's grub.conf ({@code default=0}, ...)
     * @param title the entry's title line
     * @param root the GRUB device holding the kernel, e.g. {@code (hd0,0)}
     * @param kernelPath the kernel image's path on that device
     * @param initrdPath the initrd's path on that device
     * @param kernelArgs the kernel's arguments, in order
     */
    public GrubEntry {
        header = List.copyOf(header);
        kernelArgs = List.copyOf(kernelArgs);
    }

    /**
     * The entry that boots {@code kernelRelease}: {@code ro root=<rootDevice>}, then the declared
     * arguments (space-separated, each once), then {@code noapic} when asked; the kernel and initrd
     * under {@code /} when {@code /boot} is its own partition (GRUB's root), else under {@code /boot/}.
     *
     * @param release the guest's release, which gives the lines above the entry
     * @param kernelRelease what {@code uname -r} prints, e.g. {@code 2.4.21-52.EL}
     * @param title the entry's title line
     * @param root the GRUB device holding the kernel
     * @param rootDevice the {@code root=} argument
     * @param separateBoot whether {@code /boot} is a partition of its own
     * @param declaredArgs the declared extra arguments, space-separated, possibly empty
     * @param noapic whether to add {@code noapic}
     * @return the entry
     */
    public static GrubEntry of(Release release, String kernelRelease, String title, String root, String rootDevice, boolean separateBoot,
            String declaredArgs, boolean noapic) {
        List<String> kernelArgs = new ArrayList<>(List.of("ro", "root=" + rootDevice));
        for (String arg : declaredArgs.isEmpty() ? new String[0] : SPACES.split(declaredArgs)) {
            if (!kernelArgs.contains(arg)) {
                kernelArgs.add(arg);
            }
        }
        if (noapic && !kernelArgs.contains("noapic")) {
            kernelArgs.add("noapic");
        }
        return new GrubEntry(release.grubHeader(root, separateBoot), title, root, bootFolder(separateBoot) + "vmlinuz-" + kernelRelease,
                initrdOf(kernelRelease, separateBoot), kernelArgs);
    }

    /**
     * The path of {@code kernelRelease}'s initrd on GRUB's root device, as {@link #of} names it.
     *
     * @param kernelRelease what {@code uname -r} prints
     * @param separateBoot whether {@code /boot} is a partition of its own
     * @return the initrd's path, under {@code /} or {@code /boot/}
     */
    public static String initrdOf(String kernelRelease, boolean separateBoot) {
        return bootFolder(separateBoot) + "initrd-" + kernelRelease + ".img";
    }

    /** Where the kernel and initrd are on GRUB's root device: its top when {@code /boot} is that partition. */
    private static String bootFolder(boolean separateBoot) {
        return separateBoot ? "/" : "/boot/";
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
