package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.sample.it.app.AdminSecurity;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Rio's admin API ({@code /rio/admin}) of one server, as the test deployment's operator (role rio-admin). */
final class Admin {

    static final Map<String, String> OPERATOR = Http.basicAuth(AdminSecurity.USER, AdminSecurity.PASSWORD);

    private final Http http;

    Admin(Http http) {
        this.http = http;
    }

    /** {@code GET /rio/admin/invocations/{id}}: the invocation with its journal, or null when it answers 404. */
    JsonObject invocation(String id) {
        HttpResponse<String> r = http.get("rio/admin/invocations/" + id, OPERATOR);
        if (r.statusCode() == 404) {
            return null;
        }
        assertTrue(r.statusCode() == 200, "GET /rio/admin/invocations/" + id + " answered " + r.statusCode() + ": " + r.body());
        return Http.json(r.body());
    }

    /** Waits until the invocation has {@code status}; returns its details. */
    JsonObject awaitStatus(String id, String status, Duration timeout) {
        return Await.until("invocation " + id + " to be " + status, timeout, () -> {
            JsonObject details = invocation(id);
            return details != null && status.equals(details.getString("status", null)) ? details : null;
        });
    }

    /** {@code POST /rio/admin/invocations/{id}/{action}}, asserting a 2xx answer. */
    void act(String id, String action) {
        HttpResponse<String> r = http.post("rio/admin/invocations/" + id + "/" + action, null, OPERATOR);
        assertTrue(r.statusCode() / 100 == 2, "POST /rio/admin/invocations/" + id + "/" + action + " answered "
                + r.statusCode() + ": " + r.body());
    }

    /** {@code DELETE /rio/admin/invocations/{id}} (purge). */
    HttpResponse<String> purge(String id) {
        return http.delete("rio/admin/invocations/" + id, OPERATOR);
    }

    HttpResponse<String> get(String path) {
        return http.get("rio/admin/" + path, OPERATOR);
    }
}
