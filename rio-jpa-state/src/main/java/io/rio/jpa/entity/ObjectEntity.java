package io.rio.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * The row of one virtual object or workflow key (table {@code rio_object}). Exclusive attempts lock it for the
 * length of their transaction; {@code version} counts the times it was locked (on H2, transactions that race to
 * create the row each write version 0, so there it may count fewer).
 */
@Entity(name = "RioObject")
@Table(name = "rio_object")
@IdClass(ObjectEntity.Key.class)
public class ObjectEntity {
    @Id
    @Column(name = "service", length = 255)
    private String service;
    @Id
    @Column(name = "obj_key", length = 1024)
    private String objectKey;
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA. */
    protected ObjectEntity() {
    }

    public String getService() {
        return service;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public long getVersion() {
        return version;
    }

    /** The composite primary key (service, obj_key). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String service;
        private String objectKey;

        public Key() {
        }

        public Key(String service, String objectKey) {
            this.service = service;
            this.objectKey = objectKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(service, k.service) && Objects.equals(objectKey, k.objectKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, objectKey);
        }
    }
}
