package io.github.xenpv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * examples/seed is what users copy: it must name the plugin's current version, and declare the
 * same guest as the golden-file IT (it/seed), so the golden files describe what users get.
 */
class SeedExampleTest {

    private static final Pattern PLUGIN_VERSION = Pattern.compile(
            "<artifactId>xenpv-maven-plugin</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern GUESTS = Pattern.compile("<guests>.*</guests>", Pattern.DOTALL);

    @Test
    void pinsTheCurrentPluginVersion() throws Exception {
        Matcher version = PLUGIN_VERSION.matcher(Files.readString(Path.of("examples/seed/pom.xml")));
        assertEquals(true, version.find(), "examples/seed/pom.xml names no plugin version");
        assertEquals(System.getProperty("xenpv.pluginVersion"), version.group(1));
    }

    @Test
    void declaresTheGuestOfTheGoldenFileIt() throws Exception {
        assertEquals(guests(Path.of("it/seed/pom.xml")), guests(Path.of("examples/seed/pom.xml")));
    }

    private static String guests(Path pom) throws Exception {
        Matcher guests = GUESTS.matcher(Files.readString(pom));
        assertEquals(true, guests.find(), pom + " declares no <guests>");
        return guests.group();
    }
}
