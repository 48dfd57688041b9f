package io.github.xenpv.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.checkers.MiniJson;
import io.github.xenpv.model.Arch;
import io.github.xenpv.model.DeviceNode;
import io.github.xenpv.model.Dom0Arch;
import io.github.xenpv.model.GrubEntry;
import io.github.xenpv.model.DriverSource;
import io.github.xenpv.model.KernelVariant;
import io.github.xenpv.model.Release;
import io.github.xenpv.model.ModuleLoading;
import io.github.xenpv.model.ValidBootDisk;
import io.github.xenpv.model.ValidDisk;
import io.github.xenpv.model.ValidEmulatedDisk;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.ValidNetwork;
import io.github.xenpv.model.ValidPartition;
import io.github.xenpv.model.VifType;
import io.github.xenpv.model.XmConfig;
import io.github.xenpv.model.XmSetting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validation bypassed: a guest built straight from the records, with a hostile value in every
 * string field. The shell scripts must still parse, run without executing any of it (injected
 * code would create a canary file) and hand each value to its command intact; the xm config must
 * still run as Python and hold each value as a string. This proves the quoting in the templates
 * holds on its own, should a rule ever let a bad value through.
 */
class QuotingAloneHoldsTest {

    static final String CANARY = "xenpv-canary";
    static final String UNAME_R = "2.4.21-52.ELsmp";

    /**
     * A value that runs {@code echo >xenpv-canary} in every way sh or Python could be tricked into
     * running it. No {@code /}, so it can name a node under {@code /dev}.
     */
    static String hostile(String field) {
        return field + " a'b\"c $(echo >" + CANARY + ") `echo >" + CANARY + "` ;echo >" + CANARY + "; |echo >" + CANARY
                + " &&echo >" + CANARY + "\necho >" + CANARY + "\r\n# \\ ${HOME} * ~ -x \"\"\"+__import__('os').system('echo >"
                + CANARY + "')+\"\"\" \u2028 \t end";
    }

    static ValidGuest hostileGuest(ModuleLoading loading, boolean withDisks) {
        return hostileGuest(loading, withDisks, Release.RHEL3, DriverSource.KMOD);
    }

    /** The hostile guest as a guest of {@code release} whose drivers come from {@code source}. */
    static ValidGuest hostileGuest(ModuleLoading loading, boolean withDisks, Release release, DriverSource source) {
        List<ValidDisk> disks = withDisks ? List.of(new ValidDisk(0, hostile("source"), hostile("device"),
                new DeviceNode(hostile("disk"), 0, hostile("kernelDisk")), hostile("access"), List.of(
                        new ValidPartition(1, new DeviceNode(hostile("partition"), 1, hostile("kernelPartition")),
                                hostile("mountPoint"), hostile("fsType"), hostile("options"), 1, 2),
                        new ValidPartition(2, new DeviceNode(hostile("swap"), 2, hostile("kernelSwap")), ValidPartition.SWAP,
                                ValidPartition.SWAP, hostile("swapOptions"), 0, 0)))) : List.of();
        ValidBootDisk bootDisk = new ValidBootDisk(hostile("bootSource"), hostile("bootDevice"));
        List<ValidEmulatedDisk> emulatedDisks = List.of(new ValidEmulatedDisk(0, hostile("emulatedSource"),
                hostile("emulatedDevice"), hostile("emulatedAccess")));
        List<ValidNetwork> networks = List.of(new ValidNetwork(0, hostile("mac"), false, hostile("bridge"), VifType.NETFRONT));
        List<XmSetting> extraConfig = List.of(new XmSetting("keymap", hostile("extraConfig")));
        List<XmSetting> xmConfig = XmConfig.settings(new XmConfig.Domain(hostile("name"), hostile("uuid"), Dom0Arch.X86_64,
                512, 1, bootDisk, emulatedDisks, networks, disks), extraConfig);
        boolean kmod = source == DriverSource.KMOD;
        return new ValidGuest(hostile("name"), Arch.X86_64, release, source, hostile("kernel"),
                kmod ? hostile("driverKernel") : null, KernelVariant.SMP,
                kmod ? hostile("driverRelease") : null, kmod ? hostile("driverRpm") : null, 512, 1, hostile("uuid"), false, Dom0Arch.X86_64,
                hostile("dom0Release"), true, loading,
                bootDisk, emulatedDisks, networks, disks,
                new GrubEntry(List.of(hostile("grubHeader")), hostile("title"), hostile("root"), hostile("kernelPath"), hostile("initrdPath"),
                        List.of(hostile("kernelArg"))),
                List.of(hostile("fstabBase")), List.of(hostile("modulesConfBase")), extraConfig, xmConfig, null);
    }

