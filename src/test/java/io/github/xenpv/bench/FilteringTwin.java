package io.github.xenpv.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a user would reach for instead of the plugin: maven-resources-plugin's
 * {@code copy-resources} with filtering. The twin's inputs are the plugin's own output with the
 * fleet-wide values (kernel, driver release, bridge and MAC prefixes) put back as {@code ${...}}
 * placeholders, so filtering substitutes in every file and writes the same number of files with
 * exactly the same bytes, hence the same sizes.
 */
final class FilteringTwin {

    /** Placeholder property, value: what the twin's POM defines and its inputs refer to. */
    private static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

    static {
        PROPERTIES.put("fleet.kernel", SyntheticFleet.KERNEL);
        PROPERTIES.put("fleet.driverRelease", SyntheticFleet.DRIVER_RELEASE);
        PROPERTIES.put("fleet.bridgePrefix", SyntheticFleet.BRIDGE_PREFIX);
        PROPERTIES.put("fleet.macPrefix", SyntheticFleet.MAC_PREFIX);
    }

    static final String OUTPUT = "target/fleet";

    private FilteringTwin() {
    }

    /** Writes the twin project under {@code project}, its inputs made from the rendered {@code bundles}. */
    static void write(Path project, Path bundles, String resourcesPluginVersion) throws IOException {
        Path sources = project.resolve("src/fleet");
        for (Path file : OutputTree.files(bundles)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> property : PROPERTIES.entrySet()) {
                text = text.replace(property.getValue(), "${" + property.getKey() + "}");
            }
            Path input = sources.resolve(bundles.relativize(file));
            Files.createDirectories(input.getParent());
            Files.writeString(input, text, StandardCharsets.UTF_8);
        }
        StringBuilder properties = new StringBuilder();
        PROPERTIES.forEach((key, value) -> properties.append("    <").append(key).append('>').append(value)
                .append("</").append(key).append(">\n"));
        Files.writeString(project.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench.xenpv</groupId>
                  <artifactId>fleet-filtering</artifactId>
                  <version>1.0.0</version>
                  <packaging>pom</packaging>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                %s  </properties>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution>
                            <id>fleet</id>
                            <phase>generate-resources</phase>
                            <goals><goal>copy-resources</goal></goals>
                            <configuration>
                              <outputDirectory>${project.basedir}/%s</outputDirectory>
                              <resources>
                                <resource>
                                  <directory>src/fleet</directory>
                                  <filtering>true</filtering>
                                </resource>
                              </resources>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(properties, resourcesPluginVersion, OUTPUT), StandardCharsets.UTF_8);
    }

    /** Fails unless filtering reproduced the plugin's files byte for byte: the comparison is only fair then. */
    static void checkSameFiles(Path bundles, Path filtered) throws IOException {
        var expected = OutputTree.files(bundles);
        var actual = OutputTree.files(filtered);
        if (expected.size() != actual.size()) {
            throw new IllegalStateException("copy-resources wrote " + actual.size() + " files, the plugin "
                    + expected.size());
        }
        for (Path file : expected) {
            Path twin = filtered.resolve(bundles.relativize(file));
            if (!Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(twin))) {
                throw new IllegalStateException("filtering did not reproduce " + bundles.relativize(file));
            }
        }
    }
}
