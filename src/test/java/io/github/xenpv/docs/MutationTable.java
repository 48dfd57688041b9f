package io.github.xenpv.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The README's mutation table, from PIT's own reports: every {@code mutations.xml} under a folder
 * ({@code target/pit-reports}, where the {@code mutation} profile writes one folder per package),
 * one row per package of the plugin with the mutants PIT generated, how many a test detected
 * (killed, timed out or crashed the test JVM), how many survived and how many no test ran, the
 * score and the day the report was written. A package in several reports counts from the newest.
 * After the table come the surviving mutants, one per line, for the README's list of why each is
 * equivalent.
 *
 * <p>The {@code mutation} profile runs it after PIT; by hand:
 * {@code java -cp target/test-classes io.github.xenpv.docs.MutationTable target/pit-reports}.
 */
public final class MutationTable {

    /** The plugin's packages, in the README's order. */
    static final List<String> PACKAGES = List.of("model", "render", "bundle", "mojo", "fleet", "xm", "guestroot");

    private static final String ROOT_PACKAGE = "io.github.xenpv.";

    /** One mutant as PIT reported it. */
    record Mutant(String className, String method, int line, String mutator, String description, String status,
            boolean detected) {

        /** {@return the plugin package it is in, e.g. {@code model}} */
        String pluginPackage() {
            String rest = className.substring(ROOT_PACKAGE.length());
            int dot = rest.indexOf('.');
            return dot < 0 ? "" : rest.substring(0, dot);
        }

        /** {@return e.g. {@code DeclarationReader.fill line 118: removed call to ... (VoidMethodCallMutator)}} */
        String survivorLine() {
            String simpleClass = className.substring(className.lastIndexOf('.') + 1);
            return simpleClass + "." + method + " line " + line + ": " + description + " ("
                    + mutator.substring(mutator.lastIndexOf('.') + 1) + ")";
        }
    }

    /** One report: its mutants and the day PIT wrote it (UTC). */
    record Report(Path file, long writtenMillis, List<Mutant> mutants) {
    }

    /** One row: a package's figures from its newest report. */
    record Row(String pluginPackage, List<Mutant> mutants, String day) {

        long detected() {
            return mutants.stream().filter(Mutant::detected).count();
        }

        long count(String status) {
            return mutants.stream().filter(mutant -> mutant.status().equals(status)).count();
        }

        /** PIT's mutation score: detected of generated, in percent, one decimal, rounded down so 99.96 is never "100.0". */
        String score() {
            if (mutants.isEmpty()) {
                return "-";
            }
            long tenths = detected() * 1000 / mutants.size();
            return tenths == 1000 ? "100 %" : String.format(Locale.ROOT, "%d.%d %%", tenths / 10, tenths % 10);
        }
    }

    private MutationTable() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length == 0 ? "target/pit-reports" : args[0]);
        String text = render(rows(reports(folder)));
        System.out.print(text);
        if (Files.isDirectory(folder)) {
            Files.writeString(folder.resolve("mutation-table.md"), text, StandardCharsets.UTF_8);
        }
    }

    /** Every {@code mutations.xml} in {@code folder} and the folders in it, newest first. */
    static List<Report> reports(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Report> reports = new ArrayList<>();
        try (var files = Files.find(folder, 2, (path, attributes) -> path.getFileName().toString().equals("mutations.xml"))) {
            for (Path file : files.toList()) {
                reports.add(new Report(file, Files.getLastModifiedTime(file).toMillis(), mutants(file)));
            }
        }
        reports.sort(Comparator.comparingLong(Report::writtenMillis).reversed());
        return reports;
    }

    /** The mutants of one {@code mutations.xml}. */
    static List<Mutant> mutants(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList elements = factory.newDocumentBuilder().parse(in).getDocumentElement().getElementsByTagName("mutation");
            List<Mutant> mutants = new ArrayList<>();
            for (int i = 0; i < elements.getLength(); i++) {
                Element mutation = (Element) elements.item(i);
                mutants.add(new Mutant(child(mutation, "mutatedClass"), child(mutation, "mutatedMethod"),
                        Integer.parseInt(child(mutation, "lineNumber")), child(mutation, "mutator"),
                        child(mutation, "description"), mutation.getAttribute("status"),
                        Boolean.parseBoolean(mutation.getAttribute("detected"))));
            }
            return mutants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException(file + " is not a PIT mutations.xml: " + e.getMessage(), e);
        }
    }

    private static String child(Element mutation, String name) {
        NodeList found = mutation.getElementsByTagName(name);
        if (found.getLength() == 0) {
            throw new IllegalArgumentException("a <mutation> without <" + name + ">");
        }
        return found.item(0).getTextContent().strip();
    }

    /** Per package of {@link #PACKAGES}, its mutants in the newest report that has any; a package no report has is left out. */
    static List<Row> rows(List<Report> newestFirst) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String pluginPackage : PACKAGES) {
            for (Report report : newestFirst) {
                List<Mutant> mutants = report.mutants().stream().filter(mutant -> mutant.pluginPackage().equals(pluginPackage))
                        .toList();
                if (!mutants.isEmpty()) {
                    rows.put(pluginPackage, new Row(pluginPackage, mutants,
                            java.time.Instant.ofEpochMilli(report.writtenMillis()).atZone(ZoneOffset.UTC).toLocalDate().toString()));
                    break;
                }
            }
        }
        return List.copyOf(rows.values());
    }

    /** The Markdown table, then the surviving mutants of each package. */
    static String render(List<Row> rows) {
        StringBuilder text = new StringBuilder();
        text.append("| package | score | mutants | detected | survived | no coverage | measured |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "| `%s` | %s | %d | %d | %d | %d | %s |\n", row.pluginPackage(), row.score(),
                    row.mutants().size(), row.detected(), row.count("SURVIVED"), row.count("NO_COVERAGE"), row.day()));
        }
        for (Row row : rows) {
            List<Mutant> undetected = row.mutants().stream().filter(mutant -> !mutant.detected())
                    .sorted(Comparator.comparing(Mutant::className).thenComparingInt(Mutant::line)
                            .thenComparing(Mutant::description))
                    .toList();
            if (!undetected.isEmpty()) {
                text.append("\nUndetected in `").append(row.pluginPackage()).append("`:\n");
                undetected.forEach(mutant -> text.append("- ").append(mutant.status()).append(' ')
                        .append(mutant.survivorLine()).append('\n'));
            }
        }
        return text.toString();
    }
}
