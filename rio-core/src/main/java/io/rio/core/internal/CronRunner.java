package io.rio.core.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceRegistry;
import io.rio.spi.InvocationRecord;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Fires {@code @Cron} handlers: every node schedules each tick; at the tick, the node that records the tick
 * first (one conditional insert, in the same transaction as the invocation it starts) runs it, so each tick
 * fires once across all nodes sharing the database. Ticks that pass while every node is down are skipped.
 *
 * <p>Thread safety: runs on the scheduler.
 */
public final class CronRunner {
    private static final Logger LOG = System.getLogger(CronRunner.class.getName());

    private final ServiceRegistry registry;
    private final RioStore store;
    private final Transactions transactions;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final InvocationRows rows;
    private final BiConsumer<HandlerDefinition, InvocationRecord> admit;
    private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    public CronRunner(ServiceRegistry registry, RioStore store, Transactions transactions,
            ScheduledExecutorService scheduler, Clock clock, InvocationRows rows,
            BiConsumer<HandlerDefinition, InvocationRecord> admit) {
        this.registry = registry;
        this.store = store;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.clock = clock;
        this.rows = rows;
        this.admit = admit;
    }

    public void start() {
        for (ServiceDefinition s : registry.services()) {
            for (HandlerDefinition h : s.handlers().values()) {
                if (h.cron() != null) {
                    scheduleAfter(h, CronExpression.parse(h.cron()), Instant.ofEpochMilli(clock.millis()));
                }
            }
        }
    }

    public void stop() {
        stopped = true;
        tasks.forEach(t -> t.cancel(false));
    }

    private void scheduleAfter(HandlerDefinition handler, CronExpression cron, Instant after) {
        if (stopped) {
            return;
        }
        Instant tick = cron.next(after);
        long delay = Math.max(0, tick.toEpochMilli() - clock.millis());
        tasks.removeIf(ScheduledFuture::isDone);
        tasks.add(scheduler.schedule(() -> fire(handler, cron, tick), delay, TimeUnit.MILLISECONDS));
    }

    private void fire(HandlerDefinition handler, CronExpression cron, Instant tick) {
        try {
            String schedule = handler.service() + "/" + handler.name();
            InvocationRecord record = rows.newRecord(handler, null, null, Map.of("x-rio-cron-tick", tick.toString()),
                    null, 0, null);
            boolean mine = Tx.call(transactions, () -> {
                if (!store.claimTick(schedule, tick.toEpochMilli())) {
                    return false;
                }
                store.insertInvocation(record);
                return true;
            });
            if (mine) {
                admit.accept(handler, record);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cron tick " + tick + " of " + handler.source() + " failed", e);
        } finally {
            scheduleAfter(handler, cron, tick);
        }
    }
}
