# Build and Payara Micro helpers of bench/run.sh (sourced).
# Needs: ROOT, BENCH_DIR, PORT, JAVA_OPTS, SKIP_BUILD, CLUSTER_WAR (1: the cluster scenarios need rio-bench-cluster.war).

PAYARA_PID=""
TARGET="$BENCH_DIR/target"

build() {
    if [[ "$SKIP_BUILD" == 1 ]]; then
        [[ -f "$TARGET/rio-bench.war" && -f "$TARGET/payara-micro.jar" ]] \
            || die "SKIP_BUILD=1 but $TARGET/rio-bench.war or payara-micro.jar is missing; run without SKIP_BUILD"
        [[ "$CLUSTER_WAR" != 1 || -f "$TARGET/rio-bench-cluster.war" ]] \
            || die "SKIP_BUILD=1 but $TARGET/rio-bench-cluster.war is missing; run without SKIP_BUILD (or mvn -f bench/pom.xml -Pcluster package)"
        return
    fi
    log "building the Rio modules (mvn install, tests not compiled) and the bench WAR"
    (cd "$ROOT" && mvn -q -B install -Dmaven.test.skip=true) || die "the Rio build failed (mvn -q install -Dmaven.test.skip=true in $ROOT)"
    (cd "$ROOT" && mvn -q -B -f bench/pom.xml package) || die "the bench WAR did not build (mvn -f bench/pom.xml package)"
    if [[ "$CLUSTER_WAR" == 1 ]]; then
        log "building the cluster bench WAR (mvn -f bench/pom.xml -Pcluster package)"
        (cd "$ROOT" && mvn -q -B -f bench/pom.xml -Pcluster package) \
            || die "the cluster bench WAR did not build (mvn -f bench/pom.xml -Pcluster package)"
    fi
}

ensure_wrk() {
    command -v wrk >/dev/null && return
    log "wrk is missing; installing it with apt-get"
    if [[ $(id -u) == 0 ]]; then
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        sudo apt-get install -y wrk >/dev/null
    fi
    command -v wrk >/dev/null || die "wrk could not be installed; install it (apt-get install wrk) and retry"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# PORT=auto: 8080 if free, else a free port chosen by the kernel.
choose_port() {
    if [[ "$PORT" != auto ]]; then
        port_in_use "$PORT" && die "port $PORT is in use on 127.0.0.1; choose another with PORT=..."
        return
    fi
    if ! port_in_use 8080; then
        PORT=8080
    else
        PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    fi
}

# Starts Payara Micro alone (--nocluster) with the bench WAR at "/" and waits, at most 180 s, until it
# logged "ready" with a non-empty deployment and /health/ready answers 200.
start_payara() {
    local log_file="$TARGET/payara.log"
    rm -rf "$TARGET/payara-root"
    log "starting Payara Micro on 127.0.0.1:$PORT (log: $log_file)"
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    java $JAVA_OPTS -jar "$TARGET/payara-micro.jar" --nocluster --port "$PORT" \
        --rootDir "$TARGET/payara-root" --deploy "$TARGET/rio-bench.war" --contextroot / \
        >"$log_file" 2>&1 &
    PAYARA_PID=$!
    local i
    for i in $(seq 1 360); do
        kill -0 "$PAYARA_PID" 2>/dev/null || die "Payara Micro exited before it was ready; see $log_file"
        if grep -q ') ready in ' "$log_file"; then
            # Payara Micro reports ready even when the deployment failed; its summary then lists nothing.
            grep -A1 '"Deployed": \[' "$log_file" | grep -Eq '^\s*\]' \
                && die "Payara Micro started but the WAR failed to deploy; see $log_file ($(grep -m1 -o 'Exception while loading the app.\{0,300\}' "$log_file"))"
            if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/health/ready") == 200 ]]; then
                log "Payara Micro is ready (pid $PAYARA_PID)"
                return
            fi
        fi
        sleep 0.5
    done
    die "Payara Micro was not ready within 180 s; see $log_file"
}

# Stops the server started above (SIGTERM, SIGKILL after 20 s). Safe to call twice.
stop_payara() {
    [[ -n "$PAYARA_PID" ]] || return 0
    if kill -0 "$PAYARA_PID" 2>/dev/null; then
        log "stopping Payara Micro (pid $PAYARA_PID)"
        kill "$PAYARA_PID" 2>/dev/null || true
        local i
        for i in $(seq 1 40); do
            kill -0 "$PAYARA_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$PAYARA_PID" 2>/dev/null || true
    fi
    wait "$PAYARA_PID" 2>/dev/null || true
    PAYARA_PID=""
}
