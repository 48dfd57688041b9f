package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.Rhel45Guests;
import io.github.xenpv.fixtures.SeedGuest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §15's model: the release a {@code <kernel>} names, the driver source its build decides,
 * and every refusal that follows, one case each, at the element the user wrote.
 */
class ReleaseRulesTest {

    static final String RHEL4_KMOD = "guests/guest[" + Rhel45Guests.RHEL4_KMOD + "]";
    static final String RHEL4_IN_KERNEL = "guests/guest[" + Rhel45Guests.RHEL4_IN_KERNEL + "]";
    static final String RHEL5_KMOD = "guests/guest[" + Rhel45Guests.RHEL5_KMOD + "]";
    static final String RHEL5_IN_KERNEL = "guests/guest[" + Rhel45Guests.RHEL5_IN_KERNEL + "]";

    static Arguments rule(String what, String guest, Consumer<Guest> change, String path, String... words) {
        return Arguments.of(what, guest, change, path, List.of(words));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                rule("athlon on RHEL 4", Rhel45Guests.RHEL4_IN_KERNEL, g -> g.setArch("athlon"), RHEL4_IN_KERNEL + "/arch",
                        "'athlon'", "no RHEL 4 kernel", "i686 and x86_64 only"),
                rule("ia32e on RHEL 5", Rhel45Guests.RHEL5_KMOD, g -> g.setArch("ia32e"), RHEL5_KMOD + "/arch",
                        "'ia32e'", "no RHEL 5 kernel", "RHEL 3's"),
                rule("PAE on RHEL 4", Rhel45Guests.RHEL4_IN_KERNEL, g -> g.setKernelVariant("PAE"),
                        RHEL4_IN_KERNEL + "/kernelVariant", "'PAE'", "not a RHEL 4 kernel variant",
                        "smp, hugemem or largesmp"),
                rule("smp on RHEL 5", Rhel45Guests.RHEL5_KMOD, g -> g.setKernelVariant("smp"), RHEL5_KMOD + "/kernelVariant",
                        "'smp'", "not a RHEL 5 kernel variant", "the default kernel", "PAE"),
                rule("hugemem on RHEL 5", Rhel45Guests.RHEL5_IN_KERNEL, g -> g.setKernelVariant("hugemem"),
                        RHEL5_IN_KERNEL + "/kernelVariant", "'hugemem'", "not a RHEL 5 kernel variant"),
                rule("largesmp on RHEL 3", "seed", g -> g.setKernelVariant("largesmp"), "guests/guest[rhel3_64_fv]/kernelVariant",
                        "'largesmp'", "not a RHEL 3 kernel variant", "smp or hugemem"),
                rule("largesmp on i686", Rhel45Guests.RHEL4_IN_KERNEL, g -> g.setKernelVariant("largesmp"),
                        RHEL4_IN_KERNEL + "/kernelVariant", "'largesmp'", "only for x86_64", "'i686'"),
                rule("PAE on x86_64", Rhel45Guests.RHEL5_KMOD, g -> g.setKernelVariant("PAE"), RHEL5_KMOD + "/kernelVariant",
                        "'PAE'", "only for i686", "'x86_64'"),
                rule("hugemem on x86_64 RHEL 4", Rhel45Guests.RHEL4_KMOD, g -> g.setKernelVariant("hugemem"),
                        RHEL4_KMOD + "/kernelVariant", "'hugemem'", "only for i686"),
                rule("xenU variant", Rhel45Guests.RHEL4_KMOD, g -> g.setKernelVariant("xenU"), RHEL4_KMOD + "/kernelVariant",
                        "'xenU'", "para-virtualized kernel", "HVM"),
                rule("xen variant", Rhel45Guests.RHEL5_KMOD, g -> g.setKernelVariant("xen"), RHEL5_KMOD + "/kernelVariant",
                        "'xen'", "para-virtualized kernel"),
                rule("xen kernel", Rhel45Guests.RHEL5_KMOD, g -> g.setKernel("2.6.18-92.1.10.el5xen"), RHEL5_KMOD + "/kernel",
                        "'2.6.18-92.1.10.el5xen'", "para-virtualized (xen) kernel", "2.6.18-92.1.10.el5"),
                rule("RHEL 4 kernel with its variant", Rhel45Guests.RHEL4_KMOD, g -> g.setKernel("2.6.9-67.0.1.ELsmp"),
                        RHEL4_KMOD + "/kernel", "'2.6.9-67.0.1.ELsmp'", "<kernel>2.6.9-67.0.1.EL</kernel>",
                        "<kernelVariant>smp</kernelVariant>"),
                rule("RHEL 5 kernel with PAE", Rhel45Guests.RHEL5_IN_KERNEL, g -> g.setKernel("2.6.18-164.el5PAE"),
                        RHEL5_IN_KERNEL + "/kernel", "<kernel>2.6.18-164.el5</kernel>", "<kernelVariant>PAE</kernelVariant>"),
                rule("RHEL 4 kernel spelled el4", Rhel45Guests.RHEL4_KMOD, g -> g.setKernel("2.6.9-67.el4"),
                        RHEL4_KMOD + "/kernel", "'2.6.9-67.el4'", "2.6.9-<build>[.<sub-build>...].EL (RHEL 4)"),
                rule("driverKernel of RHEL 3 for RHEL 4", Rhel45Guests.RHEL4_KMOD, g -> g.setDriverKernel("2.4.21-52.EL"),
                        RHEL4_KMOD + "/driverKernel", "'2.4.21-52.EL'", "RHEL 3 kernel", "runs RHEL 4", "2.6.9-67.EL"),
                rule("driverKernel of RHEL 4 for RHEL 5", Rhel45Guests.RHEL5_KMOD, g -> g.setDriverKernel("2.6.9-67.EL"),
                        RHEL5_KMOD + "/driverKernel", "'2.6.9-67.EL'", "RHEL 4 kernel", "runs RHEL 5"),
                rule("driverRelease missing on a kmod guest", Rhel45Guests.RHEL5_KMOD, g -> g.setDriverRelease(null),
                        RHEL5_KMOD + "/driverRelease", "is required", "%release"),
                rule("driverRelease on RHEL 4.7+", Rhel45Guests.RHEL4_IN_KERNEL, g -> g.setDriverRelease("0.1-10.el4"),
                        RHEL4_IN_KERNEL + "/driverRelease", "'0.1-10.el4'", "RHEL 4.7 or later", "kmod-xenpv must not be installed"),
                rule("driverRpm on RHEL 5.3+", Rhel45Guests.RHEL5_IN_KERNEL, g -> g.setDriverRpm("kmod-xenpv*.rpm"),
                        RHEL5_IN_KERNEL + "/driverRpm", "'kmod-xenpv*.rpm'", "RHEL 5.3 or later", "kmod-xenpv must not be installed"),
                rule("driverKernel on RHEL 5.3+", Rhel45Guests.RHEL5_IN_KERNEL, g -> g.setDriverKernel("2.6.18-92.el5"),
                        RHEL5_IN_KERNEL + "/driverKernel", "'2.6.18-92.el5'", "in its own package"),
                rule("node other than device on RHEL 4", Rhel45Guests.RHEL4_KMOD, g -> g.getDisks().get(0).setNode("xvdb"),
                        RHEL4_KMOD + "/disks/disk[1]/node", "'xvdb'", "<device> xvda", "udev", "leave <node> out"),
                rule("node other than device on RHEL 5", Rhel45Guests.RHEL5_IN_KERNEL, g -> g.getDisks().get(0).setNode("xvdc"),
                        RHEL5_IN_KERNEL + "/disks/disk[1]/node", "'xvdc'", "RHEL 5", "udev"),
                rule("disk device xvdq on RHEL 5", Rhel45Guests.RHEL5_KMOD, g -> g.getDisks().get(0).setDevice("xvdq"),
                        RHEL5_KMOD + "/disks/disk[1]/device", "'xvdq' is out of range: the plugin gives a RHEL 5 guest 16 PV "
                                + "disks, xvda..xvdp (16 minors per disk in the xvd major)"),
                rule("partition 16 on RHEL 4", Rhel45Guests.RHEL4_KMOD,
                        g -> g.getDisks().get(0).getPartitions().get(0).setNumber("16"),
                        RHEL4_KMOD + "/disks/disk[1]/partitions/partition[1]/number", "'16' is out of range: a PV disk has "
                                + "partitions 1..15 (16 minors per disk, minor 0 is the whole disk)"),
                rule("rc.local loading on RHEL 4", Rhel45Guests.RHEL4_KMOD, g -> g.setModuleLoading("rc.local"),
                        RHEL4_KMOD + "/moduleLoading", "'rc.local'", "RHEL 3 guests", "/etc/rc.modules"),
                rule("rc.local loading on RHEL 5", Rhel45Guests.RHEL5_IN_KERNEL, g -> g.setModuleLoading("rc.local"),
                        RHEL5_IN_KERNEL + "/moduleLoading", "'rc.local'", "modprobe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void eachRefusalIsOneErrorAtItsElement(String what, String guest, Consumer<Guest> change, String path, List<String> words) {
        Guest declaration = guest.equals("seed") ? SeedGuest.declaration() : Rhel45Guests.declaration(guest);
        assertTrue(GuestValidator.validate(List.of(declaration)).valid(), "the unchanged guest is valid");
        change.accept(declaration);
        Validation validation = GuestValidator.validate(List.of(declaration));
        assertEquals(1, validation.errors().size(), () -> what + ": " + validation.errors());
        Problem error = validation.errors().get(0);
        assertEquals(path, error.path(), what);
        for (String word : words) {
            assertTrue(error.message().contains(word), () -> what + ": '" + word + "' missing from: " + error.message());
        }
    }

    /** Errata kernels carry dotted sub-builds; the build number alone names the update and the driver source. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2.4.21-47.0.1.EL, rhel3, KMOD, x86_64",
        "2.4.21-52.EL, rhel3, KMOD, x86_64",
        "2.6.9-67.EL, rhel4, KMOD, x86_64",
        "2.6.9-67.0.1.EL, rhel4, KMOD, x86_64",
        "2.6.9-77.0.1.EL, rhel4, KMOD, i686",
        "2.6.9-78.EL, rhel4, IN_KERNEL, i686",
        "2.6.9-89.0.25.EL, rhel4, IN_KERNEL, x86_64",
        "2.6.18-53.el5, rhel5, KMOD, x86_64",
        "2.6.18-92.1.10.el5, rhel5, KMOD, x86_64",
        "2.6.18-127.el5, rhel5, KMOD, i686",
        "2.6.18-128.el5, rhel5, IN_KERNEL, i686",
        "2.6.18-128.1.6.el5, rhel5, IN_KERNEL, x86_64",
        "2.6.18-164.el5, rhel5, IN_KERNEL, i686"})
    void theKernelNamesTheReleaseAndTheDriverSource(String kernel, String release, DriverSource source, String arch) {
        Guest guest = SeedGuest.declaration();
        guest.setKernel(kernel);
        guest.setArch(arch);
        guest.getDisks().get(0).setNode(null);
        if (source == DriverSource.IN_KERNEL) {
            guest.setDriverRelease(null);
        }
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid(), () -> kernel + ": " + validation.errors());
        ValidGuest valid = validation.guests().get(0);
        assertEquals(release, valid.release().toString());
        assertEquals(source, valid.driverSource());
        assertEquals(kernel, valid.kernel());
    }

    @Test
    void rhel3sErrataKernel47IsTakenWithTheUpdate9Warning() {
        Guest guest = SeedGuest.declaration();
        guest.setKernel("2.4.21-47.0.1.EL");
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid(), validation.errors()::toString);
        assertEquals(List.of("guests/guest[rhel3_64_fv]/kernel"), validation.warnings().stream().map(Problem::path).toList());
        assertTrue(validation.warnings().get(0).message().contains("older than RHEL 3 Update 9 (2.4.21-50.EL)"));
        assertEquals("2.4.21-47.0.1.EL", validation.guests().get(0).kernelRelease());
    }

    @ParameterizedTest
    @CsvSource({"2.6.9-55.EL, RHEL 4 Update 6 (2.6.9-67.EL)", "2.6.18-8.1.1.el5, RHEL 5.1 (2.6.18-53.el5)"})
    void aKernelBeforeTheFirstSupportedUpdateIsAWarning(String kernel, String first) {
        Guest guest = Rhel45Guests.declaration(kernel.startsWith("2.6.9") ? Rhel45Guests.RHEL4_KMOD : Rhel45Guests.RHEL5_KMOD);
        guest.setKernel(kernel);
        guest.setDriverKernel(null);
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid(), validation.errors()::toString);
        assertEquals(1, validation.warnings().size(), validation.warnings()::toString);
        assertTrue(validation.warnings().get(0).message().contains("older than " + first), validation.warnings()::toString);
    }

    @Test
    void aRhel4KmodGuestOnAnErrataKernelGetsTheWeakUpdatesLinksAndTheirModulesDepLines() {
        ValidGuest guest = valid(Rhel45Guests.RHEL4_KMOD);
        assertEquals(Release.RHEL4, guest.release());
        assertEquals("2.6.9-67.0.1.ELsmp", guest.kernelRelease());
        assertEquals("2.6.9-67.ELsmp", guest.driverKernelRelease());
        assertEquals("/lib/modules/2.6.9-67.ELsmp/extra/xenpv/0.1-10.el4", guest.driverDirectory());
        assertEquals("/lib/modules/2.6.9-67.0.1.ELsmp/weak-updates/xenpv/0.1-10.el4", guest.moduleDirectory());
        assertTrue(guest.linksDriverTree());
        assertEquals(false, guest.copiesDriverTree());
        assertEquals("*.rpm", guest.driverRpm(), "kmod-xenpv, modversions and module-init-tools lie beside the script");
        assertEquals(List.of("kmod-xenpv", "kmod-xenpv-smp"), guest.driverPackages());
        assertEquals("/lib/modules/2.6.9-67.0.1.ELsmp/modules.dep", guest.moduleDep());
        String tree = guest.moduleDirectory();
        assertEquals(List.of(
                tree + "/xen-platform-pci.ko:",
                tree + "/xen-balloon.ko: " + tree + "/xen-platform-pci.ko",
                tree + "/xen-vbd.ko: " + tree + "/xen-platform-pci.ko",
                tree + "/xen-vnif.ko: " + tree + "/xen-platform-pci.ko"), guest.moduleDepLines());
        assertEquals("/etc/modprobe.conf", guest.modulesConf());
        assertEquals(List.of("xen_platform_pci", "xen_vbd", "xen_vnif"), guest.loadedBootModules());
        assertEquals(List.of("xen-vbd", "xen-vnif"), guest.modprobeModules());
        assertEquals(VifType.TYPELESS, guest.networks().get(0).type(), "RHEL 4 keeps the guide's typeless vif");
        assertEquals("/dev/VolGroup00/LogVol00", guest.fstabBase().get(0).split(" ")[0]);
        assertTrue(guest.fstabBase().contains("none /sys sysfs defaults 0 0"), guest.fstabBase()::toString);
        assertTrue(guest.grub().kernelArgs().contains("root=/dev/VolGroup00/LogVol00"), guest.grub()::toString);
        assertEquals(false, guest.makesNodes());
    }

    @Test
    void aRhel5KmodGuestOnItsDriversKernelNeedsNoLinks() {
        Guest declaration = Rhel45Guests.declaration(Rhel45Guests.RHEL5_KMOD);
        declaration.setKernel("2.6.18-92.el5");
        declaration.setDriverKernel(null);
        ValidGuest guest = GuestValidator.validate(List.of(declaration)).guests().get(0);
        assertEquals("2.6.18-92.el5", guest.driverKernel(), "a RHEL 4 or 5 driverKernel defaults to the kernel");
        assertEquals(guest.driverDirectory(), guest.moduleDirectory());
        assertEquals(false, guest.linksDriverTree());
        assertEquals("kmod-xenpv*.rpm", guest.driverRpm());
        assertEquals(VifType.NETFRONT, guest.networks().get(0).type(), "RHEL 5 defaults to type=netfront");
        assertEquals("mac=00:16:3e:5b:01:01,bridge=xenbr0,type=netfront", guest.networks().get(0).xmSpec());
        assertTrue(guest.fstabBase().contains("sysfs /sys sysfs defaults 0 0"), guest.fstabBase()::toString);
    }

    @Test
    void anInKernelGuestHasNoDriverPackageAndNoModulesDepLines() {
        ValidGuest guest = valid(Rhel45Guests.RHEL5_IN_KERNEL);
        assertEquals(DriverSource.IN_KERNEL, guest.driverSource());
        assertEquals(false, guest.kmod());
        assertNull(guest.driverKernel());
        assertNull(guest.driverRelease());
        assertNull(guest.driverRpm());
        assertNull(guest.driverDirectory());
        assertNull(guest.moduleDirectory());
        assertEquals(List.of(), guest.moduleDepLines());
        assertEquals("2.6.18-164.el5PAE", guest.kernelRelease());
        assertEquals(List.of("kmod-xenpv", "kmod-xenpv-PAE"), guest.driverPackages(), "the packages that must not be installed");
    }

    @Test
    void theDeclaredNodeMayEqualTheDeviceOnRhel4And5() {
        Guest declaration = Rhel45Guests.declaration(Rhel45Guests.RHEL4_KMOD);
        declaration.getDisks().get(0).setNode("xvda");
        assertTrue(GuestValidator.validate(List.of(declaration)).valid());
    }

    @Test
    void rhel3KeepsItsDefaults() {
        ValidGuest guest = SeedGuest.valid();
        assertEquals(Release.RHEL3, guest.release());
        assertEquals(BaseFiles.STOCK_FSTAB, guest.fstabBase());
        assertEquals(Guest.DEFAULT_DRIVER_KERNEL, guest.driverKernel());
        assertEquals("kmod-xenpv*.rpm", guest.driverRpm());
        assertEquals(List.of(), guest.moduleDepLines());
        assertEquals(List.of("xen-platform-pci", "xen-vbd", "xen-vnif"), guest.loadedBootModules());
        assertEquals("/etc/modules.conf", guest.modulesConf());
        assertEquals(true, guest.makesNodes());
    }

    /** The import reads grub.conf's vmlinuz-<release> this way: the release and the variant glued to it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2.4.21-52.EL, 2.4.21-52.EL, ''",
        "2.4.21-47.0.1.ELsmp, 2.4.21-47.0.1.EL, smp",
        "2.6.9-67.0.1.ELlargesmp, 2.6.9-67.0.1.EL, largesmp",
        "2.6.18-92.el5, 2.6.18-92.el5, ''",
        "2.6.18-92.1.10.el5PAE, 2.6.18-92.1.10.el5, PAE",
        "2.6.18-92.el5xen, 2.6.18-92.el5, xen"})
    void aKernelReleaseSplitsIntoTheReleaseAndItsVariant(String uname, String release, String variant) {
        assertEquals(Optional.of(List.of(release, variant)), Release.splitKernelRelease(uname));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2.6.32-71.el6", "2.6.9-67.el4", "2.4.21-52.ELbigsmp", "'2.6.18-92.el5 '"})
    void aKernelReleaseOfNoRhel3To5KernelDoesNotSplit(String uname) {
        assertEquals(Optional.empty(), Release.splitKernelRelease(uname));
    }

    private static ValidGuest valid(String name) {
        return SeedGuest.validOnly(Rhel45Guests.declaration(name));
    }
}
