package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code <guests>} element into {@link Guest} beans the way Maven would bind it, but
 * where Maven stops at the first misspelled element with a Java class name, this reports every
 * mistake at its POM path, in the validator's words: an unknown element (with the nearest known
 * name, or where that element belongs), text where elements belong, elements where a value
 * belongs, an element given twice. It binds everything it can, so the validator still checks the
 * rest of the declaration in the same run.
 */
public final class DeclarationReader {

    static final String GUESTS = "guests";
    static final String GUEST = "guest";

    /** The elements a {@code <guest>} takes: where {@link #unknown} looks for the place an element belongs. */
    private final ElementShape guestShape;
    /** Problems of the guest being read, at paths relative to its {@code <guest>} element. */
    private final List<Problem> problems = new ArrayList<>();
    /** Paths whose validation errors only repeat a problem found here (a value that could not be bound). */
    private final Set<String> claimed = new LinkedHashSet<>();

    private DeclarationReader(ElementShape guestShape) {
        this.guestShape = guestShape;
    }

    /**
     * Reads the {@code <guests>} element.
     *
     * @param guests the element; {@code null} when the configuration has none (the validator then
     *     says one is required)
     * @return the guests it could bind and every problem of reading them
     */
    public static Declaration read(ConfigElement guests) {
        if (guests == null) {
            return new Declaration(null, List.of(), Set.of(), List.of());
        }
        ElementShape guestShape = ElementShape.of(Guest.class);
        List<Problem> problems = new ArrayList<>();
        Set<String> claimed = new LinkedHashSet<>();
        String text = guests.strippedText();
        if (text != null) {
            problems.add(new Problem(GUESTS, "'" + text + "' is text, but <guests> holds <guest> elements"));
            if (guests.children().isEmpty()) {
                claimed.add(GUESTS);
            }
        }
        List<Guest> bound = new ArrayList<>();
        List<ConfigElement> elements = new ArrayList<>();
        int position = 0;
        for (ConfigElement element : guests.children()) {
            position++;
            if (!isItem(element, GUEST)) {
                problems.add(new Problem(GUESTS + "/" + element.name() + "[" + position + "]",
                        notAnItem(element.name(), GUESTS, GUEST, guestShape.placesOf(element.name()).isEmpty()
                                && guestShape.property(element.name()) == null ? null : GUEST)));
                continue;
            }
            DeclarationReader reader = new DeclarationReader(guestShape);
            Guest guest = new Guest();
            reader.fill(guest, guestShape, element, "", GUEST);
            String path = GUESTS + "/" + element.name() + "[" + GuestValidator.label(guest, bound.size()) + "]";
            if (!element.name().equals(GUEST)) {
                problems.add(new Problem(path, "unknown element; did you mean <" + GUEST + ">?"));
            }
            reader.problems.forEach(problem -> problems.add(new Problem(join(path, problem.path()), problem.message())));
            reader.claimed.forEach(relative -> claimed.add(join(path, relative)));
            bound.add(guest);
            elements.add(element);
        }
        return new Declaration(bound, problems, claimed, elements);
    }

    /**
     * Whether a {@code <guest>} takes an element of this name directly, such as {@code arch}.
     *
     * @param name an element name
     * @return whether it is one of the guest's own elements
     */
    public static boolean isGuestElement(String name) {
        return ElementShape.of(Guest.class).property(name) != null;
    }

    /** Whether a child of a list is one of its items, possibly misspelled. */
    private static boolean isItem(ConfigElement element, String item) {
        return element.name().equals(item) || NearestName.to(element.name(), List.of(item)).isPresent();
    }

    /** The message for a child of a list that is not one of its items; {@code belongsIn} names the item it belongs in. */
    private static String notAnItem(String name, String list, String item, String belongsIn) {
        return "unknown element; <" + list + "> holds <" + item + "> elements"
                + (belongsIn == null ? "" : ", and <" + name + "> belongs inside a <" + belongsIn + ">");
    }

    /** Binds the children of {@code element} (at {@code path}, relative to the guest) into {@code bean}. */
    private void fill(Object bean, ElementShape shape, ConfigElement element, String path, String elementName) {
        String text = element.strippedText();
        if (text != null) {
            problem(path, "'" + text + "' is text, but <" + elementName + "> holds elements: " + shape.listing());
            if (element.children().isEmpty()) {
                claimed.add(path);
            }
        }
        Set<String> seen = new HashSet<>();
        for (ConfigElement child : element.children()) {
            String childPath = join(path, child.name());
            ElementShape.Property property = shape.property(child.name());
            if (property == null) {
                unknown(shape, element, child, childPath, elementName);
                continue;
            }
            if (!seen.add(child.name())) {
                problem(childPath, "appears twice; a <" + elementName + "> has one <" + child.name() + ">, and the "
                        + "last one would count");
            }
            switch (property.kind()) {
                case VALUE -> property.set(bean, value(child, childPath));
                case BEAN -> {
                    Object inner = property.bean().newBean();
                    fill(inner, property.bean(), child, childPath, child.name());
                    property.set(bean, inner);
                }
                case VALUE_LIST -> property.set(bean, values(child, childPath, property));
                case BEAN_LIST -> property.set(bean, beans(child, childPath, property));
                case VALUE_MAP -> property.set(bean, entries(child, childPath));
            }
        }
    }

