package io.github.xenpv.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.fixtures.PluginPins;
import io.github.xenpv.fixtures.SeedGuest;
import io.github.xenpv.model.BaseFiles;
import io.github.xenpv.model.EmulatedDisk;
import io.github.xenpv.model.Grub;
import io.github.xenpv.model.Guest;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.Network;
import io.github.xenpv.model.Partition;
import io.github.xenpv.model.ValidGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written pom.xml: the README's layout, only what a user would write, and empty elements said to be filled in. */
class PomWriterTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/rhel3_64_fv");
    private static final PomWriter.Plugin PLUGIN = new PomWriter.Plugin("io.github.xenpv", "xenpv-maven-plugin",
            System.getProperty("xenpv.pluginVersion", "0.1.0-SNAPSHOT"));

    /** What aGuestAwayFromEveryDefaultIsWrittenWholeInTheReadmesLayout writes, the pinned plugins left out. */
    private static final String WHOLE_POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!--
              Written by xenpv:import (xenpv-maven-plugin 1.2.3) from 2 xm configs. import-report.txt beside this
              file says, line by line, what each config and guest root gave: what was kept, changed and
              dropped, and what to fill in. `mvn package` writes each guest's bundle to target/xenpv/<name>/
              and archives it. Change groupId, artifactId and version to your own.
            -->
            <project xmlns="http://maven.apache.org/POM/4.0.0"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
              <modelVersion>4.0.0</modelVersion>

              <groupId>com.example.ops</groupId>
              <artifactId>rhel3-guests</artifactId>
              <version>1.0.0-SNAPSHOT</version>
              <packaging>pom</packaging>

              <properties>
                <project.build.outputTimestamp>1970-01-01T00:00:00Z</project.build.outputTimestamp>
              </properties>

              <build>
                <plugins>
                  <plugin>
                    <groupId>io.github.xenpv</groupId>
                    <artifactId>xenpv-maven-plugin</artifactId>
                    <version>1.2.3</version>
                    <executions>
                      <execution>
                        <goals>
                          <goal>validate</goal>
                          <goal>generate</goal>
                          <goal>bundle</goal>
                        </goals>
                      </execution>
                    </executions>
                    <configuration>
                      <guests>
                        <guest>
                          <name>rhel3_64_fv</name>
                          <arch>x86_64</arch>
                          <kernel>2.6.9-89.EL</kernel>
                          <driverRelease>0.1-5.el</driverRelease>
                          <driverRpm>/srv/rpms/xenpv.rpm</driverRpm>
                          <memory>1024</memory> <!-- fill in: as much as the guest needs -->
                          <dom0Release>5.11</dom0Release>
                          <noapic>false</noapic>
                          <moduleLoading>modprobe.conf</moduleLoading>
                          <bootDisk><source>/var/lib/libvirt/images/rhel3_64_fv.dsk</source></bootDisk>
                          <emulatedDisks>
                            <emulatedDisk><source>/srv/iso/boot.iso</source><device>hdc</device><access>r</access></emulatedDisk>
                            <emulatedDisk><source></source><device>hdd</device></emulatedDisk> <!-- fill in: the scratch disk's file -->
                          </emulatedDisks>
                          <networks>
                            <network><mac>00:16:3e:5d:c7:9e</mac></network>
                            <network><bridge>xenbr1</bridge></network>
                          </networks>
                          <disks>
                            <disk>
                              <source>/var/lib/libvirt/images/UserStorage.dsk</source>
                              <device>xvda</device>
                              <node>xvdb</node>
                              <partitions>
                                <partition><number>1</number><mountPoint>/mnt/pvdisk_p1</mountPoint></partition>
                                <partition><number>2</number><mountPoint>/mnt/pvdisk_p2</mountPoint></partition>
                              </partitions>
                            </disk>
                          </disks>
                          <grub>
                            <title>Old kernel</title>
                            <kernelArgs>quiet</kernelArgs>
                          </grub>
                          <fstabBase>
                            <line>LABEL=/ / ext3 defaults 1 1</line>
                          </fstabBase>
                          <extraConfig>
                            <vnclisten>0.0.0.0</vnclisten>
                          </extraConfig>
                        </guest>
                      </guests>
                    </configuration>
                  </plugin>
                </plugins>
              </build>
            </project>
            """;

    @TempDir
    Path folder;

    /**
     * The seed guest's own files, as dom0 and the guest hold them after the move, import to the
     * build section of examples/seed/pom.xml, the README's example, line for line.
     */
    @Test
    void theSeedGuestImportsToTheReadmesExample() throws Exception {
        ImportFixture fixture = new ImportFixture(folder);
        fixture.root("rhel3_64_fv")
                .file("/etc/fstab", Files.readString(GOLDEN.resolve("guest/etc/fstab")))
                .file("/etc/modules.conf", Files.readString(GOLDEN.resolve("guest/etc/modules.conf")))
                .file("/boot/grub/grub.conf", Files.readString(GOLDEN.resolve("guest/boot/grub/grub.conf")))
                .folder("/lib/modules/2.4.21-52.EL/kernel")
                .node("/dev/xvdb", 202, 0).node("/dev/xvdb1", 202, 1).node("/dev/xvdb2", 202, 2);
        fixture.config("rhel3_64_fv", Files.readString(GOLDEN.resolve("dom0/etc/xen/rhel3_64_fv")));
        FleetValues fleet = new FleetValues(Optional.of("x86_64"), Optional.empty(), Optional.empty(), Optional.of("0.1-5.el"),
                Optional.empty());
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.of(fixture.roots()), fleet);
        String pom = PomWriter.write(result.imported(), 1, PLUGIN, Instant.parse("2026-01-01T00:00:00Z"));
        String example = Files.readString(Path.of("examples/seed/pom.xml"));
        assertEquals(section(example, "  <properties>", "</project>"), section(pom, "  <properties>", "</project>"), pom);
        assertTrue(pom.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n  Written by xenpv:import ("), pom);
        assertTrue(pom.contains("\n  <groupId>com.example.ops</groupId>\n  <artifactId>rhel3-guests</artifactId>\n"
                + "  <version>1.0.0-SNAPSHOT</version>\n  <packaging>pom</packaging>\n"), pom);
    }

    /** Maven 4 warned "Version not locked for default bindings plugins [maven-clean-plugin]" on mvn clean of the written project. */
    @Test
    void theWrittenProjectPinsEveryPluginMavenBindsToIt() throws Exception {
        ImportedConfig config = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1", Optional.empty(),
                Optional.of(SeedGuest.declaration()), Map.of(), java.util.Set.of(), List.of());
        String pom = PomWriter.write(List.of(config), 1, PLUGIN, Instant.EPOCH);
        assertEquals(List.of(), PluginPins.unpinned(pom), pom);
    }

    /**
     * A guest that sets every value away from its default is written whole, in the README's layout
     * and indentation, header comment included: each element in its place, a fill-in note beside a
     * value that is there, an empty uuid and a RHEL 4 driverKernel that is the kernel left out.
     */
    @Test
    void aGuestAwayFromEveryDefaultIsWrittenWholeInTheReadmesLayout() {
        Guest guest = SeedGuest.declaration();
        guest.setKernel("2.6.9-89.EL");
        guest.setDriverKernel("2.6.9-89.EL");
        guest.setDriverRpm("/srv/rpms/xenpv.rpm");
        guest.setMemory("1024");
        guest.setUuid("");
        guest.setDom0Release("5.11");
        guest.setNoapic("false");
        guest.setModuleLoading("modprobe.conf");
        EmulatedDisk cdrom = new EmulatedDisk();
        cdrom.setSource("/srv/iso/boot.iso");
        cdrom.setDevice("hdc");
        cdrom.setAccess("r");
        EmulatedDisk scratch = new EmulatedDisk();
        scratch.setSource("");
        scratch.setDevice("hdd");
        guest.setEmulatedDisks(List.of(cdrom, scratch));
        Network second = new Network();
        second.setBridge("xenbr1");
        guest.setNetworks(List.of(guest.getNetworks().get(0), second));
        Grub grub = new Grub();
        grub.setTitle("Old kernel");
        grub.setKernelArgs("quiet");
        guest.setGrub(grub);
        guest.setFstabBase(List.of("LABEL=/ / ext3 defaults 1 1"));
        guest.setExtraConfig(new LinkedHashMap<>(Map.of("vnclisten", "0.0.0.0")));
        ImportedConfig config = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1", Optional.empty(),
                Optional.of(guest), Map.of("memory", "as much as the guest needs", "emulatedDisks/emulatedDisk[2]/source",
                        "the scratch disk's file"), java.util.Set.of(), List.of());
        String pom = PomWriter.write(List.of(config), 2, new PomWriter.Plugin("io.github.xenpv", "xenpv-maven-plugin", "1.2.3"),
                Instant.EPOCH);
        assertEquals(WHOLE_POM, pom.replaceAll("(?s)    <pluginManagement>.*</pluginManagement>\n", ""), pom);
    }

    private static String section(String text, String from, String to) {
        return text.substring(text.indexOf(from), text.indexOf(to));
    }

    @Test
    void anElementToFillInIsWrittenEmptyWithWhatGoesThere() throws Exception {
        Guest guest = SeedGuest.declaration();
        guest.setArch("");
        guest.getDisks().get(0).setSource("");
        ImportedConfig config = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1", Optional.empty(),
                Optional.of(guest), Map.of("arch", "the guest's architecture -- i686 or x86_64 -", "disks/disk[1]/source",
                        "convert the qcow image"), java.util.Set.of(), List.of());
        String pom = PomWriter.write(List.of(config), 1, PLUGIN, Instant.EPOCH);
        assertTrue(pom.contains("\n              <arch></arch> <!-- fill in: the guest's architecture - - i686 or x86_64 -  -->\n"),
                pom);
        assertTrue(pom.contains("\n                  <source></source> <!-- fill in: convert the qcow image -->\n"), pom);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(pom)));
    }

    @Test
    void valuesAreEscapedAndReadBackAsWritten() throws Exception {
        Guest guest = SeedGuest.declaration();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("vnclisten", "a&b <c> \"d\" 'e'");
        guest.setExtraConfig(extra);
        guest.setFstabBase(List.of("LABEL=/\t/\text3 defaults 1 1", ""));
        ImportedConfig config = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1", Optional.empty(),
                Optional.of(guest), Map.of(), java.util.Set.of(), List.of());
        String pom = PomWriter.write(List.of(config), 1, PLUGIN, Instant.EPOCH);
        assertTrue(pom.contains("<vnclisten>a&amp;b &lt;c&gt; \"d\" 'e'</vnclisten>"), pom);
        Guest bound = MavenBinding.guests(pom).get(0);
        assertEquals(extra, bound.getExtraConfig());
        assertEquals(GuestValidator.validate(List.of(guest)).guests(), GuestValidator.validate(List.of(bound)).guests());
    }

    /**
     * Every value the writer leaves out as a default is the model's default: the guest checks out
     * the same with it and without it. Ties the writer's table to the validator's.
     */
    @Test
    void whatTheWriterLeavesOutIsTheModelsDefault() {
        Map<String, Consumer<Guest>> defaults = new LinkedHashMap<>();
        defaults.put("kernelVariant", g -> g.setKernelVariant(""));
        defaults.put("driverKernel", g -> g.setDriverKernel("2.4.21-52.EL"));
        defaults.put("network/type", g -> g.getNetworks().get(0).setType(""));
        defaults.put("memory", g -> g.setMemory("512"));
        defaults.put("vcpus", g -> g.setVcpus("1"));
        defaults.put("dom0Arch", g -> g.setDom0Arch("x86_64"));
        defaults.put("noapic", g -> g.setNoapic("true"));
        defaults.put("moduleLoading", g -> g.setModuleLoading("rc.modules"));
        defaults.put("bootDisk/device", g -> g.getBootDisk().setDevice("hda"));
        defaults.put("network/bridge", g -> g.getNetworks().get(0).setBridge("xenbr0"));
        defaults.put("disk/node", g -> g.getDisks().get(0).setNode(g.getDisks().get(0).getDevice()));
        // the seed names its node apart from its vdev: compared with no node at all
        defaults.put("disk/access", g -> g.getDisks().get(0).setAccess("w"));
        defaults.put("partition fsType, options, dump, pass", g -> g.getDisks().get(0).getPartitions().forEach(p -> {
            p.setFsType("ext3");
            p.setOptions("defaults");
            p.setDump("1");
            p.setPass("0");
        }));
        defaults.put("swap partition fsType, dump, pass", g -> {
            Partition swap = SeedGuest.partition("3", "swap");
            swap.setFsType("swap");
            swap.setDump("0");
            swap.setPass("0");
            g.getDisks().get(0).getPartitions().add(swap);
        });
        defaults.put("grub", g -> {
            Grub grub = new Grub();
            grub.setTitle("Red Hat Enterprise Linux (2.4.21-52.EL)");
            grub.setRoot("(hd0,0)");
            grub.setRootDevice("LABEL=/");
            grub.setSeparateBoot("true");
            grub.setKernelArgs("");
            g.setGrub(grub);
        });
        defaults.put("fstabBase", g -> g.setFstabBase(BaseFiles.STOCK_FSTAB));
        defaults.put("modulesConfBase", g -> g.setModulesConfBase(List.of()));
        defaults.forEach((name, set) -> {
            Guest without = SeedGuest.declaration();
            Guest with = SeedGuest.declaration();
            if (name.startsWith("swap")) {
                without.getDisks().get(0).getPartitions().add(SeedGuest.partition("3", "swap"));
            }
            if (name.equals("disk/node")) {
                without.getDisks().get(0).setNode(null);
            }
            set.accept(with);
            ValidGuest expected = SeedGuest.validOnly(without);
            assertEquals(expected, SeedGuest.validOnly(with), name);
            ImportedConfig config = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1",
                    Optional.empty(), Optional.of(with), Map.of(), java.util.Set.of(), List.of());
            ImportedConfig plain = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1",
                    Optional.empty(), Optional.of(without), Map.of(), java.util.Set.of(), List.of());
            assertEquals(PomWriter.write(List.of(plain), 1, PLUGIN, Instant.EPOCH),
                    PomWriter.write(List.of(config), 1, PLUGIN, Instant.EPOCH), name + " is written though it is the default");
        });
    }

    @Test
    void noNicIsAnEmptyNetworksElement() throws Exception {
        Guest guest = SeedGuest.declaration();
        guest.setNetworks(new ArrayList<>());
        ImportedConfig config = new ImportedConfig("/etc/xen/x", Optional.of("rhel3_64_fv"), "/etc/xen/x:1", Optional.empty(),
                Optional.of(guest), Map.of(), java.util.Set.of(), List.of());
        String pom = PomWriter.write(List.of(config), 1, PLUGIN, Instant.EPOCH);
        assertTrue(pom.contains("\n              <networks/>\n"), pom);
        assertEquals(List.of(), SeedGuest.validOnly(MavenBinding.guests(pom).get(0)).networks());
        Network withoutMac = new Network();
        guest.setNetworks(List.of(withoutMac, new Network()));
        assertFalse(PomWriter.write(List.of(config), 1, PLUGIN, Instant.EPOCH).contains("<mac>"));
    }
}
