package io.github.xenpv.property;

import io.github.xenpv.checkers.Checkers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.opentest4j.TestAbortedException;

/**
 * A property test in plain JUnit 5: random cases from a seeded {@link Random}, a check run on each,
 * and on a failure a report that replays it and, where the property can shrink its cases, shows
 * the smallest failing case found.
 *
 * <p>Seeds: a property starts from {@code -Dxenpv.seed=N} when given, else from a fresh random
 * seed, so that every run explores new cases; each try's seed is derived from the one before. The
 * report names the failing try's own seed: {@code -Dxenpv.seed=} that seed replays that very case
 * as the first try. {@code -Dxenpv.tries=N} overrides every property's number of tries (a longer
 * hunt, or {@code 1} to replay one case); {@code -Dxenpv.triesScale=F} multiplies each property's
 * own number instead (the mutation profile runs a quarter of them for each of thousands of mutants).
 *
 * <p>Shrinking: cases are mutable beans, so a smaller case is made by generating the failing case
 * again from its seed and applying the {@link Edit}s kept so far, then one more. An edit is kept
 * when the check still fails the same way: the same exception type thrown from the same line of
 * the project's code, so a shrink cannot slide from one bug into another. Greedy, first fit, until
 * no edit helps or the budget ({@code -Dxenpv.shrinkSeconds}, 60 by default) is spent.
 *
 * @param <T> what a case is, e.g. a list of {@code Guest} beans
 */
public final class Property<T> {

    public static final String SEED = "xenpv.seed";
    public static final String TRIES = "xenpv.tries";
    public static final String TRIES_SCALE = "xenpv.triesScale";
    public static final String SHRINK_SECONDS = "xenpv.shrinkSeconds";
    private static final int MAX_SHRINK_ATTEMPTS = 1000;

    /** The property itself: returns normally when the case holds, throws when it does not. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T value) throws Exception;
    }

    /** One way to make a case smaller, described for the report ("guest[g0]: no disks"). */
    public record Edit<T>(String description, Consumer<T> apply) {
    }

    private final String name;
    private final Function<Random, T> generator;
    private final int tries;
    private Function<T, List<Edit<T>>> shrinks = value -> List.of();
    private Function<T, String> describe = String::valueOf;

    private Property(String name, Function<Random, T> generator, int tries) {
        this.name = name;
        this.generator = generator;
        this.tries = Integer.getInteger(TRIES, (int) Math.max(1, Math.round(tries * Double.parseDouble(System.getProperty(TRIES_SCALE, "1")))));
    }

    /** {@return how many tries {@link #check} runs} */
    public int tries() {
        return tries;
    }

    /** A property named {@code name} (for the report) over cases from {@code generator}, tried {@code tries} times. */
    public static <T> Property<T> of(String name, int tries, Function<Random, T> generator) {
        return new Property<>(name, generator, tries);
    }

    /** The edits that could make a failing case smaller, given its current shape. */
    public Property<T> shrinking(Function<T, List<Edit<T>>> edits) {
        this.shrinks = edits;
        return this;
    }

    /** How a case is shown in the report (by default its {@code toString}). */
    public Property<T> describedBy(Function<T, String> description) {
        this.describe = description;
        return this;
    }

    /**
     * Runs the tries. A check that finds a checker missing skips the whole property (or, with
     * {@code CI=true}, fails it) as the checker does, without shrinking.
     *
     * @throws AssertionError the report of the first failing case, caused by its (shrunk) failure
     */
    public void check(Check<T> check) {
        long first = Long.getLong(SEED, ThreadLocalRandom.current().nextLong());
        long seed = first;
        long started = System.nanoTime();
        double cpu = cpuSeconds();
        for (int i = 0; i < tries; i++) {
            T value = generator.apply(new Random(seed));
            Throwable failure = failure(check, value);
            if (failure != null) {
                throw report(i, seed, value, failure, check);
            }
            seed = next(seed);
        }
        // CPU seconds too: on a shared machine the steadier figure
        System.out.printf(Locale.ROOT, "%s: %d tries passed in %.1f s (%.1f CPU s, child processes included; seed %d)%n", name,
                tries, (System.nanoTime() - started) / 1e9, cpuSeconds() - cpu, first);
    }

