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
        /** A file of a folder that is not a domain config. */
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

    @Override
    public String toString() {
        return where + ": " + key + ": " + kind + ": " + detail;
    }
}
