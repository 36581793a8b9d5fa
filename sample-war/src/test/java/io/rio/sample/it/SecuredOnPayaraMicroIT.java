package io.rio.sample.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The secured sample on Payara Micro (its H2 default): roles, private handlers, the admin role, every limit, and the
 * fuzz suite. Jakarta Security works there without server configuration; {@code glassfish-web.xml} maps groups to
 * roles.
 */
class SecuredOnPayaraMicroIT implements AccessContract, FuzzContract, OpenApiContract {
    private static PayaraMicroProcess server;

    @BeforeAll
    static void start() {
        server = PayaraMicroProcess.start("secured", Deployments.exportSecuredSample("secured-micro.war"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public java.nio.file.Path serverLog() {
        return server.log();
    }

    @Override
    public Http http() {
        return server.http();
    }
}
