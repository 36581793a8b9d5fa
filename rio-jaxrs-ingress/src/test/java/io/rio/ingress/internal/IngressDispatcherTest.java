package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.TerminalException;
import io.rio.core.InvocationNotFoundException;
import io.rio.core.InvocationOutcome;
import io.rio.core.InvocationRequest;
import io.rio.core.SendReceipt;
import io.rio.core.model.HandlerDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IngressDispatcherTest {
    private static final InvocationRequest GREET = InvocationRequest.of(
            TestServices.REGISTRY.service("Greeter").orElseThrow().handler("greet").orElseThrow(), null, "\"Ann\"");

    /** A gateway whose answers the test sets. */
    private static final class FakeGateway implements InvocationGateway {
        Function<InvocationRequest, CompletableFuture<InvocationOutcome>> call = r -> new CompletableFuture<>();
        Function<InvocationRequest, CompletableFuture<SendReceipt>> send = r -> new CompletableFuture<>();
        Function<String, CompletableFuture<InvocationOutcome>> attach = id -> new CompletableFuture<>();
        Function<String, Optional<InvocationOutcome>> output = id -> Optional.empty();
        Map<String, String> idempotent = new HashMap<>();
        List<String> completions = new ArrayList<>();
        RuntimeException completionError;

        @Override
        public CompletableFuture<InvocationOutcome> call(InvocationRequest request) {
            return call.apply(request);
        }

        @Override
        public CompletableFuture<SendReceipt> send(InvocationRequest request) {
            return send.apply(request);
        }

        @Override
        public CompletableFuture<InvocationOutcome> attach(String invocationId) {
            return attach.apply(invocationId);
        }

        @Override
        public Optional<InvocationOutcome> output(String invocationId) {
            return output.apply(invocationId);
        }

        @Override
        public Optional<String> findInvocationId(HandlerDefinition target, String key, String idempotencyKey) {
            return Optional.ofNullable(idempotent.get(target.service() + "/" + key + "/" + target.name() + "/"
                    + idempotencyKey));
        }

        @Override
        public void completeAwakeable(String awakeableId, String json, String reason) {
            if (completionError != null) {
                throw completionError;
            }
            completions.add(awakeableId + " " + json + " " + reason);
        }
    }

    private final FakeGateway gateway = new FakeGateway();
    private final IngressDispatcher dispatcher = new IngressDispatcher(gateway);

    private IngressReply dispatch(Route route) {
        CompletableFuture<IngressReply> f = dispatcher.dispatch(route, "POST /Greeter/greet");
        assertTrue(f.isDone(), "the fake gateway answers at once");
        return f.join();
    }

    @Test
    void successfulCallAnswers200WithOutputAsIsAndInvocationIdHeader() {
        gateway.call = r -> CompletableFuture.completedFuture(InvocationOutcome.success("inv-1", "\"Hello Ann\""));
        IngressReply reply = dispatch(new Route.Call(GREET));
        assertEquals(200, reply.status());
        assertEquals("\"Hello Ann\"", reply.body());
        assertEquals(Map.of("x-restate-id", "inv-1"), reply.headers());
    }

    @Test
    void voidResultAnswers200WithEmptyBody() {
        gateway.call = r -> CompletableFuture.completedFuture(InvocationOutcome.success("inv-1", null));
        IngressReply reply = dispatch(new Route.Call(GREET));
        assertEquals(200, reply.status());
        assertNull(reply.body());
    }

    @Test
    void terminalFailureAnswersItsOwnCodeAndMessage() {
        gateway.call = r -> CompletableFuture.completedFuture(InvocationOutcome.failure("inv-1", 409, "taken \"x\""));
        IngressReply reply = dispatch(new Route.Call(GREET));
        assertEquals(409, reply.status());
        assertEquals("{\"code\":409,\"message\":\"taken \\\"x\\\"\"}", reply.body());
        assertEquals("inv-1", reply.headers().get("x-restate-id"));
    }

    @Test
    void terminalCodeThatIsNotAnHttpErrorAnswers500KeepingTheCodeInTheBody() {
        gateway.call = r -> CompletableFuture.completedFuture(InvocationOutcome.failure("inv-1", 42, "odd"));
        IngressReply reply = dispatch(new Route.Call(GREET));
        assertEquals(500, reply.status());
        assertEquals("{\"code\":42,\"message\":\"odd\"}", reply.body());
    }

    @Test
    void sendAnswers202AcceptedOrPreviouslyAccepted() {
        gateway.send = r -> CompletableFuture.completedFuture(new SendReceipt("inv-7", false));
        IngressReply first = dispatch(new Route.Send(GREET));
        assertEquals(202, first.status());
        assertEquals("{\"invocationId\":\"inv-7\",\"status\":\"Accepted\"}", first.body());
        gateway.send = r -> CompletableFuture.completedFuture(new SendReceipt("inv-7", true));
        assertEquals("{\"invocationId\":\"inv-7\",\"status\":\"PreviouslyAccepted\"}",
                dispatch(new Route.Send(GREET)).body());
    }

    @Test
    void attachAnswersLikeACallAndUnknownIdIs404() {
        gateway.attach = id -> CompletableFuture.completedFuture(InvocationOutcome.success(id, "3"));
        IngressReply ok = dispatch(new Route.Attach("inv-3"));
        assertEquals(200, ok.status());
        assertEquals("3", ok.body());
        gateway.attach = id -> CompletableFuture.failedFuture(new InvocationNotFoundException(id));
        IngressReply missing = dispatch(new Route.Attach("inv-x"));
        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("inv-x"), missing.body());
    }

    @Test
    void outputAnswers470UntilEndedAnd404ForUnknown() {
        IngressReply pending = dispatch(new Route.Output("inv-4"));
        assertEquals(470, pending.status());
        assertEquals("{\"code\":470,\"message\":\"invocation inv-4 has not completed yet\"}", pending.body());
        gateway.output = id -> Optional.of(InvocationOutcome.success(id, "{\"a\":1}"));
        assertEquals("{\"a\":1}", dispatch(new Route.Output("inv-4")).body());
        gateway.output = id -> {
            throw new InvocationNotFoundException(id);
        };
        assertEquals(404, dispatch(new Route.Output("inv-4")).status());
    }

    @Test
    void unexpectedFailuresAnswer500WithoutLeakingDetails() {
        gateway.call = r -> CompletableFuture.failedFuture(new IllegalStateException("db password is hunter2"));
        IngressReply async = dispatch(new Route.Call(GREET));
        assertEquals(500, async.status());
        assertTrue(async.body().contains("server log") && async.body().contains("POST /Greeter/greet"), async.body());
        assertFalse(async.body().contains("hunter2") || async.body().contains("IllegalStateException"), async.body());
        gateway.call = r -> {
            throw new IllegalStateException("thrown synchronously");
        };
        assertEquals(500, dispatch(new Route.Call(GREET)).status());
    }

    @Test
    void overloadAnswers503() {
        gateway.send = r -> CompletableFuture.failedFuture(new RejectedExecutionException("full"));
        assertEquals(503, dispatch(new Route.Send(GREET)).status());
    }

    @Test
    void backlogAboveTheLimitAnswers429WithRetryAfter() {
        gateway.send = r -> {
            throw new io.rio.core.OverloadedException(10_001, 10_000, 1);
        };
        IngressReply reply = dispatch(new Route.Send(GREET));
        assertEquals(429, reply.status());
        assertEquals("1", reply.headers().get("Retry-After"));
        assertTrue(reply.body().contains("rio.max-backlog"), reply.body());
    }

    @Test
    void pendingCallStaysPendingAndTimeoutReplyIs504() {
        CompletableFuture<IngressReply> f = dispatcher.dispatch(new Route.Call(GREET), "POST /Greeter/greet");
        assertFalse(f.isDone());
        IngressReply timeout = IngressDispatcher.timeout(new Route.Call(GREET), Duration.ofSeconds(5));
        assertEquals(504, timeout.status());
        assertTrue(timeout.body().contains("Greeter/greet") && timeout.body().contains("rio.ingress.timeout"),
                timeout.body());
    }

    private static final HandlerDefinition RUN = TestServices.REGISTRY.service("Signup").orElseThrow().handler("run")
            .orElseThrow();

    @Test
    void findAttachesOrReadsTheOutputOfTheInvocationFoundElse404WithTheRoutesMessage() {
        gateway.idempotent.put("Signup/u1/run/null", "inv-9");
        gateway.attach = id -> CompletableFuture.completedFuture(InvocationOutcome.success(id, "\"done\""));
        IngressReply attached = dispatch(new Route.Find(RUN, "u1", null, false, "nope"));
        assertEquals(200, attached.status());
        assertEquals("\"done\"", attached.body());
        assertEquals("inv-9", attached.headers().get("x-restate-id"));
        assertEquals(470, dispatch(new Route.Find(RUN, "u1", null, true, "nope")).status());
        gateway.output = id -> Optional.of(InvocationOutcome.success(id, "\"done\""));
        assertEquals("\"done\"", dispatch(new Route.Find(RUN, "u1", null, true, "nope")).body());
        IngressReply missing = dispatch(new Route.Find(RUN, "u2", null, false, "Workflow 'Signup' has no run"));
        assertEquals(IngressReply.error(404, "Workflow 'Signup' has no run"), missing);
    }

    @Test
    void awakeableCompletionAnswers202WithoutBodyOrTheEnginesCode() {
        IngressReply ok = dispatch(new Route.CompleteAwakeable("awk_1", "42", null));
        assertEquals(new IngressReply(202, null, Map.of()), ok);
        assertEquals(List.of("awk_1 42 null"), gateway.completions);
        gateway.completionError = new TerminalException(409, "Awakeable awk_1 is already completed");
        assertEquals(IngressReply.error(409, "Awakeable awk_1 is already completed"),
                dispatch(new Route.CompleteAwakeable("awk_1", null, "no")));
        gateway.completionError = new TerminalException(404, "No awakeable awk_2");
        assertEquals(404, dispatch(new Route.CompleteAwakeable("awk_2", "1", null)).status());
    }

    @Test
    void onlyRoutesThatWaitForAnInvocationGetATimeout() {
        assertTrue(Route.waits(new Route.Call(GREET)) && Route.waits(new Route.Attach("i"))
                && Route.waits(new Route.Find(RUN, "k", null, false, "x")));
        assertFalse(Route.waits(new Route.Find(RUN, "k", null, true, "x")) || Route.waits(new Route.Output("i"))
                || Route.waits(new Route.CompleteAwakeable("a", "1", null)));
        assertTrue(IngressDispatcher.timeout(new Route.Find(RUN, "k", null, false, "x"), Duration.ofSeconds(1)).body()
                .contains("Signup/run for key 'k'"));
    }

    @Test
    void immediateRepliesPassThrough() {
        IngressReply err = IngressReply.error(404, "nope");
        assertEquals(err, dispatch(new Route.Reply(err)));
    }
}
