-- Rio schema version 1 (H2 2.2): invocations, journal, object rows (per-key locks) and state.
-- Unbounded text is CHARACTER VARYING (not CLOB) so that values come back as strings.
CREATE TABLE IF NOT EXISTS rio_invocation (
    id              VARCHAR(255)  NOT NULL PRIMARY KEY,
    service         VARCHAR(255)  NOT NULL,
    handler         VARCHAR(255)  NOT NULL,
    obj_key         VARCHAR(1024),
    idem_obj_key    VARCHAR(1024) GENERATED ALWAYS AS (COALESCE(obj_key, '')),
    idempotency_key VARCHAR(1024),
    input           VARCHAR,
    headers         VARCHAR,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    output          VARCHAR,
    error_code      INTEGER,
    error_message   VARCHAR,
    owner           VARCHAR(255),
    lease_until     BIGINT        NOT NULL,
    run_at          BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    modified_at     BIGINT        NOT NULL,
    CONSTRAINT rio_invocation_idempotency UNIQUE (service, handler, idem_obj_key, idempotency_key)
);
CREATE INDEX IF NOT EXISTS rio_invocation_recoverable ON rio_invocation (status, run_at);
CREATE INDEX IF NOT EXISTS rio_invocation_owner ON rio_invocation (owner, status);

CREATE TABLE IF NOT EXISTS rio_journal (
    invocation_id VARCHAR(255)  NOT NULL,
    seq           INTEGER       NOT NULL,
    kind          VARCHAR(64)   NOT NULL,
    name          VARCHAR(1024) NOT NULL,
    value_json    VARCHAR,
    error_code    INTEGER,
    error_message VARCHAR,
    created_at    BIGINT        NOT NULL,
    CONSTRAINT rio_journal_pk PRIMARY KEY (invocation_id, seq)
);

CREATE TABLE IF NOT EXISTS rio_object (
    service VARCHAR(255)  NOT NULL,
    obj_key VARCHAR(1024) NOT NULL,
    version BIGINT        NOT NULL,
    CONSTRAINT rio_object_pk PRIMARY KEY (service, obj_key)
);

CREATE TABLE IF NOT EXISTS rio_state (
    service    VARCHAR(255)  NOT NULL,
    obj_key    VARCHAR(1024) NOT NULL,
    name       VARCHAR(1024) NOT NULL,
    value_json VARCHAR       NOT NULL,
    CONSTRAINT rio_state_pk PRIMARY KEY (service, obj_key, name)
);
