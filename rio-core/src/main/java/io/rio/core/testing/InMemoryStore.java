package io.rio.core.testing;

import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.JournalAppend;
import io.rio.spi.JournalEntry;
import io.rio.spi.LockedObject;
import io.rio.spi.FencedException;
import io.rio.spi.PartitionStore;
import io.rio.spi.RioStore;
import java.util.Collection;
import io.rio.spi.SignalRecord;
import io.rio.spi.StateChanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link RioStore} in memory, for the engine's unit tests: committed data is shared, writes are staged
 * until the {@link InMemoryTransactions} transaction commits, object locks are held until it ends, and
 * unique keys are reserved at insert time (released on rollback) so duplicates surface as they would in a
 * database.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class InMemoryStore implements RioStore, PartitionStore {
    private final InMemoryTransactions transactions;
    private final Map<String, InvocationRecord> invocations = new ConcurrentHashMap<>();
    private final Map<String, String> idempotencyIndex = new ConcurrentHashMap<>();
    private final Map<String, String> reservedIds = new ConcurrentHashMap<>();
    private final Map<String, JournalEntry> journal = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reservedJournal = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> state = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong stateReads = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, SignalRecord> signals = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reservedSignals = new ConcurrentHashMap<>();
    private final java.util.Set<String> ticks = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> partitions = new ConcurrentHashMap<>();
    private final Map<Integer, String> partitionOwners = new ConcurrentHashMap<>();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong arrival = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, String> heads = new ConcurrentHashMap<>();

    public InMemoryStore(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void insertInvocation(InvocationRecord invocation) {
        InMemoryTransactions.Tx tx = transactions.require();
        if (reservedIds.putIfAbsent(invocation.id(), invocation.id()) != null) {
            throw new DuplicateEntryException("duplicate invocation id " + invocation.id(), null);
        }
        tx.onRollback.add(() -> reservedIds.remove(invocation.id()));
        if (invocation.idempotencyKey() != null) {
            String idem = idemKey(invocation.service(), invocation.handler(), invocation.objectKey(),
                    invocation.idempotencyKey());
            if (idempotencyIndex.putIfAbsent(idem, invocation.id()) != null) {
                throw new DuplicateEntryException("duplicate idempotency key " + invocation.idempotencyKey(), null);
            }
            tx.onRollback.add(() -> idempotencyIndex.remove(idem, invocation.id()));
        }
        tx.onCommit.add(() -> {
            arrivals.put(invocation.id(), arrival.incrementAndGet());
            invocations.put(invocation.id(), invocation);
        });
    }

    @Override
    public Optional<InvocationRecord> findInvocation(String id) {
        return Optional.ofNullable(invocations.get(id));
    }

    @Override
    public Optional<InvocationRecord> findByIdempotencyKey(String service, String handler, String objectKey,
            String idempotencyKey) {
        String id = idempotencyIndex.get(idemKey(service, handler, objectKey, idempotencyKey));
        return id == null ? Optional.empty() : findInvocation(id);
    }

    /** Fenced as the JPA store: the partition must be at the record's epoch (an epoch below 0 is not fenced). */
    @Override
    public boolean updateInvocation(InvocationRecord invocation) {
        InMemoryTransactions.Tx tx = transactions.require();
        InvocationRecord stored = invocations.get(invocation.id());
        if (stored == null || stored.status().isTerminal()) {
            return false;
        }
        checkFence(invocation.partition(), invocation.epoch(), invocation.id());
        tx.onCommit.add(() -> invocations.put(invocation.id(), invocation));
        return true;
    }

    private void checkFence(int partition, long epoch, String what) {
        if (epoch >= 0 && !Long.valueOf(epoch).equals(partitions.get(partition))) {
            throw new FencedException(partition, what + ": partition " + partition + " is at epoch "
                    + partitions.get(partition) + ", not " + epoch);
        }
    }

    @Override
    public synchronized List<Fence> takePartitions(Collection<Integer> ids, String owner, long now) {
        List<Fence> taken = new ArrayList<>(ids.size());
        for (Integer id : ids) {
            long epoch = partitions.merge(id, 1L, Long::sum);
            partitionOwners.put(id, owner);
            taken.add(new Fence(id, epoch));
        }
        return taken;
    }

    @Override
    public List<PartitionRow> partitionRows() {
        List<PartitionRow> rows = new ArrayList<>();
        new java.util.TreeMap<>(partitions).forEach((id, epoch) -> rows.add(new PartitionRow(id,
                partitionOwners.get(id), epoch, 0)));
        return rows;
    }

    @Override
    public List<Due> findDue(Collection<Integer> of, long dueBy, long afterArrival, int limit) {
        List<Due> found = new ArrayList<>();
        for (InvocationRecord r : invocations.values()) {
            boolean open = !r.status().isTerminal() && r.status() != InvocationStatus.PAUSED;
            long arrival = arrivals.getOrDefault(r.id(), 0L);
            if (open && r.runAt() <= dueBy && arrival > afterArrival && of.contains(r.partition())) {
                found.add(new Due(arrival, r));
            }
        }
        found.sort(Comparator.comparingLong(Due::arrival));
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    @Override
    public List<JournalEntry> loadJournal(String invocationId) {
        List<JournalEntry> entries = new ArrayList<>();
        for (JournalEntry e : journal.values()) {
            if (e.invocationId().equals(invocationId)) {
                entries.add(e);
            }
        }
        entries.sort(Comparator.comparingInt(JournalEntry::seq));
        return entries;
    }

    @Override
    public void appendJournal(JournalAppend append) {
        InMemoryTransactions.Tx tx = transactions.require();
        JournalEntry entry = append.entry();
        checkFence(append.partition(), append.epoch(), "journal entry " + entry.seq() + " of " + entry.invocationId());
        InvocationRecord owner = invocations.get(entry.invocationId());
        if (!reservedIds.containsKey(entry.invocationId()) || owner != null && owner.status().isTerminal()) {
            throw new io.rio.spi.InvocationEndedException("Invocation " + entry.invocationId()
                    + " has ended or was purged: its journal is closed");
        }
        String key = entry.invocationId() + '#' + entry.seq();
        if (reservedJournal.putIfAbsent(key, Boolean.TRUE) != null) {
            throw new DuplicateEntryException("duplicate journal entry " + key, null);
        }
        tx.onRollback.add(() -> reservedJournal.remove(key));
        tx.onCommit.add(() -> journal.put(key, entry));
    }

    @Override
    public Map<String, String> lockObject(String service, String key) {
        return lockObject(service, key, -1, null).state();
    }

    /** Versions as the PostgreSQL store keeps them: each committed lock raises the object's version by one. */
    @Override
    public LockedObject lockObject(String service, String key, long cachedVersion, Fence fence) {
        InMemoryTransactions.Tx tx = transactions.require();
        String object = service + '\u0000' + key;
        ReentrantLock lock = locks.computeIfAbsent(object, k -> new ReentrantLock(true));
        lock.lock();
        tx.onEnd.add(lock::unlock);
        if (fence != null) {
            checkFence(fence.partition(), fence.epoch(), "object " + service + "/" + key);
        }
        Long committed = versions.get(object);
        long version = committed == null ? 0 : committed + 1;
        tx.onCommit.add(() -> versions.put(object, version));
        String head = heads.get(object);
        if (cachedVersion >= 0 && committed != null && committed == cachedVersion) {
            return new LockedObject(version, null, head);
        }
        return new LockedObject(version, readState(service, key), head);
    }

    @Override
    public void holdObject(String service, String key, String invocationId) {
        transactions.require().onCommit.add(() -> heads.put(service + '\u0000' + key, invocationId));
    }

    @Override
    public void releaseObject(String service, String key, String invocationId) {
        transactions.require().onCommit.add(() -> heads.remove(service + '\u0000' + key, invocationId));
    }

    /** How many times the state of an object was read (locks that left the read out do not count). */
    public long stateReads() {
        return stateReads.get();
    }

    @Override
    public Map<String, String> readState(String service, String key) {
        stateReads.incrementAndGet();
        Map<String, String> entries = state.get(service + '\u0000' + key);
        return entries == null ? Map.of() : Map.copyOf(entries);
    }

    @Override
    public void applyState(String service, String key, StateChanges changes) {
        InMemoryTransactions.Tx tx = transactions.require();
        tx.onCommit.add(() -> state.compute(service + '\u0000' + key, (k, old) -> {
            Map<String, String> next = old == null || changes.clearAll() ? new HashMap<>() : new HashMap<>(old);
            changes.removed().forEach(next::remove);
            next.putAll(changes.set());
            return next;
        }));
    }

    @Override
    public void insertSignal(SignalRecord signal) {
        InMemoryTransactions.Tx tx = transactions.require();
        String key = signal.scope() + '\u0000' + signal.name();
        if (reservedSignals.putIfAbsent(key, Boolean.TRUE) != null) {
            throw new DuplicateEntryException("duplicate signal " + key, null);
        }
        tx.onRollback.add(() -> reservedSignals.remove(key));
        tx.onCommit.add(() -> signals.put(key, signal));
    }

    @Override
    public List<SignalRecord> loadSignals(String scope) {
        List<SignalRecord> found = new ArrayList<>();
        for (SignalRecord s : signals.values()) {
            if (s.scope().equals(scope)) {
                found.add(s);
            }
        }
        return found;
    }

    @Override
    public Optional<SignalRecord> findSignal(String scope, String name) {
        return Optional.ofNullable(signals.get(scope + '\u0000' + name));
    }

    @Override
    public boolean wakeInvocation(String id, long now) {
        boolean[] woken = {false};
        invocations.computeIfPresent(id, (k, r) -> {
            if (r.status() != InvocationStatus.SUSPENDED) {
                return r;
            }
            woken[0] = true;
            return r.with(r.status(), r.attempts(), r.output(), r.errorCode(), r.errorMessage(), r.owner(),
                    r.epoch(), now, now);
        });
        return woken[0];
    }

    @Override
    public List<InvocationRecord> listInvocations(InvocationQuery query) {
        return invocations.values().stream()
                .filter(r -> query.service() == null || query.service().equals(r.service()))
                .filter(r -> query.objectKey() == null || query.objectKey().equals(r.objectKey()))
                .filter(r -> query.status() == null || query.status() == r.status())
                .sorted(Comparator.comparingLong(InvocationRecord::createdAt).reversed())
                .limit(query.limit()).toList();
    }

    @Override
    public boolean purgeInvocation(String id) {
        InvocationRecord r = invocations.get(id);
        if (r == null || !r.status().isTerminal()) {
            return false;
        }
        purge(r);
        return true;
    }

    private void purge(InvocationRecord r) {
        invocations.remove(r.id());
        reservedIds.remove(r.id());
        if (r.idempotencyKey() != null) {
            idempotencyIndex.remove(idemKey(r.service(), r.handler(), r.objectKey(), r.idempotencyKey()));
        }
        journal.keySet().removeIf(k -> k.startsWith(r.id() + '#'));
        reservedJournal.keySet().removeIf(k -> k.startsWith(r.id() + '#'));
        signals.keySet().removeIf(k -> k.startsWith(r.id() + '\u0000'));
        reservedSignals.keySet().removeIf(k -> k.startsWith(r.id() + '\u0000'));
        if ("~run".equals(r.idempotencyKey())) {
            state.remove(r.service() + '\u0000' + r.objectKey());
            // as on PostgreSQL, where a new life starts at a random version: never one a cached copy may have
            versions.computeIfPresent(r.service() + '\u0000' + r.objectKey(), (k, v) -> v + (1L << 32));
            String scope = "wf/" + r.service() + "/" + r.objectKey() + '\u0000';
            signals.keySet().removeIf(k -> k.startsWith(scope));
            reservedSignals.keySet().removeIf(k -> k.startsWith(scope));
        }
    }

    @Override
    public List<String> listObjectKeys(String service, int limit) {
        return state.keySet().stream().filter(k -> k.startsWith(service + '\u0000'))
                .map(k -> k.substring(service.length() + 1)).sorted().limit(limit).toList();
    }

    @Override
    public int purgeEndedBefore(long cutoff, int limit) {
        List<InvocationRecord> old = invocations.values().stream()
                .filter(r -> r.status().isTerminal() && r.modifiedAt() < cutoff).limit(limit).toList();
        old.forEach(this::purge);
        return old.size();
    }

    @Override
    public boolean claimTick(String schedule, long tick) {
        return ticks.add(schedule + '\u0000' + tick);
    }

    /** Every stored invocation (tests). */
    public List<InvocationRecord> invocations() {
        return List.copyOf(invocations.values());
    }

    private static String idemKey(String service, String handler, String objectKey, String idempotencyKey) {
        return service + '\u0000' + handler + '\u0000' + (objectKey == null ? "" : objectKey) + '\u0000'
                + idempotencyKey;
    }
}
