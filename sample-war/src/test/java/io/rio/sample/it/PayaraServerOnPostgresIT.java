package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same sample WAR, unchanged, on Payara Server 6 with PostgreSQL, set up the way the README's "Deploy on
 * Payara Server" says: the driver in the domain's {@code lib}, a connection pool, and {@code jdbc/__default}
 * pointed at it, so that Rio ({@code rio.datasource} at its default) and the sample's persistence unit move
 * together. The ingress contract and the durable contract, kill -9 of the server included.
 */
class PayaraServerOnPostgresIT extends IngressContract implements DurableContract {

    private static PayaraServerProcess server;

    /** The asadmin commands of the README's "Deploy on Payara Server" section. */
    static List<String> postgresSetup() {
        return List.of("create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource "
                        + "--restype javax.sql.DataSource --property serverName=127.0.0.1:portNumber=5432:"
                        + "databaseName=test:user=postgres:password=postgres rio-pool",
                "set resources.jdbc-resource.jdbc/__default.pool-name=rio-pool");
    }

    @BeforeAll
    static void start() {
        server = PayaraServerProcess.start("postgres", Deployments.exportSampleOnH2("payara-server-pg.war"),
                postgresSetup(), List.of(PostgresDb.driverJar()));
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

    @Override
    public void killAndRestart() {
        server.killAndRestart();
    }

    @Test
    void riosRowsAndTheSamplesAreInPostgresOnOneDataSource() throws Exception {
        String key = uniqueKey("counter");
        assertEquals(7, http().callLong("Counter/" + key + "/add", "7"));
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM rio_object WHERE service = 'Counter' AND obj_key = ?",
                key));
        String orderId = uniqueKey("order");
        http().call("Orders/place", "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}");
        assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_order WHERE order_id = ?", orderId),
                "exactly one order row, written by EclipseLink in the step's transaction");
        assertFalse(Files.readString(server.serverLog()).contains("RIO-D016"),
                "both units are on jdbc/__default; see " + server.serverLog());
    }
}
