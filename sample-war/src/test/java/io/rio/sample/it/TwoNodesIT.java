package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster of two Payara Micro instances (Rio's own Hazelcast members, joined over TCP-IP on loopback) on one
 * PostgreSQL database: adds of one key sent to both nodes are exact and never overlap (one node forwards to the
 * key's owner), and each durable timer, delayed send and cron tick fires exactly once although both nodes scan
 * and both run the schedule.
 */
class TwoNodesIT {

    private static Cluster cluster;
    private static PayaraMicroProcess nodeA;
    private static PayaraMicroProcess nodeB;

    @BeforeAll
    static void startTwoNodes() {
        PostgresDb.cleanApplicationTables();
        Path war = Deployments.exportSampleOnPostgres("it-two-nodes.war");
        cluster = Cluster.start("two-nodes", 2, war);
        nodeA = cluster.node(0);
        nodeB = cluster.node(1);
        Await.until("both nodes ready in one cluster", Duration.ofSeconds(60), () -> nodeA.http().get("rio/cluster")
                .body().contains("two-nodes-b") && nodeB.http().get("health/ready").statusCode() == 200
                && nodeA.http().get("health/ready").statusCode() == 200 ? Boolean.TRUE : null);
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void concurrentAddsOnTwoNodesAreExactAndNeverOverlap() throws Exception {
        String key = "shared-" + UUID.randomUUID();
        Http a = nodeA.http();
        Http b = nodeB.http();
        int clientsPerNode = 16;
        int callsPerClient = 20;

        Load.run(2 * clientsPerNode, callsPerClient, Duration.ofMinutes(5),
                (client, i) -> (client % 2 == 0 ? a : b).call("ProbedCounter/" + key + "/add", "1"));

        long expected = 2L * clientsPerNode * callsPerClient;
        assertEquals(expected, a.callLong("ProbedCounter/" + key + "/get", null));
        assertEquals(expected, b.callLong("ProbedCounter/" + key + "/get", null));
        assertEquals(expected, PostgresDb.count("SELECT count(*) FROM it_probe WHERE obj_key = ?", key),
                "one committed probe row per add");
        Intervals.assertNoOverlap(PostgresDb.probeIntervals(key));
    }

    @Test
    void eachTimerAndDelayedSendSentToEitherNodeFiresOnce() throws Exception {
        String naps = "two-nodes-nap-" + UUID.randomUUID();
        String reminders = "two-nodes-remind-" + UUID.randomUUID();
        Duration delay = Duration.ofSeconds(2);
        int perNode = 50;
        Map<String, Long> sentAt = new HashMap<>();
        for (int i = 0; i < 2 * perNode; i++) {
            Http http = i % 2 == 0 ? nodeA.http() : nodeB.http();
            HttpResponse<String> r = http.post("Napper/" + naps + "-" + i + "/nap/send", String.valueOf(delay.toMillis()));
            assertEquals(202, r.statusCode(), r.body());
        }
        sentAt.putAll(DelayedSends.send(nodeA.http(), reminders, 0, perNode, delay));
        sentAt.putAll(DelayedSends.send(nodeB.http(), reminders, perNode, perNode, delay));

        Await.atLeast("delayed sends delivered", 2 * perNode, Duration.ofSeconds(60), () -> DelayedSends.delivered(reminders));
        Await.atLeast("sleepers awake", 2 * perNode, Duration.ofSeconds(60), () -> PostgresDb.count(
                "SELECT count(*) FROM it_step WHERE tag LIKE ? AND step = 'awake'", naps + "-%"));
        PayaraMicroProcess.sleep(2_000); // a second firing by the other node would show by now
        DelayedSends.assertDeliveredOnceAndNotEarly(reminders, sentAt, delay);
        assertEquals(2 * perNode, PostgresDb.count("SELECT count(*) FROM it_step WHERE tag LIKE ? AND step = 'awake'",
                naps + "-%"), "each timer fired once");
        assertEquals(2 * perNode, PostgresDb.count(
                "SELECT count(DISTINCT tag) FROM it_step WHERE tag LIKE ? AND step = 'awake'", naps + "-%"));
    }

    @Test
    void eachCronTickFiresOnceAcrossBothNodes() {
        long from = System.currentTimeMillis();
        PayaraMicroProcess.sleep(5_000);
        long to = System.currentTimeMillis();
        PayaraMicroProcess.sleep(2_000); // ticks of the window that are still running commit meanwhile
        String window = " FROM it_tick WHERE tick IN (SELECT tick FROM it_tick WHERE ran_at BETWEEN ? AND ?)";
        long executions = PostgresDb.count("SELECT count(*)" + window, from, to);
        long ticks = PostgresDb.count("SELECT count(DISTINCT tick)" + window, from, to);
        assertTrue(ticks >= 3, "the every-second schedule fired " + ticks + " distinct ticks in 5 s");
        assertEquals(ticks, executions, "no tick ran twice: " + PostgresDb.strings(
                "SELECT tick || ' on ' || node" + window + " ORDER BY tick", from, to));
    }
}
