package io.rio.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Baseline for {@code Greeter.greet}: the same greeting as plain JAX-RS, with the same JSON in and out and no
 * Rio, no transaction and no database. {@code POST /bench/bare/greet} with {@code "Ann"} answers
 * {@code "Hello, Ann!"}; {@code GET /bench/bare/greet?name=Ann} does the same without a body.
 *
 * <p>Thread safety: stateless; the shared {@link Jsonb} is thread-safe.
 */
@ApplicationScoped
@Path("bare/greet")
public class BareGreetResource {

    private static final Jsonb JSON = JsonbBuilder.create();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String greet(String body) {
        String name;
        try {
            name = JSON.fromJson(body, String.class);
        } catch (JsonbException e) {
            throw new BadRequestException("The body must be a JSON string such as \"Ann\", was: " + body, e);
        }
        return JSON.toJson(greeting(name));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String greetQuery(@QueryParam("name") @DefaultValue("Ann") String name) {
        return JSON.toJson(greeting(name));
    }

    private static String greeting(String name) {
        return "Hello, " + name + "!";
    }
}
