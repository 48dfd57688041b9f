package io.github.xenpv.fleet;

import static io.github.xenpv.fleet.ImportFixture.line;
import static io.github.xenpv.fleet.ImportFixture.noLine;
import static io.github.xenpv.fleet.ReportLine.Kind.CHANGED;
import static io.github.xenpv.fleet.ReportLine.Kind.CHECK;
import static io.github.xenpv.fleet.ReportLine.Kind.DROPPED;
import static io.github.xenpv.fleet.ReportLine.Kind.FAILED;
import static io.github.xenpv.fleet.ReportLine.Kind.KEPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.InstalledFiles;
import io.github.xenpv.model.BaseFiles;
import io.github.xenpv.model.Disk;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Partition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The xm disk list, with the guest root's fstab, into the boot disk, the PV disks and their partitions. */
class DiskMappingTest extends ImportTestCase {

    private ImportedConfig disks(String... entries) throws Exception {
        return fixture.one("web", """
                name = "web"
                builder = "hvm"
                disk = [ %s ]
                vif = [ ]
                """.formatted(String.join(", ", List.of(entries).stream().map(entry -> "\"" + entry + "\"").toList())));
    }

    private static Guest guest(ImportedConfig config) {
        assertFalse(config.failed(), () -> ImportFixture.lines(config));
        return config.guest().orElseThrow();
    }

    private static List<String> summary(Guest guest) {
        return guest.getDisks() == null ? List.of() : guest.getDisks().stream().map(disk -> disk.getDevice() + " "
                + disk.getSource() + " " + disk.getAccess() + " node " + disk.getNode()).toList();
    }

    private static List<String> partitions(Disk disk) {
        return disk.getPartitions() == null ? List.of() : disk.getPartitions().stream().map(p -> String.join(" ",
                p.getNumber(), p.getMountPoint(), p.getFsType(), p.getOptions(), p.getDump(), p.getPass())).toList();
    }

    /** Without a guest root, the BIOS boots the first hard disk by name, wherever the config lists it. */
    @Test
    void withoutARootTheFirstHardDiskByNameIsTheBootDisk() throws Exception {
        Guest guest = guest(disks("phy:/dev/vg/second,hdb,w", "phy:/dev/vg/first,hda,w"));
        assertEquals("/dev/vg/first", guest.getBootDisk().getSource());
    }

    /** The HVM BIOS boots only the IDE disks hda..hdd: a SCSI disk alone leaves the boot disk to a person. */
    @Test
    void aScsiDiskIsNoDiskTheBiosBoots() throws Exception {
        ImportedConfig config = disks("phy:/dev/vg/data,sda,w");
        Guest guest = guest(config);
        assertEquals("", guest.getBootDisk().getSource());
        line(config, "disk", CHECK, "no emulated hard disk (hda..hdd) to boot from");
        assertEquals(List.of("xvda /dev/vg/data null node null"), summary(guest));
    }

    /** Each entry's lines point at the config line that holds it, in a list written over several lines. */
    @Test
    void eachDiskLineNamesTheConfigLineOfItsEntry() throws Exception {
        ImportedConfig config = fixture.one("web", """
                name = "web"
                builder = "hvm"
                disk = [ "phy:/dev/vg/web,hda,w",
                         "phy:/dev/vg/data,hdb,w" ]
                """);
        String file = fixture.configs().resolve("web").toString();
        assertEquals(file + ":3", line(config, "disk[1]", KEPT, "is the boot disk").where());
        assertEquals(file + ":4", line(config, "disk[2]", CHANGED, "becomes PV disk xvda").where());
    }

