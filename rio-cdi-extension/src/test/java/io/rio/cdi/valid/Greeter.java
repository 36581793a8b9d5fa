package io.rio.cdi.valid;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import io.rio.api.TerminalException;

@Service
public class Greeter {

    @Handler
    public String greet(Context ctx, String name) {
        if (name.isEmpty()) {
            throw new TerminalException(422, "name must not be empty");
        }
        return "Hello, " + name + "!";
    }

    @Handler
    public void ping(Context ctx) {
    }

    @Handler
    public Greeting fail(Context ctx, Greeting in) throws java.io.IOException {
        throw new java.io.IOException("checked " + in.text());
    }

    public record Greeting(String text, java.util.List<String> tags) {
    }
}
