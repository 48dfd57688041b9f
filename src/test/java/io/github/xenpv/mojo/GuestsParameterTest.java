package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.Build;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <guests>} goes through Maven's own configurator (the harness's) to the plugin's reader:
 * typos come back at their paths, all at once, with the validator's problems and no class name;
 * without {@code <guests>}, skip still works and the plugin says what is missing.
 */
@MojoTest
class GuestsParameterTest {

    @TempDir
    Path buildDirectory;

    private final RecordingLog log = new RecordingLog();

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/misspelled/pom.xml")
    void everySlipIsAProblemAtItsPathWithTheValidatorsInOneFailure(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(String.join("\n",
                "xenpv: 4 problems in the guest declarations:",
                "  guests/guest[web]/kernell: unknown element; did you mean <kernel>?",
                "  guests/guest[web]/bootDisk: '/dev/vg0/web-root' is text, but <bootDisk> holds elements: <device>, <source>",
                "  guests/guest[web]/disks/disk[1]/sorce: unknown element; did you mean <source>?",
                "  guests/guest[web]/memory: '16' is out of range: MiB of guest memory must be a whole number from 32 "
                        + "to 1048576"), failure.getMessage());
        assertFalse(Files.exists(buildDirectory.resolve("xenpv")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/no-guests/pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipWorksWithoutGuests(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        mojo.execute();
        assertEquals(List.of("xenpv: skipped (xenpv.skip is true)"), log.infos());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/no-guests/pom.xml")
    void withoutGuestsThePluginSaysWhatIsMissing(ValidateMojo mojo) throws Exception {
        prepare(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: 1 problem in the guest declarations:\n  guests: at least one <guest> is required",
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/guest-outside-guests/pom.xml")
    void aGuestDeclaredOutsideGuestsIsNamedNotLeftToMavensBinding(ValidateMojo mojo) throws Exception {
        prepare(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(String.join("\n",
                "xenpv: 2 problems in the plugin configuration:",
                "  guest: holds elements, but <guest> here is the name of the one guest to build (xenpv.guest): "
                        + "declare each guest inside <guests>",
                "  guests: at least one <guest> is required"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/seed/pom.xml")
    void anImportParameterInTheConfigurationIsWarnedAboutNamingWhereAGuestsValueBelongs(ValidateMojo mojo)
            throws Exception {
        prepare(mojo);
        // the POM as Maven reads it: the plugin's configuration holds <arch> (a guest's too) and <configs>
        MavenProject project = getVariableValueFromObject(mojo, "project");
        MojoExecution execution = getVariableValueFromObject(mojo, "mojoExecution");
        Plugin plugin = new Plugin();
        plugin.setGroupId(execution.getGroupId());
        plugin.setArtifactId(execution.getArtifactId());
        plugin.setConfiguration(Xpp3DomBuilder.build(new StringReader(
                "<configuration><arch>i686</arch><configs>/etc/xen</configs></configuration>")));
        Build build = new Build();
        build.addPlugin(plugin);
        project.getModel().setBuild(build);
        mojo.execute();
        assertEquals(List.of(
                "xenpv: <arch> is a parameter of the import goal only, which validate, generate and bundle ignore: a "
                        + "guest's <arch> belongs inside <guests><guest>",
                "xenpv: <configs> is a parameter of the import goal only, which validate, generate and bundle ignore"),
                log.warnings());
    }

    private void prepare(AbstractXenpvMojo mojo) throws IllegalAccessException {
        if (mojo instanceof AbstractRenderingMojo) {
            setVariableValueToObject(mojo, "buildDirectory", buildDirectory.toFile());
            setVariableValueToObject(mojo, "outputDirectory", buildDirectory.resolve("xenpv").toFile());
        }
        mojo.setLog(log);
    }
}
