package io.rio.ingress.internal;

import io.rio.api.TerminalException;
import io.rio.core.InvocationNotFoundException;
import io.rio.core.InvocationOutcome;
import io.rio.core.NotOwnerException;
import io.rio.core.OverloadedException;
import io.rio.core.SendReceipt;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries out a {@link Route} against the engine and turns what comes back into an {@link IngressReply}:
 *
 * <ul>
 * <li>a completed call or attach answers 200 with the handler's JSON output written as is (a {@code void}
 * handler answers 200 with an empty body, as Restate's ingress does) and header {@code x-restate-id};</li>
 * <li>a terminal failure answers its own code (when it is an HTTP error status, else 500) with
 * {@code {"code","message"}};</li>
 * <li>a send answers 202 {@code {"invocationId","status"}} with status {@code Accepted} or
 * {@code PreviouslyAccepted};</li>
 * <li>output of an invocation that has not ended answers 470; an unknown invocation id, idempotency key or
 * workflow key 404;</li>
 * <li>an awakeable completion answers 202 with no body, or the engine's 404 (unknown) or 409 (already
 * completed);</li>
 * <li>a keyed call goes through the {@link Forwarder}, if one is given, which runs it on the key's owner;
 * a {@link NotOwnerException} that reaches this class (a forwarded request that this node cannot run) answers
 * 421 (misdirected), which tells the forwarding member to look up the owner again;</li>
 * <li>anything unexpected answers 500 with a reference to the server log, where the stack trace goes.</li>
 * </ul>
 *
 * <p>Thread safety: stateless apart from the gateway; safe for concurrent use.
 *
 * <p>Error handling: the returned future never completes exceptionally.
 */
public final class IngressDispatcher {
    /** Response header carrying the invocation id, as in Restate. */
    public static final String INVOCATION_ID_HEADER = "x-restate-id";

    private static final Logger LOG = Logger.getLogger(IngressDispatcher.class.getName());

    private final InvocationGateway gateway;
    private final Forwarder forwarder;

    /** A dispatcher that runs everything locally. */
    public IngressDispatcher(InvocationGateway gateway) {
        this(gateway, null);
    }

