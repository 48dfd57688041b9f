package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import goal's wiring: what it writes, what it keeps, how it fails. */
@MojoTest
class ImportMojoTest {

    private static final String WEB = """
            name = "web"
            builder = "hvm"
            memory = 512
            disk = [ "phy:/dev/vg/web,hda,w" ]
            vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0,type=ioemu" ]
            """;

    @TempDir
    Path folder;

    private final RecordingLog log = new RecordingLog();

    private Path output() {
        return folder.resolve("xenpv-import");
    }

    private void configure(ImportMojo mojo, Path... configs) throws Exception {
        setVariableValueToObject(mojo, "configs", List.of(configs).stream().map(Path::toFile).toList());
        setVariableValueToObject(mojo, "output", output().toFile());
        setVariableValueToObject(mojo, "arch", "i686");
        setVariableValueToObject(mojo, "kernel", "2.4.21-52.EL");
        setVariableValueToObject(mojo, "driverRelease", "0.1-5.el");
        setVariableValueToObject(mojo, "pluginGroupId", "io.github.xenpv");
        setVariableValueToObject(mojo, "pluginArtifactId", "xenpv-maven-plugin");
        setVariableValueToObject(mojo, "pluginVersion", "9.9.9");
        mojo.setLog(log);
    }

    private Path config(String name, String text) throws Exception {
        Files.createDirectories(folder.resolve("etc/xen"));
        return Files.writeString(folder.resolve("etc/xen").resolve(name), text);
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void writesThePomAndTheReportAndLogsWhatChanged(ImportMojo mojo) throws Exception {
        configure(mojo, config("web", WEB));
        mojo.execute();
        String pom = Files.readString(output().resolve("pom.xml"));
        assertTrue(pom.contains("<version>9.9.9</version>"), pom);
        assertTrue(pom.contains("<name>web</name>"), pom);
        String report = Files.readString(output().resolve("import-report.txt"));
        assertTrue(report.contains("configs: 1 read, 1 imported into pom.xml, 0 failed"), report);
        assertTrue(log.infos().stream().anyMatch(line -> line.startsWith("xenpv: " + folder.resolve("etc/xen/web")
                + ":5: vif[1]: dropped: type=ioemu")), log.infos()::toString);
        assertTrue(log.infos().get(log.infos().size() - 1).startsWith("xenpv: 1 of 1 xm config imported into "
                + output().resolve("pom.xml")), log.infos()::toString);
        assertTrue(log.infos().stream().noneMatch(line -> line.contains(": kept: ")), "kept lines are for the report");
        assertTrue(log.infos().contains("xenpv: guest web: " + folder.resolve("etc/xen/web") + ": imported"),
                log.infos()::toString);
        assertTrue(log.debugs().contains("xenpv: " + folder.resolve("etc/xen/web") + ":3: memory: kept: <memory>512</memory>"),
                log.debugs()::toString);
        // a line to look at, but nothing left to fill in: no "needs values" warning
        assertEquals(List.of("xenpv: " + folder.resolve("etc/xen/web") + ": kernelVariant: check: no guest root says "
                + "whether the guest runs an smp or hugemem kernel: the declaration says uniprocessor; set <kernelVariant> "
                + "if not"), log.warnings());
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void aGuestLeftToCompleteIsWarnedAboutWithTheLinesToLookAt(ImportMojo mojo) throws Exception {
        configure(mojo, config("web", WEB));
        setVariableValueToObject(mojo, "kernel", null);
        mojo.execute();
        assertTrue(log.infos().contains("xenpv: guest web: " + folder.resolve("etc/xen/web") + ": imported, to complete"),
                log.infos()::toString);
        Path web = folder.resolve("etc/xen/web");
        assertEquals(List.of("xenpv: " + web + ": kernel: check: no guest root says which kernel the guest boots: fill in "
                + "<kernel> (e.g. 2.4.21-52.EL), or import with -Dxenpv.import.kernel or -Dxenpv.import.root",
                "xenpv: " + web + ": kernelVariant: check: no guest root says whether the guest runs an smp or hugemem "
                        + "kernel: the declaration says uniprocessor; set <kernelVariant> if not",
                "xenpv: 1 guest needs values before mvn package builds (web): the lines marked check and invalid in "
                        + output().resolve("import-report.txt") + " say which"), log.warnings());
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void onlyParaVirtualizedGuestsWriteAReportAndNoPomAndSaySo(ImportMojo mojo) throws Exception {
        Path pv = config("pv", "name = 'pv'\nbootloader = '/usr/bin/pygrub'\ndisk = [ 'phy:/dev/vg/pv,xvda,w' ]\n");
        configure(mojo, pv);
        mojo.execute();
        assertFalse(Files.exists(output().resolve("pom.xml")));
        assertEquals("xenpv: none of 1 xm config (1 skipped: not an HVM guest) is an HVM guest to import: no pom.xml; see "
                + output().resolve("import-report.txt"), log.infos().get(log.infos().size() - 1));
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void anEarlierImportIsKeptUnlessOverwriteIsAskedFor(ImportMojo mojo) throws Exception {
        configure(mojo, config("web", WEB));
        mojo.execute();
        Files.writeString(output().resolve("pom.xml"), "my edits");
        Files.setLastModifiedTime(output().resolve("pom.xml"), FileTime.fromMillis(0));
        String report = Files.readString(output().resolve("import-report.txt"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: " + output().resolve("pom.xml") + " and " + output().resolve("import-report.txt")
                + " exist from an earlier import and may hold your edits: nothing was read or written. Use "
                + "-Dxenpv.import.overwrite=true to replace them, or -Dxenpv.import.output=<another folder>",
                failure.getMessage());
        assertEquals("my edits", Files.readString(output().resolve("pom.xml")));
        assertEquals(report, Files.readString(output().resolve("import-report.txt")));

        setVariableValueToObject(mojo, "overwrite", true);
        mojo.execute();
        assertTrue(Files.readString(output().resolve("pom.xml")).contains("<name>web</name>"));
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void overwriteNeverReplacesAPomNoImportWrote(ImportMojo mojo) throws Exception {
        // SPEC §16: a project of the user's own in the output folder is not an earlier import
        configure(mojo, config("web", WEB));
        setVariableValueToObject(mojo, "overwrite", true);
        Files.createDirectories(output());
        Files.writeString(output().resolve("pom.xml"), "<project>my own</project>\n");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: " + output().resolve("pom.xml") + " was not written by an import (no record .xenpv-import "
                + "beside it says so): an import replaces only its own pom.xml, even with "
                + "-Dxenpv.import.overwrite=true; nothing was read or written. Move it away, or use "
                + "-Dxenpv.import.output=<another folder>", failure.getMessage());
        assertEquals("<project>my own</project>\n", Files.readString(output().resolve("pom.xml")));
        assertFalse(Files.exists(output().resolve("import-report.txt")));

        // a record that is a link to one elsewhere says nothing
        Path elsewhere = Files.writeString(folder.resolve("record"), "file pom.xml\n");
        Files.createSymbolicLink(output().resolve(".xenpv-import"), elsewhere);
        assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("<project>my own</project>\n", Files.readString(output().resolve("pom.xml")));
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void overwriteWithAnImportOfNothingKeepsTheEarlierImport(ImportMojo mojo) throws Exception {
        // a mistyped configs path deleted the earlier pom.xml
        configure(mojo, config("web", WEB));
        mojo.execute();
        String pom = Files.readString(output().resolve("pom.xml"));
        String report = Files.readString(output().resolve("import-report.txt"));
        setVariableValueToObject(mojo, "overwrite", true);
        Path xne = folder.resolve("etc/xne");
        for (Path configs : List.of(xne, config("pv", "name = 'pv'\n"))) {
            setVariableValueToObject(mojo, "configs", List.of(configs.toFile()));
            MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
            assertEquals("xenpv: " + (configs == xne ? "no xm config imported (the reasons are in the log above)"
                    : "xenpv.import.configs names no xm config") + ": the earlier import in " + output() + " stays as it "
                    + "was; nothing was written", failure.getMessage());
            assertEquals(pom, Files.readString(output().resolve("pom.xml")));
            assertEquals(report, Files.readString(output().resolve("import-report.txt")));
        }
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void aConfigThatFailsIsNamedTheOthersImportAndTheBuildFailsAtTheEnd(ImportMojo mojo) throws Exception {
        Path computed = config("computed", "name = 'computed'\nbuilder = kind\n");
        configure(mojo, config("web", WEB), computed);
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: 1 of 2 xm configs failed to import: " + computed + ". Each reason is in the log above and "
                + "in " + output().resolve("import-report.txt") + "; the others are in " + output().resolve("pom.xml"),
                failure.getMessage());
        assertTrue(Files.readString(output().resolve("pom.xml")).contains("<name>web</name>"));
        assertTrue(log.errors().contains("xenpv: " + computed + ":2: builder: failed: 'kind' (code, not a literal) is not "
                + "a literal: the import never runs a config, so it cannot tell whether this is an HVM guest "
                + "(builder = \"hvm\")"), log.errors()::toString);
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void aParaVirtualizedGuestIsOneLineAndTheGoalGoesOn(ImportMojo mojo) throws Exception {
        Path pv = config("pv", "name = 'pv'\nbootloader = '/usr/bin/pygrub'\ndisk = [ 'phy:/dev/vg/pv,xvda,w' ]\n");
        configure(mojo, config("web", WEB), pv);
        mojo.execute();
        assertTrue(Files.readString(output().resolve("pom.xml")).contains("<name>web</name>"));
        assertFalse(Files.readString(output().resolve("pom.xml")).contains("<name>pv</name>"));
        List<String> aboutPv = Stream.of(log.infos(), log.warnings(), log.errors()).flatMap(List::stream)
                .filter(line -> line.contains(pv.toString())).toList();
        assertEquals(List.of("xenpv: " + pv + ": builder: skipped: a para-virtualized guest (builder not set: "
                + "xm's linux, bootloader '/usr/bin/pygrub'), not an HVM one: it runs the PV drivers already, and the "
                + "plugin moves fully virtualized guests onto them"), aboutPv, "one line, nothing irrelevant");
        assertTrue(log.infos().contains("xenpv: 1 of 2 xm configs (1 skipped: not an HVM guest) imported into "
                + output().resolve("pom.xml") + "; every key is accounted for in " + output().resolve("import-report.txt")),
                log.infos()::toString);
        assertTrue(log.errors().isEmpty(), log.errors()::toString);
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void whenNothingImportsThereIsNoPomButAReport(ImportMojo mojo) throws Exception {
        configure(mojo, config("pv", "name = 'pv'\nbuilder = kind\n"));
        assertThrows(MojoFailureException.class, mojo::execute);
        assertFalse(Files.exists(output().resolve("pom.xml")));
        assertTrue(Files.readString(output().resolve("import-report.txt")).contains("configs: 1 read, 0 imported"));
        assertTrue(log.infos().stream().noneMatch(line -> line.startsWith("xenpv: none of ")),
                "a config that failed is no guest that is not HVM: " + log.infos());
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void aRootThatIsNoFolderIsRefusedBeforeAnythingIsRead(ImportMojo mojo) throws Exception {
        configure(mojo, config("web", WEB));
        setVariableValueToObject(mojo, "root", new File(folder.toFile(), "missing"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.import.root '" + folder.resolve("missing") + "' is not a folder: give a guest's "
                + "mounted root, or a folder of roots named after the guests", failure.getMessage());
        assertFalse(Files.exists(output()));
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void aFolderWithoutAnyConfigFails(ImportMojo mojo) throws Exception {
        config("xend-config.sxp", "(xend-http-server no)\n");
        configure(mojo, folder.resolve("etc/xen"));
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: xenpv.import.configs names no xm config", failure.getMessage());
        assertEquals(List.of("xenpv: " + folder.resolve("etc/xen/xend-config.sxp") + ": file: skipped: xend's own "
                + "configuration, not a domain"), log.infos(), "the skipped file, and no summary of nothing");
    }

    @Test
    @InjectMojo(goal = "import", pom = "src/test/projects/seed/pom.xml")
    void theDriverKernelIsWrittenForEveryGuestUnlessItIsTheDefault(ImportMojo mojo) throws Exception {
        configure(mojo, config("web", WEB), config("db", WEB.replace("web", "db").replace(":01,", ":02,")));
        setVariableValueToObject(mojo, "driverKernel", "2.4.21-47.EL");
        mojo.execute();
        String pom = Files.readString(output().resolve("pom.xml"));
        assertEquals(2, pom.split("<driverKernel>2.4.21-47.EL</driverKernel>", -1).length - 1, pom);
        setVariableValueToObject(mojo, "driverKernel", "2.4.21-52.EL");
        setVariableValueToObject(mojo, "overwrite", true);
        mojo.execute();
        assertFalse(Files.readString(output().resolve("pom.xml")).contains("driverKernel"));
    }

    @Test
    void theWrittenProjectsOutputTimestampIsSourceDateEpochWhenSetElseNow() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), ImportMojo.outputTimestamp(
                name -> name.equals("SOURCE_DATE_EPOCH") ? "1767225600" : null));
        for (String unset : java.util.Arrays.asList(null, "", "yesterday")) {
            Instant before = Instant.now();
            Instant time = ImportMojo.outputTimestamp(name -> unset);
            assertTrue(!time.isBefore(before) && !time.isAfter(Instant.now()), unset + ": " + time);
        }
    }
}
