package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.fixtures.InstalledFiles;
import io.github.xenpv.model.ValidDisk;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.ValidPartition;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A scratch RHEL 3 guest that commands run inside, through chroot: its own /bin, /sbin and /lib,
 * laid out as RHEL 3 lays them out (the tools boot uses in /bin and /sbin, on the root file
 * system; id, cmp, diff, dirname and the like in /usr/bin), so a /usr that is not mounted takes
 * them away as it would on the guest. The tools are this machine's real ones (dash, busybox or
 * bash as /bin/sh, GNU coreutils, sed, grep, mawk, Debian's rpm), copied with the libraries they
 * load. The kernel and the hardware are simulated by the stand-ins of {@code bootsim/} (insmod,
 * depmod, fsck, mount, swapon, uname), and {@code bootsim/rc.sysinit} boots it in the order of
 * RHEL 3's rc.sysinit.
 *
 * <p>What the simulation cannot show is said in each stand-in: real module symbols, real file
 * systems, the network start. What it shows is the order boot runs things in, which files and
 * tools each step finds, and whether every PV entry of fstab has its node and driver when
 * {@code fsck -A} runs.
 */
final class GuestMachine {

    /** The tools boot and the install scripts use, at their RHEL 3 places, from this machine's /usr/bin. */
    private static final Map<String, List<String>> TOOLS = Map.of(
            "bin", List.of("bash", "basename", "cat", "chgrp", "chmod", "cp", "cut", "date", "grep", "ln", "ls", "mkdir",
                    "mknod", "mv", "rm", "rmdir", "sed", "sleep", "sort", "touch", "true", "false", "rpm"),
            "usr/bin", List.of("id", "cmp", "diff", "dirname", "tr", "head", "tail", "wc", "expr", "find"));

    /** The stand-ins, from src/test/resources/bootsim, and where each goes. */
    private static final Map<String, String> STAND_INS = Map.of("insmod", "sbin", "depmod", "sbin", "fsck", "sbin",
            "swapon", "sbin", "mount", "bin", "uname", "bin", "lib.sh", ".sim", "rc.sysinit", ".sim",
            "kudzu", "etc/rc.d/init.d");

    /** The emulated NIC of an HVM guest (xend's ioemu vif): qemu-dm's Realtek RTL8139, as kudzu stores it. */
    static final String REALTEK = "10ec 8139 8139too Realtek|RTL-8139/8139C/8139C+";

    /** Run levels and links of a service as chkconfig makes them from "# chkconfig: 345 05 95". */
    private static final List<String> KUDZU_LINKS = List.of("rc0.d/K95kudzu", "rc1.d/K95kudzu", "rc2.d/K95kudzu",
            "rc3.d/S05kudzu", "rc4.d/S05kudzu", "rc5.d/S05kudzu", "rc6.d/K95kudzu");

    static final String STOCK_FSTAB = InstalledFiles.FSTAB;

    private final Path root;

