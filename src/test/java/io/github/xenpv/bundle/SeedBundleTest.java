package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.Checkers.FstabEntry;
import io.github.xenpv.checkers.Checkers.GrubImage;
import io.github.xenpv.checkers.Checkers.XmConfig;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.ValidGuest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed guest's bundle: byte for byte the golden files, and every file accepted by the program
 * that reads it on a real system. Run with {@code -Dxenpv.updateGolden=true} to rewrite the golden
 * files after an intended change, then review the diff.
 *
 * <p>Each test validates, renders and writes the bundle itself (a few milliseconds): mutation
 * testing credits a test only with the code that runs inside it, and a bundle made once for the
 * class would count for one test at most.
 */
class SeedBundleTest {

    static final Path GOLDEN = Paths.get("src/test/resources/golden/rhel3_64_fv");

    @TempDir
    Path output;

    Path bundle;

    @BeforeEach
    void generate() throws Exception {
        new BundleGenerator(output, null).generate(List.of(SeedGuest.valid()));
        bundle = output.resolve("rhel3_64_fv");
    }

    @Test
    void everyFileMatchesItsGoldenFile() throws IOException {
        if (Boolean.getBoolean("xenpv.updateGolden")) {
            copyTree(bundle, GOLDEN);
        }
        List<String> golden = files(GOLDEN);
        assertEquals(golden, files(bundle), "the bundle's file list");
        for (String name : golden) {
            assertEquals(Files.readString(GOLDEN.resolve(name)), Files.readString(bundle.resolve(name)), name);
        }
    }

    @Test
    void xmConfigRunsAsPythonAndParsesWithLibxlutil() {
        XmConfig config = Checkers.xmConfig(bundle.resolve("dom0/etc/xen/rhel3_64_fv"));
        assertEquals("rhel3_64_fv", config.string("name"));
        assertEquals("hvm", config.string("builder"));
        assertEquals("/usr/lib/xen/boot/hvmloader", config.string("kernel"));
        assertEquals("/usr/lib64/xen/bin/qemu-dm", config.string("device_model"));
        assertEquals(512, config.number("memory"));
        assertEquals(1, config.number("vcpus"));
        assertEquals(List.of("mac=00:16:3e:5d:c7:9e,bridge=xenbr0"), config.vif());
        assertEquals(List.of("file:/var/lib/libvirt/images/rhel3_64_fv.dsk,hda,w",
                "tap:aio:/var/lib/libvirt/images/UserStorage.dsk,xvda,w"), config.disk());
        List<Map<String, Object>> disks = config.disks();
        assertEquals("hda", disks.get(0).get("vdev"));
        assertEquals("/var/lib/libvirt/images/UserStorage.dsk", disks.get(1).get("pdev_path"));
        assertEquals("xvda", disks.get(1).get("vdev"));
    }

    @Test
    void grubConfParsesWithPygrubAndBootsTheDeclaredKernelWithNoapic() {
        List<GrubImage> images = Checkers.grubConf(bundle.resolve("guest/boot/grub/grub.conf")).images();
        assertEquals(1, images.size());
        GrubImage image = images.get(0);
        assertEquals("Red Hat Enterprise Linux (2.4.21-52.EL)", image.title());
        assertEquals("/vmlinuz-2.4.21-52.EL", image.kernel());
        assertEquals("ro root=LABEL=/ noapic", image.args());
        assertEquals("/initrd-2.4.21-52.EL.img", image.initrd());
    }

    @Test
    void fstabParsesWithFindmnt() {
        List<FstabEntry> entries = Checkers.fstab(bundle.resolve("guest/etc/fstab"));
        assertEquals(8, entries.size());
        assertEquals(new FstabEntry("/dev/xvdb1", "/mnt/pvdisk_p1", "ext3", "defaults", 1, 0), entries.get(6));
        assertEquals(new FstabEntry("/dev/xvdb2", "/mnt/pvdisk_p2", "ext3", "defaults", 1, 0), entries.get(7));
    }

    @Test
    void modulesConfParsesWithModprobe() {
        assertEquals(List.of("alias eth0 xen_vnif"), Checkers.modulesConf(bundle.resolve("guest/etc/modules.conf")));
    }

    @Test
    void everyScriptIsCleanPosixSh() throws IOException {
        List<String> scripts = files(bundle).stream().filter(name -> Files.isExecutable(bundle.resolve(name))).toList();
        assertTrue(scripts.containsAll(List.of("guest/etc/rc.d/rc.local", "guest/etc/rc.modules",
                "guest" + ValidGuest.NODE_SCRIPT, "guest" + ValidGuest.VERIFY_SCRIPT)), scripts.toString());
        for (String script : scripts) {
            Checkers.shellScript(bundle.resolve(script));
        }
    }

    @Test
    void checksumsPassSha256sum() throws Exception {
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", "SHA256SUMS").directory(bundle.toFile())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), out);
        assertEquals(files(bundle).size() - 1, out.lines().filter(line -> line.endsWith(": OK")).count(), out);
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).sorted().toList();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> walk = Files.walk(to)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (String name : files(from)) {
            Files.createDirectories(to.resolve(name).getParent());
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }
}
