package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.render.RenderException;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals' wiring: parameters and their defaults, skip, the guest filter, failures. */
@MojoTest
class GenerateMojoTest {

    @TempDir
    Path buildDirectory;

    /** The default layout, inside a build directory of the test's own. */
    private Path output;

    @org.junit.jupiter.api.BeforeEach
    void layout() {
        output = buildDirectory.resolve("xenpv");
    }

    private final RecordingLog log = new RecordingLog();

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void defaultsFollowTheProjectLayout(GenerateMojo mojo) throws Exception {
        File basedir = new File("").getAbsoluteFile();
        assertEquals(new File(basedir, "target/xenpv"), (File) getVariableValueFromObject(mojo, "outputDirectory"));
        assertEquals(new File(basedir, "src/main/xenpv"), (File) getVariableValueFromObject(mojo, "templatesDirectory"));
        assertEquals(Boolean.FALSE, (Boolean) getVariableValueFromObject(mojo, "skip"));
        // <guest> comes through its setter as written; the goal evaluates it when it runs
        assertEquals("${xenpv.guest}", (String) getVariableValueFromObject(mojo, "guest"));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void writesEachGuestsBundleUnderOutputDirectory(GenerateMojo mojo) throws Exception {
        run(mojo);
        Path bundle = output.resolve("rhel3_64_fv");
        assertTrue(Files.isRegularFile(bundle.resolve("dom0/etc/xen/rhel3_64_fv")));
        assertTrue(Files.isExecutable(bundle.resolve("guest" + ValidGuest.NODE_SCRIPT)));
        assertEquals(List.of("xenpv: 1 guest rendered into " + output + ": 12 files written, 0 unchanged, 0 removed"),
                log.infos());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void debugNamesEveryFileWrittenKeptOrRemovedAndOneFileIsOneFile(GenerateMojo mojo) throws Exception {
        run(mojo);
        Path fstab = output.resolve("rhel3_64_fv/guest/etc/fstab");
        Files.writeString(fstab, "changed by hand\n");
        // a file an earlier build wrote (its record says so) that the bundle no longer has
        Path stale = output.resolve("rhel3_64_fv/guest/etc/rc.stale");
        Files.writeString(stale, "a file the bundle does not have\n");
        Path record = output.resolve(".xenpv-written/rhel3_64_fv.bundle");
        Files.writeString(record, Files.readString(record) + "file guest/etc/rc.stale\n");
        Path notes = output.resolve("rhel3_64_fv/notes.txt");
        Files.writeString(notes, "the user's, never the plugin's\n");
        log.debugs().clear();
        run(mojo);
        assertEquals(List.of("xenpv: 1 guest rendered into " + output + ": 1 file written, 11 unchanged, 1 removed",
                "xenpv: kept in " + output.resolve("rhel3_64_fv") + ", not written by this plugin: notes.txt"),
                log.infos().subList(log.infos().size() - 2, log.infos().size()));
        assertTrue(Files.isRegularFile(notes));
        assertEquals(List.of("xenpv: " + fstab + " was changed since the plugin wrote it: replaced, and the change is "
                + "gone (the plugin owns the files it writes; change the POM or a template instead)"), log.warnings(),
                "a hand edit is not undone as a mere '1 file written'");
        assertTrue(log.debugs().contains("xenpv: written " + fstab), log.debugs()::toString);
        assertTrue(log.debugs().contains("xenpv: removed " + stale), log.debugs()::toString);
        assertTrue(log.debugs().contains("xenpv: kept (unchanged) " + output.resolve("rhel3_64_fv/README.txt")),
                log.debugs()::toString);
        assertEquals(11, log.debugs().stream().filter(line -> line.startsWith("xenpv: kept (unchanged) ")).count());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aFileTheTemplatesChangeIsReplacedWithoutAWarning(GenerateMojo mojo) throws Exception {
        run(mojo);
        Path fstab = output.resolve("rhel3_64_fv/guest/etc/fstab");
        // what the plugin wrote, as an older template had it: SHA256SUMS lists these bytes
        Path sums = output.resolve("rhel3_64_fv/SHA256SUMS");
        String older = "an older template's fstab\n";
        Files.writeString(fstab, older);
        Files.writeString(sums, Files.readString(sums).replaceAll("[0-9a-f]{64}  guest/etc/fstab",
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(older.getBytes(java.nio.charset.StandardCharsets.UTF_8))) + "  guest/etc/fstab"));
        run(mojo);
        assertEquals(List.of(), log.warnings());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    void theSummaryCountsTheFilesOfAGuestNoLongerDeclaredAsRemoved(GenerateMojo mojo) throws Exception {
        run(mojo);
        copyAsAnEarlierBuildsGuest("old");
        log.infos().clear();
        run(mojo);
        assertEquals(List.of("xenpv: 2 guests in " + output + ", none rendered, 2 up to date (nothing that feeds their "
                + "files changed): 0 files written, 24 unchanged, 12 removed",
                "xenpv: guest 'old' is no longer declared: removed its folder " + output.resolve("old")
                        + " (12 files the plugin wrote)"), log.infos());
        assertFalse(Files.exists(output.resolve("old")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    void theSummaryCountsTheGuestsRenderedAndUpToDateAndDebugNamesTheRenderedOne(GenerateMojo mojo) throws Exception {
        run(mojo);
        // db's declaration changes, web's does not
        String pom = Files.readString(Path.of("src/test/projects/two-guests/pom.xml"));
        String guests = pom.substring(pom.indexOf("<guests>"), pom.indexOf("</guests>") + "</guests>".length());
        mojo.setGuests(new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(
                guests.replace("<name>db</name>", "<name>db</name><memory>1024</memory>")))));
        log.infos().clear();
        log.debugs().clear();
        run(mojo);
        assertEquals("xenpv: 2 guests in " + output + ", 1 rendered, 1 up to date (nothing that feeds its files changed): "
                + "3 files written, 21 unchanged, 0 removed", log.infos().get(0));
        assertEquals(List.of("xenpv: rendered guest db"),
                log.debugs().stream().filter(line -> line.startsWith("xenpv: rendered guest ")).toList());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    void aGuestNoLongerDeclaredKeepsItsFolderForAFileOfTheUsersWithAWarning(GenerateMojo mojo) throws Exception {
        run(mojo);
        Path old = copyAsAnEarlierBuildsGuest("old");
        Files.writeString(old.resolve("notes.txt"), "the user's, never the plugin's\n");
        log.debugs().clear();
        run(mojo);
        assertEquals(List.of("xenpv: guest 'old' is no longer declared: removed the 12 files the plugin wrote in " + old
                + ", and kept the folder for what the plugin did not write: notes.txt"),
                log.warnings().stream().filter(line -> line.contains("no longer declared")).toList());
        assertTrue(Files.isRegularFile(old.resolve("notes.txt")));
        assertFalse(Files.exists(old.resolve("README.txt")));
        assertTrue(log.debugs().contains("xenpv: removed " + old.resolve("README.txt")), log.debugs()::toString);
    }

    @Test
    void twoProjectsSharingAnOutputDirectoryNeverRemoveEachOthersGuests(
            @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml") GenerateMojo seed,
            @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml") GenerateMojo twoGuests)
            throws Exception {
        // the harness gives each goal the same stand-in project: name them as their POMs do
        ((MavenProject) getVariableValueFromObject(seed, "project")).setArtifactId("seed");
        run(seed);
        ((MavenProject) getVariableValueFromObject(twoGuests, "project")).setArtifactId("two-guests");
        run(twoGuests);
        assertTrue(Files.isRegularFile(output.resolve("rhel3_64_fv/README.txt")), "the seed project's guest");
        assertTrue(Files.isRegularFile(output.resolve("web/README.txt")));
        assertTrue(log.infos().stream().noneMatch(line -> line.contains("no longer declared")), log.infos()::toString);
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aFileInTheWayOfTheOutputDirectoryFailsNamingTheFolder(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        Files.writeString(buildDirectory.resolve("in-the-way"), "a file, not a folder\n");
        Path blocked = buildDirectory.resolve("in-the-way/xenpv");
        setVariableValueToObject(mojo, "outputDirectory", blocked.toFile());
        MojoExecutionException failure = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("xenpv: could not write the bundles to " + blocked + ": "),
                failure.getMessage());
        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aSecondRunWritesNothing(GenerateMojo mojo) throws Exception {
        run(mojo);
        List<Long> times = modificationTimes();
        run(mojo);
        assertEquals(times, modificationTimes());
        assertTrue(log.infos().get(log.infos().size() - 1).endsWith(" 0 files written, 12 unchanged, 0 removed"),
                log.infos()::toString);
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothingAndSaysSo(GenerateMojo mojo) throws Exception {
        run(mojo);
        assertEquals(List.of("xenpv: skipped (xenpv.skip is true)"), log.infos());
        assertFalse(Files.exists(output.resolve("rhel3_64_fv")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "db")
    void theGuestFilterRendersOnlyThatGuest(GenerateMojo mojo) throws Exception {
        run(mojo);
        try (Stream<Path> folders = Files.list(output)) {
            assertEquals(List.of(output.resolve("db")),
                    folders.filter(folder -> !folder.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "mail")
    void anUnknownGuestNameFailsListingTheDeclaredOnes(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.guest 'mail' names no declared guest; declared: web, db", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/two-guests/pom.xml")
    void warningsAreLoggedAndDoNotStopTheBuild(GenerateMojo mojo) throws Exception {
        run(mojo);
        assertEquals(List.of("xenpv: guests/guest[web]/kernel: '2.4.21-47.EL' is older than RHEL 3 Update 9 "
                + "(2.4.21-50.EL): the PV drivers need Update 9 or later"), log.warnings());
        assertTrue(Files.isDirectory(output.resolve("web")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/invalid/pom.xml")
    void everyProblemIsReportedAtOnceAndNothingIsWritten(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(String.join("\n",
                "xenpv: 3 problems in the guest declarations:",
                "  guests/guest[broken]/arch: 'ia64' is not supported: Itanium binary RPMs and builds of the PV "
                        + "drivers are not available",
                "  guests/guest[broken]/memory: '16' is out of range: MiB of guest memory must be a whole number "
                        + "from 32 to 1048576",
                "  guests/guest[broken]/disks/disk[1]/device: 'xvdq' is out of range: a 2.4 guest has 16 PV disks, "
                        + "xvda..xvdp (8-bit minors, 16 per disk)"), failure.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/seed/pom.xml")
    void validateChecksAndSaysSo(ValidateMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("xenpv: 1 guest checked, valid"), log.infos());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/two-guests/pom.xml")
    @MojoParameter(name = "guest", value = "db")
    void validateSaysHowManyItCheckedAndHowManyTheFilterSelects(ValidateMojo mojo) throws Exception {
        mojo.setLog(log);
        mojo.execute();
        assertEquals(List.of("xenpv: 2 guests checked, all valid; 1 selected by xenpv.guest=db"), log.infos());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/seed/pom.xml")
    @MojoParameter(name = "formats", value = "tar.gz,rar")
    void validateRefusesAnArchiveFormatBeforeAnythingIsWritten(ValidateMojo mojo) {
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: formats/format 'rar' is not a format the plugin writes; use tar.gz, zip", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/seed/pom.xml")
    @MojoParameter(name = "outputTimestamp", value = "last tuesday")
    void validateRefusesAnOutputTimestampBeforeAnythingIsWritten(ValidateMojo mojo) {
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("xenpv: project.build.outputTimestamp 'last tuesday' is neither ISO-8601"),
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "validate", pom = "src/test/projects/invalid/pom.xml")
    void validateFailsOnTheSameProblems(ValidateMojo mojo) throws Exception {
        prepare(mojo);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("xenpv: 3 problems in the guest declarations:"), failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aTemplateErrorFailsWithItsOwnMessageAndKeepsTheRenderExceptionAsCause(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        Path templates = output.resolve("templates");
        Files.createDirectories(templates.resolve("guest/etc"));
        Files.writeString(templates.resolve("guest/etc/fstab.ftl"), "${guest.fstab}\n");
        setVariableValueToObject(mojo, "templatesDirectory", templates.toFile());
        setVariableValueToObject(mojo, "outputDirectory", output.resolve("out").toFile());
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: your template " + templates.resolve("guest/etc/fstab.ftl") + ", line 1, column 3: "
                + "The following has evaluated to null or missing: ==> guest.fstab", failure.getMessage());
        RenderException cause = assertInstanceOf(RenderException.class, failure.getCause(), "the cause is kept");
        assertNull(cause.getCause(), "Maven appends each cause's message to the error line: FreeMarker's is not one");
        assertEquals(1, cause.getSuppressed().length, "FreeMarker's exception stays reachable for mvn -e");
        assertFalse(Files.exists(output.resolve("out")), "nothing written");
    }

    /** An earlier build's guest {@code name}, as the plugin wrote it: a copy of web's folder and of its record. */
    private Path copyAsAnEarlierBuildsGuest(String name) throws IOException {
        Path folder = output.resolve(name);
        try (Stream<Path> files = Files.walk(output.resolve("web"))) {
            for (Path file : files.toList()) {
                Path copy = folder.resolve(output.resolve("web").relativize(file));
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Files.copy(output.resolve(".xenpv-written/web.bundle"), output.resolve(".xenpv-written/" + name + ".bundle"));
        return folder;
    }

    private void run(GenerateMojo mojo) throws Exception {
        prepare(mojo);
        mojo.execute();
    }

    /** Points the goal at the test's build directory and records what it logs. */
    private void prepare(AbstractXenpvMojo mojo) throws IllegalAccessException {
        if (mojo instanceof AbstractRenderingMojo) {
            setVariableValueToObject(mojo, "buildDirectory", buildDirectory.toFile());
            setVariableValueToObject(mojo, "outputDirectory", output.toFile());
        }
        mojo.setLog(log);
    }

    private List<Long> modificationTimes() throws IOException {
        try (Stream<Path> walk = Files.walk(output)) {
            return walk.filter(Files::isRegularFile).sorted().map(path -> path.toFile().lastModified()).toList();
        }
    }
}
