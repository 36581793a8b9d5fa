package io.rio.sample;

import io.rio.api.Awakeable;
import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.api.TerminalException;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A payment saga: {@code POST /Payment/pay/send} with {@code {"paymentId":"p-1","amountCents":1200}}.
 *
 * <p>It reserves the goods and charges the card in durable steps, then waits (holding no thread) for the
 * bank's confirmation, an awakeable whose id it records with the charge. The confirmation arrives with
 * {@code POST /restate/awakeables/{id}/resolve}; {@code .../reject} with a reason fails the payment.
 *
 * <p>Compensation: whenever the saga ends with a {@link TerminalException} after it has started (the
 * confirmation was rejected or timed out, or an operator cancelled the invocation with
 * {@code POST /rio/admin/invocations/{id}/cancel}), it undoes what it did, in reverse order, in steps of
 * its own (refund, then release), and rethrows. A killed invocation ({@code .../kill}) stops at once
 * without compensation.
 */
@Service
public class Payment {

    /** How long the saga waits for the bank's confirmation before it gives up (and compensates). */
    public static final Duration CONFIRMATION_TIMEOUT = Duration.ofMinutes(30);

    @Inject
    PaymentLedger ledger;

    /**
     * Runs the saga.
     *
     * @return the bank's confirmation
     * @throws TerminalException 400 for a request without payment id, 408 when the confirmation did not
     *                           arrive in time, the rejection's reason, or 409 when cancelled
     */
    @Handler
    public String pay(Context ctx, PaymentRequest request) {
        if (request == null || request.getPaymentId() == null || request.getPaymentId().isBlank()) {
            throw new TerminalException(400, "A payment needs a paymentId, e.g. {\"paymentId\":\"p-1\",\"amountCents\":1200}");
        }
        String id = request.getPaymentId();
        ctx.run("reserve", Long.class, () -> ledger.record(id, "reserved", null));
        boolean charged = false;
        try {
            Awakeable<String> confirmation = ctx.awakeable(String.class);
            ctx.run("charge", Long.class, () -> ledger.record(id, "charged",
                    request.getAmountCents() + " cents, confirmation " + confirmation.id()));
            charged = true;
            if (ctx.any(confirmation, ctx.timer(CONFIRMATION_TIMEOUT)).await() == 1) {
                throw new TerminalException(408, "Payment " + id + " was not confirmed within " + CONFIRMATION_TIMEOUT);
            }
            String confirmed = confirmation.await();
            ctx.run("complete", Long.class, () -> ledger.record(id, "completed", confirmed));
            return confirmed;
        } catch (TerminalException e) {
            if (charged) {
                ctx.run("refund", Long.class, () -> ledger.record(id, "refunded", e.getMessage()));
            }
            ctx.run("release", Long.class, () -> ledger.record(id, "released", e.getMessage()));
            throw e;
        }
    }
}
