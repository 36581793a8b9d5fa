#!/usr/bin/env bash
# Rio benchmark: builds Rio and the bench WAR, deploys it on Payara Micro against the local PostgreSQL, and
# drives each scenario with wrk (pgbench for the database baseline) at 1, 16 and 64 connections.
# Prints req/s, p50/p99/p99.9 latency, errors and PostgreSQL commits per request, and writes them to
# bench/results/<date>.csv (and a Markdown table next to it).
#
#   bench/run.sh            full run: every scenario, 20 s per point (about 20 minutes)
#   bench/run.sh --smoke    CI smoke: a few scenarios, 3 s per point, 1 and 16 connections (about a minute
#                           after the build); exits 1 unless every point answered without errors and every
#                           accepted send completed
#   bench/run.sh --cluster  counter-random on one node, then cluster-counter-random: the same workload through
#                           one of three clustered nodes (rio-hazelcast-membership) on the same database (about
#                           5 minutes); not part of the full run or of --smoke
#
# Environment (defaults in brackets): DURATION [20s], WARMUP [5s], CONNS ["1 16 64"], SCENARIOS [all but the cluster ones],
# JIT_WARMUP [15s: per server scenario, once after the server starts and before anything is measured; 0 skips],
# PORT [auto: 8080 if free], JAVA_OPTS [-Xmx1g], SKIP_BUILD [0], RESET_DB [1: drop and recreate the
# database], BENCH_DB [riobench], DRAIN_TIMEOUT [120, seconds], WRK_THREADS [2], WRK_TIMEOUT [30s],
# SEND_PATH [/OneStepWorkflow/{key}/run/send: a one-step workflow], SEND_KEYS [unique: a new workflow key
# per request], SEND_SERVICE [OneStepWorkflow]; the same step as a @Service job:
# SEND_PATH=/OneStepJob/run/send SEND_KEYS= SEND_SERVICE=OneStepJob.
# Cluster scenarios: CLUSTER_NODES [3], CLUSTER_MIN_MEMBERS [2], CLUSTER_START_TIMEOUT [300, seconds],
# CLUSTER_HTTP_PORTS and CLUSTER_PORTS [auto: free ports; else one per node, space-separated]; the nodes run
# with JAVA_OPTS too.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ALL_SCENARIOS="greet counter-one counter-random three-steps send pgbench-random pgbench-one bare-greet bare-upsert-one bare-upsert-random bare-auto-random"
SMOKE_SCENARIOS="greet counter-random three-steps send pgbench-random bare-upsert-random"
# Run only when named (SCENARIOS or --cluster): they start CLUSTER_NODES servers of the cluster bench WAR.
CLUSTER_SCENARIOS="cluster-counter-random"

SMOKE=0
CLUSTER=0
for arg in "$@"; do
    case "$arg" in
        --smoke) SMOKE=1 ;;
        --cluster) CLUSTER=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument '$arg'; usage: bench/run.sh [--smoke | --cluster]" ;;
    esac
done
[[ "$SMOKE$CLUSTER" != 11 ]] || die "--smoke and --cluster do not go together"
if [[ "$SMOKE" == 1 ]]; then
    DURATION=${DURATION:-3s}; WARMUP=${WARMUP:-1s}; JIT_WARMUP=${JIT_WARMUP:-0}; CONNS=${CONNS:-"1 16"}; SCENARIOS=${SCENARIOS:-$SMOKE_SCENARIOS}
fi
if [[ "$CLUSTER" == 1 ]]; then
    SCENARIOS=${SCENARIOS:-"counter-random cluster-counter-random"}
fi
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
JIT_WARMUP=${JIT_WARMUP:-15s}
CONNS=${CONNS:-"1 16 64"}
SCENARIOS=${SCENARIOS:-$ALL_SCENARIOS}
PORT=${PORT:-auto}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
SKIP_BUILD=${SKIP_BUILD:-0}
RESET_DB=${RESET_DB:-1}
DB=${BENCH_DB:-riobench}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-120}
WRK_THREADS=${WRK_THREADS:-2}
WRK_TIMEOUT=${WRK_TIMEOUT:-30s}
SEND_PATH=${SEND_PATH:-'/OneStepWorkflow/{key}/run/send'}
SEND_KEYS=${SEND_KEYS-unique}
SEND_SERVICE=${SEND_SERVICE:-OneStepWorkflow}
CLUSTER_NODES=${CLUSTER_NODES:-3}
CLUSTER_MIN_MEMBERS=${CLUSTER_MIN_MEMBERS:-2}
CLUSTER_START_TIMEOUT=${CLUSTER_START_TIMEOUT:-300}
CLUSTER_HTTP_PORTS=${CLUSTER_HTTP_PORTS:-auto}
CLUSTER_PORTS=${CLUSTER_PORTS:-auto}
PG_HOST=127.0.0.1 PG_PORT=5432 PG_USER=postgres

