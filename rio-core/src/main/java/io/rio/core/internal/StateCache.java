package io.rio.core.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last committed state of recently used objects, kept as a virtual-object runtime keeps its activations' state
 * in memory, so that an exclusive attempt on a key this node wrote last does not read the state back: the lock
 * returns the object's version, and the store leaves the read out when the cached copy is at the version before.
 * Another node's write, a rollback that did commit after all, or a purge all show as a version mismatch, and the
 * state is read again. Bounded: the least recently used of {@value #MAX_ENTRIES} keys is dropped first, and a state
 * over {@value #MAX_CHARS} characters of JSON is not kept.
 *
 * <p>Thread safety: safe for concurrent use (one lock; each operation is a map lookup or a copy).
 */
final class StateCache {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_CHARS = 64 * 1024;

    /** A committed state and the version it was committed at. */
    record Entry(long version, Map<String, String> state) {
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The cached state of the object, or {@code null}. */
    synchronized Entry get(String queueKey) {
        return entries.get(queueKey);
    }

    /** After a commit: {@code state} is the object's state at {@code version} (-1: unknown, nothing is kept). */
    void committed(String queueKey, long version, Map<String, String> state) {
        if (version < 0 || chars(state) > MAX_CHARS) {
            forget(queueKey);
            return;
        }
        Entry entry = new Entry(version, Map.copyOf(state));
        synchronized (this) {
            entries.put(queueKey, entry);
        }
    }

    synchronized void forget(String queueKey) {
        entries.remove(queueKey);
    }

    /** After a commit: the objects an attempt or a batch locked, each at its final state. */
    void committed(Map<String, Locked> locked) {
        for (Map.Entry<String, Locked> e : locked.entrySet()) {
            committed(e.getKey(), e.getValue().version(), e.getValue().state());
        }
    }

    /**
     * An object locked in the current transaction: its version, its state, which the attempts of the transaction
     * update as they complete, and the invocation holding it between attempts ({@code head}, cleared when that one
     * completes in the transaction).
     */
    static final class Locked {
        private final long version;
        private final Map<String, String> state;
        private volatile String head;

        Locked(long version, Map<String, String> state, String head) {
            this.version = version;
            this.state = state;
            this.head = head;
        }

        /** The state found by a lock, or (when the store left the read out) a copy of the cached one. */
        static Locked of(io.rio.spi.LockedObject lock, Entry cached) {
            return new Locked(lock.version(), new HashMap<>(lock.state() != null ? lock.state() : cached.state()),
                    lock.head());
        }

        long version() {
            return version;
        }

        Map<String, String> state() {
            return state;
        }

        String head() {
            return head;
        }

        void released() {
            head = null;
        }
    }

    /** The characters of {@code state}; above {@link #MAX_CHARS} if it holds a null (never cached). */
    private static int chars(Map<String, String> state) {
        int n = 0;
        for (Map.Entry<String, String> e : state.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                return MAX_CHARS + 1;
            }
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }
}
