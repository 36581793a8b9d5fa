package io.rio.ingress.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rio.core.InvocationOutcome;
import io.rio.core.InvocationRequest;
import io.rio.core.SendReceipt;
import io.rio.core.model.HandlerDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An ingress node on the JDK's HTTP server: the router, the dispatcher and the {@link Forwarder} over a fake
 * engine ({@link #call}) and a {@link FakeCluster}, as {@link IngressResource} wires them (without JAX-RS).
 * Records every request it receives.
 */
final class TestNode implements AutoCloseable {
    final HttpServer server;
    final String url;
    final List<RawRequest> received = new CopyOnWriteArrayList<>();
    /** What the local engine does with a call. */
    volatile Function<InvocationRequest, CompletableFuture<InvocationOutcome>> call =
            r -> CompletableFuture.completedFuture(InvocationOutcome.success("inv-" + r.key(), "\"ran\""));
    volatile FakeCluster cluster;
    private final IngressRouter router = new IngressRouter(TestServices.REGISTRY, TestServices.SERDE);
    private volatile IngressDispatcher dispatcher;

    TestNode() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Wires the node with {@code cluster} and {@code policy}. */
    TestNode with(FakeCluster cluster, ForwardPolicy policy) {
        this.cluster = cluster;
        Duration timeout = Duration.ofSeconds(5);
        dispatcher = new IngressDispatcher(gateway(), new Forwarder(cluster,
                new OwnerClient(OwnerClient.sharedHttpClient(), timeout), policy, timeout));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath().substring(1);
        Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        RawRequest raw = new RawRequest(method, rawPath, exchange.getRequestURI().getRawQuery(), headers, body);
        received.add(raw);
        List<String> segments = Arrays.stream(rawPath.split("/", -1))
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8)).toList();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw.query() != null) {
            for (String pair : raw.query().split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
            }
        }
        Route route = router.route(new IngressRequest(method, segments, query, headers, body));
        IngressReply reply = dispatcher.dispatch(route, raw, method + " /" + rawPath).join();
        byte[] out;
        if (reply.raw() != null) {
            out = reply.raw();
        } else {
            out = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.body() != null) {
                exchange.getResponseHeaders().set("content-type", "application/json");
            }
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private InvocationGateway gateway() {
        return new InvocationGateway() {
            @Override
            public CompletableFuture<InvocationOutcome> call(InvocationRequest request) {
                return call.apply(request);
            }

            @Override
            public CompletableFuture<SendReceipt> send(InvocationRequest request) {
                return CompletableFuture.completedFuture(new SendReceipt("inv-sent", false));
            }

            @Override
            public CompletableFuture<InvocationOutcome> attach(String invocationId) {
                return new CompletableFuture<>();
            }

            @Override
            public Optional<InvocationOutcome> output(String invocationId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> findInvocationId(HandlerDefinition target, String key, String idempotencyKey) {
                return Optional.empty();
            }

            @Override
            public void completeAwakeable(String awakeableId, String json, String reason) {
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
