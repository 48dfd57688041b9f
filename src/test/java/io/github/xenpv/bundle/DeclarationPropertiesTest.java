package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.Problem;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import io.github.xenpv.property.Declarations;
import io.github.xenpv.property.Property;
import io.github.xenpv.render.RenderedFile;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole model at random (plain JUnit 5 over {@link Property}): any declaration the rules allow
 * validates, renders, and gives files the real readers accept; one field broken always fails with
 * that field named; and no input at all makes anything but validation errors that name an element
 * of the declaration. The seed of a failing case and how to replay it are in the failure message.
 */
class DeclarationPropertiesTest {

    // ----------------------------------------------------------------- valid declarations

    /** Renders in memory only (its output folder is never written); one for all tries, so templates are parsed once. */
    static BundleGenerator renderer() throws java.io.IOException {
        return new BundleGenerator(Path.of("target", "not-written"), null);
    }

    @Test
    void everyValidDeclarationValidatesAndRendersEveryGuest() throws Exception {
        BundleGenerator renderer = renderer();
        Property.of("everyValidDeclarationValidatesAndRendersEveryGuest", 300, Declarations::valid)
                .shrinking(Declarations::smaller).describedBy(Declarations::xml)
                .check(guests -> validatesAndRendersEveryGuest(renderer, guests));
    }

