package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.Rhel45Guests;
import io.github.xenpv.fixtures.SeedGuest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The data-model tables (site page templates.md, moved from the README) are the template API:
 * every property they list exists in
 * {@link GuestView} with the type they give, and every property a template can reach on the view
 * is listed. A property added to the view without its row, or a row for a property that is gone,
 * fails here.
 */
class DataModelDocTest {

    /** One table per record: its header's first cell is "`<record>` property". */
    private static final Pattern TABLE_HEADER = Pattern.compile("\\| `(\\w+)` property \\| type \\| meaning \\|");
    private static final Pattern ROW = Pattern.compile("\\| ((?:`\\w+`(?:, )?)+) \\| ([^|]+) \\| .*\\|");
    private static final Pattern NAME = Pattern.compile("`(\\w+)`");

    @Test
    void everyTableRowIsAViewPropertyAndEveryViewPropertyHasItsRow() throws Exception {
        Map<String, Map<String, String>> documented = documentedTables();
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (Class<?> record : records()) {
            actual.put(recordName(record), properties(record));
        }
        assertEquals(actual.keySet(), documented.keySet(), "one templates.md table per record of the view");
        actual.forEach((record, properties) -> assertEquals(properties, documented.get(record),
                "templates.md table `" + record + "` property (name -> type)"));
    }

    @Test
    void theViewHoldsOnlyPlainValues() {
        for (Class<?> record : records()) {
            for (Method accessor : accessors(record)) {
                String type = typeWord(accessor.getGenericReturnType());
                assertTrue(!type.startsWith("?"), record.getSimpleName() + "." + accessor.getName() + " is " + type);
            }
        }
    }

    @Test
    void driverSourceIsOneOfTheWordsTheTableGives() throws Exception {
        // templates.md: `kmod-xenpv`, or `in-kernel` for a kernel whose package carries the drivers
        String row = Files.readString(Path.of("src/site/markdown/templates.md")).lines()
                .filter(line -> line.startsWith("| `driverSource` |")).findFirst().orElseThrow();
        String kmod = GuestView.of(SeedGuest.valid()).driverSource();
        String inKernel = GuestView.of(SeedGuest.validOnly(Rhel45Guests.declaration(Rhel45Guests.RHEL5_IN_KERNEL)))
                .driverSource();
        assertEquals(List.of("kmod-xenpv", "in-kernel"), List.of(kmod, inKernel));
        assertTrue(row.contains("`" + kmod + "`") && row.contains("`" + inKernel + "`"), row);
    }

    /** {@code record -> (property -> type)} as the tables of templates.md under "### Data model" give them. */
    private static Map<String, Map<String, String>> documentedTables() throws Exception {
        String readme = Files.readString(Path.of("src/site/markdown/templates.md"));
        int from = readme.indexOf("\n### Data model\n");
        assertTrue(from >= 0, "templates.md has a Data model section");
        int to = readme.indexOf("\n### ", from + 1);
        Map<String, Map<String, String>> tables = new TreeMap<>();
        Map<String, String> table = null;
        for (String line : readme.substring(from, to).split("\n")) {
            Matcher header = TABLE_HEADER.matcher(line);
            Matcher row = ROW.matcher(line);
            if (header.matches()) {
                table = new TreeMap<>();
                tables.put(header.group(1), table);
            } else if (line.startsWith("|---")) {
                continue;
            } else if (table != null && row.matches()) {
                Matcher names = NAME.matcher(row.group(1));
                while (names.find()) {
                    String type = row.group(2).strip().replace(" or null", "");
                    assertEquals(null, table.put(names.group(1), type), "listed twice: " + names.group(1));
                }
            } else if (!line.startsWith("|")) {
                table = null;
            } else {
                throw new AssertionError("a data-model row the test cannot read: " + line);
            }
        }
        return tables;
    }

    /** The view and every record it reaches. */
    private static List<Class<?>> records() {
        List<Class<?>> records = new ArrayList<>(List.of(GuestView.class));
        records.addAll(Arrays.stream(GuestView.class.getDeclaredClasses()).filter(Class::isRecord).toList());
        return records;
    }

    /** What a template can reach: the public zero-argument methods of the record, as FreeMarker exposes them. */
    private static List<Method> accessors(Class<?> record) {
        return Arrays.stream(record.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getParameterCount() == 0 && method.getReturnType() != void.class)
                .filter(method -> !List.of("toString", "hashCode").contains(method.getName()))
                .toList();
    }

    private static Map<String, String> properties(Class<?> record) {
        Map<String, String> properties = new LinkedHashMap<>();
        accessors(record).forEach(accessor -> properties.put(accessor.getName(), typeWord(accessor.getGenericReturnType())));
        return new TreeMap<>(properties);
    }

    private static String recordName(Class<?> record) {
        if (record == GuestView.class) {
            return "guest";
        }
        String name = record.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The README's word for a Java type; "?..." for a type templates should not see. */
    private static String typeWord(Type type) {
        if (type == String.class) {
            return "string";
        }
        if (type == int.class) {
            return "number";
        }
        if (type == boolean.class) {
            return "boolean";
        }
        if (type == Object.class) {
            return "number, string or strings";
        }
        if (type instanceof Class<?> record && record.isRecord() && record.getEnclosingClass() == GuestView.class) {
            return recordName(record);
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            Type element = list.getActualTypeArguments()[0];
            return element == String.class ? "strings" : "list of " + typeWord(element);
        }
        return "?" + type.getTypeName();
    }
}
