package io.rio.cdi.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.concurrent.Callable;

/**
 * Runs work in a new JTA transaction started by the container's {@code @Transactional} interceptor, which
 * suspends the calling thread's transaction for its duration. Used only through {@link JtaTransactions}, which
 * decides on which thread it runs.
 *
 * <p>Error handling: any exception, checked ones included, marks the transaction for rollback and is rethrown
 * unchanged ({@code rollbackOn = Exception.class}). A failed commit surfaces as the interceptor's
 * {@code jakarta.transaction.TransactionalException}.
 *
 * <p>Thread safety: stateless.
 */
@ApplicationScoped
public class RequiresNew {

    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public <T> T call(Callable<T> work) throws Exception {
        return work.call();
    }
}
