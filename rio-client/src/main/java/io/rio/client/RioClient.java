package io.rio.client;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed client of Rio's HTTP ingress for code outside the server, on the JDK's {@link HttpClient} and JSON-B.
 * Handlers are named by their own method references, so a rename in the handler class is a compile error here:
 *
 * <pre>{@code
 * RioClient rio = RioClient.connect("http://localhost:8080/");
 * long total = rio.object(Counter.class, "alice").call(Counter::add, 5L);
 * Sent<Long> later = rio.object(Counter.class, "bob").send(Counter::add, 1L, Duration.ofSeconds(10));
 * long bob = later.attach();
 * }</pre>
 *
 * <p>Inputs and results are mapped with JSON-B (Yasson), as the servers map them. Errors are
 * {@link RioClientException}s carrying the HTTP status and the message of Rio's JSON error body. A {@code 429}
 * (more work waiting than the server takes, or a key's queue full) is retried after its {@code Retry-After}, at
 * most {@link Builder#maxRetries} times and within the request's timeout; Rio stores nothing for a refused
 * request, so the retry cannot run a handler twice.
 *
 * <p>Thread safety: safe for concurrent use; create one per server (or load balancer) and share it.
 */
public final class RioClient {
    static final int RETRY_LIMIT_DEFAULT = 10;
    static final Duration TIMEOUT_DEFAULT = Duration.ofMinutes(1);
    private static final Duration RETRY_AFTER_DEFAULT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(200);

    private final URI base;
    private final HttpClient http;
    private final Jsonb json;
    private final Duration timeout;
    private final int maxRetries;
    private final Map<String, String> headers;

    private RioClient(Builder b) {
        this.base = b.base;
        this.http = b.http != null ? b.http
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.json = JsonbBuilder.create();
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.headers = Map.copyOf(b.headers);
    }

    /** A client of the ingress at {@code baseUrl} (for example {@code http://localhost:8080/}), with defaults. */
    public static RioClient connect(String baseUrl) {
        return builder(URI.create(baseUrl)).build();
    }

    /** A builder of a client of the ingress at {@code baseUri}. */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /** A service ({@code @Service}). */
    public <B> RemoteTarget<B> service(Class<B> serviceClass) {
        String name = HandlerNames.component(serviceClass, HandlerNames.Kind.SERVICE);
        return new RemoteTarget<>(this, serviceClass, segment(name) + "/", null, timeout);
    }

    /** One key of a virtual object ({@code @VirtualObject}). */
    public <B> RemoteTarget<B> object(Class<B> objectClass, String key) {
        String name = HandlerNames.component(objectClass, HandlerNames.Kind.OBJECT);
        return new RemoteTarget<>(this, objectClass, segment(name) + "/" + segment(checkKey(key)) + "/", null, timeout);
    }

    /** One key of a workflow ({@code @Workflow}). */
    public <B> RemoteTarget<B> workflow(Class<B> workflowClass, String key) {
        String name = HandlerNames.component(workflowClass, HandlerNames.Kind.WORKFLOW);
        return new RemoteTarget<>(this, workflowClass, segment(name) + "/" + segment(checkKey(key)) + "/", null, timeout);
    }

    /**
     * Waits for the result of invocation {@code invocationId} ({@code GET /restate/attach/{id}}), at most the
     * client's timeout (and the server's {@code rio.attach.timeout}).
     */
    public <R> R attach(String invocationId, Class<R> type) {
        return attach(invocationId, (Type) type);
    }

    /** The result of invocation {@code invocationId} if it has ended, empty while it runs. */
    public <R> Optional<R> output(String invocationId, Class<R> type) {
        return output(invocationId, (Type) type);
    }

    /** Resolves awakeable {@code awakeableId} with {@code value} (JSON-B), waking the invocation awaiting it. */
    public void resolveAwakeable(String awakeableId, Object value) {
        check(exchange("POST", "restate/awakeables/" + segment(awakeableId) + "/resolve", json.toJson(value),
                "application/json", null, timeout), 202);
    }

    /** Rejects awakeable {@code awakeableId}: the invocation awaiting it sees a terminal failure with {@code reason}. */
    public void rejectAwakeable(String awakeableId, String reason) {
        check(exchange("POST", "restate/awakeables/" + segment(awakeableId) + "/reject", reason, "text/plain", null,
                timeout), 202);
    }

    @SuppressWarnings("unchecked")
    <R> R attach(String invocationId, Type type) {
        HttpResponse<String> r = exchange("GET", "restate/attach/" + segment(invocationId), null, null, null, timeout);
        return (R) decode(check(r, 200), type);
    }

    @SuppressWarnings("unchecked")
    <R> Optional<R> output(String invocationId, Type type) {
        HttpResponse<String> r = exchange("GET", "restate/output/" + segment(invocationId), null, null, null, timeout);
        if (r.statusCode() == 470) {
            return Optional.empty();
        }
        return Optional.ofNullable((R) decode(check(r, 200), type));
    }

    Object call(String path, String body, Type output, String idempotencyKey, Duration timeout) {
        HttpResponse<String> r = exchange("POST", path, body, body != null ? "application/json" : null, idempotencyKey,
                timeout);
        return decode(check(r, 200), output);
    }

    <R> Sent<R> send(String path, String body, Type output, String idempotencyKey, Duration timeout) {
        HttpResponse<String> r = exchange("POST", path, body, body != null ? "application/json" : null, idempotencyKey,
                timeout);
        check(r, 202);
        JsonObject answer = object(r.body());
        String id = answer == null ? null : string(answer, "invocationId");
        if (id == null) {
            throw new RioClientException(r.statusCode(), "The ingress accepted the send without naming the invocation: "
                    + r.body());
        }
        return new Sent<>(this, id, "PreviouslyAccepted".equals(string(answer, "status")), output);
    }

    /** {@code body} as a JSON object, or null when it is not one. */
    private static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static String string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }

    Jsonb json() {
        return json;
    }

    /**
     * One request, retried after a 429 (its {@code Retry-After}) and, with an idempotency key, after a broken
     * connection, within {@code timeout} and {@link #maxRetries}.
     */
    private HttpResponse<String> exchange(String method, String path, String body, String contentType,
            String idempotencyKey, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI uri = base.resolve(path);
        for (int attempt = 0;; attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                throw new RioClientException(0, method + " " + uri + ": no answer within " + timeout, true, null);
            }
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(left)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(rb::header);
            if (contentType != null) {
                rb.header("Content-Type", contentType);
            }
            if (idempotencyKey != null) {
                rb.header("Idempotency-Key", idempotencyKey);
            }
            Duration wait;
            try {
                HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() != 429 || attempt >= maxRetries) {
                    return r;
                }
                wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
            } catch (HttpTimeoutException e) {
                throw new RioClientException(0, method + " " + uri + ": no answer within " + timeout, true, e);
            } catch (IOException e) {
                if (idempotencyKey == null || attempt >= maxRetries) {
                    throw new RioClientException(0, method + " " + uri + " failed: " + e
                            + (idempotencyKey == null ? " (not retried: the request has no idempotency key, so it may "
                            + "have reached the server)" : ""), false, e);
                }
                wait = RECONNECT_DELAY.multipliedBy(1L << Math.min(attempt, 5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RioClientException(0, method + " " + uri + ": interrupted", false, e);
            }
            long sleep = wait.toNanos();
            if (sleep >= deadline - System.nanoTime()) {
                throw new RioClientException(0, method + " " + uri + ": no answer within " + timeout
                        + " (the server asked to retry later)", true, null);
            }
            try {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RioClientException(0, method + " " + uri + ": interrupted", false, e);
            }
        }
    }

    /** The wait a {@code Retry-After} value asks for: seconds, or an HTTP date; one second when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return RETRY_AFTER_DEFAULT;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return RETRY_AFTER_DEFAULT;
            }
        }
    }

    /** {@code r} if its status is {@code expected}; otherwise the error it carries. */
    private HttpResponse<String> check(HttpResponse<String> r, int expected) {
        if (r.statusCode() == expected) {
            return r;
        }
        throw error(r);
    }

    private RioClientException error(HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        JsonObject error = object(body);
        String message = error == null ? null : string(error, "message"); // else the container's or a proxy's page
        if (message == null) {
            message = body.isBlank() ? "HTTP " + r.statusCode() + " without a body"
                    : body.substring(0, Math.min(body.length(), 500));
        }
        return new RioClientException(r.statusCode(), r.request().method() + " " + r.uri() + ": " + message);
    }

    private Object decode(HttpResponse<String> r, Type type) {
        String body = r.body();
        if (type == Void.class || body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.fromJson(body, type);
        } catch (JsonbException e) {
            throw new RioClientException(r.statusCode(), "Cannot read " + body.substring(0, Math.min(body.length(), 200))
                    + " as " + type.getTypeName() + ": " + e.getMessage(), false, e);
        }
    }

    /** {@code s} as one URL path segment. */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("A key must not be empty");
        }
        return key;
    }

    static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * Settings of a {@link RioClient}: the timeout of each request (default one minute, retries included), how
     * many times a 429 is retried (default 10), headers on every request (for example {@code Authorization}), and
     * the {@link HttpClient} to use.
     */
    public static final class Builder {
        private final URI base;
        private HttpClient http;
        private Duration timeout = TIMEOUT_DEFAULT;
        private int maxRetries = RETRY_LIMIT_DEFAULT;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder(URI base) {
            Objects.requireNonNull(base, "baseUri");
            if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
                throw new IllegalArgumentException("The ingress URL must be http or https, got " + base);
            }
            String s = base.toString();
            this.base = URI.create(s.endsWith("/") ? s : s + "/");
        }

        /** How long a call, send, attach or read may take, retries included (default one minute). */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How many times a 429 answer is retried after its {@code Retry-After} (default 10; 0: never). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** A header sent with every request, for example {@code Authorization: Basic ...}. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The HTTP client to use (default: a new one, HTTP/1.1, 10 s connect timeout). */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public RioClient build() {
            return new RioClient(this);
        }
    }
}
