package io.rio.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Supplies the entity manager of the current JTA transaction for Rio's persistence unit (built with
 * {@link RioPersistence} as {@code JTA}): the first call in a transaction creates a synchronized entity manager,
 * caches it as a resource of the transaction and closes it after completion; later calls return it.
 *
 * <p>Thread safety: thread-safe; each transaction has its own entity manager.
 *
 * <p>Error handling: called without an active transaction, {@link #get} throws {@link IllegalStateException}.
 */
public final class JtaEntityManagers implements Supplier<EntityManager> {
    private final EntityManagerFactory factory;
    private final TransactionSynchronizationRegistry registry;
    /** The resource key: unique per instance, so two factories never share an entity manager. */
    private final Object key = new Object();

    public JtaEntityManagers(EntityManagerFactory factory, TransactionSynchronizationRegistry registry) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public EntityManager get() {
        int status = registry.getTransactionStatus();
        if (status != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Rio's store needs an active JTA transaction, but the transaction status"
                    + " is " + status + " (see jakarta.transaction.Status). Call it inside a transaction.");
        }
        EntityManager em = (EntityManager) registry.getResource(key);
        if (em == null) {
            EntityManager created = factory.createEntityManager(SynchronizationType.SYNCHRONIZED);
            created.joinTransaction();
            registry.putResource(key, created);
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the persistence unit flushes itself on commit
                }

                @Override
                public void afterCompletion(int ignored) {
                    created.close();
                }
            });
            em = created;
        }
        return em;
    }
}
