package io.github.xenpv.mojo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.render.RenderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bundle goal's wiring, through Maven's own configurator and project helper: what it writes,
 * what it attaches, and how it refuses bad configuration.
 */
@MojoTest
class BundleMojoTest {

    static final String POM = "classpath:/unit/bundle/pom.xml";
    static final Path BUILD = Paths.get("target/unit-bundle");

    @BeforeEach
    void clean() throws Exception {
        if (Files.exists(BUILD)) {
            try (Stream<Path> walk = Files.walk(BUILD)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-01T00:00:00Z")
    @MojoParameter(name = "formats", value = "tar.gz,zip")
    void writesTheFolderAndEachFormatAndAttachesThemByClassifier(BundleMojo mojo) throws Exception {
        MavenProject project = MojoExtension.getVariableValueFromObject(mojo, "project");
        // attached artifacts take their coordinates from the project's own artifact
        project.setArtifact(new DefaultArtifact("test.xenpv", "bundle", "1.0.0", null, "pom", null,
                new DefaultArtifactHandler("pom")));
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        assertTrue(Files.isRegularFile(BUILD.resolve("xenpv/rhel3_64_fv/README.txt")));
        List<String> archives = archiveLines(log);
        assertEquals(2, archives.size(), log.infos()::toString);
        assertTrue(archives.get(0).startsWith("xenpv: ") && archives.get(0).endsWith(
                "guests-1.0.0-xenpv-rhel3_64_fv.tar.gz written, attached as tar.gz:xenpv-rhel3_64_fv"), archives.get(0));
        assertTrue(archives.get(1).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.zip written, attached as zip:xenpv-rhel3_64_fv"),
                archives.get(1));
        List<Artifact> attached = project.getAttachedArtifacts();
        assertEquals(List.of("tar.gz:xenpv-rhel3_64_fv", "zip:xenpv-rhel3_64_fv"),
                attached.stream().map(artifact -> artifact.getType() + ":" + artifact.getClassifier()).toList());
        assertEquals(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz").toAbsolutePath(),
                attached.get(0).getFile().toPath().toAbsolutePath());
        assertEquals(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.zip").toAbsolutePath(),
                attached.get(1).getFile().toPath().toAbsolutePath());

        // mvn package xenpv:bundle runs the goal twice in one build: the second attaches nothing again
        mojo.execute();
        assertEquals(2, project.getAttachedArtifacts().size(), project.getAttachedArtifacts()::toString);
        List<String> again = archiveLines(log);
        assertTrue(again.get(again.size() - 2).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz unchanged, already "
                + "attached as tar.gz:xenpv-rhel3_64_fv"), again.toString());
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "attach", value = "false")
    void withAttachOffTheArchiveIsWrittenButNotAttached(BundleMojo mojo) throws Exception {
        MavenProject project = MojoExtension.getVariableValueFromObject(mojo, "project");
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        byte[] first = Files.readAllBytes(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz"));
        assertTrue(project.getAttachedArtifacts().isEmpty());
        mojo.execute();
        assertArrayEquals(first, Files.readAllBytes(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz")),
                "no outputTimestamp: the fixed time still gives the same bytes");
        List<String> archives = archiveLines(log);
        assertEquals(2, archives.size(), log.infos()::toString);
        assertTrue(archives.get(0).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz written"), archives.get(0));
        assertTrue(archives.get(1).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz unchanged"), archives.get(1));
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "outputTimestamp", value = "last tuesday")
    void aBadOutputTimestampFailsNamingTheProperty(BundleMojo mojo) {
        MojoFailureException error = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(error.getMessage().startsWith("xenpv: project.build.outputTimestamp 'last tuesday' is neither ISO-8601"),
                error.getMessage());
        assertFalse(Files.exists(BUILD.resolve("xenpv")), "nothing written");
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "templatesDirectory", value = "target/unit-bundle/templates")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    void aTemplateErrorFailsWithItsMessageAndKeepsItsCause(BundleMojo mojo) throws Exception {
        Path fstab = BUILD.resolve("templates/guest/etc/fstab.ftl");
        Files.createDirectories(fstab.getParent());
        Files.writeString(fstab, "<#list guest.partitions as p>\n");
        MojoFailureException error = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(error.getMessage().startsWith("xenpv: your template " + fstab.toAbsolutePath() + ", line 1"),
                error.getMessage());
        assertInstanceOf(RenderException.class, error.getCause());
        assertFalse(Files.exists(BUILD.resolve("xenpv")), "nothing written");
        assertFalse(Files.exists(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz")), "nothing archived");
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "formats", value = "tar.gz,rar")
    void anUnknownFormatFailsNamingTheElementAndTheChoices(BundleMojo mojo) {
        MojoFailureException error = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: formats/format 'rar' is not a format the plugin writes; use tar.gz, zip", error.getMessage());
        assertFalse(Files.exists(BUILD.resolve("xenpv")), "nothing written");
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesAndAttachesNothing(BundleMojo mojo) throws Exception {
        MavenProject project = MojoExtension.getVariableValueFromObject(mojo, "project");
        mojo.execute();
        assertFalse(Files.exists(BUILD));
        assertTrue(project.getAttachedArtifacts().isEmpty());
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-01T00:00:00Z")
    @MojoParameter(name = "attach", value = "false")
    void anotherOutputTimestampRemakesTheArchiveAndNothingElse(BundleMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        byte[] first = Files.readAllBytes(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz"));
        MojoExtension.setVariableValueToObject(mojo, "outputTimestamp", "2026-02-01T00:00:00Z");
        mojo.execute();
        List<String> archives = archiveLines(log);
        assertTrue(archives.get(1).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz written"), archives.get(1));
        assertFalse(Arrays.equals(first, Files.readAllBytes(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz"))));
        assertTrue(log.debugs().stream().anyMatch(line -> line.contains("none rendered, 1 up to date")
                && line.endsWith(": 0 files written, 12 unchanged, 0 removed")), log.debugs()::toString);
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "formats", value = "tar.gz,zip")
    @MojoParameter(name = "attach", value = "false")
    void anArchiveOfAFormatNoLongerDeclaredIsRemovedAndSaidSo(BundleMojo mojo) throws Exception {
        RecordingLog log = new RecordingLog();
        mojo.setLog(log);
        mojo.execute();
        Path zip = BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.zip");
        assertTrue(Files.isRegularFile(zip));
        MojoExtension.setVariableValueToObject(mojo, "formats", List.of("tar.gz"));
        mojo.execute();
        assertFalse(Files.exists(zip));
        assertEquals(List.of("xenpv: removed " + zip.toAbsolutePath() + ": an archive this plugin wrote for a guest or "
                + "format no longer declared"), log.infos().stream().filter(line -> line.startsWith("xenpv: removed ")).toList());
    }

    @Test
    @InjectMojo(goal = "bundle", pom = POM)
    @MojoParameter(name = "buildDirectory", value = "target/unit-bundle")
    @MojoParameter(name = "outputDirectory", value = "target/unit-bundle/xenpv")
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    void anArtifactAttachedEarlierUnderTheArchivesClassifierThenPointsAtTheArchive(BundleMojo mojo) throws Exception {
        MavenProject project = MojoExtension.getVariableValueFromObject(mojo, "project");
        project.setArtifact(new DefaultArtifact("test.xenpv", "bundle", "1.0.0", null, "pom", null,
                new DefaultArtifactHandler("pom")));
        // what an earlier attach left (another finalName, another plugin): install would publish that file
        DefaultArtifact earlier = new DefaultArtifact("test.xenpv", "bundle", "1.0.0", null, "tar.gz", "xenpv-rhel3_64_fv",
                new DefaultArtifactHandler("tar.gz"));
        earlier.setFile(BUILD.resolve("old-xenpv-rhel3_64_fv.tar.gz").toFile());
        project.addAttachedArtifact(earlier);
        mojo.setLog(new RecordingLog());
        mojo.execute();
        assertEquals(1, project.getAttachedArtifacts().size(), project.getAttachedArtifacts()::toString);
        assertEquals(BUILD.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz").toAbsolutePath(),
                project.getAttachedArtifacts().get(0).getFile().toPath().toAbsolutePath());
    }

    /** What the goal logged about its archives, in order (it also logs the bundle folders it rendered). */
    private static List<String> archiveLines(RecordingLog log) {
        return log.infos().stream().filter(line -> line.contains("guests-1.0.0-xenpv-")).toList();
    }
}
