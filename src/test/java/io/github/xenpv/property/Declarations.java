package io.github.xenpv.property;

import io.github.xenpv.model.BootDisk;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Random {@code <guests>} declarations, as the POM beans Maven fills: {@link #valid} ones that
 * every rule allows, {@link #any} input at all, and the {@link #smaller} edits that shrink a
 * failing declaration. Every choice comes from the one {@link Random}, so a seed is a declaration.
 */
public final class Declarations {

    private Declarations() {
    }

    // ----------------------------------------------------------------- valid declarations

    /** One to four guests that every rule allows, with the optional parts present or not at random. */
    public static List<Guest> valid(Random random) {
        List<Guest> guests = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            guests.add(guest(random, guests.size()));
        }
        return guests;
    }

    private static final String[][] ARCH_AND_VARIANT = {{"i686", ""}, {"i686", "smp"}, {"i686", "hugemem"}, {"athlon", ""},
            {"athlon", "smp"}, {"ia32e", ""}, {"ia32e", "smp"}, {"x86_64", ""}, {"x86_64", "smp"}};

    static Guest guest(Random random, int index) {
        String[] archAndVariant = pick(random, ARCH_AND_VARIANT);
        boolean rcLocal = random.nextBoolean();
        String driverRelease;
        do {
            driverRelease = "0" + text(random, "0123456789abcXYZ._+-", 12);
        } while (driverRelease.contains(".."));
        Guest guest = new Guest();
        // the index keeps names, MACs and sources of one declaration's guests apart
        guest.setName("g" + index + text(random, "abcXYZ019_.-", 12));
        guest.setArch(archAndVariant[0]);
        guest.setKernelVariant(archAndVariant[1]);
        guest.setKernel("2.4.21-" + between(random, 1, 9999) + ".EL");
        guest.setDriverRelease(driverRelease);
        guest.setMemory(random.nextBoolean() ? Integer.toString(between(random, 32, 65536)) : null);
        guest.setVcpus(random.nextBoolean() ? Integer.toString(between(random, 1, 32)) : null);
        guest.setDriverRpm(random.nextBoolean() ? "kmod-xenpv-" + driverRelease + "*.rpm" : null);
        guest.setUuid(random.nextBoolean() ? new UUID(random.nextLong(), random.nextLong()).toString() : null);
        // a 32-bit dom0 runs 32-bit guests only
        boolean bits64 = archAndVariant[0].equals("x86_64") || archAndVariant[0].equals("ia32e");
        guest.setDom0Arch(bits64 ? pick(random, null, "x86_64") : pick(random, null, "x86_64", "i386"));
        guest.setDom0Release(pick(random, null, "5.0", "5.1", "5.2", "5.11"));
        guest.setNoapic(pick(random, null, "true", "false"));
        guest.setModuleLoading(rcLocal ? "rc.local" : pick(random, null, "rc.modules"));
        BootDisk bootDisk = new BootDisk();
        bootDisk.setSource(random.nextBoolean() ? "/var/lib/xen/images/g" + index + "/boot.dsk" : "/dev/vg" + index + "/boot");
        bootDisk.setDevice(pick(random, null, "hda", "hdb", "hdc", "hdd"));
        guest.setBootDisk(bootDisk);
        guest.setNetworks(networks(random, index));
        guest.setDisks(disks(random, index, rcLocal));
        guest.setGrub(grub(random));
        if (random.nextBoolean()) {
            guest.setFstabBase(new ArrayList<>(List.of("LABEL=/ / ext3 defaults 1 1", "# kept", "/dev/hda3 swap swap defaults 0 0",
                    "/dev/xvda1 /mnt/old ext3 defaults 1 2")));
        }
        if (random.nextBoolean()) {
            guest.setModulesConfBase(new ArrayList<>(List.of("alias eth0 8139too", "alias scsi_hostadapter aic7xxx",
                    "options e1000 Speed=100", "# kept")));
        }
        guest.setExtraConfig(extraConfig(random));
        return guest;
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
            network.setType(pick(random, null, null, "netfront"));
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
                extra.put(key, Integer.toString(between(random, 0, 999_999_999)));
            } else {
                StringBuilder value = new StringBuilder();
                for (int c = random.nextInt(30); c > 0; c--) {
                    char next = (char) (0x20 + random.nextInt(0x5f));
                    value.append(next == '"' || next == '\\' ? '_' : next);
                }
                // a negative number is refused (libxlutil reads no sign)
                extra.put(key, value.toString().strip().matches("-[0-9]+") ? "v" + value : value.toString());
            }
        }
        return random.nextBoolean() && extra.isEmpty() ? null : extra;
    }

    // ----------------------------------------------------------------- any input at all

    /** Tricky values every field gets now and then: valid ones elsewhere, keywords, near misses. */
    private static final String[] TRICKY = {"xvda", "/dev/x", "swap", "2.4.21-52.EL", "i686", "hugemem", "rc.local", "1", "0", "true",
        "", " ", "-1", "/", "..", "${x}", "$(id)", "a\nb"};

    /**
     * Null or a list of null or half-filled guests, every field drawn from a pool of 60 texts (null,
     * printable ASCII, any UTF-16 unit at all, or a {@link #TRICKY} value), so the same text often
     * lands in two fields or two guests and the clash checks get their turn; one case in 50 is
     * {@link #nearlyValid} instead, since such input is all but never valid.
     */
    public static List<Guest> any(Random random) {
        if (random.nextInt(50) == 0) {
            return nearlyValid(random);
        }
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            pool.add(anyText(random));
        }
        Iterator<String> next = new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                return pool.get(i++ % pool.size());
            }
        };
        List<Guest> guests = new ArrayList<>();
        for (int g = random.nextInt(4); g >= 0; g--) {
            guests.add(random.nextInt(10) == 0 ? null : anyGuest(random, next));
        }
        return random.nextInt(20) == 0 ? null : guests;
    }

    /**
     * A {@link #valid} declaration with one to three values of one guest drawn again: any text at
     * all, or the same value spelled otherwise (spaces around it, in capitals, left blank), which
     * the rules may well allow. Some come out valid, so the checks of what valid input generates
     * get their turn among the random input too.
     */
    static List<Guest> nearlyValid(Random random) {
        List<Guest> guests = valid(random);
        Guest guest = guests.get(random.nextInt(guests.size()));
        List<java.util.function.Supplier<String>> getters = new ArrayList<>();
        List<java.util.function.Consumer<String>> setters = new ArrayList<>();
        field(getters, setters, guest::getName, guest::setName);
        field(getters, setters, guest::getMemory, guest::setMemory);
        field(getters, setters, guest::getVcpus, guest::setVcpus);
        field(getters, setters, guest::getUuid, guest::setUuid);
        field(getters, setters, guest::getNoapic, guest::setNoapic);
        field(getters, setters, guest::getKernelVariant, guest::setKernelVariant);
        field(getters, setters, guest::getDom0Release, guest::setDom0Release);
        field(getters, setters, guest.getBootDisk()::getDevice, guest.getBootDisk()::setDevice);
        if (guest.getNetworks() != null && !guest.getNetworks().isEmpty()) {
            Network network = guest.getNetworks().get(random.nextInt(guest.getNetworks().size()));
            field(getters, setters, network::getMac, network::setMac);
            field(getters, setters, network::getBridge, network::setBridge);
        }
        if (guest.getDisks() != null && !guest.getDisks().isEmpty()) {
            Disk disk = guest.getDisks().get(random.nextInt(guest.getDisks().size()));
            field(getters, setters, disk::getNode, disk::setNode);
            field(getters, setters, disk::getAccess, disk::setAccess);
            if (!disk.getPartitions().isEmpty()) {
                Partition partition = disk.getPartitions().get(random.nextInt(disk.getPartitions().size()));
                field(getters, setters, partition::getOptions, partition::setOptions);
                field(getters, setters, partition::getDump, partition::setDump);
                field(getters, setters, partition::getPass, partition::setPass);
            }
        }
        if (guest.getGrub() != null) {
            field(getters, setters, guest.getGrub()::getTitle, guest.getGrub()::setTitle);
            field(getters, setters, guest.getGrub()::getRootDevice, guest.getGrub()::setRootDevice);
        }
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int field = random.nextInt(getters.size());
            String value = getters.get(field).get();
            setters.get(field).accept(switch (random.nextInt(4)) {
                case 0 -> anyText(random);
                case 1 -> value == null ? null : " " + value + "\t";
                case 2 -> value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
                default -> pick(random, "", " ", null);
            });
        }
        return guests;
    }

    private static void field(List<java.util.function.Supplier<String>> getters, List<java.util.function.Consumer<String>> setters,
            java.util.function.Supplier<String> getter, java.util.function.Consumer<String> setter) {
        getters.add(getter);
        setters.add(setter);
    }

    static String anyText(Random random) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        int length = random.nextInt(3) == 0 ? random.nextInt(21) : random.nextInt(6);
        return switch (random.nextInt(3)) {
            case 0 -> text(random, length, 0x20, 0x7e);
            case 1 -> text(random, length, 0, 0xffff);
            default -> pick(random, TRICKY);
        };
    }

    static Guest anyGuest(Random random, Iterator<String> next) {
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
            guest.setFstabBase(new ArrayList<>(Arrays.asList(next.next(), next.next())));
            guest.setModulesConfBase(new ArrayList<>(Arrays.asList(next.next(), next.next())));
        }
        if (random.nextBoolean()) {
            Map<String, String> extra = new HashMap<>();
            extra.put(next.next(), next.next());
            extra.put(next.next(), next.next());
            guest.setExtraConfig(extra);
        }
        return guest;
    }

    // ----------------------------------------------------------------- shrinking

    /**
     * Edits that make a declaration smaller, biggest first: one guest instead of several, then per
     * guest fewer disks, partitions, NICs and extra settings, then optional parts back to their
     * defaults. Each keeps a valid declaration valid, or close enough: {@link Property} keeps an
     * edit only when the property still fails the same way.
     */
    public static List<Property.Edit<List<Guest>>> smaller(List<Guest> guests) {
        List<Property.Edit<List<Guest>>> edits = new ArrayList<>();
        if (guests.size() > 1) {
            for (int i = 0; i < guests.size(); i++) {
                int g = i;
                edits.add(new Property.Edit<>("only " + who(guests, g), list -> list.retainAll(List.of(list.get(g)))));
            }
            for (int i = 0; i < guests.size(); i++) {
                int g = i;
                edits.add(new Property.Edit<>("without " + who(guests, g), list -> list.remove(g)));
            }
        }
        for (int i = 0; i < guests.size(); i++) {
            int g = i;
            Guest guest = guests.get(g);
            String who = who(guests, g);
            List<Disk> disks = guest.getDisks();
            if (disks != null && !disks.isEmpty()) {
                edits.add(edit(who + ": no disks", list -> list.get(g).setDisks(new ArrayList<>())));
                for (int d = 0; d < disks.size(); d++) {
                    int k = d;
                    if (disks.size() > 1) {
                        edits.add(edit(who + ": without disk " + (k + 1), list -> list.get(g).getDisks().remove(k)));
                    }
                    List<Partition> partitions = disks.get(k).getPartitions();
                    if (partitions != null && !partitions.isEmpty()) {
                        edits.add(edit(who + ": disk " + (k + 1) + " without partitions",
                                list -> list.get(g).getDisks().get(k).setPartitions(new ArrayList<>())));
                        for (int p = 0; p < partitions.size() && partitions.size() > 1; p++) {
                            int q = p;
                            edits.add(edit(who + ": disk " + (k + 1) + " without partition " + (q + 1),
                                    list -> list.get(g).getDisks().get(k).getPartitions().remove(q)));
                        }
                    }
                }
            }
            List<Network> networks = guest.getNetworks();
            if (networks != null && !networks.isEmpty()) {
                edits.add(edit(who + ": no networks", list -> list.get(g).setNetworks(new ArrayList<>())));
                for (int n = 0; n < networks.size() && networks.size() > 1; n++) {
                    int m = n;
                    edits.add(edit(who + ": without network " + (m + 1), list -> list.get(g).getNetworks().remove(m)));
                }
            }
            Map<String, String> extra = guest.getExtraConfig();
            if (extra != null) {
                edits.add(edit(who + ": no extraConfig", list -> list.get(g).setExtraConfig(null)));
                if (extra.size() > 1) {
                    for (String key : extra.keySet()) {
                        edits.add(edit(who + ": without extraConfig/" + key, list -> list.get(g).getExtraConfig().remove(key)));
                    }
                }
            }
            defaulted(edits, who, g, "grub", guest.getGrub(), Guest::setGrub);
            defaulted(edits, who, g, "fstabBase", guest.getFstabBase(), Guest::setFstabBase);
            defaulted(edits, who, g, "modulesConfBase", guest.getModulesConfBase(), Guest::setModulesConfBase);
            defaulted(edits, who, g, "memory", guest.getMemory(), Guest::setMemory);
            defaulted(edits, who, g, "vcpus", guest.getVcpus(), Guest::setVcpus);
            defaulted(edits, who, g, "driverRpm", guest.getDriverRpm(), Guest::setDriverRpm);
            defaulted(edits, who, g, "uuid", guest.getUuid(), Guest::setUuid);
            defaulted(edits, who, g, "dom0Arch", guest.getDom0Arch(), Guest::setDom0Arch);
            defaulted(edits, who, g, "dom0Release", guest.getDom0Release(), Guest::setDom0Release);
            defaulted(edits, who, g, "noapic", guest.getNoapic(), Guest::setNoapic);
            defaulted(edits, who, g, "moduleLoading", guest.getModuleLoading(), Guest::setModuleLoading);
        }
        return edits;
    }

    private static Property.Edit<List<Guest>> edit(String description, java.util.function.Consumer<List<Guest>> apply) {
        return new Property.Edit<>(description, apply);
    }

    private static <V> void defaulted(List<Property.Edit<List<Guest>>> edits, String who, int g, String element, V value,
            java.util.function.BiConsumer<Guest, V> setter) {
        if (value != null) {
            edits.add(edit(who + ": " + element + " left to its default", list -> setter.accept(list.get(g), null)));
        }
    }

    private static String who(List<Guest> guests, int index) {
        Guest guest = guests.get(index);
        return "guest[" + (guest == null || guest.getName() == null ? Integer.toString(index + 1) : guest.getName()) + "]";
    }

    // ----------------------------------------------------------------- the report

    /**
     * The declaration as the POM's {@code <guests>} element, to paste into a project and replay;
     * characters XML cannot hold are shown as Java unicode escapes. Written from the beans' getters, so
     * it follows the model as it grows.
     */
    public static String xml(List<Guest> guests) {
        if (guests == null) {
            return "<!-- no <guests> element -->";
        }
        StringBuilder xml = new StringBuilder();
        element(xml, "", "guests", guests);
        return xml.toString().stripTrailing();
    }

    private static void element(StringBuilder xml, String indent, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            xml.append(indent).append('<').append(name).append('>').append(escaped(text)).append("</").append(name).append(">\n");
            return;
        }
        xml.append(indent).append('<').append(name).append(">\n");
        String inner = indent + "  ";
        if (value instanceof List<?> items) {
            String item = name.equals("guests") ? "guest" : name.endsWith("Base") ? "line" : name.substring(0, name.length() - 1);
            for (Object element : items) {
                if (element == null) {
                    xml.append(inner).append('<').append(item).append("/> <!-- null -->\n");
                } else {
                    element(xml, inner, item, element);
                }
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, entry) -> element(xml, inner, key == null ? "null-key" : escaped(key.toString()), entry));
        } else {
            for (java.lang.reflect.Field field : value.getClass().getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String getter = "get" + Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
                try {
                    element(xml, inner, field.getName(), value.getClass().getMethod(getter).invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(value.getClass().getSimpleName() + " has no " + getter + "()", e);
                }
            }
        }
        xml.append(indent).append("</").append(name).append(">\n");
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    // ----------------------------------------------------------------- helpers

    /** A whole number from {@code low} to {@code high}, the two ends drawn more often than the rest: rules break there. */
    static int between(Random random, int low, int high) {
        return switch (random.nextInt(10)) {
            case 0 -> low;
            case 1 -> high;
            default -> low + random.nextInt(high - low + 1);
        };
    }

    /** Up to {@code maxLength} characters from {@code chars}. */
    static String text(Random random, String chars, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append(chars.charAt(random.nextInt(chars.length())));
        }
        return text.toString();
    }

    static String text(Random random, int length, int firstChar, int lastChar) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (firstChar + random.nextInt(lastChar - firstChar + 1)));
        }
        return text.toString();
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
}
