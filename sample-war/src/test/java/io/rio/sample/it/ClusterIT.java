package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.spi.Membership;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Payara Micro processes on 127.0.0.1 with distinct ports, one PostgreSQL database, embedded Hazelcast
 * members joined over TCP-IP on loopback: any node accepts any request, one writer per key holds across them, a
 * suspended invocation keeps its key, and killed, frozen and restarted members lose and double nothing.
 *
 * <p>The tests run in order on one cluster (starting three servers takes most of a minute); each leaves all three
 * members running. Every process started here is stopped in {@link #stop()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static Cluster cluster;

    @BeforeAll
    static void startCluster() {
        PostgresDb.cleanApplicationTables();
        cluster = Cluster.start("cluster", 3, Deployments.exportQuietSampleOnPostgres("it-cluster.war"),
                Map.of("rio.recovery.interval", "10s", "rio.cluster.min-members", "2"));
        awaitStable(3);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---- membership -------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyMemberSeesTheSameOwnersAndEveryNodeServesEveryKey() {
        JsonObject view = view(cluster.node(0));
        assertEquals(3, view.getJsonArray("members").size());
        int[] owned = new int[3];
        for (int p : ownersOf(view)) {
            owned[p]++;
        }
        for (int n : owned) {
            assertTrue(n > 50, "partitions are spread over the members: " + java.util.Arrays.toString(owned));
        }
        String key = "spread-" + UUID.randomUUID();
        long expected = 0;
        for (int i = 0; i < 9; i++) {
            expected++;
            assertEquals(expected, cluster.node(i % 3).http().callLong("ProbedCounter/" + key + "/add", "1"),
                    "an add through node " + i % 3 + " (forwarded to the key's owner unless it is that node)");
        }
    }

    // ---- a suspended head keeps its key -----------------------------------------------------------

    @Test
    @Order(2)
    void aSuspendedExclusiveInvocationKeepsItsKeyOnEveryNode() throws Exception {
        String owner = cluster.node(0).name();
        String key = keyOwnedBy(owner, "Napper", "held");
        HttpResponse<String> sent = cluster.node(owner).http().post("Napper/" + key + "/nap/send", "4000");
        assertEquals(202, sent.statusCode(), sent.body());
        Await.atLeast("first nap asleep", 1, Duration.ofSeconds(30), () -> Await.steps(key, "asleep"));

        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                PayaraMicroProcess through = cluster.node(i);
                calls.add(callers.submit(() -> through.http().post("Napper/" + key + "/nap", "0")));
            }
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            }
        } finally {
            callers.shutdownNow();
        }
        assertStepsInTurn(key, 3);
    }

    @Test
    @Order(3)
    void afterItsOwnerIsKilledTheSuspendedHeadResumesFirstAndTheQueuedCallAfterIt() throws Exception {
        String victim = cluster.node(1).name();
        String key = keyOwnedBy(victim, "Napper", "killed");
        long napMillis = 5000;
        long sentAt = System.currentTimeMillis();
        assertEquals(202, cluster.node(victim).http().post("Napper/" + key + "/nap/send", String.valueOf(napMillis))
                .statusCode());
        Await.atLeast("nap asleep", 1, Duration.ofSeconds(30), () -> Await.steps(key, "asleep"));

        String idem = "queued-" + UUID.randomUUID();
        CompletableFuture<Long> queued = CompletableFuture.supplyAsync(() -> retryUntilOk(List.of(cluster.node(2),
                cluster.node(0)), "Napper/" + key + "/nap", "0", idem, Duration.ofSeconds(90)));
        PayaraMicroProcess.sleep(500); // the queued call reaches the owner and waits behind the suspended nap
        long killedAt = System.currentTimeMillis();
        cluster.node(victim).kill();

        queued.get(120, TimeUnit.SECONDS);
        List<long[]> awake = stepTimes(key, "awake");
        assertEquals(2, awake.size(), "each nap woke once");
        long firstAwake = awake.get(0)[0] / 1000;
        long due = Math.max(sentAt + napMillis, killedAt);
        System.out.printf("[cluster] suspended head on a killed owner resumed %d ms after it was due (kill at +%d ms)%n",
                firstAwake - due, killedAt - sentAt);
        assertTrue(firstAwake - due < 15_000, "the timer fired " + (firstAwake - due) + " ms after it was due");
        assertStepsInTurn(key, 2);

        cluster.restart(victim);
        awaitStable(3);
    }

    @Test
    @Order(4)
    void aHeadSuspendedOnAnAwakeableKeepsItsKeyOnEveryNodeAndAcrossTheKillOfItsOwner() throws Exception {
        String victim = cluster.node(2).name();
        String key = keyOwnedBy(victim, "Napper", "signal");
        HttpResponse<String> sent = cluster.node(victim).http().post("Napper/" + key + "/awaitSignal/send", "null");
        assertEquals(202, sent.statusCode(), sent.body());
        Await.atLeast("awakeable recorded", 1, Duration.ofSeconds(30),
                () -> PostgresDb.count("SELECT count(*) FROM it_step WHERE tag = ?", key + "/awakeable"));
        String awakeable = PostgresDb.strings("SELECT step FROM it_step WHERE tag = ?", key + "/awakeable").get(0);

        List<CompletableFuture<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<PayaraMicroProcess> through = List.of(cluster.node(i), cluster.node(1 - i));
            String idem = "behind-signal-" + i + "-" + UUID.randomUUID();
            queued.add(CompletableFuture.supplyAsync(() -> retryUntilOk(through, "Napper/" + key + "/nap", "0",
                    idem, Duration.ofSeconds(120))));
        }
        PayaraMicroProcess.sleep(3_000);
        assertTrue(queued.stream().noneMatch(CompletableFuture::isDone),
                "exclusive calls through the other nodes wait behind the head suspended on an awakeable");

        cluster.node(victim).kill();
        Await.until("the two survivors own every partition", SETTLE, () -> {
            for (PayaraMicroProcess survivor : List.of(cluster.node(0), cluster.node(1))) {
                try {
                    JsonObject v = view(survivor);
                    if (v.getJsonArray("members").size() != 2 || ownersOf(v).contains(-1)) {
                        return null;
                    }
                } catch (RuntimeException e) {
                    return null;
                }
            }
            return Boolean.TRUE;
        });
        PayaraMicroProcess.sleep(3_000);
        assertTrue(queued.stream().noneMatch(CompletableFuture::isDone),
                "after its owner was killed, the head suspended on an awakeable still holds its key");
        assertEquals(1, Await.steps(key, "asleep"), "nothing behind the suspended head has run");

        HttpResponse<String> resolved = cluster.node(0).http().post("restate/awakeables/" + awakeable + "/resolve",
                "\"go\"");
        assertEquals(202, resolved.statusCode(), resolved.body());
        for (CompletableFuture<Long> call : queued) {
            call.get(150, TimeUnit.SECONDS);
        }
        assertStepsInTurn(key, 3); // the head first, then the two queued naps, one after the other

        cluster.restart(victim);
        awaitStable(3);
    }

    @Test
    @Order(5)
    void aPausedHeadKeepsItsKeyAcrossARestartAndRunsFirstWhenResumed() throws Exception {
        String owner = cluster.node(2).name();
        String key = keyOwnedBy(owner, "Napper", "paused");
        HttpResponse<String> sent = cluster.node(0).http().post("Napper/" + key + "/nap/send", "1500");
        assertEquals(202, sent.statusCode(), sent.body());
        String id = Http.json(sent.body()).getString("invocationId");
        Await.atLeast("nap asleep", 1, Duration.ofSeconds(30), () -> Await.steps(key, "asleep"));
        Admin operator = new Admin(cluster.node(1).http());
        operator.act(id, "pause"); // on a node that does not run it
        operator.awaitStatus(id, "PAUSED", Duration.ofSeconds(10));
        PayaraMicroProcess.sleep(2_500); // its timer is due now, but it is paused
        assertEquals(0, Await.steps(key, "awake"), "a paused invocation does not resume on its own");

        cluster.node(owner).close(); // graceful: its partitions move, the paused head stays in the database
        cluster.restart(owner);
        awaitStable(3);

        String idem = "behind-paused-" + UUID.randomUUID();
        CompletableFuture<Long> queued = CompletableFuture.supplyAsync(() -> retryUntilOk(List.of(cluster.node(0),
                cluster.node(1)), "Napper/" + key + "/nap", "0", idem, Duration.ofSeconds(90)));
        PayaraMicroProcess.sleep(3_000);
        assertTrue(!queued.isDone(), "an exclusive call waits behind the paused head");
        assertEquals(1, Await.steps(key, "asleep"), "only the paused nap has run so far");

        operator.act(id, "resume");
        queued.get(60, TimeUnit.SECONDS);
        operator.awaitStatus(id, "COMPLETED", Duration.ofSeconds(30));
        assertStepsInTurn(key, 2);
    }

    // ---- load with kill -9, restart, kill -STOP ---------------------------------------------------

    @Test
    @Order(6)
    void underLoadKilledRestartedAndFrozenMembersLoseAndDoubleNothing() throws Exception {
        String run = "load-" + UUID.randomUUID().toString().substring(0, 8);
        int keys = 24;
        int clients = 12;
        List<String> keyNames = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            keyNames.add(run + "-" + k);
        }
        String killed = cluster.node(0).name();
        String frozen = cluster.node(1).name();
        Map<String, String> ownerBefore = new HashMap<>();
        JsonObject view = view(cluster.node(2));
        for (String k : keyNames) {
            ownerBefore.put(k, ownerName(view, "ProbedCounter", k));
        }

        Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        Map<String, Long> firstAfterKill = new ConcurrentHashMap<>();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        long loadFor = 60_000;
        long start = System.currentTimeMillis();
        ExecutorService chaos = Executors.newSingleThreadExecutor();
        Future<?> chaosDone = chaos.submit(() -> {
            PayaraMicroProcess.sleep(5_000);
            killedAt.set(System.currentTimeMillis());
            cluster.node(killed).kill();
            // the freeze comes once the killed member's keys are served again (at most 20 s after the kill), so
            // that it measures a failover of its own and does not stall the first one
            while (firstAfterKill.isEmpty() && System.currentTimeMillis() - killedAt.get() < 20_000) {
                PayaraMicroProcess.sleep(100);
            }
            PayaraMicroProcess.sleep(3_000);
            cluster.node(frozen).freeze();
            PayaraMicroProcess.sleep(12_000); // longer than failure detection (8 s)
            cluster.node(frozen).thaw();
            System.out.printf("[cluster] %s killed at +%d ms; %s frozen for 12 s, thawed at +%d ms%n", killed,
                    killedAt.get() - start, frozen, System.currentTimeMillis() - start);
            PayaraMicroProcess restarted = cluster.restart(killed); // under load, about a minute on two cores
            System.out.printf("[cluster] %s back at +%d ms%n", killed, System.currentTimeMillis() - start);
            return restarted;
        });
        ExecutorService load = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(load.submit(() -> {
                    // each client finishes the request it is in (retrying until acknowledged), then stops
                    for (int i = 0; System.currentTimeMillis() - start < loadFor; i++) {
                        String key = keyNames.get((client * 7 + i) % keys);
                        List<PayaraMicroProcess> order = new ArrayList<>(cluster.nodes());
                        java.util.Collections.rotate(order, client % 3);
                        retryUntilOk(order, "ProbedCounter/" + key + "/add", "1", run + "-" + client + "-" + i,
                                Duration.ofSeconds(60));
                        acknowledged.computeIfAbsent(key, x -> new AtomicLong()).incrementAndGet();
                        long now = System.currentTimeMillis();
                        if (now > killedAt.get() && killed.equals(ownerBefore.get(key))) {
                            firstAfterKill.putIfAbsent(key, now);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(loadFor + 120_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            chaosDone.get(120, TimeUnit.SECONDS);
            chaos.shutdownNow();
            load.shutdownNow();
        }
        awaitStable(3);

        long total = 0;
        for (String key : keyNames) {
            long acked = acknowledged.getOrDefault(key, new AtomicLong()).get();
            total += acked;
            assertEquals(acked, cluster.node(2).http().callLong("ProbedCounter/" + key + "/get", null),
                    "every acknowledged add of " + key + " counted exactly once");
            assertEquals(acked, PostgresDb.count("SELECT count(*) FROM it_probe WHERE obj_key = ?", key),
                    "one committed add per acknowledged request of " + key);
            Intervals.assertNoOverlap(PostgresDb.probeIntervals(key));
        }
        long deadKeysServed = firstAfterKill.values().stream().mapToLong(t -> t - killedAt.get()).min().orElse(-1);
        long deadKeysAllServed = firstAfterKill.values().stream().mapToLong(t -> t - killedAt.get()).max().orElse(-1);
        System.out.printf("[cluster] %d adds acknowledged over %d keys in %d s; the killed member's keys served again "
                + "after %d ms (first) / %d ms (last of %d keys)%n", total, keys, loadFor / 1000, deadKeysServed,
                deadKeysAllServed, firstAfterKill.size());
        assertTrue(total > 200, "the load did something: " + total);
        assertTrue(deadKeysServed >= 0 && deadKeysServed < 15_000,
                "the killed member's keys were served again within 15 s: " + deadKeysServed + " ms");
    }

    // ---- rolling restart --------------------------------------------------------------------------

    @Test
    @Order(7)
    void aRollingGracefulRestartUnderLoadFailsNoRequestOfARunningMember() throws Exception {
        String run = "rolling-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> keyNames = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            keyNames.add(run + "-" + k);
        }
        Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicReference<String> stopping = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        int clients = 6;
        ExecutorService load = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(load.submit(() -> {
                for (int i = 0; !done.get(); i++) {
                    String key = keyNames.get((client * 5 + i) % keyNames.size());
                    String idem = run + "-" + client + "-" + i;
                    for (int attempt = 0; ; attempt++) {
                        PayaraMicroProcess node = cluster.node((client + i + attempt) % 3);
                        String down = stopping.get();
                        String outcome = post(node, "ProbedCounter/" + key + "/add", idem);
                        if (outcome == null) {
                            acknowledged.computeIfAbsent(key, x -> new AtomicLong()).incrementAndGet();
                            break;
                        }
                        boolean onStopped = node.name().equals(down) || node.name().equals(stopping.get());
                        String kind = (onStopped ? "stopped node: " : "running node " + node.name() + ": ") + outcome;
                        failures.computeIfAbsent(kind, x -> new AtomicLong()).incrementAndGet();
                        PayaraMicroProcess.sleep(100);
                    }
                }
                return null;
            }));
        }
        try {
            for (int n = 0; n < 3; n++) {
                String name = cluster.node(n).name();
                PayaraMicroProcess.sleep(3_000);
                stopping.set(name);
                long t0 = System.currentTimeMillis();
                cluster.node(name).close(); // SIGTERM: undeploys, Rio hands its partitions over
                long stopped = System.currentTimeMillis();
                cluster.restart(name);
                awaitStable(3);
                stopping.set(null);
                System.out.printf("[cluster] rolling: %s stopped in %d ms, back and stable after %d ms%n", name,
                        stopped - t0, System.currentTimeMillis() - t0);
            }
            PayaraMicroProcess.sleep(3_000);
        } finally {
            done.set(true);
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
            load.shutdownNow();
        }
        System.out.println("[cluster] rolling restart: failed requests by kind " + failures);
        long total = 0;
        for (String key : keyNames) {
            long acked = acknowledged.getOrDefault(key, new AtomicLong()).get();
            total += acked;
            assertEquals(acked, cluster.node(0).http().callLong("ProbedCounter/" + key + "/get", null),
                    "every acknowledged add of " + key + " counted once");
        }
        assertTrue(total > 100, "the load did something: " + total);
        // Payara Micro opens its HTTP port before the application is deployed, so a restarting node answers 404
        // until Rio runs there (a load balancer's readiness check keeps clients away): requests to the node being
        // stopped or started may fail; none to a running member may.
        List<String> unexpected = failures.keySet().stream().filter(k -> !k.startsWith("stopped node: ")).toList();
        assertEquals(List.of(), unexpected, "no request to a running member failed: " + failures);
    }

    // ---- idle cost --------------------------------------------------------------------------------

    /**
     * 10,000 invocations parked on one-hour durable sleeps over the three members, then nothing: PostgreSQL sees
     * fewer than 1 commit and 10 row writes a second (ownership is per partition, so nothing is renewed per
     * invocation; each member scans its partitions for due work once per recovery interval). Last, because the
     * parked sleeps would be loaded by every later takeover.
     */
    @Test
    @Order(8)
    void parkedInvocationsCostAlmostNothingWhileNothingHappens() throws Exception {
        PostgresDb.purgeInvocations("Napper", "parked-"); // what an interrupted earlier run left
        try {
            parkAndMeasure();
        } finally {
            // the parked naps would come due an hour later, in whatever runs on this database then
            PostgresDb.purgeInvocations("Napper", "parked-");
        }
    }

    private void parkAndMeasure() throws Exception {
        String run = "parked-" + UUID.randomUUID().toString().substring(0, 8);
        int clients = 16;
        int parked = 10_000;
        Http[] nodes = {cluster.node(0).http(), cluster.node(1).http(), cluster.node(2).http()}; // one client each
        Load.run(clients, parked / clients, Duration.ofSeconds(240), (client, i) -> {
            String key = run + "-" + client + "-" + i;
            HttpResponse<String> r = null;
            for (int attempt = 0; attempt < 5 && (r == null || r.statusCode() >= 500); attempt++) {
                // like any client of a send: on a 5xx, again with the same idempotency key (stored at most once)
                r = nodes[(client + i + attempt) % 3].post("Napper/" + key + "/nap/send",
                        String.valueOf(Duration.ofHours(1).toMillis()), Map.of("Idempotency-Key", key));
            }
            assertEquals(202, r.statusCode(), r.body());
        });
        Await.atLeast("parked naps suspended", parked, Duration.ofSeconds(240), () -> PostgresDb.count(
                "SELECT count(*) FROM rio_invocation WHERE service = 'Napper' AND obj_key LIKE ? AND status = 'SUSPENDED'",
                run + "-%"));
        // the last suspensions and statistics settle: wait (at most 2 min) for a quiet 10 s window
        double[] window = {Double.MAX_VALUE, Double.MAX_VALUE};
        long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((window[0] >= 1 || window[1] >= 10) && System.nanoTime() < settleUntil) {
            window = activityOver(Duration.ofSeconds(10), null);
        }
        Map<String, Long> written = new java.util.TreeMap<>();
        double[] idle = activityOver(Duration.ofSeconds(60), written);
        System.out.printf("[cluster] %d invocations parked on one-hour sleeps over 3 members, nothing else: "
                + "%.2f commits/s and %.2f row writes/s in PostgreSQL over 60 s; rows written per table %s%n",
                parked, idle[0], idle[1], written);
        assertTrue(idle[0] < 1, idle[0] + " commits/s while idle");
        assertTrue(idle[1] < 10, idle[1] + " row writes/s while idle");
        assertEquals(parked, PostgresDb.count("SELECT count(*) FROM rio_invocation WHERE service = 'Napper' "
                + "AND obj_key LIKE ? AND status = 'SUSPENDED'", run + "-%"), "still parked");
    }

    /** Commits and row writes a second in database test over {@code span}; the rows written per table into {@code tables}. */
    private static double[] activityOver(Duration span, Map<String, Long> tables) throws SQLException {
        long[] before = databaseActivity();
        Map<String, Long> tablesBefore = tableWrites();
        PayaraMicroProcess.sleep(span.toMillis());
        long[] after = databaseActivity();
        if (tables != null) {
            tableWrites().forEach((table, n) -> {
                long delta = n - tablesBefore.getOrDefault(table, 0L);
                if (delta != 0) {
                    tables.put(table, delta);
                }
            });
        }
        // the four transactions of the two measuring connections opened before are counted in the window, not Rio's
        double seconds = span.toMillis() / 1000.0;
        return new double[] {(after[0] - before[0] - 4) / seconds, (after[1] - before[1]) / seconds};
    }

    /** One POST with an idempotency key: null if it answered 200, else what went wrong. */
    private static String post(PayaraMicroProcess node, String path, String idem) {
        try {
            // as long as the load test gives a request: three servers restarting on two cores are slow
            HttpResponse<String> r = node.http(Duration.ofSeconds(60)).post(path, "1", Map.of("Idempotency-Key", idem));
            return r.statusCode() == 200 ? null : "status " + r.statusCode() + " " + r.body();
        } catch (java.io.UncheckedIOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.ConnectException) {
                return "refused";
            }
            return cause.getClass().getSimpleName() + " " + cause.getMessage();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * Posts until a 200 comes back, through {@code nodes} in turn (a node that is down, frozen or answering an
     * error is skipped), always with the same idempotency key, so a retry never counts twice.
     */
    private static long retryUntilOk(List<PayaraMicroProcess> nodes, String path, String body, String idem,
            Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "nothing";
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            PayaraMicroProcess node = nodes.get(attempt % nodes.size());
            try {
                HttpResponse<String> r = node.http(Duration.ofSeconds(25)).post(path, body,
                        Map.of("Idempotency-Key", idem));
                if (r.statusCode() == 200) {
                    return r.body().isBlank() ? 0 : Long.parseLong(r.body().trim());
                }
                last = node.name() + " answered " + r.statusCode() + ": " + r.body();
            } catch (RuntimeException e) {
                last = node.name() + ": " + e;
            }
            PayaraMicroProcess.sleep(200);
        }
        throw new AssertionError(path + " with Idempotency-Key " + idem + " never succeeded within " + within
                + "; last: " + last);
    }

    /** Waits until every node answers ready and all see {@code size} members and the same full owner table. */
    private static void awaitStable(int size) {
        Await.until("a stable cluster of " + size, SETTLE, () -> {
            List<Integer> table = null;
            for (PayaraMicroProcess node : cluster.nodes()) {
                try {
                    if (node.http().get("health/ready").statusCode() != 200) {
                        return null;
                    }
                    JsonObject v = view(node);
                    List<Integer> owners = ownersOf(v);
                    if (!v.getBoolean("ready") || v.getJsonArray("members").size() != size || owners.contains(-1)) {
                        return null;
                    }
                    List<String> named = new ArrayList<>();
                    JsonArray members = v.getJsonArray("members");
                    for (int o : owners) {
                        named.add(members.getJsonObject(o).getString("nodeId"));
                    }
                    List<Integer> hashes = named.stream().map(String::hashCode).toList();
                    if (table != null && !table.equals(hashes)) {
                        return null;
                    }
                    table = hashes;
                } catch (RuntimeException e) {
                    return null;
                }
            }
            return Boolean.TRUE;
        });
    }

    private static JsonObject view(PayaraMicroProcess node) {
        HttpResponse<String> r = node.http().get("rio/cluster");
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r.body());
    }

    private static List<Integer> ownersOf(JsonObject view) {
        return view.getJsonArray("owners").getValuesAs(jakarta.json.JsonNumber.class).stream()
                .map(jakarta.json.JsonNumber::intValue).toList();
    }

    private static String ownerName(JsonObject view, String service, String key) {
        int owner = ownersOf(view).get(Membership.partitionOf(service + "/" + key));
        return owner < 0 ? null : view.getJsonArray("members").getJsonObject(owner).getString("nodeId");
    }

    /** A fresh key of {@code service} whose partition {@code nodeName} owns now. */
    private static String keyOwnedBy(String nodeName, String service, String prefix) {
        JsonObject view = view(cluster.node(nodeName));
        for (int i = 0; ; i++) {
            String key = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i;
            if (nodeName.equals(ownerName(view, service, key))) {
                return key;
            }
        }
    }

    /** The times (epoch micros) of a tag's step rows, in order. */
    private static List<long[]> stepTimes(String tag, String step) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Connection c = PostgresDb.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT at_micros FROM it_step WHERE tag = ? AND step = ? ORDER BY at_micros")) {
            ps.setString(1, tag);
            ps.setString(2, step);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1)});
                }
            }
        }
        return out;
    }

    /** {@code naps} naps of {@code key} ran one after the other: asleep, awake, asleep, awake, ... by time. */
    private static void assertStepsInTurn(String key, int naps) {
        List<String> steps = PostgresDb.strings("SELECT step FROM it_step WHERE tag = ? ORDER BY at_micros", key);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < naps; i++) {
            expected.add("asleep");
            expected.add("awake");
        }
        assertEquals(expected, steps, "the exclusive naps of " + key + " never overlapped");
    }

    /** Rows inserted, updated and deleted so far, per table of database test. */
    private static Map<String, Long> tableWrites() throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = PostgresDb.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** PostgreSQL's committed transactions and written rows (inserted, updated, deleted) of database test. */
    private static long[] databaseActivity() throws SQLException {
        try (Connection c = PostgresDb.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT xact_commit, tup_inserted + tup_updated + tup_deleted "
                    + "FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
