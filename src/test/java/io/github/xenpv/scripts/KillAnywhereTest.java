package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §13: a run killed with SIGKILL at any moment leaves a root that the next run brings to the
 * same tree as an uninterrupted run, with no temporary file, work folder, lock or run record left.
 * A kill is the whole process group, the script and the command it is running, as {@code kill -9}
 * of the group or the OOM killer would do it; nothing the script does (its EXIT trap) runs then.
 *
 * <p>The matrices kill at every call of a command that changes something (see
 * {@link ScratchGuest#WRITERS}), just before it runs, for the install and for --uninstall; the
 * shell turns with each trial so all three see the whole matrix between them. Then at random
 * moments (a fixed seed, printed), which also land inside a command: a half-copied temporary file,
 * rpm in the middle of its transaction. After a killed install the next run is an install or an
 * uninstall, in turn. The real rpm runs throughout; the kernel's commands are the shims.
 */
class KillAnywhereTest {

    private static final long SEED = 20_011L;
    private static final int RANDOM_KILLS = 24;

    @TempDir
    static Path shared;
    static GuestInstall.Fixture fixture;
    static Map<String, String> stock;
    static Map<String, String> installed;
    static Map<String, String> uninstalled;
    static int installPoints;
    static int uninstallPoints;
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
        Map<String, String> counting = Map.of("XENPV_TEST_KILL_AT", "-1", "XENPV_TEST_KILL_COUNT", kills.toString());
        long started = System.nanoTime();
        assertSucceeded(guest.run(Shell.DASH, counting));
        installMillis = (System.nanoTime() - started) / 1_000_000;
        installed = ScratchGuest.snapshot(guest.root);
        installPoints = Integer.parseInt(Files.readString(kills).strip());
        Files.delete(kills);
        started = System.nanoTime();
        assertSucceeded(guest.run(Shell.DASH, counting, "--uninstall"));
        uninstallMillis = (System.nanoTime() - started) / 1_000_000;
        uninstalled = ScratchGuest.snapshot(guest.root);
        uninstallPoints = Integer.parseInt(Files.readString(kills).strip());
        Files.delete(kills);
        System.out.printf("SIGKILL matrix: install %d kill points (%d ms uninterrupted), uninstall %d (%d ms)%n",
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
            recover(guest, GuestInstall.shellInTurn(point + 1), context);
        }
        System.out.printf("SIGKILL matrix: %d killed installs and their re-runs in %d s%n", installPoints,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    @Test
    void anUninstallKilledBeforeAnyCommandThatWritesConvergesWhenRunAgain() throws Exception {
        long started = System.nanoTime();
        for (int point = 1; point <= uninstallPoints; point++) {
            guest.reset();
            assertSucceeded(guest.run(Shell.DASH));
            Result killed = killedAt(guest, point, GuestInstall.shellInTurn(point), "--uninstall");
            String context = "uninstall killed before writing command " + point + "\n" + killed.describe();
            assertEquals(137, killed.exit(), context);
            recoverUninstall(guest, GuestInstall.shellInTurn(point + 1), context);
        }
        System.out.printf("SIGKILL matrix: %d killed uninstalls and their re-runs in %d s%n", uninstallPoints,
                (System.nanoTime() - started) / 1_000_000_000);
    }

    @Test
    void runsKilledAtRandomMomentsConvergeWhenRunAgain() throws Exception {
        Random random = new Random(SEED);
        long started = System.nanoTime();
        int killedInTime = 0;
        // How long an uninterrupted install takes, kept to the fastest seen (the full installs before
        // the uninstall trials; an uninstall in proportion): the first runs of a build are slower,
        // and a delay past the end of the run kills nothing.
        long fastest = installMillis;
        for (int trial = 0; trial < RANDOM_KILLS; trial++) {
            guest.reset();
            boolean uninstall = trial % 3 == 2;
            if (uninstall) {
                fastest = Math.min(fastest, timed(() -> assertSucceeded(guest.run(Shell.DASH))));
            }
            long horizon = uninstall ? uninstallMillis * fastest / installMillis : fastest;
            long delay = random.nextLong(horizon * 9 / 10 + 1);
            Shell shell = GuestInstall.shellInTurn(trial);
            GroupRun run = GroupRun.start(guest.command(shell, uninstall ? new String[] {"--uninstall"} : new String[0]),
                    guest.environment(Map.of()), guest.scratch, null);
            Thread.sleep(delay);
            run.killIfRunning();
            Result killed = run.await();
            String context = (uninstall ? "uninstall" : "install") + " (" + shell + ") killed after " + delay + " ms (seed "
                    + SEED + ", trial " + trial + ")\n" + killed.describe();
            if (killed.exit() == 137) {
                killedInTime++;
            } else {
                assertEquals(0, killed.exit(), context);
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
        System.out.printf("SIGKILL at random moments (seed %d): %d runs, %d killed before they ended, in %d s%n", SEED,
                RANDOM_KILLS, killedInTime, (System.nanoTime() - started) / 1_000_000_000);
        assertTrue(killedInTime >= RANDOM_KILLS / 2, "most runs must be killed, not finish first: " + killedInTime);
    }

    /** A step that may throw. */
    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} and returns how long it took, in ms. */
    private static long timed(Step step) throws Exception {
        long started = System.nanoTime();
        step.run();
        return (System.nanoTime() - started) / 1_000_000;
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
