package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.sample.it.secured.Users;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rio's web console ({@code /rio/admin/console/}) in a real browser: headless Chromium (Debian's {@code chromium}
 * package) driven by Playwright ({@code playwright-core} from the npm registry, installed into
 * {@code src/test/console} by this test) against the secured sample on Payara Micro. The browser finds a Signup
 * workflow, opens its journal, resolves its awakeable from the page and sees it complete; it also reads the
 * services, edits an object's state and shows the cluster. Screenshots are left in
 * {@code target/console-screenshots/} for a person to look at.
 */
class ConsoleIT {
    private static final Path CONSOLE = Path.of(System.getProperty("console.dir", "src/test/console"));
    private static PayaraMicroProcess server;

    @BeforeAll
    static void start() {
        server = PayaraMicroProcess.start("console", Deployments.exportSecuredSample("console.war"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConsoleFindsAWorkflowShowsItsJournalAndResolvesItsAwakeableUntilItCompletes() throws Exception {
        Http http = server.http();
        assertEquals(401, http.get("rio/admin/console/").statusCode(), "the console is behind the admin role");
        HttpResponse<String> page = http.get("rio/admin/console/", Admin.OPERATOR);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("default-src 'self'"));

        String user = uniqueKey("console");
        assertEquals(202, http.post("Signup/" + user + "/run/send", Http.quote(user + "@example.com")).statusCode());
        String counter = uniqueKey("console-counter");
        http.callLong("Counter/" + counter + "/add", "1");
        Await.until("the workflow waits for its verification", Duration.ofSeconds(30), () -> {
            var list = Http.json(http.get("rio/admin/invocations?service=Signup&key=" + user, Admin.OPERATOR).body())
                    .getJsonArray("invocations");
            return !list.isEmpty() && list.getJsonObject(0).getString("status").equals("SUSPENDED") ? true : null;
        });

        Path shots = Deployments.workDir().resolve("console-screenshots");
        Files.createDirectories(shots);
        String out = node(List.of("node", "console-test.mjs"), shots, user, counter);
        assertTrue(out.contains("console test passed"), out);

        HttpResponse<String> result = http.get("restate/workflow/Signup/" + user + "/output");
        assertEquals(200, result.statusCode(), result.body());
        assertEquals("\"verified\"", result.body().trim(), "resolved from the page");
        assertEquals(41L, http.callLong("Counter/" + counter + "/get", null), "the state edited in the page");
        for (String shot : List.of("1-workflows", "2-journal", "3-completed", "4-services", "5-object", "6-cluster")) {
            assertTrue(Files.size(shots.resolve(shot + ".png")) > 10_000, shot + ".png");
        }
    }

    /** Runs {@code command} in the console test folder (installing playwright-core first), its output returned. */
    private static String node(List<String> command, Path shots, String user, String counter) throws IOException,
            InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("Headless Chromium is missing: install Debian's chromium package "
                    + "(apt-get install chromium; .ci/run does)");
        }
        if (!Files.isDirectory(CONSOLE.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, Duration.ofMinutes(3));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("RIO_BASE", "http://127.0.0.1:" + server.port() + "/");
        pb.environment().put("RIO_USER", "operator");
        pb.environment().put("RIO_PASSWORD", Users.PASSWORD);
        pb.environment().put("WORKFLOW_KEY", user);
        pb.environment().put("COUNTER_KEY", counter);
        pb.environment().put("SHOTS", shots.toAbsolutePath().toString());
        return run(command, pb, Duration.ofMinutes(3));
    }

    private static String run(List<String> command, ProcessBuilder given, Duration timeout) throws IOException,
            InterruptedException {
        ProcessBuilder pb = given != null ? given : new ProcessBuilder(command);
        pb.directory(CONSOLE.toFile()).redirectErrorStream(true);
        Path log = Files.createTempFile(Deployments.workDir(), "console-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + (ended ? " exited with " + p.exitValue()
                    : " did not end within " + timeout) + ":\n" + out);
        }
        return out;
    }
}