    @TempDir
    Path work;

    Path root;
    Path stubs;

    @BeforeEach
    void scratch() throws IOException {
        root = work.resolve("root");
        Files.createDirectories(root.resolve("dev"));
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/devices"), "Block devices:\n  3 ide0\n202 xvd\n");
        stubs = work.resolve("stubs");
        Files.createDirectories(stubs);
        // Each stub records its name and arguments, separated by \036, one call per \035: values may hold newlines.
        for (String command : List.of("insmod", "mount", "swapon", "touch")) {
            stub(command, "printf '%s\\036' \"$(basename \"$0\")\" \"$@\" >>\"$XENPV_CALLS\"; printf '\\035' >>\"$XENPV_CALLS\"");
        }
        stub("uname", "echo " + UNAME_R);
    }

    @AfterEach
    void noInjectedCodeRan() {
        assertFalse(Files.exists(work.resolve(CANARY)), "a hostile value ran as code: " + CANARY + " exists");
    }

    @Test
    void rcModulesParsesAndLoadsTheModulesFromTheHostileReleaseFolder() throws Exception {
        Path script = write(hostileGuest(ModuleLoading.RC_MODULES, true), "guest/etc/rc.modules");
        parses(script);
        run(script);
        assertEquals(builtInsmods(), calls("insmod"));
    }

    /**
     * What boot loads here: the running kernel's tree ({@link #UNAME_R}, on this machine) has no
     * copy of the driver, so every module comes from the driver kernel's tree, at the hostile path.
     */
    static List<List<String>> builtInsmods() {
        String tree = "/lib/modules/" + hostile("driverKernel") + "smp/extra/xenpv/" + hostile("driverRelease");
        return List.of(List.of("insmod", tree + "/xen-platform-pci.o"), List.of("insmod", tree + "/xen-vbd.o"),
                List.of("insmod", tree + "/xen-vnif.o"));
    }

    @Test
    void rcLocalInRcModulesModeParsesAndRuns() throws Exception {
        Path script = write(hostileGuest(ModuleLoading.RC_MODULES, true), "guest/etc/rc.d/rc.local");
        parses(script);
        run(script);
        assertEquals(builtInsmods(), calls("insmod"));
        assertEquals(List.of(List.of("touch", "/var/lock/subsys/local")), calls("touch"));
    }

    @Test
    void rcLocalInRcLocalModeMountsAndSwapsOnExactlyTheHostileValues() throws Exception {
        Path script = write(hostileGuest(ModuleLoading.RC_LOCAL, true), "guest/etc/rc.d/rc.local");
        parses(script);
        run(script);
        assertEquals(List.of(List.of("mount", hostile("mountPoint"))), calls("mount"));
        assertEquals(List.of(List.of("swapon", "/dev/" + hostile("swap"))), calls("swapon"));
        assertEquals(builtInsmods(), calls("insmod"));
    }

    @Test
    void xenpvMknodCreatesNodesNamedExactlyByTheHostileValues() throws Exception {
        Checkers.requireMknod();
        Path script = write(hostileGuest(ModuleLoading.RC_MODULES, true), "guest" + ValidGuest.NODE_SCRIPT);
        parses(script);
        Result result = run(script);
        assertEquals(0, result.exit, result.output);
        for (String node : List.of(hostile("disk"), hostile("partition"), hostile("swap"))) {
            assertTrue(Files.exists(root.resolve("dev").resolve(node)), () -> "no node " + node + "\n" + result.output);
        }
        try (var listing = Files.list(root.resolve("dev"))) {
            assertEquals(3, listing.count(), "nothing but the three nodes");
        }
    }

    @Test
    void xenpvMknodWithoutDisksNamesTheHostileGuestIntact() throws Exception {
        Path script = write(hostileGuest(ModuleLoading.RC_MODULES, false), "guest" + ValidGuest.NODE_SCRIPT);
        parses(script);
        Result result = run(script);
        assertEquals(0, result.exit, result.output);
        assertEquals("xenpv-mknod: guest " + hostile("name") + " declares no PV disks; no nodes to create\n", result.output);
    }

