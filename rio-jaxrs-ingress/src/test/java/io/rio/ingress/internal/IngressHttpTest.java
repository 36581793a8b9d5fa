package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.EngineConfig;
import io.rio.core.RioEngine;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import io.rio.ingress.RioIngressApplication;
import jakarta.enterprise.util.AnnotationLiteral;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JAX-RS layer on a real JAX-RS runtime (Jersey 3.1 on Grizzly, as in Payara) with the real engine over the
 * in-memory store: path matching, suspended responses, status codes, headers and the error mappers.
 */
class IngressHttpTest {
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static ExecutorService executor;
    private static ScheduledExecutorService scheduler;
    private static RioEngine engine;
    private static HttpServer server;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SuppressWarnings("all")
    private static final class ConfigPropertyLiteral extends AnnotationLiteral<ConfigProperty> implements ConfigProperty {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return IngressResource.TIMEOUT_KEY;
        }

        @Override
        public String defaultValue() {
            return IngressResource.DEFAULT_TIMEOUT; // HK2 matches qualifiers by all their values
        }
    }

    @BeforeAll
    static void start() {
        executor = Executors.newFixedThreadPool(8);
        scheduler = Executors.newScheduledThreadPool(1);
        ServiceRegistry registry = new ServiceRegistry(List.of(
                TestServices.service("Greeter", ServiceKind.SERVICE,
                        handler("Greeter", "greet", HandlerKind.STATELESS, String.class, String.class,
                                (ctx, in) -> "Hello " + in),
                        handler("Greeter", "nothing", HandlerKind.STATELESS, null, null, (ctx, in) -> null),
                        handler("Greeter", "hang", HandlerKind.STATELESS, null, null, (ctx, in) -> {
                            NEVER.await(5, TimeUnit.SECONDS);
                            return null;
                        })),
                TestServices.service("Counter", ServiceKind.VIRTUAL_OBJECT,
                        handler("Counter", "add", HandlerKind.EXCLUSIVE, long.class, long.class, (ctx, in) -> in))));
        InMemoryTransactions transactions = new InMemoryTransactions();
        engine = new RioEngine(registry, new InMemoryStore(transactions), transactions, TestServices.SERDE, executor,
                scheduler, Clock.systemUTC(), EngineConfig.defaults("node-1"));
        engine.start();
        ResourceConfig config = ResourceConfig.forApplication(new RioIngressApplication());
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(engine).to(RioEngine.class);
                bind("1s").to(String.class).qualifiedBy(new ConfigPropertyLiteral());
            }
        });
        server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
        base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        NEVER.countDown();
        server.shutdownNow();
        engine.close();
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private static HandlerDefinition handler(String service, String name, HandlerKind kind, Class<?> in, Class<?> out,
            io.rio.core.model.HandlerInvoker invoker) {
        return new HandlerDefinition(service, name, kind, in, out, invoker, service + "#" + name);
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callAnswersJsonWithInvocationId() throws Exception {
        HttpResponse<String> r = post("Greeter/greet", "\"Ann\"", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"Hello Ann\"", r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(r.headers().firstValue("x-restate-id").isPresent());
        // No content type at all is accepted too (plain curl -d).
        HttpResponse<String> bare = CLIENT.send(HttpRequest.newBuilder(base.resolve("Counter/k/add"))
                .POST(HttpRequest.BodyPublishers.ofString("5")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bare.statusCode(), bare.body());
        assertEquals("5", bare.body());
    }

    @Test
    void voidAnswers200WithEmptyBody() throws Exception {
        HttpResponse<String> r = post("Greeter/nothing", "");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("", r.body());
    }

    @Test
    void sendThenAttach() throws Exception {
        HttpResponse<String> sent = post("Counter/k/add/send", "7", "Content-Type", "application/json");
        assertEquals(202, sent.statusCode(), sent.body());
        String id = sent.headers().firstValue("x-restate-id").orElseThrow();
        assertEquals("{\"invocationId\":\"" + id + "\",\"status\":\"Accepted\"}", sent.body());
        HttpResponse<String> attached = get("restate/attach/" + id);
        assertEquals(200, attached.statusCode(), attached.body());
        assertEquals("7", attached.body());
    }

    @Test
    void errorsAreJson() throws Exception {
        HttpResponse<String> unknown = post("Nope/x", "");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().startsWith("{\"code\":404,\"message\":\"No service"), unknown.body());
        HttpResponse<String> bad = post("Counter/k/add", "\"x\"", "Content-Type", "application/json");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("expects a JSON long"), bad.body());
        HttpResponse<String> text = post("Counter/k/add", "1", "Content-Type", "text/plain");
        assertEquals(415, text.statusCode(), text.body());
        HttpResponse<String> output = get("restate/output/nope");
        assertEquals(404, output.statusCode());
        assertTrue(output.body().startsWith("{\"code\":404,"), output.body());
        HttpResponse<String> put = CLIENT.send(HttpRequest.newBuilder(base.resolve("Greeter/greet"))
                .PUT(HttpRequest.BodyPublishers.ofString("1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
        assertTrue(put.body().startsWith("{\"code\":405,"), put.body());
    }

    @Test
    void slowCallAnswers504AfterTheConfiguredTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = post("Greeter/hang", "");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(504, r.statusCode(), r.body());
        assertTrue(r.body().contains("Greeter/hang") && r.body().contains("keeps running"), r.body());
        assertTrue(millis >= 900 && millis < 4000, "answered after " + millis + " ms");
    }
}
