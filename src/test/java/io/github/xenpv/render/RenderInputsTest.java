package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.fixtures.SparseFile;
import io.github.xenpv.fixtures.XmlElements;
import io.github.xenpv.model.ConfigElement;
import io.github.xenpv.model.EmulatedDisk;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ValidGuest;
import java.io.RandomAccessFile;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything a bundle is rendered from changes the inputs; nothing else does. */
class RenderInputsTest {

    private static final byte[] PLUGIN = "plugin".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path work;

    /**
     * Every component of the checked guest, and the first of each record inside it, is read: a copy
     * of the seed guest with any one of them changed has other inputs. A component added to the
     * model is covered the same way, or this test names it.
     */
    @Test
    void everyValueOfTheCheckedGuestCounts() throws Exception {
        RenderInputs inputs = RenderInputs.of(null, PLUGIN);
        ValidGuest seed = SeedGuest.validOnly(fullSeed());
        String original = inputs.of(seed);
        assertEquals(original, inputs.of(SeedGuest.validOnly(fullSeed())), "the same guest, the same inputs");
        List<String> unchanged = new ArrayList<>();
        for (RecordComponent component : ValidGuest.class.getRecordComponents()) {
            Object changed = changed(component.getAccessor().invoke(seed), component.getType());
            if (changed == null) {
                unchanged.add(component.getName() + " (no other value to try)");
                continue;
            }
            if (inputs.of(with(seed, component, changed)).equals(original)) {
                unchanged.add(component.getName());
            }
        }
        assertEquals(List.of(), unchanged.stream().filter(name -> !name.endsWith("(no other value to try)")).toList(),
                "changing these left the inputs as they were");
        assertTrue(unchanged.size() <= 2, "too few values could be tried: " + unchanged);
    }

    /**
     * An element changed inside a list counts, not only a list grown or shrunk: a disk's mount point
     * edited in the POM must render that guest again.
     */
    @Test
    void everyElementOfTheGuestsListsCounts() throws Exception {
        RenderInputs inputs = RenderInputs.of(null, PLUGIN);
        ValidGuest seed = SeedGuest.validOnly(fullSeed());
        String original = inputs.of(seed);
        List<String> tried = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (RecordComponent component : ValidGuest.class.getRecordComponents()) {
            if (component.getType() != List.class) {
                continue;
            }
            List<?> list = (List<?>) component.getAccessor().invoke(seed);
            Object first = list.isEmpty() ? null : changed(list.get(0), list.get(0).getClass());
            if (first == null) {
                continue;
            }
            List<Object> edited = new ArrayList<>(list);
            edited.set(0, first);
            tried.add(component.getName());
            if (inputs.of(with(seed, component, List.copyOf(edited))).equals(original)) {
                unchanged.add(component.getName());
            }
        }
        assertEquals(List.of(), unchanged, "editing the first element of these lists left the inputs as they were");
        assertTrue(tried.containsAll(List.of("emulatedDisks", "networks", "disks", "fstabBase", "modulesConfBase", "extraConfig")),
                "lists tried: " + tried);
    }

