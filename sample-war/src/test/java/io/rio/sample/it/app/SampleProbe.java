package io.rio.sample.it.app;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.sample.OrderRepository;
import io.rio.sample.PaymentGateway;

/** Exposes the sample's in-JVM execution counters to the tests. */
@Service
public class SampleProbe {

    @Handler
    public int orderInsertExecutions(Context ctx, String orderId) {
        return OrderRepository.insertExecutions(orderId);
    }

    @Handler
    public int chargeAttempts(Context ctx, String orderId) {
        return PaymentGateway.attempts(orderId);
    }

    /** The most {@link Napper} bodies seen running at once in this JVM. */
    @Handler
    public int napperMaxBodies(Context ctx) {
        return Napper.MAX.get();
    }
}
