package io.github.xenpv.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.SeedGuest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults of SPEC §4 and every value the validator derives for the templates. */
class GuestValidatorDerivedTest {

    /** The seed guest with every optional element left out, as a first-time user writes it. */
    static Guest minimal() {
        Guest guest = new Guest();
        guest.setName("web");
        guest.setArch("i686");
        guest.setKernel("2.4.21-52.EL");
        guest.setDriverRelease("0.1-5.el");
        BootDisk bootDisk = new BootDisk();
        bootDisk.setSource("/var/lib/libvirt/images/web.dsk");
        guest.setBootDisk(bootDisk);
        return guest;
    }

    @Test
    void onlyAPasswordKeyMakesTheXmConfigSecret() {
        // the bundle gives the config mode 0600 for a secret (SecretFilesTest): a keymap alone keeps it 0644
        Guest keymap = SeedGuest.declaration();
        keymap.setExtraConfig(Map.of("keymap", "de", "localtime", "1"));
        assertFalse(SeedGuest.validOnly(keymap).xmConfigSecret());
        Guest password = SeedGuest.declaration();
        password.setExtraConfig(Map.of("keymap", "de", "vncpasswd", "s3cret"));
        assertTrue(SeedGuest.validOnly(password).xmConfigSecret());
        assertFalse(SeedGuest.valid().xmConfigSecret(), "no extraConfig at all");
    }

    @Test
    void everyOptionalElementHasItsDefault() {
        ValidGuest guest = SeedGuest.validOnly(minimal());
        assertEquals(KernelVariant.UP, guest.kernelVariant());
        assertEquals("kmod-xenpv*.rpm", guest.driverRpm());
        assertEquals(512, guest.memory());
        assertEquals(1, guest.vcpus());
        assertEquals(DomainUuid.derived("web"), guest.uuid());
        assertTrue(guest.uuidDerived());
        assertEquals(Dom0Arch.X86_64, guest.dom0Arch());
        assertNull(guest.dom0Release());
        assertTrue(guest.noapic());
        assertEquals(ModuleLoading.RC_MODULES, guest.moduleLoading());
        assertEquals("hda", guest.bootDisk().device());
        assertEquals(1, guest.networks().size(), "one NIC when <networks> is left out");
        assertEquals("xenbr0", guest.networks().get(0).bridge());
        assertTrue(guest.networks().get(0).macDerived());
        assertEquals(List.of(), guest.disks());
        assertEquals(new GrubEntry(List.of("default=0", "timeout=10"), "Red Hat Enterprise Linux (2.4.21-52.EL)", "(hd0,0)", "/vmlinuz-2.4.21-52.EL",
                "/initrd-2.4.21-52.EL.img", List.of("ro", "root=LABEL=/", "noapic")), guest.grub());
        assertEquals(BaseFiles.STOCK_FSTAB, guest.fstabBase());
        assertEquals(List.of(), guest.modulesConfBase());
        assertEquals(List.of(), guest.extraConfig());
    }

    @Test
    void diskAndPartitionDefaults() {
        Guest declared = minimal();
        Disk disk = new Disk();
        disk.setSource("/images/data.dsk");
        disk.setDevice("xvdc");
        disk.setPartitions(List.of(SeedGuest.partition("1", "/data"), SeedGuest.partition("2", "swap")));
        declared.setDisks(List.of(disk));
        ValidDisk valid = SeedGuest.validOnly(declared).disks().get(0);
        assertEquals("xvdc", valid.node().name(), "the node is named like the vdev when <node> is left out");
        assertEquals("w", valid.access());
        assertEquals(new ValidPartition(1, new DeviceNode("xvdc1", 33, "xvdc1"), "/data", "ext3", "defaults", 1, 0),
                valid.partitions().get(0));
        assertEquals(new ValidPartition(2, new DeviceNode("xvdc2", 34, "xvdc2"), "swap", "swap", "defaults,noauto", 0, 0),
                valid.partitions().get(1), "rc.modules enables PV swap: swapon -a must skip it");
    }

