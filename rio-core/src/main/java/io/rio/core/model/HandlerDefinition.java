package io.rio.core.model;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * An immutable description of one handler, built at deployment.
 *
 * @param service    the durable name of its service, object or workflow
 * @param name       the durable name of the handler
 * @param kind       how it is scheduled
 * @param inputType  the type of its input, or {@code null} if it takes none
 * @param outputType the type of its result, or {@code null} for {@code void}
 * @param invoker    calls the method
 * @param source     a readable name of the Java method, for messages
 * @param javaMethod the Java method's name, to resolve typed clients' method references
 * @param cron       the {@code @Cron} expression that schedules it, or {@code null}
 * @param access     who may reach it through the ingress
 */
public record HandlerDefinition(
        String service, String name, HandlerKind kind, Type inputType, Type outputType, HandlerInvoker invoker,
        String source, String javaMethod, String cron, HandlerAccess access) {

    public HandlerDefinition {
        access = access == null ? HandlerAccess.PUBLIC : access;
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(invoker, "invoker");
        javaMethod = javaMethod == null ? name : javaMethod;
    }

    /** A definition whose Java method is named like the handler and that has no schedule. */
    public HandlerDefinition(String service, String name, HandlerKind kind, Type inputType, Type outputType,
            HandlerInvoker invoker, String source) {
        this(service, name, kind, inputType, outputType, invoker, source, name, null, HandlerAccess.PUBLIC);
    }

    /** A definition that anyone may call through the ingress. */
    public HandlerDefinition(String service, String name, HandlerKind kind, Type inputType, Type outputType,
            HandlerInvoker invoker, String source, String javaMethod, String cron) {
        this(service, name, kind, inputType, outputType, invoker, source, javaMethod, cron, HandlerAccess.PUBLIC);
    }

    public boolean keyed() {
        return kind != HandlerKind.STATELESS;
    }

    /** Whether it runs alone for its key, queued behind earlier exclusive invocations of that key. */
    public boolean exclusive() {
        return kind == HandlerKind.EXCLUSIVE || kind == HandlerKind.WORKFLOW_RUN;
    }
}
