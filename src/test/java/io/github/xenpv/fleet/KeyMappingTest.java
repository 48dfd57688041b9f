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

import io.github.xenpv.model.Guest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every key of an xm config other than disk and vif, into the declaration or the report. */
class KeyMappingTest extends ImportTestCase {

    /** An HVM guest as small as xm takes it; tests add or replace lines. */
    static final String MINIMAL = """
            name = "web"
            builder = "hvm"
            memory = 512
            disk = [ "phy:/dev/vg/web,hda,w" ]
            vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]
            """;

    private ImportedConfig imported(String extra) throws Exception {
        return fixture.one("web", MINIMAL + extra);
    }

    private static Guest guest(ImportedConfig config) {
        assertFalse(config.failed(), () -> ImportFixture.lines(config));
        return config.guest().orElseThrow();
    }

    @Test
    void aConfigWithoutDisksLeavesTheBootDiskToFillIn() throws Exception {
        ImportedConfig config = fixture.one("web", "name = 'web'\nbuilder = 'hvm'\nmemory = 512\nvif = [ ]\n");
        line(config, "disk", CHECK, "not set: the guest has no disk");
        line(config, "disk", CHECK, "no disk to boot from: fill in <bootDisk><source>");
        assertEquals("", config.guest().orElseThrow().getBootDisk().getSource());
        assertTrue(config.fillIns().containsKey("bootDisk/source"), () -> ImportFixture.lines(config));
    }

    @Test
    void fleetValuesWithoutAGuestRootAreReportedAsKept() throws Exception {
        ImportedConfig config = fixture.one("web", MINIMAL, new FleetValues(Optional.of("i686"), Optional.of("2.4.21-52.EL"),
                Optional.of("smp"), Optional.of("0.1-5.el"), Optional.empty()));
        assertEquals("smp", guest(config).getKernelVariant());
        line(config, "kernelVariant", KEPT, "'smp' from xenpv.import.kernelVariant");
        line(config, "driverRelease", KEPT, "<driverRelease>0.1-5.el</driverRelease> from xenpv.import.driverRelease");
    }

    @Test
    void nameUuidMemoryAndVcpusAreKeptExactly() throws Exception {
        ImportedConfig config = fixture.one("web", """
                name = 'web'
                uuid = "8A4F7B0E-2C1D-4B6E-9F3A-0D5C6E7F8A9B"
                memory = 1024
                vcpus = 2
                builder = "hvm"
                disk = [ "phy:/dev/vg/web,hda,w" ]
                vif = [ ]
                """);
        Guest guest = guest(config);
        assertEquals("web", guest.getName());
        assertEquals("8A4F7B0E-2C1D-4B6E-9F3A-0D5C6E7F8A9B", guest.getUuid());
        assertEquals("1024", guest.getMemory());
        assertEquals("2", guest.getVcpus());
        assertTrue(line(config, "name", KEPT).where().endsWith("/etc/xen/web:1"));
        line(config, "uuid", KEPT, "<uuid>8A4F7B0E-2C1D-4B6E-9F3A-0D5C6E7F8A9B</uuid>");
        line(config, "memory", KEPT, "<memory>1024</memory>");
        noLine(config, "uuid", CHANGED);
        ImportedConfig noUuid = imported("");
        assertNull(guest(noUuid).getUuid());
        line(noUuid, "uuid", CHANGED, "not set: xend makes up a new UUID each time", "derives a fixed one from the name");
    }

    @Test
    void theUuidThePluginDerivesIsLeftOutAsTheDefault() throws Exception {
        String derived = io.github.xenpv.model.DomainUuid.derived("web");
        ImportedConfig config = imported("uuid = \"" + derived.toUpperCase(java.util.Locale.ROOT) + "\"\n");
        assertNull(guest(config).getUuid());
        line(config, "uuid", KEPT, "the UUID the plugin derives from the name");
    }

