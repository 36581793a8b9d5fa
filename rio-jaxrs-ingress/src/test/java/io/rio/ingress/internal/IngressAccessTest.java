package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.core.model.HandlerAccess;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may reach a handler through the ingress: private handlers, @DenyAll, @RolesAllowed. */
class IngressAccessTest {
    private static final ServiceRegistry REGISTRY = new ServiceRegistry(List.of(
            TestServices.service("Vault", ServiceKind.VIRTUAL_OBJECT,
                    guarded("Vault", "open", HandlerKind.EXCLUSIVE, new HandlerAccess(false, false, Set.of("clerk", "boss"))),
                    guarded("Vault", "audit", HandlerKind.SHARED, new HandlerAccess(true, false, Set.of())),
                    guarded("Vault", "burn", HandlerKind.EXCLUSIVE, new HandlerAccess(false, true, Set.of())),
                    guarded("Vault", "look", HandlerKind.SHARED, HandlerAccess.PUBLIC)),
            TestServices.service("Payroll", ServiceKind.WORKFLOW,
                    guarded("Payroll", "run", HandlerKind.WORKFLOW_RUN, new HandlerAccess(false, false, Set.of("boss"))))));

    private final IngressRouter router = new IngressRouter(REGISTRY, TestServices.SERDE);

    private static HandlerDefinition guarded(String service, String name, HandlerKind kind, HandlerAccess access) {
        return new HandlerDefinition(service, name, kind, null, null, (ctx, input) -> null, service + "#" + name,
                name, null, access);
    }

    private static Caller user(String name, String... roles) {
        return Caller.named(name, Set.of(roles)::contains);
    }

    private Route route(String method, String path, Caller caller) {
        List<String> segments = Arrays.asList(path.substring(1).split("/", -1));
        return router.route(new IngressRequest(method, segments, Map.of(), Map.of(), "".getBytes(StandardCharsets.UTF_8),
                caller));
    }

    private IngressReply refused(String method, String path, Caller caller, int status) {
        Route r = route(method, path, caller);
        IngressReply reply = assertInstanceOf(Route.Reply.class, r, () -> "expected a refusal, got " + r).reply();
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.body().startsWith("{\"code\":" + status + ",\"message\":\""), reply.body());
        return reply;
    }

    @Test
    void aHandlerWithRolesAnswers401ToAnAnonymousCallerWithAChallenge() {
        IngressReply reply = refused("POST", "/Vault/k/open", Caller.ANONYMOUS, 401);
        assertTrue(reply.body().contains("Vault/open needs an authenticated caller with one of the roles boss, clerk"),
                reply.body());
        assertEquals("Basic realm=\"rio\"", reply.headers().get("WWW-Authenticate"));
        refused("POST", "/Vault/k/open/send", Caller.ANONYMOUS, 401);
        refused("POST", "/restate/send/Vault/k/open", Caller.ANONYMOUS, 401);
    }

    @Test
    void aCallerWithoutAnyOfTheRolesGets403AndOneWithARoleGetsThrough() {
        IngressReply reply = refused("POST", "/Vault/k/open", user("eve", "visitor"), 403);
        assertTrue(reply.body().contains("Caller 'eve' holds none of the roles boss, clerk"), reply.body());
        assertInstanceOf(Route.Call.class, route("POST", "/Vault/k/open", user("ann", "clerk")));
        assertInstanceOf(Route.Send.class, route("POST", "/Vault/k/open/send", user("bob", "boss")));
    }

    @Test
    void privateAndDenyAllHandlersAreRefusedToEveryIngressCaller() {
        IngressReply reply = refused("POST", "/Vault/k/audit", user("bob", "boss", "clerk"), 403);
        assertTrue(reply.body().contains("Vault/audit is private (@IngressPrivate)"), reply.body());
        refused("POST", "/Vault/k/audit/send", Caller.ANONYMOUS, 403);
        reply = refused("POST", "/Vault/k/burn", user("bob", "boss"), 403);
        assertTrue(reply.body().contains("Vault/burn refuses every ingress caller (@DenyAll)"), reply.body());
    }

    @Test
    void aPublicHandlerNextToGuardedOnesNeedsNoCaller() {
        assertInstanceOf(Route.Call.class, route("POST", "/Vault/k/look", Caller.ANONYMOUS));
    }

    @Test
    void attachByIdempotencyKeyAndAWorkflowsOutputFollowTheHandlersRoles() {
        refused("GET", "/restate/invocation/Vault/k/open/key-1/attach", Caller.ANONYMOUS, 401);
        refused("GET", "/restate/invocation/Vault/k/audit/key-1/output", user("bob", "boss"), 403);
        assertInstanceOf(Route.Find.class, route("GET", "/restate/invocation/Vault/k/open/key-1/attach",
                user("ann", "clerk")));
        refused("GET", "/restate/workflow/Payroll/june/output", user("ann", "clerk"), 403);
        refused("POST", "/Payroll/june/run", Caller.ANONYMOUS, 401);
        assertInstanceOf(Route.Find.class, route("GET", "/restate/workflow/Payroll/june/attach", user("bob", "boss")));
    }

    @Test
    void credentialsAreNotHandedToHandlersButTheAuthenticatedCallerIsAndCannotBeForged() {
        Map<String, List<String>> headers = Map.of("Authorization", List.of("Basic YW5uOnNlY3JldA=="),
                "Cookie", List.of("JSESSIONID=1"), "X-Rio-Caller", List.of("forged"), "X-Trace", List.of("t1"));
        Route call = router.route(new IngressRequest("POST", List.of("Vault", "k", "open"), Map.of(), headers,
                new byte[0], user("ann", "clerk")));
        Map<String, String> seen = assertInstanceOf(Route.Call.class, call).request().headers();
        assertEquals(Map.of("x-rio-caller", "ann", "x-trace", "t1"), seen);
        Route anonymous = router.route(new IngressRequest("POST", List.of("Vault", "k", "look"), Map.of(), headers,
                new byte[0], Caller.ANONYMOUS));
        assertEquals(Map.of("x-trace", "t1"), assertInstanceOf(Route.Call.class, anonymous).request().headers());
    }

    @Test
    void theAdminServicesListingShowsWhoMayCallEachHandler() {
        String json = AdminJson.services(REGISTRY.services());
        assertTrue(json.contains("{\"name\":\"open\",\"kind\":\"EXCLUSIVE\",\"input\":null,\"output\":null,"
                + "\"rolesAllowed\":[\"boss\",\"clerk\"]}"), json);
        assertTrue(json.contains("\"name\":\"audit\",\"kind\":\"SHARED\",\"input\":null,\"output\":null,"
                + "\"ingressPrivate\":true}"), json);
        assertTrue(json.contains("\"name\":\"burn\",\"kind\":\"EXCLUSIVE\",\"input\":null,\"output\":null,"
                + "\"denyAll\":true}"), json);
        assertTrue(json.contains("{\"name\":\"look\",\"kind\":\"SHARED\",\"input\":null,\"output\":null}"), json);
    }
}
