package io.rio.core.internal;

import io.rio.spi.Transactions;
import java.util.concurrent.Callable;

/** Runs work in a new transaction, rethrowing checked exceptions unchanged (unchecked at compile time). */
public final class Tx {
    private Tx() {
    }

    public static <T> T call(Transactions transactions, Callable<T> work) {
        try {
            return transactions.inNewTransaction(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw Tx.<RuntimeException>sneaky(e);
        }
    }

    /** Throws {@code t}, checked or not, without declaring it. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
