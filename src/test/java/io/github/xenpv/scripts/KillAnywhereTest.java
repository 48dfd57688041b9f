package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.property.Property;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §13: a run killed with SIGKILL at any moment leaves a root that the next run brings to the
 * same tree as an uninterrupted run, with no temporary file, work folder, lock or run record left.
 * A kill is the whole process group, the script and the command it is running, as {@code kill -9}
 * of the group or the OOM killer would do it; nothing the script does (its EXIT trap) runs then.
 *
 * <p>The matrices are exhaustive: they kill at every call of a command that changes something (see
 * {@link ScratchGuest#WRITERS}; the shims of insmod, mount, uname and mv count too), just before it
 * runs, for the install and for --uninstall, and check that every file the install edits is whole
 * (as before the run or as after it) at that moment, and that the next run converges. The shell
 * turns with each trial so all three see the whole matrix between them. This is the suite's one
 * exhaustive re-run matrix: {@code InstallGuestTest} makes each shim call fail, for what only a
 * failing step shows (its exit, its message, its trap's cleanup), and re-runs after a seeded
 * sample of those failures only.
 *
 * <p>Then at random moments, which also land inside a command: a half-copied temporary file, rpm
 * in the middle of its transaction. A moment is a random delay counted from the run's first
 * writing command (a marker its shim writes), up to how long the rest of an uninterrupted run
 * takes; a run that ends before its kill does not count, and trials go on until
 * {@value #RANDOM_KILLS} runs were killed in the middle. The delays come from a seed, printed;
 * {@code -Dxenpv.seed=N} draws the same delays again (where they land in the run depends on the
 * machine's speed at that moment). After a killed install the next run is an install or an
 * uninstall, in turn. The real rpm runs throughout; the kernel's commands are the shims.
 */
class KillAnywhereTest {

    private static final int RANDOM_KILLS = 24;

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    static Map<String, String> stock;
    static Map<String, String> installed;
    static Map<String, String> uninstalled;
    /** A copy of the root after the uninterrupted install: where every uninstall trial starts. */
    static Path installedRoot;
    static int installPoints;
    static int uninstallPoints;
    /** How long the uninterrupted runs took from their first writing command to their end, in ms. */
    static long installMillis;
    static long uninstallMillis;

    /** One root for every run, so that paths in the shims' /proc/mounts compare equal between runs. */
    static GuestInstall guest;

    @BeforeAll
    static void uninterrupted() throws Exception {
        fixture = GuestInstall.Fixture.create(shared);
        guest = new GuestInstall(fixture, shared.resolve("work"));
        stock = ScratchGuest.snapshot(guest.root);
        Path kills = guest.scratch.resolve("kills");
        installMillis = fromFirstChange(guest, Shell.DASH);
        installed = ScratchGuest.snapshot(guest.root);
        installedRoot = guest.keep(shared.resolve("installed-root"));
        installPoints = Integer.parseInt(Files.readString(kills).strip());
        uninstallMillis = fromFirstChange(guest, Shell.DASH, "--uninstall");
        uninstalled = ScratchGuest.snapshot(guest.root);
        uninstallPoints = Integer.parseInt(Files.readString(kills).strip());
        System.out.printf("SIGKILL matrix: install %d kill points (%d ms uninterrupted from the first), uninstall %d (%d ms)%n",
                installPoints, installMillis, uninstallPoints, uninstallMillis);
        assertTrue(installPoints > 30 && uninstallPoints > 10, installPoints + " / " + uninstallPoints);
    }

    @Test
    void anInstallKilledBeforeAnyCommandThatWritesConvergesWhenRunAgain() throws Exception {
        long started = System.nanoTime();
        for (int point = 1; point <= installPoints; point++) {
            guest.reset();
            Result killed = killedAt(guest, point, GuestInstall.shellInTurn(point));
            String context = "install killed before writing command " + point + "\n" + killed.describe();
            assertEquals(137, killed.exit(), context);
            fixture.assertWholeFiles(stock, installed, ScratchGuest.snapshot(guest.root), context);
            recover(guest, GuestInstall.shellInTurn(point + 1), context);
        }
        System.out.printf("SIGKILL matrix: %d killed installs and their re-runs in %d s%n", installPoints,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    @Test
    void anUninstallKilledBeforeAnyCommandThatWritesConvergesWhenRunAgain() throws Exception {
        long started = System.nanoTime();
        for (int point = 1; point <= uninstallPoints; point++) {
            guest.resetTo(installedRoot);
            Result killed = killedAt(guest, point, GuestInstall.shellInTurn(point), "--uninstall");
            String context = "uninstall killed before writing command " + point + "\n" + killed.describe();
            assertEquals(137, killed.exit(), context);
            fixture.assertWholeFiles(stock, installed, ScratchGuest.snapshot(guest.root), context);
            recoverUninstall(guest, GuestInstall.shellInTurn(point + 1), context);
        }
        System.out.printf("SIGKILL matrix: %d killed uninstalls and their re-runs in %d s%n", uninstallPoints,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    @Test
    void runsKilledAtRandomMomentsConvergeWhenRunAgain() throws Exception {
        long seed = Long.getLong(Property.SEED, new Random().nextLong());
        System.out.printf("SIGKILL at random moments: seed %d (-D%s=%d draws the same delays)%n", seed, Property.SEED, seed);
        Random random = new Random(seed);
        long started = System.nanoTime();
        // The rest of a run after its first change, kept to the fastest seen: a delay past the end
        // kills nothing, so a run that finishes first shortens the horizon of those after it.
        long installHorizon = installMillis;
        long uninstallHorizon = uninstallMillis;
        int killedInTime = 0;
        int trial = 0;
        for (; killedInTime < RANDOM_KILLS; trial++) {
            assertTrue(trial < 3 * RANDOM_KILLS, "only " + killedInTime + " of " + trial + " runs were killed before they ended");
            boolean uninstall = trial % 3 == 2;
            guest.resetTo(uninstall ? installedRoot : fixture.pristine());
            long horizon = uninstall ? uninstallHorizon : installHorizon;
            long delay = random.nextLong(horizon * 9 / 10 + 1);
            Shell shell = GuestInstall.shellInTurn(trial);
            Path marker = guest.scratch.resolve("first-change");
            Files.deleteIfExists(marker);
            Files.deleteIfExists(guest.scratch.resolve("kills"));
            GroupRun run = GroupRun.start(guest.command(shell, uninstall ? new String[] {"--uninstall"} : new String[0]),
                    guest.environment(Map.of("XENPV_TEST_KILL_AT", "-1", "XENPV_TEST_KILL_COUNT",
                            guest.scratch.resolve("kills").toString(), "XENPV_TEST_MARK_AT", "1", "XENPV_TEST_MARKED",
                            marker.toString())), guest.scratch, null);
            run.awaitMarker(marker, "the run's first writing command");
            long marked = System.nanoTime();
            // Not a wait for anything: the delay is the random part of the moment, counted from the marker.
            TimeUnit.MILLISECONDS.sleep(delay);
            boolean killedNow = run.killIfRunning();
            Result killed = run.await();
            String context = (uninstall ? "uninstall" : "install") + " (" + shell + ") killed " + delay
                    + " ms after its first writing command (seed " + seed + ", trial " + trial + ")\n" + killed.describe();
            if (killedNow && killed.exit() == 137) {
                killedInTime++;
                fixture.assertWholeFiles(stock, installed, ScratchGuest.snapshot(guest.root), context);
            } else {
                assertEquals(0, killed.exit(), context);
                long took = (System.nanoTime() - marked) / 1_000_000;
                if (uninstall) {
                    uninstallHorizon = Math.min(uninstallHorizon, took);
                } else {
                    installHorizon = Math.min(installHorizon, took);
                }
            }
            Shell next = GuestInstall.shellInTurn(trial + 1);
            if (uninstall) {
                recoverUninstall(guest, next, context);
            } else if (trial % 3 == 1) {
                assertSucceeded(guest.run(next, "--uninstall"));
                assertNothingLeft(guest, context);
                assertEquals(fixture.edited(stock), fixture.edited(ScratchGuest.snapshot(guest.root)), "uninstall after " + context);
            } else {
                recover(guest, next, context);
            }
        }
        System.out.printf("SIGKILL at random moments (seed %d): %d runs, %d killed before they ended, in %d s%n", seed,
                trial, killedInTime, (System.nanoTime() - started) / 1_000_000_000);
    }

    /**
     * Runs the script uninterrupted on the current root, counting its writing commands in
     * {@code kills}, and returns how long it took from the first of them (its marker) to its end.
     */
    private static long fromFirstChange(GuestInstall guest, Shell shell, String... options) throws IOException {
        Path kills = guest.scratch.resolve("kills");
        Path marker = guest.scratch.resolve("first-change");
        Files.deleteIfExists(kills);
        Files.deleteIfExists(marker);
        GroupRun run = GroupRun.start(guest.command(shell, options), guest.environment(Map.of("XENPV_TEST_KILL_AT", "-1",
                "XENPV_TEST_KILL_COUNT", kills.toString(), "XENPV_TEST_MARK_AT", "1", "XENPV_TEST_MARKED", marker.toString())),
                guest.scratch, null);
        run.awaitMarker(marker, "the run's first writing command");
        long marked = System.nanoTime();
        assertSucceeded(run.await());
        return (System.nanoTime() - marked) / 1_000_000;
    }

    private static Result killedAt(GuestInstall guest, int point, Shell shell, String... options) throws IOException {
        Files.deleteIfExists(guest.scratch.resolve("kills"));
        Map<String, String> environment = new TreeMap<>(guest.environment(Map.of("XENPV_TEST_KILL_AT", Integer.toString(point),
                "XENPV_TEST_KILL_COUNT", guest.scratch.resolve("kills").toString())));
        return GroupRun.start(guest.command(shell, options), environment, guest.scratch, null).await();
    }

    private static void recover(GuestInstall guest, Shell shell, String context) throws IOException {
        Result rerun = guest.run(shell);
        assertEquals(0, rerun.exit(), context + "\nre-run:\n" + rerun.describe());
        assertNothingLeft(guest, context);
        ScratchGuest.assertSameTree(installed, ScratchGuest.snapshot(guest.root), context);
    }

    private static void recoverUninstall(GuestInstall guest, Shell shell, String context) throws IOException {
        Result rerun = guest.run(shell, "--uninstall");
        assertEquals(0, rerun.exit(), context + "\nre-run:\n" + rerun.describe());
        assertNothingLeft(guest, context);
        ScratchGuest.assertSameTree(uninstalled, ScratchGuest.snapshot(guest.root), context);
    }

    private static void assertNothingLeft(GuestInstall guest, String context) throws IOException {
        assertEquals(List.of(), GuestInstall.temporaries(guest.root), "temporary files left in the root\n" + context);
        assertEquals(List.of(), GuestInstall.temporaries(guest.tmp), "work folders left in TMPDIR\n" + context);
    }


    private static void assertSucceeded(Result result) {
        assertEquals(0, result.exit(), result::describe);
    }
}
