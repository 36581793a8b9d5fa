package io.rio.sample.it.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One execution of {@link Ticker#tick}: the tick it was fired for, which JVM ran it, when (epoch millis). */
@Entity
@Table(name = "it_tick")
public class TickRow {
    @Id
    @SequenceGenerator(name = "it_tickSeq", sequenceName = "it_tick_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "it_tickSeq")
    private Long id;

    @Column(name = "tick", nullable = false, length = 128)
    private String tick;

    @Column(name = "node", nullable = false, length = 128)
    private String node;

    @Column(name = "ran_at", nullable = false)
    private long ranAt;

    protected TickRow() {
    }

    public TickRow(String tick, String node, long ranAt) {
        this.tick = tick;
        this.node = node;
        this.ranAt = ranAt;
    }
}
