package io.rio.cdi.internal;

import io.rio.spi.Transactions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * {@link Transactions} on JTA: each call runs in a new transaction ({@link RequiresNew}).
 *
 * <p>A new transaction asked for while the calling thread is in a transaction (a step of an attempt, whose
 * transaction holds the object's lock and the body's writes) runs on another thread, and the caller waits for it.
 * On the calling thread, Payara enlists the connections that the suspended transaction holds open in the new
 * transaction: the new transaction's commit then commits the suspended one's work so far, and releases its locks
 * (seen with EclipseLink, which holds its connection for the whole transaction, and plain JDBC alike). A thread of
 * the container's default {@code ManagedThreadFactory} has no such connections. The caller waits for the new
 * transaction's outcome however long it takes, and warns after {@value #WARN_AFTER_SECONDS} s: a step that writes
 * rows the handler body wrote waits for the body's transaction, which waits for the step.
 *
 * <p>Error handling: the work's exceptions, checked ones included, are rethrown unchanged; see {@link RequiresNew}.
 *
 * <p>Thread safety: safe for concurrent use. The worker threads are bounded by the callers waiting for them (the
 * threads running attempts), idle ones end after a minute, and all end when the application stops.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {
    private static final Logger LOG = Logger.getLogger(JtaTransactions.class.getName());
    private static final long IDLE_SECONDS = 60;
    /** How long a nested transaction runs before Rio warns that it may wait for its caller's locks. */
    static final long WARN_AFTER_SECONDS = 10;

    @Inject
    RequiresNew requiresNew;

    @Resource
    TransactionSynchronizationRegistry registry;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    private volatile ExecutorService elsewhere;
    /** {@link #WARN_AFTER_SECONDS}, shorter in tests. */
    long warnAfterMillis = TimeUnit.SECONDS.toMillis(WARN_AFTER_SECONDS);

    @Override
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        if (registry.getTransactionKey() == null) {
            return requiresNew.call(work);
        }
        Future<T> running = elsewhere().submit(() -> requiresNew.call(work));
        boolean interrupted = false;
        boolean warned = false;
        long started = System.nanoTime();
        try {
            while (true) {
                try {
                    return running.get(warnAfterMillis, TimeUnit.MILLISECONDS); // it ends either way: wait for it
                } catch (TimeoutException e) {
                    if (!warned) {
                        warned = true;
                        LOG.warning(() -> "A transaction Rio started inside another one (a step, on thread "
                                + Thread.currentThread().getName() + ") has run for "
                                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s. If it writes "
                                + "rows that the handler body wrote before the step, it waits for the body's "
                                + "transaction, which waits for it: write those rows in the step, or in the body "
                                + "after it.");
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception exception) {
                        throw exception;
                    }
                    throw (Error) cause;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ExecutorService elsewhere() {
        ExecutorService pool = elsewhere;
        if (pool == null) {
            synchronized (this) {
                pool = elsewhere;
                if (pool == null) {
                    pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                            new SynchronousQueue<>(), threadFactory);
                    elsewhere = pool;
                }
            }
        }
        return pool;
    }

    @PreDestroy
    synchronized void stop() {
        if (elsewhere != null) {
            elsewhere.shutdown();
        }
    }
}
