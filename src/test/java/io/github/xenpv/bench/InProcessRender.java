package io.github.xenpv.bench;

import io.github.xenpv.bundle.BundleGenerator;
import io.github.xenpv.bundle.GuestBundle;
import io.github.xenpv.model.GuestValidator;
import io.github.xenpv.model.ValidGuest;
import io.github.xenpv.model.Validation;
import io.github.xenpv.render.RenderException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a fleet in this JVM through {@link BundleGenerator}, the way {@code xenpv:generate}
 * does, without Maven around it: the cost of templates alone, once the JIT has warmed up.
 */
final class InProcessRender {

    /** Rendering keeps going until both of these are reached, so the JIT has compiled the hot paths. */
    private static final int WARM_UP_ROUNDS = 3;
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    /**
     * @param millisPerGuest median time to render one guest's bundle into memory, checksums included
     * @param retainedMib heap held by every rendered bundle at once: {@code generate} keeps them all
     *     until the last guest has rendered, so this is the plugin's own share of the build's peak
     */
    record Result(double millisPerGuest, double retainedMib) {
    }

    private InProcessRender() {
    }

    static Result measure(int size, int rounds, Path scratch) throws IOException, RenderException {
        Validation validation = GuestValidator.validate(SyntheticFleet.declarations(size));
        if (!validation.valid()) {
            throw new IllegalStateException("the synthetic fleet does not validate: " + validation.errors());
        }
        List<ValidGuest> guests = validation.guests();
        BundleGenerator generator = new BundleGenerator(scratch, null);

        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int round = 0; round < WARM_UP_ROUNDS || System.nanoTime() < warmUpEnd; round++) {
            generator.render(guests);
        }
        List<Double> millisPerGuest = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            generator.render(guests);
            millisPerGuest.add((System.nanoTime() - start) / 1e6 / size);
        }

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterCollection(memory);
        List<GuestBundle> bundles = generator.render(guests);
        long after = usedAfterCollection(memory);
        Reference.reachabilityFence(bundles);
        return new Result(Statistics.median(millisPerGuest), (after - before) / (1024.0 * 1024.0));
    }

    private static long usedAfterCollection(MemoryMXBean memory) {
        // one collection can leave garbage that a finalizer or reference queue frees in the next
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
