package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the bundles may go: inside the build directory unless {@code xenpv.allowOutsideTarget}
 * says otherwise, never the project's base directory (what an empty property gives) or a folder
 * holding the project, and no link makes either look like a folder inside the build directory.
 * Each refusal names the property and writes nothing.
 */
@MojoTest
class OutputDirectoryTest {

    private static final String SEED = "src/test/projects/seed/pom.xml";

    @TempDir
    Path scratch;

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    void anEmptyPropertyIsTheBaseDirectoryAndIsRefused(GenerateMojo mojo) throws Exception {
        Path basedir = project(mojo);
        // what Maven's file converter makes of -Dxenpv.outputDirectory= before aligning it to the base directory
        setVariableValueToObject(mojo, "outputDirectory", new File(""));
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: 1 problem in the plugin configuration:\n  outputDirectory: '" + basedir + "' is the project's base "
                + "directory (an empty xenpv.outputDirectory gives that too): the bundles need a folder of their own, "
                + "e.g. the default ${project.build.directory}/xenpv", refused.getMessage());
        try (java.util.stream.Stream<Path> entries = Files.list(basedir)) {
            assertEquals(0, entries.count(), "nothing written");
        }
    }

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    @MojoParameter(name = "allowOutsideTarget", value = "true")
    void theBaseDirectoryIsRefusedEvenWhenOutsideIsAllowed(GenerateMojo mojo) throws Exception {
        Path basedir = project(mojo);
        setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("sub/..").toFile());
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("is the project's base directory (an empty xenpv.outputDirectory gives "
                + "that too)"), refused.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    @MojoParameter(name = "allowOutsideTarget", value = "true")
    void aFolderHoldingTheProjectIsRefused(GenerateMojo mojo) throws Exception {
        project(mojo);
        setVariableValueToObject(mojo, "outputDirectory", scratch.toFile());
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("outputDirectory: '" + scratch + "' holds the project itself"),
                refused.getMessage());
        assertFalse(Files.exists(scratch.resolve("rhel3_64_fv")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    void aFolderOutsideTheBuildDirectoryNeedsTheSwitch(GenerateMojo mojo) throws Exception {
        Path basedir = project(mojo);
        Path bundles = scratch.resolve("bundles");
        setVariableValueToObject(mojo, "outputDirectory", bundles.toFile());
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: 1 problem in the plugin configuration:\n  outputDirectory: '" + bundles + "' is outside the "
                + "build directory " + basedir.resolve("target") + ": bundles are build output, which mvn clean removes; "
                + "to write them there all the same, set xenpv.allowOutsideTarget (-Dxenpv.allowOutsideTarget=true or "
                + "<allowOutsideTarget>true</allowOutsideTarget>)", refused.getMessage());
        assertFalse(Files.exists(bundles));

        setVariableValueToObject(mojo, "allowOutsideTarget", true);
        mojo.execute();
        assertTrue(Files.isRegularFile(bundles.resolve("rhel3_64_fv/README.txt")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    void aLinkInsideTheBuildDirectoryToTheBaseDirectoryIsRefused(GenerateMojo mojo) throws Exception {
        Path basedir = project(mojo);
        Files.createDirectories(basedir.resolve("target"));
        Files.createSymbolicLink(basedir.resolve("target/xenpv"), basedir);
        setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("target/xenpv").toFile());
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("is the project's base directory"), refused.getMessage());
        assertFalse(Files.exists(basedir.resolve("rhel3_64_fv")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    void aLinkInsideTheBuildDirectoryIsSeenThroughBeforeTheOutputFolderExists(GenerateMojo mojo) throws Exception {
        Path basedir = project(mojo);
        Path elsewhere = Files.createDirectories(scratch.resolve("elsewhere"));
        Files.createDirectories(basedir.resolve("target"));
        Files.createSymbolicLink(basedir.resolve("target/link"), elsewhere);
        Path bundles = basedir.resolve("target/link/bundles");
        setVariableValueToObject(mojo, "outputDirectory", bundles.toFile());
        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(refused.getMessage().contains("outputDirectory: '" + bundles + "' is outside the build directory"),
                refused.getMessage());
        assertFalse(Files.exists(elsewhere.resolve("bundles")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = SEED)
    void theBuildDirectoryAndAnyFolderInsideItAreFine(GenerateMojo mojo) throws Exception {
        Path basedir = project(mojo);
        setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("target/deep/er/bundles").toFile());
        mojo.execute();
        assertTrue(Files.isRegularFile(basedir.resolve("target/deep/er/bundles/rhel3_64_fv/README.txt")));
        setVariableValueToObject(mojo, "outputDirectory", basedir.resolve("target").toFile());
        mojo.execute();
        assertTrue(Files.isRegularFile(basedir.resolve("target/rhel3_64_fv/README.txt")));
    }

    /** A project folder in the scratch space: the mojo's base and build directory point there. */
    private Path project(AbstractRenderingMojo mojo) throws Exception {
        Path basedir = scratch.resolve("project");
        Files.createDirectories(basedir);
        setVariableValueToObject(mojo, "basedir", basedir.toFile());
        setVariableValueToObject(mojo, "buildDirectory", basedir.resolve("target").toFile());
        mojo.setLog(new RecordingLog());
        return basedir;
    }
}
