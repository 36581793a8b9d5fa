# Cluster helpers of bench/run.sh (sourced): three Payara Micro nodes with the cluster bench WAR
# (target/rio-bench-cluster.war: rio-hazelcast-membership, an embedded Hazelcast member per node) on the same
# database as the single-node scenarios, and the share of requests the driven node forwards.
# Needs: BENCH_DIR, TARGET, RUN_ID, JAVA_OPTS, CLUSTER_NODES, CLUSTER_MIN_MEMBERS, CLUSTER_START_TIMEOUT,
# CLUSTER_HTTP_PORTS, CLUSTER_PORTS, server.sh (port_in_use) and measure.sh (calc).

CLUSTER_POOL=30     # max-pool-size of bench/src/cluster/webapp/WEB-INF/web.xml (3 x 30 < max_connections 100)
CLUSTER_PIDS=()
CLUSTER_HTTP=()     # HTTP port of node i+1 (node-1 is the one wrk drives)
CLUSTER_VIEW=""     # the last forwarded_share.py line of the driven node

# free_ports N: N distinct ports the kernel says are free on 127.0.0.1 (bound at once, then released).
free_ports() {
    python3 -c 'import socket, sys
s = [socket.socket() for _ in range(int(sys.argv[1]))]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}

# Starts CLUSTER_NODES Payara Micro nodes at once (--nocluster: Payara's own clustering off; Rio's Hazelcast
# member joins the others over TCP-IP on 127.0.0.1) and waits, at most CLUSTER_START_TIMEOUT seconds, until
# every node's /health/ready answers 200 and its GET /rio/cluster lists every node and an owner for every
# partition. Sets PORT to node-1's HTTP port and FLUSH_PORTS to all of them.
start_cluster() {
    local n=$CLUSTER_NODES http cport ports
    if [[ "$CLUSTER_HTTP_PORTS" == auto || "$CLUSTER_PORTS" == auto ]]; then
        read -r -a ports <<<"$(free_ports $(( 2 * n )))"
    fi
    if [[ "$CLUSTER_HTTP_PORTS" == auto ]]; then read -r -a http <<<"${ports[*]:0:n}"; else read -r -a http <<<"$CLUSTER_HTTP_PORTS"; fi
    if [[ "$CLUSTER_PORTS" == auto ]]; then read -r -a cport <<<"${ports[*]:n:n}"; else read -r -a cport <<<"$CLUSTER_PORTS"; fi
    (( ${#http[@]} == n && ${#cport[@]} == n )) || die "CLUSTER_HTTP_PORTS and CLUSTER_PORTS need $n ports each"
    local i p members=""
    for p in "${http[@]}" "${cport[@]}"; do
        port_in_use "$p" && die "port $p is in use on 127.0.0.1; choose others with CLUSTER_HTTP_PORTS / CLUSTER_PORTS"
    done
    for p in "${cport[@]}"; do members+="${members:+,}127.0.0.1:$p"; done
    CLUSTER_HTTP=("${http[@]}")
    log "starting $n Payara Micro nodes (cluster rio-bench-$RUN_ID, HTTP ${http[*]}, Hazelcast ${cport[*]}; logs: $TARGET/payara-node-*.log)"
    for (( i = 1; i <= n; i++ )); do
        rm -rf "$TARGET/payara-node-$i"
        # shellcheck disable=SC2086 # JAVA_OPTS holds several options
        java $JAVA_OPTS -Drio.node.id=node-$i -Drio.cluster.name="rio-bench-$RUN_ID" \
            -Drio.cluster.port="${cport[i-1]}" -Drio.cluster.port-count=1 -Drio.cluster.members="$members" \
            -Drio.cluster.ingress-url="http://127.0.0.1:${http[i-1]}/" -Drio.cluster.min-members="$CLUSTER_MIN_MEMBERS" \
            -Drio.cluster.shutdown-timeout=10s -Dbench.stats.max-connections="$CLUSTER_POOL" \
            -jar "$TARGET/payara-micro.jar" --nocluster --port "${http[i-1]}" \
            --rootDir "$TARGET/payara-node-$i" --deploy "$TARGET/rio-bench-cluster.war" --contextroot / \
            >"$TARGET/payara-node-$i.log" 2>&1 &
        CLUSTER_PIDS+=($!)
    done
    local deadline=$(( $(date +%s) + CLUSTER_START_TIMEOUT )) ok view log_file
    while :; do
        ok=1
        for (( i = 1; i <= n; i++ )); do
            log_file="$TARGET/payara-node-$i.log"
            kill -0 "${CLUSTER_PIDS[i-1]}" 2>/dev/null || die "node-$i exited before the cluster was ready; see $log_file"
            if ! grep -q ') ready in ' "$log_file"; then ok=0; continue; fi
            grep -A1 '"Deployed": \[' "$log_file" | grep -Eq '^\s*\]' \
                && die "node-$i started but the WAR failed to deploy; see $log_file ($(grep -m1 -o 'Exception while loading the app.\{0,300\}' "$log_file"))"
            if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:${http[i-1]}/health/ready") != 200 ]]; then
                ok=0; continue
            fi
            view=$(cluster_view "${http[i-1]}" 2>/dev/null) || { ok=0; continue; }
            [[ "$view" == *" members=$n "* ]] || ok=0
        done
        (( ok )) && break
        (( $(date +%s) < deadline )) || die "the $n nodes did not form a ready cluster within ${CLUSTER_START_TIMEOUT}s; see $TARGET/payara-node-*.log"
        sleep 1
    done
    PORT=${http[0]}
    FLUSH_PORTS="${http[*]}"
    CLUSTER_VIEW=$(cluster_view "$PORT")
    log "cluster ready (pids ${CLUSTER_PIDS[*]}); wrk drives node-1 on port $PORT: $CLUSTER_VIEW"
}

# cluster_view PORT -> the forwarded_share.py line for the Counter keys k1..k10000 as the node on PORT sees them.
cluster_view() {
    curl -sf --max-time 10 "http://127.0.0.1:$1/rio/cluster" | python3 "$BENCH_DIR/lib/forwarded_share.py" Counter 10000
}

# cluster_note: sets POINT_NOTE for a cluster point (wrk_point calls it after the point): the forwarded share
# from the owners table as node-1 sees it now, and whether the table changed since the previous reading.
cluster_note() {
    local now share parts
    if ! now=$(cluster_view "$PORT" 2>/dev/null); then
        POINT_NOTE="forwarded: unknown (GET /rio/cluster failed or incomplete)"
        return
    fi
    share=$(sed -n 's/.*forwarded=\([0-9.]*\).*/\1/p' <<<"$now")
    parts=$(sed -n 's/.*partitions=\([^ ]*\).*/\1/p' <<<"$now" | tr ',' '/')
    POINT_NOTE="forwarded $(calc "$share * 100")% ($CLUSTER_NODES nodes; partitions $parts)"
    [[ "${now#* owners=}" == "${CLUSTER_VIEW#* owners=}" ]] || POINT_NOTE+="; OWNERS CHANGED since the last reading"
    CLUSTER_VIEW=$now
}

# Stops every node started above (SIGTERM to all, SIGKILL after 30 s). Safe to call twice.
stop_cluster() {
    (( ${#CLUSTER_PIDS[@]} > 0 )) || return 0
    local pid i alive
    log "stopping the cluster nodes (pids ${CLUSTER_PIDS[*]})"
    for pid in "${CLUSTER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for i in $(seq 1 60); do
        alive=0
        for pid in "${CLUSTER_PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        (( alive )) || break
        sleep 0.5
    done
    for pid in "${CLUSTER_PIDS[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    CLUSTER_PIDS=()
    FLUSH_PORTS=""
}
