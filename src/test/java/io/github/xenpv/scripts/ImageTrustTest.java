package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.Checkers.Shell;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §16 (Trust), issue 19 points 1 and 8: a guest image handed to the build host runs nothing
 * on it, and the install scripts check what they were given before they write. Every case runs
 * the generated scripts on scratch roots with the real rpm and rpmbuild.
 */
class ImageTrustTest {

    /** What the planted scriptlets write, each inside the image: any of them there means it ran. */
    static final List<String> MARKERS = List.of("trigger-ran", "filetrigger-ran", "transfiletrigger-ran", "pre-ran",
            "post-ran", "posttrans-ran");

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    /** A kmod-xenpv with %pre, %post and %posttrans, and a package of the image's that triggers on it. */
    static Path scriptedRpm;
    static Path triggerRpm;

    @TempDir
    Path scratch;

    @BeforeAll
    static void bundle() throws Exception {
        ScratchGuest.requireRoot();
        Checkers.require(Checkers.Tool.RPMBUILD);
        Path bundle = ScratchGuest.generateSeedBundle(shared.resolve("out"));
        Path pristine = shared.resolve("stock-root");
        ScratchGuest.createStockRoot(pristine);
        fixture = new GuestInstall.Fixture(bundle, pristine);
        scriptedRpm = rpmbuild(shared.resolve("rpmbuild"), "kmod-xenpv", driverFiles() + """
                %pre
                echo pre > /pre-ran
                %post
                echo post > /post-ran
                %posttrans
                echo posttrans > /posttrans-ran
                %files
                /""" + ScratchGuest.DRIVER_DIRECTORY + "\n");
        // A package already in the image: its triggers fire when kmod-xenpv, or a file under
        // /lib/modules, goes in; rpm would run them as root, chrooted into the image. It stands in
        // for the image's bash too: rpm wants the /bin/sh a package's scriptlets name.
        triggerRpm = rpmbuild(shared.resolve("rpmbuild"), "site-audit", """
                Provides: /bin/sh
                %description
                Triggers on kmod-xenpv, and provides the image's shell.
                %triggerin -- kmod-xenpv
                echo trigger > /trigger-ran
                %filetriggerin -- /lib/modules
                echo filetrigger > /filetrigger-ran
                %transfiletriggerin -- /lib/modules
                echo transfiletrigger > /transfiletrigger-ran
                %files
                """);
        Files.copy(scriptedRpm, bundle.resolve("guest").resolve(scriptedRpm.getFileName()));
    }

    private static String driverFiles() {
        StringBuilder install = new StringBuilder("%install\nmkdir -p %{buildroot}/" + ScratchGuest.DRIVER_DIRECTORY + "\n");
        for (String module : ScratchGuest.MODULES) {
            install.append("echo 'stand-in " + module + "' > %{buildroot}/" + ScratchGuest.DRIVER_DIRECTORY + "/" + module
                    + ".o\n");
        }
        return install.toString();
    }

    private static Path rpmbuild(Path topdir, String name, String body) throws IOException {
        Files.createDirectories(topdir);
        Path spec = topdir.resolve(name + ".spec");
        Files.writeString(spec, """
                Name: %s
                Version: 0.1
                Release: 5.el
                Summary: a package with scriptlets, for the trust tests
                License: GPL
                BuildArch: noarch
                AutoReqProv: no
                %%define debug_package %%{nil}
                %%define __os_install_post %%{nil}
                """.formatted(name) + (body.contains("%description") ? "" : """
                %description
                Writes a marker inside the root it is installed into from every scriptlet.
                """) + body);
        Result built = ScratchGuest.run(List.of("rpmbuild", "--define", "_topdir " + topdir, "--quiet", "-bb",
                spec.toString()), Map.of(), null);
        assertEquals(0, built.exit(), built::describe);
        try (Stream<Path> rpms = Files.walk(topdir.resolve("RPMS"))) {
            return rpms.filter(path -> path.getFileName().toString().startsWith(name + "-0.1")).findFirst().orElseThrow();
        }
    }

    /** The trigger package, which also stands in for the image's bash, in the root's rpm database. */
    private static void plantTriggerPackage(Path root) {
        Result planted = ScratchGuest.run(List.of("rpm", "--root", root.toString(), "-ivh", "--nodeps", "--noscripts",
                "--notriggers", triggerRpm.toString()), Map.of(), null);
        assertEquals(0, planted.exit(), planted::describe);
    }

