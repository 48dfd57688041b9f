package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A script run in a process group of its own (setsid), so that a test can kill the whole run with
 * SIGKILL, as the kernel's OOM killer or {@code kill -9 -PGID} would: the script and whatever
 * command it is running at that moment. The group's id goes to {@code XENPV_TEST_GROUP} for the
 * shims that kill at a given call (see {@link ScratchGuest#killHeader()}); an optional start gate
 * (a FIFO) holds the run until the test opens it, so that two runs start together.
 */
final class GroupRun {

    private final Process process;
    private final Path out;
    private final Path err;
    private final Path groupFile;
    private final List<String> command;

    private GroupRun(Process process, Path out, Path err, Path groupFile, List<String> command) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.groupFile = groupFile;
        this.command = command;
    }

    /** Starts {@code command} in a new session; {@code gate}, when not null, is a FIFO the run reads a line from first. */
    static GroupRun start(List<String> command, Map<String, String> environment, Path directory, Path gate) {
        Checkers.require(Checkers.Tool.SETSID);
        try {
            Path out = Files.createTempFile(directory, "run-", ".out");
            Path err = Files.createTempFile(directory, "run-", ".err");
            Path groupFile = Files.createTempFile(directory, "run-", ".group");
            List<String> wrapped = new ArrayList<>(List.of("setsid", "-w", "sh", "-c",
                    "echo $$ > \"$XENPV_TEST_GROUP\"; [ -z \"$XENPV_TEST_GATE\" ] || read go < \"$XENPV_TEST_GATE\"; exec \"$@\"",
                    "sh"));
            wrapped.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(wrapped)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .directory(directory.toFile());
            builder.environment().put("LC_ALL", "C");
            builder.environment().putAll(environment);
            builder.environment().put("XENPV_TEST_GROUP", groupFile.toString());
            builder.environment().put("XENPV_TEST_GATE", gate == null ? "" : gate.toString());
            return new GroupRun(builder.start(), out, err, groupFile, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the run's whole process group with SIGKILL (once it has one), after checking it is not the build's own. */
    void kill() {
        signal("KILL");
    }

    /** Sends {@code signal} (KILL, TERM, HUP) to the run's whole process group, after checking it is not the build's own. */
    void signal(String signal) {
        try {
            String group = "";
            for (int wait = 0; group.isEmpty() && process.isAlive() && wait < 500; wait++) {
                group = Files.readString(groupFile).strip();
                if (group.isEmpty()) {
                    Thread.sleep(2);
                }
            }
            if (group.isEmpty() || !process.isAlive()) {
                return;
            }
            String own = Files.readString(Path.of("/proc/self/stat"));
            String ownGroup = own.substring(own.lastIndexOf(')') + 2).split(" ")[2];
            if (group.equals(ownGroup)) {
                throw new AssertionError("the run is in the build's own process group " + group + "; not killing it");
            }
            new ProcessBuilder("kill", "-" + signal, "--", "-" + group).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the run to end (killed or not) and returns what it did; exit 137 means SIGKILL. */
    Result await() {
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                kill();
                process.waitFor();
                throw new AssertionError("timed out: " + command);
            }
            Result result = new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(groupFile);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
