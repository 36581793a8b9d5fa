package io.rio.jpa;

import io.rio.spi.Transactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Test {@link Transactions} over a RESOURCE_LOCAL factory: each transaction gets its own entity manager, bound to
 * the calling thread for its duration (an outer one is suspended and restored). Also the store's supplier.
 */
final class ResourceLocalTransactions implements Transactions, Supplier<EntityManager> {
    private final EntityManagerFactory factory;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    ResourceLocalTransactions(EntityManagerFactory factory) {
        this.factory = factory;
    }

    @Override
    public EntityManager get() {
        EntityManager em = current.get();
        if (em == null) {
            throw new IllegalStateException("no transaction on this thread");
        }
        return em;
    }

    @Override
    public <T> T inNewTransaction(Callable<T> work) throws Exception {
        EntityManager outer = current.get();
        EntityManager em = factory.createEntityManager();
        current.set(em);
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result;
            try {
                result = work.call();
            } catch (Throwable t) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw t;
            }
            if (tx.getRollbackOnly()) {
                tx.rollback();
                throw new IllegalStateException("transaction was marked rollback-only");
            }
            tx.commit();
            return result;
        } finally {
            em.close();
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    /** Runs {@code work} in a new transaction, rethrowing checked exceptions unchecked. */
    <T> T tx(Callable<T> work) {
        try {
            return inNewTransaction(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void run(Runnable work) {
        tx(() -> {
            work.run();
            return null;
        });
    }
}
