-- Tables of the baselines (bench/run.sh applies this to the benchmark database; Rio creates its own).
-- bench_counter: the bare JAX-RS upsert (BareCounterStore), the counterpart of Counter.add.
CREATE TABLE IF NOT EXISTS bench_counter (
    k VARCHAR(1024) NOT NULL PRIMARY KEY,
    v BIGINT        NOT NULL
);
-- bench_pgb: pgbench's one-row UPDATE, on 10,000 rows (random rows) or on row 1 (one row).
CREATE TABLE IF NOT EXISTS bench_pgb (
    id INTEGER NOT NULL PRIMARY KEY,
    v  BIGINT  NOT NULL
);
INSERT INTO bench_pgb (id, v) SELECT i, 0 FROM generate_series(1, 10000) AS i ON CONFLICT (id) DO NOTHING;