    @Test
    void memoryNotSetIsXmsDefaultWrittenOut() throws Exception {
        ImportedConfig config = fixture.one("web", MINIMAL.replace("memory = 512\n", ""));
        assertEquals("128", guest(config).getMemory());
        assertTrue(line(config, "memory", KEPT, "xm's default, 128 MiB").where().endsWith("/etc/xen/web"));
    }

    @Test
    void aValueXmWouldComputeIsKeptAsWrittenForAPersonToFix() throws Exception {
        ImportedConfig config = fixture.one("web", MINIMAL.replace("memory = 512", "memory = 256 * 2"));
        assertEquals("256 * 2", guest(config).getMemory());
        line(config, "memory", CHECK, "'256 * 2' (code, not a literal)", "write the value");
        assertTrue(config.fillIns().containsKey("memory"));
    }

    @Test
    void aStringOfDigitsIsAMemorySizeAsXmsSetIntTakesIt() throws Exception {
        assertEquals("768", guest(fixture.one("web", MINIMAL.replace("memory = 512", "memory = \"768\""))).getMemory());
    }

    @Test
    void builderMustBeHvm() throws Exception {
        line(imported(""), "builder", KEPT, "hvm, as the plugin writes it");
        ImportedConfig computed = fixture.one("c", MINIMAL.replace("\"hvm\"", "kind").replace("\"web\"", "\"c\""));
        assertTrue(computed.failed());
        line(computed, "builder", FAILED, "'kind' (code, not a literal) is not a literal: the import never runs a config");
    }

