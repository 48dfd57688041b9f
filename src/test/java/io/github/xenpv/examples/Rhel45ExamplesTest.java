package io.github.xenpv.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/rhel4 and examples/rhel5 are what users copy: each names the plugin's current version
 * and declares the same guests as the invoker IT that checks their bundles against the golden files
 * (it/maven-compat/rhelN, run under every Maven); Rhel45BundleTest renders the same golden files
 * from the unit tests' fixture (Rhel45Guests).
 */
class Rhel45ExamplesTest {

    private static final Pattern PLUGIN_VERSION = Pattern.compile(
            "<artifactId>xenpv-maven-plugin</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern GUESTS = Pattern.compile("<guests>.*</guests>", Pattern.DOTALL);

    @ParameterizedTest
    @ValueSource(strings = {"rhel4", "rhel5"})
    void pinsTheCurrentPluginVersion(String release) throws Exception {
        Matcher version = PLUGIN_VERSION.matcher(Files.readString(Path.of("examples", release, "pom.xml")));
        assertEquals(true, version.find(), "examples/" + release + "/pom.xml names no plugin version");
        assertEquals(System.getProperty("xenpv.pluginVersion"), version.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rhel4", "rhel5"})
    void declaresTheGuestsOfTheGoldenFileIt(String release) throws Exception {
        assertEquals(guests(Path.of("it/maven-compat", release, "pom.xml")), guests(Path.of("examples", release, "pom.xml")));
    }

    private static String guests(Path pom) throws Exception {
        Matcher guests = GUESTS.matcher(Files.readString(pom));
        assertEquals(true, guests.find(), pom + " declares no <guests>");
        return guests.group();
    }
}
