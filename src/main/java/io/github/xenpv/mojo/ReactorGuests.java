package io.github.xenpv.mojo;

import io.github.xenpv.model.DeclarationReader;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.ModuleGuests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The guest names each project of a build declares, read from the plugin's configuration in the
 * project's effective POM (the plugin's own configuration and every execution's), as Maven has
 * interpolated it. Every project of the build is known before the first goal runs
 * ({@code MavenSession.getProjects()}), so a module can tell whether a {@code -Dxenpv.guest} name
 * is another module's guest or nobody's, and check its guests against every other module's.
 */
final class ReactorGuests {

    /** The plugin's key in a project's build plugins, {@code groupId:artifactId}. */
    static final String PLUGIN_KEY = "io.github.xenpv:xenpv-maven-plugin";

    private ReactorGuests() {
    }

    /**
     * @param projects the projects of the build, in reactor order
     * @param pluginKey the plugin's {@code groupId:artifactId}
     * @return each project that uses the plugin, with the guest names it declares, in declaration order
     */
    static Map<MavenProject, List<String>> declaredNames(List<MavenProject> projects, String pluginKey) {
        Map<MavenProject, List<String>> declared = new LinkedHashMap<>();
        declarations(projects, pluginKey).forEach((project, elements) -> {
            List<String> names = new ArrayList<>();
            elements.forEach(guests -> addNames(guests, names));
            declared.put(project, names);
        });
        return declared;
    }

    /**
     * The guests of the build's other modules that use the plugin, as their POMs declare them, for
     * the rules that hold across the build. A module's own problems are not read here: its own
     * build reports them.
     *
     * @param projects the projects of the build
     * @param self the module whose goal runs, left out (by groupId and artifactId)
     * @param pluginKey the plugin's {@code groupId:artifactId}
     * @return every other module's guests, in reactor order
     */
    static List<ModuleGuests> otherModules(List<MavenProject> projects, MavenProject self, String pluginKey) {
        List<ModuleGuests> others = new ArrayList<>();
        declarations(projects, pluginKey).forEach((project, elements) -> {
            if (project == self || Objects.equals(project.getGroupId(), self.getGroupId())
                    && Objects.equals(project.getArtifactId(), self.getArtifactId())) {
                return;
            }
            List<Guest> guests = new ArrayList<>();
            for (Xpp3Dom element : elements) {
                List<Guest> read = DeclarationReader.read(ConfigurationTree.of(element)).guests();
                if (read != null) {
                    guests.addAll(read);
                }
            }
            others.add(new ModuleGuests(project.getArtifactId(), guests));
        });
        return others;
    }

    /**
     * Each project that uses the plugin, with the distinct {@code <guests>} elements of its
     * configurations: the plugin's own and every execution's (which hold the plugin's once Maven
     * has merged them, so the same element counts once).
     */
    private static Map<MavenProject, List<Xpp3Dom>> declarations(List<MavenProject> projects, String pluginKey) {
        Map<MavenProject, List<Xpp3Dom>> declared = new LinkedHashMap<>();
        for (MavenProject project : projects) {
            for (Plugin plugin : project.getBuildPlugins()) {
                if (pluginKey.equals(plugin.getKey())) {
                    List<Xpp3Dom> elements = new ArrayList<>();
                    addGuests(plugin.getConfiguration(), elements);
                    for (PluginExecution execution : plugin.getExecutions()) {
                        addGuests(execution.getConfiguration(), elements);
                    }
                    declared.put(project, elements);
                }
            }
        }
        return declared;
    }

    private static void addGuests(Object configuration, List<Xpp3Dom> elements) {
        if (configuration instanceof Xpp3Dom dom && dom.getChild("guests") != null && !elements.contains(dom.getChild("guests"))) {
            elements.add(dom.getChild("guests"));
        }
    }

    private static void addNames(Xpp3Dom guests, List<String> names) {
        for (Xpp3Dom guest : guests.getChildren()) {
            Xpp3Dom name = guest.getChild("name");
            if (name != null && name.getValue() != null && !names.contains(name.getValue().strip())) {
                names.add(name.getValue().strip());
            }
        }
    }
}
