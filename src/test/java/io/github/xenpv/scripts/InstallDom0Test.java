package io.github.xenpv.scripts;

import static io.github.xenpv.scripts.ScratchGuest.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install-dom0.sh of the seed guest on a scratch dom0 root, with virsh and xm shims that say
 * what the test tells them ({@code XENPV_TEST_DOMSTATE}, {@code XENPV_TEST_XM_LIST}).
 */
class InstallDom0Test {

    private static final String OLD_CONFIG = """
            name = "rhel3_64_fv"
            builder = "hvm"
            vif = [ "type=ioemu, mac=00:16:3e:5d:c7:9e, bridge=xenbr0" ]
            disk = [ "file:/var/lib/libvirt/images/rhel3_64_fv.dsk,hda,w" ]
            """;

    @TempDir
    static Path shared;
    static Path bundle;

    @TempDir
    Path scratch;
    Path root;
    Path config;
    Path calls;
    Path shims;
    Map<String, String> environment;

    @BeforeAll
    static void generate() throws Exception {
        ScratchGuest.requireRoot();
        bundle = ScratchGuest.generateSeedBundle(shared);
    }

    @BeforeEach
    void scratchDom0() throws IOException {
        root = scratch.resolve("root");
        config = root.resolve("etc/xen/" + NAME);
        Files.createDirectories(config.getParent());
        Files.writeString(config, OLD_CONFIG);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Path images = Files.createDirectories(root.resolve("var/lib/libvirt/images"));
        Files.writeString(images.resolve("rhel3_64_fv.dsk"), "boot disk");
        Files.writeString(images.resolve("UserStorage.dsk"), "PV disk");
        shims = scratch.resolve("shims");
        Files.createDirectories(shims);
        ScratchGuest.shim(shims, "virsh", """
                case $1 in
                    domstate) printf '%s\\n\\n' "$XENPV_TEST_DOMSTATE" ;;
                    start) ;;
                    *) exit 1 ;;
                esac
                """);
        ScratchGuest.shim(shims, "xm", """
                [ -n "$XENPV_TEST_XM_LIST" ] || { echo "Error: Domain '$2' does not exist." >&2; exit 1; }
                printf 'Name                                      ID Mem(MiB) VCPUs State   Time(s)\\n%s\\n' "$XENPV_TEST_XM_LIST"
                """);
        calls = scratch.resolve("calls");
        environment = new TreeMap<>(Map.of("PATH", shims + ":/usr/sbin:/usr/bin:/sbin:/bin",
                "XENPV_TEST_CALLS", calls.toString(), "XENPV_TEST_COUNT", scratch.resolve("count").toString(),
                "XENPV_TEST_DOMSTATE", "shut off", "XENPV_TEST_XM_LIST", "",
                "TMPDIR", Files.createDirectories(scratch.resolve("tmp")).toString()));
    }

    private Result installDom0(String... options) {
        List<String> command = new ArrayList<>(List.of("dash", bundle.resolve("dom0/install-dom0.sh").toString(),
                "--root", root.toString()));
        command.addAll(List.of(options));
        return ScratchGuest.run(command, environment, scratch);
    }

    private String generatedConfig() throws IOException {
        return Files.readString(bundle.resolve("dom0/etc/xen/" + NAME));
    }

    @Test
    void backsUpAndReplacesTheConfigKeepingItsMode() throws Exception {
        Result result = installDom0();
        assertEquals(0, result.exit(), result::describe);
        assertEquals(generatedConfig(), Files.readString(config));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        List<Path> backups = ScratchGuest.backups(config);
        assertEquals(1, backups.size(), backups::toString);
        assertEquals(OLD_CONFIG, Files.readString(backups.get(0)));
        assertTrue(result.stdout().contains("start: skipped"), result.stdout());

        Result again = installDom0();
        assertEquals(0, again.exit(), again::describe);
        assertTrue(again.stdout().contains("config " + config + ": already done"), again.stdout());
        assertEquals(1, ScratchGuest.backups(config).size(), "no new backup");
    }

    /**
     * --start acts on this machine's domains, so it runs only without --root: here in a chroot
     * whose / is the scratch dom0 root (never this machine's own), the shims inside it.
     */
    @Test
    void startRunsVirshStartWhenTheConfigIsThisMachines() throws Exception {
        GuestInstall.copyTree(bundle.resolve("dom0"), root.resolve("bundle"));
        GuestInstall.copyTree(shims, root.resolve("shims"));
        Map<String, String> inside = new TreeMap<>(environment);
        inside.putAll(Map.of("PATH", "/shims:" + Chroot.PATH, "XENPV_TEST_CALLS", "/calls", "XENPV_TEST_COUNT", "/count",
                "TMPDIR", "/tmp"));
        Result started = Chroot.run(root, List.of("dash", "/bundle/install-dom0.sh", "--start"), inside);
        assertEquals(0, started.exit(), started::describe);
        assertEquals(generatedConfig(), Files.readString(config));
        assertTrue(Files.readAllLines(root.resolve("calls")).contains("virsh start " + NAME), "--start runs virsh start");
        assertTrue(started.stdout().contains("start: done"), started.stdout());
    }

