package io.rio.sample.it;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The same sample WAR, unchanged, on Payara Server 6 (a domain created with asadmin, its default data source: the
 * embedded H2 behind {@code jdbc/__default}): the ingress contract.
 */
class PayaraServerOnH2IT extends IngressContract {

    private static PayaraServerProcess server;

    @BeforeAll
    static void start() {
        server = PayaraServerProcess.start("h2", Deployments.exportSampleOnH2("payara-server-h2.war"), List.of());
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
}
