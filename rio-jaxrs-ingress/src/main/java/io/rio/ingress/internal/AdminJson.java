package io.rio.ingress.internal;

import io.rio.core.RioAdmin;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.ServiceDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.JournalEntry;
import io.rio.spi.SignalRecord;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the admin API. Stored JSON (inputs, outputs, journal values, state) is embedded as JSON,
 * times are written twice, as ISO-8601 ({@code createdAt}) and as epoch milliseconds ({@code createdAtMillis}).
 *
 * <p>Thread safety: stateless.
 */
final class AdminJson {

    private AdminJson() {
    }

    /** {@code {"services":[{"name","kind","handlers":[{"name","kind","input","output","cron"?}]}]}}, by name. */
    static String services(Collection<ServiceDefinition> services) {
        JsonWriter w = new JsonWriter().beginObject().name("services").beginArray();
        services.stream().sorted(Comparator.comparing(ServiceDefinition::name)).forEach(s -> {
            w.beginObject().field("name", s.name()).field("kind", s.kind().name()).name("handlers").beginArray();
            s.handlers().values().stream().sorted(Comparator.comparing(HandlerDefinition::name)).forEach(h -> {
                w.beginObject().field("name", h.name()).field("kind", h.kind().name())
                        .field("input", typeName(h.inputType())).field("output", typeName(h.outputType()));
                if (h.cron() != null) {
                    w.field("cron", h.cron());
                }
                if (h.access().ingressPrivate()) {
                    w.name("ingressPrivate").bool(true);
                }
                if (h.access().denyAll()) {
                    w.name("denyAll").bool(true);
                }
                if (h.access().needsRole()) {
                    w.name("rolesAllowed").beginArray();
                    new java.util.TreeSet<>(h.access().rolesAllowed()).forEach(w::string);
                    w.endArray();
                }
                w.endObject();
            });
            w.endArray().endObject();
        });
        return w.endArray().endObject().toString();
    }

    /** {@code {"invocations":[...]}}, each as {@link #invocation(JsonWriter, InvocationRecord)} writes it. */
    static String invocations(List<InvocationRecord> records) {
        JsonWriter w = new JsonWriter().beginObject().name("invocations").beginArray();
        records.forEach(r -> invocation(w.beginObject(), r).endObject());
        return w.endArray().endObject().toString();
    }

    /** The invocation's fields plus {@code "journal"} and {@code "signals"}. */
    static String details(RioAdmin.InvocationDetails details) {
        JsonWriter w = invocation(new JsonWriter().beginObject(), details.invocation());
        w.name("journal").beginArray();
        for (JournalEntry e : details.journal()) {
            w.beginObject().field("seq", e.seq()).field("kind", e.kind()).field("name", e.name())
                    .rawField("value", e.value());
            error(w, e.errorCode(), e.errorMessage());
            w.time("createdAt", e.createdAt()).endObject();
        }
        w.endArray().name("signals").beginArray();
        for (SignalRecord s : details.signals()) {
            w.beginObject().field("scope", s.scope()).field("name", s.name()).rawField("value", s.value());
            error(w, s.errorCode(), s.errorMessage());
            w.time("createdAt", s.createdAt()).endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** Writes the members of an invocation into the object {@code w} has open. */
    static JsonWriter invocation(JsonWriter w, InvocationRecord r) {
        w.field("id", r.id()).field("service", r.service()).field("handler", r.handler())
                .field("key", r.objectKey()).field("idempotencyKey", r.idempotencyKey())
                .field("status", r.status().name()).field("attempts", r.attempts())
                .rawField("input", r.input()).rawField("output", r.output());
        error(w, r.errorCode(), r.errorMessage());
        w.stringMap("headers", r.headers()).field("owner", r.owner()).field("parent", r.parent());
        return w.time("createdAt", r.createdAt()).time("modifiedAt", r.modifiedAt()).time("runAt", r.runAt())
                .field("partition", r.partition()).field("epoch", r.epoch());
    }

    /** {@code {"<name>":<json>,...}}, sorted by name. */
    static String state(Map<String, String> entries) {
        return new JsonWriter().rawMap(new TreeMap<>(entries)).toString();
    }

    /** {@code {"service","keys":[...]}}. */
    static String keys(String service, List<String> keys) {
        JsonWriter w = new JsonWriter().beginObject().field("service", service).name("keys").beginArray();
        keys.forEach(w::string);
        return w.endArray().endObject().toString();
    }

    /** {@code {"invocationId","action"}}. */
    static String action(String invocationId, String action) {
        return new JsonWriter().beginObject().field("invocationId", invocationId).field("action", action)
                .endObject().toString();
    }

    /** {@code "error":{"code","message"}}, or {@code "error":null} when there is none. */
    private static void error(JsonWriter w, Integer code, String message) {
        w.name("error");
        if (code == null && message == null) {
            w.raw(null);
        } else {
            w.beginObject().field("code", code).field("message", message).endObject();
        }
    }

    private static String typeName(Type type) {
        return type == null ? null : type.getTypeName();
    }
}
