package io.rio.core.testing;

import io.rio.spi.Transactions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Transactions for {@link InMemoryStore}: writes are staged per transaction and applied on commit; locks
 * are released when the transaction ends. Nested calls suspend the outer transaction, as JTA's
 * REQUIRES_NEW does. For the engine's fast tests only; not a database.
 *
 * <p>Thread safety: transactions are bound to the calling thread.
 */
public final class InMemoryTransactions implements Transactions {
    private final ThreadLocal<Deque<Tx>> current = ThreadLocal.withInitial(ArrayDeque::new);
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();

    @Override
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        Deque<Tx> stack = current.get();
        Tx tx = new Tx();
        stack.push(tx);
        boolean committed = false;
        try {
            T result = work.call();
            synchronized (this) {
                tx.onCommit.forEach(Runnable::run);
            }
            committed = true;
            commits.incrementAndGet();
            return result;
        } finally {
            stack.pop();
            if (!committed) {
                rollbacks.incrementAndGet();
                tx.onRollback.forEach(Runnable::run);
            }
            tx.onEnd.forEach(Runnable::run);
        }
    }

    /** Commits so far. */
    public long commits() {
        return commits.get();
    }

    /** Rollbacks so far. */
    public long rollbacks() {
        return rollbacks.get();
    }

    Tx require() {
        Tx tx = current.get().peek();
        if (tx == null) {
            throw new IllegalStateException("InMemoryStore used outside a transaction");
        }
        return tx;
    }

    static final class Tx {
        final List<Runnable> onCommit = new ArrayList<>();
        final List<Runnable> onRollback = new ArrayList<>();
        final List<Runnable> onEnd = new ArrayList<>();
    }
}
