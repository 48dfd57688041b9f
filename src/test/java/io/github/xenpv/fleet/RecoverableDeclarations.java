package io.github.xenpv.fleet;

import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.property.Declarations;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Random valid declarations of everything an import can know: {@link Declarations#valid}, the
 * property tests' own generator, with what no imported file holds put back to its default
 * ({@code driverRpm}, {@code noapic}, {@code dom0Release}, {@code moduleLoading}: README, "Bring in
 * existing guests", what the import cannot know) and the fleet-wide values (arch, driverRelease,
 * driverKernel) shared by every guest. On top, what the import must read back exactly: vif types,
 * kernel arguments around the {@code ro}, {@code root=} and {@code noapic} the plugin adds, and
 * base fstab and modules.conf lines with tabs, blank lines, labels and lines of other disks.
 * Base lines never start with the mark of a line the plugin commented out, which the import reads
 * as the plugin's. No text holds what Maven would rewrite in pom.xml ({@link MavenInterpolation}),
 * which the import refuses rather than write.
 */
final class RecoverableDeclarations {

    private static final List<String> ARCHES = List.of("i686", "athlon", "ia32e", "x86_64");

    private final Random random;

    RecoverableDeclarations(Random random) {
        this.random = random;
    }

    /** Fleet-wide values for one import. */
    FleetValues fleet() {
        return new FleetValues(Optional.of(pick(ARCHES.toArray(String[]::new))), Optional.empty(), Optional.empty(),
                Optional.of("0." + random.nextInt(10) + "-" + random.nextInt(20) + pick(".el", "", "_x+1")),
                random.nextBoolean() ? Optional.empty() : Optional.of("2.4.21-" + (50 + random.nextInt(30)) + ".EL"));
    }

    /** One to four guests of one fleet. */
    List<Guest> guests(FleetValues fleet) {
        List<Guest> guests = Declarations.valid(random);
        guests.forEach(guest -> recoverable(guest, fleet));
        return guests;
    }

    private void recoverable(Guest guest, FleetValues fleet) {
        String arch = fleet.arch().orElseThrow();
        guest.setArch(arch);
        if ("hugemem".equals(guest.getKernelVariant()) && !arch.equals("i686")) {
            guest.setKernelVariant("smp");
        }
        if ((arch.equals("x86_64") || arch.equals("ia32e")) && "i386".equals(guest.getDom0Arch())) {
            guest.setDom0Arch(null); // a 32-bit dom0 runs 32-bit guests only
        }
        guest.setDriverRelease(fleet.driverRelease().orElseThrow());
        guest.setDriverKernel(fleet.driverKernel().orElse(null));
        guest.setDriverRpm(null);
        guest.setNoapic(null);
        guest.setDom0Release(null);
        guest.setModuleLoading(null);
        if (guest.getNetworks() != null) {
            for (Network network : guest.getNetworks()) {
                network.setType(pick(null, "", "netfront"));
            }
        }
        if (guest.getGrub() != null && guest.getGrub().getTitle() != null) {
            guest.getGrub().setTitle(unrewritten(guest.getGrub().getTitle()));
        }
        if (guest.getExtraConfig() != null) {
            guest.getExtraConfig().replaceAll((key, value) -> unrewritten(value));
        }
        if (guest.getGrub() != null) {
            guest.getGrub().setKernelArgs(pick(guest.getGrub().getKernelArgs(), "rhgb noapic", "noapic rhgb", "ro", "noapic",
                    "root=/dev/hda5 quiet", "quiet quiet"));
        }
        if (random.nextBoolean()) {
            guest.setFstabBase(lines(List.of("LABEL=/ / ext3 defaults 1 1", "LABEL=/boot\t/boot  ext3 defaults 1 2",
                    "none /proc proc defaults 0 0", "/dev/hda3 swap swap defaults 0 0", "# a comment of the guest's", "",
                    "/dev/xvda1 /mnt/old ext3 defaults 1 2", "/dev/hdb1 /srv/g0/d0/p1 ext3 defaults 1 2",
                    "LABEL=/srv /srv ext3 defaults 1 2", "/dev/cdrom /mnt/cdrom udf,iso9660 noauto,owner,kudzu,ro 0 0",
                    "/dev/xvdb2 swap swap defaults 0 0")));
        }
        if (random.nextBoolean()) {
            guest.setModulesConfBase(lines(List.of("alias eth0 8139too", "alias eth1 e1000", "alias scsi_hostadapter aic7xxx",
                    "options e1000 Speed=100", "# kept", "", "alias usb-controller usb-uhci")));
        }
    }

    /** {@code text} with each sequence Maven would rewrite broken by an 'S' in place of its first character. */
    private static String unrewritten(String text) {
        String result = text;
        for (Optional<String> sequence = MavenInterpolation.rewritten(result); sequence.isPresent();
                sequence = MavenInterpolation.rewritten(result)) {
            result = result.replace(sequence.get(), "S" + sequence.get().substring(1));
        }
        return result;
    }

    /** Some of these lines, in a random order. */
    private List<String> lines(List<String> choices) {
        List<String> lines = new ArrayList<>(choices);
        Collections.shuffle(lines, random);
        return new ArrayList<>(lines.subList(0, random.nextInt(lines.size() + 1)));
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
