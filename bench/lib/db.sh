# PostgreSQL helpers of bench/run.sh (sourced). All traffic goes to 127.0.0.1.
# Needs: BENCH_DIR, DB (the benchmark database), PG_HOST, PG_PORT, PG_USER.

psql_db() {       # psql_db DATABASE SQL -> unaligned, tuples only
    psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" -v ON_ERROR_STOP=1 -Atc "$2"
}

# Starts the local cluster if it does not answer (as .ci/run does), waiting at most 30 s.
ensure_postgres() {
    if pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
        return
    fi
    log "PostgreSQL is down on $PG_HOST:$PG_PORT; starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    local i
    for i in $(seq 1 30); do
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && return
        sleep 1
    done
    die "PostgreSQL did not come up on $PG_HOST:$PG_PORT within 30 s"
}

# Recreates the benchmark database (RESET_DB=1, default) so every run starts from empty tables,
# then creates the baseline tables. Rio creates its own schema when the WAR deploys.
prepare_database() {
    if [[ "$RESET_DB" == 1 ]]; then
        dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists --force "$DB"
    fi
    if [[ -z "$(psql_db postgres "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]]; then
        createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$DB"
    fi
    psql -X -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -v ON_ERROR_STOP=1 \
        -f "$BENCH_DIR/sql/schema.sql" >/dev/null
}

# Transactions committed in the benchmark database so far. Read from the `postgres` database so the
# reading itself is not counted. Call flush_stats first (see there).
commits() {
    psql_db postgres "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"
}

# PostgreSQL 15 publishes a backend's counts at most once a second, and a backend that goes idle within a
# second of its last flush publishes only 10 s later, so right after a point up to a second of commits is
# missing. POST /bench/stats/flush (StatsFlushResource) makes every pooled backend flush at once (without
# committing anything itself). Without it (PostgreSQL < 15), waits 11 s instead. With a cluster running,
# FLUSH_PORTS lists every node's HTTP port and each node flushes its own pool.
FLUSH_MODE=endpoint
FLUSH_PORTS=""
flush_stats() {
    local out="" p ok=1
    if [[ "$FLUSH_MODE" == endpoint ]]; then
        for p in ${FLUSH_PORTS:-$PORT}; do
            out=$(curl -sf --max-time 60 -X POST "http://127.0.0.1:$p/bench/stats/flush" || true)
            [[ "$out" =~ ^[0-9]+$ ]] || ok=0
        done
        if (( ok )); then
            sleep 0.5
            return
        fi
        log "POST /bench/stats/flush failed (PostgreSQL older than 15?); waiting 11 s before each commit count instead"
        FLUSH_MODE=wait
    fi
    sleep 11
}

# "unfinished completed failed" invocations of one Rio service (one transaction in the benchmark database).
invocation_counts() {
    psql_db "$DB" "SELECT count(*) FILTER (WHERE status NOT IN ('COMPLETED', 'FAILED')),
                          count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED')
                   FROM rio_invocation WHERE service = '$1'" | tr '|' ' '
}

checkpoint() {
    psql_db postgres "CHECKPOINT" >/dev/null
}

machine_line() {
    local cpu pg
    cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
    pg=$(psql_db postgres "SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync')
                           || ', synchronous_commit=' || current_setting('synchronous_commit')")
    printf '%s cores (%s), %s GB RAM, %s, PostgreSQL %s, wrk %s' \
        "$(nproc)" "${cpu:-unknown CPU}" "$(free -g | awk '/^Mem:/ {print $2}')" \
        "$(java -version 2>&1 | head -1)" "$pg" "$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
}