    /**
     * No error, and every declared guest, in order, rendered into a bundle of exactly the files its
     * declaration calls for, none of them empty.
     */
    static void validatesAndRendersEveryGuest(BundleGenerator renderer, List<Guest> guests) throws Exception {
        Validation validation = GuestValidator.validate(guests);
        assertEquals(List.of(), validation.errors());
        List<GuestBundle> bundles = renderer.render(validation.guests());
        assertEquals(guests.stream().map(Guest::getName).toList(), bundles.stream().map(GuestBundle::guestName).toList());
        for (int g = 0; g < bundles.size(); g++) {
            GuestBundle bundle = bundles.get(g);
            assertEquals(DeclaredBundles.expectedFiles(guests.get(g), validation.guests().get(g)),
                    bundle.files().stream().map(RenderedFile::path).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)),
                    bundle.guestName() + "'s files");
            for (RenderedFile file : bundle.files()) {
                assertFalse(file.text().isBlank(), bundle.guestName() + "/" + file.path() + " is empty");
            }
        }
    }

    @Test
    void everyValidDeclarationRendersFilesTheRealReadersAccept() {
        Property.of("everyValidDeclarationRendersFilesTheRealReadersAccept", 40, Declarations::valid)
                .shrinking(Declarations::smaller).describedBy(Declarations::xml)
                .check(DeclarationPropertiesTest::realReadersAccept);
    }

    /**
     * Generates the bundles and feeds every file to the program that reads it, each program once for
     * all files; what they read is what the declaration says, field by field (DeclaredBundles).
     */
    static void realReadersAccept(List<Guest> guests) throws Exception {
        Validation validation = GuestValidator.validate(guests);
        assertEquals(List.of(), validation.errors());
        Path out = Files.createTempDirectory("xenpv-property");
        try {
            DeclaredBundles.generateAndCheck(out, guests, validation.guests());
        } finally {
            delete(out);
        }
    }

    static void delete(Path folder) throws java.io.IOException {
        try (var walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    // ----------------------------------------------------------------- one broken field

    /** A valid declaration with one field of one guest set to a value its rule refuses. */
    record BrokenField(List<Guest> guests, String path, String value) {
    }

    @Test
    void oneBrokenFieldFailsNamingThatField() {
        Property.of("oneBrokenFieldFailsNamingThatField", 600, DeclarationPropertiesTest::brokenField)
                .describedBy(broken -> broken.path() + " = '" + broken.value() + "' in\n" + Declarations.xml(broken.guests()))
                .check(broken -> {
                    List<Problem> errors = GuestValidator.validate(broken.guests()).errors();
                    assertTrue(errors.stream().anyMatch(problem -> problem.path().equals(broken.path())),
                            () -> broken.path() + " = '" + broken.value() + "' gave " + errors);
                });
    }

    static BrokenField brokenField(Random random) {
        List<Guest> guests = Declarations.valid(random);
        int index = random.nextInt(guests.size());
        List<Mutation> mutations = mutations(guests.get(index), index);
        Mutation mutation = mutations.get(random.nextInt(mutations.size()));
        String bad = mutation.badValues().get(random.nextInt(mutation.badValues().size()));
        mutation.apply().accept(guests.get(index), bad);
        return new BrokenField(guests, mutation.path(), bad);
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
                new Mutation(path + "/kernel", Guest::setKernel, poisoned("2.4.21-52.EL", "2.6.32-71.el6", "2.4.21-52.ELsmp", "2.4.21.EL")),
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

    // ----------------------------------------------------------------- any input at all

    @Test
    void noInputMakesAnythingButValidationErrors() {
        int[] valid = {0};
        Property<List<Guest>> property = Property.of("noInputMakesAnythingButValidationErrors", 2000, Declarations::any)
                .describedBy(Declarations::xml);
        property.check(guests -> {
            Validation validation = GuestValidator.validate(guests);
            for (Problem problem : validation.errors()) {
                assertFalse(problem.message().isBlank(), problem::toString);
                assertTrue(namesAnElement(guests, problem.path()), () -> "error at no element of the declaration: " + problem);
            }
            for (Problem problem : validation.warnings()) {
                assertTrue(namesAnElement(guests, problem.path()), () -> "warning at no element of the declaration: " + problem);
            }
            if (validation.valid()) {
                // every guest handed on, and its files are what its declaration says, as the real readers read them
                valid[0]++;
                Path out = Files.createTempDirectory("xenpv-property");
                try {
                    DeclaredBundles.generateAndCheck(out, guests, validation.guests());
                } finally {
                    delete(out);
                }
            } else {
                assertTrue(validation.guests().isEmpty(), "guests handed on despite errors");
            }
        });
        if (property.tries() >= 1000) {
            // the valid branch above must have its turn: Declarations.any's nearly valid cases give it about one in 100
            assertTrue(valid[0] > 0, "no declaration of the run was valid");
        }
        System.out.println("noInputMakesAnythingButValidationErrors: " + valid[0] + " valid declarations held to their files");
    }

    @Test
    void anErrorPathMustNameAnElementOfTheDeclaration() {
        Guest guest = new Guest();
        guest.setName("web");
        guest.setBootDisk(new io.github.xenpv.model.BootDisk());
        Disk disk = new Disk();
        disk.setPartitions(new ArrayList<>(List.of(new Partition())));
        guest.setDisks(new ArrayList<>(List.of(disk)));
        guest.setNetworks(new ArrayList<>(List.of(new Network())));
        guest.setModulesConfBase(new ArrayList<>(List.of("alias eth0 e100", "")));
        guest.setExtraConfig(Map.of("keymap", "de"));
        List<Guest> guests = java.util.Arrays.asList(guest, null);
        for (String path : List.of("guests", "guests/guest[1]", "guests/guest[2]", "guests/guest[web]/memory",
                "guests/guest[web]/bootDisk/source", "guests/guest[web]/disks/disk[1]/partitions/partition[1]/mountPoint",
                "guests/guest[web]/extraConfig/keymap", "guests/guest[web]/extraConfig", "guests/guest[web]/grub",
                "guests/guest[web]/networks/network[1]/mac", "guests/guest[web]/modulesConfBase/line[2]",
                "guests/guest[web]/grub/title", "guests/guest[web]/fstabBase/line[1]", "guests/guest[2]/name")) {
            assertTrue(namesAnElement(guests, path), path);
        }
        for (String path : List.of("", "guest", "guests/guest[3]", "guests/guest[0]", "guests/guest[db]/memory",
                "guests/guest[web]/ram", "guests/guest[web]/disks/disk[2]/source", "guests/guest[web]/disks/disk[0]/source",
                "guests/guest[web]/disks/source", "guests/guest[web]/disks/disk[1]/partitions/partition[1]/size",
                "guests/guest[web]/extraConfig/vnc", "guests/guest[web]/memory/", "guests/guest[web]//memory",
                "guests/guest[web]/grub/size", "guests/guest[web]/fstabBase/line[0]", "guests/guest[web]/modulesConfBase/line[3]",
                "guests/guest[web]/networks/networks[1]/mac", "guests/guest[2]/disks/disk[1]/label", "guests/guest[2]/extraConfig/x")) {
            assertFalse(namesAnElement(guests, path), path);
        }
    }

    private static final Pattern GUEST = Pattern.compile("guests/guest\\[([^\\]]*)\\](.*)", Pattern.DOTALL);
    private static final Pattern ITEM = Pattern.compile("([A-Za-z]+)\\[([0-9]{1,9})\\]");

    /**
     * Whether {@code path} names an element of the declaration: a guest by position or name, then
     * POM elements the beans have (read from their getters), list items by position from 1 within
     * a list that is there, an extraConfig key of the map that is there.
     */
    static boolean namesAnElement(List<Guest> guests, String path) {
        if (path.equals("guests")) {
            return true;
        }
        Matcher guest = GUEST.matcher(path);
        if (guests == null || !guest.matches()) {
            return false;
        }
        // a guest with an unusable name is labelled by position, which another guest may have as its name: try both
        for (int i = 0; i < guests.size(); i++) {
            Guest candidate = guests.get(i);
            boolean labelled = guest.group(1).equals(Integer.toString(i + 1))
                    || candidate != null && candidate.getName() != null && candidate.getName().strip().equals(guest.group(1));
            if (labelled && namesAnElementOf(candidate, guest.group(2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code rest} ("/disks/disk[1]/source", or nothing) names an element within {@code guest}.
     * Through an absent element only the names are checked: a default stands there (no
     * {@code <networks>} is one network, whose derived MAC can clash at {@code networks/network[1]/mac}).
     */
    private static boolean namesAnElementOf(Guest guest, String rest) {
        Object value = guest;
        Type type = Guest.class;
        while (!rest.isEmpty()) {
            if (!rest.startsWith("/")) {
                return false;
            }
            rest = rest.substring(1);
            if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
                // extraConfig/<key>: the key is the rest, whatever it holds
                return value instanceof Map<?, ?> entries && entries.containsKey(rest);
            }
            String element = rest.split("/", 2)[0];
            rest = rest.substring(element.length());
            Method getter = getter(type, element);
            if (getter == null) {
                return false;
            }
            type = getter.getGenericReturnType();
            value = value == null ? null : invoke(getter, value);
            if (type instanceof ParameterizedType list && list.getRawType() == List.class && !rest.isEmpty()) {
                // networks/network[i], fstabBase/line[i]
                Matcher item = ITEM.matcher(rest.substring(1).split("/", 2)[0]);
                String itemName = element.endsWith("Base") ? "line" : element.substring(0, element.length() - 1);
                if (!item.matches() || !item.group(1).equals(itemName)) {
                    return false;
                }
                int position = Integer.parseInt(item.group(2));
                List<?> items = (List<?>) value;
                if (position < 1 || items != null && position > items.size()) {
                    return false;
                }
                rest = rest.substring(1 + item.group().length());
                value = items == null ? null : items.get(position - 1);
                type = list.getActualTypeArguments()[0];
            }
        }
        return true;
    }

    private static Method getter(Type type, String element) {
        if (!(type instanceof Class<?> bean) || bean == String.class || element.isEmpty()) {
            return null;
        }
        try {
            return bean.getMethod("get" + Character.toUpperCase(element.charAt(0)) + element.substring(1));
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method getter, Object bean) {
        try {
            return getter.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
