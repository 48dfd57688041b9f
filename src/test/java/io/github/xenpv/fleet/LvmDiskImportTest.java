package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ReportLine.Kind.CHANGED;
import static io.github.xenpv.fleet.ReportLine.Kind.KEPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Validation;
import io.github.xenpv.model.XmSetting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §16: the import never moves an emulated data disk that holds an LVM physical volume to PV.
 * RHEL 3's rc.sysinit activates volume groups (vgscan, lines 344-349) before /etc/rc.modules loads
 * the PV drivers, so a group on a PV disk is never found. The guest root says which disks hold one:
 * LVM1's per-group descriptor {@code /etc/lvmtab.d/<vg>} names its physical volumes; when only
 * {@code /etc/lvmtab} or an fstab line on {@code /dev/<vg>/<lv>} shows LVM, no data disk moves.
 * Each kept disk gets a report line saying why, and the declaration keeps it under
 * {@code <emulatedDisks>}, so the guest's xm config still attaches it.
 */
class LvmDiskImportTest extends ImportTestCase {

    private static final String CONFIG = """
            name = "db"
            builder = "hvm"
            disk = [ "phy:/dev/vg_guests/db,hda,w", "phy:/dev/vg_guests/db-data,hdb,w", "file:/srv/db-logs.img,hdc,w" ]
            vif = [ ]
            """;

    private static final String FSTAB = """
            LABEL=/                 /                       ext3    defaults        1 1
            none                    /proc                   proc    defaults        0 0
            /dev/vg00/lv_data       /u01                    ext3    defaults        1 2
            /dev/hdc1               /var/log/db             ext3    defaults        1 2
            """;

    /** An LVM1 volume group descriptor as RHEL 3's vgcfgbackup/vgscan writes it: binary, with the PV names as C strings. */
    private static byte[] descriptor(String... physicalVolumes) {
        StringBuilder bytes = new StringBuilder("HM\u0001\u0000\u0000\u0000vg00\u0000\u0000\u0000\u0000");
        for (String pv : physicalVolumes) {
            bytes.append(pv).append("\u0000".repeat(128 - pv.length())).append("\u0003\u0000\u0000\u0000\u00a0\u000f");
        }
        bytes.append("/dev/vg00/lv_data\u0000\u0000");
        return bytes.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Guest guest(ImportedConfig config) {
        assertFalse(config.failed(), () -> ImportFixture.lines(config));
        return config.guest().orElseThrow();
    }

    @Test
    void aDiskTheGroupsDescriptorNamesStaysEmulatedAndTheOtherMoves() throws Exception {
        ImportFixture.Root root = fixture.root("db").grub("2.4.21-52.EL").file("/etc/fstab", FSTAB)
                .file("/etc/lvmtab", "vg00\u0000");
        Files.createDirectories(root.path.resolve("etc/lvmtab.d"));
        Files.write(root.path.resolve("etc/lvmtab.d/vg00"), descriptor("/dev/hdb1"));

        ImportedConfig config = fixture.one("db", CONFIG);
        Guest guest = guest(config);
        assertEquals(1, guest.getEmulatedDisks().size());
        assertEquals("/dev/vg_guests/db-data", guest.getEmulatedDisks().get(0).getSource());
        assertEquals("hdb", guest.getEmulatedDisks().get(0).getDevice());
        assertNull(guest.getEmulatedDisks().get(0).getAccess(), "w, the default");
        line(config, "disk[2]", KEPT, "'phy:/dev/vg_guests/db-data,hdb,w' stays emulated (emulatedDisks/emulatedDisk[1])",
                "it holds LVM physical volume /dev/hdb1 of volume group vg00", "/etc/lvmtab.d/vg00", "vgscan",
                "before /etc/rc.modules loads the PV drivers");
        assertEquals(List.of("xvda"), guest.getDisks().stream().map(disk -> disk.getDevice()).toList());
        line(config, "disk[3]", CHANGED, "becomes PV disk xvda");
        line(config, "/dev/hdc1", CHANGED, "becomes partition 1 of PV disk xvda");
        assertTrue(guest.getFstabBase().contains("/dev/vg00/lv_data       /u01                    ext3    defaults        1 2"),
                "the volume's line stays as the guest has it");

        // The declaration builds, and its xm config still attaches the kept disk, emulated, before the PV one.
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid(), validation.errors()::toString);
        Object disks = validation.guests().get(0).xmConfig().stream().filter(setting -> setting.key().equals("disk"))
                .map(XmSetting::value).findFirst().orElseThrow();
        assertEquals(List.of("phy:/dev/vg_guests/db,hda,w", "phy:/dev/vg_guests/db-data,hdb,w",
                "tap:aio:/srv/db-logs.img,xvda,w"), disks);
    }

    @Test
    void anFstabLineOnAVolumeWithoutADescriptorKeepsEveryDataDiskEmulated() throws Exception {
        fixture.root("db").grub("2.4.21-52.EL").file("/etc/fstab", FSTAB);

        ImportedConfig config = fixture.one("db", CONFIG);
        Guest guest = guest(config);
        assertEquals(List.of("hdb", "hdc"), guest.getEmulatedDisks().stream().map(disk -> disk.getDevice()).toList());
        assertNull(guest.getDisks());
        line(config, "disk[2]", KEPT, "stays emulated", "the guest uses LVM", "/etc/fstab:3 (/dev/vg00/lv_data on /u01)",
                "declare it under <disks> by hand if it holds none");
        line(config, "disk[3]", KEPT, "stays emulated (emulatedDisks/emulatedDisk[2])");
    }

    @Test
    void lvmtabAloneKeepsEveryDataDiskEmulated() throws Exception {
        fixture.root("db").grub("2.4.21-52.EL").file("/etc/fstab", FSTAB.replace("/dev/vg00/lv_data", "/dev/hdb1"))
                .file("/etc/lvmtab", "vg00\u0000");

        ImportedConfig config = fixture.one("db", CONFIG);
        assertEquals(2, guest(config).getEmulatedDisks().size());
        line(config, "disk[2]", KEPT, "stays emulated", "the guest uses LVM", "/etc/lvmtab)");
    }

    @Test
    void aKeptDiskKeepsItsReadOnlyModeAndIsToldOfItsIoemuPrefix() throws Exception {
        fixture.root("db").grub("2.4.21-52.EL").file("/etc/fstab", FSTAB);

        ImportedConfig config = fixture.one("db", CONFIG.replace("db-data,hdb,w", "db-data,ioemu:hdb,r"));
        Guest guest = guest(config);
        assertEquals("r", guest.getEmulatedDisks().get(0).getAccess(), "a read-only disk must not become writable");
        assertNull(guest.getEmulatedDisks().get(1).getAccess(), "w, the default");
        line(config, "disk[2]", CHANGED, "the old 'ioemu:' prefix of 'phy:/dev/vg_guests/db-data,ioemu:hdb,r' is dropped");
    }

    @Test
    void withoutLvmEveryDataDiskMoves() throws Exception {
        fixture.root("db").grub("2.4.21-52.EL").file("/etc/fstab", FSTAB.replace("/dev/vg00/lv_data", "/dev/hdb1"));

        Guest guest = guest(fixture.one("db", CONFIG));
        assertNull(guest.getEmulatedDisks());
        assertEquals(List.of("xvda", "xvdb"), guest.getDisks().stream().map(disk -> disk.getDevice()).toList());
    }
}
