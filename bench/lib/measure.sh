# Measurement helpers of bench/run.sh (sourced): one "point" is one scenario at one connection count.
# Needs: BENCH_DIR, PORT, DURATION, WARMUP, WRK_THREADS, WRK_TIMEOUT, DRAIN_TIMEOUT, CSV, RUN_ID and db.sh.

CSV_HEADER="run,scenario,conns,duration_s,requests,req_per_s,p50_ms,p99_ms,p999_ms,errors,http_4xx_5xx,commits,commits_per_req,completed,drain_s,note"

seconds_of() {    # 20s | 20 | 2m -> seconds
    case "$1" in
        *m) echo $(( ${1%m} * 60 )) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}

calc() {          # calc EXPR -> number printed with 1 decimal (awk arithmetic)
    awk "BEGIN { v = $1; printf \"%.1f\", v }"
}

ratio() {         # ratio A B -> A/B with 2 decimals, "-" if B is 0
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'
}

# record SCENARIO CONNS REQUESTS RPS P50 P99 P999 ERRORS NON2XX COMMITS CPR COMPLETED DRAIN NOTE
record() {
    local IFS=, rest=("${@:3}")
    echo "$RUN_ID,$1,$2,$(seconds_of "$DURATION"),${rest[*]}" >>"$CSV"
    printf '%-20s %5s %10s %9s %9s %9s %7s %7s %8s %10s %8s  %s\n' "$1" "$2" "$4" "$5" "$6" "$7" "$8" "$9" "${11}" "${12}" "${13}" "${14}"
}

print_header() {
    printf '%-20s %5s %10s %9s %9s %9s %7s %7s %8s %10s %8s  %s\n' scenario conns req/s p50_ms p99_ms p99.9_ms errors 4xx/5xx commit/rq completed drain_s note
}

url_path() {      # the path with {key} filled in, for a single probe request
    local path=$1 keys=$2
    if [[ "$keys" == unique ]]; then echo "${path//\{key\}/probe-$RUN_ID}"; else echo "${path//\{key\}/k1}"; fi
}

