-- Rio schema version 1 (PostgreSQL): invocations, journal, object rows (per-key locks) and state.
CREATE TABLE rio_invocation (
    id              VARCHAR(255)  NOT NULL PRIMARY KEY,
    service         VARCHAR(255)  NOT NULL,
    handler         VARCHAR(255)  NOT NULL,
    obj_key         VARCHAR(1024),
    idem_obj_key    VARCHAR(1024) GENERATED ALWAYS AS (COALESCE(obj_key, '')) STORED,
    idempotency_key VARCHAR(1024),
    input           TEXT,
    headers         TEXT,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    output          TEXT,
    error_code      INTEGER,
    error_message   TEXT,
    owner           VARCHAR(255),
    lease_until     BIGINT        NOT NULL,
    run_at          BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    modified_at     BIGINT        NOT NULL,
    CONSTRAINT rio_invocation_idempotency UNIQUE (service, handler, idem_obj_key, idempotency_key)
);
-- findRecoverable: only unfinished, unpaused rows are indexed.
CREATE INDEX rio_invocation_recoverable ON rio_invocation (run_at)
    WHERE status IN ('PENDING', 'RUNNING', 'BACKING_OFF', 'SUSPENDED');
-- renewLeases and "mine": unfinished rows by owner.
CREATE INDEX rio_invocation_owner ON rio_invocation (owner) WHERE status NOT IN ('COMPLETED', 'FAILED');

CREATE TABLE rio_journal (
    invocation_id VARCHAR(255)  NOT NULL,
    seq           INTEGER       NOT NULL,
    kind          VARCHAR(64)   NOT NULL,
    name          VARCHAR(1024) NOT NULL,
    value_json    TEXT,
    error_code    INTEGER,
    error_message TEXT,
    created_at    BIGINT        NOT NULL,
    CONSTRAINT rio_journal_pk PRIMARY KEY (invocation_id, seq)
);

CREATE TABLE rio_object (
    service VARCHAR(255)  NOT NULL,
    obj_key VARCHAR(1024) NOT NULL,
    version BIGINT        NOT NULL,
    CONSTRAINT rio_object_pk PRIMARY KEY (service, obj_key)
);

CREATE TABLE rio_state (
    service    VARCHAR(255)  NOT NULL,
    obj_key    VARCHAR(1024) NOT NULL,
    name       VARCHAR(1024) NOT NULL,
    value_json TEXT          NOT NULL,
    CONSTRAINT rio_state_pk PRIMARY KEY (service, obj_key, name)
);
