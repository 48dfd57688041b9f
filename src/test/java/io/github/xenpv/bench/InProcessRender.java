package io.github.xenpv.bench;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.BundleWriter;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fleet through {@link BundleGenerator} in this JVM, the way {@code xenpv:generate} runs it,
 * without Maven around it, once the JIT has warmed up: rendering alone, a whole generate into an
 * empty folder, and a generate that finds nothing changed. CPU time counts every thread of the
 * process, so it shows what working side by side costs as well as what it saves.
 */
final class InProcessRender {

    /** Rounds keep going until both of these are reached, so the JIT has compiled the hot paths. */
    private static final int WARM_UP_ROUNDS = 3;
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * Medians per guest.
     *
     * @param renderMillis rendering one guest's bundle into memory, checksums included: CPU milliseconds of
     *     the one thread that renders, which other work on the machine disturbs less than the wall clock
     * @param renderKib memory allocated while rendering one guest, in KiB: a figure the machine's load does not move
     * @param generateMillis a generate into an empty folder: wall milliseconds per guest
     * @param generateCpuMillis the same in CPU milliseconds, every thread of the process
     * @param noOpMillis a generate over its own output, nothing changed: wall milliseconds per guest
     * @param noOpCpuMillis the same in CPU milliseconds
     */
    record Result(double renderMillis, double renderKib, double generateMillis, double generateCpuMillis, double noOpMillis,
            double noOpCpuMillis) {
    }

    private InProcessRender() {
    }

    /** {@code size rounds scratch}: prints one line of figures, for comparing two builds of the plugin by hand. */
    public static void main(String[] args) throws Exception {
        Result result = measure(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.printf(Locale.ROOT, "per guest: render %.3f ms CPU, %.0f KiB allocated; generate %.3f ms (CPU %.3f ms); no-op %.3f ms (CPU %.3f ms)%n",
                result.renderMillis(), result.renderKib(), result.generateMillis(), result.generateCpuMillis(), result.noOpMillis(),
                result.noOpCpuMillis());
    }

    static Result measure(int size, int rounds, Path scratch) throws Exception {
        Validation validation = GuestValidator.validate(SyntheticFleet.declarations(size));
        if (!validation.valid()) {
            throw new IllegalStateException("the synthetic fleet does not validate: " + validation.errors());
        }
        List<ValidGuest> guests = validation.guests();
        Path output = scratch.resolve("xenpv");
        BundleGenerator generator = new BundleGenerator(output, null);

        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int round = 0; round < WARM_UP_ROUNDS || System.nanoTime() < warmUpEnd; round++) {
            generator.render(guests);
            OutputTree.delete(output);
            generator.generate(guests);
            generator.generate(guests);
        }
        List<Double> render = new ArrayList<>();
        List<Double> allocated = new ArrayList<>();
        List<Double> generate = new ArrayList<>();
        List<Double> generateCpu = new ArrayList<>();
        List<Double> noOp = new ArrayList<>();
        List<Double> noOpCpu = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
            generator.render(guests);
            render.add((THREADS.getCurrentThreadCpuTime() - start) / 1e6 / size);
            allocated.add((THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1024.0 / size);

            OutputTree.delete(output);
            Clock fresh = new Clock();
            BundleWriter.Report written = generator.generate(guests);
            fresh.stop(generate, generateCpu, size);
            if (written.rendered().size() != size) {
                throw new IllegalStateException("a generate into an empty folder rendered " + written.rendered().size());
            }

            Clock again = new Clock();
            BundleWriter.Report unchanged = generator.generate(guests);
            again.stop(noOp, noOpCpu, size);
            if (!unchanged.written().isEmpty()) {
                throw new IllegalStateException("a generate with nothing changed wrote " + unchanged.written().size() + " files");
            }
        }
        OutputTree.delete(output);
        return new Result(Statistics.median(render), Statistics.median(allocated), Statistics.median(generate), Statistics.median(generateCpu),
                Statistics.median(noOp), Statistics.median(noOpCpu));
    }

    /** Wall and process CPU time from its creation. */
    private static final class Clock {

        private final long wall = System.nanoTime();
        private final long cpu = cpuNanos();

        void stop(List<Double> wallMillisPerGuest, List<Double> cpuMillisPerGuest, int guests) {
            wallMillisPerGuest.add((System.nanoTime() - wall) / 1e6 / guests);
            cpuMillisPerGuest.add((cpuNanos() - cpu) / 1e6 / guests);
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }
    }
}
