package io.terrarium.domain.model.build;

import io.terrarium.domain.model.conda.CondaPackageBuild;
import io.terrarium.domain.model.environment.Environment;
import io.terrarium.domain.model.specification.Specification;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to turn a specification into an installed prefix for an environment, with its state machine
 * (QUEUED, BUILDING, then COMPLETED, FAILED or CANCELED), timings, artifacts and installed packages.
 */
@Entity
@Table(name = "build")
public class Build {

    @Id
    @SequenceGenerator(name = "build_seq", sequenceName = "build_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "build_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "environment_id", nullable = false)
    private Environment environment;

    @ManyToOne(optional = false)
    @JoinColumn(name = "specification_id", nullable = false)
    private Specification specification;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private BuildStatus status;

    /** Text shown to users about why the build ended as it did. */
    @Lob
    @Column(name = "status_info")
    private String statusInfo;

    /** Size of the installed prefix in bytes. */
    @Column(name = "build_size", nullable = false)
    private long size;

    @Column(name = "scheduled_on", nullable = false)
    private LocalDateTime scheduledOn;

    @Column(name = "started_on")
    private LocalDateTime startedOn;

    @Column(name = "ended_on")
    private LocalDateTime endedOn;

    @Column(name = "deleted_on")
    private LocalDateTime deletedOn;

    @Column(name = "build_key_version", nullable = false)
    private int buildKeyVersion;

    /** Cached build key for key version 3 (32 hex chars). */
    @Column(name = "key_hash", length = 32)
    private String hash;

    @Column(name = "job_execution_id", length = 64)
    private String jobExecutionId;

    /** Name of the worker running the build (kept after it ends, for the record). */
    @Column(name = "server_instance", length = 255)
    private String serverInstance;

    /**
     * The fencing token: how many times the build was handed to a worker (first run, resumes, re-sends). Only the
     * job execution that claimed the current attempt may change the build; null on rows older than the column.
     */
    @Column(name = "attempt")
    private Integer attempt;

    /** Id of the worker whose job execution holds the current attempt; null while the build waits for one. */
    @Column(name = "worker_id", length = 36)
    private String workerId;

    /** The chunk step the current attempt last committed a package of, and how far it got (for recovery logs). */
    @Column(name = "progress_step", length = 32)
    private String progressStep;

    @Column(name = "progress_done")
    private Integer progressDone;

    @Column(name = "progress_total")
    private Integer progressTotal;

    /** When the build was last put on the queue (submitted, re-sent or handed over after its worker was lost). */
    @Column(name = "handed_over_on")
    private LocalDateTime handedOverOn;

    @OneToMany(mappedBy = "build", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<BuildArtifact> artifacts = new ArrayList<>();

    @ManyToMany
    @JoinTable(
            name = "build_conda_package_build",
            joinColumns = @JoinColumn(name = "build_id"),
            inverseJoinColumns = @JoinColumn(name = "conda_package_build_id"))
    private List<CondaPackageBuild> packageBuilds = new ArrayList<>();

    protected Build() {}

    public Build(Environment environment, Specification specification, int buildKeyVersion, LocalDateTime scheduledOn) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.specification = Objects.requireNonNull(specification, "specification");
        this.buildKeyVersion = buildKeyVersion;
        this.scheduledOn = Objects.requireNonNull(scheduledOn, "scheduledOn");
        this.status = BuildStatus.QUEUED;
        this.attempt = 1;
        this.handedOverOn = scheduledOn;
    }

    public Long getId() {
        return id;
    }

    public Environment getEnvironment() {
        return environment;
    }

    public Specification getSpecification() {
        return specification;
    }

    public BuildStatus getStatus() {
        return status;
    }

    public String getStatusInfo() {
        return statusInfo;
    }

    public long getSize() {
        return size;
    }

    public LocalDateTime getScheduledOn() {
        return scheduledOn;
    }

    public LocalDateTime getStartedOn() {
        return startedOn;
    }

    public LocalDateTime getEndedOn() {
        return endedOn;
    }

    public LocalDateTime getDeletedOn() {
        return deletedOn;
    }

    public boolean isDeleted() {
        return deletedOn != null;
    }

    public int getBuildKeyVersion() {
        return buildKeyVersion;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }

    public String getJobExecutionId() {
        return jobExecutionId;
    }

    public String getServerInstance() {
        return serverInstance;
    }

    public List<BuildArtifact> getArtifacts() {
        return artifacts;
    }

    public List<CondaPackageBuild> getPackageBuilds() {
        return packageBuilds;
    }

    /** @return the current attempt (fencing token), 1 for a build that never ran again */
    public int getAttempt() {
        return attempt == null ? 1 : attempt;
    }

    public String getWorkerId() {
        return workerId;
    }

    public LocalDateTime getHandedOverOn() {
        return handedOverOn == null ? scheduledOn : handedOverOn;
    }

