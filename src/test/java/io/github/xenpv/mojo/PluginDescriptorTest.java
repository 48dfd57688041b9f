package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Element configuration = (Element) mojo(goal).getElementsByTagName("configuration").item(0);
        expected.forEach((name, expression) -> {
            Element parameter = (Element) configuration.getElementsByTagName(name).item(0);
            assertEquals(expression, parameter.getTextContent() + "|" + parameter.getAttribute("default-value"), name);
        });
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
        Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
        expected.forEach((name, expression) -> {
            Element parameter = (Element) configuration.getElementsByTagName(name).item(0);
            assertEquals(expression, parameter.getTextContent() + "|" + parameter.getAttribute("default-value"), name);
        });
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
