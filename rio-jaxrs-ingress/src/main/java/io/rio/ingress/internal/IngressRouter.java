package io.rio.ingress.internal;

import io.rio.core.Durations;
import io.rio.core.InvocationRequest;
import io.rio.core.model.HandlerAccess;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.Serde;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides what an ingress request means, mirroring Restate's HTTP ingress:
 *
 * <ul>
 * <li>{@code POST /{service}/{handler}[/send]} for a service;</li>
 * <li>{@code POST /{object}/{key}/{handler}[/send]} for a virtual object or workflow;</li>
 * <li>{@code POST /restate/call/...} and {@code POST /restate/send/...} with the same addressing;</li>
 * <li>{@code GET /restate/attach/{id}} and {@code GET /restate/output/{id}} (also Restate's
 * {@code /restate/invocation/{id}/attach} and {@code .../output});</li>
 * <li>{@code GET /restate/invocation/{service}/{handler}/{idempotencyKey}/attach|output} and
 * {@code GET /restate/invocation/{object}/{key}/{handler}/{idempotencyKey}/attach|output};</li>
 * <li>{@code GET /restate/workflow/{workflow}/{key}/attach|output};</li>
 * <li>{@code POST /restate/awakeables/{id}/resolve|reject} (see {@link AwakeableRoutes}).</li>
 * </ul>
 *
 * <p>Because {@code /{service}/{handler}/send} and {@code /{object}/{key}/{handler}} both have three segments,
 * the first segment is looked up in the {@link ServiceRegistry} and its {@link ServiceKind} decides whether a
 * key follows. The body is read against the handler's input type before anything is invoked, so a bad body
 * is a 400 and never a stored invocation.
 *
 * <p>Thread safety: immutable; safe for concurrent use.
 *
 * <p>Error handling: never throws for a bad request; every problem becomes a {@link Route.Reply} with a JSON
 * {@code {"code","message"}} body that names what was wrong and what is accepted.
 */
public final class IngressRouter {
    static final String RESERVED = "restate";

    private enum Mode { AUTO, CALL, SEND }

    private final ServiceRegistry registry;
    private final InputDecoder inputs;
    private final AwakeableRoutes awakeables = new AwakeableRoutes();
    private final IngressLimits limits;

    public IngressRouter(ServiceRegistry registry, Serde serde) {
        this(registry, serde, IngressLimits.DEFAULT);
    }