    public String getProgressStep() {
        return progressStep;
    }

    public int getProgressDone() {
        return progressDone == null ? 0 : progressDone;
    }

    public int getProgressTotal() {
        return progressTotal == null ? 0 : progressTotal;
    }

    /** @return true while the job execution holding {@code token} may still write this build */
    public boolean heldBy(int token) {
        return status == BuildStatus.BUILDING && deletedOn == null && workerId != null && getAttempt() == token;
    }

    /** @return true when the build waits for a worker to take its current attempt (queued or handed over) */
    public boolean awaitingWorker() {
        return status == BuildStatus.QUEUED || (status == BuildStatus.BUILDING && workerId == null);
    }

    /**
     * A job execution takes the current attempt: a QUEUED build (first start of a job), or a BUILDING build handed
     * over by the sweeper (a restarted job), becomes BUILDING on that execution and worker.
     *
     * @return the attempt the execution now holds
     */
    public int claim(String jobExecutionId, String workerId, String workerName, boolean restart, LocalDateTime now) {
        boolean claimable =
                restart ? status == BuildStatus.BUILDING && this.workerId == null : status == BuildStatus.QUEUED;
        if (!claimable) {
            throw new IllegalStateException(
                    "build " + id + " is " + status + " on worker " + this.workerId + "; it cannot be claimed");
        }
        take(jobExecutionId, workerId, workerName, now);
        return getAttempt();
    }

    /**
     * Resumes a FAILED build in a restarted job execution (an operator's restart) as a new attempt; a CANCELED or
     * COMPLETED build is never resumed.
     *
     * @return the attempt the execution now holds
     */
    public int resumeFailed(String jobExecutionId, String workerId, String workerName, LocalDateTime now) {
        if (status != BuildStatus.FAILED) {
            throw new IllegalStateException("cannot resume build " + id + ": it is " + status);
        }
        this.attempt = getAttempt() + 1;
        this.endedOn = null;
        this.statusInfo = null;
        take(jobExecutionId, workerId, workerName, now);
        return getAttempt();
    }

    private void take(String jobExecutionId, String workerId, String workerName, LocalDateTime now) {
        if (startedOn == null) {
            startedOn = now;
        }
        this.status = BuildStatus.BUILDING;
        this.attempt = getAttempt();
        this.jobExecutionId = jobExecutionId;
        this.workerId = workerId;
        this.serverInstance = workerName;
    }

    /**
     * Takes the build away from its (lost) worker as a new attempt, which fences out every execution of the older
     * attempts; it then waits for a worker: BUILDING if it had started (it resumes from its checkpoint), QUEUED if not.
     */
    public void handOver(LocalDateTime now) {
        requireNotFinal("hand over");
        this.attempt = getAttempt() + 1;
        this.workerId = null;
        this.handedOverOn = now;
        if (jobExecutionId == null) {
            // no job execution to restart: the build starts afresh
            this.status = BuildStatus.QUEUED;
        }
    }

    /** Forgets the worker of an ended build whose worker was lost (its leftovers were cleaned up). */
    public void releaseWorker() {
        this.workerId = null;
    }

    public void markCompleted(long size, LocalDateTime now) {
        requireNotFinal("complete");
        this.status = BuildStatus.COMPLETED;
        this.size = size;
        this.endedOn = now;
    }

    public void markFailed(String statusInfo, LocalDateTime now) {
        requireNotFinal("fail");
        this.status = BuildStatus.FAILED;
        this.statusInfo = statusInfo;
        this.endedOn = now;
    }

    public void markCanceled(String statusInfo, LocalDateTime now) {
        requireNotFinal("cancel");
        this.status = BuildStatus.CANCELED;
        this.statusInfo = statusInfo;
        this.endedOn = now;
    }

    public void markDeleted(LocalDateTime now) {
        this.deletedOn = now;
    }

    /** After its files are removed, a deleted build takes no space. */
    public void clearSize() {
        this.size = 0;
    }

    private void requireNotFinal(String action) {
        if (status.isFinal()) {
            throw new IllegalStateException("cannot " + action + " build " + id + ": it is already " + status);
        }
    }

    /** Records an artifact, replacing an earlier one of the same type (one of each type per build). */
    public BuildArtifact putArtifact(BuildArtifactType type, String key) {
        Optional<BuildArtifact> existing = artifact(type);
        if (existing.isPresent() && existing.get().getKey().equals(key)) {
            return existing.get();
        }
        existing.ifPresent(artifacts::remove);
        BuildArtifact a = new BuildArtifact(this, type, key);
        artifacts.add(a);
        return a;
    }

    public Optional<BuildArtifact> artifact(BuildArtifactType type) {
        return artifacts.stream().filter(a -> a.getArtifactType() == type).findFirst();
    }
}
