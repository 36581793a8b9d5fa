package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same sample WAR, unchanged, on WildFly 39 with PostgreSQL, configured the way a WildFly user does it: the
 * JDBC driver as a module, a data source added with jboss-cli and bound as the server's default data source, so
 * that Rio ({@code rio.datasource} left at its default, {@code java:comp/DefaultDataSource}) and the sample's own
 * persistence unit (no {@code jta-data-source}) both move to PostgreSQL with one command.
 */
class WildFlyOnPostgresIT extends IngressContract implements DurableContract {

    private static WildFlyProcess server;

    /** The jboss-cli commands of the README's "Deploy on WildFly" section (the driver module only once per unpacked server). */
    static List<String> postgresSetup() {
        List<String> setup = new ArrayList<>();
        if (!Files.isDirectory(WildFlyProcess.home().resolve("modules/org/postgresql/main"))) {
            setup.add("module add --name=org.postgresql --resources=" + PostgresDb.driverJar()
                    + " --dependencies=java.sql,jakarta.transaction.api");
        }
        setup.add("/subsystem=datasources/jdbc-driver=postgresql:add(driver-name=postgresql,"
                + "driver-module-name=org.postgresql,driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)");
        setup.add("data-source add --name=RioDS --jndi-name=java:jboss/datasources/RioDS --driver-name=postgresql "
                + "--connection-url=" + PostgresDb.URL + " --user-name=postgres --password=postgres");
        setup.add("/subsystem=ee/service=default-bindings:write-attribute(name=datasource,"
                + "value=java:jboss/datasources/RioDS)");
        return setup;
    }


    private static java.nio.file.Path war;
    private static int restarts;

    @BeforeAll
    static void start() {
        war = Deployments.exportSampleOnH2("wildfly-pg.war");
        server = WildFlyProcess.start("postgres", war, postgresSetup(), Map.of());
    }

    @Override
    public void killAndRestart() {
        server.kill();
        server = WildFlyProcess.start("postgres-restarted-" + ++restarts, war, postgresSetup(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public Http http() {
        return server.http();
    }

    @Test
    void aStepsEntityWriteAndRiosJournalCommitTogetherExactlyOnceInPostgres() {
        String orderId = uniqueKey("order");
        String body = "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}";
        JsonObject result = Http.json(http().call("Orders/place", body));
        assertEquals("charged 1200 for " + orderId + " on attempt 3", result.getString("charge"));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_order WHERE order_id = ?", orderId),
                "exactly one order row, written by Hibernate in the step's transaction");
        assertEquals(result.getJsonNumber("rowId").longValue(),
                PostgresDb.count("SELECT max(id) FROM sample_order WHERE order_id = ?", orderId));
        assertTrue(PostgresDb.count("SELECT count(*) FROM rio_journal j JOIN rio_invocation i ON i.id = j.invocation_id "
                + "WHERE i.service = 'Orders' AND i.input LIKE ?", "%" + orderId + "%") >= 2,
                "the steps' journal entries are in the same database");
    }

    @Test
    void riosRowsAreInPostgresAndNoPersistenceUnitIsOnAnotherDataSource() throws Exception {
        String key = uniqueKey("counter");
        assertEquals(7, http().callLong("Counter/" + key + "/add", "7"));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM rio_object WHERE service = 'Counter' AND obj_key = ?",
                key));
        String log = Files.readString(server.serverLog());
        assertFalse(log.contains("RIO-D016"), "both units are on the server's default data source; see "
                + server.serverLog());
    }
}
