package io.github.xenpv.fleet;

import io.github.xenpv.guestroot.KernelPackage;
import io.github.xenpv.guestroot.ModuleClass;
import io.github.xenpv.model.Arch;
import io.github.xenpv.model.Guest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A guest's {@code arch}, from its own root before the fleet-wide {@code xenpv.import.arch}: the
 * architecture of the package of the kernel it boots in its rpm database, else the ELF class of
 * that kernel's modules (which tells 32-bit from 64-bit, not {@code i686} from {@code athlon}).
 * The report line says where the value came from.
 */
final class ArchImport {

    /** The command asked about a guest's rpm database; only this machine's rpm, never the image's. */
    private static final String RPM = "rpm";

    private final Notes notes;
    private final String file;

    ArchImport(Notes notes, String file) {
        this.notes = notes;
        this.file = file;
    }

    /**
     * Sets the guest's {@code arch}.
     *
     * @param root    the guest root, when there is one
     * @param release the release of the kernel the guest boots, with its variant, when known
     * @param fleet   the fleet-wide values
     * @param guest   the declaration
     */
    void read(Optional<RootFiles> root, Optional<String> release, FleetValues fleet, Guest guest) {
        String why = root.isEmpty() ? "" : release.isEmpty() ? "the guest root does not say which kernel it boots"
                : fromRoot(root.get(), release.get(), fleet, guest);
        if (why == null) {
            return;
        }
        String said = why.isEmpty() ? "" : " (" + why + ")";
        fleet.arch().ifPresentOrElse(arch -> {
            guest.setArch(arch);
            notes.kept(file, "arch", "<arch>" + arch + "</arch> from xenpv.import.arch" + said);
        }, () -> {
            guest.setArch("");
            notes.fillIn(file, "arch", "arch", "no config says the guest kernel's architecture" + said + ": fill in "
                    + "<arch> (i686, athlon, ia32e or x86_64), or import with -Dxenpv.import.arch");
        });
    }

    /** Sets the arch from the root and returns {@code null}, or returns why the root does not say it. */
    private String fromRoot(RootFiles root, String release, FleetValues fleet, Guest guest) {
        KernelPackage.Lookup lookup = KernelPackage.of(root.root(), release, RPM);
        if (lookup.found().isPresent()) {
            KernelPackage kernel = lookup.found().get();
            set(guest, kernel.where(), kernel.arch(), "from " + kernel.name() + "-" + kernel.version() + "." + kernel.arch()
                    + ", the package of the kernel the guest boots (" + release + "), in its rpm database", fleet);
            return null;
        }
        Optional<ModuleClass> module;
        try {
            module = ModuleClass.of(root.root(), release);
        } catch (IOException e) {
            return lookup.why() + "; /lib/modules/" + release + " cannot be read: " + ReadFailure.why(e);
        }
        if (module.isEmpty()) {
            return lookup.why() + "; /lib/modules/" + release + " has no x86 ELF module";
        }
        boolean wide = module.get().machine() == ModuleClass.Machine.X86_64;
        Optional<Arch> given = fleet.arch().flatMap(ArchImport::arch).filter(arch -> arch.is64Bit() == wide);
        if (given.isPresent()) {
            guest.setArch(given.get().toString());
            notes.kept(module.get().where(), "arch", "<arch>" + given.get() + "</arch> from xenpv.import.arch, which the "
                    + module.get().machine() + " module agrees with (" + lookup.why() + ")");
            return null;
        }
        Arch arch = wide ? Arch.X86_64 : Arch.I686;
        Arch alike = wide ? Arch.IA32E : Arch.ATHLON;
        set(guest, module.get().where(), arch.toString(), "from the ELF class of this module of the kernel the guest boots: "
                + module.get().machine() + "; an " + alike + " kernel's read the same, so set <arch>" + alike
                + "</arch> for one (" + lookup.why() + ")", fleet);
        return null;
    }

    private void set(Guest guest, String where, String arch, String source, FleetValues fleet) {
        guest.setArch(arch);
        notes.kept(where, "arch", "<arch>" + arch + "</arch> " + source);
        fleet.arch().filter(value -> !value.equals(arch)).ifPresent(value -> notes.changed(where, "arch",
                "the guest root's " + arch + " wins over xenpv.import.arch=" + value));
    }

    private static Optional<Arch> arch(String value) {
        return Arrays.stream(Arch.values()).filter(arch -> arch.toString().equals(value)).findFirst();
    }
}
