package io.rio.client;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Name;
import io.rio.api.ObjectContext;
import io.rio.api.Service;
import io.rio.api.Shared;
import io.rio.api.SharedObjectContext;
import io.rio.api.VirtualObject;
import java.util.List;

/** Handler classes for the client's tests (never deployed: the client only reads their names and types). */
final class Fixtures {
    private Fixtures() {
    }

    @Service
    static class Greeter {
        @Handler
        public String greet(Context ctx, String name) {
            return "Hello, " + name;
        }

        @Handler
        @Name("shout")
        public List<String> loud(Context ctx, List<String> words) {
            return words;
        }

        public String notAHandler(Context ctx, String name) {
            return name;
        }
    }

    @VirtualObject
    @Name("Tally")
    static class Counter {
        @Handler
        public long add(ObjectContext ctx, long delta) {
            return delta;
        }

        @Handler
        public void reset(ObjectContext ctx) {
        }

        @Shared
        public long get(SharedObjectContext ctx) {
            return 0;
        }
    }
}
