package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import io.github.xenpv.render.RenderedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The whole model at random: any declaration the rules allow validates, renders, and gives files
 * the real readers accept; one field broken always fails with that field named; and no input at
 * all makes anything but a validation error come out.
 */
class DeclarationProperties {

    // ----------------------------------------------------------------- properties

    @Property(tries = 25, shrinking = ShrinkingMode.BOUNDED)
    void everyValidDeclarationRendersFilesTheRealReadersAccept(@ForAll("declarations") List<Guest> guests) throws Exception {
        Validation validation = GuestValidator.validate(guests);
        assertEquals(List.of(), validation.errors());
        Path out = Files.createTempDirectory("xenpv-property");
        try {
            new BundleGenerator(out, null).generate(validation.guests());
            checkEveryFile(out, validation.guests());
        } finally {
            try (var walk = Files.walk(out)) {
                for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static void checkEveryFile(Path out, List<ValidGuest> guests) {
        for (ValidGuest guest : guests) {
            Path bundle = out.resolve(guest.name());
            Checkers.XmConfig xm = Checkers.xmConfig(bundle.resolve("dom0/etc/xen/" + guest.name()));
            assertEquals(guest.name(), xm.string("name"));
            assertEquals(1 + guest.disks().size(), xm.disk().size());
            assertEquals(guest.networks().size(), xm.vif().size());
            assertEquals(guest.grub().kernelPath(), Checkers.grubConf(bundle.resolve("guest/boot/grub/grub.conf")).images().get(0).kernel());
            long pvEntries = Checkers.fstab(bundle.resolve("guest/etc/fstab")).stream()
                    .filter(entry -> entry.source().startsWith("/dev/xvd")).count();
            assertTrue(pvEntries >= guest.partitions().size());
            assertTrue(Checkers.modulesConf(bundle.resolve("guest/etc/modules.conf")).containsAll(guest.networks().stream()
                    .map(network -> "alias " + network.interfaceName() + " xen_vnif").toList()));
            for (String script : List.of("guest/etc/rc.d/rc.local", "guest/etc/rc.modules", "guest" + ValidGuest.NODE_SCRIPT)) {
                if (Files.exists(bundle.resolve(script))) {
                    Checkers.shellScript(bundle.resolve(script));
                }
            }
        }
    }

    @Property(tries = 300)
    void oneBrokenFieldFailsNamingThatField(@ForAll("declarations") List<Guest> guests, @ForAll("mutationSeeds") long seed) {
        Random random = new Random(seed);
        int index = random.nextInt(guests.size());
        List<Mutation> mutations = mutations(guests.get(index), index);
        Mutation mutation = mutations.get(random.nextInt(mutations.size()));
        String bad = mutation.badValues().get(random.nextInt(mutation.badValues().size()));
        mutation.apply().accept(guests.get(index), bad);
        List<Problem> errors = GuestValidator.validate(guests).errors();
        assertTrue(errors.stream().anyMatch(problem -> problem.path().equals(mutation.path())),
                () -> mutation.path() + " = '" + bad + "' gave " + errors);
    }

    @Property(tries = 400)
    void noInputMakesAnythingButValidationErrors(@ForAll("anyDeclarations") List<Guest> guests) throws Exception {
        Validation validation = GuestValidator.validate(guests);
        assertTrue(validation.valid() || validation.guests().isEmpty());
        validation.errors().forEach(problem -> assertFalse(problem.path().isEmpty() || problem.message().isEmpty()));
        for (ValidGuest guest : validation.guests()) {
            for (RenderedFile file : new io.github.xenpv.render.GuestRenderer(new io.github.xenpv.render.TemplateEngine(null))
                    .render(guest)) {
                assertFalse(file.text().isEmpty(), file.path());
            }
        }
    }

    // ----------------------------------------------------------------- valid declarations

    @Provide
    Arbitrary<List<Guest>> declarations() {
        return Arbitraries.integers().between(1, 4).flatMap(count -> {
            List<Arbitrary<Guest>> guests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                guests.add(guest(i));
            }
            return Combinators.combine(guests).as(ArrayList::new);
        });
    }

    Arbitrary<Guest> guest(int index) {
        Arbitrary<String> suffix = Arbitraries.strings().withChars("abcXYZ019_.-").ofMaxLength(12);
        Arbitrary<String[]> archAndVariant = Arbitraries.of(new String[] {"i686", ""}, new String[] {"i686", "smp"},
                new String[] {"i686", "hugemem"}, new String[] {"athlon", ""}, new String[] {"athlon", "smp"},
                new String[] {"ia32e", ""}, new String[] {"ia32e", "smp"}, new String[] {"x86_64", ""}, new String[] {"x86_64", "smp"});
        Arbitrary<String> release = Arbitraries.strings().withChars("0123456789abcXYZ._+-").ofMaxLength(12)
                .map(tail -> "0" + tail).filter(value -> !value.contains(".."));
        Arbitrary<Boolean> rcLocal = Arbitraries.of(false, true);
        return Combinators.combine(suffix, archAndVariant, Arbitraries.integers().between(1, 9999), release,
                Arbitraries.integers().between(32, 65536), Arbitraries.integers().between(1, 32), rcLocal, Arbitraries.longs())
                .as((name, av, build, driverRelease, memory, vcpus, local, seed) -> {
                    // guests of one declaration may draw the same seed (jqwik mixes in edge cases): the index keeps them apart
                    Random random = new Random(seed ^ (index * 0x9E3779B97F4A7C15L));
                    Guest guest = new Guest();
                    guest.setName("g" + index + name);
                    guest.setArch(av[0]);
                    guest.setKernelVariant(av[1]);
                    guest.setKernel("2.4.21-" + build + ".EL");
                    guest.setDriverRelease(driverRelease);
                    guest.setMemory(random.nextBoolean() ? Integer.toString(memory) : null);
                    guest.setVcpus(random.nextBoolean() ? Integer.toString(vcpus) : null);
                    guest.setDriverRpm(random.nextBoolean() ? "kmod-xenpv-" + driverRelease + "*.rpm" : null);
                    guest.setUuid(random.nextBoolean() ? new java.util.UUID(random.nextLong(), random.nextLong()).toString() : null);
                    // a 32-bit dom0 runs 32-bit guests only
                    boolean bits64 = av[0].equals("x86_64") || av[0].equals("ia32e");
                    guest.setDom0Arch(bits64 ? pick(random, null, "x86_64") : pick(random, null, "x86_64", "i386"));
                    guest.setDom0Release(pick(random, null, "5.0", "5.1", "5.2", "5.11"));
                    guest.setNoapic(pick(random, null, "true", "false"));
                    guest.setModuleLoading(local ? "rc.local" : pick(random, null, "rc.modules"));
                    BootDisk bootDisk = new BootDisk();
                    bootDisk.setSource(random.nextBoolean() ? "/var/lib/xen/images/g" + index + "/boot.dsk" : "/dev/vg" + index + "/boot");
                    bootDisk.setDevice(pick(random, null, "hda", "hdb", "hdc", "hdd"));
                    guest.setBootDisk(bootDisk);
                    guest.setNetworks(networks(random, index));
                    guest.setDisks(disks(random, index, local));
                    guest.setGrub(grub(random));
                    if (random.nextBoolean()) {
                        guest.setFstabBase(List.of("LABEL=/ / ext3 defaults 1 1", "# kept", "/dev/hda3 swap swap defaults 0 0",
                                "/dev/xvda1 /mnt/old ext3 defaults 1 2"));
                    }
                    if (random.nextBoolean()) {
                        guest.setModulesConfBase(List.of("alias eth0 8139too", "alias scsi_hostadapter aic7xxx",
                                "options e1000 Speed=100", "# kept"));
                    }
                    guest.setExtraConfig(extraConfig(random));
                    return guest;
                });
    }

    static List<Network> networks(Random random, int guestIndex) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        List<Network> networks = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            Network network = new Network();
            if (random.nextBoolean()) {
                // locally administered unicast, unique by guest and NIC, random in the rest
                network.setMac(String.format("%02x:%02x:%02x:%02x:%02x:%02x", 0x02 | (random.nextInt(64) << 2), guestIndex,
                        networks.size(), random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            }
            network.setBridge(pick(random, null, "xenbr0", "xenbr1", "br-data.10", "virbr_0"));
            networks.add(network);
        }
        return networks;
    }

    static List<Disk> disks(Random random, int guestIndex, boolean rcLocal) {
        List<Character> devices = letters('a', 'p', random);
        List<Character> nodes = letters('a', 'z', random);
        boolean namedNodes = random.nextBoolean();
        List<Disk> disks = new ArrayList<>();
        for (int d = random.nextInt(17) - 1; d >= 0; d--) {
            Disk disk = new Disk();
            int k = disks.size();
            disk.setSource(random.nextBoolean() ? "/var/lib/xen/images/g" + guestIndex + "/d" + k + ".img" : "/dev/vg" + guestIndex + "/d" + k);
            disk.setDevice("xvd" + devices.get(k));
            disk.setNode(namedNodes ? "xvd" + nodes.get(k) : null);
            disk.setAccess(pick(random, null, "w", "r"));
            List<Integer> numbers = new ArrayList<>();
            for (int n = 1; n <= 15; n++) {
                numbers.add(n);
            }
            Collections.shuffle(numbers, random);
            List<Partition> partitions = new ArrayList<>();
            for (int p = random.nextInt(16) - 1; p >= 0; p--) {
                int number = numbers.get(partitions.size());
                Partition partition = new Partition();
                partition.setNumber(Integer.toString(number));
                boolean swap = random.nextInt(6) == 0;
                partition.setMountPoint(swap ? "swap" : "/srv/g" + guestIndex + "/d" + k + "/p" + number + pick(random, "", "_x", ".y", "+z"));
                partition.setFsType(swap ? pick(random, null, "swap") : pick(random, null, "ext2", "ext3"));
                String options = pick(random, null, "defaults", "noatime", "ro,noatime", "data=ordered,errors=remount-ro", "usrquota");
                if (rcLocal) {
                    partition.setOptions(options == null ? "noauto" : options + ",noauto");
                    partition.setPass("0");
                } else {
                    partition.setOptions(options);
                    partition.setPass(pick(random, null, "0", "1", "2"));
                }
                partition.setDump(pick(random, null, "0", "1"));
                partitions.add(partition);
            }
            disk.setPartitions(partitions);
            disks.add(disk);
        }
        return disks.isEmpty() && random.nextBoolean() ? null : disks;
    }

    static Grub grub(Random random) {
        if (random.nextBoolean()) {
            return null;
        }
        Grub grub = new Grub();
        StringBuilder title = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            title.append((char) (0x20 + random.nextInt(0x5f)));
        }
        grub.setTitle(title.toString().replaceFirst("^( *)=", "$1-")); // GRUB drops a title's leading '='
        grub.setRoot(pick(random, null, "(hd0)", "(hd0,0)", "(hd1,2)"));
        grub.setRootDevice(pick(random, null, "LABEL=/", "/dev/hda2", "/dev/VolGroup00/LogVol00", "UUID=1234-abcd"));
        grub.setSeparateBoot(pick(random, null, "true", "false"));
        grub.setKernelArgs(pick(random, null, "quiet", "console=ttyS0,115200 console=tty0", "rhgb noapic", "elevator=deadline acpi=off"));
        return grub;
    }

    static Map<String, String> extraConfig(Random random) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            String key = "x" + Integer.toString(random.nextInt(1 << 20), 36) + "_" + i;
            if (random.nextBoolean()) {
                extra.put(key, Integer.toString(random.nextInt(1_000_000_000)));
            } else {
                StringBuilder value = new StringBuilder();
                for (int c = random.nextInt(30); c > 0; c--) {
                    char next = (char) (0x20 + random.nextInt(0x5f));
                    value.append(next == '"' || next == '\\' ? '_' : next);
                }
                extra.put(key, value.toString());
            }
        }
        return random.nextBoolean() && extra.isEmpty() ? null : extra;
    }

    static List<Character> letters(char first, char last, Random random) {
        List<Character> letters = new ArrayList<>();
        for (char c = first; c <= last; c++) {
            letters.add(c);
        }
        Collections.shuffle(letters, random);
        return letters;
    }

    @SafeVarargs
    static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    // ----------------------------------------------------------------- mutations

    @Provide
    Arbitrary<Long> mutationSeeds() {
        return Arbitraries.longs();
    }

    /** One field of a guest, where the validator must report it, and values its rule refuses. */
    record Mutation(String path, BiConsumer<Guest, String> apply, List<String> badValues) {
    }

    /**
     * Characters that no rule lets inside a value, except the free-text ones (grub title, base
     * lines, extraConfig strings), which are not mutated with them.
     */
    static final List<String> POISON = List.of(" ", "'", "\"", "$(id)", "`id`", ";", "\n", "#", "\\", ",", "|", "&");

    static List<String> poisoned(String valid, String... more) {
        List<String> values = new ArrayList<>(List.of(more));
        for (String poison : POISON) {
            values.add(valid.charAt(0) + poison + valid.substring(1));
        }
        return values;
    }

    static List<Mutation> mutations(Guest guest, int index) {
        String path = "guests/guest[" + guest.getName() + "]";
        List<Mutation> mutations = new ArrayList<>(List.of(
                new Mutation("guests/guest[" + (index + 1) + "]/name", Guest::setName, poisoned("guest", "-guest", "a".repeat(65))),
                new Mutation(path + "/arch", Guest::setArch, List.of("ia64", "i386", "x86-64", "ppc")),
                new Mutation(path + "/kernel", Guest::setKernel, poisoned("2.4.21-52.EL", "2.6.9-67.EL", "2.4.21-52.ELsmp", "2.4.21.EL")),
                new Mutation(path + "/kernelVariant", Guest::setKernelVariant, List.of("bigsmp", "SMP", "up")),
                new Mutation(path + "/driverRelease", Guest::setDriverRelease, poisoned("0.1-5.el", "0.1..5", "-1", ".x")),
                new Mutation(path + "/driverRpm", Guest::setDriverRpm, poisoned("kmod.rpm", "a/b.rpm", "..", "-e")),
                new Mutation(path + "/memory", Guest::setMemory, List.of("31", "0", "-512", "512M", "1e3", "99999999999")),
                new Mutation(path + "/vcpus", Guest::setVcpus, List.of("0", "33", "two", "1.5")),
                new Mutation(path + "/uuid", Guest::setUuid, poisoned("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "6ba7b810")),
                new Mutation(path + "/dom0Arch", Guest::setDom0Arch, List.of("amd64", "i686", "ia64")),
                new Mutation(path + "/dom0Release", Guest::setDom0Release, List.of("5", "5.1.1", "RHEL5", "5,1")),
                new Mutation(path + "/noapic", Guest::setNoapic, List.of("yes", "1", "TRUE")),
                new Mutation(path + "/moduleLoading", Guest::setModuleLoading, List.of("rc.sysinit", "rc_modules", "modules")),
                new Mutation(path + "/bootDisk/source", (g, v) -> g.getBootDisk().setSource(v),
                        poisoned("/images/boot.dsk", "images/boot.dsk", "/images/../boot.dsk", "/")),
                new Mutation(path + "/bootDisk/device", (g, v) -> g.getBootDisk().setDevice(v), List.of("xvda", "hde", "sda", "hda1")),
                new Mutation(path + "/grub/title", (g, v) -> grubOf(g).setTitle(v), List.of("a\nb", "a\tb", "x\u00e9", "a\rb")),
                new Mutation(path + "/grub/root", (g, v) -> grubOf(g).setRoot(v), poisoned("(hd0,0)", "hd0,0", "(sd0)")),
                new Mutation(path + "/grub/rootDevice", (g, v) -> grubOf(g).setRootDevice(v), poisoned("LABEL=/")),
                new Mutation(path + "/grub/separateBoot", (g, v) -> grubOf(g).setSeparateBoot(v), List.of("yes", "no")),
                new Mutation(path + "/grub/kernelArgs", (g, v) -> grubOf(g).setKernelArgs(v), List.of("a\tb", "a#b", "a;b", "$(x)")),
                new Mutation(path + "/extraConfig/" + "memory", (g, v) -> g.setExtraConfig(Map.of("memory", v)), List.of("1", "x")),
                new Mutation(path + "/extraConfig/keymap", (g, v) -> g.setExtraConfig(Map.of("keymap", v)),
                        List.of("a\"b", "a\\b", "a\nb", "a\u00e9", "-1"))));
        List<Network> networks = guest.getNetworks();
        if (networks != null && !networks.isEmpty()) {
            String network = path + "/networks/network[1]";
            mutations.add(new Mutation(network + "/mac", (g, v) -> g.getNetworks().get(0).setMac(v),
                    poisoned("00:16:3e:00:00:01", "01:16:3e:00:00:01", "00:00:00:00:00:00", "00:16:3e:00:00", "00:16:3g:00:00:01")));
            mutations.add(new Mutation(network + "/bridge", (g, v) -> g.getNetworks().get(0).setBridge(v),
                    poisoned("xenbr0", "xenbr0123456789ab", ".", "..")));
        }
        List<Disk> disks = guest.getDisks();
        if (disks != null && !disks.isEmpty()) {
            String disk = path + "/disks/disk[1]";
            mutations.add(new Mutation(disk + "/source", (g, v) -> g.getDisks().get(0).setSource(v),
                    poisoned("/images/d.img", "d.img", "/images//d.img", "/images/d.img/")));
            mutations.add(new Mutation(disk + "/device", (g, v) -> g.getDisks().get(0).setDevice(v),
                    List.of("xvdq", "xvdz", "hdb", "sdb", "xvda1", "xvd")));
            mutations.add(new Mutation(disk + "/node", (g, v) -> g.getDisks().get(0).setNode(v), List.of("sdb", "xvd1", "hda", "xvdb1")));
            mutations.add(new Mutation(disk + "/access", (g, v) -> g.getDisks().get(0).setAccess(v), List.of("rw", "ro", "W")));
            List<Partition> partitions = disks.get(0).getPartitions();
            if (partitions != null && !partitions.isEmpty()) {
                String partition = disk + "/partitions/partition[1]";
                mutations.add(new Mutation(partition + "/number", (g, v) -> first(g).setNumber(v), List.of("0", "16", "-1", "one")));
                mutations.add(new Mutation(partition + "/mountPoint", (g, v) -> first(g).setMountPoint(v),
                        poisoned("/data", "/", "/boot", "/boot/x", "data", "/a/../b", "Swap")));
                mutations.add(new Mutation(partition + "/fsType", (g, v) -> {
                    first(g).setMountPoint("/xenpv-mutated");
                    first(g).setFsType(v);
                }, List.of("xfs", "ext4", "swap", "vfat")));
                mutations.add(new Mutation(partition + "/options", (g, v) -> first(g).setOptions(v),
                        poisoned("defaults", "defaults,", ",defaults", "a,,b").stream()
                                .filter(value -> !value.equals("d,efaults")).toList())); // the comma separates options
                mutations.add(new Mutation(partition + "/dump", (g, v) -> first(g).setDump(v), List.of("2", "-1", "x")));
                mutations.add(new Mutation(partition + "/pass", (g, v) -> first(g).setPass(v), List.of("3", "-1", "x")));
                mutations.add(new Mutation(partition + "/pass", (g, v) -> {
                    g.setModuleLoading("rc.local");
                    first(g).setOptions("noauto");
                    first(g).setPass(v);
                }, List.of("1", "2")));
                mutations.add(new Mutation(partition + "/options", (g, v) -> {
                    g.setModuleLoading("rc.local");
                    first(g).setPass("0");
                    first(g).setOptions(v);
                }, List.of("defaults", "ro,noatime")));
            }
        }
        return mutations;
    }

    static Grub grubOf(Guest guest) {
        if (guest.getGrub() == null) {
            guest.setGrub(new Grub());
        }
        return guest.getGrub();
    }

    static Partition first(Guest guest) {
        return guest.getDisks().get(0).getPartitions().get(0);
    }

    // ----------------------------------------------------------------- arbitrary input

    @Provide
    Arbitrary<List<Guest>> anyDeclarations() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("xvda", "/dev/x", "swap", "2.4.21-52.EL", "i686", "hugemem", "rc.local", "1", "0", "true"))
                .injectNull(0.2);
        return Arbitraries.longs().flatMap(seed -> text.list().ofSize(60).map(values -> {
            Random random = new Random(seed);
            java.util.Iterator<String> next = new java.util.Iterator<>() {
                int i;

                public boolean hasNext() {
                    return true;
                }

                public String next() {
                    return values.get(i++ % values.size());
                }
            };
            List<Guest> guests = new ArrayList<>();
            for (int g = random.nextInt(4); g >= 0; g--) {
                guests.add(random.nextInt(10) == 0 ? null : anyGuest(random, next));
            }
            return random.nextInt(20) == 0 ? null : guests;
        }));
    }

    static Guest anyGuest(Random random, java.util.Iterator<String> next) {
        Guest guest = new Guest();
        guest.setName(next.next());
        guest.setArch(next.next());
        guest.setKernel(next.next());
        guest.setKernelVariant(next.next());
        guest.setDriverRelease(next.next());
        guest.setDriverRpm(next.next());
        guest.setMemory(next.next());
        guest.setVcpus(next.next());
        guest.setUuid(next.next());
        guest.setDom0Arch(next.next());
        guest.setDom0Release(next.next());
        guest.setNoapic(next.next());
        guest.setModuleLoading(next.next());
        if (random.nextInt(5) > 0) {
            BootDisk bootDisk = new BootDisk();
            bootDisk.setSource(next.next());
            bootDisk.setDevice(next.next());
            guest.setBootDisk(bootDisk);
        }
        if (random.nextBoolean()) {
            List<Network> networks = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                Network network = random.nextInt(5) == 0 ? null : new Network();
                if (network != null) {
                    network.setMac(next.next());
                    network.setBridge(next.next());
                }
                networks.add(network);
            }
            guest.setNetworks(networks);
        }
        if (random.nextBoolean()) {
            List<Disk> disks = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                Disk disk = random.nextInt(5) == 0 ? null : new Disk();
                if (disk != null) {
                    disk.setSource(next.next());
                    disk.setDevice(next.next());
                    disk.setNode(next.next());
                    disk.setAccess(next.next());
                    List<Partition> partitions = new ArrayList<>();
                    for (int p = random.nextInt(3); p > 0; p--) {
                        Partition partition = random.nextInt(5) == 0 ? null : new Partition();
                        if (partition != null) {
                            partition.setNumber(next.next());
                            partition.setMountPoint(next.next());
                            partition.setFsType(next.next());
                            partition.setOptions(next.next());
                            partition.setDump(next.next());
                            partition.setPass(next.next());
                        }
                        partitions.add(partition);
                    }
                    disk.setPartitions(random.nextBoolean() ? partitions : null);
                }
                disks.add(disk);
            }
            guest.setDisks(disks);
        }
        if (random.nextBoolean()) {
            Grub grub = new Grub();
            grub.setTitle(next.next());
            grub.setRoot(next.next());
            grub.setRootDevice(next.next());
            grub.setSeparateBoot(next.next());
            grub.setKernelArgs(next.next());
            guest.setGrub(grub);
        }
        if (random.nextBoolean()) {
            guest.setFstabBase(new ArrayList<>(java.util.Arrays.asList(next.next(), next.next())));
            guest.setModulesConfBase(new ArrayList<>(java.util.Arrays.asList(next.next(), next.next())));
        }
        if (random.nextBoolean()) {
            Map<String, String> extra = new HashMap<>();
            extra.put(next.next(), next.next());
            extra.put(next.next(), next.next());
            guest.setExtraConfig(extra);
        }
        return guest;
    }
}
