package io.rio.core.internal;

import io.rio.api.Awakeable;
import io.rio.api.DurableFuture;
import java.lang.reflect.Type;
import java.util.List;

/** The durable futures an {@link InvocationContext} hands out. Confined to the attempt's thread. */
final class Futures {
    private Futures() {
    }

    /** What the context needs to know of a future to combine it. */
    interface Awaitable {
        /** Whether it completed (without suspending). */
        boolean isDone();

        /** When a timer among it fires, or {@link Suspend#NEVER}. */
        long wakeAt();

        /** The signals it waits for, as (scope, name) pairs. */
        List<String[]> awaited();
    }

    static final class Timer implements DurableFuture<Void>, Awaitable {
        private final InvocationContext ctx;
        private final long wakeAt;

        Timer(InvocationContext ctx, long wakeAt) {
            this.ctx = ctx;
            this.wakeAt = wakeAt;
        }

        @Override
        public Void await() {
            ctx.checkCancelled();
            if (!isDone()) {
                throw new Suspend(wakeAt);
            }
            return null;
        }

        @Override
        public boolean isDone() {
            return ctx.now() >= wakeAt;
        }

        @Override
        public long wakeAt() {
            return wakeAt;
        }

        @Override
        public List<String[]> awaited() {
            return List.of();
        }
    }

    /** A future completed by a signal: an awakeable, a call's result or a workflow promise. */
    static class Signal<T> implements DurableFuture<T>, Awaitable {
        final InvocationContext ctx;
        final String scope;
        final String name;
        final Type type;
        final int callSeq;

        /** @param callSeq the journal position of the call awaiting this result, or -1 */
        Signal(InvocationContext ctx, String scope, String name, Type type, int callSeq) {
            this.ctx = ctx;
            this.scope = scope;
            this.name = name;
            this.type = type;
            this.callSeq = callSeq;
        }

        @Override
        public T await() {
            ctx.checkCancelled();
            if (!isDone()) {
                throw new Suspend(Suspend.NEVER, awaited());
            }
            return ctx.signalValue(scope, name, type);
        }

        @Override
        public boolean isDone() {
            return !(callSeq >= 0 && ctx.outboxHolds(callSeq)) && ctx.signal(scope, name) != null;
        }

        @Override
        public long wakeAt() {
            return Suspend.NEVER;
        }

        @Override
        public List<String[]> awaited() {
            return List.<String[]>of(new String[] {scope, name});
        }
    }

    static final class AwakeableFuture<T> extends Signal<T> implements Awakeable<T> {
        private final String id;

        AwakeableFuture(InvocationContext ctx, String scope, String name, Type type, String id) {
            super(ctx, scope, name, type, -1);
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    /** The index of the first of several futures to complete; the choice is journaled. */
    static final class Any implements DurableFuture<Integer>, Awaitable {
        private final InvocationContext ctx;
        private final int seq;
        private final List<Awaitable> futures;

        Any(InvocationContext ctx, int seq, List<Awaitable> futures) {
            this.ctx = ctx;
            this.seq = seq;
            this.futures = futures;
        }

        @Override
        public Integer await() {
            ctx.checkCancelled();
            Integer chosen = ctx.replayedChoice(seq);
            if (chosen != null) {
                return chosen;
            }
            for (int i = 0; i < futures.size(); i++) {
                if (futures.get(i).isDone()) {
                    ctx.journalChoice(seq, i);
                    return i;
                }
            }
            throw new Suspend(wakeAt(), awaited());
        }

        @Override
        public boolean isDone() {
            return ctx.replayedChoice(seq) != null || futures.stream().anyMatch(Awaitable::isDone);
        }

        @Override
        public long wakeAt() {
            return futures.stream().mapToLong(Awaitable::wakeAt).min().orElse(Suspend.NEVER);
        }

        @Override
        public List<String[]> awaited() {
            return futures.stream().flatMap(f -> f.awaited().stream()).toList();
        }
    }

    /** Completes when all of several futures have. */
    static final class All implements DurableFuture<Void>, Awaitable {
        private final List<DurableFuture<?>> futures;
        private final List<Awaitable> awaitables;

        All(List<DurableFuture<?>> futures, List<Awaitable> awaitables) {
            this.futures = futures;
            this.awaitables = awaitables;
        }

        @Override
        public Void await() {
            for (DurableFuture<?> f : futures) {
                f.await();
            }
            return null;
        }

        @Override
        public boolean isDone() {
            return awaitables.stream().allMatch(Awaitable::isDone);
        }

        @Override
        public long wakeAt() {
            return awaitables.stream().filter(a -> !a.isDone()).mapToLong(Awaitable::wakeAt).min()
                    .orElse(Suspend.NEVER);
        }

        @Override
        public List<String[]> awaited() {
            return awaitables.stream().flatMap(f -> f.awaited().stream()).toList();
        }
    }
}
