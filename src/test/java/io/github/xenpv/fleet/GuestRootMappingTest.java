package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ImportFixture.noLine;
import static io.github.xenpv.fleet.ReportLine.Kind.CHANGED;
import static io.github.xenpv.fleet.ReportLine.Kind.CHECK;
import static io.github.xenpv.fleet.ReportLine.Kind.FAILED;
import static io.github.xenpv.fleet.ReportLine.Kind.INVALID;
import static io.github.xenpv.fleet.ReportLine.Kind.KEPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a guest root says: the kernel it boots and its grub entry, its modules.conf base. */
class GuestRootMappingTest extends ImportTestCase {

    static final String CONFIG = "name = 'web'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/web,hda,w' ]\n"
            + "vif = [ 'mac=00:16:3e:00:00:01', 'mac=00:16:3e:00:00:02' ]\n";

    private Guest guest(ImportedConfig config) {
        return config.guest().orElseThrow(() -> new AssertionError(ImportFixture.lines(config)));
    }

    private ImportedConfig withGrub(String grubConf, String... trees) throws Exception {
        ImportFixture.Root root = fixture.root("web").file("/boot/grub/grub.conf", grubConf).link("/etc/grub.conf",
                "../boot/grub/grub.conf");
        for (String tree : trees) {
            root.folder("/lib/modules/" + tree);
        }
        return fixture.one("web", CONFIG);
    }

    @Test
    void theDefaultEntrySaysTheKernelAndVariant() throws Exception {
        ImportedConfig config = withGrub("""
                default=1
                timeout=10
                title Red Hat Enterprise Linux AS (2.4.21-52.EL)
                	root (hd0,0)
                	kernel /vmlinuz-2.4.21-52.EL ro root=LABEL=/
                	initrd /initrd-2.4.21-52.EL.img
                title Red Hat Enterprise Linux (2.4.21-57.ELsmp)
                	root (hd0,0)
                	kernel /vmlinuz-2.4.21-57.ELsmp ro root=LABEL=/
                	initrd /initrd-2.4.21-57.ELsmp.img
                """, "2.4.21-52.EL", "2.4.21-57.ELsmp");
        Guest guest = guest(config);
        assertEquals("2.4.21-57.EL", guest.getKernel());
        assertEquals("smp", guest.getKernelVariant());
        assertNull(guest.getGrub());
        line(config, "kernel", KEPT, "boots 2.4.21-57.ELsmp: <kernel>2.4.21-57.EL</kernel>, <kernelVariant>smp</kernelVariant>");
        line(config, "kernel", CHANGED, "the guest root's 2.4.21-57.EL wins over xenpv.import.kernel=2.4.21-52.EL");
        noLine(config, "kernel", CHECK);
    }

    @Test
    void aKernelWithoutAModuleTreeIsReported() throws Exception {
        ImportedConfig config = withGrub("""
                title RHEL 3
                	kernel /vmlinuz-2.4.21-52.ELhugemem ro root=LABEL=/
                	initrd /initrd-2.4.21-52.ELhugemem.img
                """, "2.4.21-52.EL");
        assertEquals("hugemem", guest(config).getKernelVariant());
        line(config, "kernel", CHECK, "/lib/modules has no 2.4.21-52.ELhugemem (it has: 2.4.21-52.EL)");
    }

    @Test
    void whatDiffersFromThePluginsEntryIsDeclared() throws Exception {
        ImportedConfig config = withGrub("""
                default=0
                title RHEL 3 web (noapic)
                	root (hd0,1)
                	kernel /boot/vmlinuz-2.4.21-52.EL root=/dev/hda2 ro console=ttyS0,115200 noapic quiet noapic
                	initrd /boot/initrd-2.4.21-52.EL.img
                """, "2.4.21-52.EL");
        Grub grub = guest(config).getGrub();
        assertEquals("RHEL 3 web (noapic)", grub.getTitle());
        assertEquals("(hd0,1)", grub.getRoot());
        assertEquals("/dev/hda2", grub.getRootDevice());
        assertEquals("false", grub.getSeparateBoot());
        assertEquals("console=ttyS0,115200 noapic quiet", grub.getKernelArgs());
        noLine(config, "initrd", CHANGED);
    }

    @Test
    void whatThePluginsGrubConfWouldSayOtherwiseIsReported() throws Exception {
        ImportedConfig config = withGrub("""
                title RHEL 3
                	root (hd1,0)
                	kernel /vmlinuz-2.4.21-52.EL
                	initrd /initrd-2.4.21-52.EL-custom.img
                """, "2.4.21-52.EL");
        assertEquals("(hd1,0)", guest(config).getGrub().getRoot());
        line(config, "root", CHECK, "'(hd1,0)' is BIOS disk hd1", "change root in the guest's grub.conf and in <grub><root>");
        line(config, "kernel", CHANGED, "the kernel line has no root=");
        line(config, "initrd", CHANGED, "'/initrd-2.4.21-52.EL-custom.img': the plugin's grub.conf names /initrd-2.4.21-52.EL.img");
    }

