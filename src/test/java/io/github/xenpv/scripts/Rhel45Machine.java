package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.fixtures.InstalledFiles;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ValidDisk;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.ValidPartition;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scratch RHEL 4 or RHEL 5 guest that commands run inside, through chroot, booted in the order
 * of its release's rc.sysinit by the stand-ins of {@code bootsim26/}: modprobe reading
 * modules.dep as module-init-tools 3.x does, a kernel that checks what it loads (vermagic,
 * symbol versions) and connects xen-vbd's disks some seconds after it loads, udev making their
 * nodes, depmod and weak-modules for the guest's own packages. The userland is RHEL 3's of
 * {@link GuestMachine} (this machine's real tools at their RHEL places) with those stand-ins in
 * place of modutils, and RHEL 3's fsck, mount, swapon and uname stand-ins, which read this
 * machine's state through {@code /.sim/lib.sh}.
 *
 * <p>The boot runs in two parts: up to the remount of {@code /} read-write (RHEL 5: after
 * {@code fsck -A}; RHEL 4: after the root's own check) with the guest's {@code /} mounted
 * read-only in a private mount namespace, so any write there fails as it would on the guest
 * (only {@code /.sim}, {@code /proc} and {@code /dev}, the simulator's, the kernel's and udev's,
 * stay writable), then the rest.
 *
 * <p>What it cannot show is said in each stand-in: real modules and file systems, coldplug's
 * loading by modalias, kudzu's real probe, the network start beyond modprobe.
 */
final class Rhel45Machine {

    /** The stand-ins of bootsim26 and where each goes; fsck, mount, swapon and uname come from RHEL 3's. */
    private static final Map<String, String> STAND_INS = Map.ofEntries(Map.entry("modprobe", "sbin"),
            Map.entry("depmod", "sbin"), Map.entry("weak-modules", "sbin"), Map.entry("start_udev", "sbin"),
            Map.entry("udevsettle", "sbin"), Map.entry("sleep", "bin"), Map.entry("dmesg", "bin"),
            Map.entry("lib.sh", ".sim"), Map.entry("rc.sysinit.rhel4", ".sim"), Map.entry("rc.sysinit.rhel5", ".sim"),
            Map.entry("rc3", ".sim"));

    /** RHEL 4's and 5's init script of kudzu starts it early in runlevels 3, 4 and 5 (its chkconfig line). */
    static final String KUDZU_INIT = "#!/bin/bash\n#\n# kudzu\tThis scripts runs the kudzu hardware probe.\n#\n"
            + "# chkconfig: 345 05 95\n# description: This runs the hardware probe, and optionally configures\n"
            + "#              changed hardware.\n";

    /** The kudzu links anaconda leaves: on in 3, 4 and 5, off elsewhere. */
    static final List<String> STOCK_KUDZU_LINKS = List.of("rc0.d/K95kudzu", "rc1.d/K95kudzu", "rc2.d/K95kudzu",
            "rc3.d/S05kudzu", "rc4.d/S05kudzu", "rc5.d/S05kudzu", "rc6.d/K95kudzu");

    private final Path root;
    private final Release release;

    private Rhel45Machine(Path root, Release release) {
        this.root = root;
        this.release = release;
    }

    Path root() {
        return root;
    }

    /** The userland for /bin/sh = {@code shell}: RHEL 3's, with bootsim26's stand-ins, built once under {@code cache}. */
    static Path userland(Path cache, String shell) throws IOException {
        Path userland = cache.resolve("userland26-" + shell);
        if (Files.isDirectory(userland)) {
            return userland;
        }
        Path base = GuestMachine.userland(cache, shell);
        Path building = cache.resolve("userland26-" + shell + ".building");
        exec(List.of("cp", "-al", base.toString(), building.toString()));
        for (String rhel3Only : List.of("sbin/insmod", "sbin/depmod", ".sim/rc.sysinit")) {
            Files.deleteIfExists(building.resolve(rhel3Only));
        }
        for (Map.Entry<String, String> standIn : STAND_INS.entrySet()) {
            Path target = building.resolve(standIn.getValue()).resolve(standIn.getKey());
            Files.deleteIfExists(target);
            Files.createDirectories(target.getParent());
            try (InputStream text = Rhel45Machine.class.getResourceAsStream("/bootsim26/" + standIn.getKey())) {
                Files.copy(text, target);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.move(building, userland);
        return userland;
    }

    /**
     * A stock guest of {@code release} running {@code kernel} on {@code machine}: the files
     * anaconda leaves (fstab with root and swap on LVM, modprobe.conf and an ifcfg-eth0 for the
     * emulated Realtek, grub.conf, kudzu on), the kernel's module tree and modules.dep, an rpm
     * database, the emulated Realtek as the domain's only PCI NIC, no PV disk attached.
     */
    static Rhel45Machine stock(Path root, Path userland, Release release, Kernel26 kernel, boolean driversInKernel,
            String machine) throws IOException {
        exec(List.of("cp", "-al", userland.toString(), root.toString()));
        Rhel45Machine guest = new Rhel45Machine(root, release);
        guest.write("etc/fstab", stockFstab(release), "rw-r--r--");
        guest.write("etc/modprobe.conf", "alias eth0 8139too\n", "rw-r--r--");
        guest.write("etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\nONBOOT=yes\n", "rw-r--r--");
        guest.write("etc/sysconfig/hwconf", "rtl8139\n", "rw-r--r--");
        guest.write(".sim/pci", "rtl8139\n", "rw-r--r--");
        guest.write("etc/rc.d/rc.local", ScratchGuest.STOCK_RC_LOCAL, "rwxr-xr-x");
        Files.createSymbolicLink(root.resolve("etc/rc.local"), Path.of("rc.d/rc.local"));
        guest.write("etc/rc.d/init.d/kudzu", KUDZU_INIT, "rwxr-xr-x");
        guest.write("etc/rc.d/init.d/network", "#!/bin/bash\n# chkconfig: 2345 10 90\n", "rwxr-xr-x");
        for (String link : STOCK_KUDZU_LINKS) {
            Files.createDirectories(root.resolve("etc/rc.d").resolve(link).getParent());
            Files.createSymbolicLink(root.resolve("etc/rc.d").resolve(link), Path.of("../init.d/kudzu"));
        }
        Files.createSymbolicLink(root.resolve("etc/rc.d/rc3.d/S10network"), Path.of("../init.d/network"));
        Files.createSymbolicLink(root.resolve("etc/rc.d/rc3.d/S99local"), Path.of("../rc.local"));
        guest.write("boot/grub/grub.conf", stockGrubConf(release, kernel.release()), "rw-------");
        Files.createSymbolicLink(root.resolve("etc/grub.conf"), Path.of("../boot/grub/grub.conf"));
        guest.write("etc/group", "root:x:0:root\nbin:x:1:root,bin,daemon\ndisk:x:6:root\n", "rw-r--r--");
        guest.write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", "rw-r--r--");
        for (String folder : List.of("var/lock/subsys", "var/log", "root", "mnt", "srv", "usr/local/sbin", "dev", "proc",
                ".sim/ksyms")) {
            Files.createDirectories(root.resolve(folder));
        }
        for (String folder : List.of("tmp", "var/tmp")) {
            Files.createDirectories(root.resolve(folder));
            Files.setPosixFilePermissions(root.resolve(folder), PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        exec(List.of("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3"));
        guest.write(".sim/kernel", kernel.release() + "\n", "rw-r--r--");
        guest.write(".sim/machine", machine + "\n", "rw-r--r--");
        guest.write(".sim/release", release + "\n", "rw-r--r--");
        guest.write(".sim/disks", "", "rw-r--r--");
        exec(List.of("rpm", "--root", root.toString(), "--initdb"));
        guest.installKernel(kernel, driversInKernel);
        return guest;
    }

    /**
     * Installs {@code kernel} as its package does: its module tree (the emulated Realtek's driver,
     * and the PV drivers when {@code driversInKernel}: RHEL 4.7 and 5.3 on, at the path of RHEL 5's
     * source tree, drivers/xenpv_hvm [unverified]), its exported symbols, and the modules.dep its
     * %post writes with the guest's own depmod.
     */
    void installKernel(Kernel26 kernel, boolean driversInKernel) throws IOException {
        String tree = "lib/modules/" + kernel.release() + "/kernel/drivers/";
        kernel.realtekModules().forEach((file, text) -> writeQuietly(tree + "net/" + file, text));
        if (driversInKernel) {
            Map<String, String> folders = Map.of("xen-platform-pci.ko", "platform-pci", "xen-balloon.ko", "balloon",
                    "xen-vbd.ko", "blkfront", "xen-vnif.ko", "netfront");
            kernel.pvModules().forEach((file, text) -> writeQuietly(tree + "xenpv_hvm/" + folders.get(file) + "/" + file, text));
        }
        write(".sim/ksyms/" + kernel.release(), kernel.ksyms(), "rw-r--r--");
        Result depmod = run("/sbin/depmod -a " + kernel.release());
        assertEquals(0, depmod.exit(), depmod::describe);
    }

    private void writeQuietly(String relative, String text) {
        try {
            write(relative, text, "rw-r--r--");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** dom0 attaches the guest's PV disks: each partition holds {@code content}'s answer (ext3, ext2, swap or blank). */
    void attachDisks(ValidGuest guest, Function<ValidPartition, String> content) throws IOException {
        StringBuilder disks = new StringBuilder();
        for (ValidDisk disk : guest.disks()) {
            disks.append(disk.node().kernelName()).append(' ').append(disk.node().minor()).append(" disk\n");
            for (ValidPartition partition : disk.partitions()) {
                disks.append(partition.node().kernelName()).append(' ').append(partition.node().minor()).append(' ')
                        .append(content.apply(partition)).append('\n');
            }
        }
        write(".sim/disks", disks.toString(), "rw-r--r--");
    }

    /** The domain's PCI devices after dom0's new config: the emulated Realtek stays only with a typeless vif. */
    void moveDomain(ValidGuest guest) throws IOException {
        boolean emulatedNic = guest.networks().stream().anyMatch(network -> !network.pvOnly());
        write(".sim/pci", emulatedNic ? "rtl8139\n" : "", "rw-r--r--");
    }

    /** Copies the bundle's guest folder to /root/xenpv-NAME, as README.txt says. */
    String copyBundle(Path bundle, String name) {
        String folder = "/root/xenpv-" + name;
        exec(List.of("cp", "-a", bundle.resolve("guest").toString(), root.resolve(folder.substring(1)).toString()));
        return folder;
    }

    /** What one boot did; {@code kudzuAsked}: kudzu stopped at the console. */
    record Boot(List<String> log, List<String> fsck, List<String> loaded, boolean finished, boolean kudzuAsked) {
        String describe() {
            return "boot:\n  " + String.join("\n  ", log) + "\nfsck -A:\n  " + String.join("\n  ", fsck) + "\nloaded:\n  "
                    + String.join("\n  ", loaded);
        }
    }

    /**
     * Boots {@code kernel}: /proc and /dev start afresh, rc.sysinit runs its read-only part with
     * the guest's / mounted read-only, then, unless fsck stopped it, the rest.
     */
    Boot boot(String kernel) throws IOException {
        Checkers.require(Checkers.Tool.UNSHARE);
        write(".sim/kernel", kernel + "\n", "rw-r--r--");
        Files.deleteIfExists(root.resolve(".sim/kudzu-asked"));
        // A separate /usr is not mounted until mount -a: its content waits in /.sim until then.
        if (lines("etc/fstab").stream().anyMatch(line -> line.matches("[^#]\\S*\\s+/usr\\s.*"))
                && !Files.exists(root.resolve(".sim/usr-fs"))) {
            Files.move(root.resolve("usr"), root.resolve(".sim/usr-fs"));
            Files.createDirectories(root.resolve("usr"));
        }
        String sysinit = "/.sim/rc.sysinit." + release;
        Result readOnly = ScratchGuest.run(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "root=$1; shift; mount --bind \"$root\" \"$root\""
                        + " && for writable in .sim proc dev; do mount --bind \"$root/$writable\" \"$root/$writable\" || exit 1; done"
                        + " && mount -o remount,bind,ro \"$root\" && exec chroot \"$root\" \"$@\"",
                "sh", root.toString(), "/bin/sh", sysinit, "ro"), Map.of(), null);
        boolean finished = false;
        if (readOnly.exit() == 0) {
            Result rest = run("/bin/sh " + sysinit + " rw");
            finished = rest.exit() == 0;
        }
        List<String> log = new ArrayList<>(lines(".sim/boot.log"));
        if (readOnly.exit() != 0 && !Files.exists(root.resolve(".sim/stopped"))) {
            log.add("(the read-only part failed: " + readOnly.describe() + ")");
        }
        return new Boot(log, lines(".sim/fsck.log"), lines(".sim/insmod.log"), finished && log.contains("boot finished"),
                Files.exists(root.resolve(".sim/kudzu-asked")));
    }

    /** Runs {@code command} with /bin/sh inside the guest, as root, with the root PATH of RHEL 4 and 5. */
    Result run(String command) {
        return ScratchGuest.run(List.of("/usr/sbin/chroot", root.toString(), "/bin/sh", "-c", command),
                Map.of("PATH", "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin", "HOME", "/root",
                        "TMPDIR", "/tmp"), null);
    }

    List<String> lines(String relative) throws IOException {
        Path file = root.resolve(relative);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative));
    }

    void write(String relative, String text, String mode) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    static void exec(List<String> command) {
        Result result = ScratchGuest.run(command, Map.of(), null);
        assertEquals(0, result.exit(), result::describe);
    }

    /** The fstab anaconda writes for the release's default layout, columns and all. */
    static String stockFstab(Release release) {
        return release == Release.RHEL4 ? InstalledFiles.RHEL4_FSTAB : InstalledFiles.RHEL5_FSTAB;
    }

    /** grub.conf as anaconda writes it for {@code kernel}, with its splash image and hidden menu. */
    static String stockGrubConf(Release release, String kernel) {
        String product = release == Release.RHEL4 ? "Red Hat Enterprise Linux AS" : "Red Hat Enterprise Linux Server";
        return "# grub.conf generated by anaconda\ndefault=0\ntimeout=5\nsplashimage=(hd0,0)/grub/splash.xpm.gz\nhiddenmenu\n"
                + "title " + product + " (" + kernel + ")\n\troot (hd0,0)\n\tkernel /vmlinuz-" + kernel
                + " ro root=/dev/VolGroup00/LogVol00 rhgb quiet\n\tinitrd /initrd-" + kernel + ".img\n";
    }
}
