package io.rio.ingress.internal;

import io.rio.spi.Membership;
import io.rio.spi.Membership.Member;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the cluster views ({@link ClusterOperations}).
 *
 * <p>Thread safety: stateless.
 */
final class ClusterJson {

    private ClusterJson() {
    }

    /** What {@code GET {ingressUrl}rio/cluster/self} of another member said; {@code null}s when it did not answer. */
    record Peer(Integer inflight, Integer held) {
        static final Peer UNKNOWN = new Peer(null, null);
    }

    /**
     * {@code {"self","ready","partitions":271,"members":[member...],"owners":[index of the owner of partition 0 in
     * members, ..., -1 when none]}}.
     */
    static String cluster(String self, boolean ready, List<Member> members, int[] owners) {
        JsonWriter w = new JsonWriter().beginObject().field("self", self).name("ready").bool(ready)
                .field("partitions", Membership.PARTITIONS).name("members").beginArray();
        members.forEach(m -> member(w.beginObject(), m).endObject());
        w.endArray().name("owners").beginArray();
        for (int owner : owners) {
            w.number(owner);
        }
        return w.endArray().endObject().toString();
    }

    /** {@code {"nodeId","inflight","held"}}. */
    static String self(String nodeId, int inflight, int held) {
        return new JsonWriter().beginObject().field("nodeId", nodeId).field("inflight", inflight)
                .field("held", held).endObject().toString();
    }

    /**
     * {@code {"self","ready","partitions":271,"members":[{member..., "partitions":<owned count>, "inflight",
     * "heldPartitions"}]}}; {@code inflight} and {@code heldPartitions} are {@code null} for a member that did
     * not answer.
     */
    static String admin(String self, boolean ready, List<Member> members, int[] owned, List<Peer> peers) {
        JsonWriter w = new JsonWriter().beginObject().field("self", self).name("ready").bool(ready)
                .field("partitions", Membership.PARTITIONS).name("members").beginArray();
        for (int i = 0; i < members.size(); i++) {
            member(w.beginObject(), members.get(i)).field("partitions", owned[i])
                    .field("inflight", peers.get(i).inflight()).field("heldPartitions", peers.get(i).held())
                    .endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** {@code {"service","key","partition","owner":{member}|null,"local"}}. */
    static String owner(String service, String key, Integer partition, Member owner) {
        JsonWriter w = new JsonWriter().beginObject().field("service", service).field("key", key)
                .field("partition", partition).name("owner");
        if (owner == null) {
            w.raw(null);
        } else {
            member(w.beginObject(), owner).endObject();
        }
        return w.name("local").bool(owner != null && owner.local()).endObject().toString();
    }

    /** Writes {@code "id","nodeId","address","ingressUrl","local"} into the object {@code w} has open. */
    static JsonWriter member(JsonWriter w, Member m) {
        return w.field("id", m.id()).field("nodeId", m.nodeId()).field("address", m.address())
                .field("ingressUrl", m.ingressUrl()).name("local").bool(m.local());
    }

    /** Reads {@code inflight} and {@code held} from a member's {@code rio/cluster/self} answer. */
    static Peer peer(String json) {
        try {
            Map<String, String> members = JsonText.objectMembers(json);
            return new Peer(integer(members.get("inflight")), integer(members.get("held")));
        } catch (IllegalArgumentException e) {
            return Peer.UNKNOWN;
        }
    }

    private static Integer integer(String json) {
        try {
            return json == null ? null : Integer.valueOf(json.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
