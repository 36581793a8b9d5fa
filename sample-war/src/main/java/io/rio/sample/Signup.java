package io.rio.sample;

import io.rio.api.Awakeable;
import io.rio.api.DurablePromiseKey;
import io.rio.api.Handler;
import io.rio.api.Shared;
import io.rio.api.SharedWorkflowContext;
import io.rio.api.StateKey;
import io.rio.api.TerminalException;
import io.rio.api.Workflow;
import io.rio.api.WorkflowContext;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * A user signup with e-mail verification, one workflow per user id:
 * {@code POST /Signup/{userId}/run/send} with the address as a JSON string.
 *
 * <ol>
 *   <li>creates the (unverified) account in a step;</li>
 *   <li>creates an awakeable and e-mails its id as the verification link, in a step, so the e-mail is sent
 *       once however often {@code run} is replayed;</li>
 *   <li>waits, holding no thread, for whichever comes first: the link is followed
 *       ({@code POST /restate/awakeables/{id}/resolve}), the user withdraws
 *       ({@code POST /Signup/{userId}/withdraw}, a durable promise), or {@link #VERIFICATION_TIMEOUT} passes;</li>
 *   <li>activates the account and counts it in {@code Counter/signups} through a durable call, or deletes it.</li>
 * </ol>
 *
 * <p>{@code GET}-like queries go through the {@link Shared} handler {@code status}, callable before, during
 * and after {@code run}; the result is also available by workflow key
 * ({@code GET /restate/workflow/Signup/{userId}/output}). Submitting {@code run} again for the same user id
 * answers "previously accepted" and does not create a second account.
 *
 * <p>Note: state set by {@code run} before an await that suspends is rolled back with that attempt, so
 * {@code run} sets the status only once it has decided.
 */
@Workflow
public class Signup {

    /** How long a verification link stays valid. */
    public static final Duration VERIFICATION_TIMEOUT = Duration.ofHours(24);

    /** The outcome, once {@code run} has decided: verified, withdrawn or expired. */
    static final StateKey<String> STATUS = StateKey.of("status", String.class);

    /** Resolved by {@link #withdraw} with the user's reason. */
    static final DurablePromiseKey<String> WITHDRAWN = DurablePromiseKey.of("withdrawn", String.class);

    @Inject
    Accounts accounts;

    @Inject
    Mailer mailer;

    /**
     * Signs up the user {@code ctx.key()} with {@code email}.
     *
     * @return {@code verified}, {@code withdrawn} or {@code expired}
     * @throws TerminalException 400 without an e-mail address; the awakeable's rejection (e.g. the user
     *                           reported the e-mail as not theirs) with its reason
     */
    @Handler
    public String run(WorkflowContext ctx, String email) {
        if (email == null || !email.contains("@")) {
            throw new TerminalException(400, "Signup needs an e-mail address as its input, e.g. \"ann@example.com\"");
        }
        String userId = ctx.key();
        ctx.run("create-account", String.class, () -> accounts.create(userId, email));

        Awakeable<String> verification = ctx.awakeable(String.class);
        ctx.run("send-verification-email", Long.class, () -> mailer.send(email, "Verify your e-mail address",
                verificationEmail(userId, verification.id())));

        int first = ctx.any(verification, ctx.promise(WITHDRAWN).future(), ctx.timer(VERIFICATION_TIMEOUT)).await();
        String status;
        if (first == 0) {
            verification.await(); // the value (e.g. the client's IP) is not needed; a rejection throws here
            ctx.run("activate-account", () -> accounts.verify(userId));
            ctx.object(Counter.class, "signups").call(Counter::add, 1L).await();
            status = "verified";
        } else {
            ctx.run("delete-account", () -> accounts.delete(userId));
            status = first == 1 ? "withdrawn" : "expired";
        }
        ctx.set(STATUS, status);
        return status;
    }

    /** Withdraws a pending signup: {@code run} deletes the account. Answers 409 if already withdrawn. */
    @Shared
    public void withdraw(SharedWorkflowContext ctx, String reason) {
        ctx.promise(WITHDRAWN).resolve(reason == null ? "" : reason);
    }

    /** {@code pending} until {@code run} has decided, then its outcome. */
    @Shared
    public String status(SharedWorkflowContext ctx) {
        return ctx.get(STATUS).orElse("pending");
    }

    /** The body of the verification e-mail: the link resolves the awakeable over Rio's HTTP ingress. */
    static String verificationEmail(String userId, String awakeableId) {
        return "Hello " + userId + ", please confirm your address: POST /restate/awakeables/" + awakeableId
                + "/resolve";
    }
}
