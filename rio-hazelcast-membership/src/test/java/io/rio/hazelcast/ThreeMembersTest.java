package io.rio.hazelcast;

import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real Hazelcast members in this JVM on 127.0.0.1, joined over TCP-IP; each test uses its own cluster name so no
 * other member on the host can interfere.
 */
class ThreeMembersTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    private final List<HazelcastMembership> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(HazelcastMembership::close);
        started.clear();
    }

    @Test
    void threeMembersShareThePartitionsNotifyAndHandOver() throws Exception {
        String cluster = "rio-test-" + UUID.randomUUID();
        int[] ports = {freePort(), freePort(), freePort()};
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HazelcastMembership m = start(Map.of("rio.cluster.name", cluster,
                    "rio.cluster.port", String.valueOf(ports[i]), "rio.cluster.port-count", "1",
                    "rio.cluster.members", members,
                    "rio.cluster.ingress-url", "http://127.0.0.1:" + (8000 + i) + "/"), "node-" + i);
            probes.add(new Probe(m));
        }
        HazelcastMembership a = started.get(0);
        assertEquals("http://127.0.0.1:8000/", started.get(0).self().ingressUrl(), "known from the start");
        HazelcastMembership b = started.get(1);
        HazelcastMembership c = started.get(2);

        await("all see three members and are ready", () -> started.stream()
                .allMatch(m -> m.members().size() == 3 && m.ready()));
        await("partition tables settle", () -> partitionsSplitAmong(started));
        for (HazelcastMembership m : started) {
            assertEquals(Set.of("node-0", "node-1", "node-2"),
                    m.members().stream().map(Member::nodeId).collect(Collectors.toSet()));
            assertEquals(1, m.members().stream().filter(Member::local).count());
            assertTrue(m.self().local());
            assertEquals(m.self().address(), "127.0.0.1:" + ports[started.indexOf(m)]);
        }
        for (int p = 0; p < Membership.PARTITIONS; p++) {
            Optional<Member> owner = a.ownerOf(p);
            assertTrue(owner.isPresent(), "owner of " + p);
            assertEquals(owner.map(Member::id), b.ownerOf(p).map(Member::id));
        }

        // notify: targeted, broadcast, to self
        Member bSeenByA = memberNamed(a, "node-1");
        a.notify(bSeenByA, "inv_1");
        assertEquals("inv_1", probes.get(1).messages.poll(10, TimeUnit.SECONDS));
        a.notify(null, "inv_2");
        assertEquals("inv_2", probes.get(1).messages.poll(10, TimeUnit.SECONDS));
        assertEquals("inv_2", probes.get(2).messages.poll(10, TimeUnit.SECONDS));
        a.notify(a.self(), "inv_3");
        assertEquals("inv_3", probes.get(0).messages.poll(10, TimeUnit.SECONDS));
        Thread.sleep(300);
        assertTrue(probes.get(0).messages.isEmpty(), "the sender does not get its own broadcast: " + probes.get(0).messages);
        assertTrue(probes.get(2).messages.isEmpty(), "a targeted message reaches only its target: " + probes.get(2).messages);

        // ingress URLs, published at start and replaced at runtime
        assertEquals("http://127.0.0.1:8001/", memberNamed(a, "node-1").ingressUrl());
        c.publishIngressUrl("http://127.0.0.1:9002");
        await("a new ingress URL reaches the others", () ->
                "http://127.0.0.1:9002/".equals(memberNamed(a, "node-2").ingressUrl())
                        && "http://127.0.0.1:9002/".equals(memberNamed(b, "node-2").ingressUrl()));

        // one member leaves: the others are told and take over all partitions
        int changesA = probes.get(0).changes.get();
        int changesB = probes.get(1).changes.get();
        long left = System.nanoTime();
        c.close();
        started.remove(c);
        await("the others own every partition", () -> partitionsSplitAmong(started)
                && a.members().size() == 2 && b.members().size() == 2 && a.ready() && b.ready());
        System.out.printf("graceful leave seen after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left));
        assertTrue(probes.get(0).changes.get() > changesA, "changed ran on a");
        assertTrue(probes.get(1).changes.get() > changesB, "changed ran on b");
        assertFalse(a.members().stream().anyMatch(m -> m.nodeId().equals("node-2")));
        await("the directory forgets the member that left",
                () -> !a.instance().getReplicatedMap(HazelcastMembership.DIRECTORY).containsKey(c.self().id()));

        // a crash (terminate: no graceful hand-over) is detected within the failure timeout
        long crash = System.nanoTime();
        b.instance().getLifecycleService().terminate();
        await("the survivor owns every partition after a crash", () -> a.members().size() == 1
                && a.localPartitions().size() == Membership.PARTITIONS);
        System.out.printf("crash seen after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crash));

        closeAll();
        b.close();
        assertNoHazelcastThreads();
    }

    @Test
    void membersWithoutAJoinListStayAlone() {
        String cluster = "rio-test-" + UUID.randomUUID();
        HazelcastMembership x = start(Map.of("rio.cluster.name", cluster), "x");
        HazelcastMembership y = start(Map.of("rio.cluster.name", cluster), "y");
        await("both ready", () -> x.ready() && y.ready());
        sleep(3000);
        assertEquals(1, x.members().size());
        assertEquals(1, y.members().size());
        assertEquals(Membership.PARTITIONS, x.localPartitions().size());
        assertEquals(Membership.PARTITIONS, y.localPartitions().size());
        closeAll();
        assertNoHazelcastThreads();
    }

    @Test
    void withMinMembersTwoALoneMemberIsNotReadyAndOwnsNothing() throws Exception {
        String cluster = "rio-test-" + UUID.randomUUID();
        int[] ports = {freePort(), freePort()};
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        HazelcastMembership a = start(Map.of("rio.cluster.name", cluster,
                "rio.cluster.port", String.valueOf(ports[0]), "rio.cluster.port-count", "1",
                "rio.cluster.members", members, "rio.cluster.min-members", "2"), "node-0");
        Probe pa = new Probe(a);
        assertEquals(2, a.minMembers());

        // alone: Hazelcast itself is settled (every partition owned by a, nothing migrating), yet a is not ready
        await("a is alone with a settled partition table", () -> a.members().size() == 1
                && PartitionOwners.read(a.instance()).complete()
                && a.instance().getPartitionService().isLocalMemberSafe());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < until) {
            assertFalse(a.ready(), "a lone member is not ready");
            assertEquals(Set.of(), a.localPartitions(), "a lone member owns no partition");
            assertEquals(Optional.empty(), a.ownerOf(0), "a lone member knows no owner");
            sleep(100);
        }

        // a second member joins: both ready, partitions shared, a told
        int changesBeforeJoin = pa.changes.get();
        HazelcastMembership b = start(Map.of("rio.cluster.name", cluster,
                "rio.cluster.port", String.valueOf(ports[1]), "rio.cluster.port-count", "1",
                "rio.cluster.members", members, "rio.cluster.min-members", "2"), "node-1");
        Probe pb = new Probe(b);
        await("both see two members and are ready", () -> a.members().size() == 2 && b.members().size() == 2
                && a.ready() && b.ready());
        await("partition tables settle", () -> partitionsSplitAmong(started));
        assertTrue(pa.changes.get() > changesBeforeJoin, "changed ran on a when b joined");
        await("a changed callback on a saw it ready", () -> pa.sawReadyWith(Membership.PARTITIONS - 1));
        assertTrue(a.ownerOf(0).isPresent());

        // b leaves: the survivor is alone again, so not ready, owns nothing, and was told. While b shuts down
        // gracefully it is still a member (its partitions migrate to a), so only callbacks that begin after
        // b.close() returned are judged.
        int changesBeforeLeave = pa.changes.get();
        b.close();
        long leftAt = System.nanoTime();
        started.remove(b);
        await("the survivor is not ready and owns nothing", () -> a.members().size() == 1 && !a.ready()
                && a.localPartitions().isEmpty() && a.ownerOf(0).isEmpty());
        await("changed ran on the survivor and saw it not ready", () -> pa.changes.get() > changesBeforeLeave
                && pa.statesSince(leftAt).contains("ready=false local=0"));
        assertFalse(pa.statesSince(leftAt).stream().anyMatch(st -> st.startsWith("ready=true")),
                "no callback after b left saw a ready: " + pa.statesSince(leftAt));
        assertTrue(pb.changes.get() > 0);

        closeAll();
        assertNoHazelcastThreads();
    }

    private HazelcastMembership start(Map<String, String> config, String nodeId) {
        HazelcastMembership m = HazelcastMembership.start(ClusterSettings.from(config), nodeId);
        started.add(m);
        return m;
    }

    private static boolean partitionsSplitAmong(List<HazelcastMembership> members) {
        Set<Integer> all = new HashSet<>();
        int total = 0;
        for (HazelcastMembership m : members) {
            Set<Integer> mine = m.localPartitions();
            if (mine.isEmpty()) {
                return false;
            }
            total += mine.size();
            all.addAll(mine);
        }
        return total == Membership.PARTITIONS && all.size() == Membership.PARTITIONS;
    }

    private static Member memberNamed(Membership m, String nodeId) {
        return m.members().stream().filter(x -> x.nodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new AssertionError(nodeId + " not in " + m.members()));
    }

    static void assertNoHazelcastThreads() {
        await("no Hazelcast thread is left", () -> hazelcastThreads().isEmpty());
    }

    private static List<String> hazelcastThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains("hz.") || n.startsWith("rio-membership")).toList();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + BOUND + (what.contains("thread") ? ": " + hazelcastThreads() : ""));
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records what a member's callbacks received, and for each {@code changed} what the engine would then have read:
     * {@code ready=<ready()> local=<localPartitions().size()>}.
     */
    private static final class Probe {
        final AtomicInteger changes = new AtomicInteger();
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final List<String> states = new CopyOnWriteArrayList<>();
        final List<Long> startedAt = new CopyOnWriteArrayList<>();

        Probe(Membership m) {
            m.listen(() -> {
                long at = System.nanoTime();
                String state = "ready=" + m.ready() + " local=" + m.localPartitions().size();
                synchronized (this) {
                    startedAt.add(at);
                    states.add(state);
                }
                changes.incrementAndGet();
            }, messages::add);
        }

        /** The states seen by callbacks that began after {@code nanoTime}. */
        synchronized List<String> statesSince(long nanoTime) {
            List<String> since = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                if (startedAt.get(i) > nanoTime) {
                    since.add(states.get(i));
                }
            }
            return since;
        }

        /** Whether a {@code changed} callback saw the member ready with from 1 to {@code maxLocal} partitions. */
        boolean sawReadyWith(int maxLocal) {
            return states.stream().filter(st -> st.startsWith("ready=true local="))
                    .mapToInt(st -> Integer.parseInt(st.substring("ready=true local=".length())))
                    .anyMatch(n -> n > 0 && n <= maxLocal);
        }
    }
}
