package io.rio.ingress.internal;

import io.rio.core.model.HandlerAccess;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.0 document of the application's handlers as Rio's ingress serves them: for every handler a
 * call ({@code POST /{service}/{handler}}, keyed: {@code POST /{name}/{key}/{handler}}) and a send
 * ({@code .../send?delay=}), with the JSON schemas of its input and result ({@link JsonSchemas}), the
 * {@code Idempotency-Key} header and Rio's error answers; then attach, output, the workflow routes and awakeables.
 * Handlers only other handlers may call ({@code @IngressPrivate}) and {@code @DenyAll} ones are left out;
 * handlers behind {@code @RolesAllowed} say so and list 401 and 403.
 *
 * <p>Thread safety: a new instance per document; the registry is immutable.
 */
final class OpenApiDocument {
    private static final String ERROR_REF = "#/components/schemas/RioError";
    private static final String ACCEPTED_REF = "#/components/schemas/RioSendAccepted";

    private final ServiceRegistry registry;
    private final JsonSchemas schemas = new JsonSchemas();

    OpenApiDocument(ServiceRegistry registry) {
        this.registry = registry;
    }

    /** The document, its {@code servers} naming {@code serverUrl} (the ingress's base URL). */
    JsonObject build(String serverUrl, String title, String version) {
        Map<String, JsonObject> paths = new TreeMap<>();
        JsonArrayBuilder tags = Json.createArrayBuilder();
        List<ServiceDefinition> services = registry.services().stream()
                .sorted(Comparator.comparing(ServiceDefinition::name)).toList();
        for (ServiceDefinition service : services) {
            tags.add(Json.createObjectBuilder().add("name", service.name()).add("description", describe(service)));
            for (HandlerDefinition h : new TreeMap<>(service.handlers()).values()) {
                HandlerAccess access = h.access();
                if (access.ingressPrivate() || access.denyAll()) {
                    continue;
                }
                String path = service.kind().keyed() ? "/" + service.name() + "/{key}/" + h.name()
                        : "/" + service.name() + "/" + h.name();
                paths.put(path, Json.createObjectBuilder().add("post", call(service, h)).build());
                paths.put(path + "/send", Json.createObjectBuilder().add("post", send(service, h)).build());
            }
        }
        tags.add(Json.createObjectBuilder().add("name", "restate").add("description",
                "Results of invocations and workflows, and awakeables, as Restate's ingress serves them"));
        generic(paths);

        JsonObjectBuilder pathsJson = Json.createObjectBuilder();
        paths.forEach(pathsJson::add);
        JsonObjectBuilder components = Json.createObjectBuilder()
                .add("RioError", Json.createObjectBuilder().add("type", "object")
                        .add("description", "Rio's error answer")
                        .add("required", Json.createArrayBuilder().add("code").add("message"))
                        .add("properties", Json.createObjectBuilder()
                                .add("code", Json.createObjectBuilder().add("type", "integer").add("format", "int32"))
                                .add("message", Json.createObjectBuilder().add("type", "string"))))
                .add("RioSendAccepted", Json.createObjectBuilder().add("type", "object")
                        .add("required", Json.createArrayBuilder().add("invocationId").add("status"))
                        .add("properties", Json.createObjectBuilder()
                                .add("invocationId", Json.createObjectBuilder().add("type", "string"))
                                .add("status", Json.createObjectBuilder().add("type", "string")
                                        .add("enum", Json.createArrayBuilder().add("Accepted").add("PreviouslyAccepted")))));
        schemas.components().forEach(components::add);
        return Json.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add("info", Json.createObjectBuilder().add("title", title).add("version", version)
                        .add("description", "The durable handlers of this application, served by Rio's ingress."))
                .add("servers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", serverUrl)))
                .add("tags", tags)
                .add("paths", pathsJson)
                .add("components", Json.createObjectBuilder().add("schemas", components))
                .build();
    }

    private static String describe(ServiceDefinition s) {
        return switch (s.kind()) {
            case SERVICE -> "Service " + s.name();
            case VIRTUAL_OBJECT -> "Virtual object " + s.name() + ": exclusive handlers run one at a time per key";
            case WORKFLOW -> "Workflow " + s.name() + ": run executes once per key";
        };
    }

    private JsonObjectBuilder call(ServiceDefinition service, HandlerDefinition h) {
        JsonObjectBuilder op = operation(service, h, h.name(), "Calls " + service.name() + "." + h.name() + " ("
                + kind(h) + ") and waits for its result");
        JsonObjectBuilder ok = Json.createObjectBuilder().add("description", "The handler's result")
                .add("headers", Json.createObjectBuilder().add("x-restate-id", Json.createObjectBuilder()
                        .add("description", "The invocation's id").add("schema", string())));
        if (h.outputType() != null && h.outputType() != Void.class && h.outputType() != void.class) {
            ok.add("content", json(schemas.schema(h.outputType())));
        }
        JsonObjectBuilder responses = Json.createObjectBuilder().add("200", ok);
        errors(responses, h, true);
        return op.add("responses", responses);
    }

    private JsonObjectBuilder send(ServiceDefinition service, HandlerDefinition h) {
        JsonObjectBuilder op = operation(service, h, h.name() + "_send", "Sends to " + service.name() + "."
                + h.name() + " one-way: the invocation is stored before the answer");
        JsonArrayBuilder params = parameters(service, h);
        params.add(Json.createObjectBuilder().add("name", "delay").add("in", "query").add("required", false)
                .add("description", "Run it after this long: 500ms, 10s, 5m, 1h 30m, 2d or ISO-8601 (PT10S)")
                .add("schema", string()));
        op.add("parameters", params);
        JsonObjectBuilder responses = Json.createObjectBuilder().add("202", Json.createObjectBuilder()
                .add("description", "Accepted, or previously accepted under the same Idempotency-Key")
                .add("content", json(ref(ACCEPTED_REF))));
        errors(responses, h, false);
        return op.add("responses", responses);
    }

    private JsonObjectBuilder operation(ServiceDefinition service, HandlerDefinition h, String id, String summary) {
        String description = summary + "." + (h.access().needsRole()
                ? " Callers need one of the roles " + String.join(", ", new java.util.TreeSet<>(h.access().rolesAllowed()))
                        + "." : "");
        JsonObjectBuilder op = Json.createObjectBuilder()
                .add("operationId", service.name() + "_" + id)
                .add("tags", Json.createArrayBuilder().add(service.name()))
                .add("summary", summary)
                .add("description", description)
                .add("parameters", parameters(service, h));
        if (h.inputType() != null) {
            op.add("requestBody", Json.createObjectBuilder().add("required", true)
                    .add("content", json(schemas.schema(h.inputType()))));
        }
        return op;
    }

    private static JsonArrayBuilder parameters(ServiceDefinition service, HandlerDefinition h) {
        JsonArrayBuilder params = Json.createArrayBuilder();
        if (service.kind().keyed()) {
            params.add(Json.createObjectBuilder().add("name", "key").add("in", "path").add("required", true)
                    .add("description", service.kind() == ServiceKind.WORKFLOW ? "The workflow's key"
                            : "The object's key")
                    .add("schema", string()));
        }
        params.add(Json.createObjectBuilder().add("name", "Idempotency-Key").add("in", "header").add("required", false)
                .add("description", "Runs the handler once per key; repetitions get the first result")
                .add("schema", string()));
        return params;
    }

    private static String kind(HandlerDefinition h) {
        return switch (h.kind()) {
            case STATELESS -> "service handler";
            case EXCLUSIVE -> "exclusive";
            case SHARED -> "shared";
            case WORKFLOW_RUN -> "the workflow's run, once per key";
        };
    }

    private static void errors(JsonObjectBuilder responses, HandlerDefinition h, boolean call) {
        error(responses, "400", "Malformed JSON, a wrong input type, or the handler's TerminalException(400)");
        if (h.access().needsRole()) {
            error(responses, "401", "Not authenticated");
            error(responses, "403", "Authenticated without one of the handler's roles");
        }
        error(responses, "413", "The request body is over rio.ingress.max-body-bytes");
        error(responses, "429", "Too much work waits (rio.max-backlog, rio.max-key-queue); retry after Retry-After");
        if (call) {
            error(responses, "504", "No result within rio.ingress.timeout; the invocation goes on");
        }
        responses.add("default", Json.createObjectBuilder()
                .add("description", "A TerminalException's own code and message").add("content", json(ref(ERROR_REF))));
    }

    private static void error(JsonObjectBuilder responses, String code, String description) {
        responses.add(code, Json.createObjectBuilder().add("description", description).add("content", json(ref(ERROR_REF))));
    }

    /** attach, output, workflow attach and output, awakeables. */
    private static void generic(Map<String, JsonObject> paths) {
        paths.put("/restate/attach/{invocationId}", get("restate_attach", "Waits for an invocation's result",
                "invocationId", null, true));
        paths.put("/restate/output/{invocationId}", get("restate_output",
                "An invocation's result without waiting (470 while it runs)", "invocationId", null, false));
        paths.put("/restate/workflow/{workflow}/{key}/attach", get("restate_workflow_attach",
                "Waits for a workflow's result", "workflow", "key", true));
        paths.put("/restate/workflow/{workflow}/{key}/output", get("restate_workflow_output",
                "A workflow's result without waiting (470 while it runs)", "workflow", "key", false));
        for (String verb : List.of("resolve", "reject")) {
            boolean resolve = verb.equals("resolve");
            JsonObjectBuilder body = Json.createObjectBuilder().add("required", resolve).add("content", resolve
                    ? json(Json.createObjectBuilder().build())
                    : Json.createObjectBuilder().add("text/plain", Json.createObjectBuilder().add("schema", string())));
            JsonObjectBuilder responses = Json.createObjectBuilder()
                    .add("202", Json.createObjectBuilder().add("description", resolve ? "Resolved" : "Rejected"));
            error(responses, "404", "No such awakeable");
            error(responses, "409", "The awakeable was completed already");
            paths.put("/restate/awakeables/{awakeableId}/" + verb, Json.createObjectBuilder().add("post",
                    Json.createObjectBuilder().add("operationId", "restate_awakeable_" + verb)
                            .add("tags", Json.createArrayBuilder().add("restate"))
                            .add("summary", resolve ? "Resolves an awakeable with a JSON value"
                                    : "Rejects an awakeable with a reason (a terminal failure where it is awaited)")
                            .add("parameters", Json.createArrayBuilder().add(pathParam("awakeableId")))
                            .add("requestBody", body).add("responses", responses)).build());
        }
    }

    private static JsonObject get(String id, String summary, String param, String second, boolean waits) {
        JsonArrayBuilder params = Json.createArrayBuilder().add(pathParam(param));
        if (second != null) {
            params.add(pathParam(second));
        }
        JsonObjectBuilder responses = Json.createObjectBuilder().add("200", Json.createObjectBuilder()
                .add("description", "The result").add("content", json(Json.createObjectBuilder().build())));
        if (!waits) {
            error(responses, "470", "Not ended yet");
        }
        error(responses, "404", "Unknown");
        responses.add("default", Json.createObjectBuilder().add("description", "The invocation's own failure")
                .add("content", json(ref(ERROR_REF))));
        return Json.createObjectBuilder().add("get", Json.createObjectBuilder().add("operationId", id)
                .add("tags", Json.createArrayBuilder().add("restate")).add("summary", summary)
                .add("parameters", params).add("responses", responses)).build();
    }

    private static JsonObjectBuilder pathParam(String name) {
        return Json.createObjectBuilder().add("name", name).add("in", "path").add("required", true).add("schema", string());
    }

    private static JsonObjectBuilder json(JsonObject schema) {
        return Json.createObjectBuilder().add("application/json", Json.createObjectBuilder().add("schema", schema));
    }

    private static JsonObject ref(String ref) {
        return Json.createObjectBuilder().add("$ref", ref).build();
    }

    private static JsonObjectBuilder string() {
        return Json.createObjectBuilder().add("type", "string");
    }
}
