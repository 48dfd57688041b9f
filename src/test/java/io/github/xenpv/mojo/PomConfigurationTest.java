package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.xenpv.model.Problem;
import java.io.StringReader;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.PluginManagement;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/**
 * The configuration as the POM has it, which Maven 3.8 filters before a goal sees it: the
 * elements no goal takes, found where Maven finds the execution's configuration, and who owns
 * what the execution writes.
 */
class PomConfigurationTest {

    private static final String GUESTS = "<guests><guest><name>web</name></guest></guests>";

    @Test
    void elementsNoGoalTakesAreProblemsWithTheNearestParameter() throws Exception {
        Plugin plugin = plugin("<configuration><outputDirectroy>x</outputDirectroy><formats>zip</formats>"
                + "<gusets/><fish/><skip>true</skip><guestName>web</guestName></configuration>");
        List<Problem> problems = new PomConfiguration(project(plugin, null), execution("default-cli")).unknownElements();
        assertEquals(List.of(
                "outputDirectroy: unknown element; did you mean <outputDirectory>?",
                "gusets: unknown element; did you mean <guests>?",
                "fish: unknown element; the plugin's goals take <formats>, <guest>, <guests>, <outputDirectory>, <skip>"),
                problems.stream().map(Problem::toString).toList(),
                "formats belongs to another goal and guestName is an alias: both are known");
    }

    @Test
    void aShortenedNameIsCompletedAndImportOnlyParametersAreNoChoiceForABuildGoal() throws Exception {
        Plugin plugin = plugin("<configuration><outputDir>x</outputDir><fish/><arch>i686</arch>"
                + "<output>z</output></configuration>");
        PomConfiguration configuration = new PomConfiguration(project(plugin, null), execution("default-cli"));
        assertEquals(List.of(
                "outputDir: unknown element; did you mean <outputDirectory>?",
                "fish: unknown element; the plugin's goals take <formats>, <guest>, <guests>, <outputDirectory>, <skip>"),
                configuration.unknownElements().stream().map(Problem::toString).toList(),
                "import's <arch> and <output> are no choice for generate");
        assertEquals(List.of("arch", "output"), configuration.importOnlyElements());
    }

    @Test
    void aParameterOfImportThatABuildGoalTakesTooIsNoImportOnlyElement() throws Exception {
        Plugin plugin = plugin("<configuration><skip>true</skip><arch>i686</arch></configuration>");
        PluginDescriptor descriptor = new PluginDescriptor();
        descriptor.setGroupId("io.github.xenpv");
        descriptor.setArtifactId("xenpv-maven-plugin");
        MojoDescriptor generate = goal(descriptor, "generate", parameter("guests", null));
        goal(descriptor, "bundle", parameter("skip", null));
        goal(descriptor, "import", parameter("arch", null), parameter("skip", null));
        assertEquals(List.of("arch"), new PomConfiguration(project(plugin, null), new MojoExecution(generate, "default-cli"))
                .importOnlyElements(), "bundle takes <skip>: it is no import goal's alone");
    }

    @Test
    void anExecutionsOwnConfigurationIsReadWhenItHasOneElseThePlugins() throws Exception {
        Plugin plugin = plugin("<configuration><skip>true</skip></configuration>");
        PluginExecution own = new PluginExecution();
        own.setId("own");
        own.setConfiguration(dom("<configuration><skp>true</skp></configuration>"));
        plugin.addExecution(own);
        assertEquals(List.of("skp: unknown element; did you mean <skip>?"),
                new PomConfiguration(project(plugin, null), execution("own")).unknownElements().stream()
                        .map(Problem::toString).toList());
        assertEquals(List.of(), new PomConfiguration(project(plugin, null), execution("other")).unknownElements());
    }

    @Test
    void aPluginOnlyInPluginManagementIsFoundThere() throws Exception {
        Plugin plugin = plugin("<configuration><skp>true</skp></configuration>");
        assertEquals(1, new PomConfiguration(project(null, plugin), execution("default-cli")).unknownElements().size());
    }

    @Test
    void theOwnerIsTheProjectAndTheExecutionOnlyWhenItDeclaresGuestsOfItsOwn() throws Exception {
        Plugin plugin = plugin("<configuration>" + GUESTS + "</configuration>");
        PluginExecution shared = new PluginExecution();
        shared.setId("shared");
        // Maven's effective model holds the plugin's configuration merged into each execution's
        shared.setConfiguration(dom("<configuration>" + GUESTS + "<skip>false</skip></configuration>"));
        plugin.addExecution(shared);
        PluginExecution own = new PluginExecution();
        own.setId("staging");
        own.setConfiguration(dom("<configuration><guests><guest><name>db</name></guest></guests></configuration>"));
        plugin.addExecution(own);
        MavenProject project = project(plugin, null);
        assertEquals("com.example:guests", new PomConfiguration(project, execution("shared")).owner());
        assertEquals("com.example:guests", new PomConfiguration(project, execution("default-cli")).owner());
        assertEquals("com.example:guests@staging", new PomConfiguration(project, execution("staging")).owner());
    }

    private static Plugin plugin(String configuration) throws Exception {
        Plugin plugin = new Plugin();
        plugin.setGroupId("io.github.xenpv");
        plugin.setArtifactId("xenpv-maven-plugin");
        plugin.setConfiguration(dom(configuration));
        return plugin;
    }

    private static MavenProject project(Plugin built, Plugin managed) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("guests");
        Build build = new Build();
        if (built != null) {
            build.addPlugin(built);
        }
        if (managed != null) {
            PluginManagement management = new PluginManagement();
            management.addPlugin(managed);
            build.setPluginManagement(management);
        }
        model.setBuild(build);
        return new MavenProject(model);
    }

    /** An execution of the generate goal, in a plugin whose goals take a few parameters. */
    private static MojoExecution execution(String id) throws Exception {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("io.github.xenpv");
        plugin.setArtifactId("xenpv-maven-plugin");
        MojoDescriptor generate = goal(plugin, "generate", parameter("guests", null), parameter("outputDirectory", null),
                parameter("skip", null), parameter("guest", "guestName"), readonly("project"));
        goal(plugin, "bundle", parameter("formats", null), parameter("guests", null));
        goal(plugin, "import", parameter("arch", null), parameter("output", null), parameter("configs", null));
        return new MojoExecution(generate, id);
    }

    private static MojoDescriptor goal(PluginDescriptor plugin, String name, Parameter... parameters) throws Exception {
        MojoDescriptor goal = new MojoDescriptor();
        goal.setGoal(name);
        goal.setPluginDescriptor(plugin);
        for (Parameter parameter : parameters) {
            goal.addParameter(parameter);
        }
        plugin.addMojo(goal);
        return goal;
    }

    private static Parameter parameter(String name, String alias) {
        Parameter parameter = new Parameter();
        parameter.setName(name);
        parameter.setAlias(alias);
        parameter.setEditable(true);
        return parameter;
    }

    private static Parameter readonly(String name) {
        Parameter parameter = parameter(name, null);
        parameter.setEditable(false);
        return parameter;
    }

    private static Xpp3Dom dom(String xml) throws Exception {
        return Xpp3DomBuilder.build(new StringReader(xml));
    }
}
