package io.github.xenpv.xm;

import java.util.List;
import java.util.Optional;

/**
 * An xm domain config ({@code /etc/xen/<name>}) as read by {@link DomainConfigReader}: its
 * top-level assignments in file order, and every other statement, which the reader does not
 * run.
 *
 * @param assignments every {@code key = value} at the top level, in file order
 * @param statements  every other statement, in file order
 */
public record DomainConfig(List<Assignment> assignments, List<Statement> statements) {

    /**
     * A read config.
     *
     * @param assignments every {@code key = value} at the top level, in file order
     * @param statements  every other statement, in file order
     */
    public DomainConfig {
        assignments = List.copyOf(assignments);
        statements = List.copyOf(statements);
    }

    /**
     * {@code key = value} at the top level of the file.
     *
     * @param key   the name assigned
     * @param value its value, a literal or the code as written
     * @param line  where the key stands
     */
    public record Assignment(String key, XmValue value, int line) {
    }

    /**
     * A statement that is not a plain assignment ({@code import os}, {@code if ...:}, a call):
     * {@code word} is its first word, {@code text} its source (the first line of a compound one).
     *
     * @param kind what the statement can do
     * @param word its first word
     * @param text its source, or the first line of a compound statement
     * @param line where it starts
     */
    public record Statement(Kind kind, String word, String text, int line) {

        /** What a statement other than an assignment can do. */
        public enum Kind {
            /** {@code import ...} or {@code from ... import ...}: binds module names only. */
            IMPORT,
            /** A literal on its own, such as a docstring: Python evaluates it and drops it. */
            NO_EFFECT,
            /** Code that xm would run, and that may set any key. */
            CODE
        }
    }

    /**
     * The assignment of a key that counts when xm runs the file: the last one.
     *
     * @param key the key
     * @return its last assignment, or empty when the file does not set it
     */
    public Optional<Assignment> last(String key) {
        Assignment found = null;
        for (Assignment assignment : assignments) {
            if (assignment.key().equals(key)) {
                found = assignment;
            }
        }
        return Optional.ofNullable(found);
    }
}
