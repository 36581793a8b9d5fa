package io.rio.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link Service}, {@link VirtualObject} or {@link Workflow} as a durable handler.
 *
 * <p>On a virtual object a {@code @Handler} is <em>exclusive</em>: it takes {@link ObjectContext} and runs
 * alone for its key. The first parameter is always the context; a second, optional parameter is the
 * JSON input. The handler name is the method name unless {@link Name} says otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Handler {
}
