package io.github.xenpv.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

import io.github.xenpv.checkers.Checkers.FstabEntry;
import io.github.xenpv.checkers.Checkers.GrubConfig;
import io.github.xenpv.checkers.Checkers.GrubImage;
import io.github.xenpv.checkers.Checkers.XmConfig;

/**
 * Proves each checker both accepts a good file (with the values the real tool read back)
 * and rejects a bad one, so a green generator test means something.
 */
class CheckersTest {

    static Path fixture(String name) {
        URL url = CheckersTest.class.getResource("/checkers/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that the checker fails, and that its message carries the tool's words. A missing
     * tool is not a rejection: its skip (or, with CI=true, its failure) goes through as it is.
     */
    static AssertionError assertRejected(Runnable check, String... expected) {
        AssertionError e = rejection(check);
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s),
                    () -> "expected '" + s + "' in the failure message:\n" + e.getMessage());
        }
        return e;
    }

    private static AssertionError rejection(Runnable check) {
        try {
            check.run();
        } catch (TestAbortedException | Checkers.Unavailable missing) {
            throw missing;
        } catch (AssertionError rejected) {
            return rejected;
        }
        throw new AssertionError("the checker accepted the file");
    }

    @Nested
    class XmConfigChecker {

        @Test
        void seedExampleParsesWithPythonAndLibxl() {
            XmConfig c = Checkers.xmConfig(fixture("xm-good.cfg"));

            assertEquals("rhel3_64_fv", c.string("name"));
            assertEquals("hvm", c.string("builder"));
            assertEquals("/usr/lib/xen/boot/hvmloader", c.string("kernel"));
            assertEquals("/usr/lib64/xen/bin/qemu-dm", c.string("device_model"));
            assertEquals(512, c.number("memory"));
            assertEquals(1, c.number("vcpus"));
            for (String k : List.of("pae", "acpi", "apic", "vnc", "vncunused")) {
                assertEquals(1, c.number(k), k);
            }
            assertEquals("c", c.string("boot"));
            assertEquals("pty", c.string("serial"));
            assertEquals("destroy", c.string("on_poweroff"));
            assertEquals("restart", c.string("on_reboot"));
            assertEquals("restart", c.string("on_crash"));

            assertEquals(List.of("mac=00:16:3e:5d:c7:9e,bridge=xenbr0"), c.vif());
            assertEquals(List.of("file:/var/lib/libvirt/images/rhel3_64_fv.dsk,hda,w",
                    "tap:aio:/var/lib/libvirt/images/UserStorage.dsk,xvda,w"), c.disk());

            // what Python saw
            assertEquals(512L, c.python().get("memory"));
            assertEquals("rhel3_64_fv", c.python().get("name"));
            assertEquals(c.vif(), c.python().get("vif"));
            assertEquals(c.disk(), c.python().get("disk"));
            assertEquals(18, c.python().size(), () -> "names: " + c.python().keySet());

            // what xlu_disk_parse made of each disk
            assertEquals(2, c.disks().size());
            Map<String, Object> boot = c.disks().get(0);
            assertEquals("/var/lib/libvirt/images/rhel3_64_fv.dsk", boot.get("pdev_path"));
            assertEquals("hda", boot.get("vdev"));
            assertEquals("raw", boot.get("format"));
            assertEquals(1L, boot.get("readwrite"));
            Map<String, Object> pv = c.disks().get(1);
            assertEquals("/var/lib/libvirt/images/UserStorage.dsk", pv.get("pdev_path"));
            assertEquals("xvda", pv.get("vdev"));
            assertEquals("raw", pv.get("format"));
            assertEquals(1L, pv.get("readwrite"));
        }

        @Test
        void phyAndReadOnlyDisks() {
            XmConfig c = Checkers.xmConfig(fixture("xm-phy-readonly.cfg"));
            assertEquals(List.of(), c.vif());
            assertEquals("/dev/sdb", c.disks().get(1).get("pdev_path"));
            assertEquals("xvdb", c.disks().get(1).get("vdev"));
            assertNull(c.disks().get(1).get("readwrite"), "r: libxl leaves readwrite at 0");
            assertEquals(1L, c.disks().get(0).get("readwrite"));
        }

        @Test
        void pythonSyntaxError() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-python-syntax.cfg")),
                    "Python cannot parse", "was never closed", "xlu_cfg_readfile");
        }

        @Test
        void validPythonThatLibxlCannotParse() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-libxl-syntax.cfg")),
                    "libxlutil cannot parse", "lexical error");
        }

        @Test
        void pythonCodeIsReportedByLibxl() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-python-expr.cfg")),
                    "Config file looks like it contains Python code");
            assertRejected(() -> Checkers.xmConfig(fixture("xm-python-code.cfg")),
                    "'os'", "not a value xl's parser can hold", "contains Python code");
        }

        @Test
        void unknownDiskPrefix() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-bad-disk-prefix.cfg")),
                    "xlu_disk_parse", "unknown deprecated disk prefix", "foo:");
        }

        @Test
        void badAccessMode() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-bad-disk-access.cfg")),
                    "unknown value for access");
        }

        @Test
        void missingVdev() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-bad-disk-novdev.cfg")),
                    "no vdev specified");
        }

        @Test
        void vifMustBeAList() {
            assertRejected(() -> Checkers.xmConfig(fixture("xm-vif-not-list.cfg")),
                    "'vif' must be a list of str");
        }
    }

    @Nested
    class GrubConfChecker {

        @Test
        void seedExampleParsesWithPygrub() {
            GrubConfig g = Checkers.grubConf(fixture("grub-good.conf"));
            assertEquals(0, g.defaultEntry());
            assertEquals(10, g.timeout());
            assertEquals(List.of(new GrubImage("Red Hat Enterprise Linux (2.4.21-52.EL)", "(hd0,0)",
                    "/vmlinuz-2.4.21-52.EL", "ro root=LABEL=/ noapic", "/initrd-2.4.21-52.EL.img")),
                    g.images());
        }

        @Test
        void stockRhel3FileWithSplashAndHiddenmenu() {
            GrubConfig g = Checkers.grubConf(fixture("grub-stock-rhel3.conf"));
            assertEquals(2, g.images().size());
            assertEquals("/vmlinuz-2.4.21-52.EL", g.images().get(1).kernel());
            assertTrue(g.images().get(1).args().endsWith(" noapic"));
        }

        @Test
        void unknownDirective() {
            assertRejected(() -> Checkers.grubConf(fixture("grub-unknown-directive.conf")),
                    "Unknown directive bootdelay");
        }

        @Test
        void unknownImageDirective() {
            assertRejected(() -> Checkers.grubConf(fixture("grub-unknown-image-directive.conf")),
                    "Unknown image directive initramfs");
        }

        @Test
        void defaultPastLastImage() {
            assertRejected(() -> Checkers.grubConf(fixture("grub-default-past-end.conf")),
                    "default=1 but there are only 1 image(s)");
        }
    }

    @Nested
    class FstabChecker {

        @Test
        void stockLinesAndPvDisk() {
            List<FstabEntry> f = Checkers.fstab(fixture("fstab-good"));
            assertEquals(7, f.size());
            assertEquals(new FstabEntry("LABEL=/", "/", "ext3", "defaults", 1, 1), f.get(0));
            assertEquals(new FstabEntry("none", "/dev/pts", "devpts", "gid=5,mode=620", 0, 0),
                    f.get(2));
            assertEquals(new FstabEntry("/dev/hda3", "swap", "swap", "defaults", 0, 0), f.get(5));
            assertEquals(new FstabEntry("/dev/xvdb1", "/mnt/pvdisk_p1", "ext3", "defaults", 1, 2),
                    f.get(6));
        }

        @Test
        void lineWithoutMountPoint() {
            assertRejected(() -> Checkers.fstab(fixture("fstab-broken-line")),
                    "parse error at line 2");
        }

        @Test
        void nonNumericPass() {
            assertRejected(() -> Checkers.fstab(fixture("fstab-bad-pass")),
                    "parse error at line 2");
        }
    }

    @Nested
    class ModulesConfChecker {

        @Test
        void pvNetworkAlias() {
            assertEquals(List.of("alias eth0 xen_vnif"),
                    Checkers.modulesConf(fixture("modules-good.conf")));
        }

        @Test
        void baseLinesKeptInOrder() {
            assertEquals(List.of("alias parport_lowlevel parport_pc",
                    "alias usb_controller usb_uhci", "alias eth0 xen_vnif", "alias eth1 xen_vnif"),
                    Checkers.modulesConf(fixture("modules-base.conf")));
        }

        @Test
        void aliasWithoutModule() {
            assertRejected(() -> Checkers.modulesConf(fixture("modules-bad-line.conf")),
                    "line 2: ignoring bad line starting with 'alias'");
        }

        @Test
        void modutilsOnlyDirectiveIsNotModprobeSyntax() {
            assertRejected(() -> Checkers.modulesConf(fixture("modules-modutils-only.conf")),
                    "ignoring bad line starting with 'post-install'");
        }
    }

    @Nested
    class ShellScriptChecker {

        @Test
        void posixScriptPassesAllFour() {
            Checkers.shellScript(fixture("script-good.sh"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"script-double-bracket.sh:SC3010", "script-local.sh:SC3043",
                "script-unquoted.sh:SC2086"})
        void shellcheckCatchesWhatSyntaxChecksMiss(String spec) {
            String[] p = spec.split(":");
            AssertionError e = assertRejected(() -> Checkers.shellScript(fixture(p[0])), p[1]);
            // only shellcheck complains: the shells' -n accept these
            assertFalse(e.getMessage().contains("dash -n"), e::getMessage);
            assertFalse(e.getMessage().contains("busybox sh -n"), e::getMessage);
            assertFalse(e.getMessage().contains("--posix -n"), e::getMessage);
        }

        @Test
        void syntaxErrorFailsEveryShell() {
            assertRejected(() -> Checkers.shellScript(fixture("script-syntax-error.sh")),
                    "shellcheck", "dash -n", "busybox sh -n", "bash --posix -n",
                    "end of file unexpected");
        }
    }

    /** A property test hands each checker all the files of a try at once: each result is the one of its own file. */
    @Nested
    class ManyFilesInOneRun {

        @org.junit.jupiter.api.io.TempDir
        Path files;

        @Test
        void eachFileGetsItsOwnReading() throws java.io.IOException {
            Path good = fixture("xm-good.cfg");
            Path readOnly = fixture("xm-phy-readonly.cfg");
            Map<Path, XmConfig> xm = Checkers.xmConfigs(List.of(readOnly, good));
            assertEquals(List.of(readOnly, good), List.copyOf(xm.keySet()));
            assertEquals(Checkers.xmConfig(good), xm.get(good));
            assertEquals(Checkers.xmConfig(readOnly), xm.get(readOnly));

            Path stock = fixture("grub-stock-rhel3.conf");
            Map<Path, GrubConfig> grub = Checkers.grubConfs(List.of(fixture("grub-good.conf"), stock));
            assertEquals(2, grub.get(stock).images().size());
            assertEquals(1, grub.get(fixture("grub-good.conf")).images().size());

            // findmnt lists the tables as one: the first file's 7 lines are its entries, the next one's its own
            Path proc = write("a/fstab", "# only /proc\nnone /proc proc defaults 0 0\n");
            Map<Path, List<FstabEntry>> fstab = Checkers.fstabs(List.of(fixture("fstab-good"), proc, fixture("fstab-good")));
            assertEquals(Checkers.fstab(fixture("fstab-good")), fstab.get(fixture("fstab-good")));
            assertEquals(List.of(new FstabEntry("none", "/proc", "proc", "defaults", 0, 0)), fstab.get(proc));

            // files of the same name (every bundle's is modules.conf), each read
            Path base = write("a/modules.conf", "alias parport_lowlevel parport_pc\n# alias eth1 e100\noptions e1000 Speed=100\n"
                    + "alias usb-controller usb-uhci\n");
            Path pv = write("b/modules.conf", "alias eth0 xen-vnif\n");
            Map<Path, List<String>> aliases = Checkers.modulesConfs(List.of(base, pv));
            assertEquals(List.of("alias parport_lowlevel parport_pc", "alias usb_controller usb_uhci"), aliases.get(base));
            assertEquals(List.of("alias eth0 xen_vnif"), aliases.get(pv));
            assertEquals(Map.of(), Checkers.modulesConfs(List.of()));
        }

        private Path write(String name, String text) throws java.io.IOException {
            Path file = files.resolve(name);
            java.nio.file.Files.createDirectories(file.getParent());
            return java.nio.file.Files.writeString(file, text);
        }

        @Test
        void aBadFileAmongGoodOnesFailsNamingIt() {
            Path bad = fixture("fstab-broken-line");
            AssertionError fstab = assertRejected(() -> Checkers.fstabs(List.of(fixture("fstab-good"), bad)),
                    bad + ": parse error at line 2");
            assertTrue(fstab.getMessage().contains("--- " + bad + " ---"), "the bad file is shown: " + fstab.getMessage());
            assertFalse(fstab.getMessage().contains("--- " + fixture("fstab-good") + " ---"), "the good one is not");

            Path modules = fixture("modules-bad-line.conf");
            assertRejected(() -> Checkers.modulesConfs(List.of(fixture("modules-good.conf"), modules)),
                    modules + " line 2: ignoring bad line starting with 'alias'");
            assertRejected(() -> Checkers.xmConfigs(List.of(fixture("xm-good.cfg"), fixture("xm-bad-disk-prefix.cfg"))),
                    fixture("xm-bad-disk-prefix.cfg") + " is not a clean xm/xl config", "unknown deprecated disk prefix");
            assertRejected(() -> Checkers.grubConfs(List.of(fixture("grub-unknown-directive.conf"), fixture("grub-good.conf"))),
                    fixture("grub-unknown-directive.conf") + " is not clean for pygrub", "Unknown directive bootdelay");
            AssertionError scripts = assertRejected(() -> Checkers.shellScripts(List.of(fixture("script-good.sh"),
                    fixture("script-syntax-error.sh"))), "$ dash -n " + fixture("script-syntax-error.sh"),
                    "$ busybox sh -n " + fixture("script-syntax-error.sh"), "$ bash --posix -n " + fixture("script-syntax-error.sh"));
            assertFalse(scripts.getMessage().contains("-n " + fixture("script-good.sh")), scripts::getMessage);
        }
    }

    @Test
    void everyToolNamesItsDebianPackage() {
        for (Checkers.Tool t : Checkers.Tool.values()) {
            assertFalse(t.debianPackage().isBlank(), t.name());
            assertFalse(t.label().isBlank(), t.name());
        }
        assertEquals("libxenmisc4.17", Checkers.Tool.LIBXLUTIL.debianPackage());
        assertEquals("libxlutil.so.4.17", Checkers.Tool.LIBXLUTIL.label());
        assertEquals("xen-utils-4.17", Checkers.Tool.PYGRUB.debianPackage());
        assertEquals("kmod", Checkers.Tool.MODPROBE.debianPackage());
        assertEquals("modprobe", Checkers.Tool.MODPROBE.label());
        assertEquals("rpm", Checkers.Tool.RPMBUILD.debianPackage());
    }

    @Test
    void theToolTableHoldsExactlyTheTools() {
        // .ci/run installs the packages of this table: a row without a Tool is a package CI installs for nothing
        assertEquals(Arrays.stream(Checkers.Tool.values()).map(Enum::name).toList(),
                List.copyOf(Checkers.ToolTable.ROWS.keySet()));
    }

    @Test
    void aMissingCheckerSkipsNamingItsPackageOutsideCiAndFailsUnderCi() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8);
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Checkers.unavailable("shellcheck is not installed", "apt-get install shellcheck", false, err));
        assertEquals("SKIPPED: shellcheck is not installed: apt-get install shellcheck", skipped.getMessage());
        assertEquals("SKIPPED: shellcheck is not installed: apt-get install shellcheck\n", log.toString(StandardCharsets.UTF_8),
                "a skip is said where the user sees it");
        Checkers.Unavailable failed = assertThrows(Checkers.Unavailable.class,
                () -> Checkers.unavailable("shellcheck is not installed", "apt-get install shellcheck", true, err));
        assertEquals("CI=true but shellcheck is not installed: apt-get install shellcheck", failed.getMessage());
    }

    @Test
    void everySkipGoesThroughUnavailableSoNoneIsSilentUnderCi() throws Exception {
        // an Assumptions call of a test's own skipped under CI=true too (QuotingAloneHoldsTest's mknod probe did)
        List<String> skipping = new java.util.ArrayList<>();
        try (var sources = java.nio.file.Files.walk(Paths.get("src/test/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = java.nio.file.Files.readString(source);
                boolean exempt = source.endsWith("Checkers.java") || source.endsWith("CheckersTest.java"); // the one way, and this test
                if (!exempt && (text.contains("Assumptions") || text.contains("assumeTrue")
                        || text.contains("assumeFalse") || text.contains("TestAbortedException("))) {
                    skipping.add(source.toString());
                }
            }
        }
        assertEquals(List.of(), skipping, "skip through Checkers.require / requireMknod / unavailable instead");
    }

    @Test
    void shellsAreCalledAsScriptsCallThem() {
        assertEquals(List.of("dash", "busybox sh", "bash --posix"),
                Arrays.stream(Checkers.Shell.values()).map(Checkers.Shell::toString).toList());
    }
}