    @Test
    void declaredValuesAreTakenAsWritten() {
        Guest declared = minimal();
        declared.setMemory(" 1024 ");
        declared.setVcpus("4");
        declared.setUuid("6BA7B810-9DAD-11D1-80B4-00C04FD430C8");
        declared.setDom0Arch("i386");
        declared.setDom0Release("5.1");
        declared.setNoapic("false");
        declared.getBootDisk().setDevice("hdb");
        ValidGuest guest = SeedGuest.validOnly(declared);
        assertEquals(1024, guest.memory());
        assertEquals(4, guest.vcpus());
        assertEquals("6ba7b810-9dad-11d1-80b4-00c04fd430c8", guest.uuid(), "xm compares UUIDs in lower case");
        assertEquals("/usr/lib/xen/bin/qemu-dm", guest.dom0Arch().deviceModel());
        assertEquals("5.1", guest.dom0Release());
        assertEquals(List.of("ro", "root=LABEL=/"), guest.grub().kernelArgs());
        assertEquals("hdb", guest.bootDisk().device());
    }

    // ----------------------------------------------------------------- minors and nodes

    @ParameterizedTest(name = "{0} partition {1}: minor {2}")
    @CsvSource({"xvda, 0, 0", "xvda, 1, 1", "xvda, 15, 15", "xvdb, 0, 16", "xvdb, 1, 17", "xvdc, 0, 32", "xvdc, 1, 33",
            "xvdp, 0, 240", "xvdp, 15, 255"})
    void aNodesMinorIs16TimesTheVdevLetterPlusThePartition(String device, int partition, int minor) {
        Guest declared = minimal();
        Disk disk = new Disk();
        disk.setSource("/images/data.dsk");
        disk.setDevice(device);
        disk.setNode("xvdz");
        if (partition > 0) {
            disk.setPartitions(List.of(SeedGuest.partition(Integer.toString(partition), "/data")));
        }
        ValidDisk valid = SeedGuest.validOnly(declared(declared, disk)).disks().get(0);
        DeviceNode node = partition == 0 ? valid.node() : valid.partitions().get(0).node();
        assertEquals(minor, node.minor(), "the vdev, not the node's name, fixes the minor");
        assertEquals(partition == 0 ? "/dev/xvdz" : "/dev/xvdz" + partition, node.path());
        assertEquals(partition == 0 ? device : device + partition, node.kernelName(),
                "the kernel names the minor after the vdev, whatever the node is called");
    }

    @Test
    void theSeedGuestsNodesAreThoseOfProcedureStep9() {
        assertEquals(List.of(new DeviceNode("xvdb", 0, "xvda"), new DeviceNode("xvdb1", 1, "xvda1"),
                new DeviceNode("xvdb2", 2, "xvda2")),
                SeedGuest.valid().nodes());
    }

    @Test
    void aNodeIsRenamedOnlyWhenItsNameIsNotTheKernelsName() {
        assertTrue(SeedGuest.valid().nodes().stream().allMatch(DeviceNode::renamed), "the procedure's xvdb is vdev xvda");
        assertFalse(Xvd.node("xvdc", 2, 3).renamed());
        assertEquals(new DeviceNode("xvdc3", 35, "xvdc3"), Xvd.node("xvdc", 2, 3));
    }

    @ParameterizedTest(name = "{0}: letter {1}")
    @CsvSource({"xvda, 0", "xvdp, 15", "xvdz, 25", "xvd, -1", "xvdaa, -1", "hda, -1", "xvdA, -1", "sxvda, -1"})
    void aDiskNameGivesItsLetterIndex(String name, int letter) {
        assertEquals(letter, Xvd.letter(name));
    }

    // ----------------------------------------------------------------- decisions templates lay out

