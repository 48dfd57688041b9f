package io.github.xenpv.mojo;

import io.github.xenpv.model.ConfigElement;
import io.github.xenpv.model.NearestName;
import io.github.xenpv.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <driverRpm>} of the {@code driverRpms} parameter: a file of the project,
 * {@code <file>}, or a Maven artifact, {@code <groupId>}, {@code <artifactId>}, {@code <version>}
 * and optionally {@code <classifier>} and {@code <type>} (the file extension, {@code rpm} by
 * default), resolved from the project's repositories.
 *
 * @param element    where it is in the POM, {@code driverRpms/driverRpm[1]}
 * @param file       the file, as written (relative to the project's base directory); {@code null} for an artifact
 * @param groupId    the artifact's groupId; {@code null} for a file
 * @param artifactId the artifact's artifactId
 * @param version    the artifact's version
 * @param classifier the artifact's classifier, or {@code null}
 * @param type       the artifact's type, {@code rpm} unless given
 */
public record DriverRpmSource(String element, String file, String groupId, String artifactId, String version,
        String classifier, String type) {

    static final String LIST = "driverRpms";
    static final String ITEM = "driverRpm";
    private static final List<String> ELEMENTS = List.of("file", "groupId", "artifactId", "version", "classifier", "type");

    /** The sources, or what is wrong with the element, each problem at its POM path. */
    record Read(List<DriverRpmSource> sources, List<Problem> problems) {
    }

    /** Whether it names a Maven artifact rather than a file. */
    boolean artifact() {
        return file == null;
    }

    /** {@code groupId:artifactId[:type[:classifier]]:version}, as Maven's resolver names an artifact. */
    String coordinates() {
        return groupId + ":" + artifactId + ":" + type + (classifier == null ? "" : ":" + classifier) + ":" + version;
    }

    /**
     * Reads the {@code driverRpms} element as the user wrote it, its values evaluated.
     *
     * @param list the element; {@code null} when there is none
     * @return every source, or every problem
     */
    static Read read(ConfigElement list) {
        List<DriverRpmSource> sources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (list == null) {
            return new Read(sources, problems);
        }
        if (text(list.text()) != null) {
            problems.add(new Problem(LIST, "'" + text(list.text()) + "' is text, but <" + LIST + "> holds <" + ITEM
                    + "> elements"));
        }
        int position = 0;
        for (ConfigElement item : list.children()) {
            String element = LIST + "/" + ITEM + "[" + ++position + "]";
            if (!item.name().equals(ITEM)) {
                problems.add(new Problem(LIST + "/" + item.name() + "[" + position + "]", "unknown element; <" + LIST
                        + "> holds <" + ITEM + "> elements"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (ConfigElement child : item.children()) {
                String path = element + "/" + child.name();
                if (!ELEMENTS.contains(child.name())) {
                    problems.add(new Problem(path, NearestName.to(child.name(), ELEMENTS)
                            .map(name -> "unknown element; did you mean <" + name + ">?")
                            .orElse("unknown element; a <" + ITEM + "> holds <file>, or <groupId>, <artifactId>, "
                                    + "<version> and optionally <classifier> and <type>")));
                } else if (!child.unresolved().isEmpty()) {
                    problems.add(new Problem(path, String.join(" and ", child.unresolved()) + " is unresolved: no such "
                            + "property is defined in this build"));
                } else if (text(child.text()) != null) {
                    values.put(child.name(), text(child.text()));
                }
            }
            boolean coordinates = values.keySet().stream().anyMatch(name -> !name.equals("file"));
            if (values.containsKey("file") && coordinates) {
                problems.add(new Problem(element, "holds <file> and an artifact's coordinates: give one or the other"));
            } else if (values.containsKey("file")) {
                sources.add(new DriverRpmSource(element, values.get("file"), null, null, null, null, null));
            } else if (values.isEmpty()) {
                problems.add(new Problem(element, "is empty: give <file>, a file of the project, or <groupId>, "
                        + "<artifactId> and <version> of an artifact"));
            } else {
                List<String> missing = List.of("groupId", "artifactId", "version").stream()
                        .filter(name -> !values.containsKey(name)).toList();
                if (!missing.isEmpty()) {
                    missing.forEach(name -> problems.add(new Problem(element + "/" + name, "is required: an artifact "
                            + "needs <groupId>, <artifactId> and <version>")));
                } else {
                    sources.add(new DriverRpmSource(element, null, values.get("groupId"), values.get("artifactId"),
                            values.get("version"), values.get("classifier"), values.getOrDefault("type", "rpm")));
                }
            }
        }
        return new Read(sources, problems);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
