package io.rio.sample.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Writes the test tables in the caller's transaction (a handler body or a {@code ctx.run} step),
 * so a row exists afterwards only if that transaction committed.
 */
@ApplicationScoped
public class TestRows {

    @PersistenceContext(unitName = "sample")
    EntityManager em;

    /** Records one execution of a step action; returns the row id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long step(String tag, String step) {
        StepRow row = new StepRow(tag, step);
        em.persist(row);
        em.flush();
        return row.getId();
    }

    /** Records one execution of a cron tick. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tick(String tick, String node) {
        em.persist(new TickRow(tick, node, System.currentTimeMillis()));
        em.flush();
    }

    /** Records one execution interval of {@link ProbedCounter#add}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void probe(String key, String node, long startMicros, long endMicros) {
        em.persist(new ProbeRow(key, node, startMicros, endMicros));
    }
}
