package io.rio.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro JVM started by the tests themselves (for what a single Arquillian-managed
 * container cannot do: {@code kill -9}, restarts, two instances on one database, clusters).
 *
 * <p>The child process is the Payara Micro JVM itself (no wrapper shell), so {@link #kill()}
 * delivers SIGKILL and {@link #freeze()} SIGSTOP to the server. Its output goes to
 * {@code target/micro-<name>.log}; a {@linkplain #restart() restart} appends to the same log.
 *
 * <p>Error handling: {@link #start} fails with the log's path when the JVM exits or is not ready in time.
 * Thread safety: one test thread at a time.
 */
final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern NOTHING_DEPLOYED = Pattern.compile("\"Deployed\": \\[\\s*\\]");

    private final String name;
    private final Path war;
    private final int port;
    private final Map<String, String> systemProperties;
    private final List<String> options;
    private final Map<String, String> environment;
    private final Path rootDir;
    private final Path log;
    private final long logOffset;
    private final Process process;
    private boolean frozen;

    private PayaraMicroProcess(String name, Path war, int port, Map<String, String> systemProperties,
                               List<String> options, Map<String, String> environment, Path rootDir, Path log,
                               long logOffset, Process process) {
        this.environment = environment;
        this.name = name;
        this.war = war;
        this.port = port;
        this.systemProperties = systemProperties;
        this.options = options;
        this.rootDir = rootDir;
        this.log = log;
        this.logOffset = logOffset;
        this.process = process;
    }

    /**
     * Starts Payara Micro with {@code --nocluster} on a free port, deploys {@code war} at "/", and
     * waits until the server reported ready and {@code /health/ready} answers 200.
     *
     * @param name a name for the log file and the root directory, unique per start
     */
    static PayaraMicroProcess start(String name, Path war) {
        return start(name, war, freePort(), Map.of());
    }

    /**
     * Like {@link #start(String, Path)} on HTTP port {@code port}, with {@code systemProperties} passed to the
     * server JVM as {@code -Dkey=value} (MicroProfile Config reads them: {@code rio.node.id},
     * {@code rio.cluster.*}, ...). Payara's own clustering stays off ({@code --nocluster}).
     *
     * @param name a name for the log file and the root directory, unique per node
     */
    static PayaraMicroProcess start(String name, Path war, int port, Map<String, String> systemProperties) {
        return start(name, war, port, systemProperties, List.of());
    }

    /**
     * Like {@link #start(String, Path, int, Map)} with more Payara Micro command-line options, for example
     * {@code --addLibs driver.jar --postbootcommandfile file} (how a user gives Payara Micro a JDBC pool).
     */
    static PayaraMicroProcess start(String name, Path war, int port, Map<String, String> systemProperties,
                                    List<String> options) {
        return start(name, war, port, systemProperties, options, Map.of());
    }

    /** Like {@link #start(String, Path, int, Map, List)} with environment variables for the server JVM. */
    static PayaraMicroProcess start(String name, Path war, int port, Map<String, String> systemProperties,
                                    List<String> options, Map<String, String> environment) {
        Path work = Deployments.workDir();
        return launch(name, war, port, new LinkedHashMap<>(systemProperties), List.copyOf(options),
                Map.copyOf(environment), work.resolve("micro-" + name), work.resolve("micro-" + name + ".log"),
                false);
    }

    private static PayaraMicroProcess launch(String name, Path war, int port, Map<String, String> systemProperties,
                                             List<String> options, Map<String, String> environment, Path rootDir,
                                             Path log, boolean append) {
        Path work = Deployments.workDir();
        Path microJar = Path.of(System.getProperty("payara.microJar", work.resolve("payara-micro.jar").toString()));
        if (!Files.isRegularFile(microJar)) {
            throw new IllegalStateException("Payara Micro jar " + microJar + " is missing; run the tests with `mvn verify`");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", microJar.toString(),
                "--nocluster", "--port", String.valueOf(port), "--rootDir", rootDir.toString()));
        if (!append) {
            ServerProcesses.deleteTree(rootDir); // a first start begins from nothing, not from an earlier run's domain
        }
        if (!append || !remembersDeployment(rootDir)) {
            // A root directory reused by a restart remembers its deployment (domain.xml and applications/) and
            // loads it while booting; --deploy would then undeploy and deploy it a second time, doubling the start.
            command.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
        }
        command.addAll(options);
        try {
            long offset = append && Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process p = builder
                    .redirectErrorStream(true)
                    .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            PayaraMicroProcess micro = new PayaraMicroProcess(name, war, port, Map.copyOf(systemProperties), options,
                    environment, rootDir, log, offset, p);
            try {
                micro.awaitReady();
            } catch (RuntimeException e) {
                micro.close();
                throw e;
            }
            return micro;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /** Whether Payara Micro's root directory already holds a deployed application, which it loads at boot. */
    private static boolean remembersDeployment(Path rootDir) {
        Path applications = rootDir.resolve("applications");
        if (!Files.isDirectory(applications)) {
            return false;
        }
        try (java.util.stream.Stream<Path> entries = Files.list(applications)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops this node if it still runs ({@link #close()}) and starts it again with the same name, WAR, HTTP
     * port, system properties (so the same cluster port) and root directory; the log is appended to.
     *
     * @return the new process; this one is stopped
     */
    PayaraMicroProcess restart() {
        close();
        return launch(name, war, port, systemProperties, options, environment, rootDir, log, true);
    }

    /** {@code kill -STOP}: the server JVM stops dead (no heartbeats, no answers) until {@link #thaw()}. */
    void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** {@code kill -CONT}: a {@linkplain #freeze() frozen} server runs on. */
    void thaw() {
        signal("CONT");
        frozen = false;
    }

    /** Whether the server JVM is running (frozen counts as running). */
    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    Map<String, String> systemProperties() {
        return systemProperties;
    }

    Path log() {
        return log;
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    int port() {
        return port;
    }

    /** A client of this node whose requests wait at most {@code timeout}. */
    Http http(Duration timeout) {
        return new Http(port, "/", timeout);
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

    /** Stops the server (SIGTERM, then SIGKILL if it lingers; a frozen one is thawed first). Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            if (frozen) {
                thaw();
            }
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
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro " + name + " exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            if (logSaysReady() && ServerProcesses.ready(port)) {
                return;
            }
            sleep(500);
        }
        String readiness = ServerProcesses.readiness(port);
        close();
        throw new IllegalStateException("Payara Micro " + name + " was not ready within " + READY_TIMEOUT
                + " (readiness: " + readiness + "); the log's errors:\n" + ServerProcesses.errors(log, 20) + "\nsee " + log);
    }

    private boolean logSaysReady() {
        try {
            String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            // a restart appends: only this run's part counts
            text = text.substring((int) Math.min(logOffset, text.length()));
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

    /**
     * A port free on 127.0.0.1 now, between 10,000 and 31,999: below the kernel's ephemeral range (32,768 and up), so
     * that no outgoing connection of this or another process is given it while the server boots and before it binds.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = 10_000 + ThreadLocalRandom.current().nextInt(22_000);
            if (ServerProcesses.free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between 10,000 and 31,999 on 127.0.0.1");
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
