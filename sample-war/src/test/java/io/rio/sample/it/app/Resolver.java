package io.rio.sample.it.app;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;

/** Resolves another invocation's awakeable from a handler, with the value {@code "by-handler"}. */
@Service
public class Resolver {

    @Handler
    public boolean resolve(Context ctx, String awakeableId) {
        ctx.awakeableHandle(awakeableId).resolve("by-handler");
        return true;
    }
}
