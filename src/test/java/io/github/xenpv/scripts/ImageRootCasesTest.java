package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static io.github.xenpv.scripts.ScratchGuest.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue 11 (install-guest.sh tried on real image roots), each as its own regression
 * test, numbered as the issue numbers them. Case 2 (the host's depmod on an image) belongs to the
 * guest's-life work; case 3 (two runs at once) is {@link OneRunAtATimeTest}; case 7
 * (install-dom0.sh --root --start) and the dom0 parts of case 9 are in {@link InstallDom0Test};
 * case 8 (odd --root values) is {@link RootOptionTest}; the kills of case 9 are {@link KillAnywhereTest}.
 */
class ImageRootCasesTest {

    /** The seed guest renamed: what a second bundle on the same root looks like. */
    private static final String RENAMED = "rhel3_64_fv_new";
    private static final String BLOCK = "xenpv-maven-plugin block";

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    static GuestInstall.Fixture renamed;

    @TempDir
    Path scratch;
    GuestInstall guest;
    Path root;

    @BeforeAll
    static void bundles() throws Exception {
        fixture = GuestInstall.Fixture.create(shared);
        Guest declaration = SeedGuest.declaration();
        declaration.setName(RENAMED);
        new BundleGenerator(shared.resolve("renamed"), null).generate(List.of(SeedGuest.validOnly(declaration)));
        Path bundle = shared.resolve("renamed").resolve(RENAMED);
        try (Stream<Path> rpms = Files.list(fixture.bundle().resolve("guest"))) {
            Path rpm = rpms.filter(path -> path.toString().endsWith(".rpm")).findFirst().orElseThrow();
            Files.copy(rpm, bundle.resolve("guest").resolve(rpm.getFileName()));
        }
        renamed = new GuestInstall.Fixture(bundle, fixture.pristine());
    }

    @BeforeEach
    void scratchRoot() throws IOException {
        guest = new GuestInstall(fixture, scratch.resolve("box"));
        root = guest.root;
    }

    /** Case 1: etc/fstab -> ../../decoy/fstab wrote the block and a backup to the decoy next to the root; usr/local -> a host folder got xenpv-verify. */
    @Test
    void case1AFileLinkClimbingAboveTheRootAndAFolderLinkToAHostPathLeadInside() throws Exception {
        Path decoy = Files.createDirectories(guest.scratch.resolve("decoy"));
        Files.writeString(decoy.resolve("fstab"), ScratchGuest.STOCK_FSTAB);
        Files.createDirectories(root.resolve("decoy"));
        Files.move(root.resolve("etc/fstab"), root.resolve("decoy/fstab"));
        Files.createSymbolicLink(root.resolve("etc/fstab"), Path.of("../../decoy/fstab"));
        Path hostLocal = scratch.resolve("some/host/path");
        GuestInstall.remove(root.resolve("usr/local"));
        Files.createSymbolicLink(root.resolve("usr/local"), hostLocal);

        assertSucceeded(guest.run(Shell.DASH, "--offline"));
        assertEquals(ScratchGuest.STOCK_FSTAB, Files.readString(decoy.resolve("fstab")), "the decoy next to the root is untouched");
        try (Stream<Path> next = Files.list(decoy)) {
            assertEquals(1, next.count(), "and no backup went beside it");
        }
        assertFalse(Files.exists(scratch.resolve("some")), "nothing went to the host path");
        assertTrue(guest.read("decoy/fstab").contains("# BEGIN " + BLOCK), "the guest's /decoy/fstab got the block");
        assertEquals(1, ScratchGuest.backups(root.resolve("decoy/fstab")).size());
        String verifyScript = fixture.guestPathOf("xenpv-verify");
        assertTrue(verifyScript.startsWith("usr/local/"), verifyScript);
        assertTrue(Files.isExecutable(Path.of(root + hostLocal.toString() + "/" + verifyScript.substring("usr/local/".length()))),
                "the verify script went where the guest's /usr/local leads, inside the root");
    }

    /** Case 4: a 0644 rc.modules or node script kept its mode, so every live run failed at mknod while the file step said "already done". */
    @Test
    void case4ExistingRcModulesAndNodeScriptGetTheBundlesMode() throws Exception {
        String nodeScript = fixture.guestPathOf("xenpv-mknod");
        Path rcModules = root.resolve("etc/rc.modules");
        Files.writeString(rcModules, "#!/bin/sh\n# the site's own modules\n");
        Files.setPosixFilePermissions(rcModules, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectories(root.resolve(nodeScript).getParent());
        Files.copy(fixture.bundled(nodeScript), root.resolve(nodeScript));
        Files.setPosixFilePermissions(root.resolve(nodeScript), PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> before = ScratchGuest.snapshot(root);

        Result result = guest.run(Shell.BASH_POSIX);
        assertSucceeded(result);
        assertEquals("rwxr-xr-x", mode("etc/rc.modules"));
        assertEquals("rwxr-xr-x", mode(nodeScript));
        assertTrue(result.stdout().contains("/" + nodeScript + ": done (mode 755)"), result.stdout());
        assertTrue(result.stdout().contains("mknod: done"), "boot and the install can run the node script\n" + result.stdout());
        assertTrue(guest.read("etc/rc.modules").startsWith("#!/bin/sh\n# the site's own modules\n# BEGIN " + BLOCK));

        Result again = guest.run(Shell.DASH);
        assertSucceeded(again);
        assertTrue(again.stdout().contains("/etc/rc.modules: already done") && again.stdout().contains(nodeScript + ": already done"),
                again.stdout());

        assertSucceeded(guest.run(Shell.BUSYBOX_SH, "--uninstall"));
        Map<String, String> after = ScratchGuest.snapshot(root);
        for (String file : List.of("etc/rc.modules", nodeScript)) {
            assertEquals(before.get(file), after.get(file), file + " comes back with its content and mode 0644");
        }
    }

    /** Case 5: a renamed guest on a root made each bundle comment out the other's lines on every run. */
    @Test
    void case5ARootHoldingAnotherGuestIsRefusedNamingItAndItsUninstall() throws Exception {
        assertSucceeded(guest.run(Shell.DASH, "--offline"));
        Map<String, String> installed = ScratchGuest.snapshot(root);
        for (String options : List.of("", "--dry-run")) {
            Result refused = ScratchGuest.run(guest.command(renamed, Shell.DASH, options.isEmpty() ? new String[0] : new String[] {options}),
                    guest.environment(Map.of()), guest.scratch);
            assertEquals(1, refused.exit(), refused::describe);
            assertTrue(refused.stderr().contains("install-guest.sh: step preflight failed: this root holds the install of guest "
                    + NAME + " (in /etc/fstab /etc/modules.conf /etc/rc.d/rc.local /etc/rc.modules /var/lib/xenpv/" + NAME + ")"),
                    refused.stderr());
            assertTrue(refused.stderr().contains("remove " + NAME + " first, from its own bundle: sh install-guest.sh --uninstall --root "
                    + root), refused.stderr());
            ScratchGuest.assertSameTree(installed, ScratchGuest.snapshot(root), "a refused run changes nothing");
        }
    }

    /**
     * Case 5: uninstalling A then B left A's blocks installed. The root with both guests is made
     * as the old scripts made it: A's install, then B's merged over it (A's marker lines hidden from
     * B's check for the time of B's install, so that B treats them as the old scripts did).
     */
    @Test
    void case5UninstallingTwoGuestsInEitherOrderLeavesNoBlock() throws Exception {
        Map<String, String> stock = fixture.edited(ScratchGuest.snapshot(root));
        assertSucceeded(guest.run(Shell.DASH, "--offline"));
        disguise(NAME, true);
        assertSucceeded(ScratchGuest.run(guest.command(renamed, Shell.DASH, "--offline"), guest.environment(Map.of()),
                guest.scratch));
        disguise(NAME, false);
        assertTrue(guest.read("etc/fstab").contains("guest " + NAME + "\n") && guest.read("etc/fstab").contains("guest " + RENAMED),
                "both guests' blocks are in the files, as the old scripts left them");
        Path bothInstalled = guest.keep(scratch.resolve("both-installed"));
        for (boolean firstGuestFirst : List.of(true, false)) {
            guest.resetTo(bothInstalled);
            List<List<String>> order = new ArrayList<>(List.of(guest.command(Shell.BASH_POSIX, "--uninstall"),
                    guest.command(renamed, Shell.BUSYBOX_SH, "--uninstall")));
            if (!firstGuestFirst) {
                java.util.Collections.reverse(order);
            }
            for (List<String> uninstall : order) {
                assertSucceeded(ScratchGuest.run(uninstall, guest.environment(Map.of()), guest.scratch));
            }
            Map<String, String> after = fixture.edited(ScratchGuest.snapshot(root));
            ScratchGuest.assertSameTree(stock, after, (firstGuestFirst ? "A then B" : "B then A") + ": every original is back");
            for (String file : List.of("etc/fstab", "etc/modules.conf", "etc/rc.d/rc.local", "boot/grub/grub.conf")) {
                assertFalse(guest.read(file).contains(BLOCK), file + " holds no block");
            }
        }
    }

    /** Case 6: without the /etc/rc.local link the block went into a new /etc/rc.local that RHEL 3 never runs. */
    @Test
    void case6WithoutTheRcLocalLinkTheBlockGoesIntoTheFileRhel3Runs() throws Exception {
        Files.delete(root.resolve("etc/rc.local"));
        assertSucceeded(guest.run(Shell.DASH, "--offline"));
        assertFalse(Files.exists(root.resolve("etc/rc.local"), LinkOption.NOFOLLOW_LINKS), "no /etc/rc.local is made");
        assertTrue(guest.read("etc/rc.d/rc.local").startsWith(ScratchGuest.STOCK_RC_LOCAL + "# BEGIN " + BLOCK));

        guest.reset();
        Files.delete(root.resolve("etc/rc.local"));
        Files.delete(root.resolve("etc/rc.d/rc.local"));
        assertSucceeded(guest.run(Shell.BUSYBOX_SH, "--offline"));
        assertEquals(Files.readString(fixture.bundled("etc/rc.d/rc.local")), guest.read("etc/rc.d/rc.local"));
        assertEquals("rwxr-xr-x", mode("etc/rc.d/rc.local"));
    }

    /** Case 9: --dry-run created an rpm database in an image that had none. */
    @Test
    void case9aDryRunOnAnImageWithoutAnRpmDatabaseWritesNothing() throws Exception {
        GuestInstall.remove(root.resolve("root"));
        Map<String, String> before = everything(root);
        Result dry = guest.run(Shell.DASH, "--dry-run");
        assertSucceeded(dry);
        assertTrue(dry.stdout().contains("rpm: would run rpm -ivh kmod-xenpv"), dry.stdout());
        ScratchGuest.assertSameTree(before, everything(root), "a dry run wrote in the root");
        assertFalse(Files.exists(root.resolve("root")) || Files.exists(root.resolve("var")), "no rpm database, no lock folder");
        assertEquals(List.of(), GuestInstall.temporaries(guest.tmp), "its work folder is gone");
    }

    /** Case 9: a killed run left <file>.xenpv-tmp / .tmp files that nothing removed (nor rpm's, when it was killed inside rpm -ivh). */
    @Test
    void case9bWhatAKilledRunLeftIsRemovedByTheNextRun() throws Exception {
        GuestInstall reference = new GuestInstall(fixture, guest.scratch.resolve("reference"));
        assertSucceeded(reference.run(Shell.DASH));
        long dead = deadPid();
        Path state = root.resolve("var/lib/xenpv/" + NAME);
        List<Path> leftovers = List.of(root.resolve("etc/fstab.xenpv-tmp." + dead), root.resolve("etc/rc.modules.xenpv-tmp." + dead),
                root.resolve("boot/grub/grub.conf.xenpv-tmp." + dead), state.resolve("original/etc/fstab.xenpv-tmp." + dead),
                root.resolve("var/lib/xenpv/.run." + dead), root.resolve("dev/xvdb1.xenpv-tmp." + dead),
                root.resolve(ScratchGuest.DRIVER_DIRECTORY + "/xen-vbd.o;5f3a2b1c"),
                guest.tmp.resolve("xenpv-install-guest.sh." + dead + "/new"));
        for (Path leftover : leftovers) {
            Files.createDirectories(leftover.getParent());
            Files.writeString(leftover, "half written");
        }
        Files.createDirectories(root.resolve("var/lib/xenpv/.lock"));
        Files.writeString(root.resolve("var/lib/xenpv/.lock/holder"), dead + " 1 install-guest.sh of guest " + NAME + ", started then\n");

        assertSucceeded(guest.run(Shell.DASH));
        assertEquals(List.of(), GuestInstall.temporaries(root), "every leftover in the root is gone");
        assertFalse(Files.exists(root.resolve(ScratchGuest.DRIVER_DIRECTORY + "/xen-vbd.o;5f3a2b1c")),
                "and the file a killed rpm -ivh was writing (rpm writes <file>;<8 hex digits>, then renames it)");
        assertEquals(List.of(), GuestInstall.temporaries(guest.tmp), "and the killed run's work folder");
        Map<String, String> expected = ScratchGuest.snapshot(reference.root);
        Map<String, String> actual = ScratchGuest.snapshot(root);
        expected.remove("proc/mounts");
        actual.remove("proc/mounts");
        ScratchGuest.assertSameTree(expected, actual, "the run ends as a run on a clean root does");

        // An uninstall removes them too, the half-made device node of a killed xenpv-mknod included.
        Path node = root.resolve("dev/xvdb2.xenpv-tmp." + dead);
        Result made = ScratchGuest.run(List.of("mknod", node.toString(), "b", "202", "2"), Map.of(), null);
        assertEquals(0, made.exit(), made::describe);
        Files.writeString(root.resolve("etc/modules.conf.xenpv-tmp." + dead), "half written");
        assertSucceeded(guest.run(Shell.BUSYBOX_SH, "--uninstall"));
        assertEquals(List.of(), GuestInstall.temporaries(root), "an uninstall leaves no leftover either");
    }

    /** A run that fails part-way removes its own temporary files, work folder, record and lock. */
    @Test
    void case9cARunThatFailsLeavesNoTemporaryFileNorLock() throws Exception {
        Files.delete(root.resolve("boot/grub/grub.conf"));
        Result failed = guest.run(Shell.BASH_POSIX, "--offline");
        assertEquals(1, failed.exit(), failed::describe);
        assertTrue(failed.stderr().contains("step /etc/grub.conf failed"), failed.stderr());
        assertEquals(List.of(), GuestInstall.temporaries(root));
        assertEquals(List.of(), GuestInstall.temporaries(guest.tmp));
    }

    /** Case 9: a folder where a file belongs was moved into, with "done" on every run. */
    @Test
    void case9dAFolderWhereAFileBelongsFailsAndNothingGoesIntoIt() throws Exception {
        Files.createDirectories(root.resolve("etc/rc.modules"));
        for (int run = 0; run < 2; run++) {
            Result failed = guest.run(GuestInstall.shellInTurn(run), "--offline");
            assertEquals(1, failed.exit(), failed::describe);
            assertTrue(failed.stderr().contains("install-guest.sh: step /etc/rc.modules failed: /etc/rc.modules is a folder, not a "
                    + "regular file: move it away first"), failed.stderr());
            try (Stream<Path> inside = Files.list(root.resolve("etc/rc.modules"))) {
                assertEquals(0, inside.count());
            }
        }
    }

    /** Case 9: a file where a mount point belongs. */
    @Test
    void case9dAFileWhereAMountPointBelongsFails() throws Exception {
        Files.createDirectories(root.resolve("mnt"));
        Files.writeString(root.resolve("mnt/pvdisk_p2"), "a file");
        Result failed = guest.run(Shell.DASH);
        assertEquals(1, failed.exit(), failed::describe);
        assertTrue(failed.stderr().contains("step mkdir /mnt/pvdisk_p2 failed: /mnt/pvdisk_p2 is a regular file, not a folder: "
                + "move it away first"), failed.stderr());
        assertEquals("a file", guest.read("mnt/pvdisk_p2"));
    }

    /** Case 9: a node where a block node belongs that is a folder, through the install's mknod step. */
    @Test
    void case9dAFolderWhereANodeBelongsFailsTheMknodStep() throws Exception {
        Files.createDirectories(root.resolve("dev/xvdb2"));
        Result failed = guest.run(Shell.DASH);
        assertEquals(1, failed.exit(), failed::describe);
        assertTrue(failed.stderr().contains("step mknod failed: xenpv-mknod failed:"), failed.stderr());
        assertTrue(failed.stderr().contains(root + "/dev/xvdb2 is a folder where the block node /dev/xvdb2 belongs"), failed.stderr());
        try (Stream<Path> inside = Files.list(root.resolve("dev/xvdb2"))) {
            assertEquals(0, inside.count());
        }
    }

    /** Case 9: /mnt/pvdisk_p1/ (trailing slash) in the guest's fstab was not seen as the PV entry's mount point. */
    @Test
    void case9eMountPointsSpelledWithExtraSlashesAreConflicts() throws Exception {
        Files.writeString(root.resolve("etc/fstab"), ScratchGuest.STOCK_FSTAB.replace("/mnt/pvdisk_p2          ext3",
                "/mnt/pvdisk_p2/         ext3") + "/dev/hdb2 //mnt//pvdisk_p1 ext3 defaults 1 2\n");
        assertSucceeded(guest.run(Shell.DASH, "--offline"));
        String fstab = guest.read("etc/fstab");
        assertTrue(fstab.contains("\n#xenpv-replaced# /dev/hdb1               /mnt/pvdisk_p2/         ext3"), fstab);
        assertTrue(fstab.contains("\n#xenpv-replaced# /dev/hdb2 //mnt//pvdisk_p1 ext3 defaults 1 2\n"), fstab);
        assertEquals(List.of("/mnt/pvdisk_p1", "/mnt/pvdisk_p2"), io.github.xenpv.checkers.Checkers.fstab(root.resolve("etc/fstab"))
                .stream().map(io.github.xenpv.checkers.Checkers.FstabEntry::target).filter(target -> target.startsWith("/mnt/pvdisk"))
                .toList(), "each PV mount point has one entry left");
    }

    /**
     * Case 9: xenpv-verify read a linked node's own ls -l line, took a character device named xvd
     * as the major, and never found a mount under a root whose path has a space (\040 in /proc/mounts).
     */
    @Test
    void case9fVerifyReadsLinkedNodesTheBlockMajorAndEscapedMountPoints() throws Exception {
        GuestInstall spaced = new GuestInstall(fixture, scratch.resolve("a box"));
        Path root = spaced.root;
        Files.writeString(root.resolve("proc/devices"), """
                Character devices:
                  1 mem
                203 xvd

                Block devices:
                  3 ide0
                202 xvd
                """);
        Files.createDirectories(root.resolve("dev/disk"));
        assertSucceeded(spaced.run(Shell.DASH));
        assertTrue(Files.readString(root.resolve("proc/mounts")).contains(root.toString().replace(" ", "\\040") + "/mnt/pvdisk_p1 "));

        // the node behind a link: verify reads the node it leads to
        Files.move(root.resolve("dev/xvdb1"), root.resolve("dev/disk/xvdb1"));
        Files.createSymbolicLink(root.resolve("dev/xvdb1"), Path.of("/dev/disk/xvdb1"));
        Result verify = ScratchGuest.run(List.of("dash", root.resolve(fixture.guestPathOf("xenpv-verify")).toString()),
                Map.of("XENPV_ROOT", root.toString()), null);
        assertEquals(0, verify.exit(), verify::describe);
        Map<String, String> rows = verify.stdout().lines().skip(1).collect(Collectors.toMap(
                line -> line.split(" +")[0] + " " + line.split(" +")[1], line -> line, (a, b) -> a + "\n" + b));
        assertTrue(rows.get("device xvd").contains("major 202"), verify.stdout());
        assertTrue(rows.get("node /dev/xvdb1").contains("block 202 1") && rows.get("node /dev/xvdb1").endsWith("ok"), verify.stdout());
        assertTrue(rows.get("mount /mnt/pvdisk_p1").endsWith("ok") && rows.get("mount /mnt/pvdisk_p2").endsWith("ok"), verify.stdout());

        Result again = spaced.run(Shell.BUSYBOX_SH);
        assertSucceeded(again);
        assertTrue(again.stdout().contains("mount /mnt/pvdisk_p1: already done"), "the install reads \\040 too\n" + again.stdout());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Hides (or shows again) guest {@code name}'s install from another bundle's check, the way the
     * old scripts saw it: its marker lines, in every text file of the root, get a ";" for the ","
     * and its state folder a leading ".".
     */
    private void disguise(String name, boolean hide) throws IOException {
        String shown = BLOCK + ", guest ";
        String hidden = BLOCK + "; guest ";
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList()) {
                String relative = root.relativize(file).toString();
                if (relative.startsWith("root/") || relative.startsWith("lib/") || relative.startsWith("proc/")) {
                    continue;
                }
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                String changed = hide ? text.replace(shown + name + "\n", hidden + name + "\n")
                        : text.replace(hidden, shown);
                if (!changed.equals(text)) {
                    Files.writeString(file, changed, StandardCharsets.ISO_8859_1);
                }
            }
        }
        Path state = root.resolve("var/lib/xenpv/" + name);
        Path hiddenState = root.resolve("var/lib/xenpv/." + name);
        if (hide) {
            Files.move(state, hiddenState);
        } else {
            Files.move(hiddenState, state);
        }
    }

    /** The snapshot with the rpm database, which ScratchGuest.snapshot leaves out. */
    private static Map<String, String> everything(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(path -> !path.equals(root)).toList()) {
                all.put(root.relativize(path).toString(), ScratchGuest.describe(path, root.relativize(path).toString()));
            }
        }
        return all;
    }


    private String mode(String relative) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(relative), LinkOption.NOFOLLOW_LINKS));
    }

    private static long deadPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    private static void assertSucceeded(Result result) {
        assertEquals(0, result.exit(), result::describe);
    }
}