    @Test
    void rcModulesLoadingGivesTheBundleRcModulesAndRcLocalLoadingDoesNot() {
        assertTrue(SeedGuest.valid().rcModules());
        Guest declared = SeedGuest.declaration();
        declared.setModuleLoading("rc.local");
        declared.getDisks().get(0).getPartitions().forEach(partition -> {
            partition.setPass("0");
            partition.setOptions("noauto");
        });
        assertFalse(SeedGuest.validOnly(declared).rcModules());
    }

    @Test
    void mountsAndSwapsSplitThePartitionsInDeclarationOrder() {
        Guest declared = SeedGuest.declaration();
        List<Partition> partitions = new ArrayList<>(declared.getDisks().get(0).getPartitions());
        partitions.add(1, SeedGuest.partition("3", "swap"));
        partitions.add(SeedGuest.partition("4", "swap"));
        declared.getDisks().get(0).setPartitions(partitions);
        ValidGuest guest = SeedGuest.validOnly(declared);
        assertEquals(List.of("/mnt/pvdisk_p1", "/mnt/pvdisk_p2"), guest.mounts().stream().map(ValidPartition::mountPoint).toList());
        assertEquals(List.of("/dev/xvdb3", "/dev/xvdb4"), guest.swaps().stream().map(p -> p.node().path()).toList());
        assertEquals(List.of("/dev/xvdb1", "/mnt/pvdisk_p1", "/dev/xvdb3", "/dev/xvdb2", "/mnt/pvdisk_p2", "/dev/xvdb4"),
                guest.fstabClaims());
    }

    @Test
    void everyNetworkIsAPvInterfaceInOrder() {
        Guest declared = SeedGuest.declaration();
        declared.getNetworks().add(new Network());
        assertEquals(List.of("eth0", "eth1"), SeedGuest.validOnly(declared).pvInterfaces());
        declared.setNetworks(List.of());
        assertEquals(List.of(), SeedGuest.validOnly(declared).pvInterfaces());
    }

    // ----------------------------------------------------------------- xm specs

    @Test
    void xmDiskSpecsPickFileTapAioOrPhy() {
        Guest declared = minimal();
        declared.getBootDisk().setSource("/dev/VolGroup00/web");
        Disk image = new Disk();
        image.setSource("/images/data.dsk");
        image.setDevice("xvda");
        Disk device = new Disk();
        device.setSource("/dev/sdb");
        device.setDevice("xvdb");
        device.setAccess("r");
        declared.setDisks(List.of(image, device));
        ValidGuest guest = SeedGuest.validOnly(declared);
        assertEquals("phy:/dev/VolGroup00/web,hda,w", guest.bootDisk().xmSpec());
        assertEquals("tap:aio:/images/data.dsk,xvda,w", guest.disks().get(0).xmSpec());
        assertEquals("phy:/dev/sdb,xvdb,r", guest.disks().get(1).xmSpec());
        assertEquals("file:/var/lib/libvirt/images/rhel3_64_fv.dsk,hda,w", SeedGuest.valid().bootDisk().xmSpec());
    }

    @Test
    void xmVifSpecHasNoIoemuType() {
        assertEquals("mac=00:16:3e:5d:c7:9e,bridge=xenbr0", SeedGuest.valid().networks().get(0).xmSpec());
    }

