package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per rule of SPEC §4 and §6: the seed guest with one value broken gives exactly one
 * error, at the element the user wrote, naming the bad value and the rule it breaks.
 */
class GuestValidatorRulesTest {

    static final String GUEST = "guests/guest[rhel3_64_fv]";
    static final String DISK = GUEST + "/disks/disk[1]";
    static final String PARTITION = DISK + "/partitions/partition[1]";
    static final String NETWORK = GUEST + "/networks/network[1]";

    /** A rule: the declaration change that breaks it, the element it must be reported at, and words the message needs. */
    static Arguments rule(String what, Consumer<Guest> change, String path, String... words) {
        return Arguments.of(what, change, path, List.of(words));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("name missing", g -> g.setName(" "), "guests/guest[1]/name", "is required", "Xen domain"),
                rule("name with a space", g -> g.setName("rhel3 fv"), "guests/guest[1]/name", "'rhel3 fv'", "letters, digits"),
                rule("name starting with '-'", g -> g.setName("-rf"), "guests/guest[1]/name", "'-rf'", "starting with a letter or digit"),
                rule("name of 65 characters", g -> g.setName("a".repeat(65)), "guests/guest[1]/name", "'" + "a".repeat(65) + "'", "1 to 64"),
                rule("arch missing", g -> g.setArch(null), GUEST + "/arch", "is required", "i686, athlon, ia32e, x86_64"),
                rule("arch ia64", g -> g.setArch("ia64"), GUEST + "/arch", "'ia64'", "Itanium binary RPMs and builds"),
                rule("arch unknown", g -> g.setArch("sparc"), GUEST + "/arch", "'sparc'", "i686, athlon, ia32e or x86_64"),
                rule("kernel missing", g -> g.setKernel(""), GUEST + "/kernel", "is required", "2.4.21-52.EL"),
                rule("kernel of no RHEL release", g -> g.setKernel("2.6.32-71.el6"), GUEST + "/kernel", "'2.6.32-71.el6'",
                        "2.4.21-<build>[.<sub-build>...].EL (RHEL 3)", "2.6.18-<build>[.<sub-build>...].el5 (RHEL 5)"),
                rule("kernel with its variant", g -> g.setKernel("2.4.21-52.ELsmp"), GUEST + "/kernel", "'2.4.21-52.ELsmp'",
                        "<kernel>2.4.21-52.EL</kernel>", "<kernelVariant>smp</kernelVariant>"),
                rule("driverKernel of RHEL 4", g -> g.setDriverKernel("2.6.9-67.EL"), GUEST + "/driverKernel", "'2.6.9-67.EL'",
                        "RHEL 4 kernel", "runs RHEL 3", "2.4.21-52.EL"),
                rule("driverKernel with its variant", g -> g.setDriverKernel("2.4.21-52.ELsmp"), GUEST + "/driverKernel",
                        "'2.4.21-52.ELsmp'", "<driverKernel>2.4.21-52.EL</driverKernel>", "<kernelVariant>smp</kernelVariant>"),
                rule("kernel variant unknown", g -> g.setKernelVariant("bigsmp"), GUEST + "/kernelVariant", "'bigsmp'", "smp or hugemem"),
                rule("hugemem on x86_64", g -> g.setKernelVariant("hugemem"), GUEST + "/kernelVariant", "'hugemem'", "only for i686", "x86_64"),
                rule("driverRelease missing", g -> g.setDriverRelease(null), GUEST + "/driverRelease", "is required", "%release"),
                rule("driverRelease with a space", g -> g.setDriverRelease("0.1 5"), GUEST + "/driverRelease", "'0.1 5'", "%release"),
                rule("driverRelease with ..", g -> g.setDriverRelease("0.1..5"), GUEST + "/driverRelease", "'0.1..5'", "'..'", "folder"),
                rule("driverRelease with $()", g -> g.setDriverRelease("$(reboot)"), GUEST + "/driverRelease", "'$(reboot)'", "%release"),
                rule("driverRpm with a slash", g -> g.setDriverRpm("../kmod.rpm"), GUEST + "/driverRpm", "'../kmod.rpm'", "file name or glob"),
                rule("driverRpm ..", g -> g.setDriverRpm(".."), GUEST + "/driverRpm", "'..'", "not a file name"),
                rule("driverRpm like an option", g -> g.setDriverRpm("-e.rpm"), GUEST + "/driverRpm", "'-e.rpm'", "starts with '-'", "option"),
                rule("memory below 32", g -> g.setMemory("31"), GUEST + "/memory", "'31'", "MiB", "from 32"),
                rule("memory not a number", g -> g.setMemory("512M"), GUEST + "/memory", "'512M'", "whole number"),
                rule("vcpus 0", g -> g.setVcpus("0"), GUEST + "/vcpus", "'0'", "virtual CPUs", "from 1 to 32"),
                rule("vcpus 33", g -> g.setVcpus("33"), GUEST + "/vcpus", "'33'", "from 1 to 32"),
                rule("uuid malformed", g -> g.setUuid("6ba7b810-9dad-11d1-80b4"), GUEST + "/uuid", "'6ba7b810-9dad-11d1-80b4'", "RFC 4122"),
                rule("dom0Arch unknown", g -> g.setDom0Arch("ppc64"), GUEST + "/dom0Arch", "'ppc64'", "x86_64 or i386"),
                rule("x86_64 guest on an i386 dom0", g -> g.setDom0Arch("i386"), GUEST + "/dom0Arch", "'i386'", GUEST + "/arch",
                        "'x86_64'", "32-bit hypervisor"),
                rule("ia32e guest on an i386 dom0", g -> {
                    g.setArch("ia32e");
                    g.setDom0Arch("i386");
                }, GUEST + "/dom0Arch", "'i386'", GUEST + "/arch", "'ia32e'", "64-bit kernel"),
                rule("dom0Release malformed", g -> g.setDom0Release("5u1"), GUEST + "/dom0Release", "'5u1'", "<major>.<minor>"),
                rule("noapic not a boolean", g -> g.setNoapic("yes"), GUEST + "/noapic", "'yes'", "true or false"),
                rule("moduleLoading unknown", g -> g.setModuleLoading("rc.sysinit"), GUEST + "/moduleLoading", "'rc.sysinit'",
                        "rc.modules or rc.local"),
                rule("bootDisk missing", g -> g.setBootDisk(null), GUEST + "/bootDisk", "is required", "emulated IDE disk"),
                rule("bootDisk source missing", g -> g.getBootDisk().setSource(null), GUEST + "/bootDisk/source", "is required", "absolute path"),
                rule("bootDisk source relative", g -> g.getBootDisk().setSource("images/a.dsk"), GUEST + "/bootDisk/source",
                        "'images/a.dsk'", "absolute path"),
                rule("bootDisk source with ..", g -> g.getBootDisk().setSource("/var/../etc/shadow"), GUEST + "/bootDisk/source",
                        "'/var/../etc/shadow'", "'..' segment"),
                rule("bootDisk source with a comma", g -> g.getBootDisk().setSource("/images/a.dsk,hdb,w"), GUEST + "/bootDisk/source",
                        "'/images/a.dsk,hdb,w'", "without commas"),
                rule("bootDisk source with a space", g -> g.getBootDisk().setSource("/images/my disk.dsk"), GUEST + "/bootDisk/source",
                        "'/images/my disk.dsk'", "absolute path of letters"),
                rule("bootDisk source ending with /", g -> g.getBootDisk().setSource("/images/"), GUEST + "/bootDisk/source",
                        "'/images/'", "ends with '/'"),
                rule("bootDisk source with //", g -> g.getBootDisk().setSource("/images//a.dsk"), GUEST + "/bootDisk/source",
                        "'/images//a.dsk'", "empty segment"),
                rule("bootDisk source /", g -> g.getBootDisk().setSource("/"), GUEST + "/bootDisk/source", "'/'", "not a usable dom0 path"),
                rule("bootDisk on a PV device", g -> g.getBootDisk().setDevice("xvda"), GUEST + "/bootDisk/device", "'xvda'",
                        "PV disks cannot boot"),
                rule("bootDisk on SCSI", g -> g.getBootDisk().setDevice("sda"), GUEST + "/bootDisk/device", "'sda'", "hda, hdb, hdc or hdd"),
                rule("MAC malformed", g -> g.getNetworks().get(0).setMac("00-16-3e-5d-c7-9e"), NETWORK + "/mac", "'00-16-3e-5d-c7-9e'",
                        "six hex pairs"),
                rule("MAC multicast", g -> g.getNetworks().get(0).setMac("01:16:3e:5d:c7:9e"), NETWORK + "/mac", "'01:16:3e:5d:c7:9e'",
                        "multicast", "unicast"),
                rule("MAC all zero", g -> g.getNetworks().get(0).setMac("00:00:00:00:00:00"), NETWORK + "/mac", "'00:00:00:00:00:00'",
                        "all-zero"),
                rule("MAC twice", g -> g.getNetworks().add(network("00:16:3E:5D:C7:9E")), GUEST + "/networks/network[2]/mac",
                        "'00:16:3e:5d:c7:9e'", NETWORK + "/mac", "must not share"),
                rule("bridge too long", g -> g.getNetworks().get(0).setBridge("xenbr0123456789a"), NETWORK + "/bridge",
                        "'xenbr0123456789a'", "1 to 15"),
                rule("bridge with a comma", g -> g.getNetworks().get(0).setBridge("xenbr0,script=x"), NETWORK + "/bridge",
                        "'xenbr0,script=x'", "bridge name"),
                rule("bridge ..", g -> g.getNetworks().get(0).setBridge(".."), NETWORK + "/bridge", "'..'", "'.' and '..'"),
                rule("vif type ioemu", g -> g.getNetworks().get(0).setType("ioemu"), NETWORK + "/type", "'ioemu'",
                        "only an emulated NIC", "netfront"),
                rule("vif type unknown", g -> g.getNetworks().get(0).setType("vif"), NETWORK + "/type", "'vif'",
                        "netfront for the PV NIC only"),
                rule("disk empty", g -> g.getDisks().set(0, null), DISK, "is empty", "<source> and <device>"),
                rule("disk source missing", g -> g.getDisks().get(0).setSource(null), DISK + "/source", "is required", "image file or block device"),
                rule("disk source relative", g -> g.getDisks().get(0).setSource("UserStorage.dsk"), DISK + "/source",
                        "'UserStorage.dsk'", "absolute path"),
                rule("disk source is the boot disk", g -> g.getDisks().get(0).setSource(g.getBootDisk().getSource()), DISK + "/source",
                        "'/var/lib/libvirt/images/rhel3_64_fv.dsk'", GUEST + "/bootDisk/source", "only one disk"),
                rule("disk device missing", g -> g.getDisks().get(0).setDevice(null), DISK + "/device", "is required", "xvda..xvdp"),
                rule("disk device xvdq", g -> g.getDisks().get(0).setDevice("xvdq"), DISK + "/device",
                        "'xvdq' is out of range: a 2.4 guest has 16 PV disks, xvda..xvdp (8-bit minors, 16 per disk)"),
                rule("disk device emulated", g -> g.getDisks().get(0).setDevice("hdb"), DISK + "/device", "'hdb'",
                        "PV disks are xvd devices"),
                rule("disk device SCSI", g -> g.getDisks().get(0).setDevice("sdb"), DISK + "/device", "'sdb'",
                        "PV disks are xvd devices", "sdb would be an emulated disk"),
                rule("disk device twice", g -> g.getDisks().add(disk("/images/b.dsk", "xvda", "xvdc")), GUEST + "/disks/disk[2]/device",
                        "'xvda'", DISK + "/device", "own Xen vdev"),
                // the clash of the nodes they default to is the same clash: one error, at <device>
                rule("disk device twice, both nodes defaulted", g -> {
                    g.getDisks().get(0).setNode(null);
                    g.getDisks().add(disk("/images/b.dsk", "xvda", null));
                }, GUEST + "/disks/disk[2]/device", "'xvda'", DISK + "/device", "own Xen vdev"),
                rule("emulated disk empty", g -> g.setEmulatedDisks(new ArrayList<>(Collections.singletonList(null))),
                        GUEST + "/emulatedDisks/emulatedDisk[1]", "is empty", "<source> and <device>"),
                rule("disk node malformed", g -> g.getDisks().get(0).setNode("sdb"), DISK + "/node", "'sdb'", "xvd<letter>"),
                rule("disk node twice", g -> g.getDisks().add(disk("/images/b.dsk", "xvdc", "xvdb")), GUEST + "/disks/disk[2]/node",
                        "'xvdb'", DISK + "/node", "own /dev node"),
                // reported at the element the user wrote, not at a <node> the disk does not have
                rule("disk node defaulted onto another's", g -> g.getDisks().add(disk("/images/b.dsk", "xvdb", null)),
                        GUEST + "/disks/disk[2]/device", "'xvdb' is also at " + DISK + "/node", "defaults to its <device>",
                        "declare a <node>"),
                rule("disk node onto another's defaulted one", g -> {
                    g.getDisks().get(0).setNode(null);
                    g.getDisks().add(disk("/images/b.dsk", "xvdb", "xvda"));
                }, GUEST + "/disks/disk[2]/node", "'xvda' is also at " + DISK + "/device (the <node> it defaults to)"),
                rule("disk access rw", g -> g.getDisks().get(0).setAccess("rw"), DISK + "/access", "'rw'", "w (read-write) or r (read-only)"),
                rule("partition empty", g -> g.getDisks().get(0).getPartitions().set(0, null), PARTITION, "is empty", "<number>"),
                rule("partition number missing", g -> part(g).setNumber(null), PARTITION + "/number", "is required", "1..15"),
                rule("partition number 0", g -> part(g).setNumber("0"), PARTITION + "/number", "'0'", "1..15", "minor 0 is the whole disk"),
                rule("partition number 16", g -> part(g).setNumber("16"), PARTITION + "/number", "'16'", "1..15", "16 minors per disk"),
                rule("partition number twice", g -> part(g).setNumber("2"), DISK + "/partitions/partition[2]/number", "'2'", "twice"),
                rule("mount point missing", g -> part(g).setMountPoint(null), PARTITION + "/mountPoint", "is required", "or swap"),
                rule("mount point relative", g -> part(g).setMountPoint("mnt/data"), PARTITION + "/mountPoint", "'mnt/data'", "absolute path"),
                rule("mount point with a space", g -> part(g).setMountPoint("/mnt/my data"), PARTITION + "/mountPoint", "'/mnt/my data'",
                        "absolute path of letters"),
                rule("mount point with #", g -> part(g).setMountPoint("/mnt/#data"), PARTITION + "/mountPoint", "'/mnt/#data'", "absolute path"),
                rule("mount point with ..", g -> part(g).setMountPoint("/mnt/../boot"), PARTITION + "/mountPoint", "'/mnt/../boot'",
                        "'..' segment"),
                rule("mount point ending with /", g -> part(g).setMountPoint("/mnt/data/"), PARTITION + "/mountPoint",
                        "'/mnt/data/'", "ends with '/'"),
                rule("mount point with //", g -> part(g).setMountPoint("/mnt//data"), PARTITION + "/mountPoint", "'/mnt//data'",
                        "empty segment"),
                rule("mount point with a . segment", g -> part(g).setMountPoint("/mnt/./data"), PARTITION + "/mountPoint",
                        "'/mnt/./data'", "'.' segment"),
                rule("mount point /", g -> part(g).setMountPoint("/"), PARTITION + "/mountPoint", "'/'", "root file system"),
                rule("mount point /boot", g -> part(g).setMountPoint("/boot"), PARTITION + "/mountPoint", "'/boot'", "PV disks cannot boot"),
                rule("mount point under /boot", g -> part(g).setMountPoint("/boot/grub"), PARTITION + "/mountPoint", "'/boot/grub'",
                        "anything under it"),
                rule("mount point twice", g -> g.getDisks().get(0).getPartitions().get(1).setMountPoint("/mnt/pvdisk_p1"),
                        DISK + "/partitions/partition[2]/mountPoint", "'/mnt/pvdisk_p1'", PARTITION + "/mountPoint", "share a mount point"),
                rule("fsType unknown", g -> part(g).setFsType("xfs"), PARTITION + "/fsType", "'xfs'", "ext2, ext3 or swap"),
                rule("swap fsType on a directory", g -> part(g).setFsType("swap"), PARTITION + "/fsType", "'swap'", "'/mnt/pvdisk_p1'",
                        "swap goes with mount point swap"),
                rule("ext3 on swap", g -> {
                    part(g).setMountPoint("swap");
                    part(g).setFsType("ext3");
                }, PARTITION + "/fsType", "'ext3'", "swap goes with mount point swap"),
                rule("options with a space", g -> part(g).setOptions("defaults noatime"), PARTITION + "/options", "'defaults noatime'",
                        "without spaces"),
                rule("options with an empty option", g -> part(g).setOptions("defaults,,noatime"), PARTITION + "/options",
                        "'defaults,,noatime'", "comma-separated"),
                rule("dump 2", g -> part(g).setDump("2"), PARTITION + "/dump", "'2'", "dump flag", "from 0 to 1"),
                rule("pass 3", g -> part(g).setPass("3"), PARTITION + "/pass", "'3'", "fsck pass", "from 0 to 2"),
                rule("rc.local with a checked entry", g -> {
                    rcLocal(g);
                    part(g).setPass("2");
                }, PARTITION + "/pass", "'2'", "before rc.local loads xen-vbd", "maintenance shell"),
                rule("rc.local with an automatic mount", g -> {
                    rcLocal(g);
                    part(g).setOptions("defaults");
                }, PARTITION + "/options", "'defaults'", "lacks noauto", "rc.local"),
                // A value refused for its range or form is not judged for boot order too (its fallback
                // is not what the user wrote, so a second message would quote a value never written).
                rule("rc.local with pass 3", g -> {
                    rcLocal(g);
                    part(g).setPass("3");
                }, PARTITION + "/pass", "'3'", "from 0 to 2"),
                rule("rc.local with options with a space", g -> {
                    rcLocal(g);
                    part(g).setOptions("defaults noauto");
                }, PARTITION + "/options", "'defaults noauto'", "without spaces"),
                rule("grub title of two lines", g -> grub(g).setTitle("RHEL 3\ndefault=1"), GUEST + "/grub/title", "'RHEL 3\ndefault=1'",
                        "one line of printable ASCII"),
                rule("grub title with a tab", g -> grub(g).setTitle("RHEL\t3"), GUEST + "/grub/title", "'RHEL\t3'", "printable ASCII"),
                rule("grub title starting with =", g -> grub(g).setTitle("=RHEL 3"), GUEST + "/grub/title", "'=RHEL 3'",
                        "not starting with '='", "GRUB drops"),
                rule("grub root malformed", g -> grub(g).setRoot("hd0,0"), GUEST + "/grub/root", "'hd0,0'", "(hd0,0)"),
                rule("grub rootDevice with a space", g -> grub(g).setRootDevice("LABEL=/ init=/bin/sh"), GUEST + "/grub/rootDevice",
                        "'LABEL=/ init=/bin/sh'", "root= argument"),
                rule("grub separateBoot not a boolean", g -> grub(g).setSeparateBoot("no"), GUEST + "/grub/separateBoot", "'no'",
                        "true or false"),
                rule("grub kernelArgs with #", g -> grub(g).setKernelArgs("quiet #noapic"), GUEST + "/grub/kernelArgs", "'quiet #noapic'",
                        "kernel arguments"),
                rule("grub kernelArgs of two lines", g -> grub(g).setKernelArgs("quiet\ninitrd /evil"), GUEST + "/grub/kernelArgs",
                        "'quiet\ninitrd /evil'", "kernel arguments"),
                rule("fstab base line of 3 fields", g -> g.setFstabBase(lines("LABEL=/ / ext3")), GUEST + "/fstabBase/line[1]",
                        "'LABEL=/ / ext3'", "4 to 6 fields"),
                rule("fstab base line of 7 fields", g -> g.setFstabBase(lines("LABEL=/ / ext3 defaults 1 1 x")),
                        GUEST + "/fstabBase/line[1]", "'LABEL=/ / ext3 defaults 1 1 x'", "4 to 6 fields"),
                rule("fstab base line with # in a field", g -> g.setFstabBase(lines("LABEL=/ / ext3 defaults#x 1 1")),
                        GUEST + "/fstabBase/line[1]", "'LABEL=/ / ext3 defaults#x 1 1'", "characters fstab does not take"),
                rule("fstab base line with a word for pass", g -> g.setFstabBase(lines("LABEL=/ / ext3 defaults 1 two")),
                        GUEST + "/fstabBase/line[1]", "'LABEL=/ / ext3 defaults 1 two'", "dump or pass", "not a digit"),
                rule("fstab base lines in one", g -> g.setFstabBase(lines("LABEL=/ / ext3 defaults 1 1\n/dev/hdb1 /x ext3 defaults 1 2")),
                        GUEST + "/fstabBase/line[1]", "not one line"),
                rule("fstab base line like the plugin's marker", g -> g.setFstabBase(lines("# END xenpv-maven-plugin block, guest x")),
                        GUEST + "/fstabBase/line[1]", "'# END xenpv-maven-plugin block, guest x'", "BEGIN/END line"),
                rule("modules.conf base line of two lines", g -> g.setModulesConfBase(lines("alias eth1 e1000\nalias eth2 tg3")),
                        GUEST + "/modulesConfBase/line[1]", "not one line"),
                rule("modules.conf base line continued", g -> g.setModulesConfBase(lines("options e1000 \\")),
                        GUEST + "/modulesConfBase/line[1]", "'options e1000 \\'", "backslash"),
                rule("modules.conf base line like the plugin's marker",
                        g -> g.setModulesConfBase(lines("# BEGIN xenpv-maven-plugin block, guest rhel3_64_fv")),
                        GUEST + "/modulesConfBase/line[1]", "'# BEGIN xenpv-maven-plugin block, guest rhel3_64_fv'", "BEGIN/END line"),
                // a line refused for one reason is not checked for the next
                rule("modulesConfBase marker ending in a backslash",
                        g -> g.setModulesConfBase(lines("# END xenpv-maven-plugin \\")),
                        GUEST + "/modulesConfBase/line[1]", "BEGIN/END line"),
                rule("extraConfig key with '-'", g -> g.setExtraConfig(Map.of("usb-device", "tablet")), GUEST + "/extraConfig/usb-device",
                        "'usb-device'", "xm config key"),
                rule("extraConfig key a Python keyword", g -> g.setExtraConfig(Map.of("import", "1")), GUEST + "/extraConfig/import",
                        "'import'", "Python keyword"),
                rule("extraConfig key the plugin writes", g -> g.setExtraConfig(Map.of("memory", "1024")), GUEST + "/extraConfig/memory",
                        "'memory'", "written by the plugin"),
                rule("extraConfig value with a quote", g -> g.setExtraConfig(Map.of("keymap", "en\"us")), GUEST + "/extraConfig/keymap",
                        "'en\"us'", "without '\"' or backslash"),
                rule("extraConfig value with a backslash", g -> g.setExtraConfig(Map.of("keymap", "en\\x")), GUEST + "/extraConfig/keymap",
                        "'en\\x'", "backslash"),
                rule("extraConfig value of two lines", g -> g.setExtraConfig(Map.of("keymap", "en\nimport os")),
                        GUEST + "/extraConfig/keymap", "'en\nimport os'", "printable ASCII"),
                rule("extraConfig negative number", g -> g.setExtraConfig(Map.of("shadow_memory", "-8")),
                        GUEST + "/extraConfig/shadow_memory", "'-8'", "negative number", "libxlutil"),
                rule("extraConfig entry without a key", g -> g.setExtraConfig(Collections.singletonMap(null, "1")),
                        GUEST + "/extraConfig", "without a key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleGivesOneErrorAtTheElementNamingValueAndRule(String what, Consumer<Guest> change, String path, List<String> words) {
        Guest guest = SeedGuest.declaration();
        change.accept(guest);
        Validation validation = GuestValidator.validate(List.of(guest));
        assertEquals(1, validation.errors().size(), () -> what + ": " + validation.errors());
        Problem problem = validation.errors().get(0);
        assertEquals(path, problem.path(), what);
        for (String word : words) {
            assertTrue(problem.message().contains(word), () -> what + ": '" + word + "' missing from: " + problem.message());
        }
        assertTrue(validation.guests().isEmpty(), "an invalid declaration gives no guest to render");
    }

    @Test
    void guestsAreRequired() {
        assertEquals(List.of(new Problem("guests", "at least one <guest> is required")), GuestValidator.validate(null).errors());
        assertEquals(List.of(new Problem("guests", "at least one <guest> is required")), GuestValidator.validate(List.of()).errors());
    }

    @Test
    void anEmptyGuestIsReportedAtItsPosition() {
        List<Guest> guests = new ArrayList<>();
        guests.add(SeedGuest.declaration());
        guests.add(null);
        assertEquals(List.of(new Problem("guests/guest[2]", "is empty")), GuestValidator.validate(guests).errors());
    }

    @Test
    void twoGuestsCannotShareAName() {
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.setName("rhel3_64_fv");
        Problem problem = single(GuestValidator.validate(List.of(SeedGuest.declaration(), other)));
        assertEquals("guests/guest[rhel3_64_fv]/name", problem.path());
        assertTrue(problem.message().startsWith("'rhel3_64_fv' is also at guests/guest[rhel3_64_fv]/name: "), problem.message());
        assertTrue(problem.message().contains("/etc/xen/<name>"), problem.message());
    }

    @Test
    void clashesBetweenGuestsAreReportedEvenWhenAGuestHasOtherProblems() {
        Guest first = SeedGuest.declaration();
        first.setMemory("16");
        Guest second = SeedGuest.declaration();
        second.setVcpus("0");
        second.getDisks().get(0).setSource("/var/lib/libvirt/images/Other.dsk");
        List<String> paths = GuestValidator.validate(List.of(first, second)).errors().stream().map(Problem::path).toList();
        assertEquals(List.of("guests/guest[rhel3_64_fv]/memory", "guests/guest[rhel3_64_fv]/vcpus",
                "guests/guest[rhel3_64_fv]/name", "guests/guest[rhel3_64_fv]/networks/network[1]/mac",
                "guests/guest[rhel3_64_fv]/bootDisk/source"), paths);
    }

    @Test
    void twoGuestsCannotShareAMac() {
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.getNetworks().get(0).setMac("00:16:3e:5d:c7:9e");
        Problem problem = single(GuestValidator.validate(List.of(SeedGuest.declaration(), other)));
        assertEquals("guests/guest[rhel3_32_fv]/networks/network[1]/mac", problem.path());
        assertTrue(problem.message().contains("'00:16:3e:5d:c7:9e' is also at " + NETWORK + "/mac"), problem.message());
    }

    @Test
    void twoGuestsCannotShareAUuid() {
        Guest seed = SeedGuest.declaration();
        seed.setUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.setUuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8");
        Problem problem = single(GuestValidator.validate(List.of(seed, other)));
        assertEquals("guests/guest[rhel3_32_fv]/uuid", problem.path());
        assertTrue(problem.message().contains("'6ba7b810-9dad-11d1-80b4-00c04fd430c8' is also at " + GUEST + "/uuid"), problem.message());
        assertTrue(problem.message().contains("same UUID"), problem.message());
    }

    @Test
    void aDeclaredUuidMustNotBeAnotherGuestsDerivedOne() {
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.setUuid(DomainUuid.derived("rhel3_64_fv"));
        Problem problem = single(GuestValidator.validate(List.of(SeedGuest.declaration(), other)));
        assertEquals("guests/guest[rhel3_32_fv]/uuid", problem.path());
        assertTrue(problem.message().contains("is also at " + GUEST + "/uuid (derived from the name)"), problem.message());

        Problem reversed = single(GuestValidator.validate(List.of(other, SeedGuest.declaration())));
        assertEquals(GUEST + "/uuid", reversed.path());
        assertTrue(reversed.message().contains("declare <uuid> for this guest"), reversed.message());
    }

    @Test
    void thirtyTwoBitGuestsRunOnAnI386Dom0() {
        for (String arch : List.of("i686", "athlon")) {
            Guest guest = SeedGuest.declaration();
            guest.setArch(arch);
            guest.setDom0Arch("i386");
            assertEquals(List.of(), GuestValidator.validate(List.of(guest)).errors(), arch);
        }
    }

    @Test
    void aDriverKernelBeforeUpdate9IsAWarning() {
        Guest guest = SeedGuest.declaration();
        guest.setDriverKernel("2.4.21-47.EL");
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid());
        assertEquals(List.of(GUEST + "/driverKernel"), validation.warnings().stream().map(Problem::path).toList());
    }

