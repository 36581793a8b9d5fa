package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same sample WAR that runs on Payara, unchanged, on WildFly 39 ({@code standalone-microprofile.xml}, its
 * default H2 data source {@code ExampleDS}, its JPA provider Hibernate): the ingress contract (a step writing
 * through the sample's own entities included), with both persistence units on Hibernate.
 */
class WildFlyOnH2IT extends IngressContract {

    private static WildFlyProcess server;

    @BeforeAll
    static void start() {
        server = WildFlyProcess.start("h2", Deployments.exportSampleOnH2("wildfly-h2.war"), List.of(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    Http http() {
        return server.http();
    }

    @Test
    void bothPersistenceUnitsRunOnTheServersProvider() throws Exception {
        String log = Files.readString(server.serverLog());
        assertTrue(log.contains("HHH000204: Processing PersistenceUnitInfo [name: rio]"),
                "Rio's own unit on Hibernate; see " + server.serverLog());
        assertTrue(log.contains("HHH000204: Processing PersistenceUnitInfo [name: sample]"),
                "the sample's unit on Hibernate; see " + server.serverLog());
        HttpResponse<String> health = new Http(server.managementPort(), "/").get("health/ready", Map.of());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("rio"), "Rio's readiness check is part of WildFly's health: " + health.body());
    }
}
