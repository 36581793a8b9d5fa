package io.rio.sample.it.app;

import io.rio.api.Context;
import io.rio.api.Cron;
import io.rio.api.Handler;
import io.rio.api.Service;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;

/** A cron job firing every second; each execution leaves a row (tick header, JVM) in {@code it_tick}. */
@Service
public class Ticker {

    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    TestRows rows;

    @Cron("* * * * * *")
    @Handler
    public void tick(Context ctx) {
        String tick = String.valueOf(ctx.headers().get("x-rio-cron-tick"));
        ctx.run("record", () -> rows.tick(tick, NODE));
    }
}
