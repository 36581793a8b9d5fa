package io.rio.core.internal;

import io.rio.api.AwakeableHandle;
import io.rio.api.DurableFuture;
import io.rio.api.DurablePromise;
import io.rio.api.DurablePromiseKey;
import io.rio.spi.SignalRecord;
import java.util.Optional;

/**
 * The completing side of awakeables and workflow promises, for one attempt's context: each completion is a
 * journaled operation that writes its signal once, then wakes the waiter.
 *
 * <p>Thread safety: confined to the attempt's thread, like its context.
 */
final class Completions {
    private final InvocationContext ctx;

    Completions(InvocationContext ctx) {
        this.ctx = ctx;
    }

    AwakeableHandle awakeableHandle(String id) {
        AwakeableIds.Parsed target = AwakeableIds.parse(id);
        return new AwakeableHandle() {
            @Override
            public void resolve(Object value) {
                complete(id, target, value == null ? null
                        : ctx.codec().writePayload(value, value.getClass(), "The value of awakeable " + id), null);
            }

            @Override
            public void reject(String reason) {
                complete(id, target, null, reason);
            }
        };
    }

    private void complete(String id, AwakeableIds.Parsed target, String json, String reason) {
        ctx.completeOnce(Journal.COMPLETE_AWAKEABLE, id, () -> {
            Signals.completeAwakeable(ctx.hooks().store(), target, json, reason, ctx.now());
            return null;
        });
        ctx.hooks().wake(target.invocationId());
    }

    <T> DurablePromise<T> promise(DurablePromiseKey<T> key) {
        String workflow = ctx.invocation().handler().service();
        String workflowKey = ctx.key();
        String scope = Signals.workflowScope(workflow, workflowKey);
        return new DurablePromise<>() {
            @Override
            public DurableFuture<T> future() {
                return new Futures.Signal<>(ctx, scope, key.name(), key.type(), -1);
            }

            @Override
            public Optional<T> peek() {
                return ctx.signal(scope, key.name()) == null ? Optional.empty()
                        : Optional.ofNullable(ctx.signalValue(scope, key.name(), key.type()));
            }

            @Override
            public void resolve(T value) {
                complete(scope, workflow, workflowKey, key.name(), ctx.codec().writePayload(value, key.type(),
                        "The value of promise '" + key.name() + "' of workflow " + workflow + "/" + workflowKey), null);
            }

            @Override
            public void reject(String reason) {
                complete(scope, workflow, workflowKey, key.name(), null, reason);
            }
        };
    }

    private void complete(String scope, String workflow, String workflowKey, String name, String json,
            String reason) {
        ctx.completeOnce(Journal.COMPLETE_PROMISE, name, () -> {
            Signals.insertOnce(ctx.hooks().store(), new SignalRecord(scope, name, json, reason == null ? null : 409,
                    reason, ctx.now()), "Promise '" + name + "' of " + workflow + "/" + workflowKey);
            return null;
        });
        ctx.hooks().workflowRunId(workflow, workflowKey).ifPresent(ctx.hooks()::wake);
    }
}
