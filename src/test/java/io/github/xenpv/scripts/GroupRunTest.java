package io.github.xenpv.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.xenpv.scripts.ScratchGuest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness the SIGKILL and signal tests stand on: a signal that cannot be sent, or a marker
 * that never comes, fails the test there, saying what the run did, instead of letting the test go
 * on with a run that was never stopped (which is how a signal test once failed under load).
 */
class GroupRunTest {

    @TempDir
    Path scratch;

    @Test
    void aRunHeldAtItsMarkerIsSignalledThereWithItsWholeGroup() throws Exception {
        Path marker = scratch.resolve("held");
        Path gate = scratch.resolve("gate");
        Map<String, String> hold = ScratchGuest.holdEnvironment("insmod", marker, gate);
        // A script with a child, as install-guest.sh waits for the command it runs: both get the signal.
        GroupRun run = GroupRun.start(List.of("sh", "-c", "sh -c ': > \"$XENPV_TEST_HELD\"; read go < \"$XENPV_TEST_HOLD_GATE\"';"
                + " echo not signalled"), hold, scratch, null);
        run.awaitMarker(marker, "the child's hold");
        run.signal("TERM");
        Result stopped = run.await();
        assertEquals(143, stopped.exit(), stopped::describe);
        assertEquals("", stopped.stdout(), stopped::describe);
    }

    /**
     * A build started with nohup ignores HUP, and an ignored signal stays ignored in every child:
     * the HUP test then waited 300 s for a run that could not get it (found under stress-ng, the
     * build run with nohup). A run starts with HUP, INT, QUIT and TERM at their defaults, however
     * the build was started; this shows it only in a build that ignores one of them.
     */
    @Test
    void aRunStartsWithTheStopSignalsAtTheirDefaultsHoweverTheBuildWasStarted() {
        Result run = GroupRun.start(List.of("sh", "-c", "sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status"), Map.of(),
                scratch, null).await();
        assertEquals(0, run.exit(), run::describe);
        long ignored = Long.parseLong(run.stdout().strip(), 16);
        for (int signal : new int[] {1, 2, 3, 15}) {
            assertEquals(0, ignored & 1L << signal - 1, "signal " + signal + " is ignored in the run: " + run.describe());
        }
    }

    @Test
    void signallingARunThatHasEndedFailsNamingTheRun() {
        GroupRun run = GroupRun.start(List.of("sh", "-c", "echo done early"), Map.of(), scratch, null);
        assertEquals(0, run.await().exit());
        AssertionError error = assertThrows(AssertionError.class, () -> run.signal("TERM"));
        assertTrue(error.getMessage().contains("sh -c echo done early"), error.getMessage());
        assertTrue(error.getMessage().contains("done early"), "with what it printed: " + error.getMessage());
    }

    @Test
    void aMarkerTheRunNeverWritesFailsTheWaitWhenTheRunEnds() {
        GroupRun run = GroupRun.start(List.of("sh", "-c", "echo no marker here >&2; exit 3"), Map.of(), scratch, null);
        AssertionError error = assertThrows(AssertionError.class,
                () -> run.awaitMarker(scratch.resolve("never"), "a point the run never reaches"));
        assertTrue(error.getMessage().startsWith("the run ended before a point the run never reaches"), error.getMessage());
        assertTrue(error.getMessage().contains("exit 3") && error.getMessage().contains("no marker here"), error.getMessage());
    }

    @Test
    void aKillAfterTheEndIsReportedAsTooLateNotAsAKill() throws Exception {
        Path marker = scratch.resolve("started");
        GroupRun run = GroupRun.start(List.of("sh", "-c", ": > \"$1\"", "sh", marker.toString()), Map.of(), scratch, null);
        run.awaitMarker(marker, "the start");
        Result ended = run.await();
        assertEquals(0, ended.exit(), ended::describe);
        assertFalse(run.killIfRunning(), "the run had ended: nothing was killed");
        assertTrue(Files.exists(marker));
    }
}
