package io.terrarium.batch;

import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.infrastructure.batch.BuildClaim;
import io.terrarium.infrastructure.batch.BuildJobs;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.batch.BuildProgress;
import io.terrarium.infrastructure.worker.BuildLease;
import io.terrarium.infrastructure.worker.RunningBuilds;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The build a job execution works on, as seen from any of its steps: the build id from the job parameters,
 * the claim (plan and attempt) taken by {@link BuildJobListener}, the lease that fences its writes, the locked
 * records, the build log, and test hooks.
 */
@Dependent
public class BuildRun {

    /** Per-execution state kept in the job context's transient user data. */
    static final class State {
        BuildClaim claim;
        BuildPlan plan;
        BuildLease lease;
        boolean skipped;
        boolean restart;
        boolean resumeLogged;
        boolean reported;
        BuildLog log;
        /** The execution's job parameters, read once: they never change during an execution. */
        Properties parameters;
        /** The lockfile's records in link order, read once the solve step wrote it (the steps after it share them). */
        List<PackageRecord> lockedRecords;
        /** The lockfile's pip wheels in file order, read once like the records. */
        List<PinnedWheel> lockedWheels;
    }

    @Inject
    JobContext jobContext;

    @Inject
    BuildProgress progress;

    @Inject
    BuildEngine engine;

    @Inject
    RunningBuilds running;

    State state() {
        Object data = jobContext.getTransientUserData();
        if (data instanceof State s) {
            return s;
        }
        State s = new State();
        jobContext.setTransientUserData(s);
        return s;
    }

    /**
     * The job parameters, looked up in the job repository once per execution (the fetch and link writers read the
     * test-hook parameters for every package).
     */
    Properties parameters() {
        State s = state();
        if (s.parameters == null) {
            s.parameters = BatchRuntime.getJobOperator().getParameters(jobContext.getExecutionId());
        }
        return s.parameters;
    }

    public long buildId() {
        String id = parameters().getProperty(BuildJobs.BUILD_ID);
        if (id == null) {
            throw new IllegalStateException("job parameter " + BuildJobs.BUILD_ID + " is missing");
        }
        return Long.parseLong(id);
    }

    /** @return true when the listener found the build not runnable (cancelled, duplicate message) */
    public boolean skipped() {
        return state().skipped;
    }

    public BuildPlan plan() {
        State s = state();
        if (s.plan == null) {
            s.plan = progress.plan(buildId());
        }
        return s.plan;
    }

    /**
     * The build's locked records in link order: the list the fetch and link steps index into (a checkpoint is the
     * index of the next record), the link transaction, the export and the completion all use. Read from the lockfile
     * once per job execution, after the solve step wrote it.
     */
    public List<PackageRecord> lockedRecords() {
        State s = state();
        if (s.lockedRecords == null) {
            s.lockedRecords = engine.lockedRecords(plan());
        }
        return s.lockedRecords;
    }

    /**
     * The build's locked pip wheels in file order: the list the fetch-pip and link-pip steps index into (empty for a
     * build without pip dependencies). Read from the lockfile once per job execution.
     */
    public List<PinnedWheel> lockedWheels() {
        State s = state();
        if (s.lockedWheels == null) {
            s.lockedWheels = engine.lockedWheels(plan());
        }
        return s.lockedWheels;
    }

    /** @return the attempt this execution holds (0 before it claimed the build) */
    public int attempt() {
        State s = state();
        return s.claim == null ? 0 : s.claim.attempt();
    }

    /** @return true while this execution may still write its build (its attempt was not fenced out) */
    public boolean mayWrite() {
        BuildLease lease = state().lease;
        return lease != null && running.mayWrite(lease);
    }

    /** @return true once this execution learned that its attempt no longer holds the build */
    public boolean fenced() {
        BuildLease lease = state().lease;
        return lease != null && lease.revoked();
    }

    BuildLease lease() {
        return state().lease;
    }

    public BuildLog log() {
        State s = state();
        if (s.log == null) {
            s.log = new BuildLog(plan().logFile(), attempt(), this::mayWrite);
        }
        return s.log;
    }

    /** @return the progress port with this execution's attempt on every write */
    public FencedProgress progress() {
        return new FencedProgress(progress, attempt());
    }

    /** @return the progress port itself, for the claim and the fencing checks */
    BuildProgress port() {
        return progress;
    }

    public long executionId() {
        return jobContext.getExecutionId();
    }

    /** @return the integer job parameter {@code name} (test hooks such as {@code failAfterLinked=k}), if set */
    public Optional<Integer> intParameter(String name) {
        String v = parameters().getProperty(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(v.trim()));
    }
}
