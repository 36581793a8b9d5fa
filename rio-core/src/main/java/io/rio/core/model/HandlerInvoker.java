package io.rio.core.model;

import io.rio.api.Context;

/** Calls the user's handler method. Built once at deployment; thread-safe. */
@FunctionalInterface
public interface HandlerInvoker {

    /**
     * @param ctx   the context, of the kind the handler declares
     * @param input the deserialized input, or {@code null} when the handler takes none
     * @return the handler's result, or {@code null} for {@code void}
     * @throws Exception whatever the handler throws, unwrapped
     */
    Object invoke(Context ctx, Object input) throws Exception;
}
