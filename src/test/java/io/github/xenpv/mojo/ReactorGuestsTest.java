package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** Which guest names each project of a build declares, read from its effective POM. */
class ReactorGuestsTest {

    @Test
    void eachProjectUsingThePluginWithItsNamesInOrder() {
        MavenProject app = module("app", "app1", "app2");
        MavenProject docs = new MavenProject(model("docs"));
        MavenProject empty = module("empty");
        Map<MavenProject, List<String>> expected = new LinkedHashMap<>();
        expected.put(app, List.of("app1", "app2"));
        expected.put(empty, List.of());
        assertEquals(expected, ReactorGuests.declaredNames(List.of(app, docs, empty), ReactorGuests.PLUGIN_KEY));
    }

    @Test
    void pluginAndExecutionConfigurationsAreBothRead() {
        MavenProject project = module("ops", " web ");
        Plugin plugin = project.getBuild().getPluginsAsMap().get(ReactorGuests.PLUGIN_KEY);
        PluginExecution bundleOnly = new PluginExecution();
        bundleOnly.setId("bundle-db");
        bundleOnly.setConfiguration(configuration("db", "web"));
        plugin.addExecution(bundleOnly);
        PluginExecution noGuests = new PluginExecution();
        noGuests.setConfiguration(new Xpp3Dom("configuration"));
        plugin.addExecution(noGuests);
        assertEquals(List.of("web", "db"), ReactorGuests.declaredNames(List.of(project), ReactorGuests.PLUGIN_KEY).get(project));
    }

    @Test
    void anyElementUnderGuestsCountsAsMavenBindsListsThatWay() {
        MavenProject project = new MavenProject(model("ops"));
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom guests = new Xpp3Dom("guests");
        Xpp3Dom item = new Xpp3Dom("item");
        Xpp3Dom name = new Xpp3Dom("name");
        name.setValue("web");
        item.addChild(name);
        guests.addChild(item);
        guests.addChild(new Xpp3Dom("guest"));
        configuration.addChild(guests);
        project.getBuild().addPlugin(plugin(configuration));
        assertEquals(List.of("web"), ReactorGuests.declaredNames(List.of(project), ReactorGuests.PLUGIN_KEY).get(project));
    }

    /** A project whose POM declares the plugin with these guests (names only) in its configuration. */
    static MavenProject module(String artifactId, String... guestNames) {
        MavenProject project = new MavenProject(model(artifactId));
        project.getBuild().addPlugin(plugin(configuration(guestNames)));
        return project;
    }

    private static Model model(String artifactId) {
        Model model = new Model();
        model.setGroupId("test.xenpv");
        model.setArtifactId(artifactId);
        model.setVersion("1.0.0");
        model.setBuild(new Build());
        Plugin other = new Plugin();
        other.setArtifactId("maven-resources-plugin");
        other.setConfiguration(configuration("not-a-xenpv-guest"));
        model.getBuild().addPlugin(other);
        return model;
    }

    private static Plugin plugin(Xpp3Dom configuration) {
        Plugin plugin = new Plugin();
        plugin.setGroupId("io.github.xenpv");
        plugin.setArtifactId("xenpv-maven-plugin");
        plugin.setConfiguration(configuration);
        return plugin;
    }

    private static Xpp3Dom configuration(String... guestNames) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom guests = new Xpp3Dom("guests");
        for (String guestName : guestNames) {
            Xpp3Dom guest = new Xpp3Dom("guest");
            Xpp3Dom name = new Xpp3Dom("name");
            name.setValue(guestName);
            guest.addChild(name);
            guests.addChild(guest);
        }
        configuration.addChild(guests);
        return configuration;
    }
}
