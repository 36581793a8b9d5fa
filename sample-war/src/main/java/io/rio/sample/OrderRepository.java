package io.rio.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes {@link OrderRow}s through the application's own persistence unit.
 *
 * <p>Must be called inside a transaction (a {@code ctx.run} step provides one), so that the row
 * commits together with the step's journal entry.
 *
 * <p>Thread safety: stateless apart from a per-order execution counter kept for tests.
 */
@ApplicationScoped
public class OrderRepository {

    private static final Map<String, AtomicInteger> INSERT_EXECUTIONS = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "sample")
    EntityManager em;

    /**
     * Inserts a row for the order and returns its generated id.
     *
     * @throws jakarta.transaction.TransactionalException if no transaction is active
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long insert(OrderRequest request) {
        INSERT_EXECUTIONS.computeIfAbsent(request.getOrderId(), k -> new AtomicInteger()).incrementAndGet();
        OrderRow row = new OrderRow(request.getOrderId(), request.getItem(), request.getAmountCents());
        em.persist(row);
        em.flush();
        return row.getId();
    }

    /** How many times {@link #insert} ran for an order in this JVM (committed or not); for tests. */
    public static int insertExecutions(String orderId) {
        AtomicInteger n = INSERT_EXECUTIONS.get(orderId);
        return n == null ? 0 : n.get();
    }
}
