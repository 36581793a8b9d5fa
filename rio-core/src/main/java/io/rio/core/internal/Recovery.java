package io.rio.core.internal;

import io.rio.core.EngineConfig;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Recovery is a query plus a loop: every {@code recoveryInterval} the node looks for unfinished invocations
 * whose owner's lease has expired (its node died) or that are its own but not running here (it restarted
 * under the same node id), claims each with a conditional update and resumes it. It also renews the leases
 * of the invocations it runs.
 *
 * <p>Thread safety: runs on the scheduler; the in-flight map is shared with the engine.
 */
public final class Recovery {
    private static final Logger LOG = System.getLogger(Recovery.class.getName());
    private static final int BATCH = 200;

    private final RioStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final EngineConfig config;
    private final ScheduledExecutorService scheduler;
    private final Function<InvocationRecord, Optional<HandlerDefinition>> resolver;
    private final Map<String, Invocation> inflight;
    private final Consumer<Invocation> admit;
    private final Consumer<String> wake;
    private final Set<String> unknownTargets = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> scanTask;
    private volatile ScheduledFuture<?> renewTask;
    private volatile ScheduledFuture<?> purgeTask;

    public Recovery(RioStore store, Transactions transactions, Clock clock, EngineConfig config,
            ScheduledExecutorService scheduler, Function<InvocationRecord, Optional<HandlerDefinition>> resolver,
            Map<String, Invocation> inflight, Consumer<Invocation> admit, Consumer<String> wake) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.config = config;
        this.scheduler = scheduler;
        this.resolver = resolver;
        this.inflight = inflight;
        this.admit = admit;
        this.wake = wake;
    }

    public void start() {
        long interval = config.recoveryInterval().toMillis();
        long renewEvery = Math.max(100, config.lease().toMillis() / 3);
        scanTask = scheduler.scheduleWithFixedDelay(this::scanSafely, 0, interval, TimeUnit.MILLISECONDS);
        renewTask = scheduler.scheduleWithFixedDelay(this::renewSafely, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long purgeEvery = Math.max(1000, Math.min(60_000, config.retention().toMillis() / 4));
        purgeTask = scheduler.scheduleWithFixedDelay(this::purgeSafely, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (scanTask != null) {
            scanTask.cancel(false);
        }
        if (renewTask != null) {
            renewTask.cancel(false);
        }
        if (purgeTask != null) {
            purgeTask.cancel(false);
        }
    }

    /** One recovery pass; returns how many invocations it resumed. */
    public int scan() {
        long now = clock.millis();
        List<InvocationRecord> found = Tx.call(transactions, () -> store.findRecoverable(config.nodeId(), now, BATCH));
        int resumed = 0;
        for (InvocationRecord record : found) {
            Invocation local = inflight.get(record.id());
            if (local != null) {
                if (local.isSuspended()) {
                    wake.accept(record.id()); // woken through the store by another node
                }
                continue;
            }
            Optional<HandlerDefinition> handler = resolver.apply(record);
            if (handler.isEmpty()) {
                if (unknownTargets.add(record.service() + "/" + record.handler())) {
                    LOG.log(Level.WARNING, "Cannot recover invocations of " + record.service() + "/" + record.handler()
                            + ": no such handler is deployed here (renamed without @Name?)");
                }
                continue;
            }
            long leaseUntil = clock.millis() + config.lease().toMillis();
            boolean claimed = Tx.call(transactions,
                    () -> store.claimInvocation(record.id(), config.nodeId(), leaseUntil, clock.millis()));
            if (!claimed) {
                continue;
            }
            Invocation invocation = new Invocation(handler.get(), record, null, true);
            if (inflight.putIfAbsent(record.id(), invocation) == null) {
                LOG.log(Level.INFO, () -> "Recovering invocation " + record.id() + " of " + record.service() + "/"
                        + record.handler() + " (status " + record.status() + ", " + record.attempts() + " attempts)");
                admit.accept(invocation);
                resumed++;
            }
        }
        return resumed;
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recovery pass failed; will try again", e);
        }
    }

    private void purgeSafely() {
        try {
            long cutoff = clock.millis() - config.retention().toMillis();
            int purged;
            do {
                purged = Tx.call(transactions, () -> store.purgeEndedBefore(cutoff, BATCH));
            } while (purged == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging ended invocations failed; will try again", e);
        }
    }

    private void renewSafely() {
        try {
            long now = clock.millis();
            Tx.call(transactions, () -> store.renewLeases(config.nodeId(), now + config.lease().toMillis(), now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Lease renewal failed; will try again", e);
        }
    }
}
