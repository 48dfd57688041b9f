package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.fixtures.Rhel45Guests;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.ValidPartition;
import io.github.xenpv.scripts.Rhel45Machine.Boot;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §15's guests' lives: the four guests of examples/rhel4 and examples/rhel5 installed into
 * scratch images of their release (the image route, with this machine's real rpm) or on the
 * running guest (inside it, through chroot), then booted in their release's rc.sysinit order by
 * {@link Rhel45Machine}: modprobe through modules.dep as module-init-tools 3.x reads it, the disks
 * appearing after xen-vbd loads, udev's nodes, / read-only during RHEL 5's /etc/rc.modules. After
 * each boot the PV file systems are mounted, PV swap is on and xenpv-verify passes; a kernel
 * without the driver costs a line, never the boot.
 */
class Rhel45LifeTest {

    /** RHEL 4.6's first kernel, which kmod-xenpv is built for, and an errata kernel with the same symbol versions. */
    static final Kernel26 RHEL4_DRIVER_KERNEL = new Kernel26("2.6.9-67.ELsmp", "rhel4-u6-smp", "smp x86_64 gcc");
    static final Kernel26 RHEL4_KERNEL = new Kernel26("2.6.9-67.0.1.ELsmp", "rhel4-u6-smp", "smp x86_64 gcc");
    /** A later RHEL 4 kernel whose symbol versions kmod-xenpv's modules do not fit. */
    static final Kernel26 RHEL4_OTHER_KABI = new Kernel26("2.6.9-67.0.22.ELsmp", "rhel4-u6-smp-z", "smp x86_64 gcc");
    static final Kernel26 RHEL4_IN_KERNEL = new Kernel26("2.6.9-89.0.25.EL", "rhel4-u8", "i686 gcc");
    static final Kernel26 RHEL5_DRIVER_KERNEL = new Kernel26("2.6.18-92.el5", "rhel5-u2", "x86_64 gcc");
    static final Kernel26 RHEL5_KERNEL = new Kernel26("2.6.18-92.1.10.el5", "rhel5-u2", "x86_64 gcc");
    static final Kernel26 RHEL5_IN_KERNEL = new Kernel26("2.6.18-164.el5PAE", "rhel5-u4-pae", "PAE i686 gcc");

    @TempDir
    static Path shared;

    @TempDir
    Path scratch;

    @BeforeAll
    static void root() {
        ScratchGuest.requireRoot();
    }

    /** A guest of the examples, changed by {@code change}: its bundle, with its driver RPMs beside install-guest.sh. */
    private Bundle bundle(String name, Consumer<Guest> change) throws Exception {
        Guest declaration = Rhel45Guests.declaration(name);
        change.accept(declaration);
        ValidGuest guest = SeedGuest.validOnly(declaration);
        Path out = scratch.resolve("out");
        new BundleGenerator(out, null).generate(List.of(guest));
        Path folder = out.resolve(guest.name());
        if (guest.kmod()) {
            for (Path rpm : Rhel45Rpms.build(scratch.resolve("rpmbuild"), guest, driverKernel(guest))) {
                Files.copy(rpm, folder.resolve("guest").resolve(rpm.getFileName()));
            }
        }
        return new Bundle(guest, folder);
    }

    private record Bundle(ValidGuest guest, Path folder) {
    }

    private static Kernel26 driverKernel(ValidGuest guest) {
        return guest.release() == Release.RHEL4 ? RHEL4_DRIVER_KERNEL : RHEL5_DRIVER_KERNEL;
    }

    /** The kernel the guest of the examples runs. */
    private static Kernel26 kernel(ValidGuest guest) {
        return switch (guest.name()) {
            case Rhel45Guests.RHEL4_KMOD -> RHEL4_KERNEL;
            case Rhel45Guests.RHEL4_IN_KERNEL -> RHEL4_IN_KERNEL;
            case Rhel45Guests.RHEL5_KMOD -> RHEL5_KERNEL;
            default -> RHEL5_IN_KERNEL;
        };
    }

    /** A stock image of the guest's release running its kernel (and, for a kmod guest, the driver's kernel too). */
    private Rhel45Machine machine(ValidGuest guest, String shell) throws IOException {
        Rhel45Machine machine = Rhel45Machine.stock(scratch.resolve("root"), Rhel45Machine.userland(shared, shell),
                guest.release(), kernel(guest), !guest.kmod(), guest.arch().unameMachine());
        if (guest.kmod()) {
            machine.installKernel(driverKernel(guest), false);
        }
        // The packages of the image that matter here, in its rpm database.
        List<Path> installed = new java.util.ArrayList<>(List.of(Rhel45Rpms.shell(shared.resolve("rpmbuild-stock"))));
        if (guest.release() == Release.RHEL4) {
            installed.add(Rhel45Rpms.oldModuleInitTools(shared.resolve("rpmbuild-stock")));
        }
        for (Path rpm : installed) {
            Rhel45Machine.exec(List.of("rpm", "--root", machine.root().toString(), "-i", "--justdb", "--noscripts",
                    "--nodeps", rpm.toString()));
        }
        return machine;
    }

    /** The image route: install-guest.sh --root --offline run on this machine, with its real rpm on PATH (and its depmod). */
    private static Result imageInstall(Rhel45Machine machine, Bundle bundle, String... more) {
        List<String> command = new java.util.ArrayList<>(List.of("dash",
                bundle.folder().resolve("guest/install-guest.sh").toString(), "--root", machine.root().toString(), "--offline"));
        command.addAll(List.of(more));
        return ScratchGuest.run(command, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"), null);
    }

    /**
     * The boot finished; every PV file system is mounted from its node, every PV swap partition
     * on; xenpv-verify passes; kudzu did not stop at the console.
     */
    private static void assertPvDisksWork(Rhel45Machine machine, ValidGuest guest, Boot boot) throws IOException {
        assertTrue(boot.finished(), boot::describe);
        for (ValidPartition partition : guest.partitions()) {
            if (partition.swap()) {
                assertTrue(machine.read("proc/swaps").contains(partition.node().path() + "\t"), boot::describe);
            } else {
                assertTrue(machine.lines("proc/mounts").contains(partition.node().path() + " " + partition.mountPoint() + " "
                        + partition.fsType() + " rw 0 0"), boot::describe);
            }
        }
        Result verify = machine.run(ValidGuest.VERIFY_SCRIPT);
        assertEquals(0, verify.exit(), () -> boot.describe() + "\n" + verify.describe());
        assertFalse(boot.kudzuAsked(), boot::describe);
    }

    /** The real modules.dep of the tree: module-init-tools 3.x's, never a kmod one (no binary index beside it). */
    private static void assertNoHostDepmod(Rhel45Machine machine, String kernel) throws IOException {
        try (Stream<Path> files = Files.list(machine.root().resolve("lib/modules/" + kernel))) {
            assertEquals(List.of(), files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".bin")).toList(),
                    "this machine's depmod wrote the image's module index");
        }
        assertTrue(machine.read("lib/modules/" + kernel + "/modules.dep").lines()
                .filter(line -> !line.startsWith("#")).allMatch(line -> line.startsWith("/lib/modules/")),
                "every modules.dep path is absolute");
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL5_KMOD})
    void aKmodGuestInstalledIntoItsImageBootsWithItsPvDisks(String name) throws Exception {
        Bundle bundle = bundle(name, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        assertFalse(Files.exists(machine.root().resolve(Rhel45Rpms.POST_MARK)), "kmod-xenpv's %post ran on this machine");
        assertNoHostDepmod(machine, guest.kernelRelease());
        assertTrue(machine.read(guest.moduleDep().substring(1)).startsWith(guest.blockBegin() + "\n"
                + guest.moduleDepLines().get(0) + "\n"), "the block comes first: modprobe takes the first line");

        machine.moveDomain(guest);
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        Boot boot = machine.boot(guest.kernelRelease());
        assertPvDisksWork(machine, guest, boot);
        String tree = guest.moduleDirectory();
        // modprobe loads xen-platform-pci first, through modules.dep. RHEL 4's rc.sysinit loads each
        // ifcfg's alias early (sysinit:239): eth0's xen-vnif comes before /etc/rc.modules' xen-vbd.
        assertEquals(guest.release() == Release.RHEL4
                ? List.of(tree + "/xen-platform-pci.ko", tree + "/xen-vnif.ko", tree + "/xen-vbd.ko")
                : List.of(tree + "/xen-platform-pci.ko", tree + "/xen-vbd.ko", tree + "/xen-vnif.ko"), boot.loaded());
        assertTrue(boot.log().indexOf("sysinit:239 load_module eth0") < 0 == (guest.release() == Release.RHEL5), boot::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_IN_KERNEL, Rhel45Guests.RHEL5_IN_KERNEL})
    void anInKernelGuestInstalledIntoItsImageBootsWithItsPvDisks(String name) throws Exception {
        Bundle bundle = bundle(name, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        String moduleDep = machine.read(guest.moduleDep().substring(1));
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        assertTrue(installed.stdout().contains("rpm: skipped (kernel " + guest.kernelRelease() + " carries the PV drivers"),
                installed.stdout());
        assertEquals(moduleDep, machine.read(guest.moduleDep().substring(1)), "the kernel package's modules.dep stays");

        machine.moveDomain(guest);
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        Boot boot = machine.boot(guest.kernelRelease());
        assertPvDisksWork(machine, guest, boot);
        assertTrue(boot.loaded().stream().allMatch(path -> path.contains("/kernel/drivers/xenpv_hvm/")), boot::describe);
    }
}