    /**
     * A stock image with a working /bin/sh (busybox and the libraries it needs), so that a
     * scriptlet rpm ran would really run, and the trigger package in its rpm database.
     */
    private static void imageWithAShellAndATrigger(Path root) throws IOException {
        Checkers.require(Checkers.Tool.BUSYBOX);
        Path busybox = Path.of(ScratchGuest.run(List.of("sh", "-c", "command -v busybox"), Map.of(), null).stdout().strip());
        Files.createDirectories(root.resolve("bin"));
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        Result libraries = ScratchGuest.run(List.of("ldd", busybox.toString()), Map.of(), null);
        for (String word : libraries.stdout().split("\\s+")) {
            if (word.startsWith("/")) {
                Path library = root.resolve(word.substring(1));
                Files.createDirectories(library.getParent());
                Files.copy(Path.of(word), library);
            }
        }
        Result shell = ScratchGuest.run(List.of("chroot", root.toString(), "/bin/sh", "-c", "echo works"), Map.of(), null);
        assertEquals("works\n", shell.stdout(), shell::describe);
        plantTriggerPackage(root);
    }

    private static List<String> markers(Path root) {
        return MARKERS.stream().filter(marker -> Files.exists(root.resolve(marker))).toList();
    }

    @Test
    void underRootRpmRunsNoScriptletOfThePackageAndNoTriggerOfTheImage() throws Exception {
        GuestInstall guest = new GuestInstall(fixture, scratch);
        imageWithAShellAndATrigger(guest.root);

        // What the test would see if rpm ran them: every marker, on a copy of the same image.
        Path control = scratch.resolve("control");
        GuestInstall.copyTree(guest.root, control);
        Result plain = ScratchGuest.run(List.of("rpm", "--root", control.toString(), "-ivh", "--nodeps",
                scriptedRpm.toString()), Map.of(), null);
        assertEquals(0, plain.exit(), plain::describe);
        assertEquals(MARKERS, markers(control), "the stand-in must show a scriptlet that runs: " + plain.describe());

        Result install = guest.run(Shell.DASH, "--offline");
        assertEquals(0, install.exit(), install::describe);
        assertEquals(List.of(), markers(guest.root), "a scriptlet ran as root on this machine:\n" + install.describe());
        assertTrue(install.stdout().contains("install-guest.sh: rpm: done\n"), install::describe);
        Result installed = ScratchGuest.run(List.of("rpm", "--root", guest.root.toString(), "-q", "kmod-xenpv"), Map.of(), null);
        assertEquals(0, installed.exit(), installed::describe);
        for (String module : ScratchGuest.MODULES) {
            assertTrue(Files.isRegularFile(guest.root.resolve(ScratchGuest.DRIVER_DIRECTORY).resolve(module + ".o")), module);
        }
    }

    @Test
    void aModeFixNeverGoesThroughAHardLinkToAFileOutsideTheRoot() throws Exception {
        GuestInstall guest = new GuestInstall(fixture, scratch);
        // The image's rc.modules is already the bundle's, only its mode is wrong, and the image
        // was made with hard links (cp -al) from a file of this machine.
        Path outside = scratch.resolve("host-rc.modules");
        Files.copy(fixture.bundled("etc/rc.modules"), outside);
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createLink(guest.root.resolve("etc/rc.modules"), outside);
        // the driver already installed: the run's only change to rc.modules is its mode
        Result driver = ScratchGuest.run(List.of("rpm", "--root", guest.root.toString(), "-ivh", "--nodeps", "--noscripts",
                "--notriggers", scriptedRpm.toString()), Map.of(), null);
        assertEquals(0, driver.exit(), driver::describe);
        Result install = guest.run(Shell.BUSYBOX_SH, "--offline");
        assertEquals(0, install.exit(), install::describe);
        assertTrue(install.stdout().contains("/etc/rc.modules: done (mode 755)"), install.stdout());
        assertEquals("rwxr-xr-x", mode(guest.root.resolve("etc/rc.modules")));
        assertEquals("rw-r--r--", mode(outside), "the file outside the root changed its mode");
        assertEquals(Files.readString(fixture.bundled("etc/rc.modules")), Files.readString(outside));
        assertEquals(1, (Integer) Files.getAttribute(outside, "unix:nlink"), "the image's file is a file of its own now");
    }

