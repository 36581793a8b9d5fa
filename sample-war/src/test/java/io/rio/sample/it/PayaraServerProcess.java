package io.rio.sample.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Server domain created and started by the tests, from the distribution that the build unpacks into
 * {@code target/payara6} (Maven Central's {@code fish.payara.distributions:payara}), driven with its own
 * {@code asadmin} the way a user runs it: {@code create-domain --portbase}, {@code start-domain}, commands
 * against the running domain, {@code deploy}, {@code stop-domain}.
 *
 * <p>Payara Server's own data grid (its Hazelcast) is switched off before the WAR is deployed, so nothing
 * clusters or multicasts. Each start creates a new domain in {@code target/payara-domains/<name>}.
 *
 * <p>Error handling: every asadmin command that fails fails the start with its output and the server log.
 * Thread safety: one test thread at a time.
 */
final class PayaraServerProcess implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(240);

    private final String name;
    private final Path domains;
    private final int portBase;
    private boolean running;

    private PayaraServerProcess(String name, Path domains, int portBase) {
        this.name = name;
        this.domains = domains;
        this.portBase = portBase;
    }

    /** The unpacked Payara Server (system property {@code payara.home}, set by the build). */
    static Path home() {
        Path home = Path.of(System.getProperty("payara.home", Deployments.workDir().resolve("payara6").toString()));
        if (!Files.isRegularFile(home.resolve("bin/asadmin"))) {
            throw new IllegalStateException("Payara Server is missing at " + home + "; run the tests with `mvn verify`, "
                    + "which unpacks fish.payara.distributions:payara there");
        }
        return home;
    }

    /**
     * Creates and starts a domain, runs {@code commands} (asadmin commands with their arguments, one string each,
     * for example a JDBC pool), then deploys {@code war} at "/" and waits until Rio is ready.
     */
    static PayaraServerProcess start(String name, Path war, List<String> commands) {
        return start(name, war, commands, List.of());
    }

    /**
     * As {@link #start(String, Path, List)}, with {@code libs} (e.g. a JDBC driver) copied into the domain's
     * {@code lib} folder before it starts, where the server's common class loader finds them.
     */
    static PayaraServerProcess start(String name, Path war, List<String> commands, List<Path> libs) {
        Path domains = Deployments.workDir().resolve("payara-domains");
        int portBase = freePortBase();
        PayaraServerProcess server = new PayaraServerProcess(name, domains, portBase);
        ServerProcesses.deleteTree(domains.resolve(name)); // a domain of an earlier run
        try {
            server.asadmin("create-domain", "--nopassword=true", "--portbase", String.valueOf(portBase),
                    "--domaindir", domains.toString(), name);
            for (Path lib : libs) {
                Files.copy(lib, domains.resolve(name).resolve("lib").resolve(lib.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            server.asadmin("start-domain", "--domaindir", domains.toString(), name);
            server.running = true;
            server.online("set-hazelcast-configuration", "--enabled=false", "--dynamic=true");
            for (String command : commands) {
                server.online(command.split(" "));
            }
            server.online("deploy", "--contextroot", "/", "--name", "rio-sample", war.toString());
            server.awaitReady();
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("Cannot copy the domain's libraries", e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Kills the server JVM ({@code kill -9} of the pid in the domain's {@code config/pid}), then starts the same
     * domain again, which redeploys the application, and waits until Rio is ready.
     */
    void killAndRestart() {
        Path pidFile = domains.resolve(name).resolve("config/pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "Payara Server " + name + " (pid " + pid + ") is not running"));
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Payara Server " + name + " did not die of kill -9", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        running = false;
        asadmin("start-domain", "--domaindir", domains.toString(), name);
        running = true;
        awaitReady();
    }

    int port() {
        return portBase + 80;
    }

    Http http() {
        return new Http(port(), "/");
    }

    /** The domain's {@code server.log}. */
    Path serverLog() {
        return domains.resolve(name).resolve("logs/server.log");
    }

    private void online(String... command) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(portBase + 48)));
        args.addAll(List.of(command));
        asadmin(args.toArray(String[]::new));
    }

    private void asadmin(String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", home().resolve("bin/asadmin").toString()));
        command.addAll(List.of(args));
        Path out = Deployments.workDir().resolve("payara-server-" + name + ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " did not finish within "
                        + COMMAND_TIMEOUT + "; see " + out);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + "); see " + out + " and " + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run asadmin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ServerProcesses.ready(port())) {
                return;
            }
            PayaraMicroProcess.sleep(500);
        }
        throw new IllegalStateException("Payara Server domain " + name + " was not ready within " + COMMAND_TIMEOUT
                + "; see " + serverLog());
    }

    /** Stops the domain ({@code stop-domain}, which waits for the server to exit). Idempotent. */
    @Override
    public void close() {
        if (running) {
            running = false;
            try {
                asadmin("stop-domain", "--domaindir", domains.toString(), name);
            } catch (RuntimeException e) {
                // kill it: stop-domain --kill ends the server process
                asadmin("stop-domain", "--kill=true", "--domaindir", domains.toString(), name);
            }
        }
    }

    /** A port base whose ports (base + 0 .. base + 99) look free on 127.0.0.1. */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + (PayaraMicroProcess.freePort() % 120) * 100; // below the ephemeral range
            if (ServerProcesses.free(base + 48) && ServerProcesses.free(base + 80) && ServerProcesses.free(base + 81) && ServerProcesses.free(base + 86) && ServerProcesses.free(base + 76)) {
                return base;
            }
        }
        throw new IllegalStateException("No free port base for Payara Server");
    }
}
