package io.rio.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro JVM started by the tests themselves (for what a single Arquillian-managed
 * container cannot do: {@code kill -9}, restarts, two instances on one database).
 *
 * <p>The child process is the Payara Micro JVM itself (no wrapper shell), so {@link #kill()}
 * delivers SIGKILL to the server. Its output goes to {@code target/<name>.log}.
 *
 * <p>Error handling: {@link #start} fails with the log's path when the JVM exits or is not ready in time.
 */
final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern NOTHING_DEPLOYED = Pattern.compile("\"Deployed\": \\[\\s*\\]");

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private PayaraMicroProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts Payara Micro with {@code --nocluster} on a free port, deploys {@code war} at "/", and
     * waits until the server reported ready and {@code /health/ready} answers 200.
     *
     * @param name a name for the log file and the root directory, unique per start
     */
    static PayaraMicroProcess start(String name, Path war) {
        Path work = Deployments.workDir();
        Path microJar = Path.of(System.getProperty("payara.microJar", work.resolve("payara-micro.jar").toString()));
        if (!Files.isRegularFile(microJar)) {
            throw new IllegalStateException("Payara Micro jar " + microJar + " is missing; run the tests with `mvn verify`");
        }
        int port = freePort();
        Path rootDir = work.resolve("micro-" + name);
        Path log = work.resolve("micro-" + name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-jar", microJar.toString(),
                "--nocluster", "--port", String.valueOf(port), "--rootDir", rootDir.toString(),
                "--deploy", war.toString(), "--contextroot", "/");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PayaraMicroProcess micro = new PayaraMicroProcess(name, port, log, p);
            micro.awaitReady();
            return micro;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    int port() {
        return port;
    }

    Http http() {
        return new Http(port, "/");
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -9}: SIGKILL to the server JVM, then waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Stops the server (SIGTERM, then SIGKILL if it lingers). Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Payara Micro " + name + " (pid " + process.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro " + name + " exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            if (logSaysReady()) {
                try {
                    HttpResponse<String> r = client.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Payara Micro " + name + " was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    private boolean logSaysReady() {
        try {
            String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!text.contains(") ready in ")) {
                return false;
            }
            // Payara Micro reports ready even when the deployment failed; its summary then lists nothing.
            if (NOTHING_DEPLOYED.matcher(text).find()) {
                close();
                throw new IllegalStateException("Payara Micro " + name + " started but the WAR failed to deploy; see " + log);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
