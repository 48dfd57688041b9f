package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What users see of the goals: prefix, phases, thread safety, and the properties that set parameters. */
class PluginDescriptorTest {

    private static Document descriptor;

    @BeforeAll
    static void read() throws Exception {
        descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("target/classes/META-INF/maven/plugin.xml").toFile());
    }

    @Test
    void prefixAndPrerequisite() {
        assertEquals("xenpv", text(descriptor.getDocumentElement(), "goalPrefix"));
        assertEquals("3.8.7", text(descriptor.getDocumentElement(), "requiredMavenVersion"));
    }

    @ParameterizedTest
    @CsvSource({"validate, validate", "generate, generate-resources"})
    void goalsBindToTheirPhaseAndAreThreadSafe(String goal, String phase) {
        Element mojo = mojo(goal);
        assertEquals(phase, text(mojo, "phase"));
        assertEquals("true", text(mojo, "threadSafe"));
    }

    @ParameterizedTest
    @CsvSource({"validate", "generate"})
    void sharedParametersAreSetByTheirProperties(String goal) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("guest", "${xenpv.guest}|");
        expected.put("outputDirectory", "${xenpv.outputDirectory}|${project.build.directory}/xenpv");
        expected.put("skip", "${xenpv.skip}|false");
        expected.put("templatesDirectory", "${xenpv.templatesDirectory}|${project.basedir}/src/main/xenpv");
        expected.put("allowOutsideTarget", "${xenpv.allowOutsideTarget}|false");
        Element configuration = (Element) mojo(goal).getElementsByTagName("configuration").item(0);
        expected.forEach((name, expression) -> {
            Element parameter = (Element) configuration.getElementsByTagName(name).item(0);
            assertEquals(expression, parameter.getTextContent() + "|" + parameter.getAttribute("default-value"), name);
        });
    }

    /**
     * Maven checks required parameters before a goal runs, so a required {@code guests} would stop
     * {@code -Dxenpv.skip} and hide the plugin's own message; it stays documented as what users write.
     */
    @ParameterizedTest
    @CsvSource({"validate", "generate", "bundle"})
    void guestsIsDocumentedButNotRequired(String goal) {
        Element guests = parameter(goal, "guests");
        assertEquals("java.util.List", text(guests, "type"));
        assertEquals("false", text(guests, "required"));
        assertEquals("true", text(guests, "editable"));
        assertTrue(text(guests, "description").startsWith("The guests to move onto the PV drivers, one <guest> each"),
                text(guests, "description"));
    }

    private static Element parameter(String goal, String name) {
        NodeList parameters = mojo(goal).getElementsByTagName("parameter");
        for (int i = 0; i < parameters.getLength(); i++) {
            Element parameter = (Element) parameters.item(i);
            if (name.equals(text(parameter, "name"))) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in goal " + goal);
    }

    private static Element mojo(String goal) {
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (goal.equals(text(mojo, "goal"))) {
                return mojo;
            }
        }
        throw new AssertionError("no goal " + goal + " in plugin.xml");
    }

    private static String text(Element parent, String child) {
        return parent.getElementsByTagName(child).item(0).getTextContent().strip();
    }
}
