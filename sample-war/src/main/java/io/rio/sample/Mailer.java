package io.rio.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * The sample's stand-in for a mail server: "sending" stores a {@link SentEmail} row and logs it.
 *
 * <p>Call it inside a {@code ctx.run} step: the row then commits together with the step's journal
 * entry, so a message is stored exactly once however often the handler is replayed.
 *
 * <p>Thread safety: stateless.
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @PersistenceContext(unitName = "sample")
    EntityManager em;

    /**
     * Sends (stores) a message.
     *
     * @return the stored message's id
     * @throws jakarta.transaction.TransactionalException if no transaction is active
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long send(String recipient, String subject, String body) {
        SentEmail mail = new SentEmail(recipient, subject, body, System.currentTimeMillis());
        em.persist(mail);
        em.flush();
        LOG.fine(() -> "Sent '" + subject + "' to " + recipient);
        return mail.getId();
    }

    /**
     * Deletes messages sent before {@code cutoffMillis}.
     *
     * @return how many were deleted
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int deleteSentBefore(long cutoffMillis) {
        return em.createQuery("DELETE FROM SentEmail m WHERE m.sentAt < :cutoff")
                .setParameter("cutoff", cutoffMillis)
                .executeUpdate();
    }
}
