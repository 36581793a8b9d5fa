package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances, each with {@code --nocluster} (no membership between them), share one
 * PostgreSQL database and receive {@code add} calls for one key at the same time: the database
 * alone must fence the writers.
 */
class TwoNodesIT {

    private static PayaraMicroProcess nodeA;
    private static PayaraMicroProcess nodeB;

    @BeforeAll
    static void startTwoNodes() {
        PostgresDb.cleanApplicationTables();
        Path war = Deployments.exportSampleOnPostgres("it-two-nodes.war");
        // One after the other: the first start also creates the schema.
        nodeA = PayaraMicroProcess.start("two-nodes-a", war);
        nodeB = PayaraMicroProcess.start("two-nodes-b", war);
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
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
}