    @Test
    void theFirstHardDiskBootsAndTheOthersBecomePvDisksInOrder() throws Exception {
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/data,hdb,w", "file:/srv/logs.img,hdd,r");
        Guest guest = guest(config);
        assertEquals("/dev/vg/web", guest.getBootDisk().getSource());
        assertNull(guest.getBootDisk().getDevice());
        assertEquals(List.of("xvda /dev/vg/data null node null", "xvdb /srv/logs.img r node null"), summary(guest));
        line(config, "disk[1]", KEPT, "is the boot disk", "the first emulated hard disk", "no guest root says where /boot is");
        line(config, "disk[2]", CHANGED, "'phy:/dev/vg/data,hdb,w' becomes PV disk xvda (disks/disk[1]), source and access kept");
        line(config, "disk[3]", CHANGED, "becomes PV disk xvdb (disks/disk[2])");
        line(config, "disk[3]", CHANGED, "file: becomes tap:aio:", "blktap");
        line(config, "disk[2]", CHECK, "no guest fstab: the partitions of xvda are unknown");
    }

    @Test
    void aPvDiskKeepsItsVdevAndMigratedDisksTakeTheNextFreeOnes() throws Exception {
        Guest guest = guest(disks("phy:/dev/vg/data,xvdb,w", "phy:/dev/vg/web,hda,w", "phy:/dev/vg/a,hdb,w",
                "tap:aio:/srv/b.img,xvda,w", "phy:/dev/vg/c,hdc,w"));
        assertEquals(List.of("xvdb /dev/vg/data null node null", "xvdc /dev/vg/a null node null",
                "xvda /srv/b.img null node null", "xvdd /dev/vg/c null node null"), summary(guest));
    }

    @Test
    void sourceTypes() throws Exception {
        ImportedConfig config = disks("tap:aio:/srv/web.img,hda,w", "phy:VolGroup01/data,hdb,w", "tap:sync:/srv/x.img,hdc,w",
                "file:/dev/vg/y,hdd,w");
        Guest guest = guest(config);
        assertEquals("/srv/web.img", guest.getBootDisk().getSource());
        line(config, "disk[1]", CHANGED, "tap:aio: becomes file:", "on the emulated boot disk");
        assertEquals(List.of("xvda /dev/VolGroup01/data null node null", "xvdb /srv/x.img null node null",
                "xvdc /dev/vg/y null node null"), summary(guest));
        // a relative phy: name is a /dev path, which the plugin also attaches with phy:
        assertEquals(List.of("'phy:VolGroup01/data,hdb,w' becomes PV disk xvda (disks/disk[1]), source and access kept"),
                config.lines().stream().filter(line -> line.key().equals("disk[2]") && line.kind() == CHANGED)
                        .map(ReportLine::detail).toList());
        line(config, "disk[3]", CHANGED, "tap:sync: becomes tap:aio:");
        line(config, "disk[4]", CHANGED, "file: becomes phy:", "a /dev path");
    }

    @Test
    void aQcowImageOrABlockScriptIsLeftForAPersonToFillIn() throws Exception {
        ImportedConfig config = disks("tap:qcow:/srv/web.qcow,hda,w", "tap:qcow:/srv/data.qcow,hdb,w", "drbd:r0,hdc,w");
        Guest guest = guest(config);
        assertEquals("", guest.getBootDisk().getSource());
        assertEquals(List.of("xvda  null node null", "xvdb  null node null"), summary(guest));
        line(config, "disk[2]", CHECK, "is a qcow image", "qemu-img convert -O raw /srv/data.qcow /srv/data.qcow.raw");
        line(config, "disk[3]", CHECK, "xend's block-drbd script", "fill in the /dev path");
        assertEquals(List.of("bootDisk/source", "disks/disk[1]/source", "disks/disk[2]/source"),
                config.fillIns().keySet().stream().sorted().toList());
    }

    @Test
    void cdromsWithOrWithoutMediaAreDropped() throws Exception {
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", ",hdc:cdrom,r", "file:/srv/rhel3-u9.iso,hdd:cdrom,r");
        assertEquals(List.of(), summary(guest(config)));
        line(config, "disk[2]", DROPPED, "an empty CD-ROM drive");
        line(config, "disk[3]", DROPPED, "a CD-ROM drive", "xm block-attach");
    }