    /** A dispatcher that places keyed calls with {@code forwarder} ({@code null}: run everything locally). */
    public IngressDispatcher(InvocationGateway gateway, Forwarder forwarder) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.forwarder = forwarder;
    }

    /**
     * Like {@link #dispatch(Route, String)}, with the request as it arrived so that a keyed call can be forwarded
     * to its owner.
     */
    public CompletableFuture<IngressReply> dispatch(Route route, RawRequest raw, String description) {
        if (forwarder == null || raw == null || !Forwarder.places(route)) {
            return dispatch(route, description);
        }
        CompletableFuture<IngressReply> reply;
        try {
            reply = forwarder.call((Route.Call) route, raw, () -> start(route));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(e -> failure(e, description));
    }

    /**
     * @param route       what to do
     * @param description the request, for log lines (e.g. {@code POST /Counter/a/add})
     * @return the answer; never completes exceptionally
     */
    public CompletableFuture<IngressReply> dispatch(Route route, String description) {
        CompletableFuture<IngressReply> reply;
        try {
            reply = start(route);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        return reply.exceptionally(e -> failure(e, description));
    }

    private CompletableFuture<IngressReply> start(Route route) {
        if (route instanceof Route.Reply r) {
            return CompletableFuture.completedFuture(r.reply());
        } else if (route instanceof Route.Call c) {
            return gateway.call(c.request()).thenApply(IngressDispatcher::outcome);
        } else if (route instanceof Route.Send s) {
            return gateway.send(s.request()).thenApply(IngressDispatcher::receipt);
        } else if (route instanceof Route.Attach a) {
            return gateway.attach(a.invocationId()).thenApply(IngressDispatcher::outcome);
        } else if (route instanceof Route.Output o) {
            return CompletableFuture.completedFuture(gateway.output(o.invocationId())
                    .map(IngressDispatcher::outcome)
                    .orElseGet(() -> notReady(o.invocationId())));
        } else if (route instanceof Route.Find f) {
            Optional<String> id = gateway.findInvocationId(f.target(), f.key(), f.idempotencyKey());
            if (id.isEmpty()) {
                return CompletableFuture.completedFuture(IngressReply.error(404, f.notFound()));
            }
            return start(f.output() ? new Route.Output(id.get()) : new Route.Attach(id.get()));
        } else if (route instanceof Route.CompleteAwakeable a) {
            gateway.completeAwakeable(a.awakeableId(), a.json(), a.reason());
            return CompletableFuture.completedFuture(new IngressReply(202, null, Map.of()));
        }
        throw new IllegalArgumentException("Unknown route " + route);
    }

    /** The answer when a call, send or attach has not completed within {@code timeout}. */
    public static IngressReply timeout(Route route, Duration timeout) {
        String what;
        if (route instanceof Route.Send s) {
            what = "The invocation of " + target(s.request().target().service(), s.request().target().name())
                    + " was not confirmed as stored";
        } else if (route instanceof Route.Call c) {
            what = "The invocation of " + target(c.request().target().service(), c.request().target().name())
                    + " did not complete; it keeps running" + (c.request().idempotencyKey() == null ? ""
                    : ", and repeating the request with the same Idempotency-Key returns its result");
        } else if (route instanceof Route.Attach a) {
            what = "Invocation " + a.invocationId() + " did not complete; it keeps running, attach again later";
        } else if (route instanceof Route.Find f) {
            what = "The invocation of " + target(f.target().service(), f.target().name()) + (f.key() == null ? ""
                    : " for key '" + f.key() + "'") + " did not complete; it keeps running, attach again later";
        } else {
            what = "The request did not complete";
        }
        return IngressReply.error(504, what + " within " + timeout + " (setting rio.ingress.timeout)");
    }

    static IngressReply outcome(InvocationOutcome outcome) {
        Map<String, String> headers = outcome.invocationId() == null ? Map.of()
                : Map.of(INVOCATION_ID_HEADER, outcome.invocationId());
        if (outcome.success()) {
            return new IngressReply(200, outcome.outputJson(), headers);
        }
        int code = outcome.errorCode();
        int status = code >= 400 && code <= 599 ? code : 500;
        String message = outcome.errorMessage() == null ? "Invocation failed" : outcome.errorMessage();
        return new IngressReply(status, Json.error(code, message), headers);
    }

    static IngressReply receipt(SendReceipt receipt) {
        return new IngressReply(202,
                Json.sendReceipt(receipt.invocationId(), receipt.previouslyAccepted() ? "PreviouslyAccepted" : "Accepted"),
                Map.of(INVOCATION_ID_HEADER, receipt.invocationId()));
    }

    static IngressReply notReady(String invocationId) {
        return IngressReply.error(IngressReply.NOT_READY, "invocation " + invocationId + " has not completed yet");
    }

    static IngressReply failure(Throwable error, String description) {
        Throwable cause = unwrap(error);
        if (cause instanceof NotOwnerException n) {
            return IngressReply.error(421, "This node does not own the key of " + description + " (partition "
                    + n.partition() + (n.owner().isPresent() ? ", owned by " + n.owner().get().nodeId()
                    : ", which has no owner yet") + "); send it to the owner (GET /rio/cluster)");
        }
        if (cause instanceof InvocationNotFoundException) {
            return IngressReply.error(404, cause.getMessage());
        }
        if (cause instanceof TerminalException t && t.code() >= 400 && t.code() <= 599) {
            // The engine's answer to a client error (unknown or already completed awakeable, ...).
            return IngressReply.error(t.code(), t.getMessage());
        }
        if (cause instanceof OverloadedException o) {
            // Back-pressure: nothing was stored; the client retries later.
            return new IngressReply(429, Json.error(429, o.getMessage()),
                    Map.of("Retry-After", Integer.toString(o.retryAfterSeconds())));
        }
        if (cause instanceof RejectedExecutionException) {
            LOG.log(Level.WARNING, "Rio ingress: rejected " + description, cause);
            return IngressReply.error(503, "Rio cannot accept " + description + " right now (the engine is"
                    + " overloaded or shutting down); retry later");
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Rio ingress: unexpected failure of " + description + " (reference " + reference + ")",
                cause);
        return IngressReply.error(500, "Internal error while handling " + description + "; the server log has the"
                + " details under reference " + reference);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String target(String service, String handler) {
        return service + "/" + handler;
    }
}
