package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delayed sends through the ingress ({@code POST /Reminders/deliver/send?delay=...}) to recipients named
 * {@code <prefix>-<n>}; each delivery leaves a {@code sample_sent_email} row stamped with its arrival time.
 */
final class DelayedSends {

    private DelayedSends() {
    }

    /**
     * Sends reminders to {@code <prefix>-<first>} .. {@code <prefix>-<first+count-1>} from 10 clients.
     *
     * @return each recipient's send time (epoch millis, taken just before its request)
     */
    static Map<String, Long> send(Http http, String prefix, int first, int count, Duration delay) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        int clients = 10;
        Load.run(clients, count / clients, Duration.ofSeconds(60), (client, i) -> {
            String to = prefix + "-" + (first + client * (count / clients) + i);
            sentAt.put(to, System.currentTimeMillis());
            HttpResponse<String> r = http.post("Reminders/deliver/send?delay=" + delay.toMillis() + "ms",
                    "{\"to\":" + Http.quote(to) + ",\"text\":\"delayed\"}");
            assertEquals(202, r.statusCode(), r.body());
        });
        return sentAt;
    }

    static long delivered(String prefix) {
        return PostgresDb.count("SELECT count(*) FROM sample_sent_email WHERE recipient LIKE ?", prefix + "-%");
    }

    /** Every recipient of {@code sentAt} got exactly one e-mail, none before its send time plus {@code delay}. */
    static void assertDeliveredOnceAndNotEarly(String prefix, Map<String, Long> sentAt, Duration delay) throws SQLException {
        Map<String, Integer> deliveries = new HashMap<>();
        try (Connection c = PostgresDb.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT recipient, sent_at FROM sample_sent_email WHERE recipient LIKE ?")) {
            ps.setString(1, prefix + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String to = rs.getString(1);
                    deliveries.merge(to, 1, Integer::sum);
                    long early = sentAt.get(to) + delay.toMillis() - rs.getLong(2);
                    assertTrue(early <= 0, to + " arrived " + early + " ms before its delay of " + delay);
                }
            }
        }
        assertEquals(sentAt.keySet(), deliveries.keySet(), "every delayed send arrived");
        deliveries.forEach((to, n) -> assertEquals(1, n, to + " arrived " + n + " times"));
    }
}
