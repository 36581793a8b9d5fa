-- Rio schema version 3 (PostgreSQL): ownership by partition instead of leases per invocation.
-- One row per partition (0..270): the node that holds it and an epoch raised by each take; fenced writes are
-- conditional on the epoch their writer holds.
CREATE TABLE rio_partition (
    id          INTEGER      NOT NULL PRIMARY KEY,
    owner       VARCHAR(255),
    epoch       BIGINT       NOT NULL,
    modified_at BIGINT       NOT NULL
);
-- Each invocation's partition (that of its object key, or of its id for a service), the epoch its last writer
-- held it at (formerly the lease), and its place in arrival order.
ALTER TABLE rio_invocation RENAME COLUMN lease_until TO epoch;
ALTER TABLE rio_invocation ADD COLUMN partition_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rio_invocation ADD COLUMN arrival BIGSERIAL;
DROP INDEX rio_invocation_recoverable;
DROP INDEX rio_invocation_owner;
-- findDue: unfinished, unpaused rows by partition and arrival.
CREATE INDEX rio_invocation_due ON rio_invocation (partition_id, arrival)
    WHERE status IN ('PENDING', 'RUNNING', 'BACKING_OFF', 'SUSPENDED');
-- The invocation that holds an object between its attempts (suspended, backing off or paused).
ALTER TABLE rio_object ADD COLUMN head VARCHAR(255);
