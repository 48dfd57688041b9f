package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.Checkers.Shell;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §16: {@code uname -m} prints {@code i686} on an athlon kernel and {@code x86_64} on an ia32e
 * one, so install-guest.sh's preflight asks the guest's rpm database which package owns
 * {@code /boot/vmlinuz-<release>} and compares its arch with {@code <arch>}: a mismatch is refused,
 * naming both, before anything is written; no package owning the image is said, and the install
 * goes on. The database is a real one, written by this machine's rpm from a stand-in kernel
 * package built with rpmbuild (only its arch and the image's path matter), read on an image with
 * {@code rpm --root} and, on the live route, by rpm inside the chroot. What the stand-in cannot
 * show: RHEL 3's rpm 4.2 itself (Debian's rpm 4.18 reads the same query format).
 */
class KernelArchTest {

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;

    @TempDir
    Path scratch;

    @BeforeAll
    static void fixture() throws Exception {
        fixture = GuestInstall.Fixture.create(shared);
    }

    /**
     * A stand-in kernel package of RHEL 3, 4 or 5: {@code name}-VERSION-RELEASE built for
     * {@code arch}, the kernel {@code release} ({@code uname -r}) without its variant suffix split at
     * its first '-' (2.4.21-52.ELsmp: 2.4.21 and 52.EL), owning {@code /boot/vmlinuz-<release>} as
     * Red Hat's kernel packages do.
     */
    static Path kernelRpm(Path topdir, String name, String release, String arch) throws IOException {
        Checkers.require(Checkers.Tool.RPMBUILD);
        Files.createDirectories(topdir);
        String build = release.replaceAll("(smp|hugemem|largesmp|PAE)$", "");
        Path spec = topdir.resolve(name + ".spec");
        Files.writeString(spec, """
                Name: %s
                Version: %s
                Release: %s
                Summary: stand-in for a Red Hat kernel package: only the image's path and the arch matter
                License: GPL
                AutoReqProv: no
                %%define debug_package %%{nil}
                %%define __os_install_post %%{nil}
                %%description
                The kernel image's path, owned by a package of one arch.
                %%install
                mkdir -p %%{buildroot}/boot
                echo 'stand-in kernel image' > %%{buildroot}/boot/vmlinuz-%s
                %%files
                /boot/vmlinuz-%s
                """.formatted(name, build.substring(0, build.indexOf('-')), build.substring(build.indexOf('-') + 1), release,
                release));
        Result built = ScratchGuest.run(List.of("rpmbuild", "--define", "_topdir " + topdir, "--quiet", "--target", arch,
                "-bb", spec.toString()), Map.of(), null);
        assertEquals(0, built.exit(), built::describe);
        try (Stream<Path> rpms = Files.walk(topdir.resolve("RPMS"))) {
            return rpms.filter(path -> path.toString().endsWith("." + arch + ".rpm")).findFirst().orElseThrow();
        }
    }

    /** Installs {@code rpm} into the database of the guest root {@code root} with this machine's rpm. */
    static void installInto(Path root, Path rpm) {
        Result installed = ScratchGuest.run(List.of("rpm", "--root", root.toString(), "-i", "--ignorearch", "--nodeps",
                "--noscripts", rpm.toString()), Map.of(), null);
        assertEquals(0, installed.exit(), installed::describe);
    }

    @Test
    void anImageWhoseKernelIsTheIa32eBuildIsRefusedBeforeAnyWrite() throws Exception {
        GuestInstall install = new GuestInstall(fixture, scratch);
        installInto(install.root, kernelRpm(scratch.resolve("rpmbuild"), "kernel", ScratchGuest.KERNEL, "ia32e"));
        Map<String, String> before = ScratchGuest.snapshot(install.root);

        Result refused = install.run(Shell.DASH, "--offline");
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("kernel " + ScratchGuest.KERNEL + " is the ia32e build (kernel-2.4.21-52.EL.ia32e "
                + "owns /boot/vmlinuz-" + ScratchGuest.KERNEL + ") but the bundle is for x86_64 (<arch>)"), refused.describe());
        assertTrue(refused.stderr().contains("set <arch>ia32e</arch>"), refused.describe());
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(install.root), "nothing written");
        assertEquals(List.of(), install.calls("rpm"), "the driver package is not installed");
    }

    @Test
    void anImageWhoseKernelIsTheDeclaredBuildIsInstalled() throws Exception {
        GuestInstall install = new GuestInstall(fixture, scratch);
        installInto(install.root, kernelRpm(scratch.resolve("rpmbuild"), "kernel", ScratchGuest.KERNEL, "x86_64"));

        Result installed = install.run(Shell.DASH, "--offline");
        assertEquals(0, installed.exit(), installed::describe);
        assertTrue(installed.stdout().contains("preflight: kernel " + ScratchGuest.KERNEL
                + " is kernel-2.4.21-52.EL.x86_64, the x86_64 build <arch> names"), installed.stdout());
    }

    @Test
    void anImageWithoutAKernelPackageSaysSoAndGoesOn() throws Exception {
        GuestInstall install = new GuestInstall(fixture, scratch);

        Result installed = install.run(Shell.DASH, "--offline");
        assertEquals(0, installed.exit(), installed::describe);
        assertTrue(installed.stdout().contains("preflight: no package in the rpm database owns /boot/vmlinuz-"
                + ScratchGuest.KERNEL + ": which build kernel " + ScratchGuest.KERNEL + " is cannot be checked against <arch> "
                + "x86_64"), installed.stdout());
    }

    /**
     * The live route, inside the guest (chroot) with rpm reading the guest's own database: an i686
     * guest whose SMP kernel is the athlon build is refused before anything is written.
     */
    @Test
    void aLiveGuestOnTheAthlonBuildOfItsKernelIsRefused() throws Exception {
        String release = ScratchGuest.KERNEL + "smp";
        Guest declaration = SeedGuest.declaration();
        declaration.setArch("i686");
        declaration.setKernelVariant("smp");
        ValidGuest guest = SeedGuest.validOnly(declaration);
        new BundleGenerator(scratch.resolve("out"), null).generate(List.of(guest));
        Path bundle = scratch.resolve("out").resolve(guest.name());
        Path driverRpm = ScratchGuest.buildDriverRpm(scratch.resolve("rpmbuild-driver"), "kmod-xenpv-smp",
                guest.driverDirectory().substring(1));
        Files.copy(driverRpm, bundle.resolve("guest").resolve(driverRpm.getFileName()));
        GuestMachine machine = GuestMachine.stock(scratch.resolve("root"), GuestMachine.userland(shared, "dash"), release,
                "i686", GuestMachine.STOCK_FSTAB);
        installInto(machine.root(), kernelRpm(scratch.resolve("rpmbuild-kernel"), "kernel-smp", release, "athlon"));
        String folder = machine.copyBundle(bundle, guest.name());
        Map<String, String> before = ScratchGuest.snapshot(machine.root());

        Result refused = machine.run("sh " + folder + "/install-guest.sh");
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("kernel " + release + " is the athlon build (kernel-smp-2.4.21-52.EL.athlon owns "
                + "/boot/vmlinuz-" + release + ") but the bundle is for i686 (<arch>); uname -m says i686 for both"),
                refused.describe());
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(machine.root()), "nothing written");
        assertFalse(machine.run("rpm -q kmod-xenpv-smp").exit() == 0, "the driver package is not installed");
    }
}
