package io.github.xenpv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.xenpv.fixtures.PluginPins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every example pins every plugin it binds, so `mvn clean` or `deploy` on a copy builds the same
 * under any Maven and Maven 4 has no "Version not locked for default bindings plugins" to warn
 * about; and pins the versions this plugin's own build uses, which the offline builds have at hand.
 */
class ExamplePinsTest {

    @Test
    void mavenBindsCleanInstallDeployAndSiteToAPomProject() throws Exception {
        assertEquals(Set.of("maven-clean-plugin", "maven-install-plugin", "maven-deploy-plugin", "maven-site-plugin"),
                PluginPins.defaultBindings("pom"));
    }

    @Test
    void aPomThatPinsOnlyInstallAndDeployIsNamedForCleanAndSite() throws Exception {
        String pom = """
                <project><packaging>pom</packaging><build><pluginManagement><plugins>
                <plugin><artifactId>maven-install-plugin</artifactId><version>3.2.0</version></plugin>
                <plugin><artifactId>maven-deploy-plugin</artifactId><version>3.2.0</version></plugin>
                </plugins></pluginManagement><plugins><plugin><artifactId>xenpv-maven-plugin</artifactId></plugin></plugins></build></project>
                """;
        assertEquals(List.of("maven-clean-plugin: bound by Maven to a pom project, no version in the POM",
                "maven-site-plugin: bound by Maven to a pom project, no version in the POM",
                "xenpv-maven-plugin: in build/plugins, no version in the POM"), PluginPins.unpinned(pom));
    }

    @Test
    void everyExamplePinsEveryPluginItBindsAtTheVersionsOfThisBuild() throws Exception {
        Map<String, String> ours = PluginPins.pinned(Files.readString(Path.of("pom.xml")));
        List<Path> examples;
        try (Stream<Path> folders = Files.list(Path.of("examples"))) {
            examples = folders.map(folder -> folder.resolve("pom.xml")).filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(examples.isEmpty(), "no examples/*/pom.xml");
        for (Path example : examples) {
            String pom = Files.readString(example);
            assertEquals(List.of(), PluginPins.unpinned(pom), example.toString());
            PluginPins.pinned(pom).forEach((plugin, version) -> {
                if (ours.containsKey(plugin) && !plugin.equals("xenpv-maven-plugin")) {
                    assertEquals(ours.get(plugin), version, example + " pins " + plugin + " at another version than pom.xml");
                }
            });
        }
    }
}
