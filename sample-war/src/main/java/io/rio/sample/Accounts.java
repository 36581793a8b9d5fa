package io.rio.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Creates and activates {@link Account}s in the application's own table. Call it inside a
 * {@code ctx.run} step so that each write commits exactly once with the step's journal entry.
 *
 * <p>Thread safety: stateless.
 */
@ApplicationScoped
public class Accounts {

    @PersistenceContext(unitName = "sample")
    EntityManager em;

    /** Creates the (unverified) account {@code userId}; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String create(String userId, String email) {
        em.persist(new Account(userId, email));
        em.flush();
        return userId;
    }

    /**
     * Marks the account verified.
     *
     * @throws IllegalStateException if it does not exist
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void verify(String userId) {
        Account account = em.find(Account.class, userId);
        if (account == null) {
            throw new IllegalStateException("No account " + userId + " to verify; it is created by the first step of Signup.run");
        }
        account.setVerified(true);
    }

    /** Deletes the account of a signup that was withdrawn or expired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(String userId) {
        Account account = em.find(Account.class, userId);
        if (account != null) {
            em.remove(account);
        }
    }
}
