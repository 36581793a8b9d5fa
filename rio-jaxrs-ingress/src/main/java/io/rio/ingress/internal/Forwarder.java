package io.rio.ingress.internal;

import io.rio.core.NotOwnerException;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.Membership.Member;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a keyed call (virtual object or workflow handler) on the member that owns its key's partition: locally
 * when this member owns it, else by replaying the original HTTP request on the owner's ingress
 * ({@link OwnerClient}) and relaying the owner's answer (status, body and headers) unchanged.
 *
 * <ul>
 * <li>A request that was itself forwarded (header {@code x-rio-forwarded}) is never forwarded again: it runs
 * locally and, if the engine says this node is not the owner, answers 421 (see {@link IngressDispatcher}).</li>
 * <li>When the local engine refuses with {@link NotOwnerException}, the call goes to the owner it names.</li>
 * <li>A 421 from the owner, a failed connection, a partition without owner and (with an Idempotency-Key) a
 * broken connection are retried per {@link ForwardPolicy}, re-resolving the owner each time; 502 when the
 * outcome is unknown, 503 naming the key and partition when the deadline passes, 504 when the owner does not
 * answer within the ingress timeout.</li>
 * </ul>
 *
 * <p>Nothing waits on a thread: forwarding is asynchronous and retries are scheduled with
 * {@link CompletableFuture#delayedExecutor}.
 *
 * <p>Thread safety: immutable; safe for concurrent use. The returned futures complete exceptionally only with
 * the local engine's own failures, which {@link IngressDispatcher} maps.
 */
public final class Forwarder {
    private static final Logger LOG = Logger.getLogger(Forwarder.class.getName());

    private final ClusterView cluster;
    private final OwnerClient client;
    private final ForwardPolicy policy;
    private final Duration timeout;

    /**
     * @param timeout the ingress timeout, named in the 504 answer
     */
    public Forwarder(ClusterView cluster, OwnerClient client, ForwardPolicy policy, Duration timeout) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Whether {@code route} is a call this class places (a keyed call). */
    public static boolean places(Route route) {
        return route instanceof Route.Call c && c.request().target().keyed();
    }

    /**
     * Runs {@code call} where its key is owned.
     *
     * @param raw   the request as it arrived
     * @param local runs the call on this node (the engine's answer, mapped; exceptions unmapped)
     */
    public CompletableFuture<IngressReply> call(Route.Call call, RawRequest raw,
            Supplier<CompletableFuture<IngressReply>> local) {
        if (raw.forwarded()) {
            return local.get();
        }
        return new Attempt(call, raw, local, System.nanoTime()).resolve();
    }

    /** One request's attempts; the state is the start time and the last reason for retrying. */
    private final class Attempt {
        private final Route.Call call;
        private final RawRequest raw;
        private final Supplier<CompletableFuture<IngressReply>> local;
        private final long started;
        private final HandlerDefinition target;
        private final String key;

        Attempt(Route.Call call, RawRequest raw, Supplier<CompletableFuture<IngressReply>> local, long started) {
            this.call = call;
            this.raw = raw;
            this.local = local;
            this.started = started;
            this.target = call.request().target();
            this.key = call.request().key();
        }

        /** Looks up the owner now and runs or forwards there. */
        CompletableFuture<IngressReply> resolve() {
            Optional<Member> owner;
            try {
                owner = cluster.ownerOf(target, key);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (owner.isPresent() && owner.get().local()) {
                return runLocally();
            }
            if (owner.isPresent() && owner.get().ingressUrl() != null) {
                return forwardTo(owner.get());
            }
            return retry(owner.isEmpty() ? "the partition has no owner" : "its owner " + owner.get().nodeId()
                    + " has not published its ingress URL", ForwardPolicy.Failure.MISDIRECTED);
        }

        private CompletableFuture<IngressReply> runLocally() {
            CompletableFuture<IngressReply> result;
            try {
                result = local.get();
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            return result.handle((reply, error) -> {
                if (error == null) {
                    return CompletableFuture.completedFuture(reply);
                }
                if (unwrap(error) instanceof NotOwnerException n) {
                    Optional<Member> owner = n.owner();
                    if (owner.isPresent() && !owner.get().local() && owner.get().ingressUrl() != null) {
                        return forwardTo(owner.get());
                    }
                    return retry("this node does not hold it yet", ForwardPolicy.Failure.MISDIRECTED);
                }
                return CompletableFuture.<IngressReply>failedFuture(error);
            }).thenCompose(f -> f);
        }

        private CompletableFuture<IngressReply> forwardTo(Member owner) {
            return client.forward(owner.ingressUrl(), raw, cluster.self().nodeId()).thenCompose(result -> {
                if (result instanceof OwnerClient.Answered a) {
                    if (a.status() == 421) {
                        return retry("owner " + owner.nodeId() + " answered 421", ForwardPolicy.Failure.MISDIRECTED);
                    }
                    ForwardPolicy.Failure container = ForwardPolicy.containerAnswer(a.status(), a.headers());
                    if (container != null) {
                        return retry("owner " + owner.nodeId() + " answered " + a.status() + " from its server, not "
                                + "from Rio (starting or stopping)", container);
                    }
                    return CompletableFuture.completedFuture(IngressReply.relayed(a.status(), a.body(), a.headers()));
                }
                if (result instanceof OwnerClient.NotConnected n) {
                    return retry("owner " + owner.nodeId() + " at " + owner.ingressUrl() + " is unreachable ("
                            + n.cause() + ")", ForwardPolicy.Failure.NOT_CONNECTED);
                }
                if (result instanceof OwnerClient.Broken b) {
                    return retry("the connection to owner " + owner.nodeId() + " broke (" + b.cause() + ")",
                            ForwardPolicy.Failure.BROKEN);
                }
                return CompletableFuture.completedFuture(IngressDispatcher.timeout(call, timeout));
            });
        }

        private CompletableFuture<IngressReply> retry(String why, ForwardPolicy.Failure failure) {
            if (!policy.retryable(failure, call.request().idempotencyKey() != null)) {
                LOG.log(Level.WARNING, "Rio ingress: " + describe() + ": " + why + "; outcome unknown (502)");
                return CompletableFuture.completedFuture(IngressReply.error(502, "The call of " + describe()
                        + " was forwarded to the key's owner but " + why + "; whether it ran is unknown. Send it"
                        + " with an Idempotency-Key to make retries safe, or check with the admin API"));
            }
            if (!policy.inTime(started, System.nanoTime())) {
                LOG.log(Level.WARNING, "Rio ingress: " + describe() + ": giving up after "
                        + policy.deadline() + ": " + why);
                return CompletableFuture.completedFuture(IngressReply.error(503, "No member could run "
                        + describe() + " within " + seconds(policy.deadline()) + ": " + why
                        + "; retry later"));
            }
            return CompletableFuture.supplyAsync(this::resolve,
                    CompletableFuture.delayedExecutor(policy.delay().toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(f -> f);
        }

        private String describe() {
            String partition;
            try {
                partition = Integer.toString(cluster.partitionOf(target, key));
            } catch (RuntimeException e) {
                partition = "?";
            }
            return target.service() + "/" + target.name() + " for key '" + key + "' (partition " + partition + ")";
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
