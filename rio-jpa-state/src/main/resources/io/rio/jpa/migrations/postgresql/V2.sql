-- Rio schema version 2 (PostgreSQL): call parents, signals, fired schedule ticks, admin and retention indexes.
-- A durable call's callee names its caller and the awaiting journal position ("<invocation id>/<seq>").
ALTER TABLE rio_invocation ADD COLUMN parent VARCHAR(512);
-- listInvocations: newest first, overall or of one service (and key).
CREATE INDEX rio_invocation_created ON rio_invocation (created_at);
CREATE INDEX rio_invocation_target ON rio_invocation (service, obj_key, created_at);
-- purgeEndedBefore: only ended rows are indexed.
CREATE INDEX rio_invocation_ended ON rio_invocation (modified_at) WHERE status IN ('COMPLETED', 'FAILED');

-- One-time completions: awakeables and call results (scope = invocation id), workflow promises
-- (scope = wf/<workflow>/<key>), cancellation (name = cancel).
CREATE TABLE rio_signal (
    scope         VARCHAR(1536) NOT NULL,
    name          VARCHAR(1024) NOT NULL,
    value_json    TEXT,
    error_code    INTEGER,
    error_message TEXT,
    created_at    BIGINT        NOT NULL,
    CONSTRAINT rio_signal_pk PRIMARY KEY (scope, name)
);

-- Ticks (epoch millis) of cron schedules that some node fired: one row per tick, inserted once.
CREATE TABLE rio_schedule_tick (
    schedule VARCHAR(1024) NOT NULL,
    tick     BIGINT        NOT NULL,
    CONSTRAINT rio_schedule_tick_pk PRIMARY KEY (schedule, tick)
);
