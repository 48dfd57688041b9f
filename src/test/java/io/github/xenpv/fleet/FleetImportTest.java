package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ReportLine.Kind.CHECK;
import static io.github.xenpv.fleet.ReportLine.Kind.FAILED;
import static io.github.xenpv.fleet.ReportLine.Kind.INVALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole import: which files are configs, names across configs, guest roots, validation, the report. */
class FleetImportTest extends ImportTestCase {

    static String config(String name, String mac) {
        return "name = '" + name + "'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/" + name + ",hda,w' ]\nvif = [ 'mac=" + mac + "' ]\n";
    }

    private FleetImportResult importFolder() {
        return FleetImport.run(List.of(fixture.configs()), Files.isDirectory(fixture.roots())
                ? Optional.of(fixture.roots()) : Optional.empty(), ImportFixture.FLEET);
    }

    @Test
    void aFolderGivesEveryRegularFileButXendsOwnAndCopies() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        fixture.config("db", config("db", "00:16:3e:00:00:02"));
        for (String other : List.of("xend-config.sxp", "xmexample1", "xmexample.hvm", "qemu-ifup", "web.rpmsave", "web~",
                ".web.swp", "web.xenpv-20260101T000000Z", "web.bak", "README")) {
            fixture.config(other, config("web", "00:16:3e:00:00:01"));
        }
        Files.createDirectories(fixture.configs().resolve("auto"));
        Files.createSymbolicLink(fixture.configs().resolve("auto/web"), Path.of("../web"));
        FleetImportResult result = importFolder();
        assertEquals(List.of("db", "web"), result.configs().stream().map(config -> config.name().orElseThrow()).toList());
        assertEquals(10, result.skipped().size());
        assertTrue(result.skipped().stream().anyMatch(line -> line.where().endsWith("xend-config.sxp")
                && line.detail().equals("xend's own configuration, not a domain")));
        assertTrue(result.skipped().stream().anyMatch(line -> line.where().endsWith("web.xenpv-20260101T000000Z")
                && line.detail().contains("backup")));
        assertTrue(result.skipped().stream().anyMatch(line -> line.where().endsWith("xmexample1")
                && line.detail().equals("an example xm ships, not a domain")));
        assertTrue(result.skipped().stream().anyMatch(line -> line.where().endsWith("README")
                && line.detail().equals("not a domain config")));
    }

    @Test
    void aFileNamedOnItsOwnIsAlwaysRead() throws Exception {
        Path backup = fixture.config("web.rpmsave", config("web", "00:16:3e:00:00:01"));
        FleetImportResult result = FleetImport.run(List.of(backup, backup), Optional.empty(), ImportFixture.FLEET);
        assertEquals(1, result.configs().size());
        assertFalse(result.configs().get(0).failed());
    }

    @Test
    void twoConfigsOfOneNameBothFailAndTheOthersImport() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        fixture.config("web-old", config("web", "00:16:3e:00:00:09"));
        fixture.config("db", config("db", "00:16:3e:00:00:02"));
        FleetImportResult result = importFolder();
        assertEquals(List.of("db"), result.imported().stream().map(config -> config.name().orElseThrow()).toList());
        assertEquals(2, result.failed().size());
        ReportLine web = line(result.failed().get(0), "name", FAILED, "'web' is also the name in", "/etc/xen/web-old:1",
                "cannot tell which config is the live one");
        assertTrue(web.detail().startsWith("'web' is also the name in " + fixture.configs().resolve("web-old") + ":1: "),
                "names the other config, not this one: " + web.detail());
        assertTrue(web.where().endsWith("/etc/xen/web:1"), web.where());
        line(result.failed().get(1), "name", FAILED, "'web' is also the name in", "/etc/xen/web:1");
    }

    @Test
    void pathsThatAreNoConfigFailAlone() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        Path fifo = folder.resolve("fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        FleetImportResult result = FleetImport.run(List.of(folder.resolve("missing"), fifo, fixture.configs()),
                Optional.empty(), ImportFixture.FLEET);
        assertEquals(1, result.imported().size());
        line(result.failed().get(0), "file", FAILED, "does not exist");
        line(result.failed().get(1), "file", FAILED, "is neither a file nor a folder");
    }

    @Test
    void aFileThatCannotBeReadFailsInWordsNotExceptionNames() {
        // a regular file whose read fails for root too: Linux gives EIO at offset 0 of a process's memory
        FleetImportResult result = FleetImport.run(List.of(Path.of("/proc/self/mem")), Optional.empty(), ImportFixture.FLEET);
        ReportLine line = line(result.failed().get(0), "file", FAILED, "cannot be read: Input/output error");
        assertFalse(line.detail().contains("Exception"), line.detail());
    }

    /** What the report says of a file it cannot read: the file and the reason in words, whatever the exception. */
    @Test
    void aReadFailureIsSaidInWords() {
        assertEquals("/etc/xen/web: permission denied", ReadFailure.why(new AccessDeniedException("/etc/xen/web")));
        assertEquals("/etc/xen/web: no such file", ReadFailure.why(new NoSuchFileException("/etc/xen/web")));
        assertEquals("/etc/xen: not a folder", ReadFailure.why(new NotDirectoryException("/etc/xen")));
        assertEquals("/etc/xen/web: File name too long", ReadFailure.why(new FileSystemException("/etc/xen/web", null,
                "File name too long")));
        assertEquals("an I/O error", ReadFailure.why(new IOException()));
    }

    @Test
    void aRootFolderHoldsOneRootPerGuestName() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        fixture.config("db", config("db", "00:16:3e:00:00:02"));
        fixture.root("web").grub("2.4.21-57.EL");
        FleetImportResult result = importFolder();
        ImportedConfig db = result.configs().get(0);
        ImportedConfig web = result.configs().get(1);
        assertEquals(Optional.of(fixture.roots().resolve("web").toString()), web.root());
        assertEquals("2.4.21-57.EL", web.guest().orElseThrow().getKernel());
        assertEquals(Optional.empty(), db.root());
        line(db, "guest root", CHECK, "has no folder db: imported without a guest root");
        assertEquals("guest web: " + fixture.configs().resolve("web") + ", guest root " + fixture.roots().resolve("web")
                + ": imported", ImportReport.heading(web));
        assertEquals("guest db: " + fixture.configs().resolve("db") + ": imported", ImportReport.heading(db));
    }

    /** A path that fails is still a config given: with it, two configs are a fleet, whose roots folder holds one root each. */
    @Test
    void aRootFolderHoldsOneRootPerGuestNameWhateverElseFails() throws Exception {
        Path web = fixture.config("web", config("web", "00:16:3e:00:00:01"));
        Path db = fixture.config("db", config("db", "00:16:3e:00:00:02"));
        fixture.root("web").grub("2.4.21-57.EL");
        FleetImportResult result = FleetImport.run(List.of(web, db, folder.resolve("missing")), Optional.of(fixture.roots()),
                ImportFixture.FLEET);
        ImportedConfig dbConfig = result.imported().stream().filter(config -> config.name().orElseThrow().equals("db"))
                .findFirst().orElseThrow();
        assertEquals(Optional.empty(), dbConfig.root());
        line(dbConfig, "guest root", CHECK, "has no folder db: imported without a guest root");
        line(result.failed().get(0), "file", FAILED, "does not exist");
    }

    @Test
    void aSingleGuestsRootMayBeGivenItself() throws Exception {
        fixture.root("web").grub("2.4.21-57.EL");
        Path config = fixture.config("web", config("web", "00:16:3e:00:00:01"));
        FleetImportResult result = FleetImport.run(List.of(config), Optional.of(fixture.roots().resolve("web")),
                ImportFixture.FLEET);
        assertEquals("2.4.21-57.EL", result.configs().get(0).guest().orElseThrow().getKernel());
    }

    @Test
    void validationAcrossTheFleetIsReportedWithTheConfig() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        fixture.config("db", config("db", "00:16:3e:00:00:01"));
        FleetImportResult result = importFolder();
        ReportLine clash = line(result.configs().get(1), "guests/guest[web]/networks/network[1]/mac", INVALID,
                "is also at guests/guest[db]/networks/network[1]/mac");
        assertTrue(clash.where().endsWith("/etc/xen/web"));
        assertTrue(ImportReport.incomplete(result.configs().get(1)));
        assertFalse(ImportReport.incomplete(result.configs().get(0)));
    }

    @Test
    void validationWarningsAreReportedWithTheConfig() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n"
                + "/dev/hdb1 /data ext2 defaults 1 0\n");
        fixture.config("web", "name = 'web'\nbuilder = 'hvm'\n"
                + "disk = [ 'phy:/dev/vg/web,hda,w', 'phy:/dev/vg/web-data,hdb,w' ]\nvif = [ ]\n");
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.of(fixture.roots()),
                ImportFixture.FLEET);
        ImportedConfig web = result.configs().get(0);
        assertEquals(List.of("'ext2' with pass 0: boot never checks this PV file system"), web.lines().stream()
                .filter(line -> line.kind() == ReportLine.Kind.WARNING && line.key().endsWith("/fsType"))
                .map(line -> line.detail().substring(0, line.detail().indexOf(", and"))).toList(),
                () -> ImportFixture.lines(web));
    }

    @Test
    void aPomIsAnImportsWhenItsRecordNamesItAndIsNoLongerThanTwiceWhatAnImportWrites() throws Exception {
        Path out = folder.resolve("out");
        ImportOutput.write(out, Optional.of("<project/>\n"), "report\n");
        Path record = out.resolve(ImportOutput.RECORD);
        assertTrue(ImportOutput.importedPom(out));
        long limit = 2 * Files.size(record);
        String padded = "#".repeat((int) limit - "\nfile pom.xml\n".length()) + "\nfile pom.xml\n";
        Files.writeString(record, padded);
        assertTrue(ImportOutput.importedPom(out), "exactly twice the size");
        Files.writeString(record, "#" + padded);
        assertFalse(ImportOutput.importedPom(out), "one byte more");
        Files.writeString(record, "file pom.xml.orig\n");
        assertFalse(ImportOutput.importedPom(out), "a record that names another file");
    }

    @Test
    void whatAReportLineExplainsIsNotRepeatedByValidation() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.empty(), FleetValues.none());
        ImportedConfig web = result.configs().get(0);
        line(web, "arch", CHECK, "fill in <arch>");
        assertTrue(web.lines().stream().noneMatch(line -> line.kind() == INVALID && line.key().endsWith("/arch")),
                () -> ImportFixture.lines(web));
    }

    @Test
    void theReportCountsAndListsEveryConfig() throws Exception {
        fixture.config("web", config("web", "00:16:3e:00:00:01"));
        fixture.config("pv", "name = 'pv'\nbuilder = 'hvm'\ndisk = [ 'phy:%s,hda,w' % volume ]\n");
        fixture.config("xend-config.sxp", "(xend-relocation-server no)\n");
        FleetValues fleet = new FleetValues(Optional.of("i686"), Optional.empty(), Optional.empty(), Optional.of("0.1-5.el"),
                Optional.of("2.4.21-52.EL"));
        String report = ImportReport.render(FleetImport.run(List.of(fixture.configs()), Optional.empty(), fleet), "1.2.3");
        assertTrue(report.startsWith("# import-report.txt: what xenpv:import (xenpv-maven-plugin 1.2.3) did"), report);
        assertTrue(report.contains("\nconfigs: 2 read, 1 imported into pom.xml, 1 failed\n"
                + "guests to complete before mvn package builds: 1 (web)\n"), report);
        assertTrue(report.contains("\n== files skipped\n" + fixture.configs().resolve("xend-config.sxp")
                + ": file: skipped: xend's own configuration, not a domain\n"), report);
        assertTrue(report.contains(": driverKernel: kept: <driverKernel>2.4.21-52.EL</driverKernel> from "
                + "xenpv.import.driverKernel\n"), report);
        assertTrue(report.contains("\n== guest pv: " + fixture.configs().resolve("pv") + ": failed\n"), report);
        assertTrue(report.contains("\n== guest web: " + fixture.configs().resolve("web") + ": imported, to complete\n"), report);
    }
}