    @Test
    void withoutAKernelTheFleetValueIsTaken() throws Exception {
        ImportedConfig pastEnd = withGrub("default=3\ntitle RHEL 3\n\tkernel /vmlinuz-2.4.21-52.EL ro\n");
        assertEquals("2.4.21-52.EL", guest(pastEnd).getKernel());
        line(pastEnd, "default", CHECK, "'3' names no boot entry of the 1");
        line(pastEnd, "kernel", KEPT, "from xenpv.import.kernel");
    }

    @Test
    void anImageThatIsNotVmlinuzLeavesTheKernelToTheFleetValue() throws Exception {
        ImportedConfig config = withGrub("title RHEL 3\n\tkernel /bzImage ro\n");
        line(config, "kernel", CHECK, "'/bzImage ro' does not boot a /vmlinuz-<release> image");
        assertEquals("2.4.21-52.EL", guest(config).getKernel());
    }

    @Test
    void aRootWithoutGrubConfLeavesTheKernelToTheFleetValue() throws Exception {
        fixture.root("web").file("/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n");
        ImportedConfig config = fixture.one("web", CONFIG);
        line(config, "grub.conf", CHECK, "the guest root has no /boot/grub/grub.conf: the kernel it boots is unknown");
        line(config, "kernel", KEPT, "from xenpv.import.kernel");
        assertEquals("2.4.21-52.EL", guest(config).getKernel());
    }

    @Test
    void aDefaultEntryWithoutKernelLineLeavesTheKernelToTheFleetValue() throws Exception {
        ImportedConfig config = withGrub("title RHEL 3\n\troot (hd0,0)\n", "2.4.21-52.EL");
        line(config, "title", CHECK, "the default entry 'RHEL 3' has no kernel line: the kernel the guest boots is unknown");
        line(config, "kernel", KEPT, "from xenpv.import.kernel");
        assertEquals("2.4.21-52.EL", guest(config).getKernel());
    }

    @Test
    void aKernelOfAnotherReleaseIsKeptAndReportedOnce() throws Exception {
        ImportedConfig config = withGrub("title RHEL 6\n\tkernel /vmlinuz-2.6.32-431.el6 ro root=LABEL=/\n"
                + "\tinitrd /initrd-2.6.32-431.el6.img\n", "2.6.32-431.el6");
        assertEquals("2.6.32-431.el6", guest(config).getKernel());
        line(config, "kernel", CHECK, "'2.6.32-431.el6' is not a RHEL 3, 4 or 5 kernel release");
        // the check line explains the kernel: validation's own error about it is left out of the report
        assertEquals(List.of(), config.lines().stream().filter(line -> line.kind() == INVALID).toList(),
                ImportFixture.lines(config));
    }

    @Test
    void aFleetKernelTheRootAgreesWithIsNoChange() throws Exception {
        ImportedConfig config = withGrub("""
                title Red Hat Enterprise Linux (2.4.21-52.EL)
                	root (hd0,0)
                	kernel /vmlinuz-2.4.21-52.EL ro root=LABEL=/
                	initrd /initrd-2.4.21-52.EL.img
                """, "2.4.21-52.EL");
        // (the config's own kernel key is changed to hvmloader: a line of the same key)
        assertTrue(config.lines().stream().noneMatch(line -> line.detail().contains("wins over")), ImportFixture.lines(config));
        noLine(config, "kernelVariant", CHANGED);
        assertNull(guest(config).getGrub());
    }

