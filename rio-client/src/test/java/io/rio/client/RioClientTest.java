package io.rio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rio.client.Fixtures.Counter;
import io.rio.client.Fixtures.Greeter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted HTTP server on 127.0.0.1 (the JDK's own): the requests it makes (method, path,
 * headers, JSON body) and what it does with each kind of answer. {@code RioClientIT} in the sample runs it
 * against the deployed sample.
 */
class RioClientTest {

    private record Answer(int status, String body, String retryAfter, long delayMillis) {
    }

    private record Seen(String method, String path, String body, String contentType, String idempotencyKey) {
    }

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private RioClient rio;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        rio = RioClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/base"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer t").build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        byte[] in = x.getRequestBody().readAllBytes();
        seen.add(new Seen(x.getRequestMethod(), x.getRequestURI().getRawPath()
                + (x.getRequestURI().getRawQuery() != null ? "?" + x.getRequestURI().getRawQuery() : ""),
                new String(in, StandardCharsets.UTF_8), x.getRequestHeaders().getFirst("Content-Type"),
                x.getRequestHeaders().getFirst("Idempotency-Key")));
        assertEquals("Bearer t", x.getRequestHeaders().getFirst("Authorization"));
        Answer a;
        synchronized (script) {
            a = script.isEmpty() ? new Answer(500, "{\"code\":500,\"message\":\"unscripted\"}", null, 0) : script.poll();
        }
        if (a.delayMillis > 0) {
            try {
                Thread.sleep(a.delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (a.retryAfter != null) {
            x.getResponseHeaders().add("Retry-After", a.retryAfter);
        }
        byte[] out = a.body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(a.status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            x.getResponseBody().write(out);
        }
        x.close();
    }

    private void then(int status, String body) {
        script.add(new Answer(status, body, null, 0));
    }

    @Test
    void aServiceCallPostsTheInputAsJsonToTheHandlersNameAndReadsTheTypedResult() {
        then(200, "\"Hello, Ann\"");
        assertEquals("Hello, Ann", rio.service(Greeter.class).call(Greeter::greet, "Ann"));
        then(200, "[\"A\",\"B\"]");
        List<String> loud = rio.service(Greeter.class).call(Greeter::loud, List.of("a", "b"));
        assertEquals(List.of("A", "B"), loud);

        assertEquals(new Seen("POST", "/base/Greeter/greet", "\"Ann\"", "application/json", null), seen.get(0));
        assertEquals(new Seen("POST", "/base/Greeter/shout", "[\"a\",\"b\"]", "application/json", null), seen.get(1),
                "the handler's @Name, not its Java name");
    }

    @Test
    void anObjectKeyIsOnePathSegmentAndAHandlerWithoutInputSendsNoBody() {
        then(200, "7");
        long total = rio.object(Counter.class, "ann & bob/1").call(Counter::add, 7L);
        assertEquals(7L, total);
        then(200, "");
        rio.object(Counter.class, "k").call(Counter::reset);
        then(200, "3");
        assertEquals(3L, rio.object(Counter.class, "k").call(Counter::get));

        assertEquals("/base/Tally/ann%20%26%20bob%2F1/add", seen.get(0).path(), "the object's @Name, the key encoded");
        assertEquals("7", seen.get(0).body());
        assertEquals(new Seen("POST", "/base/Tally/k/reset", "", null, null), seen.get(1));
        assertEquals("/base/Tally/k/get", seen.get(2).path());
    }

    @Test
    void aSendReturnsTheInvocationAndReadsItsResultByAttachAndOutput() {
        script.add(new Answer(202, "{\"invocationId\":\"inv_1\",\"status\":\"Accepted\"}", null, 0));
        Sent<Long> sent = rio.object(Counter.class, "k").idempotencyKey("pay-1").send(Counter::add, 2L,
                Duration.ofSeconds(90));
        assertEquals("inv_1", sent.invocationId());
        assertFalse(sent.previouslyAccepted());
        then(470, "{\"code\":470,\"message\":\"not ready\"}");
        assertTrue(sent.output().isEmpty(), "470: not ended yet");
        then(200, "2");
        assertEquals(2L, sent.output().orElseThrow());
        then(200, "2");
        assertEquals(2L, sent.attach());
        script.add(new Answer(202, "{\"invocationId\":\"inv_1\",\"status\":\"PreviouslyAccepted\"}", null, 0));
        assertTrue(rio.object(Counter.class, "k").idempotencyKey("pay-1").send(Counter::add, 2L).previouslyAccepted());

        assertEquals(new Seen("POST", "/base/Tally/k/add/send?delay=PT1M30S", "2", "application/json", "pay-1"),
                seen.get(0));
        assertEquals("/base/restate/output/inv_1", seen.get(1).path());
        assertEquals("/base/restate/attach/inv_1", seen.get(3).path());
        assertEquals("/base/Tally/k/add/send", seen.get(4).path());
    }

    @Test
    void aRefusalWith429IsRetriedAfterItsRetryAfterAndOnlyUpToMaxRetries() {
        script.add(new Answer(429, "{\"code\":429,\"message\":\"busy\"}", "1", 0));
        script.add(new Answer(429, "{\"code\":429,\"message\":\"busy\"}", "0", 0));
        then(200, "\"Hello, Ann\"");
        long start = System.nanoTime();
        assertEquals("Hello, Ann", rio.service(Greeter.class).call(Greeter::greet, "Ann"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(3, seen.size(), "two refusals, then the answer");
        assertTrue(tookMillis >= 1000, "waited the Retry-After of 1 s: " + tookMillis + " ms");

        RioClient impatient = RioClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                .maxRetries(0).header("Authorization", "Bearer t").build();
        script.add(new Answer(429, "{\"code\":429,\"message\":\"Too many invocations wait\"}", "0", 0));
        RioClientException e = assertThrows(RioClientException.class,
                () -> impatient.service(Greeter.class).call(Greeter::greet, "Ann"));
        assertEquals(429, e.status());
        assertTrue(e.getMessage().contains("Too many invocations wait"), e.getMessage());
    }

    @Test
    void errorsCarryTheStatusAndTheMessageOfRiosJsonBodyOrTheBodyItself() {
        then(400, "{\"code\":400,\"message\":\"Signup needs an e-mail address\"}");
        RioClientException e = assertThrows(RioClientException.class,
                () -> rio.service(Greeter.class).call(Greeter::greet, "x"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().endsWith("Signup needs an e-mail address"), e.getMessage());
        assertFalse(e.timedOut());

        then(502, "<html>bad gateway</html>");
        e = assertThrows(RioClientException.class, () -> rio.service(Greeter.class).call(Greeter::greet, "x"));
        assertEquals(502, e.status());
        assertTrue(e.getMessage().contains("<html>bad gateway</html>"), e.getMessage());

        then(200, "{\"not\":\"a string\"}");
        e = assertThrows(RioClientException.class, () -> rio.service(Greeter.class).call(Greeter::greet, "x"));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutWithoutStatus() {
        script.add(new Answer(200, "\"late\"", null, 2_000));
        RioClientException e = assertThrows(RioClientException.class,
                () -> rio.service(Greeter.class).timeout(Duration.ofMillis(300)).call(Greeter::greet, "x"));
        assertEquals(0, e.status());
        assertTrue(e.timedOut(), e.getMessage());
    }

    @Test
    void anUnreachableServerIsNotRetriedWithoutAnIdempotencyKey() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RioClient gone = RioClient.builder(URI.create("http://127.0.0.1:" + port + "/")).maxRetries(3).build();
        long start = System.nanoTime();
        RioClientException e = assertThrows(RioClientException.class,
                () -> gone.service(Greeter.class).call(Greeter::greet, "x"));
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("no idempotency key"), e.getMessage());
        assertTrue(System.nanoTime() - start < 150_000_000L, "not retried");

        start = System.nanoTime();
        e = assertThrows(RioClientException.class,
                () -> gone.service(Greeter.class).idempotencyKey("k").call(Greeter::greet, "x"));
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 200 + 400 + 800, "retried three times with backoff: " + waited + " ms");
    }

    @Test
    void targetsAreCheckedAgainstTheHandlerClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rio.service(Counter.class));
        assertTrue(e.getMessage().contains("is a @VirtualObject: address it with rio.object(Counter.class, key)"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rio.object(Greeter.class, "k"));
        assertTrue(e.getMessage().contains("is a @Service"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rio.object(String.class, "k"));
        assertTrue(e.getMessage().contains("is not a @Service, @VirtualObject or @Workflow"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> rio.service(Greeter.class).call(Greeter::notAHandler, "x"));
        assertTrue(e.getMessage().contains("notAHandler is not a handler"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> rio.service(Greeter.class).call((Greeter g, io.rio.api.Context c, String s) -> s, "x"));
        assertTrue(e.getMessage().contains("not a lambda"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rio.object(Counter.class, ""));
        assertThrows(IllegalArgumentException.class,
                () -> rio.object(Counter.class, "k").send(Counter::add, 1L, Duration.ofSeconds(-1)));
        assertTrue(seen.isEmpty(), "nothing was sent");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(3), RioClient.retryAfter("3"));
        assertEquals(Duration.ofSeconds(1), RioClient.retryAfter(null));
        assertEquals(Duration.ofSeconds(1), RioClient.retryAfter("soon"));
        assertEquals(Duration.ZERO, RioClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        Duration ahead = RioClient.retryAfter(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30)));
        assertTrue(ahead.compareTo(Duration.ofSeconds(28)) > 0 && ahead.compareTo(Duration.ofSeconds(31)) < 0,
                ahead.toString());
        assertNull(null);
    }
}
