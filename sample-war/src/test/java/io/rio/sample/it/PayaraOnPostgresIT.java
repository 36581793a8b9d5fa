package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR, unchanged, on Payara Micro with PostgreSQL configured the Payara way (a JDBC pool and
 * resource created by post-boot asadmin commands, no rebuild), as the README shows it:
 *
 * <ul>
 *   <li>the pool bound as the server's default data source ({@code jdbc/__default}): Rio and the sample's own
 *       persistence unit both move to PostgreSQL, and a step's entity write commits once with Rio's journal;
 *   <li>the pool only named by {@code rio.datasource}, the sample's unit left on the embedded H2: Rio says so at
 *       deployment (RIO-D016) and a step that writes through the unit fails at once with an error naming the fix,
 *       instead of being retried without end.
 * </ul>
 */
class PayaraOnPostgresIT {

    /** The asadmin commands of the README: a PostgreSQL pool and a resource {@code jdbc/rio} on it. */
    static List<String> poolCommands() {
        return List.of("create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource "
                        + "--restype javax.sql.DataSource --property serverName=127.0.0.1:portNumber=5432:"
                        + "databaseName=test:user=postgres:password=postgres rio-pool",
                "create-jdbc-resource --connectionpoolid rio-pool jdbc/rio");
    }

    private static PayaraMicroProcess start(String name, List<String> commands, Map<String, String> properties) {
        Path file = Deployments.workDir().resolve(name + ".asadmin");
        try {
            Files.write(file, commands);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>(List.of("--addLibs", PostgresDb.driverJar().toString(),
                "--postbootcommandfile", file.toString()));
        return PayaraMicroProcess.start(name, Deployments.exportSampleOnH2(name + ".war"), PayaraMicroProcess.freePort(),
                properties, options);
    }


    @Test
    void withThePoolAsTheDefaultDataSourceRioAndTheApplicationMoveTogether() throws Exception {
        List<String> commands = new ArrayList<>(poolCommands());
        commands.add("set resources.jdbc-resource.jdbc/__default.pool-name=rio-pool");
        try (PayaraMicroProcess micro = start("payara-pg-default", commands, Map.of())) {
            Http http = micro.http();
            String orderId = IngressContract.uniqueKey("order");
            JsonObject result = Http.json(http.call("Orders/place",
                    "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}"));
            assertEquals("charged 1200 for " + orderId + " on attempt 3", result.getString("charge"));
            assertEquals(1, PostgresDb.count("SELECT count(*) FROM sample_order WHERE order_id = ?", orderId),
                    "exactly one order row, in PostgreSQL");
            String key = IngressContract.uniqueKey("counter");
            assertEquals(4, http.callLong("Counter/" + key + "/add", "4"));
            assertEquals(1, PostgresDb.count("SELECT count(*) FROM rio_object WHERE service = 'Counter' AND obj_key = ?",
                    key), "Rio's rows are in PostgreSQL too");
            assertFalse(Files.readString(micro.log()).contains("RIO-D016"), "no warning: one data source");
        }
    }

    @Test
    void withTheApplicationOnAnotherDataSourceRioSaysSoAndTheStepFailsAtOnceNamingTheFix() throws Exception {
        try (PayaraMicroProcess micro = start("payara-pg-split", poolCommands(), Map.of("rio.datasource", "jdbc/rio"))) {
            String log = Files.readString(micro.log());
            assertTrue(log.contains("RIO-D016") && log.contains("'sample'") && log.contains("jdbc/rio"),
                    "the deployment names the unit, both data sources and the fix; see " + micro.log());

            String orderId = IngressContract.uniqueKey("order");
            long t0 = System.nanoTime();
            HttpResponse<String> r = micro.http(Duration.ofSeconds(60)).post("Orders/place",
                    "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(500, r.statusCode(), r.body());
            assertTrue(r.body().contains("second data source") && r.body().contains("rio.datasource"),
                    "a terminal error naming the fix: " + r.body());
            assertTrue(millis < 30_000, "it failed at once, not after retries: " + millis + " ms");
            assertTrue(Files.readString(micro.log()).contains("wrote to a second data source"),
                    "and the log says it; see " + micro.log());
        }
    }
}
