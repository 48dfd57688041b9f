package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.checkers.Checkers;
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

    /** A run that found everything done: no step that changes something says "done" (the checks, SHA256SUMS's too, always do). */
    private static void assertChangesNothing(Result run) {
        assertEquals(List.of(), run.stdout().lines().filter(line -> line.matches(".*: done( \\(.*)?"))
                        .filter(line -> !line.matches(".*: (preflight|verify|checksums): done( \\(every file .*)?")).toList(),
                "a second run changes nothing:\n" + run.stdout());
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
        if (guest.release() == Release.RHEL4) {
            // By name, kmod-xenpv-smp would go first and fail: it requires modversions.
            assertTrue(installed.stdout().contains("the RPMs install in this order: module-init-tools-3.1-0.pre5.3.10"
                    + ".noarch.rpm modversions-1.0-4.el4_6.1.noarch.rpm kmod-xenpv-smp-0.1-10.el4.noarch.rpm"), installed.stdout());
        }
        assertNoHostDepmod(machine, guest.kernelRelease());
        assertEquals("#xenpv-replaced# alias eth0 8139too\n" + guest.blockBegin() + "\n", machine.read("etc/modprobe.conf")
                .substring(0, ("#xenpv-replaced# alias eth0 8139too\n" + guest.blockBegin() + "\n").length()),
                "the base alias of the PV interface is commented out, the block follows");
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

    /**
     * The live route of README.txt: the install with --offline inside the running guest (rpm runs
     * kmod-xenpv's %post there: the guest's own depmod and weak-modules), dom0 moves the domain
     * and attaches the disks, the guest boots, the install runs again and mounts.
     */
    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL5_KMOD, Rhel45Guests.RHEL4_IN_KERNEL})
    void theLiveRouteInstallsInsideTheGuestAndItsNextBootsHaveThePvDisks(String name) throws Exception {
        Bundle bundle = bundle(name, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "bash");
        Boot before = machine.boot(guest.kernelRelease());
        assertTrue(before.finished(), before::describe);
        String folder = machine.copyBundle(bundle.folder(), guest.name());
        Result offline = machine.run("sh " + folder + "/install-guest.sh --offline");
        assertEquals(0, offline.exit(), offline::describe);
        assertEquals(guest.kmod(), Files.exists(machine.root().resolve(Rhel45Rpms.POST_MARK)),
                "kmod-xenpv's %post runs on a live guest");
        if (guest.kmod()) {
            assertTrue(offline.stdout().contains("depmod: already done"), "the %post's depmod took the modules in:\n"
                    + offline.stdout());
            assertTrue(machine.read(guest.moduleDep().substring(1)).contains(guest.moduleDirectory() + "/xen-vbd.ko:"),
                    "weak-modules linked the modules for the running kernel");
        }

        machine.moveDomain(guest);
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        Boot started = machine.boot(guest.kernelRelease());
        assertTrue(started.finished(), started::describe);
        Result finished = machine.run("sh " + folder + "/install-guest.sh");
        assertEquals(0, finished.exit(), finished::describe);
        assertTrue(finished.stdout().contains("modprobe xen-vbd: already done"), finished.stdout());
        assertTrue(finished.stdout().indexOf("nodes: done") < finished.stdout().indexOf("/etc/fstab: done"), finished.stdout());

        assertPvDisksWork(machine, guest, machine.boot(guest.kernelRelease()));
        Result again = machine.run("sh " + folder + "/install-guest.sh");
        assertEquals(0, again.exit(), again::describe);
        assertChangesNothing(again);
    }

    /**
     * SPEC §16: a kernel update whose symbol versions kmod-xenpv's modules do not fit (weak-modules
     * links nothing into it) boots without the PV disks, printing one line, and xenpv-verify names
     * the cause.
     */
    @Test
    void aKernelUpdateWithoutTheDriverBootsOnWithoutThePvDisks() throws Exception {
        // The declaration leaves pass out: SPEC §16's default, 0, is what keeps this boot going.
        Bundle bundle = bundle(Rhel45Guests.RHEL4_KMOD, guest -> { });
        ValidGuest guest = bundle.guest();
        assertTrue(guest.partitions().stream().allMatch(partition -> partition.pass() == 0), guest.partitions()::toString);
        Rhel45Machine machine = machine(guest, "dash");
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        machine.moveDomain(guest);
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        assertPvDisksWork(machine, guest, machine.boot(guest.kernelRelease()));

        machine.installKernel(RHEL4_OTHER_KABI, false);
        Boot updated = machine.boot(RHEL4_OTHER_KABI.release());
        assertTrue(updated.finished(), updated::describe);
        assertEquals(List.of("xenpv: xen-vbd did not load on kernel " + RHEL4_OTHER_KABI.release() + ": its modules.dep "
                + "lacks kmod-xenpv's modules, or the kernel refused them; boot goes on without the PV disks. Boot "
                + guest.kernelRelease() + ", or install kmod-xenpv built for " + RHEL4_OTHER_KABI.release()
                + " and run depmod -a", "xenpv: xen-vnif did not load on kernel " + RHEL4_OTHER_KABI.release()
                + ": the PV NICs stay down; see xenpv-verify"),
                updated.log().stream().filter(line -> line.startsWith("xenpv:")).toList(), updated::describe);
        assertFalse(machine.read("proc/mounts").contains("/dev/xvd"), updated::describe);
        Result verify = machine.run(ValidGuest.VERIFY_SCRIPT);
        assertEquals(1, verify.exit(), verify::describe);
        assertTrue(verify.stdout().lines().anyMatch(line -> line.matches("module +xen_vbd +loaded +missing +FAILED")),
                verify.stdout());
        assertTrue(verify.stdout().lines().anyMatch(line -> line.matches("why +xen_platform_pci +no module for kernel "
                + RHEL4_OTHER_KABI.release().replace(".", "\\.") + " in /lib/modules/.*/modules\\.dep \\(FATAL: Module "
                + "xen_platform_pci not found\\.\\): kmod-xenpv's modules reach a kernel it was not built for only through "
                + "weak-modules' links.*")), verify.stdout());
        assertTrue(verify.stdout().lines().anyMatch(line -> line.matches("why +xen_vbd +it needs xen_platform_pci, which "
                + "is not loaded")), verify.stdout());

        assertPvDisksWork(machine, guest, machine.boot(guest.kernelRelease()));
    }

    /**
     * SPEC §16's arch preflight on RHEL 4 and 5: the image's rpm database says which build its
     * kernel is; an x86_64 bundle for an image whose kernel-smp is the i686 build is refused before
     * anything is written, naming both.
     */
    @Test
    void anImageWhoseKernelPackageIsAnotherArchIsRefusedBeforeAnyWrite() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL4_KMOD, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        KernelArchTest.installInto(machine.root(), KernelArchTest.kernelRpm(scratch.resolve("rpmbuild-kernel"),
                "kernel-smp", guest.kernelRelease(), "i686"));
        Map<String, String> before = ScratchGuest.snapshot(machine.root());

        Result refused = imageInstall(machine, bundle);
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("kernel " + guest.kernelRelease() + " is the i686 build (kernel-smp-2.6.9-67.0.1.EL"
                + ".i686 owns /boot/vmlinuz-" + guest.kernelRelease() + ") but the bundle is for x86_64 (<arch>): set "
                + "<arch>i686</arch> and rebuild, and use the kmod-xenpv RPMs built for i686"), refused.describe());
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(machine.root()), "nothing written");
    }

    /** The matching build goes on, and the preflight says which package it checked. */
    @Test
    void anImageWhoseKernelPackageIsTheDeclaredArchIsInstalled() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_IN_KERNEL, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        KernelArchTest.installInto(machine.root(), KernelArchTest.kernelRpm(scratch.resolve("rpmbuild-kernel"),
                "kernel-PAE", guest.kernelRelease(), "i686"));

        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        assertTrue(installed.stdout().contains("preflight: kernel " + guest.kernelRelease() + " is kernel-PAE-2.6.18-164.el5"
                + ".i686, the i686 build <arch> names"), installed.stdout());
    }

    /**
     * SPEC §16's unresolved symbols on RHEL 4: kmod-xenpv's modules copied by hand into a kernel
     * whose symbol versions differ (RHEL 3's habit) and listed by the guest's depmod; the kernel
     * refuses them ("disagrees about version of symbol"), the boot prints one line and reaches
     * the login prompt, and xenpv-verify quotes the kernel.
     */
    @Test
    void aDriverTheKernelRefusesCostsOneLineAndVerifyQuotesTheKernel() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL4_KMOD, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        machine.moveDomain(guest);
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        machine.installKernel(RHEL4_OTHER_KABI, false);
        String other = RHEL4_OTHER_KABI.release();
        Result copied = machine.run("mkdir -p /lib/modules/" + other + "/extra/xenpv && cp " + guest.driverDirectory()
                + "/*.ko /lib/modules/" + other + "/extra/xenpv/ && depmod -a " + other);
        assertEquals(0, copied.exit(), copied::describe);

        Boot refused = machine.boot(other);
        assertTrue(refused.finished(), refused::describe);
        assertEquals(List.of("xenpv: xen-vbd did not load on kernel " + other + ": its modules.dep lacks kmod-xenpv's "
                + "modules, or the kernel refused them; boot goes on without the PV disks. Boot " + guest.kernelRelease()
                + ", or install kmod-xenpv built for " + other + " and run depmod -a", "xenpv: xen-vnif did not load on "
                + "kernel " + other + ": the PV NICs stay down; see xenpv-verify"),
                refused.log().stream().filter(line -> line.startsWith("xenpv:")).toList(), refused::describe);
        assertFalse(machine.read("proc/mounts").contains("/dev/xvd"), refused::describe);
        Result verify = machine.run(ValidGuest.VERIFY_SCRIPT);
        assertEquals(1, verify.exit(), verify::describe);
        assertTrue(verify.stdout().lines().anyMatch(line -> line.matches("why +xen_platform_pci +kernel "
                + other.replace(".", "\\.") + " refused it: disagrees about version of symbol pci_register_driver \\(a "
                + "module built for another kernel, whose symbol versions differ\\)")), verify.stdout());
    }

    /**
     * SPEC §16's detached PV disk on RHEL 5: xen-vbd loads but dom0 attaches no disk; the boot
     * script waits its bound (30 simulated seconds in all, not per node), says so for each node
     * and the boot reaches the login prompt; xenpv-verify says the disk is not attached.
     */
    @Test
    void aDetachedPvDiskCostsTheBoundedWaitAndVerifyNamesIt() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_IN_KERNEL, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        machine.moveDomain(guest);

        Boot boot = machine.boot(guest.kernelRelease());
        assertTrue(boot.finished(), boot::describe);
        List<String> said = boot.log().stream().filter(line -> line.startsWith("xenpv:")).toList();
        assertEquals(guest.partitions().stream().map(partition -> "xenpv: " + partition.node().path() + " did not appear "
                + "within " + ValidGuest.NODE_WAIT_SECONDS + " seconds of xen-vbd loading on kernel " + guest.kernelRelease()
                + ": is its disk attached? Boot goes on without it; xenpv-verify names what is missing").toList(), said,
                boot::describe);
        assertEquals(String.valueOf(ValidGuest.NODE_WAIT_SECONDS), machine.read(".sim/clock").strip(),
                "the wait is bounded once for all nodes");
        Result verify = machine.run(ValidGuest.VERIFY_SCRIPT);
        assertEquals(1, verify.exit(), verify::describe);
        String disk = guest.disks().get(0).node().name();
        assertTrue(verify.stdout().lines().anyMatch(line -> line.matches("why +" + disk + " +the disk is not attached on "
                + "this boot: on dom0, /etc/xen/" + guest.name() + " must list it and its source must exist")),
                verify.stdout());
    }

    /** The swap partition of a PV disk: udev's node is there once rc.modules has waited, and swapon -a -e enables it. */
    @Test
    void aPvDiskHoldingSwapIsEnabledByTheBoot() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_KMOD, guest -> guest.getDisks().get(0).getPartitions()
                .add(SeedGuest.partition("2", "swap")));
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        assertTrue(machine.read("etc/fstab").contains("/dev/xvda2 swap swap defaults 0 0"), machine.read("etc/fstab"));
        machine.moveDomain(guest);
        machine.write(".sim/probe-delay", "5\n", "rw-r--r--");
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        Boot boot = machine.boot(guest.kernelRelease());
        assertPvDisksWork(machine, guest, boot);
        assertTrue(machine.read("proc/swaps").lines().anyMatch(line -> line.startsWith("/dev/xvda2\t")), boot::describe);
        assertEquals("5", machine.read(".sim/clock").strip(), "rc.modules waited until the disk appeared, no longer");
    }

    /** RHEL 5 runs /etc/rc.modules with / read-only and before /usr is mounted: the boot script needs neither. */
    @Test
    void rhel5sReadOnlyRootAndASeparateUsrDoNotStopTheBootScript() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_IN_KERNEL, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        machine.write("etc/fstab", Rhel45Machine.stockFstab(Release.RHEL5)
                + "LABEL=/usr              /usr                    ext3    defaults        1 2\n", "rw-r--r--");
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        machine.moveDomain(guest);
        machine.attachDisks(guest, partition -> partition.swap() ? "swap" : "ext3");
        Boot boot = machine.boot(guest.kernelRelease());
        assertTrue(boot.log().contains("/usr is a separate file system, not mounted yet"), boot::describe);
        assertTrue(boot.log().contains("sysinit:352 /etc/rc.modules (/ read-only)"), boot::describe);
        assertFalse(boot.log().stream().anyMatch(line -> line.contains("Read-only file system")
                || line.contains("not found") || line.startsWith("xenpv:")), boot::describe);
        assertPvDisksWork(machine, guest, boot);
    }

    /** The read-only part of the simulated boot is read-only: a boot script that writes under / fails there, as on RHEL 5. */
    @Test
    void theSimulatorsReadOnlyRootRefusesAWrite() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_IN_KERNEL, guest -> { });
        Rhel45Machine machine = machine(bundle.guest(), "dash");
        machine.write("etc/sysconfig/modules/writes.modules", "#!/bin/sh\necho boot > /etc/written-at-boot\n", "rwxr-xr-x");
        Boot boot = machine.boot(bundle.guest().kernelRelease());
        assertTrue(boot.finished(), boot::describe);
        assertTrue(boot.log().stream().anyMatch(line -> line.contains("Read-only file system")), boot::describe);
        assertFalse(Files.exists(machine.root().resolve("etc/written-at-boot")));
    }

    /**
     * The simulator's modprobe opens the paths of modules.dep as written, as module-init-tools 3.3
     * does: the relative paths a modern (kmod) depmod writes do not load on RHEL 5.
     */
    @Test
    void aModulesDepWithRelativePathsLoadsNothing() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_IN_KERNEL, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        String tree = "/lib/modules/" + guest.kernelRelease() + "/";
        machine.write(guest.moduleDep().substring(1), machine.read(guest.moduleDep().substring(1)).replace(tree, ""),
                "rw-r--r--");
        Result modprobe = machine.run("modprobe xen-vbd");
        assertEquals(1, modprobe.exit(), modprobe::describe);
        assertTrue(modprobe.stderr().contains("FATAL: Could not open 'kernel/drivers/xenpv_hvm/blkfront/xen-vbd.ko': "
                + "No such file or directory"), modprobe::describe);
    }

    /** kudzu: after the move the domain's PCI devices changed (type=netfront drops the Realtek); off, it cannot ask. */
    @Test
    void kudzuIsOffAfterTheInstallAndBackAfterTheUninstall() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_KMOD, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        Map<String, String> before = ScratchGuest.snapshot(machine.root().resolve("etc/rc.d"));
        machine.moveDomain(guest);
        Boot stock = machine.boot(guest.kernelRelease());
        assertTrue(stock.kudzuAsked(), "without the install, kudzu asks at the console:\n" + stock.describe());

        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        for (int level = 2; level <= 5; level++) {
            assertEquals(List.of("K95kudzu"), kudzuLinks(machine, level), "runlevel " + level);
        }
        assertEquals(List.of("K95kudzu"), kudzuLinks(machine, 6), "chkconfig off leaves 0, 1 and 6 alone");
        machine.attachDisks(guest, partition -> "ext3");
        assertPvDisksWork(machine, guest, machine.boot(guest.kernelRelease()));

        Result uninstalled = imageInstall(machine, bundle, "--uninstall");
        assertEquals(0, uninstalled.exit(), uninstalled::describe);
        assertTrue(uninstalled.stdout().contains("kudzu: restored"), uninstalled.stdout());
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(machine.root().resolve("etc/rc.d")),
                "the runlevel links and rc.modules as before the install");
    }

    private static List<String> kudzuLinks(Rhel45Machine machine, int level) throws IOException {
        try (Stream<Path> links = Files.list(machine.root().resolve("etc/rc.d/rc" + level + ".d"))) {
            return links.map(path -> path.getFileName().toString()).filter(link -> link.endsWith("kudzu")).sorted().toList();
        }
    }

    /** The uninstall puts back every file of the image, modules.dep and modprobe.conf included. */
    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL5_IN_KERNEL})
    void theImageUninstallPutsEveryFileBack(String name) throws Exception {
        Bundle bundle = bundle(name, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = machine(guest, "dash");
        Map<String, String> etc = ScratchGuest.snapshot(machine.root().resolve("etc"));
        String moduleDep = machine.read(guest.moduleDep().substring(1));
        Result installed = imageInstall(machine, bundle);
        assertEquals(0, installed.exit(), installed::describe);
        Result again = imageInstall(machine, bundle);
        assertEquals(0, again.exit(), again::describe);
        assertChangesNothing(again);
        Checkers.modulesConf(machine.root().resolve("etc/modprobe.conf"));

        Result uninstalled = imageInstall(machine, bundle, "--uninstall");
        assertEquals(0, uninstalled.exit(), uninstalled::describe);
        Map<String, String> after = ScratchGuest.snapshot(machine.root().resolve("etc"));
        after.keySet().removeIf(path -> path.matches(".*\\.xenpv-STAMP(-\\d+)?"));
        ScratchGuest.assertSameTree(etc, after, "/etc as before the install, backups aside");
        assertEquals(moduleDep, machine.read(guest.moduleDep().substring(1)));
    }

    /** --dry-run on an image writes nothing anywhere, not even an rpm database entry or a kudzu link. */
    @ParameterizedTest
    @ValueSource(strings = {Rhel45Guests.RHEL4_KMOD, Rhel45Guests.RHEL5_IN_KERNEL})
    void aDryRunChangesNothing(String name) throws Exception {
        Bundle bundle = bundle(name, guest -> { });
        Rhel45Machine machine = machine(bundle.guest(), "dash");
        Map<String, String> before = ScratchGuest.snapshot(machine.root());
        Result dryRun = imageInstall(machine, bundle, "--dry-run");
        assertEquals(0, dryRun.exit(), dryRun::describe);
        assertTrue(dryRun.stdout().contains("kudzu: would stop it starting at boot"), dryRun.stdout());
        assertEquals(List.of(), rpmPackages(machine).stream().filter(rpm -> rpm.startsWith("kmod-xenpv")).toList());
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(machine.root()), "--dry-run changed the image");
    }

    private static List<String> rpmPackages(Rhel45Machine machine) {
        Result query = ScratchGuest.run(List.of("rpm", "--root", machine.root().toString(), "-qa", "--qf", "%{NAME}\\n"),
                Map.of(), null);
        assertEquals(0, query.exit(), query::describe);
        return query.stdout().lines().toList();
    }

    /**
     * A kernel the model takes to carry the drivers (the 4.7 and 5.3 boundaries are not verified
     * against a public source) but whose modules.dep lists no xen-vbd: the preflight says so before
     * anything changes.
     */
    @Test
    void aKernelWithoutTheDriversItShouldCarryFailsThePreflight() throws Exception {
        Bundle bundle = bundle(Rhel45Guests.RHEL5_IN_KERNEL, guest -> { });
        ValidGuest guest = bundle.guest();
        Rhel45Machine machine = Rhel45Machine.stock(scratch.resolve("root"), Rhel45Machine.userland(shared, "dash"),
                guest.release(), RHEL5_IN_KERNEL, false, guest.arch().unameMachine());
        Map<String, String> before = ScratchGuest.snapshot(machine.root());
        Result installed = imageInstall(machine, bundle);
        assertEquals(1, installed.exit(), installed::describe);
        assertTrue(installed.stderr().contains("step preflight failed: " + guest.moduleDep() + " lists no xen-vbd.ko: "
                + "RHEL 5 kernels carry the PV drivers from RHEL 5.3 on, and kernel " + guest.kernelRelease() + " does not"),
                installed::describe);
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(machine.root()), "a failed preflight changed the image");
    }
}
