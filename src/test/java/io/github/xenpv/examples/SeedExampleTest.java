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

    /** it/release-deploy tests the README's deploy command on the example itself, not on a look-alike. */
    @Test
    void theDeployItBuildsTheExampleAsUsersCopyIt() throws Exception {
        String example = project(Path.of("examples/seed/pom.xml"))
                .replace("<groupId>com.example.ops</groupId>", "<groupId>it.xenpv</groupId>")
                .replace("<artifactId>rhel3-guests</artifactId>", "<artifactId>release-deploy</artifactId>")
                .replace("<groupId>io.github.xenpv</groupId>\n        <artifactId>xenpv-maven-plugin</artifactId>\n"
                        + "        <version>" + System.getProperty("xenpv.pluginVersion") + "</version>",
                        "<groupId>@project.groupId@</groupId>\n        <artifactId>@project.artifactId@</artifactId>\n"
                        + "        <version>@project.version@</version>");
        assertEquals(example, project(Path.of("it/release-deploy/pom.xml")));
    }

    /** The POM from its {@code <project>} element on, without the header comment. */
    private static String project(Path pom) throws Exception {
        String text = Files.readString(pom);
        return text.substring(text.indexOf("<project"));
    }

    private static String guests(Path pom) throws Exception {
        Matcher guests = GUESTS.matcher(Files.readString(pom));
        assertEquals(true, guests.find(), pom + " declares no <guests>");
        return guests.group();
    }
}
