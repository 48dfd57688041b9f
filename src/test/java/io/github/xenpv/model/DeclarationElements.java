package io.github.xenpv.model;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every element a {@code <guests>} declaration takes, read from the POM beans' setters through
 * {@link ElementShape} (the same reading {@link DeclarationReader} binds with), for the guest
 * element reference the docs are generated into: a new setter is a new element here at once.
 */
public final class DeclarationElements {

    /**
     * One element.
     *
     * @param key       how the docs name it: the element, after its enclosing bean or list item when it
     *                  has one ({@code name}, {@code bootDisk/source}, {@code partition/mountPoint})
     * @param path      its place under {@code <guests>}, list items included
     *                  ({@code guests/guest/disks/disk/partitions/partition/number})
     * @param structure what it holds when that is not one value ({@code list of `<disk>`}), else {@code null}
     * @param outline   what it holds in an XML outline when it is not a container of documented elements
     *                  ({@code <line>…</line>}), else {@code null}
     */
    public record Element(String key, String path, String structure, String outline) {
    }

    private DeclarationElements() {
    }

    /** {@code guests} first, then every element of {@code <guest>} and below, depth first, each bean's sorted by name. */
    public static List<Element> all() {
        List<Element> elements = new ArrayList<>();
        elements.add(new Element("guests", "guests", "list of `<guest>`", null));
        collect(ElementShape.of(Guest.class), "", "guests/guest", elements);
        return elements;
    }

    private static void collect(ElementShape shape, String owner, String at, List<Element> elements) {
        for (String name : shape.names()) {
            ElementShape.Property property = shape.property(name);
            String key = owner.isEmpty() ? name : owner + "/" + name;
            String path = at + "/" + name;
            switch (property.kind()) {
                case VALUE -> elements.add(new Element(key, path, null, null));
                case VALUE_LIST -> elements.add(new Element(key, path, "list of `<" + ElementShape.LINE + ">`",
                        "<" + ElementShape.LINE + ">…</" + ElementShape.LINE + ">"));
                case VALUE_MAP -> elements.add(new Element(key, path, "`<key>value</key>` elements", "<key>…</key>"));
                case BEAN -> {
                    String holds = property.bean().names().stream().map(child -> "`<" + child + ">`")
                            .collect(Collectors.joining(", "));
                    elements.add(new Element(key, path, "holds " + holds, null));
                    collect(property.bean(), name, path, elements);
                }
                case BEAN_LIST -> {
                    elements.add(new Element(key, path, "list of `<" + property.item() + ">`", null));
                    collect(property.bean(), property.item(), path + "/" + property.item(), elements);
                }
            }
        }
    }
}
