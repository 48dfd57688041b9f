package io.github.xenpv.mojo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The guest names each project of a build declares, read from the plugin's configuration in the
 * project's effective POM (the plugin's own configuration and every execution's), as Maven has
 * interpolated it. Every project of the build is known before the first goal runs
 * ({@code MavenSession.getProjects()}), so a module can tell whether a {@code -Dxenpv.guest} name
 * is another module's guest or nobody's.
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
        for (MavenProject project : projects) {
            for (Plugin plugin : project.getBuildPlugins()) {
                if (pluginKey.equals(plugin.getKey())) {
                    List<String> names = new ArrayList<>();
                    addNames(plugin.getConfiguration(), names);
                    for (PluginExecution execution : plugin.getExecutions()) {
                        addNames(execution.getConfiguration(), names);
                    }
                    declared.put(project, names);
                }
            }
        }
        return declared;
    }

    private static void addNames(Object configuration, List<String> names) {
        if (configuration instanceof Xpp3Dom dom && dom.getChild("guests") != null) {
            for (Xpp3Dom guest : dom.getChild("guests").getChildren()) {
                Xpp3Dom name = guest.getChild("name");
                if (name != null && name.getValue() != null && !names.contains(name.getValue().strip())) {
                    names.add(name.getValue().strip());
                }
            }
        }
    }
}