    // ----------------------------------------------------------------- kernel, modules, grub

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"i686, '', 2.4.21-52.EL", "athlon, smp, 2.4.21-52.ELsmp", "i686, hugemem, 2.4.21-52.ELhugemem",
            "x86_64, smp, 2.4.21-52.ELsmp", "ia32e, '', 2.4.21-52.EL"})
    void modulePathsFollowTheKernelVariant(String arch, String variant, String release) {
        Guest declared = minimal();
        declared.setArch(arch);
        declared.setKernelVariant(variant);
        ValidGuest guest = SeedGuest.validOnly(declared);
        assertEquals(release, guest.kernelRelease());
        assertEquals("/lib/modules/" + release + "/extra/xenpv/0.1-5.el", guest.driverDirectory());
        assertEquals("extra/xenpv/0.1-5.el", guest.driverSubdirectory());
        assertEquals("Red Hat Enterprise Linux (" + release + ")", guest.grub().title());
    }

    @ParameterizedTest(name = "separateBoot {0}")
    @CsvSource({"true, /vmlinuz-2.4.21-52.ELsmp, /initrd-2.4.21-52.ELsmp.img",
            "false, /boot/vmlinuz-2.4.21-52.ELsmp, /boot/initrd-2.4.21-52.ELsmp.img"})
    void kernelAndInitrdPathsFollowSeparateBoot(String separateBoot, String kernel, String initrd) {
        Guest declared = minimal();
        declared.setKernelVariant("smp");
        Grub grub = new Grub();
        grub.setSeparateBoot(separateBoot);
        declared.setGrub(grub);
        GrubEntry entry = SeedGuest.validOnly(declared).grub();
        assertEquals(kernel, entry.kernelPath());
        assertEquals(initrd, entry.initrdPath());
    }

    @Test
    void declaredGrubValuesMakeTheKernelLine() {
        Guest declared = minimal();
        Grub grub = new Grub();
        grub.setTitle("RHEL 3 (PV)");
        grub.setRoot("(hd0,1)");
        grub.setRootDevice("/dev/hda2");
        grub.setKernelArgs("console=ttyS0,115200  noapic quiet");
        declared.setGrub(grub);
        GrubEntry entry = SeedGuest.validOnly(declared).grub();
        assertEquals("RHEL 3 (PV)", entry.title());
        assertEquals("(hd0,1)", entry.root());
        assertEquals("/vmlinuz-2.4.21-52.EL ro root=/dev/hda2 console=ttyS0,115200 noapic quiet", entry.kernelLine(),
                "noapic is written once even when kernelArgs has it");
    }

    // ----------------------------------------------------------------- networks

    @Test
    void interfaceKIsEthK() {
        Guest declared = minimal();
        declared.setNetworks(List.of(new Network(), new Network(), new Network()));
        assertEquals(List.of("eth0", "eth1", "eth2"),
                SeedGuest.validOnly(declared).networks().stream().map(ValidNetwork::interfaceName).toList());
    }

    @Test
    void aDerivedMacIsStableInsideXensPrefixAndLocal() {
        Set<String> macs = new HashSet<>();
        for (String name : List.of("web", "db", "rhel3_64_fv", "a", "b")) {
            for (int index = 0; index < 4; index++) {
                String mac = ValidNetwork.derivedMac(name, index);
                assertEquals(mac, ValidNetwork.derivedMac(name, index), "same name and index, same MAC");
                assertTrue(mac.matches("00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), mac);
                assertTrue(Integer.parseInt(mac.substring(9, 11), 16) < 0x80, "Xen's tools keep the 4th byte below 0x80: " + mac);
                macs.add(mac);
            }
        }
        assertEquals(20, macs.size(), "different guests and indexes get different MACs");
    }

    @Test
    void aGuestWithoutMacGetsTheDerivedOneAndADeclaredOneIsLowerCased() {
        Guest declared = minimal();
        Network upper = new Network();
        upper.setMac("00:16:3E:AB:CD:EF");
        upper.setBridge("br1");
        declared.setNetworks(List.of(new Network(), upper));
        List<ValidNetwork> networks = SeedGuest.validOnly(declared).networks();
        assertEquals(new ValidNetwork(0, ValidNetwork.derivedMac("web", 0), true, "xenbr0", VifType.TYPELESS), networks.get(0));
        assertEquals(new ValidNetwork(1, "00:16:3e:ab:cd:ef", false, "br1", VifType.TYPELESS), networks.get(1));
    }

    @Test
    void twoGuestsWithoutMacsGetDifferentMacs() {
        Guest other = minimal();
        other.setName("db");
        other.getBootDisk().setSource("/var/lib/libvirt/images/db.dsk");
        Validation validation = GuestValidator.validate(List.of(minimal(), other));
        assertTrue(validation.valid(), validation.errors()::toString);
        assertNotEquals(validation.guests().get(0).networks().get(0).mac(), validation.guests().get(1).networks().get(0).mac());
    }

    @Test
    void noNicWhenNetworksIsEmpty() {
        Guest declared = minimal();
        declared.setNetworks(List.of());
        assertEquals(List.of(), SeedGuest.validOnly(declared).networks());
    }

    // ----------------------------------------------------------------- base files

    @Test
    void aBaseFstabLineForAPvDeviceOrMountPointIsCommentedOut() {
        Guest declared = SeedGuest.declaration();
        declared.setFstabBase(new ArrayList<>(List.of("LABEL=/ / ext3 defaults 1 1", "/dev/xvdb1 /data ext3 defaults 1 2",
                "/dev/hdb1 /mnt/pvdisk_p2 ext3 defaults 1 2", "# a comment", "", "  /dev/hdb2\t/srv ext2 defaults 1 2  ")));
        assertEquals(List.of("LABEL=/ / ext3 defaults 1 1", "#xenpv-replaced# /dev/xvdb1 /data ext3 defaults 1 2",
                "#xenpv-replaced# /dev/hdb1 /mnt/pvdisk_p2 ext3 defaults 1 2", "# a comment", "", "/dev/hdb2\t/srv ext2 defaults 1 2"),
                SeedGuest.validOnly(declared).fstabBase());
    }

    @Test
    void aBaseAliasForAPvInterfaceIsCommentedOutAndOthersKept() {
        Guest declared = SeedGuest.declaration();
        declared.setModulesConfBase(new ArrayList<>(List.of("alias eth0 e1000", "alias eth1 e1000", "alias scsi_hostadapter aic7xxx",
                "  alias   eth0   8139too", "options e1000 Speed=100")));
        assertEquals(List.of("#xenpv-replaced# alias eth0 e1000", "alias eth1 e1000", "alias scsi_hostadapter aic7xxx",
                "#xenpv-replaced# alias   eth0   8139too", "options e1000 Speed=100"), SeedGuest.validOnly(declared).modulesConfBase());
    }

    @Test
    void theGuestsOwnBlockLinesAreRefusedAsBaseLines() {
        ValidGuest seed = SeedGuest.valid();
        for (String marker : List.of(seed.blockBegin(), seed.blockEnd())) {
            Guest declared = SeedGuest.declaration();
            declared.setFstabBase(List.of(marker));
            declared.setModulesConfBase(List.of(marker));
            assertEquals(2, GuestValidator.validate(List.of(declared)).errors().size(), marker);
        }
    }

    // ----------------------------------------------------------------- xm config

    @Test
    void extraConfigIntegersStayBareTheRestAreStringsInKeyOrder() {
        Guest declared = SeedGuest.declaration();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("usbdevice", "tablet");
        extra.put("localtime", "1");
        extra.put("keymap", " en-us ");
        extra.put("shadow_memory", "8");
        extra.put("vnclisten", "0.0.0.0");
        declared.setExtraConfig(extra);
        assertEquals(List.of(new XmSetting("keymap", "en-us"), new XmSetting("localtime", 1), new XmSetting("shadow_memory", 8),
                new XmSetting("usbdevice", "tablet"), new XmSetting("vnclisten", "0.0.0.0")),
                SeedGuest.validOnly(declared).extraConfig());
    }

    @Test
    void anEmptyExtraConfigElementIsAnEmptyString() {
        // <extraConfig><keymap/></extraConfig> reaches the plugin as a null value
        Guest declared = SeedGuest.declaration();
        Map<String, String> extra = new HashMap<>();
        extra.put("keymap", null);
        declared.setExtraConfig(extra);
        assertEquals(List.of(new XmSetting("keymap", "")), SeedGuest.validOnly(declared).extraConfig());
    }

    @Test
    void theXmConfigIsThePluginsSettingsThenExtraConfig() {
        Guest declared = SeedGuest.declaration();
        declared.setUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        declared.setExtraConfig(Map.of("localtime", "1"));
        List<XmSetting> settings = SeedGuest.validOnly(declared).xmConfig();
        assertEquals(List.of("name", "uuid", "builder", "kernel", "device_model", "memory", "vcpus", "pae", "acpi", "apic", "boot",
                "vnc", "vncunused", "serial", "on_poweroff", "on_reboot", "on_crash", "vif", "disk", "localtime"),
                settings.stream().map(XmSetting::key).toList());
        assertEquals(new XmSetting("localtime", 1), settings.get(settings.size() - 1));
    }

    @Test
    void withoutAUuidTheConfigGetsTheOneDerivedFromTheName() {
        ValidGuest guest = SeedGuest.valid();
        assertEquals(List.of(new XmSetting("uuid", "3e6e7e69-9eb9-5422-8b84-501452593cce")),
                guest.xmConfig().stream().filter(setting -> setting.key().equals("uuid")).toList());
        assertTrue(guest.uuidDerived());
        assertEquals(guest.uuid(), SeedGuest.valid().uuid(), "the same name gives the same UUID on every build");
        Guest renamed = SeedGuest.declaration();
        renamed.setName("rhel3_64_fv2");
        assertNotEquals(guest.uuid(), SeedGuest.validOnly(renamed).uuid());
    }

    @Test
    void aNetfrontVifSaysSoAndTheDefaultVifHasNoType() {
        Guest declared = SeedGuest.declaration();
        Network second = new Network();
        second.setMac("00:16:3e:00:00:01");
        second.setType("netfront");
        declared.getNetworks().add(second);
        List<ValidNetwork> networks = SeedGuest.validOnly(declared).networks();
        assertEquals("mac=00:16:3e:5d:c7:9e,bridge=xenbr0", networks.get(0).xmSpec(), "the guide's typeless vif");
        assertFalse(networks.get(0).pvOnly());
        assertEquals("mac=00:16:3e:00:00:01,bridge=xenbr0,type=netfront", networks.get(1).xmSpec());
        assertTrue(networks.get(1).pvOnly());
    }

    @Test
    void theDriverKernelDefaultsToTheOneRedHatBuiltFor() {
        ValidGuest guest = SeedGuest.valid();
        assertEquals("2.4.21-52.EL", guest.driverKernel());
        assertFalse(guest.copiesDriverTree(), "the seed guest runs the driver's kernel");
        assertEquals("/lib/modules/2.4.21-52.EL/extra/xenpv/0.1-5.el", guest.driverDirectory());
        assertEquals(guest.driverDirectory(), guest.moduleDirectory());
        assertEquals(List.of("kmod-xenpv"), guest.driverPackages());
    }

    @Test
    void anErrataKernelGetsACopyOfTheDriverTreeOfItsVariant() {
        Guest declared = SeedGuest.declaration();
        declared.setKernel("2.4.21-57.EL");
        declared.setKernelVariant("smp");
        ValidGuest guest = SeedGuest.validOnly(declared);
        assertTrue(guest.copiesDriverTree());
        assertEquals("2.4.21-52.ELsmp", guest.driverKernelRelease());
        assertEquals("/lib/modules/2.4.21-52.ELsmp/extra/xenpv/0.1-5.el", guest.driverDirectory());
        assertEquals("/lib/modules/2.4.21-57.ELsmp/extra/xenpv/0.1-5.el", guest.moduleDirectory());
        assertEquals(List.of("kmod-xenpv", "kmod-xenpv-smp"), guest.driverPackages());
    }

    @Test
    void bootLoadsThePlatformBlockAndNicDriversButNotTheBalloon() {
        assertEquals(List.of("xen-platform-pci", "xen-vbd", "xen-vnif"), SeedGuest.valid().bootModules());
        Guest noNic = SeedGuest.declaration();
        noNic.setNetworks(List.of());
        assertEquals(List.of("xen-platform-pci", "xen-vbd"), SeedGuest.validOnly(noNic).bootModules());
    }

    @Test
    void aDeclaredUuidIsKeptAndNotDerived() {
        Guest declared = SeedGuest.declaration();
        declared.setUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        ValidGuest guest = SeedGuest.validOnly(declared);
        assertEquals("6ba7b810-9dad-11d1-80b4-00c04fd430c8", guest.uuid());
        assertFalse(guest.uuidDerived());
    }

    @Test
    void everyKeyThePluginWritesButTheOperatorsChoicesIsRefusedInExtraConfig() {
        for (String key : XmConfig.PLUGIN_KEYS) {
            if (XmConfig.OPERATOR_SETTINGS.containsKey(key)) {
                continue;
            }
            Guest declared = SeedGuest.declaration();
            declared.setExtraConfig(Map.of(key, "1"));
            List<Problem> errors = GuestValidator.validate(List.of(declared)).errors();
            assertEquals(List.of("guests/guest[rhel3_64_fv]/extraConfig/" + key), errors.stream().map(Problem::path).toList());
        }
    }

    @Test
    void aRefusedKeyNamesTheElementThatSetsItOnlyWhenThereIsOne() {
        Guest declared = SeedGuest.declaration();
        declared.setExtraConfig(Map.of("memory", "1024", "kernel", "/usr/lib/xen/boot/other", "device_model", "x"));
        assertEquals(List.of(
                "guests/guest[rhel3_64_fv]/extraConfig/device_model: 'device_model' is written by the plugin itself: "
                        + "set it through <dom0Arch>",
                "guests/guest[rhel3_64_fv]/extraConfig/kernel: 'kernel' is written by the plugin itself: the same for "
                        + "every guest, as the move needs it; no element changes it",
                "guests/guest[rhel3_64_fv]/extraConfig/memory: 'memory' is written by the plugin itself: set it through "
                        + "<memory>"),
                GuestValidator.validate(List.of(declared)).errors().stream().map(Problem::toString).toList());
    }

    @Test
    void theOperatorsChoicesReplaceThePluginsDefaultsInPlace() {
        Guest declared = SeedGuest.declaration();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("on_crash", "preserve");
        extra.put("serial", "file:/var/log/xen/rhel3_64_fv.serial");
        extra.put("vncunused", "0");
        extra.put("vncdisplay", "11");
        declared.setExtraConfig(extra);
        List<XmSetting> settings = SeedGuest.validOnly(declared).xmConfig();
        assertEquals(List.of("name", "builder", "kernel", "device_model", "memory", "vcpus", "pae", "acpi", "apic", "boot",
                "vnc", "vncunused", "serial", "on_poweroff", "on_reboot", "on_crash", "vif", "disk", "vncdisplay"),
                settings.stream().map(XmSetting::key).filter(key -> !key.equals("uuid")).toList(), "each key once");
        assertTrue(settings.contains(new XmSetting("on_crash", "preserve")));
        assertTrue(settings.contains(new XmSetting("serial", "file:/var/log/xen/rhel3_64_fv.serial")));
        assertTrue(settings.contains(new XmSetting("vncunused", 0)));
        assertTrue(settings.contains(new XmSetting("vncdisplay", 11)));
        assertTrue(settings.contains(new XmSetting("on_reboot", "restart")), "the others keep the plugin's value");
    }

    @Test
    void anOperatorsChoiceMustBeAValueXmTakes() {
        Guest declared = SeedGuest.declaration();
        declared.setExtraConfig(Map.of("on_crash", "reboot", "vnc", "2"));
        assertEquals(List.of(
                "guests/guest[rhel3_64_fv]/extraConfig/on_crash: 'reboot' is not a value xm takes for on_crash: "
                        + "coredump-destroy, coredump-restart, destroy, preserve, rename-restart, restart",
                "guests/guest[rhel3_64_fv]/extraConfig/vnc: '2' is not a value xm takes for vnc: 0, 1"),
                GuestValidator.validate(List.of(declared)).errors().stream().map(Problem::toString).toList());
    }

    static Guest declared(Guest guest, Disk disk) {
        guest.setDisks(List.of(disk));
        return guest;
    }
}
