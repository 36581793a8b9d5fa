package io.rio.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler of a {@link VirtualObject} or {@link Workflow} that runs concurrently with other handlers of
 * the same key and sees committed state read-only. It takes {@link SharedObjectContext} (or
 * {@link SharedWorkflowContext}). Implies {@link Handler}. Not allowed on a {@link Service}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Shared {
}