CLUSTER_WAR=0
for s in $SCENARIOS; do
    [[ " $ALL_SCENARIOS $CLUSTER_SCENARIOS " == *" $s "* ]] || die "unknown scenario '$s'; known: $ALL_SCENARIOS $CLUSTER_SCENARIOS"
    if [[ " $CLUSTER_SCENARIOS " == *" $s "* ]]; then CLUSTER_WAR=1; fi
done
[[ "$DB" == riobench ]] || log "note: the bench WAR's data source (bench/src/main/webapp/WEB-INF/web.xml) names database riobench"

# shellcheck source=lib/db.sh
source "$BENCH_DIR/lib/db.sh"
# shellcheck source=lib/server.sh
source "$BENCH_DIR/lib/server.sh"
# shellcheck source=lib/measure.sh
source "$BENCH_DIR/lib/measure.sh"
# shellcheck source=lib/cluster.sh
source "$BENCH_DIR/lib/cluster.sh"

trap 'stop_payara; stop_cluster' EXIT
trap 'exit 130' INT TERM HUP

RUN_ID=$(date +%Y-%m-%d_%H%M%S)
mkdir -p "$BENCH_DIR/results"
SUFFIX=""
[[ "$SMOKE" == 1 ]] && SUFFIX=-smoke
CSV="$BENCH_DIR/results/$RUN_ID$SUFFIX.csv"
MD="${CSV%.csv}.md"

# scenario -> kind|method|path|body|keys ; kind is wrk, send, pgbench (path = pgbench script) or cluster (wrk
# through node-1 of the cluster; the note gives the share of requests it forwards)
scenario_spec() {
    case "$1" in
        greet)              echo "wrk|POST|/Greeter/greet|\"Ann\"|" ;;
        counter-one)        echo "wrk|POST|/Counter/bench-one/add|1|" ;;
        counter-random)     echo "wrk|POST|/Counter/{key}/add|1|10000" ;;
        three-steps)        echo "wrk|POST|/ThreeSteps/steps|1|" ;;
        send)               echo "send|POST|$SEND_PATH|1|$SEND_KEYS" ;;
        pgbench-random)     echo "pgbench|-|pgbench-update-random.sql||" ;;
        pgbench-one)        echo "pgbench|-|pgbench-update-one.sql||" ;;
        bare-greet)         echo "wrk|POST|/bench/bare/greet|\"Ann\"|" ;;
        bare-upsert-one)    echo "wrk|POST|/bench/bare/counter/bench-one/add|1|" ;;
        bare-upsert-random) echo "wrk|POST|/bench/bare/counter/{key}/add|1|10000" ;;
        bare-auto-random)   echo "wrk|POST|/bench/bare/counter/{key}/add/autocommit|1|10000" ;;
        cluster-counter-random) echo "cluster|POST|/Counter/{key}/add|1|10000" ;;
    esac
}

# jit_warmup SCENARIO...: drives every server scenario for JIT_WARMUP at 16 connections, so the JIT has compiled
# the whole stack before the first point is measured (in one JVM a point measured first ran up to 2-3x slower
# than the same point measured a minute later).
jit_warmup() {
    [[ "$JIT_WARMUP" == 0 || "$JIT_WARMUP" == 0s ]] && return
    local s kind method path body keys
    log "JIT warm-up: $JIT_WARMUP per scenario"
    for s in "$@"; do
        IFS='|' read -r kind method path body keys <<<"$(scenario_spec "$s")"
        probe "$method" "$path" "$body" "$keys" || continue
        run_wrk 16 "$JIT_WARMUP" "$method" "$path" "$body" "$keys" >/dev/null || true
        if [[ "$kind" == send ]]; then await_drained "$SEND_SERVICE"; fi
    done
    return 0
}

