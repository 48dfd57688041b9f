package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ImportFixture.noLine;
import static io.github.xenpv.fleet.ReportLine.Kind.CHECK;
import static io.github.xenpv.fleet.ReportLine.Kind.DROPPED;
import static io.github.xenpv.fleet.ReportLine.Kind.FAILED;
import static io.github.xenpv.fleet.ReportLine.Kind.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.guestroot.GuestRoot;
import io.github.xenpv.model.Guest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SPEC §16 (Trust), issue 19 points 3, 4, 6 and 8: what a guest's tenant or a config's author
 * writes never reaches Maven's interpolation, a password never lands in pom.xml or the report,
 * reads are bounded and special files never opened, and nothing of the report can be forged.
 */
class ImportTrustTest extends ImportTestCase {

    static final String WEB = """
            name = "web"
            builder = "hvm"
            disk = [ "phy:/dev/vg/web,hda,w", "phy:/dev/vg/web_data,hdb,w" ]
            vif = [ "mac=00:16:3e:00:00:01" ]
            """;

    private static String pom(ImportedConfig config) {
        return PomWriter.write(List.of(config), 1, new PomWriter.Plugin("io.github.xenpv", "xenpv-maven-plugin", "9"),
                Instant.EPOCH);
    }

    private static ImportedConfig named(FleetImportResult result, String name) {
        return result.configs().stream().filter(config -> config.name().equals(Optional.of(name))).findFirst().orElseThrow();
    }

    private static Guest guest(ImportedConfig config) {
        return config.guest().orElseThrow(() -> new AssertionError("not imported:\n" + ImportFixture.lines(config)));
    }

    // ------------------------------------------------------------------ point 3: ${ never reaches Maven

    /** A value's control characters cannot start a line of their own or hide text: shown escaped, a tab kept. */
    @Test
    void aReportLineShowsControlCharactersEscaped() {
        ReportLine line = new ReportLine("/etc/xen/web:3", "name", CHECK, "a\u0001b\tc\u007fd\ne\u001b");
        assertEquals("/etc/xen/web:3: name: check: a\\x01b\tc\\x7fd\\ne\\x1b", line.toString());
    }

