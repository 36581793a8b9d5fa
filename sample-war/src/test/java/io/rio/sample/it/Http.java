package io.rio.sample.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client for the Rio ingress of one server, always on 127.0.0.1.
 * Thread safe: one {@link HttpClient} shared by all callers.
 */
final class Http {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final Duration timeout;

    /**
     * @param port        the server's HTTP port
     * @param contextPath the application's context path, "/" or "/name/"
     */
    Http(int port, String contextPath) {
        this(port, contextPath, DEFAULT_TIMEOUT);
    }

    /** As {@link #Http(int, String)}, each request waiting at most {@code timeout} for its answer. */
    Http(int port, String contextPath, Duration timeout) {
        this.timeout = timeout;
        String path = contextPath.endsWith("/") ? contextPath : contextPath + "/";
        this.base = "http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path);
    }

    String base() {
        return base;
    }

    HttpResponse<String> post(String path, String jsonBody) {
        return post(path, jsonBody, Map.of());
    }

    HttpResponse<String> post(String path, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .header("content-type", "application/json")
                .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(b::header);
        return send(b.build());
    }

    HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(timeout).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    HttpResponse<String> delete(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(timeout).DELETE();
        headers.forEach(b::header);
        return send(b.build());
    }

    /** POSTs plain text. */
    HttpResponse<String> postText(String path, String text) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(timeout).header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    /** The {@code Authorization} header of HTTP Basic authentication. */
    static Map<String, String> basicAuth(String user, String password) {
        String token = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + token);
    }

    /** POSTs and returns the body, failing with the status and body unless the answer is 200. */
    String call(String path, String jsonBody) {
        HttpResponse<String> r = post(path, jsonBody);
        if (r.statusCode() != 200) {
            throw new AssertionError("POST " + path + " " + jsonBody + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    long callLong(String path, String jsonBody) {
        return Long.parseLong(call(path, jsonBody).trim());
    }

    static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new AssertionError("Expected a JSON object, got: " + body, e);
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        return Json.createValue(s).toString();
    }

    private URI uri(String path) {
        return URI.create(base + (path.startsWith("/") ? path.substring(1) : path));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