    public IngressRouter(ServiceRegistry registry, Serde serde, IngressLimits limits) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.inputs = new InputDecoder(Objects.requireNonNull(serde, "serde"));
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The route for {@code request}; never {@code null}. */
    public Route route(IngressRequest request) {
        if (request.body().length > limits.maxBodyBytes()) {
            return new Route.Reply(limits.bodyTooLarge(request.body().length));
        }
        List<String> segments = request.segments();
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments = segments.subList(0, segments.size() - 1); // tolerate one trailing slash
        }
        if (!segments.isEmpty() && segments.get(0).equals(RESERVED) && registry.service(RESERVED).isEmpty()) {
            return reserved(request, segments.subList(1, segments.size()));
        }
        return invocation(request, segments, Mode.AUTO);
    }

    private Route reserved(IngressRequest request, List<String> rest) {
        String op = rest.isEmpty() ? "" : rest.get(0);
        switch (op) {
            case "call", "send" -> {
                return invocation(request, rest.subList(1, rest.size()), op.equals("call") ? Mode.CALL : Mode.SEND);
            }
            case "attach", "output" -> {
                if (rest.size() != 2 || rest.get(1).isEmpty()) {
                    return reply(404, "Use GET /restate/" + op + "/{invocationId}");
                }
                return byId(request, op, rest.get(1));
            }
            case "invocation" -> {
                return byInvocation(request, rest.subList(1, rest.size()));
            }
            case "workflow" -> {
                return byWorkflowKey(request, rest.subList(1, rest.size()));
            }
            case "awakeables" -> {
                return awakeables.route(request, rest.subList(1, rest.size()));
            }
            default -> {
                return reply(404, "No ingress route /" + RESERVED + "/" + String.join("/", rest)
                        + "; known: /restate/call/..., /restate/send/..., /restate/attach/{invocationId},"
                        + " /restate/output/{invocationId}, /restate/invocation/..., /restate/workflow/..."
                        + ", /restate/awakeables/{id}/resolve|reject");
            }
        }
    }

    /**
     * {@code /restate/invocation/{id}/{op}}, {@code /restate/invocation/{service}/{handler}/{idempotencyKey}/{op}}
     * and {@code /restate/invocation/{object}/{key}/{handler}/{idempotencyKey}/{op}}, op attach or output.
     */
    private Route byInvocation(IngressRequest request, List<String> rest) {
        String usage = "Use GET /restate/invocation/{invocationId}/attach (or /output),"
                + " /restate/invocation/{service}/{handler}/{idempotencyKey}/attach or"
                + " /restate/invocation/{object}/{key}/{handler}/{idempotencyKey}/attach";
        String op = rest.isEmpty() ? "" : rest.get(rest.size() - 1);
        if (!(op.equals("attach") || op.equals("output")) || rest.size() < 2 || rest.contains("")) {
            return reply(404, usage);
        }
        if (rest.size() == 2) {
            return byId(request, op, rest.get(0));
        }
        if (rest.size() != 4 && rest.size() != 5) {
            return reply(404, usage);
        }
        ServiceDefinition service = registry.service(rest.get(0)).orElse(null);
        if (service == null) {
            return reply(404, "No service, virtual object or workflow named '" + rest.get(0) + "'; known: "
                    + knownServices());
        }
        boolean keyed = service.kind().keyed();
        if (keyed != (rest.size() == 5)) {
            return reply(404, describe(service) + (keyed ? " is keyed: GET /restate/invocation/" + service.name()
                    + "/{key}/{handler}/{idempotencyKey}/" + op : " takes no key: GET /restate/invocation/"
                    + service.name() + "/{handler}/{idempotencyKey}/" + op));
        }
        String key = keyed ? rest.get(1) : null;
        String handlerName = rest.get(keyed ? 2 : 1);
        HandlerDefinition handler = service.handler(handlerName).orElse(null);
        if (handler == null) {
            return reply(404, describe(service) + " has no handler '" + handlerName + "'; its handlers: "
                    + knownHandlers(service));
        }
        if (!request.method().equals("GET")) {
            return reply(405, "Use GET for /restate/invocation/.../" + op + ", not " + request.method());
        }
        IngressReply refused = refused(handler, request.caller());
        if (refused != null) {
            return new Route.Reply(refused);
        }
        String idempotencyKey = rest.get(rest.size() - 2);
        return new Route.Find(handler, key, idempotencyKey, op.equals("output"), "No invocation of "
                + target(handler) + (key == null ? "" : " for key '" + key + "'") + " with idempotency key '"
                + idempotencyKey + "' (never made, or purged after the retention period)");
    }

    /** {@code /restate/workflow/{name}/{key}/attach} and {@code .../output}. */
    private Route byWorkflowKey(IngressRequest request, List<String> rest) {
        if (rest.size() != 3 || rest.get(0).isEmpty() || rest.get(1).isEmpty()
                || !(rest.get(2).equals("attach") || rest.get(2).equals("output"))) {
            return reply(404, "Use GET /restate/workflow/{workflow}/{key}/attach or .../output");
        }
        String op = rest.get(2);
        ServiceDefinition service = registry.service(rest.get(0)).orElse(null);
        HandlerDefinition run = service == null ? null : service.handlers().values().stream()
                .filter(h -> h.kind() == HandlerKind.WORKFLOW_RUN).findFirst().orElse(null);
        if (run == null) {
            String workflows = registry.services().stream().filter(s -> s.kind() == ServiceKind.WORKFLOW)
                    .map(ServiceDefinition::name).sorted().collect(Collectors.joining(", "));
            return reply(404, (service == null ? "No workflow named '" + rest.get(0) + "'"
                    : describe(service) + " is not a workflow") + "; workflows: "
                    + (workflows.isEmpty() ? "(none deployed)" : workflows));
        }
        if (!request.method().equals("GET")) {
            return reply(405, "Use GET for /restate/workflow/.../" + op + ", not " + request.method());
        }
        IngressReply refused = refused(run, request.caller());
        if (refused != null) {
            return new Route.Reply(refused);
        }
        String key = rest.get(1);
        return new Route.Find(run, key, null, op.equals("output"), "Workflow '" + service.name()
                + "' has no run for key '" + key + "' (never submitted, or purged after the retention period)");
    }

    private Route byId(IngressRequest request, String op, String invocationId) {
        if (!request.method().equals("GET")) {
            return reply(405, "Use GET for /restate/" + op + ", not " + request.method());
        }
        return op.equals("attach") ? new Route.Attach(invocationId) : new Route.Output(invocationId);
    }

    private Route invocation(IngressRequest request, List<String> segments, Mode mode) {
        if (segments.isEmpty() || segments.get(0).isEmpty()) {
            return reply(404, "No service named in the path; known: " + knownServices());
        }
        ServiceDefinition service = registry.service(segments.get(0)).orElse(null);
        if (service == null) {
            return reply(404, "No service, virtual object or workflow named '" + segments.get(0) + "'; known: "
                    + knownServices());
        }
        if (!request.method().equals("POST")) {
            return reply(405, "Handlers are invoked with POST, not " + request.method());
        }
        List<String> rest = segments.subList(1, segments.size());
        boolean keyed = service.kind().keyed();
        int addressLength = keyed ? 2 : 1;
        boolean send = mode == Mode.SEND;
        if (mode == Mode.AUTO && rest.size() == addressLength + 1 && rest.get(addressLength).equals("send")) {
            send = true;
            rest = rest.subList(0, addressLength);
        }
        if (rest.size() != addressLength) {
            return wrongShape(service, rest, mode == Mode.AUTO);
        }
        String key = keyed ? rest.get(0) : null;
        String handlerName = rest.get(addressLength - 1);
        HandlerDefinition handler = service.handler(handlerName).orElse(null);
        if (handler == null) {
            return reply(404, describe(service) + " has no handler '" + handlerName + "'; its handlers: "
                    + knownHandlers(service));
        }
        IngressReply refused = refused(handler, request.caller());
        if (refused != null) {
            return new Route.Reply(refused);
        }
        if (keyed && key.isEmpty()) {
            return reply(400, "Handler " + target(handler) + " needs a non-empty key: POST " + shape(service,
                    handlerName));
        }
        IngressReply longKey = limits.tooLong("key of " + target(handler), key);
        if (longKey != null) {
            return new Route.Reply(longKey);
        }
        Duration delay = null;
        String delayText = request.queryParam("delay");
        if (delayText != null) {
            if (!send) {
                return reply(400, "?delay= is only allowed when sending: POST " + shape(service, handlerName) + "/send"
                        + "?delay=" + delayText);
            }
            try {
                delay = Durations.parse(delayText);
            } catch (IllegalArgumentException e) {
                return reply(400, e.getMessage());
            }
        }
        InputDecoder.Decoded input = inputs.decode(handler, request.header("content-type"), request.body());
        if (input.error() != null) {
            return new Route.Reply(input.error());
        }
        String idempotencyKey = request.header("idempotency-key");
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            return reply(400, "The Idempotency-Key header is empty; send a non-empty key or none");
        }
        IngressReply longIdempotencyKey = limits.tooLong("Idempotency-Key header", idempotencyKey);
        if (longIdempotencyKey != null) {
            return new Route.Reply(longIdempotencyKey);
        }
        InvocationRequest invocation;
        try {
            invocation = new InvocationRequest(handler, key, input.json(), input.value(),
                    HandlerHeaders.of(request.headers(), request.caller().name()), idempotencyKey, delay);
        } catch (IllegalArgumentException e) {
            return reply(400, e.getMessage());
        }
        return send ? new Route.Send(invocation) : new Route.Call(invocation);
    }

    /**
     * Why {@code caller} may not reach {@code handler} through the ingress, or {@code null} if it may: 403 for a
     * private or {@code @DenyAll} handler and for a caller without any of its roles, 401 (with a Basic challenge)
     * for an anonymous caller of a handler that needs a role.
     */
    static IngressReply refused(HandlerDefinition handler, Caller caller) {
        HandlerAccess access = handler.access();
        if (access.ingressPrivate()) {
            return IngressReply.error(403, "Handler " + target(handler) + " is private (@IngressPrivate): only other"
                    + " Rio handlers can call it, not the ingress");
        }
        if (access.denyAll()) {
            return IngressReply.error(403, "Handler " + target(handler) + " refuses every ingress caller (@DenyAll)");
        }
        if (!access.needsRole()) {
            return null;
        }
        String roles = String.join(", ", new TreeSet<>(access.rolesAllowed()));
        if (caller.name() == null) {
            return new IngressReply(401, Json.error(401, "Handler " + target(handler) + " needs an authenticated"
                    + " caller with one of the roles " + roles), Map.of("WWW-Authenticate", AdminGuard.CHALLENGE));
        }
        for (String role : access.rolesAllowed()) {
            if (caller.inRole(role)) {
                return null;
            }
        }
        return IngressReply.error(403, "Caller '" + caller.name() + "' holds none of the roles " + roles
                + " that handler " + target(handler) + " allows");
    }

    /** The path has the wrong number of segments for this kind of service. */
    private Route wrongShape(ServiceDefinition service, List<String> rest, boolean sendSuffixAllowed) {
        boolean keyed = service.kind().keyed();
        if (keyed && rest.size() == 1 && service.handler(rest.get(0)).isPresent()) {
            return reply(400, "Handler " + service.name() + "/" + rest.get(0) + " needs a key: POST "
                    + shape(service, rest.get(0)));
        }
        if (!keyed && rest.size() == 2 && service.handler(rest.get(1)).isPresent()) {
            return reply(400, describe(service) + " takes no key: POST " + shape(service, rest.get(1)));
        }
        return reply(404, "No route /" + service.name() + (rest.isEmpty() ? "" : "/" + String.join("/", rest)) + "; "
                + describe(service) + " is invoked as POST " + shape(service, "{handler}")
                + (sendSuffixAllowed ? " or " + shape(service, "{handler}") + "/send" : "")
                + "; its handlers: " + knownHandlers(service));
    }

    private static String shape(ServiceDefinition service, String handler) {
        return service.kind().keyed() ? "/" + service.name() + "/{key}/" + handler : "/" + service.name() + "/" + handler;
    }

    private static String describe(ServiceDefinition service) {
        return switch (service.kind()) {
            case SERVICE -> "Service '" + service.name() + "'";
            case VIRTUAL_OBJECT -> "Virtual object '" + service.name() + "'";
            case WORKFLOW -> "Workflow '" + service.name() + "'";
        };
    }

    private static String target(HandlerDefinition handler) {
        return handler.service() + "/" + handler.name();
    }

    private String knownServices() {
        String names = registry.services().stream().map(ServiceDefinition::name).sorted()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none deployed)" : names;
    }

    private static String knownHandlers(ServiceDefinition service) {
        String names = service.handlers().keySet().stream().sorted().collect(Collectors.joining(", "));
        return names.isEmpty() ? "(none)" : names;
    }

    private static Route reply(int status, String message) {
        return new Route.Reply(IngressReply.error(status, message));
    }
}