    @Test
    void aCommentOfTheGuestsFstabHoldingAnExpressionIsLeftOutAndSaidSo() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", """
                LABEL=/ / ext3 defaults 1 1
                # backup token ${env.CI_TOKEN}
                # costs $$ and \\{ and $__x
                /dev/hdb1 /srv ext3 defaults 1 2
                """).file("/etc/modules.conf", "alias eth0 8139too\n# ${settings.servers}\n");
        ImportedConfig config = fixture.one("web", WEB);
        Guest guest = guest(config);
        assertEquals(List.of("LABEL=/ / ext3 defaults 1 1", "/dev/hdb1 /srv ext3 defaults 1 2"), guest.getFstabBase());
        assertEquals(List.of("alias eth0 8139too"), guest.getModulesConfBase());
        ReportLine token = config.lines().stream().filter(line -> line.where().endsWith("/etc/fstab:2")).findFirst()
                .orElseThrow(() -> new AssertionError(ImportFixture.lines(config)));
        assertEquals(DROPPED, token.kind());
        assertTrue(token.detail().contains("left out of <fstabBase>: it holds ${, which Maven would rewrite"), token.detail());
        assertTrue(config.lines().stream().anyMatch(line -> line.where().endsWith("/etc/fstab:3") && line.kind() == DROPPED
                && line.detail().contains("holds $$")), ImportFixture.lines(config));
        assertTrue(config.lines().stream().anyMatch(line -> line.where().endsWith("/etc/modules.conf:2")
                && line.kind() == DROPPED), ImportFixture.lines(config));
        String pom = pom(config);
        assertFalse(pom.contains("${") || pom.contains("$$") || pom.contains("\\{"), pom);
    }

    @Test
    void aLineTheGuestNeedsHoldingAnExpressionRefusesTheGuestAlone() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", """
                LABEL=/ / ext3 defaults 1 1
                /dev/hdb1 /srv/${env.CI_TOKEN} ext3 defaults 1 2
                """);
        fixture.config("db", FleetImportTest.config("db", "00:16:3e:00:00:02"));
        fixture.config("web", WEB);
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.of(fixture.roots()),
                ImportFixture.FLEET);
        ImportedConfig web = named(result, "web");
        assertTrue(web.failed(), ImportFixture.lines(web));
        ReportLine refused = web.lines().stream().filter(line -> line.kind() == FAILED).findFirst().orElseThrow();
        assertTrue(refused.detail().startsWith("'/srv/${env.CI_TOKEN}' is not written into pom.xml: it holds ${"),
                refused.detail());
        assertEquals(List.of("db"), result.imported().stream().map(config -> config.name().orElseThrow()).toList());
    }

    @Test
    void anExtraKeyHoldingAnExpressionIsDropped() throws Exception {
        ImportedConfig config = fixture.one("web", WEB + "keymap = \"${env.HOME}\"\nvnclisten = \"0.0.0.0\"\n");
        assertEquals(java.util.Map.of("vnclisten", "0.0.0.0"), guest(config).getExtraConfig());
        line(config, "keymap", DROPPED, "it holds ${", "/etc/xen/web by hand");
        assertFalse(pom(config).contains("env.HOME"));
    }

    @Test
    void everyOtherValueKeepsItsDollarsByteForByte() throws Exception {
        // a lone $ is left alone by every Maven: it is written as it is
        ImportedConfig config = fixture.one("web", WEB + "keymap = \"$HOME a$b\"\n");
        assertEquals("$HOME a$b", guest(config).getExtraConfig().get("keymap"));
        assertTrue(pom(config).contains("<keymap>$HOME a$b</keymap>"), pom(config));
    }

    // ------------------------------------------------------------------ point 4: passwords

    @Test
    void aPasswordIsAPropertyTheUserSuppliesNeverTheValue() throws Exception {
        ImportedConfig config = fixture.one("web", WEB + "vncpasswd = \"s3cret-vnc\"\nspice_password = 'other-one'\n");
        ReportLine vnc = line(config, "vncpasswd", CHECK, "a password: pom.xml holds ${xenpv.secret.web.vncpasswd}",
                "-Dxenpv.secret.web.vncpasswd=", "settings.xml", "mode 0600");
        line(config, "spice_password", CHECK, "${xenpv.secret.web.spice_password}");
        noLine(config, "vncpasswd", ReportLine.Kind.KEPT);
        String pom = pom(config);
        assertTrue(pom.contains("<vncpasswd>${xenpv.secret.web.vncpasswd}</vncpasswd>"), pom);
        assertTrue(pom.contains("<spice_password>${xenpv.secret.web.spice_password}</spice_password>"), pom);
        String report = ImportReport.render(new FleetImportResult(List.of(config), List.of(), List.of()), "9");
        for (String text : List.of(pom, report, vnc.toString())) {
            assertFalse(text.contains("s3cret-vnc") || text.contains("other-one"), text);
        }
    }

    @Test
    void aPasswordThatIsNoLiteralIsNeverShownEither() throws Exception {
        ImportedConfig config = fixture.one("web", WEB + "vncpasswd = open('/root/vnc').read()\n");
        line(config, "vncpasswd", CHECK, "${xenpv.secret.web.vncpasswd}");
        assertFalse(ImportFixture.lines(config).contains("/root/vnc"), ImportFixture.lines(config));
    }

    // ------------------------------------------------------------------ point 6: bounded reads, special files

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSparseGuestFileFailsItsGuestAloneWithAMessage() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n");
        try (RandomAccessFile fstab = new RandomAccessFile(root.path.resolve("etc/fstab").toFile(), "rw")) {
            fstab.setLength(3L << 30); // 3 GiB of nothing: read whole, it took the build down
        }
        fixture.config("db", FleetImportTest.config("db", "00:16:3e:00:00:02"));
        fixture.config("web", WEB);
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.of(fixture.roots()),
                ImportFixture.FLEET);
        ImportedConfig web = named(result, "web");
        assertTrue(web.failed());
        line(web, "guest root", FAILED, root.path.resolve("etc/fstab").toString(), "holds more than 1 MiB");
        assertEquals(List.of("db"), result.imported().stream().map(config -> config.name().orElseThrow()).toList());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSparseConfigFailsAloneWithAMessage() throws Exception {
        Path big = fixture.config("big", WEB);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(GuestRoot.MAX_FILE_BYTES + 1L);
        }
        ImportedConfig config = FleetImport.run(List.of(big), Optional.empty(), ImportFixture.FLEET).configs().get(0);
        assertTrue(config.failed());
        line(config, "file", FAILED, "holds more than 1 MiB");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws Exception {
        String text = WEB + "#".repeat(GuestRoot.MAX_FILE_BYTES - WEB.length() - 1) + "\n";
        assertEquals(GuestRoot.MAX_FILE_BYTES, text.length());
        assertFalse(fixture.one("web", text).failed());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPipeOrDeviceInTheConfigsFolderIsSkippedWithALineNeverOpened() throws Exception {
        fixture.config("web", WEB);
        mkfifo(fixture.configs().resolve("db"));
        Files.createSymbolicLink(fixture.configs().resolve("zero"), Path.of("/dev/zero"));
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.empty(), ImportFixture.FLEET);
        assertEquals(List.of("web"), result.configs().stream().map(config -> config.name().orElseThrow()).toList());
        for (String name : List.of("db", "zero")) {
            assertTrue(result.skipped().stream().anyMatch(line -> line.where().equals(fixture.configs().resolve(name).toString())
                    && line.kind() == SKIPPED && line.detail().startsWith("not a regular file")), result.skipped()::toString);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPipeOrDeviceInTheGuestRootIsSkippedWithALineNeverOpened() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        Files.createDirectories(root.path.resolve("etc"));
        mkfifo(root.path.resolve("etc/fstab"));
        root.link("/etc/modules.conf", "/dev/zero");
        root.node("/dev/zero", 1, 5);
        ImportedConfig config = fixture.one("web", WEB);
        assertFalse(config.failed(), ImportFixture.lines(config));
        line(config, "file", SKIPPED, "a pipe, not a regular file: not opened");
        Path real = root.path.toRealPath();
        assertTrue(config.lines().stream().anyMatch(line -> line.where().equals(real + "/etc/fstab")
                && line.kind() == SKIPPED), ImportFixture.lines(config));
        assertTrue(config.lines().stream().anyMatch(line -> line.where().equals(real + "/etc/modules.conf")
                && line.kind() == SKIPPED && line.detail().startsWith("a block node")), ImportFixture.lines(config));
    }

    @Test
    void aKernelTreeLinkIsFollowedInsideTheRootNeverOnThisMachine() throws Exception {
        // /lib/modules/<release> -> /usr: this machine has a /usr, the guest root has none
        ImportFixture.Root root = fixture.root("web");
        root.folder("/lib/modules/2.4.21-52.EL").link("/lib/modules/2.4.21-99.EL", "/usr")
                .link("/lib/modules/2.4.21-57.EL", "../../boot/modules-57").folder("/boot/modules-57");
        assertEquals(List.of("2.4.21-52.EL", "2.4.21-57.EL"), GuestRoot.at(root.path).kernelTrees());
    }

    // ------------------------------------------------------------------ point 8: the report cannot be forged

    @Test
    void aNewlineInAConfigsNameCannotStartAHeadingOfItsOwn() throws Exception {
        fixture.config("web\n== guest db: imported", WEB);
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.empty(), ImportFixture.FLEET);
        String report = ImportReport.render(result, "9");
        assertEquals(1, report.lines().filter(line -> line.startsWith("== ")).count(), report);
        assertTrue(report.contains("== guest web: " + fixture.configs() + "/web\\n== guest db: imported: imported\n"),
                report);
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        String output = new String(mkfifo.getInputStream().readAllBytes());
        assertEquals(0, mkfifo.waitFor(), output);
    }
}
