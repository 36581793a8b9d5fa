package io.rio.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A keyed object with isolated K/V state; exclusive handlers of one key run one at a time, cluster-wide.
 *
 * <p>The annotated class is an application-scoped CDI bean (this annotation is a stereotype), so its
 * handler methods may be called concurrently and must be thread-safe. Its durable name is the simple
 * class name unless {@link Name} says otherwise.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface VirtualObject {
}
