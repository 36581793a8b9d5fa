package io.rio.core.internal;

import io.rio.core.EngineConfig;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.PartitionStore;
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
 * Recovery is a query plus a loop, by partition: a node that gains partitions loads their invocations that are due
 * (or come due within {@code recoveryInterval}) in arrival order and resumes each, and every
 * {@code recoveryInterval} it does the same for all the partitions it holds, which picks up timers and delayed
 * sends as they come due and wakes it was not told of. Suspended invocations waiting for a signal are not loaded
 * until woken, paused ones not at all: an exclusive one still holds its object ({@link RioStore#holdObject}), and
 * the first invocation behind it that tries to run loads it. Nothing is written while nothing is due: an idle
 * node costs one query per interval, whatever the number of parked invocations.
 *
 * <p>Thread safety: runs on the scheduler; the in-flight map is shared with the engine.
 */
public final class Recovery {
    private static final Logger LOG = System.getLogger(Recovery.class.getName());
    /** Rows per query; a pass reads pages until one is short, at most {@link #MAX_PAGES}. */
    private static final int PAGE = 500;
    private static final int MAX_PAGES = 40;
    private static final int PURGE_BATCH = 200;

    private final RioStore store;
    private final PartitionStore partitions;
    private final Transactions transactions;
    private final Clock clock;
    private final EngineConfig config;
    private final ScheduledExecutorService scheduler;
    private final Function<InvocationRecord, Optional<HandlerDefinition>> resolver;
    private final Map<String, Invocation> inflight;
    private final RecentlyEnded recentlyEnded;
    private final Consumer<Invocation> resume;
    private final Consumer<String> wake;
    private final Ownership ownership;
    private final Set<String> unknownTargets = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> scanTask;
    private volatile ScheduledFuture<?> purgeTask;

    /**
     * @param resume puts a loaded invocation (already in {@code inflight}) back to work: due now, later, or parked
     * @param wake   wakes a suspended invocation this node has in memory
     */
    public Recovery(RioStore store, PartitionStore partitions, Transactions transactions, Clock clock,
            EngineConfig config, ScheduledExecutorService scheduler,
            Function<InvocationRecord, Optional<HandlerDefinition>> resolver, Map<String, Invocation> inflight,
            RecentlyEnded recentlyEnded, Consumer<Invocation> resume, Consumer<String> wake, Ownership ownership) {
        this.recentlyEnded = recentlyEnded;
        this.store = store;
        this.partitions = partitions;
        this.transactions = transactions;
        this.clock = clock;
        this.config = config;
        this.scheduler = scheduler;
        this.resolver = resolver;
        this.inflight = inflight;
        this.resume = resume;
        this.wake = wake;
        this.ownership = ownership;
    }

    public void start() {
        long interval = config.recoveryInterval().toMillis();
        scanTask = scheduler.scheduleWithFixedDelay(this::scanSafely, interval, interval, TimeUnit.MILLISECONDS);
        long purgeEvery = Math.max(1000, Math.min(60_000, config.retention().toMillis() / 4));
        purgeTask = scheduler.scheduleWithFixedDelay(this::purgeSafely, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (scanTask != null) {
            scanTask.cancel(false);
        }
        if (purgeTask != null) {
            purgeTask.cancel(false);
        }
    }

    /** One pass over every partition held; returns how many invocations it loaded. */
    public int scan() {
        return scan(ownership.heldPartitions());
    }

    /** One pass over {@code of} (partitions this node holds); returns how many invocations it loaded. */
    public int scan(Set<Integer> of) {
        if (of.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        long dueBy = now + config.recoveryInterval().toMillis();
        long after = 0;
        int loaded = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            long from = after;
            List<PartitionStore.Due> due = Tx.call(transactions, () -> partitions.findDue(of, dueBy, from, PAGE));
            for (PartitionStore.Due d : due) {
                after = d.arrival();
                if (load(d.invocation(), now)) {
                    loaded++;
                }
            }
            if (due.size() < PAGE) {
                break;
            }
        }
        return loaded;
    }

    private boolean load(InvocationRecord record, long now) {
        if (!ownership.holds(record.partition())) {
            return false;
        }
        // In-flight first, then recently ended: an invocation ending here is added to the ended ones before it
        // leaves the in-flight map, so one of the two always sees it. The other order lets an invocation end
        // between the two looks and be loaded again from a row read before it ended.
        Invocation local = inflight.get(record.id());
        if (local != null) {
            if (local.isSuspended() && record.runAt() <= now) {
                wake.accept(record.id()); // woken through the store, by a node that did not reach this one
            }
            return false;
        }
        if (recentlyEnded.contains(record.id())) {
            return false; // read before it ended here
        }
        Optional<HandlerDefinition> handler = resolver.apply(record);
        if (handler.isEmpty()) {
            if (unknownTargets.add(record.service() + "/" + record.handler())) {
                LOG.log(Level.WARNING, "Cannot recover invocations of " + record.service() + "/" + record.handler()
                        + ": no such handler is deployed here (renamed without @Name?)");
            }
            return false;
        }
        Invocation invocation = new Invocation(handler.get(), record, null, true);
        invocation.origin("loaded by a recovery scan that began at " + now);
        if (inflight.putIfAbsent(record.id(), invocation) != null) {
            return false;
        }
        LOG.log(Level.DEBUG, () -> "Loading invocation " + record.id() + " of " + record.service() + "/"
                + record.handler() + " (status " + record.status() + ", " + record.attempts() + " attempts)");
        resume.accept(invocation);
        return true;
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
                purged = Tx.call(transactions, () -> store.purgeEndedBefore(cutoff, PURGE_BATCH));
            } while (purged == PURGE_BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging ended invocations failed; will try again", e);
        }
    }
}
