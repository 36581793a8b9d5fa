package io.rio.core;

import io.rio.core.model.HandlerDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A request to invoke a handler, as the ingress (or another handler) makes it.
 *
 * @param target         the handler
 * @param key            the object or workflow key; {@code null} for a service
 * @param inputJson      the input as JSON text; {@code null} if the handler takes none
 * @param input          the input already deserialized by the caller, or {@code null} to deserialize here
 * @param headers        request headers to hand to the handler (lower-case names)
 * @param idempotencyKey the {@code Idempotency-Key}, or {@code null}
 * @param delay          for sends: do not start before this delay; {@code null} or zero for none
 */
public record InvocationRequest(
        HandlerDefinition target, String key, String inputJson, Object input, Map<String, String> headers,
        String idempotencyKey, Duration delay) {

    public InvocationRequest {
        Objects.requireNonNull(target, "target");
        if (target.keyed() && (key == null || key.isEmpty())) {
            throw new IllegalArgumentException("Handler " + target.service() + "/" + target.name() + " needs a key");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static InvocationRequest of(HandlerDefinition target, String key, String inputJson) {
        return new InvocationRequest(target, key, inputJson, null, Map.of(), null, null);
    }
}
