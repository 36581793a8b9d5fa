package io.rio.ingress.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Replays a request on another member's ingress with the JDK {@link HttpClient} (HTTP/1.1, asynchronous: no
 * thread waits for the owner) and classifies what happened, so that {@link Forwarder} can tell a retry-safe
 * failure ({@link NotConnected}: nothing was sent) from one whose outcome is unknown ({@link Broken}).
 *
 * <p>Request headers are copied except hop-by-hop ones ({@link #HOP_BY_HOP}) and {@code x-rio-forwarded}, which
 * is set to this node's id. Response headers are relayed except hop-by-hop ones; a header with several values
 * is relayed joined with {@code ", "}.
 *
 * <p>Thread safety: immutable; one instance (and so one HTTP client) per ingress.
 */
public final class OwnerClient {
    /** Connection headers that never cross a proxy (RFC 9110 section 7.6.1), plus ones the client sets itself. */
    static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "keep-alive", "upgrade", "te", "trailer", "trailers", "expect", "proxy-connection", "proxy-authenticate",
            "proxy-authorization");

    private final HttpClient client;
    private final Duration timeout;

    /**
     * @param client  the shared client (see {@link #newHttpClient()})
     * @param timeout how long a forwarded request may take (the ingress timeout, {@code rio.ingress.timeout})
     */
    public OwnerClient(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** The client the ingress uses for forwarding and peer queries: HTTP/1.1, 2 s connect timeout. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The one client of this ingress (per class loader, so per application), built on first use. */
    public static HttpClient sharedHttpClient() {
        return Shared.CLIENT;
    }

    private static final class Shared {
        static final HttpClient CLIENT = newHttpClient();
    }

    /** What came of a forwarded request. */
    public sealed interface Result {
    }

    /** The owner answered (any status). */
    public record Answered(int status, byte[] body, Map<String, String> headers) implements Result {
    }

    /** The request never reached the owner (connection refused, connect timeout, unknown host): safe to retry. */
    public record NotConnected(Throwable cause) implements Result {
    }

    /** The connection failed after the request may have been sent: the outcome is unknown. */
    public record Broken(Throwable cause) implements Result {
    }

    /** The owner did not answer within the ingress timeout. */
    public record TimedOut(Throwable cause) implements Result {
    }

    /**
     * Sends {@code request} to {@code baseUrl} (ending in {@code /}) + its path and query, marked as forwarded by
     * {@code selfNodeId}. The future never completes exceptionally.
     */
    public CompletableFuture<Result> forward(String baseUrl, RawRequest request, String selfNodeId) {
        HttpRequest http;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base(baseUrl) + request.pathAndQuery()))
                    .timeout(timeout)
                    .method(request.method(), request.body().length == 0 && !request.method().equals("POST")
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            copyHeaders(request.headers(), b);
            b.setHeader(RawRequest.FORWARDED_HEADER, selfNodeId == null ? "unknown" : selfNodeId);
            http = b.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new NotConnected(e)); // a bad ingress URL: never sent
        }
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofByteArray())
                .<Result>thenApply(r -> new Answered(r.statusCode(), r.body(), responseHeaders(r.headers().map())))
                .exceptionally(OwnerClient::classify);
    }

    /** {@code baseUrl} with a trailing slash. */
    static String base(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }

    static Result classify(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                || t instanceof UnresolvedAddressException || t.getCause() instanceof ConnectException
                || t.getCause() instanceof UnresolvedAddressException) {
            return new NotConnected(t);
        }
        if (t instanceof HttpTimeoutException) {
            return new TimedOut(t);
        }
        if (t instanceof IOException) {
            return new Broken(t);
        }
        return new NotConnected(t); // e.g. IllegalArgumentException from the client before anything was sent
    }

    private static void copyHeaders(Map<String, List<String>> headers, HttpRequest.Builder b) {
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.isEmpty() || skipped(lower) || lower.equals(RawRequest.FORWARDED_HEADER)) {
                return;
            }
            for (String value : values) {
                try {
                    b.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client refuses to set (it manages it itself): not forwarded
                }
            }
        });
    }

    static Map<String, String> responseHeaders(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.isEmpty() && !lower.startsWith(":") && !skipped(lower) && !values.isEmpty()) {
                out.put(lower, String.join(", ", values));
            }
        });
        return out;
    }

    static boolean skipped(String lowerName) {
        return HOP_BY_HOP.contains(lowerName) || lowerName.startsWith("proxy-");
    }
}
