package io.rio.sample;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately flaky payment gateway: the first two charge attempts of every order fail with a
 * (retryable) {@link IllegalStateException}; the third succeeds. It shows Rio retrying a step
 * without repeating the steps before it.
 *
 * <p>Thread safety: attempts are counted in a static concurrent map, so they survive retries
 * (and bean re-creation) within one JVM.
 */
@ApplicationScoped
public class PaymentGateway {

    /** Attempts that fail before a charge succeeds. */
    public static final int FAILING_ATTEMPTS = 2;

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /**
     * Charges an order.
     *
     * @return a confirmation such as {@code "charged 1200 for o-1 on attempt 3"}
     * @throws IllegalStateException on the first {@value #FAILING_ATTEMPTS} attempts per order
     */
    public String charge(String orderId, long amountCents) {
        int attempt = ATTEMPTS.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
        if (attempt <= FAILING_ATTEMPTS) {
            throw new IllegalStateException("Payment gateway unavailable for order " + orderId
                    + " (simulated failure on attempt " + attempt + ")");
        }
        return "charged " + amountCents + " for " + orderId + " on attempt " + attempt;
    }

    /** How many times {@link #charge} was called for an order in this JVM; for tests. */
    public static int attempts(String orderId) {
        AtomicInteger n = ATTEMPTS.get(orderId);
        return n == null ? 0 : n.get();
    }
}
