package io.rio.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One WildFly server started by the tests ({@code standalone-microprofile.xml}), from the distribution that the
 * build unpacks into {@code target/wildfly} (Maven Central's {@code org.wildfly:wildfly-dist}).
 *
 * <p>Each start gets a server base directory of its own (a copy of the distribution's {@code standalone}
 * folder), so runs never share deployments, data or logs; the WAR is copied into its deployment folder as
 * {@code ROOT.war} (context root "/") before the server starts. Ports: HTTP 8080 and management 9990, both
 * plus a port offset. {@code setup} holds jboss-cli commands run first against the offline server
 * ({@code embed-server}), the way a user configures WildFly: data sources, JDBC drivers, default bindings.
 *
 * <p>Error handling: {@link #start} fails naming the log when the server exits, the deployment fails or it is not
 * ready in time. Thread safety: one test thread at a time.
 */
final class WildFlyProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final String CONFIG = "standalone-microprofile.xml";
    /** The default ports of the configuration's socket bindings: ajp, http, https, management, txn. */
    private static final int[] SOCKET_BINDINGS = {8009, 8080, 8443, 9990, 9993, 4712, 4713};

    private final String name;
    private final Path base;
    private final int offset;
    private final Path log;
    private final Process process;

    private WildFlyProcess(String name, Path base, int offset, Path log, Process process) {
        this.name = name;
        this.base = base;
        this.offset = offset;
        this.log = log;
        this.process = process;
    }

    /** The unpacked WildFly distribution (system property {@code wildfly.home}, set by the build). */
    static Path home() {
        Path home = Path.of(System.getProperty("wildfly.home",
                Deployments.workDir().resolve("wildfly").toString()));
        if (!Files.isRegularFile(home.resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("WildFly is missing at " + home + "; run the tests with `mvn verify`, "
                    + "which unpacks org.wildfly:wildfly-dist there");
        }
        return home;
    }

    /**
     * Starts WildFly with {@code war} deployed at "/", after running {@code setup} (jboss-cli commands, may be
     * empty) on the offline server; {@code systemProperties} go to the server JVM ({@code -Dkey=value}, read by
     * MicroProfile Config).
     *
     * @param name a name for the base directory and the log, unique per start
     */
    static WildFlyProcess start(String name, Path war, List<String> setup, Map<String, String> systemProperties) {
        return start(name, war, Map.of(), setup, systemProperties);
    }

    /**
     * Like {@link #start(String, Path, List, Map)} with more deployments beside the one at "/": each file name (for
     * example {@code steps.war}, served under {@code /steps}) with its WAR.
     */
    static WildFlyProcess start(String name, Path war, Map<String, Path> more, List<String> setup,
            Map<String, String> systemProperties) {
        return start(name, war, more, setup, systemProperties, (home, base) -> { });
    }

    /**
     * Like {@link #start(String, Path, Map, List, Map)}, with {@code prepare} run on the server's home and base
     * directory once it is configured and before it starts (for example {@code bin/add-user.sh}).
     */
    static WildFlyProcess start(String name, Path war, Map<String, Path> more, List<String> setup,
            Map<String, String> systemProperties, java.util.function.BiConsumer<Path, Path> prepare) {
        Path home = home();
        Path base = Deployments.workDir().resolve("wildfly-" + name);
        Path log = Deployments.workDir().resolve("wildfly-" + name + ".log");
        ServerProcesses.deleteTree(base);
        copyTree(home.resolve("standalone"), base);
        if (!setup.isEmpty()) {
            configure(home, base, setup, log);
        }
        prepare.accept(home, base);
        try {
            Files.copy(war, base.resolve("deployments").resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
            for (Map.Entry<String, Path> e : more.entrySet()) {
                Files.copy(e.getValue(), base.resolve("deployments").resolve(e.getKey()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + war + " into " + base, e);
        }
        // HTTP on a port in 12,000-21,999: every binding stays below the ephemeral range (see PayaraMicroProcess.freePort)
        int offset = PayaraMicroProcess.freePort() % 10_000 + 12_000 - 8080;
        while (!allFree(offset)) {
            offset = PayaraMicroProcess.freePort() % 10_000 + 12_000 - 8080;
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(), "-c", CONFIG,
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1"));
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1"); // the script forwards SIGTERM to the server JVM
        pb.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true");
        pb.environment().put("JBOSS_PIDFILE", base.resolve("server.pid").toString());
        try {
            WildFlyProcess server = new WildFlyProcess(name, base, offset, log, pb.start());
            try {
                server.awaitReady();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /**
     * Whether every port the server binds (each socket binding of {@code standalone-microprofile.xml}, shifted by
     * {@code offset}) is free now: one taken port fails its service and leaves the deployment waiting.
     */
    private static boolean allFree(int offset) {
        for (int port : SOCKET_BINDINGS) {
            if (!ServerProcesses.free(port + offset)) {
                return false;
            }
        }
        return true;
    }

    /** Runs jboss-cli commands against the server configuration in {@code base}, offline. */
    private static void configure(Path home, Path base, List<String> setup, Path log) {
        List<String> script = new ArrayList<>();
        script.add("embed-server --server-config=" + CONFIG + " --std-out=discard");
        script.addAll(setup);
        script.add("stop-embedded-server");
        Path file = base.resolve("setup.cli");
        try {
            Files.write(file, script);
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + file)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base + " -Xmx256m");
            Process cli = pb.start();
            if (!cli.waitFor(120, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("jboss-cli did not finish within 120 s; see " + log);
            }
            if (cli.exitValue() != 0) {
                throw new IllegalStateException("jboss-cli failed (exit " + cli.exitValue() + ") on " + file + "; see "
                        + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run jboss-cli", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String name() {
        return name;
    }

    int port() {
        return 8080 + offset;
    }

    /** The management port, where WildFly serves MicroProfile Health. */
    int managementPort() {
        return 9990 + offset;
    }

    Http http() {
        return new Http(port(), "/");
    }

    Path log() {
        return log;
    }

    /** The server's own log (its {@code server.log}). */
    Path serverLog() {
        return base.resolve("log/server.log");
    }

    private void awaitReady() {
        Path deployments = base.resolve("deployments");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly " + name + " exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            if (Files.exists(deployments.resolve("ROOT.war.failed"))) {
                throw new IllegalStateException("WildFly " + name + " failed to deploy the WAR: "
                        + read(deployments.resolve("ROOT.war.failed")) + "; see " + serverLog());
            }
            if (Files.exists(deployments.resolve("ROOT.war.deployed")) && ServerProcesses.ready(managementPort())) {
                return;
            }
            PayaraMicroProcess.sleep(500);
        }
        throw new IllegalStateException("WildFly " + name + " was not ready within " + READY_TIMEOUT + " (deployment "
                + "markers: " + markers(deployments) + "; readiness: " + ServerProcesses.readiness(managementPort())
                + "); the server log's errors:\n" + ServerProcesses.errors(serverLog(), 20) + "\nsee " + serverLog());
    }

    private static List<String> markers(Path deployments) {
        try (var files = Files.list(deployments)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".war")).sorted().toList();
        } catch (IOException e) {
            return List.of("unreadable: " + e);
        }
    }

    /** Stops the server (SIGTERM through the script, then SIGKILL of the server JVM if it lingers). Idempotent. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                killServerJvm();
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killServerJvm();
            process.destroyForcibly();
        }
    }

    /** Kills the server JVM at once ({@code kill -9}: no shutdown hook, no undeployment), and its launcher script. */
    void kill() {
        killServerJvm();
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("WildFly " + name + " still runs 30 s after kill -9");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void killServerJvm() {
        try {
            Path pidFile = base.resolve("server.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: the script's own kill follows
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        }
    }
}
