package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document of the handlers ({@code GET /rio/openapi}) on a real server with the secured sample: it
 * validates (swagger-parser, OpenAPI 3.0), names a call and a send of every handler the ingress serves (the admin
 * API's listing is the reference), leaves out private and {@code @DenyAll} handlers, and carries the input and
 * result types as JSON schemas.
 */
interface OpenApiContract {

    Http http();

    private static OpenAPI parse(String body) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(body, null, options);
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(),
                "the document validates: " + result.getMessages());
        assertNotNull(result.getOpenAPI(), "parsed");
        return result.getOpenAPI();
    }

    private OpenAPI document() {
        HttpResponse<String> r = http().get("rio/openapi");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.headers().toString());
        return parse(r.body());
    }

    @Test
    default void theOpenApiDocumentValidatesAndNamesACallAndASendOfEveryHandlerTheIngressServes() {
        OpenAPI doc = document();
        assertEquals("3.0.3", doc.getOpenapi());
        assertEquals(1, doc.getServers().size());
        assertTrue(doc.getServers().get(0).getUrl().startsWith("http://127.0.0.1:"), doc.getServers().toString());

        JsonObject services = Http.json(http().get("rio/admin/services", Admin.OPERATOR).body());
        List<String> missing = new ArrayList<>();
        int served = 0;
        for (JsonValue s : services.getJsonArray("services")) {
            JsonObject service = s.asJsonObject();
            boolean keyed = !service.getString("kind").equals("SERVICE");
            for (JsonValue hv : service.getJsonArray("handlers")) {
                JsonObject h = hv.asJsonObject();
                String path = "/" + service.getString("name") + (keyed ? "/{key}/" : "/") + h.getString("name");
                boolean hidden = h.getBoolean("ingressPrivate", false) || h.getBoolean("denyAll", false);
                boolean listed = doc.getPaths().containsKey(path) && doc.getPaths().containsKey(path + "/send");
                if (hidden) {
                    assertFalse(doc.getPaths().containsKey(path), path + " is not served to the ingress, so not listed");
                } else {
                    served++;
                    if (!listed) {
                        missing.add(path);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "handlers without a call and a send in the document: " + missing);
        assertTrue(served >= 15, "the sample's handlers: " + served);
        for (String generic : List.of("/restate/attach/{invocationId}", "/restate/output/{invocationId}",
                "/restate/workflow/{workflow}/{key}/attach", "/restate/awakeables/{awakeableId}/resolve")) {
            assertTrue(doc.getPaths().containsKey(generic), generic);
        }
    }

    @Test
    default void theDocumentCarriesTypesKeysRolesAndErrors() {
        OpenAPI doc = document();
        Operation add = doc.getPaths().get("/Counter/{key}/add").getPost();
        assertEquals("integer", add.getRequestBody().getContent().get("application/json").getSchema().getType());
        assertEquals("int64", add.getResponses().get("200").getContent().get("application/json").getSchema().getFormat());
        assertTrue(add.getParameters().stream().anyMatch(p -> p.getName().equals("key") && p.getIn().equals("path")));
        assertTrue(add.getParameters().stream().anyMatch(p -> p.getName().equals("Idempotency-Key")));
        assertNotNull(add.getResponses().get("429"), "429 with Retry-After");

        Operation place = doc.getPaths().get("/Orders/place").getPost();
        assertEquals("#/components/schemas/OrderRequest",
                place.getRequestBody().getContent().get("application/json").getSchema().get$ref());
        Schema<?> request = doc.getComponents().getSchemas().get("OrderRequest");
        assertEquals(List.of("amountCents", "item", "orderId"),
                request.getProperties().keySet().stream().sorted().toList());
        assertEquals("int64", ((Schema<?>) request.getProperties().get("amountCents")).getFormat());

        Operation send = doc.getPaths().get("/Counter/{key}/add/send").getPost();
        assertTrue(send.getParameters().stream().anyMatch(p -> p.getName().equals("delay") && p.getIn().equals("query")));
        assertEquals("#/components/schemas/RioSendAccepted",
                send.getResponses().get("202").getContent().get("application/json").getSchema().get$ref());

        Operation deposit = doc.getPaths().get("/Till/{key}/deposit").getPost();
        assertTrue(deposit.getDescription().contains("clerk"), deposit.getDescription());
        assertNotNull(deposit.getResponses().get("401"));
        assertNotNull(deposit.getResponses().get("403"));
        assertFalse(doc.getPaths().containsKey("/Till/{key}/write"), "@IngressPrivate");
        assertFalse(doc.getPaths().containsKey("/Till/{key}/burn"), "@DenyAll");
        assertNotNull(doc.getPaths().get("/Greeter/greet").getPost().getResponses().get("200"));
    }
}
