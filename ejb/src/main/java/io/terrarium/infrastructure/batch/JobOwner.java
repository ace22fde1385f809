package io.terrarium.infrastructure.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * Which worker runs a job execution of a build, and for which attempt: the batch repository has no owner column, and
 * after a crash an execution stays STARTED forever, so the sweeper needs the owner's lease to know it is dead.
 * Written as soon as the execution exists (by the launcher) and again when the job claims the build.
 */
@Entity
@Table(name = "TERRARIUM_JOB_OWNER")
@NamedQuery(
        name = JobOwner.OF_BUILD,
        query = "SELECT o FROM JobOwner o WHERE o.buildId = :build" + " ORDER BY o.jobExecutionId")
public class JobOwner {

    public static final String OF_BUILD = "JobOwner.ofBuild";

    @Id
    @Column(name = "JOB_EXECUTION_ID")
    private long jobExecutionId;

    @Column(name = "BUILD_ID", nullable = false)
    private long buildId;

    /** Id of the worker (a UUID per server start) running the execution. */
    @Column(name = "SERVER_INSTANCE", nullable = false, length = 255)
    private String workerId;

    /** The build attempt the execution claimed; null until it claimed one. */
    @Column(name = "ATTEMPT")
    private Integer attempt;

    @Column(name = "STARTED_ON", nullable = false)
    private LocalDateTime startedOn;

    protected JobOwner() {}

    JobOwner(long jobExecutionId, long buildId, String workerId, Integer attempt, LocalDateTime now) {
        this.jobExecutionId = jobExecutionId;
        this.buildId = buildId;
        this.workerId = workerId;
        this.attempt = attempt;
        this.startedOn = now;
    }

    public long getJobExecutionId() {
        return jobExecutionId;
    }

    public long getBuildId() {
        return buildId;
    }

    public String getWorkerId() {
        return workerId;
    }

    public Integer getAttempt() {
        return attempt;
    }

    public LocalDateTime getStartedOn() {
        return startedOn;
    }

    void claimed(int attempt) {
        this.attempt = attempt;
    }
}
