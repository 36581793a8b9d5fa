-- Rio schema version 2 (H2 2.2): call parents, signals, fired schedule ticks, admin and retention indexes.
-- A durable call's callee names its caller and the awaiting journal position ("<invocation id>/<seq>").
ALTER TABLE rio_invocation ADD COLUMN IF NOT EXISTS parent VARCHAR(512);
-- listInvocations: newest first, overall or of one service (and key).
CREATE INDEX IF NOT EXISTS rio_invocation_created ON rio_invocation (created_at);
CREATE INDEX IF NOT EXISTS rio_invocation_target ON rio_invocation (service, obj_key, created_at);
-- purgeEndedBefore: ended rows by age.
CREATE INDEX IF NOT EXISTS rio_invocation_ended ON rio_invocation (status, modified_at);

-- One-time completions: awakeables and call results (scope = invocation id), workflow promises
-- (scope = wf/<workflow>/<key>), cancellation (name = cancel). Unbounded text is CHARACTER VARYING, as in V1.
CREATE TABLE IF NOT EXISTS rio_signal (
    scope         VARCHAR(1536) NOT NULL,
    name          VARCHAR(1024) NOT NULL,
    value_json    VARCHAR,
    error_code    INTEGER,
    error_message VARCHAR,
    created_at    BIGINT        NOT NULL,
    CONSTRAINT rio_signal_pk PRIMARY KEY (scope, name)
);

-- Ticks (epoch millis) of cron schedules that some node fired: one row per tick, inserted once.
CREATE TABLE IF NOT EXISTS rio_schedule_tick (
    schedule VARCHAR(1024) NOT NULL,
    tick     BIGINT        NOT NULL,
    CONSTRAINT rio_schedule_tick_pk PRIMARY KEY (schedule, tick)
);
