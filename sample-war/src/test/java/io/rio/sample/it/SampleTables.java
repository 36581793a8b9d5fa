package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the sample records in PostgreSQL (its payment ledger, its sent e-mails), read by the tests. */
final class SampleTables {
    private static final Pattern AWAKEABLE_LINK = Pattern.compile("/restate/awakeables/([^/\\s]+)/resolve");
    private static final Pattern CONFIRMATION = Pattern.compile("confirmation (\\S+)");

    private SampleTables() {
    }

    /** Sends {@code Payment/pay} for {@code payment} and waits until it charged; returns the invocation id. */
    static String startPayment(Http http, String payment) {
        HttpResponse<String> sent = http.post("Payment/pay/send",
                "{\"paymentId\":" + Http.quote(payment) + ",\"amountCents\":500}");
        assertEquals(202, sent.statusCode(), sent.body());
        Await.atLeast("payment " + payment + " charged", 1, Duration.ofSeconds(30), () -> PostgresDb.count(
                "SELECT count(*) FROM sample_payment_event WHERE payment_id = ? AND event = 'charged'", payment));
        return Http.json(sent.body()).getString("invocationId");
    }

    /** The awakeable the payment waits on, as its "charged" event records it. */
    static String confirmationOf(String payment) {
        String detail = PostgresDb.strings(
                "SELECT detail FROM sample_payment_event WHERE payment_id = ? AND event = 'charged'", payment).get(0);
        Matcher m = CONFIRMATION.matcher(detail);
        assertTrue(m.find(), detail);
        return m.group(1);
    }

    /** The payment's ledger events, in order. */
    static List<String> paymentEvents(String payment) {
        return PostgresDb.strings("SELECT event FROM sample_payment_event WHERE payment_id = ? ORDER BY id", payment);
    }

    /** Waits for the verification e-mail to {@code email} and returns the awakeable id its link carries. */
    static String awakeableEmailedTo(String email) {
        String body = Await.until("the verification e-mail to " + email, Duration.ofSeconds(30), () -> {
            List<String> bodies = PostgresDb.strings("SELECT body FROM sample_sent_email WHERE recipient = ?", email);
            return bodies.isEmpty() ? null : bodies.get(0);
        });
        Matcher m = AWAKEABLE_LINK.matcher(body);
        assertTrue(m.find() && !m.group(1).isBlank(), "the e-mail carries the awakeable link: " + body);
        return m.group(1);
    }
}
