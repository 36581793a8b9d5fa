package io.rio.jpa.entity;

import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;

/**
 * A stored invocation (table {@code rio_invocation}); the JPA view of {@link InvocationRecord}.
 *
 * <p>The table also has the generated column {@code idem_obj_key = COALESCE(obj_key, '')}, part of the unique
 * idempotency constraint (service, handler, idem_obj_key, idempotency_key), so that keys of services (whose
 * object key is {@code null}) are unique too. It is mapped read-only.
 */
@Entity(name = "RioInvocation")
@Table(name = "rio_invocation")
public class InvocationEntity {
    @Id
    @Column(name = "id", length = 255)
    private String id;
    @Column(name = "service", nullable = false)
    private String service;
    @Column(name = "handler", nullable = false)
    private String handler;
    @Column(name = "obj_key", length = 1024)
    private String objectKey;
    @Column(name = "idem_obj_key", insertable = false, updatable = false)
    private String idempotencyObjectKey;
    @Column(name = "idempotency_key", length = 1024)
    private String idempotencyKey;
    @Column(name = "input")
    private String input;
    @Column(name = "headers")
    @Convert(converter = HeadersConverter.class)
    private Map<String, String> headers;
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private InvocationStatus status;
    @Column(name = "attempts", nullable = false)
    private int attempts;
    @Column(name = "output")
    private String output;
    @Column(name = "error_code")
    private Integer errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "owner")
    private String owner;
    @Column(name = "lease_until", nullable = false)
    private long leaseUntil;
    @Column(name = "run_at", nullable = false)
    private long runAt;
    @Column(name = "created_at", nullable = false)
    private long createdAt;
    @Column(name = "modified_at", nullable = false)
    private long modifiedAt;
    @Column(name = "parent", length = 512)
    private String parent;

    /** For JPA. */
    protected InvocationEntity() {
    }

    /** A new entity holding every field of {@code r}. */
    public static InvocationEntity of(InvocationRecord r) {
        InvocationEntity e = new InvocationEntity();
        e.id = r.id();
        e.service = r.service();
        e.handler = r.handler();
        e.objectKey = r.objectKey();
        e.idempotencyKey = r.idempotencyKey();
        e.input = r.input();
        e.headers = r.headers();
        e.status = r.status();
        e.attempts = r.attempts();
        e.output = r.output();
        e.errorCode = r.errorCode();
        e.errorMessage = r.errorMessage();
        e.owner = r.owner();
        e.leaseUntil = r.leaseUntil();
        e.runAt = r.runAt();
        e.createdAt = r.createdAt();
        e.modifiedAt = r.modifiedAt();
        e.parent = r.parent();
        return e;
    }

    /** This row as the SPI's immutable record. */
    public InvocationRecord toRecord() {
        return new InvocationRecord(id, service, handler, objectKey, idempotencyKey, input, headers, status, attempts,
                output, errorCode, errorMessage, owner, leaseUntil, runAt, createdAt, modifiedAt, parent);
    }

    public String getId() {
        return id;
    }

    public InvocationStatus getStatus() {
        return status;
    }
}
