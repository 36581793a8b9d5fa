package io.rio.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One synchronized entity manager per JTA transaction, closed after completion (with a fake registry). */
class JtaEntityManagersTest {

    /** A transaction synchronization registry for one transaction at a time. */
    static final class FakeRegistry implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_ACTIVE;
        final Map<Object, Object> resources = new HashMap<>();
        final List<Synchronization> syncs = new ArrayList<>();

        void complete() {
            syncs.forEach(s -> s.afterCompletion(Status.STATUS_COMMITTED));
            syncs.clear();
            resources.clear();
        }

        @Override public Object getTransactionKey() { return this; }
        @Override public void putResource(Object key, Object value) { resources.put(key, value); }
        @Override public Object getResource(Object key) { return resources.get(key); }
        @Override public void registerInterposedSynchronization(Synchronization sync) { syncs.add(sync); }
        @Override public int getTransactionStatus() { return status; }
        @Override public void setRollbackOnly() { status = Status.STATUS_MARKED_ROLLBACK; }
        @Override public boolean getRollbackOnly() { return status == Status.STATUS_MARKED_ROLLBACK; }
    }

    private final List<String> calls = new ArrayList<>();

    private EntityManager entityManager(int n) {
        return (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "em" + n;
                    case "hashCode" -> n;
                    case "equals" -> proxy == args[0];
                    default -> {
                        calls.add(method.getName() + " em" + n);
                        yield null;
                    }
                });
    }

    private EntityManagerFactory factory() {
        int[] created = {0};
        return (EntityManagerFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createEntityManager") && args != null && args.length == 1
                            && args[0] == SynchronizationType.SYNCHRONIZED) {
                        return entityManager(++created[0]);
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }

    @Test
    void oneEntityManagerPerTransactionClosedAfterCompletion() {
        FakeRegistry registry = new FakeRegistry();
        JtaEntityManagers ems = new JtaEntityManagers(factory(), registry);
        EntityManager first = ems.get();
        assertSame(first, ems.get(), "cached for the transaction");
        assertEquals(List.of("joinTransaction em1"), calls);
        registry.complete();
        assertEquals(List.of("joinTransaction em1", "close em1"), calls);

        EntityManager second = ems.get();
        assertNotSame(first, second, "a new transaction gets a new entity manager");
    }

    @Test
    void refusesToWorkWithoutAnActiveTransaction() {
        FakeRegistry registry = new FakeRegistry();
        registry.status = Status.STATUS_NO_TRANSACTION;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JtaEntityManagers(factory(), registry).get());
        assertEquals(true, e.getMessage().contains("active JTA transaction"));
    }
}
