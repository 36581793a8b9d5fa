package io.rio.sample.it.existing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** The existing application's own entity, in its own persistence unit {@code shop}. */
@Entity
@Table(name = "shop_product")
public class Product {
    @Id
    @SequenceGenerator(name = "shopProductSeq", sequenceName = "shop_product_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shopProductSeq")
    private Long id;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    protected Product() {
    }

    public Product(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }
}