    @Test
    void aParaVirtualizedGuestIsSkippedWithOneLineAndNothingElse() throws Exception {
        fixture.config("web", MINIMAL);
        fixture.config("pv", "name = \"pv\"\nmemory = 512\nbootloader = \"/usr/bin/pygrub\"\n"
                + "disk = [ \"phy:/dev/vg/pv,xvda,w\" ]\nvif = [ \"mac=00:16:3e:3a:7d:02,bridge=xenbr0\" ]\n");
        fixture.config("linux", "name = \"linux\"\nbuilder = 'linux'\nkernel = \"/boot/vmlinuz-xen\"\n");
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.empty(), ImportFixture.FLEET);
        assertEquals(List.of("web"), result.configs().stream().map(config -> config.name().orElseThrow()).toList(),
                "a PV guest is no config of the import: no heading, no lines, no name: kept");
        assertEquals(List.of(
                fixture.configs().resolve("linux") + ":2: builder: skipped: a para-virtualized guest (builder 'linux'), "
                        + "not an HVM one: it runs the PV drivers already, and the plugin moves fully virtualized guests "
                        + "onto them",
                fixture.configs().resolve("pv") + ": builder: skipped: a para-virtualized guest (builder not set: xm's "
                        + "linux, bootloader '/usr/bin/pygrub'), not an HVM one: it runs the PV drivers already, and the "
                        + "plugin moves fully virtualized guests onto them"),
                result.notHvm().stream().map(ReportLine::toString).toList());
        assertTrue(result.failed().isEmpty());
        String report = ImportReport.render(result, "1.2.3");
        assertTrue(report.contains("\nconfigs: 3 read, 1 imported into pom.xml, 0 failed, 2 skipped (not HVM guests)\n"),
                report);
        assertTrue(report.contains("\n== configs skipped: not HVM guests\n" + result.notHvm().get(0) + "\n"
                + result.notHvm().get(1) + "\n"), report);
    }

    @Test
    void aParaVirtualizedGuestWithABootloaderThatIsNoTextIsSkippedAllTheSame() throws Exception {
        fixture.config("pv", "name = \"pv\"\nmemory = 512\nbootloader = 1\n");
        FleetImportResult result = FleetImport.run(List.of(fixture.configs()), Optional.empty(), ImportFixture.FLEET);
        assertEquals(List.of(fixture.configs().resolve("pv") + ": builder: skipped: a para-virtualized guest (builder "
                        + "not set: xm's linux), not an HVM one: it runs the PV drivers already, and the plugin moves "
                        + "fully virtualized guests onto them"),
                result.notHvm().stream().map(ReportLine::toString).toList());
    }

    @Test
    void nameIsRequiredALiteralAndOneThePluginTakes() throws Exception {
        line(fixture.one("a", MINIMAL.replace("name = \"web\"\n", "")), "name", FAILED, "not set");
        line(fixture.one("b", MINIMAL.replace("name = \"web\"", "name = 'web' + suffix")), "name", FAILED,
                "''web' + suffix' (code, not a literal) is not a string");
        ImportedConfig refused = fixture.one("c", MINIMAL.replace("name = \"web\"", "name = \"web server\""));
        assertTrue(refused.failed());
        assertTrue(line(refused, "name", FAILED, "must be 1 to 64 letters").where().endsWith("/etc/xen/c:1"));
    }

    @Test
    void deviceModelsFolderIsDom0Arch() throws Exception {
        ImportedConfig lib64 = imported("device_model = \"/usr/lib64/xen/bin/qemu-dm\"\n");
        assertNull(guest(lib64).getDom0Arch());
        line(lib64, "device_model", KEPT, "dom0Arch x86_64, the default");
        ImportedConfig lib = imported("device_model = \"/usr/lib/xen/bin/qemu-dm\"\n");
        assertEquals("i386", guest(lib).getDom0Arch());
        line(lib, "device_model", KEPT, "<dom0Arch>i386</dom0Arch>");
        ImportedConfig wrapper = imported("device_model = \"/usr/lib/xen/bin/qemu-dm-wrapper\"\n");
        assertEquals("i386", guest(wrapper).getDom0Arch());
        line(wrapper, "device_model", CHANGED, "is in /usr/lib", "the plugin writes /usr/lib/xen/bin/qemu-dm");
        ImportedConfig other = imported("device_model = \"/opt/qemu-dm\"\n");
        assertNull(guest(other).getDom0Arch());
        line(other, "device_model", CHANGED, "the plugin writes /usr/lib64/xen/bin/qemu-dm");
        line(imported(""), "device_model", CHANGED, "not set");
    }

    @Test
    void keysThePluginWritesAreKeptWhenEqualAndReportedWhenNot() throws Exception {
        ImportedConfig same = imported("""
                kernel = "/usr/lib/xen/boot/hvmloader"
                pae = 1
                acpi = 1
                apic = 1
                boot = "c"
                vnc = 1
                vncunused = 1
                serial = "pty"
                on_poweroff = "destroy"
                on_reboot = "restart"
                on_crash = "restart"
                """);
        for (String key : List.of("kernel", "pae", "acpi", "apic", "boot", "vnc", "vncunused", "serial", "on_poweroff",
                "on_reboot", "on_crash")) {
            line(same, key, KEPT, "as the plugin writes it");
        }
        assertNull(guest(same).getExtraConfig());
        ImportedConfig other = imported("""
                pae = 0
                boot = "dc"
                """);
        line(other, "pae", CHANGED, "the number 0: the plugin writes pae = 1");
        line(other, "boot", CHANGED, "the string 'dc': the plugin writes boot = \"c\" (the guest boots from its hard disk)");
    }

    @Test
    void theOperatorsConsolesAndCrashActionAreKeptInExtraConfig() throws Exception {
        ImportedConfig config = imported("""
                on_crash = "preserve"
                serial = "file:/var/log/xen/web.serial"
                vncunused = 0
                vncdisplay = 11
                on_reboot = "reboot"
                """);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("on_crash", "preserve");
        expected.put("serial", "file:/var/log/xen/web.serial");
        expected.put("vncunused", "0");
        expected.put("vncdisplay", "11");
        assertEquals(expected, guest(config).getExtraConfig(), "the fixed VNC port stays");
        for (String key : List.of("on_crash", "serial", "vncunused", "vncdisplay")) {
            line(config, key, KEPT, "in <extraConfig>");
        }
        line(config, "on_reboot", DROPPED, "<extraConfig> cannot hold it: 'reboot' is not a value xm takes for on_reboot");
    }

    @Test
    void keysWhoseAbsenceDiffersFromWhatThePluginWritesAreReported() throws Exception {
        ImportedConfig config = imported("");
        line(config, "kernel", CHANGED, "not set", "hvmloader");
        line(config, "vnc", CHANGED, "not set (xm's default is no VNC console)", "vnc = 1");
        line(config, "serial", CHANGED, "not set (xm's default is no serial console)", "serial = \"pty\"");
        noLine(config, "pae", CHANGED);
        noLine(config, "on_reboot", CHANGED);
    }

    @Test
    void everyOtherKeyGoesIntoExtraConfigWhereItCan() throws Exception {
        ImportedConfig config = imported("""
                maxmem = 1024
                keymap = "en-us"
                vnclisten = "0.0.0.0"
                localtime = "1"
                usb = True
                stdvga = None
                pci = [ "0000:00:1d.0" ]
                cpus = cpu_list()
                rtc_timeoffset = -3600
                serial_title = "se\\"cret"
                """);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("maxmem", "1024");
        expected.put("keymap", "en-us");
        expected.put("vnclisten", "0.0.0.0");
        expected.put("localtime", "1");
        expected.put("usb", "1");
        assertEquals(expected, guest(config).getExtraConfig());
        line(config, "maxmem", KEPT, "in <extraConfig>");
        line(config, "localtime", CHANGED, "the string '1' goes into <extraConfig>, which writes digits as a number");
        line(config, "usb", CHANGED, "True goes into <extraConfig> as 1");
        line(config, "stdvga", DROPPED, "None is the same as not setting it");
        line(config, "pci", DROPPED, "a list: <extraConfig> holds a number or a string", "/etc/xen/web");
        line(config, "cpus", DROPPED, "'cpu_list()' (code, not a literal): the import reads literal values only");
        line(config, "rtc_timeoffset", DROPPED, "<extraConfig> cannot hold it", "negative number");
        line(config, "serial_title", DROPPED, "<extraConfig> cannot hold it", "printable ASCII without '\"'");
        noLine(config, "serial_title", KEPT);
    }

    /** Set twice on one line, a key has two lines at one place: the one that said it went into <extraConfig> is replaced. */
    @Test
    void whatExtraConfigCannotHoldIsDroppedWhereverTheKeyIsSetAgain() throws Exception {
        ImportedConfig config = imported("rtc_timeoffset = 0; rtc_timeoffset = -3600\n");
        assertNull(guest(config).getExtraConfig());
        line(config, "rtc_timeoffset", DROPPED, "set again on line 6, which counts");
        line(config, "rtc_timeoffset", DROPPED, "<extraConfig> cannot hold it", "negative number");
        noLine(config, "rtc_timeoffset", KEPT);
    }

    /** A password's ${property} of a name the plugin refuses: its key had no kept line, the dropped one is added. */
    @Test
    void aPasswordOfAGuestWhoseNameFailsIsDroppedToo() throws Exception {
        ImportedConfig config = fixture.one("web", MINIMAL.replace("name = \"web\"", "name = 'we\"b'") + "vncpasswd = 's3cret'\n");
        assertTrue(config.failed());
        line(config, "name", FAILED);
        line(config, "vncpasswd", DROPPED, "<extraConfig> cannot hold it");
    }

    @Test
    void aReportLineStaysOneLineWhateverTheValue() throws Exception {
        ImportedConfig config = imported("description = '''two\nlines'''\n");
        ReportLine line = line(config, "description", DROPPED, "<extraConfig> cannot hold it");
        assertTrue(line.toString().contains("'two\\nlines' cannot be an xm string"), line.toString());
        assertEquals(1, line.toString().lines().count());
    }

    @Test
    void theOldCdromKeyAndNicsCountAreDropped() throws Exception {
        ImportedConfig config = imported("cdrom = \"/dev/cdrom\"\nnics = 1\n");
        line(config, "cdrom", DROPPED, "Xen 3.0.3 and later ignore it");
        line(config, "nics", DROPPED, "one NIC per vif entry");
        assertNull(guest(config).getExtraConfig());
    }

    @Test
    void aKeySetTwiceCountsAsItsLastValueAndTheFirstIsReported() throws Exception {
        ImportedConfig config = fixture.one("web", MINIMAL + "memory = 2048\n");
        assertEquals("2048", guest(config).getMemory());
        ReportLine first = line(config, "memory", DROPPED, "set again on line 6, which counts");
        assertTrue(first.where().endsWith("/etc/xen/web:3"));
    }

    @Test
    void statementsAreNeverRunAndCodeFailsTheConfig() throws Exception {
        ImportedConfig harmless = fixture.one("web", "import os\n\"\"\"RHEL 3 web server.\"\"\"\n" + MINIMAL);
        assertFalse(harmless.failed());
        line(harmless, "import", DROPPED, "'import os' is not run");
        line(harmless, "\"\"\"RHEL 3 web server.\"\"\"", DROPPED, "a value on its own has no effect");
        ImportedConfig code = fixture.one("code", MINIMAL.replace("\"web\"", "\"code\"")
                + "if os.path.exists('/dev/vg/data'):\n    disk.append('phy:/dev/vg/data,hdb,w')\n");
        assertTrue(code.failed());
        line(code, "if", FAILED, "is code that xm would run and that may set any key");
    }

    @Test
    void anOperatorSettingPastAnIntIsNoValueOfItsOwn() throws Exception {
        // 2^31 has 32 bits: as an int it would wrap to -2147483648 and go to <extraConfig> as the operator's choice.
        ImportedConfig config = imported("vnc = 2147483648\n");
        assertNull(guest(config).getExtraConfig());
        line(config, "vnc", CHANGED, "the plugin writes vnc = 1");
    }

    @Test
    void whatPythonCannotParseFailsTheConfigWithItsLine() throws Exception {
        ImportedConfig config = fixture.one("web", MINIMAL + "vnc = 'yes\n");
        assertTrue(config.failed());
        assertTrue(line(config, "syntax", FAILED, "without its closing quote").where().endsWith("/etc/xen/web:6"));
    }

    @Test
    void fleetValuesFillWhatNoConfigSays() throws Exception {
        ImportedConfig config = imported("");
        Guest guest = guest(config);
        assertEquals("i686", guest.getArch());
        assertEquals("0.1-5.el", guest.getDriverRelease());
        assertEquals("2.4.21-52.EL", guest.getKernel());
        line(config, "kernel", KEPT, "from xenpv.import.kernel");
        line(config, "kernelVariant", CHECK, "the declaration says uniprocessor");

        ImportedConfig none = fixture.one("bare", MINIMAL.replace("\"web\"", "\"bare\""), FleetValues.none());
        Guest bare = guest(none);
        assertEquals("", bare.getArch());
        assertEquals("", bare.getDriverRelease());
        assertEquals("", bare.getKernel());
        assertEquals(List.of("arch", "driverRelease", "kernel"), none.fillIns().keySet().stream().sorted().toList());
        line(none, "arch", CHECK, "-Dxenpv.import.arch");

        FleetValues smp = new FleetValues(Optional.of("i686"), Optional.of("2.4.21-52.EL"), Optional.of("smp"),
                Optional.of("0.1-5.el"), Optional.empty());
        assertEquals("smp", guest(fixture.one("smp", MINIMAL.replace("\"web\"", "\"smp\""), smp)).getKernelVariant());
    }
}
