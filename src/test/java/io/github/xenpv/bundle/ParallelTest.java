package io.github.xenpv.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void theWorkersNeverKeepMavensJvmAlive() throws IOException {
        // a task that ignores the interrupt of a failed build must not keep Maven from exiting
        Thread caller = Thread.currentThread();
        assertEquals(List.of(true, true), Parallel.map(List.of(1, 2),
                item -> Thread.currentThread().isDaemon() || Thread.currentThread() == caller), "a worker is no daemon");
    }

    /**
     * An interrupted caller hands out no more guests: each worker ends with the guest it had, rather
     * than taking the next and waiting on it for ever in a daemon thread nobody joins.
     */
    @Test
    void anInterruptedCallerHandsOutNoMoreGuests() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            // on one core the caller runs the tasks itself, and the first meets the interrupt
            Class<? extends Exception> told = Runtime.getRuntime().availableProcessors() > 1
                    ? InterruptedIOException.class : InterruptedException.class;
            assertThrows(told, () -> Parallel.map(ITEMS, item -> {
                started.incrementAndGet();
                never.await();
                return item;
            }));
        } finally {
            Thread.interrupted();
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("xenpv-")) {
                thread.join(60_000);
                assertFalse(thread.isAlive(), thread + " still waits on a guest it took after the caller was interrupted");
            }
        }
        assertTrue(started.get() <= Runtime.getRuntime().availableProcessors(), started + " guests were started");
    }

    @Test
    void anInterruptedCallerIsToldAndStaysInterrupted() {
        CountDownLatch never = new CountDownLatch(1);
        Thread.currentThread().interrupt();
        try {
            Exception thrown = assertThrows(Exception.class, () -> Parallel.map(List.of(1, 2), item -> {
                never.await();
                return item;
            }));
            if (Runtime.getRuntime().availableProcessors() > 1) {
                assertInstanceOf(InterruptedIOException.class, thrown);
                assertTrue(Thread.currentThread().isInterrupted(), "Maven's thread no longer knows it was interrupted");
            } else {
                assertInstanceOf(InterruptedException.class, thrown, "one core: the task ran in the caller's thread and met the interrupt itself");
            }
        } finally {
            Thread.interrupted();
        }
    }
}
