package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static io.github.xenpv.scripts.ScratchGuest.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §13: one run at a time per root. Two runs started together (each held at a gate until both
 * are ready, then let go at once) on one root: one runs, the other fails at once naming the lock
 * and its holder, and the tree is what one run makes; --uninstall then brings every original back.
 * Half the trials start from a root where kmod-xenpv is already installed, which made the old
 * race (check, then copy the original) most likely. And the locks a killed run leaves: with a
 * holder that no longer runs, with a holder whose pid another process has since, with no holder.
 */
class OneRunAtATimeTest {

    private static final int TRIALS = 20;

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    static GuestInstall.Fixture withDriver;

    @TempDir
    Path scratch;
    GuestInstall guest;
    Path lock;
    final List<Process> bystanders = new ArrayList<>();

    @BeforeAll
    static void roots() throws Exception {
        fixture = GuestInstall.Fixture.create(shared);
        Path installedDriver = shared.resolve("stock-root-with-driver");
        GuestInstall.copyTree(fixture.pristine(), installedDriver);
        Path rpm;
        try (Stream<Path> rpms = Files.list(fixture.bundle().resolve("guest"))) {
            rpm = rpms.filter(path -> path.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
        Result installedRpm = ScratchGuest.run(List.of("rpm", "--root", installedDriver.toString(), "-i", rpm.toString()),
                Map.of(), null);
        assertEquals(0, installedRpm.exit(), installedRpm::describe);
        withDriver = new GuestInstall.Fixture(fixture.bundle(), installedDriver);
    }

    @BeforeEach
    void scratchRoot() throws IOException {
        guest = new GuestInstall(fixture, scratch.resolve("guest"));
        lock = guest.root.resolve("var/lib/xenpv/.lock");
    }

    @AfterEach
    void stopBystanders() {
        bystanders.forEach(Process::destroyForcibly);
    }

    @Test
    void twoRunsAtOnceOneWritesTheOtherSaysWhyAndUninstallBringsTheOriginalsBack() throws Exception {
        GuestInstall withDriverInstall = new GuestInstall(withDriver, scratch.resolve("guest-with-driver"));
        List<GuestInstall> roots = List.of(guest, withDriverInstall);
        List<Map<String, String>> stock = new ArrayList<>();
        List<Map<String, String>> installed = new ArrayList<>();
        for (GuestInstall root : roots) {
            stock.add(ScratchGuest.snapshot(root.root));
            assertSucceeded(root.run(Shell.DASH));
            installed.add(ScratchGuest.snapshot(root.root));
        }
        long started = System.nanoTime();
        int lost = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            GuestInstall root = roots.get(trial % 2);
            root.reset();
            List<Result> results = together(root, GuestInstall.shellInTurn(trial), GuestInstall.shellInTurn(trial + 1));
            String context = "trial " + trial + (trial % 2 == 1 ? " (kmod-xenpv installed before)" : "") + "\n"
                    + results.get(0).describe() + "\n" + results.get(1).describe();
            List<Result> losers = results.stream().filter(result -> result.exit() != 0).toList();
            assertTrue(losers.size() <= 1, "only one run may fail\n" + context);
            for (Result loser : losers) {
                lost++;
                assertEquals(1, loser.exit(), context);
                assertTrue(loser.stderr().contains("install-guest.sh: step lock failed: " + root.root.resolve("var/lib/xenpv/.lock")),
                        "the loser names the lock\n" + context);
                assertTrue(loser.stderr().contains("is held by the run install-guest.sh of guest " + NAME)
                        || loser.stderr().contains("is being taken by another run (pid "), "and its holder\n" + context);
                assertTrue(loser.stderr().contains("one run at a time per root; wait for it to end"), context);
                // the bundle's checksums are read before the lock is taken (they write nothing); nothing else
                assertEquals(List.of(), loser.stdout().lines().filter(line -> !line.startsWith("install-guest.sh: checksums: "))
                        .toList(), "the loser did nothing before it failed\n" + context);
            }
            ScratchGuest.assertSameTree(installed.get(trial % 2), ScratchGuest.snapshot(root.root), context);
            assertEquals(List.of(), GuestInstall.temporaries(root.root), context);

            assertSucceeded(root.run(GuestInstall.shellInTurn(trial), "--uninstall"));
            ScratchGuest.assertSameTree(fixture.edited(stock.get(trial % 2)), fixture.edited(ScratchGuest.snapshot(root.root)),
                    "the originals come back\n" + context);
        }
        System.out.printf("one run at a time: %d trials of two runs at once, %d lost the lock, in %d s%n", TRIALS, lost,
                (System.nanoTime() - started) / 1_000_000_000);
        assertTrue(lost > 0, "the runs never overlapped, so the test showed nothing");
    }

    @Test
    void aLockLeftByAKilledRunIsTakenOverAndSaidSo() throws Exception {
        long dead = deadPid();
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("holder"), dead + " 4242 install-guest.sh of guest " + NAME
                + ", started 2030-01-01T00:00:00Z\n");
        Files.writeString(lock.resolveSibling(".run." + dead), "4242\n");
        Result result = guest.run(Shell.DASH);
        assertSucceeded(result);
        assertTrue(result.stdout().contains("install-guest.sh: lock: " + lock + " was left by the run install-guest.sh of guest "
                + NAME + ", started 2030-01-01T00:00:00Z (pid " + dead + "), which no longer runs: taking it over"), result.stdout());
        assertEquals(List.of(), GuestInstall.temporaries(guest.root), "the stale lock and the dead run's record are gone");
    }