    @Test
    void xmConfigRunsAsPythonWithEveryHostileStringIntact() throws Exception {
        ValidGuest guest = hostileGuest(ModuleLoading.RC_MODULES, true);
        Path config = write(guest, "dom0/etc/xen/" + guest.name());
        Process python = new ProcessBuilder(Checkers.require(Checkers.Tool.PYTHON3).toString(), "-c",
                "import json, sys\nd = {}\nexec(open(sys.argv[1]).read(), {}, d)\nprint(json.dumps(d))", config.toString())
                .directory(work.toFile()).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.waitFor(), err);
        @SuppressWarnings("unchecked")
        Map<String, Object> defined = (Map<String, Object>) MiniJson.parse(out);
        assertEquals(guest.xmConfig().stream().map(XmSetting::key).toList(), new ArrayList<>(defined.keySet()),
                "the config defines exactly the settings, nothing a value smuggled in");
        for (XmSetting setting : guest.xmConfig()) {
            Object expected = setting.value() instanceof Integer number ? Long.valueOf(number) : setting.value();
            assertEquals(expected, defined.get(setting.key()), setting.key());
        }
        assertEquals(hostile("extraConfig"), defined.get("keymap"));
    }

    @Test
    void everyScriptOfTheBundleStillParses() throws Exception {
        for (ModuleLoading loading : ModuleLoading.values()) {
            ValidGuest guest = hostileGuest(loading, true);
            for (RenderedFile file : new GuestRenderer(new TemplateEngine(null)).render(guest)) {
                if (file.executable()) {
                    parses(write(guest, file.path()));
                }
            }
        }
    }

    @Test
    void anXmKeyThatIsNotAPythonNameCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new XmSetting("x = 1\nimport os\ny", "v"));
        assertThrows(IllegalArgumentException.class, () -> new XmSetting("a b", 1));
    }

    @Test
    void aCommentLineKeepsAHostileNameInsideIt() {
        assertEquals("a? rm -rf ? ? ? x", CommentText.text("a\n rm -rf \r \u2028 \u0085 x"));
        assertEquals("rhel3_64_fv", CommentText.text("rhel3_64_fv"));
    }

    // ----------------------------------------------------------------- helpers

    Path write(ValidGuest guest, String file) throws Exception {
        RenderedFile rendered = new GuestRenderer(new TemplateEngine(null)).render(guest).stream()
                .filter(candidate -> candidate.path().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("the bundle has no " + file));
        Path path = work.resolve("bundle").resolve(file.replace('\n', '_'));
        Files.createDirectories(path.getParent());
        Files.write(path, rendered.content());
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }

    /**
     * Every shell the scripts must run under accepts the syntax. shellcheck is left out on purpose:
     * it rightly flags '$(...)' inside single quotes as a likely mistake, which here is the point.
     */
    void parses(Path script) throws Exception {
        for (Checkers.Shell shell : Checkers.Shell.values()) {
            Result result = exec(shell.command("-n", script.toString()));
            assertEquals(new Result(0, ""), result, shell + " -n on\n" + Files.readString(script));
        }
    }

    Result run(Path script) throws Exception {
        return exec(Checkers.Shell.DASH.command(script.toString()));
    }

    Result exec(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", stubs + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        builder.environment().put("XENPV_ROOT", root.toString());
        builder.environment().put("XENPV_CALLS", work.resolve("calls").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        return new Result(process.exitValue(), output);
    }

    record Result(int exit, String output) {
    }

    /** The recorded calls of one stubbed command, each as its name and arguments. */
    List<List<String>> calls(String command) throws IOException {
        Path log = work.resolve("calls");
        if (!Files.exists(log)) {
            return List.of();
        }
        return Arrays.stream(Files.readString(log).split("\035"))
                .map(call -> Arrays.asList(call.split("\036", -1)))
                .map(fields -> fields.subList(0, fields.size() - 1))
                .filter(fields -> fields.get(0).equals(command))
                .collect(Collectors.toList());
    }

    void stub(String command, String body) throws IOException {
        Path path = stubs.resolve(command);
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
