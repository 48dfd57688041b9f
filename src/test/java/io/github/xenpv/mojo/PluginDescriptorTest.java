package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
    @CsvSource({"validate, validate", "generate, generate-resources", "bundle, package"})
    void goalsBindToTheirPhaseAndAreThreadSafe(String goal, String phase) {
        Element mojo = mojo(goal);
        assertEquals(phase, text(mojo, "phase"));
        assertEquals("true", text(mojo, "threadSafe"));
    }

    @ParameterizedTest
    @CsvSource({"validate", "generate", "bundle"})
    void sharedParametersAreSetByTheirProperties(String goal) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("guest", "${xenpv.guest}|");
        expected.put("outputDirectory", "${xenpv.outputDirectory}|${project.build.directory}/xenpv");
        expected.put("skip", "${xenpv.skip}|false");
        expected.put("templatesDirectory", "${xenpv.templatesDirectory}|${project.basedir}/src/main/xenpv");
        assertParameters(goal, expected);
    }

    /** Each parameter's expression and default value, as {@code expression|default}. */
    private static void assertParameters(String goal, Map<String, String> expected) {
        Element configuration = (Element) mojo(goal).getElementsByTagName("configuration").item(0);
        expected.forEach((name, expression) -> {
            Element parameter = (Element) configuration.getElementsByTagName(name).item(0);
            assertEquals(expression, parameter.getTextContent() + "|" + parameter.getAttribute("default-value"), name);
        });
    }

    /** A child element of the parameter named {@code name} in the mojo's parameter list. */
    private static String parameter(Element mojo, String name, String child) {
        NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
        for (int i = 0; i < parameters.getLength(); i++) {
            Element parameter = (Element) parameters.item(i);
            if (name.equals(text(parameter, "name"))) {
                return text(parameter, child);
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    @Test
    void bundleParametersAreSetByTheirPropertiesAndTheProjectsOwn() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("formats", "${xenpv.formats}|tar.gz");
        expected.put("attach", "${xenpv.attach}|true");
        expected.put("outputTimestamp", "|${project.build.outputTimestamp}");
        expected.put("buildDirectory", "|${project.build.directory}");
        expected.put("finalName", "|${project.build.finalName}");
        assertParameters("bundle", expected);
        Element mojo = mojo("bundle");
        assertEquals("true", text(mojo, "requiresProject"), "bundle archives a project's output");
        for (String readonly : List.of("buildDirectory", "finalName", "project")) {
            assertEquals("false", parameter(mojo, readonly, "editable"), readonly + " is read-only");
        }
    }

    @Test
    void importNeedsNoProjectAndIsSetByItsProperties() {
        Element mojo = mojo("import");
        assertEquals("false", text(mojo, "requiresProject"));
        assertEquals("true", text(mojo, "threadSafe"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("configs", "${xenpv.import.configs}|");
        expected.put("root", "${xenpv.import.root}|");
        expected.put("arch", "${xenpv.import.arch}|");
        expected.put("kernel", "${xenpv.import.kernel}|");
        expected.put("kernelVariant", "${xenpv.import.kernelVariant}|");
        expected.put("driverRelease", "${xenpv.import.driverRelease}|");
        expected.put("driverKernel", "${xenpv.import.driverKernel}|");
        expected.put("output", "${xenpv.import.output}|xenpv-import");
        expected.put("overwrite", "${xenpv.import.overwrite}|false");
        assertParameters("import", expected);
        for (String readonly : List.of("pluginGroupId", "pluginArtifactId", "pluginVersion")) {
            assertEquals("false", parameter(mojo, readonly, "editable"), readonly + " is read-only");
        }
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
