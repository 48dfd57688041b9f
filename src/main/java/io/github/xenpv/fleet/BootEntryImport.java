package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.GrubConf;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.GrubEntry;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Release;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel the guest boots, from its grub.conf's default entry (checked against
 * {@code /lib/modules}), into {@code kernel}, {@code kernelVariant} and {@code grub}. Only what
 * differs from the plugin's defaults is set; the plugin adds {@code ro}, {@code root=} and
 * {@code noapic} to the kernel line itself.
 */
final class BootEntryImport {

    private static final Pattern KERNEL_PATH = Pattern.compile("(\\([^)]*\\))?(/boot)?/vmlinuz-(\\S+)");
    private static final Pattern BIOS_DISK = Pattern.compile("\\(hd([0-9]+)(,[0-9]+)?\\)");

    private final Notes notes;

    BootEntryImport(Notes notes) {
        this.notes = notes;
    }

    /** Sets the guest's kernel, variant and boot entry; false when the guest root does not say which kernel it boots. */
    boolean read(RootFiles root, Guest guest, FleetValues fleet) {
        String rootWhere = root.root().path().toString();
        if (root.grubConf().isEmpty()) {
            notes.check(rootWhere, "grub.conf", "the guest root has no /boot/grub/grub.conf: the kernel it boots is "
                    + "unknown");
            return false;
        }
        GrubConf grub = root.grubConf().get();
        Optional<GrubConf.Entry> entry = grub.defaultBootEntry();
        if (entry.isEmpty()) {
            notes.check(grub.where() + ":" + grub.defaultLine(), "default", "'" + grub.defaultEntry() + "' names no boot "
                    + "entry of the " + grub.entries().size() + ": the kernel the guest boots is unknown");
            return false;
        }
        Optional<GrubConf.Command> kernelCommand = entry.get().kernel();
        String title = entry.get().title().value();
        if (kernelCommand.isEmpty()) {
            notes.check(grub.where() + ":" + entry.get().title().line(), "title", "the default entry '" + title
                    + "' has no kernel line: the kernel the guest boots is unknown");
            return false;
        }
        String where = grub.where() + ":" + kernelCommand.get().line();
        List<String> words = new ArrayList<>(Arrays.asList(kernelCommand.get().value().split("\\s+")));
        Matcher path = KERNEL_PATH.matcher(words.remove(0));
        if (!path.matches()) {
            notes.check(where, "kernel", "'" + kernelCommand.get().value() + "' does not boot a /vmlinuz-<release> "
                    + "image: the kernel the guest boots is unknown");
            return false;
        }
        String release = path.group(3);
        boolean separateBoot = path.group(2) == null;
        Optional<List<String>> split = Release.splitKernelRelease(release);
        String kernel = split.map(parts -> parts.get(0)).orElse(release);
        String variant = split.map(parts -> parts.get(1)).orElse("");
        guest.setKernel(kernel);
        if (!variant.isEmpty()) {
            guest.setKernelVariant(variant);
        }
        notes.kept(where, "kernel", "the default entry ('" + title + "') boots " + release + ": <kernel>" + kernel
                + "</kernel>" + (variant.isEmpty() ? "" : ", <kernelVariant>" + variant + "</kernelVariant>"));
        if (split.isEmpty()) {
            notes.explained("kernel");
            notes.check(where, "kernel", "'" + release + "' is not a RHEL 3, 4 or 5 kernel release (2.4.21-<n>.EL, "
                    + "2.6.9-<n>.EL or 2.6.18-<n>.el5, with its variant): the plugin moves RHEL 3, 4 and 5 guests");
        } else {
            Release kernelRelease = Release.ofKernel(kernel).orElseThrow();
            root.release().filter(named -> named.release() != kernelRelease).ifPresent(named -> notes.check(where,
                    "kernel", "'" + release + "' is a " + kernelRelease.title() + " kernel, but " + named.where() + " says '"
                    + named.text() + "': check which kernel the guest boots"));
        }
        if (!root.kernelTrees().contains(release)) {
            notes.check(where, "kernel", "/lib/modules has no " + release + " (it has: "
                    + (root.kernelTrees().isEmpty() ? "nothing" : String.join(", ", root.kernelTrees()))
                    + "): check that the guest boots the kernel its modules are for");
        }
        fleet.kernel().filter(value -> !value.equals(kernel)).ifPresent(value -> notes.changed(where, "kernel",
                "the guest root's " + kernel + " wins over xenpv.import.kernel=" + value));
        fleet.kernelVariant().filter(value -> !value.equals(variant)).ifPresent(value -> notes.changed(where,
                "kernelVariant", "the guest root's '" + variant + "' wins over xenpv.import.kernelVariant=" + value));
        Grub declared = new Grub();
        boolean declaredAny = false;
        if (!title.equals(Grub.defaultTitle(release)) && !title.isEmpty()) {
            declared.setTitle(title);
            declaredAny = true;
        }
        String grubRoot = entry.get().root().map(GrubConf.Command::value)
                .orElse(path.group(1) == null ? Grub.DEFAULT_ROOT : path.group(1));
        if (!grubRoot.equals(Grub.DEFAULT_ROOT)) {
            declared.setRoot(grubRoot);
            declaredAny = true;
        }
        Matcher bios = BIOS_DISK.matcher(grubRoot);
        if (bios.matches() && !bios.group(1).equals("0")) {
            notes.check(entry.get().root().map(command -> grub.where() + ":" + command.line()).orElse(where), "root",
                    "'" + grubRoot + "' is BIOS disk hd" + bios.group(1) + ", but after the move the boot disk is the "
                            + "guest's only emulated hard disk, hd0: change root in the guest's grub.conf and in <grub><root>");
        }
        if (!separateBoot) {
            declared.setSeparateBoot("false");
            declaredAny = true;
        }
        declaredAny |= kernelArgs(words, declared, where,
                split.isEmpty() ? Grub.DEFAULT_ROOT_DEVICE : Release.ofKernel(kernel).orElseThrow().defaultRootDevice());
        String expectedInitrd = GrubEntry.initrdOf(release, separateBoot);
        Optional<String> initrd = entry.get().initrd().map(command -> command.value().replaceFirst("^\\([^)]*\\)", ""));
        if (!initrd.equals(Optional.of(expectedInitrd))) {
            notes.changed(entry.get().initrd().map(command -> grub.where() + ":" + command.line()).orElse(where), "initrd",
                    initrd.map(value -> "'" + value + "'").orElse("no initrd line") + ": the plugin's grub.conf names "
                            + expectedInitrd + " (install-guest.sh only adds noapic to the guest's own kernel line)");
        }
        if (declaredAny) {
            guest.setGrub(declared);
        }
        return true;
    }

    /** The kernel line's arguments: {@code ro} and {@code root=} are the plugin's, and so is a last {@code noapic}. */
    private boolean kernelArgs(List<String> words, Grub declared, String where, String defaultRootDevice) {
        boolean declaredAny = false;
        words.remove("ro");
        Optional<String> rootArgument = words.stream().filter(word -> word.startsWith("root=")).findFirst();
        rootArgument.ifPresent(words::remove);
        String rootDevice = rootArgument.map(word -> word.substring("root=".length())).orElse(defaultRootDevice);
        if (rootArgument.isEmpty()) {
            notes.changed(where, "kernel", "the kernel line has no root=: the plugin's grub.conf says root="
                    + defaultRootDevice);
        } else if (!rootDevice.equals(defaultRootDevice)) {
            declared.setRootDevice(rootDevice);
            declaredAny = true;
        }
        if (!words.isEmpty() && words.get(words.size() - 1).equals("noapic")) {
            words.remove(words.size() - 1);
        }
        if (!words.isEmpty()) {
            declared.setKernelArgs(String.join(" ", words));
            declaredAny = true;
        }
        return declaredAny;
    }
}
