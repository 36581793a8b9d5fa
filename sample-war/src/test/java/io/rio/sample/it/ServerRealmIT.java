package io.rio.sample.it;

import static io.rio.sample.it.IngressContract.assertJsonError;
import static io.rio.sample.it.IngressContract.uniqueKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.sample.it.realm.payara.FileRealmSecurity;
import io.rio.sample.it.secured.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Roles on handlers, the admin API and the console with users of the server's own identity store, set up as the
 * README says: WildFly's {@code ApplicationRealm} ({@code bin/add-user.sh -a ... -g <groups>}, the servlet
 * container's own BASIC login in {@code web.xml}) and Payara Server's {@code file} realm ({@code asadmin create-file-user --groups ...}, the application naming
 * the realm with {@code @RealmIdentityStoreDefinition("file")}). The application has no identity store of its own.
 */
class ServerRealmIT {
    private static final Map<String, String> OPERATOR = Http.basicAuth("operator", Users.PASSWORD);
    private static final Map<String, String> CLERK = Http.basicAuth("clerk", Users.PASSWORD);
    private static final Map<String, String> VISITOR = Http.basicAuth("visitor", Users.PASSWORD);
    private static final Map<String, String> WRONG = Http.basicAuth("clerk", "not-the-password");
    private static final Map<String, String> USERS = Map.of("operator", "rio-admin", "clerk", "clerk",
            "visitor", "visitors");

    @Test
    void onWildFlyTheApplicationRealmsUsersAndGroupsDecide() {
        Path war = Deployments.exportServerRealmSample("realm-wildfly.war", null, "it-realm/web.xml");
        try (WildFlyProcess wildfly = WildFlyProcess.start("realm", war, Map.of(), List.of(), Map.of(),
                (home, base) -> USERS.forEach((user, group) -> run(List.of(home.resolve("bin/add-user.sh").toString(),
                        "-a", "-u", user, "-p", Users.PASSWORD, "-g", group, "-s",
                        "-sc", base.resolve("configuration").toString()))))) {
            assertAccess(wildfly.http());
        }
    }

    @Test
    void onPayaraServerTheFileRealmsUsersAndGroupsDecide() throws IOException {
        Path war = Deployments.exportServerRealmSample("realm-payara.war", FileRealmSecurity.class, "it-secured/web.xml");
        Path passwords = Deployments.workDir().resolve("realm-passwords.txt");
        Files.writeString(passwords, "AS_ADMIN_PASSWORD=\nAS_ADMIN_USERPASSWORD=" + Users.PASSWORD + "\n");
        List<String> commands = USERS.entrySet().stream().map(u -> "--passwordfile " + passwords
                + " create-file-user --groups " + u.getValue() + " " + u.getKey()).toList();
        try (PayaraServerProcess payara = PayaraServerProcess.start("realm", war, commands)) {
            assertAccess(payara.http());
        }
    }

    private static void assertAccess(Http http) {
        String key = uniqueKey("realm-till");
        assertJsonError(http.post("Till/" + key + "/deposit", "5"), 401);
        // a wrong password: WildFly's container refuses it itself (its HTML 401 page), before Rio sees the request
        assertEquals(401, http.post("Till/" + key + "/deposit", "5", WRONG).statusCode());
        assertJsonError(http.post("Till/" + key + "/deposit", "5", VISITOR), 403);
        HttpResponse<String> clerk = http.post("Till/" + key + "/deposit", "5", CLERK);
        assertEquals(200, clerk.statusCode(), clerk.body());
        assertEquals("5", clerk.body().trim());

        assertJsonError(http.get("rio/admin/services"), 401);
        assertJsonError(http.get("rio/admin/services", CLERK), 403);
        HttpResponse<String> services = http.get("rio/admin/services", OPERATOR);
        assertEquals(200, services.statusCode(), services.body());
        HttpResponse<String> console = http.get("rio/admin/console/", OPERATOR);
        assertEquals(200, console.statusCode(), console.body());
        assertTrue(console.body().contains("Rio console"));
        assertEquals("\"Hello, Ann!\"", http.call("Greeter/greet", "\"Ann\""), "public handlers stay public");
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
