package io.rio.hazelcast;

import io.rio.spi.Membership;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Failure detection against a member in another JVM: frozen with SIGSTOP it is removed within the failure timeout
 * (8 s by default); thawed it merges back; killed with SIGKILL it is removed. The frozen member runs with
 * {@code rio.cluster.min-members=2}: while it finds itself alone after the thaw it is not ready and owns nothing.
 *
 * <p>Needs Linux or macOS and a {@code kill} command; anywhere else it fails (it is never skipped).
 */
class FrozenMemberTest {

    @Test
    void aFrozenMemberIsRemovedWithinTheFailureTimeoutAndRejoinsWhenThawed() throws Exception {
        requireKill();
        String cluster = "rio-test-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        Path log = Files.createTempFile("rio-member-b", ".log");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.net.preferIPv4Stack=true", "-cp", cp, MemberMain.class.getName(),
                cluster, String.valueOf(portB), members, "node-b", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (HazelcastMembership a = HazelcastMembership.start(ClusterSettings.from(Map.of(
                "rio.cluster.name", cluster, "rio.cluster.port", String.valueOf(portA),
                "rio.cluster.port-count", "1", "rio.cluster.members", members)), "node-a")) {
            await("b joins", Duration.ofSeconds(30), () -> a.members().size() == 2 && a.ready()
                    && a.localPartitions().size() < Membership.PARTITIONS, log);
            await("b is ready with two members", Duration.ofSeconds(30), () -> states(log, 0).stream()
                    .anyMatch(st -> st.startsWith("members=2 ready=true") && !st.endsWith(" local=0")), log);

            signal("STOP", b.pid());
            long frozen = System.nanoTime();
            await("a frozen b is removed", Duration.ofSeconds(10), () -> a.members().size() == 1
                    && a.localPartitions().size() == Membership.PARTITIONS, log);
            long removedMillis = millisSince(frozen);
            System.out.printf("frozen member removed after %d ms%n", removedMillis);
            assertTrue(removedMillis < 10_000, "removed after " + removedMillis + " ms");

            long beforeThaw = Files.size(log);
            signal("CONT", b.pid());
            long thawed = System.nanoTime();
            await("a thawed b merges back", Duration.ofSeconds(40), () -> a.members().size() == 2
                    && a.ready() && a.localPartitions().size() < Membership.PARTITIONS, log);
            System.out.printf("thawed member back after %d ms%n", millisSince(thawed));
            await("b is ready again after the merge", Duration.ofSeconds(30), () -> {
                List<String> after = states(log, beforeThaw);
                int alone = after.indexOf("members=1 ready=false local=0");
                return alone >= 0 && after.subList(alone, after.size()).stream()
                        .anyMatch(st -> st.startsWith("members=2 ready=true") && !st.endsWith(" local=0"));
            }, log);
            List<String> afterThaw = states(log, beforeThaw);
            System.out.println("b's states after the thaw: " + afterThaw);
            for (String st : afterThaw) {
                if (st.startsWith("members=1 ")) {
                    assertEquals("members=1 ready=false local=0", st, "b alone after the thaw: " + afterThaw);
                }
            }

            b.destroyForcibly();
            long killed = System.nanoTime();
            await("a killed b is removed", Duration.ofSeconds(10), () -> a.members().size() == 1
                    && a.localPartitions().size() == Membership.PARTITIONS, log);
            System.out.printf("killed member removed after %d ms%n", millisSince(killed));
        } finally {
            if (b.isAlive()) {
                signal("CONT", b.pid());
                b.destroyForcibly();
            }
            b.waitFor(10, TimeUnit.SECONDS);
        }
        ThreeMembersTest.assertNoHazelcastThreads();
    }

    /**
     * Fails (never skips) where the test cannot run: it freezes a JVM with {@code kill -STOP}, so it needs a
     * POSIX system with a working {@code kill}.
     */
    private static void requireKill() throws InterruptedException {
        if (!OS.LINUX.isCurrentOs() && !OS.MAC.isCurrentOs()) {
            fail("FrozenMemberTest needs Linux or macOS (kill -STOP/-CONT); this is " + System.getProperty("os.name"));
        }
        try {
            Process kill = new ProcessBuilder("kill", "-0", String.valueOf(ProcessHandle.current().pid()))
                    .inheritIO().start();
            if (kill.waitFor() != 0) {
                fail("FrozenMemberTest needs a working kill command: 'kill -0 <own pid>' exited with "
                        + kill.exitValue());
            }
        } catch (IOException e) {
            fail("FrozenMemberTest needs a kill command on the PATH: " + e);
        }
    }

    /** The states member b printed ({@link MemberMain#STATE} lines) from byte {@code offset} of its log on. */
    private static List<String> states(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            String text = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    java.nio.charset.StandardCharsets.UTF_8);
            return text.lines().filter(l -> l.startsWith(MemberMain.STATE))
                    .map(l -> l.substring(MemberMain.STATE.length()).trim()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            fail("kill -" + signal + " " + pid + " failed");
        }
    }

    private static void await(String what, Duration bound, BooleanSupplier condition, Path log) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " not within " + bound + "; member b's log: " + log + "\n" + Files.readString(log));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
