package io.github.xenpv.bundle;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> task.run(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            Throwable first = null;
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while guests were worked on");
                }
            }
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
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