    @Test
    void twoGuestsCannotWriteOneImage() {
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.getDisks().get(0).setSource("/var/lib/libvirt/images/UserStorage.dsk");
        Problem problem = single(GuestValidator.validate(List.of(SeedGuest.declaration(), other)));
        assertEquals("guests/guest[rhel3_32_fv]/disks/disk[1]/source", problem.path());
        assertTrue(problem.message().contains("'/var/lib/libvirt/images/UserStorage.dsk' is also used by " + DISK + "/source"),
                problem.message());
        assertTrue(problem.message().contains("corrupt"), problem.message());
    }

    @Test
    void anotherGuestsBootDiskIsNeverShared() {
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.getDisks().get(0).setSource("/var/lib/libvirt/images/rhel3_64_fv.dsk");
        other.getDisks().get(0).setAccess("r");
        Problem problem = single(GuestValidator.validate(List.of(SeedGuest.declaration(), other)));
        assertEquals("guests/guest[rhel3_32_fv]/disks/disk[1]/source", problem.path());
        assertTrue(problem.message().contains("also used by " + GUEST + "/bootDisk/source"), problem.message());
    }

    @Test
    void guestsMayShareAReadOnlyImage() {
        Guest seed = SeedGuest.declaration();
        seed.getDisks().get(0).setAccess("r");
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.getDisks().get(0).setAccess("r");
        assertTrue(GuestValidator.validate(List.of(seed, other)).valid());
    }

