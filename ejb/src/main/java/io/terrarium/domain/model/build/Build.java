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

    @Column(name = "server_instance", length = 255)
    private String serverInstance;

    @OneToMany(mappedBy = "build", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<BuildArtifact> artifacts = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "build_conda_package_build",
            joinColumns = @JoinColumn(name = "build_id"),
            inverseJoinColumns = @JoinColumn(name = "conda_package_build_id"))
    private List<CondaPackageBuild> packageBuilds = new ArrayList<>();

    protected Build() {
    }

    public Build(Environment environment, Specification specification, int buildKeyVersion, LocalDateTime scheduledOn) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.specification = Objects.requireNonNull(specification, "specification");
        this.buildKeyVersion = buildKeyVersion;
        this.scheduledOn = Objects.requireNonNull(scheduledOn, "scheduledOn");
        this.status = BuildStatus.QUEUED;
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

    /** Moves QUEUED (or a BUILDING build resumed after a restart) to BUILDING on the given job execution. */
    public void markBuilding(String jobExecutionId, String serverInstance, LocalDateTime now) {
        requireNotFinal("start");
        claim(jobExecutionId, serverInstance, now);
    }

    /**
     * Claims the build again for a restarted job execution: a FAILED or CANCELED build goes back to BUILDING (its
     * end time and status text cleared); a COMPLETED build cannot be resumed.
     */
    public void resume(String jobExecutionId, String serverInstance, LocalDateTime now) {
        if (status == BuildStatus.COMPLETED) {
            throw new IllegalStateException("cannot resume build " + id + ": it is already COMPLETED");
        }
        this.endedOn = null;
        this.statusInfo = null;
        claim(jobExecutionId, serverInstance, now);
    }

    private void claim(String jobExecutionId, String serverInstance, LocalDateTime now) {
        if (startedOn == null) {
            startedOn = now;
        }
        this.status = BuildStatus.BUILDING;
        this.jobExecutionId = jobExecutionId;
        this.serverInstance = serverInstance;
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
