package io.terrarium.infrastructure.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Facade over the Jakarta Batch {@link JobOperator} for the {@code build-environment} job.
 *
 * <p>Every method runs outside any JTA transaction: on PostgreSQL the batch runtime creates its repository
 * tables lazily with transactional DDL, which a caller's transaction would hide from the runtime's own
 * connections (see the stack notes, Q2).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildJobs {

    /** Name of the job XML under {@code META-INF/batch-jobs}. */
    public static final String JOB_NAME = "build-environment";
    /** Job parameter carrying the build id. */
    public static final String BUILD_ID = "buildId";

    private static final Logger LOG = Logger.getLogger(BuildJobs.class.getName());

    private JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /**
     * Starts the build job.
     *
     * @param buildId build to run
     * @param extra   further job parameters (test hooks such as {@code failAfterLinked}); may be empty
     * @return the job execution id
     */
    public long start(long buildId, Properties extra) {
        Properties params = new Properties();
        params.putAll(extra);
        params.setProperty(BUILD_ID, Long.toString(buildId));
        long id = operator().start(JOB_NAME, params);
        LOG.info(() -> "build " + buildId + ": started job execution " + id);
        return id;
    }

    /**
     * Restarts a stopped or failed execution with its original parameters, so it resumes from its last
     * checkpoint.
     *
     * @param executionId execution to restart
     * @param overrides   parameters to change for the new execution (may be empty)
     * @return the new execution id
     */
    public long restart(long executionId, Properties overrides) {
        Properties params = new Properties();
        params.putAll(operator().getParameters(executionId));
        for (String key : overrides.stringPropertyNames()) {
            String value = overrides.getProperty(key);
            if (value == null || value.isEmpty()) {
                params.remove(key);
            } else {
                params.setProperty(key, value);
            }
        }
        return operator().restart(executionId, params);
    }

    /** @return the batch status of an execution, empty if the repository does not know it */
    public Optional<BatchStatus> status(long executionId) {
        try {
            return Optional.of(operator().getJobExecution(executionId).getBatchStatus());
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    /** @return ids of every execution of a build's job, oldest first */
    public List<Long> executionsOf(long buildId) {
        String wanted = Long.toString(buildId);
        List<Long> out = new java.util.ArrayList<>();
        try {
            int count = operator().getJobInstanceCount(JOB_NAME);
            for (jakarta.batch.runtime.JobInstance instance : operator().getJobInstances(JOB_NAME, 0, count)) {
                for (JobExecution e : operator().getJobExecutions(instance)) {
                    Properties p = e.getJobParameters();
                    if (p != null && wanted.equals(p.getProperty(BUILD_ID))) {
                        out.add(e.getExecutionId());
                    }
                }
            }
        } catch (NoSuchJobException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    /** @return executions of the build job running in this server */
    public List<Long> runningExecutions() {
        try {
            return operator().getRunningExecutions(JOB_NAME);
        } catch (NoSuchJobException e) {
            // JBatch throws this when the job never ran here, rather than returning an empty list
            return List.of();
        }
    }

    /**
     * Restarts a dead build's job from its last checkpoint with the original parameters. When another execution of
     * the same job instance came later (a duplicate restart), that most recent one is restarted instead.
     *
     * @return the new execution id
     */
    public long resume(long executionId) {
        try {
            return restart(executionId, new Properties());
        } catch (jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            List<JobExecution> all = operator().getJobExecutions(operator().getJobInstance(executionId));
            long latest =
                    all.stream().mapToLong(JobExecution::getExecutionId).max().orElse(executionId);
            LOG.info(() -> "job execution " + executionId + " is not the most recent of its job; restarting " + latest);
            return restart(latest, new Properties());
        }
    }

    /** Marks a dead execution ABANDONED so it is never restarted (it must be FAILED or STOPPED already). */
    public void abandon(long executionId) {
        try {
            operator().abandon(executionId);
        } catch (RuntimeException e) {
            LOG.warning(() -> "cannot abandon job execution " + executionId + ": " + e);
        }
    }

    /** Asks an execution running in this server to stop after its current item; nothing if it does not run here. */
    public void stopExecution(long executionId) {
        if (!runningExecutions().contains(executionId)) {
            return;
        }
        try {
            operator().stop(executionId);
            LOG.info(() -> "stop requested for job execution " + executionId);
        } catch (RuntimeException e) {
            LOG.fine(() -> "job execution " + executionId + " could not be stopped: " + e);
        }
    }

    /**
     * Asks the execution running a build to stop after its current item.
     *
     * @return true if a running execution of that build was found
     */
    public boolean stopBuild(long buildId) {
        String wanted = Long.toString(buildId);
        for (long id : runningExecutions()) {
            Properties p = operator().getParameters(id);
            if (wanted.equals(p.getProperty(BUILD_ID))) {
                try {
                    operator().stop(id);
                    LOG.info(() -> "build " + buildId + ": stop requested for job execution " + id);
                    return true;
                } catch (JobSecurityException | jakarta.batch.operations.JobExecutionNotRunningException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
