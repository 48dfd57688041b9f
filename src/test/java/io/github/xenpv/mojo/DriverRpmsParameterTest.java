package io.github.xenpv.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.xenpv.fixtures.StandInRpm;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driverRpms} (issue 21, point 3): the RPM used to live in {@code target/}, where
 * {@code mvn clean} lost it and no archive carried it. With the parameter the bundle carries it,
 * with its checksum, and README.txt and install-guest.sh name it; a missing or broken one fails
 * the build naming its element, before anything is written.
 */
@MojoTest
class DriverRpmsParameterTest {

    @TempDir
    Path buildDirectory;

    @TempDir
    Path rpms;

    private final RecordingLog log = new RecordingLog();

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void theBundleCarriesTheGuestsRpmWithItsChecksumAndItsScriptsNameIt(GenerateMojo mojo) throws Exception {
        Path rpm = StandInRpm.build(rpms.resolve("rpmbuild"), "kmod-xenpv", "0.1", "5.el", "x86_64",
                "/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el", "xen-vbd.o");
        Path smp = StandInRpm.build(rpms.resolve("rpmbuild"), "kmod-xenpv-smp", "0.1", "5.el", "x86_64", null);
        prepare(mojo, "<driverRpms><driverRpm><file>" + smp + "</file></driverRpm>"
                + "<driverRpm><file>" + rpm + "</file></driverRpm></driverRpms>");
        mojo.execute();
        Path bundle = buildDirectory.resolve("xenpv/rhel3_64_fv");
        Path carried = bundle.resolve("guest/kmod-xenpv-0.1-5.el.x86_64.rpm");
        assertArrayEquals(Files.readAllBytes(rpm), Files.readAllBytes(carried));
        assertFalse(Files.exists(bundle.resolve("guest/kmod-xenpv-smp-0.1-5.el.x86_64.rpm")), "not this guest's variant");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(rpm)));
        assertTrue(Files.readString(bundle.resolve("SHA256SUMS")).contains(sha256 + "  guest/kmod-xenpv-0.1-5.el.x86_64.rpm\n"));
        assertTrue(Files.readString(buildDirectory.resolve("xenpv/.xenpv-written/rhel3_64_fv.bundle"))
                .contains("file guest/kmod-xenpv-0.1-5.el.x86_64.rpm\n"), "the plugin's record has it, as a file it wrote");
        assertTrue(Files.readString(bundle.resolve("guest/install-guest.sh"))
                .contains("\ndriver_rpm_pattern=kmod-xenpv-0.1-5.el.x86_64.rpm\n"));
        String readme = Files.readString(bundle.resolve("README.txt"));
        assertTrue(readme.contains("\n  guest/kmod-xenpv-0.1-5.el.x86_64.rpm the kmod-xenpv RPM for x86_64 and kernel "
                + "2.4.21-52.EL\n"), readme);
        assertTrue(readme.contains("        rpm -ivh kmod-xenpv-0.1-5.el.x86_64.rpm\n"), readme);
        assertFalse(readme.contains("put the\n   kmod-xenpv RPM"), "nothing to place by hand");
        assertTrue(log.infos().get(0).endsWith(": 13 files written, 0 unchanged, 0 removed"), log.infos()::toString);
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aMissingAFolderAndABrokenRpmAreEachNamedAtTheirElementAndNothingIsWritten(GenerateMojo mojo) throws Exception {
        Path broken = Files.writeString(rpms.resolve("kmod-xenpv-0.1-5.el.x86_64.rpm"), "an HTML error page\n");
        prepare(mojo, "<driverRpms><driverRpm><file>" + rpms.resolve("missing.rpm") + "</file></driverRpm>"
                + "<driverRpm><file>" + rpms + "</file></driverRpm>"
                + "<driverRpm><file>" + broken + "</file></driverRpm></driverRpms>");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(String.join("\n",
                "xenpv: 3 problems with the driver RPMs:",
                "  driverRpms/driverRpm[1]/file: '" + rpms.resolve("missing.rpm") + "' does not exist",
                "  driverRpms/driverRpm[2]/file: '" + rpms + "' is not a file",
                "  driverRpms/driverRpm[3]/file: '" + broken + "' is not an RPM: it does not start with an RPM lead"),
                failure.getMessage());
        assertFalse(Files.exists(buildDirectory.resolve("xenpv")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aProjectFileIsCarriedUnderItsOwnName(GenerateMojo mojo) throws Exception {
        Path built = StandInRpm.build(rpms.resolve("rpmbuild"), "kmod-xenpv", "0.1", "5.el", "x86_64",
                "/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el", "xen-vbd.o");
        Path renamed = Files.copy(built, rpms.resolve("kmod-xenpv-latest.rpm"));
        prepare(mojo, "<driverRpms><driverRpm><file>" + renamed + "</file></driverRpm></driverRpms>");
        mojo.execute();
        Path bundle = buildDirectory.resolve("xenpv/rhel3_64_fv");
        assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(bundle.resolve("guest/kmod-xenpv-latest.rpm")));
        assertTrue(Files.readString(bundle.resolve("guest/install-guest.sh")).contains("\ndriver_rpm_pattern=kmod-xenpv-latest.rpm\n"));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void aFileThatFailsToReadIsNamedWithTheSystemsReason(GenerateMojo mojo) throws Exception {
        // a regular file whose read fails (EIO: the JVM's own memory at address 0, which is never mapped);
        // it shows the message of a read error, not a disk's or a network file system's failing
        Path unreadable = Path.of("/proc/self/mem");
        prepare(mojo, "<driverRpms><driverRpm><file>" + unreadable + "</file></driverRpm></driverRpms>");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("xenpv: 1 problem with the driver RPMs:\n  driverRpms/driverRpm[1]/file: '" + unreadable
                + "' cannot be read: Input/output error", failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void sixtyFourMibIsTheLargestFileRead(GenerateMojo mojo) throws Exception {
        Path largest = rpms.resolve("largest.rpm");
        Path larger = rpms.resolve("larger.rpm");
        try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
            file.setLength(64L << 20);
        }
        try (RandomAccessFile file = new RandomAccessFile(larger.toFile(), "rw")) {
            file.setLength((64L << 20) + 1);
        }
        prepare(mojo, "<driverRpms><driverRpm><file>" + largest + "</file></driverRpm>"
                + "<driverRpm><file>" + larger + "</file></driverRpm></driverRpms>");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(String.join("\n",
                "xenpv: 2 problems with the driver RPMs:",
                "  driverRpms/driverRpm[1]/file: '" + largest + "' is not an RPM: it does not start with an RPM lead",
                "  driverRpms/driverRpm[2]/file: '" + larger + "' is larger than 64 MiB: no kmod-xenpv RPM is"),
                failure.getMessage());
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void anArtifactIsResolvedAndCarriedUnderItsPackagesName(GenerateMojo mojo) throws Exception {
        resolvedAndCarried(mojo, "rpm", "");
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void anArtifactOfAnotherTypeIsStillCarriedUnderItsPackagesName(GenerateMojo mojo) throws Exception {
        resolvedAndCarried(mojo, "bin", "<type>bin</type>");
    }

    private void resolvedAndCarried(GenerateMojo mojo, String type, String typeElement) throws Exception {
        Path built = StandInRpm.build(rpms.resolve("rpmbuild"), "kmod-xenpv", "0.1", "5.el", "x86_64",
                "/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el", "xen-vbd.o");
        // as a repository lays it out: <artifactId>-<version>.<type>
        Path inRepository = Files.copy(built, Files.createDirectories(rpms.resolve("repository/com/example/kmod-xenpv/0.1-5.el"))
                .resolve("kmod-xenpv-0.1-5.el." + type));
        repositoryHolding(mojo, "com.example:kmod-xenpv:" + type + ":0.1-5.el", inRepository);
        prepare(mojo, "<driverRpms><driverRpm><groupId>com.example</groupId><artifactId>kmod-xenpv</artifactId>"
                + "<version>0.1-5.el</version>" + typeElement + "</driverRpm></driverRpms>");
        mojo.execute();
        assertArrayEquals(Files.readAllBytes(built),
                Files.readAllBytes(buildDirectory.resolve("xenpv/rhel3_64_fv/guest/kmod-xenpv-0.1-5.el.x86_64.rpm")));
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void anArtifactThatCannotBeResolvedIsNamedByItsCoordinates(GenerateMojo mojo) throws Exception {
        repositoryHolding(mojo, "com.example:kmod-xenpv:rpm:0.1-5.el", rpms.resolve("unused.rpm"));
        prepare(mojo, "<driverRpms><driverRpm><groupId>com.example</groupId><artifactId>kmod-xenpv</artifactId>"
                + "<version>0.1-5.el</version><classifier>smp</classifier></driverRpm></driverRpms>");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(failure.getMessage().startsWith("xenpv: 1 problem with the driver RPMs:\n  driverRpms/driverRpm[1]: "
                + "cannot resolve com.example:kmod-xenpv:rpm:smp:0.1-5.el: "), failure.getMessage());
        assertFalse(Files.exists(buildDirectory.resolve("xenpv")));
    }

    /**
     * A stand-in for Maven's repository system that resolves one artifact, {@code coordinates}, to
     * {@code file}, and nothing else. It cannot show the local repository's layout or remote
     * repositories: it/reactor-release resolves one through Maven's own.
     */
    private static void repositoryHolding(AbstractRenderingMojo mojo, String coordinates, Path file) throws Exception {
        RepositorySystem system = mock(RepositorySystem.class);
        when(system.resolveArtifact(any(), any())).thenAnswer(call -> {
            ArtifactRequest request = call.getArgument(1);
            if (!request.getArtifact().toString().equals(coordinates)) {
                ArtifactResult missing = new ArtifactResult(request);
                missing.addException(new ArtifactNotFoundException(request.getArtifact(), null));
                throw new ArtifactResolutionException(List.of(missing));
            }
            return new ArtifactResult(request).setArtifact(request.getArtifact().setFile(file.toFile()));
        });
        setVariableValueToObject(mojo, "repositorySystem", system);
    }

    @Test
    @InjectMojo(goal = "generate", pom = "src/test/projects/seed/pom.xml")
    void everySlipInTheElementIsNamedAtItsPath(GenerateMojo mojo) throws Exception {
        prepare(mojo, "<driverRpms><driverRpm><fle>x.rpm</fle></driverRpm>"
                + "<driverRpm><groupId>com.example</groupId><version>1</version></driverRpm>"
                + "<driverRpm><file>a.rpm</file><groupId>com.example</groupId></driverRpm><rpm/></driverRpms>");
        MojoFailureException failure = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(String.join("\n",
                "xenpv: 5 problems in the plugin configuration:",
                "  driverRpms/driverRpm[1]/fle: unknown element; did you mean <file>?",
                "  driverRpms/driverRpm[1]: is empty: give <file>, a file of the project, or <groupId>, <artifactId> and "
                        + "<version> of an artifact",
                "  driverRpms/driverRpm[2]/artifactId: is required: an artifact needs <groupId>, <artifactId> and <version>",
                "  driverRpms/driverRpm[3]: holds <file> and an artifact's coordinates: give one or the other",
                "  driverRpms/rpm[4]: unknown element; <driverRpms> holds <driverRpm> elements"), failure.getMessage());
    }

    /**
     * The build that finds nothing changed renders nothing (the perf work's no-op skip): the RPM a
     * guest carries is one of its inputs, so a rebuilt RPM under the same name, or a new release,
     * renders the guest again, and the folder, SHA256SUMS and the archive carry the new one.
     */
    @Test
    @InjectMojo(goal = "bundle", pom = BundleMojoTest.POM)
    @MojoParameter(name = "finalName", value = "guests-1.0.0")
    @MojoParameter(name = "outputTimestamp", value = "2026-01-01T00:00:00Z")
    @MojoParameter(name = "attach", value = "false")
    void aChangedDriverRpmRendersItsGuestAgainAndTheArchiveCarriesTheNewOne(BundleMojo mojo) throws Exception {
        String modules = "/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el";
        Path pool = rpms.resolve("kmod-xenpv-0.1-5.el.x86_64.rpm");
        Files.copy(StandInRpm.build(rpms.resolve("first"), "kmod-xenpv", "0.1", "5.el", "x86_64", modules, "xen-vbd.o"), pool);
        prepare(mojo, "<driverRpms><driverRpm><file>" + pool + "</file></driverRpm></driverRpms>");
        Path bundle = buildDirectory.resolve("xenpv/rhel3_64_fv");
        Path archive = buildDirectory.resolve("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz");
        String carried = "guest/kmod-xenpv-0.1-5.el.x86_64.rpm";
        mojo.execute();
        assertArrayEquals(Files.readAllBytes(pool), tarEntries(archive).get(carried));

        log.infos().clear();
        mojo.execute();
        assertTrue(log.debugs().stream().anyMatch(line -> line.contains("none rendered, 1 up to date")
                && line.endsWith(": 0 files written, 13 unchanged, 0 removed")), log.debugs()::toString);
        assertTrue(log.infos().get(log.infos().size() - 1).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz unchanged"),
                log.infos()::toString);

        // the same package rebuilt (another file list): same name, other bytes
        Files.copy(StandInRpm.build(rpms.resolve("rebuilt"), "kmod-xenpv", "0.1", "5.el", "x86_64", modules,
                "xen-vbd.o", "xen-vnif.o"), pool, StandardCopyOption.REPLACE_EXISTING);
        byte[] rebuilt = Files.readAllBytes(pool);
        log.infos().clear();
        mojo.execute();
        assertEquals("xenpv: 1 guest rendered into " + buildDirectory.resolve("xenpv")
                + ": 2 files written, 11 unchanged, 0 removed", log.infos().get(0), "the RPM and SHA256SUMS");
        assertArrayEquals(rebuilt, Files.readAllBytes(bundle.resolve(carried)));
        assertTrue(Files.readString(bundle.resolve("SHA256SUMS")).contains(sha256(rebuilt) + "  " + carried + "\n"));
        assertTrue(log.infos().get(log.infos().size() - 1).endsWith("guests-1.0.0-xenpv-rhel3_64_fv.tar.gz written"),
                log.infos()::toString);
        Map<String, byte[]> entries = tarEntries(archive);
        assertArrayEquals(rebuilt, entries.get(carried));
        assertTrue(new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8).contains(sha256(rebuilt) + "  " + carried));

        // a new release: the old RPM goes, and the scripts name the new one
        Path next = StandInRpm.build(rpms.resolve("next"), "kmod-xenpv", "0.1", "6.el", "x86_64", modules, "xen-vbd.o");
        prepare(mojo, "<driverRpms><driverRpm><file>" + next + "</file></driverRpm></driverRpms>");
        log.infos().clear();
        mojo.execute();
        assertTrue(log.infos().get(0).startsWith("xenpv: 1 guest rendered into "), log.infos()::toString);
        assertFalse(Files.exists(bundle.resolve(carried)));
        assertArrayEquals(Files.readAllBytes(next), Files.readAllBytes(bundle.resolve("guest/kmod-xenpv-0.1-6.el.x86_64.rpm")));
        assertTrue(Files.readString(bundle.resolve("guest/install-guest.sh"))
                .contains("\ndriver_rpm_pattern=kmod-xenpv-0.1-6.el.x86_64.rpm\n"));
        entries = tarEntries(archive);
        assertFalse(entries.containsKey(carried), entries.keySet()::toString);
        assertArrayEquals(Files.readAllBytes(next), entries.get("guest/kmod-xenpv-0.1-6.el.x86_64.rpm"));
    }

    /** Every file of a bundle archive, by its path inside the guest's folder. */
    private static Map<String, byte[]> tarEntries(Path archive) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (InputStream in = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    entries.put(entry.getName().substring(entry.getName().indexOf('/') + 1), tar.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private void prepare(AbstractRenderingMojo mojo, String driverRpms) throws Exception {
        setVariableValueToObject(mojo, "buildDirectory", buildDirectory.toFile());
        setVariableValueToObject(mojo, "outputDirectory", buildDirectory.resolve("xenpv").toFile());
        mojo.setDriverRpms(new XmlPlexusConfiguration(Xpp3DomBuilder.build(new StringReader(driverRpms))));
        mojo.setLog(log);
    }
}
