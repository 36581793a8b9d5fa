package io.rio.cdi.internal;

import io.rio.core.model.HandlerAccess;
import io.rio.core.model.HandlerKind;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * A validated handler method, before it is bound to its bean instance.
 *
 * @param method     the Java method
 * @param name       the durable name
 * @param kind       how it is scheduled
 * @param inputType  its input type, or {@code null} if it takes none
 * @param outputType its result type, or {@code null} for {@code void}
 * @param cron       its {@code @Cron} expression, or {@code null}
 * @param access     who may reach it through the ingress
 */
public record HandlerModel(Method method, String name, HandlerKind kind, Type inputType, Type outputType,
        String cron, HandlerAccess access) {
}
