package io.rio.sample;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.api.TerminalException;
import jakarta.inject.Inject;

/**
 * Places an order in two durable steps: insert the order row, then charge it.
 *
 * <p>The charge fails twice before succeeding; Rio retries the invocation and replays the first
 * step from its journal, so the row is inserted exactly once.
 */
@Service
public class Orders {

    @Inject
    OrderRepository repository;

    @Inject
    PaymentGateway payments;

    /**
     * {@code POST /Orders/place} with {@code {"orderId":"o-1","item":"book","amountCents":1200}}.
     *
     * @throws TerminalException 400 when the order id is missing
     */
    @Handler
    public OrderResult place(Context ctx, OrderRequest request) {
        if (request == null || request.getOrderId() == null || request.getOrderId().isBlank()) {
            throw new TerminalException(400, "An order needs an orderId, e.g. {\"orderId\":\"o-1\",\"item\":\"book\",\"amountCents\":1200}");
        }
        long rowId = ctx.run("insert-order", Long.class, () -> repository.insert(request));
        String charge = ctx.run("charge", String.class,
                () -> payments.charge(request.getOrderId(), request.getAmountCents()));
        return new OrderResult(request.getOrderId(), rowId, charge);
    }
}
