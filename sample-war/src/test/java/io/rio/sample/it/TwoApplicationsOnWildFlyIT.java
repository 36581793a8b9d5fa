package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.assertJsonError;
import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two applications with Rio on one WildFly 39 with PostgreSQL, isolated by schema: the sample at "/" on the server's
 * default data source (schema {@code public}), and a second application at {@code /second} whose Rio tables and
 * persistence unit live on their own data source, a pool whose URL says {@code currentSchema=app_second}. Each keeps
 * its own objects, invocations and partitions; on the second one a step whose action throws after an insert through
 * the application's entity leaves no row (Hibernate, the same test as on Payara).
 */
class TwoApplicationsOnWildFlyIT {
    static final String SCHEMA = "app_second";
    static final String DATA_SOURCE = "java:jboss/datasources/SecondDS";

    private static WildFlyProcess server;

    @BeforeAll
    static void start() throws SQLException {
        try (Connection c = PostgresDb.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        List<String> setup = new ArrayList<>(WildFlyOnPostgresIT.postgresSetup());
        setup.add("data-source add --name=SecondDS --jndi-name=" + DATA_SOURCE + " --driver-name=postgresql "
                + "--connection-url=" + PostgresDb.URL + "?currentSchema=" + SCHEMA
                + " --user-name=postgres --password=postgres");
        server = WildFlyProcess.start("two-apps", Deployments.exportSampleOnH2("two-apps-root.war"),
                Map.of("second.war", Deployments.exportSecondApplication("two-apps-second.war", DATA_SOURCE)), setup,
                Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Http first() {
        return server.http();
    }

    private static Http second() {
        return new Http(server.port(), "/second");
    }

    @Test
    void eachApplicationKeepsItsOwnObjectsInItsOwnSchema() {
        String key = uniqueKey("shared-name");
        assertEquals(5, first().callLong("Counter/" + key + "/add", "5"));
        assertEquals(7, second().callLong("Counter/" + key + "/add", "7"));
        assertEquals(5, first().callLong("Counter/" + key + "/get", null));
        assertEquals(7, second().callLong("Counter/" + key + "/get", null));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM public.rio_object WHERE service = 'Counter' AND obj_key = ?",
                key));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM " + SCHEMA + ".rio_object WHERE service = 'Counter'"
                + " AND obj_key = ?", key));
        assertEquals((long) io.rio.spi.Membership.PARTITIONS, PostgresDb.count("SELECT count(*) FROM " + SCHEMA + ".rio_partition"),
                "the second application owns every partition of its own schema");
    }

    @Test
    void onlyTheSecondApplicationHasTheStepHandlers() {
        JsonObject error = assertJsonError(first().post("Steps/attempts", "\"x\""), 404);
        assertEquals(404, error.getInt("code"));
        assertEquals(0, second().callLong("Steps/attempts", Http.quote(uniqueKey("none"))));
    }

    @Test
    void aStepThatThrowsAfterItsInsertLeavesNoRowBehindOnHibernate() {
        String tag = uniqueKey("retried");
        long rowId = second().callLong("Steps/insertThenFail", Http.quote(tag));
        assertEquals(3, second().callLong("Steps/attempts", Http.quote(tag)));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM " + SCHEMA + ".it_step WHERE tag = ?", tag),
                "only the successful attempt's row remains");
        assertEquals(rowId, PostgresDb.count("SELECT max(id) FROM " + SCHEMA + ".it_step WHERE tag = ?", tag));
        String terminal = uniqueKey("terminal");
        HttpResponse<String> r = second().post("Steps/insertThenTerminal", Http.quote(terminal));
        assertEquals("rejected " + terminal, assertJsonError(r, 422).getString("message"));
        assertEquals(0, PostgresDb.count("SELECT count(*) FROM " + SCHEMA + ".it_step WHERE tag = ?", terminal),
                "a terminally failed step leaves no row");
    }
}
