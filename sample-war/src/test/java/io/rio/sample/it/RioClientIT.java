package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.client.RioClient;
import io.rio.client.RioClientException;
import io.rio.client.Sent;
import io.rio.sample.Counter;
import io.rio.sample.Greeter;
import io.rio.sample.Signup;
import io.rio.sample.it.secured.Till;
import io.rio.sample.it.secured.Users;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The typed client ({@code rio-client}) against the deployed sample on Payara Micro: calls, sends with a delay,
 * attach and output, idempotency keys, workflows, errors as {@link RioClientException}, credentials on every
 * request, timeouts, and a 429 (a key's full queue, {@code rio.max-key-queue=5} in the secured sample) retried after
 * its {@code Retry-After} until the call goes through.
 */
class RioClientIT {
    private static PayaraMicroProcess server;
    private static RioClient rio;

    @BeforeAll
    static void start() {
        server = PayaraMicroProcess.start("client", Deployments.exportSecuredSample("client.war"));
        rio = RioClient.connect("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static RioClient as(String user, int maxRetries) {
        String token = Base64.getEncoder().encodeToString((user + ":" + Users.PASSWORD).getBytes());
        return RioClient.builder(URI.create("http://127.0.0.1:" + server.port() + "/")).maxRetries(maxRetries)
                .header("Authorization", "Basic " + token).build();
    }

    @Test
    void callsServicesAndObjectsWithTheHandlersOwnMethodReferences() {
        assertEquals("Hello, Ann!", rio.service(Greeter.class).call(Greeter::greet, "Ann"));
        String key = uniqueKey("client");
        assertEquals(5L, rio.object(Counter.class, key).call(Counter::add, 5L));
        assertEquals(7L, rio.object(Counter.class, key).call(Counter::add, 2L));
        assertEquals(7L, rio.object(Counter.class, key).call(Counter::get));
        rio.object(Counter.class, key).call(Counter::reset);
        assertEquals(0L, rio.object(Counter.class, key).call(Counter::get));
    }

    @Test
    void anIdempotencyKeyRunsTheHandlerOnceAndAnswersEveryRepetitionWithTheFirstResult() {
        String key = uniqueKey("client-idem");
        var counter = rio.object(Counter.class, key).idempotencyKey("pay-" + key);
        assertEquals(3L, counter.call(Counter::add, 3L));
        assertEquals(3L, counter.call(Counter::add, 3L), "the first result again");
        assertEquals(3L, rio.object(Counter.class, key).call(Counter::get), "added once");

        Sent<Long> first = rio.object(Counter.class, key).idempotencyKey("send-" + key).send(Counter::add, 1L);
        Sent<Long> again = rio.object(Counter.class, key).idempotencyKey("send-" + key).send(Counter::add, 1L);
        assertFalse(first.previouslyAccepted());
        assertTrue(again.previouslyAccepted());
        assertEquals(first.invocationId(), again.invocationId());
        assertEquals(4L, again.attach());
    }

    @Test
    void aDelayedSendIsReadByOutputAndAttach() {
        String key = uniqueKey("client-later");
        long start = System.nanoTime();
        Sent<Long> later = rio.object(Counter.class, key).send(Counter::add, 9L, Duration.ofSeconds(2));
        assertTrue(later.invocationId().startsWith("inv_"), later.invocationId());
        assertTrue(later.output().isEmpty(), "not run before its delay");
        assertEquals(9L, later.attach());
        assertTrue(System.nanoTime() - start >= 1_900_000_000L, "ran after its delay");
        assertEquals(9L, later.output().orElseThrow());
        assertEquals(9L, rio.attach(later.invocationId(), Long.class));
    }

    @Test
    void workflowsRunOncePerKeyAndTheirSharedHandlersAnswerMeanwhile() {
        String user = uniqueKey("client-signup");
        var signup = rio.workflow(Signup.class, user);
        Sent<String> run = signup.send(Signup::run, user + "@example.com");
        assertTrue(signup.send(Signup::run, user + "@example.com").previouslyAccepted(), "one run per workflow key");
        Await.until("the signup waits for its verification", Duration.ofSeconds(30),
                () -> "pending".equals(signup.call(Signup::status)) ? true : null);
        signup.call(Signup::withdraw, "changed my mind");
        assertEquals("withdrawn", run.attach());
        assertEquals("withdrawn", signup.call(Signup::status));
    }

    @Test
    void errorsCarryTheHttpStatusAndRiosMessage() {
        RioClientException bad = assertThrows(RioClientException.class,
                () -> rio.workflow(Signup.class, uniqueKey("client-bad")).call(Signup::run, "no address"));
        assertEquals(400, bad.status());
        assertTrue(bad.getMessage().contains("Signup needs an e-mail address"), bad.getMessage());

        RioClientException anonymous = assertThrows(RioClientException.class,
                () -> rio.object(Till.class, uniqueKey("till")).call(Till::deposit, 1L));
        assertEquals(401, anonymous.status(), anonymous.getMessage());
        RioClientException visitor = assertThrows(RioClientException.class,
                () -> as("visitor", 0).object(Till.class, uniqueKey("till")).call(Till::deposit, 1L));
        assertEquals(403, visitor.status(), visitor.getMessage());
        assertTrue(visitor.getMessage().contains("clerk"), "names the role: " + visitor.getMessage());
        assertEquals(1L, as("clerk", 0).object(Till.class, uniqueKey("till")).call(Till::deposit, 1L),
                "the credentials of the builder's header");

        RioClientException unknown = assertThrows(RioClientException.class,
                () -> rio.resolveAwakeable("awk_inv_nothere_1", "x"));
        assertEquals(404, unknown.status(), unknown.getMessage());
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutAndTheInvocationGoesOn() {
        String key = uniqueKey("till-slow");
        var till = as("clerk", 0).object(Till.class, key);
        RioClientException e = assertThrows(RioClientException.class,
                () -> till.timeout(Duration.ofMillis(500)).call(Till::hold, 2));
        assertTrue(e.timedOut(), e.getMessage());
        assertEquals(0, e.status());
        assertEquals(1L, till.call(Till::deposit, 1L), "queued behind the hold, which went on");
    }

    @Test
    void aFullKeyQueueAnswers429AndTheClientRetriesAfterRetryAfterUntilItGoesThrough() {
        String key = uniqueKey("till-busy");
        RioClient clerk = as("clerk", 0);
        var till = clerk.object(Till.class, key);
        till.send(Till::hold, 4);
        List<Sent<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(till.send(Till::deposit, 1L));
        }
        RioClientException full = assertThrows(RioClientException.class, () -> till.call(Till::deposit, 1L));
        assertEquals(429, full.status());
        assertTrue(full.getMessage().contains("rio.max-key-queue"), full.getMessage());

        long start = System.nanoTime();
        long balance = as("clerk", 20).object(Till.class, key).call(Till::deposit, 10L);
        assertEquals(15L, balance, "after the five queued deposits, once the queue had room");
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "it waited at least one Retry-After");
        for (Sent<Long> s : queued) {
            assertTrue(s.attach() <= 5L);
        }
    }
}
