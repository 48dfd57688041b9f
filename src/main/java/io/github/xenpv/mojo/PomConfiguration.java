package io.github.xenpv.mojo;

import io.github.xenpv.model.NearestName;
import io.github.xenpv.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The plugin's {@code <configuration>} for one execution as the user wrote it in the POM. Maven
 * hands a goal only the elements that are its parameters, and Maven 3.8 drops the rest without a
 * word, so a misspelled {@code <outputDirectroy>} would silently do nothing: this reads the POM's
 * own element, as Maven does to configure the execution (the execution's configuration, which
 * already holds the plugin-level one, else the plugin's; pluginManagement when the build does not
 * name the plugin).
 */
final class PomConfiguration {

    /** The goal that brings guests in, whose parameters the build goals do not take. */
    static final String IMPORT = "import";

    /** The goals that are not build goals: their parameters are not offered to a build goal's configuration. */
    private static final Set<String> OTHER_GOALS = Set.of(IMPORT, "help");

    private final MavenProject project;
    private final MojoExecution execution;
    private final Plugin plugin;

    PomConfiguration(MavenProject project, MojoExecution execution) {
        this.project = project;
        this.execution = execution;
        this.plugin = plugin(project, execution);
    }

    private static Plugin plugin(MavenProject project, MojoExecution execution) {
        if (project == null || execution == null || execution.getGroupId() == null) {
            return null;
        }
        String key = execution.getGroupId() + ":" + execution.getArtifactId();
        Plugin plugin = project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(key);
        if (plugin == null && project.getPluginManagement() != null) {
            plugin = project.getPluginManagement().getPluginsAsMap().get(key);
        }
        return plugin;
    }

    /**
     * The elements directly under {@code <configuration>} that are no parameter of any of the
     * plugin's goals. Each names the parameter of a build goal it is nearest to (a slip, or a
     * shortened name such as {@code <outputDir>}), else lists the build goals' parameters.
     */
    List<Problem> unknownElements() {
        Xpp3Dom configuration = executionConfiguration();
        MojoDescriptor goal = execution == null ? null : execution.getMojoDescriptor();
        if (configuration == null || goal == null || goal.getPluginDescriptor() == null) {
            return List.of();
        }
        Set<String> known = new TreeSet<>();
        Set<String> settable = new TreeSet<>();
        for (MojoDescriptor mojo : goals(goal.getPluginDescriptor())) {
            for (Parameter parameter : parameters(mojo)) {
                known.add(parameter.getName());
                if (parameter.getAlias() != null) {
                    known.add(parameter.getAlias());
                }
                if (parameter.isEditable() && !OTHER_GOALS.contains(mojo.getGoal())) {
                    settable.add(parameter.getName());
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (Xpp3Dom child : configuration.getChildren()) {
            if (!known.contains(child.getName())) {
                problems.add(new Problem(child.getName(), NearestName.to(child.getName(), settable)
                        .or(() -> NearestName.completing(child.getName(), settable))
                        .map(name -> "unknown element; did you mean <" + name + ">?")
                        .orElse("unknown element; the plugin's goals take " + String.join(", ",
                                settable.stream().map(name -> "<" + name + ">").toList()))));
            }
        }
        return problems;
    }

    /**
     * The elements directly under {@code <configuration>} that only the {@code import} goal takes,
     * which this build goal ignores; Maven says nothing about them.
     *
     * @return each with its property, in the order written
     */
    List<String> importOnlyElements() {
        Xpp3Dom configuration = executionConfiguration();
        MojoDescriptor goal = execution == null ? null : execution.getMojoDescriptor();
        if (configuration == null || goal == null || goal.getPluginDescriptor() == null
                || OTHER_GOALS.contains(goal.getGoal())) {
            return List.of();
        }
        Set<String> buildParameters = new TreeSet<>();
        List<Parameter> importParameters = new ArrayList<>();
        for (MojoDescriptor mojo : goals(goal.getPluginDescriptor())) {
            if (mojo.getGoal().equals(IMPORT)) {
                importParameters.addAll(parameters(mojo));
            } else if (!OTHER_GOALS.contains(mojo.getGoal())) {
                parameters(mojo).forEach(parameter -> buildParameters.add(parameter.getName()));
            }
        }
        List<String> ignored = new ArrayList<>();
        for (Xpp3Dom child : configuration.getChildren()) {
            importParameters.stream().filter(parameter -> parameter.getName().equals(child.getName())
                    && parameter.isEditable() && !buildParameters.contains(parameter.getName())).findFirst()
                    .ifPresent(parameter -> ignored.add(child.getName()));
        }
        return ignored;
    }

    private static List<Parameter> parameters(MojoDescriptor mojo) {
        return mojo.getParameters() == null ? List.of() : mojo.getParameters();
    }

    private static List<MojoDescriptor> goals(PluginDescriptor plugin) {
        return plugin.getMojos() == null ? List.of() : plugin.getMojos();
    }

    /**
     * Who writes the bundles: the project, and the execution too when it declares guests of its own
     * (not those of the plugin-level configuration), so executions with different guests sharing
     * an output folder never clean up each other's.
     */
    String owner() {
        String owner = project == null ? "" : project.getGroupId() + ":" + project.getArtifactId();
        Xpp3Dom own = executionConfiguration();
        Xpp3Dom shared = plugin == null ? null : configuration(plugin.getConfiguration());
        Xpp3Dom ownGuests = own == null ? null : own.getChild("guests");
        Xpp3Dom sharedGuests = shared == null ? null : shared.getChild("guests");
        if (ownGuests != null && !Objects.equals(ownGuests, sharedGuests)) {
            owner += "@" + execution.getExecutionId();
        }
        return owner;
    }

    private Xpp3Dom executionConfiguration() {
        if (plugin == null) {
            return null;
        }
        PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        return configuration(own != null ? own.getConfiguration() : plugin.getConfiguration());
    }

    private static Xpp3Dom configuration(Object configuration) {
        return configuration instanceof Xpp3Dom dom ? dom : null;
    }
}
