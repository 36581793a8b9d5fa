package io.rio.jpa.entity;

import io.rio.spi.JournalEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One journal entry (table {@code rio_journal}, primary key (invocation_id, seq)); see {@link JournalEntry}. */
@Entity(name = "RioJournal")
@Table(name = "rio_journal")
@IdClass(JournalEntity.Key.class)
public class JournalEntity {
    @Id
    @Column(name = "invocation_id", length = 255)
    private String invocationId;
    @Id
    @Column(name = "seq")
    private int seq;
    @Column(name = "kind", nullable = false, length = 64)
    private String kind;
    @Column(name = "name", nullable = false, length = 1024)
    private String name;
    @Column(name = "value_json")
    private String value;
    @Column(name = "error_code")
    private Integer errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @Column(name = "created_at", nullable = false)
    private long createdAt;

    /** For JPA. */
    protected JournalEntity() {
    }

    /** A new entity holding every field of {@code entry}. */
    public static JournalEntity of(JournalEntry entry) {
        JournalEntity e = new JournalEntity();
        e.invocationId = entry.invocationId();
        e.seq = entry.seq();
        e.kind = entry.kind();
        e.name = entry.name();
        e.value = entry.value();
        e.errorCode = entry.errorCode();
        e.errorMessage = entry.errorMessage();
        e.createdAt = entry.createdAt();
        return e;
    }

    /** This row as the SPI's record. */
    public JournalEntry toEntry() {
        return new JournalEntry(invocationId, seq, kind, name, value, errorCode, errorMessage, createdAt);
    }

    /** The composite primary key (invocation_id, seq). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String invocationId;
        private int seq;

        public Key() {
        }

        public Key(String invocationId, int seq) {
            this.invocationId = invocationId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && seq == k.seq && Objects.equals(invocationId, k.invocationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(invocationId, seq);
        }
    }
}
