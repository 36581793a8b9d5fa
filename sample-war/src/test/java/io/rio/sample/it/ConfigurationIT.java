package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One built WAR, started twice on Payara Micro: once as it is, once with Rio's settings given from outside it
 * (system properties and an environment variable, which MicroProfile Config reads before the WAR's own
 * {@code microprofile-config.properties}). The file is not touched in between.
 */
class ConfigurationIT {

    @Test
    void oneBuiltWarTakesItsRetryDefaultsAndNodeNameFromSystemPropertiesAndTheEnvironment() throws Exception {
        Path war = Deployments.exportSampleOnH2("configured-from-outside.war");
        String checksum = sha256(war);

        try (PayaraMicroProcess plain = PayaraMicroProcess.start("config-defaults", war)) {
            String orderId = uniqueKey("order");
            JsonObject placed = Http.json(plain.http().call("Orders/place", order(orderId)));
            assertEquals("charged 1200 for " + orderId + " on attempt 3", placed.getString("charge"),
                    "retried without bound by default");
            assertNotEquals("node-from-the-environment", nodeId(plain.http()));
        }

        try (PayaraMicroProcess configured = PayaraMicroProcess.start("config-outside", war,
                PayaraMicroProcess.freePort(),
                Map.of("rio.retry.max-attempts", "2", "rio.retry.on-max-attempts", "kill"), List.of(),
                Map.of("RIO_NODE_ID", "node-from-the-environment"))) {
            assertEquals("node-from-the-environment", nodeId(configured.http()), "rio.node.id from RIO_NODE_ID");
            HttpResponse<String> failed = configured.http().post("Orders/place", order(uniqueKey("order")));
            assertTrue(failed.statusCode() >= 400, failed.statusCode() + " " + failed.body());
            String message = Http.json(failed.body()).getString("message");
            assertTrue(message.contains("failed 2 times"), "killed after rio.retry.max-attempts=2: " + message);
        }
        assertEquals(checksum, sha256(war), "the same file both times");
    }

    private static String order(String orderId) {
        return "{\"orderId\":" + Http.quote(orderId) + ",\"item\":\"book\",\"amountCents\":1200}";
    }

    private static String nodeId(Http http) {
        return Http.json(http.get("rio/cluster/self").body()).getString("nodeId");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
