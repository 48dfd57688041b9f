package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ImportFixture.noLine;
import static io.github.xenpv.fleet.ReportLine.Kind.CHANGED;
import static io.github.xenpv.fleet.ReportLine.Kind.CHECK;
import static io.github.xenpv.fleet.ReportLine.Kind.KEPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.fixtures.StandInRpm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A guest's {@code arch} from its own root, before the fleet-wide {@code xenpv.import.arch}: one
 * value for the fleet wrote an i686 guest as x86_64 although its root was read (issue 21, point 6).
 *
 * <p>The rpm database is read by this machine's real rpm (Debian's, which reads the Berkeley DB
 * {@code Packages} file of RHEL 3 to 5 with its read-only bdb_ro backend); the database is
 * written with the real {@code db5.3_load} from the headers of packages the real rpmbuild made.
 * What this cannot show: a database written by RHEL 3's own rpm 4.2 (Berkeley DB 4.1, hash
 * version 8), which bdb_ro reads as well by its source; and real kernel packages.
 */
class ArchFromRootTest extends ImportTestCase {

    private static final String CONFIG = "name = 'web'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/web,hda,w' ]\n"
            + "vif = [ 'mac=00:16:3e:00:00:01' ]\n";

    private static FleetValues fleet(String arch) {
        return new FleetValues(Optional.ofNullable(arch), Optional.empty(), Optional.empty(), Optional.of("0.1-5.el"),
                Optional.empty());
    }

