package io.rio.hazelcast;

/**
 * A member's entry in the directory map: its node id and ingress URL, stored as one string ({@code nodeId}, a line
 * feed, the URL or nothing) so that reading it never needs an application class.
 *
 * <p>Thread safety: immutable.
 *
 * @param nodeId     Rio's node id
 * @param ingressUrl the ingress base URL; null when unknown
 */
record DirectoryEntry(String nodeId, String ingressUrl) {

    static String encode(String nodeId, String ingressUrl) {
        return nodeId + "\n" + (ingressUrl == null ? "" : ingressUrl);
    }

    /** The entry stored as {@code value}; null for null or a malformed value. */
    static DirectoryEntry decode(String value) {
        if (value == null) {
            return null;
        }
        int nl = value.indexOf('\n');
        if (nl < 0) {
            return null;
        }
        String url = value.substring(nl + 1);
        return new DirectoryEntry(value.substring(0, nl), url.isEmpty() ? null : url);
    }
}
