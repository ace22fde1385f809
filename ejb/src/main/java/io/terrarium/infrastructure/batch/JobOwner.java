package io.terrarium.infrastructure.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * Which server process runs a job execution of a build: the batch repository has no owner column, and after a
 * crash an execution stays STARTED forever, so recovery needs to know whether its owner is gone.
 */
@Entity
@Table(name = "TERRARIUM_JOB_OWNER")
public class JobOwner {

    @Id
    @Column(name = "JOB_EXECUTION_ID")
    private long jobExecutionId;

    @Column(name = "BUILD_ID", nullable = false)
    private long buildId;

    /** {@code pid@host} of the JVM running the execution. */
    @Column(name = "SERVER_INSTANCE", nullable = false, length = 255)
    private String serverInstance;

    @Column(name = "STARTED_ON", nullable = false)
    private LocalDateTime startedOn;

    protected JobOwner() {
    }

    JobOwner(long jobExecutionId, long buildId, String serverInstance) {
        this.jobExecutionId = jobExecutionId;
        this.buildId = buildId;
        this.serverInstance = serverInstance;
        this.startedOn = LocalDateTime.now();
    }

    public long getJobExecutionId() {
        return jobExecutionId;
    }

    public long getBuildId() {
        return buildId;
    }

    public String getServerInstance() {
        return serverInstance;
    }
}
