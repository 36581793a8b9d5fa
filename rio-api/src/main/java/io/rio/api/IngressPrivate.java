package io.rio.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a handler, or every handler of a class, away from the HTTP ingress: only other Rio handlers can call
 * or send to it (through {@link Context}'s clients), and cron schedules still run it. A request for it through
 * the ingress answers 403 with a JSON body naming the handler; nothing is stored. Restate calls this
 * "ingress private".
 *
 * <p>Callers over HTTP see the handler in neither the answer of a call nor a send, an attach by idempotency
 * key or a workflow's attach and output.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface IngressPrivate {
}
