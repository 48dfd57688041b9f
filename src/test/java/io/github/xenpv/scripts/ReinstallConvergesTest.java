package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.checkers.Checkers.Shell;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §16, issue 19 point 7: installing a changed bundle of a guest over an earlier one ends
 * where a fresh install of the new bundle ends (backups and mount-point folders aside), and
 * --uninstall still puts back what was there before the first install. Bundle A puts the second
 * PV partition on /home (the guest's own /home line gets commented out) with a NIC, boot loading
 * from rc.modules and noapic; B moves the partition to /srv/data and has no NIC; C is B with boot
 * loading from rc.local and without noapic. The guest has kudzu's boot service, which A turns off
 * and B and C leave on. The real scripts on scratch image roots (--root --offline).
 */
class ReinstallConvergesTest {

    static final String HOME_LINE = "LABEL=/home             /home                   ext3    defaults        1 2\n";

    @TempDir
    static Path shared;
    static GuestInstall.Fixture bundleA;
    static GuestInstall.Fixture bundleB;
    static GuestInstall.Fixture bundleC;

    @TempDir
    Path scratch;

    @BeforeAll
    static void bundles() throws Exception {
        ScratchGuest.requireRoot();
        Path rpm = ScratchGuest.buildDriverRpm(shared.resolve("rpmbuild"));
        Path pristine = shared.resolve("stock-root");
        ScratchGuest.createStockRoot(pristine);
        Files.writeString(pristine.resolve("etc/fstab"), HOME_LINE, java.nio.file.StandardOpenOption.APPEND);
        withKudzu(pristine);
        bundleA = bundle("a", rpm, pristine, guest -> guest.getDisks().get(0).getPartitions().get(1).setMountPoint("/home"));
        bundleB = bundle("b", rpm, pristine, ReinstallConvergesTest::movedWithoutNic);
        bundleC = bundle("c", rpm, pristine, guest -> {
            movedWithoutNic(guest);
            guest.setModuleLoading("rc.local");
            guest.setNoapic("false");
            // boot checks and mounts no PV file system before rc.local loads the driver
            guest.getDisks().get(0).getPartitions().forEach(partition -> {
                partition.setPass("0");
                partition.setOptions("defaults,noauto");
            });
        });
    }

    /**
     * kudzu's boot service, as chkconfig links it from its "# chkconfig: 345 05 95": A, with a NIC,
     * turns it off; B and C, without one, leave it on when installed fresh.
     */
    private static void withKudzu(Path root) throws IOException {
        Path script = root.resolve("etc/rc.d/init.d/kudzu");
        Files.createDirectories(script.getParent());
        try (InputStream stock = ReinstallConvergesTest.class.getResourceAsStream("/bootsim/kudzu")) {
            Files.copy(stock, script);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int level = 0; level <= 6; level++) {
            Path folder = Files.createDirectories(root.resolve("etc/rc.d/rc" + level + ".d"));
            String link = level >= 3 && level <= 5 ? "S05kudzu" : "K95kudzu";
            Files.createSymbolicLink(folder.resolve(link), Path.of("../init.d/kudzu"));
        }
    }

    private static void movedWithoutNic(Guest guest) {
        guest.getDisks().get(0).getPartitions().get(1).setMountPoint("/srv/data");
        guest.setNetworks(List.of());
    }

    private static GuestInstall.Fixture bundle(String name, Path rpm, Path pristine, Consumer<Guest> change) throws Exception {
        Guest declaration = SeedGuest.declaration();
        change.accept(declaration);
        ValidGuest guest = SeedGuest.validOnly(declaration);
        Path out = shared.resolve(name);
        new BundleGenerator(out, null).generate(List.of(guest));
        Path bundle = out.resolve(guest.name());
        Files.copy(rpm, bundle.resolve("guest").resolve(rpm.getFileName()));
        return new GuestInstall.Fixture(bundle, pristine);
    }

    private static void install(GuestInstall guest, GuestInstall.Fixture bundle, Shell shell, String... options) {
        Result run = ScratchGuest.run(guest.command(bundle, shell, options), guest.environment(Map.of()), guest.scratch);
        assertEquals(0, run.exit(), run::describe);
    }

    /** Every entry but folders and backups ({@code <file>.xenpv-<time>}): what a guest boots with. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        ScratchGuest.snapshot(root).forEach((path, entry) -> {
            if (!entry.endsWith(" dir") && !path.matches(".*\\.xenpv-STAMP(-\\d+)?")) {
                files.put(path, entry);
            }
        });
        return files;
    }

    private void converges(GuestInstall.Fixture later) throws Exception {
        GuestInstall fresh = new GuestInstall(later, scratch.resolve("fresh"));
        install(fresh, later, Shell.DASH, "--offline");
        GuestInstall reinstalled = new GuestInstall(bundleA, scratch.resolve("reinstalled"));
        install(reinstalled, bundleA, Shell.BUSYBOX_SH, "--offline");
        assertTrue(reinstalled.read("etc/fstab").contains("#xenpv-replaced# " + HOME_LINE), "A claims /home");
        install(reinstalled, later, Shell.BASH_POSIX, "--offline");
        ScratchGuest.assertSameTree(files(fresh.root), files(reinstalled.root),
                "A then " + later.bundle() + " is not where a fresh install of it ends");
        assertTrue(reinstalled.read("etc/fstab").contains("\n" + HOME_LINE), "/home mounts at boot again");
        assertTrue(reinstalled.read("etc/modules.conf").startsWith(ScratchGuest.STOCK_MODULES_CONF), "eth0 is the guest's again");
        assertTrue(Files.isSymbolicLink(reinstalled.root.resolve("etc/rc.d/rc3.d/S05kudzu")), "kudzu starts at boot again");

        // and an uninstall with the later bundle puts back every file as it was before A
        install(reinstalled, later, Shell.DASH, "--uninstall");
        Map<String, String> stock = files(later.pristine());
        Map<String, String> restored = new TreeMap<>();
        files(reinstalled.root).forEach((path, entry) -> {
            if (stock.containsKey(path)) {
                restored.put(path, entry);
            }
        });
        ScratchGuest.assertSameTree(stock, restored, "the uninstall did not restore the original");
        for (String created : List.of("etc/rc.modules", "sbin/xenpv-mknod", "usr/local/sbin/xenpv-verify", "var/lib/xenpv")) {
            assertTrue(!Files.exists(reinstalled.root.resolve(created)), created + " is left");
        }
    }

    @Test
    void aMovedPartitionAndARemovedNicEndWhereAFreshInstallEnds() throws Exception {
        converges(bundleB);
    }

    @Test
    void bootLoadingMovedToRcLocalAndNoapicDroppedEndWhereAFreshInstallEnds() throws Exception {
        converges(bundleC);
    }
}
