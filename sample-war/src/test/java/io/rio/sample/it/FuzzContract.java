package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against a deployed server: structured cases (malformed JSON, deep nesting, huge numbers and
 * strings, bad UTF-8, odd keys and headers, bad durations, wrong methods and content types), a seeded random
 * generator, and raw HTTP abuse over a socket. Every answer Rio gives is a 2xx or a 4xx whose body is Rio's JSON
 * error; nothing answers 5xx; refused requests store nothing (checked through the admin API); the server is healthy
 * afterwards. What the server's connector refuses before any application sees it is described by
 * {@link #connectorMayRefuse(Case)}.
 *
 * <p>The random part's seed is {@code -Dfuzz.seed} (default below); a failure message names the seed and the case.
 */
interface FuzzContract {
    long DEFAULT_SEED = 20261207L;
    int RANDOM_CASES = 400;

    Http http();

    /**
     * Whether the server itself (its HTTP connector, before any application code) may refuse {@code c} with a 4xx of its
     * own (Payara: no body; WildFly: a small HTML page), which no application can change: a path with an encoded control character, NUL,
     * backslash or byte that is not UTF-8, or that climbs above the root; a request line or header over the
     * connector's size limit; a body on a method that has none; TRACE. The README lists them. Anything else that is
     * refused must be Rio's JSON.
     */
    static boolean connectorMayRefuse(Case c) {
        String path = c.path();
        boolean oddEscape = java.util.regex.Pattern.compile("%(?:[01][0-9A-Fa-f]|5[Cc]|7[Ff]|[89A-Fa-f][0-9A-Fa-f])")
                .matcher(path).find();
        boolean climbs = path.contains("..") || path.toLowerCase(java.util.Locale.ROOT).contains("%2e%2e");
        int headerBytes = c.headers().values().stream().mapToInt(String::length).max().orElse(0);
        boolean bodyOnBodilessMethod = c.body() != null && c.body().length > 0
                && java.util.Set.of("GET", "DELETE", "HEAD", "OPTIONS", "TRACE").contains(c.method());
        return oddEscape || climbs || path.length() > 7_000 || headerBytes > 7_000 || bodyOnBodilessMethod
                || c.method().equals("TRACE");
    }

    /**
     * Raw requests that this server answers wrongly before any application code runs, with the status it gives: the
     * test asserts that status, so that it notices when the server changes.
     */
    default Map<String, Integer> knownServerDefects() {
        return Map.of();
    }

    /** One request and what it must not do. */
    record Case(String name, String method, String path, Map<String, String> headers, byte[] body) {
        static Case of(String name, String method, String path, String contentType, String body) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            return new Case(name, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        Case header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Case(this.name, method, path, h, body);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends {@code c}; returns a problem description, or null if the answer is acceptable. */
    private String check(HttpClient client, Case c, Set<String> storedKeys) {
        HttpResponse<String> r;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http().base() + c.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
            c.headers().forEach(b::header);
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            return null; // the JDK client refuses to send it (a header it owns, an illegal URI): nothing reached the server
        } catch (IOException | InterruptedException e) {
            return c.name() + ": no answer (" + e + ")";
        }
        int status = r.statusCode();
        if (status >= 500) {
            return c.name() + ": " + c.method() + " " + abbreviate(c.path()) + " answered " + status + ": "
                    + abbreviate(r.body());
        }
        if (status / 100 == 2 && c.path().startsWith("Counter/")) {
            storedKeys.add(keyOf(c.path()));
        }
        if (status >= 400 && !c.method().equals("HEAD")) {
            try {
                JsonObject error = Http.json(r.body());
                if (error.getInt("code", -1) != status || error.getString("message", "").isBlank()) {
                    return c.name() + ": " + status + " without Rio's {code,message}: " + abbreviate(r.body());
                }
                if (r.body().contains("\tat ") || r.body().contains("Exception:")) {
                    return c.name() + ": " + status + " carries a stack trace or exception: " + abbreviate(r.body());
                }
            } catch (AssertionError | RuntimeException e) {
                if (!connectorMayRefuse(c)) {
                    return c.name() + ": " + c.method() + " " + abbreviate(c.path()) + " answered " + status
                            + " with a body that is not Rio's JSON error: " + abbreviate(r.body());
                }
            }
        }
        return null;
    }

    /** The object key JAX-RS reads from the path: the second segment without matrix parameters, decoded. */
    private static String keyOf(String path) {
        String[] parts = path.split("[/?]");
        if (parts.length < 2) {
            return "";
        }
        int matrix = parts[1].indexOf(';');
        if (matrix >= 0) {
            parts[1] = parts[1].substring(0, matrix);
        }
        try {
            return java.net.URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return parts[1]; // not decodable: such a key is refused, and compared as written
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
    }

    private void runAll(List<Case> cases, String label) {
        HttpClient client = client();
        Set<String> stored = new HashSet<>();
        Set<String> before = counterKeys();
        List<String> problems = new ArrayList<>();
        Set<String> counterKeys = new HashSet<>();
        for (Case c : cases) {
            if (c.path().startsWith("Counter/")) {
                counterKeys.add(keyOf(c.path()));
            }
            String problem = check(client, c, stored);
            if (problem != null) {
                problems.add(problem);
            }
        }
        assertTrue(problems.isEmpty(), label + ": " + problems.size() + " of " + cases.size() + " answers broke the"
                + " rules:\n" + String.join("\n", problems));
        Set<String> after = counterKeys();
        after.removeAll(before);
        after.removeAll(stored);
        after.retainAll(counterKeys);
        assertEquals(Set.of(), after, label + ": refused requests stored state for these keys");
        assertHealthy();
    }

    /** Every key of Counter that has state, from the admin API. */
    private Set<String> counterKeys() {
        HttpResponse<String> r = new Admin(http()).get("objects/Counter/keys?limit=1000");
        assertEquals(200, r.statusCode(), r.body());
        Set<String> keys = new HashSet<>();
        for (JsonValue v : Http.json(r.body()).getJsonArray("keys")) {
            keys.add(((jakarta.json.JsonString) v).getString());
        }
        return keys;
    }

    private void assertHealthy() {
        String key = IngressContract.uniqueKey("healthy");
        assertEquals(2, http().callLong("Counter/" + key + "/add", "2"), "the server still serves calls");
        assertEquals("\"Hello, ok!\"", http().call("Greeter/greet", "\"ok\""));
    }

    @Test
    default void structuredHostileRequestsGetA2xxOrRioJson4xxAndStoreNothing() {
        List<Case> cases = new ArrayList<>();
        String k = IngressContract.uniqueKey("fz");
        String json = "application/json";
        String[] badBodies = {"{", "[1,", "\"unterminated", "1 2", "nul", "{\"a\":}", "tru", "", " ", "\u0000",
            "\uFEFF1", "0x10", "+1", "01", "1.", ".5", "NaN", "Infinity", "-", "1e", "[]", "{}", "\"5\"", "true",
            "null", "1e999999", "123456789012345678901234567890", "-9223372036854775809", "9.9e18", "1.5",
            "[" .repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
            "\"" + "s".repeat(1_100_000) + "\"", "[" + "1,".repeat(300_000) + "1]", "\"\\ud800\"", "\"\\u12\"",
            "\"\\x41\"", "\"tab\there\"", "/* comment */ 1", "1 // comment"};
        int i = 0;
        for (String body : badBodies) {
            cases.add(Case.of("counter-body-" + i, "POST", "Counter/" + k + "-b" + i + "/add", json, body));
            cases.add(Case.of("greeter-body-" + i, "POST", "Greeter/greet", json, body));
            cases.add(Case.of("signup-body-" + i, "POST", "Signup/" + k + "-w" + i + "/run", json, body));
            i++;
        }
        byte[][] badUtf8 = {{(byte) 0xC3, (byte) 0x28}, {'"', (byte) 0xFF, '"'}, {'"', (byte) 0xED, (byte) 0xA0,
            (byte) 0x80, '"'}, {'"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
            {'"', (byte) 0xC0, (byte) 0xAF, '"'}};
        for (int j = 0; j < badUtf8.length; j++) {
            cases.add(new Case("utf8-" + j, "POST", "Greeter/greet", Map.of("Content-Type", json), badUtf8[j]));
            cases.add(new Case("utf8-counter-" + j, "POST", "Counter/" + k + "-u" + j + "/add",
                    Map.of("Content-Type", json), badUtf8[j]));
        }
        String[] oddKeys = {"%2e%2e", "..", ".", "%00", "a%00b", "%2F", "a%2Fb", "%5C", "%25", "%ZZ", "%", "a%2",
            "%20", "%09", "%0A", "%0D%0A", "%7F", "%C3%28", "%FF", "%F0%9F%98%80", "k".repeat(1025),
            "k".repeat(10_000), "%E2%80%AE", ";", "a;b=c", "a;jsessionid=1", "~", "'", "%22", "%3C", "%3E",
            "%7B%7D", "*", "!", "$", "&", "=", "@", "%3F"};
        i = 0;
        for (String key : oddKeys) {
            cases.add(Case.of("key-" + i, "POST", "Counter/" + k + key + "/add", json, "1"));
            cases.add(Case.of("bare-key-" + i, "POST", "Counter/" + key + "/add", json, "1"));
            i++;
        }
        String[] contentTypes = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/json; charset=nope",
            "*/*", "application/", "garbage", ";;;", "application/json, text/plain"};
        i = 0;
        for (String type : contentTypes) {
            cases.add(Case.of("type-" + i, "POST", "Counter/" + k + "-t" + i + "/add", type, "1"));
            i++;
        }
        cases.add(Case.of("no-type", "POST", "Counter/" + k + "-nt/add", null, "1"));
        String[] delays = {"abc", "-1s", "99999999999999d", "1.5s", "", "PT", "P-1D", "1e9s", "9223372036854775807ms",
            "1s1s", "%00", "10y", "0x10s", " 5s", "5 s", "5S", "P1000000000D"};
        i = 0;
        for (String delay : delays) {
            cases.add(Case.of("delay-" + i, "POST", "Counter/" + k + "-d" + i + "/add/send?delay=" + delay
                    .replace(" ", "%20"), json, "1"));
            i++;
        }
        String[] idempotencyKeys = {"", " ", "i".repeat(1025), "i".repeat(20_000), "\u00e9\u00e9", "a\tb"};
        i = 0;
        for (String idem : idempotencyKeys) {
            cases.add(Case.of("idem-" + i, "POST", "Counter/" + k + "-i" + i + "/add", json, "1")
                    .header("Idempotency-Key", idem));
            i++;
        }
        cases.add(Case.of("huge-header", "POST", "Counter/" + k + "-hh/add", json, "1").header("X-Big", "h".repeat(70_000)));
        cases.add(Case.of("many-headers", "POST", "Greeter/greet", json, "\"x\"").header("X-A", "1").header("X-B", "2"));
        String[] methods = {"PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "GET"};
        i = 0;
        for (String method : methods) {
            cases.add(Case.of("method-" + i, method, "Counter/" + k + "-m" + i + "/add", json,
                    method.equals("GET") || method.equals("HEAD") || method.equals("TRACE") ? null : "1"));
            cases.add(Case.of("method-admin-" + i, method, "rio/admin/services", json, null));
            i++;
        }
        String[] paths = {"", "/", "restate", "restate/", "restate/call", "restate/send/Counter", "restate/attach/",
            "restate/attach/%00", "restate/attach/" + "x".repeat(5000), "restate/output/inv_nope",
            "restate/invocation/", "restate/invocation/a/b/c/d/e/f/g", "restate/workflow/Signup",
            "restate/workflow/Nope/k/attach", "restate/awakeables/garbage/resolve", "restate/awakeables//resolve",
            "restate/awakeables/awk_inv_x_99999999999999999999/resolve", "restate/awakeables/awk_inv_x_1/explode",
            "Greeter", "Greeter/", "Greeter/greet/send/extra", "Greeter/nope", "Counter", "Counter/" + k,
            "Counter//add", "Counter/" + k + "/", "Nope/x", "rio", "rio/admin", "rio/admin/../../Greeter/greet",
            "rio/cluster", "rio/cluster/owner?service=Counter&key=", "rio/cluster/owner?service=%00&key=a",
            "%2e%2e/%2e%2e/etc/passwd", "Greeter/greet%00", "Greeter/greet;x=y", "Greeter%2Fgreet",
            "restate/send/Counter/" + k + "-s/add?delay=1s&delay=2s", "Greeter/greet?x=%ZZ"};
        i = 0;
        for (String path : paths) {
            cases.add(Case.of("path-post-" + i, "POST", path, json, "1"));
            cases.add(Case.of("path-get-" + i, "GET", path, null, null));
            i++;
        }
        runAll(cases, "structured cases");
    }

    @Test
    default void seededRandomRequestsGetA2xxOrRioJson4xxAndStoreNothing() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        String[] services = {"Counter", "Greeter", "Signup", "Till", "Desk", "restate", "rio", "Nope", ""};
        String[] handlers = {"add", "get", "reset", "greet", "run", "deposit", "balance", "write", "leaveNote", "send",
            "call", "attach", "output", "awakeables", "resolve", "admin", "", "x"};
        String[] methods = {"POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH"};
        String[] types = {"application/json", "application/json", "text/plain", null, "application/json; charset=utf-8",
            "application/octet-stream"};
        String alphabet = "aZ09-_.~%/;:@!$&'()*+,=?#[] \u00e9\u20ac\uD83D\uDE00\u0000\u001f";
        String k = IngressContract.uniqueKey("fr");
        List<Case> cases = new ArrayList<>();
        for (int n = 0; n < RANDOM_CASES; n++) {
            StringBuilder path = new StringBuilder(services[random.nextInt(services.length)]);
            int segments = random.nextInt(4);
            for (int s = 0; s < segments; s++) {
                path.append('/');
                if (random.nextInt(3) == 0) {
                    path.append(handlers[random.nextInt(handlers.length)]);
                } else {
                    path.append(k).append(n).append(encode(randomText(random, alphabet, random.nextInt(12))));
                }
            }
            if (random.nextInt(5) == 0) {
                path.append("?delay=").append(encode(randomText(random, "0123456789smhdPTy.-", random.nextInt(8))));
            }
            String type = types[random.nextInt(types.length)];
            byte[] body = randomBody(random);
            Map<String, String> headers = new LinkedHashMap<>();
            if (type != null) {
                headers.put("Content-Type", type);
            }
            if (random.nextInt(6) == 0) {
                headers.put("Idempotency-Key", randomText(random, "abc123-", random.nextInt(3) == 0 ? 1100 : 8));
            }
            cases.add(new Case("random-" + n + " (seed " + seed + ")", methods[random.nextInt(methods.length)],
                    path.toString(), headers, body));
        }
        runAll(cases, "random cases with seed " + seed);
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            b.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return b.toString();
    }

    /** Percent-encodes what a URI cannot carry raw, leaving '%' and '/' as they are (so odd escapes get through). */
    private static String encode(String text) {
        StringBuilder b = new StringBuilder();
        for (byte x : text.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}[]# ".indexOf(c) < 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static byte[] randomBody(Random random) {
        switch (random.nextInt(8)) {
            case 0:
                return null;
            case 1: {
                byte[] b = new byte[random.nextInt(64)];
                random.nextBytes(b);
                return b;
            }
            case 2:
                return ("[".repeat(random.nextInt(5000)) + "1").getBytes(StandardCharsets.UTF_8);
            case 3:
                return Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8);
            case 4:
                return ("\"" + "z".repeat(random.nextInt(3) == 0 ? 1_200_000 : random.nextInt(100)) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
            case 5: {
                String valid = "{\"till\":\"t\",\"text\":\"hi\",\"name\":\"n\",\"email\":\"e@x\"}";
                int cut = random.nextInt(valid.length());
                return (valid.substring(0, cut) + (random.nextBoolean() ? "\u0001" : "")).getBytes(StandardCharsets.UTF_8);
            }
            case 6:
                return (random.nextInt(1000) + "e" + random.nextInt(100_000)).getBytes(StandardCharsets.UTF_8);
            default:
                return ("" + random.nextInt(100)).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Raw HTTP over a socket; the answer's status, or -1 if the server closed the connection without one. */
    private int raw(String request) throws IOException {
        URI base = URI.create(http().base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0 && answer.size() < 1 << 20;) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // reset after the answer, or no answer at all
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/")) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }
    }

    @Test
    default void rawHttpAbuseNeverGets5xxAndTheServerStaysHealthy() throws IOException {
        String host = "Host: 127.0.0.1\r\n";
        String[] requests = {
            "GARBAGE\r\n\r\n",
            "POST /Greeter/greet HTTP/9.9\r\n" + host + "\r\n",
            "POST /Greeter/greet\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Content-Length: 100\r\n\r\n\"short\"",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Content-Length: -5\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Content-Length: 99999999999999999999\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\n\"a\"",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\n\"a\"\r\n0\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\nxx",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 5\r\n"
                    + "Content-Encoding: gzip\r\n\r\n\"abc\"",
            "POST /../../../etc/passwd HTTP/1.1\r\n" + host + "\r\n",
            "POST /Greeter/gr eet HTTP/1.1\r\n" + host + "\r\n",
            "POST /Greeter/greet\u0000 HTTP/1.1\r\n" + host + "\r\n",
            "POST /Counter/a\u00ff/add HTTP/1.1\r\n" + host + "Content-Length: 1\r\n\r\n1",
            "POST http://evil.example/Greeter/greet HTTP/1.1\r\n" + host + "Content-Length: 3\r\n\r\n\"a\"",
            "POST * HTTP/1.1\r\n" + host + "\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "X-Broken\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + " folded: header\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "X-Long: " + "l".repeat(100_000) + "\r\n\r\n",
            "POST /" + "p".repeat(100_000) + " HTTP/1.1\r\n" + host + "\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Expect: 100-continue\r\nContent-Length: 3\r\n\r\n\"a\"",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Expect: 100-continue\r\nContent-Length: 2000000\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Connection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 3\r\n\r\n\"a\"",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            "POST /Greeter/greet HTTP/1.1\r\n" + host + "Content-Length: 3\r\n\r\n\"a\"POST /Greeter/greet HTTP/1.1\r\n",
            "\r\n\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
        };
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < requests.length; i++) {
            int status = raw(requests[i]);
            Integer defect = knownServerDefects().get("raw-" + i);
            if (defect != null) {
                if (status != defect) {
                    problems.add("raw-" + i + " is listed as a server defect answering " + defect + " but answered "
                            + status + ": update knownServerDefects()");
                }
                continue;
            }
            if (status >= 500 && status != 505) { // 505: HTTP Version Not Supported is the container's right answer
                problems.add("raw-" + i + " answered " + status + ": " + abbreviate(requests[i].replace("\r\n", "\\r\\n")));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertHealthy();
    }
}
