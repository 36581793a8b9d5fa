import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.sun.net.httpserver.HttpServer;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The two ways a member could hand a call to a key's owner, measured alone: an HTTP/1.1 request with the JDK
 * HttpClient (what Rio's forwarder does) and a task on the owner through Hazelcast's IExecutorService
 * (submitToMember). The owner is another process on 127.0.0.1 that echoes the request body; nothing else runs.
 *
 *   java -Dsun.net.httpserver.nodelay=true -cp hazelcast.jar ForwardTransport.java owner HTTP_PORT HZ_PORT
 *   java -cp hazelcast.jar ForwardTransport.java caller HTTP_PORT HZ_PORT CALLER_HZ_PORT N
 */
public class ForwardTransport {
    /** The task the owner runs: echoes its payload, as a relayed answer would carry a body back. */
    public static final class Echo implements Callable<byte[]>, Serializable {
        private final byte[] payload;

        public Echo(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public byte[] call() {
            return payload;
        }
    }

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[1]);
        int hzPort = Integer.parseInt(args[2]);
        if (args[0].equals("owner")) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 64);
            server.createContext("/", ex -> {
                byte[] body = ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
            member(hzPort, hzPort);
            System.out.println("owner ready");
            Thread.sleep(Long.MAX_VALUE);
        }
        int callerPort = Integer.parseInt(args[3]);
        int n = Integer.parseInt(args[4]);
        HazelcastInstance hz = member(callerPort, hzPort);
        while (hz.getCluster().getMembers().size() < 2) {
            Thread.sleep(100);
        }
        Member owner = hz.getCluster().getMembers().stream().filter(m -> !m.localMember()).findFirst().orElseThrow();
        IExecutorService executor = hz.getExecutorService("rio-forward-bench");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] payload = new byte[300]; // about a forwarded call: path, a few headers, a small JSON body
        Arrays.fill(payload, (byte) 'x');
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/Counter/k1/add");
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT up
            long[] http = new long[n];
            long[] task = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = client.sendAsync(HttpRequest.newBuilder(uri)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).join();
                if (r.body().length != payload.length) {
                    throw new IllegalStateException("HTTP echo lost bytes");
                }
                long t1 = System.nanoTime();
                byte[] echoed = executor.submitToMember(new Echo(payload), owner).get();
                if (echoed.length != payload.length) {
                    throw new IllegalStateException("task echo lost bytes");
                }
                long t2 = System.nanoTime();
                http[i] = t1 - t0;
                task[i] = t2 - t1;
            }
            if (round > 0) {
                System.out.println("round " + round + " (" + n + " sequential round trips, 300-byte payload): "
                        + line("http", http) + "; " + line("hazelcast-executor", task));
            }
        }
        hz.shutdown();
    }

    private static String line(String name, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return String.format("%s p50 %.0f us p99 %.0f us", name, s[s.length / 2] / 1e3, s[s.length * 99 / 100] / 1e3);
    }

    private static HazelcastInstance member(int port, int ownerPort) {
        Config c = new Config();
        c.setClusterName("rio-forward-bench");
        c.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        c.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        c.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + ownerPort);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "none");
        c.getJetConfig().setEnabled(false);
        return Hazelcast.newHazelcastInstance(c);
    }
}
