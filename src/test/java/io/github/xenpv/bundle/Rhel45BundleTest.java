package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.Checkers.FstabEntry;
import io.github.xenpv.checkers.Checkers.GrubImage;
import io.github.xenpv.checkers.Checkers.XmConfig;
import io.github.xenpv.fixtures.Rhel45Guests;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.ValidGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundles of examples/rhel4 and examples/rhel5 (one kmod-xenpv guest and one whose kernel
 * carries the drivers, per release): byte for byte their golden files, and every file accepted by
 * the program that reads it. {@code -Dxenpv.updateGolden=true} rewrites the golden files after an
 * intended change; review the diff.
 */
class Rhel45BundleTest {

    static final Path GOLDEN = Paths.get("src/test/resources/golden");

    @TempDir
    Path output;

    private Path bundle(String name) throws Exception {
        ValidGuest guest = SeedGuest.validOnly(Rhel45Guests.declaration(name));
        new BundleGenerator(output, null).generate(List.of(guest));
        return output.resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void everyFileMatchesItsGoldenFile(String name) throws Exception {
        Path bundle = bundle(name);
        if (Boolean.getBoolean("xenpv.updateGolden")) {
            SeedBundleTest.copyTree(bundle, GOLDEN.resolve(name));
        }
        List<String> golden = files(GOLDEN.resolve(name));
        assertEquals(golden, files(bundle), "the bundle's file list");
        for (String file : golden) {
            assertEquals(Files.readString(GOLDEN.resolve(name).resolve(file)), Files.readString(bundle.resolve(file)), file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void theFilesAreTheReleasesAndNotRhel3s(String name) throws Exception {
        Path bundle = bundle(name);
        List<String> files = files(bundle);
        assertTrue(files.contains("guest/etc/modprobe.conf"), files::toString);
        assertTrue(files.contains("guest/etc/rc.modules"), files::toString);
        for (String rhel3 : List.of("guest/etc/modules.conf", "guest/etc/rc.d/rc.local", "guest" + ValidGuest.NODE_SCRIPT)) {
            assertFalse(files.contains(rhel3), rhel3 + " is RHEL 3's: " + files);
        }
        boolean kmod = name.endsWith("_kmod");
        assertEquals(kmod, files.stream().anyMatch(file -> file.matches("guest/lib/modules/[^/]+/modules\\.dep")), files::toString);
        String bootScript = Files.readString(bundle.resolve("guest/etc/rc.modules"));
        assertTrue(bootScript.contains("modprobe xen-vbd"), bootScript);
        assertFalse(bootScript.contains("insmod"), bootScript);
        assertFalse(bootScript.contains("/usr/"), "nothing under /usr before mount -a:\n" + bootScript);
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void xmConfigRunsAsPythonAndParsesWithLibxlutil(String name) throws Exception {
        ValidGuest guest = SeedGuest.validOnly(Rhel45Guests.declaration(name));
        XmConfig config = Checkers.xmConfig(bundle(name).resolve("dom0/etc/xen/" + name));
        assertEquals(name, config.string("name"));
        assertEquals("hvm", config.string("builder"));
        assertEquals(guest.networks().stream().map(network -> network.xmSpec()).toList(), config.vif());
        assertEquals(guest.disks().size() + 1, config.disks().size());
        assertEquals(name.startsWith("rhel5"), config.vif().stream().allMatch(vif -> vif.endsWith(",type=netfront")),
                "RHEL 5 guests default to type=netfront, RHEL 4 guests keep the typeless vif: " + config.vif());
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void grubConfParsesWithPygrubAndRootsOnLvm(String name) throws Exception {
        ValidGuest guest = SeedGuest.validOnly(Rhel45Guests.declaration(name));
        List<GrubImage> images = Checkers.grubConf(bundle(name).resolve("guest/boot/grub/grub.conf")).images();
        assertEquals(1, images.size());
        assertEquals("/vmlinuz-" + guest.kernelRelease(), images.get(0).kernel());
        assertEquals("ro root=/dev/VolGroup00/LogVol00" + (guest.noapic() ? " noapic" : ""), images.get(0).args());
        assertEquals("/initrd-" + guest.kernelRelease() + ".img", images.get(0).initrd());
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void fstabParsesWithFindmnt(String name) throws Exception {
        ValidGuest guest = SeedGuest.validOnly(Rhel45Guests.declaration(name));
        List<FstabEntry> entries = Checkers.fstab(bundle(name).resolve("guest/etc/fstab"));
        assertEquals(guest.fstabBase().size() + guest.partitions().size(), entries.size());
        assertEquals("/dev/VolGroup00/LogVol00", entries.get(0).source());
        assertTrue(entries.stream().anyMatch(entry -> entry.fstype().equals("sysfs")), entries::toString);
    }

    /** kmod's modprobe reads modprobe.conf with the same syntax as module-init-tools: stderr stays clean. */
    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void modprobeConfParsesWithModprobe(String name) throws Exception {
        ValidGuest guest = SeedGuest.validOnly(Rhel45Guests.declaration(name));
        assertEquals(guest.pvInterfaces().stream().map(eth -> "alias " + eth + " xen_vnif").toList(),
                Checkers.modulesConf(bundle(name).resolve("guest/etc/modprobe.conf")));
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_KMOD,
        Rhel45Guests.RHEL5_IN_KERNEL})
    void everyScriptIsCleanPosixSh(String name) throws Exception {
        Path bundle = bundle(name);
        List<String> scripts = files(bundle).stream().filter(file -> Files.isExecutable(bundle.resolve(file))).toList();
        assertEquals(List.of("dom0/install-dom0.sh", "guest/etc/rc.modules", "guest/install-guest.sh",
                "guest" + ValidGuest.VERIFY_SCRIPT), scripts);
        for (String script : scripts) {
            Checkers.shellScript(bundle.resolve(script));
        }
    }

    private static List<String> files(Path root) throws IOException {
        return SeedBundleTest.files(root);
    }
}