    @Test
    void twoGuestsWhoseDerivedMacsCollideAreToldToDeclareOne() {
        // the derived MAC hashes name and index: an equal hash needs the same name, so force it
        Guest seed = SeedGuest.declaration();
        seed.getNetworks().get(0).setMac(ValidNetwork.derivedMac("rhel3_32_fv", 0));
        Guest other = SeedGuest.declaration();
        renameAway(other);
        other.getNetworks().get(0).setMac(null);
        Problem problem = single(GuestValidator.validate(List.of(seed, other)));
        assertEquals("guests/guest[rhel3_32_fv]/networks/network[1]/mac", problem.path());
        assertTrue(problem.message().contains("declare <mac>"), problem.message());
    }

    @Test
    void everyProblemOfEveryGuestIsReportedInOneRun() {
        Guest first = SeedGuest.declaration();
        first.setArch("ia64");
        first.setMemory("16");
        first.getDisks().get(0).setDevice("xvdq");
        Guest second = SeedGuest.declaration();
        renameAway(second);
        second.setKernel("2.6.9");
        second.getDisks().get(0).getPartitions().get(1).setMountPoint("/boot");
        second.setExtraConfig(Map.of("vif", "x"));
        List<String> paths = GuestValidator.validate(List.of(first, second)).errors().stream().map(Problem::path).toList();
        assertEquals(List.of(GUEST + "/arch", GUEST + "/memory", DISK + "/device",
                "guests/guest[rhel3_32_fv]/kernel",
                "guests/guest[rhel3_32_fv]/disks/disk[1]/partitions/partition[2]/mountPoint",
                "guests/guest[rhel3_32_fv]/extraConfig/vif"), paths);
    }

