package io.github.xenpv.model;

import java.util.List;

/**
 * One XML element of the plugin configuration as the user wrote it: its name, its text (with
 * Maven's expressions already evaluated; {@code null} when it has none) and its child elements in
 * document order. The Maven layer builds it, so the model reads a declaration without knowing Maven.
 *
 * @param name the element's name
 * @param text its text, evaluated; {@code null} when it has none
 * @param children its child elements, in document order
 */
public record ConfigElement(String name, String text, List<ConfigElement> children) {

    /**
     * An element holding a copy of its children.
     *
     * @param name the element's name
     * @param text its text, evaluated; {@code null} when it has none
     * @param children its child elements, in document order
     */
    public ConfigElement {
        children = List.copyOf(children);
    }

    /** The text, stripped, or {@code null} when there is none. */
    String strippedText() {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip();
    }
}
