package io.github.xenpv.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's order of builds: no kind may always follow the same one. */
class FleetBenchmarkOrderTest {

    private static final List<String> KINDS = List.of("generate", "floor", "filtering", "validate", "no-op");

    @Test
    void everyRunBuildsEachKindOnceAndInFourRunsNoKindFollowsTheSameOneTwice() {
        List<List<String>> pairs = new ArrayList<>();
        for (int run = 1; run <= 4; run++) {
            List<String> order = FleetBenchmark.order(KINDS, run);
            assertEquals(KINDS.size(), order.size(), "run " + run + ": " + order);
            assertEquals(Set.copyOf(KINDS), Set.copyOf(order), "run " + run + ": " + order);
            for (int i = 1; i < order.size(); i++) {
                pairs.add(List.of(order.get(i - 1), order.get(i)));
            }
        }
        assertEquals(16, Set.copyOf(pairs).size(), "four runs of four neighbours, none twice: " + pairs);
        assertTrue(pairs.contains(List.of("validate", "no-op")) && pairs.contains(List.of("generate", "no-op")), pairs::toString);
    }

    @Test
    void theFirstRunIsTheKindsInTheirOrder() {
        assertEquals(KINDS, FleetBenchmark.order(KINDS, 1));
        assertEquals(List.of("floor", "validate", "generate", "filtering", "no-op"), FleetBenchmark.order(KINDS, 2));
    }
}
