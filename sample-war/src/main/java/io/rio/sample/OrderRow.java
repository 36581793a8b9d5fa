package io.rio.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * The sample application's own table: one row per placed order, written by the first step of
 * {@link Orders#place} in that step's transaction.
 */
@Entity
@Table(name = "sample_order")
public class OrderRow {

    @Id
    // A sequence, not IDENTITY: EclipseLink 4.0.7 (Payara) writes H2 1.x IDENTITY DDL that H2 2.x rejects.
    @SequenceGenerator(name = "sample_orderSeq", sequenceName = "sample_order_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sample_orderSeq")
    private Long id;

    @Column(name = "order_id", nullable = false, length = 128)
    private String orderId;

    @Column(name = "item", length = 256)
    private String item;

    @Column(name = "amount_cents", nullable = false)
    private long amountCents;

    protected OrderRow() {
    }

    public OrderRow(String orderId, String item, long amountCents) {
        this.orderId = orderId;
        this.item = item;
        this.amountCents = amountCents;
    }

    public Long getId() {
        return id;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getItem() {
        return item;
    }

    public long getAmountCents() {
        return amountCents;
    }
}
