package io.rio.sample.it.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One committed execution of {@link ProbedCounter#add}: which key, which JVM, when (epoch micros). */
@Entity
@Table(name = "it_probe")
public class ProbeRow {
    @Id
    // A sequence, not IDENTITY: EclipseLink 4.0.7 (Payara) writes H2 1.x IDENTITY DDL that H2 2.x rejects.
    @SequenceGenerator(name = "it_probeSeq", sequenceName = "it_probe_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "it_probeSeq")
    private Long id;

    @Column(name = "obj_key", nullable = false, length = 128)
    private String objectKey;

    @Column(name = "node", nullable = false, length = 128)
    private String node;

    @Column(name = "start_micros", nullable = false)
    private long startMicros;

    @Column(name = "end_micros", nullable = false)
    private long endMicros;

    protected ProbeRow() {
    }

    public ProbeRow(String objectKey, String node, long startMicros, long endMicros) {
        this.objectKey = objectKey;
        this.node = node;
        this.startMicros = startMicros;
        this.endMicros = endMicros;
    }

    public Long getId() {
        return id;
    }
}