    @Test
    void theKernelPackageInTheRpmDatabaseSaysItFirst() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.ELsmp");
        module(root, "/lib/modules/2.4.21-52.ELsmp/kernel/drivers/net/8139too.o", false);
        rpmDatabase(root, List.of(new Package("kernel-smp", "2.4.21", "52.EL", "athlon"),
                new Package("kernel", "2.4.21", "47.EL", "i686"), new Package("bash", "2.05b", "41", "i386"),
                new Package("glibc", "2.3.2", "95.50", "i686")));
        ImportedConfig config = fixture.one("web", CONFIG, fleet("x86_64"));
        assertEquals("athlon", config.guest().orElseThrow().getArch());
        ReportLine kept = line(config, "arch", KEPT, "<arch>athlon</arch> from kernel-smp-2.4.21-52.EL.athlon, the "
                + "package of the kernel the guest boots (2.4.21-52.ELsmp), in its rpm database");
        assertEquals(root.path.toRealPath() + "/var/lib/rpm", kept.where());
        line(config, "arch", CHANGED, "the guest root's athlon wins over xenpv.import.arch=x86_64");
    }

    @Test
    void aFleetValueTheRpmDatabaseAgreesWithIsNoChange() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        rpmDatabase(root, List.of(new Package("kernel", "2.4.21", "52.EL", "i686"), new Package("bash", "2.05b", "41", "i386")));
        ImportedConfig config = fixture.one("web", CONFIG, fleet("i686"));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        line(config, "arch", KEPT, "<arch>i686</arch> from kernel-2.4.21-52.EL.i686");
        noLine(config, "arch", CHANGED);
    }

    @Test
    void withoutAnRpmDatabaseTheModulesElfClassSaysIt() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        root.file("/lib/modules/2.4.21-52.EL/kernel/drivers/net/README", "not a module\n");
        root.file("/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el/xen-vbd.o", "stand-in, not ELF\n");
        module(root, "/lib/modules/2.4.21-52.EL/kernel/drivers/net/8139too.o", false);
        ImportedConfig config = fixture.one("web", CONFIG, fleet("x86_64"));
        assertEquals("i686", config.guest().orElseThrow().getArch(), "the fleet's x86_64 is not this guest's");
        ReportLine kept = line(config, "arch", KEPT, "<arch>i686</arch> from the ELF class of this module of the kernel "
                + "the guest boots: 32-bit x86; an athlon kernel's read the same, so set <arch>athlon</arch> for one "
                + "(the guest root has no rpm database /var/lib/rpm/Packages)");
        assertTrue(kept.where().endsWith("/lib/modules/2.4.21-52.EL/kernel/drivers/net/8139too.o"), kept.where());
        line(config, "arch", CHANGED, "the guest root's i686 wins over xenpv.import.arch=x86_64");
    }

    @Test
    void aFleetValueOfTheModulesClassIsTheMoreExactOne() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        module(root, "/lib/modules/2.4.21-52.EL/kernel/fs/ext3/ext3.o", true);
        ImportedConfig config = fixture.one("web", CONFIG, fleet("ia32e"));
        assertEquals("ia32e", config.guest().orElseThrow().getArch());
        ReportLine kept = line(config, "arch", KEPT, "<arch>ia32e</arch> from xenpv.import.arch, which the 64-bit x86-64 "
                + "module agrees with");
        assertEquals(List.of(kept), config.lines().stream().filter(line -> line.key().equals("arch")).toList());
    }

    @Test
    void aRootThatSaysNothingLeavesTheFleetValueAndSaysWhy() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL");
        ImportedConfig config = fixture.one("web", CONFIG, fleet("i686"));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        line(config, "arch", KEPT, "<arch>i686</arch> from xenpv.import.arch (the guest root has no rpm database "
                + "/var/lib/rpm/Packages; /lib/modules/2.4.21-52.EL has no x86 ELF module)");
        ImportedConfig none = fixture.one("web", CONFIG, fleet(null));
        line(none, "arch", CHECK, "no config says the guest kernel's architecture (the guest root has no rpm database");
    }

    @Test
    void anRpmDatabaseWithoutTheBootedKernelsPackageSaysSo() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        module(root, "/lib/modules/2.4.21-52.EL/kernel/drivers/net/8139too.o", false);
        rpmDatabase(root, List.of(new Package("kernel", "2.4.21", "47.EL", "i686"), new Package("kernel-smp", "2.4.21", "52.EL", "athlon")));
        ImportedConfig config = fixture.one("web", CONFIG, fleet(null));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        line(config, "arch", KEPT, "<arch>i686</arch> from the ELF class of this module", "(" + root.path.toRealPath()
                + "/var/lib/rpm has no kernel package of release 2.4.21-52.EL)");
    }

    @Test
    void anRpmDatabaseThisMachinesRpmCannotReadSaysSo() throws Exception {
        Checkers.require(Checkers.Tool.RPM);
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        root.file("/var/lib/rpm/Packages", "not a Berkeley DB file\n");
        ImportedConfig config = fixture.one("web", CONFIG, fleet("i686"));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        line(config, "arch", KEPT, "<arch>i686</arch> from xenpv.import.arch (this machine's rpm cannot read "
                + root.path.toRealPath() + "/var/lib/rpm: rpm -qa ended with status 1;");
    }

    @Test
    void aDatabaseRpmListsNoPackageFromSaysWhatRpmSaid() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        rpmDatabase(root, List.of(new Package("kernel", "2.4.21", "52.EL", "i686")));
        ImportedConfig config = fixture.one("web", CONFIG, fleet("i686"));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        // not "has no kernel package": rpm read nothing at all
        line(config, "arch", KEPT, "<arch>i686</arch> from xenpv.import.arch (this machine's rpm cannot read "
                + root.path.toRealPath() + "/var/lib/rpm: rpm -qa listed no package (error: bdb_ro error reading Packages "
                + "database)");
    }

    @Test
    void aLinkLoopWhereTheRpmDatabaseIsSaysItCannotBeRead() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        root.link("/var/lib/rpm", "rpm");
        ImportedConfig config = fixture.one("web", CONFIG, fleet("i686"));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        line(config, "arch", KEPT, "<arch>i686</arch> from xenpv.import.arch (", "/var/lib/rpm cannot be read: ",
                "too many symbolic links");
    }

    @Test
    void aLinkOutOfTheModuleTreeIsNotFollowed() throws Exception {
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL");
        Path outside = Files.createDirectories(folder.resolve("outside"));
        writeElf(outside.resolve("evil.o"), true);
        root.link("/lib/modules/2.4.21-52.EL/kernel/evil.o", outside.resolve("evil.o").toString());
        ImportedConfig config = fixture.one("web", CONFIG, fleet("i686"));
        assertEquals("i686", config.guest().orElseThrow().getArch());
        line(config, "arch", KEPT, "from xenpv.import.arch", "has no x86 ELF module");
    }

    // ------------------------------------------------------------------ fixtures

    private record Package(String name, String version, String release, String arch) {
    }

    /** A module whose first 20 bytes are an x86 ELF header of the class given, the rest of it zeros. */
    private static void module(ImportFixture.Root root, String guestPath, boolean wide) throws IOException {
        Path file = root.path.resolve(guestPath.substring(1));
        Files.createDirectories(file.getParent());
        writeElf(file, wide);
    }

    private static void writeElf(Path file, boolean wide) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), 1, 1, 0});
        header.position(16);
        header.putShort((short) 1); // ET_REL: a relocatable object, as modules are
        header.putShort((short) (wide ? 62 : 3));
        Files.write(file, header.array());
    }

    /**
     * {@code /var/lib/rpm/Packages} as RHEL 3 keeps it: a Berkeley DB hash of package headers,
     * keyed by their number in host order; the headers come from packages rpmbuild made.
     *
     * <p>Berkeley DB never writes the page of a bucket no key went to, and with one package (key 1)
     * that is the first bucket's: the file holds zeros there, and rpm's read-only reader
     * ({@code bdb_ro}, which {@code KernelPackage} uses) refuses any page whose header does not carry
     * its own number, so {@code rpm -qa} lists nothing, says "bdb_ro error reading Packages
     * database" and ends with status 0. A real database of hundreds of packages has no empty
     * bucket; {@link #aDatabaseRpmListsNoPackageFromSaysWhatRpmSaid} holds the plugin to saying so.
     */
    private void rpmDatabase(ImportFixture.Root root, List<Package> packages) throws Exception {
        Checkers.require(Checkers.Tool.RPM);
        Checkers.require(Checkers.Tool.RPMBUILD);
        Checkers.require(Checkers.Tool.DB_LOAD);
        Path topdir = folder.resolve("rpmbuild");
        StringBuilder dump = new StringBuilder("VERSION=3\nformat=bytevalue\ntype=hash\nHEADER=END\n");
        int number = 0;
        for (Package pkg : packages) {
            byte[] key = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(++number).array();
            dump.append(' ').append(HexFormat.of().formatHex(key)).append('\n');
            dump.append(' ').append(HexFormat.of().formatHex(header(build(topdir, pkg)))).append('\n');
        }
        dump.append("DATA=END\n");
        Path dumpFile = folder.resolve("Packages.dump");
        Files.writeString(dumpFile, dump, StandardCharsets.US_ASCII);
        Path database = Files.createDirectories(root.path.resolve("var/lib/rpm"));
        run(List.of("db5.3_load", "-f", dumpFile.toString(), database.resolve("Packages").toString()));
    }

    private static Path build(Path topdir, Package pkg) throws Exception {
        return StandInRpm.build(topdir, pkg.name(), pkg.version(), pkg.release(), pkg.arch(), null);
    }

    /** The main header of an RPM file as rpm keeps it in its database: without its 8-byte magic. */
    private static byte[] header(Path rpm) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(rpm));
        int signature = 96;
        int end = signature + 16 + 16 * data.getInt(signature + 8) + data.getInt(signature + 12);
        int main = (end + 7) / 8 * 8;
        int length = 8 + 16 * data.getInt(main + 8) + data.getInt(main + 12);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data.array(), main + 8, length);
        return out.toByteArray();
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, process.exitValue(), () -> command + "\n" + output);
    }
}
