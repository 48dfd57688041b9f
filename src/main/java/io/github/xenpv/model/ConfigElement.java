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
 * @param unresolved the expressions of its text that name nothing Maven knows, such as
 *     {@code ${guest.arch}} for an undefined property, in order; empty when every one resolved
 */
public record ConfigElement(String name, String text, List<ConfigElement> children, List<String> unresolved) {

    /**
     * An element holding a copy of its children.
     *
     * @param name the element's name
     * @param text its text, evaluated; {@code null} when it has none
     * @param children its child elements, in document order
     * @param unresolved the expressions of its text that name nothing Maven knows
     */
    public ConfigElement {
        children = List.copyOf(children);
        unresolved = List.copyOf(unresolved);
    }

    /**
     * An element whose expressions all resolved.
     *
     * @param name the element's name
     * @param text its text, evaluated; {@code null} when it has none
     * @param children its child elements, in document order
     */
    public ConfigElement(String name, String text, List<ConfigElement> children) {
        this(name, text, children, List.of());
    }

    /** The text, stripped, or {@code null} when there is none. */
    String strippedText() {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip();
    }
}
