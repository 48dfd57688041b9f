package io.github.xenpv.scripts;

import io.github.xenpv.checkers.Checkers;
import io.github.xenpv.scripts.ScratchGuest.Result;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A script run in a process group of its own (setsid), so that a test can kill the whole run with
 * SIGKILL, as the kernel's OOM killer or {@code kill -9 -PGID} would: the script and whatever
 * command it is running at that moment. The group's id goes to {@code XENPV_TEST_GROUP} for the
 * shims that kill at a given call (see {@link ScratchGuest#killHeader()}); an optional start gate
 * (a FIFO) holds the run until the test opens it, so that two runs start together.
 *
 * <p>Nothing here waits for a time to pass: a test waits for a marker the run writes at the point
 * of interest ({@link #awaitMarker}), for the group id the run writes first, or for the run's end,
 * each within {@link ScratchGuest#PATIENCE}, a bound that only a stuck run reaches; past it the
 * test fails with what the run printed so far and what each process of its group is doing.
 */
final class GroupRun {

    private final Process process;
    private final Path out;
    private final Path err;
    private final Path groupFile;
    private final List<String> command;
    private final long started = System.nanoTime();
    /** What the run did, once {@link #await} has seen it end. */
    private Result ended;

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
            // env puts back the stop signals a build started with nohup ignores: the run inherits
            // them, and a shell cannot trap or reset what it was started ignoring
            List<String> wrapped = new ArrayList<>(List.of("setsid", "-w", "env", "--default-signal=HUP,INT,QUIT,TERM", "sh", "-c",
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

    /** Kills the run's whole process group with SIGKILL, after checking it is not the build's own; fails when it cannot. */
    void kill() {
        signal("KILL");
    }

    /**
     * Sends {@code signal} (KILL, TERM, HUP) to the run's whole process group, after checking it is
     * not the build's own. Fails, saying why, when it cannot: the run ended first, or never wrote
     * its group id, or {@code kill} refused.
     */
    void signal(String signal) {
        if (ended != null) {
            throw new AssertionError("cannot send SIG" + signal + ": the run has ended\n" + ended.describe());
        }
        String group = group();
        if (!process.isAlive()) {
            throw new AssertionError("cannot send SIG" + signal + ": the run ended before it\n" + result().describe());
        }
        Result sent = ScratchGuest.run(List.of("kill", "-" + signal, "--", "-" + group), Map.of(), null);
        if (sent.exit() != 0) {
            throw new AssertionError("could not send SIG" + signal + " to the run's process group " + group
                    + (process.isAlive() ? "" : " (the run has ended)") + "\n" + sent.describe() + "\n" + diagnostics());
        }
    }

    /**
     * For a kill at a random moment, which may come after the run has ended: kills the whole group
     * with SIGKILL and returns true, or returns false when the run had already ended. Fails when the
     * run is still there and the kill did not work.
     */
    boolean killIfRunning() {
        if (ended != null) {
            return false;
        }
        String group = group();
        if (!process.isAlive()) {
            return false;
        }
        Result sent = ScratchGuest.run(List.of("kill", "-KILL", "--", "-" + group), Map.of(), null);
        if (sent.exit() == 0) {
            return true;
        }
        try {
            // kill found no process of the group: the run ended between the look and the kill.
            if (process.waitFor(ScratchGuest.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("could not kill the run's process group " + group + "\n" + sent.describe() + "\n"
                + diagnostics());
    }

    /**
     * Waits until {@code marker} exists: a file the run (or one of its shims) creates at the point of
     * interest. Fails, with what the run did, when the run ends first or the wait passes
     * {@link ScratchGuest#PATIENCE}; {@code what} names the point for that message.
     */
    void awaitMarker(Path marker, String what) {
        awaitCondition(marker.getParent(), () -> Files.exists(marker), what + " (marker " + marker + ")");
    }

    /** The run's process group id, once its wrapper has written it; never the build's own group. */
    private String group() {
        awaitCondition(groupFile.getParent(), () -> !read(groupFile).isBlank(),
                "its process group id (in " + groupFile + ")");
        String group = read(groupFile).strip();
        String own = read(Path.of("/proc/self/stat"));
        String ownGroup = own.substring(own.lastIndexOf(')') + 2).split(" ")[2];
        if (group.equals(ownGroup)) {
            throw new AssertionError("the run is in the build's own process group " + group + "; not signalling it");
        }
        return group;
    }

    /**
     * Waits until {@code done}, woken by every change in {@code folder} (inotify, through a
     * WatchService); between changes it looks again every 50 ms only to notice that the run ended.
     */
    private void awaitCondition(Path folder, BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + ScratchGuest.PATIENCE.toNanos();
        try (WatchService watch = folder.getFileSystem().newWatchService()) {
            folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            while (!done.getAsBoolean()) {
                if (!process.isAlive()) {
                    if (done.getAsBoolean()) {
                        return;
                    }
                    Result ended = result();
                    throw new AssertionError("the run ended before " + what + "\n" + ended.describe());
                }
                if (System.nanoTime() > deadline) {
                    String diagnostics = diagnostics();
                    process.destroyForcibly();
                    throw new AssertionError("waited " + ScratchGuest.PATIENCE.toSeconds() + " s for " + what + "\n" + diagnostics);
                }
                WatchKey key = watch.poll(50, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
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
            if (!process.waitFor(ScratchGuest.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                String diagnostics = diagnostics();
                if (process.isAlive() && !read(groupFile).isBlank()) {
                    ScratchGuest.run(List.of("kill", "-KILL", "--", "-" + read(groupFile).strip()), Map.of(), null);
                }
                process.destroyForcibly();
                throw new AssertionError("did not end within " + ScratchGuest.PATIENCE.toSeconds() + " s\n" + diagnostics);
            }
            if (ended == null) {
                ended = result();
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                Files.deleteIfExists(groupFile);
            }
            return ended;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Result result() {
        return ended != null ? ended : new Result(command, process.exitValue(), read(out), read(err));
    }

    /**
     * What a failure message needs: the command, how long it has run, what it printed so far, and
     * each live process of its session with its state and the kernel function it waits in.
     */
    private String diagnostics() {
        StringBuilder text = new StringBuilder("$ " + String.join(" ", command) + "\nrunning for "
                + (System.nanoTime() - started) / 1_000_000 + " ms, "
                + (process.isAlive() ? "alive" : "ended with exit " + process.exitValue()) + "\n--- stdout so far ---\n"
                + read(out).stripTrailing() + "\n--- stderr so far ---\n" + read(err).stripTrailing() + "\n--- its processes ---");
        String group = read(groupFile).strip();
        if (group.isEmpty()) {
            return text.append("\n(no group id written yet)").toString();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(path -> path.getFileName().toString().matches("\\d+")).sorted().forEach(path -> {
                String stat = read(path.resolve("stat"));
                int close = stat.lastIndexOf(')');
                if (close < 0) {
                    return;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                if (fields.length > 3 && fields[3].equals(group)) {
                    text.append('\n').append(path.getFileName()).append(' ').append(fields[0]).append(" wchan=")
                            .append(read(path.resolve("wchan"))).append(' ')
                            .append(read(path.resolve("cmdline")).replace('\0', ' ').strip());
                }
            });
        } catch (IOException e) {
            text.append("\n(cannot list /proc: ").append(e).append(')');
        }
        return text.toString();
    }

    /** A small file's text, or "" when it is gone (a process that ended, a run's file already removed). */
    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