    @Test
    void problemsReadAsPathColonMessage() {
        Guest guest = SeedGuest.declaration();
        guest.getDisks().get(0).setDevice("xvdq");
        assertEquals("guests/guest[rhel3_64_fv]/disks/disk[1]/device: 'xvdq' is out of range: a 2.4 guest has 16 PV disks, "
                + "xvda..xvdp (8-bit minors, 16 per disk)", single(GuestValidator.validate(List.of(guest))).toString());
    }

    @Test
    void aDeviceOfNoEmulatedKindGetsNoEmulatedDiskHint() {
        Guest guest = SeedGuest.declaration();
        guest.getDisks().get(0).setDevice("vda");
        assertEquals(new Problem(DISK + "/device", "'vda' is not a Xen virtual disk name, xvd<letter>"),
                single(GuestValidator.validate(List.of(guest))));
    }

    @Test
    void seventeenPvDisksAreMoreThanA24GuestHas() {
        Guest guest = SeedGuest.declaration();
        List<Disk> disks = new ArrayList<>();
        for (char letter = 'a'; letter <= 'q'; letter++) {
            disks.add(disk("/images/" + letter + ".dsk", "xvd" + letter, null));
        }
        guest.setDisks(disks);
        List<Problem> errors = GuestValidator.validate(List.of(guest)).errors();
        assertEquals(List.of(GUEST + "/disks", GUEST + "/disks/disk[17]/device"), errors.stream().map(Problem::path).toList());
        assertEquals("17 disks declared: a 2.4 guest has at most 16 PV disks, xvda..xvdp (8-bit minors, 16 per disk)",
                errors.get(0).message());
    }

