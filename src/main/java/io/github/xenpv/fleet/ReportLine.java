package io.github.xenpv.fleet;

/**
 * One line of {@code import-report.txt}: {@code <where>: <key>: <kind>: <detail>}, where
 * {@code where} is {@code <file>:<line>} (or the file alone for a key the file does not set).
 */
public record ReportLine(String where, String key, Kind kind, String detail) {

    /** What happened to a value on its way into the declaration. */
    public enum Kind {
        /** Carried into the declaration as it is. */
        KEPT("kept"),
        /** Carried in another form, or the plugin writes another value in its place. */
        CHANGED("changed"),
        /** Not in the declaration. */
        DROPPED("dropped"),
        /** The import could not know or decide: a person must look, and fill in what is left empty. */
        CHECK("check"),
        /** A file not read: of a folder, not a domain config; where a file belongs, no regular file. */
        SKIPPED("skipped"),
        /** The config is not imported. */
        FAILED("failed"),
        /** What the plugin's validation will refuse until it is fixed in pom.xml. */
        INVALID("invalid"),
        /** What validation warns about. */
        WARNING("warning");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** The line, one line whatever the values in it hold: control characters but tab are shown escaped. */
    @Override
    public String toString() {
        return printable(where + ": " + key + ": " + kind + ": " + detail);
    }

    /** {@code text} on one line: control characters but tab shown escaped, so no value can start a line of its own. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