    /**
     * A guest read from the POM counts by its declaration as written, from which every checked value
     * follows: any element with its text changed, taken away or given, renamed, removed or given a
     * child renders the guest again, and so does an element moved to another level or an expression
     * left unresolved. Its checked values add nothing then, and it never reads like a guest built in
     * code.
     */
    @Test
    void aGuestReadFromThePomCountsByEveryElementOfItsDeclaration() throws Exception {
        RenderInputs inputs = RenderInputs.of(null, PLUGIN);
        String pom = Files.readString(Path.of("src/test/projects/seed/pom.xml"));
        String xml = pom.substring(pom.indexOf("<guest>"), pom.indexOf("</guest>") + "</guest>".length());
        ConfigElement declaration = XmlElements.parse(xml);
        ValidGuest seed = SeedGuest.valid();
        String original = inputs.of(seed.withDeclaration(declaration));
        assertEquals(original, inputs.of(SeedGuest.valid().withDeclaration(XmlElements.parse(xml))), "the same declaration");
        assertNotEquals(inputs.of(seed), original, "the same guest built in code");
        assertEquals(original, inputs.of(SeedGuest.validOnly(fullSeed()).withDeclaration(declaration)),
                "other checked values beside the same declaration");

        List<String> unchanged = new ArrayList<>();
        int tried = 0;
        for (List<Integer> at : everyElement(declaration, List.of())) {
            ConfigElement element = at(declaration, at);
            Map<String, ConfigElement> edits = new LinkedHashMap<>();
            edits.put("text changed", new ConfigElement(element.name(), element.text() == null ? "x" : element.text() + "x",
                    element.children()));
            edits.put(element.text() == null ? "text given" : "text taken away",
                    new ConfigElement(element.name(), element.text() == null ? "" : null, element.children()));
            edits.put("renamed", new ConfigElement(element.name() + "x", element.text(), element.children()));
            edits.put("a child added", new ConfigElement(element.name(), element.text(),
                    plus(element.children(), new ConfigElement("x", null, List.of()))));
            edits.put("unresolved", new ConfigElement(element.name(), element.text(), element.children(), List.of("${x}")));
            if (!at.isEmpty()) {
                edits.put("removed", null);
            }
            for (Map.Entry<String, ConfigElement> edit : edits.entrySet()) {
                tried++;
                if (inputs.of(seed.withDeclaration(replaced(declaration, at, edit.getValue()))).equals(original)) {
                    unchanged.add(element.name() + " at " + at + ": " + edit.getKey());
                }
            }
        }
        assertEquals(List.of(), unchanged, "these edits left the inputs as they were");
        assertTrue(tried > 100, tried + " edits");

        ConfigElement b = new ConfigElement("b", null, List.of());
        ConfigElement c = new ConfigElement("c", null, List.of());
        assertNotEquals(inputs.of(seed.withDeclaration(new ConfigElement("guest", null, List.of(
                        new ConfigElement("a", null, List.of(b)), c)))),
                inputs.of(seed.withDeclaration(new ConfigElement("guest", null, List.of(
                        new ConfigElement("a", null, List.of(b, c)))))), "an element moved a level up");
        assertNotEquals(inputs.of(seed.withDeclaration(new ConfigElement("guest", null, List.of(), List.of("${x}")))),
                inputs.of(seed.withDeclaration(new ConfigElement("guest", null, List.of(), List.of("${y}")))),
                "another expression unresolved");
        assertNotEquals(inputs.of(seed.withDeclaration(new ConfigElement("guest", null,
                        List.of(new ConfigElement("arch", null, List.of(), List.of("${x}")))))),
                inputs.of(seed.withDeclaration(new ConfigElement("guest", null,
                        List.of(new ConfigElement("arch", null, List.of())), List.of("${x}")))),
                "an expression unresolved in an element or in the one around it");
    }

    /** The index path of every element under {@code element} (at {@code at}), itself first. */
    private static List<List<Integer>> everyElement(ConfigElement element, List<Integer> at) {
        List<List<Integer>> all = new ArrayList<>(List.of(at));
        for (int i = 0; i < element.children().size(); i++) {
            all.addAll(everyElement(element.children().get(i), plus(at, i)));
        }
        return all;
    }

    private static ConfigElement at(ConfigElement root, List<Integer> at) {
        return at.isEmpty() ? root : at(root.children().get(at.get(0)), at.subList(1, at.size()));
    }

    /** {@code root} with the element at {@code at} replaced, or removed for {@code null}. */
    private static ConfigElement replaced(ConfigElement root, List<Integer> at, ConfigElement replacement) {
        if (at.isEmpty()) {
            return replacement;
        }
        List<ConfigElement> children = new ArrayList<>(root.children());
        ConfigElement child = replaced(children.get(at.get(0)), at.subList(1, at.size()), replacement);
        if (child == null) {
            children.remove((int) at.get(0));
        } else {
            children.set(at.get(0), child);
        }
        return new ConfigElement(root.name(), root.text(), children, root.unresolved());
    }