    @Test
    void theOldIoemuPrefixIsDropped() throws Exception {
        ImportedConfig config = disks("file:/srv/web.img,ioemu:hda,w", "file:/srv/d.img,ioemu:hdb,w");
        assertEquals("/srv/web.img", guest(config).getBootDisk().getSource());
        assertEquals(List.of("xvda /srv/d.img null node null"), summary(guest(config)));
        line(config, "disk[1]", CHANGED, "the old 'ioemu:' prefix");
        line(config, "disk[2]", CHANGED, "the old 'ioemu:' prefix");
    }

    @Test
    void modes() throws Exception {
        ImportedConfig config = disks("phy:/dev/vg/web,hda,r", "phy:/dev/vg/ro,hdb,r", "phy:/dev/vg/rw,hdc,w",
                "phy:/dev/vg/shared,hdd,w!");
        assertEquals(List.of("xvda /dev/vg/ro r node null", "xvdb /dev/vg/rw null node null",
                "xvdc /dev/vg/shared null node null"), summary(guest(config)));
        line(config, "disk[1]", CHANGED, "mode 'r' becomes w", "boot disk read-write");
        line(config, "disk[4]", CHANGED, "mode 'w!'", "becomes w");
    }

    @Test
    void aBackendDomainIsDropped() throws Exception {
        line(disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/d,hdb,w,1"), "disk[2]", DROPPED, "backend domain '1'");
    }

    @Test
    void noEmulatedHardDiskLeavesTheBootDiskToFillIn() throws Exception {
        ImportedConfig config = disks("phy:/dev/vg/data,xvda,w");
        assertEquals("", guest(config).getBootDisk().getSource());
        line(config, "disk", CHECK, "no emulated hard disk");
        assertTrue(config.fillIns().containsKey("bootDisk/source"));
    }

    @Test
    void entriesXendRefusesFailTheConfig() throws Exception {
        line(disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/web2,hda,w"), "disk[2]", FAILED, "'hda' is also the device of disk[1]");
        line(disks("phy:/dev/vg/web,hda"), "disk[1]", FAILED, "has 2 comma-separated fields");
        line(disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/p,xvda1,w"), "disk[2]", FAILED, "'xvda1' is not a disk the plugin can declare");
        ImportedConfig notAList = fixture.one("s", "name = 's'\nbuilder = 'hvm'\ndisk = 'phy:/dev/vg/s,hda,w'\n");
        line(notAList, "disk", FAILED, "is not a list of strings");
        ImportedConfig code = fixture.one("c", "name = 'c'\nbuilder = 'hvm'\ndisk = [ 'phy:%s,hda,w' % volume ]\n");
        assertTrue(code.failed());
        line(code, "disk", FAILED, "(code, not a literal)", "never runs a config");
        line(fixture.one("n", "name = 'n'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/n,hda,w', 3 ]\n"), "disk[2]", FAILED,
                "the number 3 is not a string");
    }

    // ------------------------------------------------------------------ with a guest root

    static final String STOCK_FSTAB = InstalledFiles.FSTAB;

    @Test
    void theGuestsFstabLinesOfAMigratedDiskBecomeItsPartitions() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + """
                /dev/hdb1               /srv/www                ext3    defaults,noatime        1 2
                /dev/hdb2               swap                    swap    defaults        0 0
                /dev/hdb5               /srv/logs               ext2    ro
                /dev/hdd1               /srv/archive            ext3    defaults        0 0
                /dev/cdrom              /mnt/cdrom              udf,iso9660 noauto,owner,kudzu,ro 0 0
                """);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/data,hdb,w", ",hdc:cdrom,r", "phy:/dev/vg/arch,hdd,w");
        Guest guest = guest(config);
        assertEquals(List.of("1 /srv/www ext3 defaults,noatime 1 0", "2 swap swap defaults 0 0", "5 /srv/logs ext2 ro 0 0"),
                partitions(guest.getDisks().get(0)));
        assertEquals(List.of("1 /srv/archive ext3 defaults 0 0"), partitions(guest.getDisks().get(1)));
        ReportLine www = line(config, "/dev/hdb1", CHANGED, "becomes partition 1 of PV disk xvda (by its name)",
                "where the plugin comments it out");
        assertTrue(www.where().endsWith("/etc/fstab:7"), www.where());
        line(config, "/dev/hdb2", CHANGED, "still active", "remove it after the move");
        line(config, "/dev/hdb1", CHANGED, "fsck pass 2 becomes 0 on the PV disk", "maintenance shell", "<pass>2</pass>");
        List<String> base = guest.getFstabBase();
        assertEquals(11, base.size());
        assertEquals("/dev/hdb1               /srv/www                ext3    defaults,noatime        1 2", base.get(6));
        // the plugin comments out the old lines its PV entries replace
        List<String> rendered = GuestValidator.validate(List.of(guest)).guests().get(0).fstabBase();
        assertEquals(BaseFiles.REPLACED_MARK + base.get(6), rendered.get(6));
        assertEquals(base.get(7), rendered.get(7));
    }

    @Test
    void fstabSaysWhichDiskHoldsBoot() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", """
                /dev/hda2   /       ext3  defaults 1 1
                /dev/hdb1   /boot   ext3  defaults 1 2
                /dev/hda3   /data   ext3  defaults 1 2
                """);
        ImportedConfig config = disks("phy:/dev/vg/a,hda,w", "phy:/dev/vg/b,hdb,w");
        Guest guest = guest(config);
        assertEquals("/dev/vg/b", guest.getBootDisk().getSource());
        assertEquals("hdb", guest.getBootDisk().getDevice());
        line(config, "disk[2]", KEPT, "is the boot disk", "it holds /boot", "/etc/fstab:2");
        assertEquals(List.of("xvda /dev/vg/a null node null"), summary(guest));
        assertEquals(List.of("2 / ext3 defaults 1 0", "3 /data ext3 defaults 1 0"), partitions(guest.getDisks().get(0)));
        // the model refuses / on a PV disk: validation names it for the person who must keep that disk emulated
        assertTrue(GuestValidator.validate(List.of(guest)).errors().stream()
                .anyMatch(problem -> problem.path().endsWith("partition[1]/mountPoint")));
    }

    @Test
    void withoutAFstabLineAnacondasBootCommentSaysWhichDiskHoldsBoot() throws Exception {
        fixture.root("web").file("/boot/grub/grub.conf", """
                #boot=/dev/hdb
                default=0
                title RHEL 3
                	root (hd0,0)
                	kernel /vmlinuz-2.4.21-52.EL ro root=LABEL=/
                	initrd /initrd-2.4.21-52.EL.img
                """).folder("/lib/modules/2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB);
        ImportedConfig config = disks("phy:/dev/vg/a,hda,w", "phy:/dev/vg/b,hdb,w");
        assertEquals("hdb", guest(config).getBootDisk().getDevice());
        line(config, "disk[2]", KEPT, "GRUB was installed on it", "grub.conf:1");
    }

    @Test
    void aLabelIsTiedThroughTheBlkidCacheOrReported() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + """
                LABEL=/srv/www   /srv/www   ext3  defaults 1 2
                LABEL=/home      /home      ext3  defaults 1 2
                UUID=6c1f2e3d-0000-4000-8000-0123456789ab /srv/db ext3 defaults 1 2
                UUID=0f0f0f0f-0000-4000-8000-0123456789ab /srv/old ext3 defaults 1 2
                """).file("/etc/blkid.tab", """
                <device DEVNO="0x0302" TIME="1199145600" LABEL="/" UUID="0aa1" TYPE="ext3">/dev/hda2</device>
                <device DEVNO="0x0341" TIME="1199145600" LABEL="/srv/www" TYPE="ext3">/dev/hdb1</device>
                <device DEVNO="0x0342" TIME="1199145600" UUID="6c1f2e3d-0000-4000-8000-0123456789ab" TYPE="ext3">/dev/hdb2</device>
                """);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/data,hdb,w");
        assertEquals(List.of("1 /srv/www ext3 defaults 1 0", "2 /srv/db ext3 defaults 1 0"),
                partitions(guest(config).getDisks().get(0)));
        line(config, "LABEL=/srv/www", CHANGED, "becomes partition 1 of PV disk xvda", "/etc/blkid.tab:2, /dev/hdb1");
        line(config, "LABEL=/home", CHECK, "cannot be tied to a disk", "declare it as a <partition>");
        line(config, "UUID=0f0f0f0f-0000-4000-8000-0123456789ab", CHECK, "cannot be tied to a disk", "/srv/old");
        // proc, devpts and tmpfs lines name no disk, and nobody needs to be told
        noLine(config, "none", CHECK);
        noLine(config, "LABEL=/", CHECK);
        noLine(config, "LABEL=/boot", CHECK);
    }

    @Test
    void whatAPvDiskCannotHoldIsReported() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + """
                /dev/hdb    /srv/whole  ext3  defaults 1 2
                /dev/hdb16  /srv/high   ext3  defaults 1 2
                """);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/data,hdb,w");
        assertNull(guest(config).getDisks().get(0).getPartitions());
        line(config, "/dev/hdb", CHECK, "a file system on the whole disk hdb");
        line(config, "/dev/hdb16", CHECK, "partition 16 cannot be on a PV disk");
        line(config, "disk[2]", CHECK, "no fstab line of the guest mounts a partition of xvda");
    }

    @Test
    void aDiskMovedToPvByHandKeepsItsFstabLinesAsPartitions() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + """
                /dev/xvda1  /srv/www  ext3  defaults 1 2
                /dev/xvdc1  /srv/gone ext3  defaults 1 2
                """);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "tap:aio:/srv/data.img,xvda,w");
        Guest guest = guest(config);
        assertEquals(List.of("1 /srv/www ext3 defaults 1 2"), partitions(guest.getDisks().get(0)));
        line(config, "/dev/xvda1", KEPT, "is partition 1 of PV disk xvda (by its name)");
        line(config, "/dev/xvdc1", CHECK, "names PV disk xvdc", "which the config has no disk for");
        line(config, "disk[2]", KEPT, "stays PV disk xvda (disks/disk[1])");
    }

    @Test
    void aDiskThePluginMovedIsReadFromItsBlockAndItsNodes() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", """
                LABEL=/ / ext3 defaults 1 1
                #xenpv-replaced# /dev/hdb1 /mnt/pvdisk_p1 ext3 defaults 1 2
                /dev/xvdb1 /mnt/hand-made ext3 defaults 1 2
                # BEGIN xenpv-maven-plugin block, guest web
                # File systems on PV disks (procedure step 12).
                /dev/xvdb1 /mnt/pvdisk_p1 ext3 defaults 1 2
                /dev/xvdb2 /mnt/pvdisk_p2 ext3 noatime 1 2
                # END xenpv-maven-plugin block, guest web
                """).node("/dev/xvdb", 202, 0).node("/dev/xvdb1", 202, 1).node("/dev/xvdb2", 202, 2);
        ImportedConfig config = disks("file:/var/lib/libvirt/images/web.dsk,hda,w",
                "tap:aio:/var/lib/libvirt/images/UserStorage.dsk,xvda,w");
        Guest guest = guest(config);
        Disk disk = guest.getDisks().get(0);
        assertEquals("xvda", disk.getDevice());
        assertEquals("xvdb", disk.getNode());
        assertEquals(List.of("1 /mnt/pvdisk_p1 ext3 defaults 1 2", "2 /mnt/pvdisk_p2 ext3 noatime 1 2"), partitions(disk));
        ReportLine inside = line(config, "/dev/xvdb1", KEPT, "is partition 1 of PV disk xvda (through its node /dev/xvdb1, 202:1)");
        assertTrue(inside.where().endsWith("/etc/fstab:6"), inside.where());
        noLine(config, "disk[2]", CHECK);
        assertEquals(List.of("LABEL=/ / ext3 defaults 1 1", "/dev/hdb1 /mnt/pvdisk_p1 ext3 defaults 1 2",
                "/dev/xvdb1 /mnt/hand-made ext3 defaults 1 2"), guest.getFstabBase());
    }

    @Test
    void aPvNodeNamedApartFromItsVdevWithoutAWholeDiskNodeIsNamedByItsPartitions() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + "/dev/xvdq3 /srv/q ext3 defaults 1 2\n")
                .node("/dev/xvdq3", 202, 35);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/q,xvdc,w");
        Disk disk = guest(config).getDisks().get(0);
        assertEquals("xvdq", disk.getNode());
        assertEquals(List.of("3 /srv/q ext3 defaults 1 2"), partitions(disk));
    }

    @Test
    void aPartitionNodeOfTheFirstPvLetterNamesItsDiskToo() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + "/dev/xvda3 /srv/a ext3 defaults 1 2\n")
                .node("/dev/xvda3", 202, 35);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/c,xvdc,w");
        Disk disk = guest(config).getDisks().get(0);
        assertEquals("xvdc", disk.getDevice());
        assertEquals("xvda", disk.getNode());
    }

    @Test
    void aPvDiskWhoseGuestNodeIsItsVdevDeclaresNoNode() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + "/dev/xvdb1 /srv/b ext3 defaults 1 2\n")
                .node("/dev/xvdb", 202, 16).node("/dev/xvdb1", 202, 17);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/b,xvdb,w");
        Disk disk = guest(config).getDisks().get(0);
        assertNull(disk.getNode());
        assertEquals(List.of("1 /srv/b ext3 defaults 1 2"), partitions(disk));
        line(config, "disk[2]", KEPT, "stays PV disk xvdb (disks/disk[1])");
        noLine(config, "disk[2]", CHANGED);
    }

    @Test
    void severalGuestNodesOfOnePvDiskAreReportedAndTheFirstNamesIt() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB)
                .node("/dev/xvdb", 202, 0).node("/dev/xvdc", 202, 0);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/a,xvda,w");
        assertEquals("xvdb", guest(config).getDisks().get(0).getNode());
        line(config, "disk[2]", CHECK, "several /dev nodes are PV disk xvda (xvdb, xvdc): the declaration names it xvdb");
    }

    /** Only nodes of xen-vbd's major 202 are PV disks: the emulated hda's node (3:0) names no PV disk. */
    @Test
    void aNodeOfAnotherDriverNamesNoPvDisk() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB).node("/dev/hda", 3, 0);
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", "phy:/dev/vg/a,xvda,w");
        assertNull(guest(config).getDisks().get(0).getNode());
    }

    @Test
    void withoutFstabTheBaseStaysStock() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL");
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w");
        assertNull(guest(config).getFstabBase());
        line(config, "fstab", CHECK, "no /etc/fstab");
    }

    @Test
    void theReportGoesEntryByEntryThenThroughTheFstab() throws Exception {
        fixture.root("web").grub("2.4.21-52.EL").file("/etc/fstab", STOCK_FSTAB + "/dev/hdb1 /srv ext3 defaults 1 2\n");
        ImportedConfig config = disks("phy:/dev/vg/web,hda,w", ",hdc:cdrom,r", "phy:/dev/vg/data,hdb,w");
        List<String> keys = config.lines().stream().map(ReportLine::key)
                .filter(key -> key.startsWith("disk[") || key.startsWith("/dev/")).distinct().toList();
        assertEquals(List.of("disk[1]", "disk[2]", "disk[3]", "/dev/hdb1"), keys);
        // only the disk list's own lines are put in that order: what the config said before it stays before it
        List<String> all = config.lines().stream().map(ReportLine::key).distinct().toList();
        assertEquals(List.of("name", "builder"), all.subList(0, all.indexOf("disk[1]")));
        Partition partition = guest(config).getDisks().get(0).getPartitions().get(0);
        assertEquals("/srv", partition.getMountPoint());
    }
}
