package io.rio.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The sample's stand-in for an inventory and a card processor: every action of the {@link Payment} saga
 * is recorded as a {@link PaymentEvent} row. Call it inside a {@code ctx.run} step so that each action
 * is recorded exactly once.
 *
 * <p>Thread safety: stateless.
 */
@ApplicationScoped
public class PaymentLedger {

    @PersistenceContext(unitName = "sample")
    EntityManager em;

    /** Records {@code event} for a payment; returns the event's id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long record(String paymentId, String event, String detail) {
        PaymentEvent row = new PaymentEvent(paymentId, event, detail);
        em.persist(row);
        em.flush();
        return row.getId();
    }
}