# probe METHOD PATH BODY KEYS: one request that must answer 2xx before a scenario is measured.
probe() {
    local url="http://127.0.0.1:$PORT$(url_path "$2" "$4")" out code
    out=$(curl -s --max-time 30 -X "$1" -H 'content-type: application/json' ${3:+--data "$3"} -w '\n%{http_code}' "$url") || true
    code=${out##*$'\n'}
    if [[ "$code" != 2?? ]]; then
        log "probe $1 $url answered ${code:-nothing}: ${out%$'\n'*}"
        return 1
    fi
}

# run_wrk CONNS DURATION METHOD PATH BODY KEYS -> the RESULT line of lua/bench.lua
run_wrk() {
    local conns=$1 threads=$WRK_THREADS
    (( conns < threads )) && threads=$conns
    BENCH_METHOD=$3 BENCH_PATH=$4 BENCH_BODY=$5 BENCH_KEYS=$6 BENCH_COUNT_429=${COUNT_429:-0} \
        wrk -t"$threads" -c"$conns" -d"$2" --timeout "$WRK_TIMEOUT" -s "$BENCH_DIR/lua/bench.lua" \
        "http://127.0.0.1:$PORT" | grep '^RESULT '
}

# warmup METHOD PATH BODY KEYS: at the largest connection count, so the connection pools are grown before measuring.
warmup() {
    local max=1 c
    for c in $CONNS; do (( c > max )) && max=$c; done
    run_wrk "$max" "$WARMUP" "$@" >/dev/null || true
}

# Waits, at most DRAIN_TIMEOUT seconds, until no invocation of SERVICE is unfinished (after a send warm-up).
await_drained() {
    local deadline=$(( $(date +%s) + DRAIN_TIMEOUT )) unfinished rest
    while (( $(date +%s) < deadline )); do
        read -r unfinished rest < <(invocation_counts "$1")
        (( ${unfinished:-0} == 0 )) && return 0
        sleep 0.2
    done
    log "$1 still has $unfinished unfinished invocations after ${DRAIN_TIMEOUT}s"
}

# Sets r_requests, r_duration_us, r_p50_us, ... from a RESULT line.
parse_result() {
    local kv
    for kv in ${1#RESULT }; do
        printf -v "r_${kv%%=*}" '%s' "${kv#*=}"
    done
    r_errors=$(( r_connect + r_read + r_write + r_status + r_timeout ))
    r_ok=$(( r_requests - r_status ))
}

# wrk_point SCENARIO CONNS METHOD PATH BODY KEYS [NOTE_FUNCTION]: req/s counts answers with status < 400.
# NOTE_FUNCTION, if given, is called after the point and sets POINT_NOTE, the row's note.
wrk_point() {
    local scenario=$1 conns=$2 c0 c1 line
    checkpoint
    flush_stats
    c0=$(commits)
    line=$(run_wrk "$conns" "$DURATION" "$3" "$4" "$5" "$6") || { failed_point "$scenario" "$conns" "wrk failed"; return; }
    flush_stats
    c1=$(commits)
    parse_result "$line"
    local secs commits
    secs=$(calc "$r_duration_us / 1000000")
    commits=$(( c1 - c0 ))
    POINT_NOTE=""
    if [[ -n "${7:-}" ]]; then "$7"; fi
    record "$scenario" "$conns" "$r_requests" "$(calc "$r_ok / $secs")" "$(calc "$r_p50_us / 1000")" \
        "$(calc "$r_p99_us / 1000")" "$(calc "$r_p999_us / 1000")" "$r_errors" "$r_status" "$commits" \
        "$(ratio "$commits" "$r_ok")" "" "" "${POINT_NOTE//,/;}"
}

# send_point SCENARIO CONNS PATH BODY KEYS SERVICE: req/s counts accepted sends (202); then waits, at most
# DRAIN_TIMEOUT seconds, until no invocation of SERVICE is unfinished. Commits count acceptance and execution,
# per completed invocation (the drain's own polling queries are subtracted).
send_point() {
    local scenario=$1 conns=$2 service=$6 c0 c1 line unfinished done0 done1 polls=1 start end
    checkpoint
    read -r unfinished done0 failed0 < <(invocation_counts "$service")
    flush_stats
    c0=$(commits)
    line=$(COUNT_429=${SEND_COUNT_429:-1} run_wrk "$conns" "$DURATION" POST "$3" "$4" "$5") || { failed_point "$scenario" "$conns" "wrk failed"; return; }
    start=$(date +%s.%N)
    local deadline=$(( $(date +%s) + DRAIN_TIMEOUT ))
    while :; do
        read -r unfinished done1 failed1 < <(invocation_counts "$service")
        polls=$(( polls + 1 ))
        (( unfinished == 0 )) && break
        (( $(date +%s) >= deadline )) && break
        sleep 0.2
    done
    end=$(date +%s.%N)
    flush_stats
    c1=$(commits)
    parse_result "$line"
    local secs commits completed failed note
    secs=$(calc "$r_duration_us / 1000000")
    commits=$(( c1 - c0 - polls ))
    completed=$(( done1 - done0 ))
    failed=$(( failed1 - failed0 ))
    # wrk counts only answers received within the duration; up to CONNS more sends were accepted at its end.
    if (( unfinished > 0 )); then
        note="NOT DRAINED: $unfinished unfinished after ${DRAIN_TIMEOUT}s"
    elif (( failed > 0 )); then
        note="$failed FAILED"
    elif (( completed < r_ok )); then
        note="only $completed completed of $r_ok accepted"
    else
        note="all completed"
    fi
    if (( ${r_r429:-0} > 0 )); then
        note="$note; $r_r429 answered 429 (backlog full: rio.max-backlog)"
    fi
    record "$scenario" "$conns" "$r_requests" "$(calc "$r_ok / $secs")" "$(calc "$r_p50_us / 1000")" \
        "$(calc "$r_p99_us / 1000")" "$(calc "$r_p999_us / 1000")" "$r_errors" "$r_status" "$commits" \
        "$(ratio "$commits" "$completed")" "$completed" "$(calc "$end - $start")" "$note"
}

failed_point() {  # failed_point SCENARIO CONNS WHY: a row that says the point could not be measured
    log "$1 at $2 connections: $3"
    record "$1" "$2" 0 0 - - - - - - - "" "" "FAILED: $3"
}

# pgbench_point SCENARIO CONNS SCRIPT: pgbench on the benchmark database, percentiles from its per-transaction log.
# Runs before Payara Micro starts (no server backends compete for connections or cores); pgbench's backends
# publish their statistics when they exit, so no flush is needed.
pgbench_point() {
    local scenario=$1 conns=$2 script=$3 threads=$WRK_THREADS tmp out c0 c1
    (( conns < threads )) && threads=$conns
    tmp=$(mktemp -d)
    checkpoint
    c0=$(commits)
    if ! out=$(pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c "$conns" -j "$threads" -T "$(seconds_of "$DURATION")" \
        -f "$BENCH_DIR/sql/$script" -l --log-prefix="$tmp/pgb" "$DB" 2>&1); then
        rm -rf "$tmp"
        failed_point "$scenario" "$conns" "pgbench failed: $(grep -m1 -o 'error: .*' <<<"$out" | tr ',' ';')"
        return
    fi
    sleep 0.5
    c1=$(commits)
    local tps processed failed commits
    tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | tail -1)
    processed=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
    cat "$tmp"/pgb.* | awk '$3 ~ /^[0-9]+$/ {print $3}' | sort -n >"$tmp/lat"
    commits=$(( c1 - c0 ))
    record "$scenario" "$conns" "$processed" "$(calc "$tps")" "$(percentile_ms "$tmp/lat" 50)" \
        "$(percentile_ms "$tmp/lat" 99)" "$(percentile_ms "$tmp/lat" 99.9)" "${failed:-0}" 0 "$commits" \
        "$(ratio "$commits" "$processed")" "" "" ""
    rm -rf "$tmp"
}

percentile_ms() { # percentile_ms SORTED_MICROS_FILE P
    awk -v p="$2" '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit } i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; printf "%.1f", v[i] / 1000 }' "$1"
}
