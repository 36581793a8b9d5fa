package io.rio.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One thing that happened to a payment of the {@link Payment} saga (reserved, charged, refunded, ...). */
@Entity
@Table(name = "sample_payment_event")
public class PaymentEvent {

    @Id
    // A sequence, not IDENTITY: EclipseLink 4.0.7 (Payara) writes H2 1.x IDENTITY DDL that H2 2.x rejects.
    @SequenceGenerator(name = "sample_payment_eventSeq", sequenceName = "sample_payment_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sample_payment_eventSeq")
    private Long id;

    @Column(name = "payment_id", nullable = false, length = 128)
    private String paymentId;

    @Column(name = "event", nullable = false, length = 64)
    private String event;

    @Column(name = "detail", length = 512)
    private String detail;

    protected PaymentEvent() {
    }

    public PaymentEvent(String paymentId, String event, String detail) {
        this.paymentId = paymentId;
        this.event = event;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public String getPaymentId() {
        return paymentId;
    }

    public String getEvent() {
        return event;
    }

    public String getDetail() {
        return detail;
    }
}
