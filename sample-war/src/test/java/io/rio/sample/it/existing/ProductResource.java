package io.rio.sample.it.existing;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The existing application's own endpoint: {@code GET /api/products}, {@code POST /api/products}. */
@Path("products")
public class ProductResource {
    @Inject
    Products products;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list() {
        return String.join(",", products.names());
    }

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String add(String name) {
        return String.valueOf(products.add(name));
    }
}
