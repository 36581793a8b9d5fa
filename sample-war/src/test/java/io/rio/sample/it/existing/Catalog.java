package io.rio.sample.it.existing;

import io.rio.api.Context;
import io.rio.api.Handler;
import io.rio.api.Service;
import jakarta.inject.Inject;

/** A Rio service added to the existing application: a durable step writes through the application's entities. */
@Service
public class Catalog {
    @Inject
    Products products;

    @Handler
    public long add(Context ctx, String name) {
        return ctx.run("insert-product", Long.class, () -> products.add(name));
    }
}
