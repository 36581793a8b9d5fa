package io.rio.sample.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded concurrent load: N clients, each sending a fixed number of calls, all within a deadline. */
final class Load {

    private Load() {
    }

    /** One client's work: the {@code i}-th call of client {@code client}. */
    interface Call {
        void run(int client, int i);
    }

    /** Runs {@code clients x callsPerClient} calls and rethrows the first failure; fails after {@code timeout}. */
    static void run(int clients, int callsPerClient, Duration timeout, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerClient; i++) {
                        call.run(client, i);
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> f : futures) {
                long left = deadline - System.nanoTime();
                try {
                    f.get(Math.max(left, 1), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError(clients + " clients x " + callsPerClient + " calls did not finish within " + timeout, e);
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
