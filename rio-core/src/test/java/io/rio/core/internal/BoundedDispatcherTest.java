package io.rio.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedDispatcherTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger submissions = new AtomicInteger();
    private final java.util.concurrent.Executor counting = task -> {
        submissions.incrementAndGet();
        pool.execute(task);
    };

    @AfterEach
    void close() {
        pool.shutdownNow();
    }

    @Test
    void aStreamOfTasksReusesAnIdleWorkerInsteadOfSubmittingEachTask() throws Exception {
        BoundedDispatcher dispatcher = new BoundedDispatcher(counting, 4);
        for (int i = 0; i < 50; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            dispatcher.execute(ran::countDown);
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            Thread.sleep(1); // the worker goes idle between tasks
        }
        assertEquals(1, submissions.get(), "one worker thread, kept between tasks");
    }

    @Test
    void neverRunsMoreThanTheLimitAndRunsEveryTaskOnce() throws Exception {
        BoundedDispatcher dispatcher = new BoundedDispatcher(counting, 3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(300);
        for (int i = 0; i < 300; i++) {
            Runnable task = () -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.yield();
                inside.decrementAndGet();
                ran.incrementAndGet();
                all.countDown();
            };
            if (i % 2 == 0) {
                dispatcher.execute(task);
            } else {
                pool.execute(() -> dispatcher.executeInline(task));
            }
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals(300, ran.get());
        assertTrue(maxInside.get() <= 3, "at most 3 at once, saw " + maxInside.get());
        assertEquals(0, dispatcher.backlog());
    }

    @Test
    void anIdleWorkerGivesItsThreadBackAfterTheKeepAlive() throws Exception {
        BoundedDispatcher dispatcher = new BoundedDispatcher(counting, 2);
        CountDownLatch first = new CountDownLatch(1);
        dispatcher.execute(first::countDown);
        assertTrue(first.await(5, TimeUnit.SECONDS));
        Thread.sleep(BoundedDispatcher.KEEP_ALIVE_MILLIS + 500);
        CountDownLatch second = new CountDownLatch(1);
        dispatcher.execute(second::countDown);
        assertTrue(second.await(5, TimeUnit.SECONDS));
        assertEquals(2, submissions.get(), "the first worker had left, so a new one was submitted");
    }
}
