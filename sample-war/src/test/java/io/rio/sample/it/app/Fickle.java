package io.rio.sample.it.app;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-deterministic handler: its first attempt runs step {@code charge-card} and then fails (retryably);
 * its replay runs {@code send-invoice} in that place, which must pause the invocation.
 */
@Service
public class Fickle {

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Handler
    public String flip(Context ctx, String tag) {
        int attempt = ATTEMPTS.computeIfAbsent(tag, k -> new AtomicInteger()).incrementAndGet();
        String step = attempt == 1 ? "charge-card" : "send-invoice";
        ctx.run(step, String.class, () -> step);
        if (attempt == 1) {
            throw new IllegalStateException("fail attempt 1 of " + tag + " so that it is replayed");
        }
        return step;
    }
}
