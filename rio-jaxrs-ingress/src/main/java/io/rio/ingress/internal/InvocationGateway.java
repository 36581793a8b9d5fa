package io.rio.ingress.internal;

import io.rio.core.InvocationOutcome;
import io.rio.core.InvocationRequest;
import io.rio.core.RioEngine;
import io.rio.core.SendReceipt;
import io.rio.core.model.HandlerDefinition;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The part of {@link RioEngine} the ingress uses, as an interface so the dispatching logic can be tested
 * without an engine. Semantics are those of the engine's methods of the same names.
 */
public interface InvocationGateway {

    CompletableFuture<InvocationOutcome> call(InvocationRequest request);

    CompletableFuture<SendReceipt> send(InvocationRequest request);

    CompletableFuture<InvocationOutcome> attach(String invocationId);

    Optional<InvocationOutcome> output(String invocationId);

    /** See {@link RioEngine#findInvocationId(HandlerDefinition, String, String)}. */
    Optional<String> findInvocationId(HandlerDefinition target, String key, String idempotencyKey);

    /**
     * See {@link RioEngine#completeAwakeable(String, String, String)}.
     *
     * @throws io.rio.api.TerminalException 404 for an unknown awakeable, 409 if it is completed already
     */
    void completeAwakeable(String awakeableId, String json, String reason);

    /** A gateway that forwards to {@code engine}. */
    static InvocationGateway of(RioEngine engine) {
        return new InvocationGateway() {
            @Override
            public CompletableFuture<InvocationOutcome> call(InvocationRequest request) {
                return engine.call(request);
            }

            @Override
            public CompletableFuture<SendReceipt> send(InvocationRequest request) {
                return engine.send(request);
            }

            @Override
            public CompletableFuture<InvocationOutcome> attach(String invocationId) {
                return engine.attach(invocationId);
            }

            @Override
            public Optional<InvocationOutcome> output(String invocationId) {
                return engine.output(invocationId);
            }

            @Override
            public Optional<String> findInvocationId(HandlerDefinition target, String key, String idempotencyKey) {
                return engine.findInvocationId(target, key, idempotencyKey);
            }

            @Override
            public void completeAwakeable(String awakeableId, String json, String reason) {
                engine.completeAwakeable(awakeableId, json, reason);
            }
        };
    }
}
