package io.rio.sample;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;

/**
 * A stateless service: {@code POST /Greeter/greet} with a JSON string answers a greeting.
 */
@Service
public class Greeter {

    /**
     * Greets someone.
     *
     * @param ctx  the invocation context (unused: greeting has no side effect)
     * @param name who to greet
     * @return {@code "Hello, <name>!"}
     */
    @Handler
    public String greet(Context ctx, String name) {
        return "Hello, " + name + "!";
    }
}
