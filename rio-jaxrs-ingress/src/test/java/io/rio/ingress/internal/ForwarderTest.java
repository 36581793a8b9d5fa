package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.InvocationOutcome;
import io.rio.core.NotOwnerException;
import io.rio.core.OverloadedException;
import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forwarding between two ingress nodes on the JDK's HTTP server ({@link TestNode}): node A receives the client's
 * request, node B owns the key (unless a test says otherwise).
 */
class ForwarderTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ForwardPolicy FAST = new ForwardPolicy(Duration.ofMillis(50), Duration.ofMillis(800));
    private static final int PARTITION = Membership.partitionOf("Counter/a b");

    private TestNode a;
    private TestNode b;
    private Member memberA;
    private Member memberB;

    @BeforeEach
    void start() throws Exception {
        a = new TestNode();
        b = new TestNode();
        memberA = FakeCluster.member("A", a.url, true);
        memberB = FakeCluster.member("B", b.url, true);
        Member bSeenFromA = FakeCluster.member("B", b.url, false);
        Member aSeenFromB = FakeCluster.member("A", a.url, false);
        a.with(new FakeCluster(memberA, bSeenFromA).ownedBy(bSeenFromA), FAST);
        b.with(new FakeCluster(memberB, aSeenFromB).ownedBy(memberB), FAST);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    private HttpResponse<String> post(TestNode node, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(node.url + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Member remote(TestNode node, String nodeId) {
        return FakeCluster.member(nodeId, node.url, false);
    }

    @Test
    void forwardsToTheOwnerAndRelaysItsAnswer() throws Exception {
        b.call = r -> CompletableFuture.completedFuture(InvocationOutcome.success("inv-b", "{\"by\":\"B\"}"));
        HttpResponse<String> r = post(a, "Counter/a%20b/add?x=1&y=%2F", "5", "Content-Type", "application/json",
                "Idempotency-Key", "k-1", "X-Custom", "kept");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"by\":\"B\"}", r.body());
        assertEquals("inv-b", r.headers().firstValue("x-restate-id").orElse(null));
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), r.headers().toString());

        assertEquals(1, b.received.size());
        RawRequest got = b.received.get(0);
        assertEquals("POST", got.method());
        assertEquals("Counter/a%20b/add", got.path());
        assertEquals("x=1&y=%2F", got.query());
        assertEquals("5", new String(got.body()));
        assertEquals("application/json", got.header("content-type"));
        assertEquals("k-1", got.header("idempotency-key"));
        assertEquals("kept", got.header("x-custom"));
        assertEquals("A", got.header(RawRequest.FORWARDED_HEADER));
        assertTrue(got.header("host").endsWith(":" + b.server.getAddress().getPort()), got.header("host"));
    }

    @Test
    void relaysErrorStatusAndHeadersOfTheOwner() throws Exception {
        b.call = r -> CompletableFuture.failedFuture(new OverloadedException(10, 10, 3));
        HttpResponse<String> r = post(a, "Counter/k/add", "1", "Content-Type", "application/json");
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("3", r.headers().firstValue("retry-after").orElse(null));
        assertTrue(r.body().startsWith("{\"code\":429,"), r.body());
    }

    @Test
    void misdirectedAnswerIsRetriedUntilTheOwnerRunsIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        b.call = r -> calls.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new NotOwnerException(PARTITION, null))
                : CompletableFuture.completedFuture(InvocationOutcome.success("inv-3", "3"));
        HttpResponse<String> r = post(a, "Counter/a%20b/add", "1", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("3", r.body());
        assertEquals(3, b.received.size());
    }

    @Test
    void deadOwnerIsRetriedWithTheNewOwner() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        Member dead = FakeCluster.member("D", "http://127.0.0.1:" + deadPort + "/", false);
        AtomicInteger lookups = new AtomicInteger();
        Member newOwner = remote(b, "B");
        a.cluster.owner = p -> lookups.incrementAndGet() == 1 ? dead : newOwner;
        HttpResponse<String> r = post(a, "Counter/k/add", "1", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("\"ran\"", r.body());
        assertEquals(1, b.received.size());
    }

    @Test
    void becomingTheOwnerRunsLocally() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        a.cluster.owner = p -> lookups.incrementAndGet() == 1 ? null : memberA;
        HttpResponse<String> r = post(a, "Counter/k/add", "1", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(0, b.received.size());
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() throws Exception {
        // Each node believes the other owns every key (a stale view): no loop, 421 until the deadline, then 503.
        a.cluster.ownedBy(remote(b, "B"));
        b.cluster.ownedBy(remote(a, "A"));
        b.call = r -> CompletableFuture.failedFuture(new NotOwnerException(PARTITION, remote(a, "A")));
        HttpResponse<String> r = post(a, "Counter/a%20b/add", "1", "Content-Type", "application/json");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().startsWith("{\"code\":503,\"message\":\""), r.body());
        assertTrue(r.body().contains("key 'a b' (partition " + PARTITION + ")"), r.body());
        assertTrue(r.body().contains("answered 421"), r.body());
        assertEquals(1, a.received.size(), "A got only the client's request");
        assertTrue(b.received.size() >= 2, "B got the retries");
        b.received.forEach(req -> assertEquals("A", req.header(RawRequest.FORWARDED_HEADER)));

        // A forwarded request runs where it lands, even if this node thinks another one owns the key.
        HttpResponse<String> direct = post(b, "Counter/a%20b/add", "1", "Content-Type", "application/json",
                RawRequest.FORWARDED_HEADER, "X");
        assertEquals(421, direct.statusCode(), direct.body());
        assertTrue(direct.body().startsWith("{\"code\":421,\"message\":\"This node does not own"), direct.body());
        assertEquals(1, a.received.size(), "B did not forward it to A");
        a.call = req -> CompletableFuture.completedFuture(InvocationOutcome.success("inv-x", "7"));
        HttpResponse<String> local = post(a, "Counter/q/add", "1", "Content-Type", "application/json",
                RawRequest.FORWARDED_HEADER, "X");
        assertEquals(200, local.statusCode(), local.body());
        assertEquals("7", local.body());
    }

    @Test
    void localNotOwnerGoesToTheOwnerItNames() throws Exception {
        a.cluster.ownedBy(memberA);
        a.call = r -> CompletableFuture.failedFuture(new NotOwnerException(PARTITION, remote(b, "B")));
        HttpResponse<String> r = post(a, "Counter/a%20b/add", "1", "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, b.received.size());
    }

    @Test
    void brokenConnectionAnswers502WithoutIdempotencyKeyAndRetriesWithOne() throws Exception {
        try (ServerSocket breaking = new ServerSocket(0)) {
            AtomicInteger accepted = new AtomicInteger();
            Thread t = new Thread(() -> {
                while (!breaking.isClosed()) {
                    try (Socket s = breaking.accept()) {
                        accepted.incrementAndGet();
                        InputStream in = s.getInputStream();
                        in.read(new byte[8192]); // read the request, then hang up without an answer
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            Member flaky = FakeCluster.member("F", "http://127.0.0.1:" + breaking.getLocalPort() + "/", false);
            a.cluster.ownedBy(flaky);
            HttpResponse<String> r = post(a, "Counter/k/add", "1", "Content-Type", "application/json");
            assertEquals(502, r.statusCode(), r.body());
            assertTrue(r.body().startsWith("{\"code\":502,"), r.body());
            assertTrue(r.body().contains("Idempotency-Key"), r.body());

            AtomicInteger lookups = new AtomicInteger();
            Member good = remote(b, "B");
            a.cluster.owner = p -> lookups.incrementAndGet() == 1 ? flaky : good;
            HttpResponse<String> retried = post(a, "Counter/k/add", "1", "Content-Type", "application/json",
                    "Idempotency-Key", "once");
            assertEquals(200, retried.statusCode(), retried.body());
            assertEquals(1, b.received.size());
        }
    }

    @Test
    void ownerWithoutUrlIsWaitedForThen503() throws Exception {
        a.cluster.ownedBy(FakeCluster.member("N", null, false));
        HttpResponse<String> r = post(a, "Counter/k/add", "1", "Content-Type", "application/json");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("has not published its ingress URL"), r.body());
    }

    @Test
    void sendsAndServicesAreNotForwarded() throws Exception {
        HttpResponse<String> sent = post(a, "Counter/k/add/send", "1", "Content-Type", "application/json");
        assertEquals(202, sent.statusCode(), sent.body());
        HttpResponse<String> service = post(a, "Greeter/greet", "\"Ann\"", "Content-Type", "application/json");
        assertEquals(200, service.statusCode(), service.body());
        assertEquals(0, b.received.size());
    }

    @Test
    void policyRetriesOnlyWhatCannotHaveRun() {
        ForwardPolicy p = ForwardPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(200), p.delay());
        assertEquals(Duration.ofSeconds(20), p.deadline());
        assertTrue(p.retryable(ForwardPolicy.Failure.MISDIRECTED, false));
        assertTrue(p.retryable(ForwardPolicy.Failure.NOT_CONNECTED, false));
        assertTrue(!p.retryable(ForwardPolicy.Failure.BROKEN, false));
        assertTrue(p.retryable(ForwardPolicy.Failure.BROKEN, true));
        long start = 1_000_000_000L;
        assertTrue(p.inTime(start, start + Duration.ofSeconds(19).toNanos()));
        assertTrue(!p.inTime(start, start + Duration.ofMillis(19_900).toNanos()));
    }

    @Test
    void answersOfTheOwnersServerRatherThanRioAreRetried() {
        assertEquals(ForwardPolicy.Failure.MISDIRECTED, ForwardPolicy.containerAnswer(404,
                java.util.Map.of("Content-Type", "text/html")), "not deployed yet");
        assertEquals(ForwardPolicy.Failure.MISDIRECTED, ForwardPolicy.containerAnswer(503, java.util.Map.of()),
                "being undeployed");
        assertEquals(ForwardPolicy.Failure.BROKEN, ForwardPolicy.containerAnswer(500,
                java.util.Map.of("content-type", "text/html")), "a server error: retried only with an Idempotency-Key");
        assertEquals(null, ForwardPolicy.containerAnswer(404, java.util.Map.of("content-type", "application/json")),
                "Rio's own 404 (unknown handler) is relayed");
        assertEquals(null, ForwardPolicy.containerAnswer(503, java.util.Map.of("Content-Type",
                "application/json;charset=UTF-8")));
        assertEquals(null, ForwardPolicy.containerAnswer(400, java.util.Map.of()));
    }

    @Test
    void clientClassifiesFailuresAndFiltersHeaders() {
        assertTrue(OwnerClient.classify(new java.util.concurrent.CompletionException(new java.net.ConnectException("x")))
                instanceof OwnerClient.NotConnected);
        assertTrue(OwnerClient.classify(new java.net.http.HttpConnectTimeoutException("x")) instanceof OwnerClient.NotConnected);
        assertTrue(OwnerClient.classify(new java.net.http.HttpTimeoutException("x")) instanceof OwnerClient.TimedOut);
        assertTrue(OwnerClient.classify(new java.io.IOException("reset")) instanceof OwnerClient.Broken);
        var headers = OwnerClient.responseHeaders(java.util.Map.of("Content-Type", java.util.List.of("text/plain"),
                "Transfer-Encoding", java.util.List.of("chunked"), "Connection", java.util.List.of("close"),
                "Proxy-Foo", java.util.List.of("x"), "x-restate-id", java.util.List.of("inv-1")));
        assertEquals(java.util.Map.of("content-type", "text/plain", "x-restate-id", "inv-1"), headers);
        assertNull(headers.get("connection"));
    }
}
