package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Guests worked on side by side give their results in order, and fail as one after the other would. */
class ParallelTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 200).boxed().toList();

    @Test
    void resultsComeInTheItemsOrder() throws IOException {
        assertEquals(ITEMS.stream().map(item -> item * 2).toList(), Parallel.map(ITEMS, item -> item * 2));
    }

    @Test
    void theEarliestFailureIsThrownOnceEveryTaskHasEnded() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        IOException thrown = assertThrows(IOException.class, () -> Parallel.map(ITEMS, item -> {
            running.incrementAndGet();
            try {
                // whichever of the two fails first in time, the earlier item is the one reported
                if (item == 199) {
                    throw new IOException("item 199");
                }
                if (item == 150) {
                    throw new IOException("item 150");
                }
                return item;
            } finally {
                ended.incrementAndGet();
            }
        }));
        assertEquals("item 150", thrown.getMessage());
        assertEquals(ITEMS.size(), ended.get(), "a task was still running, or never ran");
        assertEquals(running.get(), ended.get());
    }
}