    @Test
    void aHolderWhosePidAnotherProcessHasNowIsStale() throws Exception {
        Process bystander = bystander();
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("holder"), bystander.pid() + " 1 install-dom0.sh of guest other, started 2030-01-01T00:00:00Z\n");
        Result result = guest.run(Shell.BUSYBOX_SH);
        assertSucceeded(result);
        assertTrue(result.stdout().contains("(pid " + bystander.pid() + "), which no longer runs: taking it over"), result.stdout());
        assertFalse(Files.exists(lock));
    }

    @Test
    void aLockWithoutAHolderIsTakenOverWhenNoOtherRunLives() throws Exception {
        Files.createDirectories(lock);
        Files.writeString(lock.resolveSibling(".run." + deadPid()), "");
        Result result = guest.run(Shell.BASH_POSIX);
        assertSucceeded(result);
        assertTrue(result.stdout().contains("install-guest.sh: lock: " + lock
                + " was left by a run killed while it took it: taking it over"), result.stdout());
        assertEquals(List.of(), GuestInstall.temporaries(guest.root));
    }

    @Test
    void aLiveHolderFailsTheRunAtOnceAndNothingChanges() throws Exception {
        Process bystander = bystander();
        Files.createDirectories(lock);
        String holder = bystander.pid() + " " + startTime(bystander.pid()) + " install-guest.sh of guest " + NAME
                + ", started 2030-01-01T00:00:00Z\n";
        Files.writeString(lock.resolve("holder"), holder);
        Map<String, String> before = ScratchGuest.snapshot(guest.root);
        Result refused = guest.run(Shell.DASH);
        assertEquals(1, refused.exit(), refused::describe);
        assertEquals("install-guest.sh: step lock failed: " + lock + " is held by the run install-guest.sh of guest " + NAME
                + ", started 2030-01-01T00:00:00Z (pid " + bystander.pid() + "): one run at a time per root; wait for it to end\n",
                refused.stderr());
        ScratchGuest.assertSameTree(before, ScratchGuest.snapshot(guest.root), "the refused run changed the root");
        assertEquals(holder, Files.readString(lock.resolve("holder")));
    }

    @Test
    void aLockWithoutAHolderWhileAnotherRunLivesFailsTheRun() throws Exception {
        Process bystander = bystander();
        Files.createDirectories(lock);
        Files.writeString(lock.resolveSibling(".run." + bystander.pid()), startTime(bystander.pid()) + "\n");
        Result refused = guest.run(Shell.DASH, "--uninstall");
        assertEquals(1, refused.exit(), refused::describe);
        assertTrue(refused.stderr().contains(lock + " is being taken by another run (pid " + bystander.pid() + ")"), refused.stderr());
        assertTrue(Files.isDirectory(lock), "a lock being taken is left alone");
    }

    /**
     * The lock and every temporary file go when a run ends on TERM or HUP (the shell runs its trap
     * once the command it waits for ends). The run is held inside its first insmod (the shim marks
     * the moment and waits), with the lock taken and files already changed, and signalled there.
     */
    @Test
    void aRunStoppedByASignalReleasesTheLock() throws Exception {
        Map<String, String> stock = fixture.edited(ScratchGuest.snapshot(guest.root));
        for (String signal : List.of("TERM", "HUP")) {
            for (Shell shell : Shell.values()) {
                guest.reset();
                Path held = guest.scratch.resolve("held");
                Path gate = guest.scratch.resolve("hold-gate");
                Files.deleteIfExists(held);
                Files.deleteIfExists(gate);
                GroupRun run = GroupRun.start(guest.command(shell),
                        guest.environment(ScratchGuest.holdEnvironment("insmod", held, gate)), guest.scratch, null);
                run.awaitMarker(held, "the run's first insmod");
                assertTrue(Files.isDirectory(lock), "the run holds the lock while it is held in insmod");
                run.signal(signal);
                Result stopped = run.await();
                String context = signal + " (" + shell + ")\n" + stopped.describe();
                assertEquals(1, stopped.exit(), "the trap ends the run with exit 1\n" + context);
                assertTrue(stopped.stdout().contains("install-guest.sh: rpm: done") && !stopped.stdout().contains("verify"),
                        "stopped in the middle\n" + context);
                assertEquals(List.of(), GuestInstall.temporaries(guest.root), "no lock, record or temporary file\n" + context);
                assertEquals(List.of(), GuestInstall.temporaries(guest.tmp), "no work folder\n" + context);
                assertSucceeded(guest.run(shell, "--uninstall"));
                assertEquals(stock, fixture.edited(ScratchGuest.snapshot(guest.root)), context);
            }
        }
    }

    /**
     * Two runs at once on a root with a stale lock: at most one takes it over and writes. When one
     * finished, the tree is already what one run makes; when neither did, a later run finishes the job.
     */
    @Test
    void twoRunsAtOnceOnAStaleLockNeverBothWrite() throws Exception {
        assertSucceeded(guest.run(Shell.DASH));
        Map<String, String> installed = ScratchGuest.snapshot(guest.root);
        for (int trial = 0; trial < 6; trial++) {
            guest.reset();
            Files.createDirectories(lock);
            Files.writeString(lock.resolve("holder"), deadPid() + " 1 install-guest.sh of guest " + NAME + ", started then\n");
            List<Result> results = together(guest, GuestInstall.shellInTurn(trial), GuestInstall.shellInTurn(trial + 2));
            String context = "trial " + trial + "\n" + results.get(0).describe() + "\n" + results.get(1).describe();
            assertTrue(results.stream().filter(result -> result.exit() == 0).count() <= 1, context);
            for (Result result : results) {
                assertTrue(result.exit() == 0 || result.stderr().contains("step lock failed"), context);
            }
            if (results.stream().noneMatch(result -> result.exit() == 0)) {
                assertSucceeded(guest.run(GuestInstall.shellInTurn(trial)));
            }
            ScratchGuest.assertSameTree(installed, ScratchGuest.snapshot(guest.root), context);
            assertEquals(List.of(), GuestInstall.temporaries(guest.root), context);
        }
    }

    /** Starts two installs on one root, each held at a FIFO until both wait there, lets them go together, and waits for both. */
    private static List<Result> together(GuestInstall root, Shell first, Shell second) throws Exception {
        List<Path> gates = List.of(root.scratch.resolve("gate-1"), root.scratch.resolve("gate-2"));
        for (Path gate : gates) {
            Files.deleteIfExists(gate);
            Result made = ScratchGuest.run(List.of("mkfifo", gate.toString()), Map.of(), null);
            assertEquals(0, made.exit(), made::describe);
        }
        GroupRun one = GroupRun.start(root.command(first), root.environment(Map.of()), root.scratch, gates.get(0));
        GroupRun two = GroupRun.start(root.command(second), root.environment(Map.of()), root.scratch, gates.get(1));
        // Opening a FIFO to write waits for its reader: once both are open, both runs wait at their gate.
        try (FileOutputStream gateOne = new FileOutputStream(gates.get(0).toFile());
                FileOutputStream gateTwo = new FileOutputStream(gates.get(1).toFile())) {
            gateOne.write("go\n".getBytes(StandardCharsets.US_ASCII));
            gateTwo.write("go\n".getBytes(StandardCharsets.US_ASCII));
        }
        return List.of(one.await(), two.await());
    }

    /** A live process that is no run of the scripts: cat, waiting for input on a pipe that stays open until the test ends. */
    private Process bystander() throws IOException {
        Process bystander = new ProcessBuilder("cat").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        bystanders.add(bystander);
        return bystander;
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        return ended.pid();
    }

    /** A process's start time in clock ticks since boot: /proc/PID/stat's 22nd field, as the scripts read it. */
    private static String startTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    private static void assertSucceeded(Result result) {
        assertEquals(0, result.exit(), result::describe);
    }
}