    /** Kinds of value the model could come to hold in one place, for the feed's own tests. */
    enum Bus { IDE, XEN }

    enum Driver { IDE, XEN }

    record LvmSource(String path) {
    }

    /** Two values of which either may be missing, as a disk's optional settings are. */
    record Pair(String first, String second) {
    }

    record FileSource(String path) {
    }

    /**
     * The feed tells values apart by their kind, not only by the place the guest gives them: two
     * kinds of record with the same components (a disk source that could be a volume or a file), two
     * enums with a constant of the same name, and lists of lists whose elements add up the same, all
     * read differently. The model holds none of these today; a value added to it is read by the same
     * feed without a change there.
     */
    @Test
    void valuesOfDifferentKindsNeverReadTheSame() throws Exception {
        RenderInputs inputs = RenderInputs.of(null, PLUGIN);
        assertNotEquals(inputs.digestOf(List.of(new LvmSource("/dev/vg/a"))), inputs.digestOf(List.of(new FileSource("/dev/vg/a"))),
                "records of two kinds with the same components");
        assertNotEquals(inputs.digestOf(List.of(Bus.XEN)), inputs.digestOf(List.of(Driver.XEN)), "enum constants of the same name");
        assertNotEquals(inputs.digestOf(List.of(List.of("a"), List.of())), inputs.digestOf(List.of(List.of("a", List.of()))),
                "the same elements in lists of other lengths");
        assertNotEquals(inputs.digestOf(List.of("a", "b")), inputs.digestOf(List.of("ab")), "texts joined");
        assertNotEquals(inputs.digestOf(List.of(1, 2)), inputs.digestOf(List.of(12)), "numbers joined");
        assertNotEquals(inputs.digestOf(List.of("A")), inputs.digestOf(List.of("\u0141")), "chars alike in their low byte");
        assertNotEquals(inputs.digestOf(new Pair(null, "x")), inputs.digestOf(new Pair("x", null)), "a missing value before or after");
        assertNotEquals(inputs.digestOf(List.of(new LvmSource("a"), new FileSource("b"), new LvmSource("c"))),
                inputs.digestOf(List.of(new LvmSource("a"), new FileSource("b"), new FileSource("c"))),
                "records of two kinds met again, each by the number it was given");
        assertNotEquals(inputs.digestOf(List.of(1)), inputs.digestOf(List.of(1L << 32 | 1)), "numbers alike in their low bytes");
        assertEquals(inputs.digestOf(List.of(new LvmSource("/dev/vg/a"), new LvmSource("/dev/vg/b"))),
                inputs.digestOf(List.of(new LvmSource("/dev/vg/a"), new LvmSource("/dev/vg/b"))), "the same values, the same digest");
        assertNotEquals(inputs.digestOf(List.of(new LvmSource("/dev/vg/a"), new LvmSource("/dev/vg/b"))),
                inputs.digestOf(List.of(new LvmSource("/dev/vg/a"), new FileSource("/dev/vg/b"))),
                "a record of another kind after one of the first kind");
    }

    /**
     * The feed gathers bytes in a buffer of a few KiB: values that fill it at every place, a byte or
     * a char or a number short of its end, all count whole, up to their last char.
     */
    @Test
    void valuesCountWholeWhereverTheyCrossTheFeedsBuffer() throws Exception {
        RenderInputs inputs = RenderInputs.of(null, PLUGIN);
        for (int count = 900; count < 920; count++) {
            // nine bytes a number, one a flag: these lists end at every place around the buffer's end
            List<Object> numbers = Collections.nCopies(count - 1, 7);
            assertNotEquals(inputs.digestOf(plus(numbers, 7)), inputs.digestOf(plus(numbers, 8)), count + " numbers");
            List<Object> flags = Collections.nCopies(count * 9 - 1, true);
            assertNotEquals(inputs.digestOf(plus(flags, true)), inputs.digestOf(plus(flags, false)), count * 9 + " flags");
        }
        for (int length = 4070; length < 4100; length++) {
            String text = "x".repeat(length);
            for (List<Object> before : List.<List<Object>>of(List.of(), List.of(true), List.of(1))) {
                assertNotEquals(inputs.digestOf(plus(before, text + "y")), inputs.digestOf(plus(before, text + "z")),
                        length + " chars after " + before);
            }
        }
    }