run_scenario() {
    local scenario=$1 kind method path body keys conns
    IFS='|' read -r kind method path body keys <<<"$(scenario_spec "$scenario")"
    if [[ "$kind" != pgbench ]]; then
        if ! probe "$method" "$path" "$body" "$keys"; then
            record "$scenario" - 0 0 - - - - - - - "" "" "SKIPPED: probe request failed"
            return
        fi
        warmup "$method" "$path" "$body" "$keys"
        [[ "$kind" == send ]] && await_drained "$SEND_SERVICE"
    fi
    for conns in $CONNS; do
        case "$kind" in
            wrk) wrk_point "$scenario" "$conns" "$method" "$path" "$body" "$keys" ;;
            cluster) wrk_point "$scenario" "$conns" "$method" "$path" "$body" "$keys" cluster_note ;;
            send) send_point "$scenario" "$conns" "$path" "$body" "$keys" "$SEND_SERVICE" ;;
            pgbench) pgbench_point "$scenario" "$conns" "$path" ;;
        esac
    done
}

main() {
    ensure_wrk
    ensure_postgres
    build
    prepare_database
    local machine s
    machine=$(machine_line)
    log "machine: $machine"
    log "scenarios: $SCENARIOS; connections: $CONNS; $DURATION per point after ${WARMUP} warm-up (and ${JIT_WARMUP} of JIT warm-up per scenario at the start)"
    echo "$CSV_HEADER" >"$CSV"
    print_header
    # The database baselines first, alone on the machine; then the server scenarios; then the cluster ones.
    local server_scenarios="" cluster_scenarios=""
    for s in $SCENARIOS; do
        if [[ "$s" == pgbench-* ]]; then run_scenario "$s"
        elif [[ " $CLUSTER_SCENARIOS " == *" $s "* ]]; then cluster_scenarios+=" $s"
        else server_scenarios+=" $s"; fi
    done
    if [[ -n "$server_scenarios" ]]; then
        choose_port
        start_payara
        # shellcheck disable=SC2086 # one word per scenario
        jit_warmup $server_scenarios
        for s in $server_scenarios; do
            run_scenario "$s"
        done
        stop_payara
    fi
    if [[ -n "$cluster_scenarios" ]]; then
        # The single-node server is stopped first: servers that share a database must form a cluster.
        start_cluster
        # shellcheck disable=SC2086 # one word per scenario
        jit_warmup $cluster_scenarios
        for s in $cluster_scenarios; do
            run_scenario "$s"
        done
        stop_cluster
    fi
    write_markdown "$machine"
    log "results: $CSV and $MD"
    if [[ "$SMOKE" == 1 ]]; then check_smoke; fi
}

# check_smoke: the smoke fails (exit 1) unless every point was measured, answered requests without errors, and
# every accepted send completed.
check_smoke() {
    local bad
    bad=$(tail -n +2 "$CSV" | awk -F, '$16 ~ /SKIPPED|FAILED|only/ || $6 + 0 <= 0 || $10 + 0 > 0 \
        || ($2 == "send" && $16 !~ /all completed/) { print $2 " at " $3 " connections: req/s " $6 ", errors " $10 ", " $16 }')
    [[ -z "$bad" ]] || die "smoke failed: $(tr '\n' ';' <<<"$bad")"
    log "smoke passed: every point measured, no errors, every accepted send completed"
}

write_markdown() {
    {
        echo "Rio benchmark $RUN_ID: $1; Payara Micro 6.2025.10 ($JAVA_OPTS), $DURATION per point after $WARMUP warm-up (and $JIT_WARMUP per scenario of JIT warm-up once the server started)."
        echo
        echo "| scenario | conns | req/s | p50 ms | p99 ms | p99.9 ms | errors | commits/req | note |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
        tail -n +2 "$CSV" | awk -F, '{ note = $16; if ($15 != "") note = note " (drain " $15 " s)";
            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $6, $7, $8, $9, $10, $13, note }'
        if grep -q '^[^,]*,cluster-' "$CSV"; then
            echo
            echo "cluster-* rows: $CLUSTER_NODES Payara Micro nodes of the cluster bench WAR (rio-hazelcast-membership; pool of 30 connections per node) on the same database, each with $JAVA_OPTS, rio.cluster.min-members=$CLUSTER_MIN_MEMBERS; wrk sends every request to node-1, which forwards over HTTP the calls for keys another node owns; \"forwarded\" is the share of the keys k1..k10000 that node-1 does not own (from its GET /rio/cluster after the point). All nodes, wrk and PostgreSQL share the machine's $(nproc) cores: the figure is reported, not expected to scale."
        fi
    } >"$MD"
}

main