    /**
     * The text of an element that holds a single value; child elements there are a mistake, and so
     * is an expression that names nothing: its value is unresolved, not missing.
     */
    private String value(ConfigElement element, String path) {
        if (!element.children().isEmpty()) {
            problem(path, "holds elements (" + names(element) + "), but <" + element.name()
                    + "> is a single value, e.g. <" + element.name() + ">...</" + element.name() + ">");
            claimed.add(path);
            return null;
        }
        if (!element.unresolved().isEmpty()) {
            String names = String.join(", ", element.unresolved().stream()
                    .map(expression -> expression.substring(2, expression.length() - 1)).toList());
            problem(path, String.join(" and ", element.unresolved()) + " is unresolved: no property "
                    + names + " is defined in this build; define it (<properties> or -D" + element.unresolved().get(0)
                            .substring(2, element.unresolved().get(0).length() - 1) + "=...) or write the value");
            claimed.add(path);
            return null;
        }
        return element.text();
    }

    private List<String> values(ConfigElement list, String path, ElementShape.Property property) {
        listText(list, path, property.item());
        List<String> values = new ArrayList<>();
        for (ConfigElement child : list.children()) {
            String childPath = join(path, child.name() + "[" + (values.size() + 1) + "]");
            if (!child.name().equals(property.item())) {
                problem(childPath, "unknown element; " + didYouMean(child.name(), List.of(property.item()))
                        .orElse("<" + list.name() + "> holds <" + property.item() + "> elements"));
            }
            values.add(value(child, join(path, property.item() + "[" + (values.size() + 1) + "]")));
        }
        return values;
    }

    private List<Object> beans(ConfigElement list, String path, ElementShape.Property property) {
        listText(list, path, property.item());
        List<Object> beans = new ArrayList<>();
        int position = 0;
        for (ConfigElement child : list.children()) {
            position++;
            if (!isItem(child, property.item())) {
                problem(join(path, child.name() + "[" + position + "]"), notAnItem(child.name(), list.name(),
                        property.item(), property.bean().property(child.name()) == null ? null : property.item()));
                continue;
            }
            String itemPath = join(path, property.item() + "[" + (beans.size() + 1) + "]");
            if (!child.name().equals(property.item())) {
                problem(join(path, child.name() + "[" + (beans.size() + 1) + "]"),
                        "unknown element; did you mean <" + property.item() + ">?");
            }
            Object item = property.bean().newBean();
            fill(item, property.bean(), child, itemPath, property.item());
            beans.add(item);
        }
        return beans;
    }

    private Map<String, String> entries(ConfigElement map, String path) {
        String text = map.strippedText();
        if (text != null) {
            problem(path, "'" + text + "' is text, but <" + map.name() + "> holds one element per setting, "
                    + "e.g. <localtime>1</localtime>");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (ConfigElement child : map.children()) {
            String childPath = join(path, child.name());
            if (entries.containsKey(child.name())) {
                problem(childPath, "appears twice; each setting has one value, and the last one would count");
            }
            String value = value(child, childPath);
            if (child.children().isEmpty()) {
                entries.put(child.name(), value);
            }
        }
        return entries;
    }

    private void listText(ConfigElement list, String path, String item) {
        String text = list.strippedText();
        if (text != null) {
            problem(path, "'" + text + "' is text, but <" + list.name() + "> holds <" + item + "> elements");
            if (list.children().isEmpty()) {
                claimed.add(path);
            }
        }
    }

    /** An element {@code shape} does not take: the nearest name it does take, else where the element belongs. */
    private void unknown(ElementShape shape, ConfigElement parent, ConfigElement child, String path, String parentName) {
        Optional<String> near = NearestName.to(child.name(), shape.names());
        if (near.isPresent()) {
            problem(path, "unknown element; did you mean <" + near.get() + ">?");
            if (parent.children().stream().noneMatch(sibling -> sibling.name().equals(near.get()))) {
                // the element the user meant is missing only because of the slip: "is required" there says nothing new
                claimed.add(join(parentPath(path), near.get()));
            }
            return;
        }
        List<String> places = guestShape.placesOf(child.name());
        if (guestShape.property(child.name()) != null) {
            places.add(0, GUEST);
        }
        if (!places.isEmpty()) {
            problem(path, "unknown element here; <" + child.name() + "> belongs inside "
                    + String.join(" or ", places.stream().map(place -> "<" + place.replace("/", "><") + ">").toList()));
            return;
        }
        problem(path, "unknown element; a <" + parentName + "> holds " + shape.listing());
    }

    private static Optional<String> didYouMean(String written, List<String> known) {
        return NearestName.to(written, known).map(name -> "did you mean <" + name + ">?");
    }

    private static String names(ConfigElement element) {
        return String.join(", ", element.children().stream().map(child -> "<" + child.name() + ">").distinct().toList());
    }

    private void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }

    private static String parentPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
