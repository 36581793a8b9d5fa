package io.rio.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One FIFO queue per object key: only the head of a key's queue runs; it keeps the key while it backs off
 * or is paused. Shared and stateless invocations do not pass through here.
 *
 * <p>Group commit: the running head may {@linkplain #claimFollowers claim} the invocations queued right behind
 * it, to run them after itself, in order, in its own transaction. A claimed invocation is not started when the one
 * before it finishes (it is running already); {@link #unclaim} gives the claims back when the group falls apart.
 *
 * <p>Thread safety: safe for concurrent use; each queue is guarded by its own monitor.
 */
public final class KeyQueues {
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Consumer<Invocation> start;
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /** @param start starts the head of a queue (dispatches its attempt) */
    public KeyQueues(Consumer<Invocation> start) {
        this.start = start;
    }

    /**
     * Appends to the key's queue; starts it right away if the key is free, or if it is the queue's parked head
     * ({@link #parkAtHead}).
     */
    public void enqueue(Invocation invocation) {
        enqueue(invocation, start);
    }

    /**
     * Appends to the key's queue; if the key is free, starts it with {@code startNow} (e.g. on the calling
     * thread) instead of the usual start.
     */
    public void enqueue(Invocation invocation, Consumer<Invocation> startNow) {
        String key = invocation.queueKey();
        while (true) {
            Queue q = queues.computeIfAbsent(key, k -> new Queue());
            Invocation toStart;
            synchronized (q) {
                if (q.retired) {
                    continue; // removed concurrently: take a fresh queue
                }
                if (q.items.peekFirst() != invocation) { // else: a parked head comes due
                    q.items.addLast(invocation);
                    if (q.items.size() > 1) {
                        waiting.incrementAndGet();
                        return;
                    }
                }
                toStart = invocation;
            }
            startNow.accept(toStart);
            return;
        }
    }

    /**
     * Puts {@code head} in front of its key's queue, not started: an invocation that holds the key between attempts
     * (suspended, backing off or paused, found in the store) goes before the ones queued here, the running head
     * included, which then waits behind it.
     *
     * @return true if {@code head} was queued already behind others and was moved to the front: it had been admitted
     *         and is now the caller's to start; false if it was inserted (its own admission or wake starts it) or
     *         was at the front already
     */
    public boolean parkAtHead(Invocation head) {
        String key = head.queueKey();
        while (true) {
            Queue q = queues.computeIfAbsent(key, k -> new Queue());
            synchronized (q) {
                if (q.retired) {
                    continue;
                }
                int at = indexOf(q.items, head);
                if (at == 0) {
                    return false;
                }
                if (at > 0) {
                    q.items.remove(head);
                    q.items.addFirst(head);
                    q.claimed = 0;
                    return true;
                }
                q.items.addFirst(head);
                q.claimed = 0;
                if (q.items.size() > 1) {
                    waiting.incrementAndGet();
                }
                return false;
            }
        }
    }

    /** Removes the finished head of its key's queue and starts the next one, if any. */
    public void finished(Invocation invocation) {
        String key = invocation.queueKey();
        Queue q = queues.get(key);
        if (q == null) {
            return;
        }
        Invocation next;
        synchronized (q) {
            if (q.items.peekFirst() != invocation) {
                int index = indexOf(q.items, invocation);
                if (index > 0) {
                    q.items.remove(invocation);
                    waiting.decrementAndGet();
                    if (index <= q.claimed) {
                        q.claimed--;
                    }
                }
                return;
            }
            q.items.pollFirst();
            next = q.items.peekFirst();
            if (next == null) {
                q.retired = true;
                queues.remove(key, q);
                return;
            }
            waiting.decrementAndGet();
            if (q.claimed > 0) {
                q.claimed--;
                return; // the new head runs already, in its predecessor's group
            }
        }
        start.accept(next);
    }

    /**
     * Claims up to {@code max} {@code eligible} invocations queued right behind {@code head}, which must be the running head of its
     * key's queue; they run after it in its group and are not started on their own. Returns them in queue order
     * (empty if {@code head} is not the head, or nothing waits behind it).
     */
    public List<Invocation> claimFollowers(Invocation head, int max, Predicate<Invocation> eligible) {
        Queue q = queues.get(head.queueKey());
        if (q == null || max <= 0) {
            return List.of();
        }
        synchronized (q) {
            if (q.items.peekFirst() != head || q.claimed > 0) {
                return List.of();
            }
            List<Invocation> followers = new ArrayList<>(Math.min(max, q.items.size() - 1));
            Iterator<Invocation> it = q.items.iterator();
            it.next();
            while (it.hasNext() && followers.size() < max) {
                Invocation next = it.next();
                if (next.isPaused() || next.future().isDone() || !eligible.test(next)) {
                    break;
                }
                followers.add(next);
            }
            q.claimed = followers.size();
            return followers;
        }
    }

    /** Gives back the claims of {@code head}'s group: the followers start one by one again, after the head. */
    public void unclaim(Invocation head) {
        Queue q = queues.get(head.queueKey());
        if (q == null) {
            return;
        }
        synchronized (q) {
            if (q.items.peekFirst() == head) {
                q.claimed = 0;
            }
        }
    }

    /** Invocations waiting behind the head of {@code key}'s queue (see {@link Invocation#queueKey()}). */
    public int waitingFor(String key) {
        Queue q = queues.get(key);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return Math.max(0, q.items.size() - 1);
        }
    }

    /** Invocations waiting behind the head of their key's queue, over all keys. */
    public int waiting() {
        return waiting.get();
    }

    private static int indexOf(ArrayDeque<Invocation> items, Invocation invocation) {
        int i = 0;
        for (Invocation item : items) {
            if (item == invocation) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static final class Queue {
        final ArrayDeque<Invocation> items = new ArrayDeque<>();
        /** How many invocations behind the head run in the head's group. */
        int claimed;
        boolean retired;
    }
}