    private GuestMachine(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /**
     * The userland for /bin/sh = {@code shell} (dash, busybox or bash) under {@code cache}, hard-linked
     * into every machine. It is built once per test run, whichever class asks first, and hard-linked
     * from there into each {@code cache}.
     */
    static Path userland(Path cache, String shell) throws IOException {
        Checkers.require(switch (shell) {
            case "dash" -> Checkers.Tool.DASH;
            case "busybox" -> Checkers.Tool.BUSYBOX;
            default -> Checkers.Tool.BASH;
        });
        Checkers.require(Checkers.Tool.RPM);
        Path userland = cache.resolve("userland-" + shell);
        if (!Files.isDirectory(userland)) {
            Path built = ScratchGuest.cache().resolve("userland-" + shell);
            synchronized (GuestMachine.class) {
                if (!Files.isDirectory(built)) {
                    build(shell, built);
                }
            }
            exec(List.of("cp", "-al", built.toString(), userland.toString()));
        }
        return userland;
    }

    /** Builds the userland for {@code shell} at {@code userland}. */
    private static void build(String shell, Path userland) throws IOException {
        Path building = userland.resolveSibling(userland.getFileName() + ".building");
        exec(List.of("rm", "-rf", building.toString()));
        Set<Path> binaries = new LinkedHashSet<>();
        copy(Path.of("/usr/bin", shell), building.resolve("bin/sh"), binaries);
        copy(Path.of("/usr/bin/awk"), building.resolve("bin/awk"), binaries);
        for (Map.Entry<String, List<String>> folder : TOOLS.entrySet()) {
            for (String tool : folder.getValue()) {
                copy(Path.of("/usr/bin", tool), building.resolve(folder.getKey()).resolve(tool), binaries);
            }
        }
        for (Path library : libraries(binaries)) {
            copy(library, building.resolve(library.toString().substring(1)), new LinkedHashSet<>());
        }
        exec(List.of("cp", "-a", "/usr/lib/rpm", building.resolve("usr/lib/rpm").toString()));
        for (Map.Entry<String, String> standIn : STAND_INS.entrySet()) {
            try (InputStream text = GuestMachine.class.getResourceAsStream("/bootsim/" + standIn.getKey())) {
                Path target = building.resolve(standIn.getValue()).resolve(standIn.getKey());
                Files.createDirectories(target.getParent());
                Files.copy(text, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.move(building, userland);
    }

    private static void copy(Path from, Path to, Set<Path> binaries) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        binaries.add(from);
    }

    /** Every shared library the binaries load, with the loader, as ldd names them. */
    private static Set<Path> libraries(Set<Path> binaries) {
        Set<Path> libraries = new LinkedHashSet<>();
        for (Path binary : binaries) {
            Result ldd = ScratchGuest.run(List.of("ldd", binary.toString()), Map.of(), null);
            assertEquals(0, ldd.exit(), ldd::describe);
            ldd.stdout().lines().map(String::strip).forEach(line -> {
                String path = line.contains("=>") ? line.substring(line.indexOf("=>") + 2).strip() : line;
                if (path.startsWith("/")) {
                    libraries.add(Path.of(path.substring(0, path.indexOf(' '))));
                }
            });
        }
        return libraries;
    }

    /**
     * A stock RHEL 3 guest running {@code kernel} on {@code machine}: its files (with
     * {@code fstab}), its kernel's module tree, an rpm database, no PV disk attached.
     */
    static GuestMachine stock(Path root, Path userland, String kernel, String machine, String fstab) throws IOException {
        exec(List.of("cp", "-al", userland.toString(), root.toString()));
        GuestMachine guest = new GuestMachine(root);
        guest.write("etc/fstab", fstab, "rw-r--r--");
        guest.write("etc/modules.conf", ScratchGuest.STOCK_MODULES_CONF, "rw-r--r--");
        guest.write("etc/rc.d/rc.local", ScratchGuest.STOCK_RC_LOCAL, "rwxr-xr-x");
        Files.createSymbolicLink(root.resolve("etc/rc.local"), Path.of("rc.d/rc.local"));
        guest.link("etc/rc.d/rc3.d/S99local", "../rc.local");
        for (String link : KUDZU_LINKS) {
            guest.link("etc/rc.d/" + link, "../init.d/kudzu");
        }
        // kudzu found the emulated Realtek at installation; dom0's config still gives it (type=ioemu).
        guest.write(".sim/pci", REALTEK + "\n", "rw-r--r--");
        guest.write("etc/sysconfig/hwconf", "-\nclass: NETWORK\nbus: PCI\ndetached: 0\ndevice: eth0\ndriver: 8139too\n"
                + "desc: \"Realtek|RTL-8139/8139C/8139C+\"\nvendorId: 10ec\ndeviceId: 8139\n", "rw-r--r--");
        guest.write("boot/grub/grub.conf", ScratchGuest.STOCK_GRUB_CONF.replace("2.4.21-52.EL", kernel), "rw-------");
        Files.createSymbolicLink(root.resolve("etc/grub.conf"), Path.of("../boot/grub/grub.conf"));
        guest.write("etc/group", "root:x:0:root\nbin:x:1:root,bin,daemon\ndisk:x:6:root\n", "rw-r--r--");
        guest.write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n", "rw-r--r--");
        for (String folder : List.of("var/lock/subsys", "root", "mnt", "usr/local/sbin", "dev", "proc")) {
            Files.createDirectories(root.resolve(folder));
        }
        for (String folder : List.of("tmp", "var/tmp")) {
            Files.createDirectories(root.resolve(folder));
            Files.setPosixFilePermissions(root.resolve(folder), PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        exec(List.of("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3"));
        guest.installKernel(kernel);
        guest.write(".sim/kernel", kernel + "\n", "rw-r--r--");
        guest.write(".sim/machine", machine + "\n", "rw-r--r--");
        guest.write(".sim/disks", "", "rw-r--r--");
        exec(List.of("rpm", "--root", root.toString(), "--initdb"));
        return guest;
    }

    /**
     * A copy ({@code cp -a}) of the machine {@code kept} as it was, at {@code root}: a machine several
     * tests start from is made once. Paths inside are the guest's own, so the copy may live anywhere.
     */
    static GuestMachine copy(Path kept, Path root) {
        exec(List.of("cp", "-a", kept.toString(), root.toString()));
        return new GuestMachine(root);
    }

    /** Keeps a copy of this machine as it is now at {@code kept}, for {@link #copy}. */
    void keep(Path kept) {
        exec(List.of("cp", "-a", root.toString(), kept.toString()));
    }

    /** Installs kernel {@code release} with RHEL 3's symbol checksums (see {@link SimulatedKernel#of}). */
    void installKernel(String release) throws IOException {
        installKernel(SimulatedKernel.of(release));
    }

    /**
     * Installs {@code kernel}: the symbols it exports (what boot puts in /proc/ksyms), its module
     * tree with the emulated NIC's driver and a modules.dep.
     */
    void installKernel(SimulatedKernel kernel) throws IOException {
        String release = kernel.release();
        write(".sim/ksyms/" + release, kernel.ksyms(), "rw-r--r--");
        String tree = "lib/modules/" + release;
        write(tree + "/kernel/drivers/net/8139too.o", "8139too for " + release + "\n", "rw-r--r--");
        write(tree + "/kernel/drivers/net/mii.o", "mii for " + release + "\n", "rw-r--r--");
        write(tree + "/modules.dep", "/" + tree + "/kernel/drivers/net/8139too.o: /" + tree + "/kernel/drivers/net/mii.o\n"
                + "/" + tree + "/kernel/drivers/net/mii.o:\n", "rw-r--r--");
    }

    /**
     * dom0 attaches the guest's PV disks: each partition's content is {@code content}'s answer
     * (ext3, ext2, swap or blank), the whole disk too. Nodes and minors come from the model.
     */
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

    /**
     * dom0 starts the guest with the NICs its vif entries give: the emulated Realtek beside the PV
     * NIC ({@code realtek}: a typeless vif on Xen 3.0.4's xend and later), or the PV NIC only
     * (type=netfront; a typeless vif on Xen 3.0.3's xend).
     */
    void emulatedNic(boolean realtek) throws IOException {
        write(".sim/pci", realtek ? REALTEK + "\n" : "", "rw-r--r--");
    }

    /** The links of every run-level folder, as "rcN.d/NAME -> TARGET" lines, sorted. */
    List<String> runLevelLinks() throws IOException {
        List<String> links = new ArrayList<>();
        for (int level = 0; level <= 6; level++) {
            Path folder = root.resolve("etc/rc.d/rc" + level + ".d");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> entries = Files.list(folder)) {
                    for (Path link : entries.sorted().toList()) {
                        links.add("rc" + level + ".d/" + link.getFileName() + " -> " + Files.readSymbolicLink(link));
                    }
                }
            }
        }
        return links;
    }

    /** dom0 detaches every PV disk (or never attached one). */
    void detachDisks() throws IOException {
        write(".sim/disks", "", "rw-r--r--");
    }

    /** Copies the bundle's guest folder, with the RPM beside install-guest.sh, to /root/xenpv-NAME, as README.txt says. */
    String copyBundle(Path bundle, String name) {
        String folder = "/root/xenpv-" + name;
        exec(List.of("cp", "-a", bundle.resolve("guest").toString(), root.resolve(folder.substring(1)).toString()));
        return folder;
    }

    /** What one boot did. */
    record Boot(List<String> log, List<String> fsck, List<String> insmod, boolean finished) {
        String describe() {
            return "boot:\n  " + String.join("\n  ", log) + "\nfsck -A:\n  " + String.join("\n  ", fsck) + "\ninsmod:\n  "
                    + String.join("\n  ", insmod);
        }
    }

    /** Boots {@code kernel}: /proc starts afresh, then rc.sysinit's steps run in its order. */
    Boot boot(String kernel) throws IOException {
        write(".sim/kernel", kernel + "\n", "rw-r--r--");
        Result boot = run("/bin/sh /.sim/rc.sysinit");
        List<String> log = lines(".sim/boot.log");
        return new Boot(log, lines(".sim/fsck.log"), lines(".sim/insmod.log"),
                boot.exit() == 0 && log.contains("boot finished"));
    }

    /** Runs {@code command} with /bin/sh inside the guest, as root, with RHEL 3's root PATH. */
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

    void link(String relative, String target) throws IOException {
        Path link = root.resolve(relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of(target));
    }

    void write(String relative, String text, String mode) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static void exec(List<String> command) {
        Result result = ScratchGuest.run(command, Map.of(), null);
        assertEquals(0, result.exit(), result::describe);
    }

    /** The paths of every regular file under {@code folder} of the guest, relative to the root. */
    List<String> files(String folder) {
        try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
            List<String> files = new ArrayList<>();
            walk.filter(Files::isRegularFile).forEach(path -> files.add("/" + root.relativize(path)));
            return files.stream().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