    /** {@code values} with {@code last} after them. */
    private static <T> List<T> plus(List<T> values, T last) {
        List<T> all = new ArrayList<>(values);
        all.add(last);
        return all;
    }

    /** FreeMarker formats dates in the build's time zone, so a build in another zone is another input. */
    @Test
    void theTimeZoneCounts() throws Exception {
        ValidGuest guest = SeedGuest.valid();
        TimeZone zone = TimeZone.getDefault();
        String here;
        String elsewhere;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            here = RenderInputs.of(null, PLUGIN).of(guest);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            elsewhere = RenderInputs.of(null, PLUGIN).of(guest);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertNotEquals(here, elsewhere);
    }

    /**
     * A template folder whose link leads back up into itself still gives inputs (the loop counts by
     * its path) rather than failing the build or walking forever; the loop's place counts.
     */
    @Test
    void aLinkThatLoopsInTheTemplateFolderCountsByItsPath() throws Exception {
        ValidGuest guest = SeedGuest.valid();
        Path templates = work.resolve("templates");
        Files.createDirectories(templates.resolve("guest/etc"));
        Files.writeString(templates.resolve("guest/etc/fstab.ftl"), "a");
        String plain = RenderInputs.of(templates, PLUGIN).of(guest);
        Files.createSymbolicLink(templates.resolve("guest/etc/loop"), templates);
        String looped = RenderInputs.of(templates, PLUGIN).of(guest);
        assertNotEquals(plain, looped);
        assertEquals(looped, RenderInputs.of(templates, PLUGIN).of(guest));
        Files.delete(templates.resolve("guest/etc/loop"));
        Files.createSymbolicLink(templates.resolve("guest/loop"), templates);
        assertNotEquals(looped, RenderInputs.of(templates, PLUGIN).of(guest), "a loop elsewhere");
    }

    @Test
    void theTemplateFolderCountsByEveryFilesPathAndBytes() throws Exception {
        ValidGuest guest = SeedGuest.valid();
        Path templates = work.resolve("templates");
        String none = RenderInputs.of(templates, PLUGIN).of(guest);
        Files.createDirectories(templates.resolve("guest/etc"));
        Files.writeString(templates.resolve("guest/etc/fstab.ftl"), "a");
        String one = RenderInputs.of(templates, PLUGIN).of(guest);
        assertNotEquals(none, one);
        assertEquals(one, RenderInputs.of(templates, PLUGIN).of(guest));
        Files.writeString(templates.resolve("guest/etc/fstab.ftl"), "b");
        assertNotEquals(one, RenderInputs.of(templates, PLUGIN).of(guest), "other bytes");
        Files.move(templates.resolve("guest/etc/fstab.ftl"), templates.resolve("guest/etc/modules.conf.ftl"));
        Files.writeString(templates.resolve("guest/etc/modules.conf.ftl"), "a");
        assertNotEquals(one, RenderInputs.of(templates, PLUGIN).of(guest), "the same bytes under another name");
    }

    /**
     * A file of the template folder counts by all of its bytes however large it is, read in pieces:
     * read whole, one past 2 GiB failed with an {@code OutOfMemoryError}.
     */
    @Test
    void aTemplateFolderFileLargerThanAnArrayCountsToItsLastByte() throws Exception {
        ValidGuest guest = SeedGuest.valid();
        Path templates = Files.createDirectories(work.resolve("templates"));
        Path large = SparseFile.of(templates.resolve("disk.img"), SparseFile.PAST_ANY_ARRAY);
        String zeros = RenderInputs.of(templates, PLUGIN).of(guest);
        try (RandomAccessFile file = new RandomAccessFile(large.toFile(), "rw")) {
            file.seek(SparseFile.PAST_ANY_ARRAY - 1);
            file.write(1);
        }
        assertNotEquals(zeros, RenderInputs.of(templates, PLUGIN).of(guest), "the last byte changed");
    }

