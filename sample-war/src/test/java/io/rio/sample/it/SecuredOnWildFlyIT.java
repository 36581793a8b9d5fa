package io.rio.sample.it;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The secured sample on WildFly 39 (its H2 default): roles, private handlers, the admin role, every limit, and the
 * fuzz suite. WildFly needs one server command for an application's own Jakarta Security identity store (the README's
 * WildFly section): {@code integrated-jaspi=false} on the {@code other} application security domain.
 */
class SecuredOnWildFlyIT implements AccessContract, FuzzContract, OpenApiContract {
    static final String JAKARTA_SECURITY =
            "/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)";

    private static WildFlyProcess server;

    @BeforeAll
    static void start() {
        server = WildFlyProcess.start("secured", Deployments.exportSecuredSample("secured-wildfly.war"),
                List.of(JAKARTA_SECURITY), Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * {@code POST * HTTP/1.1} (the asterisk form, meant for OPTIONS only) fails inside Undertow's servlet path matching
     * (UT000068, logged as UT005071) and answers 500 before any deployment sees it.
     */
    @Override
    public Map<String, Integer> knownServerDefects() {
        return Map.of("raw-17", 500);
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
