package io.rio.ingress.internal;

import io.rio.core.RioAdmin;
import io.rio.core.RioEngine;
import io.rio.core.model.ServiceDefinition;
import io.rio.spi.InvocationQuery;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the admin API does, independent of JAX-RS: each operation validates its parameters, calls
 * {@link RioAdmin} and answers an {@link IngressReply} with a JSON body ({@link AdminJson}) or a JSON error
 * {@code {"code","message"}} naming the culprit: 400 for bad parameters, 404 for unknown invocations or
 * objects, 409 when the invocation is not in a state that allows the action.
 *
 * <p>Thread safety: stateless apart from the engine; safe for concurrent use.
 *
 * <p>Error handling: failures of the engine or the store propagate; the JAX-RS layer answers them with 500 and
 * a log reference.
 */
public final class AdminOperations {
    /** Default and maximum of {@code limit} in list queries. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final RioEngine engine;

    public AdminOperations(RioEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** {@code GET /rio/admin/services}. */
    public IngressReply services() {
        return ok(AdminJson.services(engine.registry().services()));
    }

    /** {@code GET /rio/admin/invocations?service=&key=&status=&limit=}; blank parameters match everything. */
    public IngressReply invocations(String service, String key, String status, String limit) {
        InvocationStatus parsedStatus = null;
        if (status != null && !status.isBlank()) {
            try {
                parsedStatus = InvocationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return IngressReply.error(400, "Unknown status '" + status + "'; valid statuses: "
                        + Arrays.stream(InvocationStatus.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }
        Integer parsedLimit = limit(limit);
        if (parsedLimit == null) {
            return badLimit(limit);
        }
        return ok(AdminJson.invocations(engine.admin().list(new InvocationQuery(blankToNull(service),
                blankToNull(key), parsedStatus, parsedLimit))));
    }

    /** {@code GET /rio/admin/invocations/{id}}: the invocation with its journal and signals. */
    public IngressReply invocation(String id) {
        return engine.admin().show(id).map(d -> ok(AdminJson.details(d))).orElseGet(() -> unknown(id));
    }

    /** {@code POST /rio/admin/invocations/{id}/{action}}, action cancel, kill, pause or resume: 202 when done. */
    public IngressReply act(String id, String action) {
        RioAdmin admin = engine.admin();
        boolean done = switch (action) {
            case "cancel" -> admin.cancel(id);
            case "kill" -> admin.kill(id);
            case "pause" -> admin.pause(id);
            case "resume" -> admin.resume(id);
            default -> throw new IllegalArgumentException("unknown action " + action);
        };
        if (done) {
            return new IngressReply(202, AdminJson.action(id, action), Map.of());
        }
        Optional<InvocationRecord> record = find(id);
        if (record.isEmpty()) {
            return unknown(id);
        }
        InvocationStatus status = record.get().status();
        String why;
        if (status.isTerminal()) {
            why = "it has already ended (" + status + ")";
        } else if (action.equals("pause")) {
            why = "it is already paused";
        } else if (action.equals("resume")) {
            why = "it is not paused (" + status + ")";
        } else {
            why = "it is " + status;
        }
        return IngressReply.error(409, "Cannot " + action + " invocation " + id + ": " + why);
    }

    /** {@code DELETE /rio/admin/invocations/{id}}: purges an ended invocation with its journal. */
    public IngressReply purge(String id) {
        if (engine.admin().purge(id)) {
            return ok(AdminJson.action(id, "purge"));
        }
        Optional<InvocationRecord> record = find(id);
        if (record.isEmpty()) {
            return unknown(id);
        }
        return IngressReply.error(409, "Cannot purge invocation " + id + ": it has not ended ("
                + record.get().status() + "); cancel or kill it first");
    }

    /** {@code GET /rio/admin/objects/{service}/keys?limit=}. */
    public IngressReply keys(String service, String limit) {
        IngressReply notKeyed = checkKeyed(service);
        if (notKeyed != null) {
            return notKeyed;
        }
        Integer parsedLimit = limit(limit);
        if (parsedLimit == null) {
            return badLimit(limit);
        }
        return ok(AdminJson.keys(service, engine.admin().keys(service, parsedLimit)));
    }

    /** {@code GET /rio/admin/objects/{service}/{key}/state}: a JSON object of the state entries. */
    public IngressReply state(String service, String key) {
        IngressReply notKeyed = checkKeyed(service);
        return notKeyed != null ? notKeyed : ok(AdminJson.state(engine.admin().state(service, key)));
    }

    /**
     * {@code PUT /rio/admin/objects/{service}/{key}/state} with a JSON object: replaces the whole state (an
     * empty object clears it) and answers the new state.
     */
    public IngressReply replaceState(String service, String key, String contentType, byte[] body) {
        IngressReply notKeyed = checkKeyed(service);
        if (notKeyed != null) {
            return notKeyed;
        }
        if (body.length > 0 && !InputDecoder.isJson(contentType)) {
            return IngressReply.error(415, "Content type '" + contentType + "' is not supported: send the state as"
                    + " a JSON object with 'content-type: application/json'");
        }
        InputDecoder.Decoded text = InputDecoder.text(contentType, body, "The state of " + service + "/" + key);
        if (text.error() != null) {
            return text.error();
        }
        Map<String, String> entries;
        try {
            entries = JsonText.objectMembers(text.json());
        } catch (IllegalArgumentException e) {
            return IngressReply.error(400, "The state of " + service + "/" + key + " must be a JSON object of"
                    + " entries, e.g. {\"count\":3}: " + e.getMessage());
        }
        engine.admin().replaceState(service, key, entries);
        return state(service, key);
    }

    private Optional<InvocationRecord> find(String id) {
        return engine.admin().show(id).map(RioAdmin.InvocationDetails::invocation);
    }

    /** {@code null} if {@code service} is a virtual object or workflow, else the 404 or 400 answer. */
    private IngressReply checkKeyed(String service) {
        Optional<ServiceDefinition> definition = engine.registry().service(service);
        if (definition.isEmpty() || !definition.get().kind().keyed()) {
            String keyed = engine.registry().services().stream().filter(s -> s.kind().keyed())
                    .map(ServiceDefinition::name).sorted().collect(Collectors.joining(", "));
            String known = keyed.isEmpty() ? "(none deployed)" : keyed;
            return definition.isEmpty()
                    ? IngressReply.error(404, "No virtual object or workflow named '" + service + "'; known: " + known)
                    : IngressReply.error(400, "'" + service + "' is a service, without keys or state; virtual objects"
                            + " and workflows: " + known);
        }
        return null;
    }

    /** The limit, {@link #DEFAULT_LIMIT} if absent, {@code null} if invalid. */
    private static Integer limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            return limit >= 1 && limit <= MAX_LIMIT ? limit : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static IngressReply badLimit(String text) {
        return IngressReply.error(400, "Invalid limit '" + text + "': use a whole number from 1 to " + MAX_LIMIT
                + " (default " + DEFAULT_LIMIT + ")");
    }

    private static IngressReply unknown(String id) {
        return IngressReply.error(404, "No invocation " + id + " (unknown, or purged after the retention period)");
    }

    private static IngressReply ok(String json) {
        return new IngressReply(200, json, Map.of());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