    @Test
    void sixteenPvDisksAreFine() {
        Guest guest = SeedGuest.declaration();
        List<Disk> disks = new ArrayList<>();
        for (char letter = 'a'; letter <= 'p'; letter++) {
            disks.add(disk("/images/" + letter + ".dsk", "xvd" + letter, null));
        }
        guest.setDisks(disks);
        assertEquals(16, SeedGuest.validOnly(guest).disks().size());
    }

    // ----------------------------------------------------------------- warnings

    @Test
    void aKernelBeforeUpdate9IsAWarningNotAnError() {
        Guest guest = SeedGuest.declaration();
        guest.setKernel("2.4.21-47.EL");
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid());
        Problem warning = single(validation.warnings());
        assertEquals(GUEST + "/kernel", warning.path());
        assertTrue(warning.message().contains("'2.4.21-47.EL' is older than RHEL 3 Update 9 (2.4.21-50.EL)"), warning.message());
    }

    @Test
    void update9ItselfGivesNoWarning() {
        Guest guest = SeedGuest.declaration();
        guest.setKernel("2.4.21-50.EL");
        assertEquals(List.of(), GuestValidator.validate(List.of(guest)).warnings());
    }

    @Test
    void noapicOnARhel52HostIsNotedAsUnneeded() {
        for (String release : List.of("5.2", "5.10", "6.0")) {
            Guest guest = SeedGuest.declaration();
            guest.setDom0Release(release);
            Problem warning = single(GuestValidator.validate(List.of(guest)).warnings());
            assertEquals(GUEST + "/noapic", warning.path());
            assertTrue(warning.message().contains("RHEL " + release + " host does not need noapic"), warning.message());
        }
    }

    @Test
    void aNoapicThatIsNoBooleanCountsAsItsDefaultInTheChecksAfterIt() {
        Guest guest = SeedGuest.declaration();
        guest.setDom0Release("5.2");
        guest.setNoapic("yes");
        Validation validation = GuestValidator.validate(List.of(guest));
        assertEquals(GUEST + "/noapic", single(validation).path());
        assertEquals(GUEST + "/noapic", single(validation.warnings()).path(), "the default, true, is unneeded on 5.2");
    }

    @Test
    void noapicOffOrAn51HostGivesNoWarning() {
        Guest off = SeedGuest.declaration();
        off.setDom0Release("5.2");
        off.setNoapic("false");
        Guest old = SeedGuest.declaration();
        old.setDom0Release("5.1");
        assertEquals(List.of(), GuestValidator.validate(List.of(off)).warnings());
        assertEquals(List.of(), GuestValidator.validate(List.of(old)).warnings());
    }

    @Test
    void aHostBeforeRhel51IsAWarning() {
        Guest guest = SeedGuest.declaration();
        guest.setDom0Release("5.0");
        Validation validation = GuestValidator.validate(List.of(guest));
        assertTrue(validation.valid());
        Problem warning = single(validation.warnings());
        assertEquals(GUEST + "/dom0Release", warning.path());
        assertTrue(warning.message().contains("'5.0'") && warning.message().contains("RHEL 5.1 or later host"), warning.message());
    }

    // ----------------------------------------------------------------- helpers

    static Problem single(Validation validation) {
        assertEquals(1, validation.errors().size(), validation.errors()::toString);
        return validation.errors().get(0);
    }

    static Problem single(List<Problem> problems) {
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    /** Makes a second seed guest that clashes with the first in nothing. */
    static void renameAway(Guest guest) {
        guest.setName("rhel3_32_fv");
        guest.getBootDisk().setSource("/var/lib/libvirt/images/rhel3_32_fv.dsk");
        guest.getNetworks().get(0).setMac("00:16:3e:00:00:02");
        guest.getDisks().get(0).setSource("/var/lib/libvirt/images/UserStorage2.dsk");
    }

    static Partition part(Guest guest) {
        return guest.getDisks().get(0).getPartitions().get(0);
    }

    static Grub grub(Guest guest) {
        if (guest.getGrub() == null) {
            guest.setGrub(new Grub());
        }
        return guest.getGrub();
    }

    /** Switches to rc.local with both partitions fine for it; the case then breaks the first one. */
    static void rcLocal(Guest guest) {
        guest.setModuleLoading("rc.local");
        for (Partition partition : guest.getDisks().get(0).getPartitions()) {
            partition.setOptions("defaults,noauto");
            partition.setPass("0");
        }
    }

    static Network network(String mac) {
        Network network = new Network();
        network.setMac(mac);
        return network;
    }

    static Disk disk(String source, String device, String node) {
        Disk disk = new Disk();
        disk.setSource(source);
        disk.setDevice(device);
        disk.setNode(node);
        return disk;
    }

    static List<String> lines(String... lines) {
        return new ArrayList<>(List.of(lines));
    }

    @Test
    void theMessageOfAnInvalidGuestNeverComesWithAGuestToRender() {
        Guest guest = SeedGuest.declaration();
        guest.setVcpus("64");
        Validation validation = GuestValidator.validate(List.of(guest, validSecond()));
        assertFalse(validation.valid());
        assertEquals(List.of(), validation.guests(), "one bad guest stops every guest: nothing is half generated");
    }

    static Guest validSecond() {
        Guest guest = SeedGuest.declaration();
        renameAway(guest);
        return guest;
    }
}
