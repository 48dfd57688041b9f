package io.github.xenpv.fleet;

import java.util.List;

/**
 * {@code import-report.txt}: per config, every line of what the import did with it, and the
 * counts on top. Every key of every config is accounted for.
 */
public final class ImportReport {

    private ImportReport() {
    }

    /**
     * Whether a config's declaration needs a person's hand before {@code mvn package} builds it.
     *
     * @param config an imported config
     * @return whether it has an element left to fill in, or a value validation refuses
     */
    public static boolean incomplete(ImportedConfig config) {
        return !config.failed() && (!config.fillIns().isEmpty()
                || config.lines().stream().anyMatch(line -> line.kind() == ReportLine.Kind.INVALID));
    }

    /**
     * The report's text.
     *
     * @param result        the import
     * @param pluginVersion this plugin's version, named on top
     * @return {@code import-report.txt}
     */
    public static String render(FleetImportResult result, String pluginVersion) {
        StringBuilder out = new StringBuilder();
        out.append("# import-report.txt: what xenpv:import (xenpv-maven-plugin ").append(pluginVersion)
                .append(") did with each xm config.\n");
        out.append("# No config was run: every value was read as a Python literal, or reported.\n");
        out.append("# Each line: <where>: <key>: <kind>: <detail>, where is <file>:<line>, or the file for a key it\n");
        out.append("# does not set. Kinds: kept; changed (another form, or the plugin writes another value);\n");
        out.append("# dropped; check (look at it, and fill in what pom.xml leaves empty); failed (not imported);\n");
        out.append("# invalid (the build refuses it until pom.xml is fixed); warning; skipped (not a domain config).\n");
        out.append('\n');
        List<ImportedConfig> incomplete = result.configs().stream().filter(ImportReport::incomplete).toList();
        out.append("configs: ").append(result.configs().size() + result.notHvm().size()).append(" read, ")
                .append(result.imported().size()).append(" imported into pom.xml, ").append(result.failed().size())
                .append(" failed");
        if (!result.notHvm().isEmpty()) {
            out.append(", ").append(result.notHvm().size()).append(" skipped (not HVM guests)");
        }
        out.append('\n');
        out.append("guests to complete before mvn package builds: ").append(incomplete.size());
        if (!incomplete.isEmpty()) {
            out.append(" (").append(String.join(", ", incomplete.stream().map(config -> config.name().orElseThrow())
                    .toList())).append(')');
        }
        out.append('\n');
        if (!result.skipped().isEmpty()) {
            out.append("\n== files skipped\n");
            result.skipped().forEach(line -> out.append(line).append('\n'));
        }
        if (!result.notHvm().isEmpty()) {
            out.append("\n== configs skipped: not HVM guests\n");
            result.notHvm().forEach(line -> out.append(line).append('\n'));
        }
        for (ImportedConfig config : result.configs()) {
            out.append("\n== ").append(heading(config)).append('\n');
            config.lines().forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    /**
     * A config's heading in the report and the log.
     *
     * @param config an imported or failed config
     * @return {@code guest web: /etc/xen/web, guest root /roots/web: imported}, or the file and failed
     */
    public static String heading(ImportedConfig config) {
        String state = config.failed() ? "failed" : incomplete(config) ? "imported, to complete" : "imported";
        // one line whatever the file's name holds: a newline in it must not start a heading of its own
        return ReportLine.printable((config.name().isPresent() ? "guest " + config.name().get() + ": " : "")
                + config.file() + config.root().map(root -> ", guest root " + root).orElse("") + ": " + state);
    }
}
