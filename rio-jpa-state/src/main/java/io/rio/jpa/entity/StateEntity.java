package io.rio.jpa.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One state entry of an object (table {@code rio_state}): its name and JSON value. */
@Entity(name = "RioState")
@Table(name = "rio_state")
@IdClass(StateEntity.Key.class)
public class StateEntity {
    @Id
    @Column(name = "service", length = 255)
    private String service;
    @Id
    @Column(name = "obj_key", length = 1024)
    private String objectKey;
    @Id
    @Column(name = "name", length = 1024)
    private String name;
    @Column(name = "value_json", nullable = false)
    private String value;

    /** For JPA. */
    protected StateEntity() {
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    /** The composite primary key (service, obj_key, name). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String service;
        private String objectKey;
        private String name;

        public Key() {
        }

        public Key(String service, String objectKey, String name) {
            this.service = service;
            this.objectKey = objectKey;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(service, k.service) && Objects.equals(objectKey, k.objectKey)
                    && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(service, objectKey, name);
        }
    }
}
