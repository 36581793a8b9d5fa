package io.rio.jpa;

import io.rio.jpa.entity.HeadersConverter;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import java.util.List;

/**
 * The native SQL of {@link JpaRioStore} for {@code rio_invocation} (the same on PostgreSQL and H2), and the
 * mapping of its rows. Status sets are written as literals so that PostgreSQL's partial indexes apply.
 */
final class InvocationSql {
    static final String UNFINISHED = "status NOT IN ('COMPLETED', 'FAILED')";
    static final String ENDED = "status IN ('COMPLETED', 'FAILED')";
    static final String RECOVERABLE = "status IN ('PENDING', 'RUNNING', 'BACKING_OFF', 'SUSPENDED')";
    /** The columns that {@link #toRecord} maps, in its order. */
    static final String COLUMNS = "id, service, handler, obj_key, idempotency_key, input, headers, status, "
            + "attempts, output, error_code, error_message, owner, epoch, run_at, created_at, modified_at, parent";

    /** The INSERT of one or several invocations. */
    static final MultiRowInsert<InvocationRecord> INSERT = new MultiRowInsert<>("INSERT INTO rio_invocation (id, "
            + "service, handler, obj_key, idempotency_key, input, headers, status, attempts, output, error_code, "
            + "error_message, owner, epoch, run_at, created_at, modified_at, parent, partition_id) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, ?)", 19, InvocationSql::bindInsert);

    /** ?1 id. */
    static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM rio_invocation WHERE id = ?";

    /** ?1 service, ?2 handler, ?3 object key or '' for none, ?4 idempotency key. */
    static final String FIND_BY_IDEMPOTENCY_KEY = "SELECT " + COLUMNS + " FROM rio_invocation "
            + "WHERE service = ? AND handler = ? AND idem_obj_key = ? AND idempotency_key = ?";

    /**
     * ?1 status .. ?9 modified_at, ?10 id, ?11 and ?12 epoch: the fenced update of an unfinished row, conditional on
     * its partition still being at the writer's epoch (an operator's write, epoch below 0, is not fenced). The error code is cast so that a null binds on PostgreSQL too.
     */
    static final String UPDATE = "UPDATE rio_invocation SET status = ?, attempts = ?, output = ?, "
            + "error_code = CAST(? AS INTEGER), error_message = ?, owner = ?, epoch = ?, run_at = ?, "
            + "modified_at = ? WHERE id = ? AND " + UNFINISHED + " AND (CAST(? AS BIGINT) < 0 OR EXISTS (SELECT 1 "
            + "FROM rio_partition p WHERE p.id = rio_invocation.partition_id AND p.epoch = ?))";

    /** ?1 id: whether a row the fenced {@link #UPDATE} missed is unfinished (so it was the fence that failed). */
    static final String IS_UNFINISHED = "SELECT COUNT(*) FROM rio_invocation WHERE id = ? AND " + UNFINISHED;

    /** The columns of {@link #COLUMNS} and {@code arrival}, of due rows; the IN list of partitions is appended. */
    static final String FIND_DUE = "SELECT " + COLUMNS + ", arrival FROM rio_invocation WHERE " + RECOVERABLE
            + " AND run_at <= ? AND arrival > ? AND partition_id IN (";

    /** ?1 now (run_at), ?2 now (modified_at), ?3 id. */
    static final String WAKE = "UPDATE rio_invocation SET run_at = ?, modified_at = ? "
            + "WHERE id = ? AND status = 'SUSPENDED'";

    private static final HeadersConverter HEADERS = new HeadersConverter();

    private InvocationSql() {
    }

    /** A row selected with {@link #COLUMNS}, in that order. */
    static InvocationRecord toRecord(Object[] row) {
        return new InvocationRecord((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], HEADERS.convertToEntityAttribute((String) row[6]),
                InvocationStatus.valueOf((String) row[7]), ((Number) row[8]).intValue(), (String) row[9],
                row[10] == null ? null : ((Number) row[10]).intValue(), (String) row[11], (String) row[12],
                ((Number) row[13]).longValue(), ((Number) row[14]).longValue(), ((Number) row[15]).longValue(),
                ((Number) row[16]).longValue(), (String) row[17]);
    }

    /** Binds {@code r} to the parameters of one row of {@link #INSERT}, which start after {@code p}. */
    private static void bindInsert(MultiRowInsert.Params params, int p, InvocationRecord r) {
        params.set(p + 1, r.id());
        params.set(p + 2, r.service());
        params.set(p + 3, r.handler());
        params.set(p + 4, r.objectKey());
        params.set(p + 5, r.idempotencyKey());
        params.set(p + 6, r.input());
        params.set(p + 7, HEADERS.convertToDatabaseColumn(r.headers()));
        params.set(p + 8, r.status().name());
        params.set(p + 9, r.attempts());
        params.set(p + 10, r.output());
        params.set(p + 11, r.errorCode());
        params.set(p + 12, r.errorMessage());
        params.set(p + 13, r.owner());
        params.set(p + 14, r.epoch());
        params.set(p + 15, r.runAt());
        params.set(p + 16, r.createdAt());
        params.set(p + 17, r.modifiedAt());
        params.set(p + 18, r.parent());
        params.set(p + 19, r.partition());
    }

    /** What a unique violation of inserting {@code rows} means, for {@link io.rio.spi.DuplicateEntryException}. */
    static String duplicate(List<InvocationRecord> invocations) {
        return invocations.size() == 1 ? "invocation " + invocations.get(0).id() + " (or idempotency key '"
                + invocations.get(0).idempotencyKey() + "' of " + invocations.get(0).service() + "/"
                + invocations.get(0).handler() + ") exists already"
                : "one of " + invocations.size() + " invocations (id or idempotency key) exists already";
    }
}
