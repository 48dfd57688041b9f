package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.Checkers.FstabEntry;
import io.github.xenpv.checkers.Checkers.GrubConfig;
import io.github.xenpv.checkers.Checkers.GrubImage;
import io.github.xenpv.checkers.Checkers.XmConfig;
import io.github.xenpv.model.BaseFiles;
import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.ValidDisk;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.ValidNetwork;
import io.github.xenpv.model.ValidPartition;
import io.github.xenpv.model.XmSetting;
import io.github.xenpv.render.BundleLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds every generated file of a try's bundles to the declaration, field by field, as the real
 * programs read the files (VALIDATORS.md): the xm config as Python and libxlutil read it, grub.conf
 * as pygrub does, fstab as findmnt, modules.conf as modprobe, and the boot scripts through
 * shellcheck and the shells' syntax checks. Each checker runs once over all files of the try.
 *
 * <p>An expected value is the declared one where the declaration gives it, and the checked guest's
 * (the model's default: {@link ValidGuest}, {@link ValidPartition}, ...) where it leaves it out;
 * where the declaration gives a value, the checked guest must hold that very value. So a default
 * that changes in the model (the PV fstab pass, say) changes what is expected with it, while a
 * declared value lost on the way fails.
 */
final class DeclaredBundles {

    /** The boot scripts, which hold the declaration's nodes, modules and mounts: every one the bundle has is checked. */
    private static final List<String> BOOT_SCRIPTS = List.of("guest/etc/rc.d/rc.local", "guest/etc/rc.modules",
            "guest" + ValidGuest.NODE_SCRIPT);

    /** One line of xenpv-mknod that makes a node: {@code node NAME MINOR || status=1}, the name possibly quoted. */
    private static final Pattern NODE_LINE = Pattern.compile("node '?([^' ]+)'? ([0-9]+) \\|\\| status=1");

    private DeclaredBundles() {
    }

    /**
     * Generates the bundles of {@code valid} into {@code out} and holds each to its declaration.
     *
     * @param out an empty folder
     * @param declared the declared guests, in order
     * @param valid what the validator made of them, in the same order
     */
    static void generateAndCheck(Path out, List<Guest> declared, List<ValidGuest> valid) throws Exception {
        assertEquals(declared.size(), valid.size(), "a guest was dropped");
        new BundleGenerator(out, null).generate(valid);
        List<Path> xm = new ArrayList<>();
        List<Path> grub = new ArrayList<>();
        List<Path> fstab = new ArrayList<>();
        List<Path> modules = new ArrayList<>();
        List<Path> scripts = new ArrayList<>();
        for (int g = 0; g < valid.size(); g++) {
            ValidGuest guest = valid.get(g);
            Path bundle = out.resolve(guest.name());
            assertEquals(expectedFiles(declared.get(g), guest), files(bundle), guest.name() + ": the bundle's files");
            xm.add(bundle.resolve("dom0/etc/xen/" + guest.name()));
            grub.add(bundle.resolve("guest/boot/grub/grub.conf"));
            fstab.add(bundle.resolve("guest/etc/fstab"));
            modules.add(bundle.resolve("guest/etc/modules.conf"));
            BOOT_SCRIPTS.stream().map(bundle::resolve).filter(Files::exists).forEach(scripts::add);
        }
        Map<Path, XmConfig> xmRead = Checkers.xmConfigs(xm);
        Map<Path, GrubConfig> grubRead = Checkers.grubConfs(grub);
        Map<Path, List<FstabEntry>> fstabRead = Checkers.fstabs(fstab);
        Map<Path, List<String>> aliasesRead = Checkers.modulesConfs(modules);
        Checkers.shellScripts(scripts);
        for (int g = 0; g < valid.size(); g++) {
            Guest declaredGuest = declared.get(g);
            ValidGuest guest = valid.get(g);
            String who = "guest " + guest.name() + ": ";
            xmConfig(who, declaredGuest, guest, xmRead.get(xm.get(g)));
            grubConf(who, declaredGuest, guest, grubRead.get(grub.get(g)));
            assertEquals(expectedFstab(who, declaredGuest, guest), fstabRead.get(fstab.get(g)), who + "fstab as findmnt reads it");
            assertEquals(expectedAliases(who, declaredGuest, guest), aliasesRead.get(modules.get(g)),
                    who + "modules.conf's aliases as modprobe reads them");
            bootScripts(who, declaredGuest, guest, out.resolve(guest.name()));
        }
    }

    // ----------------------------------------------------------------- the files

    /** Every file the declaration calls for: the layout's (rc.modules only where boot loads the drivers from it) and the checksums. */
    static Set<String> expectedFiles(Guest declared, ValidGuest guest) {
        boolean rcModules = !"rc.local".equals(text(declared.getModuleLoading()));
        assertEquals(rcModules, guest.rcModules(), "moduleLoading");
        Set<String> files = new TreeSet<>(List.of(Checksums.FILE_NAME));
        BundleLayout.entries(guest).forEach(entry -> files.add(entry.path(guest)));
        assertEquals(rcModules, files.contains("guest/etc/rc.modules"), "rc.modules is there exactly when boot loads from it");
        assertTrue(files.containsAll(List.of("guest/etc/rc.d/rc.local", "guest" + ValidGuest.NODE_SCRIPT)),
                "rc.local and xenpv-mknod are in every bundle");
        return files;
    }

    private static Set<String> files(Path bundle) throws IOException {
        try (var walk = Files.walk(bundle)) {
            return walk.filter(Files::isRegularFile).map(file -> bundle.relativize(file).toString())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    // ----------------------------------------------------------------- the xm config

    private static void xmConfig(String who, Guest declared, ValidGuest guest, XmConfig read) {
        // the file holds the checked guest's settings, every one and no other
        Map<String, Object> settings = new LinkedHashMap<>();
        for (XmSetting setting : guest.xmConfig()) {
            settings.put(setting.key(), setting.value() instanceof Integer number ? Long.valueOf(number) : setting.value());
        }
        assertEquals(settings, read.python(), who + "the xm config as Python runs it");
        // ... and they are what the declaration says
        assertEquals(expected(who + "name", declared.getName(), Function.identity(), guest.name()), read.string("name"));
        assertEquals(expected(who + "memory", declared.getMemory(), Long::valueOf, (long) guest.memory()), read.number("memory"));
        assertEquals(expected(who + "vcpus", declared.getVcpus(), Long::valueOf, (long) guest.vcpus()), read.number("vcpus"));
        assertEquals(expected(who + "uuid", declared.getUuid(), uuid -> uuid.toLowerCase(Locale.ROOT), guest.uuid()),
                read.string("uuid"));
        disks(who, declared, guest, read);
        vifs(who, declared, guest, read);
        Map<String, Object> extra = new TreeMap<>();
        if (declared.getExtraConfig() != null) {
            declared.getExtraConfig().forEach((key, value) -> extra.put(key,
                    value.strip().matches("[0-9]{1,9}") ? (Object) Long.valueOf(value.strip()) : value.strip()));
        }
        Map<String, Object> extraRead = new TreeMap<>();
        extra.keySet().forEach(key -> extraRead.put(key, read.python().get(key)));
        assertEquals(extra, extraRead, who + "extraConfig");
        assertEquals(extra.keySet(), guest.extraConfig().stream().map(XmSetting::key).collect(
                java.util.stream.Collectors.toCollection(TreeSet::new)), who + "extraConfig's keys");
    }

    /** The boot disk, then each PV disk, as libxlutil's disk parser reads the spec: source, vdev, read-write. */
    private static void disks(String who, Guest declared, ValidGuest guest, XmConfig read) {
        List<Disk> disks = declared.getDisks() == null ? List.of() : declared.getDisks();
        assertEquals(1 + disks.size(), read.disks().size(), who + "disk: " + read.disk());
        BootDisk bootDisk = declared.getBootDisk();
        assertEquals(Map.of("pdev_path", text(bootDisk.getSource()), "vdev",
                expected(who + "bootDisk/device", bootDisk.getDevice(), Function.identity(), guest.bootDisk().device()),
                "readwrite", 1L, "format", "raw"), read.disks().get(0), who + "the boot disk");
        for (int k = 0; k < disks.size(); k++) {
            Disk disk = disks.get(k);
            ValidDisk checked = guest.disks().get(k);
            Map<String, Object> expected = new TreeMap<>(Map.of("pdev_path", text(disk.getSource()), "vdev", text(disk.getDevice()),
                    "format", "raw"));
            if (expected(who + "disk " + k + " access", disk.getAccess(), Function.identity(), checked.access()).equals("w")) {
                expected.put("readwrite", 1L); // libxl leaves a read-only disk's readwrite (0) out
            }
            assertEquals(expected, new TreeMap<>(read.disks().get(k + 1)), who + "disks/disk[" + (k + 1) + "]: " + read.disk());
        }
    }

    /** Each NIC's vif entry: its MAC (declared, else derived), bridge and type. */
    private static void vifs(String who, Guest declared, ValidGuest guest, XmConfig read) {
        List<Network> networks = declared.getNetworks() == null ? List.of(new Network()) : declared.getNetworks();
        assertEquals(networks.size(), read.vif().size(), who + "vif: " + read.vif());
        for (int i = 0; i < networks.size(); i++) {
            Network network = networks.get(i);
            ValidNetwork checked = guest.networks().get(i);
            Map<String, String> expected = new TreeMap<>();
            expected.put("mac", expected(who + "mac", network.getMac(), mac -> mac.toLowerCase(Locale.ROOT), checked.mac()));
            assertEquals(text(network.getMac()) == null, checked.macDerived(), who + "a MAC is derived when none is declared");
            expected.put("bridge", expected(who + "bridge", network.getBridge(), Function.identity(), checked.bridge()));
            if (text(network.getType()) != null) {
                expected.put("type", text(network.getType()));
            }
            Map<String, String> vif = new TreeMap<>();
            for (String option : read.vif().get(i).split(",")) {
                String[] keyAndValue = option.split("=", 2);
                assertEquals(null, vif.put(keyAndValue[0], keyAndValue[1]), who + "vif option given twice: " + read.vif().get(i));
            }
            assertEquals(expected, vif, who + "networks/network[" + (i + 1) + "]");
        }
    }

    // ----------------------------------------------------------------- grub.conf

    private static void grubConf(String who, Guest declared, ValidGuest guest, GrubConfig read) {
        Grub grub = declared.getGrub() == null ? new Grub() : declared.getGrub();
        assertEquals(0, read.defaultEntry(), who + "grub's default");
        assertEquals(1, read.images().size(), who + "grub's entries: " + read.images());
        GrubImage image = read.images().get(0);
        String release = expected(who + "kernel", declared.getKernel(), Function.identity(), guest.kernel())
                + expected(who + "kernelVariant", declared.getKernelVariant(), Function.identity(), guest.kernelVariant().suffix());
        assertEquals(expected(who + "grub/title", grub.getTitle(), Function.identity(), guest.grub().title()), image.title());
        assertEquals(expected(who + "grub/root", grub.getRoot(), Function.identity(), guest.grub().root()), image.root());
        // /boot its own partition (the default): the kernel and initrd lie at the top of GRUB's root
        String folder = expected(who + "grub/separateBoot", grub.getSeparateBoot(), Boolean::valueOf,
                guest.grub().kernelPath().equals("/vmlinuz-" + release)) ? "/" : "/boot/";
        assertEquals(folder + "vmlinuz-" + release, image.kernel(), who + "grub's kernel");
        assertEquals(folder + "initrd-" + release + ".img", image.initrd(), who + "grub's initrd");
        List<String> args = Arrays.asList(image.args().split(" "));
        assertEquals(String.join(" ", guest.grub().kernelArgs()), image.args(), who + "grub's kernel arguments");
        String rootDevice = text(grub.getRootDevice()) == null ? Grub.DEFAULT_ROOT_DEVICE : text(grub.getRootDevice());
        assertEquals(List.of("ro", "root=" + rootDevice), args.subList(0, 2), who + "the kernel line " + args);
        List<String> declaredArgs = text(grub.getKernelArgs()) == null ? List.of() : List.of(text(grub.getKernelArgs()).split(" +"));
        assertTrue(args.containsAll(declaredArgs), who + "declared kernel arguments " + declaredArgs + " in " + args);
        assertEquals(expected(who + "noapic", declared.getNoapic(), Boolean::valueOf, guest.noapic()) || declaredArgs.contains("noapic"),
                args.contains("noapic"), who + "noapic on the kernel line " + args);
        assertEquals(new TreeSet<>(args).size(), args.size(), who + "each kernel argument once: " + args);
    }

    // ----------------------------------------------------------------- fstab

    /** The base lines (declared, else RHEL 3's stock fstab) as entries, without the ones a PV entry replaces, then the PV entries. */
    private static List<FstabEntry> expectedFstab(String who, Guest declared, ValidGuest guest) {
        List<String> base = declared.getFstabBase() == null ? BaseFiles.STOCK_FSTAB : declared.getFstabBase();
        Set<String> claimed = new TreeSet<>();
        List<FstabEntry> pv = new ArrayList<>();
        List<Disk> disks = declared.getDisks() == null ? List.of() : declared.getDisks();
        for (int k = 0; k < disks.size(); k++) {
            Disk disk = disks.get(k);
            ValidDisk checked = guest.disks().get(k);
            // the node is named after the vdev unless the declaration names it
            String node = expected(who + "disk " + k + " node", disk.getNode(), Function.identity(), checked.node().name());
            assertEquals(text(disk.getNode()) == null ? text(disk.getDevice()) : text(disk.getNode()), node, who + "disk " + k + "'s node");
            List<Partition> partitions = disk.getPartitions() == null ? List.of() : disk.getPartitions();
            for (int p = 0; p < partitions.size(); p++) {
                Partition partition = partitions.get(p);
                ValidPartition model = checked.partitions().get(p);
                String at = who + "disk " + k + " partition " + p + " ";
                String source = "/dev/" + node + Integer.parseInt(text(partition.getNumber()));
                String mountPoint = text(partition.getMountPoint());
                pv.add(new FstabEntry(source, mountPoint,
                        expected(at + "fsType", partition.getFsType(), Function.identity(), model.fsType()),
                        expected(at + "options", partition.getOptions(), options -> pvOptions(options, mountPoint, guest),
                                model.options()),
                        expected(at + "dump", partition.getDump(), Integer::valueOf, model.dump()),
                        expected(at + "pass", partition.getPass(), Integer::valueOf, model.pass())));
                claimed.add(source);
                if (!mountPoint.equals(ValidPartition.SWAP)) {
                    claimed.add(mountPoint);
                }
            }
        }
        List<FstabEntry> entries = new ArrayList<>();
        List<String> checkedBase = new ArrayList<>();
        for (String line : base) {
            String stripped = line.strip();
            String[] fields = stripped.split("[ \t]+");
            boolean entry = !stripped.isEmpty() && !stripped.startsWith("#");
            boolean replaced = entry && (claimed.contains(fields[0]) || claimed.contains(fields[1]));
            checkedBase.add(replaced ? BaseFiles.REPLACED_MARK + stripped : stripped);
            if (entry && !replaced) {
                entries.add(new FstabEntry(fields[0], fields[1], fields[2], fields[3], fields.length > 4 ? Integer.parseInt(fields[4]) : 0,
                        fields.length > 5 ? Integer.parseInt(fields[5]) : 0));
            }
        }
        assertEquals(checkedBase, guest.fstabBase(), who + "the base fstab, a line a PV entry replaces commented out");
        entries.addAll(pv);
        return entries;
    }

    // ----------------------------------------------------------------- modules.conf

    /** The base aliases, without one for a PV interface, then eth0..ethN to the PV NIC driver; modprobe writes '-' as '_'. */
    private static List<String> expectedAliases(String who, Guest declared, ValidGuest guest) {
        int nics = declared.getNetworks() == null ? 1 : declared.getNetworks().size();
        Set<String> pvInterfaces = new TreeSet<>();
        for (int i = 0; i < nics; i++) {
            pvInterfaces.add("eth" + i);
        }
        assertEquals(pvInterfaces, new TreeSet<>(guest.pvInterfaces()), who + "the PV interfaces");
        List<String> aliases = new ArrayList<>();
        List<String> checkedBase = new ArrayList<>();
        for (String line : declared.getModulesConfBase() == null ? List.<String>of() : declared.getModulesConfBase()) {
            String stripped = line.strip();
            String[] words = stripped.split("\\s+");
            boolean alias = words[0].equals("alias");
            boolean replaced = alias && words.length > 1 && pvInterfaces.contains(words[1]);
            checkedBase.add(replaced ? BaseFiles.REPLACED_MARK + stripped : stripped);
            if (alias && !replaced) {
                aliases.add("alias " + words[1].replace('-', '_') + " " + words[2].replace('-', '_'));
            }
        }
        assertEquals(checkedBase, guest.modulesConfBase(), who + "the base modules.conf, a PV interface's alias commented out");
        for (int i = 0; i < nics; i++) {
            aliases.add("alias eth" + i + " " + ValidGuest.NIC_DRIVER.replace('-', '_'));
        }
        return aliases;
    }

    // ----------------------------------------------------------------- the boot scripts

    /**
     * xenpv-mknod makes exactly the declared disks' nodes, each disk then its partitions, on the
     * minors of their vdev ({@code xvd<letter>}: 16 a disk, the disk itself then partitions 1..15);
     * rc.local, where it mounts the PV file systems itself, mounts each and enables each swap.
     */
    private static void bootScripts(String who, Guest declared, ValidGuest guest, Path bundle) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> mounts = new ArrayList<>();
        List<Disk> disks = declared.getDisks() == null ? List.of() : declared.getDisks();
        for (Disk disk : disks) {
            String node = text(disk.getNode()) == null ? text(disk.getDevice()) : text(disk.getNode());
            int first = (text(disk.getDevice()).charAt(3) - 'a') * 16;
            expected.add(node + " " + first);
            for (Partition partition : disk.getPartitions() == null ? List.<Partition>of() : disk.getPartitions()) {
                int number = Integer.parseInt(text(partition.getNumber()));
                expected.add(node + number + " " + (first + number));
                String mountPoint = text(partition.getMountPoint());
                mounts.add(mountPoint.equals(ValidPartition.SWAP) ? "swapon /dev/" + node + number : "mount " + mountPoint);
            }
        }
        assertEquals(guest.nodes().stream().map(node -> node.name() + " " + node.minor()).toList(), expected,
                who + "the checked guest's nodes");
        String mknod = Files.readString(bundle.resolve("guest" + ValidGuest.NODE_SCRIPT));
        List<String> made = new ArrayList<>();
        Matcher line = NODE_LINE.matcher(mknod);
        while (line.find()) {
            made.add(line.group(1) + " " + line.group(2));
        }
        assertEquals(expected, made, who + "the nodes xenpv-mknod makes");
        if (!guest.rcModules()) {
            String rcLocal = Files.readString(bundle.resolve("guest/etc/rc.d/rc.local"));
            List<String> mounted = rcLocal.lines().map(text -> text.replaceAll("^.*\\|\\| ", "").replace("'", ""))
                    .filter(text -> text.startsWith("mount ") || text.startsWith("swapon ")).toList();
            assertEquals(mounts, mounted, who + "what rc.local mounts");
        }
    }

    // ----------------------------------------------------------------- helpers

    /** The declared value, read, when the declaration gives one (the model must hold it then); else the model's. */
    static <T> T expected(String what, String declared, Function<String, T> read, T model) {
        String text = text(declared);
        if (text == null) {
            return model;
        }
        T value = read.apply(text);
        assertEquals(value, model, what + ": the checked guest does not hold the declared value");
        return value;
    }

    /**
     * Declared options as the guest's fstab must carry them: PV swap loaded by rc.modules gets noauto, since
     * rc.sysinit's early swapon -a -e runs before the driver is there (SPEC §16).
     */
    private static String pvOptions(String declared, String mountPoint, ValidGuest guest) {
        boolean early = guest.rcModules() && ValidPartition.SWAP.equals(mountPoint)
                && !List.of(declared.split(",")).contains("noauto");
        return early ? declared + ",noauto" : declared;
    }

    /** As the model reads a declared value: stripped, and {@code null} when nothing is left. */
    static String text(String declared) {
        return declared == null || declared.isBlank() ? null : declared.strip();
    }
}
