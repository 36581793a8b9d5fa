package io.rio.sample.it.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One committed execution of a test step's action: its tag (unique per test) and step name. */
@Entity
@Table(name = "it_step")
public class StepRow {
    @Id
    // A sequence, not IDENTITY: EclipseLink 4.0.7 (Payara) writes H2 1.x IDENTITY DDL that H2 2.x rejects.
    @SequenceGenerator(name = "it_stepSeq", sequenceName = "it_step_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "it_stepSeq")
    private Long id;

    @Column(name = "tag", nullable = false, length = 128)
    private String tag;

    @Column(name = "step", nullable = false, length = 128)
    private String step;

    /** When the step's action ran (epoch microseconds): orders steps across nodes, whose ids come in blocks. */
    @Column(name = "at_micros")
    private Long atMicros;

    protected StepRow() {
    }

    public StepRow(String tag, String step) {
        this.tag = tag;
        this.step = step;
        java.time.Instant now = java.time.Instant.now();
        this.atMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public Long getId() {
        return id;
    }
}
