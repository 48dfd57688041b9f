package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static io.github.xenpv.scripts.ScratchGuest.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §13: under --root every path is resolved as the guest sees it. Each scenario builds a
 * guest root inside a sandbox and puts symbolic links in the paths the scripts touch: relative
 * ones that climb above the root, absolute ones, links to files and to folders at every level,
 * dangling ones for what the install creates, chains. Each link is made so that the host's reading
 * of it (the kernel's, outside any chroot) leads into the sandbox's {@code outside/} folder, next to
 * the root, where a copy of the real content waits as a decoy, while the guest's reading leads to
 * the real content inside the root. Then: nothing outside the root changes, byte for byte; the
 * guest's view of the root after install and after uninstall is that of a root without links; the
 * links stay links; and a dry run changes nothing at all. The absolute targets name the sandbox's
 * own path, so even a script that escaped could only reach the sandbox, never this machine's files.
 */
class ContainmentTest {

    /** How a relocated path's link points to where its content now is. */
    enum Link {
        /** {@code ../../outside/NAME}: one ".." more than the path is deep, climbing above the root. */
        RELATIVE,
        /** {@code /<sandbox>/outside/NAME}: absolute, as a host path it names the sandbox. */
        ABSOLUTE
    }

    /** Backups ({@code <file>.xenpv-STAMP}) and the state's record of their names sit beside the real files: checked apart. */
    private static final Pattern BACKUP = Pattern.compile(".*\\.xenpv-STAMP(-\\d+)?$|var/lib/xenpv/[^/]+/backup(/.*)?");

    /** The guest's view of a root without links after install and after uninstall, and the backups the install made there. */
    record Plain(Map<String, String> installed, Map<String, String> uninstalled, Map<String, String> backups) {

        static Plain of(GuestInstall.Fixture fixture, Path folder) throws IOException {
            GuestInstall plain = new GuestInstall(fixture, folder);
            assertSucceeded(plain.run(Shell.DASH));
            Map<String, String> installed = view(plain.root, List.of());
            Map<String, String> backups = ContainmentTest.backups(plain.root);
            assertEquals(4, backups.size(), backups::toString);
            assertSucceeded(plain.run(Shell.DASH, "--uninstall"));
            return new Plain(installed, view(plain.root, List.of()), backups);
        }
    }

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    static GuestInstall.Fixture errata;
    static Map<GuestInstall.Fixture, Plain> plain = new java.util.HashMap<>();

    @TempDir
    Path scratch;

    /** What every scenario must see: the guest's view of a root without links. */
    @BeforeAll
    static void plainRoots() throws Exception {
        fixture = GuestInstall.Fixture.create(shared);
        errata = GuestInstall.Fixture.errata(shared, fixture);
        plain.put(fixture, Plain.of(fixture, shared.resolve("plain")));
        plain.put(errata, Plain.of(errata, shared.resolve("plain-errata")));
    }

    @Test
    void linksToFilesRelativeAboveTheRootAbsoluteAndDangling() throws Exception {
        Sandbox sandbox = new Sandbox(scratch);
        sandbox.relocate("etc/fstab", Link.RELATIVE);
        sandbox.relocate("etc/modules.conf", Link.ABSOLUTE);
        sandbox.relocate("etc/rc.d/rc.local", Link.RELATIVE);
        sandbox.relocate("etc/rc.modules", Link.ABSOLUTE);
        sandbox.relocate("boot/grub/grub.conf", Link.ABSOLUTE);
        sandbox.relocate(fixture.guestPathOf("xenpv-mknod"), Link.RELATIVE);
        sandbox.relocate(fixture.guestPathOf("xenpv-verify"), Link.ABSOLUTE);
        sandbox.relocate("dev/xvdb", Link.ABSOLUTE);
        sandbox.relocate("dev/xvdb1", Link.RELATIVE);
        Files.createDirectories(sandbox.install.root.resolve("mnt/pvdisk_p2"));
        sandbox.relocate("mnt/pvdisk_p1", Link.ABSOLUTE);
        sandbox.relocate("mnt/pvdisk_p2", Link.RELATIVE);
        sandbox.check(Shell.DASH);
    }

    @Test
    void linksToFoldersAtTheTop() throws Exception {
        Sandbox sandbox = new Sandbox(scratch);
        Files.createDirectories(sandbox.install.root.resolve("var"));
        sandbox.relocate("etc", Link.RELATIVE);
        sandbox.relocate("usr", Link.ABSOLUTE);
        sandbox.relocate("boot", Link.RELATIVE);
        sandbox.relocate("var", Link.ABSOLUTE);
        sandbox.relocate("dev", Link.RELATIVE);
        sandbox.relocate("mnt", Link.ABSOLUTE);
        sandbox.check(Shell.BUSYBOX_SH);
    }

    @Test
    void linksToFoldersAtEveryLevelBelow() throws Exception {
        Sandbox sandbox = new Sandbox(scratch);
        Files.createDirectories(sandbox.install.root.resolve("var/lib"));
        Files.createDirectories(sandbox.install.root.resolve("mnt"));
        sandbox.relocate("etc/rc.d", Link.ABSOLUTE);
        sandbox.relocate("usr/local/sbin", Link.ABSOLUTE);
        sandbox.relocate("usr/local", Link.RELATIVE);
        sandbox.relocate("boot/grub", Link.RELATIVE);
        sandbox.relocate("var/lib/xenpv", Link.ABSOLUTE);
        sandbox.relocate("var/lib", Link.RELATIVE);
        sandbox.relocate("mnt/pvdisk_p1", Link.RELATIVE);
        sandbox.check(Shell.BASH_POSIX);
    }

    /**
     * Links to links, targets spelled with ".", "//" and "..", ".." after a link (which applies
     * where the link led, not where it sits), and the RHEL 3 links /etc/rc.local and /etc/grub.conf
     * followed by further links.
     */
    @Test
    void chainsAndOddSpellings() throws Exception {
        Sandbox sandbox = new Sandbox(scratch);
        Path root = sandbox.install.root;
        String outside = sandbox.outside.toString();
        // /etc/modules.conf -> ../outside/hop/../modules.conf, /outside/hop -> /<sandbox>/outside/deep/dir:
        // the guest reads <root>/<sandbox>/outside/deep/modules.conf, the host <sandbox>/outside/deep/modules.conf.
        sandbox.place("etc/modules.conf", root.resolve(outside.substring(1) + "/deep/modules.conf"),
                sandbox.outside.resolve("deep/modules.conf"), "../outside/hop/../modules.conf");
        Files.createDirectories(root.resolve(outside.substring(1) + "/deep/dir"));
        Files.createDirectories(sandbox.outside.resolve("deep/dir"));
        Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(root.resolve("outside/hop"), Path.of(outside + "/deep/dir"));
        // /etc/fstab -> /<sandbox>/./outside//fstab.real, itself -> fstab.final beside it.
        sandbox.place("etc/fstab", root.resolve(outside.substring(1) + "/fstab.final"), sandbox.outside.resolve("fstab.final"),
                outside.replace("/outside", "/./outside/") + "/fstab.real");
        Files.createSymbolicLink(root.resolve(outside.substring(1) + "/fstab.real"), Path.of("fstab.final"));
        Files.createSymbolicLink(sandbox.outside.resolve("fstab.real"), Path.of("fstab.final"));
        // /etc/rc.local is RHEL 3's link to rc.d/rc.local; rc.d/rc.local goes on to an absolute link.
        sandbox.relocate("etc/rc.d/rc.local", Link.ABSOLUTE);
        // /etc/grub.conf -> ../boot/grub/grub.conf, and /boot -> ./outside/../outside/boot-real (relative, inside).
        Files.createDirectories(root.resolve("outside"));
        Files.move(root.resolve("boot"), root.resolve("outside/boot-real"));
        Files.createSymbolicLink(root.resolve("boot"), Path.of("./outside/../outside/boot-real"));
        // /var/lib/xenpv -> ../../../../outside/xenpv: one ".." more than the sandbox, which the host reads as <scratch>/outside
        Files.createDirectories(root.resolve("var/lib"));
        sandbox.place("var/lib/xenpv", root.resolve("outside/xenpv"), scratch.resolve("outside/xenpv"),
                "../../../../outside/xenpv");
        sandbox.check(Shell.DASH);
    }

    /**
     * The module trees, where rpm installs the driver and the install copies it into the running
     * kernel's tree (procedure step 3, a guest on an errata kernel): /lib climbing above the root,
     * the running kernel's tree an absolute link, its extra/ folder dangling.
     */
    @Test
    void linksInTheModuleTreesTheDriverIsCopiedBetween() throws Exception {
        Sandbox sandbox = new Sandbox(scratch, errata);
        sandbox.relocate("lib/modules/" + ScratchGuest.KERNEL + "/extra", Link.ABSOLUTE);
        sandbox.relocate("lib/modules/" + ScratchGuest.KERNEL, Link.ABSOLUTE);
        sandbox.relocate("lib", Link.RELATIVE);
        sandbox.check(Shell.BUSYBOX_SH);
    }

    /**
     * The lock's own names, planted as links by an image: a link where the lock folder goes and a
     * dead run's record that is a link. Neither is read through or written through; both go.
     */
    @Test
    void linksWhereTheLockAndTheRunRecordsGo() throws Exception {
        GuestInstall guest = new GuestInstall(fixture, scratch.resolve("box"));
        Path host = Files.createDirectories(scratch.resolve("host"));
        Files.writeString(host.resolve("holder"), "1 1 a planted holder\n");
        Files.writeString(host.resolve("file"), "a host file\n");
        Map<String, String> hostBefore = ScratchGuest.snapshot(host);
        Path folder = Files.createDirectories(guest.root.resolve("var/lib/xenpv"));
        Files.createSymbolicLink(folder.resolve(".lock"), host);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.createSymbolicLink(folder.resolve(".run." + ended.pid()), host.resolve("file"));
        Result result = guest.run(Shell.DASH, "--offline");
        assertSucceeded(result);
        assertTrue(result.stdout().contains("lock: " + folder.resolve(".lock") + " is a symbolic link, not a lock: removing it"),
                result.stdout());
        ScratchGuest.assertSameTree(hostBefore, ScratchGuest.snapshot(host), "the planted links led a run outside the root");
        assertEquals(List.of(), GuestInstall.temporaries(guest.root), "the planted links are gone");
    }

    /** install-dom0.sh: the config through folder and file links, the lock through a dangling one, the disk sources read inside the root. */
    @Test
    void dom0ConfigLockAndDiskSources() throws Exception {
        Path sandboxFolder = scratch.resolve("dom0");
        Path root = sandboxFolder.resolve("root");
        Path outside = sandboxFolder.resolve("outside");
        Files.createDirectories(root.resolve("etc/xen"));
        Files.writeString(root.resolve("etc/xen/" + NAME), "name = \"old\"\n");
        Files.createDirectories(root.resolve("var/lib/libvirt/images"));
        Files.createDirectories(outside);
        Path shims = scratch.resolve("dom0-shims");
        Files.createDirectories(shims);
        ScratchGuest.shim(shims, "virsh", "exit 1\n");
        Map<String, String> environment = Map.of("PATH", shims + ":/usr/sbin:/usr/bin:/sbin:/bin",
                "XENPV_TEST_CALLS", scratch.resolve("dom0-calls").toString(),
                "XENPV_TEST_COUNT", scratch.resolve("dom0-count").toString(),
                "TMPDIR", Files.createDirectories(scratch.resolve("dom0-tmp")).toString());
        // /etc/xen -> ../outside/xen (above the root), /etc/xen/NAME -> /<sandbox>/outside/config (absolute)
        Files.move(root.resolve("etc/xen"), Files.createDirectories(root.resolve("outside")).resolve("xen"));
        Files.createSymbolicLink(root.resolve("etc/xen"), Path.of("../../outside/xen"));
        GuestInstall.copyTree(root.resolve("outside/xen"), outside.resolve("xen"));
        Path inRoot = root.resolve(outside.toString().substring(1));
        Files.createDirectories(inRoot);
        Files.move(root.resolve("outside/xen/" + NAME), inRoot.resolve("config"));
        Files.createSymbolicLink(root.resolve("outside/xen/" + NAME), Path.of(outside + "/config"));
        Files.copy(inRoot.resolve("config"), outside.resolve("config"));
        // /var/lib/xenpv -> /<sandbox>/outside/lock-folder, dangling
        Files.createSymbolicLink(root.resolve("var/lib/xenpv"), Path.of(outside + "/lock-folder"));
        // the boot disk only where the guest's view finds it, UserStorage only where the host's would
        Files.writeString(inRoot.resolve("boot.dsk"), "boot disk");
        Files.createSymbolicLink(root.resolve("var/lib/libvirt/images/rhel3_64_fv.dsk"), Path.of(outside + "/boot.dsk"));
        Files.writeString(outside.resolve("UserStorage.dsk"), "decoy");
        Files.createSymbolicLink(root.resolve("var/lib/libvirt/images/UserStorage.dsk"),
                Path.of("../../../../../outside/UserStorage.dsk"));

        Map<String, String> outsideBefore = ScratchGuest.snapshot(outside);
        Result missing = ScratchGuest.run(List.of("bash", "--posix", fixture.bundle().resolve("dom0/install-dom0.sh").toString(),
                "--root", root.toString()), environment, scratch);
        assertEquals(1, missing.exit(), missing::describe);
        assertTrue(missing.stderr().contains("disk source " + root + "/outside/UserStorage.dsk is missing"), missing.stderr());
        assertFalse(missing.stderr().contains("rhel3_64_fv.dsk"), "the boot disk is found where the guest's view leads");

        Files.writeString(root.resolve("outside/UserStorage.dsk"), "PV disk");
        Result installed = ScratchGuest.run(List.of("dash", fixture.bundle().resolve("dom0/install-dom0.sh").toString(),
                "--root", root.toString()), environment, scratch);
        assertEquals(0, installed.exit(), installed::describe);
        assertEquals(Files.readString(fixture.bundle().resolve("dom0/etc/xen/" + NAME)), Files.readString(inRoot.resolve("config")));
        assertEquals(1, ScratchGuest.backups(inRoot.resolve("config")).size(), "the backup sits beside the real config");
        assertTrue(Files.isSymbolicLink(root.resolve("etc/xen")) && Files.isSymbolicLink(root.resolve("outside/xen/" + NAME)));
        assertFalse(Files.exists(inRoot.resolve("lock-folder")), "the lock folder the run made is gone with it");
        ScratchGuest.assertSameTree(outsideBefore, ScratchGuest.snapshot(outside), "nothing outside the root may change");
        assertFalse(Files.exists(Path.of(outside + "/lock-folder")));
        try (Stream<Path> tmp = Files.list(scratch.resolve("dom0-tmp"))) {
            assertEquals(0, tmp.count(), "no work folder is left");
        }
    }

    /**
     * A guest root in a sandbox folder {@code box/} of the test's scratch folder: the root at
     * {@code box/root/}, the decoys in {@code box/outside/} beside it, the shims, call log and
     * TMPDIR beside them. A link that climbs further than the sandbox still lands in the scratch
     * folder, which the checks cover whole.
     */
    private static final class Sandbox {
        final Path scratch;
        final GuestInstall install;
        final Path outside;
        final Plain expected;

        Sandbox(Path scratch) throws IOException {
            this(scratch, fixture);
        }

        Sandbox(Path scratch, GuestInstall.Fixture bundle) throws IOException {
            this.scratch = scratch;
            install = new GuestInstall(bundle, scratch.resolve("box"));
            outside = Files.createDirectories(install.scratch.resolve("outside"));
            expected = plain.get(bundle);
        }

        /**
         * Moves what is at {@code guestPath} to a new place inside the root, puts a decoy copy at
         * the place the host's reading of the link leads to, and puts the link at {@code guestPath}.
         * A path that does not exist gets a dangling link (the install creates it), with nothing at
         * the decoy's place: a script that escaped would create it there.
         */
        void relocate(String guestPath, Link link) throws IOException {
            String name = guestPath.replace('/', '_');
            int depth = (int) guestPath.chars().filter(c -> c == '/').count();
            switch (link) {
                case RELATIVE -> place(guestPath, install.root.resolve("outside/" + name), outside.resolve(name),
                        "../".repeat(depth + 1) + "outside/" + name);
                case ABSOLUTE -> place(guestPath, install.root.resolve(outside.toString().substring(1) + "/" + name),
                        outside.resolve(name), outside + "/" + name);
            }
        }

        /** Moves {@code guestPath}'s content (if any) to {@code real}, copies it to {@code decoy}, and links {@code guestPath} to {@code target}. */
        void place(String guestPath, Path real, Path decoy, String target) throws IOException {
            Path original = install.root.resolve(guestPath);
            Files.createDirectories(real.getParent());
            Files.createDirectories(decoy.getParent());
            if (Files.exists(original, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(original, real);
                GuestInstall.copyTree(real, decoy);
            }
            Files.createDirectories(original.getParent());
            Files.createSymbolicLink(original, Path.of(target));
        }

        /**
         * Installs, uninstalls and dry-runs on the linked root, checking each time that nothing
         * outside the root changed and that the guest sees what it sees on a root without links.
         */
        void check(Shell shell) throws IOException {
            Path root = install.root;
            // The relocated content: /outside and the top folder of the sandbox's own path (absolute links).
            List<String> skipped = List.of("outside", outside.getName(0).toString());
            Map<String, String> outsideBefore = outsideTheRoot();
            Map<String, String> linksBefore = links(root);

            Result dry = install.run(shell, "--dry-run");
            assertSucceeded(dry);
            Map<String, String> before = ScratchGuest.snapshot(root);

            long started = System.nanoTime();
            Result installed = install.run(shell);
            assertSucceeded(installed);
            assertSameView(expected.installed(), view(root, skipped), "install");
            assertBackupsBesideTheRealFiles(root);
            assertEquals(linksBefore, links(root), "every link stays a link, pointing where it did");
            ScratchGuest.assertSameTree(outsideBefore, outsideTheRoot(), "install wrote outside the root");

            Result uninstalled = install.run(shell, "--uninstall");
            assertSucceeded(uninstalled);
            assertSameView(expected.uninstalled(), view(root, skipped), "uninstall");
            assertEquals(linksBefore, links(root), "every link stays a link, pointing where it did");
            ScratchGuest.assertSameTree(outsideBefore, outsideTheRoot(), "uninstall wrote outside the root");
            assertEquals(List.of(), GuestInstall.temporaries(install.scratch), "no temporary file, work folder or lock is left");
            System.out.printf("containment (%s): install and uninstall in %d ms%n", shell,
                    (System.nanoTime() - started) / 1_000_000);

            // A dry run on a root that a run changed and put back writes nothing anywhere either.
            Map<String, String> again = ScratchGuest.snapshot(root);
            assertSucceeded(install.run(shell, "--dry-run"));
            ScratchGuest.assertSameTree(again, ScratchGuest.snapshot(root), "a dry run wrote in the root");
            ScratchGuest.assertSameTree(outsideBefore, outsideTheRoot(), "a dry run wrote outside the root");
            assertFalse(before.isEmpty());
        }

        /** The scratch folder without the root, the shims' own log and count, and TMPDIR (checked empty apart). */
        Map<String, String> outsideTheRoot() throws IOException {
            Map<String, String> all = ScratchGuest.snapshot(scratch);
            all.keySet().removeIf(path -> Stream.of("box/root", "box/calls", "box/count", "box/tmp")
                    .anyMatch(skip -> path.equals(skip) || path.startsWith(skip + "/")));
            return all;
        }

        private void assertBackupsBesideTheRealFiles(Path root) throws IOException {
            Map<String, String> found = new TreeMap<>();
            for (String backup : expected.backups().keySet()) {
                String file = backup.substring(0, backup.indexOf(".xenpv-STAMP"));
                Path real = GuestPaths.resolve(root, file);
                try (Stream<Path> siblings = Files.list(real.getParent())) {
                    for (Path sibling : siblings.filter(p -> p.getFileName().toString()
                            .matches(Pattern.quote(real.getFileName().toString()) + "\\.xenpv-\\d{8}T\\d{6}Z")).toList()) {
                        found.put(backup, ScratchGuest.describe(sibling, backup));
                    }
                }
            }
            assertEquals(expected.backups(), found, "each original is kept beside the file the guest's view leads to");
        }
    }

    /** The guest's view without backups (checked apart) and /proc (the shims' stand-in kernel), links shown as what they lead to. */
    private static Map<String, String> view(Path root, List<String> skipped) throws IOException {
        List<String> skip = new ArrayList<>(skipped);
        skip.add("proc");
        return GuestPaths.snapshot(root, skip).entrySet().stream()
                .filter(entry -> !BACKUP.matcher(entry.getKey()).matches())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().replace("link to ", ""),
                        (a, b) -> a, TreeMap::new));
    }

    private static Map<String, String> backups(Path root) throws IOException {
        return GuestPaths.snapshot(root, List.of("proc")).entrySet().stream()
                .filter(entry -> entry.getKey().matches(".*\\.xenpv-STAMP$"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    private static void assertSameView(Map<String, String> expected, Map<String, String> actual, String what) {
        ScratchGuest.assertSameTree(expected, actual, what + ": the guest's view differs from a root without links");
    }

    /** Every symbolic link under {@code root}, by path, with its target. */
    private static Map<String, String> links(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isSymbolicLink).sorted(Comparator.naturalOrder()).collect(Collectors.toMap(
                    path -> root.relativize(path).toString(), path -> {
                        try {
                            return Files.readSymbolicLink(path).toString();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, (a, b) -> a, TreeMap::new));
        }
    }

    private static void assertSucceeded(Result result) {
        assertEquals(0, result.exit(), result::describe);
    }
}