    @Test
    void aBundleFileThatNoLongerMatchesItsChecksumStopsTheRunBeforeItsFirstWrite() throws Exception {
        Path copy = scratch.resolve("bundle");
        GuestInstall.copyTree(fixture.bundle(), copy);
        Path fstab = copy.resolve("guest/etc/fstab");
        Files.writeString(fstab, Files.readString(fstab).replace("/mnt/pvdisk_p1", "/mnt/elsewhere"));
        Files.delete(copy.resolve("guest/usr/local/sbin/xenpv-verify"));
        GuestInstall guest = new GuestInstall(new GuestInstall.Fixture(copy, fixture.pristine()), scratch);
        Map<String, String> before = ScratchGuest.snapshot(guest.root);
        for (Shell shell : Shell.values()) {
            for (String[] options : List.of(new String[] {"--offline"}, new String[] {"--offline", "--dry-run"},
                    new String[] {"--uninstall"})) {
                Result run = guest.run(shell, options);
                assertEquals(1, run.exit(), run::describe);
                assertTrue(run.stderr().startsWith("install-guest.sh: step preflight failed: guest/etc/fstab "
                        + "guest/usr/local/sbin/xenpv-verify does not match SHA256SUMS in " + copy + " (sha256sum -c: "),
                        run::describe);
                assertTrue(run.stderr().contains("the bundle changed since it was built; unpack it again (nothing was "
                        + "changed)"), run::describe);
                ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(guest.root), "the run wrote");
                assertFalse(run.stdout().contains("preflight: --root"), "preflight ran: " + run.describe());
            }
        }
        // install-dom0.sh checks the same sums
        Files.createDirectories(scratch.resolve("dom0/etc/xen"));
        Result dom0 = ScratchGuest.run(List.of("dash", copy.resolve("dom0/install-dom0.sh").toString(), "--root",
                scratch.resolve("dom0").toString()), guest.environment(Map.of()), scratch);
        assertEquals(1, dom0.exit(), dom0::describe);
        assertTrue(dom0.stderr().startsWith("install-dom0.sh: step preflight failed: guest/etc/fstab "), dom0::describe);
        assertFalse(Files.exists(scratch.resolve("dom0/var")), "the run took a lock");
    }

    @Test
    void aFullTmpdirInPreflightIsNamedNotAnEmptyModuleList() throws Exception {
        Checkers.require(Checkers.Tool.UNSHARE);
        GuestInstall guest = new GuestInstall(fixture, scratch);
        // TMPDIR on a tmpfs of 64 KiB, full: a folder can still be made there, no byte written.
        // Nothing of it can outlive the run: the tmpfs is the private mount namespace's, gone with
        // it; every process is in a PID namespace of its own, which the kernel empties when its
        // first process ends, and unshare kills that one when it ends itself (also when the run
        // times out and kills unshare); dd is bounded (128 KiB), and runs only on the tmpfs.
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--pid", "--fork",
                "--kill-child", "sh", "-c",
                // the real mount, not the shim on PATH
                "/usr/bin/mount -t tmpfs -o size=64k tmpfs \"$TMPDIR\" && { dd if=/dev/zero of=\"$TMPDIR/fill\" bs=4k "
                        + "count=32 2> /dev/null; exec \"$@\"; }", "sh"));
        command.addAll(guest.command(Shell.DASH, "--offline"));
        Result run = ScratchGuest.run(command, guest.environment(Map.of()), scratch);
        assertEquals(List.of(), ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .filter(line -> line.contains(guest.tmp.toString()) || line.contains(guest.root.toString())).isPresent())
                .map(process -> process.pid() + " " + process.info().commandLine().orElse("")).toList(),
                "a process of the run outlived it");
        assertFalse(Files.exists(guest.tmp.resolve("fill")), "dd wrote outside the tmpfs");
        assertEquals(1, run.exit(), run::describe);
        assertTrue(run.stderr().contains("install-guest.sh: step preflight failed: cannot write the RPM's file list to "
                + guest.tmp + "/xenpv-install-guest.sh."), run::describe);
        assertTrue(run.stderr().contains(": is " + guest.tmp + " full?"), run::describe);
        assertFalse(run.stderr().contains("the package's modules are"), run::describe);
    }

    @Test
    void aRootThatIsABindMountOfSlashIsTheLiveSystem() throws Exception {
        // In a chroot whose / is a scratch guest root, /mnt/self is / bound again: --root /mnt/self
        // is this system itself, so the running kernel must be the guest's, as without --root.
        Path chroot = scratch.resolve("chroot");
        GuestInstall.copyTree(fixture.pristine(), chroot);
        GuestInstall.copyTree(fixture.bundle(), chroot.resolve("bundle"));
        Files.createDirectories(chroot.resolve("mnt/self"));
        // Debian's awk is a link through /etc/alternatives, which the guest's /etc lacks
        Files.createDirectories(chroot.resolve("etc/alternatives"));
        Files.createSymbolicLink(chroot.resolve("etc/alternatives/awk"), Path.of("/usr/bin/awk").toRealPath());
        Files.createDirectories(chroot.resolve("tmp"));
        ScratchGuest.writeShims(chroot.resolve("shims"));
        Chroot.prepare(chroot);
        Map<String, String> before = ScratchGuest.snapshot(chroot);
        Map<String, String> environment = new TreeMap<>(Map.of("PATH", "/shims:" + Chroot.PATH, "XENPV_TEST_ROOT", "/",
                "XENPV_TEST_CALLS", "/calls", "XENPV_TEST_COUNT", "/count", "XENPV_TEST_UNAME_M", "x86_64",
                "XENPV_TEST_UNAME_R", "2.4.21-99.EL", "TMPDIR", "/tmp"));
        Result run = Chroot.run(chroot, List.of("sh", "-c", "/usr/bin/mount --bind / /mnt/self && exec dash "
                + "/bundle/guest/install-guest.sh --root /mnt/self --dry-run"), environment);
        assertEquals(1, run.exit(), run::describe);
        assertEquals("install-guest.sh: step preflight failed: this guest runs kernel 2.4.21-99.EL but the bundle is "
                + "for " + ScratchGuest.KERNEL + ": boot that kernel first\n", run.stderr(), run::describe);
        assertFalse(run.stdout().contains("stands in for uname"), run::describe);
        // the uname shim's own call log is the test's, not the run's
        Files.delete(chroot.resolve("calls"));
        Files.delete(chroot.resolve("count"));
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(chroot), "the dry run wrote");
    }

    @Test
    void aConfigHoldingAPasswordIsInstalledForRootAlone() throws Exception {
        Guest declaration = SeedGuest.declaration();
        declaration.setExtraConfig(Map.of("vncpasswd", "s3cret"));
        ValidGuest secret = SeedGuest.validOnly(declaration);
        new BundleGenerator(scratch.resolve("out"), null).generate(List.of(secret));
        Path dom0 = scratch.resolve("dom0");
        Path config = dom0.resolve("etc/xen/" + ScratchGuest.NAME);
        Files.createDirectories(config.getParent());
        Files.writeString(config, "name = \"rhel3_64_fv\"\nvncpasswd = \"old\"\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Path images = Files.createDirectories(dom0.resolve("var/lib/libvirt/images"));
        Files.writeString(images.resolve("rhel3_64_fv.dsk"), "boot disk");
        Files.writeString(images.resolve("UserStorage.dsk"), "PV disk");
        Files.createDirectories(scratch.resolve("tmp"));
        // the domain is shut off, as virsh and xm tell
        Path shims = Files.createDirectories(scratch.resolve("shims"));
        Files.writeString(shims.resolve("virsh"), "#!/bin/sh\n[ \"$1\" = domstate ] && echo 'shut off'\n");
        Files.writeString(shims.resolve("xm"), "#!/bin/sh\necho \"Error: Domain '$2' does not exist.\" >&2\nexit 1\n");
        for (String shim : List.of("virsh", "xm")) {
            Files.setPosixFilePermissions(shims.resolve(shim), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Result run = ScratchGuest.run(List.of("dash", scratch.resolve("out/rhel3_64_fv/dom0/install-dom0.sh").toString(),
                "--root", dom0.toString()), Map.of("PATH", shims + ":/usr/sbin:/usr/bin:/sbin:/bin", "TMPDIR",
                scratch.resolve("tmp").toString()), scratch);
        assertEquals(0, run.exit(), run::describe);
        assertTrue(Files.readString(config).contains("vncpasswd = \"s3cret\"\n"));
        assertEquals("rw-------", mode(config));
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }
}