    @Test
    void thePluginCountsByItsBytesNotItsVersion() throws Exception {
        ValidGuest guest = SeedGuest.valid();
        assertNotEquals(RenderInputs.of(null, PLUGIN).of(guest),
                RenderInputs.of(null, "plugin, rebuilt".getBytes(StandardCharsets.UTF_8)).of(guest));

        Path jar = work.resolve("xenpv-maven-plugin-0.1.0-SNAPSHOT.jar");
        Files.write(jar, new byte[] {1, 2, 3});
        String built = hex(RenderInputs.code(jar).orElseThrow());
        Files.write(jar, new byte[] {1, 2, 4});
        assertNotEquals(built, hex(RenderInputs.code(jar).orElseThrow()), "a rebuilt jar of the same name");

        Path classes = work.resolve("classes");
        Files.createDirectories(classes.resolve("io/github/xenpv/templates"));
        Files.writeString(classes.resolve("io/github/xenpv/templates/README.txt.ftl"), "steps");
        String compiled = hex(RenderInputs.code(classes).orElseThrow());
        Files.writeString(classes.resolve("io/github/xenpv/templates/README.txt.ftl"), "Steps");
        assertNotEquals(compiled, hex(RenderInputs.code(classes).orElseThrow()), "a changed bundled template");

        assertFalse(RenderInputs.code(null).isPresent(), "code from no file counts as unknown");
        assertTrue(RenderInputs.pluginCode().isPresent(), "the plugin's own classes are found");
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Another value of the same kind, or {@code null} when there is none to try. */
    /** The seed guest with a value in each list it leaves empty, so that every list has another value to try. */
    private static Guest fullSeed() {
        Guest guest = SeedGuest.declaration();
        EmulatedDisk kept = new EmulatedDisk();
        kept.setSource("/dev/vg_guests/shared");
        kept.setDevice("hdd");
        guest.setEmulatedDisks(List.of(kept));
        guest.setModulesConfBase(List.of("alias parport_lowlevel parport_pc"));
        guest.setExtraConfig(Map.of("on_crash", "preserve"));
        return guest;
    }

    private static Object changed(Object value, Class<?> type) throws Exception {
        if (type == String.class) {
            return value == null ? "x" : value + "x";
        }
        if (type == int.class || type == Integer.class) {
            return (Integer) value + 1;
        }
        if (type == ConfigElement.class) {
            return value == null ? new ConfigElement("guest", null, List.of()) : null;
        }
        if (type == boolean.class || type == Boolean.class) {
            return !(Boolean) value;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants.length < 2 ? null : constants[(Arrays.asList(constants).indexOf(value) + 1) % constants.length];
        }
        if (List.class.isAssignableFrom(type)) {
            List<?> list = (List<?>) value;
            return list.isEmpty() ? null : list.subList(0, list.size() - 1);
        }
        if (type.isRecord() && value != null) {
            for (RecordComponent component : type.getRecordComponents()) {
                Object inner = changed(component.getAccessor().invoke(value), component.getType());
                if (inner != null) {
                    return with(value, component, inner);
                }
            }
        }
        return null;
    }

    /** A copy of a record with one component replaced. */
    private static <T> T with(T record, RecordComponent replaced, Object value) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getName().equals(replaced.getName()) ? value : components[i].getAccessor().invoke(record);
            types[i] = components[i].getType();
        }
        @SuppressWarnings("unchecked")
        Constructor<T> canonical = (Constructor<T>) record.getClass().getDeclaredConstructor(types);
        return canonical.newInstance(values);
    }
}
