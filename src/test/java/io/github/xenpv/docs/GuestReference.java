package io.github.xenpv.docs;

import io.github.xenpv.model.DeclarationElements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The guest element reference and the validation rules, read from their one source,
 * {@code src/docs/guest-reference.txt} (its header says the format), and laid out as the Markdown
 * that README.md and the site pages carry between their {@code <!-- generated: NAME ... -->} and
 * {@code <!-- end generated: NAME -->} lines: {@code reference} (element, type, default, meaning),
 * {@code elements} (the same without the type, as the README has it), {@code rules} (element, rule,
 * why) and {@code outline} (where each element goes, as XML). The
 * element list itself comes from the model ({@link DeclarationElements}), so a table can neither
 * miss an element nor keep one the model lost: {@link #mismatches} names both.
 */
final class GuestReference {

    static final Path SOURCE = Path.of("src/docs/guest-reference.txt");
    static final Path README = Path.of("README.md");
    static final Path ELEMENTS_PAGE = Path.of("src/site/markdown/guest-reference.md");
    static final Path RULES_PAGE = Path.of("src/site/markdown/validation.md");

    /** The files that may carry generated regions, and the regions each must carry (README.md none since the move to the site). */
    static final Map<Path, Set<String>> PAGES = Map.of(README, Set.of(),
            ELEMENTS_PAGE, Set.of("outline", "reference"), RULES_PAGE, Set.of("rules"));

    record ElementRow(String key, String type, String defaultValue, String meaning) {
    }

    record RuleRow(String about, String rule, String why) {
    }

    private final List<ElementRow> elements;
    private final List<RuleRow> rules;
    private final List<DeclarationElements.Element> model;

    private GuestReference(List<ElementRow> elements, List<RuleRow> rules, List<DeclarationElements.Element> model) {
        this.elements = elements;
        this.rules = rules;
        this.model = model;
    }

    static GuestReference read() throws IOException {
        return parse(Files.readString(SOURCE), DeclarationElements.all());
    }

    /** Reads the source text; a record with an unknown or missing field, or a cell holding "|", is refused. */
    static GuestReference parse(String source, List<DeclarationElements.Element> model) {
        List<ElementRow> elements = new ArrayList<>();
        List<RuleRow> rules = new ArrayList<>();
        for (Map<String, String> record : records(source)) {
            Set<String> fields = record.keySet();
            if (fields.contains("element") && Set.of("element", "type", "default", "meaning").containsAll(fields)
                    && fields.containsAll(Set.of("default", "meaning"))) {
                elements.add(new ElementRow(record.get("element"), record.get("type"), record.get("default"),
                        record.get("meaning")));
            } else if (fields.equals(Set.of("about", "rule", "why"))) {
                rules.add(new RuleRow(record.get("about"), record.get("rule"), record.get("why")));
            } else {
                throw new IllegalArgumentException(SOURCE + ": a record has element, [type,] default, meaning or about, "
                        + "rule, why; this one has " + fields);
            }
        }
        return new GuestReference(elements, rules, model);
    }

    private static List<Map<String, String>> records(String source) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> record = new LinkedHashMap<>();
        String field = null;
        for (String line : (source + "\n\n").split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isBlank()) {
                if (!record.isEmpty()) {
                    records.add(record);
                    record = new LinkedHashMap<>();
                }
                field = null;
            } else if (line.startsWith(" ")) {
                if (field == null) {
                    throw new IllegalArgumentException(SOURCE + ": a continuation line with no field above: " + line);
                }
                record.merge(field, line.strip(), (above, more) -> above + " " + more);
            } else {
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    throw new IllegalArgumentException(SOURCE + ": not 'field: value': " + line);
                }
                field = line.substring(0, colon);
                String value = line.substring(colon + 2).strip();
                if (record.put(field, value) != null) {
                    throw new IllegalArgumentException(SOURCE + ": " + field + " given twice in one record: " + line);
                }
            }
        }
        records.forEach(fields -> fields.forEach((name, value) -> {
            if (value.replace("\\|", "").contains("|")) {
                throw new IllegalArgumentException(SOURCE + ": '|' would split a table cell: " + name + ": " + value);
            }
        }));
        return records;
    }

    /**
     * What the source and the model disagree on, one line each: an element the model binds that the
     * source lacks, a record for an element the model does not have, a record listed twice, a type
     * given for an element the model says holds more than one value or missing for one that holds
     * one, a value element no rule is about. Empty when they agree.
     */
    List<String> mismatches() {
        List<String> mismatches = new ArrayList<>();
        Map<String, DeclarationElements.Element> byKey = model.stream()
                .collect(Collectors.toMap(DeclarationElements.Element::key, Function.identity()));
        Set<String> documented = elements.stream().map(ElementRow::key).collect(Collectors.toSet());
        for (DeclarationElements.Element element : model) {
            if (!documented.contains(element.key())) {
                mismatches.add(element.key() + " (" + element.path() + "): the model binds it, " + SOURCE + " has no record");
            }
        }
        Set<String> seen = new java.util.HashSet<>();
        for (ElementRow row : elements) {
            DeclarationElements.Element element = byKey.get(row.key());
            if (!seen.add(row.key())) {
                mismatches.add(row.key() + ": two records");
            } else if (element == null) {
                mismatches.add(row.key() + ": no element of the model (" + byKey.keySet().stream().sorted().toList() + ")");
            } else if (element.structure() == null && row.type() == null) {
                mismatches.add(row.key() + ": holds one value, so its record says its type");
            } else if (element.structure() != null && row.type() != null) {
                mismatches.add(row.key() + ": " + element.structure() + ", read from the model: its record gives no type");
            } else if (element.structure() == null && rules.stream().noneMatch(rule -> rule.about().contains("`" + row.key() + "`"))) {
                mismatches.add(row.key() + ": no rule is about `" + row.key() + "`");
            }
        }
        return mismatches;
    }

    /** The Markdown of each generated region, by name. */
    Map<String, String> regions() {
        Map<String, DeclarationElements.Element> byKey = model.stream()
                .collect(Collectors.toMap(DeclarationElements.Element::key, Function.identity()));
        StringBuilder reference = new StringBuilder("| element | type | default | meaning |\n|---|---|---|---|\n");
        StringBuilder brief = new StringBuilder("| element | default | meaning |\n|---|---|---|\n");
        for (ElementRow row : elements) {
            DeclarationElements.Element element = byKey.get(row.key());
            String type = row.type() != null ? row.type() : element == null ? "?" : element.structure();
            reference.append("| `").append(row.key()).append("` | ").append(type).append(" | ").append(row.defaultValue())
                    .append(" | ").append(row.meaning()).append(" |\n");
            brief.append("| `").append(row.key()).append("` | ").append(row.defaultValue()).append(" | ").append(row.meaning())
                    .append(" |\n");
        }
        StringBuilder ruleTable = new StringBuilder("| element | rule | why |\n|---|---|---|\n");
        for (RuleRow rule : rules) {
            ruleTable.append("| ").append(rule.about()).append(" | ").append(rule.rule()).append(" | ")
                    .append(rule.why()).append(" |\n");
        }
        return Map.of("reference", reference.toString(), "elements", brief.toString(), "rules", ruleTable.toString(),
                "outline", outline(byKey));
    }

    /** Where each element goes, as XML, elements in the source's order, containers opened as their children need them. */
    private String outline(Map<String, DeclarationElements.Element> byKey) {
        StringBuilder xml = new StringBuilder("```xml\n");
        List<String> open = new ArrayList<>();
        for (ElementRow row : elements) {
            DeclarationElements.Element element = byKey.get(row.key());
            if (element == null) {
                continue;
            }
            List<String> path = List.of(element.path().split("/"));
            boolean container = element.structure() != null && element.outline() == null;
            List<String> parent = container ? path : path.subList(0, path.size() - 1);
            int common = 0;
            while (common < open.size() && common < parent.size() && open.get(common).equals(parent.get(common))) {
                common++;
            }
            while (open.size() > common) {
                xml.append("  ".repeat(open.size() - 1)).append("</").append(open.remove(open.size() - 1)).append(">\n");
            }
            while (open.size() < parent.size()) {
                String name = parent.get(open.size());
                xml.append("  ".repeat(open.size())).append("<").append(name).append(">\n");
                open.add(name);
            }
            if (!container) {
                String name = path.get(path.size() - 1);
                String inside = element.outline() != null ? element.outline() : "…";
                xml.append("  ".repeat(open.size())).append("<").append(name).append(">").append(inside).append("</")
                        .append(name).append(">\n");
            }
        }
        while (!open.isEmpty()) {
            xml.append("  ".repeat(open.size() - 1)).append("</").append(open.remove(open.size() - 1)).append(">\n");
        }
        return xml.append("```\n").toString();
    }

    /**
     * {@code text} with each of its generated regions replaced by the region of that name.
     *
     * @throws IllegalArgumentException for a region that has no end line, or no generator
     */
    String fill(String text) {
        Map<String, String> regions = regions();
        StringBuilder filled = new StringBuilder();
        int at = 0;
        while (true) {
            int begin = text.indexOf("<!-- generated: ", at);
            if (begin < 0) {
                return filled.append(text.substring(at)).toString();
            }
            int name = begin + "<!-- generated: ".length();
            String region = text.substring(name, text.indexOf(' ', name));
            int bodyStart = text.indexOf("-->\n", name) + 4;
            String endLine = "<!-- end generated: " + region + " -->";
            int end = text.indexOf(endLine, bodyStart);
            if (!regions.containsKey(region) || end < 0) {
                throw new IllegalArgumentException("region '" + region + "': no such region, or no line " + endLine);
            }
            filled.append(text, at, bodyStart).append(regions.get(region));
            at = end;
        }
    }

    /**
     * The source text with the tables of {@code page} taken in: a page (README.md after a merge, or
     * another branch's README) whose element table ({@code | element | default | meaning |}) or rule
     * table ({@code | element | rule | why |}) was edited by hand. An element row replaces the default
     * and meaning of the record of its element; a rule row replaces the rule and why of the record
     * with its element column, the n-th such row the n-th such record; a row with no record becomes
     * a new record after the one of the row above it (an element's type then reads "text": check it).
     * The header comment stays; the records are written one field a line.
     */
    String adopt(String page, String source) {
        List<ElementRow> adoptedElements = new ArrayList<>(elements);
        List<RuleRow> adoptedRules = new ArrayList<>(rules);
        int after = -1;
        for (List<String> cells : tableRows(page, "| element | default | meaning |")) {
            String key = cells.get(0).replaceAll("^`|`$", "");
            int at = indexOf(adoptedElements, row -> row.key().equals(key), 1);
            if (at >= 0) {
                ElementRow old = adoptedElements.get(at);
                adoptedElements.set(at, new ElementRow(key, old.type(), cells.get(1), cells.get(2)));
                after = at;
            } else {
                adoptedElements.add(++after, new ElementRow(key, "text", cells.get(1), cells.get(2)));
            }
        }
        after = -1;
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (List<String> cells : tableRows(page, "| element | rule | why |")) {
            int occurrence = seen.merge(cells.get(0), 1, Integer::sum);
            int at = indexOf(adoptedRules, row -> row.about().equals(cells.get(0)), occurrence);
            if (at >= 0) {
                adoptedRules.set(at, new RuleRow(cells.get(0), cells.get(1), cells.get(2)));
                after = at;
            } else {
                adoptedRules.add(++after, new RuleRow(cells.get(0), cells.get(1), cells.get(2)));
            }
        }
        StringBuilder out = new StringBuilder();
        source.lines().takeWhile(line -> line.startsWith("#") || line.isBlank()).forEach(line -> out.append(line).append('\n'));
        for (ElementRow row : adoptedElements) {
            out.append("element: ").append(row.key()).append('\n');
            if (row.type() != null) {
                out.append("type: ").append(row.type()).append('\n');
            }
            out.append("default: ").append(row.defaultValue()).append("\nmeaning: ").append(row.meaning()).append("\n\n");
        }
        for (RuleRow row : adoptedRules) {
            out.append("about: ").append(row.about()).append("\nrule: ").append(row.rule()).append("\nwhy: ")
                    .append(row.why()).append("\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static <T> int indexOf(List<T> rows, java.util.function.Predicate<T> matches, int occurrence) {
        int found = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (matches.test(rows.get(i)) && ++found == occurrence) {
                return i;
            }
        }
        return -1;
    }

    /** The cells of each row of the first table in {@code page} under {@code header}. */
    private static List<List<String>> tableRows(String page, String header) {
        List<List<String>> rows = new ArrayList<>();
        int at = page.indexOf("\n" + header + "\n");
        if (at < 0) {
            return rows;
        }
        List<String> lines = page.substring(at + 1).lines().toList();
        for (String line : lines.subList(2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = List.of(line.substring(2, line.length() - 2).split(" \\| ", -1));
            if (cells.size() != 3) {
                throw new IllegalArgumentException("not a row of three cells under " + header + ": " + line);
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The names of the generated regions {@code text} carries. */
    static Set<String> regionsIn(String text) {
        Set<String> names = new java.util.TreeSet<>();
        for (int at = text.indexOf("<!-- generated: "); at >= 0; at = text.indexOf("<!-- generated: ", at + 1)) {
            int name = at + "<!-- generated: ".length();
            names.add(text.substring(name, text.indexOf(' ', name)));
        }
        return names;
    }
}
