package io.rio.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** What the harnesses of the servers the tests start ({@link PayaraMicroProcess}, {@link WildFlyProcess}, {@link PayaraServerProcess}) share. */
final class ServerProcesses {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcesses() {
    }

    /** Whether {@code GET http://127.0.0.1:<port>/health/ready} answers 200 now (false while nothing listens). */
    static boolean ready(int port) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The status and body of {@code /health/ready} on {@code port}, or why there is none: for failure messages. */
    static String readiness(int port) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> r = CLIENT.send(health, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "no answer (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The last {@code max} lines of {@code log} that report an error or a failed service (WildFly's {@code ERROR},
     * {@code WFLYCTL0}, Payara's {@code SEVERE}), so that a CI log shows why a server did not come up.
     */
    static String errors(Path log, int max) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> hits = lines.filter(l -> l.contains(" ERROR ") || l.contains("SEVERE")
                    || l.contains("WFLYCTL0") || l.contains("Address already in use")).toList();
            return String.join("\n", hits.subList(Math.max(0, hits.size() - max), hits.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Whether {@code port} can be bound on 127.0.0.1 now. */
    static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
