package io.rio.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Baseline for {@code Counter.add}: {@code POST /bench/bare/counter/{key}/add} with a JSON number adds it to
 * the key's counter in one JTA transaction (one upsert, one commit) and answers the new value, as
 * {@code POST /Counter/{key}/add} does through Rio.
 *
 * <p>Thread safety: stateless.
 */
@ApplicationScoped
@Path("bare/counter/{key}/add")
public class BareCounterResource {

    @Inject
    BareCounterStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String add(@PathParam("key") String key, String body) {
        return Long.toString(store.add(key, delta(body)));
    }

    /** {@code POST /bench/bare/counter/{key}/add/autocommit}: the same upsert without a transaction. */
    @POST
    @Path("autocommit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String addAutocommit(@PathParam("key") String key, String body) {
        return Long.toString(store.addAutocommit(key, delta(body)));
    }

    private static long delta(String body) {
        try {
            return Long.parseLong(body.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("The body must be a JSON integer such as 1, was: " + body, e);
        }
    }
}
