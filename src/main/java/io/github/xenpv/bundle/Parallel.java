package io.github.xenpv.bundle;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work on guests side by side, one thread per core: guests share nothing while they render, are
 * compared and staged, or are written, so a build uses every core the machine gives it.
 */
final class Parallel {

    /** One guest's work; {@code E} is what else than an {@link IOException} it may throw (a {@code RenderException}). */
    @FunctionalInterface
    interface Task<T, R, E extends Exception> {
        R run(T item) throws IOException, E;
    }

    private Parallel() {
    }

    /**
     * Runs {@code task} on every item and returns the results in the items' order. Once every task
     * has ended (none keeps writing after this returns), the failure of the earliest failed item is
     * thrown: the same as one after the other would have met first.
     */
    @SuppressWarnings("unchecked")
    static <T, R, E extends Exception> List<R> map(List<T> items, Task<T, R, E> task) throws IOException, E {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), items.size());
        if (threads <= 1) {
            List<R> results = new ArrayList<>(items.size());
            for (T item : items) {
                results.add(task.run(item));
            }
            return results;
        }
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "xenpv-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // each worker takes the next item until none is left: one task per worker rather than per item,
        // so the caller wakes once, not once per guest
        Object[] results = new Object[items.size()];
        Throwable[] failures = new Throwable[items.size()];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(threads);
        try {
            for (int worker = 0; worker < threads; worker++) {
                pool.execute(() -> {
                    try {
                        for (int i; (i = next.getAndIncrement()) < items.size(); ) {
                            try {
                                results[i] = task.run(items.get(i));
                            } catch (Throwable e) {
                                failures[i] = e;
                            }
                        }
                    } finally {
                        ended.countDown();
                    }
                });
            }
            try {
                ended.await();
            } catch (InterruptedException e) {
                next.set(items.size());
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while guests were worked on");
            }
            for (Throwable first : failures) {
                if (first instanceof IOException e) {
                    throw e;
                } else if (first instanceof RuntimeException e) {
                    throw e;
                } else if (first instanceof Error e) {
                    throw e;
                } else if (first != null) {
                    // the one other kind a task declares
                    throw (E) first;
                }
            }
            List<R> ordered = new ArrayList<>(items.size());
            for (Object result : results) {
                ordered.add((R) result);
            }
            return ordered;
        } finally {
            pool.shutdownNow();
        }
    }
}
