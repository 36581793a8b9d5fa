package io.rio.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.spi.Transactions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StepCommitTest {
    private final RecordingTransactions tx = new RecordingTransactions();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void aStepAloneHasItsOwnTransaction() {
        StepCommit commits = new StepCommit(null, tx, 32, 1, workers);
        for (int i = 0; i < 5; i++) {
            int n = i;
            assertEquals(n, commits.call("H#s", tx.writing("step" + n, () -> n)));
        }
        assertEquals(5, tx.commits.get());
        assertEquals(List.of("step0", "step1", "step2", "step3", "step4"), tx.committed);
    }

    @Test
    void concurrentStepsShareCommitsAndEachReturnsItsOwnResult() throws Exception {
        concurrentSteps(new StepCommit(null, tx, 32, 1, workers));
    }

    @Test
    void twoRunningAtOnceNeverStall() throws Exception {
        for (int round = 0; round < 20; round++) {
            concurrentSteps(new StepCommit(null, tx, 4, 2, workers));
        }
    }

    private void concurrentSteps(StepCommit commits) throws Exception {
        tx.committed.clear();
        tx.commits.set(0);
        int threads = 8;
        int perThread = 25;
        List<Future<List<Integer>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    int value = thread * 1000 + i;
                    got.add(commits.call("H#s", tx.writing("w" + value, () -> {
                        Thread.sleep(1); // the action takes a while, so steps of other threads arrive meanwhile
                        return value;
                    })));
                }
                return got;
            }));
        }
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Integer> got = futures.get(t).get(20, TimeUnit.SECONDS);
            for (int i = 0; i < perThread; i++) {
                assertEquals(t * 1000 + i, got.get(i), "a caller gets its own step's result");
                expected.add("w" + (t * 1000 + i));
            }
        }
        List<String> committed = new ArrayList<>(tx.committed);
        Collections.sort(committed);
        Collections.sort(expected);
        assertEquals(expected, committed, "every step's write committed exactly once");
        assertTrue(tx.commits.get() < threads * perThread,
                "concurrent steps share commits: " + tx.commits.get() + " commits for " + threads * perThread);
    }

    @Test
    void aFailingStepRollsItsBatchBackAndEveryStepRunsAgainAlone() throws Exception {
        StepCommit commits = new StepCommit(null, tx, 32, 1, workers);
        CountDownLatch leaderRunning = new CountDownLatch(1);
        CountDownLatch releaseLeader = new CountDownLatch(1);
        // The first step runs alone and holds on until the others wait, so they form one batch after it.
        Future<Integer> first = pool.submit(() -> commits.call("H#first", tx.writing("first", () -> {
            leaderRunning.countDown();
            releaseLeader.await();
            return 1;
        })));
        leaderRunning.await();
        AtomicInteger failingRuns = new AtomicInteger();
        List<Future<Integer>> good = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int value = 10 + i;
            good.add(pool.submit(() -> commits.call("H#good", tx.writing("good" + value, () -> value))));
        }
        Future<Integer> bad = pool.submit(() -> commits.call("H#bad", tx.writing("bad", () -> {
            failingRuns.incrementAndGet();
            throw new IllegalStateException("the action failed");
        })));
        for (int i = 0; i < 3; i++) {
            good.add(pool.submit(() -> commits.call("H#good", tx.writing("late", () -> 99))));
        }
        waitUntil(() -> queued(commits) == 7);
        releaseLeader.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < 3; i++) {
            assertEquals(10 + i, good.get(i).get(10, TimeUnit.SECONDS));
        }
        for (int i = 3; i < 6; i++) {
            assertEquals(99, good.get(i).get(10, TimeUnit.SECONDS));
        }
        Exception failure = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof IllegalStateException, "the failing caller gets its own error");
        assertEquals("the action failed", failure.getCause().getMessage());
        assertEquals(2, failingRuns.get(), "the failing action ran in the batch, then alone");
        assertEquals(1 + 7 + 1, tx.rollbacks.get() + tx.commits.get() - 0,
                "the first alone, the batch, then the seven again alone (one of them rolls back)");
        assertTrue(tx.rollbacks.get() >= 2, "the batch rolled back, and the failing step alone too");
        List<String> committed = new ArrayList<>(tx.committed);
        Collections.sort(committed);
        assertEquals(List.of("first", "good10", "good11", "good12", "late", "late", "late"), committed,
                "the rolled-back batch left nothing; each good step committed once");
    }

    @Test
    void aCallerWhoseBatchIsStuckRunsItsStepAloneAndTheBatchThenGivesWay() throws Exception {
        StepCommit commits = new StepCommit(null, tx, 32, 1, workers, TimeUnit.MILLISECONDS.toNanos(300));
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseX = new CountDownLatch(1);
        Future<Integer> first = pool.submit(() -> commits.call("H#first", tx.writing("first", () -> {
            firstRunning.countDown();
            releaseFirst.await();
            return 1;
        })));
        firstRunning.await();
        // x's work waits until y has returned: as if it waited for a row lock held by y's attempt.
        Future<Integer> x = pool.submit(() -> commits.call("H#x", tx.writing("x", () -> {
            assertTrue(releaseX.await(10, TimeUnit.SECONDS));
            return 3;
        })));
        waitUntil(() -> queued(commits) == 1);
        Future<Integer> y = pool.submit(() -> commits.call("H#y", tx.writing("y", () -> 2)));
        waitUntil(() -> queued(commits) == 2);
        releaseFirst.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(2, y.get(10, TimeUnit.SECONDS), "y gave up waiting for its stuck batch and ran alone");
        releaseX.countDown();
        assertEquals(3, x.get(10, TimeUnit.SECONDS));
        List<String> committed = new ArrayList<>(tx.committed);
        Collections.sort(committed);
        assertEquals(List.of("first", "x", "y"), committed,
                "y's entry existed already when the batch reached it: the batch rolled back, x ran again alone");
    }

    @Test
    void aBatchSizeOfOneNeverBatches() throws Exception {
        StepCommit commits = new StepCommit(null, tx, 1, 1, workers);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            futures.add(pool.submit(() -> commits.call("H#s", tx.writing("s", () -> n))));
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(i, futures.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(40, tx.commits.get());
    }

    private static int queued(StepCommit commits) {
        return commits.waitingForTests();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(2);
        }
    }

    /** Transactions that stage each work's write and keep it only if its transaction commits. */
    private static final class RecordingTransactions implements Transactions {
        final ThreadLocal<List<String>> staged = new ThreadLocal<>();
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger rollbacks = new AtomicInteger();

        @Override
        public <T> T inNewTransaction(Callable<T> work) throws Exception {
            List<String> outer = staged.get();
            List<String> mine = new ArrayList<>();
            staged.set(mine);
            try {
                T result = work.call();
                committed.addAll(mine);
                commits.incrementAndGet();
                return result;
            } catch (Exception | Error e) {
                rollbacks.incrementAndGet();
                throw e;
            } finally {
                staged.set(outer);
            }
        }

        /** Work that writes {@code name} in the current transaction, then computes its result. */
        <T> StepCommit.Work<T> writing(String name, Callable<T> result) {
            return writes -> {
                T value = result.call();
                if (name.matches("first|good\\d+|x|y") && committed.contains(name)) {
                    throw new IllegalStateException(name + " exists already"); // as a journal's primary key
                }
                staged.get().add(name);
                return value;
            };
        }
    }
}