    /**
     * Issue 11, case 9: two runs in one second wrote the same backup name, so the second backup
     * overwrote the first. A date shim makes both runs' second the same.
     */
    @Test
    void twoRunsInOneSecondKeepBothBackups() throws Exception {
        ScratchGuest.shim(shims, "date", """
                case $2 in
                    +%Y%m%dT%H%M%SZ) echo 20300101T000000Z ;;
                    *) exec /usr/bin/date "$@" ;;
                esac
                """);
        assertEquals(0, installDom0().exit());
        Files.writeString(config, "# edited by hand after the first run\n");
        Result second = installDom0();
        assertEquals(0, second.exit(), second::describe);
        Path first = config.resolveSibling(NAME + ".xenpv-20300101T000000Z");
        Path next = config.resolveSibling(NAME + ".xenpv-20300101T000000Z-1");
        assertEquals(OLD_CONFIG, Files.readString(first), "the first backup is kept");
        assertEquals("# edited by hand after the first run\n", Files.readString(next), "the second gets a name of its own");
        assertTrue(second.stdout().contains("the old one is kept as " + next), second.stdout());
        assertEquals(2, ScratchGuest.backups(config).size());
    }

    /** Issue 11, case 9: a folder where the config belongs had the new config moved into it, "done" every run. */
    @Test
    void aFolderWhereTheConfigBelongsFailsAndNothingGoesIntoIt() throws Exception {
        Files.delete(config);
        Files.createDirectories(config);
        for (int run = 0; run < 2; run++) {
            Result failed = installDom0();
            assertEquals(1, failed.exit(), failed::describe);
            assertTrue(failed.stderr().contains("install-dom0.sh: step config failed: " + config
                    + " is a folder, not a regular file: move it away first"), failed.stderr());
            try (var inside = Files.list(config)) {
                assertEquals(0, inside.count(), "nothing is moved into the folder");
            }
        }
    }

    /** SPEC §13: virsh start with --root would start, on this machine, a domain whose config went elsewhere. */
    @Test
    void startWithRootIsAUsageErrorBeforeAnything() throws Exception {
        Result refused = installDom0("--start");
        assertEquals(2, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("install-dom0.sh: --start cannot go with --root"), refused.stderr());
        assertTrue(refused.stderr().contains("usage: install-dom0.sh"), refused.stderr());
        assertEquals(OLD_CONFIG, Files.readString(config));
        assertFalse(Files.exists(calls), "no command ran, virsh least of all");
        assertFalse(Files.exists(root.resolve("var/lib/xenpv")), "not even the lock was taken");
    }

    @Test
    void refusesWhileVirshSaysTheDomainRuns() throws Exception {
        environment.put("XENPV_TEST_DOMSTATE", "running");
        Result refused = installDom0();
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("step domain failed: virsh says " + NAME + " is running"), refused.stderr());
        assertEquals(OLD_CONFIG, Files.readString(config));
        assertTrue(Files.readAllLines(calls).stream().noneMatch(call -> call.startsWith("virsh start")));
    }

    @Test
    void refusesWhileXmListsTheDomainRunning() throws Exception {
        environment.put("XENPV_TEST_XM_LIST", NAME + "                                3      512     1 -b----     12.3");
        Result refused = installDom0();
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("step domain failed: xm list shows " + NAME + " as running"), refused.stderr());
        assertEquals(OLD_CONFIG, Files.readString(config));
    }

    @Test
    void acceptsADomainXendManagesButHasNotStarted() {
        environment.put("XENPV_TEST_XM_LIST", NAME + "                                       512     1 ------      0.0");
        Result result = installDom0();
        assertEquals(0, result.exit(), result::describe);
    }

    @Test
    void reportsEveryMissingDiskSourceAndChangesNothing() throws Exception {
        Files.delete(root.resolve("var/lib/libvirt/images/UserStorage.dsk"));
        Files.delete(root.resolve("var/lib/libvirt/images/rhel3_64_fv.dsk"));
        Result refused = installDom0();
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains("disk source " + root + "/var/lib/libvirt/images/UserStorage.dsk is missing"),
                refused.stderr());
        assertTrue(refused.stderr().contains("disk source " + root + "/var/lib/libvirt/images/rhel3_64_fv.dsk is missing"),
                refused.stderr());
        assertTrue(refused.stderr().contains("step disks failed"), refused.stderr());
        assertEquals(OLD_CONFIG, Files.readString(config));
    }

    @Test
    void aDryRunPrintsTheDiffAndChangesNothing() throws Exception {
        Result dry = installDom0("--dry-run");
        assertEquals(0, dry.exit(), dry::describe);
        assertTrue(dry.stdout().contains("-vif = [ \"type=ioemu, mac=00:16:3e:5d:c7:9e, bridge=xenbr0\" ]"), dry.stdout());
        assertTrue(dry.stdout().contains("+vif = [ \"mac=00:16:3e:5d:c7:9e,bridge=xenbr0\" ]"), dry.stdout());
        assertEquals(OLD_CONFIG, Files.readString(config));
        assertEquals(List.of(), ScratchGuest.backups(config));
        assertTrue(Files.readAllLines(calls).stream().noneMatch(call -> call.startsWith("virsh start")));
        assertFalse(Files.exists(root.resolve("var/lib/xenpv")), "a dry run takes no lock");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Result bad = installDom0("--now");
        assertEquals(2, bad.exit(), bad::describe);
        assertTrue(bad.stderr().contains("usage: install-dom0.sh"), bad.stderr());
    }
}