    @Test
    void theRootsVariantWinsOverTheFleetVariant() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL");
        ImportedConfig config = fixture.one("web", CONFIG, new FleetValues(Optional.of("i686"), Optional.empty(),
                Optional.of("smp"), Optional.of("0.1-5.el"), Optional.empty()));
        line(config, "kernelVariant", CHANGED, "the guest root's '' wins over xenpv.import.kernelVariant=smp");
        assertNull(guest(config).getKernelVariant());
    }

    @Test
    void aFleetVariantTheRootAgreesWithIsNoChange() throws Exception {
        fixture.root("web").grub("2.4.21-52.ELsmp");
        ImportedConfig config = fixture.one("web", CONFIG, new FleetValues(Optional.of("i686"), Optional.empty(),
                Optional.of("smp"), Optional.of("0.1-5.el"), Optional.empty()));
        assertEquals("smp", guest(config).getKernelVariant());
        noLine(config, "kernelVariant", CHANGED);
    }

    @Test
    void kernelArgumentsAloneAreDeclaredWhereverRootStands() throws Exception {
        ImportedConfig config = withGrub("""
                title Red Hat Enterprise Linux (2.4.21-52.EL)
                	root (hd0,0)
                	kernel /vmlinuz-2.4.21-52.EL ro quiet root=LABEL=/
                	initrd /initrd-2.4.21-52.EL.img
                """, "2.4.21-52.EL");
        Grub grub = guest(config).getGrub();
        assertEquals("quiet", grub.getKernelArgs());
        assertNull(grub.getRootDevice());
        assertNull(grub.getTitle());
        assertTrue(config.lines().stream().noneMatch(line -> line.detail().contains("no root=")), ImportFixture.lines(config));
    }

    @Test
    void grubLinesAreReportedWhereTheyStand() throws Exception {
        ImportedConfig config = withGrub("""
                title RHEL 3
                	root (hd1,0)
                	kernel /vmlinuz-2.4.21-52.EL ro root=LABEL=/
                	initrd /initrd-2.4.21-52.EL-custom.img
                """, "2.4.21-52.EL");
        assertTrue(line(config, "root", CHECK, "is BIOS disk hd1").where().endsWith("/boot/grub/grub.conf:2"),
                ImportFixture.lines(config));
        assertTrue(line(config, "initrd", CHANGED, "-custom.img").where().endsWith("/boot/grub/grub.conf:4"),
                ImportFixture.lines(config));
    }

    @Test
    void aRedhatReleaseOfNoKnownReleaseIsReported() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/redhat-release", "Fedora Core release 4 (Stentz)\n");
        ImportedConfig config = fixture.one("web", CONFIG);
        line(config, "redhat-release", CHECK, "'Fedora Core release 4 (Stentz)' names no RHEL or CentOS 3, 4 or 5");
    }

    @Test
    void theGuestsFstabIsReportedAsTheBase() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", "LABEL=/ / ext3 defaults 1 1\n");
        ImportedConfig config = fixture.one("web", CONFIG);
        line(config, "fstab", KEPT, "the guest's lines (outside the plugin's block) are <fstabBase>");
    }

    @Test
    void modulesConfOutsideThePluginsBlockIsTheBase() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/modules.conf", """
                alias eth0 8139too
                #xenpv-replaced# alias eth1 e100
                alias eth2 e1000
                alias scsi_hostadapter aic7xxx
                # BEGIN xenpv-maven-plugin block, guest web
                alias eth0 xen-vnif
                alias eth1 xen-vnif
                # END xenpv-maven-plugin block, guest web
                alias usb-controller usb-uhci
                """);
        ImportedConfig config = fixture.one("web", CONFIG);
        // the line the user added after the block stays: fails when BaseFiles.closesBlock misses the END line
        assertEquals(List.of("alias eth0 8139too", "alias eth1 e100", "alias eth2 e1000", "alias scsi_hostadapter aic7xxx",
                "alias usb-controller usb-uhci"), guest(config).getModulesConfBase());
        line(config, "eth0", CHANGED, "the plugin comments it out, as eth0 becomes a PV NIC");
        line(config, "eth1", CHANGED, "'alias eth1 e100'");
        noLine(config, "eth2", CHANGED);
    }

    @Test
    void linksInTheRootStayInsideIt() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").link("/etc/fstab", "/etc/fstab.real")
                .file("/etc/fstab.real", "LABEL=/ / ext3 defaults 1 1\n");
        Files.createDirectories(folder.resolve("outside/etc"));
        Files.writeString(folder.resolve("outside/etc/fstab.real"), "/dev/evil / ext3 defaults 1 1\n");
        assertEquals(List.of("LABEL=/ / ext3 defaults 1 1"), guest(fixture.one("web", CONFIG)).getFstabBase());
    }

    @Test
    void aRootFileThatCannotBeReadFailsTheConfig() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").link("/etc/fstab", "/etc/fstab");
        ImportedConfig config = fixture.one("web", CONFIG);
        assertTrue(config.failed());
        line(config, "guest root", FAILED, "cannot be read", "/etc/fstab: too many symbolic links");
    }

    @Test
    void aDeviceNodeThatCannotBeReadWhileTheDisksAreImportedFailsTheConfig() throws Exception {
        // The fstab reads fine; /dev/hda1 is looked up only when the disks are planned.
        ImportFixture.Root root = fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", "/dev/hda1 / ext3 defaults 1 1\n")
                .link("/dev/hda1", "/dev/hda1");
        ImportedConfig config = fixture.one("web", CONFIG);
        assertTrue(config.failed());
        assertEquals(root.path.toString(), line(config, "guest root", FAILED, "cannot be read",
                "/dev/hda1: too many symbolic links").where());
    }
}