    /** This JVM's CPU time plus that of its reaped children (cutime, cstime of /proc/self/stat, in 1/100 s). */
    static double cpuSeconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return jvm + (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException notLinux) {
            return jvm;
        }
    }

    /** Try i+1's seed from try i's (SplitMix64's step): far apart, never the same twice in a run. */
    static long next(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static <T> Throwable failure(Check<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (TestAbortedException | Checkers.Unavailable missing) {
            // a missing checker is no failing case: skipped, or with CI=true failed, as it is
            throw missing;
        } catch (Throwable failed) {
            return failed;
        }
    }

    private AssertionError report(int tryIndex, long seed, T original, Throwable failure, Check<T> check) {
        Shrunk<T> shrunk = shrink(seed, failure, check);
        StringBuilder message = new StringBuilder()
                .append(name).append(" failed on try ").append(tryIndex + 1).append(" of ").append(tries)
                .append(". Replay it: -D").append(SEED).append('=').append(seed).append(" (-D").append(TRIES).append("=1 for it alone)\n");
        if (shrunk.edits().isEmpty()) {
            message.append("The failing case (").append(shrunk.attempts()).append(" smaller ones tried, none failed the same way):\n")
                    .append(describe.apply(original));
        } else {
            message.append("Shrunk in ").append(shrunk.attempts()).append(" attempts by: ")
                    .append(String.join("; ", shrunk.edits().stream().map(Edit::description).toList()))
                    .append("\nThe smallest failing case:\n").append(describe.apply(shrunk.value()));
        }
        message.append("\nIt fails with: ").append(shrunk.failure());
        return new AssertionError(message.toString(), shrunk.failure());
    }

    /** The smallest failing case found, the edits that made it, and its failure. */
    public record Shrunk<T>(T value, List<Edit<T>> edits, Throwable failure, int attempts) {
    }

    /**
     * Shrinks the case that {@code seed} generates and that fails {@code check} with {@code failure}.
     * Public so that a test can show what shrinking does to a known failure.
     */
    public Shrunk<T> shrink(long seed, Throwable failure, Check<T> check) {
        String signature = signature(failure);
        long deadline = System.nanoTime() + (long) (Double.parseDouble(System.getProperty(SHRINK_SECONDS, "60")) * 1e9);
        List<Edit<T>> kept = new ArrayList<>();
        Throwable last = failure;
        int attempts = 0;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (Edit<T> edit : shrinks.apply(generate(seed, kept))) {
                if (attempts >= MAX_SHRINK_ATTEMPTS || System.nanoTime() > deadline) {
                    return new Shrunk<>(generate(seed, kept), kept, last, attempts);
                }
                attempts++;
                List<Edit<T>> trial = new ArrayList<>(kept);
                trial.add(edit);
                Throwable failed = failure(check, generate(seed, trial));
                if (failed != null && signature(failed).equals(signature)) {
                    kept = trial;
                    last = failed;
                    smaller = true;
                    break;
                }
            }
        }
        return new Shrunk<>(generate(seed, kept), kept, last, attempts);
    }

    /** The case that {@code seed} makes, as the first try of a run from that seed sees it. */
    public T generated(long seed) {
        return generate(seed, List.of());
    }

    private T generate(long seed, List<Edit<T>> edits) {
        T value = generator.apply(new Random(seed));
        edits.forEach(edit -> edit.apply().accept(value));
        return value;
    }

    /** What kind of failure, where: the exception's type and the first frame in the project's own code. */
    static String signature(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.github.xenpv.") && !frame.getClassName().startsWith(Property.class.getName())) {
                return failure.getClass().getName() + " at " + frame;
            }
        }
        return failure.getClass().getName();
    }
}
