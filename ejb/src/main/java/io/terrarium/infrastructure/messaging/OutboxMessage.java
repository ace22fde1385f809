package io.terrarium.infrastructure.messaging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A build message waiting to be relayed to the JMS queue: the transactional outbox row written in the
 * same transaction as the build it announces, so that a build never exists without its message.
 */
@Entity
@Table(name = "TERRARIUM_OUTBOX")
@NamedQuery(name = OutboxMessage.PENDING, query = "SELECT m FROM OutboxMessage m ORDER BY m.id")
public class OutboxMessage {

    static final String PENDING = "OutboxMessage.pending";

    @Id
    @SequenceGenerator(name = "terrarium_outbox_seq", sequenceName = "TERRARIUM_OUTBOX_SEQ", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "terrarium_outbox_seq")
    private Long id;

    @Column(name = "BUILD_ID", nullable = false)
    private long buildId;

    @Column(name = "CREATED_ON", nullable = false)
    private LocalDateTime createdOn;

    /** Job execution to restart (a build handed over after its worker was lost); null starts the job. */
    @Column(name = "RESTART_EXECUTION_ID")
    private Long restartExecutionId;

    /** The build attempt the message is sent for; null on rows older than the column. */
    @Column(name = "ATTEMPT")
    private Integer attempt;

    protected OutboxMessage() {}

    OutboxMessage(long buildId) {
        this(buildId, null, null);
    }

    OutboxMessage(long buildId, Integer attempt, Long restartExecutionId) {
        this.buildId = buildId;
        this.attempt = attempt;
        this.restartExecutionId = restartExecutionId;
        this.createdOn = LocalDateTime.now();
    }

    public Long getRestartExecutionId() {
        return restartExecutionId;
    }

    public Integer getAttempt() {
        return attempt;
    }

    public Long getId() {
        return id;
    }

    public long getBuildId() {
        return buildId;
    }

    public LocalDateTime getCreatedOn() {
        return createdOn;
    }
}
