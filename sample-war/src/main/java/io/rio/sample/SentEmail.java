package io.rio.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * An e-mail the sample "sent": the sample has no mail server, so {@link Mailer} stores each message
 * in the application's own table instead, written inside the {@code ctx.run} step that sends it.
 */
@Entity
@Table(name = "sample_sent_email")
public class SentEmail {

    @Id
    // A sequence, not IDENTITY: EclipseLink 4.0.7 (Payara) writes H2 1.x IDENTITY DDL that H2 2.x rejects.
    @SequenceGenerator(name = "sample_sent_emailSeq", sequenceName = "sample_sent_email_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sample_sent_emailSeq")
    private Long id;

    @Column(name = "recipient", nullable = false, length = 256)
    private String recipient;

    @Column(name = "subject", nullable = false, length = 256)
    private String subject;

    @Column(name = "body", nullable = false, length = 2000)
    private String body;

    /** When the message was sent (epoch millis). */
    @Column(name = "sent_at", nullable = false)
    private long sentAt;

    protected SentEmail() {
    }

    public SentEmail(String recipient, String subject, String body, long sentAt) {
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.sentAt = sentAt;
    }

    public Long getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public long getSentAt() {
        return sentAt;
    }
}
