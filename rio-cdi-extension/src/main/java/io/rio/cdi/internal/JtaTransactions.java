package io.rio.cdi.internal;

import io.rio.spi.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.concurrent.Callable;

/**
 * {@link Transactions} on JTA: each call runs in a new transaction started by the container's
 * {@code @Transactional} interceptor, which suspends the caller's transaction for its duration.
 *
 * <p>Error handling: any exception, checked ones included, marks the transaction for rollback and is
 * rethrown unchanged ({@code rollbackOn = Exception.class}). A failed commit surfaces as the interceptor's
 * {@code jakarta.transaction.TransactionalException}.
 *
 * <p>Thread safety: stateless.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {

    @Override
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        return work.call();
    }
}
