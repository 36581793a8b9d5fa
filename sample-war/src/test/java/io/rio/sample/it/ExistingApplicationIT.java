package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rio dropped into an existing application ({@link Deployments#exportExistingApplication}: its own JAX-RS
 * application under {@code /api}, its own persistence unit, a welcome page at "/"), with Rio's ingress moved to
 * {@code /rio} by the application's {@code web.xml}: on Payara Micro and on WildFly, the application's own page
 * and endpoints keep answering and Rio's answer beside them; a Rio step writes through the application's entities.
 */
class ExistingApplicationIT {

    private static Path war;

    @BeforeAll
    static void export() {
        war = Deployments.exportExistingApplication("existing-application.war");
    }

    @Test
    void onPayaraMicroTheApplicationsPagesEndpointsAndRioAnswerSideBySide() {
        try (PayaraMicroProcess micro = PayaraMicroProcess.start("existing-app", war)) {
            assertSideBySide(micro.http());
        }
    }

    @Test
    void onWildFlyTheApplicationsPagesEndpointsAndRioAnswerSideBySide() {
        try (WildFlyProcess wildfly = WildFlyProcess.start("existing-app", war, List.of(), Map.of())) {
            assertSideBySide(wildfly.http());
        }
    }

    private static void assertSideBySide(Http http) {
        HttpResponse<String> page = http.get("");
        assertEquals(200, page.statusCode(), "the application's welcome page: " + page.body());
        assertTrue(page.body().contains("The shop"), page.body());

        String name = uniqueKey("lamp");
        long id = http.callLong("rio/Catalog/add", Http.quote(name));
        assertTrue(id > 0, "a Rio step inserted through the application's persistence unit");
        HttpResponse<String> products = http.get("api/products");
        assertEquals(200, products.statusCode(), "the application's own endpoint: " + products.body());
        assertTrue(products.body().contains(name), products.body());

        HttpResponse<String> sent = http.post("rio/Catalog/add/send", Http.quote(name + "-2"));
        assertEquals(202, sent.statusCode(), sent.body());
        String invocation = Http.json(sent.body()).getString("invocationId");
        assertEquals(200, http.get("rio/restate/attach/" + invocation).statusCode(), "Restate's routes under /rio");

        HttpResponse<String> atRoot = http.post("Catalog/add", Http.quote("x"));
        assertTrue(atRoot.statusCode() == 404 || atRoot.statusCode() == 405,
                "Rio is not served at the root any more: " + atRoot.statusCode() + " " + atRoot.body());
    }
}
